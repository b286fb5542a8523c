// "Eenheden in dit onderzoek" (issue 17): the team changes the units in scope until the first
// verdict (src/app/unit-scope.ts). Once a verdict exists the page says why it no longer changes and
// a POST answers 409 with the page and nothing changed; a vastgesteld inspection likewise.
import { z } from 'zod';
import { changeUnitScope, unitScopePage } from '../../app/unit-scope';
import { AppError } from '../../errors';
import { url } from '../../present';
import { InspectionHc, runForm, withInspection } from '../handler';
import { httpStatus } from '../http-errors';
import { checkboxes, FormState, noForm, versionField } from '../page-kit';
import { EDITORS, RouteDef } from '../route-table';

const scopeSchema = z.object({
  units: checkboxes(z.string().max(100)).refine((l) => l.length > 0, 'Kies minstens één eenheid.'),
  version: versionField,
}).strict();

function renderScope(hc: InspectionHc, status: number, form: FormState, refused = ''): void {
  const page = unitScopePage(hc.ctx, hc.user, hc.inspection.id);
  hc.res.status(status).render('inspection/units', {
    title: `Eenheden · ${page.inspection.title}`,
    ...page,
    form,
    refused,
    saved: hc.req.query.opgeslagen === '1',
  });
}

export const unitScopeRoutes: RouteDef[] = [
  {
    method: 'get',
    path: '/onderzoeken/:inspectionId/eenheden',
    access: EDITORS,
    summary: 'eenheden in het onderzoek bekijken en (tot het eerste oordeel) wijzigen',
    handler: withInspection('team', (hc) => { renderScope(hc, 200, noForm); }),
  },
  {
    method: 'post',
    path: '/onderzoeken/:inspectionId/eenheden',
    access: EDITORS,
    summary: 'eenheden in het onderzoek wijzigen (alleen vóór het eerste oordeel)',
    handler: withInspection('team', async (hc) => {
      try {
        await runForm(hc, {
          key: 'units',
          schema: scopeSchema,
          act: (h, d) => {
            changeUnitScope(h.ctx, h.user, h.inspection.id, d);
            return `${url.unitScope(h.inspection.id)}?opgeslagen=1`;
          },
          render: renderScope,
        });
      } catch (e) {
        // Too late (a verdict exists) or vastgesteld: the page again with the reason, nothing changed.
        if (e instanceof AppError && (e.kind === 'conflict' || e.kind === 'finalised')) {
          renderScope(hc, httpStatus(e.kind), noForm, e.message);
          return;
        }
        throw e;
      }
    }),
  },
];
