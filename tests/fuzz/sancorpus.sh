#!/bin/sh
# sancorpus.sh - every page of the extraction corpus (../shared/corpus/readability, or
# A2P_CORPUS) converted to PDF by a sanitizer build (make sanitize sets A2P_BIN to the
# ASan+UBSan binary): each page must end with exit 0, 1 or 2 within 300 s and leave no
# AddressSanitizer, LeakSanitizer or UBSan report. The reports go to files (log_path) so a
# page's own stderr stays what the user sees; a report is printed with the failure.
# Skipped (one SKIP line) when the corpus is absent. Last line: "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
BIN=${A2P_BIN:-build-san/article2pdf}
C=${A2P_CORPUS:-../shared/corpus/readability}
pass=0 fail=0
if [ ! -d "$C" ]; then
    echo "SKIP sancorpus: no corpus at $C"
    echo "0 passed, 0 failed"
    exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# the caller's options (halt_on_error, detect_leaks, suppressions) with our own log file
san="halt_on_error=1:exitcode=86:log_path=$T/san/report"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:$san"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:$san"
start=$(date +%s)
for d in "$C"/*/; do
    page=$(basename "$d")
    [ -f "$d/source.html" ] || continue
    rm -rf "$T/san" "$T/out.pdf"
    mkdir "$T/san"
    timeout -k 5 300 "$BIN" -q --format pdf -o "$T/out.pdf" "$d/source.html" >/dev/null 2>"$T/err"
    rc=$?
    if ls "$T/san"/report* >/dev/null 2>&1; then
        fail=$((fail + 1))
        echo "FAIL sancorpus $page: sanitizer report (exit $rc)"
        cat "$T/san"/report* | head -40
        # keep it where make sanitize looks for reports
        [ -n "${A2P_SAN_LOGS:-}" ] && cat "$T/san"/report* >"$A2P_SAN_LOGS/corpus-$page.txt"
    elif [ "$rc" -gt 2 ]; then
        fail=$((fail + 1))
        echo "FAIL sancorpus $page: exit $rc, stderr: $(head -c 200 "$T/err" | tr '\n' ' ')"
    elif [ "$rc" -eq 0 ] && [ ! -s "$T/out.pdf" ]; then
        fail=$((fail + 1))
        echo "FAIL sancorpus $page: exit 0 but no PDF"
    else
        pass=$((pass + 1))
        echo "PASS sancorpus $page: exit $rc"
    fi
done
echo "sancorpus: $((pass + fail)) pages in $(($(date +%s) - start)) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
