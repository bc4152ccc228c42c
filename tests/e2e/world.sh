#!/bin/sh
# tests/e2e/world.sh - world scripts (issue 12): convert samples/world-{fa,ar,he,zh,ru,el}.html
# and check what a reader sees: exit 0, every font embedded (pdffonts), the Arabic, Hebrew
# and CJK fallback faces used, key phrases back from pdftotext in logical order (several
# words of one line, so a line set in the wrong order fails), and the first paragraph
# before the last. Then pixels: a one-word Persian page is rasterised (pdftoppm -r 100 -gray)
# and the word compared (tests/tools/pgmdiff) with the same word shaped by HarfBuzz and
# drawn by FreeType (tests/tools/shapepgm); it must also differ from the word drawn as
# unjoined isolated letters, so a PDF with unshaped Arabic fails. The same in Noto Naskh
# Arabic, whose dots must print (nested composite glyphs), and for 字体 in WenQuanYi.
# Plain sh (dash). A2P_BIN picks the converter, A2P_BUILD the tools (tests/run.sh sets both).
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
B=${A2P_BUILD:-build}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

for t in pdftotext pdffonts pdftoppm fc-match; do
    command -v "$t" >/dev/null 2>&1 || { fail "world tools" "$t is not installed"; exit 0; }
done

run_a2p() {
    if [ "${A2P_VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
            "$A2P" "$@"
    else
        "$A2P" "$@"
    fi
}

# norm: text -> one line without white space, hyphens, ZWNJ/ZWJ, soft hyphens, tatweel or
# the directional marks pdftotext puts around embedded runs (LRM, RLM, LRE..RLO, isolates),
# so a phrase matches however its lines were broken and joined
norm() {
    LC_ALL=C tr -d ' \t\r\n\f-' |
        LC_ALL=C sed -e 's/\xc2\xad//g; s/\xc2\xa0//g; s/\xe2\x80[\x8c-\x8f]//g' \
            -e 's/\xe2\x80[\xaa-\xae]//g; s/\xe2\x81[\xa6-\xa9]//g' \
            -e 's/\xd9\x80//g; s/\xe2\x80\x89//g; s/\xe2\x80\xaf//g; s/\xe2\x80\x90//g'
    echo
}
pos() { # pos FILE PHRASE: 1-based offset of the normalised phrase, 0 when absent
    needle=$(printf '%s' "$2" | norm)
    LC_ALL=C awk -v n="$needle" '{ print index($0, n); exit }' "$1"
}

# sample LANG FONT-PATTERN FIRST LAST PHRASE...: FIRST must come before LAST
sample() {
    lang=$1 fontpat=$2 first=$3 last=$4
    shift 4
    src=samples/world-$lang.html pdf=$tmp/$lang.pdf
    if ! run_a2p -o "$pdf" "$src" 2>"$tmp/$lang.err"; then
        fail "world $lang converts" "$(head -c 300 "$tmp/$lang.err")"
        return
    fi
    pass "world $lang converts"
    pdffonts "$pdf" >"$tmp/$lang.fonts" 2>&1
    if awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' "$tmp/$lang.fonts" &&
        [ "$(wc -l <"$tmp/$lang.fonts")" -gt 2 ]; then
        pass "world $lang fonts embedded"
    else
        fail "world $lang fonts embedded" "$(tr '\n' ' ' <"$tmp/$lang.fonts")"
    fi
    if grep -q "$fontpat" "$tmp/$lang.fonts"; then
        pass "world $lang uses $fontpat"
    else
        fail "world $lang uses $fontpat" "$(tr '\n' ' ' <"$tmp/$lang.fonts")"
    fi
    pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | norm >"$tmp/$lang.txt"
    for ph in "$@"; do
        if [ "$(pos "$tmp/$lang.txt" "$ph")" -gt 0 ]; then
            pass "world $lang text '$ph'"
        else
            fail "world $lang text '$ph'" "not in pdftotext's output (logical order)"
        fi
    done
    a=$(pos "$tmp/$lang.txt" "$first") z=$(pos "$tmp/$lang.txt" "$last")
    if [ "$a" -gt 0 ] && [ "$z" -gt "$a" ]; then
        pass "world $lang reading order"
    else
        fail "world $lang reading order" "'$first' at $a, '$last' at $z"
    fi
}

sample fa 'DejaVuSans\|NotoNaskhArabic' "خط دوم متروی تبریز" "در ترافیک بمانم" \
    "متروی تبریز به ایستگاه" "چهار ایستگاه جدید" "شرکت Alstom نصب کرده" "تازه ۶ کیلومتر" \
    "رایگان Wi-Fi در دسترس" "«تبریز من» بخرند" "دیگر لازم نیست" "خط تازهٔ متروی"
sample ar 'DejaVuSans\|NotoNaskhArabic' "أعادت مكتبة المدينة" "وتبرعات من أهالي المدينة" \
    "مكتبة المدينة القديمة تفتح أبوابها" "سلمى حداد" "نحو 2.5 مليون" "٤٠ ألف كتاب" "إنه لا ينسى طفولته"
sample he 'Hebrew\|LiberationSerif\|DejaVu' "מתנדבים של רשות הטבע" "בדרכם אל הים" \
    "צבי ים הטילו ביצים" "נועה לוי" "כ־100 ביצים" "סוף אוגוסט"
sample zh 'WenQuanYi' "全长十二公里" "处以罚款" \
    "滨江自行车道全线贯通" "于2022年春季开工" "「以前这里堆满了杂物" "绿色出行。”他说。"
sample ru 'Liberation' "После двухмесячного перерыва" "тридцать километров" \
    "Паром через Волгу снова ходит" "капитана Сергея Иванова" "стоит 60 рублей"
sample el 'Liberation' "Περισσότεροι από πέντε χιλιάδες" "του 19ου αιώνα" \
    "Γιορτή της ελιάς στη Λέσβο" "κατά 20% σε σχέση" "«Η ελιά είναι η ζωή μας»"

# a face chosen for Arabic script alone has no Latin letters: they fall back to another
# face rather than print as blanks (pdftotext would not notice: the text is there either
# way), so in the layout "Alstom" must not share its font with the Persian next to it
printf 'body, headline, byline { font-family: "Noto Naskh Arabic", serif; }\n' >"$tmp/naskh-body.css"
if run_a2p --style "$tmp/naskh-body.css" --format layout -o "$tmp/fa-naskh.layout" \
    samples/world-fa.html 2>/dev/null; then
    fa_font=$(grep '^  text .*نصب' "$tmp/fa-naskh.layout" | head -1 | awk '{ print $6 }')
    la_font=$(grep '^  text .*Alstom' "$tmp/fa-naskh.layout" | head -1 | awk '{ print $6 }')
    if [ -n "$fa_font" ] && [ -n "$la_font" ] && [ "$fa_font" != "$la_font" ]; then
        pass "world fa in Noto Naskh Arabic: Latin words fall back ($la_font, Persian $fa_font)"
    else
        fail "world fa in Noto Naskh Arabic: Latin words fall back" \
            "Alstom in '$la_font', Persian in '$fa_font'"
    fi
else
    fail "world fa in Noto Naskh Arabic: Latin words fall back" "conversion failed"
fi

# ---- alignment: right-to-left lines start at the column's right edge -------------------
# align LANG rtl|ltr: every text line of page 1 (but the folio) starts within 15 pt (a
# paragraph indent) of its column's starting edge, found as the outermost line edge of that
# half of the page. Right-to-left lines set from the left fail on their ragged last lines.
align() {
    pdftotext -f 1 -l 1 -bbox-layout "$tmp/$1.pdf" - 2>/dev/null | awk -v dir="$2" '
        /<page / { match($0, /width="[0-9.]*"/); pw = substr($0, RSTART + 7, RLENGTH - 8) + 0 }
        /<line / {
            split($0, a, "\""); x0 = a[2] + 0; y0 = a[4] + 0; x1 = a[6] + 0
            if (y0 > 780) next
            h = (x0 + x1) / 2 < pw / 2 ? 0 : 1
            n++; L[n] = x0; R[n] = x1; H[n] = h
            if (!(h in lo) || x0 < lo[h]) lo[h] = x0
            if (!(h in hi) || x1 > hi[h]) hi[h] = x1
        }
        END {
            bad = 0
            for (i = 1; i <= n; i++) {
                off = dir == "rtl" ? hi[H[i]] - R[i] : L[i] - lo[H[i]]
                if (off > 15) { bad++; if (!first) first = i }
            }
            printf "%d lines, %d off their starting edge", n, bad
            if (bad) printf " (line %d: %.1f-%.1f)", first, L[first], R[first]
            exit (n < 5 || bad > 0)
        }'
}
for l in fa ar he zh ru el; do
    [ -f "$tmp/$l.pdf" ] || continue
    case $l in fa | ar | he) d=rtl ;; *) d=ltr ;; esac
    if r=$(align "$l" "$d"); then
        pass "world $l lines start at the $d edge ($r)"
    else
        fail "world $l lines start at the $d edge" "$r"
    fi
done

# columns of a right-to-left page run from right to left: in world-fa, "۶" (first
# paragraph) stands in the right column, and the photo, which comes after it, in the left
if [ -f "$tmp/fa.pdf" ] && run_a2p --format layout -o "$tmp/fa.layout" samples/world-fa.html; then
    six=$(pdftotext -f 1 -l 1 -bbox "$tmp/fa.pdf" - 2>/dev/null | awk '
        /<page / { match($0, /width="[0-9.]*"/); pw = substr($0, RSTART + 7, RLENGTH - 8) + 0 }
        />۶</ { split($0, a, "\""); print (a[2] + 0 > pw / 2 ? "right" : "left"); exit }')
    photo=$(awk '$1 == "page" { pw = $3 } $1 == "image" { print ($2 + $4 / 2 > pw / 2 ? "right" : "left"); exit }' \
        "$tmp/fa.layout")
    cols="first paragraph $six, photo $photo"
    case $cols in
    "first paragraph right, photo left") pass "world fa columns right to left ($cols)" ;;
    *) fail "world fa columns right to left" "$cols" ;;
    esac
fi

# a photo moved to the next column takes its spaces along: the text it leaves behind in
# world-fa's right column runs on without a hole (baselines at most 1.6 lines apart)
if [ -f "$tmp/fa.layout" ]; then
    r=$(awk '$1 == "page" { if (++pg > 1) exit; pw = $3 }
        $1 == "text" && $2 > pw / 2 && $3 > 100 && $3 < 780 { y[++n] = $3 }
        END { m = 0; for (i = 2; i <= n; i++) if (y[i] - y[i - 1] > m) m = y[i] - y[i - 1]
              printf "%d words, largest baseline step %.1f pt", n, m; exit (n < 5 || m > 20) }' \
        "$tmp/fa.layout")
    if [ $? -eq 0 ]; then
        pass "world fa right column without holes ($r)"
    else
        fail "world fa right column without holes" "$r"
    fi
fi

# Chinese justified by the gaps between characters: a column of 244 pt holds 25.7 em of
# 9.5 pt text, so without stretch no line would end flush right; all but the last lines of
# paragraphs must (at least 4 lines, 40 %)
if run_a2p -q --format layout -o "$tmp/zh.layout" samples/world-zh.html 2>/dev/null; then
    r=$(awk '$1 == "page" { if (++pg > 1) exit; pw = $3 }
        $1 == "text" && $7 == 9.5 { h = $2 < pw / 2 ? 0 : 1; k = $3 "_" h; r = $2 + $4
            if (!(k in R) || r > R[k]) R[k] = r; if (!(h in E) || r > E[h]) E[h] = r }
        END { for (k in R) { n++; split(k, a, "_"); if (E[a[2]] - R[k] < 0.5) f++ }
              printf "%d of %d lines flush right", f, n; exit (n < 6 || f < 4 || f * 10 < n * 4) }' \
        "$tmp/zh.layout")
    if [ $? -eq 0 ]; then
        pass "world zh justified between characters ($r)"
    else
        fail "world zh justified between characters" "$r"
    fi
fi

# the running footer is mirrored too: the page number of world-fa stands on the left
if [ -f "$tmp/fa.layout" ]; then
    folio=$(awk '$1 == "page" { pw = $3 } $1 == "text" && /"1 \/ 1"$/ { print ($2 < pw / 2 ? "left" : "right"); exit }' \
        "$tmp/fa.layout")
    [ "$folio" = left ] && pass "world fa page number on the left" ||
        fail "world fa page number on the left" "it is on the '$folio'"
fi

# furniture of a right-to-left page sits on the right: list bullets right of their item's
# line, the block quote's rule right of the quoted lines (world-he has both); lines of the
# other column (same y) are left out by the page half they stand in
if run_a2p --format layout -o "$tmp/he.layout" samples/world-he.html 2>/dev/null; then
    r=$(awk '
        $1 == "page" { pw = $3 }
        $1 == "text" { n++; X[n] = $2; Y[n] = $3; W[n] = $4; T[n] = $0 }
        $1 == "rule" && $4 == 0 && $5 > 0 { m++; RX[m] = $2; RY[m] = $3; RH[m] = $5 }
        END {
            for (i = 1; i <= n; i++) {
                if (T[i] !~ /"•"$/) continue
                bullets++
                for (j = 1; j <= n; j++)
                    if (j != i && Y[j] == Y[i] && X[j] + W[j] > X[i] + 0.5 &&
                        (X[j] < pw / 2) == (X[i] < pw / 2)) { lb++; break }
            }
            for (k = 1; k <= m; k++) {
                rules++
                for (j = 1; j <= n; j++)
                    if (Y[j] >= RY[k] && Y[j] <= RY[k] + RH[k] + 12 && X[j] + W[j] > RX[k] + 0.5 &&
                        (X[j] < pw / 2) == (RX[k] < pw / 2)) {
                        lr++; break
                    }
            }
            printf "%d bullets, %d left of their text; %d quote rules, %d left of the text",
                bullets, lb, rules, lr
            exit (bullets < 3 || rules < 1 || lb > 0 || lr > 0)
        }' "$tmp/he.layout")
    if [ $? -eq 0 ]; then
        pass "world he list bullets and quote rule on the right ($r)"
    else
        fail "world he list bullets and quote rule on the right" "$r"
    fi
else
    fail "world he list bullets and quote rule on the right" "--format layout failed"
fi

# ---- pixels: one Persian word, joined, in visual order ---------------------------------
# pixels NAME WORD WORD_VISUAL FACE-PATTERN LANG rtl|ltr [OPTION...]: a page whose headline
# is WORD (pdftotext -bbox gives a word's characters in visual order, hence WORD_VISUAL);
# the word is cropped at 100 dpi and compared with WORD shaped by HarfBuzz and drawn by
# FreeType in the face of the PDF that matches FACE-PATTERN; right-to-left words must not
# look like the same letters unjoined.
pixels() {
    name=$1 word=$2 word_visual=$3 facepat=$4 lang=$5 dir=$6
    shift 6
    cat >"$tmp/$name.html" <<HTML
<!DOCTYPE html><html lang="$lang" dir="$dir"><head><meta charset="utf-8"><title>$word</title></head>
<body><article><h1>$word</h1><p>این صفحه برای آزمون شکل حروف است و یک واژهٔ بزرگ در عنوان
دارد که باید پیوسته و از راست به چپ چاپ شود، همان‌طور که خوانندهٔ فارسی انتظار دارد.</p>
</article></body></html>
HTML
    if ! run_a2p "$@" -o "$tmp/$name.pdf" "$tmp/$name.html" 2>"$tmp/$name.err"; then
        fail "world pixels $name: one-word page" "$(head -c 300 "$tmp/$name.err")"
        return
    fi
    box=$(pdftotext -bbox "$tmp/$name.pdf" - 2>/dev/null |
        grep "<word .*>\\($word\\|$word_visual\\)</word>" | head -1 |
        sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)".*/\1 \2 \3 \4/')
    if [ -z "$box" ]; then
        fail "world pixels $name: word found" "pdftotext -bbox has no word '$word'"
        return
    fi
    # the word's box in pixels at 100 dpi (1 pt more around it: no ink of the next line);
    # the reference at about the same size
    set -- $(echo "$box" | awk '{ k = 100 / 72; printf "%d %d %d %d %d\n", ($1 - 1) * k,
        ($2 - 1) * k, ($3 - $1 + 2) * k, ($4 - $2 + 2) * k, ($4 - $2) * k * 0.8 }')
    pdftoppm -r 100 -gray -f 1 -l 1 -x "$1" -y "$2" -W "$3" -H "$4" "$tmp/$name.pdf" "$tmp/$name-crop"
    px=$5
    face=$(pdffonts "$tmp/$name.pdf" 2>/dev/null | grep -o "$facepat" | head -1)
    file=$(fc-match -f '%{file}' ":postscriptname=$face")
    if [ -z "$face" ] || ! "$B/tools/shapepgm" "$file" "$px" "$dir" "$word" "$tmp/$name-ref.pgm" ||
        ! "$B/tools/shapepgm" "$file" "$px" isolated "$word" "$tmp/$name-iso.pgm"; then
        fail "world pixels $name: reference" "no face '$facepat' in the PDF, or shapepgm failed"
        return
    fi
    if r=$("$B/tools/pgmdiff" "$tmp/$name-crop-1.pgm" "$tmp/$name-ref.pgm" 0.10 0.08); then
        pass "world pixels $name: '$word' in $face matches HarfBuzz+FreeType ($r)"
    else
        fail "world pixels $name: '$word' in $face matches HarfBuzz+FreeType" "$r"
    fi
    [ "$dir" = rtl ] || return
    if r=$("$B/tools/pgmdiff" "$tmp/$name-crop-1.pgm" "$tmp/$name-iso.pgm" 0.10 0.08); then
        fail "world pixels $name: '$word' is not unjoined letters" "$r"
    else
        pass "world pixels $name: '$word' is not unjoined letters ($r)"
    fi
}

# the default fallback face for Arabic script
pixels default مهندسی یسدنهم 'NotoNaskhArabic[A-Za-z-]*\|DejaVuSans[A-Za-z-]*' fa rtl
# Noto Naskh Arabic draws its dotted letters as nested composite glyphs, which libharu
# 2.3.0 alone would embed without their dots (pdf-stack-notes pitfall 1): a word of dots
printf 'headline { font-family: "Noto Naskh Arabic", serif; font-weight: normal; }\n' \
    >"$tmp/naskh.css"
pixels naskh بیشتر رتشیب 'NotoNaskhArabic-Regular' fa rtl --style "$tmp/naskh.css"
# ... and the check sees dots: the same skeleton without them (ٮىسٮر) must not match
if [ -f "$tmp/naskh-crop-1.pgm" ] && "$B/tools/shapepgm" "$file" "$px" rtl "ٮىسٮر" "$tmp/dotless.pgm"; then
    if r=$("$B/tools/pgmdiff" "$tmp/naskh-crop-1.pgm" "$tmp/dotless.pgm" 0.10 0.08); then
        fail "world pixels naskh: dots printed" "matches the dotless skeleton: $r"
    else
        pass "world pixels naskh: dots printed (dotless skeleton: $r)"
    fi
fi
# WenQuanYi (a .ttc) has composite glyphs with components past glyph 32767, which libharu
# 2.3.0 alone would lose (字 体 blank): both must print
pixels zh 字体 字体 'WenQuanYiMicroHei' zh ltr
