#!/usr/bin/env bash
# `npm run test:cdn` runs the shipped nginx configuration on the real server: nginx with Debian's brotli module,
# and openssl for a throwaway certificate. Installed here when missing (as root, with apt).
set -euo pipefail

brotli_module() {
  ls /usr/share/nginx/modules/ngx_http_brotli_filter_module.so /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so 2>/dev/null | head -n 1
}

if command -v nginx >/dev/null && command -v openssl >/dev/null && [ -n "$(brotli_module)" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing nginx, its brotli module and openssl for the CDN test…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-filter openssl >/dev/null
  exit 0
fi
echo "The CDN test needs nginx, its brotli module and openssl: apt-get install nginx libnginx-mod-http-brotli-filter openssl" >&2
exit 1
