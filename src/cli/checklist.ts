// `toetsing checklist import|list|export` and `toetsing mapping import`: publishing frameworks from
// the command line through the same use cases as the beheerder's screens (src/app/checklists.ts).
// Every problem is printed (file, line, field) and ends with a non-zero exit; nothing is half
// published, since each publish is one transaction.
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context';
import { allCriteria } from '../domain/checklist';
import { invalid } from '../errors';
import {
  checkChecklist,
  checkMapping,
  exportVersion,
  listVersions,
  parseChecklistYaml,
  parseMappingYaml,
  publishChecklist,
  publishMapping,
} from '../app/checklists';
import { OPERATOR } from '../app/operator';
import { checklistToXlsx, describeSheetProblem, MAX_CHECKLIST_XLSX_BYTES, readChecklistXlsx } from '../files/checklist-xlsx';
import { dutchDateTime } from '../present/dates';
import { Io, printingProblems, withContext, withDataOption, writeAtomically } from './io';
import { dataOptions, jsonOptions, noArguments, oneArgument, typedAction } from './options';

const importOptions = dataOptions.extend({ dryRun: z.boolean().optional() });
const exportOptions = dataOptions.extend({
  version: z.string().min(1).optional(),
  out: z.string().regex(/\.ya?ml$|\.xlsx$/i, 'Het uitvoerbestand moet op .yaml, .yml of .xlsx eindigen.'),
});

/** A checklist file, YAML or the XLSX template, read and validated; problems name file, sheet/line, row and field. */
async function readChecklistFile(file: string): Promise<unknown> {
  const name = path.basename(file);
  if (/\.xlsx$/i.test(file)) {
    const bytes = fs.readFileSync(file);
    if (bytes.length > MAX_CHECKLIST_XLSX_BYTES) throw invalid(`${name}: het bestand is te groot voor een kader.`, 'bestand');
    const read = await readChecklistXlsx(bytes);
    if (!read.ok) {
      const problems = read.problems.map((p) => `${name}: ${describeSheetProblem(p)}`);
      throw invalid(`${name} is geen geldig kader (${problems.length} ${problems.length === 1 ? 'fout' : 'fouten'}); er is niets gepubliceerd.`, 'bestand', problems);
    }
    return read.checklist;
  }
  if (!/\.ya?ml$/i.test(file)) throw invalid(`${name}: kies een .yaml-, .yml- of .xlsx-bestand.`, 'bestand');
  return parseChecklistYaml(fs.readFileSync(file, 'utf8'), name);
}

async function importChecklist(ctx: Ctx, io: Io, file: string, dryRun: boolean): Promise<void> {
  const name = path.basename(file);
  const input = await readChecklistFile(file);
  const result = dryRun ? checkChecklist(ctx, input) : publishChecklist(ctx, OPERATOR, input, name);
  const c = result.checklist;
  const size = `${c.groups.length} ${c.groups.length === 1 ? 'groep' : 'groepen'}, ${allCriteria(c).length} criteria, schaal ${c.scale.levels.map((l) => l.label).join(' / ')}`;
  if (result.outcome === 'unchanged') io.out(`Kader ${c.id} versie ${c.version} is al precies zo gepubliceerd; er is niets veranderd.`);
  else if (dryRun) io.out(`Proefdraai: kader ${c.id} versie ${c.version} (${c.title}; ${size}) zou worden gepubliceerd; er is niets opgeslagen.`);
  else io.out(`Kader ${c.id} versie ${c.version} gepubliceerd (${c.title}; ${size}).`);
}

function importMapping(ctx: Ctx, io: Io, file: string, dryRun: boolean): void {
  const name = path.basename(file);
  if (!/\.ya?ml$/i.test(file)) throw invalid(`${name}: een koppeling is een .yaml- of .yml-bestand.`, 'bestand');
  const input = parseMappingYaml(fs.readFileSync(file, 'utf8'), name);
  const result = dryRun ? checkMapping(ctx, input) : publishMapping(ctx, OPERATOR, input, name);
  const m = result.mapping;
  const what = `${m.from.checklist} ${m.from.version} → ${m.to.checklist} ${m.to.version}`;
  if (result.outcome === 'unchanged') io.out(`De koppeling ${what} is al precies zo gepubliceerd; er is niets veranderd.`);
  else if (dryRun) io.out(`Proefdraai: de koppeling ${what} is volledig en zou worden gepubliceerd; er is niets opgeslagen.`);
  else io.out(`Koppeling ${what} gepubliceerd.`);
}

function listChecklists(ctx: Ctx, io: Io, json: boolean): void {
  const versions = listVersions(ctx, OPERATOR);
  if (json) {
    io.out(JSON.stringify(versions.map((v) => ({
      id: v.checklist.id,
      version: v.checklist.version,
      title: v.checklist.title,
      criteria: allCriteria(v.checklist).length,
      current: v.current,
      usedBy: v.usedBy,
      sha256: v.sha256,
      source: v.sourceName,
      publishedBy: v.publishedBy,
      publishedAt: v.publishedAt,
    })), null, 2));
    return;
  }
  for (const v of versions) {
    const use = v.usedBy === 0 ? 'niet in gebruik' : `in gebruik bij ${v.usedBy} ${v.usedBy === 1 ? 'onderzoek' : 'onderzoeken'}`;
    io.out(`${v.checklist.id}\t${v.checklist.version}${v.current ? ' (huidig)' : ''}\t${v.checklist.title}\t${use}\tgepubliceerd door ${v.publishedBy} op ${dutchDateTime(v.publishedAt)}`);
  }
}

async function exportChecklist(ctx: Ctx, io: Io, id: string, opts: z.infer<typeof exportOptions>): Promise<void> {
  const { checklist, yaml } = exportVersion(ctx, OPERATOR, id, opts.version);
  writeAtomically(opts.out, /\.xlsx$/i.test(opts.out) ? await checklistToXlsx(checklist) : yaml);
  io.out(`Kader ${checklist.id} versie ${checklist.version} geschreven naar ${opts.out}`);
}

export function checklistCommands(program: Command, io: Io): void {
  const checklist = program.command('checklist').description('toetsingskaders publiceren, tonen en wegschrijven');
  withDataOption(checklist.command('import').description('publiceer een kader uit een YAML- of XLSX-bestand (een gewijzigd kader krijgt een nieuwe versie)').argument('<bestand>', 'het kader'))
    .option('--dry-run', 'controleer alleen; publiceer niets')
    .action(typedAction({ args: oneArgument, options: importOptions }, ([file], opts) =>
      withContext(opts, (ctx) => printingProblems(io, () => importChecklist(ctx, io, file, opts.dryRun ?? false)))));
  withDataOption(checklist.command('list').description('toon de gepubliceerde kaderversies'))
    .option('--json', 'als JSON')
    .action(typedAction({ args: noArguments, options: jsonOptions }, (_, opts) => withContext(opts, (ctx) => { listChecklists(ctx, io, opts.json ?? false); })));
  withDataOption(checklist.command('export').description('schrijf een gepubliceerde kaderversie weg').argument('<kader>', 'het id van het kader'))
    .option('--version <versie>', 'de versie (standaard de huidige)')
    .requiredOption('--out <bestand>', 'het bestand om te schrijven (.yaml of .xlsx)')
    .action(typedAction({ args: oneArgument, options: exportOptions }, ([id], opts) => withContext(opts, (ctx) => exportChecklist(ctx, io, id, opts))));

  const mapping = program.command('mapping').description('koppelingen tussen kaderversies');
  withDataOption(mapping.command('import').description('publiceer een koppeling uit een YAML-bestand (elk criterium gekoppeld, vervallen of nieuw)').argument('<bestand>', 'de koppeling'))
    .option('--dry-run', 'controleer alleen; publiceer niets')
    .action(typedAction({ args: oneArgument, options: importOptions }, ([file], opts) =>
      withContext(opts, (ctx) => printingProblems(io, () => { importMapping(ctx, io, file, opts.dryRun ?? false); }))));
}
