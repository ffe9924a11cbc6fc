import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumFlags, testChromiumPath } from './scripts/chromium';

const port = Number(process.env.PORT ?? 3100);
// The journeys run on content of their own (a copy of the sample site: the seed, a video, an embed, every kind of
// link), whatever the owner keeps in content/; its build serves every spec, and e2e/support/content.ts reads it
// too. content/ itself is validated by content:check's test (test/content/check-content.test.ts).
process.env.CONTENT_DIR = path.resolve('e2e/fixtures/site');

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // One worker more than the cores: a test waits at times (on the server, a timer, an animation) and the extra one fills it.
  // 87 gallery, project, zoom, theme, policy and audit tests on 2 cores: 101-105 s on 2 workers, 85-91 on 3, 84-91 on 4.
  workers: os.availableParallelism() + 1,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A failed test keeps a screenshot of its end and its page's accessibility tree (error-context.md). No trace: recording
    // one for every test, to keep the failures', took about 8 % of the time (63 gallery, project, zoom and theme tests in
    // the headless shell: 52-54 s without, 57 s with its DOM snapshots; 72 s with its filmstrip too), and CI keeps nothing
    // but its log. For each step's DOM, network and console, rerun the failing spec with `--trace retain-on-failure`.
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: testChromiumPath, args: chromiumFlags },
  },
  projects: [
    // The browser editor, a desktop tool; its specs start the servers they need beside this one (e2e/support/cms.ts).
    // First: cms-editor.spec.ts is one serial journey of about 3 minutes on one worker, which the desktop tests fill the
    // other workers beside (queued last, it was the run's tail).
    { name: 'cms', testMatch: /cms-.*\.spec\.ts/, use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'desktop', testIgnore: /cms-.*\.spec\.ts/, use: { ...devices['Desktop Chrome'], channel: undefined } },
    // On a phone, only what its screen and touch change, tagged @phone in the specs: the layout at its width (no
    // sideways scroll, the audits, CLS as the face arrives, captions under their media, the cover's morph), touch (swipe,
    // double tap, pinch), its pixel ratio (the photo variants fetched, AVIF widths), the page held still behind the
    // gallery, the theme toggle in its header. The rest (what the server answers, markup, keyboard and mouse, the history)
    // is the same DOM and the same responses whatever the device, checked once on desktop. photos-first.spec.ts sets its
    // own viewports (390 and 1440 px) on its own build.
    {
      name: 'phone',
      grep: /@phone/,
      testIgnore: /cms-.*\.spec\.ts/,
      use: { ...devices['Pixel 7'], channel: undefined },
    },
  ],
  webServer: {
    // The standalone server, as a host runs it: `npm start` takes its address from PORT and HOSTNAME. `npm test` builds
    // the suite's site first (`npm run build:e2e`, beside lint and types) and says so with E2E_PREBUILT; then this only
    // serves that build, while the unit tests and test:cdn run beside the browser tests.
    command: process.env.E2E_PREBUILT ? 'npm start' : 'npm run build && npm start',
    env: { PORT: String(port), HOSTNAME: '127.0.0.1', CONTENT_DIR: process.env.CONTENT_DIR },
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: 'pipe',
  },
});
