#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for Playwright (playwright.config.ts points there).
# Playwright's own browser download (`npx playwright install`) is not available on these machines, so the
# browser comes from apt: installed here when running as root, otherwise we say exactly what to run.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  echo "chromium: $CHROMIUM is missing; installing it with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium
  if [[ ! -x "$CHROMIUM" ]]; then
    echo "chromium: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
  fi
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo installed)"
  exit 0
fi

cat >&2 <<MSG
chromium: $CHROMIUM is missing, and installing it needs root. Run:

    sudo apt-get update && sudo apt-get install -y chromium

then run npm test again.
MSG
exit 1
