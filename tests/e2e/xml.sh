#!/bin/sh
# tests/e2e/xml.sh - article XML and NITF through the command line:
#   - hostile XML from tests/xml/ (billion laughs, external entities, external DTDs,
#     10,000-deep nesting, schema violations, truncation, an HTML page named .xml): exit
#     status, time, the one-line error naming FILE:LINE, and no leak of /etc/passwd;
#   - the round trip: for every sample (samples/*.xml, samples/*.html) and every corpus page
#     (/work/shared/corpus/readability, skipped when absent), INPUT -> --format xml -> read
#     back must give the same --format text and --format json as INPUT itself, and the XML
#     of the XML must be byte-identical. A2P_XML_CORPUS_LIMIT=N checks only N pages.
# One "PASS name" / "FAIL name: why" line per check. Plain sh (dash). A2P_BIN picks the
# converter (tests/run.sh sets it).
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
CORPUS=${A2P_CORPUS:-/work/shared/corpus/readability}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass() { echo "PASS xml: $1"; }
fail() { echo "FAIL xml: $1: $2"; }

if [ ! -x "$A2P" ]; then
    fail "converter" "$A2P not built"
    exit 0
fi

# run LIMIT ARGS...: converter under a time limit; stdout $tmp/out, stderr $tmp/err, $rc.
run() {
    lim=$1
    shift
    if timeout -k 2 "$lim" "$A2P" "$@" >"$tmp/out" 2>"$tmp/err"; then rc=0; else rc=$?; fi
}

# expect NAME WANT_RC: status, no timeout or crash.
expect() {
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        fail "$1" "timed out"
    elif [ "$rc" -ge 128 ]; then
        fail "$1" "killed by signal $((rc - 128))"
    elif [ "$rc" -ne "$2" ]; then
        fail "$1: exit $2" "exit $rc; stderr: $(head -c 200 "$tmp/err" | tr '\n' ' ')"
    else
        pass "$1: exit $2"
    fi
}

# one_line NAME PATTERN: stderr is exactly one line and it matches the grep -E PATTERN.
one_line() {
    n=$(wc -l <"$tmp/err")
    if [ "$n" -eq 1 ] && grep -Eq "$2" "$tmp/err"; then
        pass "$1: one error line"
    else
        fail "$1: one error line" "$n lines: $(head -c 300 "$tmp/err" | tr '\n' '|')"
    fi
}

no_leak() {
    if cat "$tmp/out" "$tmp/err" | grep -q 'root:'; then
        fail "$1: no /etc/passwd in the output" "found 'root:'"
    else
        pass "$1: no /etc/passwd in the output"
    fi
}

x=tests/xml

# ---- entities: refused at the declaration, fast, whatever the reader choice ----------
for mode in auto xml; do
    opt=""
    [ "$mode" = xml ] && opt="--input-format xml"
    # shellcheck disable=SC2086
    run 5 --format text $opt $x/billion-laughs.xml
    expect "billion laughs ($mode)" 1
    one_line "billion laughs ($mode)" "^article2pdf: $x/billion-laughs.xml:3: DOCTYPE declares entities"
    for f in xxe-passwd xxe-parameter; do
        # shellcheck disable=SC2086
        run 5 --format json $opt $x/$f.xml
        expect "$f ($mode)" 1
        one_line "$f ($mode)" "^article2pdf: $x/$f.xml:3: DOCTYPE declares entities"
        no_leak "$f ($mode)"
    done
done
start=$(date +%s%N 2>/dev/null || echo 0)
run 5 --input-format xml --format text $x/billion-laughs.xml
end=$(date +%s%N 2>/dev/null || echo 0)
ms=$(((end - start) / 1000000))
if [ "$ms" -lt 1000 ]; then
    pass "billion laughs: stops within a second (${ms} ms)"
else
    fail "billion laughs: stops within a second" "${ms} ms"
fi

# ---- external DTDs are not loaded: no network, no file ------------------------------
run 5 --format text $x/external-dtd.xml
expect "external DTD on a server" 0
if grep -q 'converts this paragraph' "$tmp/out"; then
    pass "external DTD on a server: article converted"
else
    fail "external DTD on a server: article converted" "text missing"
fi
run 5 --format json $x/dtd-passwd.xml
expect "DTD at file:///etc/passwd" 0
no_leak "DTD at file:///etc/passwd"

# ---- malformed and invalid documents ------------------------------------------------
run 5 --format text $x/truncated.xml
expect "truncated" 1
one_line "truncated" "^article2pdf: $x/truncated.xml:[0-9]+: not well-formed XML: "
run 5 --format text $x/undefined-entity.xml
expect "undefined entity" 1
one_line "undefined entity" "^article2pdf: $x/undefined-entity.xml:4: not well-formed XML: .*eacute"

run 5 --format text $x/invalid-schema.xml
expect "schema violations" 1
ok=1
for l in 2 5 6 8; do
    grep -q "^article2pdf: $x/invalid-schema.xml:$l: " "$tmp/err" || ok=0
done
if [ "$ok" -eq 1 ]; then
    pass "schema violations: each listed as file:line"
else
    fail "schema violations: each listed as file:line" "$(tr '\n' '|' <"$tmp/err" | head -c 400)"
fi
if tail -n 1 "$tmp/err" | grep -q "^article2pdf: $x/invalid-schema.xml: does not match the article schema: 4 errors"; then
    pass "schema violations: one summary line last"
else
    fail "schema violations: one summary line last" "$(tail -n 1 "$tmp/err")"
fi

# 10,000 nested blockquotes: libxml2's depth limit (256, no XML_PARSE_HUGE) stops it
{
    echo '<article xmlns="urn:article2pdf:article:1"><body>'
    i=0
    while [ $i -lt 100 ]; do printf '%s' "$(printf '<blockquote>%.0s' $(seq 100))"; i=$((i + 1)); done
    echo '<p>bottom</p>'
    i=0
    while [ $i -lt 100 ]; do printf '%s' "$(printf '</blockquote>%.0s' $(seq 100))"; i=$((i + 1)); done
    echo '</body></article>'
} >"$tmp/deep.xml"
run 10 --format text "$tmp/deep.xml"
expect "10,000-deep nesting" 1
one_line "10,000-deep nesting" "^article2pdf: $tmp/deep.xml:[0-9]+: .*depth"

# ---- content decides: an HTML page named .xml is HTML --------------------------------
run 10 --format text $x/html-named.xml
expect "HTML named .xml" 0
if grep -q 'content decides' "$tmp/out"; then
    pass "HTML named .xml: converted as HTML"
else
    fail "HTML named .xml: converted as HTML" "text missing"
fi

# ---- NITF sample maps its metadata ------------------------------------------------------
run 10 --format json samples/night-ferry-nitf.xml
expect "NITF sample" 0
ok=1
for want in '"title": "Night ferry returns after a two-year pause"' \
    '"authors": \["Tomasz Wren", "Ada Lindqvist"\]' '"published": "2026-11-24T06:30:00Z"' \
    '"site": "The Estuary Courier"' '"src": "images/harbour.jpg"' '"type": "table"'; do
    grep -q "$want" "$tmp/out" || { ok=0; fail "NITF sample: mapping" "no $want"; }
done
[ "$ok" -eq 1 ] && pass "NITF sample: headline, authors, date, site, lead, table mapped"

# ---- declared encodings, and libxml2 without ICU ------------------------------------------
# libxml2 decodes a declared 8-bit encoding itself or through iconv; the build may stand a
# stub in for ICU (converter/gen/icu_stub.c), so this checks that nothing of it went with ICU,
# that an unknown encoding is still one clear error, and that ICU's libraries stay out.
printf '<?xml version="1.0" encoding="ISO-8859-2"?>\n<article xmlns="urn:article2pdf:article:1" lang="pl"><headline>\243\363d\274</headline><body><p>Za\277\363\263\346 g\352\266l\261 ja\274\361.</p></body></article>\n' > "$tmp/latin2.xml"
run 10 --format text "$tmp/latin2.xml"
expect "ISO-8859-2 article" 0
if grep -q 'Zażółć gęślą jaźń' "$tmp/out"; then pass "ISO-8859-2 article: decoded"
else fail "ISO-8859-2 article: decoded" "$(head -c 100 "$tmp/out")"; fi
printf '<?xml version="1.0" encoding="windows-1250"?>\n<article xmlns="urn:article2pdf:article:1" lang="cs"><headline>T</headline><body><p>P\370\355li\232 \236lu\235ou\350k\375 k\371\362.</p></body></article>\n' > "$tmp/cp1250.xml"
run 10 --format text "$tmp/cp1250.xml"
if [ "$rc" -eq 0 ] && grep -q 'Příliš žluťoučký kůň' "$tmp/out"; then pass "windows-1250 article: decoded"
else fail "windows-1250 article: decoded" "exit $rc: $(head -c 100 "$tmp/out")"; fi
printf '<?xml version="1.0" encoding="x-no-such-charset"?>\n<article xmlns="urn:article2pdf:article:1"><headline>T</headline><body><p>Text.</p></body></article>\n' > "$tmp/enc.xml"
run 10 --format text "$tmp/enc.xml"
expect "unknown encoding" 1
one_line "unknown encoding" "enc\.xml:1: .*[Uu]nsupported encoding x-no-such-charset"
if ls "$(dirname "$A2P")"/lib/libicuuc.so.* >/dev/null 2>&1; then
    # the stand-in, not ICU, and ICU's 30 MB of data not mapped (the sanitizers' runtime
    # brings libstdc++ of its own, so that is not asked); and libxml2, which binds every
    # symbol at load, finds all it imports in it
    libs=$(ldd -r "$A2P" 2>&1)
    if echo "$libs" | grep -q "libicuuc.so.* => $(cd "$(dirname "$A2P")" && pwd)/lib/" &&
       ! echo "$libs" | grep -q 'libicudata'; then
        pass "ICU stub: the stand-in loads instead of ICU"
    else
        fail "ICU stub: the stand-in loads instead of ICU" "$(echo "$libs" | grep -E 'icu' | tr '\n' ' ')"
    fi
    if echo "$libs" | grep -q 'undefined symbol'; then
        fail "ICU stub: every symbol resolves (ldd -r)" "$(echo "$libs" | grep 'undefined symbol' | head -3 | tr '\n' ' ')"
    else
        pass "ICU stub: every symbol resolves (ldd -r)"
    fi
fi

# ---- round trip ---------------------------------------------------------------------------
# roundtrip NAME INPUT: prints nothing when INPUT -> xml -> back agrees, else the reason.
roundtrip() {
    in=$2
    timeout 30 "$A2P" -q --format xml "$in" >"$tmp/a.xml" 2>"$tmp/rt.err" || {
        echo "xml dump failed: $(head -c 200 "$tmp/rt.err")"
        return
    }
    timeout 30 "$A2P" -q --format xml "$tmp/a.xml" >"$tmp/b.xml" 2>"$tmp/rt.err" || {
        echo "dump does not read back: $(head -c 300 "$tmp/rt.err" | tr '\n' '|')"
        return
    }
    cmp -s "$tmp/a.xml" "$tmp/b.xml" || {
        echo "XML of the XML differs: $(diff "$tmp/a.xml" "$tmp/b.xml" | head -n 3 | tr '\n' '|' | head -c 300)"
        return
    }
    for fmt in text json; do
        timeout 30 "$A2P" -q --format $fmt "$in" >"$tmp/a.$fmt" 2>/dev/null
        timeout 30 "$A2P" -q --format $fmt "$tmp/a.xml" >"$tmp/b.$fmt" 2>/dev/null
        cmp -s "$tmp/a.$fmt" "$tmp/b.$fmt" || {
            echo "--format $fmt differs: $(diff -a "$tmp/a.$fmt" "$tmp/b.$fmt" | head -n 3 | cut -c1-150 | tr '\n' '|')"
            return
        }
    done
}

for f in samples/*.xml samples/*.html; do
    [ -f "$f" ] || continue
    why=$(roundtrip "$f" "$f")
    if [ -z "$why" ]; then
        pass "round trip: $f"
    else
        fail "round trip: $f" "$why"
    fi
done

if [ ! -d "$CORPUS" ]; then
    echo "SKIP xml: corpus round trip ($CORPUS absent)"
    exit 0
fi
limit=${A2P_XML_CORPUS_LIMIT:-0}
n=0
bad=0
for d in "$CORPUS"/*/; do
    [ -f "$d/source.html" ] || continue
    [ "$limit" -gt 0 ] && [ "$n" -ge "$limit" ] && break
    n=$((n + 1))
    why=$(roundtrip "$(basename "$d")" "$d/source.html")
    if [ -n "$why" ]; then
        bad=$((bad + 1))
        fail "corpus round trip: $(basename "$d")" "$why"
    fi
done
if [ "$bad" -eq 0 ] && [ "$n" -gt 0 ]; then
    pass "corpus round trip: $n pages, text and json identical"
else
    fail "corpus round trip" "$bad of $n pages differ"
fi
exit 0
