#!/usr/bin/env bash
# Makes sure a program the tests need is there, from Debian's package: the one mechanism behind
# ensure-chromium.sh and ensure-nats-server.sh, which `npm test` runs first (its `pretest`), so a
# fresh machine needs no extra command. Instant when the program is present. Nothing is ever
# downloaded but Debian's package.
#
#   usage: ensure-debian-package.sh PROGRAM PACKAGE DEBIAN_PATH OVERRIDE_VARIABLE
#
#   $OVERRIDE_VARIABLE set     the tests use that program: it must be an executable file, and
#                              nothing is installed.
#   $OVERRIDE_VARIABLE unset   the tests use DEBIAN_PATH, installed here with apt-get (as root, or
#                              with password-less sudo) when missing.
set -euo pipefail

program="$1"
package="$2"
debian_path="$3"
override_name="$4"
override="${!override_name:-}"

if [ -n "$override" ]; then
  # An override that points nowhere is an error, not a reason to install another program the
  # tests would not use.
  if [ -f "$override" ] && [ -x "$override" ]; then
    echo "$program: $override ($override_name)"
    exit 0
  fi
  echo "error: $override_name=$override is not an executable file: point it at a $program, or unset it to use Debian's $program at $debian_path (which npm test then installs)" >&2
  exit 1
fi

# No `--version` here: Debian's chromium wrapper takes a quarter of a second, and this runs
# before every `npm test`.
if [ -x "$debian_path" ]; then
  echo "$program: $debian_path"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: $debian_path is missing and this system has no apt-get: install a $program and set $override_name to it" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "error: $debian_path is missing; installing it needs root: run 'sudo apt-get update && sudo apt-get install -y $package', or set $override_name to a $program" >&2
    exit 1
  fi
fi

echo "$program is missing: installing Debian's $package package"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y "$package"

if [ ! -x "$debian_path" ]; then
  echo "error: apt-get installed $package, but $debian_path is still missing: set $override_name to the $program it installed" >&2
  exit 1
fi
echo "$program: installed at $debian_path"
