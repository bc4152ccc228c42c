/* dynlib.c - dlopen a library once and fill its table of function pointers (dynlib.h).
 * The only file that includes dlfcn.h. */
#include "dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* One lock for every library: loads are rare (a handful per process) and may come from
 * two threads at once (hyph.c loads patterns on a helper thread while the main thread
 * decodes an image), and a later call only reads LIB->state under it. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* load() copies each address from dlsym's void * into a pointer to function */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers as wide as void *");

static void failed(dyn_lib *lib, const char *what)
{
    snprintf(lib->why, sizeof lib->why, "%s", what ? what : "cannot load");
    lib->state = -1;
}

static void load(dyn_lib *lib)
{
    /* RTLD_NOW: a library that cannot resolve its own symbols fails here, not mid-decode;
     * RTLD_LOCAL: its symbols serve only the lookups below */
    void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        failed(lib, dlerror());
        return;
    }
    for (size_t i = 0; i < lib->n_syms; i++) {
        dlerror();
        void *fn = dlsym(h, lib->syms[i].name);
        if (!fn) { /* "...libjpeg.so.62: undefined symbol: jpeg_mem_src" */
            failed(lib, dlerror());
            dlclose(h);
            return;
        }
        /* POSIX guarantees that a void * holds a function's address; copying its bytes
         * into the function pointer avoids reading one type through the other */
        memcpy(lib->syms[i].slot, &fn, sizeof fn);
    }
    lib->state = 1; /* the handle stays open for the process */
}

bool dyn_lib_load(dyn_lib *lib, const char **why)
{
    pthread_mutex_lock(&lock);
    if (lib->state == 0)
        load(lib);
    bool ok = lib->state > 0;
    pthread_mutex_unlock(&lock);
    if (!ok && why)
        *why = lib->why;
    return ok;
}
