#!/bin/sh
# fuzzreg.sh - every input a fuzzer ever flagged (tests/bad/fuzz/) converts or fails
# cleanly: exit 0 or 1, within 20 s, at most one error line, no file left on failure.
# Run under `make sanitize` to have ASan/UBSan check the same inputs again.
cd "$(dirname "$0")/../.." || exit 1
BIN=${A2P_BIN:-build/article2pdf}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for f in tests/bad/fuzz/*; do
    for fmt in text pdf; do
        rm -f "$T/out"
        timeout -k 5 20 "$BIN" -q --format "$fmt" -o "$T/out" "$f" >/dev/null 2>"$T/err"
        rc=$?
        name="fuzz regression $(basename "$f") ($fmt)"
        if [ "$rc" -le 1 ] && [ "$(wc -l <"$T/err")" -le 1 ]; then
            if [ "$rc" -eq 1 ] && [ -e "$T/out" ]; then
                echo "FAIL $name: output left after a failure"
            else
                echo "PASS $name: exit $rc"
            fi
        else
            echo "FAIL $name: exit $rc, stderr: $(head -c 200 "$T/err" | tr '\n' ' ')"
        fi
    done
done
