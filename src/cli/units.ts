// `toetsing units import|list`: publishing an organisation's units from the command line through
// the same use cases as the beheerder's screens (src/app/units.ts). Every problem is printed (file,
// line, field) and ends with a non-zero exit; nothing is half published, since a publish is one
// transaction. The command acts as the operator (src/app/operator.ts), recorded as 'cli'.
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context';
import { invalid } from '../errors';
import { listOrganisations, parseUnitSetText, previewChangesSomething, previewUnitSet, publishUnitSet, unitSetVersions, UnitSetPreview } from '../app/units';
import { OPERATOR } from '../app/operator';
import { dutchDateTime } from '../present/dates';
import { Io, printingProblems, withContext, withDataOption } from './io';
import { dataOptions, jsonOptions, noArguments, oneArgument, typedAction } from './options';

const importOptions = dataOptions.extend({ dryRun: z.boolean().optional() });

const CHANGE_WORDS: Record<UnitSetPreview['changes'][number]['kind'], string> = {
  added: 'nieuw',
  renamed: 'andere naam',
  removed: 'vervallen',
  'kind-changed': 'ander soort',
};

function changeLines(preview: UnitSetPreview): string[] {
  const renamed = preview.previousName ? [`  organisatie: andere naam (${preview.previousName} → ${preview.file.organisation})`] : [];
  const addressee = preview.addressee ? [`  aanbevelingen aan: ${preview.addressee.before ?? '(niemand)'} → ${preview.addressee.after}`] : [];
  return [...renamed, ...addressee, ...preview.changes.map((c) => {
    const what = c.kind === 'added' ? c.after : c.kind === 'removed' ? c.before : `${c.before ?? ''} → ${c.after ?? ''}`;
    return `  ${c.code}: ${CHANGE_WORDS[c.kind]}${what ? ` (${what})` : ''}`;
  })];
}

function importUnits(ctx: Ctx, io: Io, file: string, dryRun: boolean): void {
  const name = path.basename(file);
  if (!/\.ya?ml$/i.test(file)) throw invalid(`${name}: een lijst van eenheden is een .yaml- of .yml-bestand.`, 'bestand');
  if (!fs.existsSync(file)) throw invalid(`${file}: het bestand bestaat niet.`, 'bestand');
  const parsed = parseUnitSetText(fs.readFileSync(file, 'utf8'), name);
  const preview = previewUnitSet(ctx, parsed);
  const who = `${parsed.organisation} (${parsed.code})`;
  const size = `${parsed.units.length} ${parsed.units.length === 1 ? 'eenheid' : 'eenheden'}`;
  if (!previewChangesSomething(preview)) {
    io.out(`De eenheden van ${who} zijn al precies zo gepubliceerd als versie ${preview.nextVersion}; er is niets veranderd.`);
    return;
  }
  if (preview.outcome === 'unchanged') {
    // Only whom the recommendations go to changes; the units stay the version they are.
    if (dryRun) io.out(`Proefdraai: de eenheden van ${who} blijven versie ${preview.nextVersion}; alleen wie de aanbevelingen krijgt zou veranderen. Er is niets opgeslagen.`);
    else {
      publishUnitSet(ctx, OPERATOR, parsed, name);
      io.out(`Opgeslagen: wie de aanbevelingen van ${who} krijgt; de eenheden blijven versie ${preview.nextVersion}.`);
    }
    for (const l of changeLines(preview)) io.out(l);
    return;
  }
  const what = preview.outcome === 'new-organisation' ? `nieuwe organisatie ${who}, versie 1` : `${who} versie ${preview.nextVersion}`;
  if (dryRun) {
    io.out(`Proefdraai: ${what} (${size}) zou worden gepubliceerd; er is niets opgeslagen.`);
    for (const l of changeLines(preview)) io.out(l);
    return;
  }
  const result = publishUnitSet(ctx, OPERATOR, parsed, name);
  io.out(`Eenheden gepubliceerd: ${preview.outcome === 'new-organisation' ? `nieuwe organisatie ${who}, versie ${result.version}` : `${who} versie ${result.version}`} (${size}).`);
  for (const l of changeLines(preview)) io.out(l);
}

function listUnits(ctx: Ctx, io: Io, json: boolean): void {
  const organisations = listOrganisations(ctx);
  if (json) {
    io.out(JSON.stringify(organisations.map((o) => ({ ...o, sets: unitSetVersions(ctx, o.code) })), null, 2));
    return;
  }
  for (const o of organisations) {
    const use = o.inspections === 0 ? 'geen onderzoeken' : `${o.inspections} ${o.inspections === 1 ? 'onderzoek' : 'onderzoeken'}`;
    io.out(`${o.code}\t${o.name}\tversie ${o.current} (van ${o.versions})\t${use}`);
    for (const v of unitSetVersions(ctx, o.code)) {
      io.out(`  versie ${v.version}${v.version === o.current ? ' (huidig)' : ''}\t${v.units.length} eenheden\tin gebruik bij ${v.inspections}\tgepubliceerd door ${v.publishedBy} op ${dutchDateTime(v.publishedAt)}`);
    }
  }
}

export function unitsCommands(program: Command, io: Io): void {
  const units = program.command('units').description('organisaties en hun eenheden publiceren en tonen');
  withDataOption(units.command('import').description('publiceer de eenheden van een organisatie uit een YAML-bestand (een gewijzigde lijst wordt een nieuwe versie)').argument('<bestand>', 'de eenheden'))
    .option('--dry-run', 'controleer alleen; publiceer niets')
    .action(typedAction({ args: oneArgument, options: importOptions }, ([file], opts) =>
      withContext(opts, (ctx) => printingProblems(io, () => { importUnits(ctx, io, file, opts.dryRun ?? false); }))));
  withDataOption(units.command('list').description('toon de organisaties en hun versies van eenheden'))
    .option('--json', 'als JSON')
    .action(typedAction({ args: noArguments, options: jsonOptions }, (_, opts) => withContext(opts, (ctx) => { listUnits(ctx, io, opts.json ?? false); })));
}
