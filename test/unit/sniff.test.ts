import { checkUpload, safeDisplayName, sniff, zipEntryNames } from '../../src/files/sniff';
import { docx, minimalPdf, odt, png, storedZip, xlsx } from '../helpers/files';

describe('content sniffing', () => {
  test('each accepted format is recognised from its bytes', () => {
    expect(sniff(minimalPdf())).toBe('pdf');
    expect(sniff(png())).toBe('png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniff(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('gif');
    expect(sniff(docx())).toBe('docx');
    expect(sniff(xlsx())).toBe('xlsx');
    expect(sniff(odt())).toBe('odt');
    expect(sniff(Buffer.from('Gespreksverslag – één regel\n', 'utf8'))).toBe('text');
  });

  test('a ZIP without office entries, bytes with NUL, invalid UTF-8 and an empty file are not accepted', () => {
    expect(sniff(storedZip([['a.txt', 'x']]))).toBeNull();
    expect(sniff(Buffer.from('abc\u0000def'))).toBeNull();
    expect(sniff(Buffer.from([0xc3, 0x28, 0x41]))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });

  test('a truncated ZIP yields no entry names', () => {
    expect(zipEntryNames(docx().subarray(0, 40))).toBeNull();
    expect(zipEntryNames(docx())).toEqual(['[Content_Types].xml', 'word/document.xml']);
  });
});

describe('checking an upload', () => {
  test('when name and content agree, then the kind, mime and clean name are returned', () => {
    expect(checkUpload('verslag.pdf', minimalPdf())).toEqual({ ok: true, kind: 'pdf', mime: 'application/pdf', name: 'verslag.pdf' });
    expect(checkUpload('Cijfers.XLSX', xlsx())).toMatchObject({ ok: true, kind: 'xlsx' });
  });

  test('when the extension says PDF but the content is text, then it is refused with a Dutch message', () => {
    const r = checkUpload('verslag.pdf', Buffer.from('geen pdf'));
    expect(r).toEqual({ ok: false, message: expect.stringContaining('de inhoud is platte tekst') });
  });

  test('when a DOCX is renamed to .odt, an executable is uploaded, or the file is empty, then it is refused', () => {
    expect(checkUpload('a.odt', docx()).ok).toBe(false);
    expect(checkUpload('setup.exe', Buffer.from('MZ\x90\x00', 'latin1')).ok).toBe(false);
    expect(checkUpload('leeg.txt', Buffer.alloc(0))).toEqual({ ok: false, message: 'Het bestand is leeg.' });
  });

  test('names are reduced to their last segment; control characters and NUL are refused', () => {
    expect(safeDisplayName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(safeDisplayName('C:\\Users\\x\\verslag.pdf')).toBe('verslag.pdf');
    expect(safeDisplayName('..')).toBeNull();
    expect(safeDisplayName('a\u0000.pdf')).toBeNull();
    expect(safeDisplayName('a\nb.pdf')).toBeNull();
    expect(checkUpload('x\u0007.pdf', minimalPdf())).toEqual({ ok: false, message: 'De bestandsnaam bevat ongeldige tekens.' });
  });
});
