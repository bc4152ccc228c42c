#!/bin/sh
# tests/e2e/images.sh - images end to end: a page of ours (written into a temp dir with the
# images from tests/tools/mkimages) references every format; the PDF must hold each picture
# once with the right size, colour space and filter (pdfimages -list: JPEG as "jpeg" (DCT),
# the rest as "image" (Flate), an smask for each picture with alpha), pass qpdf --check, and
# a missing or broken image must cost a warning naming it, never the caption (pdftotext).
# Also: a page that references a private file outside its folder converts without reading it.
# One "PASS name" / "FAIL name: why" line per check. Plain sh (dash).
set -u
cd "$(dirname "$0")/../.." || exit 2
A2P=${A2P_BIN:-build/article2pdf}
B=${A2P_BUILD:-build}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

run_a2p() {
    if [ "${A2P_VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
            "$A2P" "$@"
    else
        "$A2P" "$@"
    fi
}

for t in pdfimages pdftotext qpdf; do
    if ! command -v "$t" >/dev/null 2>&1; then
        fail "images: tools" "$t is not installed (poppler-utils / qpdf)"
        exit 0
    fi
done
if [ ! -x "$A2P" ] || [ ! -x "$B/tools/mkimages" ]; then
    fail "images: build" "$A2P or $B/tools/mkimages missing (make B=$B)"
    exit 0
fi
site=$tmp/site
mkdir -p "$site/story_files" "$tmp/res"
if ! "$B/tools/mkimages" "$site"; then
    fail "images: mkimages" "generator failed"
    exit 0
fi
cp "$site/png_palette.png" "$site/story_files/saved.png"
cp "$site/jpeg_gray.jpg" "$tmp/res/from-resources.jpg"
printf 'not a picture of anything\n' >"$tmp/private.txt"
datauri=$(cat "$site/datauri.txt")

# ---- the page: one figure per case, each with a caption we look for ----------------------
fig() { # fig SRC CAPTION
    printf '<figure><img src="%s" alt="" width="600" height="400"><figcaption>%s</figcaption></figure>\n' "$1" "$2"
}
{
    cat <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pictures of every kind</title></head>
<body><article>
<h1>Pictures of every kind</h1>
<p>This page is written for the image tests of article2pdf. Every figure below holds a picture
in another format, so that the converter shows what it does with each of them, and each caption
names the picture it belongs to, so that the test can find it again in the text of the PDF.</p>
EOF
    fig jpeg_rgb.jpg "Caption one: a baseline colour JPEG."
    fig jpeg_cmyk.jpg "Caption two: a CMYK JPEG."
    fig jpeg_progressive.jpg "Caption three: a progressive JPEG."
    fig jpeg_cmyk_plain.jpg "Caption three and a half: a CMYK JPEG without the Adobe marker."
    fig jpeg_exif6.jpg "Caption four: a JPEG turned by its EXIF orientation."
    fig png_rgb.png "Caption five: a plain PNG."
    fig png_rgba.png "Caption six: a PNG with alpha."
    fig png_gray.png "Caption seven: a grey PNG."
    fig png_palette_trns.png "Caption eight: a palette PNG with a transparent colour."
    fig png_16bit.png "Caption nine: a sixteen-bit PNG."
    fig png_interlaced.png "Caption ten: an interlaced PNG."
    fig webp_lossy.webp "Caption eleven: a lossy WebP."
    fig webp_alpha.webp "Caption twelve: a WebP with alpha."
    fig gif_trans.gif "Caption thirteen: a GIF with a transparent colour."
    fig "$datauri" "Caption fourteen: a PNG in a data URI."
    fig "https://cdn.example.com/photos/saved.png?w=800" "Caption fifteen: a picture saved with the page."
    fig from-resources.jpg "Caption sixteen: a picture from the resources folder."
    fig missing-picture.jpg "Caption seventeen: a picture that is not there."
    fig bad_truncated.jpg "Caption eighteen: a truncated JPEG."
    fig bomb.png "Caption nineteen: a decompression bomb."
    fig ../private.txt "Caption twenty: a file outside the page folder."
    cat <<'EOF'
<p>That was the last of the pictures. The paragraph is here so that the article ends with text
and the test can check that nothing after the figures went missing either.</p>
</article></body></html>
EOF
} >"$site/story.html"

pdf=$tmp/story.pdf
run_a2p --resources "$tmp/res" -o "$pdf" "$site/story.html" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$pdf" ]; then
    pass "images: page with every format converts"
else
    fail "images: page with every format converts" "exit $rc: $(head -c 300 "$tmp/err")"
    exit 0
fi

# ---- qpdf ---------------------------------------------------------------------------------
if qpdf --check "$pdf" >"$tmp/qpdf" 2>&1; then
    pass "images: qpdf --check clean"
else
    fail "images: qpdf --check clean" "$(grep -v '^checking\|^PDF Version\|^File is not' "$tmp/qpdf" | head -3)"
fi

# ---- pdfimages: type width height color enc, sorted ----------------------------------------
pdfimages -list "$pdf" 2>/dev/null | awk 'NR > 2 { print $3, $4, $5, $6, $9 }' | sort >"$tmp/got"
sort >"$tmp/want" <<'EOF'
image 64 48 rgb jpeg
image 40 30 cmyk jpeg
image 40 30 cmyk image
image 64 48 rgb jpeg
image 20 40 rgb image
image 30 20 rgb image
image 30 20 rgb image
smask 30 20 gray image
image 30 20 gray image
image 32 16 rgb image
smask 32 16 gray image
image 30 20 rgb image
image 30 20 rgb image
image 48 32 rgb image
image 48 32 rgb image
smask 48 32 gray image
image 24 16 rgb image
smask 24 16 gray image
image 30 20 rgb image
image 32 16 rgb image
image 32 24 gray jpeg
EOF
n_img=$(grep -c '^image' "$tmp/got")
if [ "$n_img" -eq 17 ]; then
    pass "images: 17 pictures placed"
else
    fail "images: 17 pictures placed" "pdfimages lists $n_img"
fi
n_jpeg=$(grep -c ' jpeg$' "$tmp/got")
if [ "$n_jpeg" -eq 4 ]; then
    pass "images: JPEGs embedded as DCT"
else
    fail "images: JPEGs embedded as DCT" "$n_jpeg jpeg entries, want 4"
fi
n_smask=$(grep -c '^smask' "$tmp/got")
if [ "$n_smask" -eq 4 ]; then
    pass "images: soft masks exactly for the pictures with alpha"
else
    fail "images: soft masks exactly for the pictures with alpha" "$n_smask smask entries, want 4"
fi
if cmp -s "$tmp/got" "$tmp/want"; then
    pass "images: sizes, colour spaces and filters"
else
    fail "images: sizes, colour spaces and filters" \
        "$(diff "$tmp/want" "$tmp/got" | grep '^[<>]' | tr '\n' ';' | head -c 400)"
fi

# ---- warnings -----------------------------------------------------------------------------
for name in missing-picture.jpg bad_truncated.jpg bomb.png ../private.txt; do
    if grep -q "image '$name'" "$tmp/err"; then
        pass "images: warning names $name"
    else
        fail "images: warning names $name" "stderr: $(head -c 300 "$tmp/err")"
    fi
done
n_warn=$(grep -c "image '" "$tmp/err")
if [ "$n_warn" -eq 4 ]; then
    pass "images: one warning per bad picture"
else
    fail "images: one warning per bad picture" "$n_warn image warnings, want 4"
fi
if grep -q "image '.*private.txt'.*outside" "$tmp/err"; then
    pass "images: file outside the page folder refused"
else
    fail "images: file outside the page folder refused" "no refusal in stderr"
fi

# ---- captions -----------------------------------------------------------------------------
# squash: no white space, hyphens or soft hyphens, ligatures spelt out, so a caption matches
# however the typesetter broke and hyphenated it.
squash() {
    LC_ALL=C tr -d ' \t\r\n\f-' |
        LC_ALL=C sed -e 's/\xc2\xad//g; s/\xe2\x80\x90//g; s/\xe2\x80\x91//g' \
            -e 's/\xef\xac\x80/ff/g; s/\xef\xac\x81/fi/g; s/\xef\xac\x82/fl/g' \
            -e 's/\xef\xac\x83/ffi/g; s/\xef\xac\x84/ffl/g'
    echo
}
pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | squash >"$tmp/text"
for cap in "Caption one" "Caption fourteen" "Caption fifteen" "Caption seventeen: a picture that is not there" \
    "Caption eighteen" "Caption nineteen" "Caption twenty" "That was the last of the pictures"; do
    if grep -qF "$(printf '%s' "$cap" | squash)" "$tmp/text"; then
        pass "images: text '$cap' present"
    else
        fail "images: text '$cap' present" "not in pdftotext output"
    fi
done
if grep -q "notapictureofanything" "$tmp/text"; then
    fail "images: private file not read" "its text is in the PDF"
else
    pass "images: private file not read"
fi

# ---- --no-images: captions stay, pictures go -----------------------------------------------
if run_a2p --no-images -q -o "$tmp/noimg.pdf" "$site/story.html" 2>/dev/null &&
    [ "$(pdfimages -list "$tmp/noimg.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)" -eq 0 ] &&
    pdftotext "$tmp/noimg.pdf" - 2>/dev/null | grep -q "Caption one"; then
    pass "images: --no-images keeps captions, drops pictures"
else
    fail "images: --no-images keeps captions, drops pictures" "pictures present or captions lost"
fi
