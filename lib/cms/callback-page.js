// @ts-check
// Plain JavaScript so that next.config.js can name the script in the page's CSP by its hash.
import { createHash } from 'node:crypto';

/**
 * The sign-in callback page's one script: it says "authorizing:github" to the admin window that opened it, waits
 * for the admin's answer from this origin, then hands over the message found in the page's JSON data block, to
 * this origin only (Decap's protocol: decap-cms-lib-auth/src/netlify-auth.js).
 */
export const callbackScript = `(() => {
  const message = JSON.parse(document.getElementById('message').textContent);
  const admin = window.opener;
  if (!admin) return;
  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || event.source !== admin || event.data !== 'authorizing:github') return;
    admin.postMessage(message, location.origin);
  });
  admin.postMessage('authorizing:github', location.origin);
})();`;

/** The callback page runs that script and nothing else. */
export const callbackPolicy = [
  "default-src 'none'",
  `script-src 'sha256-${createHash('sha256').update(callbackScript).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
