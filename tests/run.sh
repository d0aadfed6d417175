#!/bin/sh
# run.sh - run each test runner given (plain build, sanitizer build, ...)
# and end with one line summing them: "N passed, N failed".  A runner
# given as PATH@NAME,NAME runs only the tests whose names contain a NAME.
passed=0; failed=0; status=0
for arg in "$@"; do
    r=${arg%%@*}
    filter=
    [ "$r" = "$arg" ] || filter=$(printf '%s' "${arg#*@}" | tr ',' ' ')
    echo "== $arg"
    # Each runner tests the annals binary of its own build (plain, ASan).
    # shellcheck disable=SC2086 # the filter words are meant to split
    out=$(ANNALS_BIN="$(dirname "$r")/../annals" "$r" $filter 2>&1); rc=$?
    printf '%s\n' "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
    line=$(printf '%s\n' "$out" | grep '^[0-9]* passed, [0-9]* failed$' | tail -n 1)
    if [ -z "$line" ]; then
        echo "$arg: crashed or printed no summary (exit $rc)"
        failed=$((failed + 1)); status=1; continue
    fi
    echo "$arg: $line"
    p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
    passed=$((passed + p)); failed=$((failed + f))
    [ "$rc" -eq 0 ] || status=1
done
echo "$passed passed, $failed failed"
exit $status
