#!/usr/bin/env bash
# The e2e tests need a Chromium. Playwright's own download does not work on our machines, so use Debian's: its headless
# shell for the tests (scripts/chromium.ts) and the full browser for the benchmark's Lighthouse runs, installed here when
# missing (as root), unless CHROMIUM_PATH names another one.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
  exit 0
fi
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
if [ ${#missing[@]} = 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} for the e2e tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
# Not root: either of Debian's two will do, or Playwright's own.
if [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-headless-shell ]; then
  exit 0
fi
if ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium* >/dev/null 2>&1; then
  exit 0
fi
echo "No Chromium found: install Debian's (apt-get install chromium chromium-headless-shell), set CHROMIUM_PATH, or run 'npx playwright install chromium'." >&2
exit 1
