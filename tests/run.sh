#!/bin/sh
# tests/run.sh - run every test: unit binaries (build/tests/test_*), then the shell suites
# tests/e2e/*.sh and tests/bad/run.sh. Each check prints "PASS name" or "FAIL name: why";
# the last line is "N passed, N failed". Exit status 1 when anything failed.
# A2P_BIN / A2P_BUILD pick another build (make sanitize); A2P_VALGRIND=1 runs the
# converter under valgrind in the suites that honour it.
set -u
cd "$(dirname "$0")/.." || exit 2
B=${A2P_BUILD:-build}
export A2P_BIN=${A2P_BIN:-$B/article2pdf}
export A2P_BUILD=$B
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    echo "== $t"
    "$t" >>"$log" 2>&1 || true
done
for s in tests/e2e/*.sh tests/bad/run.sh; do
    [ -f "$s" ] || continue
    echo "== $s"
    sh "$s" >>"$log" 2>&1 || true
done

grep -E '^FAIL' "$log"
pass=$(grep -c '^PASS' "$log")
fail=$(grep -c '^FAIL' "$log")
# a suite that died without reporting counts as a failure
crashed=$(grep -c '^CRASH' "$log")
fail=$((fail + crashed))
grep -E '^CRASH' "$log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
