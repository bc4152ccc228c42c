/* test_hyph_dic.c - which pattern file libhyphen is given: a compound dictionary with a long
 * first level is served as its second level alone (with the settings that hold for both),
 * every other file as it is. */
#include "harness.h"
#include "hyph_dic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[] = "/tmp/a2p-hdic-XXXXXX";

static const char *write_dic(const char *name, int first_level)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fputs("UTF-8\n# a comment\nCOMPOUNDLEFTHYPHENMIN 2\nLEFTHYPHENMIN 2\n", f);
    for (int i = 0; i < first_level; i++)
        fprintf(f, "wort%d1teil\n", i);
    fputs("NOHYPHEN -\n\nNEXTLEVEL\n.ab1c\nx1y\n", f);
    fclose(f);
    return path;
}

static char *slurp(FILE *f)
{
    static char out[1 << 20];
    size_t n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    return out;
}

int main(void)
{
    if (!mkdtemp(dir)) {
        puts("FAIL hyph_dic: cannot make a temporary folder");
        return 1;
    }
    char *mem = NULL;

    const char *big = write_dic("big.dic", HYPH_COMPOUND_MAX + 1);
    FILE *f = big ? hyph_dic_open(big, &mem) : NULL;
    CHECK(f != NULL && mem != NULL, "long first level: served from memory");
    const char *t = f ? slurp(f) : "";
    CHECK_STR(t, "UTF-8\nLEFTHYPHENMIN 2\nNOHYPHEN -\n.ab1c\nx1y\n",
              "long first level: charset, shared settings, second level");
    if (f)
        fclose(f);
    free(mem);

    mem = NULL;
    const char *small = write_dic("small.dic", HYPH_COMPOUND_MAX);
    f = small ? hyph_dic_open(small, &mem) : NULL;
    CHECK(f != NULL && mem == NULL, "short first level: the file itself");
    t = f ? slurp(f) : "";
    CHECK(strstr(t, "NEXTLEVEL") && strstr(t, "wort0" "1teil"), "short first level: both levels");
    if (f)
        fclose(f);

    char missing[300];
    snprintf(missing, sizeof missing, "%s/none.dic", dir);
    CHECK(hyph_dic_open(missing, &mem) == NULL && mem == NULL, "missing file: NULL");

    /* Debian's German dictionary, when installed: its TeX patterns only */
    f = hyph_dic_open("/usr/share/hyphen/hyph_de_DE.dic", &mem);
    if (f) {
        t = slurp(f);
        CHECK(mem != NULL && strncmp(t, "ISO8859-1\n", 10) == 0 && !strstr(t, "NEXTLEVEL") &&
                  !strstr(t, "da1her1ab1"),
              "hyph_de_DE.dic: second level only");
        fclose(f);
        free(mem);
    }

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        puts("# could not remove the temporary folder");
    return t_done();
}
