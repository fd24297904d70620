/* open.c — tide_open, the C entry to a project (tide.h): a Lua state of
 * its own with the whole tide.core, or the host's state with tide.core
 * registered, handed to the project room, which takes it from there. */
#include "api/module.h"
#include "project/project.h"

int tide_open(tide **out, const tide_options *opts, tide_err *err)
{
    tide_options o = { 0 };
    int owns_L = 0;
    *out = NULL;
    if (opts)
        o = *opts;
    if (o.L)
        tide_runtime_register(o.L);
    else if ((o.L = tide_runtime_new()) != NULL)
        owns_L = 1;
    else
        return tide_err_set(err, TIDE_ENOMEM, "out of memory creating the Lua state");
    return tide__open(out, &o, owns_L, 0, 0, err);
}
