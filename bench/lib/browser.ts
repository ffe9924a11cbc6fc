import { chromium, type Browser, type BrowserContextOptions } from '@playwright/test';
import { chromiumFlags, chromiumPath } from './environment';

/** Debian's Chromium under Playwright, closed after `task` whatever happens. */
export async function withBrowser<T>(task: (browser: Browser) => Promise<T>): Promise<T> {
  // Playwright adds its own headless flag and a fresh temporary --user-data-dir, which it removes on close.
  const args = chromiumFlags.filter((flag) => !flag.startsWith('--headless'));
  const browser = await chromium.launch({ executablePath: chromiumPath, args, headless: true });
  try {
    return await task(browser);
  } finally {
    await browser.close();
  }
}

/** Lighthouse's mobile screen (a Moto G Power: 412×823 CSS px at 1.75×). */
export const lighthouseScreen: BrowserContextOptions = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
};

/** The phone the byte counts are taken on: 390×844 CSS px at 2×. */
export const phoneScreen: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/**
 * Loads each page once on `screen` so that `next start` has made (and cached) the image variants that
 * screen asks for: a measurement should not include the one-time cost of the first visitor.
 */
export async function warmUp(origin: string, pages: string[], screen: BrowserContextOptions) {
  await withBrowser(async (browser) => {
    const context = await browser.newContext(screen);
    try {
      const page = await context.newPage();
      for (const pagePath of pages) {
        await page.goto(origin + pagePath, { waitUntil: 'load', timeout: 120_000 });
        await page.waitForLoadState('networkidle', { timeout: 120_000 });
      }
    } finally {
      await context.close();
    }
  });
}
