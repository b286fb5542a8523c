// A second framework from another field, written by the test suite itself (not by any organisation):
// another organisation's wording, another scale wording, one group, a criterion with sub-points, and
// numbers such as 1.10 that a spreadsheet would turn into 1.1. Used by the checklist workbook and
// the Kaders screens' tests.
import type { Checklist } from '../../src/domain/checklist';

/** Toezicht door de reclassering, version 2025. */
export const PROBATION: Checklist = {
  id: 'reclassering-toezicht',
  version: '2025',
  title: 'Toetsingskader toezicht door de reclassering',
  shortTitle: 'Toezicht reclassering',
  source: 'Testkader van de testsuite, niet van de reclassering',
  scale: {
    id: 'naleving',
    levels: [
      { code: 'voldoet', label: 'Voldoet', rank: 'positive' },
      { code: 'voldoet_deels', label: 'Voldoet gedeeltelijk', rank: 'partial' },
      { code: 'voldoet_niet', label: 'Voldoet niet', rank: 'negative' },
    ],
  },
  groups: [{
    id: 'toezicht', number: 1, title: 'Het houden van toezicht', kind: 'thema',
    criteria: [
      { id: 't1', number: '1.1', text: 'De reclassering maakt binnen zes weken een toezichtplan.', shortTitle: 'Toezichtplan binnen zes weken' },
      { id: 't2', number: '1.2', text: 'Het toezichtplan beschrijft ten minste:', subpoints: ['de bijzondere voorwaarden;', 'de contactfrequentie;', 'de risico’s.'], guidance: 'Dossiers in het registratiesysteem.' },
      { id: 't3', number: '1.10', text: 'Een schending van een voorwaarde wordt binnen een week gemeld.' },
    ],
  }],
};

/** A revision of it: t3 split into t3a and t3b, t1 dropped, a new t4 (for a mapping). */
export const PROBATION_2026: Checklist = {
  ...PROBATION,
  version: '2026',
  groups: [{
    ...PROBATION.groups[0],
    criteria: [
      PROBATION.groups[0].criteria[1],
      { id: 't3a', number: '1.3', text: 'Een schending van een voorwaarde wordt binnen een week gemeld aan het openbaar ministerie.' },
      { id: 't3b', number: '1.4', text: 'Een schending van een voorwaarde wordt binnen een week gemeld aan de rechter.' },
      { id: 't4', number: '1.5', text: 'De reclassering evalueert het toezichtplan elk halfjaar.' },
    ],
  }],
};

/** Its organisation with its own units and kind words (published with publishUnitSet in the tests). */
export const PROBATION_UNITS = {
  organisation: 'Reclassering (testorganisatie)',
  code: 'reclassering-test',
  units: [
    { code: 'RN-NOORD', name: 'Reclasseringsregio Noord-Nederland', kind: 'regio' },
    { code: 'RN-MIDDEN', name: 'Reclasseringsregio Midden', kind: 'regio' },
    { code: 'RN-ZUID', name: 'Reclasseringsregio Zuid', kind: 'regio' },
  ],
};
