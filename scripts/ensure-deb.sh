#!/usr/bin/env bash
# Install a Debian package when the command it provides is missing.
#
# Usage: scripts/ensure-deb.sh COMMAND PACKAGE
# Does nothing when COMMAND is already on PATH (or in /usr/sbin or /sbin, where
# daemons such as clamd live even when a user's PATH leaves those out). COMMAND may
# also be an absolute path, for packages that provide a file rather than a command
# (a font such as /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf). Installs PACKAGE with apt-get
# when running as root; otherwise stops with a message saying what to install.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 COMMAND PACKAGE" >&2
    exit 2
fi
cmd="$1"
pkg="$2"

found() {
    if [[ "$cmd" == /* ]]; then
        [[ -e "$cmd" ]]
        return
    fi
    command -v "$cmd" >/dev/null 2>&1 || [[ -x "/usr/sbin/$cmd" || -x "/sbin/$cmd" ]]
}

if found; then
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure-deb: '$cmd' is missing. Install the Debian package '$pkg'" \
        "(sudo apt-get install $pkg) and run this again." >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-deb: '$cmd' is missing and apt-get is not available;" \
        "install '$pkg' with this system's package manager." >&2
    exit 1
fi

echo "ensure-deb: installing Debian package '$pkg' (provides '$cmd')"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "$pkg" </dev/null

if ! found; then
    echo "ensure-deb: installed '$pkg' but '$cmd' is still not there" >&2
    exit 1
fi
