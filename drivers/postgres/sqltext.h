/* sqltext.h — just enough of PostgreSQL's lexer to find the `?`
 * placeholders and the `;` between statements that are really there, not
 * inside strings, quoted identifiers, dollar quotes or comments
 * (internal to the PostgreSQL driver). */
#ifndef TIDE_PG_SQLTEXT_H
#define TIDE_PG_SQLTEXT_H

#include <stddef.h>
#include "core/buf.h"

/* Appends sql to out with each `?` placeholder turned into $1, $2, ...
 * and sets *count to the number of placeholders. Outside quotes and
 * comments, `??` stands for a literal `?` (one is written, none counted),
 * and the jsonb operators `?|` and `?&` are kept as they are, except when
 * doubled: `?||` and `?&&` are a placeholder followed by `||` / `&&`.
 * Unterminated quotes are copied through for the server to report.
 * Returns 0, or TIDE_ENOMEM with err set. */
int tide_pg__rewrite_placeholders(const char *sql, tide_buf *out, int *count,
                                  tide_err *err);

/* Iterates over the statements of a script. *pos starts at the script and
 * is advanced past each statement found; *start and *len receive its text
 * without the `;`, leading comments and surrounding whitespace (not
 * NUL-terminated: it points into the script). Statements that are empty or
 * only comments are skipped. A `;` ends a statement only outside quotes,
 * comments, parentheses and the BEGIN ... END body of CREATE FUNCTION /
 * PROCEDURE (as psql does). Returns 1 when a statement was found, 0 at
 * the end. */
int tide_pg__next_statement(const char **pos, const char **start, size_t *len);

/* Where the parenthesis opening at open closes, skipping text in single or
 * double quotes; NULL when it does not. */
const char *tide_pg__paren_end(const char *open);

#endif
