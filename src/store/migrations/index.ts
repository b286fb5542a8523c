// Numbered migrations, applied in order at start. The database's PRAGMA user_version records
// how many have run.
import * as m001 from './001_initial';
import * as m002 from './002_integrity';
import * as m003 from './003_acceptances';
import * as m004 from './004_outline';
import * as m005 from './005_throttles';
import * as m006 from './006_totp';
import * as m007 from './007_final_docx';
import * as m008 from './008_review';
import * as m009 from './009_review_notes';
import * as m010 from './010_wederhoor';
import * as m011 from './011_wederhoor_reactions';
import * as m012 from './012_frameworks';
import * as m013 from './013_organisations';
import * as m014 from './014_organisation_addressee';

// editsSchema: the migration edits sqlite_schema in place (see 010), which the runner allows for it alone.
export const migrations: Array<{ version: number; name: string; sql: string; editsSchema?: boolean }> = [
  { version: 1, name: 'initial', sql: m001.sql },
  { version: 2, name: 'integrity', sql: m002.sql },
  { version: 3, name: 'acceptances', sql: m003.sql },
  { version: 4, name: 'outline', sql: m004.sql },
  { version: 5, name: 'throttles', sql: m005.sql },
  { version: 6, name: 'totp', sql: m006.sql },
  { version: 7, name: 'final_docx', sql: m007.sql },
  { version: 8, name: 'review', sql: m008.sql },
  { version: 9, name: 'review_notes', sql: m009.sql },
  { version: 10, name: 'wederhoor', sql: m010.sql, editsSchema: m010.editsSchema },
  { version: 11, name: 'wederhoor_reactions', sql: m011.sql },
  { version: 12, name: 'frameworks', sql: m012.sql },
  { version: 13, name: 'organisations', sql: m013.sql },
  { version: 14, name: 'organisation_addressee', sql: m014.sql },
];
export const LATEST_VERSION = migrations[migrations.length - 1].version;
