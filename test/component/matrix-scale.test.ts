// The matrix at the size the brief names: 100 units × 60 criteria (6,000 cells). Prints the
// time per request as a benchmark figure; asserts only that every cell is there.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { buildApp } from '../../src/web/app';
import { createInspection } from '../../src/store/inspections.store';
import { saveVerdict } from '../../src/store/verdicts.store';
import { addUsers, makeCtx, tempDir, TestCtx, USERS } from '../helpers/context';
import { login } from '../helpers/http';
import { defaultUnits } from '../../src/domain/units';

const UNITS = 100;
const GROUPS = 6;
const PER_GROUP = 10;
let ctx: TestCtx;
let criteriaDir: string;

beforeAll(async () => {
  criteriaDir = tempDir('toetsing-criteria-');
  fs.mkdirSync(path.join(criteriaDir, 'checklists'));
  fs.writeFileSync(path.join(criteriaDir, 'units.yaml'), stringify({
    organisation: 'Groot',
    units: Array.from({ length: UNITS }, (_, i) => ({ code: `U${String(i + 1).padStart(3, '0')}`, name: `Eenheid ${i + 1}`, kind: 'regionaal' })),
  }));
  fs.writeFileSync(path.join(criteriaDir, 'checklists', 'groot.yaml'), stringify({
    id: 'groot', version: '1', title: 'Grote checklist', shortTitle: 'Groot', source: 'test',
    scale: { id: 's', levels: [{ code: 'ja', label: 'Ja', rank: 'positive' }, { code: 'deels', label: 'Deels', rank: 'partial' }, { code: 'nee', label: 'Nee', rank: 'negative' }] },
    groups: Array.from({ length: GROUPS }, (_, g) => ({
      id: `g${g + 1}`, number: g + 1, title: `Groep ${g + 1}`, kind: 'toezegging',
      criteria: Array.from({ length: PER_GROUP }, (_, c) => ({ id: `c${g * PER_GROUP + c + 1}`, number: String(g * PER_GROUP + c + 1), text: `Criterium ${g * PER_GROUP + c + 1}` })),
    })),
  }));
  ctx = makeCtx({ criteriaDir });
  await addUsers(ctx);
});
afterAll(() => { ctx.cleanup(); fs.rmSync(criteriaDir, { recursive: true, force: true }); });

test('the matrix of 100 units × 60 criteria renders all 6,000 cells from one snapshot (benchmark)', async () => {
  const units = defaultUnits(ctx.catalogue).map((u) => u.code);
  const id = createInspection(ctx.db, ctx.catalogue, 'test', { title: 'Groot', year: 2026, fieldworkStart: null, fieldworkEnd: null, checklists: [{ id: 'groot', version: '1' }], units, team: [USERS.inspecteur.email], predecessorId: null });
  const codes = ['ja', 'deels', 'nee', 'niet_beoordeeld'];
  units.forEach((u, i) => {
    for (let c = 1; c <= GROUPS * PER_GROUP; c += 7) saveVerdict(ctx.db, 'test', { inspectionId: id, checklist: 'groot', criterion: `c${c}`, unit: u }, 1, { verdict: codes[(i + c) % 4], motivation: '', workflow: 'gereed' });
  });
  const { agent } = await login(buildApp(ctx), USERS.lezer.email);
  await agent.get(`/onderzoeken/${id}/matrix`).expect(200);
  const times: number[] = [];
  let html = '';
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const res = await agent.get(`/onderzoeken/${id}/matrix`).expect(200);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    html = res.text;
  }
  times.sort((a, b) => a - b);
  console.log(`matrix 100 × 60 (6000 cellen): mediaan ${times[2].toFixed(0)} ms, snelste ${times[0].toFixed(0)} ms, ${(html.length / 1024).toFixed(0)} kB HTML`);
  expect((html.match(/<td class="cell /g) ?? []).length).toBe(6000);
});
