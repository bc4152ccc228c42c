/* in_xml.c - article XML (README "Article XML", schema converter/article.rng) and the
 * shared, hardened XML parse that in_nitf.c also uses. libxml2 stays in in_*.c.
 *
 * Hostile input: no DTD is loaded, no entity is substituted, and a DOCTYPE that declares
 * any entity stops the parser at the declaration (billion laughs, external entities such
 * as file:///etc/passwd); no network (XML_PARSE_NONET); libxml2's own depth and size
 * limits stay on (no XML_PARSE_HUGE) and the walk below is bounded by LIM_DEPTH. */
#include "input.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "limits.h"

#define A2P_NS "urn:article2pdf:article:1"
/* Authors kept: art_doc_add_author() compares each new name with all before it, so a
 * file of a million <author> elements would take hours. */
#define MAX_AUTHORS 64
/* Schema errors printed before the summary; a hostile file could make millions. */
#define MAX_SCHEMA_LINES 1000

/* in_nitf.c: build DOC from a parsed <nitf> tree (same error contract as the readers). */
bool in_nitf_build(xmlNode *root, art_doc *doc, a2p_err *err);

/* ---- parsing ----------------------------------------------------------------------- */

typedef struct parse_state {
    bool entity_decl; /* a DOCTYPE declared an entity: refused */
    int entity_line;
    int err_line; /* first error */
    char err_msg[200];
} parse_state;

static void trim_msg(char *dst, size_t cap, const char *msg)
{
    snprintf(dst, cap, "%s", msg ? msg : "error");
    size_t n = strlen(dst);
    while (n && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
        dst[--n] = 0;
}

/* Structured error handler of the parser context: keep the first error only. */
static void on_parse_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    parse_state *ps = ctxt->_private;
    if (!ps || !e || e->level < XML_ERR_ERROR || ps->err_msg[0])
        return;
    ps->err_line = e->line;
    trim_msg(ps->err_msg, sizeof ps->err_msg, e->message);
}

/* SAX entityDecl: any declared entity (general or parameter, internal or external) ends
 * the parse before it can be referenced. */
static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
                           const xmlChar *sys, xmlChar *content)
{
    (void)name, (void)type, (void)pub, (void)sys, (void)content;
    xmlParserCtxtPtr ctxt = ctx;
    parse_state *ps = ctxt->_private;
    if (!ps->entity_decl) {
        ps->entity_decl = true;
        ps->entity_line = xmlSAX2GetLineNumber(ctxt);
    }
    xmlStopParser(ctxt);
}

/* Never resolve an external entity or DTD, whatever the options say. */
static xmlParserInputPtr no_resolve(void *ctx, const xmlChar *pub, const xmlChar *sys)
{
    (void)ctx, (void)pub, (void)sys;
    return NULL;
}

/* Parse BYTES into a tree the caller frees with xmlFreeDoc; NULL with ERR set. */
static xmlDoc *parse(const char *path, const char *bytes, size_t len, a2p_err *err)
{
    if (len > (size_t)INT32_MAX)
        return err_set(err, 1, path, "XML input too large"), NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return err_set(err, 1, path, "out of memory"), NULL;
    parse_state ps = {0};
    ctxt->_private = &ps;
    ctxt->sax->entityDecl = on_entity_decl;
    ctxt->sax->resolveEntity = no_resolve;
    ctxt->sax->serror = on_parse_error;
    /* no NOENT, no DTDLOAD/DTDATTR/DTDVALID, no HUGE */
    int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
               XML_PARSE_NOWARNING;
    xmlDoc *d = xmlCtxtReadMemory(ctxt, bytes, (int)len, path, NULL, opts);
    bool wf = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    if (ps.entity_decl) {
        if (d)
            xmlFreeDoc(d);
        char where[600];
        snprintf(where, sizeof where, "%s:%d", path, ps.entity_line);
        return err_set(err, 1, where,
                       "DOCTYPE declares entities; refused (entities are not "
                       "expanded or loaded)"),
               NULL;
    }
    if (strstr(ps.err_msg, "Excessive depth")) /* libxml2's own limit; say it plainly */
        snprintf(ps.err_msg, sizeof ps.err_msg,
                 "nesting deeper than %d elements (libxml2's "
                 "depth limit)",
                 LIM_DEPTH);
    if (!d || !wf || ps.err_msg[0]) {
        if (d)
            xmlFreeDoc(d);
        char where[600];
        if (ps.err_line > 0)
            snprintf(where, sizeof where, "%s:%d", path, ps.err_line);
        else
            snprintf(where, sizeof where, "%s", path);
        return err_set(err, 1, where, "not well-formed XML: %s",
                       ps.err_msg[0] ? ps.err_msg : "parse failed"),
               NULL;
    }
    return d;
}

/* ---- schema validation ------------------------------------------------------------- */

typedef struct schema_state {
    const char *path;
    int count;
    int first_line;
} schema_state;

static void on_schema_error(void *ctx, xmlErrorPtr e)
{
    schema_state *ss = ctx;
    if (!e || e->level < XML_ERR_ERROR)
        return;
    int line = e->line;
    if (line <= 0 && e->node)
        line = (int)xmlGetLineNo((xmlNode *)e->node);
    if (ss->count == 0)
        ss->first_line = line;
    ss->count++;
    if (ss->count <= MAX_SCHEMA_LINES) {
        char msg[300];
        trim_msg(msg, sizeof msg, e->message);
        fprintf(stderr, "article2pdf: %s:%d: %s\n", ss->path, line, msg);
    }
}

static void on_rng_parse_error(void *ctx, xmlErrorPtr e)
{
    int *n = ctx;
    if (e && e->level >= XML_ERR_ERROR)
        (*n)++;
}

/* Where the schema is: the source tree (DATA/converter/) or the installed DATA/. */
static bool schema_path(const a2p_opts *opts, char *out, size_t cap)
{
    const char *dd = opts && opts->data_dir ? opts->data_dir : ".";
    snprintf(out, cap, "%s/converter/article.rng", dd);
    if (access(out, R_OK) == 0)
        return true;
    snprintf(out, cap, "%s/article.rng", dd);
    return access(out, R_OK) == 0;
}

/* ---- structural pre-check ----------------------------------------------------------
 * libxml2's RELAX NG validator slows down with the square of the number of violations
 * (8,000 bad paragraphs: 5 s; 50,000: over 5 minutes). This pass walks the tree once
 * with the schema's content model written out in C and counts violations; past
 * PRECHECK_LIMIT it reports them itself and the document is refused without RELAX NG.
 * Below it, article.rng stays the judge and libxml2 writes the messages. */

#define PRECHECK_LIMIT 100

typedef enum cm {
    CM_ROOT,    /* header elements in order, then body */
    CM_TEXT,    /* text only */
    CM_SECTION, /* text, or <s> parts */
    CM_FIG,     /* img? caption? credit? */
    CM_EMPTY,   /* nothing (img, hr, br) */
    CM_FLOW,    /* blocks */
    CM_INLINE,  /* text and inline elements */
    CM_MIXED,   /* text, inline elements and blocks */
} cm;

enum { K_HEAD = 1, K_BLOCK = 2, K_INLINE = 4, K_FIG = 8, K_S = 16, K_BODY = 32 };

static const struct vocab {
    const char *name;
    cm content;
    unsigned kind;
    int order;         /* position in the header or in a figure */
    const char *attrs; /* "|a|b|" allowed attributes */
} vocab[] = {
    {"article", CM_ROOT, 0, 0, "|lang|dir|"},
    {"source", CM_TEXT, K_HEAD, 1, ""},
    {"site", CM_TEXT, K_HEAD, 2, ""},
    {"section", CM_SECTION, K_HEAD, 3, ""},
    {"headline", CM_TEXT, K_HEAD, 4, ""},
    {"deck", CM_TEXT, K_HEAD, 5, ""},
    {"author", CM_TEXT, K_HEAD, 6, ""},
    {"published", CM_TEXT, K_HEAD, 7, ""},
    {"modified", CM_TEXT, K_HEAD, 8, ""},
    {"lead", CM_FIG, K_HEAD, 9, ""},
    {"body", CM_FLOW, K_BODY, 10, ""},
    {"s", CM_TEXT, K_S, 0, ""},
    {"img", CM_EMPTY, K_FIG, 1, "|src|alt|width|height|"},
    {"caption", CM_TEXT, K_FIG, 2, ""},
    {"credit", CM_TEXT, K_FIG, 3, ""},
    {"p", CM_INLINE, K_BLOCK, 0, ""},
    {"h2", CM_INLINE, K_BLOCK, 0, ""},
    {"h3", CM_INLINE, K_BLOCK, 0, ""},
    {"h4", CM_INLINE, K_BLOCK, 0, ""},
    {"pre", CM_INLINE, K_BLOCK, 0, ""},
    {"blockquote", CM_FLOW, K_BLOCK, 0, ""},
    {"ul", CM_FLOW, K_BLOCK, 0, ""},
    {"ol", CM_FLOW, K_BLOCK, 0, "|start|"},
    {"li", CM_MIXED, K_BLOCK, 0, ""},
    {"figure", CM_FIG, K_BLOCK, 0, ""},
    {"hr", CM_EMPTY, K_BLOCK, 0, ""},
    {"table", CM_FLOW, K_BLOCK, 0, ""},
    {"tr", CM_FLOW, K_BLOCK, 0, ""},
    {"td", CM_MIXED, K_BLOCK, 0, ""},
    {"th", CM_MIXED, K_BLOCK, 0, ""},
    {"em", CM_INLINE, K_INLINE, 0, ""},
    {"strong", CM_INLINE, K_INLINE, 0, ""},
    {"code", CM_INLINE, K_INLINE, 0, ""},
    {"sup", CM_INLINE, K_INLINE, 0, ""},
    {"sub", CM_INLINE, K_INLINE, 0, ""},
    {"a", CM_INLINE, K_INLINE, 0, "|href|"},
    {"br", CM_EMPTY, K_INLINE, 0, ""},
};

/* What each content model accepts as child elements. */
static unsigned accepts(cm c)
{
    switch (c) {
    case CM_ROOT:
        return K_HEAD | K_BODY;
    case CM_SECTION:
        return K_S;
    case CM_FIG:
        return K_FIG;
    case CM_FLOW:
        return K_BLOCK;
    case CM_INLINE:
        return K_INLINE;
    case CM_MIXED:
        return K_BLOCK | K_INLINE;
    default:
        return 0;
    }
}

typedef struct pcheck {
    const char *path;
    int count;
    bool print; /* second pass: write the first MAX_SCHEMA_LINES messages */
} pcheck;

static bool is_ours(const xmlNode *n);

static void pc_err(pcheck *c, const xmlNode *n, const char *fmt, const char *a, const char *b)
{
    if (c->print && c->count < MAX_SCHEMA_LINES) {
        fprintf(stderr, "article2pdf: %s:%ld: ", c->path, xmlGetLineNo(n));
        fprintf(stderr, fmt, a, b);
        fputc('\n', stderr);
    }
    c->count++;
}

static bool blank(const xmlChar *t)
{
    for (; t && *t; t++)
        if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
            return false;
    return true;
}

static bool int_text(const xmlChar *v, bool sign)
{
    const char *s = (const char *)v;
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    if (sign && (*s == '-' || *s == '+'))
        s++;
    if (*s < '0' || *s > '9')
        return false;
    while (*s >= '0' && *s <= '9')
        s++;
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    return *s == 0;
}

static void pc_attrs(pcheck *c, const xmlNode *n, const struct vocab *v)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        char key[80];
        snprintf(key, sizeof key, "|%s|", name);
        if (a->ns || !strstr(v->attrs, key)) {
            pc_err(c, n, "attribute %s not allowed on element %s", name, v->name);
            continue;
        }
        xmlChar *val = xmlNodeListGetString(n->doc, a->children, 1);
        bool ok = true;
        if (strcmp(name, "start") == 0)
            ok = val && int_text(val, true);
        else if (strcmp(name, "width") == 0 || strcmp(name, "height") == 0)
            ok = val && int_text(val, false);
        else if (strcmp(name, "dir") == 0)
            ok = val && (strcmp((char *)val, "ltr") == 0 || strcmp((char *)val, "rtl") == 0);
        if (!ok)
            pc_err(c, n, "invalid value of attribute %s on element %s", name, v->name);
        xmlFree(val);
    }
    if (strcmp(v->name, "img") == 0 && !xmlHasProp(n, (const xmlChar *)"src"))
        pc_err(c, n, "element %s lacks attribute %s", "img", "src");
}

static const struct vocab *lookup(const xmlNode *n)
{
    for (size_t i = 0; i < sizeof vocab / sizeof *vocab; i++)
        if (strcmp((const char *)n->name, vocab[i].name) == 0)
            return &vocab[i];
    return NULL;
}

/* Children of N (described by V) against V's content model. DEPTH is bounded by
 * libxml2's parser (256) already; the check keeps the walk safe on its own. */
static void pc_walk(pcheck *c, const xmlNode *n, const struct vocab *v, int depth)
{
    if (depth > LIM_DEPTH + 8)
        return;
    unsigned ok = accepts(v->content);
    int order = 0;
    bool text_seen = false, s_seen = false;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            if (blank(k->content))
                continue;
            text_seen = true;
            if (v->content != CM_TEXT && v->content != CM_SECTION && v->content != CM_INLINE &&
                v->content != CM_MIXED)
                pc_err(c, k, "text not allowed in element %s%s", v->name, "");
            continue;
        }
        if (k->type != XML_ELEMENT_NODE)
            continue;
        const struct vocab *kv = is_ours(k) ? lookup(k) : NULL;
        if (!kv) {
            pc_err(c, k, "element %s not allowed%s", (const char *)k->name,
                   is_ours(k) ? "" : " (not in the article namespace)");
            continue;
        }
        if (!(kv->kind & ok)) {
            pc_err(c, k, "element %s not allowed in element %s", kv->name, v->name);
            continue;
        }
        if (kv->order) { /* header or figure part: in order, once (authors repeat) */
            bool again = kv->order == order && strcmp(kv->name, "author") == 0;
            if (kv->order < order || (kv->order == order && !again))
                pc_err(c, k, "element %s out of order or repeated in element %s", kv->name,
                       v->name);
            order = kv->order;
        }
        if (kv->kind & K_S)
            s_seen = true;
        pc_attrs(c, k, kv);
        pc_walk(c, k, kv, depth + 1);
    }
    if (v->content == CM_SECTION && s_seen && text_seen)
        pc_err(c, n, "element %s mixes text and %s parts", v->name, "s");
}

/* Number of violations in ROOT (printing them when PRINT). */
static int precheck(const xmlNode *root, const char *path, bool print)
{
    pcheck c = {.path = path, .print = print};
    pc_attrs(&c, root, &vocab[0]);
    pc_walk(&c, root, &vocab[0], 1);
    return c.count;
}

/* Validate D against article.rng; every violation is printed as "file:line: message"
 * (main prints only the one-line summary that ERR carries). */
static bool validate(xmlDoc *d, const char *path, const a2p_opts *opts, a2p_err *err)
{
    int pre = precheck(xmlDocGetRootElement(d), path, false);
    if (pre > PRECHECK_LIMIT) {
        precheck(xmlDocGetRootElement(d), path, true);
        if (pre > MAX_SCHEMA_LINES)
            fprintf(stderr, "article2pdf: %s: ... %d more schema errors not shown\n", path,
                    pre - MAX_SCHEMA_LINES);
        return err_set(err, 1, path, "does not match the article schema: %d errors", pre);
    }
    char rng[4200];
    if (!schema_path(opts, rng, sizeof rng))
        return err_set(err, 1, path,
                       "article schema not found (looked for "
                       "converter/article.rng and article.rng in '%s')",
                       opts && opts->data_dir ? opts->data_dir : ".");
    int rng_errors = 0;
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(rng);
    if (!pc)
        return err_set(err, 1, rng, "cannot read the article schema");
    xmlRelaxNGSetParserStructuredErrors(pc, on_rng_parse_error, &rng_errors);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
    if (!schema)
        return err_set(err, 1, rng, "the article schema does not compile (%d errors)", rng_errors);
    schema_state ss = {.path = path};
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    int rc = -1;
    if (vc) {
        xmlRelaxNGSetValidStructuredErrors(vc, on_schema_error, &ss);
        rc = xmlRelaxNGValidateDoc(vc, d);
        xmlRelaxNGFreeValidCtxt(vc);
    }
    xmlRelaxNGFree(schema);
    if (rc == 0)
        return true;
    if (ss.count > MAX_SCHEMA_LINES)
        fprintf(stderr, "article2pdf: %s: ... %d more schema errors not shown\n", path,
                ss.count - MAX_SCHEMA_LINES);
    if (ss.count == 0)
        return err_set(err, 1, path, "does not match the article schema");
    return err_set(err, 1, path,
                   "does not match the article schema: %d error%s (first at "
                   "line %d)",
                   ss.count, ss.count == 1 ? "" : "s", ss.first_line);
}

/* ---- tree walk: our article XML -> builder ----------------------------------------- */

typedef struct rd {
    art_doc *doc;
    art_builder *b;
    a2p_err *err;
    const char *path;
} rd;

static bool is_ours(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, A2P_NS) == 0;
}

static bool named(const xmlNode *n, const char *name)
{
    return is_ours(n) && strcmp((const char *)n->name, name) == 0;
}

/* Text content of N, white space collapsed, in the arena ("" when none). */
static const char *text_of(ar_arena *ar, const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return "";
    char *s = art_text_collapse(ar, (const char *)c, strlen((const char *)c));
    xmlFree(c);
    return s;
}

static const char *attr_of(ar_arena *ar, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = ar_strdup(ar, (const char *)v);
    xmlFree(v);
    return s;
}

static int int_attr(const xmlNode *n, const char *name, int dflt)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return dflt;
    char *end;
    long x = strtol((const char *)v, &end, 10);
    bool ok = end != (char *)v && x > -1000000000L && x < 1000000000L;
    xmlFree(v);
    return ok ? (int)x : dflt;
}

/* <lead> or <figure>: <img src alt width height/>, <caption>, <credit>. */
static void read_figure(ar_arena *ar, const xmlNode *n, art_figure *f)
{
    *f = (art_figure){.src = "", .alt = "", .caption = "", .credit = ""};
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (named(c, "img")) {
            const char *v = attr_of(ar, c, "src");
            f->src = v ? v : "";
            v = attr_of(ar, c, "alt");
            f->alt = v ? v : "";
            f->width = int_attr(c, "width", 0);
            f->height = int_attr(c, "height", 0);
        } else if (named(c, "caption"))
            f->caption = text_of(ar, c);
        else if (named(c, "credit"))
            f->credit = text_of(ar, c);
    }
}

static const struct {
    const char *name;
    art_block_kind kind;
} block_names[] = {
    {"p", ART_P},
    {"h2", ART_H2},
    {"h3", ART_H3},
    {"h4", ART_H4},
    {"blockquote", ART_QUOTE},
    {"ul", ART_UL},
    {"ol", ART_OL},
    {"li", ART_LI},
    {"pre", ART_PRE},
    {"hr", ART_RULE},
    {"table", ART_TABLE},
    {"tr", ART_TR},
    {"td", ART_TD},
    {"th", ART_TH},
};

static const struct {
    const char *name;
    unsigned flag;
} inline_names[] = {
    {"em", ART_EM},   {"strong", ART_STRONG}, {"code", ART_CODE},
    {"sup", ART_SUP}, {"sub", ART_SUB},       {"a", ART_LINK},
};

/* Whether N holds text and blocks side by side (li, td, th). */
static bool text_parent(const xmlNode *n)
{
    return named(n, "li") || named(n, "td") || named(n, "th");
}

/* Children of N into the builder; DEPTH bounds the recursion (LIM_DEPTH). */
static bool walk(rd *r, const xmlNode *n, int depth)
{
    if (depth > LIM_DEPTH)
        return err_set(r->err, 1, r->path, "nesting deeper than %d elements", LIM_DEPTH);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)c->content;
            if (t && !art_build_text(r->b, t, strlen(t)))
                return false; /* a limit: art_build_finish reports it */
            continue;
        }
        if (!is_ours(c))
            continue;
        const char *name = (const char *)c->name;
        int line = (int)xmlGetLineNo(c);
        bool done = false;
        for (size_t i = 0; i < sizeof block_names / sizeof *block_names && !done; i++) {
            if (strcmp(name, block_names[i].name) != 0)
                continue;
            done = true;
            /* A childless block would be dropped by the builder, at a cost linear in its
             * siblings; inside li/td/th it still splits the text runs (dump_xml.c). */
            if (!c->children && block_names[i].kind != ART_RULE && !text_parent(n))
                continue;
            art_block *blk = art_build_begin(r->b, block_names[i].kind, line);
            if (!blk)
                return false;
            if (block_names[i].kind == ART_OL)
                art_build_set_start(r->b, int_attr(c, "start", 1));
            if (!walk(r, c, depth + 1))
                return false;
            art_build_end(r->b, blk);
        }
        for (size_t i = 0; i < sizeof inline_names / sizeof *inline_names && !done; i++) {
            if (strcmp(name, inline_names[i].name) != 0)
                continue;
            done = true;
            unsigned flag = inline_names[i].flag;
            const char *href = flag == ART_LINK ? attr_of(r->doc->ar, c, "href") : NULL;
            art_build_inline_push(r->b, flag, href);
            bool ok = walk(r, c, depth + 1);
            art_build_inline_pop(r->b);
            if (!ok)
                return false;
        }
        if (done)
            continue;
        if (strcmp(name, "br") == 0)
            art_build_break(r->b);
        else if (strcmp(name, "figure") == 0) {
            art_figure f;
            read_figure(r->doc->ar, c, &f);
            if (!art_build_figure(r->b, &f, line))
                return false;
        } else
            art_doc_warn(r->doc, "line %d: element <%s> ignored", line, name);
    }
    return true;
}

/* <section>: <s> parts joined with " / ", or its text. */
static const char *read_section(ar_arena *ar, const xmlNode *n)
{
    buf b = {0};
    bool any = false;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (named(c, "s")) {
            if (any)
                buf_puts(&b, " / ");
            buf_puts(&b, text_of(ar, c));
            any = true;
        }
    const char *out = any ? ar_strndup(ar, b.data ? b.data : "", b.len) : text_of(ar, n);
    buf_free(&b);
    return out;
}

static art_doc *read_ours(xmlNode *root, const char *path, ar_arena *ar, a2p_err *err)
{
    art_doc *doc = art_doc_new(ar);
    doc->source = ar_strdup(ar, path);
    const char *v;
    if ((v = attr_of(ar, root, "lang")))
        doc->lang = art_text_collapse(ar, v, strlen(v));
    if ((v = attr_of(ar, root, "dir")))
        doc->dir = art_text_collapse(ar, v, strlen(v));
    const char *source = NULL;
    int extra_authors = 0;
    rd r = {.doc = doc, .b = art_build_new(doc), .err = err, .path = path};
    bool ok = true;
    for (xmlNode *c = root->children; c && ok; c = c->next) {
        if (!is_ours(c))
            continue;
        const char *name = (const char *)c->name;
        if (strcmp(name, "source") == 0)
            source = text_of(ar, c);
        else if (strcmp(name, "site") == 0)
            doc->site = text_of(ar, c);
        else if (strcmp(name, "section") == 0)
            doc->section = read_section(ar, c);
        else if (strcmp(name, "headline") == 0)
            doc->headline = text_of(ar, c);
        else if (strcmp(name, "deck") == 0)
            doc->deck = text_of(ar, c);
        else if (strcmp(name, "author") == 0) {
            if (doc->n_authors < MAX_AUTHORS)
                art_doc_add_author(doc, text_of(ar, c));
            else if (++extra_authors == 1)
                art_doc_warn(doc, "line %ld: more than %d authors; the rest are left out",
                             xmlGetLineNo(c), MAX_AUTHORS);
        } else if (strcmp(name, "published") == 0)
            doc->published = text_of(ar, c);
        else if (strcmp(name, "modified") == 0)
            doc->modified = text_of(ar, c);
        else if (strcmp(name, "lead") == 0) {
            art_figure *f = ar_alloc(ar, sizeof *f);
            read_figure(ar, c, f);
            doc->lead = f;
        } else if (strcmp(name, "body") == 0)
            ok = walk(&r, c, 1);
    }
    /* finish even after a failure: it closes the builder and frees its buffer */
    bool fin = art_build_finish(r.b, err);
    if (!ok || !fin)
        return NULL;
    if (source && *source)
        doc->source = source;
    return doc;
}

/* ---- entry ------------------------------------------------------------------------- */

static bool contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (n > 65536)
        n = 65536;
    return memmem(s, n, needle, k) != NULL;
}

art_doc *in_xml_read(const char *path, const char *bytes, size_t len, const a2p_opts *opts,
                     ar_arena *ar, a2p_err *err)
{
    /* chosen by content: an HTML fragment whose root happens to be <article> (no
     * namespace of ours, not NITF) is HTML */
    if ((!opts || opts->informat == IN_AUTO) && !contains(bytes, len, A2P_NS) &&
        !contains(bytes, len, "<nitf"))
        return in_html_read(path, bytes, len, opts, ar, err);

    xmlDoc *d = parse(path, bytes, len, err);
    if (!d)
        return NULL;
    art_doc *doc = NULL;
    xmlNode *root = xmlDocGetRootElement(d);
    if (!root) {
        err_set(err, 1, path, "no root element");
    } else if (named(root, "article")) {
        if (validate(d, path, opts, err))
            doc = read_ours(root, path, ar, err);
    } else if (strcmp((const char *)root->name, "nitf") == 0) {
        doc = art_doc_new(ar);
        doc->source = ar_strdup(ar, path);
        if (!in_nitf_build(root, doc, err))
            doc = NULL;
    } else {
        err_set(err, 1, path, "root element <%s> is neither <article xmlns=\"%s\"> nor <nitf>",
                (const char *)root->name, A2P_NS);
    }
    xmlFreeDoc(d);
    return doc;
}
