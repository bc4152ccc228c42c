#!/bin/sh
# tests/e2e/typeset.sh - the typesetter end to end: typography of every sample measured with
# ../shared/tools/typo-metrics (word-space spread, loose lines, hyphen runs, widows,
# orphans), no line wider than its column (--format layout), nothing lost (pdftotext),
# outline marks, links, page numbers, and 1-, 2- and 3-column layouts of a long article
# written here. One "PASS name" / "FAIL name: why" line per check. Plain sh (dash).
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
TYPO=${A2P_TYPO:-../shared/tools/typo-metrics}
[ -x "$TYPO" ] || TYPO=/work/shared/tools/typo-metrics
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
check() { # check NAME CONDITION-STATUS WHY
    if [ "$2" -eq 0 ]; then pass "$1"; else fail "$1" "$3"; fi
}

# field NAME LINE: value of NAME=... in a typo-metrics summary line
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | tr -d '%'; }

# le A B: A <= B for decimals
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }

# typo NAME PDF: the typography targets of the default two-column style
typo() {
    if [ ! -x "$TYPO" ] || ! command -v pdftotext >/dev/null 2>&1; then
        fail "typeset: $1 typography" "typo-metrics or pdftotext missing"
        return
    fi
    out=$("$TYPO" -v "$2")
    line=$(echo "$out" | tail -1)
    measured=$(echo "$out" | sed -n 's/.*justified lines measured \([0-9]*\).*/\1/p')
    # a few lines give no statistics: one loose line in nine is 11%
    if [ "${measured:-0}" -lt 30 ]; then
        [ "$(field hyphen_runs3 "$line")" = 0 ]
        check "typeset: $1 no three hyphenated lines in a row" $? "$line"
        return
    fi
    p95=$(field gap_p95 "$line")
    loose=$(field loose "$line")
    runs=$(field hyphen_runs3 "$line")
    wid=$(field widows "$line")
    orph=$(field orphans "$line")
    le "$p95" 1.45; check "typeset: $1 gap_p95 <= 1.45" $? "$line"
    le "$loose" 2.0; check "typeset: $1 loose <= 2%" $? "$line"
    [ "$runs" = 0 ]; check "typeset: $1 no three hyphenated lines in a row" $? "$line"
    [ "$wid" = 0 ] && [ "$orph" = 0 ]; check "typeset: $1 no widows or orphans" $? "$line"
}

# overfull LAYOUT RIGHT: text items ending right of x=RIGHT (+0.5 pt) on any page
overfull() {
    awk -v r="$2" '$1 == "text" && $2 + $4 > r + 0.5 { n++ } END { print n + 0 }' "$1"
}

# --- the samples ---------------------------------------------------------------------------
for f in samples/*.html samples/*.xml; do
    [ -e "$f" ] || continue
    b=$(basename "${f%.*}")
    if ! "$A2P" -q -o "$tmp/$b.pdf" "$f" 2>"$tmp/$b.err"; then
        fail "typeset: $b converts" "$(head -1 "$tmp/$b.err")"
        continue
    fi
    pass "typeset: $b converts"
    case "$f" in *.html) typo "$b" "$tmp/$b.pdf" ;; esac
    "$A2P" -q --format layout -o "$tmp/$b.layout" "$f" 2>/dev/null
    n=$(overfull "$tmp/$b.layout" 550.0)
    [ "$n" = 0 ]; check "typeset: $b no text past the right margin" $? "$n items"
done

# --- a long article of our own -------------------------------------------------------------
art="$tmp/long.html"
{
    echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test</title></head><body><article>'
    echo '<h1>Tidewater survey finds the estuary quieter, cleaner and busier with birds</h1>'
    i=1
    while [ $i -le 14 ]; do
        echo "<p>Paragraph $i. Volunteers walking the mudflats at low water counted waders, gulls and the occasional"
        echo "heron, writing their tallies on waterproof cards before the tide turned. Their notebooks, kept since the"
        echo "survey began, record a steady return of species that had abandoned the shoreline when the old sewage"
        echo "outfall still discharged untreated water into the channel. <em>Nobody expected it to happen so fast</em>,"
        echo "said the coordinator, who has organised the counts for <strong>eleven years</strong> and keeps the"
        echo "archive at <a href=\"https://example.org/tides/$i\">the society's website</a>.</p>"
        if [ $i -eq 4 ]; then echo '<h2>Counting in the dark</h2>'; fi
        if [ $i -eq 9 ]; then echo '<h3>What the numbers say</h3><ul><li>Redshank: up by a third</li><li>Curlew: steady, after years of decline across the region</li></ul>'; fi
        if [ $i -eq 11 ]; then echo '<blockquote><p>The birds came back before the people believed the water was clean.</p></blockquote><pre>count  species
  412  dunlin
   37  curlew</pre>'; fi
        i=$((i + 1))
    done
    echo '<p>The last sentence of the article ends here with the word albatross.</p>'
    echo '</article></body></html>'
} >"$art"

for cols in 1 2 3; do
    if "$A2P" -q --columns $cols -o "$tmp/long$cols.pdf" "$art" 2>"$tmp/long.err" &&
        "$A2P" -q --columns $cols --format layout -o "$tmp/long$cols.layout" "$art"; then
        pass "typeset: $cols columns convert"
    else
        fail "typeset: $cols columns convert" "$(head -1 "$tmp/long.err")"
        continue
    fi
    n=$(overfull "$tmp/long$cols.layout" 550.0)
    [ "$n" = 0 ]; check "typeset: $cols columns no overfull line" $? "$n items past the margin"
    if command -v pdftotext >/dev/null 2>&1; then
        txt=$(pdftotext "$tmp/long$cols.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ')
        case "$txt" in *"word albatross"*) r=0 ;; *) r=1 ;; esac
        check "typeset: $cols columns last sentence present" $r "not in pdftotext output"
        pages=$(grep -c '^page ' "$tmp/long$cols.layout")
        case "$(echo "$txt" | tr -d ' ')" in *"1/$pages"*) r=0 ;; *) r=1 ;; esac
        check "typeset: $cols columns page numbers n / N" $r "no '1 / $pages'"
    fi
done
L="$tmp/long2.layout"
[ "$(grep -c '^  mark .* 0 "Tidewater' "$L")" = 1 ]; check "typeset: headline outline mark" $? "none"
grep -q '^  mark .* 1 "Counting in the dark"' "$L"; check "typeset: h2 outline mark" $? "none"
grep -q '^  mark .* 2 "What the numbers say"' "$L"; check "typeset: h3 outline mark" $? "none"
[ "$(grep -c '^  link .*example.org/tides/' "$L")" -ge 14 ]; check "typeset: link areas" $? "too few"
[ "$(grep -c '^page ' "$L")" -ge 2 ]; check "typeset: long article takes several pages" $? "one page"
grep -q '^  text .*"•"' "$L"; check "typeset: list bullets" $? "no bullet"
# the two-column long article keeps the typography targets too
typo "long article" "$tmp/long2.pdf"

# --- a drop cap: the long article in tests/styles/good-dropcap.css (two justified columns, a
# three-line drop cap) keeps the typography targets, loses no text, overfills no line; the
# drop cap's lines stay in one column (all three text lines beside it share the column)
dc=tests/styles/good-dropcap.css
if "$A2P" -q --style "$dc" -o "$tmp/dc.pdf" "$art" 2>"$tmp/dc.err" &&
    "$A2P" -q --style "$dc" --format layout -o "$tmp/dc.layout" "$art" 2>>"$tmp/dc.err"; then
    pass "typeset: drop cap converts"
    typo "drop cap" "$tmp/dc.pdf"
    n=$(overfull "$tmp/dc.layout" 550.0)
    [ "$n" = 0 ]; check "typeset: drop cap no overfull line" $? "$n items past the margin"
    txt=$(pdftotext "$tmp/dc.pdf" - 2>/dev/null | tr -d ' \n')
    case "$txt" in *"Paragraph1.Volunteers"*"wordalbatross"*) r=0 ;; *) r=1 ;; esac
    check "typeset: drop cap text complete and in order" $r "$(echo "$txt" | head -c 80)"
    # the big P, then the first lines: three baselines 13pt apart at one x, right of it
    beside=$(awk '$1 == "text" && $8 == "\"P\"" && $7 + 0 > 20 { x = $2 + $4; y = $3; next }
                  x && $1 == "text" && $3 <= y + 0.1 && $3 >= y - 26.2 && $2 > x && $2 < x + 10 { n++ }
                  END { print n + 0 }' "$tmp/dc.layout")
    [ "$beside" = 3 ]; check "typeset: drop cap spans three lines" $? "$beside lines beside it"
else
    fail "typeset: drop cap converts" "$(head -1 "$tmp/dc.err")"
fi

# --- right to left and Chinese ---------------------------------------------------------------
# body lines (9.5 pt) grouped by baseline and column: right-to-left lines end at the column's
# right edge (less the first-line indent); Chinese lines never start with closing punctuation
if [ -f samples/world-ar.html ] && "$A2P" -q --format layout -o "$tmp/ar.layout" samples/world-ar.html; then
    bad=$(awk '$1 == "text" && $7 == 9.5 { c = ($2 < 297) ? 0 : 1; k = $3 "_" c; r = $2 + $4;
               if (!(k in m) || r > m[k]) { m[k] = r; col[k] = c } }
               END { for (k in m) { e = col[k] ? 549.9 : 289.6; d = e - m[k];
                     if (!((d > -0.6 && d < 0.6) || (d > 9.4 && d < 10.6))) n++ }
                     print n + 0 }' "$tmp/ar.layout")
    [ "$bad" = 0 ]; check "typeset: right-to-left lines start at the right edge" $? "$bad lines"
fi
if [ -f samples/world-zh.html ] && "$A2P" -q --format layout -o "$tmp/zh.layout" samples/world-zh.html; then
    bad=$(awk '$1 == "text" && $7 == 9.5 { c = ($2 < 297) ? 0 : 1; k = $3 "_" c;
               if (!(k in m) || $2 < m[k]) { m[k] = $2; t[k] = $8 } }
               END { for (k in t) if (t[k] ~ /^"(，|。|、|」|）|！|？|：|；)/) n++; print n + 0 }' "$tmp/zh.layout")
    [ "$bad" = 0 ]; check "typeset: no Chinese line starts with closing punctuation" $? "$bad lines"
    lines=$(awk '$1 == "text" && $7 == 9.5 { k = $3 "_" ($2 < 297); s[k] = 1 } END { print length(s) }' "$tmp/zh.layout")
    [ "$lines" -ge 6 ]; check "typeset: Chinese paragraphs break into lines" $? "$lines lines"
fi

# --- built-in hyphenation patterns -----------------------------------------------------------
# the patterns compiled into the program break every sample's lines exactly where libhyphen's
# own loading of the pattern files does (A2P_HYPH_FILES=1), and lines do end hyphenated
hyphenated=0
for f in samples/*.html samples/*.xml; do
    [ -f "$f" ] || continue
    b=$(basename "$f")
    if "$A2P" -q --format layout -o "$tmp/tab.layout" "$f" &&
       A2P_HYPH_FILES=1 "$A2P" -q --format layout -o "$tmp/file.layout" "$f"; then
        cmp -s "$tmp/tab.layout" "$tmp/file.layout"
        check "typeset: $b: built-in patterns lay out as the pattern files" $? "layouts differ"
        hyphenated=$((hyphenated + $(grep -c -- '-"$' "$tmp/tab.layout")))
    else
        fail "typeset: $b: converts both ways" ""
    fi
done
[ "$hyphenated" -ge 10 ]; check "typeset: the samples have hyphenated lines" $? "$hyphenated lines"

# --- a table row taller than a column ---------------------------------------------------------
# numbered N [BREAK]: N words "harbour0 lantern1 ...", with BREAK after every 75th
numbered() {
    n=$1 brk=${2:-} out="" i=0
    while [ $i -lt "$n" ]; do
        set -- harbour lantern pebble orchard meadow kettle lighthouse saddle thistle ferry
        shift $((i % 10))
        out="$out $1$i"
        [ $((i % 75)) = 74 ] && out="$out$brk"
        i=$((i + 1))
    done
    echo "$out"
}
# a data table (header cells) whose one cell, or second cell beside a label, holds a long text
# breaks across columns and pages like text: every word reaches the PDF, none is cut off
long=$(numbered 2400)
for shape in one two; do
    case $shape in
    one) rows="<tr><th>Log</th></tr><tr><td>$long</td></tr>" ;;
    two) rows="<tr><th>When</th><th>What</th></tr><tr><td>Note</td><td>$long</td></tr>" ;;
    esac
    printf '<html lang="en"><head><title>Tall row</title></head><body><article><h1>Tall row</h1>
<p>A short opening paragraph before the table.</p><table>%s</table>
<p>A closing paragraph after it.</p></article></body></html>\n' "$rows" > "$tmp/tall-$shape.html"
    if "$A2P" -q -o "$tmp/tall-$shape.pdf" "$tmp/tall-$shape.html" &&
       "$A2P" -q --format json -o "$tmp/tall-$shape.json" "$tmp/tall-$shape.html"; then
        got=$(pdftotext "$tmp/tall-$shape.pdf" - | tr -s ' \f\n' '\n\n\n' | grep -c '^[a-z]*[0-9][0-9]*$')
        pages=$(pdfinfo "$tmp/tall-$shape.pdf" | awk '/^Pages:/ { print $2 }')
        grep -q '"type": "table"' "$tmp/tall-$shape.json" && [ "$got" = 2400 ] && [ "$pages" -ge 2 ]
        check "typeset: a table row taller than a column breaks across pages ($shape cell(s))" $? \
            "$got of 2400 words, $pages pages"
        pdftotext "$tmp/tall-$shape.pdf" - | grep -q "closing paragraph"
        check "typeset: text after a tall table row follows it ($shape cell(s))" $? ""
    else
        fail "typeset: tall table row converts ($shape cell(s))" ""
    fi
done

# --- a page laid out in a table ----------------------------------------------------------------
# an old-style page: a navigation row, then one cell holding the story in <br>-separated
# parts; the reader takes the table for layout and the story reaches the PDF whole, set as
# text (a row or cell left outside a table would be set as a table or paragraph of its own)
parts=$(numbered 600 ', and so on.<br><br>')
printf '<html lang="en"><head><title>Weekly</title></head><body><table><tr><td><a href="/a">Home</a>
<a href="/b">Archive</a></td></tr><tr><td>%s</td></tr></table></body></html>\n' "$parts" > "$tmp/row.html"
if "$A2P" -q -o "$tmp/row.pdf" "$tmp/row.html"; then
    got=$(pdftotext "$tmp/row.pdf" - | tr -s ' ,\f\n' '\n\n\n\n' | grep -c '^[a-z]*[0-9][0-9]*$')
    [ "$got" = 600 ]; check "typeset: a story laid out in a table reaches the PDF" $? "$got of 600 words"
else
    fail "typeset: a story laid out in a table converts" ""
fi

# --- justification in the PDF: even letter spacing, one number per word space -----------------
# A justified line spaces the letters of its words evenly: one Tc for the line, and the TJ
# array then needs a number only where a word space widens or narrows (and at kerns). In the
# content stream nearly every number follows the same code, the space's; spacing that
# differed from word to word put one before most letters (under a fifth followed a space).
# Joining scripts are not letter-spaced: the Arabic sample's lines keep Tc at 0.
# tjstats PDF: "NUMBERS SHARE SPACED": the numbers in all TJ arrays, the share of them that
# follow the commonest code (the space's), and the arrays set with a Tc other than 0 whose
# numbers all follow that code (lines whose letters are spaced evenly, the spacing in Tc)
tjstats() {
    qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | python3 -c '
import re, sys, collections
d = sys.stdin.buffer.read().decode("latin1")
prev, nums, arrays, tc = collections.Counter(), 0, [], 0.0
for m in re.finditer(r"(-?[0-9.]+) Tc\b|\[([^\]]*)\]\s*TJ", d):
    if m.group(1) is not None:
        tc = float(m.group(1))
        continue
    last, after = None, []
    for tok in re.findall(r"<([0-9a-fA-F]*)>|(-?[0-9.]+)", m.group(2)):
        if tok[0]:
            last = tok[0][-4:].lower()
        elif last is not None:
            prev[last] += 1
            nums += 1
            after.append(last)
    arrays.append((tc, after))
top = prev.most_common(1)[0] if prev else ("", 0)
spaced = sum(1 for t, after in arrays if t != 0 and after and all(a == top[0] for a in after))
print(nums, "%.3f" % (top[1] / max(nums, 1)), spaced)'
}
if command -v qpdf >/dev/null 2>&1 && "$A2P" -q -o "$tmp/just.pdf" samples/news.html; then
    set -- $(tjstats "$tmp/just.pdf")
    words=$(pdftotext "$tmp/just.pdf" - | wc -w)
    [ "${1:-0}" -gt 0 ] && le 0.85 "${2:-0}" && [ "$1" -lt "$words" ]
    check "typeset: justified text needs TJ numbers only at word spaces" $? \
        "${1:-?} numbers for $words words, ${2:-?} after the space"
    [ "${3:-0}" -ge 20 ]
    check "typeset: justified lines space their letters evenly (one Tc, numbers only at spaces)" $? \
        "${3:-0} such lines"
    # widths in whole thousandths of an em, as the typesetter sets glyphs (short /W arrays)
    w=$(grep -a -c '^/W \[' "$tmp/just.pdf")
    frac=$(grep -a '^/W \[' "$tmp/just.pdf" | grep -c '\.')
    [ "$w" -gt 0 ] && [ "$frac" = 0 ]; check "typeset: glyph widths (/W) are whole thousandths of an em" $? "$frac arrays with fractions"
else
    fail "typeset: news sample converts for the TJ check" "qpdf missing or conversion failed"
fi
if command -v qpdf >/dev/null 2>&1 && "$A2P" -q -o "$tmp/ar.pdf" samples/world-ar.html; then
    nz=$(qpdf --qdf --object-streams=disable "$tmp/ar.pdf" - 2>/dev/null | grep -a -c -E '^-?0?\.[0-9]*[1-9][0-9]* Tc$')
    [ "$nz" -le 1 ]; check "typeset: Arabic words are not letter-spaced" $? "$nz runs with Tc"
else
    fail "typeset: Arabic sample converts for the Tc check" "qpdf missing or conversion failed"
fi
