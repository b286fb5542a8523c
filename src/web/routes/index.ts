// All routes of the app, feature by feature. The app registers exactly these; the access tests
// iterate over exactly these.
import type { RouteDef } from '../route-table';
import { authRoutes } from './auth.routes';
import { overviewRoutes } from './overview.routes';
import { compareRoutes } from './compare.routes';
import { inspectionRoutes } from './inspections.routes';
import { matrixRoutes } from './matrix.routes';
import { cellRoutes } from './cells.routes';
import { nationalRoutes } from './national.routes';
import { evidenceRoutes } from './evidence.routes';
import { userRoutes } from './users.routes';
import { integrityRoutes } from './integrity.routes';
import { reportRoutes } from './reports.routes';
import { bulkRoutes } from './bulk.routes';
import { verdictSheetRoutes } from './verdict-sheet.routes';
import { outlineRoutes } from './outline.routes';
import { accountRoutes } from './account.routes';
import { oidcRoutes } from './oidc.routes';
import { totpRoutes } from './totp.routes';
import { reviewRoutes } from './review.routes';
import { checklistRoutes } from './checklists.routes';
import { reviewNoteRoutes } from './review-notes.routes';
import { wederhoorReactionRoutes } from './wederhoor-reactions.routes';
import { wederhoorRoutes } from './wederhoor.routes';
import { unitScopeRoutes } from './unit-scope.routes';
import { organisationRoutes } from './organisations.routes';

export const allRoutes: RouteDef[] = [...authRoutes, ...overviewRoutes, ...inspectionRoutes, ...matrixRoutes, ...cellRoutes, ...bulkRoutes, ...nationalRoutes, ...evidenceRoutes, ...userRoutes, ...integrityRoutes, ...compareRoutes, ...reportRoutes, ...verdictSheetRoutes, ...outlineRoutes, ...accountRoutes, ...oidcRoutes, ...totpRoutes, ...reviewRoutes, ...checklistRoutes, ...reviewNoteRoutes, ...wederhoorReactionRoutes, ...wederhoorRoutes, ...unitScopeRoutes, ...organisationRoutes];
