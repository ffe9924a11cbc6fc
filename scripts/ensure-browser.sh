#!/usr/bin/env bash
# The e2e tests need a Chromium. Playwright's own download does not work on our machines, so use
# Debian's (installed here when missing, as root), unless CHROMIUM_PATH names another one.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's Chromium for the e2e tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
if ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium* >/dev/null 2>&1; then
  exit 0
fi
echo "No Chromium found: install Debian's (apt-get install chromium), set CHROMIUM_PATH, or run 'npx playwright install chromium'." >&2
exit 1
