#!/bin/sh
# tests/bad/make.sh DIR - write the big hostile inputs into DIR at test time (too large to
# commit): 10,000-deep nesting of blocks, of inline elements and of lists, a 50 MB text node
# in a paragraph and another in a script, a 20,000-row table, a 150,000-word table cell,
# and a page that is nothing but links.
# Each convertible one carries a short real article, so "still convertible" has a meaning.
# Plain sh (dash); needs only awk, yes, head, tr.
set -eu
dir=${1:?usage: make.sh DIR}
mkdir -p "$dir"

article() {
    cat <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tide gauge records highest spring tide</title></head>
<body><article><h1>Tide gauge records highest spring tide</h1>
<p>The tide gauge at the end of the harbour wall recorded its highest spring tide on Sunday night, eleven centimetres above the previous record set in 1953.</p>
<p>Nobody was hurt, and the flood gates on Quay Street were closed two hours before high water, but the water reached the steps of the lifeboat station.</p>
EOF
}
tail_html() { printf '</article></body></html>\n'; }

# 10,000 nested <div>s around the last paragraph
{
    article
    awk 'BEGIN { for (i = 0; i < 10000; i++) printf "<div>"; printf "<p>Deep inside ten thousand blocks.</p>";
                 for (i = 0; i < 10000; i++) printf "</div>"; print "" }'
    tail_html
} >"$dir/deep-div.html"

# 10,000 nested inline elements, alternating, never closed
{
    article
    printf '<p>Emphasis upon emphasis: '
    awk 'BEGIN { for (i = 0; i < 5000; i++) printf "<b><i>x "; print "" }'
    printf 'the end.</p>\n'
    tail_html
} >"$dir/deep-inline.html"

# 10,000 nested lists
{
    article
    awk 'BEGIN { for (i = 0; i < 10000; i++) printf "<ul><li>level %d ", i;
                 for (i = 0; i < 10000; i++) printf "</li></ul>"; print "" }'
    tail_html
} >"$dir/deep-list.html"

# a 50 MB text node in one paragraph (words, so lines can break)
{
    article
    printf '<p>'
    yes 'the water rose over the harbour wall and ran along the quay' | head -c 52428800
    printf '</p>\n'
    tail_html
} >"$dir/big-text.html"

# a 50 MB text node inside a script: parsed, then dropped
{
    article
    printf '<script>var blob = "'
    yes 'abcdefghijklmnopqrstuvwxyz0123456789' | head -c 52428800 | tr -d '\n'
    printf '";</script>\n'
    tail_html
} >"$dir/big-script.html"

# a table of 20,000 rows, and a table whose one cell holds 150,000 words: every row and cell
# asks whether its table holds data, and a row taller than a page is cut into bands
{
    article
    printf '<table>'
    awk 'BEGIN { for (i = 0; i < 20000; i++) printf "<tr><td>pier %d</td><td>%d:30</td><td>open</td></tr>", i, i % 24 }'
    printf '</table>\n'
    tail_html
} >"$dir/big-table.html"
{
    article
    printf '<table><tr><th>Log</th></tr><tr><td>'
    awk 'BEGIN { for (i = 0; i < 150000; i++) printf "word%d ", i; print "" }'
    printf '</td></tr></table>\n'
    tail_html
} >"$dir/big-cell.html"

# a page of 20,000 links and nothing else
{
    printf '<!DOCTYPE html>\n<html><head><title>Site map</title></head><body><ul>\n'
    awk 'BEGIN { for (i = 0; i < 20000; i++)
                 printf "<li><a href=\"/news/%d\">Story number %d from the archive</a></li>\n", i, i }'
    printf '</ul></body></html>\n'
} >"$dir/all-links.html"
