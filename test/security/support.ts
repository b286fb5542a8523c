// Shared set-up of the attack suite: the demo data with one account per role, sessions made
// directly in the store (no login form, so hundreds of requests stay fast and unthrottled),
// and path parameters filled by name. "Nothing changed" is test/helpers/db-state.ts.
import type { Express } from 'express';
import type request from 'supertest';
import type { RouteDef } from '../../src/web/route-table';
import { createEvidence, storeFileBytes } from '../../src/store/evidence.store';
import { createSession } from '../../src/store/sessions.store';
import { findUserByEmail } from '../../src/store/users.store';
import { addNote } from '../../src/store/review-notes.store';
import { insertRound } from '../../src/store/wederhoor.store';
import { insertReactions, unhandled } from '../../src/store/wederhoor-reactions.store';
import { buildApp } from '../../src/web/app';
import { closeEngine } from '../../src/reports';
import { SESSION_COOKIE } from '../../src/web/session';
import { addUsers, inspectionIdByRef, makeCtx, TestCtx, USERS } from '../helpers/context';

export type RoleName = 'beheerder' | 'inspecteur' | 'buitenstaander' | 'lezer';
export const ROLE_NAMES: RoleName[] = ['beheerder', 'inspecteur', 'buitenstaander', 'lezer'];

export interface Ids {
  inspection: number;
  evidence: number;
  recommendation: number;
  user: number;
  unit: string;
  /** A section of the inspection's report outline. */
  section: number;
  /** A review note on the inspection. */
  note: number;
  /** A wederhoor round of the inspection (without stored files). */
  round: number;
  /** An unhandled reaction in that round. */
  reaction: number;
}

export interface Fixture {
  ctx: TestCtx;
  app: Express;
  ids: Ids;
}

/** The demo data, one account per role, and a piece of evidence with a file on a concept inspection. */
export async function securityFixture(): Promise<Fixture> {
  const ctx = makeCtx({ demo: true });
  await addUsers(ctx);
  const inspection = inspectionIdByRef(ctx, 'recht-van-klagen-2022');
  const bytes = Buffer.from('%PDF-1.4\n% verslag\n%%EOF\n');
  const sha256 = storeFileBytes(ctx.dataDir, bytes);
  const evidence = createEvidence(ctx.db, 'test', inspection,
    { type: 'document', title: 'Jaarverslag klachten', dateFrom: null, dateTo: null, party: '', units: [], description: '', wederhoor: null },
    { name: 'jaarverslag.pdf', sha256, mime: 'application/pdf', size: bytes.length });
  const recommendation = (ctx.db.prepare('SELECT id FROM recommendations WHERE inspection_id = ? ORDER BY position LIMIT 1').get(inspection) as { id: number }).id;
  const unit = (ctx.db.prepare('SELECT unit_code FROM inspection_units WHERE inspection_id = ? ORDER BY position LIMIT 1').get(inspection) as { unit_code: string }).unit_code;
  const user = findUserByEmail(ctx.db, USERS.lezer.email)!.id;
  const section = (ctx.db.prepare('SELECT id FROM report_sections WHERE inspection_id = ? AND level = 2 ORDER BY position LIMIT 1').get(inspection) as { id: number }).id;
  const note = addNote(ctx.db, USERS.inspecteur.email, inspection, { targetKind: 'inspection', targetKey: '', addressedTo: null, body: 'Klopt de steekproef?' });
  const round = insertRound(ctx.db, USERS.inspecteur.email, inspection, { organisation: 'Politie', contact: '', sentOn: '2026-03-02', deadline: '2026-03-23', note: '' }, null,
    [{ number: 1, sectionId: section, sectionVersion: 1, heading: 'Aanleiding', excerpt: 'Een alinea.' }]);
  const [reaction] = insertReactions(ctx.db, USERS.inspecteur.email, inspection, round, [unhandled({ paragraph: 1, passage: '', reaction: 'Klopt niet.', proposed: '' }, 'app')]);
  return { ctx, app: buildApp(ctx), ids: { inspection, evidence, recommendation, user, unit, section, note, round, reaction } };
}

/** Stop the shared Chromium (report routes start it) and remove the data folder. */
export async function closeFixture(fx: Fixture | undefined): Promise<void> {
  await closeEngine();
  fx?.ctx.cleanup();
}

/** A response body as raw bytes (PDF downloads). */
export function binary(res: request.Response, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** How each path parameter is filled, by its (shared) name. A new name fails loudly here. */
const FILLERS: Partial<Record<string, (ids: Ids) => string>> = {
  inspectionId: (ids) => String(ids.inspection),
  evidenceId: (ids) => String(ids.evidence),
  checklistId: () => 'toetsingskader',
  criterionId: () => 'k1',
  unitCode: (ids) => ids.unit,
  recommendationId: (ids) => String(ids.recommendation),
  userId: (ids) => String(ids.user),
  sectionId: (ids) => String(ids.section),
  noteId: (ids) => String(ids.note),
  roundId: (ids) => String(ids.round),
  reactionId: (ids) => String(ids.reaction),
  checklistVersion: () => '2016',
  // The organisation seeded from criteria/units.yaml, and its first unit set (src/web/routes/organisations.routes.ts).
  organisationCode: () => 'nationale-politie',
  unitSetVersion: () => '1',
};

export function fillPath(path: string, ids: Ids): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const fill = FILLERS[name];
    if (!fill) throw new Error(`No filler for path parameter :${name} (in ${path}); add one to test/security/support.ts`);
    return encodeURIComponent(fill(ids));
  });
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** A fresh session for an account, straight from the session store. */
export function sessionFor(fx: Fixture, role: RoleName): Session {
  const id = findUserByEmail(fx.ctx.db, USERS[role].email)!.id;
  const { token, csrf } = createSession(fx.ctx.db, id);
  return { cookie: `${SESSION_COOKIE}=${token}`, csrf };
}

export const isUnderInspection = (r: RouteDef) => r.path.startsWith('/onderzoeken/:inspectionId');
