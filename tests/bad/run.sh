#!/bin/sh
# tests/bad/run.sh - hostile inputs: each is converted under a time limit (timeout 20) and must
#   - finish in time and not crash (killed by a signal, exit >= 128, is a FAIL);
#   - exit with the expected status: 0 where the page is still convertible, 1 where it is not;
#   - on stderr print, when it fails, exactly one error line "article2pdf: PATH: message"
#     (or "PATH:LINE: message") naming the input, and at most 10 warning lines "article2pdf: PATH: warning: ...";
#   - leave behind exactly one PDF on success and nothing at all on failure.
# Small inputs are committed here; the big ones are written at test time by make.sh.
# One "PASS name" / "FAIL name: why" line per check. Plain sh (dash).
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
LIMIT=20
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass() { echo "PASS bad: $1"; }
fail() { echo "FAIL bad: $1: $2"; }

if [ ! -x "$A2P" ]; then
    fail "converter" "$A2P not built"
    exit 0
fi
if ! command -v timeout >/dev/null 2>&1; then
    fail "timeout" "coreutils timeout is not installed"
    exit 0
fi
if sh tests/bad/make.sh "$tmp/gen" 2>"$tmp/make.err"; then
    pass "make.sh wrote the big inputs"
else
    fail "make.sh wrote the big inputs" "$(head -n 2 "$tmp/make.err" | tr '\n' ' ')"
fi

# case INPUT WANT [OPTIONS...]
case_() {
    in=$1 want=$2
    shift 2
    name=$(basename "$in")${1:+ $*}
    if [ ! -f "$in" ]; then
        fail "$name" "input $in is missing"
        return
    fi
    out=$tmp/out
    rm -rf "$out"
    mkdir -p "$out"
    if timeout -k 5 "$LIMIT" "$A2P" "$@" -o "$out/a.out" "$in" >"$tmp/stdout" 2>"$tmp/stderr"; then
        rc=0
    else
        rc=$?
    fi

    # time and crashes first: the other checks mean little after either
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        fail "$name: finishes within ${LIMIT}s" "timed out (exit $rc)"
        return
    fi
    pass "$name: finishes within ${LIMIT}s"
    if [ "$rc" -ge 128 ]; then
        fail "$name: no crash" "killed by signal $((rc - 128)): $(tail -n 2 "$tmp/stderr" | tr '\n' ' ')"
        return
    fi
    pass "$name: no crash"

    if [ "$rc" -eq "$want" ]; then
        pass "$name: exit $want"
    else
        fail "$name: exit $want" "exit $rc; stderr: $(head -c 300 "$tmp/stderr" | tr '\n' ' ')"
    fi

    # stderr: warnings name the input; a failure adds exactly one error line naming it
    warn=$(grep -c "^article2pdf: $in: warning: " "$tmp/stderr")
    other=$(grep -vc "^article2pdf: $in: warning: " "$tmp/stderr")
    errline=$(grep -v "^article2pdf: $in: warning: " "$tmp/stderr" | head -n 1)
    if [ "$rc" -eq 0 ]; then
        if [ "$other" -eq 0 ] && [ "$warn" -le 10 ]; then
            pass "$name: stderr holds only warnings naming the file ($warn)"
        else
            fail "$name: stderr holds only warnings naming the file" \
                "$warn warnings, other lines: $(grep -v "^article2pdf: $in: warning: " "$tmp/stderr" | head -c 200 | tr '\n' '|')"
        fi
    else
        case "$errline" in
        "article2pdf: $in: "?* | "article2pdf: $in:"[0-9]*": "?*) ok=1 ;; # PATH or PATH:LINE
        *) ok=0 ;;
        esac
        if [ "$ok" -eq 1 ] && [ "$other" -eq 1 ] && [ "$warn" -le 10 ]; then
            pass "$name: one error line naming the file"
        else
            fail "$name: one error line naming the file" \
                "$other other lines, $warn warnings, first: \"$(printf '%s' "$errline" | head -c 200)\""
        fi
    fi

    # output: one PDF on success, nothing on failure (no partial or temporary file)
    left=$(ls -A "$out" | tr '\n' ' ')
    if [ "$rc" -eq 0 ]; then
        case "$*" in
        *"--format text"*) magic="" ;;
        *) magic="%PDF-" ;;
        esac
        if [ "$left" = "a.out " ] && [ "$(head -c ${#magic} "$out/a.out")" = "$magic" ]; then
            pass "$name: one output file"
        else
            fail "$name: one output file" "folder holds [$left]"
        fi
    else
        if [ -z "$left" ]; then
            pass "$name: nothing left behind"
        else
            fail "$name: nothing left behind" "folder holds [$left]"
        fi
    fi
}

b=tests/bad
g=$tmp/gen
# committed: still convertible (0)
case_ $b/truncated.html 0
case_ $b/invalid-utf8.html 0
case_ $b/nul-bytes.html 0
case_ $b/control-chars.html 0
case_ $b/utf16.html 0
case_ $b/html-named.xml 0
case_ $b/unclosed-comment.html 0
case_ $b/bad-images.html 0
# committed: not convertible (1)
case_ $b/empty.html 1
case_ $b/whitespace.html 1
case_ $b/binary.gz 1
case_ $b/script-only.html 1
case_ $b/broken-article.xml 1
case_ $b/images/huge-dims.png 1
# generated: deep nesting still yields the article (0)
case_ $g/deep-div.html 0
case_ $g/deep-inline.html 0
case_ $g/deep-list.html 0
# a 50 MB text node: the reader copes (text), and the whole 50 MB is read but the script dropped
case_ $g/big-text.html 0 --format text
case_ $g/big-script.html 0
# 50 MB of prose is about 8,000 pages: more than LIM_PAGES (5,000), so it must stop with an error
case_ $g/big-text.html 1
# a long table and a huge layout-table cell convert in time (linear, not quadratic)
case_ $g/big-table.html 0
case_ $g/big-cell.html 0
if timeout -k 5 "$LIMIT" "$A2P" -q -o "$tmp/cell.pdf" $g/big-cell.html 2>/dev/null &&
    pdftotext "$tmp/cell.pdf" - 2>/dev/null | grep -q 'word149999'; then
    pass "big-cell.html: the cell's last word reaches the PDF"
else
    fail "big-cell.html: the cell's last word reaches the PDF" "missing"
fi
# a page of links has no article
case_ $g/all-links.html 1

# the text of convertible pages survives: a few spot checks on --format text
spot() {
    if timeout -k 5 "$LIMIT" "$A2P" --format text "$1" >"$tmp/text" 2>/dev/null &&
        grep -q "$2" "$tmp/text"; then
        pass "$(basename "$1"): text kept ($2)"
    else
        fail "$(basename "$1"): text kept" "\"$2\" not in --format text output"
    fi
}
spot $b/truncated.html 'The new reading room has sixty seats'
spot $b/invalid-utf8.html 'in the middle of a sentence that still reads to the end'
spot $b/nul-bytes.html 'byte inside it, and another'
spot $b/control-chars.html 'in a sentence that carries on'
spot $b/utf16.html 'burst water main flooded its basement stacks'
spot $b/html-named.xml 'burst water main flooded its basement stacks'
spot $b/unclosed-comment.html 'well above any future flood'
spot $g/deep-div.html 'eleven centimetres above the previous record'
spot $g/deep-inline.html 'eleven centimetres above the previous record'
# hostile text survives the article XML dump: --format xml must be XML our reader takes back,
# with the same body text (controls, NULs and bad bytes must not make the dump malformed)
for f in truncated.html invalid-utf8.html nul-bytes.html control-chars.html utf16.html; do
    n="$f: --format xml reads back"
    if ! timeout -k 5 "$LIMIT" "$A2P" --format xml "$b/$f" >"$tmp/rt.xml" 2>/dev/null; then
        fail "$n" "--format xml failed"
    elif ! timeout -k 5 "$LIMIT" "$A2P" --format text "$tmp/rt.xml" >"$tmp/rt.txt" 2>"$tmp/rt.err"; then
        fail "$n" "reading the dump back failed: $(head -n 1 "$tmp/rt.err")"
    elif timeout -k 5 "$LIMIT" "$A2P" --format text "$b/$f" 2>/dev/null | cmp -s - "$tmp/rt.txt"; then
        pass "$n"
    else
        fail "$n" "the text differs after the round trip"
    fi
done
if timeout -k 5 "$LIMIT" "$A2P" --format text "$b/unclosed-comment.html" 2>/dev/null | grep -q 'hidden'; then
    fail "unclosed-comment.html: comment text dropped" "text inside the comment was kept"
else
    pass "unclosed-comment.html: comment text dropped"
fi
exit 0
