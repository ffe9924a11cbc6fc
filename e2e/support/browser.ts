import type { BrowserContext, Locator, Page } from '@playwright/test';
import { ui, type Link } from './content';

/** A project link as the page shows it, by role and accessible name: a button for the gallery, else a link. */
export function linkControl(scope: Page | Locator, link: Link): Locator {
  if (link.action === 'slider') return scope.getByRole('button', { name: link.name, exact: true });
  return scope.getByRole('link', { name: link.newtab ? `${link.name} ${ui.opensInNewTab}` : link.name, exact: true });
}

/** Relative luminance (WCAG) of a computed `rgb(…)`/`rgba(…)` colour: 0 is black, 1 is white. */
export function luminance(color: string): number {
  const channels = color.match(/[\d.]+/g)?.slice(0, 3).map(Number);
  if (!channels || channels.length < 3) throw new Error(`not an rgb() colour: ${color}`);
  const [r, g, b] = channels.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export async function colorsOf(locator: Locator) {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, text: style.color };
  });
}

/** The outline a focused element shows, as computed. */
export async function focusOutline(locator: Locator) {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
}

/** How far the page can be scrolled sideways (0 when nothing overflows). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * There is no internet: answer every request that leaves the site with a stub page, and hand each one
 * to `onRequest` so that a test can see where the browser went and with which headers.
 */
export async function stubExternalSites(
  context: BrowserContext,
  baseURL: string,
  onRequest: (url: string, headers: Record<string, string>) => void = () => {},
) {
  const origin = new URL(baseURL).origin;
  await context.route(
    (url) => url.origin !== origin && url.protocol.startsWith('http'),
    async (route) => {
      onRequest(route.request().url(), route.request().headers());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>External</title><h1>External site</h1>' });
    },
  );
}

/**
 * Makes window.matchMedia, which the gallery reads while rendering, throw until the returned repair is called: a
 * browser API failing for a while, with nothing in the shipped code there for the test.
 */
export async function breakMatchMedia(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(() => {
    const matchMedia = window.matchMedia;
    window.matchMedia = () => {
      throw new Error('matchMedia is broken');
    };
    Object.assign(window, { repairMatchMedia: () => (window.matchMedia = matchMedia) });
  });
  return async () => {
    await page.evaluate(() => (window as unknown as { repairMatchMedia: () => void }).repairMatchMedia());
  };
}
