// Lighthouse's Node API: the mobile scores (simulated throttling), and the first photo on a slow phone (applied).
import { launch } from 'chrome-launcher';
import runLighthouse, { type Result } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { chromiumFlags, chromiumPath } from '../scripts/chromium';
import { onExit } from '../support/processes';
import { serveSeries } from './series';
import { fixed, kib, median, pages, projectPage, table, targets, whole, type Section } from './lib/section';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export const value = (lhr: Result, audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;
const score = (lhr: Result, category: (typeof categories)[number]) => lhr.categories[category]?.score ?? 0;
const seconds = (lhr: Result, audit: string) => fixed(value(lhr, audit) / 1000, 2);

/** `runs` Lighthouse runs of each page (mobile, its default Moto G Power), each in a Chromium of its own. */
export async function audits(origin: string, paths: string[], runs: number, throttlingMethod: 'simulate' | 'devtools') {
  const results: { pagePath: string; lhrs: Result[] }[] = [];
  for (const pagePath of paths) {
    const lhrs: Result[] = [];
    for (let run = 1; run <= runs; run++) {
      console.log(`lighthouse (${throttlingMethod}): ${pagePath}, run ${run} of ${runs}`);
      const chrome = await launch({ chromePath: chromiumPath ?? '/usr/bin/chromium', chromeFlags: ['--headless=new', ...chromiumFlags], handleSIGINT: false, logLevel: 'silent' });
      const forget = onExit(() => chrome.kill());
      try {
        const onlyCategories = throttlingMethod === 'devtools' ? ['performance'] : [...categories];
        const result = await runLighthouse(origin + pagePath, { port: chrome.port, logLevel: 'error', onlyCategories, throttlingMethod });
        if (!result || result.lhr.runtimeError) throw new Error(`Lighthouse on ${pagePath}: ${result?.lhr.runtimeError?.message ?? 'no result'}`);
        lhrs.push(result.lhr);
      } finally {
        chrome.kill();
        forget();
      }
    }
    results.push({ pagePath, lhrs });
  }
  return results;
}

export const lighthouse: Section = {
  title: 'Lighthouse (mobile, simulated throttling)',
  describe: ({ runs }) => ({ text: `${runs} run(s) per page`, reduced: runs < 3 }),
  run: async (context) => {
    const results = (await audits((await context.server()).origin, pages, context.settings.runs, 'simulate')).map((result) => ({ ...result, lhr: computeMedianRun(result.lhrs) }));
    const list = (pick: (lhr: Result) => string) => results.map(({ pagePath, lhr }) => `${pagePath} ${pick(lhr)}`).join(', ');
    const project = results.find((result) => result.pagePath === projectPage)!.lhr;
    return [
      ...targets([
        ['performance ≥ 0.98 on all three pages', list((lhr) => String(score(lhr, 'performance'))), results.every(({ lhr }) => score(lhr, 'performance') >= 0.98)],
        ['accessibility, best practices, SEO = 1.0 on all three pages', list((lhr) => categories.slice(1).map((c) => score(lhr, c)).join(' / ')), results.every(({ lhr }) => categories.slice(1).every((c) => score(lhr, c) === 1))],
        ['CLS = 0 on all three pages', list((lhr) => fixed(value(lhr, 'cumulative-layout-shift'), 3)), results.every(({ lhr }) => value(lhr, 'cumulative-layout-shift') === 0)],
        [`LCP of ${projectPage} ≤ 1.5 s`, `${seconds(project, 'largest-contentful-paint')} s`, value(project, 'largest-contentful-paint') <= 1500],
      ]),
      "Lighthouse's defaults: Moto G Power screen (412×823 at 1.75×), 4× CPU slowdown and slow 4G, both simulated. The run shown is the one Lighthouse's own `computeMedianRun` picks (median FCP and time to interactive).",
      '',
      ...table(
        ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'FCP (s)', 'LCP (s)', 'TBT (ms)', 'CLS', 'total byte weight (KiB)', 'performance of each run', 'benchmark index'],
        results.map(({ pagePath, lhrs, lhr }) => [
          pagePath, ...categories.map((category) => fixed(score(lhr, category), 2)), seconds(lhr, 'first-contentful-paint'), seconds(lhr, 'largest-contentful-paint'), whole(value(lhr, 'total-blocking-time')),
          fixed(value(lhr, 'cumulative-layout-shift'), 3), kib(value(lhr, 'total-byte-weight')), lhrs.map((run) => score(run, 'performance')).join(', '), whole(lhr.environment.benchmarkIndex),
        ]),
      ),
    ];
  },
};

type NetworkRequest = { url: string; priority?: string; networkEndTime?: number; transferSize?: number };

/** The photo files a run fetched, from its network audit. */
export function photoRequests(lhr: Result): NetworkRequest[] {
  const details = lhr.audits['network-requests']?.details;
  return (details?.type === 'table' ? (details.items as unknown as NetworkRequest[]) : []).filter((item) => item.url.includes('/_next/static/photos/'));
}

/** The photo the page fetched at high priority (its LCP photo), else its first photo. */
export function firstPhoto(lhr: Result): NetworkRequest {
  const photo = photoRequests(lhr).find((item) => item.priority === 'High' || item.priority === 'VeryHigh') ?? photoRequests(lhr)[0];
  if (photo?.networkEndTime === undefined) throw new Error(`no photo request found on ${lhr.finalDisplayedUrl}`);
  return photo;
}
export const slowphone: Section = {
  title: 'First photo on a slow phone (applied throttling)',
  describe: ({ runs }) => ({ text: `${runs} run(s) per page, and of a 24-photo project page in a copy of the site`, reduced: runs < 3 }),
  run: async (context) => {
    const series = await serveSeries(context);
    const results = await audits((await context.server()).origin, pages, context.settings.runs, 'devtools').then(async (sample) => [...sample, ...(await audits(series.origin, [series.pagePath], context.settings.runs, 'devtools'))]).finally(series.stop);
    const rows = results.map(({ pagePath, lhrs }) => ({
      pagePath,
      photo: firstPhoto(lhrs[0]!),
      ends: lhrs.map((lhr) => firstPhoto(lhr).networkEndTime! / 1000),
      lcp: lhrs.map((lhr) => value(lhr, 'largest-contentful-paint') / 1000),
      cls: Math.max(...lhrs.map((lhr) => value(lhr, 'cumulative-layout-shift'))),
      photos: median(lhrs.map((lhr) => photoRequests(lhr).length)),
      bytes: median(lhrs.map((lhr) => value(lhr, 'total-byte-weight'))),
    }));
    const seriesRow = rows.at(-1)!;
    return [
      ...targets([
        ['first-viewport photo loaded ≤ 1.6 s (median) on home, a category, a project and a 24-photo project', rows.map((row) => `${row.pagePath} ${fixed(median(row.ends), 2)} s`).join(', '), rows.every((row) => median(row.ends) <= 1.6)],
        [`CLS = 0 on the 24-photo page (${seriesRow.pagePath}), with ${seriesRow.photos} photo files fetched before any scroll`, fixed(seriesRow.cls, 3), seriesRow.cls === 0],
      ]),
      "Lighthouse mobile with `throttlingMethod: 'devtools'` (slow 4G and 4× CPU applied, not simulated), no scroll: the photo is the one the page fetches at high priority, its end taken from the trace's network request. Lighthouse's LCP counts the blurred placeholder, so it can come before the photo.",
      '',
      ...table(
        ['page', 'photo loaded, median s', 'runs s', 'Lighthouse LCP, median s', 'photo', 'photo KiB', 'CLS', 'photo files before a scroll', 'first-viewport bytes KiB'],
        rows.map((row) => [row.pagePath, fixed(median(row.ends), 2), row.ends.map((end) => fixed(end, 2)).join(', '), fixed(median(row.lcp), 2), row.photo.url.split('/').pop(), kib(row.photo.transferSize ?? 0), fixed(row.cls, 3), row.photos, kib(row.bytes)]),
      ),
    ];
  },
};
