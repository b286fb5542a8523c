// The beheerder's Kaders screens over real HTTP and SQLite: the XLSX template downloaded, filled in
// by the test (exceljs) with a framework from another field, previewed, published and listed; the
// published version downloaded again and read by a second reader (openpyxl) and as YAML; bad files
// refused with Dutch messages and nothing published; a mapping previewed side by side; lezer and
// inspecteur cannot publish.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import YAML from 'yaml';
import type { Checklist } from '../../src/domain/checklist';
import { must } from '../../src/errors';
import { checklistToXlsx } from '../../src/files/checklist-xlsx';
import { changeLogCount, tempDir } from '../helpers/context';
import { dbFingerprint } from '../helpers/db-state';
import { makeWorld, RoleName, World } from '../helpers/inspector';
import { PROBATION, PROBATION_2026 } from '../helpers/probation-framework';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Excel = require('exceljs') as typeof ExcelJS;
const PYTHON = '/usr/bin/python3';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let w: World;
let dir: string;

beforeAll(async () => {
  w = await makeWorld();
  dir = tempDir('toetsing-kaders-');
});
afterAll(() => {
  w.ctx.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => { cb(null, Buffer.concat(chunks)); });
};

async function download(path_: string, role: RoleName = 'beheerder'): Promise<Buffer> {
  const res = await w.as[role].agent.get(path_).buffer(true).parse(binary).expect(200);
  return res.body as Buffer;
}

/** Fill the downloaded template the way a beheerder would: values typed into its cells. */
async function fillTemplate(template: Buffer, c: Checklist): Promise<Buffer> {
  const wb = new Excel.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const kader = must(wb.getWorksheet('Kader'), 'Kader');
  const values = new Map([['id', c.id], ['versie', c.version], ['titel', c.title], ['korte titel', c.shortTitle], ['bron', c.source], ['schaal-id', c.scale.id]]);
  kader.eachRow((row) => { const v = values.get(row.getCell(1).text); if (v !== undefined) row.getCell(2).value = v; });
  const scale = must(wb.getWorksheet('Schaal'), 'Schaal');
  const rankWord = { positive: 'positief', partial: 'gedeeltelijk', negative: 'negatief' } as const;
  c.scale.levels.forEach((l, i) => { scale.getRow(i + 2).values = [l.code, l.label, rankWord[l.rank]]; });
  const criteria = must(wb.getWorksheet('Criteria'), 'Criteria');
  for (const g of c.groups) {
    g.criteria.forEach((cr, i) => {
      // The group only on its first row: the template's rule "empty = the group of the row above".
      criteria.addRow([i === 0 ? g.id : '', i === 0 ? g.number : '', i === 0 ? g.title : '', i === 0 ? g.kind : '', cr.id, cr.number, cr.text, cr.shortTitle ?? '', (cr.subpoints ?? []).join('\n'), cr.guidance ?? '']);
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(bytes: Buffer, filename: string, role: RoleName = 'beheerder', route = '/kaders/voorbeeld') {
  const { agent, csrf } = w.as[role];
  return agent.post(route).field('_csrf', csrf).attach('bestand', bytes, { filename, contentType: filename.endsWith('.xlsx') ? XLSX : 'application/yaml' });
}

const tokenIn = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '';

function publish(token: string, role: RoleName = 'beheerder', route = '/kaders/publiceren') {
  const { agent, csrf } = w.as[role];
  return agent.post(route).type('form').send({ _csrf: csrf, token });
}

const decode = (html: string) => html.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const versionsOf = (id: string) => (w.ctx.db.prepare('SELECT version FROM checklist_versions WHERE checklist_id = ? ORDER BY id').pluck().all(id) as string[]);

describe('a framework from another field through the XLSX template', () => {
  let previewHtml = '';

  test('when the template is filled in and uploaded, then the preview shows its groups, criteria, sub-points and scale, and nothing is stored', async () => {
    const template = await download('/kaders/sjabloon.xlsx');
    const filled = await fillTemplate(template, PROBATION);
    const before = dbFingerprint(w.ctx);
    const res = await upload(filled, 'reclassering.xlsx').expect(200);
    expect(dbFingerprint(w.ctx)).toBe(before);
    previewHtml = decode(res.text);
    expect(previewHtml).toContain('Voorbeeld: Toetsingskader toezicht door de reclassering');
    expect(previewHtml).toContain('Nieuwe versie.');
    expect(previewHtml).toContain('Thema 1: Het houden van toezicht');
    expect(previewHtml).toContain('Toezichtplan binnen zes weken');
    expect(previewHtml).toContain('<li>de contactfrequentie;</li>');
    expect(previewHtml).toContain('1.10');
    expect(previewHtml).toContain('Voldoet gedeeltelijk');
    expect(previewHtml).toContain('>Publiceren</button>');
  });

  test('when Publiceren is pressed, then the version is published once, logged, and listed with who published it', async () => {
    const log = changeLogCount(w.ctx);
    const res = await publish(tokenIn(previewHtml)).expect(303);
    expect(res.headers.location).toMatch(/^\/kaders\?gepubliceerd=/);
    expect(versionsOf(PROBATION.id)).toEqual(['2025']);
    expect(changeLogCount(w.ctx)).toBe(log + 1);
    expect(w.ctx.catalogue.checklists.get(PROBATION.id)).toEqual(PROBATION);
    const confirmed = decode((await w.as.beheerder.agent.get(must(res.headers.location, 'location')).expect(200)).text);
    expect(confirmed).toContain('<strong>Toezicht reclassering versie 2025</strong> is gepubliceerd.');
    // A made-up confirmation link says nothing.
    expect((await w.as.beheerder.agent.get('/kaders?gepubliceerd=Alles%20is%20gewist').expect(200)).text).not.toContain('is gepubliceerd.');
    const list = decode((await w.as.lezer.agent.get('/kaders').expect(200)).text);
    expect(list).toContain('Toetsingskader toezicht door de reclassering');
    expect(list).toContain('beheerder@demo.toetsing.local');
    expect(list).toContain('/kaders/reclassering-toezicht/versies/2025/kader.xlsx');
    // The demo's checklist is in use by the demo inspections.
    expect(list).toContain('in gebruik — niet meer te wijzigen');
  });

  test('when the same preview is published again, then nothing changes', async () => {
    const log = changeLogCount(w.ctx);
    const res = await publish(tokenIn(previewHtml)).expect(303);
    expect(res.headers.location).toContain('ongewijzigd=1');
    expect(changeLogCount(w.ctx)).toBe(log);
  });

  test('when the published version is downloaded as XLSX, then a second reader (openpyxl) finds every criterion row and the scale', async () => {
    const file = path.join(dir, 'download.xlsx');
    fs.writeFileSync(file, await download('/kaders/reclassering-toezicht/versies/2025/kader.xlsx', 'lezer'));
    const script = [
      'import json, sys, openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'rows = lambda name: [[c for c in r] for r in wb[name].iter_rows(values_only=True)]',
      'print(json.dumps({"sheets": wb.sheetnames, "criteria": rows("Criteria"), "scale": rows("Schaal"), "kader": rows("Kader")}, default=str))',
    ].join('\n');
    const info = JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' })) as { sheets: string[]; criteria: unknown[][]; scale: unknown[][]; kader: unknown[][] };
    expect(info.sheets).toEqual(['Kader', 'Schaal', 'Criteria', 'Uitleg']);
    expect(info.criteria[0]).toEqual(['groep-id', 'groepnummer', 'groeptitel', 'groepsoort', 'criterium-id', 'nummer', 'tekst', 'korte titel', 'subpunten', 'toelichting']);
    expect(info.criteria.slice(1).map((r) => [r[0], r[4], r[5]])).toEqual([['toezicht', 't1', '1.1'], ['toezicht', 't2', '1.2'], ['toezicht', 't3', '1.10']]);
    expect(info.criteria[2][8]).toBe('de bijzondere voorwaarden;\nde contactfrequentie;\nde risico’s.');
    expect(info.scale.slice(1)).toEqual([['voldoet', 'Voldoet', 'positief'], ['voldoet_deels', 'Voldoet gedeeltelijk', 'gedeeltelijk'], ['voldoet_niet', 'Voldoet niet', 'negatief']]);
    expect(info.kader.find((r) => r[0] === 'id')?.[1]).toBe('reclassering-toezicht');
  });

  test('when the published version is downloaded as YAML, then it parses to the same checklist', async () => {
    const text = (await download('/kaders/reclassering-toezicht/versies/2025/kader.yaml', 'lezer')).toString('utf8');
    expect(YAML.parse(text)).toEqual(PROBATION);
  });

  test('when a version that does not exist is asked for, then 404', async () => {
    await w.as.lezer.agent.get('/kaders/reclassering-toezicht/versies/1999/kader.yaml').expect(404);
    await w.as.lezer.agent.get('/kaders/Niet%20Bestaand/versies/2025/kader.xlsx').expect(404);
  });
});

describe('what publishing would do', () => {
  test('when the same id and version come with other content, then the preview refuses and offers no Publiceren', async () => {
    const changed = { ...PROBATION, title: 'Een andere titel' };
    const res = await upload(await checklistToXlsx(changed), 'gewijzigd.xlsx').expect(200);
    const html = decode(res.text);
    expect(html).toContain('Kan niet worden gepubliceerd.');
    expect(html).toContain('versie 2025 is al gepubliceerd; geef het gewijzigde kader een nieuwe versie');
    expect(html).not.toContain('>Publiceren</button>');
  });

  test('when the published YAML is uploaded again, then the preview says it is published exactly so', async () => {
    const yaml = await download('/kaders/reclassering-toezicht/versies/2025/kader.yaml');
    const html = decode((await upload(yaml, 'reclassering.yaml').expect(200)).text);
    expect(html).toContain('Al gepubliceerd, precies zo.');
    expect(html).not.toContain('>Publiceren</button>');
  });
});

describe('bad input is normal input', () => {
  async function refused(bytes: Buffer, filename: string, route = '/kaders/voorbeeld'): Promise<string> {
    const before = dbFingerprint(w.ctx);
    const res = await upload(bytes, filename, 'beheerder', route).expect(400);
    expect(dbFingerprint(w.ctx)).toBe(before);
    const html = decode(res.text);
    expect(html).toContain('Er is niets gepubliceerd.');
    return html;
  }
  const valid = () => YAML.stringify({ ...PROBATION, version: '2030' });

  test('when the YAML is broken, then the line is named', async () => {
    expect(await refused(Buffer.from('id: x\n  title: [oops\n'), 'kapot.yaml')).toMatch(/kapot\.yaml: ongeldige YAML op regel \d+/);
  });

  test('when a criterion id occurs twice in YAML, then the problem names the line and the id', async () => {
    const text = valid().replace('id: t2', 'id: t1');
    expect(await refused(Buffer.from(text), 'dubbel.yaml')).toMatch(/dubbel\.yaml, regel \d+, bij groups\[0\]\.criteria\[1\]\.id: criterium-id 't1' komt dubbel voor/);
  });

  test('when a YAML scale has an unknown rank and a field too many, then each is named with its line, in Dutch', async () => {
    const text = valid().replace('rank: partial', 'rank: half').replace('shortTitle: Toezicht reclassering', 'shortTitle: Toezicht reclassering\nafdeling: toezicht');
    const html = await refused(Buffer.from(text), 'schaal.yaml');
    expect(html).toContain('schaal.yaml is geen geldig kader (2 fouten); er is niets gepubliceerd.');
    expect(html).toMatch(/schaal\.yaml, regel \d+, bij scale\.levels\[1\]\.rank: ongeldige waarde; kies uit: positive, partial, negative/);
    expect(html).toMatch(/schaal\.yaml, regel 1, bij \(bovenste niveau\): onbekende veldnaam: afdeling/);
  });

  test('when a workbook lacks a sheet, then the sheet is named', async () => {
    const wb = new Excel.Workbook();
    await wb.xlsx.load((await checklistToXlsx(PROBATION)) as unknown as ExcelJS.Buffer);
    must(wb.getWorksheet('Criteria'), 'Criteria').name = 'Blad1';
    expect(await refused(Buffer.from(await wb.xlsx.writeBuffer()), 'verkeerd.xlsx')).toContain('Criteria: het blad "Criteria" ontbreekt');
  });

  test('when a rank is unknown and a text is empty, then each is named by sheet, row and column', async () => {
    const wb = new Excel.Workbook();
    await wb.xlsx.load((await checklistToXlsx({ ...PROBATION, version: '2031' })) as unknown as ExcelJS.Buffer);
    must(wb.getWorksheet('Schaal'), 'Schaal').getCell('C3').value = 'halfslachtig';
    must(wb.getWorksheet('Criteria'), 'Criteria').getCell('G4').value = null;
    const html = await refused(Buffer.from(await wb.xlsx.writeBuffer()), 'fouten.xlsx');
    expect(html).toContain('Schaal, rij 3, kolom rang: onbekende rang "halfslachtig"');
    expect(html).toContain('Criteria, rij 4, kolom tekst: leeg');
    expect(versionsOf(PROBATION.id)).not.toContain('2031');
  });

  test('when the file is empty, of another type, or a mapping where a checklist belongs, then it says so', async () => {
    const res = await w.as.beheerder.agent.post('/kaders/voorbeeld').field('_csrf', w.as.beheerder.csrf).attach('bestand', Buffer.alloc(0), 'leeg.yaml').expect(400);
    expect(decode(res.text)).toContain('Er is niets gepubliceerd.');
    expect(await refused(Buffer.from('%PDF-1.4\n'), 'kader.pdf')).toContain('dit bestandstype wordt niet geaccepteerd');
    expect(await refused(Buffer.from('%PDF-1.4\n\u0000'), 'kader.yaml')).toContain('de inhoud is geen tekst');
    expect(await refused(Buffer.from('from: { checklist: a, version: "1" }\nto: { checklist: b, version: "1" }\nmap: []\n'), 'koppeling.yaml')).toContain('is een koppeling, geen kader');
  });

  test('when no file is chosen, then the form asks for one', async () => {
    const res = await w.as.beheerder.agent.post('/kaders/voorbeeld').field('_csrf', w.as.beheerder.csrf).expect(400);
    expect(decode(res.text)).toContain('Kies een bestand.');
  });

  test('when the token is tampered with or missing, then nothing is published', async () => {
    const res = await upload(Buffer.from(valid()), 'nieuw.yaml').expect(200);
    const token = tokenIn(res.text);
    const [data, sig] = token.split('.');
    const forged = Buffer.from(Buffer.from(data, 'base64url').toString('utf8').replace('"2030"', '"2099"')).toString('base64url');
    const before = dbFingerprint(w.ctx);
    expect(decode((await publish(`${forged}.${sig}`).expect(400)).text)).toContain('verlopen of hoort niet bij u');
    await publish('').expect(400);
    expect(dbFingerprint(w.ctx)).toBe(before);
  });
});

describe('who may publish', () => {
  test.each(['lezer', 'inspecteur'] as const)('when a %s uploads or publishes, then 403 and nothing changes', async (role) => {
    const preview = await upload(Buffer.from(YAML.stringify({ ...PROBATION, version: '2040' })), 'nieuw.yaml').expect(200);
    const before = dbFingerprint(w.ctx);
    await upload(Buffer.from(YAML.stringify({ ...PROBATION, version: '2041' })), 'nieuw.yaml', role).expect(403);
    await publish(tokenIn(preview.text), role).expect(403);
    await upload(Buffer.from('x: 1\n'), 'k.yaml', role, '/kaders/koppelingen/voorbeeld').expect(403);
    await publish(tokenIn(preview.text), role, '/kaders/koppelingen/publiceren').expect(403);
    expect(dbFingerprint(w.ctx)).toBe(before);
    // They read the list, without the upload forms.
    const list = (await w.as[role].agent.get('/kaders').expect(200)).text;
    expect(list).not.toContain('action="/kaders/voorbeeld"');
    expect(list).toContain('Alleen een beheerder publiceert kaders en koppelingen.');
  });
});

describe('a mapping between two versions', () => {
  const mappingYaml = (extra: Record<string, unknown> = {}) => YAML.stringify({
    from: { checklist: PROBATION.id, version: '2025' },
    to: { checklist: PROBATION.id, version: '2026' },
    map: [{ from: ['t2'], to: ['t2'] }, { from: ['t3'], to: ['t3a', 't3b'], note: 'gesplitst' }],
    dropped: ['t1'],
    ...extra,
  });

  beforeAll(async () => {
    const res = await upload(Buffer.from(YAML.stringify(PROBATION_2026)), 'reclassering-2026.yaml').expect(200);
    await publish(tokenIn(res.text)).expect(303);
  });

  test('when a criterion is not accounted for, then the preview names it beside both versions and offers no Publiceren', async () => {
    const before = dbFingerprint(w.ctx);
    const html = decode((await upload(Buffer.from(mappingYaml()), 'koppeling.yaml', 'beheerder', '/kaders/koppelingen/voorbeeld').expect(200)).text);
    expect(dbFingerprint(w.ctx)).toBe(before);
    expect(html).toContain('Kan niet worden gepubliceerd.');
    expect(html).toContain('die niet gekoppeld en niet nieuw zijn: t4');
    expect(html).toMatch(/t4<\/span><\/td>\s*<td>[^<]*<\/td>\s*<td><span class="badge badge--blocked">niet verantwoord/);
    expect(html).toContain('→ t3a, t3b');
    expect(html).not.toContain('>Publiceren</button>');
  });

  test('when the editor is opened for the two versions, then each old criterion is proposed as the new one with its id', async () => {
    const res = await w.as.beheerder.agent.get(`/kaders/koppelingen/nieuw?van=${PROBATION.id}%402025&naar=${PROBATION.id}%402026`).expect(200);
    expect(res.text).toContain('name="wordt_t2" type="text" value="t2"');
    expect(res.text).toContain('name="wordt_t1" type="text" value=""');
    await w.as.lezer.agent.get('/kaders/koppelingen/nieuw').expect(403);
  });

  test('when the editor form is sent, then the same preview follows: split, dropped and added filled in, an unknown id named', async () => {
    const { agent, csrf } = w.as.beheerder;
    const form = { _csrf: csrf, van: `${PROBATION.id}@2025`, naar: `${PROBATION.id}@2026`, omschrijving: '', wordt_t1: '', wordt_t2: 't2', wordt_t3: 't3a, t3b' };
    const before = dbFingerprint(w.ctx);
    const ok = decode((await agent.post('/kaders/koppelingen/nieuw').type('form').send(form).expect(200)).text);
    expect(ok).toContain('Nieuwe koppeling.');
    expect(ok).toContain('→ t3a, t3b');
    expect(ok).toMatch(/t1<\/span><\/td>\s*<td>[^<]*<\/td>\s*<td><span class="badge">vervallen/);
    expect(ok).toMatch(/t4<\/span><\/td>\s*<td>[^<]*<\/td>\s*<td><span class="badge">nieuw/);
    const bad = decode((await agent.post('/kaders/koppelingen/nieuw').type('form').send({ ...form, wordt_t2: 't9' }).expect(200)).text);
    expect(bad).toContain('criteria die niet in reclassering-toezicht versie 2026 staan: t9');
    expect(bad).not.toContain('>Publiceren</button>');
    await agent.post('/kaders/koppelingen/nieuw').type('form').send({ ...form, rol: 'beheerder' }).expect(400);
    expect(dbFingerprint(w.ctx)).toBe(before);
  });

  test('when every criterion is accounted for, then it is published and listed', async () => {
    const html = (await upload(Buffer.from(mappingYaml({ added: ['t4'] })), 'koppeling.yaml', 'beheerder', '/kaders/koppelingen/voorbeeld').expect(200)).text;
    expect(html).toContain('Nieuwe koppeling.');
    const done = await publish(tokenIn(html), 'beheerder', '/kaders/koppelingen/publiceren').expect(303);
    expect(decode((await w.as.beheerder.agent.get(must(done.headers.location, 'location')).expect(200)).text))
      .toContain('<strong>De koppeling Toezicht reclassering 2025 → Toezicht reclassering 2026</strong> is gepubliceerd.');
    expect(w.ctx.catalogue.mappings.some((m) => m.from.checklist === PROBATION.id && m.to.version === '2026')).toBe(true);
    const list = decode((await w.as.lezer.agent.get('/kaders').expect(200)).text);
    expect(list).toContain('Toezicht reclassering 2025 → Toezicht reclassering 2026');
  });

  test('when a checklist token is sent to the mapping publish, then it is refused', async () => {
    const res = await upload(Buffer.from(YAML.stringify({ ...PROBATION, version: '2050' })), 'x.yaml').expect(200);
    const before = dbFingerprint(w.ctx);
    await publish(tokenIn(res.text), 'beheerder', '/kaders/koppelingen/publiceren').expect(400);
    expect(dbFingerprint(w.ctx)).toBe(before);
  });
});
