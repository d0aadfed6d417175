#!/bin/sh
# build.sh - the two set-up commands of the README.
#
#   ./build.sh demo    install what is missing, build, code the bundled
#                      sample of real news into SQLite and print a timeline
#   ./build.sh check   install what is missing, build, run every test (plain,
#                      ASan+UBSan, allocation-failure injection, TSan on the
#                      threaded tests); ends with "N passed, N failed"
#
# Missing Debian packages (compiler, make, pkg-config, libraries) are
# installed with apt-get (through sudo when not root).
set -e
cd "$(dirname "$0")"
tools/setup-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
case "${1:-}" in
    demo) exec make -j"$jobs" --no-print-directory demo ;;
    check|test) exec make -j"$jobs" --no-print-directory check ;;
    *) echo "usage: ./build.sh demo | check" >&2; exit 2 ;;
esac
