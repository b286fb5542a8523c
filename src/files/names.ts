// Characters that change how a text is shown without being seen: the bidirectional controls
// (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), zero-width and other format characters
// (Unicode category Cf: U+200B–U+200D, U+2060, U+FEFF, U+00AD, tag characters…), the line and
// paragraph separators, and control characters (Cc). `invoice\u202egpj.txt` is shown as
// "invoicetxt.jpg"; stripped it reads "invoicegpj.txt", what it really is.
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}]/gu;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_TAB_NEWLINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` without the invisible format characters and separators (control characters stay), in NFC. */
export function stripFormatting(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '');
}

/**
 * `text` without invisible format and control characters, in Unicode NFC. A line of text (a
 * name, a title) loses all control characters; with `multiline` tab, line feed and carriage
 * return stay.
 */
export function stripInvisible(text: string, opts: { multiline?: boolean } = {}): string {
  return stripFormatting(text).replace(opts.multiline ? CONTROL_EXCEPT_TAB_NEWLINE : CONTROL, '');
}

