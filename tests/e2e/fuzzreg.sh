#!/bin/sh
# fuzzreg.sh - every input a fuzzer ever flagged (tests/bad/fuzz/) converts or fails
# cleanly: exit 0, 1 or 2 within 20 s, a failure with exactly one "article2pdf: " line, no
# file left on failure, and no sanitizer report on stderr. How a finding is replayed
# through the program depends on its harness (the file name's first word):
#   style-*  a style sheet (the harness's option byte removed): --style FILE on a sample
#   image-*  image bytes (option byte removed): a page whose only <img> is that file
#   others   the page itself (html-, xml-, pipeline-)
# Run under `make sanitize` to have ASan/UBSan/LSan check the same inputs again (its
# reports then go to files that make sanitize checks).
cd "$(dirname "$0")/../.." || exit 1
BIN=${A2P_BIN:-build/article2pdf}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/page"
for f in tests/bad/fuzz/*; do
    base=$(basename "$f")
    set -- "$f"
    case $base in
    style-*) set -- --style "$f" samples/news.html ;;
    image-*)
        cp "$f" "$T/page/picture"
        printf '<html><head><title>Image finding</title></head><body><article>\n<h1>%s</h1>\n<p>%s</p>\n<figure><img src="picture"><figcaption>The finding.</figcaption></figure>\n</article></body></html>\n' \
            "An image the fuzzer found" "This page exists to show one image from the fuzzer." \
            >"$T/page/page.html"
        set -- "$T/page/page.html" ;;
    esac
    for fmt in text pdf; do
        rm -f "$T/out"
        timeout -k 5 20 "$BIN" -q --format "$fmt" -o "$T/out" "$@" >/dev/null 2>"$T/err"
        rc=$?
        name="fuzz regression $base ($fmt)"
        lines=$(wc -l <"$T/err")
        if grep -qE 'Sanitizer|runtime error:' "$T/err"; then
            echo "FAIL $name: sanitizer report: $(grep -m1 -E 'Sanitizer|runtime error:' "$T/err")"
        elif [ "$rc" -gt 2 ]; then
            echo "FAIL $name: exit $rc, stderr: $(head -c 200 "$T/err" | tr '\n' ' ')"
        elif [ "$rc" -ge 1 ] && { [ "$lines" -ne 1 ] || ! grep -q '^article2pdf: ' "$T/err"; }; then
            echo "FAIL $name: exit $rc without one error line: $(head -c 200 "$T/err" | tr '\n' ' ')"
        elif [ "$rc" -eq 0 ] && [ "$lines" -gt 0 ]; then
            echo "FAIL $name: exit 0 but said: $(head -c 200 "$T/err" | tr '\n' ' ')"
        elif [ "$rc" -ge 1 ] && [ -e "$T/out" ]; then
            echo "FAIL $name: output left after a failure"
        else
            echo "PASS $name: exit $rc"
        fi
    done
done
