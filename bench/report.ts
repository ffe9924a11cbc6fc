import type { BytesResult, FirstLoad, KindTotals, PhotoCheck } from './bytes';
import { cdnSection } from './cdn';
import type { Environment } from './lib/environment';
import { kinds } from './lib/network';
import type { LighthousePage, SlowPhonePage } from './lighthouse';
import type { PhotoResult } from './photos';
import type { BuildRow, LoaderRow } from './scaling';
import { buildPerProject, evaluateTargets, growth, median, type Sections } from './targets';
import type { ThroughputResult } from './throughput';

export type SectionName = keyof Sections;

export type SectionMeta = { measuredAt: string; seconds: number; loadBefore: string; loadAfter: string; settings: string };

/** Bumped whenever the shape of the figures changes, so that older results are not merged with newer ones. */
export const resultsSchema = 2;

export type Results = {
  schema: number;
  label: string;
  writtenAt: string;
  environment: Environment;
  sections: Sections;
  meta: Partial<Record<SectionName, SectionMeta>>;
};

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (value: number) => Math.round(value).toLocaleString('en');
const mib = (bytes: number) => Math.round(bytes / 2 ** 20).toLocaleString('en');
const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `/_next/static/chunks/0abc.js` for a same-origin URL; `/_next/image?…` reduced to the photo and width. */
function shortUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '/_next/image') {
    return `${parsed.searchParams.get('url')?.split('/').pop()} @ w=${parsed.searchParams.get('w')}`;
  }
  return parsed.pathname + parsed.search;
}

function metaLine(meta: SectionMeta | undefined): string {
  if (!meta) return '';
  return `_Measured ${meta.measuredAt} in ${Math.round(meta.seconds ?? 0)} s; ${meta.settings}; load average (1/5/15 min) ${meta.loadBefore} before, ${meta.loadAfter} after._\n`;
}

function lighthouseSection(pages: LighthousePage[], meta: SectionMeta | undefined): string {
  const rows = pages.map((page) => {
    const run = page.median;
    return [
      page.path,
      fixed(run.scores.performance ?? undefined, 2),
      fixed(run.scores.accessibility ?? undefined, 2),
      fixed(run.scores['best-practices'] ?? undefined, 2),
      fixed(run.scores.seo ?? undefined, 2),
      fixed(run.fcpMs / 1000, 2),
      fixed(run.lcpMs / 1000, 2),
      ms(run.tbtMs),
      fixed(run.cls, 3),
      kib(run.totalByteWeight),
      page.performanceScores.map((score) => fixed(score ?? undefined, 2)).join(', '),
      Math.round(run.benchmarkIndex),
    ];
  });
  const notes = pages.flatMap((page) => [
    ...(page.median.lcpElement
      ? [
          `- ${page.path}: LCP element \`${page.median.lcpElement}\`; ` +
            Object.entries(page.median.lcpPhases ?? {})
              .map(([phase, timing]) => `${phase.toLowerCase()} ${ms(timing)} ms`)
              .join(', '),
        ]
      : []),
    ...page.median.failedAudits.map((audit) => `- ${page.path}: below 1.0 — ${audit}`),
    ...page.median.warnings.map((warning) => `- ${page.path}: Lighthouse warning — ${warning}`),
  ]);
  return [
    '## 1. Lighthouse (mobile, simulated throttling)',
    '',
    metaLine(meta),
    'Lighthouse 12 default configuration: Moto G Power screen (412×823 at 1.75×), 4× CPU slowdown and slow 4G, both simulated. The run shown is the one with the median performance score; the image optimizer is warmed first at this screen size.',
    '',
    table(
      ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'FCP (s)', 'LCP (s)', 'TBT (ms)', 'CLS', 'total byte weight (KiB)', 'performance of each run', 'benchmark index'],
      rows,
    ),
    '',
    ...notes,
  ].join('\n');
}

function kindRows(byKind: KindTotals) {
  return kinds.map((kind) => [kind, byKind[kind].requests, kib(byKind[kind].transferBytes)]);
}

function photoRows(photos: PhotoCheck[]) {
  return photos.map((photo) => [
    shortUrl(photo.src),
    photo.transferBytes?.toLocaleString('en') ?? '—',
    photo.pixelWidth,
    photo.displayedWidth,
    photo.requiredWidth,
    photo.sharpEnough ? 'yes' : '**no**',
  ]);
}

function firstLoadSection(page: FirstLoad): string {
  const largest = page.largestImage;
  return [
    `### First load of ${page.path}`,
    '',
    `${page.requests} requests, ${kib(page.totalTransferBytes)} KiB transferred. The HTML is ${kib(page.html.bytes)} KiB decoded, of which ${kib(page.html.inlineScriptBytes)} KiB inline scripts (the RSC payload).`,
    '',
    table(['type', 'requests', 'transferred (KiB)'], [...kindRows(page.byKind), ['**total**', page.requests, kib(page.totalTransferBytes)]]),
    '',
    table(
      ['script', 'in the HTML', 'transferred (KiB)', 'decoded (KiB)', 'brotli q11 (KiB)', 'Swiper'],
      [
        ...page.scripts.map((script) => [
          shortUrl(script.url),
          script.inHtml ? 'yes' : 'no (prefetch)',
          kib(script.transferBytes),
          kib(script.bytes),
          kib(script.brotliBytes),
          script.swiper ? '**yes**' : 'no',
        ]),
        ['**total**', '', kib(page.scripts.reduce((sum, s) => sum + s.transferBytes, 0)), kib(page.scripts.reduce((sum, s) => sum + s.bytes, 0)), kib(page.scriptBrotliBytes), ''],
      ],
    ),
    '',
    `Photos in the first viewport (${page.imagesFetched} images fetched in all):`,
    '',
    table(['photo', 'transferred (B)', 'width of the file (px)', 'drawn width (CSS px)', 'needed (px)', 'wide enough'], photoRows(page.firstViewportPhotos)),
    '',
    largest
      ? `Largest image: \`${shortUrl(largest.url)}\`, ${largest.transferBytes.toLocaleString('en')} B` +
        (largest.photo
          ? `, ${largest.photo.pixelWidth} px wide for ${largest.photo.displayedWidth} CSS px × DPR = ${largest.photo.requiredWidth} px needed.`
          : ', shown by no `<img>` of this page.')
      : 'No image fetched.',
    page.imagesNotShown.length
      ? `Fetched but shown by no \`<img>\` of the page: ${page.imagesNotShown.map((image) => `\`${shortUrl(image.url)}\` (${image.transferBytes.toLocaleString('en')} B)`).join(', ')}.`
      : '',
    `Slowest image response (time to headers): ${ms(page.slowestImageWaitMs)} ms.`,
    page.otherUrls.length ? `Other requests: ${page.otherUrls.map((url) => `\`${url}\``).join(', ')}.` : '',
  ].join('\n');
}

function bytesSection(bytes: BytesResult, meta: SectionMeta | undefined): string {
  const gallery = bytes.gallery;
  const galleryPart = gallery
    ? [
        '### Opening the gallery',
        '',
        `Click on the gallery button, until the first slide's photo has loaded: ${gallery.requests} requests, ${kib(gallery.totalTransferBytes)} KiB.`,
        '',
        table(['type', 'requests', 'transferred (KiB)'], [...kindRows(gallery.byKind), ['**total**', gallery.requests, kib(gallery.totalTransferBytes)]]),
        '',
        table(
          ['file', 'type', 'transferred (KiB)', 'brotli q11 (KiB)', "Swiper's"],
          gallery.files.map((file) => [shortUrl(file.url), file.kind, kib(file.transferBytes), file.brotliBytes === undefined ? '' : kib(file.brotliBytes), file.swiper ? 'yes' : 'no']),
        ),
        '',
        gallery.firstSlide
          ? `First slide: \`${shortUrl(gallery.firstSlide.src)}\`, ${gallery.firstSlide.pixelWidth} px wide for ${gallery.firstSlide.displayedWidth} CSS px (${gallery.firstSlide.requiredWidth} px needed).`
          : '',
      ].join('\n')
    : '';
  return [
    '## 2. Bytes on first load',
    '',
    metaLine(meta),
    `Playwright with Debian's Chromium, ${bytes.screen}, mobile; a fresh browser context per page; counted from the DevTools protocol (headers + encoded body) until load and 500 ms without a request — no scrolling. \`next start\` compresses with gzip, so "transferred" is gzip; the brotli column compresses each script body at quality 11 for comparison with the 120 KiB framework floor.`,
    '',
    ...bytes.pages.map(firstLoadSection),
    '',
    galleryPart,
    '',
    `Swiper fetched before the first open: ${bytes.swiperBeforeOpen.length ? bytes.swiperBeforeOpen.map(shortUrl).join(', ') : 'none'}.`,
    '',
    bytes.mediaGallery
      ? [
          `### A gallery with a video and an embed (${bytes.mediaGallery.path})`,
          '',
          `Opened, then shown slide by slide (${bytes.mediaGallery.slides} slides) without pressing play; requests to other origins refused. ` +
            `Video requests: ${bytes.mediaGallery.videoRequests.map(shortUrl).join(', ') || 'none'}. ` +
            `Third-party requests: ${bytes.mediaGallery.thirdPartyRequests.join(', ') || 'none'}. ` +
            `Zoom, video or embed code in the page's first-load scripts: ${bytes.mediaGallery.mediaCodeBeforeOpen.map(shortUrl).join(', ') || 'none'}.`,
        ].join('\n')
      : '',
  ].join('\n');
}

function buildSection(build: BuildRow[] | undefined, load: LoaderRow[] | undefined, meta: Partial<Record<SectionName, SectionMeta>>): string {
  const parts = ['## 3. Build time and memory', ''];
  if (build?.length) {
    parts.push(
      metaLine(meta.build),
      'A clean `next build` (`.next/` removed) per content folder: N projects cloned from `content/projects` with unique slugs, categories dealt round-robin, the same sample photos. CPU and peak tree RSS are sampled from /proc every 100 ms over the build and all its child processes (RSS: pages shared between processes count more than once; CPU: user + system of every process seen). `/usr/bin/time` counts only the CPU of the children it waited for, and the largest process RSS is the larger of its figure and the sampled one. On a busy machine wall time varies with the load; CPU time much less.',
      '',
      table(
        [
          'content',
          'project files',
          'pages',
          'wall (s)',
          'CPU (s)',
          'CPU per /usr/bin/time (s)',
          'beyond the 10-project build: wall, CPU (ms/project)',
          'compile (s)',
          'TypeScript (s)',
          'static pages (s)',
          'peak tree RSS (MiB)',
          'largest process RSS (MiB)',
          'processes',
          'content file reads',
        ],
        build.map((row) => {
          const beyond = row.label.startsWith('content/') ? undefined : buildPerProject(build, row);
          return [
            row.label,
            row.projectFiles,
            row.pages,
            fixed(row.wallSeconds),
            fixed(row.tree.cpuSeconds),
            fixed(row.timeCpuSeconds),
            beyond ? `${fixed(beyond.wallMs)}, ${fixed(beyond.cpuMs)}` : '—',
            fixed(row.phases.compileSeconds),
            fixed(row.phases.typescriptSeconds),
            fixed(row.phases.staticPagesSeconds),
            mib(row.tree.treeBytes),
            mib(Math.max(row.timeMaxRssBytes ?? 0, row.tree.processBytes)),
            row.tree.processes,
            `${row.contentReads.reads} reads of ${row.contentReads.files} files in ${row.contentReads.processes} process(es)`,
          ];
        }),
      ),
      '',
    );
  }
  if (load?.length) {
    parts.push(
      '### `loadContent` alone',
      '',
      metaLine(meta.load),
      'Each folder in a fresh Node process: importing the loader, a first call (sharp on every distinct photo, cold code) and a second call (photo sizes cached: reading, YAML, zod, markdown). The clones share 26 sample photos, so sharp runs at most 26 times whatever N is; the last column is its cost per distinct photo, which a site whose projects all have their own photos pays for each.',
      '',
      table(
        ['content', 'projects', 'photos (distinct)', 'import (ms)', 'first call (ms, CPU ms)', 'second call (ms, CPU ms)', 'second call ms/project', 'sharp ms per distinct photo'],
        load.map((row) => [
          row.label,
          row.projects,
          `${row.photos} (${row.distinctPhotos})`,
          ms(row.import.wallMs),
          `${ms(row.first.wallMs)} (${ms(row.first.cpuMs)})`,
          `${ms(row.second.wallMs)} (${ms(row.second.cpuMs)})`,
          fixed(row.second.wallMs / row.projects, 2),
          fixed(row.msPerDistinctPhoto),
        ]),
      ),
      '',
    );
  }
  const g = growth(build, load);
  if (g.build1000 !== undefined || g.load1000 !== undefined) {
    parts.push(
      `Growth from 100 to 1,000 projects: build ${fixed(g.build100?.wallMs)} → ${fixed(g.build1000?.wallMs)} ms/project beyond the 10-project build ` +
        `(CPU ${fixed(g.build100?.cpuMs)} → ${fixed(g.build1000?.cpuMs)}); loadContent ${fixed(g.load100, 2)} → ${fixed(g.load1000, 2)} ms/project (second call).`,
    );
  }
  return parts.join('\n');
}

function policyLine({ policy }: ThroughputResult): string {
  if (!policy) return '';
  return (
    `Script policy (README, "Script policy"): the header is ${policy.headerBytes.toLocaleString('en')} bytes; ${policy.pages} built HTML files hold ${policy.inlineScripts} distinct inline scripts (their style attributes are hashed too), ` +
    `each file's meta policy ${Math.round(policy.metaBytesPerPage)} bytes on average; the union of all script hashes in the header instead would be ${policy.unionHeaderBytes.toLocaleString('en')} bytes on every response. ` +
    `Hashing every page and writing its meta (the build's last step) takes ${policy.hashingMs.toFixed(0)} ms. The npm start rows: the standalone server before (proxy.ts on every request, built again from git) and after.`
  );
}

function throughputSection(result: ThroughputResult, meta: SectionMeta | undefined): string {
  const { settings } = result;
  return [
    '## 4. `next start` throughput',
    '',
    metaLine(meta),
    `autocannon, in process, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s, GET ${settings.path} on 127.0.0.1. The floor is a bare \`node:http\` server answering with the same status, headers and HTML from memory. Load generator and server share the machine's cores; the server's CPU per request (from /proc, over the measured seconds) is the figure that depends least on how busy the machine is.`,
    '',
    table(
      ['server', 'Accept-Encoding', 'req/s (mean of 1 s samples)', 'latency p50 (ms)', 'latency p99 (ms)', 'requests', 'errors', 'timeouts', 'non-2xx', 'bytes/response', 'server CPU per request (ms)'],
      result.rows.map((row) => [
        row.server,
        row.acceptEncoding,
        ms(row.requestsPerSecond),
        fixed(row.latencyP50Ms),
        fixed(row.latencyP99Ms),
        row.requests.toLocaleString('en'),
        row.errors,
        row.timeouts,
        row.non2xx,
        ms(row.bytesPerResponse),
        fixed(row.serverCpuMsPerRequest, 2),
      ]),
    ),
    '',
    `\`next start\` / floor: ${(result.ratio * 100).toFixed(0)} % of the floor's requests per second.`,
    '',
    policyLine(result),
  ].join('\n');
}

function photosSection(photos: PhotoResult, meta: SectionMeta | undefined): string {
  const { pipeline, firstRequest } = photos;
  const step = (label: string, run: PhotoResult['pipeline']['cold']) => [
    label,
    run.read,
    run.decoded,
    run.encoded,
    fixed(run.wallMs / 1000),
    fixed(run.cpuMs / 1000),
    fixed(run.wallMs / 1000 / pipeline.photos, 2),
    mib(run.maxRssBytes),
  ];
  const kinds = Object.entries(pipeline.kinds).map(([kind, count]) => `${count} ${kind}`).join(', ');
  return [
    '## Photos built once',
    '',
    metaLine(meta),
    `The photo step of a build (\`lib/photos\`: the loader's facts, then every file written) on ${pipeline.photos} generated 24 MP camera photos (${kinds}; ${mib(pipeline.sourceBytes)} MiB of JPEG), each in a fresh process as \`next build\` runs it. Warm: a second build with the first one's \`.next/cache/photos\` and an emptied output folder.`,
    '',
    table(['build', 'read', 'decoded', 'encoded', 'wall s', 'CPU s', 's per photo', 'peak RSS MiB'], [step('cold', pipeline.cold), step('warm', pipeline.warm)]),
    '',
    `Output: ${pipeline.cold.files.toLocaleString('en')} files, ${mib(pipeline.outputBytes)} MiB. Deployed photos: ${mib(pipeline.sourceBytes + pipeline.outputBytes)} MiB with the originals in \`public/\` (before they moved to \`content/images/\`), ${mib(pipeline.outputBytes)} MiB now.`,
    '',
    "The AVIF files a phone's first viewport loads (site settings) against WebP at the site's settings and at the lowest quality (effort 6) whose SSIM (luma, 8×8 windows) is at least the AVIF's, on 24 MP camera photos resized to those widths:",
    '',
    table(
      ['width', 'format', 'quality', 'SSIM', 'KiB', 'encode ms'],
      photos.formats.map((row) => [row.width, row.format, row.quality, fixed(row.ssim, 4), kib(row.bytes), ms(row.encodeMs)]),
    ),
    '',
    `First request for each of the ${firstRequest.files} files a project page offers, on a server that just started: time to first byte median ${fixed(median(firstRequest.ttfbMs))} ms, max ${fixed(Math.max(...firstRequest.ttfbMs))} ms (the runtime optimizer took 110–230 ms for a 2,400 px photo's first variant).`,
  ].join('\n');
}

function slowPhoneSection(pages: SlowPhonePage[], meta: SectionMeta | undefined): string {
  const seconds = (values: number[]) => values.map((value) => fixed(value / 1000, 2)).join(', ');
  return [
    '## First photo on a slow phone',
    '',
    metaLine(meta),
    "Lighthouse mobile with applied throttling (`--throttling-method=devtools`: slow 4G, 4× CPU). The photo is the one the page fetches at high priority, its end taken from the trace's network request. Lighthouse's LCP counts the blurred placeholder, so it can come before the photo itself.",
    '',
    table(
      ['page', 'photo loaded, median s', 'runs s', 'Lighthouse LCP, median s', 'photo', 'photo KiB'],
      pages.map((page) => [
        page.path,
        fixed(median(page.photoEndMs) / 1000, 2),
        seconds(page.photoEndMs),
        fixed(median(page.lcpMs) / 1000, 2),
        page.photoUrl?.split('/').pop() ?? '—',
        page.photoBytes === undefined ? '—' : kib(page.photoBytes),
      ]),
    ),
  ].join('\n');
}

export function renderMarkdown(results: Results): string {
  const { environment: env, sections, meta } = results;
  const targets = evaluateTargets(sections);
  return [
    '# Benchmark results',
    '',
    `**${results.label}** — written ${results.writtenAt}.`,
    '',
    '## How to run',
    '',
    '```sh',
    'npm ci',
    'npm run bench                                   # everything: about 5-10 minutes on 2 cores',
    'npm run bench -- --only bytes,lighthouse        # sections: load, build, photos, bytes, lighthouse, slowphone, throughput, cdn',
    'npm run bench -- --runs 1 --duration 3 --sizes 10,100   # a short development run',
    '```',
    '',
    "It builds the site itself (`next build`, which replaces `.next/`), serves it with `next start` on a free port in 3200–3299 of 127.0.0.1, and uses Debian's Chromium (`CHROMIUM_PATH` overrides `/usr/bin/chromium`). Sections run on their own merge into the results already here; each section states when and how busy the machine was. Scratch files go to `bench/tmp/`, removed at the end (`--keep-tmp` keeps them).",
    '',
    '## Targets',
    '',
    table(['area', 'target', 'measured', 'verdict'], targets.map((t) => [t.area, t.target, t.measured, t.verdict === 'met' ? 'met' : t.verdict === 'missed' ? '**missed**' : 'not measured'])),
    '',
    '## Machine',
    '',
    table(
      ['Node', 'Next.js', 'React', 'Chromium', 'Lighthouse', 'Playwright', 'autocannon', 'cores', 'CPU', 'memory', 'OS'],
      [[env.node, env.next, env.react, env.chromium, env.lighthouse, env.playwright, env.autocannon, env.cpus, env.cpuModel, `${env.memoryGiB} GiB`, env.os]],
    ),
    '',
    sections.lighthouse ? lighthouseSection(sections.lighthouse, meta.lighthouse) : '',
    '',
    sections.bytes ? bytesSection(sections.bytes, meta.bytes) : '',
    '',
    sections.build || sections.load ? buildSection(sections.build, sections.load, meta) : '',
    '',
    sections.throughput ? throughputSection(sections.throughput, meta.throughput) : '',
    '',
    sections.photos ? photosSection(sections.photos, meta.photos) : '',
    '',
    sections.slowphone ? slowPhoneSection(sections.slowphone, meta.slowphone) : '',
    '',
    sections.cdn ? cdnSection(sections.cdn, metaLine(meta.cdn), table) : '',
    '',
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
