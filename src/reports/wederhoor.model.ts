// The handling document, "Verwerking van de reacties op het conceptrapport": every reaction of
// every wederhoor round with the passage it is about, what was proposed, how the inspectorate
// handled it and why, as the inspectorate publishes it beside the final report. A pure function
// of the snapshot and the rounds; the PDF (reports/wederhoor.ejs) and the XLSX share these rows.
import type { InspectionSnapshot } from '../domain/inspection';
import { HANDLING_LABELS, HANDLINGS, Handling, reactionState } from '../domain/wederhoor';
import type { WederhoorRoundRecord } from '../domain/wederhoor-round';
import { dutchDate } from '../present';
import { generatedOn, ModelOptions, reportStatus, ReportStatus } from './common';
import { illustrativeHtml } from './national.model';

export const HANDLING_DOCUMENT_TITLE = 'Verwerking van de reacties op het conceptrapport';

/** Said where a reaction has no handling yet (the document of a concept can have those). */
export const NOT_HANDLED = 'Nog niet verwerkt';

export interface HandlingRow {
  round: number;
  party: string;
  number: number;
  paragraph: number | null;
  /** The paragraph's heading in the concept as sent. */
  heading: string;
  passage: string;
  reaction: string;
  proposed: string;
  handling: Handling | null;
  handlingLabel: string;
  motivation: string;
  /** "Tekst aangepast in …: versie 3 → versie 5", or null when the text did not change. */
  textChange: string | null;
}

export interface HandlingRound {
  number: number;
  party: string;
  contact: string;
  sentOn: string;
  deadline: string;
  pdfSha256: string | null;
  /** One sentence: to whom, when, until when, and which concept (its SHA-256). */
  intro: string;
  rows: HandlingRow[];
}

export interface HandlingDocumentModel {
  title: string;
  inspectionTitle: string;
  year: number;
  status: ReportStatus;
  illustrativeHtml: string | null;
  generatedOn: string;
  rounds: HandlingRound[];
  counts: Array<{ label: string; count: number }>;
  open: number;
  total: number;
}

const countWord = (n: number) => (n === 1 ? 'één reactie' : `${n} reacties`);

function intro(r: WederhoorRoundRecord, count: number): string {
  const who = r.contact.trim() ? `${r.organisation} (${r.contact})` : r.organisation;
  const concept = r.pdfSha256 ? `het conceptrapport met SHA-256 ${r.pdfSha256}` : 'het conceptrapport';
  return `Op ${dutchDate(r.sentOn)} is ${concept} voor wederhoor voorgelegd aan ${who}, met als termijn ${dutchDate(r.deadline)}. `
    + (count === 0 ? 'Er zijn geen reacties ontvangen.' : `Er ${count === 1 ? 'is' : 'zijn'} ${countWord(count)} ontvangen.`);
}

export function buildHandlingDocument(s: InspectionSnapshot, rounds: readonly WederhoorRoundRecord[], options: ModelOptions = {}): HandlingDocumentModel {
  const reactionsOf = new Map(s.wederhoorReactions.map((r) => [r.id, r.reactions]));
  const headingOf = new Map(s.outline.map((x) => [x.id, x.title]));
  const built: HandlingRound[] = rounds.map((round, i) => {
    const paragraphs = new Map(round.paragraphs.map((p) => [p.number, p]));
    const rows = (reactionsOf.get(round.id) ?? []).map((x): HandlingRow => ({
      round: i + 1,
      party: round.organisation,
      number: x.position,
      paragraph: x.paragraph,
      heading: x.paragraph === null ? '' : paragraphs.get(x.paragraph)?.heading ?? '',
      passage: x.passage,
      reaction: x.reaction,
      proposed: x.proposed,
      handling: x.handling,
      handlingLabel: x.handling ? HANDLING_LABELS[x.handling] : NOT_HANDLED,
      motivation: x.motivation,
      textChange: x.sectionId === null
        ? null
        : `Tekst aangepast in "${headingOf.get(x.sectionId) ?? 'een sectie die later is verwijderd'}": ${x.sectionVersionBefore === null ? 'versie bij het wederhoor onbekend' : `versie ${x.sectionVersionBefore}`} → versie ${x.sectionVersionAfter ?? '?'}`,
    }));
    return {
      number: i + 1, party: round.organisation, contact: round.contact, sentOn: dutchDate(round.sentOn), deadline: dutchDate(round.deadline),
      pdfSha256: round.pdfSha256, intro: intro(round, rows.length), rows,
    };
  });
  const all = s.wederhoorReactions.flatMap((r) => r.reactions);
  return {
    title: HANDLING_DOCUMENT_TITLE,
    inspectionTitle: s.title,
    year: s.year,
    status: reportStatus(s),
    illustrativeHtml: illustrativeHtml(s),
    generatedOn: generatedOn(options),
    rounds: built,
    counts: HANDLINGS.map((h) => ({ label: HANDLING_LABELS[h], count: all.filter((x) => x.handling === h).length })),
    open: all.filter((x) => reactionState(x) !== 'verwerkt').length,
    total: all.length,
  };
}
