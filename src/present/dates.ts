// Dutch dates, shared by screens, reports and exports.
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** "5 februari 2016" from "2016-02-05" or an ISO timestamp. */
export function dutchDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

// One formatter for the process: each new Intl.DateTimeFormat with a time zone holds ~25 kB of
// ICU memory outside the JS heap behind a tiny JS object, so the garbage collector saw no reason
// to run while a review queue of thousands of rows made one per row; the server's RSS grew by
// ~9 MB per view of the demo's queue, to 1.7 GiB in the benchmark (issue 18).
const DATE_TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "5 februari 2016, 14:03" in Dutch time. */
export function dutchDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return DATE_TIME.format(d);
}

/** "5 februari 2016 t/m 9 maart 2016", or one date when both ends are the same or one is missing. */
export function dutchPeriod(from: string | null | undefined, to: string | null | undefined): string {
  if (from && to && from !== to) return `${dutchDate(from)} t/m ${dutchDate(to)}`;
  return dutchDate(from ?? to);
}
