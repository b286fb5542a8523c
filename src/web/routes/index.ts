// All routes of the app, feature by feature. The app registers exactly these; the access tests
// iterate over exactly these.
import type { RouteDef } from '../route-table';
import { authRoutes } from './auth.routes';
import { overviewRoutes } from './overview.routes';

export const allRoutes: RouteDef[] = [...authRoutes, ...overviewRoutes];
