#!/bin/sh
# tests/e2e/print.sh - print-shop output: --bleed grows the MediaBox and sets TrimBox (the
# page) and BleedBox (trim + bleed) on every page, --crop-marks adds room and marks outside
# the bleed, --grayscale leaves no RGB operator in any content stream and no RGB raw image;
# every file passes qpdf --check and pdftotext without warnings.
# One "PASS name" / "FAIL name: why" line per check. Plain sh (dash).
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
case "$A2P" in /*) ;; *) A2P=$PWD/$A2P ;; esac
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1700000000

pass() { echo "PASS print: $1"; }
fail() { echo "FAIL print: $1: $2"; }

clean() { # NAME PDF: qpdf --check and pdftotext clean
    check=$(qpdf --check "$2" 2>&1)
    case "$check" in
    *"No syntax or stream encoding errors found"*) echo "$check" | grep -q WARNING &&
        fail "$1: qpdf --check" "warnings" || pass "$1: qpdf --check" ;;
    *) fail "$1: qpdf --check" "$(echo "$check" | head -n 2)" ;;
    esac
    warn=$(pdftotext "$2" - 2>&1 >/dev/null | head -n 3)
    [ -z "$warn" ] && pass "$1: pdftotext without warnings" || fail "$1: pdftotext without warnings" "$warn"
}

# boxes PDF: one line per page "media_w media_h trim_x0 trim_y0 trim_w trim_h bleed_x0 bleed_w"
boxes() {
    n=$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}')
    pdfinfo -box -f 1 -l "${n:-1}" "$1" 2>/dev/null | awk '
        $1 == "Page" && $3 == "MediaBox:" { mw = $6; mh = $7 }
        $1 == "Page" && $3 == "BleedBox:" { bx = $4; bw = $6 - $4 }
        $1 == "Page" && $3 == "TrimBox:" { printf "%s %s %s %s %.2f %.2f %s %.2f\n", mw, mh, $4, $5, $6 - $4, $7 - $5, bx, bw }'
}

src=samples/feature.html
"$A2P" -q -o "$T/plain.pdf" "$src" 2>"$T/err" || fail "plain converts" "$(head -c 200 "$T/err")"
pw=$(pdfinfo "$T/plain.pdf" | awk '/^Page size:/ {print $3}')
ph=$(pdfinfo "$T/plain.pdf" | awk '/^Page size:/ {print $5}')
pdfinfo -box "$T/plain.pdf" | grep -q '^TrimBox: *0.00 *0.00' && pass "no bleed: TrimBox is the MediaBox" ||
    fail "no bleed: TrimBox is the MediaBox" "$(pdfinfo -box "$T/plain.pdf" | grep TrimBox)"

# 3mm = 8.50pt: MediaBox = page + 17.01, trim at 8.50, bleed box from 0
if "$A2P" -q --bleed 3mm -o "$T/bleed.pdf" "$src" 2>"$T/err"; then
    bad=$(boxes "$T/bleed.pdf" | awk -v pw="$pw" -v ph="$ph" '
        { d = $1 - pw - 17.01; e = $2 - ph - 17.01; f = $5 - pw; g = $6 - ph
          if (d*d > 0.01 || e*e > 0.01 || f*f > 0.01 || g*g > 0.01 || $3 != "8.50" || $4 != "8.50" ||
              $7 != "0.00" || ($8 - $1) * ($8 - $1) > 0.01) print }')
    pages=$(boxes "$T/bleed.pdf" | grep -c .)
    [ "$pages" -gt 0 ] && [ -z "$bad" ] &&
        pass "--bleed 3mm: TrimBox = page at 8.50pt, BleedBox = MediaBox on all $pages pages" ||
        fail "--bleed 3mm: boxes" "pages=$pages bad: $bad"
    clean "--bleed" "$T/bleed.pdf"
    a=$(pdftotext -layout "$T/plain.pdf" - 2>/dev/null | tr -s ' \n' | head -c 400)
    b=$(pdftotext -layout "$T/bleed.pdf" - 2>/dev/null | tr -s ' \n' | head -c 400)
    [ -n "$a" ] && [ "$a" = "$b" ] && pass "--bleed: same text" || fail "--bleed: same text" "differs"
    # the headline sits as far from the trim edge as it sat from the plain page's edge
    y1=$(pdftotext -bbox "$T/plain.pdf" - 2>/dev/null | grep -m1 '<word' | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*/\1 \2/')
    y2=$(pdftotext -bbox "$T/bleed.pdf" - 2>/dev/null | grep -m1 '<word' | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*/\1 \2/')
    echo "$y1 $y2" | awk '{ d = $3 - $1 - 8.5; e = $4 - $2 - 8.5; exit !(d*d < 0.01 && e*e < 0.01) }' &&
        pass "--bleed: content shifted by the bleed ($y1 -> $y2)" ||
        fail "--bleed: content shifted by the bleed" "$y1 -> $y2"
else
    fail "--bleed 3mm converts" "$(head -c 200 "$T/err")"
fi

if "$A2P" -q --bleed 0.125in --crop-marks -o "$T/marks.pdf" "$src" 2>"$T/err"; then
    bad=$(boxes "$T/marks.pdf" | awk -v pw="$pw" -v ph="$ph" '
        { if ($3 < 9 + 18 || $7 - ($3 - 9) > 0.01 || $7 - ($3 - 9) < -0.01 || ($1 - $5) / 2 - $3 > 0.01) print }')
    [ -z "$bad" ] && pass "--crop-marks: room for marks outside a 9pt bleed" ||
        fail "--crop-marks: room for marks" "$bad"
    # the marks: ink in the top-left 40pt (the slug, outside the bleed box), none in a bleed-only corner
    pdftoppm -r 72 -gray -f 1 -l 1 -x 0 -y 0 -W 40 -H 40 "$T/marks.pdf" "$T/m" 2>/dev/null
    pdftoppm -r 72 -gray -f 1 -l 1 -x 0 -y 0 -W 8 -H 8 "$T/bleed.pdf" "$T/nm" 2>/dev/null
    ink() { python3 -c "
import sys
d = open(sys.argv[1], 'rb').read().split(b'\n', 3)[3]
print(sum(1 for v in d if v < 200))" "$1"; }
    m=$(ink "$T"/m*.pgm)
    nm=$(ink "$T"/nm*.pgm)
    [ "$m" -gt 10 ] && [ "$nm" -eq 0 ] && pass "--crop-marks: marks drawn in the slug ($m dark pixels)" ||
        fail "--crop-marks: marks drawn in the slug" "marks=$m without=$nm"
    clean "--crop-marks" "$T/marks.pdf"
else
    fail "--crop-marks converts" "$(head -c 200 "$T/err")"
fi

"$A2P" -q --bleed 3furlongs -o "$T/x.pdf" "$src" 2>/dev/null
[ $? -eq 2 ] && pass "--bleed with a bad unit: exit 2" || fail "--bleed with a bad unit" "not exit 2"

for f in samples/feature.html samples/harbour-seals.xml samples/world-zh.html; do
    name=$(basename "$f")
    if ! "$A2P" -q --grayscale -o "$T/gray.pdf" "$f" 2>"$T/err"; then
        fail "$name --grayscale converts" "$(head -c 200 "$T/err")"
        continue
    fi
    qpdf --qdf --object-streams=disable "$T/gray.pdf" "$T/gray-qdf.pdf" 2>/dev/null
    rgb=$(grep -a -c -E '(^| )(rg|RG)$|(^| )(rg|RG) ' "$T/gray-qdf.pdf")
    gops=$(grep -a -c -E '(^| )(g|G)( |$)' "$T/gray-qdf.pdf")
    [ "$rgb" -eq 0 ] && [ "$gops" -gt 0 ] &&
        pass "$name --grayscale: no RGB colour operator ($gops gray ones)" ||
        fail "$name --grayscale: no RGB colour operator" "rg/RG lines: $rgb, g/G: $gops"
    # every image comes out gray: colour JPEG photos are decoded and converted too
    bad=$(pdfimages -list "$T/gray.pdf" 2>/dev/null | tail -n +3 | awk '$6 != "gray"')
    n=$(pdfimages -list "$T/gray.pdf" 2>/dev/null | tail -n +3 | grep -c .)
    [ -z "$bad" ] && pass "$name --grayscale: $n images, all gray" ||
        fail "$name --grayscale: images gray" "$bad"
    clean "$name --grayscale" "$T/gray.pdf"
done
