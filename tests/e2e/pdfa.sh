#!/bin/sh
# tests/e2e/pdfa.sh - --pdfa: every sample (and a packet, and a page with a transparent
# image) as PDF/A-1b. Checked with qpdf: XMP metadata (/Subtype /XML, unfiltered, parseable,
# pdfaid part 1 B, title XML-escaped and equal to the Info title), an sRGB OutputIntent
# (GTS_PDFA1 with a DestOutputProfile), a trailer /ID, no soft mask, CapHeight and CIDSet in
# every font descriptor; qpdf --check and pdftotext clean; then Apache PDFBox Preflight when
# java and /usr/share/java/preflight.jar are present (else one PASS line says it was skipped).
# One "PASS name" / "FAIL name: why" line per check. Plain sh (dash).
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
case "$A2P" in /*) ;; *) A2P=$PWD/$A2P ;; esac
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1700000000

pass() { echo "PASS pdfa: $1"; }
fail() { echo "FAIL pdfa: $1: $2"; }

J=/usr/share/java
CP=$J/preflight.jar:$J/pdfbox2.jar:$J/fontbox2.jar:$J/xmpbox.jar:$J/commons-logging.jar:$J/javax.activation.jar:$J/jaxb-api.jar
preflight=no
command -v java >/dev/null 2>&1 && [ -r $J/preflight.jar ] && [ -r $J/jaxb-api.jar ] && preflight=yes

# structure NAME PDF [TITLE]: the PDF/A pieces, read from qpdf's JSON
structure() {
    qpdf --json=2 --decode-level=generalized --json-stream-data=inline "$2" >"$T/j.json" 2>/dev/null
    r=$(python3 - "$T/j.json" "${3:-}" <<'EOF'
import base64, json, sys
import xml.etree.ElementTree as ET
j = json.load(open(sys.argv[1]))
objs = j["qpdf"][1]
def get(ref):
    o = objs.get("obj:" + ref) if isinstance(ref, str) else None
    return o
trailer = objs["trailer"]["value"]
bad = []
if not (isinstance(trailer.get("/ID"), list) and len(trailer["/ID"]) == 2):
    bad.append("no trailer /ID")
cat = get(trailer["/Root"])["value"]
meta = get(cat.get("/Metadata", ""))
if not meta:
    bad.append("no /Metadata")
else:
    d = meta["stream"]["dict"]
    if d.get("/Subtype") != "/XML" or "/SubType" in d or "/Filter" in d:
        bad.append("metadata dict %s" % d)
    xmp = base64.b64decode(meta["stream"]["data"]).decode("utf-8")
    try:
        root = ET.fromstring(xmp[xmp.index("<x:xmpmeta"):xmp.rindex("</x:xmpmeta>") + 12])
        ns = {"pdfaid": "http://www.aiim.org/pdfa/ns/id/", "dc": "http://purl.org/dc/elements/1.1/",
              "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
        if root.findtext(".//pdfaid:part", namespaces=ns) != "1" or \
           root.findtext(".//pdfaid:conformance", namespaces=ns) != "B":
            bad.append("pdfaid not 1/B")
        t = root.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=ns)
        if sys.argv[2] and t != sys.argv[2]:
            bad.append("dc:title %r" % t)
    except Exception as e:
        bad.append("XMP does not parse: %s" % e)
oi = cat.get("/OutputIntents")
if not oi:
    bad.append("no /OutputIntents")
else:
    i = get(oi[0]) if isinstance(oi[0], str) and oi[0].endswith(" R") else oi[0]
    i = i["value"] if "value" in i else i
    if i.get("/S") != "/GTS_PDFA1" or "/DestOutputProfile" not in i:
        bad.append("output intent %s" % sorted(i))
fd = 0
for k, o in objs.items():
    v = o.get("value") or o.get("stream", {}).get("dict") or {}
    if not isinstance(v, dict):
        continue
    if "/SMask" in v:
        bad.append("soft mask in " + k)
    if v.get("/Type") == "/FontDescriptor":
        fd += 1
        if "/CapHeight" not in v or "/CIDSet" not in v:
            bad.append("descriptor %s lacks CapHeight/CIDSet" % k)
print("; ".join(bad) if bad else "ok %d" % fd)
EOF
)
    case "$r" in
    ok*) pass "$1: XMP, output intent, /ID, no soft mask, ${r#ok } font descriptors complete" ;;
    *) fail "$1: PDF/A structure" "$r" ;;
    esac
}

clean() { # NAME PDF
    check=$(qpdf --check "$2" 2>&1)
    case "$check" in
    *"No syntax or stream encoding errors found"*) echo "$check" | grep -q WARNING &&
        fail "$1: qpdf --check" "warnings" || pass "$1: qpdf --check" ;;
    *) fail "$1: qpdf --check" "$(echo "$check" | head -n 2)" ;;
    esac
    warn=$(pdftotext "$2" - 2>&1 >/dev/null | head -n 3)
    [ -z "$warn" ] && pass "$1: pdftotext without warnings" || fail "$1: pdftotext without warnings" "$warn"
}

validate() { # NAME PDF
    [ $preflight = yes ] || return 0
    v=$(java -cp "$CP" org.apache.pdfbox.preflight.Validator_A1b "$2" 2>&1)
    echo "$v" | grep -q 'is a valid PDF/A-1b file' && pass "$1: PDFBox Preflight: valid PDF/A-1b" ||
        fail "$1: PDFBox Preflight" "$(echo "$v" | grep -v '^$' | head -n 3 | tr '\n' ' ' | cut -c1-300)"
}

[ $preflight = yes ] && pass "PDFBox Preflight found: validating every file" ||
    pass "PDFBox Preflight skipped (no java or $J/preflight.jar): structure checks only"

for f in samples/*.html samples/*.xml; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    out=$T/${name%.*}.pdf
    if ! "$A2P" -q --pdfa -o "$out" "$f" 2>"$T/err"; then
        fail "$name: converts with --pdfa" "$(head -c 200 "$T/err")"
        continue
    fi
    title=$(pdfinfo "$out" 2>/dev/null | sed -n 's/^Title: *//p')
    structure "$name" "$out" "$title"
    clean "$name" "$out"
    validate "$name" "$out"
done

"$A2P" -q --pdfa -o "$T/again.pdf" samples/news.html 2>/dev/null
cmp -s "$T/news.pdf" "$T/again.pdf" && pass "byte-identical under SOURCE_DATE_EPOCH (with /ID)" ||
    fail "byte-identical under SOURCE_DATE_EPOCH" "two runs differ"

# a packet whose title needs XML escaping, with print options too
t='Tides & <Currents> "weekly"'
if "$A2P" -q --pdfa --grayscale --bleed 3mm --crop-marks --packet --title "$t" -o "$T/packet.pdf" \
    samples/news.html samples/harbour-seals.xml 2>"$T/err"; then
    structure "packet, escaped title" "$T/packet.pdf" "$t"
    clean "packet" "$T/packet.pdf"
    validate "packet" "$T/packet.pdf"
else
    fail "packet converts with --pdfa" "$(head -c 200 "$T/err")"
fi

# a half-transparent PNG: a soft mask in plain PDF, flattened onto white under --pdfa
python3 - "$T/alpha.html" <<'EOF'
import base64, struct, sys, zlib
w, h = 64, 48
rows = b"".join(b"\0" + b"".join(bytes((200, 40, 40, 255 if x < 32 else 90)) for x in range(w)) for _ in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) + \
    chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
uri = "data:image/png;base64," + base64.b64encode(png).decode()
para = "<p>The harbour pilots met on Tuesday to agree a new rota for the winter months, " \
       "when fog closes the channel on one morning in three and the ferries run late.</p>\n"
open(sys.argv[1], "w").write("<!DOCTYPE html><html><head><title>Pilots agree winter rota</title></head>"
    "<body><article><h1>Pilots agree winter rota</h1>\n" + para * 3 +
    '<figure><img src="' + uri + '" alt="chart"><figcaption>Fog days by month.</figcaption></figure>\n' +
    para * 3 + "</article></body></html>\n")
EOF
"$A2P" -q -o "$T/alpha-plain.pdf" "$T/alpha.html" 2>/dev/null
"$A2P" -q --pdfa -o "$T/alpha.pdf" "$T/alpha.html" 2>/dev/null
sm=$(pdfimages -list "$T/alpha-plain.pdf" 2>/dev/null | grep -c smask)
sa=$(pdfimages -list "$T/alpha.pdf" 2>/dev/null | grep -c smask)
im=$(pdfimages -list "$T/alpha.pdf" 2>/dev/null | tail -n +3 | grep -c image)
[ "$sm" -eq 1 ] && [ "$sa" -eq 0 ] && [ "$im" -eq 1 ] &&
    pass "transparent image: soft mask in plain PDF, flattened under --pdfa" ||
    fail "transparent image flattened" "plain smasks=$sm, pdfa smasks=$sa, images=$im"
# the half-transparent right half is lighter than the opaque left half (flattened on white)
pdfimages "$T/alpha.pdf" "$T/img" 2>/dev/null # img-000.ppm: P6 header, then RGB bytes
python3 - "$T"/img-000.ppm <<'EOF' && pass "transparent image: composited onto white" ||
import sys
d = open(sys.argv[1], "rb").read()
head = d.split(b"\n", 3)
w = int(head[1].split()[0])
px = head[3]
left, right = px[3 * 2:3 * 2 + 3], px[3 * (w - 3):3 * (w - 3) + 3]
# opaque (200, 40, 40); alpha 90 over white: (c * 90 + 255 * 165) / 255
want = bytes(round((c * 90 + 255 * 165) / 255) for c in (200, 40, 40))
ok = head[0] == b"P6" and left == bytes((200, 40, 40)) and all(abs(a - b) <= 1 for a, b in zip(right, want))
sys.exit(0 if ok else 1)
EOF
    fail "transparent image: composited onto white" "pixels not as expected"
structure "transparent image" "$T/alpha.pdf" ""
validate "transparent image" "$T/alpha.pdf"

"$A2P" -q --pdfa --attach-source -o "$T/x.pdf" samples/news.html 2>"$T/err"
st=$?
[ $st -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q 'PDF/A-1 forbids attachments' "$T/err" &&
    [ ! -e "$T/x.pdf" ] && pass "--pdfa --attach-source refused: exit 2, one line" ||
    fail "--pdfa --attach-source refused" "exit $st: $(cat "$T/err")"
