import { existsSync } from 'node:fs';

/** Debian's Chromium where it is installed (`CHROMIUM_PATH` overrides); undefined means Playwright's own. The benchmark's browser. */
export const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/**
 * The e2e tests' browser: Debian's headless shell (package chromium-headless-shell, built from the same Chromium source
 * and version, without the desktop browser's window and UI), as Playwright itself runs headless tests in its own
 * chromium-headless-shell; else the browser above. The same pages, the same Blink and V8: the whole suite took 436
 * worker-seconds of tests in it, 707 in the full browser, whose headless mode renders and composites the desktop
 * browser's window as well (its browser process alone spent 141 s of CPU in one run).
 */
export const testChromiumPath =
  process.env.CHROMIUM_PATH ??
  (existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : chromiumPath);

/** Without the background-networking flags, Chromium keeps calling hosts this closed network refuses. */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
