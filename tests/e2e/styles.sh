#!/bin/sh
# styles.sh - style sheets end to end: every shipped style converts every sample to a valid
# PDF; every malformed sheet in tests/styles/ stops the conversion with exit 2 and exactly
# one line "article2pdf: FILE:LINE: message"; the overrides change the layout; and the sheet
# parser reads "9.5pt" under a decimal-comma locale (built with localedef when not installed).
cd "$(dirname "$0")/../.." || exit 1
BIN=${A2P_BIN:-build/article2pdf}
B=${A2P_BUILD:-build}
RUN=
[ "${A2P_VALGRIND:-0}" = 1 ] && RUN="valgrind -q --leak-check=full --error-exitcode=99"
if [ ! -x "$BIN" ]; then
    echo "CRASH styles: no binary $BIN"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { echo "PASS styles: $*"; }
fail() { echo "FAIL styles: $*"; }

# --- every shipped style, every sample: exit 0 and a PDF qpdf accepts -----------------------
for style in styles/*.css tests/styles/good-*.css; do
    case $style in
    styles/*) name=$(basename "$style" .css) ;; # by name, as a user types it
    *) name=$style ;;                           # by path
    esac
    for f in samples/*.html samples/*.xml; do
        [ -e "$f" ] || continue
        out=$tmp/$(basename "$style" .css)-$(basename "${f%.*}").pdf
        # the typesetter alone (no PDF writer): exit 0 and some text on a page
        if "$BIN" -q --style "$name" --format layout -o "$out.txt" "$f" 2>"$tmp/err" &&
            grep -q '^  text' "$out.txt"; then
            pass "$name lays out $f"
        else
            fail "$name: --format layout of $f fails ($(head -1 "$tmp/err"))"
        fi
        if $RUN "$BIN" -q --style "$name" -o "$out" "$f" 2>"$tmp/err"; then
            if qpdf --check "$out" >/dev/null 2>&1; then
                pass "$name converts $f"
            else
                fail "$name: qpdf --check rejects the PDF of $f"
            fi
        else
            fail "$name: $f exits $? ($(head -1 "$tmp/err"))"
        fi
    done
done

# --- malformed sheets: exit 2, one line, the exact FILE:LINE: message ------------------------
sample=$(ls samples/*.html | head -1)
for sheet in tests/styles/*.css; do
    case $sheet in tests/styles/good-*) continue ;; esac
    want=$(sed -n 's/.*expect: \([0-9]*: .*\)$/\1/p' "$sheet" | head -1 | sed 's| \*/$||')
    if [ -z "$want" ]; then
        fail "$sheet has no 'expect:' line"
        continue
    fi
    $RUN "$BIN" --style "$sheet" -o "$tmp/bad.pdf" "$sample" 2>"$tmp/err" >/dev/null
    st=$?
    lines=$(wc -l <"$tmp/err")
    got=$(cat "$tmp/err")
    if [ "$st" -eq 2 ] && [ "$lines" -eq 1 ] && [ "$got" = "article2pdf: $sheet:$want" ]; then
        pass "$sheet: exit 2, '$want'"
    else
        fail "$sheet: exit $st, $lines line(s): '$got', want 'article2pdf: $sheet:$want'"
    fi
    if [ -e "$tmp/bad.pdf" ]; then fail "$sheet: a PDF was written"; fi
done

# an unknown style name: exit 2, naming it
"$BIN" --style no-such-style -o "$tmp/x.pdf" "$sample" 2>"$tmp/err"
st=$?
if [ "$st" -eq 2 ] && grep -q "^article2pdf: --style: unknown style 'no-such-style'" "$tmp/err"; then
    pass "unknown style name: exit 2, named"
else
    fail "unknown style name: exit $st: $(cat "$tmp/err")"
fi
# a bad override: exit 2
"$BIN" --paper B9 -o "$tmp/x.pdf" "$sample" 2>"$tmp/err"
st=$?
if [ "$st" -eq 2 ] && grep -q "^article2pdf: --paper: bad paper size 'B9'" "$tmp/err"; then
    pass "bad --paper: exit 2"
else
    fail "bad --paper: exit $st: $(cat "$tmp/err")"
fi

# --- overrides change the layout ------------------------------------------------------------
right_starts() { # lines of 9.5pt text starting right of x=300
    awk '$1 == "page" { pg++ } $1 == "text" && $5 == 9.5 { k = pg ":" $3; if (!(k in m) || $2 < m[k]) m[k] = $2 }
         END { n = 0; for (k in m) if (m[k] > 300) n++; print n }' "$1"
}
layout() { # layout OUT ARGS...: --format layout of the sample
    o=$1
    shift
    "$BIN" --format layout -o "$o" "$@" "$sample" 2>/dev/null
}
if layout "$tmp/two.txt" && layout "$tmp/one.txt" --columns 1; then
    if cmp -s "$tmp/two.txt" "$tmp/one.txt"; then
        fail "--columns 1 does not change the layout"
    else
        pass "--columns 1 changes the layout"
    fi
    # newspaper is two columns on A4: some 9.5pt body lines start right of the page's middle;
    # with --columns 1 none does (a line's start: the leftmost item at its page and y)
    if [ "$(right_starts "$tmp/two.txt")" -gt 0 ] && [ "$(right_starts "$tmp/one.txt")" -eq 0 ]; then
        pass "newspaper has a second column; --columns 1 has none"
    else
        fail "no second column in the newspaper layout, or one left with --columns 1"
    fi
else
    fail "--format layout fails"
fi
if layout "$tmp/a5.txt" --paper A5 && grep -q '^page 1 419.5 x 595.3' "$tmp/a5.txt"; then
    pass "--paper A5 gives A5 pages"
else
    fail "--paper A5: $(head -1 "$tmp/a5.txt" 2>/dev/null)"
fi
if layout "$tmp/big.txt" --font-size 14 && grep -q ' 14.0 "' "$tmp/big.txt"; then
    pass "--font-size 14 sets 14pt body text"
else
    fail "--font-size 14: no 14pt text in the layout"
fi
if layout "$tmp/m.txt" --margin 1in && grep '^  text' "$tmp/m.txt" | awk '{print $2}' | sort -n |
    head -1 | grep -qx '72.0'; then
    pass "--margin 1in: text starts 72pt from the left edge"
else
    fail "--margin 1in: leftmost text at $(grep '^  text' "$tmp/m.txt" | awk '{print $2}' | sort -n | head -1)"
fi

# --- drop cap and small capitals (tests/styles/good-dropcap.css), soft hyphens ---------------
# Our own article: its first paragraph gets a three-line drop cap; h2 and the running header
# are in small capitals.
cat >"$tmp/dc.html" <<'EOF'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>North quay</title></head>
<body><article><h1>The north quay opens again after a long winter</h1>
<p>Fishermen returned to the north quay on Saturday morning, three months after storms tore
away the old timber decking and left the harbour with one working berth. The new deck is
concrete, poured in sections through February, and the harbour office says it should outlast
everyone who walked on the old one. Boats queued from first light to unload crab and mackerel,
and by noon the fish market had sold out twice.</p>
<h2>Nets and lanterns</h2>
<p>Along the sea wall the net lofts were open for the first time since December, their doors
propped with crates and the smell of tar drifting over the slipway. An old rope maker showed
visitors how a lantern line is spliced, and children raced paper boats in the drainage channel
until the tide came in and carried the whole fleet away towards the breakwater.</p>
</article></body></html>
EOF
dc_pdf=$tmp/dropcap.pdf
if "$BIN" -q --style tests/styles/good-dropcap.css -o "$dc_pdf" "$tmp/dc.html" 2>"$tmp/err" &&
    "$BIN" -q --style tests/styles/good-dropcap.css --format layout -o "$tmp/dc.txt" \
        "$tmp/dc.html" 2>>"$tmp/err"; then
    # layout: the letter F over twice the 10pt body size; the first line ("ishermen ...")
    # right of it; its baseline two lines (2 x 13pt) below the first line's
    big=$(awk '$1 == "text" && $8 == "\"F\"" && $7 + 0 > 20 { print $2, $3, $4, $7; exit }' "$tmp/dc.txt")
    first=$(awk '$1 == "text" && $8 ~ /^"ishermen/ { print $2, $3; exit }' "$tmp/dc.txt")
    if [ -n "$big" ] && [ -n "$first" ] && echo "$big $first" | awk '{
            gap = $5 - ($1 + $3); dy = $2 - $6
            exit !(gap > 0 && gap < 6 && dy > 25.8 && dy < 26.2) }'; then
        pass "drop cap: F ($big) spans three lines, the text beside it ($first)"
    else
        fail "drop cap: letter '$big', first line '$first'"
    fi
    # lines 2 and 3 start where line 1 does; line 4 at the column's edge, where the letter is
    # (the first column only: x less than the first line's start plus 150pt)
    x1=$(echo "$first" | awk '{ print $1 }')
    y1=$(echo "$first" | awk '{ print $2 }')
    starts=$(awk -v x1="$x1" -v y1="$y1" '$1 == "text" && $7 == "10.0" && $3 >= y1 - 0.1 &&
            $3 <= y1 + 39.1 && $2 < x1 + 150 {
            k = $3 + 0; if (!(k in m) || $2 + 0 < m[k]) m[k] = $2 + 0 }
            END { for (k in m) print k, m[k] }' "$tmp/dc.txt" | sort -n | awk '{ printf "%s ", $2 }')
    if echo "$starts $big" | awk '{ exit !(NF == 8 && $1 == $2 && $2 == $3 && $4 + 0 < $1 - 10 &&
            $4 == $5) }'; then
        pass "drop cap: lines 1-3 indented by the letter, line 4 at full measure ($starts)"
    else
        fail "drop cap: line starts $starts (letter at $big)"
    fi
    # the PDF: pdftotext sees a one-letter word over twice the body size, then the
    # paragraph's words in order; the letter is drawn (dark pixels in its box)
    bbox=$(pdftotext -f 1 -l 1 -bbox "$dc_pdf" - | sed -n \
        's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">F<.*/\1 \2 \3 \4/p' |
        awk '$4 - $2 > 20 { print; exit }')
    if [ -n "$bbox" ]; then
        pass "drop cap: pdftotext finds a big F ($bbox)"
    else
        fail "drop cap: no word F over 20pt tall in pdftotext -bbox"
    fi
    if pdftotext "$dc_pdf" - | tr -d ' \n' | grep -q 'Fishermenreturnedtothenorthquay'; then
        pass "drop cap: text extraction reads the first words in order"
    else
        fail "drop cap: extracted text: $(pdftotext "$dc_pdf" - | grep -m1 -i 'isherm')"
    fi
    if [ -n "$bbox" ]; then
        set -- $(echo "$bbox" | awk '{ printf "%d %d %d %d", $1, $2, $3 - $1 + 1, $4 - $2 + 1 }')
        pdftoppm -f 1 -l 1 -r 72 -gray -x "$1" -y "$2" -W "$3" -H "$4" "$dc_pdf" "$tmp/cap"
        ink=$(python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
print(sum(1 for b in d.split(maxsplit=4)[4] if b < 128))' "$tmp"/cap*.pgm 2>/dev/null)
        if [ "${ink:-0}" -gt 100 ]; then
            pass "drop cap: the letter is drawn ($ink dark pixels)"
        else
            fail "drop cap: ${ink:-no} dark pixels where the letter should be"
        fi
    fi
    # small capitals: extracted as written; drawn in two sizes (N, then smaller "ets")
    if pdftotext "$dc_pdf" - | grep -qx 'Nets and lanterns'; then
        pass "small caps: text extraction gives the original letters"
    else
        fail "small caps: extracted '$(pdftotext "$dc_pdf" - | grep -i -m1 'lantern')'"
    fi
    if awk '$1 == "text" && $8 == "\"N\"" { n = $7; y = $3 } $1 == "text" && $8 == "\"ets\"" &&
            $3 == y { e = $7 } END { exit !(n > 0 && e > 0.7 * n && e < 0.82 * n) }' "$tmp/dc.txt"; then
        pass "small caps: lower-case letters set as smaller capitals"
    else
        fail "small caps: no smaller 'ets' beside 'N' in the layout"
    fi
    # the running header (content: title) in small capitals too
    if awk '$1 == "text" && $8 == "\"T\"" && $3 < 45 { n = $7; y = $3 }
            $1 == "text" && $3 == y && /"he north quay opens again after a long winter"$/ { e = $7 }
            END { exit !(n > 0 && e > 0.7 * n && e < 0.82 * n) }' "$tmp/dc.txt"; then
        pass "small caps: the running header too"
    else
        fail "small caps: running header not in small capitals"
    fi
else
    fail "good-dropcap.css: $(head -1 "$tmp/err")"
fi
# without drop-cap the same sheet sets the first paragraph whole, at full measure
sed 's/ drop-cap: 3;//' tests/styles/good-dropcap.css >"$tmp/nodc.css"
if "$BIN" -q --style "$tmp/nodc.css" --format layout -o "$tmp/nodc.txt" "$tmp/dc.html" 2>"$tmp/err" &&
    grep -q '"Fishermen' "$tmp/nodc.txt" && ! grep -q 'drop-cap' "$tmp/nodc.css"; then
    pass "no drop-cap: the first word set whole"
else
    fail "no drop-cap: $(head -1 "$tmp/err")"
fi

# hyphens: manual breaks at soft hyphens (U+00AD) only; auto adds the dictionary's points;
# none breaks inside no word, soft hyphens included
shy=$(printf '\302\255')
{
    echo '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Trennung</title></head>'
    echo '<body><article><h1>Weiche Trennung</h1><p>'
    for i in 1 2 3 4 5 6; do
        echo "Die Hafen${shy}meister${shy}schaft und die Versicherungsgesellschaften verhandeln"
        echo "mit der Fluss${shy}kreuz${shy}fahrt${shy}gesellschaft seit Wochen über Entschädigungen."
    done
    echo '</p></article></body></html>'
} >"$tmp/shy.html"
for m in manual auto none; do
    printf '@page { size: A5; margin: 15mm }\nbody { font-size: 10pt; columns: 3; column-gap: 10pt; text-align: justify; hyphens: %s }\n' \
        "$m" >"$tmp/hy-$m.css"
    : >"$tmp/hy-$m.txt"
    if "$BIN" -q --style "$tmp/hy-$m.css" -o "$tmp/hy-$m.pdf" "$tmp/shy.html" 2>"$tmp/err"; then
        pdftotext -bbox "$tmp/hy-$m.pdf" - | sed -n 's/.*">\(.*-\)<\/word>.*/\1/p' >"$tmp/hy-$m.txt"
    else
        fail "hyphens: $m: $(head -1 "$tmp/err")"
    fi
done
soft=$(grep -c "$shy-\$" "$tmp/hy-manual.txt")
dict=$(grep -vc "$shy-\$" "$tmp/hy-manual.txt")
if [ "$soft" -gt 0 ] && [ "$dict" -eq 0 ]; then
    pass "hyphens: manual: $soft lines end at soft hyphens, none elsewhere"
else
    fail "hyphens: manual: $soft lines end at soft hyphens, $dict elsewhere"
fi
if grep -v "$shy-\$" "$tmp/hy-auto.txt" | grep -q .; then
    pass "hyphens: auto: the dictionary hyphenates too"
else
    fail "hyphens: auto: no dictionary hyphen"
fi
if [ -s "$tmp/hy-none.pdf" ] && ! grep -q . "$tmp/hy-none.txt"; then
    pass "hyphens: none: no line ends inside a word, not even at a soft hyphen"
else
    fail "hyphens: none: lines end in a hyphen" "$(head -c 80 "$tmp/hy-none.txt")"
fi

# --- a decimal-comma locale -----------------------------------------------------------------
# The parser reads numbers by hand; test_sheet checks that under de_DE.UTF-8. When the locale
# is not installed, build it in a temporary folder (LOCPATH) and run those checks again.
if [ -x "$B/tests/test_sheet" ]; then
    if ! locale -a 2>/dev/null | grep -qi '^de_DE.utf-\?8$' && command -v localedef >/dev/null; then
        mkdir -p "$tmp/loc"
        localedef -i de_DE -f UTF-8 "$tmp/loc/de_DE.UTF-8" >/dev/null 2>&1
        export LOCPATH="$tmp/loc"
    fi
    "$B/tests/test_sheet" | grep '^[A-Z]* locale:' >"$tmp/loc.txt"
    if grep -q 'skipped' "$tmp/loc.txt"; then
        fail "no decimal-comma locale could be made (localedef missing?)"
    else
        sed 's/^\([A-Z]*\) locale:/\1 styles: locale (LOCPATH):/' "$tmp/loc.txt"
    fi
fi
