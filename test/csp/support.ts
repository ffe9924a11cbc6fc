import { createHash } from 'node:crypto';

/**
 * The inline scripts of a built page that a browser would run and the page's meta policy does not name by hash:
 * what would be refused. Read here on its own, apart from lib/csp, so that a mistake there shows.
 */
export function unlistedInlineScripts(html: string): string[] {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  const allowed = new Set(/(?:^|;)\s*script-src ([^;]*)/.exec(policy)?.[1]?.trim().split(/\s+/) ?? []);
  const unlisted: string[] = [];
  for (const part of html.split(/<script(?=[\s>])/i).slice(1)) {
    const close = part.indexOf('>');
    const attributes = part.slice(0, close);
    if (/\ssrc=/i.test(attributes)) continue;
    const type = /type="([^"]*)"/i.exec(attributes)?.[1];
    if (type && !['module', 'text/javascript'].includes(type)) continue;
    const text = part.slice(close + 1, part.toLowerCase().indexOf('</script'));
    if (!allowed.has(`'sha256-${createHash('sha256').update(text).digest('base64')}'`)) unlisted.push(text);
  }
  return unlisted;
}
