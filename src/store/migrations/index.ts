// Numbered migrations, applied in order at start. The database's PRAGMA user_version records
// how many have run.
import * as m001 from './001_initial';
import * as m002 from './002_integrity';
import * as m003 from './003_acceptances';

export const migrations: Array<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: m001.sql },
  { version: 2, name: 'integrity', sql: m002.sql },
  { version: 3, name: 'acceptances', sql: m003.sql },
];
export const LATEST_VERSION = migrations[migrations.length - 1].version;
