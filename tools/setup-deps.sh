#!/bin/sh
# setup-deps.sh - install the Debian 12 packages annals builds with, when
# pkg-config cannot find them.  Uses sudo when not run as root.
set -e
need=""
check() { pkg-config --exists "$1" 2>/dev/null || need="$need $2"; }
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
check libutf8proc libutf8proc-dev
check zlib zlib1g-dev
check libxxhash libxxhash-dev
check sqlite3 libsqlite3-dev
command -v python3 >/dev/null 2>&1 || need="$need python3"
[ -z "$need" ] && exit 0
echo "setup: installing Debian packages:$need"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need
