// The demo data: three inspections of police complaint handling that form one follow-up chain
// (2015 baseline → Recht van klagen 2022 → illustrative 2026). Written as inspection documents,
// the same format as export/import, so loading the demo exercises the real import path.
import type { DocumentInput } from '../domain/document';
import { followup2026 } from './followup-2026';
import { klachtbehandeling2015 } from './klachtbehandeling-2015';
import { rechtVanKlagen2022 } from './recht-van-klagen-2022';

export { TEAM as DEMO_TEAM } from './grids';

/** In chain order: each document's predecessor comes before it, so importing in order works. */
export function demoDocuments(): DocumentInput[] {
  return [klachtbehandeling2015(), rechtVanKlagen2022(), followup2026()];
}
