import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaPolicyOf, withPagePolicy } from '../../lib/csp/page-policy.js';
import { unlistedInlineScripts } from './support';

// A prerendered page as Next writes it, cut short: its chunk list, the RSC stream's start and data, JSON-LD.
const built = readFileSync(path.join(import.meta.dirname, 'fixtures', 'page.html'), 'utf8');

describe('the script policy the build writes into a page', () => {
  it('names every inline script of the page by hash, and leaves out JSON-LD and script files', () => {
    expect(unlistedInlineScripts(built)).toHaveLength(3);
    const page = withPagePolicy(built);
    expect(unlistedInlineScripts(page)).toEqual([]);
    expect(metaPolicyOf(page)).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]{43}='){3}; /);
  });

  it("allows the page's own style attributes by hash, as the browser decodes them, and no other", () => {
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(metaPolicyOf(withPagePolicy(built))).toMatch(new RegExp(`; style-src-attr 'unsafe-hashes' ${hash('--ratio:1.500').replace(/[+/]/g, '\\$&')}$`));
    const placeholder = built.replace('style="--ratio:1.500"', 'style="background-image:url(&quot;data:image/svg+xml,%3Csvg xmlns=&#x27;x&#x27;/%3E&quot;)"');
    expect(metaPolicyOf(withPagePolicy(placeholder))).toContain(hash(`background-image:url("data:image/svg+xml,%3Csvg xmlns='x'/%3E")`));
    expect(metaPolicyOf(withPagePolicy(built.replace(' style="--ratio:1.500"', '')))).toMatch(/; style-src-attr 'none'$/);
  });

  it('comes right after the charset, before anything that loads or runs a script', () => {
    const page = withPagePolicy(built);
    expect(page.indexOf('<meta http-equiv="Content-Security-Policy"')).toBe(page.indexOf('<meta charSet="utf-8"/>') + '<meta charSet="utf-8"/>'.length);
    expect(page.indexOf('<meta http-equiv')).toBeLessThan(page.indexOf('<script'));
  });

  it('is the same on every run, and a second run replaces the first', () => {
    const once = withPagePolicy(built);
    expect(withPagePolicy(built)).toBe(once);
    expect(withPagePolicy(once)).toBe(once);
  });

  it('does not cover a script added to the page afterwards: the check fails on it', () => {
    const rewritten = withPagePolicy(built).replace('</body>', '<script>document.title = "analytics"</script></body>');
    expect(unlistedInlineScripts(rewritten)).toEqual(['document.title = "analytics"']);
  });

  it('refuses a page whose <head> it cannot find', () => {
    expect(() => withPagePolicy('<html><body><script>1</script></body></html>')).toThrow('no <head>');
  });
});
