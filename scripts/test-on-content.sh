#!/usr/bin/env bash
# `bash scripts/test-on-content.sh [folder]`: runs `npm test` as an owner would after replacing the sample content
# with their own: a scratch clone of this commit whose content/ holds <folder> (default test/owner-content/
# tre-categorie, three categories of its own, no video) and camera photos made for it. The repository is untouched.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
folder=$(cd "${1:-$root/test/owner-content/tre-categorie}" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git clone -q "$root" "$scratch/site"
cd "$scratch/site"
find content -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
cp -R "$folder"/. content/
# The clone's own install, as CI makes it; linked from this checkout when it has one (much faster, same lock file).
if [ -d "$root/node_modules" ]; then cp -al "$root/node_modules" node_modules; else npm ci --no-audit --no-fund; fi
node --import tsx test/owner-content/make-photos.ts content
npm run --silent content:check
npm test
