#!/bin/sh
# check-globals.sh - fail when the library has writable data symbols: the
# engine is immutable and shared by threads, so libannals keeps no mutable
# globals.  Symbols in .data or .bss (not .data.rel.ro, which is read-only
# after relocation) are reported unless listed in tools/globals-allow.txt.
lib=${1:-build/libannals.a}
allow=$(dirname "$0")/globals-allow.txt
bad=$(nm -A --format=sysv "$lib" 2>/dev/null |
      awk -F'|' '$7 ~ /^ *\.(data|bss|tdata|tbss)(\.[^r]|$| )/ {gsub(/ /, "", $1); n = split($1, a, ":"); print a[n] " (" a[n-1] ")"}' |
      grep -v -F -f "$allow" || true)
if [ -n "$bad" ]; then
    echo "check-globals: writable data symbols in $lib:" >&2
    echo "$bad" >&2
    exit 1
fi
echo "check-globals: no writable globals in $lib"
