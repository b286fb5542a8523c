// One report section's history: its entries in the change log, newest first, in the words of the
// inspection's history page. A handling that changed the report's text links here, so the reader
// sees the section's version at the wederhoor round and every change since.
import type { Ctx } from '../context';
import type { Actor } from '../domain/access';
import type { InspectionSummary } from '../domain/inspection';
import { notFound } from '../errors';
import { historyItems, url } from '../present';
import { verdictChecklists } from '../store/history.store';
import { listSections } from '../store/outline.store';
import { sectionHistory } from '../store/wederhoor-reactions.store';
import { rightsOn } from './inspection-access';
import { personNames } from './users';

const PER_PAGE = 50;

/** Page `page` (from 1) of the history of a section of an (opened) inspection; a removed section keeps its history. */
export function sectionHistoryView(ctx: Ctx, actor: Actor, inspection: InspectionSummary, sectionId: number, page: number) {
  const h = sectionHistory(ctx.db, inspection.id, sectionId, (page - 1) * PER_PAGE, PER_PAGE);
  const section = listSections(ctx.db, inspection.id).find((s) => s.id === sectionId);
  if (!section && h.total === 0) throw notFound('Sectie niet gevonden');
  return {
    heading: section ? `sectie "${section.title}" (nu versie ${section.version})` : 'verwijderde sectie',
    back: section ? { href: url.section(inspection.id, sectionId), label: 'Naar de sectie' } : { href: url.outline(inspection.id), label: 'Naar de rapportopzet' },
    inspection,
    items: historyItems(h.rows, ctx.catalogue, verdictChecklists(ctx.db, inspection.id)),
    page,
    pages: Math.max(1, Math.ceil(h.total / PER_PAGE)),
    total: h.total,
    canEdit: rightsOn(actor, inspection).worksOn,
    personName: personNames(ctx),
  };
}
