import { existsSync } from 'node:fs';

/** Debian's Chromium where it is installed (`CHROMIUM_PATH` overrides); undefined means Playwright's own. */
export const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Without the background-networking flags, Chromium keeps calling hosts this closed network refuses. */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
