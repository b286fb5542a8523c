// A vastgesteld inspection does not change: the trigger inspections_final_update (migration 13)
// refuses an UPDATE OF a list of columns, because SQLite cannot say "any column". A column a later
// migration adds to inspections is editable on a vastgesteld inspection unless it is added to that
// list; this test notices when one is missing.
import { makeCtx } from '../helpers/context';

/** Set once, then fixed by their own trigger (inspections_unit_set_fixed). */
const SET_ONCE = ['organisation_id', 'unit_set_version'];

test('when the schema is migrated, then the vastgesteld trigger guards every column of inspections except the two set once', () => {
  const t = makeCtx();
  try {
    const columns = (t.db.prepare('PRAGMA table_info(inspections)').all() as Array<{ name: string }>).map((c) => c.name);
    const sql = t.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'inspections_final_update'").pluck().get() as string;
    const guarded = (/UPDATE OF ([\w\s,]+?) ON inspections/i.exec(sql)?.[1] ?? '').split(',').map((c) => c.trim());
    expect(guarded.sort()).toEqual(columns.filter((c) => !SET_ONCE.includes(c)).sort());
  } finally {
    t.cleanup();
  }
});
