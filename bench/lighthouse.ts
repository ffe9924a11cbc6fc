import { launch } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { lighthouseScreen, warmUp } from './lib/browser';
import { chromiumFlags, chromiumPath } from './lib/environment';
import { onExit } from '../support/processes';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export type LighthouseRun = {
  scores: Record<(typeof categories)[number], number | null>;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  totalByteWeight: number;
  /** Lighthouse's measure of this machine's speed at the time (≈ 1,000+ on a quiet modern core). */
  benchmarkIndex: number;
  lcpElement?: string;
  /** LCP split into TTFB, load delay, load time and render delay, in ms. */
  lcpPhases: Record<string, number>;
  /** Audits below a full score in accessibility, best practices and SEO, with what they flag. */
  failedAudits: string[];
  warnings: string[];
};

export type LighthousePage = {
  path: string;
  median: LighthouseRun;
  performanceScores: (number | null)[];
};

function numeric(lhr: Result, audit: string): number {
  return lhr.audits[audit]?.numericValue ?? Number.NaN;
}

/** The rows of every table in the `largest-contentful-paint-element` audit: the element, then the phases. */
function lcpRows(lhr: Result) {
  const details = lhr.audits['largest-contentful-paint-element']?.details;
  if (details?.type !== 'list') return [];
  return details.items.flatMap((item) => (item.type === 'table' ? item.items : []));
}

function lcpElement(lhr: Result): string | undefined {
  for (const { node } of lcpRows(lhr)) {
    if (node && typeof node === 'object' && 'type' in node && node.type === 'node') return node.selector ?? node.snippet;
  }
  return undefined;
}

function lcpPhases(lhr: Result): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const { phase, timing } of lcpRows(lhr)) {
    if (typeof phase === 'string' && typeof timing === 'number') phases[phase] = timing;
  }
  return phases;
}

/** What a failed audit points at: the URLs or descriptions of its first few items. */
function flagged(lhr: Result, auditId: string): string {
  const details = lhr.audits[auditId]?.details;
  if (details?.type !== 'table') return '';
  const texts = details.items.slice(0, 3).map((item) => {
    const location = item.sourceLocation;
    const url = typeof item.url === 'string' ? item.url : location && typeof location === 'object' && 'url' in location ? location.url : undefined;
    const description = typeof item.description === 'string' ? item.description : undefined;
    return [description, url].filter(Boolean).join(' ');
  });
  return texts.filter(Boolean).join('; ');
}

function summarize(lhr: Result): LighthouseRun {
  const failedAudits = categories
    .filter((id) => id !== 'performance')
    .flatMap((id) =>
      (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .filter((ref) => {
          const score = lhr.audits[ref.id]?.score;
          return score !== null && score !== undefined && score < 1;
        })
        .map((ref) => {
          const detail = flagged(lhr, ref.id);
          return `${id}: ${ref.id}${detail ? ` (${detail})` : ''}`;
        }),
    );
  return {
    scores: Object.fromEntries(categories.map((id) => [id, lhr.categories[id]?.score ?? null])) as LighthouseRun['scores'],
    fcpMs: numeric(lhr, 'first-contentful-paint'),
    lcpMs: numeric(lhr, 'largest-contentful-paint'),
    tbtMs: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    totalByteWeight: numeric(lhr, 'total-byte-weight'),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    lcpElement: lcpElement(lhr),
    lcpPhases: lcpPhases(lhr),
    failedAudits,
    warnings: lhr.runWarnings.map(String),
  };
}

/** One Lighthouse run (mobile; simulated throttling unless `devtools` is asked for) in a Chromium of its own. */
async function audit(url: string, throttlingMethod: 'simulate' | 'devtools' = 'simulate'): Promise<Result> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-lighthouse-'));
  const chrome = await launch({ chromePath: chromiumPath, chromeFlags: chromiumFlags, userDataDir, handleSIGINT: false, logLevel: 'silent' });
  const forget = onExit(() => {
    chrome.kill();
    rmSync(userDataDir, { recursive: true, force: true });
  });
  try {
    const only = throttlingMethod === 'devtools' ? ['performance'] : [...categories];
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: only, throttlingMethod });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    chrome.kill();
    forget();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

/** The run with the median performance score (the lower middle one for an even count). */
function medianByPerformance(runs: Result[]): Result {
  const sorted = [...runs].sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('no Lighthouse run to take a median of');
  return median;
}

export async function measureLighthouse(origin: string, pages: string[], runs: number): Promise<LighthousePage[]> {
  console.log('lighthouse: warming the image cache at the Lighthouse screen size');
  await warmUp(origin, pages, lighthouseScreen);
  const results: LighthousePage[] = [];
  for (const pagePath of pages) {
    const lhrs: Result[] = [];
    for (let index = 0; index < runs; index++) {
      console.log(`lighthouse: ${pagePath}, run ${index + 1} of ${runs}`);
      lhrs.push(await audit(origin + pagePath));
    }
    results.push({
      path: pagePath,
      median: summarize(medianByPerformance(lhrs)),
      performanceScores: lhrs.map((lhr) => lhr.categories.performance?.score ?? null),
    });
  }
  return results;
}

export type SlowPhonePage = {
  path: string;
  /** The first-viewport photo (the one fetched at high priority): when its file finished loading, per run, in ms. */
  photoEndMs: number[];
  photoUrl?: string;
  photoBytes?: number;
  /** Lighthouse's LCP in the same runs: it counts the blurred placeholder, so it can come before the photo. */
  lcpMs: number[];
};

type NetworkRequest = { url: string; resourceType?: string; priority?: string; networkEndTime?: number; transferSize?: number };

/** The photo the page asked for at high priority (its LCP photo), else the first photo requested. */
function firstPhoto(lhr: Result): NetworkRequest | undefined {
  const details = lhr.audits['network-requests']?.details;
  if (details?.type !== 'table') return undefined;
  const photos = (details.items as unknown as NetworkRequest[]).filter((item) => item.url.includes('/_next/static/photos/'));
  return photos.find((item) => item.priority === 'High' || item.priority === 'VeryHigh') ?? photos[0];
}

/**
 * Lighthouse's applied throttling (`--throttling-method=devtools`: slow 4G, 4× CPU): the network really is that slow,
 * so the photo's request end in the trace is when a slow phone has the photo.
 */
export async function measureSlowPhone(origin: string, pages: string[], runs: number): Promise<SlowPhonePage[]> {
  const results: SlowPhonePage[] = [];
  for (const pagePath of pages) {
    const page: SlowPhonePage = { path: pagePath, photoEndMs: [], lcpMs: [] };
    for (let index = 0; index < runs; index++) {
      console.log(`lighthouse (devtools throttling): ${pagePath}, run ${index + 1} of ${runs}`);
      const lhr = await audit(origin + pagePath, 'devtools');
      const photo = firstPhoto(lhr);
      if (photo?.networkEndTime === undefined) throw new Error(`no photo request found on ${pagePath}`);
      page.photoEndMs.push(photo.networkEndTime);
      page.photoUrl = new URL(photo.url).pathname;
      page.photoBytes = photo.transferSize;
      page.lcpMs.push(numeric(lhr, 'largest-contentful-paint'));
    }
    results.push(page);
  }
  return results;
}
