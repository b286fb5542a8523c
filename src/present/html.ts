// The little markup helpers build themselves; everything they are given is escaped.
import type { VerdictView } from './verdicts';

const ENTITIES: Partial<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A verdict in words with its colour class. */
export function verdictBadge(v: VerdictView): string {
  return `<span class="verdict ${v.cls}">${escapeHtml(v.label)}</span>`;
}
