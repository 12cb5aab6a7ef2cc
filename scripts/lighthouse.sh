#!/usr/bin/env bash
# Lighthouse scores of every page against the built jar (./mvnw package first), in Debian's chromium.
# Fails when a page scores under 95 for best practices or accessibility; --write-docs updates the
# table in docs/frontend.md. Lighthouse is pinned in scripts/lighthouse/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/lighthouse"
export PATH="$PWD/../../frontend/node:$PATH"
npm ci --no-audit --no-fund --loglevel=error
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" exec node run.mjs "$@"
