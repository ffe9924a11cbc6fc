// Lighthouse's Node API: the mobile scores (simulated throttling), and the first photo on a slow phone (applied).
import { launch } from 'chrome-launcher';
import runLighthouse, { type Result } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { chromiumFlags, chromiumPath } from '../scripts/chromium';
import { onExit } from '../support/processes';
import { fixed, kib, median, pages, projectPage, table, targets, whole, type Context, type Section } from './lib/section';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const value = (lhr: Result, audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;
const score = (lhr: Result, category: (typeof categories)[number]) => lhr.categories[category]?.score ?? 0;
const seconds = (lhr: Result, audit: string) => fixed(value(lhr, audit) / 1000, 2);

/** `settings.runs` Lighthouse runs of each page (mobile, its default Moto G Power), each in a Chromium of its own. */
async function audits({ server, settings }: Context, throttlingMethod: 'simulate' | 'devtools') {
  const { origin } = await server();
  const results: { pagePath: string; lhrs: Result[] }[] = [];
  for (const pagePath of pages) {
    const lhrs: Result[] = [];
    for (let run = 1; run <= settings.runs; run++) {
      console.log(`lighthouse (${throttlingMethod}): ${pagePath}, run ${run} of ${settings.runs}`);
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
    const results = (await audits(context, 'simulate')).map((result) => ({ ...result, lhr: computeMedianRun(result.lhrs) }));
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

/** The photo the page fetched at high priority (its LCP photo), else its first photo, from the network audit. */
function firstPhoto(lhr: Result): NetworkRequest {
  const details = lhr.audits['network-requests']?.details;
  const photos = (details?.type === 'table' ? (details.items as unknown as NetworkRequest[]) : []).filter((item) => item.url.includes('/_next/static/photos/'));
  const photo = photos.find((item) => item.priority === 'High' || item.priority === 'VeryHigh') ?? photos[0];
  if (photo?.networkEndTime === undefined) throw new Error(`no photo request found on ${lhr.finalDisplayedUrl}`);
  return photo;
}

export const slowphone: Section = {
  title: 'First photo on a slow phone (applied throttling)',
  describe: ({ runs }) => ({ text: `${runs} run(s) per page`, reduced: runs < 3 }),
  run: async (context) => {
    const rows = (await audits(context, 'devtools')).map(({ pagePath, lhrs }) => ({
      pagePath,
      photo: firstPhoto(lhrs[0]!),
      ends: lhrs.map((lhr) => firstPhoto(lhr).networkEndTime! / 1000),
      lcp: lhrs.map((lhr) => value(lhr, 'largest-contentful-paint') / 1000),
    }));
    return [
      ...targets([['first-viewport photo loaded ≤ 1.6 s (median) on home, a category and a project', rows.map((row) => `${row.pagePath} ${fixed(median(row.ends), 2)} s`).join(', '), rows.every((row) => median(row.ends) <= 1.6)]]),
      "Lighthouse mobile with `throttlingMethod: 'devtools'` (slow 4G and 4× CPU applied, not simulated): the photo is the one the page fetches at high priority, its end taken from the trace's network request. Lighthouse's LCP counts the blurred placeholder, so it can come before the photo.",
      '',
      ...table(
        ['page', 'photo loaded, median s', 'runs s', 'Lighthouse LCP, median s', 'photo', 'photo KiB'],
        rows.map((row) => [row.pagePath, fixed(median(row.ends), 2), row.ends.map((end) => fixed(end, 2)).join(', '), fixed(median(row.lcp), 2), row.photo.url.split('/').pop(), kib(row.photo.transferSize ?? 0)]),
      ),
    ];
  },
};
