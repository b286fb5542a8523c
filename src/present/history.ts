// Change-log entries as a person reads them: who, when, what, and per field the old and the new
// value in Dutch (verdicts in the words of their checklist's scale).
import type { Catalogue } from '../domain/checklist';
import { findCriterion, verdictLabel } from '../domain/checklist';
import {
  EVIDENCE_TYPE_LABELS,
  INSPECTION_STATUS_LABELS,
  RECOMMENDATION_FOLLOWUP_LABELS,
  WEDERHOOR_LABELS,
  WORKFLOW_LABELS,
} from '../domain/vocabulary';
import type { ChangeRow } from '../store/changelog';
import { NOTE_TARGET_LABELS } from '../domain/review-notes';
import { HANDLING_LABELS, REACTION_SOURCE_LABELS } from '../domain/wederhoor';

const ENTITY: Record<string, string> = {
  inspection: 'Onderzoek',
  verdict: 'Oordeel',
  evidence: 'Bron',
  evidence_link: 'Koppeling van bron aan oordeel',
  finding: 'Bevinding',
  conclusion: 'Deelconclusie',
  override: 'Afwijkend oordeel',
  recommendation: 'Aanbeveling',
  recommendation_order: 'Volgorde van de aanbevelingen',
  followup: 'Opvolging van aanbeveling',
  statistics: 'Klachtcijfers',
  blocker_acceptance: 'Aanvaarde blokkade',
  section: 'Sectie van het rapport',
  outline: 'Rapportopzet',
  outline_order: 'Volgorde van de rapportopzet',
  review_approval: 'Goedkeuring (review)',
  user: 'Account',
  review_note: 'Reviewnotitie',
  review_note_reply: 'Reactie op reviewnotitie',
  wederhoor_reaction: 'Reactie uit het wederhoor',
  wederhoor_round: 'Wederhoorronde op het concept',
};

const ACTION: Record<string, string> = {
  create: 'aangemaakt',
  update: 'gewijzigd',
  delete: 'verwijderd',
  import: 'geïmporteerd',
  finalise: 'vastgesteld',
  revision: 'aangemaakt als nieuwe revisie',
  replace: 'vervangen',
  password: 'wachtwoord gewijzigd',
  oidc_sign_in: 'ingelogd via OpenID Connect',
  resolve: 'opgelost',
  reopen: 'heropend',
  handle: 'verwerkt',
  close: 'afgesloten',
  // The units in scope, changed before the first verdict (src/app/unit-scope.ts).
  scope: 'reikwijdte (eenheden) gewijzigd',
};

const FIELD: Record<string, string> = {
  verdict: 'Oordeel', motivation: 'Motivering', workflow: 'Werkstatus', title: 'Titel', year: 'Jaar', ref: 'Sleutel',
  fieldworkStart: 'Begin veldwerk', fieldworkEnd: 'Einde veldwerk', team: 'Team', units: 'Eenheden', checklists: 'Checklists',
  voorwoord: 'Voorwoord', aanleiding: 'Aanleiding', onderzoeksvraag: 'Onderzoeksvraag', methode: 'Methode', conclusie: 'Conclusie',
  type: 'Soort bron', party: 'Gesprekspartner of afzender', description: 'Beschrijving', wederhoor: 'Wederhoor', file: 'Bestand',
  dateFrom: 'Datum (van)', dateTo: 'Datum (tot)', excerpt: 'Passage', text: 'Tekst', group: 'Onderdeel', checklist: 'Checklist',
  status: 'Status', evidence: 'Bronnen', acceptedBy: 'Aanvaard door', reason: 'Reden', role: 'Rol', active: 'Actief', name: 'Naam',
  finalisedAt: 'Vastgesteld op', reports: 'Opgeslagen rapporten', accepted: 'Aanvaarde blokkades', verdictId: 'Oordeel (cel)',
  evidenceId: 'Bron (nummer)', revision: 'Revisie', revisionOf: 'Revisie van', email: 'E-mailadres', predecessorId: 'Vorig onderzoek',
  illustrative: 'Illustratief', illustrativeNote: 'Toelichting illustratief', changed: 'Gewijzigd', date: 'Datum',
  level: 'Niveau', kind: 'Soort', body: 'Tekst', required: 'Verplicht', marking: 'Markering', after: 'Na sectie (nummer)',
  targetKind: 'Notitie bij', targetKey: 'Onderwerp (sleutel)', addressedTo: 'Gericht aan', resolvedBy: 'Opgelost door', resolvedAt: 'Opgelost op', noteId: 'Notitie (nummer)',
  reviewRequired: 'Review verplicht voor vaststelling', approvedBy: 'Goedgekeurd door', version: 'Versie',
  round: 'Wederhoorronde (nummer)', position: 'Reactie (nummer)', paragraph: 'Paragraaf', passage: 'Geciteerde passage', reaction: 'Reactie',
  proposed: 'Voorgestelde tekst', source: 'Herkomst', handling: 'Verwerking', section: 'Aangepaste sectie (nummer)',
  organisation: 'Organisatie', contact: 'Contactpersoon', sentOn: 'Verzonden op', deadline: 'Termijn', note: 'Toelichting',
  pdfSha256: 'SHA-256 van de PDF', docxSha256: 'SHA-256 van het Word-bestand', paragraphs: 'Genummerde paragrafen', closedAt: 'Afgesloten op',
  unitSetVersion: 'Versie van de eenhedenlijst',
  sectionVersionBefore: 'Versie van de sectie bij het wederhoor', sectionVersionAfter: 'Versie van de sectie na aanpassing',
};

export interface HistoryItem {
  seq: number;
  at: string;
  actor: string;
  what: string;
  subject: string;
  changes: Array<{ field: string; old: string; new: string }>;
}

const MAX_TEXT = 600;

/** The label of a code in a vocabulary's label map; none for a code the map does not have. */
function labelIn(map: Readonly<Record<string, string>>, code: string): string | undefined {
  return Object.hasOwn(map, code) ? map[code] : undefined;
}

function parse(v: string | null): unknown {
  if (v === null) return undefined;
  try { return JSON.parse(v); } catch { return v; }
}

function flatten(v: unknown): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) return { text: v };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    // Texts of an inspection are one level deeper; show them as their own fields.
    if (k === 'texts' && x && typeof x === 'object' && !Array.isArray(x)) Object.assign(out, x);
    else out[k] = x;
  }
  return out;
}

export function historyItems(rows: ChangeRow[], catalogue: Catalogue, cells: Map<string, { checklist: string; criterion: string; unit: string }>): HistoryItem[] {
  return rows.map((row) => {
    const cell = row.entity === 'verdict' ? cells.get(row.entity_id) : row.entity === 'evidence_link' ? cells.get(row.entity_id.split(':')[0]) : undefined;
    const checklist = cell ? catalogue.checklists.get(cell.checklist) : undefined;
    const show = (field: string, v: unknown): string => {
      if (v === undefined || v === null || v === '') return '(leeg)';
      if (field === 'verdict' && typeof v === 'string') return checklist ? verdictLabel(checklist.scale, v) : v;
      if (field === 'workflow' && typeof v === 'string') return labelIn(WORKFLOW_LABELS, v) ?? v;
      if (field === 'handling' && typeof v === 'string') return labelIn(HANDLING_LABELS, v) ?? v;
      if (field === 'source' && typeof v === 'string') return labelIn(REACTION_SOURCE_LABELS, v) ?? v;
      if (field === 'type' && typeof v === 'string') return labelIn(EVIDENCE_TYPE_LABELS, v) ?? v;
      if (field === 'targetKind' && typeof v === 'string') return labelIn(NOTE_TARGET_LABELS, v) ?? v;
      if (field === 'status' && typeof v === 'string') {
        return labelIn(INSPECTION_STATUS_LABELS, v) ?? labelIn(RECOMMENDATION_FOLLOWUP_LABELS, v) ?? v;
      }
      if (field === 'wederhoor' && typeof v === 'object') {
        const w = v as { status?: string; date?: string | null };
        return `${labelIn(WEDERHOOR_LABELS, w.status ?? '') ?? w.status ?? ''}${w.date ? ` (${w.date})` : ''}`;
      }
      if (field === 'file' && typeof v === 'object') {
        const f = v as { name?: string; size?: number; sha256?: string };
        return `${f.name ?? ''} (${f.size ?? 0} bytes, SHA-256 ${(f.sha256 ?? '').slice(0, 12)}…)`;
      }
      if (typeof v === 'boolean') return v ? 'ja' : 'nee';
      if (Array.isArray(v)) return v.length === 0 ? '(geen)' : v.map((x) => (typeof x === 'object' ? compact(x) : String(x))).join(', ');
      if (typeof v === 'object') return compact(v);
      // What is left of a parsed JSON value: a string or a number.
      const s = typeof v === 'string' ? v : JSON.stringify(v);
      return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}… (${s.length} tekens)` : s;
    };
    const oldV = parse(row.old_value);
    const newV = parse(row.new_value);
    let changes: HistoryItem['changes'];
    if (row.entity === 'outline' && row.action === 'create') {
      // A whole outline at once: its headings say what it is, its bodies are in the sections' own entries.
      const list = Array.isArray(newV) ? (newV as Array<{ title?: string }>) : [];
      const titles = list.map((x) => x.title ?? '').join(', ');
      changes = [{ field: 'Secties', old: '', new: `${list.length}: ${titles.length > MAX_TEXT ? `${titles.slice(0, MAX_TEXT)}…` : titles}` }];
    } else if (row.action === 'import') {
      const doc = newV as { inspection?: { title?: string }; verdicts?: unknown[]; evidence?: unknown[] } | undefined;
      changes = [{ field: 'Document', old: '', new: `${doc?.inspection?.title ?? ''}: ${doc?.verdicts?.length ?? 0} oordelen, ${doc?.evidence?.length ?? 0} bronnen` }];
    } else {
      const a = flatten(oldV);
      const b = flatten(newV);
      changes = [...new Set([...Object.keys(a), ...Object.keys(b)])]
        .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
        .map((k) => ({ field: FIELD[k] ?? k, old: k in a ? show(k, a[k]) : '', new: k in b ? show(k, b[k]) : '' }));
    }
    const number = checklist && cell ? findCriterion(checklist, cell.criterion)?.number : undefined;
    const where = cell ? ` · ${checklist?.shortTitle ?? cell.checklist} ${number ?? cell.criterion}, ${cell.unit}` : '';
    return {
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      what: `${ENTITY[row.entity] ?? row.entity} ${ACTION[row.action] ?? row.action}`,
      // Ids of cells and of the inspection itself say nothing to a reader; refs of texts do.
      subject: `${['verdict', 'evidence_link', 'inspection', 'statistics', 'recommendation_order', 'outline', 'outline_order'].includes(row.entity) ? '' : row.entity === 'review_approval' ? row.entity_id.replace(/^cell:/, 'cel ').replace(/^section:/, 'sectie ') : row.entity_id}${where}`.replace(/^ · /, '').trim(),
      changes,
    };
  });
}

function compact(v: unknown): string {
  const s = Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${FIELD[k] ?? k}: ${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)}`)
    .join('; ');
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
}
