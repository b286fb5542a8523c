// Naming an inspection's revision and a person on screen.
import { personNamer, revisionLabel } from '../../src/present';

describe('revisionLabel', () => {
  it('when an inspection corrects a finalised version, then it is labelled with its number and that version', () => {
    expect(revisionLabel({ revision: 2, revisionOf: { id: 1, ref: 'klachtbehandeling-2015' } })).toBe('revisie 2 van klachtbehandeling-2015');
  });

  it('when an inspection is a first version, then it has no label', () => {
    expect(revisionLabel({ revision: 1, revisionOf: null })).toBeNull();
  });
});

describe('personNamer', () => {
  const name = personNamer([
    { email: 'ilse@example.nl', name: ' Ilse de Vries ' },
    { email: 'anoniem@example.nl', name: '' },
  ]);

  it('when an account has a name, then the name is shown, whatever the case of the address', () => {
    expect(name('Ilse@Example.nl')).toBe('Ilse de Vries');
  });

  it('when an account has no name or is unknown, then the e-mail address is shown', () => {
    expect(name('anoniem@example.nl')).toBe('anoniem@example.nl');
    expect(name('system')).toBe('system');
  });
});
