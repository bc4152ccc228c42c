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
