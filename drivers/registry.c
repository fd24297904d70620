/* registry.c — the drivers tide is built with. The core finds a driver
 * here by a URL's scheme (each driver lists its own) instead of naming
 * dialects; a new database joins by adding its driver to the list. */
#include "db/driver.h"

#include <string.h>

const tide_driver *const tide_drivers[] = {
    &tide_sqlite_driver,
    &tide_postgres_driver,
    NULL
};

const tide_driver *tide_driver_for_scheme(const char *scheme, size_t n)
{
    int i, k;
    for (i = 0; tide_drivers[i]; i++) {
        const tide_driver *d = tide_drivers[i];
        if (d->version < 7 || !d->schemes)
            continue;
        for (k = 0; d->schemes[k]; k++)
            if (strlen(d->schemes[k]) == n && !strncmp(d->schemes[k], scheme, n))
                return d;
    }
    return NULL;
}
