/* hyph_dic.h - the pattern file libhyphen is given for a Debian dictionary. Used by hyph.c
 * only; no libhyphen types here. */
#ifndef A2P_HYPH_DIC_H
#define A2P_HYPH_DIC_H

#include <stdio.h>

/* Where Debian keeps the pattern files, and the file for each primary language subtag that
 * hyph.c knows (tried before hyph_<subtag>.dic). converter/gen/hyph_gen.c builds the same
 * list into the program. */
#define HYPH_DIC_DIR "/usr/share/hyphen"
#define HYPH_DIC_NAMES                                                                         \
    {"en", "en_US"}, {"de", "de_DE"}, {"fr", "fr"}, {"es", "es_ES"}, {"it", "it_IT"},         \
        {"pt", "pt_PT"}, {"nl", "nl_NL"}, {"ru", "ru_RU"}

/* Most dictionaries are read as they are. A compound dictionary whose first level is a
 * long word list (Debian's hyph_de_DE.dic: 46,000 whole words before NEXTLEVEL, then the
 * TeX dehyphn patterns) costs libhyphen 6 to 9 seconds to load, in a hash table of fixed
 * size; such a file is served as its second level alone: the TeX patterns, as TeX uses
 * them.
 * HYPH_COMPOUND_MAX is the longest first level read as it is. */
#define HYPH_COMPOUND_MAX 5000

/* hyph_dic_open() - PATH opened for hnj_hyphen_load_file(): the file itself, or the
 * reduced copy in memory (*MEM, which the caller frees after fclose). NULL when PATH cannot
 * be read. */
FILE *hyph_dic_open(const char *path, char **mem);

#endif
