// The `toetsing` command. Each subcommand validates its arguments, opens the data directory and
// calls the store or domain; errors a user can cause are printed in Dutch with a non-zero exit.
import { Command, CommanderError } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CatalogueError } from '../criteria';
import { AppError } from '../errors';
import { ROLES } from '../domain/vocabulary';
import { exportDocument, importDocument } from '../store/documents';
import { findInspection } from '../store/inspections.store';
import { createUser, listUsers, passwordProblem } from '../store/users.store';
import { ensureDemoAccounts, formatAccounts } from './demo-accounts';
import { loadDemo } from '../demo/load';
import { contextFrom, Io, processIo, promptHidden, readAll, withDataOption } from './io';
import { listCommand, statusCommand } from './status';
import { serveCommand } from './serve';
import { backupCommand, restoreCommand } from './backup';
import { compareCommand, statsImportCommand, trendCommand } from './compare';
import { reportCommand } from './report';
import { auditVerifyCommand } from './audit';

const HELP_TITLES: Record<string, string> = { 'Usage:': 'Gebruik:', 'Options:': 'Opties:', 'Commands:': "Commando's:", 'Arguments:': 'Argumenten:', 'Global Options:': 'Algemene opties:' };

/** Commander's own errors, in Dutch. */
function dutchCommanderMessage(e: CommanderError): string {
  const m = e.message.replace(/^error: /, '');
  switch (e.code) {
    case 'commander.unknownOption': return `Onbekende optie: ${m.match(/'([^']+)'/)?.[1] ?? m}`;
    case 'commander.unknownCommand': return `Onbekend commando: ${m.match(/'([^']+)'/)?.[1] ?? m}. Zie 'toetsing --help'.`;
    case 'commander.missingArgument': return `Argument ontbreekt: ${m.match(/'([^']+)'/)?.[1] ?? m}`;
    case 'commander.optionMissingArgument': return `Optie zonder waarde: ${m.match(/'([^']+)'/)?.[1] ?? m}`;
    case 'commander.missingMandatoryOptionValue': return `Verplichte optie ontbreekt: ${m.match(/'([^']+)'/)?.[1] ?? m}`;
    case 'commander.excessArguments': return `Te veel argumenten. Zie --help.`;
    case 'commander.invalidArgument': return `Ongeldige waarde: ${m}`;
    default: return m;
  }
}

export function buildProgram(io: Io): Command {
  const program = new Command('toetsing')
    .description('Toetsing: onderzoeken beoordelen aan een toetsingskader, met bronnen, rapporten en vergelijking')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: () => undefined })
    .showHelpAfterError(false)
    .helpOption('-h, --help', 'toon hulp bij dit commando')
    .helpCommand('help [commando]', 'toon hulp bij een commando')
    .configureHelp({ styleTitle: (title: string) => HELP_TITLES[title] ?? title });

  withDataOption(program.command('serve').description('start de webapplicatie'))
    .option('--port <port>', 'poort (standaard 3000 of $PORT)')
    .option('--host <host>', 'adres om op te luisteren (standaard 127.0.0.1)')
    .option('--demo-if-empty', 'laad de demo-onderzoeken en maak demo-accounts aan als de datamap leeg is')
    .action(async (opts) => serveCommand(io, opts));

  withDataOption(program.command('demo').description('laad de demo-onderzoeken (weigert als ze er al zijn)')).action(async (opts) => {
    const ctx = contextFrom(opts);
    try {
      const ids = loadDemo(ctx);
      io.out(`Demo geladen: ${ids.length} onderzoeken.`);
      const made = await ensureDemoAccounts(ctx);
      if (made.length) io.out(formatAccounts(made));
    } finally { ctx.db.close(); }
  });

  withDataOption(program.command('list').description('toon de onderzoeken'))
    .option('--json', 'als JSON')
    .action((opts) => { const ctx = contextFrom(opts); try { listCommand(ctx, io, opts); } finally { ctx.db.close(); } });

  withDataOption(program.command('status').description('voortgang, oordelen per toezegging en blokkades van een onderzoek').argument('<onderzoek>', 'id of sleutel'))
    .option('--json', 'als JSON')
    .action((ref, opts) => { const ctx = contextFrom(opts); try { statusCommand(ctx, io, ref, opts); } finally { ctx.db.close(); } });

  const user = program.command('user').description('accounts beheren');
  withDataOption(user.command('add').description('maak een account aan').argument('<email>', 'e-mailadres'))
    .requiredOption('--role <rol>', `rol: ${ROLES.join(', ')}`)
    .option('--name <naam>', 'naam')
    .option('--password-stdin', 'lees het wachtwoord van standaardinvoer')
    .action(async (email, opts) => {
      const parsed = z.object({ email: z.string().email(), role: z.enum(ROLES) }).safeParse({ email, role: opts.role });
      if (!parsed.success) {
        const bad = parsed.error.issues[0].path[0] === 'email' ? `ongeldig e-mailadres '${email}'` : `onbekende rol '${opts.role}' (kies uit ${ROLES.join(', ')})`;
        throw new AppError(400, `Kan account niet aanmaken: ${bad}.`);
      }
      let password: string;
      if (opts.passwordStdin) password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
      else {
        if (!io.isTTY) throw new AppError(400, 'Geen terminal om het wachtwoord te vragen; gebruik --password-stdin.');
        password = await promptHidden('Wachtwoord: ');
        if ((await promptHidden('Nogmaals: ')) !== password) throw new AppError(400, 'De wachtwoorden zijn niet gelijk.');
      }
      const problem = passwordProblem(password);
      if (problem) throw new AppError(400, problem);
      const ctx = contextFrom(opts);
      try {
        await createUser(ctx.db, 'cli', { email: parsed.data.email, role: parsed.data.role, name: opts.name, password });
        io.out(`Account ${parsed.data.email} (${parsed.data.role}) aangemaakt.`);
      } finally { ctx.db.close(); }
    });
  withDataOption(user.command('list').description('toon de accounts')).action((opts) => {
    const ctx = contextFrom(opts);
    try { for (const u of listUsers(ctx.db)) io.out(`${u.email.padEnd(36)} ${u.role.padEnd(10)} ${u.active ? 'actief' : 'uitgeschakeld'}`); } finally { ctx.db.close(); }
  });

  withDataOption(program.command('export').description('exporteer een onderzoek als JSON-document').argument('<onderzoek>', 'id of sleutel'))
    .option('--out <bestand>', 'schrijf naar bestand in plaats van standaarduitvoer')
    .action((ref, opts) => {
      const ctx = contextFrom(opts);
      try {
        const doc = exportDocument(ctx.db, ctx.catalogue, findInspection(ctx.db, ref).id);
        const json = JSON.stringify(doc, null, 2) + '\n';
        if (opts.out) { writeAtomically(opts.out, json); io.out(`Geëxporteerd naar ${opts.out}`); } else io.out(json);
      } finally { ctx.db.close(); }
    });

  withDataOption(program.command('import').description('importeer een onderzoek uit een JSON-document').argument('<bestand>', 'JSON-bestand'))
    .action((file, opts) => {
      let raw: unknown;
      try { raw = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) {
        const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'bestand bestaat niet' : `geen geldige JSON (${(e as Error).message})`;
        throw new AppError(400, `Kan ${file} niet importeren: ${why}.`);
      }
      const ctx = contextFrom(opts);
      try {
        const id = importDocument(ctx.db, ctx.catalogue, 'cli', raw);
        io.out(`Geïmporteerd als onderzoek ${id}.`);
      } finally { ctx.db.close(); }
    });

  withDataOption(program.command('report').description('maak het landelijke rapport of het rapport van één eenheid als PDF').argument('<onderzoek>', 'id of sleutel'))
    .option('--unit <code>', 'rapport voor deze eenheid (bijvoorbeeld AMS) in plaats van het landelijke rapport')
    .requiredOption('--out <bestand>', 'het PDF-bestand om te schrijven')
    .action(async (ref, opts) => reportCommand(io, ref, opts));

  withDataOption(program.command('backup').description('maak een back-upmap met database, bronbestanden en manifest (ook terwijl de app draait); een doel op .sqlite of .db kopieert alleen de database').argument('<doel>', 'nieuwe map (of databasebestand)'))
    .action(async (file, opts) => backupCommand(io, file, opts));

  program.command('restore').description('zet een back-upmap terug in een lege map, na controle van alle hashes, de database en het wijzigingslogboek')
    .argument('<back-up>', 'back-upmap')
    .requiredOption('--data <dir>', 'lege of nieuwe map om in terug te zetten')
    .action((backup, opts) => restoreCommand(io, backup, opts));

  const audit = program.command('audit').description('controles op de integriteit van de gegevens');
  withDataOption(audit.command('verify').description('controleer de hashketen van het wijzigingslogboek; noemt de eerste beschadigde of ontbrekende regel'))
    .action((opts) => auditVerifyCommand(io, opts));

  withDataOption(program.command('compare').description('vergelijk twee onderzoeken (richting per criterium, eenheid en toezegging)').argument('<eerder>', 'id of sleutel van het eerdere onderzoek').argument('<later>', 'id of sleutel van het latere onderzoek'))
    .option('--out <bestand>', 'schrijf de vergelijking naar bestand.pdf, .csv of .xlsx (formaat volgt uit de extensie)')
    .option('--motivaties', 'in de PDF de motiveringen naast elkaar')
    .action(async (earlier, later, opts) => { const ctx = contextFrom(opts); try { await compareCommand(ctx, io, earlier, later, opts); } finally { ctx.db.close(); } });

  withDataOption(program.command('trend').description('trend over drie of meer onderzoeken van hetzelfde (of een gekoppeld) kader').argument('<onderzoek...>', 'ids of sleutels'))
    .option('--json', 'als JSON')
    .action((refs, opts) => { const ctx = contextFrom(opts); try { trendCommand(ctx, io, refs, opts); } finally { ctx.db.close(); } });

  const stats = program.command('stats').description('klachtcijfers');
  withDataOption(stats.command('import').description('importeer klachtcijfers uit CSV (alles of niets; vervangt de huidige cijfers)').argument('<onderzoek>', 'id of sleutel').argument('<bestand>', 'CSV met kolommen jaar, eenheid, afgerond, aannemen, eerste_fase, tweede_fase'))
    .action((ref, file, opts) => { const ctx = contextFrom(opts); try { statsImportCommand(ctx, io, ref, file); } finally { ctx.db.close(); } });

  return program;
}

/** Write to a temporary file and rename, so a failure never leaves half a file. */
export function writeAtomically(file: string, content: string | Buffer): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      io.err(`Fout: ${dutchCommanderMessage(e)}`);
      return 2;
    }
    if (e instanceof AppError) { io.err(`Fout: ${e.message}`); return e.status === 400 ? 2 : 1; }
    if (e instanceof CatalogueError) { io.err(`Fout in de checklists: ${e.message}`); return 1; }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
      io.err(`Fout: bestand of map niet bruikbaar: ${(e as Error).message}`);
      return 1;
    }
    if (e instanceof Error && /^Ongeldige instelling/.test(e.message)) { io.err(`Fout: ${e.message}`); return 2; }
    io.err(`Onverwachte fout: ${(e as Error).message}`);
    return 1;
  }
}
