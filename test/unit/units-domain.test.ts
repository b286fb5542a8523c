// Organisations and unit sets as data (issue 17): the file format, its Dutch messages, the key of a
// version and the units an inspection reads (its own set, in its own order, only its scope).
import { parseUnitSetText } from '../../src/app/units';
import { AppError } from '../../src/errors';
import { organisationCodeOf, unitChanges, unitNameOf, unitSetFileSchema, unitSetKey, unitsOf, type UnitSet } from '../../src/domain/units';

function problemsOf(text: string): string[] {
  try {
    parseUnitSetText(text, 'eenheden.yaml');
  } catch (e) {
    if (e instanceof AppError) return [e.message, ...e.problems];
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('the units file', () => {
  test('when the file gives no code, then the organisation code is derived from its name', () => {
    const f = unitSetFileSchema.parse({ organisation: 'Dienst Justitiële Inrichtingen (DJI)', units: [{ code: 'PI-ZW', name: 'PI Zwolle', kind: 'vestiging' }] });
    expect(f.code).toBe('dienst-justitiele-inrichtingen-dji');
    expect(organisationCodeOf('Nationale politie')).toBe('nationale-politie');
    expect(organisationCodeOf('!!!')).toBe('organisatie');
  });

  test('when the file gives a code, then that code is kept', () => {
    expect(unitSetFileSchema.parse({ organisation: 'Reclassering', code: 'rn', units: [{ code: 'NOORD', name: 'Noord', kind: 'regio' }] }).code).toBe('rn');
  });

  test('when the code is a word the screens use (nieuw, voorbeeld, publiceren), then it is refused with the reason, and a derived code steps aside', () => {
    const r = unitSetFileSchema.safeParse({ organisation: 'Nieuw', code: 'nieuw', units: [{ code: 'NOORD', name: 'Noord', kind: 'regio' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain("'nieuw', 'voorbeeld', 'publiceren' zijn gereserveerd");
    expect(organisationCodeOf('Voorbeeld')).toBe('voorbeeld-organisatie');
    expect(unitSetFileSchema.parse({ organisation: 'Publiceren', units: [{ code: 'NOORD', name: 'Noord', kind: 'regio' }] }).code).toBe('publiceren-organisatie');
  });

  test('when a unit has another kind than the police ones, then a short label is accepted and a long one refused', () => {
    const unit = (kind: string) => ({ organisation: 'COA', units: [{ code: 'AZC-1', name: 'Azc Een', kind }] });
    expect(unitSetFileSchema.safeParse(unit('locatie')).success).toBe(true);
    expect(unitSetFileSchema.safeParse(unit('regionaal')).success).toBe(true);
    expect(unitSetFileSchema.safeParse(unit('x'.repeat(41))).success).toBe(false);
  });

  test('when a unit code is malformed, then the message names the line and the field in Dutch', () => {
    const text = 'organisation: Reclassering\nunits:\n  - { code: NOORD, name: Noord, kind: regio }\n  - { code: zuid, name: Zuid, kind: regio }\n';
    const [message, ...problems] = problemsOf(text);
    expect(message).toContain('eenheden.yaml is geen geldige lijst van eenheden (1 fout); er is niets gepubliceerd.');
    expect(problems).toEqual(['eenheden.yaml, regel 4, bij units[1].code: code: hoofdletters en cijfers, 2 tot 16 tekens']);
  });

  test('when a code occurs twice, a field is missing or unknown, then each is named', () => {
    const text = 'organisation: Reclassering\nkleur: blauw\nunits:\n  - { code: NOORD, name: Noord, kind: regio }\n  - { code: NOORD, name: Ook noord, kind: regio }\n  - { code: ZUID, kind: regio }\n';
    const problems = problemsOf(text).slice(1).join('\n');
    expect(problems).toContain('bij units[2].name: ontbreekt');
    expect(problems).toContain('onbekende veldnaam: kleur');
    // The duplicate check runs once the shape is right.
    const dup = problemsOf('organisation: R\nunits:\n  - { code: NOORD, name: Noord, kind: regio }\n  - { code: NOORD, name: Ook noord, kind: regio }\n');
    expect(dup.slice(1)).toEqual(["eenheden.yaml, regel 4, bij units[1].code: eenheidscode 'NOORD' komt dubbel voor"]);
  });

  test('when the YAML itself is broken or the file is empty, then that is said with the line', () => {
    expect(problemsOf('organisation: [\n')[0]).toMatch(/^eenheden\.yaml: ongeldige YAML op regel \d+, kolom \d+/);
    expect(problemsOf('  \n')[0]).toBe('eenheden.yaml: het bestand is leeg.');
  });
});

describe('the units of an inspection', () => {
  const v1: UnitSet = { organisation: 'rn', organisationName: 'Reclassering', version: 1, units: [
    { code: 'NOORD', name: 'Regio Noord', kind: 'regio' },
    { code: 'OOST', name: 'Regio Oost', kind: 'regio' },
    { code: 'ZUID', name: 'Regio Zuid', kind: 'regio' },
  ] };
  const v2: UnitSet = { ...v1, version: 2, units: [{ code: 'NOORD', name: 'Regio Noord-Nederland', kind: 'regio' }, { code: 'ZUID', name: 'Regio Zuid', kind: 'regio' }] };
  const catalogue = { unitSets: new Map([[unitSetKey('rn', 1), v1], [unitSetKey('rn', 2), v2]]) };

  test('the key of a version is code@version', () => {
    expect(unitSetKey('rn', 2)).toBe('rn@2');
  });

  test('when an inspection is on version 1, then it reads version 1 names, in its own order, only its units in scope', () => {
    const inspection = { unitSet: { organisation: 'rn', version: 1 }, units: ['ZUID', 'NOORD'] };
    expect(unitsOf(catalogue, inspection).map((u) => u.name)).toEqual(['Regio Zuid', 'Regio Noord']);
    expect(unitNameOf(catalogue, inspection, 'NOORD')).toBe('Regio Noord');
    expect(unitNameOf(catalogue, { unitSet: { organisation: 'rn', version: 2 } }, 'NOORD')).toBe('Regio Noord-Nederland');
  });

  test('when a code is not in the set, then it shows as its code', () => {
    expect(unitsOf(catalogue, { unitSet: { organisation: 'rn', version: 2 }, units: ['OOST'] })).toEqual([{ code: 'OOST', name: 'OOST', kind: '' }]);
  });

  test('the changes from one version to the next name every added, renamed, re-kinded and removed unit', () => {
    const after = [...v2.units.map((u) => (u.code === 'ZUID' ? { ...u, kind: 'district' } : u)), { code: 'WEST', name: 'Regio West', kind: 'regio' }];
    expect(unitChanges(v1.units, after)).toEqual([
      { kind: 'renamed', code: 'NOORD', before: 'Regio Noord', after: 'Regio Noord-Nederland' },
      { kind: 'kind-changed', code: 'ZUID', before: 'regio', after: 'district' },
      { kind: 'added', code: 'WEST', after: 'Regio West' },
      { kind: 'removed', code: 'OOST', before: 'Regio Oost' },
    ]);
  });
});
