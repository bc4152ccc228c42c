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

# an image far above print resolution is downsampled to the style's limit (300 dpi)
python3 - "$T" <<'PY'
import struct, sys, zlib
w, h = 4000, 3000
row = b"\x00" + bytes(v for x in range(w) for v in ((x * 255 // w) & 255, 90, 160))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(row * h, 6)) + chunk(b"IEND", b""))
open(sys.argv[1] + "/big.png", "wb").write(png)
open(sys.argv[1] + "/big.html", "w").write(
    "<html><body><article><h1>Big picture</h1><figure><img src='big.png'>"
    "<figcaption>A very large gradient</figcaption></figure><p>" + "Some text. " * 80 +
    "</p></article></body></html>")
PY
"$BIN" -q -o "$T/big.pdf" "$T/big.html"
set -- $(pdfimages -list "$T/big.pdf" | awk 'NR == 3 {print $4, $5, $13}')
if [ "${1:-4000}" -lt 4000 ] && [ "${3:-999}" -le 450 ]; then
    pass "a 4000x3000 picture is downsampled (${1}x${2}, ${3} ppi)"
else
    fail "a 4000x3000 picture is not downsampled: ${1:-?}x${2:-?} at ${3:-?} ppi"
fi

# an output that is not a regular file (a FIFO here; /dev/null in real life) is written
# into, never renamed over
mkfifo "$T/fifo"
cat "$T/fifo" >"$T/from-fifo" &
reader=$!
timeout 60 "$BIN" -q -o "$T/fifo" samples/news.html
rc=$?
wait "$reader"
[ "$rc" -eq 0 ] && [ -p "$T/fifo" ] && [ "$(head -c 5 "$T/from-fifo")" = "%PDF-" ] &&
    pass "output into a FIFO: written through it, still a FIFO" ||
    fail "output into a FIFO (exit $rc, fifo kept: $([ -p "$T/fifo" ] && echo yes || echo no))"
mkfifo "$T/fifo2"
cat "$T/fifo2" >"$T/from-fifo2" &
reader=$!
timeout 60 "$BIN" -q --format text -o "$T/fifo2" samples/news.html
rc=$?
wait "$reader"
[ "$rc" -eq 0 ] && [ -p "$T/fifo2" ] && grep -q "Kittle Island" "$T/from-fifo2" &&
    pass "text output into a FIFO: written through it, still a FIFO" ||
    fail "text output into a FIFO (exit $rc)"
