#!/usr/bin/env bash
# Makes sure the chromium the browser tests drive (through playwright-core) is there: CHROMIUM_PATH
# if set (nothing installed), else Debian's /usr/bin/chromium, installed with apt-get when missing.
# DEBIAN_CHROMIUM moves Debian's path only for the tests of this script.
# Sourced, not run: the tests of these scripts give them a PATH with nothing but the fakes they need.
here="${BASH_SOURCE[0]%/*}"
[ "$here" = "${BASH_SOURCE[0]}" ] && here=.
source "$here/ensure-debian-package.sh" chromium chromium "${DEBIAN_CHROMIUM:-/usr/bin/chromium}" CHROMIUM_PATH
