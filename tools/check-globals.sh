#!/bin/sh
# check-globals.sh - fail when the library has writable data symbols: the
# engine is immutable and shared by threads, so libannals keeps no mutable
# globals.  Allowed exceptions are listed in tools/globals-allow.txt.
lib=${1:-build/libannals.a}
allow=$(dirname "$0")/globals-allow.txt
bad=$(nm -A "$lib" 2>/dev/null | awk '$(NF-1) ~ /^[BbDd]$/ {print $NF " (" $1 ")"}' |
      grep -v -F -f "$allow" 2>/dev/null || true)
if [ -n "$bad" ]; then
    echo "check-globals: writable data symbols in $lib:" >&2
    echo "$bad" >&2
    exit 1
fi
