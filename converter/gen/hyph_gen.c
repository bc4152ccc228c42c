/* hyph_gen.c - build-time generator of the built-in hyphenation tables (hyph_tab.h).
 *
 *     hyph_gen DIR OUT.c
 *
 * loads DIR/hyph_<file>.dic for each language of HYPH_DIC_NAMES with libhyphen's own
 * hnj_hyphen_load_file() (through hyph_dic_open, so German is reduced exactly as hyph.c
 * reduces it at run time) and writes libhyphen's finished automata as constant arrays that
 * hold indices, not pointers. A missing file is left out (hyph.c then loads nothing built in
 * for that language and asks libhyphen at run time, as before). Not part of the library: this
 * is the one other place that includes hyphen.h. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "hyph_dic.h"

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "hyph_gen: out of memory\n");
        exit(1);
    }
    return q;
}

/* a growing array of fixed-size elements */
typedef struct vec {
    void *data;
    size_t n, cap, size;
} vec;

static void *vec_push(vec *v)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 1024;
        v->data = xrealloc(v->data, v->cap * v->size);
    }
    return (char *)v->data + v->size * v->n++;
}

/* the string pool, byte 0 a NUL so that offset 0 means "none"; digit strings shared */
static vec pool = {.size = 1};
static uint32_t *seen; /* open addressing: pool offsets of match strings, 0 empty */
static size_t seen_cap;

static uint32_t pool_str(const char *s);

static uint32_t pool_raw(const char *s, size_t n)
{
    uint32_t off = (uint32_t)pool.n;
    for (size_t i = 0; i < n; i++)
        *(char *)vec_push(&pool) = s[i];
    return off;
}

static size_t str_hash(const char *s)
{
    size_t h = 5381;
    for (; *s; s++)
        h = h * 33 + (unsigned char)*s;
    return h;
}

/* the match digits S of a state (REPL: a replacement pattern's) as a length byte, the
 * digits and a NUL, shared */
static uint32_t pool_match(const char *s, bool repl)
{
    char tmp[260];
    tmp[0] = (char)(strlen(s) | (repl ? 128u : 0u));
    snprintf(tmp + 1, sizeof tmp - 1, "%s", s);
    return pool_str(tmp);
}

static uint32_t pool_str(const char *s)
{
    if (!seen) {
        seen_cap = 1u << 16;
        seen = calloc(seen_cap, sizeof *seen);
        if (!seen)
            xrealloc(NULL, (size_t)-1);
    }
    size_t i = str_hash(s) & (seen_cap - 1);
    for (; seen[i]; i = (i + 1) & (seen_cap - 1))
        if (strcmp((const char *)pool.data + seen[i], s) == 0)
            return seen[i];
    uint32_t off = pool_raw(s, strlen(s) + 1);
    seen[i] = off; /* at most a few thousand distinct digit strings: the table never fills */
    return off;
}

static vec states = {.size = sizeof(uint32_t) * 3}; /* as in hyph_tab_state */
static vec trans = {.size = sizeof(uint32_t)};
static vec levels = {.size = sizeof(HyphenDict *)};
static vec level_base = {.size = sizeof(uint32_t)}; /* state0 of each level */

/* Whether every level of D fits the table's fields; false leaves it to run time. */
static bool fits(const HyphenDict *d)
{
    for (; d; d = d->nextlevel) {
        if (d->num_states > 32767)
            return false;
        for (int s = 0; s < d->num_states; s++) {
            const HyphenState *st = &d->states[s];
            if (st->num_trans > 255 || (st->match && strlen(st->match) > 127))
                return false;
        }
    }
    return true;
}

/* Append D and its next levels; returns D's level index. */
static int add_levels(HyphenDict *d)
{
    int first = (int)levels.n;
    for (; d; d = d->nextlevel) {
        *(HyphenDict **)vec_push(&levels) = d;
        *(uint32_t *)vec_push(&level_base) = (uint32_t)states.n;
        for (int s = 0; s < d->num_states; s++) {
            const HyphenState *st = &d->states[s];
            uint32_t *o = vec_push(&states);
            size_t len = st->match ? strlen(st->match) : 0;
            if (trans.n >= (1u << 24)) {
                fprintf(stderr, "hyph_gen: too many transitions for the table\n");
                exit(1);
            }
            o[0] = (uint32_t)trans.n | (uint32_t)st->num_trans << 24;
            o[1] = (uint32_t)st->fallback_state;
            o[2] = st->match && (len || st->repl) ? pool_match(st->match, st->repl) : 0;
            for (int t = 0; t < st->num_trans; t++) {
                uint32_t to = (uint32_t)st->trans[t].new_state;
                if (st->trans[t].new_state < 0 || to >= (1u << 24)) {
                    fprintf(stderr, "hyph_gen: a transition out of range\n");
                    exit(1);
                }
                *(uint32_t *)vec_push(&trans) = to << 8 | (unsigned char)st->trans[t].ch;
            }
        }
    }
    return first;
}

/* S as a C string literal's contents (octal escapes for everything but plain ASCII) */
static void put_bytes(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?')
            fputc(c, f);
        else
            fprintf(f, "\\%03o", c);
        if (i % 64 == 63 && i + 1 < n)
            fputs("\"\n    \"", f);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: hyph_gen PATTERN-DIR OUT.c\n");
        return 2;
    }
    static const struct {
        const char *lang, *file;
    } names[] = {HYPH_DIC_NAMES};
    size_t n_names = sizeof names / sizeof names[0];
    HyphenDict *dicts[sizeof names / sizeof names[0]] = {0};
    int top[sizeof names / sizeof names[0]];
    *(char *)vec_push(&pool) = '\0';
    for (size_t i = 0; i < n_names; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/hyph_%s.dic", argv[1], names[i].file);
        char *mem = NULL;
        FILE *in = hyph_dic_open(path, &mem);
        if (!in)
            continue; /* not installed: left to run time */
        dicts[i] = hnj_hyphen_load_file(in);
        fclose(in);
        free(mem);
        if (dicts[i] && !fits(dicts[i])) {
            fprintf(stderr, "hyph_gen: %s too large for the table, left to run time\n", path);
            hnj_hyphen_free(dicts[i]);
            dicts[i] = NULL;
        }
        if (dicts[i])
            top[i] = add_levels(dicts[i]);
    }

    FILE *f = fopen(argv[2], "w");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    fprintf(f, "/* generated by converter/gen/hyph_gen.c from %s: do not edit */\n"
               "#include \"hyph_tab.h\"\n\n",
            argv[1]);
    /* one placeholder element keeps every array non-empty when no dictionary is installed */
    fprintf(f, "const hyph_tab_state hyph_tab_states[] = {\n");
    const uint32_t *s = states.data;
    for (size_t i = 0; i < states.n; i++, s += 3)
        fprintf(f, "{%uu,%d,%u},%s", s[0], (int32_t)s[1], s[2], i % 8 == 7 ? "\n" : "");
    fprintf(f, "{0,-1,0}};\n\nconst uint32_t hyph_tab_trans[] = {\n");
    const uint32_t *t = trans.data;
    for (size_t i = 0; i < trans.n; i++)
        fprintf(f, "%u,%s", t[i], i % 10 == 9 ? "\n" : "");
    fprintf(f, "0};\n\n");

    /* NOHYPHEN lists go to the pool too: nohyphenl + 1 strings, each with its NUL */
    uint32_t *noh = calloc(levels.n + 1, sizeof *noh);
    if (!noh)
        xrealloc(NULL, (size_t)-1);
    HyphenDict **lv = levels.data;
    for (size_t i = 0; i < levels.n; i++) {
        if (!lv[i]->nohyphen)
            continue;
        const char *p = lv[i]->nohyphen;
        size_t len = 0;
        for (int k = 0; k <= lv[i]->nohyphenl; k++)
            len += strlen(p + len) + 1;
        noh[i] = pool_raw(p, len);
    }
    if (pool.n > 65535) {
        fprintf(stderr, "hyph_gen: the string pool is too large for the table\n");
        return 1;
    }
    fprintf(f, "const char hyph_tab_pool[] =\n    \"");
    put_bytes(f, pool.data, pool.n);
    fprintf(f, "\";\n\nconst hyph_tab_level hyph_tab_levels[] = {\n");
    const uint32_t *base = level_base.data;
    for (size_t i = 0; i < levels.n; i++) {
        const HyphenDict *d = lv[i];
        int next = -1;
        for (size_t k = 0; k < levels.n; k++)
            if (d->nextlevel && lv[k] == d->nextlevel)
                next = (int)k;
        fprintf(f, "{%u,%d,%u,%d,%d,%d,%d,%d,%d,%d,\"", base[i], d->num_states, noh[i],
                d->nohyphenl, next, d->lhmin, d->rhmin, d->clhmin, d->crhmin, d->utf8 ? 1 : 0);
        put_bytes(f, d->cset, strnlen(d->cset, sizeof d->cset - 1));
        fprintf(f, "\"},\n");
    }
    fprintf(f, "{0,0,0,0,-1,0,0,0,0,0,\"\"}};\n\nconst hyph_tab_lang hyph_tab_langs[] = {\n");
    size_t n_langs = 0;
    for (size_t i = 0; i < n_names; i++) {
        if (!dicts[i])
            continue;
        fprintf(f, "{\"%s\",\"%s\",%d},\n", names[i].lang, names[i].file, top[i]);
        n_langs++;
    }
    fprintf(f, "{\"\",\"\",-1}};\nconst size_t hyph_tab_nlangs = %zu;\n", n_langs);
    bool ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
    fprintf(stderr, "hyph_gen: %zu dictionaries, %zu levels, %zu states, %zu transitions, "
                    "%zu pool bytes\n",
            n_langs, levels.n, states.n, trans.n, pool.n);

    for (size_t i = 0; i < n_names; i++)
        if (dicts[i])
            hnj_hyphen_free(dicts[i]);
    free(noh);
    free(seen);
    free(states.data);
    free(trans.data);
    free(levels.data);
    free(level_base.data);
    free(pool.data);
    return ok ? 0 : 1;
}
