// `toetsing verdicts export|import`: the Excel round trip of src/app/verdict-sheet.ts on the
// command line. An import acts as the user named by --as, with that user's rights, exactly as
// the web upload does; any problem or conflict ends with a non-zero exit.
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import { conflict, invalid, notFound } from '../errors';
import { openInspectionRef } from '../app/inspection-access';
import { OPERATOR } from '../app/operator';
import { applyVerdictSheet, describeProblem, exportVerdictSheet, previewVerdictSheet, SheetConflict, SheetPlan } from '../app/verdict-sheet';
import { findUserByEmail } from '../store/users.store';
import { Io, withContext, withDataOption, writeAtomically } from './io';
import { dataOptions, oneArgument, typedAction } from './options';

const exportOptions = dataOptions.extend({ out: z.string().regex(/\.xlsx$/i, 'Het uitvoerbestand moet op .xlsx eindigen.') });
const importOptions = dataOptions.extend({ as: z.string().min(1), dryRun: z.boolean().optional() });

/** The user named by --as: must exist and be active; their rights on the inspection are the use case's. */
function actorOf(ctx: Ctx, email: string): Actor {
  const user = findUserByEmail(ctx.db, email.trim().toLowerCase());
  if (!user) throw notFound(`Er is geen account ${email}.`);
  if (!user.active) throw invalid(`Het account ${email} is uitgeschakeld.`, 'as');
  return user;
}

const conflictLine = (c: SheetConflict) =>
  `Conflict, niet overgenomen: rij ${c.row}: ${c.checklist} ${c.criterion} · ${c.unit} (versie in het werkblad ${c.sheetVersion}, opgeslagen versie ${c.currentVersion}${c.currentBy ? ` door ${c.currentBy}` : ''})`;

function reportProblems(io: Io, plan: Extract<SheetPlan, { ok: false }>): never {
  for (const p of plan.problems) io.err(describeProblem(p));
  throw invalid(`Er is niets overgenomen: ${plan.problems.length === 1 ? 'één probleem' : `${plan.problems.length} problemen`} in het werkblad.`);
}

function endWithConflicts(conflicts: SheetConflict[]): void {
  if (conflicts.length > 0) throw conflict(`${conflicts.length === 1 ? 'Eén rij is' : `${conflicts.length} rijen zijn`} niet overgenomen wegens een conflict; download een nieuw werkblad.`);
}

async function importSheet(ctx: Ctx, io: Io, ref: string, file: string, opts: z.infer<typeof importOptions>): Promise<void> {
  const actor = actorOf(ctx, opts.as);
  const inspection = openInspectionRef(ctx, actor, ref, 'edit');
  const bytes = fs.readFileSync(file);
  const name = path.basename(file);
  if (opts.dryRun) {
    const plan = await previewVerdictSheet(ctx, actor, inspection.id, name, bytes);
    if (!plan.ok) reportProblems(io, plan);
    for (const c of plan.changes) {
      io.out(`Rij ${c.row}: ${c.checklist} ${c.criterion} · ${c.unit}: oordeel ${c.oldVerdict} → ${c.newVerdict}; motivering ${c.motivationChanged ? 'gewijzigd' : 'ongewijzigd'}; status ${c.oldStatus} → ${c.newStatus}`);
    }
    for (const c of plan.conflicts) io.err(conflictLine(c));
    io.out(`Proefdraai: ${plan.changes.length} ${plan.changes.length === 1 ? 'cel zou veranderen' : 'cellen zouden veranderen'}; er is niets opgeslagen.`);
    endWithConflicts(plan.conflicts);
    return;
  }
  const outcome = await applyVerdictSheet(ctx, actor, inspection.id, name, bytes);
  if (!outcome.ok) reportProblems(io, outcome);
  for (const c of outcome.conflicts) io.err(conflictLine(c));
  io.out(`${outcome.saved} ${outcome.saved === 1 ? 'cel' : 'cellen'} bijgewerkt in onderzoek ${inspection.ref}.`);
  endWithConflicts(outcome.conflicts);
}

export function verdictCommands(program: Command, io: Io): void {
  const verdicts = program.command('verdicts').description('oordelen als Excel-werkblad exporteren en ingevuld importeren');
  withDataOption(verdicts.command('export').description('schrijf de oordelen van een onderzoek als werkblad (XLSX)').argument('<onderzoek>', 'id of sleutel'))
    .requiredOption('--out <bestand>', 'het XLSX-bestand om te schrijven')
    .action(typedAction({ args: oneArgument, options: exportOptions }, ([ref], opts) => withContext(opts, async (ctx) => {
      const inspection = openInspectionRef(ctx, OPERATOR, ref, 'read');
      const { bytes } = await exportVerdictSheet(ctx, OPERATOR, inspection.id);
      writeAtomically(opts.out, bytes);
      io.out(`Werkblad geschreven naar ${opts.out}`);
    })));
  withDataOption(verdicts.command('import').description('neem een ingevuld werkblad over (alles of niets; conflicten worden niet overgenomen)')
    .argument('<onderzoek>', 'id of sleutel').argument('<bestand>', 'het ingevulde XLSX-werkblad'))
    .requiredOption('--as <email>', 'het account dat de wijzigingen doet (moet het onderzoek mogen wijzigen)')
    .option('--dry-run', 'toon de wijzigingen zonder iets op te slaan')
    .action(typedAction({ args: z.tuple([z.string(), z.string()]), options: importOptions }, ([ref, file], opts) =>
      withContext(opts, (ctx) => importSheet(ctx, io, ref, file, opts))));
}
