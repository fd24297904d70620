/* pq.c — loads libpq on first use (pq.h says why). */
#define PG_PQ_LOADER
#include "pq.h"

#include "core/buf.h"

#include <dlfcn.h>
#include <stdlib.h>

struct pg_pq pg_pq;
static int loaded;

int pg_pq_load(tide_err *err)
{
    if (loaded)
        return 0;
    const char *lib = getenv("TIDE_LIBPQ");
    if (!lib || !*lib)
        lib = "libpq.so.5";
    /* RTLD_NODELETE: libpq stays for the life of the process, as a linked
     * library would (its TLS and atexit state outlive any connection). */
    void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!h)
        return tide_err_set(err, TIDE_ECONNECT,
                            "PostgreSQL needs libpq, which could not be loaded: %s "
                            "(install it with `apt-get install libpq5`, or name the library "
                            "file in TIDE_LIBPQ)", dlerror());
    struct pg_pq t;
#define PG_PQ_RESOLVE(name)                                                              \
    if (!(*(void **)&t.name = dlsym(h, #name)))                                          \
        return dlclose(h), tide_err_set(err, TIDE_ECONNECT,                              \
                                        "%s is not the libpq tide needs: it lacks %s "   \
                                        "(libpq 14 or later is needed)", lib, #name);
    PG_PQ_FUNCTIONS(PG_PQ_RESOLVE)
#undef PG_PQ_RESOLVE
    pg_pq = t;
    loaded = 1;
    return 0;
}
