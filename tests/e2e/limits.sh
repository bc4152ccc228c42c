#!/bin/sh
# limits.sh - --timeout: a conversion that runs too long stops with exit 1 and one error
# line, leaves no file behind and does not touch an existing output; a quick one is
# unaffected by the option.
cd "$(dirname "$0")/../.." || exit 1
BIN=${A2P_BIN:-build/article2pdf}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass() { echo "PASS limits: $1"; }
fail() { echo "FAIL limits: $1"; }

# about 20,000 paragraphs of 80 words: far more than a fraction of a second of work
awk 'BEGIN { printf "<html><body><article><h1>Long</h1>";
             for (i = 0; i < 20000; i++) { printf "<p>"; for (j = 0; j < 80; j++) printf "word%d ", j; printf "</p>\n" }
             print "</article></body></html>" }' >"$T/long.html"
echo "keep me" >"$T/long.pdf"
timeout 60 "$BIN" --timeout 0.5 -o "$T/long.pdf" "$T/long.html" 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] && pass "--timeout stops with exit 1" || fail "--timeout: exit $rc"
grep -q "^article2pdf: $T/long.html: stopped after 0.5 s (--timeout)\$" "$T/err" &&
    [ "$(wc -l <"$T/err")" -eq 1 ] && pass "--timeout: one error line naming the file" ||
    fail "--timeout message: $(cat "$T/err")"
[ "$(cat "$T/long.pdf")" = "keep me" ] && pass "--timeout: existing output untouched" ||
    fail "--timeout: existing output changed"
[ "$(ls "$T" | grep -c tmp)" -eq 0 ] && pass "--timeout: no temporary file left" ||
    fail "--timeout: left $(ls "$T")"
"$BIN" -q --timeout 60 -o "$T/news.pdf" samples/news.html
[ $? -eq 0 ] && [ -s "$T/news.pdf" ] && pass "--timeout leaves quick conversions alone" ||
    fail "--timeout broke a quick conversion"
"$BIN" --timeout abc samples/news.html 2>/dev/null
[ $? -eq 2 ] && pass "--timeout with a bad value is a usage error" || fail "--timeout abc"
