/* input.c - choose the reader by content: the root element's name decides, not the file
 * name (an HTML page saved as .xml is still HTML). libc only. */
#include "input.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Name of the first element, skipping BOM, XML declaration, comments, doctype. */
static void root_name(const char *s, size_t n, char *name, size_t cap)
{
    size_t i = 0;
    name[0] = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < n) {
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        if (i >= n || s[i] != '<')
            return;
        if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
            const char *e = NULL;
            for (size_t j = i + 4; j + 3 <= n; j++)
                if (memcmp(s + j, "-->", 3) == 0) {
                    e = s + j;
                    break;
                }
            if (!e)
                return;
            i = (size_t)(e - s) + 3;
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '?' || s[i + 1] == '!')) {
            /* a DOCTYPE's internal subset holds '>' of its own: skip to its ']' first */
            while (i < n && s[i] != '>' && s[i] != '[')
                i++;
            if (i < n && s[i] == '[')
                while (i < n && s[i] != ']')
                    i++;
            while (i < n && s[i] != '>')
                i++;
            i++;
            continue;
        }
        i++;
        size_t k = 0;
        while (i < n && k + 1 < cap &&
               (isalnum((unsigned char)s[i]) || s[i] == ':' || s[i] == '-' || s[i] == '_'))
            name[k++] = (char)tolower((unsigned char)s[i++]);
        name[k] = 0;
        return;
    }
}

bool in_is_feed(const char *bytes, size_t len)
{
    char name[64];
    root_name(bytes, len < 65536 ? len : 65536, name, sizeof name);
    return strcmp(name, "rss") == 0 || strcmp(name, "feed") == 0 || strcmp(name, "rdf:rdf") == 0;
}

bool in_file_is_feed(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char *head = malloc(65536);
    size_t got = head ? fread(head, 1, 65536, f) : 0;
    fclose(f);
    bool feed = got > 0 && in_is_feed(head, got);
    free(head);
    return feed;
}

art_doc *in_read(const char *path, const char *bytes, size_t len, const a2p_opts *opts,
                 ar_arena *ar, a2p_err *err)
{
    a2p_informat f = opts->informat;
    if (f == IN_AUTO) {
        char name[64];
        root_name(bytes, len < 65536 ? len : 65536, name, sizeof name);
        const char *local = strchr(name, ':') ? strchr(name, ':') + 1 : name;
        if (strcmp(local, "article") == 0 || strcmp(local, "nitf") == 0)
            f = IN_XML;
        else
            f = IN_HTML;
    }
    if (f == IN_XML || f == IN_NITF)
        return in_xml_read(path, bytes, len, opts, ar, err);
    return in_html_read(path, bytes, len, opts, ar, err);
}
