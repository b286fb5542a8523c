// The Excel round trip over real HTTP and SQLite, with the sheet edited by another spreadsheet
// library (openpyxl, /usr/bin/python3) than the one that wrote it (exceljs): preview before
// anything is applied, all or nothing on a bad row, a stale row as a conflict, a CLI dry run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'superagent';
import { findCriterion, verdictLabel } from '../../src/domain/checklist';
import { must } from '../../src/errors';
import { getCell, saveVerdict } from '../../src/store/verdicts.store';
import { run } from '../helpers/cli';
import { changeLogCount, tempDir, USERS } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, World } from '../helpers/inspector';

const PYTHON = '/usr/bin/python3';
const EDIT = path.join(__dirname, '../fixtures/edit-verdict-sheet.py');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let w: World;
let dir: string;
let number: string;
const key = (unit: string) => ({ inspectionId: w.id2022, checklist: 'toetsingskader', criterion: 'k3', unit });

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => { cb(null, Buffer.concat(chunks)); });
};

async function download(): Promise<string> {
  const res = await w.as.inspecteur.agent.get(`/onderzoeken/${w.id2022}/werkblad/oordelen.xlsx`).buffer(true).parse(binary).expect(200);
  expect(res.headers['content-type']).toContain(XLSX);
  const file = path.join(dir, `download-${Date.now()}-${Math.random().toString(36).slice(2)}.xlsx`);
  fs.writeFileSync(file, res.body as Buffer);
  return file;
}

interface Edit { unit: string; verdict?: string; motivation?: string; status?: string; set?: Record<string, string | number> }

/** Edit the sheet with openpyxl; returns the edited file and the sheet row of each edited unit. */
function editWithOpenpyxl(file: string, edits: Edit[], headers: Array<{ header: string; to: string }> = []): { file: string; rows: Record<string, number> } {
  const out = file.replace(/\.xlsx$/, '-edited.xlsx');
  const spec = [...edits.map((e) => ({ checklist: 'toetsingskader', criterion: number, ...e })), ...headers];
  const done = JSON.parse(execFileSync(PYTHON, [EDIT, file, out, JSON.stringify(spec)], { encoding: 'utf8' })) as Record<string, number>;
  return { file: out, rows: Object.fromEntries(Object.entries(done).map(([k, r]) => [k.split('/')[2], r])) };
}

function upload(file: string) {
  const { agent, csrf } = w.as.inspecteur;
  return agent.post(`/onderzoeken/${w.id2022}/werkblad`).field('_csrf', csrf).attach('bestand', fs.readFileSync(file), { filename: 'oordelen.xlsx', contentType: XLSX });
}

function confirm(previewHtml: string) {
  const token = /name="token" value="([^"]+)"/.exec(previewHtml)?.[1] ?? '';
  const { agent, csrf } = w.as.inspecteur;
  return agent.post(`/onderzoeken/${w.id2022}/werkblad/toepassen`).type('form').send({ _csrf: csrf, token });
}

beforeAll(async () => {
  w = await makeWorld();
  dir = tempDir('toetsing-sheet-');
  number = must(findCriterion(must(w.ctx.catalogue.checklists.get('toetsingskader'), 'TK'), 'k3'), 'k3').number;
});
afterAll(() => {
  w.ctx.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Run Python lines (openpyxl imported, the workbook as `wb`) on a file and read the JSON they print. */
function readWithOpenpyxl(file: string, lines: string[], ...args: string[]): unknown {
  const script = ['import json, sys, openpyxl', 'wb = openpyxl.load_workbook(sys.argv[1])', ...lines].join('\n');
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file, ...args], { encoding: 'utf8' }));
}

describe('the downloaded working sheet', () => {
  test('when it is opened in openpyxl, then the verdict and status columns have dropdowns, the header is frozen, the sheet is protected and Uitleg is there', async () => {
    const file = await download();
    const info = readWithOpenpyxl(file, [
      'ws = wb["Oordelen"]',
      'dv = [{"sqref": str(d.sqref), "formula": d.formula1, "type": d.type} for d in ws.data_validations.dataValidation]',
      'head = [c.value for c in ws[1]]',
      'print(json.dumps({"sheets": wb.sheetnames, "dv": dv, "freeze": ws.freeze_panes, "protected": ws.protection.sheet, "head": head,',
      '  "verdictLocked": ws.cell(2, head.index("Oordeel") + 1).protection.locked, "unitLocked": ws.cell(2, head.index("Eenheid") + 1).protection.locked}))',
    ]) as {
      sheets: string[]; dv: Array<{ sqref: string; formula: string; type: string }>; freeze: string; protected: boolean; head: string[]; verdictLocked: boolean; unitLocked: boolean;
    };
    expect(info.sheets).toEqual(['Oordelen', 'Uitleg']);
    expect(info.head.slice(0, 9)).toEqual(['Checklist', 'Criterium', 'Criteriumtekst', 'Eenheid', 'Naam eenheid', 'Oordeel', 'Motivering', 'Status', 'Versie']);
    expect(info.dv.some((d) => d.type === 'list' && d.formula.includes('Niet beoordeeld') && d.formula.includes('Ten dele nagekomen') && d.sqref.startsWith('F'))).toBe(true);
    expect(info.dv.some((d) => d.type === 'list' && d.formula.includes('Ter review') && d.sqref.startsWith('H'))).toBe(true);
    expect(info.freeze).toBe('A2');
    expect(info.protected).toBe(true);
    expect([info.verdictLocked, info.unitLocked]).toEqual([false, true]);
  });

  test('when a criterion has sub-points, then its text cell in the sheet carries them, each on its own line', async () => {
    const file = await download();
    const k6 = must(findCriterion(must(w.ctx.catalogue.checklists.get('toetsingskader'), 'TK'), 'k6'), 'k6');
    const text = readWithOpenpyxl(file, [
      'ws = wb["Oordelen"]',
      'head = [c.value for c in ws[1]]',
      'print(json.dumps([r[head.index("Criteriumtekst")] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "toetsingskader" and r[1] == sys.argv[2]][0]))',
    ], k6.number) as string;
    expect(text.split('\n')).toEqual([k6.text, ...(k6.subpoints ?? []).map((sp) => `– ${sp}`)]);
    expect(k6.subpoints?.length).toBeGreaterThan(1);
  });
});

describe('uploading a sheet edited in openpyxl', () => {
  test('when verdicts and motivations are changed, then the preview lists them per cell and changes nothing; confirming applies them with one change-log entry each', async () => {
    const edited = editWithOpenpyxl(await download(), [
      { unit: 'NN', verdict: 'Niet nagekomen', motivation: 'Uit Excel: NN' },
      { unit: 'ON', verdict: 'Ten dele nagekomen' },
      { unit: 'KS', motivation: 'Alleen de motivering, uit Excel', status: 'Ter review' },
    ]);
    const before = dbFingerprint(w.ctx);
    const preview = await upload(edited.file).expect(200);
    expect(dbFingerprint(w.ctx)).toBe(before);
    expect(preview.text).toContain('Voorbeeld van de wijzigingen');
    expect(preview.text).toContain(`Toetsingskader ${number} · NN`);
    expect(preview.text).toContain('<strong>Niet nagekomen</strong>');
    expect(preview.text).toContain('<strong>Ter review</strong>');

    const log = changeLogCount(w.ctx);
    const done = await confirm(preview.text).expect(200);
    expect(done.text).toContain('3 cellen bijgewerkt');
    expect(getCell(w.ctx.db, key('NN'))).toMatchObject({ verdict: 'niet_nagekomen', motivation: 'Uit Excel: NN', updatedBy: USERS.inspecteur.email });
    expect(getCell(w.ctx.db, key('ON')).verdict).toBe('ten_dele');
    expect(getCell(w.ctx.db, key('KS'))).toMatchObject({ motivation: 'Alleen de motivering, uit Excel', workflow: 'ter_review' });
    expect(changeLogCount(w.ctx)).toBe(log + 3);
    // The token is used up: the same confirmation again applies nothing.
    const again = await confirm(preview.text).expect(400);
    expect(again.text).toContain('verlopen of niet gevonden');
  });

  test('when one row has a verdict that is not on the scale, then nothing is applied and the message names sheet, row and column', async () => {
    const edited = editWithOpenpyxl(await download(), [
      { unit: 'NN', verdict: 'Nagekomen', motivation: 'Zou goed zijn' },
      { unit: 'NH', verdict: 'Misschien' },
    ]);
    const before = dbFingerprint(w.ctx);
    const res = await upload(edited.file).expect(400);
    expect(res.text).toContain('Er is niets overgenomen');
    expect(res.text).toContain(`Blad &#34;Oordelen&#34;, rij ${edited.rows.NH}, kolom F (Oordeel): &#34;Misschien&#34; staat niet op de schaal`);
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  test('when keys, versions or headers are tampered with, then every problem is listed by sheet, row and column and nothing is applied', async () => {
    const file = await download();
    const edited = editWithOpenpyxl(file, [
      { unit: 'NN', verdict: 'Nagekomen', set: { Versie: 'drie' } },
      { unit: 'ON', set: { Eenheid: 'XX' } },
      { unit: 'KS', set: { Criterium: '99' } },
      { unit: 'NH', set: { Eenheid: 'MN' } },
    ]);
    const before = dbFingerprint(w.ctx);
    const res = await upload(edited.file).expect(400);
    const rows = edited.rows;
    expect(res.text).toContain(`rij ${rows.NN}, kolom I (Versie): de versie is geen getal`);
    expect(res.text).toContain(`rij ${rows.ON}, kolom D (Eenheid): de eenheid &#34;XX&#34; hoort niet bij dit onderzoek`);
    expect(res.text).toContain(`rij ${rows.KS}, kolom B (Criterium): het criterium &#34;99&#34; bestaat niet`);
    expect(res.text).toContain(`rij ${rows.NH}, kolom J (Cel-id): de sleutel van deze rij`);
    const noHeader = editWithOpenpyxl(file, [], [{ header: 'Oordeel', to: 'Mijn oordeel' }]);
    const res2 = await upload(noHeader.file).expect(400);
    expect(res2.text).toContain('Blad &#34;Oordelen&#34;, rij 1, kolom F: de kolomkop &#34;Oordeel&#34; ontbreekt');
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  test('when someone saved a cell after the download, then that row is shown as a conflict and not applied, and the other rows are', async () => {
    const file = await download();
    const seen = getCell(w.ctx.db, key('MN'));
    saveVerdict(w.ctx.db, USERS.beheerder.email, key('MN'), seen.version, { verdict: 'nagekomen', motivation: 'Van de beheerder', workflow: 'gereed' });
    const edited = editWithOpenpyxl(file, [
      { unit: 'MN', verdict: 'Niet nagekomen', motivation: 'Mijn versie' },
      { unit: 'NH', verdict: 'Nagekomen', motivation: 'NH uit Excel' },
    ]);
    const preview = await upload(edited.file).expect(200);
    expect(preview.text).toContain('Conflicten: deze rijen worden niet overgenomen');
    expect(preview.text).toContain(`Rij ${edited.rows.MN}:`);
    const done = await confirm(preview.text).expect(200);
    expect(done.text).toContain('Eén cel bijgewerkt');
    expect(done.text).toContain(`Rij ${edited.rows.MN}:`);
    expect(getCell(w.ctx.db, key('MN'))).toMatchObject({ verdict: 'nagekomen', motivation: 'Van de beheerder', version: seen.version + 1 });
    expect(getCell(w.ctx.db, key('NH'))).toMatchObject({ verdict: 'nagekomen', motivation: 'NH uit Excel' });
  });

  test('when a reader or someone off the team uploads, then it is refused without a change', async () => {
    const before = dbFingerprint(w.ctx);
    const { agent, csrf } = w.as.lezer;
    await agent.post(`/onderzoeken/${w.id2022}/werkblad`).field('_csrf', csrf).attach('bestand', Buffer.from('x'), { filename: 'a.xlsx', contentType: XLSX }).expect(403);
    const other = w.as.buitenstaander;
    await other.agent.post(`/onderzoeken/${w.id2022}/werkblad`).field('_csrf', other.csrf).attach('bestand', Buffer.from('x'), { filename: 'a.xlsx', contentType: XLSX }).expect(404);
    expect(dbFingerprint(w.ctx)).toBe(before);
  });
});

describe('toetsing verdicts on the command line', () => {
  const ref = 'recht-van-klagen-2022';
  const data = () => ['--data', w.ctx.dataDir];

  test('when a dry run imports an edited sheet, then the changes are printed and nothing changes', async () => {
    const out = path.join(dir, 'cli.xlsx');
    const exported = await run(['verdicts', 'export', ref, '--out', out, ...data()]);
    expect(exported).toMatchObject({ code: 0 });
    const edited = editWithOpenpyxl(out, [{ unit: 'ON', verdict: 'Nagekomen', motivation: 'Proefdraai' }]);
    const was = verdictLabel(must(w.ctx.catalogue.checklists.get('toetsingskader'), 'TK').scale, getCell(w.ctx.db, key('ON')).verdict);
    const before = dbFingerprint(w.ctx);
    const res = await run(['verdicts', 'import', ref, edited.file, '--as', USERS.inspecteur.email, '--dry-run', ...data()]);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain(`Rij ${edited.rows.ON}: Toetsingskader ${number} · ON: oordeel ${was} → Nagekomen; motivering gewijzigd`);
    expect(res.out).toContain('er is niets opgeslagen');
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  test('when an import has a bad row, then it exits non-zero naming sheet, row and column, and changes nothing', async () => {
    const out = path.join(dir, 'cli-bad.xlsx');
    await run(['verdicts', 'export', ref, '--out', out, ...data()]);
    const edited = editWithOpenpyxl(out, [{ unit: 'ON', verdict: 'Nagekomen' }, { unit: 'KS', status: 'Bijna klaar' }]);
    const before = dbFingerprint(w.ctx);
    const res = await run(['verdicts', 'import', ref, edited.file, '--as', USERS.inspecteur.email, ...data()]);
    expect(res.code).not.toBe(0);
    expect(res.err).toContain(`Blad "Oordelen", rij ${edited.rows.KS}, kolom H (Status): "Bijna klaar" is geen status`);
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  test('when the account named by --as is off the team, then the import is refused', async () => {
    const out = path.join(dir, 'cli-off.xlsx');
    await run(['verdicts', 'export', ref, '--out', out, ...data()]);
    const res = await run(['verdicts', 'import', ref, out, '--as', USERS.buitenstaander.email, ...data()]);
    expect(res.code).not.toBe(0);
    expect(res.err).toContain('Onderzoek niet gevonden');
  });
});
