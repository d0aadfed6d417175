#!/bin/sh
# run.sh - run each test runner given (plain build, sanitizer build, ...)
# and end with one line summing them: "N passed, N failed".
passed=0; failed=0; status=0
for r in "$@"; do
    echo "== $r"
    # Each runner tests the annals binary of its own build (plain, ASan).
    out=$(ANNALS_BIN="$(dirname "$r")/../annals" "$r" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
    line=$(printf '%s\n' "$out" | grep '^[0-9]* passed, [0-9]* failed$' | tail -n 1)
    if [ -z "$line" ]; then
        echo "$r: crashed or printed no summary (exit $rc)"
        failed=$((failed + 1)); status=1; continue
    fi
    echo "$r: $line"
    p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
    passed=$((passed + p)); failed=$((failed + f))
    [ "$rc" -eq 0 ] || status=1
done
echo "$passed passed, $failed failed"
exit $status
