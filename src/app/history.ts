// History: the change log read back, for a whole inspection or for one cell (its verdict and the
// evidence links of that verdict), newest first, a page at a time, in words a reader knows.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import type { InspectionSummary } from '../domain/inspection';
import { unitNameOf } from '../domain/units';
import { historyItems, url } from '../present';
import { cellHistory, HistoryPage, inspectionHistory, verdictChecklists } from '../store/history.store';
import { getCell } from '../store/verdicts.store';
import type { OpenedCell } from './cells';
import { rightsOn } from './inspection-access';
import { personNames } from './users';

const PER_PAGE = 50;

interface Shown {
  heading: string;
  back: { href: string; label: string };
}

function historyView(ctx: Ctx, actor: Actor, inspection: InspectionSummary, page: number, read: (offset: number, limit: number) => HistoryPage, shown: Shown) {
  const h = read((page - 1) * PER_PAGE, PER_PAGE);
  return {
    ...shown,
    inspection,
    items: historyItems(h.rows, ctx.catalogue, verdictChecklists(ctx.db, inspection.id)),
    page,
    pages: Math.max(1, Math.ceil(h.total / PER_PAGE)),
    total: h.total,
    canEdit: rightsOn(actor, inspection).worksOn,
    personName: personNames(ctx),
  };
}

/** Page `page` (from 1) of an (opened) inspection's history. */
export function inspectionHistoryView(ctx: Ctx, actor: Actor, inspection: InspectionSummary, page: number) {
  return historyView(ctx, actor, inspection, page, (offset, limit) => inspectionHistory(ctx.db, inspection.id, offset, limit), {
    heading: inspection.title,
    back: { href: url.inspection(inspection.id), label: 'Terug naar het onderzoek' },
  });
}

/** Page `page` (from 1) of an (opened) cell's history. */
export function cellHistoryView(ctx: Ctx, actor: Actor, c: OpenedCell, page: number) {
  const verdictId = getCell(ctx.db, c.key).id;
  return historyView(ctx, actor, c.inspection, page, (offset, limit) => cellHistory(ctx.db, c.inspection.id, verdictId, offset, limit), {
    heading: `${c.checklist.shortTitle} ${c.criterion.number}, ${unitNameOf(ctx.catalogue, c.inspection, c.key.unit)}`,
    back: { href: url.cell(c.inspection.id, c.key.checklist, c.key.criterion, c.key.unit), label: 'Terug naar de cel' },
  });
}
