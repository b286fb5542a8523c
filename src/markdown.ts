// Markdown in motivations, findings and texts: parsed with markdown-it (raw HTML off), then
// sanitised to a small allowlist. Used by screens and reports alike.
//
// Rendering runs on the event loop, so its cost is bounded three ways (issue 15): a text whose
// shape is too costly (markdownProblem: refused at save, and for texts stored before that check
// shown as plain text instead), a bounded cache of rendered HTML keyed by the text's hash (a page
// renders each text once, not on every request), and for screens a budget per synchronous stretch
// of work: once one page has spent 200 ms on uncached markdown, its remaining texts are shown as
// plain text (not cached, so the next request renders more of them as markdown). Print has no
// budget: a report must not depend on timing. test/security/markdown-bomb.test.ts shows each.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { markdownProblem } from './domain/markdown-shape';

export { markdownProblem, MAX_BRACKETS } from './domain/markdown-shape';

/**
 * The options of every markdown-it instance (a report's footnote instance too): maxNesting 20
 * (commonmark's own) instead of 100 makes a bracket's label search five times cheaper; no
 * motivation nests lists or quotes twenty deep.
 */
export const MARKDOWN_OPTIONS = { html: false, linkify: true, typographer: false, breaks: false, maxNesting: 20 } as const;

const md = new MarkdownIt(MARKDOWN_OPTIONS);

const TAGS = ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h3', 'h4', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr'];

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

const PRINT_ALLOWED: sanitizeHtml.IOptions = { ...ALLOWED, allowedTags: TAGS.filter((t) => t !== 'a'), transformTags: {} };

const ENTITIES: Partial<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** A text as it was typed, without markup: escaped, blank lines make paragraphs, line breaks kept. */
export function plainTextHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escape(p.trim()).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

// ---- the cache: least recently used first out, bounded by the characters of HTML it holds ----

const CACHE_MAX_CHARS = 16 * 1024 * 1024;
const CACHE_MAX_ENTRIES = 20_000;
const cache = new Map<string, string>();
let cachedChars = 0;

function cacheGet(key: string): string | undefined {
  const html = cache.get(key);
  if (html !== undefined) {
    cache.delete(key);
    cache.set(key, html);
  }
  return html;
}

function cacheSet(key: string, html: string): void {
  if (html.length > CACHE_MAX_CHARS / 8) return;
  const old = cache.get(key);
  if (old !== undefined) {
    cache.delete(key);
    cachedChars -= old.length;
  }
  cache.set(key, html);
  cachedChars += html.length;
  for (const [k, v] of cache) {
    if (cachedChars <= CACHE_MAX_CHARS && cache.size <= CACHE_MAX_ENTRIES) break;
    cache.delete(k);
    cachedChars -= v.length;
  }
}

/** How full the cache is (for tests and the benchmark). */
export function markdownCacheStats(): { entries: number; chars: number } {
  return { entries: cache.size, chars: cachedChars };
}

export function clearMarkdownCache(): void {
  cache.clear();
  cachedChars = 0;
}

// ---- the screens' budget per synchronous stretch (one page is rendered in one) ----

let screenBudgetMs = 200;
let spentMs = 0;
let resetPending = false;

/** Change the screens' budget (tests); returns the previous value. */
export function setScreenMarkdownBudget(ms: number): number {
  const before = screenBudgetMs;
  screenBudgetMs = ms;
  return before;
}

function charge(ms: number): void {
  spentMs += ms;
  if (!resetPending) {
    resetPending = true;
    // Runs once the current stretch of synchronous work (a template render) has ended.
    setImmediate(() => {
      spentMs = 0;
      resetPending = false;
    }).unref();
  }
}

/**
 * Render `text` with `render` under the guards above: the shape check (plain text instead), the
 * cache (per `variant` and text) and, when `budgeted`, the screens' budget. For any markdown
 * renderer, such as a report's own markdown-it instance: `render` must return sanitised HTML.
 */
export function renderGuarded(variant: string, text: string | null | undefined, render: (text: string) => string, opts: { budgeted?: boolean } = {}): string {
  if (!text) return '';
  const key = crypto.createHash('sha256').update(variant).update('\0').update(text).digest('base64');
  const hit = cacheGet(key);
  if (hit !== undefined) return hit;
  if (markdownProblem(text) !== null) {
    const html = plainTextHtml(text);
    cacheSet(key, html);
    return html;
  }
  if (opts.budgeted && spentMs > screenBudgetMs) return plainTextHtml(text);
  const start = performance.now();
  const html = render(text);
  charge(performance.now() - start);
  cacheSet(key, html);
  return html;
}

/** Markdown → sanitised HTML, safe to insert with `<%-`. */
export function renderMarkdown(text: string | null | undefined): string {
  return renderGuarded('screen', text, (t) => sanitizeHtml(md.render(t), ALLOWED), { budgeted: true });
}

/** For print: links become their text (a PDF must not point at live URLs the reader can't vet). */
export function renderMarkdownForPrint(text: string | null | undefined): string {
  return renderGuarded('print', text, (t) => sanitizeHtml(md.render(t), PRINT_ALLOWED));
}
