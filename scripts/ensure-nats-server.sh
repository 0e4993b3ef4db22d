#!/usr/bin/env bash
# Makes sure the nats-server the JetStream tests start (spec/jetstream) is there: NATS_SERVER_PATH
# if set (nothing installed), else Debian's /usr/sbin/nats-server (the package puts it in sbin),
# installed with apt-get when missing. DEBIAN_NATS_SERVER moves Debian's path only for the tests of
# this script.
# Sourced, not run: the tests of these scripts give them a PATH with nothing but the fakes they need.
here="${BASH_SOURCE[0]%/*}"
[ "$here" = "${BASH_SOURCE[0]}" ] && here=.
source "$here/ensure-debian-package.sh" nats-server nats-server "${DEBIAN_NATS_SERVER:-/usr/sbin/nats-server}" NATS_SERVER_PATH
