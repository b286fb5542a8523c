// The national report as Word, written from the same NationalReportModel as the PDF and in the
// order of reports/national.ejs and reports/partials/block.ejs: section by section, each text
// part converted from its sanitised HTML and each block laid out from its typed data. The notes
// the PDF prints at the end of each chapter are Word footnotes here.
import { HeadingLevel, Paragraph, TextRun } from 'docx';
import { capital, count, dutchNumber, interviewSentence, recommendationIntro, sharedHelpers, type VerdictView } from '../../present';
import type { BlockSource, BlockView, CellView, GroupView, MatrixView, NationalReportModel, SourceView, StatisticsRow } from '../national.model';
import { htmlBlocks, htmlInline } from './html';
import { Block, CellSpec, chartImage, dataImage, DocxReport, heading, Inline, NoteBook, ORGANISATION, para, shaded, table, text, verdict } from './kit';

const { nouns } = sharedHelpers;

/** What a national and a unit report share: the title page, as reports/partials/title-page.ejs. */
export function titlePage(m: {
  kind: 'national' | 'unit';
  title: string;
  year: number;
  fieldwork: string;
  status: { final: boolean; mark: string };
  illustrativeHtml: string | null;
  predecessor: { title: string; year: number } | null;
  generatedOn: string;
}, labels: { kind: string; title: string; subtitle: string; inspection: string }, notes: NoteBook): Block[] {
  const meta: Array<[string, string]> = [
    ['Onderzoek', `${labels.inspection} (${m.year})`],
    ...(m.fieldwork ? [['Veldwerk', m.fieldwork] as [string, string]] : []),
    ...(m.predecessor ? [['Vorig onderzoek', `${m.predecessor.title} (${m.predecessor.year})`] as [string, string]] : []),
    ['Status', m.status.final ? m.status.mark : 'Concept'],
    ['Gemaakt op', m.generatedOn],
  ];
  return [
    para([text(ORGANISATION, { bold: true, size: 26, color: '154273' })], 'TitleMeta'),
    para('Ministerie van Justitie en Veiligheid', 'TitleMeta'),
    new Paragraph({ spacing: { before: 2400 }, style: 'TitleMeta', children: [text(labels.kind, { size: 26 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(labels.title)] }),
    ...(labels.subtitle ? [para([text(labels.subtitle, { size: 26 })], 'TitleMeta')] : []),
    para([shaded(m.status.final ? m.status.mark : 'CONCEPT — nog niet vastgesteld', m.status.final ? 'v-positive' : 'v-negative')], 'TitleMeta'),
    ...(m.illustrativeHtml ? illustrativeNote(m.illustrativeHtml, notes) : []),
    new Paragraph({ spacing: { before: 600 }, children: [] }),
    ...meta.map(([k, v]) => para([text(`${k}: `, { bold: true }), text(v)], 'TitleMeta')),
  ];
}

function illustrativeNote(html: string, notes: NoteBook): Block[] {
  const parts = htmlBlocks(html, notes, 'Marking');
  // "Illustratief onderzoek." leads the note, as on the PDF's title page.
  return [new Paragraph({ style: 'Marking', children: [text('Illustratief onderzoek.', { bold: true })] }), ...parts];
}

const empty = (t: string) => para(t, 'Empty');

function sourceLine(src: BlockSource | null, notes: NoteBook): Block[] {
  if (!src) return [];
  return [para([text(`Bron: ${src.text}`), ...(src.note ? [notes.ref(src.note)] : [])], 'SourceLine')];
}

function verdictLine(g: GroupView): Paragraph {
  return new Paragraph({
    style: 'Box',
    children: [
      text('Oordeel landelijk ', { bold: true }), verdict(g.national.verdict), text(` ${g.national.summary}`, { size: 17 }),
      ...(!g.national.complete ? [text(' (voorlopig: nog niet alles beoordeeld)', { italics: true, size: 17 })] : []),
    ],
  });
}

function recommendations(g: GroupView, addressee: string | null): Block[] {
  if (g.recommendations.length === 0) return [];
  return [
    para(recommendationIntro(addressee, g.recommendations.length, 'group'), undefined, { keepNext: true }),
    ...g.recommendations.map((rec) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [text(rec.text)] })),
  ];
}

/** The cells of a verdict: one unit per row (Word reflows a table; two units per row do not read in order). */
function cellsTable(cells: CellView[], caption: string, notes: NoteBook): Block[] {
  return table({
    caption,
    widths: [0.45, 0.35, 0.2],
    header: [[{ children: 'Eenheid' }, { children: 'Oordeel' }, { children: 'Noten' }]],
    body: cells.map((c) => [{ children: c.unitName, bold: true }, { children: [verdict(c.verdict)] }, { children: notes.refs(c.notes) }]),
  });
}

function legend(l: VerdictView[]): Block[] {
  return [
    para(l.flatMap((v, i): Inline[] => [...(i > 0 ? [text('   ')] : []), shaded(v.abbr, v.cls), text(` ${v.label}`)]), 'Small'),
    para(sharedHelpers.abbreviationRule, 'Small'),
  ];
}

function abbrCell(v: VerdictView): CellSpec {
  return { children: v.abbr, shade: v.cls, align: 'center' };
}

export function matrixBlocks(mx: MatrixView): Block[] {
  const n = mx.columns.length + mx.groups.length;
  return [
    ...table({
      caption: mx.title,
      widths: [3.2, ...Array.from({ length: n }, () => 1)],
      header: [
        [{ children: 'Eenheid', rowSpan: 2 }, ...mx.groups.map((g) => ({ children: g.title, colSpan: g.span })), { children: mx.groups.length > 1 ? `Per ${mx.groupKind}` : 'Samen', colSpan: mx.groups.length }],
        [...mx.columns.map((c) => ({ children: c.number, align: 'center' as const })), ...mx.groups.map((g) => ({ children: String(g.number), align: 'center' as const }))],
      ],
      body: [
        ...mx.rows.map((row) => [{ children: row.unitName, bold: true }, ...row.cells.map(abbrCell), ...row.groupVerdicts.map(abbrCell)]),
        [{ children: 'Landelijk', bold: true }, ...mx.national.cells.map(abbrCell), ...mx.national.groupVerdicts.map(abbrCell)],
      ],
    }),
    ...legend(mx.legend),
  ];
}

export function sourcesTable(sources: SourceView[]): Block[] {
  return table({
    widths: [0.07, 0.08, 0.36, 0.17, 0.15, 0.17],
    header: [['Noot', 'Kenmerk', 'Titel', 'Soort', 'Datum', 'Partij / wederhoor'].map((h) => ({ children: h }))],
    body: sources.map((s) => [
      { children: s.notes.length ? s.notes.join(', ') : '–' },
      { children: s.ref },
      { children: s.title },
      { children: s.typeLabel },
      { children: s.date || 'zonder datum' },
      { children: [text(s.party), ...(s.wederhoor ? [new TextRun({ break: 1 }), text(s.wederhoor, { size: 15, color: '555555' })] : [])] },
    ]),
  });
}

function block(b: BlockView, m: NationalReportModel, notes: NoteBook): Block[] {
  const final = m.status.final;
  switch (b.type) {
    case 'uitkomsten':
      return b.groups.flatMap((g) => [
        heading(b.level, g.title),
        verdictLine(g),
        ...(g.boxHtml ? htmlBlocks(g.boxHtml, notes, 'Box') : final ? [] : [para('Nog geen conclusie geschreven.', 'Empty')]),
        ...recommendations(g, m.addressee),
      ]);
    case 'criteria':
      return b.criteria.flatMap((c) => [
        heading(b.level, c.heading),
        para(c.text, undefined, { keepNext: true }),
        ...c.subpoints.map((sp) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [text(sp)] })),
        para([text('Landelijk beeld ', { bold: true }), verdict(c.national.verdict), text(` ${c.national.summary}`, { size: 17 })]),
        ...(c.findingHtml ? [para([text('Bevindingen', { bold: true })], undefined, { keepNext: true }), ...htmlBlocks(c.findingHtml, notes)] : final ? [] : [empty('Nog geen bevindingen geschreven.')]),
        ...cellsTable(c.cells, `Oordelen per eenheid op ${(c.heading.split(':')[0] ?? '').toLowerCase()}`, notes),
      ]);
    case 'deelconclusie': {
      const g = b.group;
      return [
        verdictLine(g),
        ...(g.national.override ? [para(`Berekend oordeel: ${g.national.override.computed.label}. De Inspectie stelde het oordeel anders vast:`, 'Box'), ...htmlBlocks(g.national.override.motivationHtml, notes, 'Box')] : []),
        ...(g.conclusionHtml ? htmlBlocks(g.conclusionHtml, notes) : final ? [] : [empty('Nog geen deelconclusie geschreven.')]),
        ...recommendations(g, m.addressee),
      ];
    }
    case 'oordelen': {
      const withGroup = b.rows[0]?.group ? true : false;
      return [
        ...table({
          caption: b.caption,
          widths: [3, ...b.columns.map(() => 1), ...(withGroup ? [1.2] : [])],
          header: [[{ children: 'Eenheid' }, ...b.columns.map((c) => ({ children: c.number, align: 'center' as const })), ...(withGroup ? [{ children: 'Samen' }] : [])]],
          body: b.rows.map((row) => [{ children: row.unitName, bold: true }, ...row.cells.map(abbrCell), ...(row.group ? [abbrCell(row.group)] : [])]),
        }),
        ...legend(b.legend),
      ];
    }
    case 'matrix':
      return matrixBlocks(b.matrix);
    case 'klachtcijfers': {
      if (b.rows.length === 0) return [empty('Voor dit onderzoek zijn geen klachtcijfers vastgelegd.')];
      const line = (label: string, pick: (s: StatisticsRow) => number): CellSpec[] => [{ children: label, bold: true }, ...b.rows.map((s) => ({ children: dutchNumber(pick(s)), align: 'right' as const }))];
      return [
        ...table({
          caption: `Tabel: ${b.caption}`,
          widths: [2, ...b.rows.map(() => 1)],
          header: [[{ children: 'Status / fase' }, ...b.rows.map((s) => ({ children: String(s.year), align: 'right' as const }))]],
          body: [line('Afgerond', (s) => s.afgerond), line('Aannemen', (s) => s.aannemen), line('Eerste fase', (s) => s.eersteFase), line('Tweede fase', (s) => s.tweedeFase)],
        }),
        ...sourceLine(b.source, notes),
      ];
    }
    case 'grafiek':
      if (b.svg) return [chartImage(b.svg, b.caption), para(b.caption, 'Caption')];
      return final ? [] : [empty('Geen gegevens voor deze grafiek.')];
    case 'figuur': {
      const image = b.src ? dataImage(b.src, b.alt) : null;
      return [
        image ?? para(`De afbeelding “${b.caption}” zit niet in het dossier van dit onderzoek${b.ref ? ` (bron ${b.ref} heeft geen afbeelding)` : ''}.`, 'Empty'),
        para(b.caption, 'Caption'),
        ...sourceLine(b.source, notes),
      ];
    }
    case 'conclusies':
      return b.groups.flatMap((g) => [
        para([text(g.title, { bold: true })], 'Box'),
        para([verdict(g.national.verdict), text(` ${g.national.summary}`, { size: 17 })], 'Box'),
        ...htmlBlocks(g.boxHtml, notes, 'Box'),
        new Paragraph({ children: [] }),
      ]);
    case 'aanbevelingen':
      if (b.groups.length === 0) return [empty('Dit onderzoek bevat geen aanbevelingen.')];
      return [
        para(recommendationIntro(m.addressee, b.groups.reduce((n, g) => n + g.recommendations.length, 0), 'all')),
        ...b.groups.flatMap((g) => [
          para([text(`Ten aanzien van ${g.title.toLowerCase()}:`, { bold: true })], undefined, { keepNext: true }),
          ...g.recommendations.map((rec) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [text(rec.text)] })),
        ]),
      ];
    case 'opvolging':
      return [
        para(`Het vorige onderzoek${b.predecessor ? ` (${b.predecessor.title}, ${b.predecessor.year})` : ''} deed ${count(b.followups.length, nouns.recommendations)}. Per aanbeveling staat hieronder wat ermee is gedaan.`),
        ...table({
          widths: [0.38, 0.16, 0.36, 0.1],
          header: [['Aanbeveling', 'Opvolging', 'Toelichting', 'Noten'].map((h) => ({ children: h }))],
          body: b.followups.map((f) => [
            { children: [text(f.ref, { bold: true }), text(` ${f.groupTitle}`, { size: 15, color: '555555' }), new TextRun({ break: 1 }), text(f.text)] },
            { children: f.status ?? (final ? '–' : 'Nog niet vastgelegd') },
            { children: f.motivationHtml ? htmlBlocks(f.motivationHtml, notes, 'TableText') : [text('Geen toelichting.', { italics: true, color: '757575' })] },
            { children: notes.refs(f.notes) },
          ]),
        }),
      ];
    case 'kader': {
      const c = b.checklist;
      return [
        para(c.title, 'Lead'),
        ...(c.description ? [para(c.description)] : []),
        para(`Bron: ${c.source}`, 'Small'),
        ...c.groups.flatMap((g) => table({
          caption: c.groups.length > 1 ? `${capital(g.kind)} ${g.number}: ${g.title}` : g.title,
          widths: b.main ? [0.08, 0.92] : [0.08, 0.6, 0.32],
          header: [[{ children: 'Nr.' }, { children: b.main ? 'Criterium' : capital(g.kind) }, ...(b.main ? [] : [{ children: 'Oordeel landelijk' }])]],
          body: g.criteria.map((cr) => [
            { children: cr.number },
            { children: [para(cr.text, 'TableText'), ...cr.subpoints.map((sp) => new Paragraph({ style: 'TableText', numbering: { reference: 'bullets', level: 0 }, children: [text(sp)] }))] },
            ...(b.main ? [] : [{ children: [verdict(cr.national.verdict), new TextRun({ break: 1 }), text(cr.national.summary, { size: 15 })] }]),
          ]),
        })),
      ];
    }
    case 'bronnen':
      return [
        para('Alle bronnen in het dossier van dit onderzoek, elk één keer. Bronnen waarop een tekst, oordeel of bevinding rust, staan vooraan met de nummers van de noten die ernaar verwijzen.'),
        ...sourcesTable(m.sources),
      ];
    case 'methode': {
      const f = b.facts;
      return [
        para(`Het onderzoek beoordeelt ${count(f.units, nouns.units)}${b.fieldwork ? `; het veldwerk vond plaats van ${b.fieldwork}` : ''}. Het dossier bevat ${count(f.evidence, nouns.sources)}${f.byType.length ? ':' : '.'}`),
        ...f.byType.map((t) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [text(`${t.label}: ${t.count}`)] })),
        ...(f.interviews ? [para(`${interviewSentence(f.interviews, f.interviewsChecked)} Bij elk oordeel staan de bronnen waarop het rust als genummerde noten; de noot van een gespreksverslag vermeldt de stand van het wederhoor.`)] : []),
      ];
    }
    case 'leeswijzer':
      return b.chapters.map((c) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [text(`${c.kind === 'bijlage' ? c.number : `Hoofdstuk ${c.number}`}: ${c.title}`)] }));
    case 'bestuurlijke_reactie':
      if (b.letters.length === 0) return final ? [] : [empty('Nog geen bestuurlijke reactie ontvangen.')];
      return b.letters.flatMap((l) => [
        para([text(l.title, { bold: true })], undefined, { keepNext: true }),
        para([l.party, l.date].filter(Boolean).join(', '), 'Small'),
        ...(l.html ? htmlBlocks(l.html, notes) : []),
        para(l.file ? `Bijgevoegd bestand: ${l.file.name} (SHA-256 ${l.file.sha256})` : `Bron ${l.ref}; er is geen bestand bijgevoegd.`, 'SourceLine'),
      ]);
  }
}

/** Every note of the model, once: the chapters' note lists together. */
function allNotes(m: NationalReportModel) {
  return m.sections.flatMap((s) => s.notes);
}

export function nationalReport(m: NationalReportModel): DocxReport {
  const notes = new NoteBook(allNotes(m), htmlInline);
  const title = titlePage(m, { kind: 'Landelijk rapport', title: m.title, subtitle: `${m.organisation} · ${m.year}`, inspection: m.title }, notes);
  const body: Block[] = [];
  for (const sec of m.sections) {
    body.push(heading(sec.level, sec.heading));
    if (sec.marking) body.push(para(sec.marking, 'Marking'));
    if (sec.empty && !m.status.final) body.push(empty('Nog geen tekst geschreven.'));
    for (const part of sec.parts) body.push(...(part.kind === 'html' ? htmlBlocks(part.html, notes) : block(part.block, m, notes)));
  }
  return {
    title: `${m.title} — landelijk rapport`,
    subject: `Landelijk rapport ${m.year}: ${m.title}`,
    runningTitle: m.title,
    mark: m.status.mark,
    final: m.status.final,
    illustrative: m.illustrativeHtml !== null,
    titlePage: title,
    body,
    notes,
  };
}
