// Markdown in motivations, findings and texts: parsed with markdown-it (raw HTML off), then
// sanitised to a small allowlist. Used by screens and reports alike.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const TAGS = ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h3', 'h4', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr'];

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

/** Markdown → sanitised HTML, safe to insert with `<%-`. */
export function renderMarkdown(text: string | null | undefined): string {
  if (!text) return '';
  return sanitizeHtml(md.render(text), ALLOWED);
}

/** For print: links become their text (a PDF must not point at live URLs the reader can't vet). */
export function renderMarkdownForPrint(text: string | null | undefined): string {
  if (!text) return '';
  return sanitizeHtml(md.render(text), { ...ALLOWED, allowedTags: TAGS.filter((t) => t !== 'a'), transformTags: {} });
}
