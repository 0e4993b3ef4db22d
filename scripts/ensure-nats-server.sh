#!/usr/bin/env bash
# Makes sure the nats-server the JetStream tests start (spec/jetstream) is there; `npm test`
# runs it first (its `pretest`), as it does ensure-chromium.sh. Instant when nats-server is
# present. Nothing is ever downloaded but Debian's package.
#
#   NATS_SERVER_PATH set     the tests use that nats-server: it must be an executable file, and
#                            nothing is installed.
#   NATS_SERVER_PATH unset   the tests use Debian's /usr/sbin/nats-server, installed here with
#                            apt-get (as root, or with password-less sudo) when missing.
set -euo pipefail

# Debian's path (the package puts it in sbin); DEBIAN_NATS_SERVER moves it only for the tests of this script.
DEBIAN_NATS_SERVER="${DEBIAN_NATS_SERVER:-/usr/sbin/nats-server}"

if [ -n "${NATS_SERVER_PATH:-}" ]; then
  # An override that points nowhere is an error, not a reason to install another server the
  # tests would not use.
  if [ -f "$NATS_SERVER_PATH" ] && [ -x "$NATS_SERVER_PATH" ]; then
    echo "nats-server: $NATS_SERVER_PATH (NATS_SERVER_PATH)"
    exit 0
  fi
  echo "error: NATS_SERVER_PATH=$NATS_SERVER_PATH is not an executable file: point it at a nats-server, or unset it to use Debian's nats-server at $DEBIAN_NATS_SERVER (which npm test then installs)" >&2
  exit 1
fi

if [ -x "$DEBIAN_NATS_SERVER" ]; then
  echo "nats-server: $DEBIAN_NATS_SERVER"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: $DEBIAN_NATS_SERVER is missing and this system has no apt-get: install a nats-server (2.9 or later) and set NATS_SERVER_PATH to it" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "error: $DEBIAN_NATS_SERVER is missing; installing it needs root: run 'sudo apt-get update && sudo apt-get install -y nats-server', or set NATS_SERVER_PATH to a nats-server" >&2
    exit 1
  fi
fi

echo "nats-server is missing: installing Debian's nats-server package"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y nats-server

if [ ! -x "$DEBIAN_NATS_SERVER" ]; then
  echo "error: apt-get installed nats-server, but $DEBIAN_NATS_SERVER is still missing: set NATS_SERVER_PATH to the nats-server it installed" >&2
  exit 1
fi
echo "nats-server: installed at $DEBIAN_NATS_SERVER"
