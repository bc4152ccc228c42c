/* meta.c - article metadata from an HTML page (issue 3). Simple version: headline from
 * <title>/<h1>, lang and dir from <html>. */
#include <string.h>

#include "ext_html.h"

static xmlNode *find_first(xmlNode *root, const char *name)
{
    for (xmlNode *n = root; n; n = ext_next(root, n, false, NULL))
        if (ext_is(n, name))
            return n;
    return NULL;
}

void meta_collect(xmlDoc *xd, art_doc *doc, const a2p_opts *opts, ext_meta *m)
{
    ar_arena *ar = doc->ar;
    xmlNode *root = xmlDocGetRootElement(xd);
    m->title_tag = m->first_h1 = m->image = m->description = "";
    m->base = opts->base_url;
    xmlNode *t = find_first(root, "title");
    if (t)
        m->title_tag = ext_text(ar, t);
    xmlNode *h = find_first(root, "h1");
    if (h)
        m->first_h1 = ext_text(ar, h);
    doc->headline = *m->first_h1 ? m->first_h1 : m->title_tag;
    const char *lang = ext_attr(root, "lang");
    if (lang)
        doc->lang = ar_strdup(ar, lang);
    const char *dir = ext_attr(root, "dir");
    if (dir)
        doc->dir = ar_strdup(ar, dir);
}

void meta_finish(xmlNode *article, art_doc *doc, ext_meta *m)
{
    (void)article;
    (void)doc;
    (void)m;
}
