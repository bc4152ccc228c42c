#!/bin/sh
# packet.sh - briefing packets and batches (issue 9): cover, contents whose page numbers
# and links land on each article's first page, page count, failures, --strict, manifests,
# feeds, batch outputs with -j.
cd "$(dirname "$0")/../.." || exit 1
BIN=${A2P_BIN:-build/article2pdf}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1764115200
pass() { echo "PASS packet: $1"; }
fail() { echo "FAIL packet: $1"; }
ok() { if [ "$1" -eq 0 ]; then pass "$2"; else fail "$2"; fi; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

set -- samples/news.html samples/feature.html samples/international.html
# each article alone, for its page count
sum=0
for f in "$@"; do
    "$BIN" -q -o "$T/one.pdf" "$f" || fail "single conversion of $f"
    sum=$((sum + $(pages "$T/one.pdf")))
done

"$BIN" -q --packet --title "Morning Briefing" --subtitle "For the harbour board" -o "$T/p.pdf" "$@" 2>"$T/err"
ok $? "three samples bind into a packet"
n=$(pages "$T/p.pdf")
[ "$n" = $((sum + 2)) ] && pass "page count = cover + contents + articles ($n)" ||
    fail "page count $n, expected $((sum + 2))"
qpdf --check "$T/p.pdf" >/dev/null 2>&1 && pass "qpdf --check" || fail "qpdf --check"
pdftotext -f 1 -l 1 "$T/p.pdf" - | grep -q "Morning Briefing" && pass "cover has the title" ||
    fail "cover lacks the title"
pdftotext -f 1 -l 1 "$T/p.pdf" - | grep -q "For the harbour board" && pass "cover has the subtitle" ||
    fail "cover lacks the subtitle"
pdftotext -f 2 -l 2 "$T/p.pdf" - | grep -q "Contents" && pass "page 2 is the contents" ||
    fail "no contents on page 2"

# every contents link lands on a page whose text starts the article it names
links=$(python3 tests/tools/pdflinks.py "$T/p.pdf" | awk '$1 == 2')
[ "$(echo "$links" | grep -c .)" = 3 ] && pass "three contents links" || fail "contents links: $links"
for f in "$@"; do
    head=$("$BIN" --format json "$f" | python3 -c 'import json,sys; print(json.load(sys.stdin)["title"])')
    target=""
    for t in $(echo "$links" | awk '{print $2}'); do
        first=$(pdftotext -f "$t" -l "$t" "$T/p.pdf" - | tr -s ' \n' '  ')
        short=$(echo "$head" | cut -c1-25)
        case "$first" in *"$short"*) target=$t ;; esac
    done
    [ -n "$target" ] && pass "a contents link lands on the first page of '$short'" ||
        fail "no contents link lands on '$head'"
    # and the printed number in the contents is that page
    pdftotext -f 2 -l 2 -layout "$T/p.pdf" - | grep -F "$(echo "$head" | cut -c1-20)" |
        grep -Eq "[^0-9]$target\$" && pass "contents prints page $target for '$short'" ||
        fail "contents page number for '$short' is not $target"
done

# a failing input is listed and left out; --strict writes nothing
"$BIN" -q -o "$T/q.pdf" samples/news.html "$T/missing.html" 2>"$T/err"
[ $? -eq 1 ] && pass "a failed input gives exit 1" || fail "a failed input: wrong exit status"
grep -q "missing.html" "$T/err" && pass "the failed input is named" || fail "failed input not named"
[ -s "$T/q.pdf" ] && pass "the packet is still written" || fail "packet not written"
"$BIN" -q --strict -o "$T/s.pdf" samples/news.html "$T/missing.html" 2>/dev/null
[ $? -eq 1 ] && [ ! -e "$T/s.pdf" ] && pass "--strict writes nothing" || fail "--strict"

# manifest with a comment and a title override
cat >"$T/list.txt" <<EOM
# morning list
$PWD/samples/news.html | Ferry returns
$PWD/samples/feature.html
EOM
"$BIN" -q --manifest "$T/list.txt" -o "$T/m.pdf"
ok $? "manifest packet"
pdftotext -f 2 -l 2 "$T/m.pdf" - | grep -q "Ferry returns" && pass "manifest title override in contents" ||
    fail "manifest title override"

# an RSS feed with two items of full content
cat >"$T/feed.xml" <<'EOM'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Elmsby Ledger</title>
<item><title>Library opens late on Thursdays</title><pubDate>Tue, 14 May 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>From next week the town library will stay open until nine on Thursday evenings, the council said.</p><p>The change costs nothing: two staff have swapped their Saturday shifts.</p>]]></content:encoded></item>
<item><title>Lifeboat crew honoured</title><pubDate>Wed, 15 May 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Four volunteers from the Port Elmsby lifeboat received medals for a night rescue in a gale last winter.</p>]]></content:encoded></item>
</channel></rss>
EOM
"$BIN" -q -o "$T/f.pdf" "$T/feed.xml"
ok $? "feed packet"
pdftotext "$T/f.pdf" - | grep -q "stay open until nine" && pass "feed item text in the packet" ||
    fail "feed item text missing"
pdftotext -f 2 -l 2 "$T/f.pdf" - | grep -q "Lifeboat crew honoured" && pass "feed items in contents" ||
    fail "feed items not in contents"

# an article is parsed once but typeset twice (page count, then its place): a warning of
# its typesetting (a missing image) is printed once, and its text is in the packet once
cat >"$T/img.html" <<'EOM'
<!DOCTYPE html><html lang="en"><head><title>Harbour lights return</title></head><body><article>
<h1>Harbour lights return</h1>
<p>The harbour lights of Port Elmsby were switched on again last night after a winter of repairs.</p>
<figure><img src="no-such-photo.jpg" alt="The lights"><figcaption>The lights at dusk.</figcaption></figure>
<p>Fishermen had complained for months that the dark quay made the evening landings dangerous.</p>
</article></body></html>
EOM
"$BIN" --packet -o "$T/w.pdf" "$T/img.html" samples/news.html 2>"$T/err"
ok $? "packet with a missing image"
[ "$(grep -c "no-such-photo.jpg" "$T/err")" = 1 ] && pass "a typesetting warning is printed once" ||
    fail "typesetting warning printed $(grep -c "no-such-photo.jpg" "$T/err") times"
[ "$(pdftotext "$T/w.pdf" - | grep -c "dark quay made")" = 1 ] && pass "the article's text once" ||
    fail "article text count"

# the packet's pages carry the same text as the articles converted one by one (the kept
# model and the loaded-once style sheet change nothing)
"$BIN" -q -o "$T/one.pdf" samples/feature.html && "$BIN" -q --packet -o "$T/pf.pdf" samples/news.html samples/feature.html
body=$(pdftotext "$T/one.pdf" - | grep -v ' / [0-9]' | tr -s ' \n' '  ' | cut -c1-2000)
pdftotext "$T/pf.pdf" - | tr -s ' \n' '  ' | grep -qF "$(echo "$body" | cut -c200-600)" &&
    pass "packet article text = single conversion text" || fail "packet article text differs"

# batch: one PDF each in --outdir with two workers; a failure is reported, others written
mkdir "$T/out"
"$BIN" -q -j 2 --outdir "$T/out" samples/news.html samples/feature.html "$T/missing.html" 2>"$T/err"
[ $? -eq 1 ] && pass "batch with a failure exits 1" || fail "batch exit status"
[ -s "$T/out/news.pdf" ] && [ -s "$T/out/feature.pdf" ] && pass "batch outputs written" ||
    fail "batch outputs missing"
grep -q "2 converted, 1 failed" "$T/err" && pass "batch summary" || fail "batch summary: $(tail -1 "$T/err")"

# 200 articles from the real corpus (Latin-script pages, repeated to make 200): every
# contents entry's printed page number is its link's target and the article starts there
C=../shared/corpus/readability
if [ -d "$C" ]; then
    awk -F'\t' 'NR > 1 && $8 == "Latin" {print $1}' ../shared/corpus/readability-pages.tsv >"$T/latin"
    n=$(wc -l <"$T/latin")
    i=0
    : >"$T/list200"
    while [ "$i" -lt 200 ]; do
        p=$(sed -n "$((i % n + 1))p" "$T/latin")
        echo "$PWD/$C/$p/source.html" >>"$T/list200"
        i=$((i + 1))
    done
    "$BIN" -q --manifest "$T/list200" --title "Two hundred" -o "$T/p200.pdf" 2>"$T/err200"
    ok $? "200-article packet converts"
    first=$(python3 tests/tools/pdflinks.py "$T/p200.pdf" | awk '$1 == 2 {print $2}' | sort -n | head -n 1)
    front=$((${first:-2} - 1)) # cover and contents: the pages before the first article
    res=$(python3 tests/tools/tocheck.py "$T/p200.pdf" "$front" 2>&1)
    case "$res" in
    "ok 200") pass "200-article packet: every contents number and link lands on its article's first page" ;;
    *) fail "200-article packet contents: $(echo "$res" | head -3 | tr '\n' ' ')" ;;
    esac
fi
