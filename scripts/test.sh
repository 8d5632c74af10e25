#!/usr/bin/env bash
# `npm test`: everything CI runs, on a fresh clone after `npm ci`, with nothing installed by hand.
#   lint → typecheck → unit + integration (vitest: PGlite, plus PostgreSQL when TEST_DATABASE_URL is set)
#   → Chromium present (apt when root) → production build → e2e journeys (Playwright, scripts/e2e-server.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export NEXT_TELEMETRY_DISABLED=1
# Any database access during `next build` fails fast here instead of opening real data (decision 001).
readonly NO_DATABASE_DURING_BUILD="postgres://no-database-during-build@127.0.0.1:1/none"

timings=()
current=""
suite_started=$SECONDS

print_timings() {
  local status=$?
  echo
  echo "==> timings"
  local line
  for line in "${timings[@]}"; do echo "    $line"; done
  if [[ $status -ne 0 && -n "$current" ]]; then
    echo "    FAILED: $current"
  fi
  printf '    %-24s %5ds\n' "total" $((SECONDS - suite_started))
}
trap print_timings EXIT

step() {
  current=$1
  shift
  echo
  echo "==> $current"
  local started=$SECONDS
  "$@"
  timings+=("$(printf '%-24s %5ds' "$current" $((SECONDS - started)))")
  current=""
}

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  echo "integration tests run on PGlite and on PostgreSQL (TEST_DATABASE_URL)"
else
  echo "integration tests run on PGlite only (set TEST_DATABASE_URL for PostgreSQL as well)"
fi

step "lint" npm run --silent lint
# typegen writes next-env.d.ts and the route types that tsc checks; a fresh clone has neither.
step "typecheck" bash -c 'node_modules/.bin/next typegen && npm run --silent typecheck'
step "unit + integration" npx vitest run
step "chromium" bash scripts/ensure-chromium.sh
step "build" env DATABASE_URL="$NO_DATABASE_DURING_BUILD" node_modules/.bin/next build
step "e2e" env E2E_SKIP_BUILD=1 npx playwright test
