// Every generated download (reports, comparisons) is sent the same way: an attachment with its
// type and length, its name as RFC 6266/5987 wants it: an ASCII fallback and the exact UTF-8
// name. (Helmet already sets nosniff on every response.)
import type { Response } from 'express';

export function sendDownload(res: Response, bytes: Buffer | string, type: string, filename: string): void {
  const body = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', attachment(filename));
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}

/** `attachment; filename="ascii"; filename*=UTF-8''exact`; also the header of an evidence file's download. */
export function attachment(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === name ? `attachment; filename="${name}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
