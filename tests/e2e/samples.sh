#!/bin/sh
# tests/e2e/samples.sh - convert every samples/*.html and samples/*.xml and check what a reader
# of the PDF would see: exit 0, a structurally clean file (qpdf --check), every font embedded
# (pdffonts), a plausible page count (pdfinfo), the images placed (pdfimages -list), the
# headline, caption, credit and body text present in reading order and the page boilerplate
# absent (pdftotext), and ink on page 1 (pdftoppm -r 40 -gray). Also --format text on
# news.html. One "PASS name" / "FAIL name: why" line per check; a missing tool is a FAIL.
# Plain sh (dash). A2P_BIN picks the converter (tests/run.sh sets it); A2P_VALGRIND=1 runs
# each conversion under valgrind.
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# need TOOL CHECK: true when TOOL is installed, else a FAIL line for CHECK.
need() {
    if command -v "$1" >/dev/null 2>&1; then
        return 0
    fi
    fail "$2" "$1 is not installed (poppler-utils / qpdf)"
    return 1
}

run_a2p() {
    if [ "${A2P_VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
            "$A2P" "$@"
    else
        "$A2P" "$@"
    fi
}

# norm: text -> one lower-case line without whitespace, hyphens (ASCII, soft, U+2010/2011),
# zero-width and bidi control characters (U+200B-200F, U+202A-202E, U+2066-2069) or ligature
# glyphs, so a phrase matches however the typesetter broke, hyphenated and cased
# (small capitals, upper-case kickers) its lines.
norm() {
    LC_ALL=C tr -d ' \t\r\n\f-' |
        LC_ALL=C sed -e 's/\xc2\xad//g; s/\xc2\xa0//g; s/\xe2\x80\x90//g; s/\xe2\x80\x91//g' \
            -e 's/\xe2\x80\x89//g; s/\xe2\x80\xaf//g' \
            -e 's/\xe2\x80[\x8b-\x8f]//g; s/\xe2\x80[\xaa-\xae]//g; s/\xe2\x81[\xa6-\xa9]//g' \
            -e 's/\xef\xac\x80/ff/g; s/\xef\xac\x81/fi/g; s/\xef\xac\x82/fl/g' \
            -e 's/\xef\xac\x83/ffi/g; s/\xef\xac\x84/ffl/g' |
        LC_ALL=C.UTF-8 sed 's/.*/\L&/'
    echo
}

# pos HAYFILE PHRASE: byte offset (1-based) of the normalised PHRASE in HAYFILE, 0 if absent.
pos() {
    needle=$(printf '%s' "$2" | norm)
    LC_ALL=C awk -v n="$needle" '{ print index($0, n); exit }' "$1"
}

# count HAYFILE PHRASE: how many times the normalised PHRASE occurs in HAYFILE.
count() {
    needle=$(printf '%s' "$2" | norm)
    LC_ALL=C awk -v n="$needle" '{ c = 0; s = $0
        while ((i = index(s, n)) > 0) { c++; s = substr(s, i + length(n)) }
        print c; exit }' "$1"
}

# ---- what each sample must show ------------------------------------------------------------
# Fields: pages "MIN MAX", images (count, or "" for no check), headline, caption, credit,
# first (from the first body paragraph), last (from the last), absent (boilerplate, '|'-separated),
# once (title-block text that must appear exactly once on page 1: not repeated in the body),
# present (more phrases that must be there: list items, table cells, quotes, other scripts).
spec() {
    pages="1 20" images="" headline="" caption="" credit="" first="" last="" absent="" once=""
    author="" present=""
    case "$1" in
    news.html)
        pages="1 3" images=1
        headline="Kittle Island ferry returns after two-year pier rebuild"
        author="Marta Lindqvist"
        caption="Yachts ride at anchor off the rebuilt East Pier"
        credit="Inès Varga/North Coast Pictures"
        first="For the first time in more than two years, the ferry to Kittle Island will leave"
        last="the last boat back from Kittle Island departs at 9.40pm"
        absent="SHARE THIS ARTICLE|Share on Facebook|Email this story|Copy link|Related stories"
        absent="$absent|Council approves new bus lanes on Harbour Road|Saltney dry dock wins contract"
        absent="$absent|Morning Tide newsletter|Your email address|Sign me up"
        absent="$absent|can also be reached at the following alternate addresses"
        absent="$absent|ledger-northcoast.example.net|coastal-ledger-mirror.example.org"
        absent="$absent|Customs House Lane|Skip to content|News from the North Coast since 1887"
        absent="$absent|Comments are closed|Family Notices|Advertisement"
        once="sails on Monday, and fares stay at 2019 prices|By Marta Lindqvist"
        present="Zoë Haldane, who runs the café beside the island slipway"
        present="$present|covered by reserves — not by borrowing — and would not affect fares"
        present="$present|£3.20 for an adult return and £14 for a car – until 30 September"
        ;;
    feature.html)
        pages="2 8" images=2
        headline="After dark on the waterfront: the people who keep a harbour city running at night"
        author="Oluwaseun Brennan"
        caption="The towers of the Riverside district catch the last of the light"
        credit="Kai Sørensen/Coastal Ledger"
        first="At twenty past nine on a Tuesday evening in late May"
        last="and almost nobody will think about how"
        absent="Most read this week|Swing Bridge to close for three weekends|Elmsby Rovers sign goalkeeper"
        absent="$absent|Comments (3)|HarbourWatcher|my dad worked nights at the rope works"
        absent="$absent|Join the discussion|Post comment|Registered in England and Wales"
        absent="$absent|Corrections and clarifications|Subscribe today"
        once="Lamp engineers, ferry crews, bakers and a night nurse|By Oluwaseun Brennan"
        present="Dusk: the lamplighters|What the control room watches"
        present="$present|a gull nesting on top of the sensor|Count the passengers off and check the saloon"
        present="$present|Somebody stood here all night so that it would be"
        present="$present|Street lighting control and repair|Harbour Loaf bakery"
        present="$present|Night-ferry passengers per year, in thousands|Ledger Data Desk"
        present="$present|Your body knows it is wrong"
        ;;
    international.html)
        pages="1 2" images=0
        headline="Choirs from four countries fill St Brendan’s for festival finale"
        author="Chloé Marchetti"
        first="More than two hundred singers from four countries crowded on to the chancel steps"
        last="tickets for the finale will go on sale in the spring"
        absent="Follow the Ledger on social media|Privacy"
        once="close the Elm Voices festival with a concert sung in five languages"
        present="Η μουσική δεν χρειάζεται μετάφραση|Пеем заедно, защото така сме по-силни"
        present="$present|Zuzana Řezníčková|Zpíváme pro radost, ne pro ceny|Jiří Dvořák"
        present="$present|Hélène Lefèvre|Ça fait chaud au cœur de voir une église pleine"
        present="$present|an affluent-sounding name|above a waffle shop|a fjord crossing"
        present="$present|the efficient way to write for two hundred voices|The festival’s office says"
        ;;
    *.html)
        # another engineer's page: the <h1> and the first and last plain <p> of the <article>
        headline=$(xml_text "$2" h1)
        first=$(html_para "$2" head)
        last=$(html_para "$2" tail)
        ;;
    *.xml)
        # written by another engineer: take the headline and the first and last paragraph
        # from the file itself (first words only, before any markup or entity).
        headline=$(xml_text "$2" headline)
        [ -n "$headline" ] || headline=$(xml_text "$2" hl1)
        [ -n "$headline" ] || headline=$(xml_text "$2" title)
        first=$(xml_para "$2" head)
        last=$(xml_para "$2" tail)
        ;;
    esac
}

# xml_text FILE NAME: the text of the first NAME element, up to any markup or entity.
xml_text() {
    tr '\n' ' ' <"$1" | sed 's/</\n</g' | sed -n "s/^<$2\\( [^>]*\\)\\{0,1\\}>\\([^&]*\\).*/\\2/p" |
        head -n 1 | sed 's/^ *//; s/ *$//'
}

# xml_para FILE head|tail: the first six words of the first or last <p>, up to any markup.
xml_para() {
    tr '\n' ' ' <"$1" | sed 's/<p[ >]/\n&/g' | sed -n 's/^<p[^>]*>\([^<&]*\).*/\1/p' |
        sed 's/^ *//' | grep -v '^$' | "$2" -n 1 | cut -d' ' -f1-6
}

# html_para FILE head|tail: the first six words of the first or last <p> without attributes
# inside <article> (the whole page when there is none), up to any markup.
html_para() {
    tr '\n' ' ' <"$1" | sed 's/.*<article[ >]//; s/<\/article>.*//' | sed 's/<p>/\n<p>/g' |
        sed -n 's/^<p>\([^<&]*\).*/\1/p' | sed 's/^ *//' | grep -v '^$' | "$2" -n 1 |
        cut -d' ' -f1-6
}

check_sample() {
    f=$1
    name=$(basename "$f")
    spec "$name" "$f"
    pdf=$tmp/${name%.*}.pdf
    t=samples:$name
    pos_headline=0 pos_first=0 pos_last=0

    # -- conversion
    if run_a2p -o "$pdf" "$f" >"$tmp/out" 2>"$tmp/err"; then
        rc=0
    else
        rc=$?
    fi
    if [ "$rc" -eq 0 ] && [ -s "$pdf" ]; then
        pass "$t: converts (exit 0)"
    else
        fail "$t: converts (exit 0)" "exit $rc, $(head -c 300 "$tmp/err" | tr '\n' ' ')"
        for c in qpdf pdffonts pages images text ink; do
            fail "$t: $c" "no PDF to check"
        done
        return
    fi
    if [ -s "$tmp/out" ]; then
        fail "$t: nothing on stdout with -o" "$(head -c 100 "$tmp/out")"
    else
        pass "$t: nothing on stdout with -o"
    fi

    # -- structure
    if need qpdf "$t: qpdf --check"; then
        if qpdf --check "$pdf" >"$tmp/qpdf" 2>&1; then
            pass "$t: qpdf --check"
        else
            fail "$t: qpdf --check" "$(grep -iv '^checking\|^PDF Version\|^File is not' "$tmp/qpdf" |
                head -n 3 | tr '\n' ' ')"
        fi
    fi

    # -- fonts: every row of pdffonts says emb=yes, and there is at least one font
    if need pdffonts "$t: fonts embedded"; then
        if pdffonts "$pdf" >"$tmp/fonts" 2>"$tmp/fonts.err"; then
            # columns from the right (a long name pushes the others along): emb sub uni num gen
            bad=$(awk 'NR > 2  { n++; if ($(NF - 4) != "yes") print $1 }
                       END     { if (n == 0) print "(no fonts at all)" }' "$tmp/fonts" |
                tr '\n' ' ')
            if [ -z "$bad" ]; then
                pass "$t: fonts embedded"
            else
                fail "$t: fonts embedded" "not embedded: $bad"
            fi
        else
            fail "$t: fonts embedded" "pdffonts failed: $(head -n 1 "$tmp/fonts.err")"
        fi
    fi

    # -- pages
    if need pdfinfo "$t: pages"; then
        n=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
        set -- $pages
        if [ -n "$n" ] && [ "$n" -ge "$1" ] && [ "$n" -le "$2" ]; then
            pass "$t: pages ($n in $1..$2)"
        else
            fail "$t: pages" "${n:-no} pages, expected $1..$2"
        fi
    fi

    # -- document information: title is the headline, author the byline's name
    if need pdfinfo "$t: info title"; then
        pdfinfo -enc UTF-8 "$pdf" 2>/dev/null >"$tmp/info"
        title=$(sed -n 's/^Title: *//p' "$tmp/info")
        if [ -n "$headline" ] && [ "$(printf '%s' "$title" | norm)" = "$(printf '%s' "$headline" | norm)" ]; then
            pass "$t: info title is the headline"
        else
            fail "$t: info title is the headline" "Title \"$title\", headline \"$headline\""
        fi
        if [ -n "$author" ]; then
            got=$(sed -n 's/^Author: *//p' "$tmp/info")
            if [ "$(printf '%s' "$got" | norm)" = "$(printf '%s' "$author" | norm)" ]; then
                pass "$t: info author"
            else
                fail "$t: info author" "Author \"$got\", expected \"$author\""
            fi
        fi
    fi

    # -- images placed
    if [ -n "$images" ] && need pdfimages "$t: images"; then
        n=$(pdfimages -list "$pdf" 2>/dev/null | awk 'NR > 2 && $3 == "image"' | wc -l)
        if [ "$n" -eq "$images" ]; then
            pass "$t: images ($n)"
        else
            fail "$t: images" "$n images placed, expected $images"
        fi
    fi

    # -- text: present, in order, boilerplate absent, no warnings from pdftotext
    if need pdftotext "$t: text"; then
        pdftotext -enc UTF-8 "$pdf" "$tmp/text" 2>"$tmp/text.err"
        norm <"$tmp/text" >"$tmp/text.n"
        if [ -s "$tmp/text.err" ]; then
            fail "$t: pdftotext quiet" "$(head -n 2 "$tmp/text.err" | tr '\n' ' ')"
        else
            pass "$t: pdftotext quiet"
        fi
        if [ "$(wc -c <"$tmp/text.n")" -gt 200 ]; then
            pass "$t: text extracted"
        else
            fail "$t: text extracted" "only $(wc -c <"$tmp/text.n") bytes of text"
        fi
        for what in headline caption credit first last; do
            eval "phrase=\$$what"
            [ -n "$phrase" ] || continue
            p=$(pos "$tmp/text.n" "$phrase")
            eval "pos_$what=$p"
            if [ "$p" -gt 0 ]; then
                pass "$t: text has $what"
            else
                fail "$t: text has $what" "\"$phrase\" not found"
            fi
        done
        case "$name" in
        news.html | feature.html | international.html) ;;
        *)
            [ -n "$headline" ] || fail "$t: text has headline" "no <h1>/<headline>/<hl1>/<title> in the sample"
            [ -n "$first" ] || fail "$t: text has first" "no <p> text in the sample"
            ;;
        esac
        if [ -n "$first" ] && [ -n "$last" ] && [ "$first" != "$last" ]; then
            if [ "$pos_first" -gt 0 ] && [ "$pos_last" -gt "$pos_first" ]; then
                pass "$t: first paragraph before last"
            else
                fail "$t: first paragraph before last" "offsets $pos_first, $pos_last"
            fi
        fi
        if [ -n "$headline" ] && [ -n "$first" ]; then
            if [ "$pos_headline" -gt 0 ] && [ "$pos_headline" -lt "$pos_first" ]; then
                pass "$t: headline before body"
            else
                fail "$t: headline before body" "offsets $pos_headline, $pos_first"
            fi
        fi
        # page 1 only: later pages may carry the headline in a running head
        pdftotext -enc UTF-8 -f 1 -l 1 "$pdf" - 2>/dev/null | norm >"$tmp/p1.n"
        old_ifs=$IFS
        IFS='|'
        for phrase in ${headline:+"$headline"} $once; do
            IFS=$old_ifs
            c=$(count "$tmp/p1.n" "$phrase")
            if [ "$c" -eq 1 ]; then
                pass "$t: once on page 1: $phrase"
            else
                fail "$t: once on page 1: $phrase" "found $c times"
            fi
        done
        IFS=$old_ifs
        missing=""
        old_ifs=$IFS
        IFS='|'
        for phrase in $present; do
            IFS=$old_ifs
            [ "$(pos "$tmp/text.n" "$phrase")" -gt 0 ] || missing="$missing \"$phrase\""
        done
        IFS=$old_ifs
        if [ -n "$present" ]; then
            if [ -z "$missing" ]; then
                pass "$t: text has lists, tables, quotes, accents"
            else
                fail "$t: text has lists, tables, quotes, accents" "missing$missing"
            fi
        fi
        if [ -n "$absent" ]; then
            leaked=""
            old_ifs=$IFS
            IFS='|'
            for phrase in $absent; do
                IFS=$old_ifs
                [ "$(pos "$tmp/text.n" "$phrase")" -gt 0 ] && leaked="$leaked \"$phrase\""
            done
            IFS=$old_ifs
            if [ -z "$leaked" ]; then
                pass "$t: boilerplate absent"
            else
                fail "$t: boilerplate absent" "found$leaked"
            fi
        fi
    fi

    # -- ink on page 1: some dark pixels, but not a black page
    if need pdftoppm "$t: page 1 not blank"; then
        if pdftoppm -r 40 -gray -f 1 -l 1 -singlefile "$pdf" "$tmp/p1" 2>/dev/null &&
            [ -s "$tmp/p1.pgm" ]; then
            ink=$(od -An -v -tu1 "$tmp/p1.pgm" | awk '
                { for (i = 1; i <= NF; i++) {
                      if (nl < 3) { if ($i == 10) nl++; continue }
                      total++; if ($i < 200) dark++ } }
                END { printf "%d %d\n", dark, total }')
            set -- $ink
            if [ "$2" -gt 0 ] && [ "$1" -ge 1000 ] && [ "$1" -lt $(($2 * 9 / 10)) ]; then
                pass "$t: page 1 not blank ($1 of $2 pixels dark)"
            else
                fail "$t: page 1 not blank" "$1 of $2 pixels dark"
            fi
        else
            fail "$t: page 1 not blank" "pdftoppm could not render page 1"
        fi
    fi
}

# ---- every sample ----------------------------------------------------------------------------
if [ ! -x "$A2P" ]; then
    fail "samples: converter" "$A2P not built"
    exit 0
fi
found=0
for f in samples/*.html samples/*.xml; do
    [ -f "$f" ] || continue
    found=$((found + 1))
    check_sample "$f"
done
if [ "$found" -ge 3 ]; then
    pass "samples: found ($found)"
else
    fail "samples: found" "only $found samples in samples/"
fi

# ---- --format text on news.html: body paragraphs, no boilerplate -----------------------------
t="samples:news.html --format text"
spec news.html samples/news.html
if run_a2p --format text samples/news.html >"$tmp/news.txt" 2>"$tmp/err"; then
    pass "$t: exit 0"
else
    fail "$t: exit 0" "exit $?, $(head -n 1 "$tmp/err")"
fi
norm <"$tmp/news.txt" >"$tmp/news.n"
p1=$(pos "$tmp/news.n" "$first")
p2=$(pos "$tmp/news.n" "$last")
mid=$(pos "$tmp/news.n" "Residents of Quay Street, which runs behind the pier, have complained")
if [ "$p1" -gt 0 ] && [ "$mid" -gt "$p1" ] && [ "$p2" -gt "$mid" ]; then
    pass "$t: body paragraphs in order"
else
    fail "$t: body paragraphs in order" "offsets first $p1, middle $mid, last $p2"
fi
leaked=""
old_ifs=$IFS
IFS='|'
for phrase in $absent; do
    IFS=$old_ifs
    [ "$(pos "$tmp/news.n" "$phrase")" -gt 0 ] && leaked="$leaked \"$phrase\""
done
IFS=$old_ifs
if [ -z "$leaked" ]; then
    pass "$t: boilerplate absent"
else
    fail "$t: boilerplate absent" "found$leaked"
fi
# one block a line: the twelve body paragraphs are twelve separate lines
n=$(grep -c -e '^For the first time in more than two years' -e '^The crossing was suspended' \
    -e '^The first sailing leaves East Pier' "$tmp/news.txt")
if [ "$n" -eq 3 ]; then
    pass "$t: paragraphs on lines of their own"
else
    fail "$t: paragraphs on lines of their own" "$n of 3 paragraphs start a line"
fi
exit 0
