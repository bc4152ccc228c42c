/* font.c - STUB: replaced by the fonts work. */
#include "font.h"
fnt_env *fnt_env_new(const char *dir, a2p_err *err) { err_set(err, 1, dir, "fonts not built yet"); return NULL; }
void fnt_env_free(fnt_env *env) { (void)env; }
int fnt_find(fnt_env *env, const char *family, bool bold, bool italic) { (void)env; (void)family; (void)bold; (void)italic; return -1; }
size_t fnt_count(const fnt_env *env) { (void)env; return 0; }
const fnt_info *fnt_get_info(const fnt_env *env, int id) { (void)env; (void)id; return NULL; }
bool fnt_covers(fnt_env *env, int id, uint32_t cp) { (void)env; (void)id; (void)cp; return false; }
int fnt_fallback(fnt_env *env, int id, uint32_t cp) { (void)env; (void)id; (void)cp; return -1; }
size_t fnt_shape(fnt_env *env, int id, double size, const char *text, size_t len, const char *lang, bool rtl, ar_arena *scratch, dl_glyph **out, double *width)
{ (void)env; (void)id; (void)size; (void)text; (void)len; (void)lang; (void)rtl; (void)scratch; *out = NULL; *width = 0; return 0; }
