// `toetsing backup FILE`: a consistent copy through SQLite's online backup API, safe while the
// app is running and writing.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { contextFrom, Io } from './io';

export async function backupCommand(io: Io, file: string, opts: { data?: string; criteria?: string }): Promise<void> {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new AppError(409, `${file} bestaat al; kies een nieuw bestand.`);
  if (!fs.existsSync(path.dirname(target))) throw new AppError(409, `De map ${path.dirname(file)} bestaat niet.`);
  const ctx = contextFrom(opts);
  const tmp = `${target}.part`;
  try {
    await ctx.db.backup(tmp);
    fs.renameSync(tmp, target);
    io.out(`Back-up geschreven naar ${file}`);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    ctx.db.close();
  }
}
