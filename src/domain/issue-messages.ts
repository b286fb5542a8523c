// zod's own messages are English; the domain's custom ones (codes, duplicates, scale ranks) are
// Dutch already. One translation of the default ones, so every reader of a checklist or mapping file
// (the XLSX template, a YAML upload) speaks Dutch to the beheerder.
import type { z } from 'zod';

export type Issue = z.core.$ZodIssue;

export function dutchIssue(issue: Issue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? 'leeg' : issue.origin === 'array' ? 'ontbreekt (er is er minstens één nodig)' : `te klein (minstens ${String(issue.minimum)})`;
    case 'too_big':
      return issue.origin === 'string' ? `te lang (hoogstens ${String(issue.maximum)} tekens)` : `te groot (hoogstens ${String(issue.maximum)})`;
    case 'invalid_type':
      return issue.input === undefined ? 'ontbreekt' : `verkeerd soort waarde (verwacht: ${typeWord(issue.expected)})`;
    case 'invalid_value':
      return `ongeldige waarde; kies uit: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `onbekende ${issue.keys.length === 1 ? 'veldnaam' : 'veldnamen'}: ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

function typeWord(expected: string): string {
  const words: Record<string, string> = { string: 'tekst', number: 'getal', object: 'een lijst van velden', array: 'een lijst', boolean: 'ja/nee' };
  return words[expected] ?? expected;
}
