#!/bin/sh
# tests/e2e/cli.sh - the command line as a user meets it: --help and --version, usage errors
# (exit 2), unreadable input and unwritable output (exit 1, one error line naming the file,
# nothing left behind), an existing output kept when a conversion fails, '-' for standard
# input and output, and the default output name beside the input.
# One "PASS name" / "FAIL name: why" line per check. Plain sh (dash). A2P_BIN picks the
# converter (tests/run.sh sets it).
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
case "$A2P" in /*) ;; *) A2P=$PWD/$A2P ;; esac
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

pass() { echo "PASS cli: $1"; }
fail() { echo "FAIL cli: $1: $2"; }

# run ARGS...: the converter with stdout in $tmp/out, stderr in $tmp/err; status in $rc.
run() {
    if "$A2P" "$@" >"$tmp/out" 2>"$tmp/err"; then rc=0; else rc=$?; fi
}

# expect_rc NAME WANT: checks $rc.
expect_rc() {
    if [ "$rc" -eq "$2" ]; then
        pass "$1: exit $2"
    else
        fail "$1: exit $2" "exit $rc; stderr: $(head -c 200 "$tmp/err" | tr '\n' ' ')"
    fi
}

# one_error NAME PREFIX: stderr is a single line that starts with PREFIX. A usage error may
# add the conventional hint line "Try 'article2pdf --help'." and nothing else.
one_error() {
    n=$(grep -vc "^Try 'article2pdf --help'\.\$" "$tmp/err")
    first=$(head -n 1 "$tmp/err")
    case "$first" in
    "$2"*)
        if [ "$n" -eq 1 ]; then
            pass "$1: one error line"
        else
            fail "$1: one error line" "$n lines: $(head -c 200 "$tmp/err" | tr '\n' '|')"
        fi
        ;;
    *) fail "$1: one error line" "want \"$2...\", got \"$first\"" ;;
    esac
}

# leftovers NAME DIR EXPECTED...: DIR holds exactly the names EXPECTED (no temporary files).
leftovers() {
    name=$1 dir=$2
    shift 2
    got=$(ls -A "$dir" | sort | tr '\n' ' ')
    want=$(for w in "$@"; do echo "$w"; done | sort | tr '\n' ' ')
    if [ "$got" = "$want" ]; then
        pass "$name: nothing left behind"
    else
        fail "$name: nothing left behind" "folder holds [$got], expected [$want]"
    fi
}

if [ ! -x "$A2P" ]; then
    fail "converter" "$A2P not built"
    exit 0
fi

# ---- --help, --version -------------------------------------------------------------------------
run --help
expect_rc "--help" 0
if grep -q '^usage: article2pdf' "$tmp/out" && grep -q -- '--format' "$tmp/out" && [ ! -s "$tmp/err" ]; then
    pass "--help: usage on stdout"
else
    fail "--help: usage on stdout" "stdout starts \"$(head -n 1 "$tmp/out")\""
fi
run --version
expect_rc "--version" 0
if grep -Eq '^article2pdf [0-9]+\.[0-9]+(\.[0-9]+)?' "$tmp/out"; then
    pass "--version: prints version"
else
    fail "--version: prints version" "got \"$(head -n 1 "$tmp/out")\""
fi

# ---- usage errors: exit 2 ------------------------------------------------------------------------
run
expect_rc "no input" 2
one_error "no input" "article2pdf: "
[ -s "$tmp/out" ] && fail "no input: stdout empty" "$(head -c 80 "$tmp/out")" || pass "no input: stdout empty"

run --frobnicate samples/news.html
expect_rc "unknown option" 2
one_error "unknown option" "article2pdf: "
if grep -q -- '--frobnicate' "$tmp/err"; then
    pass "unknown option: named"
else
    fail "unknown option: named" "stderr does not name --frobnicate"
fi

run --format docx samples/news.html
expect_rc "unknown --format value" 2
run --columns 9 samples/news.html
expect_rc "--columns out of range" 2
run samples/news.html -o
expect_rc "-o without a value" 2

# ---- missing input: exit 1, one line naming the file ---------------------------------------------
missing=$tmp/no-such-page.html
mkdir -p "$tmp/m"
run -o "$tmp/m/x.pdf" "$missing"
expect_rc "missing input" 1
one_error "missing input" "article2pdf: $missing: "
leftovers "missing input" "$tmp/m"

# ---- unwritable output: exit 1, the message names the output, no partial file --------------------
mkdir -p "$tmp/in"
cp samples/international.html "$tmp/in/intl.html"
run -o "$tmp/no-such-dir/out.pdf" "$tmp/in/intl.html"
expect_rc "output in a missing folder" 1
one_error "output in a missing folder" "article2pdf: $tmp/no-such-dir/out.pdf: "

run --format text -o "$tmp/no-such-dir/out.txt" "$tmp/in/intl.html"
expect_rc "text output in a missing folder" 1
one_error "text output in a missing folder" "article2pdf: $tmp/no-such-dir/out.txt: "

# A read-only folder: root ignores permission bits, so as root the converter runs as 'nobody'
# (when nobody can run it from where the tree is); otherwise the target is a folder of /proc,
# where not even root can create a file.
ro=$tmp/ro
mkdir -p "$ro"
chmod 755 "$tmp" "$tmp/in"
chmod 644 "$tmp/in/intl.html"
chmod 555 "$ro"
as_user=""
if [ "$(id -u)" -ne 0 ]; then
    as_user="env"
elif command -v setpriv >/dev/null 2>&1; then
    nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
    if $nobody "$A2P" --format text "$tmp/in/intl.html" >/dev/null 2>&1; then
        as_user=$nobody
    fi
fi
if [ -z "$as_user" ]; then
    as_user="env"
    ro=/proc/self
fi
if $as_user "$A2P" -o "$ro/out.pdf" "$tmp/in/intl.html" >"$tmp/out" 2>"$tmp/err"; then
    rc=0
else
    rc=$?
fi
expect_rc "output in a read-only folder" 1
one_error "output in a read-only folder" "article2pdf: $ro/out.pdf: "
[ "$ro" = /proc/self ] || leftovers "output in a read-only folder" "$ro"
chmod 755 "$tmp/ro"

# ---- a failed conversion keeps an existing output untouched ---------------------------------------
keep=$tmp/keep
mkdir -p "$keep"
printf 'precious bytes, not a PDF\n' >"$keep/out.pdf"
: >"$keep/empty.html"
cksum_before=$(cksum <"$keep/out.pdf")
run -o "$keep/out.pdf" "$keep/empty.html"
expect_rc "failing conversion onto an existing output" 1
if [ "$(cksum <"$keep/out.pdf")" = "$cksum_before" ]; then
    pass "failing conversion onto an existing output: output unchanged"
else
    fail "failing conversion onto an existing output: output unchanged" "out.pdf was modified"
fi
gzip -9 -n -c samples/feature.html >"$keep/noise.bin"
run -o "$keep/out.pdf" "$keep/noise.bin"
if [ "$rc" -ne 0 ]; then
    if [ "$(cksum <"$keep/out.pdf")" = "$cksum_before" ]; then
        pass "binary input onto an existing output: output unchanged"
    else
        fail "binary input onto an existing output: output unchanged" "out.pdf was modified"
    fi
else
    # a converter may choose to render noise; then it must have written a real PDF
    if head -c 5 "$keep/out.pdf" | grep -q '^%PDF-'; then
        pass "binary input onto an existing output: replaced by a PDF"
    else
        fail "binary input onto an existing output" "exit 0 but out.pdf is not a PDF"
    fi
fi
leftovers "failing conversions" "$keep" out.pdf empty.html noise.bin

# ---- '-': standard input and standard output --------------------------------------------------
if "$A2P" --format text - <samples/news.html >"$tmp/out" 2>"$tmp/err"; then rc=0; else rc=$?; fi
expect_rc "stdin (--format text -)" 0
if grep -q '^For the first time in more than two years, the ferry to Kittle Island' "$tmp/out"; then
    pass "stdin (--format text -): body text on stdout"
else
    fail "stdin (--format text -): body text on stdout" "first paragraph not found"
fi

before=$(ls -A . samples | tr '\n' ' ')
run -o - samples/international.html
expect_rc "-o - (PDF to stdout)" 0
if head -c 5 "$tmp/out" | grep -q '^%PDF-' && tail -c 32 "$tmp/out" | grep -q '%%EOF'; then
    pass "-o -: a whole PDF on stdout"
else
    fail "-o -: a whole PDF on stdout" "$(wc -c <"$tmp/out") bytes, starting \"$(head -c 8 "$tmp/out" | tr -cd '[:print:]')\""
fi
if command -v qpdf >/dev/null 2>&1; then
    if qpdf --check "$tmp/out" >/dev/null 2>&1; then
        pass "-o -: qpdf --check"
    else
        fail "-o -: qpdf --check" "$(qpdf --check "$tmp/out" 2>&1 | tail -n 2 | tr '\n' ' ')"
    fi
else
    fail "-o -: qpdf --check" "qpdf is not installed"
fi
if [ "$(ls -A . samples | tr '\n' ' ')" = "$before" ]; then
    pass "-o -: no file written"
else
    fail "-o -: no file written" "the source tree changed: $(ls -A . samples | tr '\n' ' ')"
fi

if "$A2P" -o - - <samples/international.html >"$tmp/out" 2>"$tmp/err"; then rc=0; else rc=$?; fi
expect_rc "stdin to stdout (-o - -)" 0
if head -c 5 "$tmp/out" | grep -q '^%PDF-'; then
    pass "stdin to stdout (-o - -): PDF"
else
    fail "stdin to stdout (-o - -): PDF" "stdout is not a PDF"
fi

# ---- default output name: beside the input, extension replaced -----------------------------------
d=$tmp/default
mkdir -p "$d/sub"
cp samples/international.html "$d/sub/choirs.2024.html"
(cd "$d" && "$A2P" sub/choirs.2024.html >"$tmp/out" 2>"$tmp/err")
rc=$?
expect_rc "default output name" 0
if [ -s "$d/sub/choirs.2024.pdf" ] && head -c 5 "$d/sub/choirs.2024.pdf" | grep -q '^%PDF-'; then
    pass "default output name: sub/choirs.2024.pdf beside the input"
else
    fail "default output name: sub/choirs.2024.pdf beside the input" "$(ls "$d/sub" | tr '\n' ' ')"
fi
leftovers "default output name" "$d/sub" choirs.2024.html choirs.2024.pdf
leftovers "default output name: nothing in the working folder" "$d" sub
[ -s "$tmp/out" ] && fail "default output name: stdout empty" "$(head -c 80 "$tmp/out")" ||
    pass "default output name: stdout empty"
# Hyphenation patterns are loaded on a thread from a guess at the language (the root
# element's lang); when the guess fails (lang beyond the first 16 KB) or is wrong, the
# article's own language is used all the same: the text is the same either way.
d=$tmp/hyph
mkdir -p "$d"
para='<p>Die Donaudampfschifffahrtsgesellschaft und die Bundesausbildungsförderungsgesetzgebung beschäftigten gestern die Versammlungsteilnehmerinnen der Landeswirtschaftsministerkonferenz bis tief in die Nacht.</p>'
body="<head><title>Zeitungsartikel</title></head><body><article><h1>Zeitungsartikel</h1>$para$para$para</article></body></html>"
printf '<!DOCTYPE html><html lang="de">%s\n' "$body" >"$d/guessed.html"
{
    printf '<!DOCTYPE html>\n<!--'
    i=0
    while [ $i -lt 400 ]; do printf 'a long comment before the root element, to defeat the guess '; i=$((i + 1)); done
    printf -- '-->\n<html lang="de">%s\n' "$body"
} >"$d/unguessed.html"
printf '<!DOCTYPE html><html lang="de">%s\n' "$body" | sed 's/lang="de"/lang="en"/' >"$d/english.html"
for f in guessed unguessed english; do
    run -q --format layout -o "$d/$f.txt" "$d/$f.html" # pdftotext would join the hyphens
    expect_rc "hyphenation: $f" 0
done
if grep -q -- '-"$' "$d/guessed.txt" && cmp -s "$d/guessed.txt" "$d/unguessed.txt"; then
    pass "hyphenation: German patterns whether or not the language was guessed"
else
    fail "hyphenation: German patterns whether or not the language was guessed" \
        "$(grep -c -- '-"$' "$d/guessed.txt") hyphens; $(cmp "$d/guessed.txt" "$d/unguessed.txt" 2>&1)"
fi
if grep -q -- '-"$' "$d/english.txt" && ! cmp -s "$d/guessed.txt" "$d/english.txt"; then
    pass "hyphenation: English patterns give other breaks"
else
    fail "hyphenation: English patterns give other breaks" "same text or no hyphens"
fi
# --- fonts: a missing file fails at start, an unusable one when first used -------------------
mkdir -p "$tmp/data"
cp -r fonts styles "$tmp/data/"
serif=$(awk '$1 == "serif" && $2 == "regular" { print $3; exit }' fonts/manifest)
case $serif in /*) ;; *) serif="fonts/$serif" ;; esac
head -c 3000 "$serif" > "$tmp/data/fonts/cut.ttf"
awk -v cut="$tmp/data/fonts/cut.ttf" '$1 == "serif" && $2 == "regular" { $3 = cut } { print }' \
    fonts/manifest > "$tmp/data/fonts/manifest"
rm -f "$tmp/cut.pdf"
A2P_DATADIR="$tmp/data" "$A2P" -o "$tmp/cut.pdf" samples/news.html 2>"$tmp/cut.err"
rc=$?
if [ $rc = 1 ] && [ ! -e "$tmp/cut.pdf" ] && [ "$(wc -l < "$tmp/cut.err")" = 1 ] &&
   grep -q "cut.ttf: cannot load font" "$tmp/cut.err"; then
    pass "an unusable font file: one error naming it, exit 1, no output"
else
    fail "an unusable font file" "exit $rc, $(head -c 200 "$tmp/cut.err")"
fi
# an unusable fallback is passed over: the next one that covers the text is taken
awk -v cut="$tmp/data/fonts/cut.ttf" '$1 == "fallback" && !done { print "fallback regular " cut; done = 1 } { print }' \
    fonts/manifest > "$tmp/data/fonts/manifest"
rm -f "$tmp/cut.pdf"
if A2P_DATADIR="$tmp/data" "$A2P" -q -o "$tmp/cut.pdf" samples/world-ar.html 2>"$tmp/cut.err" &&
   pdffonts "$tmp/cut.pdf" | grep -q Naskh; then
    pass "an unusable fallback font is passed over"
else
    fail "an unusable fallback font is passed over" "$(head -c 200 "$tmp/cut.err")"
fi
awk -v gone="$tmp/data/fonts/gone.ttf" '$1 == "serif" && $2 == "regular" { $3 = gone } { print }' \
    fonts/manifest > "$tmp/data/fonts/manifest"
A2P_DATADIR="$tmp/data" "$A2P" -o "$tmp/cut.pdf" samples/news.html 2>"$tmp/cut.err"
rc=$?
if [ $rc = 1 ] && grep -q "cannot load font.*gone.ttf" "$tmp/cut.err"; then
    pass "a missing font file: an error naming it at start"
else
    fail "a missing font file" "exit $rc, $(head -c 200 "$tmp/cut.err")"
fi
exit 0
