import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaPolicyOf, withScriptPolicy } from '../../lib/csp/page-policy.js';
import { unlistedInlineScripts } from './support';

// A prerendered page as Next writes it, cut short: its chunk list, the RSC stream's start and data, JSON-LD.
const built = readFileSync(path.join(import.meta.dirname, 'fixtures', 'page.html'), 'utf8');

describe('the script policy the build writes into a page', () => {
  it('names every inline script of the page by hash, and leaves out JSON-LD and script files', () => {
    expect(unlistedInlineScripts(built)).toHaveLength(3);
    const page = withScriptPolicy(built);
    expect(unlistedInlineScripts(page)).toEqual([]);
    expect(metaPolicyOf(page)).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]{43}='){3}$/);
  });

  it('comes right after the charset, before anything that loads or runs a script', () => {
    const page = withScriptPolicy(built);
    expect(page.indexOf('<meta http-equiv="Content-Security-Policy"')).toBe(page.indexOf('<meta charSet="utf-8"/>') + '<meta charSet="utf-8"/>'.length);
    expect(page.indexOf('<meta http-equiv')).toBeLessThan(page.indexOf('<script'));
  });

  it('is the same on every run, and a second run replaces the first', () => {
    const once = withScriptPolicy(built);
    expect(withScriptPolicy(built)).toBe(once);
    expect(withScriptPolicy(once)).toBe(once);
  });

  it('does not cover a script added to the page afterwards: the check fails on it', () => {
    const rewritten = withScriptPolicy(built).replace('</body>', '<script>document.title = "analytics"</script></body>');
    expect(unlistedInlineScripts(rewritten)).toEqual(['document.title = "analytics"']);
  });

  it('refuses a page whose <head> it cannot find', () => {
    expect(() => withScriptPolicy('<html><body><script>1</script></body></html>')).toThrow('no <head>');
  });
});
