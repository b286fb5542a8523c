// The units in scope of an inspection, changed before its first verdict (src/domain/unit-scope.ts
// decides when; src/app/unit-scope.ts is the use case). One transaction re-checks the rule, swaps
// the unit rows, removes the (untouched) cells of dropped units, adds "niet beoordeeld" cells for
// new ones and logs before and after in the change log.
import { conflict, finalised, invalid, StaleVersionError } from '../errors';
import { NOT_ASSESSED } from '../domain/checklist';
import { ScopeFacts, scopeLock } from '../domain/unit-scope';
import { logChange } from './changelog';
import type { DB } from './db';
import { getInspection } from './inspections.store';

/** The facts the scope rule needs: status, saved cells (and the first of them), overrides. */
export function scopeFacts(db: DB, inspectionId: number): ScopeFacts {
  const status = (db.prepare('SELECT status FROM inspections WHERE id = ?').pluck().get(inspectionId) as string | undefined) ?? '';
  const saved = `inspection_id = ? AND (updated_at IS NOT NULL OR verdict <> '${NOT_ASSESSED}' OR motivation <> '')`;
  const savedCells = db.prepare(`SELECT COUNT(*) FROM verdicts WHERE ${saved}`).pluck().get(inspectionId) as number;
  const first = savedCells > 0
    ? db.prepare(`SELECT updated_at AS at, updated_by AS by FROM verdicts WHERE ${saved} ORDER BY updated_at IS NULL, updated_at LIMIT 1`).get(inspectionId) as { at: string | null; by: string | null }
    : null;
  const overrides = db.prepare('SELECT COUNT(*) FROM overrides WHERE inspection_id = ?').pluck().get(inspectionId) as number;
  return { status, savedCells, firstSaved: first, overrides };
}

/**
 * What ties a unit to the inspection besides its (untouched) cells: sources about it, complaint
 * figures for it, evidence linked to or review notes on one of its cells. Dropping such a unit
 * would lose that work, so it is refused with these reasons (Dutch, one line per unit).
 */
export function unitTies(db: DB, inspectionId: number, units: readonly string[]): string[] {
  const out: string[] = [];
  for (const u of units) {
    const sources = db.prepare('SELECT e.ref FROM evidence_units eu JOIN evidence e ON e.id = eu.evidence_id WHERE e.inspection_id = ? AND eu.unit_code = ? ORDER BY e.ref').pluck().all(inspectionId, u) as string[];
    const links = db.prepare('SELECT COUNT(*) FROM evidence_links l JOIN verdicts v ON v.id = l.verdict_id WHERE v.inspection_id = ? AND v.unit_code = ?').pluck().get(inspectionId, u) as number;
    const figures = db.prepare('SELECT COUNT(*) FROM statistics WHERE inspection_id = ? AND unit_code = ?').pluck().get(inspectionId, u) as number;
    const notes = db.prepare("SELECT COUNT(*) FROM review_notes WHERE inspection_id = ? AND target_kind = 'cell' AND target_key LIKE '%/' || ?").pluck().get(inspectionId, u) as number;
    const why = [
      sources.length > 0 ? `${sources.length === 1 ? 'bron' : 'bronnen'} ${sources.slice(0, 5).join(', ')}${sources.length > 5 ? ' …' : ''} ${sources.length === 1 ? 'gaat' : 'gaan'} erover` : '',
      links > 0 ? `${String(links)} ${links === 1 ? 'koppeling' : 'koppelingen'} van een bron aan een cel` : '',
      figures > 0 ? 'er zijn klachtcijfers voor ingevuld' : '',
      notes > 0 ? `${String(notes)} ${notes === 1 ? 'reviewnotitie' : 'reviewnotities'} bij een cel` : '',
    ].filter(Boolean);
    if (why.length > 0) out.push(`${u}: ${why.join('; ')}.`);
  }
  return out;
}

export interface ScopeWrite {
  /** The inspection's version the user started from. */
  baseVersion: number;
  /** The new scope, in the unit set's order; validated against the set by the caller. */
  units: string[];
  /** The criteria of each checklist version of the inspection, for the new units' cells. */
  criteria: Array<{ checklist: string; criteria: string[] }>;
}

/** Change the units in scope; refused (nothing written) once a verdict exists or when a dropped unit has work tied to it. */
export function setInspectionUnits(db: DB, actor: string, inspectionId: number, input: ScopeWrite): { added: string[]; removed: string[] } {
  return db.transaction(() => {
    const before = getInspection(db, inspectionId);
    if (before.status === 'vastgesteld') throw finalised();
    if (before.version !== input.baseVersion) throw new StaleVersionError({ units: before.units, version: before.version }, { units: input.units });
    const lock = scopeLock(scopeFacts(db, inspectionId));
    if (lock.locked) throw conflict(lock.message, 'units');
    const old = new Set(before.units);
    const next = new Set(input.units);
    const added = input.units.filter((u) => !old.has(u));
    const removed = before.units.filter((u) => !next.has(u));
    const ties = unitTies(db, inspectionId, removed);
    if (ties.length > 0) throw invalid(`Niet gewijzigd: ${ties.length === 1 ? 'een eenheid die' : 'eenheden die'} u uit het onderzoek haalt ${ties.length === 1 ? 'heeft' : 'hebben'} al werk. ${ties.join(' ')}`, 'units', ties);
    if (added.length === 0 && removed.length === 0 && before.units.join(' ') === input.units.join(' ')) return { added, removed };
    const dropCells = db.prepare('DELETE FROM verdicts WHERE inspection_id = ? AND unit_code = ?');
    for (const u of removed) dropCells.run(inspectionId, u);
    db.prepare('DELETE FROM inspection_units WHERE inspection_id = ?').run(inspectionId);
    const addUnit = db.prepare('INSERT INTO inspection_units (inspection_id, unit_code, position) VALUES (?, ?, ?)');
    input.units.forEach((u, i) => addUnit.run(inspectionId, u, i));
    const addCell = db.prepare('INSERT INTO verdicts (inspection_id, unit_code, checklist_id, criterion_id, verdict) VALUES (?, ?, ?, ?, ?)');
    for (const c of input.criteria) for (const cr of c.criteria) for (const u of added) addCell.run(inspectionId, u, c.checklist, cr, NOT_ASSESSED);
    db.prepare('UPDATE inspections SET version = version + 1 WHERE id = ?').run(inspectionId);
    logChange(db, { actor, inspectionId, entity: 'inspection', entityId: inspectionId, action: 'scope', old: { units: before.units }, new: { units: input.units } });
    return { added, removed };
  }).immediate();
}
