#!/usr/bin/env bash
# Makes sure the chromium the browser tests drive (through playwright-core) is there; `npm test`
# runs it first (its `pretest`), so a fresh machine needs no extra command. Instant when chromium
# is present. Nothing is ever downloaded but Debian's package.
#
#   CHROMIUM_PATH set        the browser tests use that chromium: it must be an executable file,
#                            and nothing is installed.
#   CHROMIUM_PATH unset      the browser tests use Debian's /usr/bin/chromium, installed here
#                            with apt-get (as root, or with password-less sudo) when missing.
set -euo pipefail

# Debian's path; DEBIAN_CHROMIUM moves it only for the tests of this script.
DEBIAN_CHROMIUM="${DEBIAN_CHROMIUM:-/usr/bin/chromium}"

if [ -n "${CHROMIUM_PATH:-}" ]; then
  # An override that points nowhere is an error, not a reason to install another browser the
  # tests would not use.
  if [ -f "$CHROMIUM_PATH" ] && [ -x "$CHROMIUM_PATH" ]; then
    echo "chromium: $CHROMIUM_PATH (CHROMIUM_PATH)"
    exit 0
  fi
  echo "error: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file: point it at a chromium, or unset it to use Debian's chromium at $DEBIAN_CHROMIUM (which npm test then installs)" >&2
  exit 1
fi

# No `--version` here: Debian's wrapper takes a quarter of a second, and this runs before every
# `npm test`.
if [ -x "$DEBIAN_CHROMIUM" ]; then
  echo "chromium: $DEBIAN_CHROMIUM"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: $DEBIAN_CHROMIUM is missing and this system has no apt-get: install a chromium and set CHROMIUM_PATH to it" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "error: $DEBIAN_CHROMIUM is missing; installing it needs root: run 'sudo apt-get update && sudo apt-get install -y chromium', or set CHROMIUM_PATH to a chromium" >&2
    exit 1
  fi
fi

echo "chromium is missing: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium

if [ ! -x "$DEBIAN_CHROMIUM" ]; then
  echo "error: apt-get installed chromium, but $DEBIAN_CHROMIUM is still missing: set CHROMIUM_PATH to the chromium it installed" >&2
  exit 1
fi
echo "chromium: installed at $DEBIAN_CHROMIUM"
