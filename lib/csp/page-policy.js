// @ts-check
// Plain JavaScript: the build's last step (scripts/page-policies.mjs) runs it with node.
import { createHash } from 'node:crypto';

const scriptElement = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script\s*>/gi;
// A <script> of any other type is a data block (JSON-LD): the browser never runs it, so no policy names it.
const executableTypes = new Set(['', 'module', 'importmap', 'speculationrules', 'text/javascript', 'application/javascript']);
const policyMeta = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\/>/;

/**
 * The text of every inline script in `html` a browser would run (none with `src`, no data blocks).
 * @param {string} html
 */
export function inlineScriptsOf(html) {
  /** @type {string[]} */
  const scripts = [];
  for (const [, attributes = '', text = ''] of html.matchAll(scriptElement)) {
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1]?.toLowerCase() ?? '';
    if (executableTypes.has(type)) scripts.push(text);
  }
  return scripts;
}

/**
 * A CSP source naming `text` by its sha256 hash.
 * @param {string} text
 */
export function hashSource(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

// React writes every attribute in double quotes; inside a script, RSC data escapes its quotes (style=\").
const styleAttribute = /\sstyle="([^"]*)"/g;
/** @type {Record<string, string>} */
const entities = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>' };

/**
 * The value of every style="" attribute in `html`, as the browser reads it (entities decoded).
 * @param {string} html
 */
export function styleAttributesOf(html) {
  return [...html.matchAll(styleAttribute)].map(([, value = '']) =>
    value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name) =>
      name[0] === '#' ? String.fromCodePoint(Number(name[1].toLowerCase() === 'x' ? `0${name.slice(1)}` : name.slice(1))) : (entities[name] ?? entity),
    ),
  );
}

/**
 * The page's own policy: scripts from files of this origin and its inline scripts by hash; style="" attributes
 * only those the build wrote ('unsafe-hashes': a script setting element.style is not concerned).
 * @param {string} html
 */
export function pagePolicyOf(html) {
  const styles = [...new Set(styleAttributesOf(html).map(hashSource))];
  return [
    ['script-src', "'self'", ...new Set(inlineScriptsOf(html).map(hashSource))].join(' '),
    ['style-src-attr', ...(styles.length ? ["'unsafe-hashes'", ...styles] : ["'none'"])].join(' '),
  ].join('; ');
}

/**
 * The policy the page's <meta http-equiv> holds, if any.
 * @param {string} html
 */
export function metaPolicyOf(html) {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\/>/.exec(html)?.[1];
}

/**
 * `html` with its own policy in a <meta http-equiv> at the top of <head>, before any script (a meta policy
 * governs only what follows it), replacing the one an earlier run put there. The response's header keeps the
 * other directives; the two policies both apply, so the page runs only the scripts both allow.
 * @param {string} html
 */
export function withPagePolicy(html) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${pagePolicyOf(html)}"/>`;
  if (policyMeta.test(html)) return html.replace(policyMeta, meta);
  const head = /<head\b[^>]*>(<meta charSet="utf-8"\/>)?/i.exec(html);
  if (!head) throw new Error('no <head> to put the script policy in');
  const at = head.index + head[0].length;
  if (/<script\b/i.test(html.slice(0, at))) throw new Error('a <script> comes before <head>');
  return html.slice(0, at) + meta + html.slice(at);
}
