/* Fuzz target: the snapshot reader (src/snapshot.c). Any text must give a
 * schema or an error, never a crash; a schema it accepts must render, and
 * the rendering must read back to the same bytes (a snapshot tide writes is
 * one tide reads). The names of a snapshot are as free as a live database's,
 * so the schema also goes through the DSL writer (src/dsl_writer.c), the
 * diff and both dialects' emitters. */
#include <stdint.h>
#include <stdlib.h>

#include "checks.h"
#include "model/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tide_schema *s = NULL;
    tide_err err;
    if (tide_snapshot_parse(&s, (const char *)data, size, "fuzz.json", &err) == 0) {
        check_schema(s);
    } else if (s || !err.msg[0]) {
        abort();                            /* a failure says why and leaves nothing */
    }
    tide_schema_free(s);
    return 0;
}
