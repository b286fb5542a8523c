// Every generated download (reports, comparisons) is sent the same way: an attachment with its
// type and length. Callers pass file names made of [A-Za-z0-9._-] only, so the plain quoted
// form is safe. (Helmet already sets nosniff on every response.)
import type { Response } from 'express';

export function sendDownload(res: Response, bytes: Buffer | string, type: string, filename: string): void {
  const body = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}
