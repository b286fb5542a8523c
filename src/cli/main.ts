// The `toetsing` command. Each subcommand validates its arguments (zod, src/cli/options.ts), opens the data directory and
// calls the use cases of src/app/ as the operator (src/app/operator.ts); errors a user can cause
// are printed in Dutch with a non-zero exit.
import { Command, CommanderError } from 'commander';
import fs from 'node:fs';
import { z } from 'zod';
import { CatalogueError } from '../criteria';
import { AppError, invalid, isKind } from '../errors';
import { ROLES } from '../domain/vocabulary';
import { listUsers } from '../store/users.store';
import { exportInspection, importInspection } from '../app/documents';
import { openInspectionRef } from '../app/inspection-access';
import { OPERATOR } from '../app/operator';
import { addUser, checkNewUser } from '../app/users';
import { resetSecondFactorByEmail } from '../app/totp';
import { ensureDemoAccounts, formatAccounts } from './demo-accounts';
import { loadDemo } from '../demo/load';
import { Io, processIo, promptHidden, readAll, withContext, withDataOption, writeAtomically } from './io';
import { dataOptions, jsonOptions, noArguments, oneArgument, typedAction } from './options';
import { listCommand, statusCommand } from './status';
import { serveCommand, serveOptions } from './serve';
import { backupCommand, restoreCommand, restoreOptions } from './backup';
import { compareCommand, compareOptions, statsImportCommand, trendCommand, trendOptions } from './compare';
import { reportCommand, reportOptions } from './report';
import { wederhoorCommand, wederhoorOptions } from './wederhoor';
import { auditVerifyCommand } from './audit';
import { verdictCommands } from './verdicts';
import { checklistCommands } from './checklist';
import { unitsCommands } from './units';
import { exitCode, FAILURE, USAGE_ERROR } from './exit-codes';

const HELP_TITLES: Record<string, string> = { 'Usage:': 'Gebruik:', 'Options:': 'Opties:', 'Commands:': "Commando's:", 'Arguments:': 'Argumenten:', 'Global Options:': 'Algemene opties:' };

/** The first 'quoted' name in one of commander's messages, or the whole message. */
const quoted = (m: string) => /'([^']+)'/.exec(m)?.[1] ?? m;

/** Commander's own errors, in Dutch. */
function dutchCommanderMessage(e: CommanderError): string {
  const m = e.message.replace(/^error: /, '');
  switch (e.code) {
    case 'commander.unknownOption': return `Onbekende optie: ${quoted(m)}`;
    case 'commander.unknownCommand': return `Onbekend commando: ${quoted(m)}. Zie 'toetsing --help'.`;
    case 'commander.missingArgument': return `Argument ontbreekt: ${quoted(m)}`;
    case 'commander.optionMissingArgument': return `Optie zonder waarde: ${quoted(m)}`;
    case 'commander.missingMandatoryOptionValue': return `Verplichte optie ontbreekt: ${quoted(m)}`;
    case 'commander.excessArguments': return `Te veel argumenten. Zie --help.`;
    case 'commander.invalidArgument': return `Ongeldige waarde: ${m}`;
    default: return m;
  }
}

/** A refused argument of `user add`: a terminal does not show the typed value beside the message, as the form does, so name it. */
function withTypedValue(e: unknown, typed: { email: string; role: string }): unknown {
  if (!isKind(e, 'invalid')) return e;
  const value = e.field === 'email' ? `ongeldig e-mailadres '${typed.email}'. `
    : e.field === 'role' ? `onbekende rol '${typed.role}' (rollen: ${ROLES.join(', ')}). ` : '';
  return invalid(`Kan account niet aanmaken: ${value}${e.message}`, e.field, e.problems);
}

// The role and e-mail address are checked by the web form's rules (src/app/users.ts), with its messages.
const userAddOptions = dataOptions.extend({ role: z.string(), name: z.string().optional(), passwordStdin: z.boolean().optional() });
const exportOptions = dataOptions.extend({ out: z.string().optional(), withChecklists: z.boolean().optional() });
const twoArguments = z.tuple([z.string(), z.string()]);

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
    .action(typedAction({ args: noArguments, options: serveOptions }, (_, opts) => serveCommand(io, opts)));

  withDataOption(program.command('demo').description('laad de demo-onderzoeken (weigert als ze er al zijn)'))
    .action(typedAction({ args: noArguments, options: dataOptions }, (_, opts) => withContext(opts, async (ctx) => {
      const ids = loadDemo(ctx);
      io.out(`Demo geladen: ${ids.length} onderzoeken.`);
      const made = await ensureDemoAccounts(ctx);
      if (made.length) io.out(formatAccounts(made));
    })));

  withDataOption(program.command('list').description('toon de onderzoeken'))
    .option('--json', 'als JSON')
    .action(typedAction({ args: noArguments, options: jsonOptions }, (_, opts) => withContext(opts, (ctx) => listCommand(ctx, io, opts))));

  withDataOption(program.command('status').description('voortgang, oordelen per toezegging en blokkades van een onderzoek').argument('<onderzoek>', 'id of sleutel'))
    .option('--json', 'als JSON')
    .action(typedAction({ args: oneArgument, options: jsonOptions }, ([ref], opts) => withContext(opts, (ctx) => statusCommand(ctx, io, ref, opts))));

  const user = program.command('user').description('accounts beheren');
  withDataOption(user.command('add').description('maak een account aan').argument('<email>', 'e-mailadres'))
    .requiredOption('--role <rol>', `rol: ${ROLES.join(', ')}`)
    .option('--name <naam>', 'naam')
    .option('--password-stdin', 'lees het wachtwoord van standaardinvoer')
    .action(typedAction({ args: oneArgument, options: userAddOptions }, async ([email], opts) => {
      // The web form's checks and messages (src/app/users.ts), before the password is asked and the data folder opened.
      const fields = { email, name: opts.name ?? '', role: opts.role };
      const check = (input: Parameters<typeof checkNewUser>[0]) => {
        try { checkNewUser(input); } catch (e) { throw withTypedValue(e, fields); }
      };
      check(fields);
      let password: string;
      if (opts.passwordStdin) password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
      else {
        if (!io.isTTY) throw invalid('Geen terminal om het wachtwoord te vragen; gebruik --password-stdin.', 'password-stdin');
        password = await promptHidden('Wachtwoord: ');
        if ((await promptHidden('Nogmaals: ')) !== password) throw invalid('De wachtwoorden zijn niet gelijk.', 'password');
      }
      check({ ...fields, password });
      await withContext(opts, async (ctx) => {
        const made = await addUser(ctx, OPERATOR, { ...fields, password });
        io.out(`Account ${made.email} (${made.role}) aangemaakt.`);
      });
    }));
  withDataOption(user.command('list').description('toon de accounts'))
    .action(typedAction({ args: noArguments, options: dataOptions }, (_, opts) => withContext(opts, (ctx) => {
      for (const u of listUsers(ctx.db)) io.out(`${u.email.padEnd(36)} ${u.role.padEnd(10)} ${u.active ? 'actief' : 'uitgeschakeld'}`);
    })));
  // The way back in for a sole beheerder who lost both phone and recovery codes.
  withDataOption(user.command('reset-2fa').description('herstel de tweede factor van een account (telefoon en herstelcodes kwijt)').argument('<email>', 'e-mailadres'))
    .action(typedAction({ args: oneArgument, options: dataOptions }, ([email], opts) => withContext(opts, (ctx) => {
      const u = resetSecondFactorByEmail(ctx, OPERATOR, email);
      io.out(`Tweede factor van ${u.email} hersteld; bij de volgende keer inloggen wordt die opnieuw ingesteld.`);
    })));

  withDataOption(program.command('export').description('exporteer een onderzoek als JSON-document').argument('<onderzoek>', 'id of sleutel'))
    .option('--out <bestand>', 'schrijf naar bestand in plaats van standaarduitvoer')
    .option('--with-checklists', 'neem de kaders en eenheden mee waarmee het onderzoek is getoetst, zodat een andere database het kan importeren')
    .action(typedAction({ args: oneArgument, options: exportOptions }, ([ref], opts) => withContext(opts, (ctx) => {
      const doc = exportInspection(ctx, OPERATOR, openInspectionRef(ctx, OPERATOR, ref, 'read').id, { withFrameworks: opts.withChecklists === true });
      const json = JSON.stringify(doc, null, 2) + '\n';
      if (opts.out) { writeAtomically(opts.out, json); io.out(`Geëxporteerd naar ${opts.out}`); } else io.out(json);
    })));

  withDataOption(program.command('import').description('importeer een onderzoek uit een JSON-document').argument('<bestand>', 'JSON-bestand'))
    .action(typedAction({ args: oneArgument, options: dataOptions }, ([file], opts) => {
      let raw: unknown;
      try { raw = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) {
        const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'bestand bestaat niet' : `geen geldige JSON (${(e as Error).message})`;
        throw invalid(`Kan ${file} niet importeren: ${why}.`);
      }
      return withContext(opts, (ctx) => {
        const id = importInspection(ctx, OPERATOR, raw);
        io.out(`Geïmporteerd als onderzoek ${id}.`);
      });
    }));

  withDataOption(program.command('report').description('maak het landelijke rapport of het rapport van één eenheid als PDF of Word-document').argument('<onderzoek>', 'id of sleutel'))
    .option('--unit <code>', 'rapport voor deze eenheid (bijvoorbeeld AMS) in plaats van het landelijke rapport')
    .requiredOption('--out <bestand>', 'het bestand om te schrijven: .pdf of .docx (formaat volgt uit de extensie)')
    .action(typedAction({ args: oneArgument, options: reportOptions }, ([ref], opts) => reportCommand(io, ref, opts)));

  withDataOption(program.command('wederhoor').description('maak de verwerking van de reacties op het conceptrapport (wederhoor) als PDF of Excel-bestand').argument('<onderzoek>', 'id of sleutel'))
    .requiredOption('--out <bestand>', 'het bestand om te schrijven: .pdf of .xlsx (formaat volgt uit de extensie)')
    .action(typedAction({ args: oneArgument, options: wederhoorOptions }, ([ref], opts) => wederhoorCommand(io, ref, opts)));

  withDataOption(program.command('backup').description('maak een back-upmap met database, bronbestanden en manifest (ook terwijl de app draait); een doel op .sqlite of .db kopieert alleen de database').argument('<doel>', 'nieuwe map (of databasebestand)'))
    .action(typedAction({ args: oneArgument, options: dataOptions }, ([target], opts) => backupCommand(io, target, opts)));

  program.command('restore').description('zet een back-upmap terug in een lege map, na controle van alle hashes, de database en het wijzigingslogboek')
    .argument('<back-up>', 'back-upmap')
    .requiredOption('--data <dir>', 'lege of nieuwe map om in terug te zetten')
    .action(typedAction({ args: oneArgument, options: restoreOptions }, ([backup], opts) => { restoreCommand(io, backup, opts); }));

  const audit = program.command('audit').description('controles op de integriteit van de gegevens');
  withDataOption(audit.command('verify').description('controleer de hashketen van het wijzigingslogboek; noemt de eerste beschadigde of ontbrekende regel'))
    .action(typedAction({ args: noArguments, options: dataOptions }, (_, opts) => { auditVerifyCommand(io, opts); }));

  withDataOption(program.command('compare').description('vergelijk twee onderzoeken (richting per criterium, eenheid en toezegging)').argument('<eerder>', 'id of sleutel van het eerdere onderzoek').argument('<later>', 'id of sleutel van het latere onderzoek'))
    .option('--out <bestand>', 'schrijf de vergelijking naar bestand.pdf, .docx, .csv of .xlsx (formaat volgt uit de extensie)')
    .option('--motivaties', 'in de PDF de motiveringen naast elkaar')
    .action(typedAction({ args: twoArguments, options: compareOptions }, ([earlier, later], opts) => withContext(opts, (ctx) => compareCommand(ctx, io, earlier, later, opts))));

  withDataOption(program.command('trend').description('trend over drie of meer onderzoeken van hetzelfde (of een gekoppeld) kader').argument('<onderzoek...>', 'ids of sleutels'))
    .option('--json', 'als JSON')
    .option('--out <bestand>', 'schrijf de trend naar bestand.pdf of .xlsx (formaat volgt uit de extensie)')
    .action(typedAction({ args: z.tuple([z.array(z.string())]), options: trendOptions }, ([refs], opts) => withContext(opts, (ctx) => trendCommand(ctx, io, refs, opts))));

  const stats = program.command('stats').description('klachtcijfers');
  withDataOption(stats.command('import').description('importeer klachtcijfers uit CSV (alles of niets; vervangt de huidige cijfers)').argument('<onderzoek>', 'id of sleutel').argument('<bestand>', 'CSV met kolommen jaar, eenheid, afgerond, aannemen, eerste_fase, tweede_fase'))
    .action(typedAction({ args: twoArguments, options: dataOptions }, ([ref, file], opts) => withContext(opts, (ctx) => statsImportCommand(ctx, io, ref, file))));

  verdictCommands(program, io);
  checklistCommands(program, io);
  unitsCommands(program, io);

  return program;
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
      return USAGE_ERROR;
    }
    if (e instanceof AppError) {
      io.err(`${e instanceof CatalogueError ? 'Fout in de checklists' : 'Fout'}: ${e.message}`);
      return exitCode(e.kind);
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
      io.err(`Fout: bestand of map niet bruikbaar: ${(e as Error).message}`);
      return FAILURE;
    }
    io.err(`Onverwachte fout: ${(e as Error).message}`);
    return FAILURE;
  }
}
