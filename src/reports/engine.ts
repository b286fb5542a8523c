// The PDF engine: one long-lived Chromium for the whole process, started on first use, and a
// fresh browser context per job. The page runs without JavaScript and every request that is not
// data: or about: is aborted, so a report can only show what the server put into its HTML.
// A bounded queue keeps a burst of downloads from starting unbounded work; a browser that died
// is replaced on the next job.
import os from 'node:os';
// Loaded at the first report, not at start: puppeteer alone adds ~0.5 s to every server start.
import type { Browser, BrowserContext, HTTPRequest, Page, PDFOptions } from 'puppeteer';
import { AppError, unavailable } from '../errors';
import { archivalPdf, creatorTool, linkDescriptions, metadataFor, PdfMetadata } from './pdf-metadata';

export interface RenderOptions {
  /** Limit for loading the HTML (ms). */
  loadTimeoutMs?: number;
  /** Limit for printing (ms). */
  printTimeoutMs?: number;
  /** PDF bookmarks from the headings (slightly slower; off for measuring passes). */
  outline?: boolean;
  /** Tagged (accessible) PDF (slightly slower; off for measuring passes). */
  tagged?: boolean;
  /**
   * Document properties (Info and XMP). Without them: the HTML's <title>, and its
   * <meta name="description"> and <meta name="keywords"> (comma-separated) when present.
   */
  metadata?: PdfMetadata;
  /**
   * Post-process into PDF/A-2b with link descriptions (src/reports/pdf-metadata.ts). Defaults
   * to `tagged`, so a measuring pass (tagged: false) stays a bare print.
   */
  archival?: boolean;
}

export interface EngineSettings {
  /** Jobs printing at the same time. */
  concurrency: number;
  /** Jobs allowed to wait; one more is refused as unavailable. */
  maxQueue: number;
  executablePath?: string;
}

const DEFAULT_LOAD_TIMEOUT_MS = 15_000;
const DEFAULT_PRINT_TIMEOUT_MS = 60_000;

/** The limits until configureEngine is called with the validated ones of src/config.ts. */
function defaultSettings(): EngineSettings {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return {
    concurrency: Math.max(1, Math.min(4, cores)),
    maxQueue: 32,
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || undefined,
  };
}

let settings: EngineSettings = defaultSettings();
let browserPromise: Promise<Browser> | null = null;
let current: Browser | null = null;
let active = 0;
// Starting a context costs a renderer process; one is prepared between jobs, so a job only
// pays for it when jobs arrive faster than they finish. Every slot serves exactly one job.
let spare: Promise<Slot> | null = null;
/** Closing used contexts and preparing the spare: work that outlives the job. */
const background = new Set<Promise<unknown>>();
const waiting: Array<() => void> = [];

/** Change limits (configuration, tests, benchmark). Takes effect for jobs that start afterwards. */
export function configureEngine(next: Partial<EngineSettings>): void {
  settings = { ...settings, ...next };
}

function launchArgs(): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-dev-shm-usage',
    '--font-render-hinting=none',
  ];
  // Chromium refuses to start its sandbox as root; keep the sandbox for everyone else.
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}

async function launch(): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer');
  const browser = await puppeteer.launch({
    headless: true,
    // A pipe instead of a debugging port: nothing else on the machine can drive this browser.
    pipe: true,
    args: launchArgs(),
    executablePath: settings.executablePath,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  browser.once('disconnected', () => {
    if (current === browser) {
      current = null;
      browserPromise = null;
    }
  });
  current = browser;
  updateHold();
  return browser;
}

/**
 * An idle browser must not keep Node running (a test or script that forgets closeEngine() still
 * ends, and Chromium exits when its pipe closes); while jobs or their clean-up run, it must.
 */
function holdProcess(browser: Browser | null, hold: boolean): void {
  const child = browser?.process();
  if (!child) return;
  const handles = [child, ...child.stdio] as Array<{ ref?: () => void; unref?: () => void } | null>;
  for (const h of handles) (hold ? h?.ref : h?.unref)?.call(h);
}

function updateHold(): void {
  holdProcess(current, active > 0 || background.size > 0);
}

/** The shared browser; a new one when there is none yet or the last one died. */
export async function getBrowser(): Promise<Browser> {
  if (browserPromise) {
    const b = await browserPromise.catch(() => null);
    if (b?.connected) return b;
    browserPromise = null;
  }
  browserPromise = launch();
  browserPromise.catch(() => { browserPromise = null; });
  return browserPromise;
}

/** The running browser's process id, if any (tests use it to kill the browser). */
export function browserPid(): number | null {
  return current?.process()?.pid ?? null;
}

async function acquire(): Promise<void> {
  if (active < settings.concurrency) {
    active++;
    updateHold();
    return;
  }
  if (waiting.length >= settings.maxQueue) {
    throw unavailable('Er worden op dit moment te veel rapporten tegelijk gemaakt. Probeer het over een minuut opnieuw.');
  }
  // The slot is handed over directly by release(), so `active` stays counted.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else if (--active === 0) updateHold();
}

export function isAllowedUrl(url: string): boolean {
  return url.startsWith('data:') || url.startsWith('about:');
}

function guard(request: HTTPRequest): void {
  if (request.isInterceptResolutionHandled()) return;
  if (isAllowedUrl(request.url())) void request.continue();
  else void request.abort('blockedbyclient');
}

function pdfOptions(opts: RenderOptions): PDFOptions {
  return {
    printBackground: true,
    preferCSSPageSize: true,
    format: 'A4',
    outline: opts.outline ?? true,
    tagged: opts.tagged ?? true,
    timeout: opts.printTimeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS,
  };
}

/** The browser (or the page's renderer) went away under the job. */
function isBrowserGone(e: unknown, slot: Slot | null): boolean {
  if (slot && !slot.browser.connected) return true;
  return e instanceof Error && (['ConnectionClosedError', 'TargetCloseError'].includes(e.name) || /(Target|Session|Connection) closed/i.test(e.message));
}

function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || /timeout/i.test(e.message));
}

interface Slot {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** A fresh, locked-down context with one page: JavaScript off, only data: and about: allowed. */
async function openSlot(browser: Browser): Promise<Slot> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', guard);
    return { browser, context, page };
  } catch (e) {
    await context.close().catch(() => undefined);
    throw e;
  }
}


function inBackground(p: Promise<unknown>): void {
  const tracked: Promise<unknown> = p.catch(() => undefined).finally(() => {
    background.delete(tracked);
    updateHold();
  });
  background.add(tracked);
  updateHold();
}

/** Resolves when the engine's background work (closing used contexts, preparing the next) is done. */
export async function engineIdle(): Promise<void> {
  while (background.size > 0) await Promise.all([...background]);
}

function prepareSpare(): void {
  if (spare || !current?.connected) return;
  const p = openSlot(current);
  spare = p;
  p.catch(() => { if (spare === p) spare = null; });
  inBackground(p);
}

async function takeSlot(): Promise<Slot> {
  const browser = await getBrowser();
  const ready = spare;
  spare = null;
  if (ready) {
    const slot = await ready.catch(() => null);
    if (slot?.browser === browser && browser.connected) return slot;
    if (slot) inBackground(slot.context.close());
  }
  return openSlot(browser);
}

/**
 * HTML (a complete document built on the server, everything inlined) → PDF bytes, finished off as
 * PDF/A-2b with document properties and link descriptions unless `archival` (or `tagged`) is
 * false. Throws an `unavailable` error when the queue is full, the browser died or the job runs
 * out of time.
 */
export async function renderPdf(html: string, opts: RenderOptions = {}): Promise<Buffer> {
  return finishPdf(await printPdf(html, opts), html, opts);
}

/**
 * The finishing step of renderPdf on its own, for a caller that inspects Chromium's bytes
 * before deciding to deliver them (src/reports/toc.ts reads the pages of the headings).
 */
export async function finishPdf(printed: Buffer, html: string, opts: RenderOptions = {}): Promise<Buffer> {
  if (!(opts.archival ?? opts.tagged ?? true)) return printed;
  // After the browser's slot is released: the next job can print while this one is finished off.
  return archivalPdf(printed, { metadata: metadataFor(html, opts.metadata), creator: creatorTool(), links: linkDescriptions(html) });
}

let prints = 0;

/**
 * How many times Chromium has printed in this process. Tests and the benchmark count prints
 * with it (a figure that does not depend on how busy the machine is).
 */
export function printCount(): number {
  return prints;
}

/** Chromium's PDF of the HTML, not finished off: renderPdf's first step. */
export async function printPdf(html: string, opts: RenderOptions = {}): Promise<Buffer> {
  prints++;
  await acquire();
  let slot: Slot | null = null;
  try {
    slot = await takeSlot();
    await slot.page.setContent(html, { waitUntil: 'load', timeout: opts.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS });
    // Since puppeteer 23 pdf() gives a Uint8Array; a Buffer is what res.send and fs expect.
    return Buffer.from(await slot.page.pdf(pdfOptions(opts)));
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (isBrowserGone(e, slot)) throw unavailable('De rapportgenerator is onverwacht gestopt. Probeer het opnieuw.');
    if (isTimeout(e)) throw unavailable('Het rapport kon niet op tijd worden gemaakt. Probeer het opnieuw of neem contact op met de beheerder.');
    throw e;
  } finally {
    if (slot) inBackground(slot.context.close());
    release();
    if (active === 0) prepareSpare();
  }
}

/** Stop the browser (tests, CLI commands, shutdown). The next job starts a new one. */
export async function closeEngine(): Promise<void> {
  const p = browserPromise;
  browserPromise = null;
  current = null;
  spare = null;
  if (!p) return;
  const b = await p.catch(() => null);
  holdProcess(b, true);
  if (b) await b.close().catch(() => undefined);
}
