#!/usr/bin/python3
"""The structure of a PDF as JSON, for the PDF/A-2 and accessibility checks that can be made here
(test/e2e/pdf-structure.test.ts). It is no validator: veraPDF is not available on these machines.

    /usr/bin/python3 test/helpers/pdf_structure.py FILE.pdf

prints one JSON object: the headings in structure order (tag, text, page) and their level jumps,
every /Figure with its /Alt, links with and without a description, the XMP's PDF/A identification
and the fields it shares with Info, the output intents, fonts that are not embedded, anything
JavaScript and every reference outside the file.
"""
import json
import re
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

HEADING = re.compile(r'^/H([1-6])$')


def s(o):
    """A PDF string or name as text."""
    if o is None:
        return None
    if isinstance(o, Name):
        return str(o)
    try:
        return str(o)
    except (NotImplementedError, TypeError, ValueError):
        return repr(o)


def objgen(o):
    try:
        return o.objgen
    except Exception:  # direct objects have no number
        return None


# --- text of marked content, for naming headings ------------------------------------------------

def to_unicode_map(font):
    """Glyph code -> text, from a font's /ToUnicode CMap (bfchar and bfrange, as Chromium writes them)."""
    out = {}
    cmap = font.get('/ToUnicode')
    if not isinstance(cmap, Stream):
        return out
    data = cmap.read_bytes().decode('latin1')

    def text(hexstr):
        b = bytes.fromhex(hexstr)
        return b.decode('utf-16-be', errors='replace')

    for block in re.findall(r'beginbfchar(.*?)endbfchar', data, re.S):
        for src, dst in re.findall(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>', block):
            out[int(src, 16)] = text(dst)
    for block in re.findall(r'beginbfrange(.*?)endbfrange', data, re.S):
        for lo, hi, rest in re.findall(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)', block):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith('['):
                for i, dst in enumerate(re.findall(r'<([0-9A-Fa-f]+)>', rest)):
                    out[lo + i] = text(dst)
            else:
                base = int(rest[1:-1], 16)
                width = len(rest) - 2
                for i in range(hi - lo + 1):
                    out[lo + i] = text(format(base + i, '0%dx' % width))
    return out


def decode(raw, cmap, two_byte):
    if two_byte:
        codes = [raw[i] << 8 | raw[i + 1] for i in range(0, len(raw) - 1, 2)]
    else:
        codes = list(raw)
    return ''.join(cmap.get(c, '') for c in codes)


TOKENS = re.compile(
    rb'(?:/[^\s/<>\[\]()]+\s*)?<<\s*/MCID\s+(\d+)[^>]*>>\s*BDC'  # 1: marked content with an MCID
    rb'|/[^\s/<>\[\]()]+\s*(?:<<[^>]*>>\s*BDC|/[^\s/<>\[\]()]+\s+BDC|BMC)'  # other marked content
    rb'|\bEMC\b'
    rb'|/([^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf'  # 2: font
    rb'|<([0-9A-Fa-f\s]*)>\s*(?:Tj|\'|")'  # 3: one hex string
    rb'|\[((?:<[0-9A-Fa-f\s]*>|[-\d.\s]+)*)\]\s*TJ',  # 4: hex strings and kerning
    re.S)


def page_mcid_text(page):
    """MCID -> text on one page: the text operators inside BDC ... EMC with an MCID.

    A regular expression over the content stream, not pikepdf's parser: parsing 40 pages of a
    report object by object takes minutes in Python, this takes a fraction of a second. It reads
    what Chromium writes (Type0 fonts with hex strings); literal strings are not decoded.
    """
    fonts = {}
    res = page.get('/Resources')
    font_dict = res.get('/Font') if isinstance(res, Dictionary) else None
    if isinstance(font_dict, Dictionary):
        for key in font_dict.keys():
            f = font_dict[key]
            fonts[key[1:]] = (to_unicode_map(f), s(f.get('/Subtype')) == '/Type0')
    contents = page.get('/Contents')
    streams = contents if isinstance(contents, Array) else [contents]
    data = b'\n'.join(c.read_bytes() for c in streams if isinstance(c, Stream))
    out = {}
    stack = []
    current = ({}, True)
    for m in TOKENS.finditer(data):
        tok = m.group(0)
        if m.group(1) is not None:
            stack.append(int(m.group(1)))
        elif tok == b'EMC':
            if stack:
                stack.pop()
        elif tok.endswith(b'BDC') or tok.endswith(b'BMC'):
            stack.append(None)
        elif m.group(2) is not None:
            current = fonts.get(m.group(2).decode('latin1'), ({}, True))
        else:
            mcid = next((x for x in reversed(stack) if x is not None), None)
            if mcid is None:
                continue
            text = ''
            if m.group(3) is not None:
                text = decode(bytes.fromhex(m.group(3).decode('latin1')), *current)
            else:
                for part in re.finditer(rb'<([0-9A-Fa-f\s]*)>|(-?[\d.]+)', m.group(4)):
                    if part.group(1) is not None:
                        text += decode(bytes.fromhex(part.group(1).decode('latin1')), *current)
                    elif float(part.group(2)) < -200:
                        text += ' '
            out[mcid] = out.get(mcid, '') + text
    return out


class Texts:
    def __init__(self, pdf):
        self.pdf = pdf
        self.cache = {}
        self.page_numbers = {objgen(p.obj): i + 1 for i, p in enumerate(pdf.pages)}

    def of(self, page, mcid):
        key = objgen(page)
        if key not in self.cache:
            self.cache[key] = page_mcid_text(page)
        return self.cache[key].get(mcid, '')

    def page_number(self, page):
        return self.page_numbers.get(objgen(page))


# --- the structure tree -------------------------------------------------------------------------

def walk_struct(pdf):
    """Struct elements in document order: (element, page of its nearest /Pg)."""
    root = pdf.Root.get('/StructTreeRoot')
    if not isinstance(root, Dictionary):
        return []
    out = []
    seen = set()

    def visit(node, page):
        if isinstance(node, Array):
            for c in node:
                visit(c, page)
            return
        if not isinstance(node, Dictionary):
            return
        key = objgen(node)
        if key is not None and key != (0, 0):
            if key in seen:
                return
            seen.add(key)
        pg = node.get('/Pg', page)
        if '/S' in node:
            out.append((node, pg))
        k = node.get('/K')
        if k is not None:
            visit(k, pg)

    visit(root.get('/K'), None)
    return out


def element_text(elem, page, texts, depth=0):
    if depth > 40:
        return ''
    pg = elem.get('/Pg', page) if isinstance(elem, Dictionary) else page
    k = elem.get('/K') if isinstance(elem, Dictionary) else elem
    items = k if isinstance(k, Array) else [k]
    text = ''
    for c in items:
        if c is None:
            continue
        if isinstance(c, int) or (not isinstance(c, (Dictionary, Array)) and str(c).lstrip('-').isdigit()):
            if pg is not None:
                text += texts.of(pg, int(c))
        elif isinstance(c, Dictionary):
            if s(c.get('/Type')) == '/MCR':
                text += texts.of(c.get('/Pg', pg), int(c.MCID))
            elif '/S' in c:
                text += ' ' + element_text(c, pg, texts, depth + 1)
    return re.sub(r'\s+', ' ', text).strip()


def first_page(elem, page, depth=0):
    """The page an element starts on: its /Pg, or that of its first descendant that has one."""
    if '/Pg' in elem:
        return elem.Pg
    k = elem.get('/K')
    for c in (k if isinstance(k, Array) else [k]):
        if isinstance(c, Dictionary) and depth < 40:
            if '/Pg' in c:
                return c.Pg
            found = first_page(c, None, depth + 1)
            if found is not None:
                return found
    return page


def structure(pdf):
    texts = Texts(pdf)
    headings, figures, links = [], [], []
    for elem, page in walk_struct(pdf):
        tag = s(elem.S)
        m = HEADING.match(tag)
        starts = first_page(elem, page)
        page_no = texts.page_number(starts) if starts is not None else None
        if m:
            headings.append({'tag': tag[1:], 'level': int(m.group(1)), 'text': element_text(elem, page, texts), 'page': page_no})
        elif tag == '/Figure':
            alt = elem.get('/Alt')
            figures.append({'alt': s(alt) if alt is not None else None, 'page': page_no})
        elif tag == '/Link':
            alt = elem.get('/Alt')
            links.append({'alt': s(alt) if alt is not None else None, 'page': page_no})
    jumps = []
    previous = 0
    for i, h in enumerate(headings):
        if h['level'] > previous + 1:
            before = headings[i - 1] if i > 0 else None
            jumps.append({'index': i, 'from': before['tag'] if before else None, 'fromText': before['text'] if before else None,
                          'to': h['tag'], 'toText': h['text'], 'page': h['page']})
        previous = h['level']
    return headings, jumps, figures, links


def outline(pdf):
    out = []
    try:
        with pdf.open_outline() as o:
            def visit(items, level):
                for it in items:
                    out.append({'level': level, 'title': it.title})
                    visit(it.children, level + 1)
            visit(o.root, 1)
    except Exception:
        pass
    return out


# --- the whole file -----------------------------------------------------------------------------

ACTIONS_OUTSIDE = {'/Launch', '/GoToR', '/GoToE', '/ImportData', '/SubmitForm', '/URI', '/Sound', '/Movie', '/Rendition'}


def scan_objects(pdf):
    """JavaScript, references outside the file, fonts without embedded program."""
    javascript, external, fonts_missing, fonts = [], [], [], 0
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary) and not isinstance(obj, Stream):
            continue
        d = obj.stream_dict if isinstance(obj, Stream) else obj
        keys = set(d.keys())
        where = '%d %d' % objgen(obj) if objgen(obj) else '?'
        if '/JS' in keys or '/JavaScript' in keys or s(d.get('/S')) == '/JavaScript':
            javascript.append(where)
        action = s(d.get('/S'))
        if action in ACTIONS_OUTSIDE:
            uri = s(d.get('/URI')) if action == '/URI' else None
            external.append({'object': where, 'action': action, 'uri': uri})
        if s(d.get('/FS')) == '/URL':
            external.append({'object': where, 'action': 'FileSpec URL', 'uri': s(d.get('/F'))})
        if s(d.get('/Type')) == '/Font':
            sub = s(d.get('/Subtype'))
            if sub in ('/CIDFontType0', '/CIDFontType2'):
                continue  # checked through its Type0 parent
            fonts += 1
            if sub == '/Type3':
                continue  # its glyphs are drawn in the font itself
            target = d.DescendantFonts[0] if sub == '/Type0' and '/DescendantFonts' in d else d
            fd = target.get('/FontDescriptor')
            if not isinstance(fd, Dictionary) or not any(k in fd for k in ('/FontFile', '/FontFile2', '/FontFile3')):
                fonts_missing.append(s(d.get('/BaseFont')))
    # Additional actions run on events; PDF/A-2 forbids them in the catalog and on pages.
    if '/AA' in pdf.Root:
        javascript.append('Catalog /AA')
    for i, page in enumerate(pdf.pages):
        if '/AA' in page.obj:
            javascript.append('page %d /AA' % (i + 1))
    names = pdf.Root.get('/Names')
    if isinstance(names, Dictionary) and '/JavaScript' in names:
        javascript.append('Names /JavaScript')
    return javascript, external, fonts, fonts_missing


def xmp_fields(pdf):
    out = {'present': False}
    if '/Metadata' not in pdf.Root:
        return out
    out['present'] = True
    raw = pdf.Root.Metadata.read_bytes().decode('utf-8', errors='replace')
    out['filtered'] = '/Filter' in pdf.Root.Metadata.stream_dict

    def one(tag):
        m = re.search(r'<%s>(.*?)</%s>' % (tag, tag), raw, re.S)
        if not m:
            return None
        inner = m.group(1)
        li = re.findall(r'<rdf:li[^>]*>(.*?)</rdf:li>', inner, re.S)
        value = li[0] if li else inner
        return re.sub(r'&lt;', '<', re.sub(r'&gt;', '>', re.sub(r'&quot;', '"', value))).replace('&amp;', '&').strip()

    for field in ('pdfaid:part', 'pdfaid:conformance', 'dc:title', 'dc:creator', 'dc:description', 'pdf:Keywords',
                  'pdf:Producer', 'xmp:CreatorTool', 'xmp:CreateDate', 'xmp:ModifyDate'):
        out[field] = one(field)
    out['packet'] = raw.lstrip().startswith('<?xpacket')
    return out


def pdf_date_iso(d):
    m = re.match(r"^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'?\d\d'?)?", d or '')
    if not m:
        return None
    tz = m.group(7) or 'Z'
    tz = 'Z' if tz in ('Z', "+00'00'", '+0000', "+00'00", '-00\'00\'') else tz.replace("'", '')[:3] + ':' + tz.replace("'", '')[3:5]
    return '%s-%s-%sT%s:%s:%s%s' % (m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), tz)


def compare_info_xmp(info, xmp):
    pairs = [('Title', 'dc:title'), ('Author', 'dc:creator'), ('Subject', 'dc:description'), ('Keywords', 'pdf:Keywords'),
             ('Creator', 'xmp:CreatorTool'), ('Producer', 'pdf:Producer')]
    mismatches = []
    for ik, xk in pairs:
        a, b = info.get(ik), xmp.get(xk)
        if a is not None and a != b:
            mismatches.append({'info': ik, 'xmp': xk, 'infoValue': a, 'xmpValue': b})
    for ik, xk in (('CreationDate', 'xmp:CreateDate'), ('ModDate', 'xmp:ModifyDate')):
        a = pdf_date_iso(info.get(ik))
        if info.get(ik) is not None and a != xmp.get(xk):
            mismatches.append({'info': ik, 'xmp': xk, 'infoValue': info.get(ik), 'xmpValue': xmp.get(xk)})
    return mismatches


def output_intents(pdf):
    out = []
    for oi in pdf.Root.get('/OutputIntents', []):
        profile = oi.get('/DestOutputProfile')
        icc = isinstance(profile, Stream)
        data = profile.read_bytes() if icc else b''
        out.append({'S': s(oi.get('/S')), 'condition': s(oi.get('/OutputConditionIdentifier')), 'icc': icc,
                    'N': int(profile.stream_dict.N) if icc and '/N' in profile.stream_dict else None,
                    'iccColourSpace': data[16:20].decode('latin1').strip() if len(data) >= 20 else None,
                    'iccSignature': data[36:40].decode('latin1') if len(data) >= 40 else None})
    return out


def link_annotations(pdf):
    described, undescribed = 0, []
    for i, page in enumerate(pdf.pages):
        for a in page.obj.get('/Annots', []):
            if s(a.get('/Subtype')) != '/Link':
                continue
            if a.get('/Contents') is not None and s(a.Contents).strip():
                described += 1
            else:
                undescribed.append({'page': i + 1, 'dest': s(a.get('/Dest'))})
    return described, undescribed


def main(path):
    pdf = pikepdf.open(path)
    headings, jumps, figures, struct_links = structure(pdf)
    info = {str(k)[1:]: s(v) for k, v in pdf.docinfo.items()} if pdf.trailer.get('/Info') is not None else {}
    xmp = xmp_fields(pdf)
    javascript, external, fonts, fonts_missing = scan_objects(pdf)
    described, undescribed = link_annotations(pdf)
    mark = pdf.Root.get('/MarkInfo')
    result = {
        'pages': len(pdf.pages),
        'version': pdf.pdf_version,
        'tagged': bool(isinstance(mark, Dictionary) and mark.get('/Marked')),
        'lang': s(pdf.Root.get('/Lang')),
        'structTree': '/StructTreeRoot' in pdf.Root,
        'displayDocTitle': bool(pdf.Root.get('/ViewerPreferences', {}).get('/DisplayDocTitle', False)),
        'trailerId': pdf.trailer.get('/ID') is not None,
        'outline': outline(pdf),
        'headings': headings,
        'headingJumps': jumps,
        'figures': figures,
        'figuresWithoutAlt': [f for f in figures if not (f['alt'] or '').strip()],
        'links': {'annotationsDescribed': described, 'annotationsUndescribed': undescribed,
                  'structElements': len(struct_links), 'structWithoutAlt': [l for l in struct_links if not (l['alt'] or '').strip()]},
        'info': info,
        'xmp': xmp,
        'infoXmpMismatches': compare_info_xmp(info, xmp) if xmp['present'] else None,
        'outputIntents': output_intents(pdf),
        'fonts': fonts,
        'fontsNotEmbedded': fonts_missing,
        'javascript': javascript,
        'external': external,
    }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.stderr.write('usage: pdf_structure.py FILE.pdf\n')
        sys.exit(2)
    main(sys.argv[1])
