/* toolkit.h — what the migration toolkit's files share (toolkit.c: DDL
 * helpers and the machinery; toolkit_enum.c: enums; coltype.c: column type
 * changes). A tk_edit is one helper call: the live schema read through the
 * migration's connection (cur), a copy to change (next), fills for rebuilt
 * or converted columns, and the error that tk_done raises in Lua. */
#ifndef TIDE_TOOLKIT_H
#define TIDE_TOOLKIT_H

#include "toolkit/context.h"
#include "db/driver.h"

typedef struct tk_edit {
    lua_State *L;
    tide *t;
    const tide_driver *drv;
    const char *what;                 /* "m:addColumn", first in messages */
    tide_schema *cur;                 /* the live schema (finished) */
    tide_schema *next;                /* the copy to change (unfinished) */
    tide_table *table;                /* the table named, in next (or NULL) */
    const tide_table *cur_table;      /* the same in cur */
    tide_fill *fills;
    int nfills;
    void *ud;                         /* the helper's own, for adjust */
    tide_err err;
} tk_edit;

/* Flushes m's queue (m is at index 1), reads the live schema and copies it;
 * with table set, finds it (e->table, e->cur_table). 0 or negative with
 * e->err set. Always pair with tk_done. May raise (Lua errors of flush). */
int tk_begin(tk_edit *e, lua_State *L, const char *what, const char *table);
/* Finishes next, diffs cur -> next, lets adjust change the up plan (may be
 * NULL), emits it with the fills and runs it. */
int tk_finish(tk_edit *e, int (*adjust)(tk_edit *e, tide_plan *up));
/* Adds a fill: column of t (of next) takes expr when rebuilt or converted. */
int tk_fill(tk_edit *e, const tide_table *t, const char *column, const char *expr);
/* Sets e->err to "<what>: <message>"; returns the code (negative). */
int tk_fail(tk_edit *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "schema.name": the schema into ns (cap bytes) and *name after the dot;
 * 0 when qname has no dot (or too long a schema). */
int tk_split(const char *qname, char *ns, size_t cap, const char **name);
/* Appends t's quoted, schema-qualified name to out. */
int tk_qtable(tk_edit *e, const tide_table *t, tide_buf *out);
/* The index of column name in e->table; -1 with e->err set. */
int tk_column(tk_edit *e, const char *name);
/* Frees the edit; raises e->err in Lua when set, else returns 0. */
int tk_done(tk_edit *e);

int tide_tk_add_enum_value(lua_State *L);
int tide_tk_rename_enum_value(lua_State *L);
int tide_tk_replace_enum(lua_State *L);
int tide_tk_change_column_type(lua_State *L);

#endif
