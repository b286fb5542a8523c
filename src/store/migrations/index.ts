// Numbered migrations, applied in order at start. The database's PRAGMA user_version records
// how many have run.
import * as m001 from './001_initial';
import * as m002 from './002_integrity';
import * as m003 from './003_acceptances';
import * as m004 from './004_outline';
import * as m005 from './005_throttles';
import * as m006 from './006_totp';
import * as m007 from './007_final_docx';

export const migrations: Array<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: m001.sql },
  { version: 2, name: 'integrity', sql: m002.sql },
  { version: 3, name: 'acceptances', sql: m003.sql },
  { version: 4, name: 'outline', sql: m004.sql },
  { version: 5, name: 'throttles', sql: m005.sql },
  { version: 6, name: 'totp', sql: m006.sql },
  { version: 7, name: 'final_docx', sql: m007.sql },
];
export const LATEST_VERSION = migrations[migrations.length - 1].version;
