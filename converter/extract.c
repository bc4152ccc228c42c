/* extract.c - main-content detection for HTML pages (issue 3). Simple version:
 * <article>, else <main>, else <body>. */
#include <string.h>

#include "ext_html.h"

static const char *const never[] = {"script", "style", "noscript", "template", "nav",
                                    "aside", "form", "footer", "iframe", NULL};

void ext_clean(xmlDoc *xd)
{
    xmlNode *root = xmlDocGetRootElement(xd);
    xmlNode *n = root ? root->children : NULL;
    while (n) {
        bool drop = false;
        if (n->type == XML_COMMENT_NODE)
            drop = true;
        else if (n->type == XML_ELEMENT_NODE) {
            for (int i = 0; never[i] && !drop; i++)
                drop = strcmp((const char *)n->name, never[i]) == 0;
            drop = drop || ext_hidden(n);
        }
        xmlNode *nx = ext_next(root, n, drop, NULL);
        if (drop) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        }
        n = nx;
    }
}

static xmlNode *find_first(xmlNode *root, const char *name)
{
    for (xmlNode *n = root; n; n = ext_next(root, n, false, NULL))
        if (ext_is(n, name))
            return n;
    return NULL;
}

xmlNode *ext_find_article(xmlDoc *xd, art_doc *doc, ar_arena *scratch)
{
    (void)doc;
    (void)scratch;
    xmlNode *root = xmlDocGetRootElement(xd);
    if (!root)
        return NULL;
    xmlNode *a = find_first(root, "article");
    if (!a)
        a = find_first(root, "main");
    if (!a)
        a = find_first(root, "body");
    return a ? a : root;
}
