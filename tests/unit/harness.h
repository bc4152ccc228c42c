/* harness.h - tiny unit-test harness: every check prints "PASS name" or "FAIL name: why";
 * tests/run.sh counts them. Compare cmark's api_test/harness.c. */
#ifndef A2P_HARNESS_H
#define A2P_HARNESS_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define CHECK(cond, name)                                                                      \
    do {                                                                                       \
        if (cond) {                                                                            \
            t_pass++;                                                                          \
            printf("PASS %s\n", name);                                                         \
        } else {                                                                               \
            t_fail++;                                                                          \
            printf("FAIL %s: %s (%s:%d)\n", name, #cond, __FILE__, __LINE__);                  \
        }                                                                                      \
    } while (0)

#define CHECK_STR(got, want, name)                                                             \
    do {                                                                                       \
        const char *g_ = (got), *w_ = (want);                                                  \
        if (g_ && w_ && strcmp(g_, w_) == 0) {                                                 \
            t_pass++;                                                                          \
            printf("PASS %s\n", name);                                                         \
        } else {                                                                               \
            t_fail++;                                                                          \
            printf("FAIL %s: got \"%s\", want \"%s\" (%s:%d)\n", name, g_ ? g_ : "(null)",     \
                   w_ ? w_ : "(null)", __FILE__, __LINE__);                                    \
        }                                                                                      \
    } while (0)

static inline int t_done(void)
{
    return t_fail ? 1 : 0;
}

#endif
