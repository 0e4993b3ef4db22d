#!/usr/bin/env bash
# Installs Debian's chromium, which the browser tests drive (through playwright-core), when it
# is missing. Nothing is downloaded but Debian's package.
set -euo pipefail

# Where the browser tests look for it (CHROMIUM overrides it only for the tests of this script).
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo present) at $CHROMIUM"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: $CHROMIUM is missing and this system has no apt-get: install Debian's chromium package (the browser tests need $CHROMIUM)" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "error: $CHROMIUM is missing; installing it needs root: run 'sudo apt-get update && sudo apt-get install -y chromium'" >&2
    exit 1
  fi
fi

echo "chromium is missing: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "error: apt-get installed chromium, but $CHROMIUM is still missing" >&2
  exit 1
fi
echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo installed) at $CHROMIUM"
