/* Fuzz target: the section parser of .sql migrations (src/migration.c,
 * tide_sql_sections). Any bytes give sections or an error naming the file;
 * the sections hold no more text than the file. */
#include <stdint.h>
#include <stdlib.h>

#include "runner/migration.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tide_buf up = TIDE_BUF_INIT, down = TIDE_BUF_INIT;
    tide_err err;
    int has_down = -1, transactional = -1;
    int rc = tide_sql_sections("fuzz.sql", (const char *)data, size, &up, &down, &has_down,
                               &transactional, &err);
    if (rc == 0 && (up.len + down.len > size || (has_down != 0 && has_down != 1)
                    || (transactional != 0 && transactional != 1)))
        abort();
    if (rc < 0 && !err.msg[0])
        abort();
    tide_buf_free(&up);
    tide_buf_free(&down);
    return 0;
}
