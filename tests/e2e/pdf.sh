#!/bin/sh
# tests/e2e/pdf.sh - the PDF writer through the whole program: reproducible bytes under
# SOURCE_DATE_EPOCH (also via '-o -'), dates in UTC, text extraction without poppler
# warnings, every face embedded and subset with a valid ToUnicode, small faces (FontFile2
# + ToUnicode + CIDToGIDMap + dictionaries; CJK faces 40 KB), clean qpdf, no temporary
# files left.
# One "PASS name" / "FAIL name: why" line per check. Plain sh (dash).
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
case "$A2P" in /*) ;; *) A2P=$PWD/$A2P ;; esac
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1700000000

pass() { echo "PASS pdf: $1"; }
fail() { echo "FAIL pdf: $1: $2"; }

# face_costs PDF: "NAME BYTES" per Type0 font, all objects the face brings in
face_costs() {
    qpdf --json=2 --json-stream-data=none "$1" 2>/dev/null | python3 -c '
import json, sys
objs = json.load(sys.stdin)["qpdf"][1]
def val(ref):
    o = objs.get("obj:" + ref, {})
    return o.get("value", o.get("stream", {}).get("dict", {}))
def size(ref):  # a dictionary as written, roughly; a stream by its /Length
    o = objs.get("obj:" + ref, {})
    if "stream" in o:
        n = o["stream"]["dict"].get("/Length", 0)
        return (n if isinstance(n, int) else val(n)) + len(json.dumps(o["stream"]["dict"]))
    return len(json.dumps(o.get("value", {})))
for ref, o in objs.items():
    v = o.get("value") if isinstance(o, dict) else None
    if not (isinstance(v, dict) and v.get("/Subtype") == "/Type0"):
        continue
    r = ref[4:]
    cid = v["/DescendantFonts"][0]
    fd = val(cid)["/FontDescriptor"]
    total = size(r) + size(cid) + size(fd) + size(v["/ToUnicode"]) + size(val(fd)["/FontFile2"])
    c2g = val(cid).get("/CIDToGIDMap")
    total += size(c2g) if isinstance(c2g, str) and c2g.endswith(" R") else 0
    print(v["/BaseFont"][1:], total)
'
}

for f in samples/*.html samples/*.xml; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    out=$T/${name%.*}.pdf
    if ! "$A2P" -q -o "$out" "$f" 2>"$T/err"; then
        fail "$name: converts" "$(head -c 200 "$T/err")"
        continue
    fi
    "$A2P" -q -o "$T/again.pdf" "$f" 2>/dev/null
    cmp -s "$out" "$T/again.pdf" && pass "$name: byte-identical under SOURCE_DATE_EPOCH" ||
        fail "$name: byte-identical under SOURCE_DATE_EPOCH" "two runs differ"
    "$A2P" -q -o - "$f" >"$T/stdout.pdf" 2>/dev/null
    cmp -s "$out" "$T/stdout.pdf" && pass "$name: '-o -' writes the same bytes" ||
        fail "$name: '-o -' writes the same bytes" "stdout output differs"

    warn=$(pdftotext "$out" - 2>&1 >/dev/null | head -n 3)
    [ -z "$warn" ] && pass "$name: pdftotext without warnings" ||
        fail "$name: pdftotext without warnings" "$warn"
    pdftotext "$out" - 2>/dev/null | grep -q "$(printf '\357\200\200\\|\357\243\277')" &&
        fail "$name: no private-use characters in the text" "found U+E000/U+F8FF" ||
        pass "$name: no private-use characters in the text"

    fonts=$(pdffonts "$out" 2>&1 | tail -n +3)
    bad=$(echo "$fonts" | awk 'NF && !($(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes")')
    [ -n "$fonts" ] && [ -z "$bad" ] && pass "$name: every face embedded, subset, with ToUnicode" ||
        fail "$name: every face embedded, subset, with ToUnicode" "$bad"
    # 15 KB a face; a CJK face pays ~140 bytes per distinct ideograph, so 40 KB
    big=$(face_costs "$out" | awk '$2 > ($1 ~ /WenQuanYi|CJK|Fallback/ ? 40960 : 15360)')
    n=$(face_costs "$out" | grep -c .)
    [ "$n" -gt 0 ] && [ -z "$big" ] && pass "$name: $n faces, each <= 15 KB in all (CJK 40 KB)" ||
        fail "$name: each face <= 15 KB in all (CJK 40 KB)" "$big (faces: $n)"

    check=$(qpdf --check "$out" 2>&1)
    case "$check" in
    *"No syntax or stream encoding errors found"*) echo "$check" | grep -q WARNING &&
        fail "$name: qpdf --check" "warnings" || pass "$name: qpdf --check" ;;
    *) fail "$name: qpdf --check" "$(echo "$check" | head -n 2)" ;;
    esac
    labels=$(qpdf --json=2 --json-key=pagelabels "$out" 2>/dev/null | tr -d ' \n')
    case "$labels" in
    *'"pagelabels":[{"index":0,"label":{"/S":"/D","/St":1}}]'*) pass "$name: page labels decimal from 1" ;;
    *) fail "$name: page labels decimal from 1" "$labels" ;;
    esac
    info=$(pdfinfo -isodates "$out" 2>&1)
    echo "$info" | grep -q '^CreationDate: *2023-11-14T22:13:20Z\?\(+00:00\)\?$' &&
        pass "$name: CreationDate from SOURCE_DATE_EPOCH" ||
        fail "$name: CreationDate from SOURCE_DATE_EPOCH" "$(echo "$info" | grep CreationDate)"
    echo "$info" | grep -q '^Producer: *article2pdf ' && pass "$name: Producer" ||
        fail "$name: Producer" "$(echo "$info" | grep Producer)"
    echo "$info" | grep -q '^Title: *[^ ]' && pass "$name: Title" || fail "$name: Title" "empty"
done

left=$(ls "$T" | grep -v '\.pdf$' | grep -v '^err$')
[ -z "$left" ] && pass "no temporary files beside the outputs" ||
    fail "no temporary files beside the outputs" "$left"

# --attach-source: the input embedded under its own name, bytes unchanged; a packet
# carries each input once; an XML article whose <source> is a URL carries the XML file;
# the front matter carries nothing
if "$A2P" -q --attach-source -o "$T/att.pdf" samples/news.html 2>"$T/err"; then
    list=$(pdfdetach -list "$T/att.pdf" 2>&1)
    [ "$list" = "$(printf '1 embedded files\n1: news.html')" ] && pass "--attach-source: one file, news.html" ||
        fail "--attach-source: one file, news.html" "$list"
    mkdir -p "$T/x" && pdfdetach -save 1 -o "$T/x/news.html" "$T/att.pdf" 2>/dev/null
    cmp -s "$T/x/news.html" samples/news.html && pass "--attach-source: extracted bytes identical" ||
        fail "--attach-source: extracted bytes identical" "differ"
    qpdf --qdf --object-streams=disable "$T/att.pdf" "$T/att-qdf.pdf" 2>/dev/null
    grep -a -q '^  /Type /Filespec' "$T/att-qdf.pdf" && grep -a -q '^  /UF <feff' "$T/att-qdf.pdf" &&
        grep -a -q '^  /Subtype /text#2fhtml' "$T/att-qdf.pdf" &&
        ! grep -a -q "$PWD" "$T/att-qdf.pdf" &&
        pass "--attach-source: /Filespec with /UF, MIME subtype, no local path" ||
        fail "--attach-source: Filespec" "$(grep -a -A8 Filespec "$T/att-qdf.pdf" | head -n 8 | tr '\n' ' ')"
    check=$(qpdf --check "$T/att.pdf" 2>&1)
    echo "$check" | grep -q 'No syntax or stream encoding errors found' && ! echo "$check" | grep -q WARNING &&
        pass "--attach-source: qpdf --check" || fail "--attach-source: qpdf --check" "$check"
    warn=$(pdftotext "$T/att.pdf" - 2>&1 >/dev/null | head -n 3)
    [ -z "$warn" ] && pass "--attach-source: pdftotext without warnings" ||
        fail "--attach-source: pdftotext without warnings" "$warn"
    "$A2P" -q --attach-source -o "$T/att2.pdf" samples/news.html 2>/dev/null
    cmp -s "$T/att.pdf" "$T/att2.pdf" && pass "--attach-source: byte-identical under SOURCE_DATE_EPOCH" ||
        fail "--attach-source: byte-identical under SOURCE_DATE_EPOCH" "two runs differ"
else
    fail "--attach-source converts" "$(head -c 200 "$T/err")"
fi
if "$A2P" -q --attach-source --packet -o "$T/attp.pdf" samples/news.html samples/feature.html \
    samples/news.html 2>"$T/err"; then
    list=$(pdfdetach -list "$T/attp.pdf" 2>&1 | sed -n 's/^[0-9]*: //p' | sort | tr '\n' ' ')
    [ "$list" = "feature.html news.html " ] &&
        pass "--attach-source packet: each input once" || fail "--attach-source packet: each input once" "$list"
else
    fail "--attach-source packet converts" "$(head -c 200 "$T/err")"
fi
if "$A2P" -q --attach-source -o "$T/attx.pdf" samples/harbour-seals.xml 2>"$T/err"; then
    list=$(pdfdetach -list "$T/attx.pdf" 2>&1)
    [ "$list" = "$(printf '1 embedded files\n1: harbour-seals.xml')" ] &&
        pass "--attach-source: an XML article with a URL source carries its XML file" ||
        fail "--attach-source: XML with a URL source" "$list"
else
    fail "--attach-source XML converts" "$(head -c 200 "$T/err")"
fi
"$A2P" -q -o "$T/noatt.pdf" samples/news.html 2>/dev/null
pdfdetach -list "$T/noatt.pdf" 2>&1 | grep -q '^0 embedded files' && pass "no attachment without --attach-source" ||
    fail "no attachment without --attach-source" "$(pdfdetach -list "$T/noatt.pdf" 2>&1 | head -n 2)"

# a face whose rebuilt file ends on a 4096-byte boundary after an empty table made libharu
# fail at save time (0x1033); these four articles hit it with the samples of 2026-11-26
if "$A2P" -q --packet -o "$T/four.pdf" samples/news.html samples/feature.html \
    samples/harbour-seals.xml samples/night-ferry-nitf.xml 2>"$T/err"; then
    check=$(qpdf --check "$T/four.pdf" 2>&1)
    echo "$check" | grep -q 'No syntax or stream encoding errors found' && ! echo "$check" | grep -q WARNING &&
        [ -z "$(pdftotext "$T/four.pdf" - 2>&1 >/dev/null)" ] &&
        pass "four-article packet saves (face on a 4096-byte boundary)" ||
        fail "four-article packet" "$(echo "$check" | head -n 2)"
else
    fail "four-article packet saves" "$(head -c 200 "$T/err")"
fi

# --- text strings: document title and bookmarks in UTF-16, beyond the BMP too -------------
printf '<html lang="en"><head><title>Clef</title></head><body><article><h1>The treble clef \360\235\204\236 returns</h1><p>A short paragraph about music notation and its symbols, written for a test.</p><h2>Second part \303\251t\303\251</h2><p>Another paragraph follows the heading with enough words.</p></article></body></html>\n' > "$T/clef.html"
if "$A2P" -q -o "$T/clef.pdf" "$T/clef.html"; then
    titles=$(qpdf --json --json-key=outlines "$T/clef.pdf" |
             python3 -c 'import json,sys; d=json.load(sys.stdin)["outlines"]; print("|".join([o["title"] for o in d] + [k["title"] for o in d for k in o["kids"]]))')
    info=$(pdfinfo "$T/clef.pdf" | sed -n 's/^Title: *//p')
    [ "$titles" = "The treble clef 𝄞 returns|Second part été" ] && [ "$info" = "The treble clef 𝄞 returns" ] &&
        pass "bookmarks and title keep accents and characters beyond the BMP" ||
        fail "bookmarks and title" "outlines '$titles', title '$info'"
else
    fail "a title beyond the BMP converts" ""
fi
