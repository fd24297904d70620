/* Fuzz target: the PostgreSQL driver's lexer (drivers/postgres/sqltext.c):
 * the `?` placeholder rewriter and the statement splitter. Any text gives a
 * rewrite and a list of statements that lie inside the text, in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "postgres/sqltext.h"

static void check_rewrite(const char *sql)
{
    tide_buf out = TIDE_BUF_INIT;
    tide_err err;
    int count = -1;
    if (tide_pg__rewrite_placeholders(sql, &out, &count, &err) == 0 && count < 0)
        abort();
    tide_buf_free(&out);
}

static void check_split(const char *sql, size_t size)
{
    const char *pos = sql, *start, *prev_end = sql;
    size_t len;
    while (tide_pg__next_statement(&pos, &start, &len)) {
        if (start < prev_end || start + len > sql + size || len == 0 || pos < start + len)
            abort();
        prev_end = start + len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *sql = malloc(size + 1);
    if (!sql)
        return 0;
    memcpy(sql, data, size);
    sql[size] = '\0';                       /* the API takes C strings */
    check_rewrite(sql);
    check_split(sql, strlen(sql));
    free(sql);
    return 0;
}
