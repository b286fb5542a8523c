// The comparison as Word, from the same Comparison as the PDF (src/reports/compare-pdf.ts), in the
// order of reports/compare.ejs and partials/compare-title.ejs.
import { HeadingLevel, Paragraph, TextRun } from 'docx';
import { unitNameOf } from '../../domain/units';
import type { Catalogue } from '../../domain/checklist';
import type { Comparison, Counts, Side } from '../../domain/comparison/types';
import { Direction, DIRECTIONS } from '../../domain/comparison/vocabulary';
import { INSPECTION_STATUS_LABELS } from '../../domain/vocabulary';
import { renderMarkdownForPrint } from '../../markdown';
import { capital, CELLS, count, criterionName, dutchDate, dutchNumber, groupKindPhrase, inspectionName } from '../../present';
import { statisticsChart } from '../charts';
import { criterionNumbers, RELATION_TEXT } from '../compare-rows';
import { comparisonRunningTitle, comparisonStory, comparisonTitle, directionWords, figuresView, progressView, reorderedNotice, shareLabels } from '../compare.model';
import { htmlBlocks, htmlInline } from './html';
import { Block, CellSpec, chartImage, DocxReport, heading, Inline, NoteBook, ORGANISATION, para, shaded, table, text } from './kit';

export function comparisonReport(cmp: Comparison, catalogue: Catalogue, opts: { motivations: boolean; generatedAt?: string }): DocxReport {
  const notes = new NoteBook([], htmlInline);
  const E = cmp.earlier.year, L = cmp.later.year;
  // Names from the later inspection's unit set; codes are aligned across both.
  const name = (code: string) => unitNameOf(catalogue, cmp.later, code);
  const chip = (d: Direction) => shaded(`${directionWords.symbols[d]} ${directionWords.labels[d]}`, directionWords.className(d));
  const side = (s: Side | null): Inline[] => (s ? [shaded(s.label, directionWords.sideClass(s)), ...(s.provisional ? [text(' voorlopig', { italics: true, size: 15 })] : [])] : [text('—', { color: '757575' })]);
  const chips = () => para(DIRECTIONS.flatMap((d, i): Inline[] => [...(i > 0 ? [text(' ')] : []), chip(d)]));
  const countsTable = (counts: Counts, caption: string) => table({ caption, header: [DIRECTIONS.map((d) => ({ children: [chip(d)] }))], body: [DIRECTIONS.map((d) => ({ children: String(counts[d]), align: 'right' as const }))] });
  const final = cmp.earlier.status === 'vastgesteld' && cmp.later.status === 'vastgesteld';
  const mark = final ? 'Vastgestelde onderzoeken' : 'CONCEPT — niet vastgesteld';
  const title = comparisonTitle(cmp);
  const statusLabel = (s: keyof typeof INSPECTION_STATUS_LABELS) => INSPECTION_STATUS_LABELS[s].toLowerCase();
  const body: Block[] = [];
  let chapter = 0;

  body.push(heading(1, `${++chapter} Samenvatting`));
  const notice = reorderedNotice(cmp);
  if (notice) body.push(para([text(notice, { bold: true })]));
  body.push(para(`Wat verbeterde en wat niet, van ${E} naar ${L}: per criterium en per eenheid het oordeel van beide onderzoeken, met de richting van de verandering.`, 'Lead'));
  const story = comparisonStory(cmp, catalogue);
  for (const s of story.sentences) body.push(para([text(`• ${s.text}`, s.kind === 'decline' ? { bold: true } : {})]));
  for (const e of story.explanations.slice(0, 1)) body.push(para([text('Streng oordeel en aandeel. ', { bold: true }), text(e.text)], 'Small'));
  body.push(para([text('Richtingen: '), ...DIRECTIONS.flatMap((d): Inline[] => [chip(d), text(' ')])]));
  body.push(para([
    text('Een richting vergelijkt de rangorde van de oordelen (nagekomen boven ten dele boven niet nagekomen). '), text('Nieuw beoordeeld', { italics: true }), text(' en '), text('niet meer beoordeeld', { italics: true }),
    text(': één van beide onderzoeken gaf geen oordeel. '), text('Niet vergelijkbaar', { italics: true }), text(': er is geen tegenhanger in het andere kader, of geen van beide onderzoeken gaf een oordeel.'),
  ], 'Small'));
  body.push(...countsTable(cmp.headline.counts, `Cellen (criterium × eenheid) die beide onderzoeken kennen (${dutchNumber(cmp.headline.cells)}): aantal per richting`));
  for (const a of cmp.headline.apart) body.push(para(`Apart geteld, alleen in ${a.only === 'earlier' ? E : L} beoordeeld: ${count(a.assessed, CELLS)} (${a.title}).`, 'Small'));
  for (const c of cmp.checklists) {
    const t = c.later ?? c.earlier;
    if (!t) continue;
    const kind = t.groups[0]?.kind ?? 'groep';
    body.push(heading(2, `Landelijk per ${kind}: ${t.shortTitle}`));
    if (!c.earlier || !c.later) body.push(para(`Dit kader is alleen in het ${c.earlier ? 'eerdere' : 'latere'} onderzoek gebruikt; de oordelen zijn niet vergelijkbaar.`, 'Empty'));
    if (c.mappings.length && c.earlier && c.later) body.push(para(`Vergeleken over twee versies van het kader (${c.earlier.version} → ${c.later.version}) via de vastgelegde koppeling. Een samengevoegd criterium wordt vergeleken met het gecombineerde eerdere oordeel; elk deel van een gesplitst criterium met het eerdere oordeel.`, 'Small'));
    const sl = shareLabels(t);
    const share = (groupId: string, unit?: string): CellSpec[] => {
      const p = progressView(cmp, t.id, groupId, unit);
      return [p?.earlier, p?.later].map((v) => ({ children: v ? `${v.kept} (${v.keptOrPartial})` : '—', align: 'right' as const }));
    };
    body.push(...table({
      widths: [0.3, 0.16, 0.16, 0.14, 0.12, 0.12],
      header: [[{ children: capital(kind) }, { children: String(E) }, { children: String(L) }, { children: 'Richting' }, { children: `Aandeel ${sl.kept} ${E}` }, { children: `Aandeel ${sl.kept} ${L}` }]],
      body: c.groups.map((g) => [{ children: `${g.group.number}. ${g.group.title}`, bold: true }, { children: side(g.national.earlier) }, { children: side(g.national.later) }, { children: [chip(g.national.direction)] }, ...share(g.group.id)]),
    }));
    body.push(para(`Aandeel: van de beoordeelde cellen het deel dat ${sl.kept} is; tussen haakjes ${sl.kept} of ${sl.partly}.`, 'Small'));
  }

  body.push(heading(1, `${++chapter} Oordeel per ${groupKindPhrase(cmp.checklists.map((c) => c.later ?? c.earlier))} en eenheid`));
  for (const c of cmp.checklists) {
    const t = c.later ?? c.earlier;
    if (!t) continue;
    for (const g of c.groups) {
      body.push(heading(2, `${t.shortTitle} ${g.group.number}. ${g.group.title}`));
      const sl = shareLabels(t);
      const share = (unit?: string): CellSpec[] => {
        const p = progressView(cmp, t.id, g.group.id, unit);
        return [p?.earlier, p?.later].map((v) => ({ children: v ? `${v.kept} (${v.keptOrPartial})` : '—', align: 'right' as const }));
      };
      body.push(...table({
        widths: [0.3, 0.16, 0.16, 0.14, 0.12, 0.12],
        header: [[{ children: 'Eenheid' }, { children: String(E) }, { children: String(L) }, { children: 'Richting' }, { children: `Aandeel ${sl.kept} ${E}` }, { children: `Aandeel ${sl.kept} ${L}` }]],
        body: [
          [{ children: 'Landelijk', bold: true }, { children: side(g.national.earlier) }, { children: side(g.national.later) }, { children: [chip(g.national.direction)] }, ...share()],
          ...g.units.map((u) => [{ children: name(u.unit) }, { children: side(u.earlier) }, { children: side(u.later) }, { children: [chip(u.direction)] }, ...share(u.unit)]),
        ],
      }));
      body.push(...countsTable(g.counts, 'Eenheden per richting'));
    }
  }

  body.push(heading(1, `${++chapter} Veranderingen in één oogopslag`));
  body.push(para(`Per criterium (rij) en eenheid (kolom) de richting van de verandering, als pijl en kleur; de legenda geeft de woorden. Hoofdstuk ${chapter + 1} geeft per criterium beide oordelen voluit.`));
  body.push(chips());
  for (const c of cmp.checklists) {
    const t = c.later ?? c.earlier;
    if (!t) continue;
    body.push(...table({
      caption: t.shortTitle,
      widths: [4, ...cmp.units.map(() => 1)],
      header: [[{ children: 'Criterium' }, ...cmp.units.map((u) => ({ children: u, align: 'center' as const }))]],
      body: c.rows.map((row) => {
        const n = criterionNumbers(row);
        const label: Inline[] = [text(criterionName(t, row.laterCriterion ?? row.earlierCriteria[0])), ...(n.earlier && n.later && n.earlier !== n.later ? [text(` (was ${n.earlier})`, { color: '555555' })] : []), ...(row.relation !== 'same' ? [text(` ${RELATION_TEXT[row.relation]}`, { size: 15, color: '555555' })] : [])];
        return [{ children: label }, ...row.cells.map((cell): CellSpec => ({ children: directionWords.symbols[cell.direction], shade: directionWords.className(cell.direction), align: 'center' }))];
      }),
    }));
  }
  body.push(para(`Eenheden: ${cmp.units.map((u) => `${u} = ${name(u)}`).join('; ')}.`, 'Small'));

  body.push(heading(1, `${++chapter} Per criterium`));
  for (const c of cmp.checklists) {
    const t = c.later ?? c.earlier;
    if (!t) continue;
    for (const row of c.rows) {
      const n = criterionNumbers(row);
      const crit = row.laterCriterion ?? row.earlierCriteria[0];
      // Heading 3, so the TOC (levels 1–2) leaves them out, as the PDF's table of contents does.
      body.push(heading(3, `${t.shortTitle}, ${t.groups[0]?.kind === 'toezegging' ? 'criterium' : 'punt'} ${criterionName(t, crit)}${n.earlier && n.later && n.earlier !== n.later ? ` (was ${n.earlier})` : ''}`));
      body.push(para([text(crit.text), ...(row.relation !== 'same' ? [new TextRun({ break: 1 }), text(RELATION_TEXT[row.relation], { bold: true })] : [])], undefined, { keepNext: true }));
      const rows: CellSpec[][] = [];
      for (const cell of row.cells) {
        rows.push([{ children: name(cell.unit) }, { children: side(cell.earlier) }, { children: side(cell.later) }, { children: [chip(cell.direction)] }]);
        if (opts.motivations && (cell.earlier?.motivation.trim() || cell.later?.motivation.trim())) {
          rows.push([
            { colSpan: 2, children: [para([text(`Motivering ${E}`, { bold: true, size: 15 })], 'TableText'), ...(cell.earlier ? htmlBlocks(renderMarkdownForPrint(cell.earlier.motivation), notes, 'TableText') : [])] },
            { colSpan: 2, children: [para([text(`Motivering ${L}`, { bold: true, size: 15 })], 'TableText'), ...(cell.later ? htmlBlocks(renderMarkdownForPrint(cell.later.motivation), notes, 'TableText') : [])] },
          ]);
        }
      }
      body.push(...table({ widths: [0.34, 0.22, 0.22, 0.22], header: [[{ children: 'Eenheid' }, { children: String(E) }, { children: String(L) }, { children: 'Richting' }]], body: rows }));
    }
  }

  body.push(heading(1, `${++chapter} Opvolging van de aanbevelingen van ${E}`));
  if (cmp.recommendations.length === 0) body.push(para('Het eerdere onderzoek deed geen aanbevelingen.', 'Empty'));
  else {
    if (!cmp.followupsRecorded) body.push(para('Het latere onderzoek is geen direct vervolg op het eerdere, en er is geen direct vervolgonderzoek; de opvolging van deze aanbevelingen is nergens vastgelegd.'));
    else if (cmp.followupsIn && cmp.followupsIn.id !== cmp.later.id) body.push(para(`De opvolging is vastgelegd in het directe vervolgonderzoek, ${cmp.followupsIn.title} (${cmp.followupsIn.year}).`));
    body.push(...table({
      widths: [0.36, 0.16, 0.3, 0.18],
      header: [['Aanbeveling', 'Opvolging', 'Toelichting', 'Bronnen'].map((h) => ({ children: h }))],
      body: cmp.recommendations.map((rec) => [
        { children: [text(rec.ref, { bold: true }), text(` (${rec.groupTitle})`, { color: '555555' }), new TextRun({ break: 1 }), text(rec.text)] },
        { children: rec.followup ? rec.followup.label : cmp.followupsRecorded ? 'Nog niet vastgelegd' : '—' },
        { children: rec.followup ? htmlBlocks(renderMarkdownForPrint(rec.followup.motivation), notes, 'TableText') : [] },
        { children: rec.followup ? rec.followup.evidence.map((e) => `${e.ref} ${e.title}`).join('; ') : '' },
      ]),
    }));
  }

  body.push(heading(1, `${chapter + 1} Klachtcijfers door de jaren`));
  if (cmp.statistics.length === 0) body.push(para('Geen van beide onderzoeken heeft klachtcijfers.', 'Empty'));
  else {
    const national = cmp.statistics.filter((s) => s.unit === null);
    const caption = 'Afgeronde klachten naar status en fase, landelijk. Waar beide onderzoeken hetzelfde jaar hebben, gelden de cijfers van het latere.';
    if (national.length) body.push(chartImage(statisticsChart(national), caption), para(caption, 'Caption'));
    const figures = figuresView(cmp);
    body.push(para(`De cijfers van beide onderzoeken naast elkaar; elke rij noemt het onderzoek waar ze uit komen${figures.baseline ? `. Basisjaar is ${figures.baseline.year}, het eerste jaar van de landelijke reeks, met als bron ${figures.baseline.source}` : ''}.${figures.without.map((w) => ` ${w} heeft geen klachtcijfers vastgelegd.`).join('')}`));
    body.push(...table({
      widths: [0.08, 0.16, 0.11, 0.11, 0.11, 0.11, 0.2, 0.12],
      header: [[{ children: 'Jaar' }, { children: 'Eenheid' }, ...['Afgerond', 'Aannemen', 'Eerste fase', 'Tweede fase'].map((h) => ({ children: h, align: 'right' as const })), { children: 'Bron (onderzoek)' }, { children: 'Afgerond t.o.v. basisjaar', align: 'right' as const }]],
      body: figures.rows.map((f) => [
        { children: String(f.year) }, { children: f.unit ? name(f.unit) : 'Landelijk' },
        ...[f.values.afgerond, f.values.aannemen, f.values.eersteFase, f.values.tweedeFase].map((v) => ({ children: dutchNumber(v), align: 'right' as const })),
        { children: f.source }, { children: f.baseline ? 'basisjaar' : f.sinceBaseline, align: 'right' as const },
      ]),
    }));
  }

  const titlePage: Block[] = [
    para([text(ORGANISATION, { bold: true, size: 26, color: '154273' })], 'TitleMeta'),
    para('Ministerie van Justitie en Veiligheid', 'TitleMeta'),
    new Paragraph({ spacing: { before: 2400 }, style: 'TitleMeta', children: [text('Vergelijking van onderzoeken', { size: 26 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(`${inspectionName(cmp.earlier)} → ${inspectionName(cmp.later)}`)] }),
    para([text('Wat verbeterde, wat niet, en wat werd er van de aanbevelingen', { size: 26 })], 'TitleMeta'),
    para([shaded(mark, final ? 'v-positive' : 'v-negative')], 'TitleMeta'),
    ...[cmp.earlier, cmp.later].filter((i) => i.illustrative).map((i) => para([text(`${i.title} (${i.year}) is illustratief. `, { bold: true }), text(i.illustrativeNote || 'De inhoud is verzonnen en dient alleen ter illustratie.')], 'Marking')),
    new Paragraph({ spacing: { before: 600 }, children: [] }),
    para([text('Eerder onderzoek: ', { bold: true }), text(`${cmp.earlier.title} (${cmp.earlier.year}), ${statusLabel(cmp.earlier.status)}`)], 'TitleMeta'),
    para([text('Later onderzoek: ', { bold: true }), text(`${cmp.later.title} (${cmp.later.year}), ${statusLabel(cmp.later.status)}`)], 'TitleMeta'),
    para([text('Gemaakt op: ', { bold: true }), text(dutchDate(opts.generatedAt ?? new Date().toISOString()))], 'TitleMeta'),
  ];
  return {
    title: `${title}: ${cmp.earlier.title} en ${cmp.later.title}`,
    subject: `Vergelijking van ${cmp.earlier.title} (${cmp.earlier.year}) en ${cmp.later.title} (${cmp.later.year})`,
    runningTitle: comparisonRunningTitle(cmp),
    mark,
    final,
    illustrative: cmp.earlier.illustrative || cmp.later.illustrative,
    titlePage,
    body,
    notes,
  };
}
