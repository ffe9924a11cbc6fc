import type { Page } from '@playwright/test';

export type Violation = { directive: string; blocked: string };

/**
 * Records the page's console errors and the CSP violations its document reports. `refusals` also covers its
 * frames (Decap's preview), from the line Chromium logs for every refusal ("…violates the following Content
 * Security Policy directive…").
 */
export async function watchForViolations(page: Page) {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string }[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
    );
  });
  return {
    consoleErrors,
    refusals: () => consoleErrors.filter((text) => /Content Security Policy/i.test(text)),
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations),
  };
}
