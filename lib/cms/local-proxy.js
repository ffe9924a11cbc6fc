// @ts-check
// Plain JavaScript so that next.config.js (the development CSP) can import it too.

/** decap-server's port in `npm run cms`: CMS_PROXY_PORT, default 8081. It listens on loopback only. */
export const localProxyPort = Number(process.env.CMS_PROXY_PORT || 8081);

/** Where Decap's `local_backend` finds decap-server. */
export const localProxyUrl = `http://127.0.0.1:${localProxyPort}/api/v1`;
