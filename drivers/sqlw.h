/* sqlw.h — the SQL writer the dialect emitters share: a statement buffer,
 * quoting through the dialect's own driver, and the clauses standard SQL
 * spells the same on every database (column lists, foreign keys, index
 * bodies). What differs between dialects stays in drivers/<db>/emit.c. */
#ifndef TIDE_SQLW_H
#define TIDE_SQLW_H

#include "db/driver.h"

typedef struct tide_sqlw {
    const tide_driver *drv;      /* whose quoting */
    const tide_plan *plan;
    tide_sql_list *out;
    tide_buf sql;                /* the statement being written */
    tide_err *err;
    int rc;                      /* the first failure; later writes do nothing */
} tide_sqlw;

void tide_sqlw_init(tide_sqlw *w, const tide_driver *drv, const tide_plan *plan,
                    tide_sql_list *out, tide_err *err);
/* Frees the buffer; returns 0 or the first failure, with err filled. */
int  tide_sqlw_finish(tide_sqlw *w);

void tide_sqlw_put(tide_sqlw *w, const char *s);
void tide_sqlw_putn(tide_sqlw *w, const char *s, size_t n);        /* the n bytes at s */
void tide_sqlw_q(tide_sqlw *w, const char *ident);                 /* "ident" */
void tide_sqlw_qname(tide_sqlw *w, const char *schema, const char *name);
void tide_sqlw_literal(tide_sqlw *w, const char *text);             /* 'text' */
void tide_sqlw_stmt(tide_sqlw *w);     /* ends the statement: appends it to the list */
int  tide_sqlw_fail(tide_sqlw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ("a", "b" desc): index entries keep their " desc" suffix. */
void tide_sqlw_columns(tide_sqlw *w, char *const *cols, int n);
/* constraint "n" foreign key (...) references T (...) [on delete ...] [deferrable ...];
 * with_schema: the referenced table is written schema-qualified. */
void tide_sqlw_fk(tide_sqlw *w, const tide_fk *fk, int with_schema);
/* Is expr one term as SQL reads it: a literal, a number, a name, a
 * function call or a parenthesised group, each maybe followed by ::casts?
 * DEFAULT and an index column take a term; anything else (an operator,
 * CASE, AT TIME ZONE) needs parentheses there. */
int  tide_sql_is_term(const char *expr);
/* expr as it is when it is a term, else (expr). */
void tide_sqlw_term(tide_sqlw *w, const char *expr);
/* (columns) or (expression, ...), each expression element a term (its
 * asc/desc/nulls/collate words after it), then where PREDICATE. */
void tide_sqlw_index_body(tide_sqlw *w, const tide_index *ix);
/* Calls each(ud, p, n) for each element of an index's expression key list
 * (split at its commas outside quotes and parentheses; leading spaces
 * skipped). */
void tide_sql_index_elements(const char *list, void (*each)(void *ud, const char *p, size_t n), void *ud);

#endif
