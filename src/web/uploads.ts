// The upload parser for evidence files: in memory (the bytes are checked and hashed before
// anything is written), one file, a size limit. A parser error does not end the request: the
// route shows it next to the file field with the rest of the user's input kept.
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { stripFormatting } from '../files/names';

/** Largest evidence file accepted. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
export const UPLOAD_FIELD = 'bestand';

const parser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 100, fieldSize: 1024 * 1024, parts: 110 },
  defParamCharset: 'utf8',
}).single(UPLOAD_FIELD);

const errors = new WeakMap<Request, string>();

export function uploadError(req: Request): string | undefined {
  return errors.get(req);
}

export function parseUpload(req: Request, res: Response, next: NextFunction): void {
  parser(req, res, (err?: unknown) => {
    if (err) {
      const code = (err as { code?: string }).code;
      errors.set(req, code === 'LIMIT_FILE_SIZE'
        ? `Het bestand is te groot; de grens is ${Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} MB.`
        : code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT'
          ? 'Voeg één bestand toe in het bestandsveld.'
          : 'Het bestand kon niet worden ontvangen. Probeer het opnieuw.');
      if (!req.body) req.body = {};
    }
    // The name as every later step sees it (the checks, the stored name, a preview): without
    // bidi controls and other invisible format characters. Control characters stay, to be refused.
    if (req.file) req.file.originalname = stripFormatting(req.file.originalname);
    next();
  });
}
