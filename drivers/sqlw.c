/* sqlw.c — the SQL writer shared by the dialect emitters (see sqlw.h). */
#include "sqlw.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void tide_sqlw_init(tide_sqlw *w, const tide_driver *drv, const tide_plan *plan,
                    tide_sql_list *out, tide_err *err)
{
    memset(w, 0, sizeof *w);
    w->drv = drv;
    w->plan = plan;
    w->out = out;
    w->err = err;
}

int tide_sqlw_finish(tide_sqlw *w)
{
    tide_buf_free(&w->sql);
    if (w->rc == TIDE_ENOMEM)
        return tide_err_set(w->err, TIDE_ENOMEM, "out of memory writing SQL");
    return w->rc;
}

void tide_sqlw_put(tide_sqlw *w, const char *s)
{
    if (w->rc == 0 && tide_buf_puts(&w->sql, s) < 0)
        w->rc = TIDE_ENOMEM;
}

void tide_sqlw_q(tide_sqlw *w, const char *ident)
{
    if (w->rc == 0 && w->drv->quote_ident(&w->sql, ident) < 0)
        w->rc = TIDE_ENOMEM;
}

void tide_sqlw_qname(tide_sqlw *w, const char *schema, const char *name)
{
    if (schema) {
        tide_sqlw_q(w, schema);
        tide_sqlw_put(w, ".");
    }
    tide_sqlw_q(w, name);
}

void tide_sqlw_literal(tide_sqlw *w, const char *text)
{
    tide_value v;
    memset(&v, 0, sizeof v);
    v.type = TIDE_V_TEXT;
    v.u.s.p = text;
    v.u.s.len = strlen(text);
    if (w->rc == 0 && w->drv->quote_literal(&w->sql, &v) < 0)
        w->rc = tide_err_set(w->err, TIDE_EINVAL, "'%.60s' cannot be written as a %s literal",
                             text, w->drv->name);
}

void tide_sqlw_stmt(tide_sqlw *w)
{
    if (w->rc == 0)
        w->rc = tide_sql_list_push(w->out, w->sql.data ? w->sql.data : "", w->sql.len, w->err);
    tide_buf_reset(&w->sql);
}

int tide_sqlw_fail(tide_sqlw *w, const char *fmt, ...)
{
    va_list ap;
    if (w->rc == 0) {
        va_start(ap, fmt);
        w->rc = tide_err_vset(w->err, TIDE_EINVAL, fmt, ap);
        va_end(ap);
    }
    return w->rc;
}

void tide_sqlw_columns(tide_sqlw *w, char *const *cols, int n)
{
    int i;
    tide_sqlw_put(w, "(");
    for (i = 0; i < n; i++) {
        size_t len = tide_model_index_col_len(cols[i]);
        char name[512];
        snprintf(name, sizeof name, "%.*s", (int)len, cols[i]);
        if (i)
            tide_sqlw_put(w, ", ");
        tide_sqlw_q(w, name);
        tide_sqlw_put(w, cols[i] + len);          /* " desc" */
    }
    tide_sqlw_put(w, ")");
}

void tide_sqlw_fk(tide_sqlw *w, const tide_fk *fk, int with_schema)
{
    tide_sqlw_put(w, "constraint ");
    tide_sqlw_q(w, fk->name);
    tide_sqlw_put(w, " foreign key ");
    tide_sqlw_columns(w, fk->columns, fk->ncolumns);
    tide_sqlw_put(w, " references ");
    tide_sqlw_qname(w, with_schema ? fk->ref_schema : NULL, fk->ref_table);
    tide_sqlw_put(w, " ");
    tide_sqlw_columns(w, fk->ref_columns, fk->nref_columns);
    if (fk->on_delete) {
        tide_sqlw_put(w, " on delete ");
        tide_sqlw_put(w, fk->on_delete);
    }
    if (fk->on_update) {
        tide_sqlw_put(w, " on update ");
        tide_sqlw_put(w, fk->on_update);
    }
    if (fk->deferrable)
        tide_sqlw_put(w, fk->initially_deferred ? " deferrable initially deferred" : " deferrable");
}

void tide_sqlw_index_body(tide_sqlw *w, const tide_index *ix)
{
    if (ix->expression) {                 /* ((a ->> 'b')): an operator needs its own parentheses */
        tide_sqlw_put(w, "((");
        tide_sqlw_put(w, ix->expression);
        tide_sqlw_put(w, "))");
    } else {
        tide_sqlw_columns(w, ix->columns, ix->ncolumns);
    }
    if (ix->where) {
        tide_sqlw_put(w, " where ");
        tide_sqlw_put(w, ix->where);
    }
}
