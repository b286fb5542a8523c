// The report of one unit as Word, from the same UnitReportModel as the PDF, in the order of
// reports/unit.ejs; its chapter notes are Word footnotes.
import { Paragraph, TextRun } from 'docx';
import { capital } from '../../present';
import type { UnitReportModel } from '../unit.model';
import { htmlBlocks, htmlInline } from './html';
import { Block, DocxReport, heading, NoteBook, para, table, text, verdict } from './kit';
import { sourcesTable, titlePage } from './national';

export function unitReport(m: UnitReportModel): DocxReport {
  const all = [...new Map(m.checklists.flatMap((c) => c.groups.flatMap((g) => g.notes)).map((n) => [n.number, n])).values()];
  const notes = new NoteBook(all, htmlInline);
  const main = m.checklists[0];
  const body: Block[] = [];
  let chapter = 1;
  body.push(heading(1, `${chapter} Oordelen in één oogopslag`));
  body.push(para(`${m.unitName} is in dit onderzoek op ${m.total} criteria en aandachtspunten beoordeeld; ${m.assessed} daarvan hebben een oordeel.${m.predecessor ? ` Naast elk oordeel staat het oordeel uit het vorige onderzoek (${m.predecessor.title}, ${m.predecessor.year}).` : ''}`, 'Lead'));
  if (m.assessed === 0) body.push(para('Voor deze eenheid is nog geen enkel criterium beoordeeld. De hoofdstukken hieronder tonen de criteria zonder oordeel.', 'Box'));
  for (const cl of m.checklists) {
    body.push(...table({
      caption: cl.title,
      widths: m.predecessor ? [0.32, 0.22, 0.26, 0.2] : [0.36, 0.24, 0.4],
      header: [[{ children: 'Onderdeel' }, { children: `Oordeel ${m.year}` }, { children: 'Telling' }, ...(m.predecessor ? [{ children: `Oordeel ${m.predecessor.year}` }] : [])]],
      body: cl.groups.map((g) => [
        { children: g.title, bold: true },
        { children: [verdict(g.verdict), ...(!g.complete ? [new TextRun({ break: 1 }), text('voorlopig', { italics: true, size: 15 })] : [])] },
        { children: [text(g.summary), ...(g.overrideHtml ? [new TextRun({ break: 1 }), text('Afwijkend vastgesteld oordeel; zie de toelichting in het hoofdstuk.', { size: 15 })] : [])] },
        ...(m.predecessor ? [{ children: g.previous ? [verdict(g.previous)] : [text(cl.previousMissing, { italics: true, color: '757575' })] }] : []),
      ]),
    }));
  }
  for (const cl of m.checklists) {
    for (const g of cl.groups) {
      chapter++;
      body.push(heading(1, `${chapter} ${g.title}`));
      body.push(new Paragraph({ style: 'Box', children: [text(`Oordeel ${m.unitName} `, { bold: true }), verdict(g.verdict), text(` ${g.summary}`, { size: 17 }), ...(!g.complete ? [text(' (voorlopig)', { italics: true, size: 17 })] : [])] }));
      if (m.predecessor) body.push(para([text(`Vorig onderzoek (${m.predecessor.year}): `, { size: 17 }), g.previous ? verdict(g.previous) : text(cl.previousMissing, { size: 17 })], 'Box'));
      if (g.overrideHtml) body.push(para([text('De Inspectie stelde dit oordeel anders vast dan de optelling van de criteria geeft:', { size: 17 })], 'Box'), ...htmlBlocks(g.overrideHtml, notes, 'Box'));
      g.criteria.forEach((c, ci) => {
        body.push(heading(2, `${chapter}.${ci + 1} ${cl.id === main.id ? 'Criterium' : capital(g.kind)} ${c.number}`));
        body.push(para(c.text, undefined, { keepNext: true }));
        for (const sp of c.subpoints) body.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, keepNext: true, children: [text(sp)] }));
        body.push(...table({
          widths: m.predecessor ? [0.4, 0.4, 0.2] : [0.6, 0.4],
          header: [[{ children: `Oordeel ${m.year}` }, ...(m.predecessor ? [{ children: `Oordeel ${m.predecessor.year}` }] : []), { children: 'Noten' }]],
          body: [[
            { children: [verdict(c.verdict)] },
            ...(m.predecessor ? [{ children: c.previous ? [verdict(c.previous)] : [text(cl.previousMissing, { italics: true, color: '757575' })] }] : []),
            { children: notes.refs(c.notes) },
          ]],
        }));
        body.push(heading(4, 'Motivering'));
        body.push(...(c.motivationHtml ? htmlBlocks(c.motivationHtml, notes) : [para('Geen motivering vastgelegd.', 'Empty')]));
        for (const x of c.excerpts) body.push(para([text(`Uit bron ${x.note}: `, { bold: true }), text(x.text, { italics: true })], 'Quote'));
      });
    }
  }
  body.push(heading(1, 'Bijlage Lijst van bronnen'));
  if (m.sources.length === 0) body.push(para('De oordelen over deze eenheid citeren (nog) geen bronnen.', 'Empty'));
  else body.push(para(`De bronnen waarop de oordelen over ${m.unitName} rusten, in de volgorde van hun noten.`), ...sourcesTable(m.sources));
  return {
    title: m.title,
    subject: `Rapport per eenheid ${m.year}: ${m.unitName}`,
    runningTitle: m.title,
    mark: m.status.mark,
    final: m.status.final,
    illustrative: m.illustrativeHtml !== null,
    titlePage: titlePage(m, { kind: 'Rapport per eenheid', title: m.unitName, subtitle: `${m.inspectionTitle} · ${m.year}`, inspection: m.inspectionTitle }, notes),
    body,
    notes,
  };
}
