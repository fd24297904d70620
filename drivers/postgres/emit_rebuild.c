/* emit_rebuild.c — PostgreSQL SQL for TIDE_OP_REBUILD_TABLE (model/diff.h):
 * a table whose columns the target has in another order is made again in
 * that order (migrations.columnOrder = "rebuild"; ALTER TABLE ADD COLUMN has
 * no position). By then the table is as the target has it but for the
 * order; its foreign keys, and those pointing at it, are dropped (the diff
 * adds them back after), and what reads it or is on it (views, triggers,
 * policies, statistics, exclusion constraints) is dropped and made again
 * around this op by the diff. Here:
 *   1. the table is renamed away (<table>_tide_old); its keys, unique and
 *      check constraints and indexes are dropped there (their names belong
 *      to the namespace: the new table takes them), and the sequences of
 *      its identity columns are renamed away (the new ones take the names);
 *   2. the new table is created in the target's order (a serial column as
 *      its plain type, without its default), with its keys, checks, table
 *      and column comments, storage and row level security options;
 *   3. the rows are copied (OVERRIDING SYSTEM VALUE: identity values kept),
 *      each identity sequence takes the old one's position (setval of
 *      last_value, is_called), a serial column takes its old sequence back
 *      (default, OWNED BY: the sequence, its grants and position stay);
 *   4. indexes, NOT VALID checks (after the rows: not checked against
 *      them), constraint comments, CLUSTER ON, REPLICA IDENTITY;
 *   5. the owner and the grants (table and columns) that tide does not
 *      model are read from the old table's catalog rows and given again;
 *   6. the old table is dropped (without CASCADE: anything the plan does
 *      not know of that still depends on it stops the migration, which
 *      rolls back). */
#include "pg_internal.h"
#include "sqlw.h"

#include <stdlib.h>
#include <string.h>

/* 'schema.name' as a literal (the server reads it with ::regclass). */
static void rel_literal(tide_sqlw *e, const char *schema, const char *name)
{
    tide_buf b = TIDE_BUF_INIT;
    pg_emit__rel_name(e, schema, name, &b);
    tide_sqlw_literal(e, b.data ? b.data : "");
    tide_buf_free(&b);
}

static int serial(const tide_column *c)
{
    return c->autoincrement && !c->identity;
}

/* The name the old identity sequence of column i is renamed to. */
static void old_sequence_name(const tide_table *t, int i, char out[64])
{
    char label[32];
    snprintf(label, sizeof label, "tide_old_seq%d", i + 1);
    pg_object_name(t->name, NULL, label, out);
}

/* 1: the old table out of the way. */
static void put_aside(tide_sqlw *e, const tide_table *t, const char *old)
{
    char seq[64];
    int i;
    tide_sqlw_put(e, "alter table ");
    tide_sqlw_qname(e, t->schema, t->name);
    tide_sqlw_put(e, " rename to ");
    tide_sqlw_q(e, old);
    tide_sqlw_stmt(e);
    /* foreign keys first (one of its own may use its key), then the
       constraints that own an index, then the other indexes */
    tide_sqlw_put(e, "do $tide$ declare r record; o regclass := ");
    rel_literal(e, t->schema, old);
    tide_sqlw_put(e, "::regclass; begin for r in select conname from pg_catalog.pg_constraint where conrelid = o "
                     "and contype in ('f', 'p', 'u', 'x', 'c') order by contype <> 'f', conname loop "
                     "execute format('alter table %s drop constraint %I', o, r.conname); end loop; "
                     "for r in select indexrelid::regclass as i from pg_catalog.pg_index where indrelid = o loop "
                     "execute format('drop index %s', r.i); end loop; end $tide$");
    tide_sqlw_stmt(e);
    for (i = 0; i < t->ncolumns; i++) {
        if (!t->columns[i].identity)
            continue;
        old_sequence_name(t, i, seq);
        tide_sqlw_put(e, "do $tide$ begin execute format('alter sequence %s rename to %I', "
                         "pg_catalog.pg_get_serial_sequence(");
        rel_literal(e, t->schema, old);
        tide_sqlw_put(e, ", ");
        tide_sqlw_literal(e, t->columns[i].name);
        tide_sqlw_put(e, "), ");
        tide_sqlw_literal(e, seq);
        tide_sqlw_put(e, "); end $tide$");
        tide_sqlw_stmt(e);
    }
}

/* 2: the table as the target has it; serial columns without their sequence
 * (they take the old one back), NOT VALID checks left for after the rows. */
static void create_new(tide_sqlw *e, const tide_table *t)
{
    tide_table copy = *t;
    tide_column *cols = NULL;
    tide_check *checks = NULL;
    tide_op op;
    int i, n = 0;
    if ((t->ncolumns && !(cols = malloc(sizeof *cols * (size_t)t->ncolumns))) ||
        (t->nchecks && !(checks = malloc(sizeof *checks * (size_t)t->nchecks)))) {
        free(cols);
        e->rc = e->rc ? e->rc : tide_err_set(e->err, TIDE_ENOMEM, "out of memory");
        return;
    }
    for (i = 0; i < t->ncolumns; i++) {
        cols[i] = t->columns[i];
        if (serial(&cols[i])) {
            cols[i].autoincrement = 0;
            cols[i].default_expr = cols[i].default_server = NULL;
            cols[i].sequence = NULL;
        }
    }
    for (i = 0; i < t->nchecks; i++)
        if (!(t->checks[i].options & TIDE_CON_NOT_VALID))
            checks[n++] = t->checks[i];
    copy.columns = cols;
    copy.checks = checks;
    copy.nchecks = n;
    copy.nindexes = 0;
    copy.nfks = 0;
    memset(&op, 0, sizeof op);
    op.kind = TIDE_OP_CREATE_TABLE;
    op.table = &copy;
    op.new_table = 1;
    pg_emit__op(e, &op);
    free(cols);
    free(checks);
}

/* 3: the rows, the identity sequences' positions, the serials' sequences. */
static void copy_rows(tide_sqlw *e, const tide_table *t, const char *old)
{
    char seq[64];
    int i, n = 0;
    tide_sqlw_put(e, "insert into ");
    tide_sqlw_qname(e, t->schema, t->name);
    tide_sqlw_put(e, " (");
    for (i = 0; i < t->ncolumns; i++)
        if (!t->columns[i].generated) {
            tide_sqlw_put(e, n++ ? ", " : "");
            tide_sqlw_q(e, t->columns[i].name);
        }
    tide_sqlw_put(e, ") overriding system value select ");
    for (i = n = 0; i < t->ncolumns; i++)
        if (!t->columns[i].generated) {
            tide_sqlw_put(e, n++ ? ", " : "");
            tide_sqlw_q(e, t->columns[i].name);
        }
    tide_sqlw_put(e, " from ");
    tide_sqlw_qname(e, t->schema, old);
    tide_sqlw_stmt(e);
    for (i = 0; i < t->ncolumns; i++) {
        const tide_column *c = &t->columns[i];
        if (c->identity) {
            old_sequence_name(t, i, seq);
            tide_sqlw_put(e, "select pg_catalog.setval(pg_catalog.pg_get_serial_sequence(");
            rel_literal(e, t->schema, t->name);
            tide_sqlw_put(e, ", ");
            tide_sqlw_literal(e, c->name);
            tide_sqlw_put(e, "), last_value, is_called) from ");
            tide_sqlw_qname(e, t->schema, seq);
            tide_sqlw_stmt(e);
        } else if (serial(c)) {
            tide_sqlw_put(e, "do $tide$ declare s text := pg_catalog.pg_get_serial_sequence(");
            rel_literal(e, t->schema, old);
            tide_sqlw_put(e, ", ");
            tide_sqlw_literal(e, c->name);
            tide_sqlw_put(e, "); begin execute format('alter table %s alter column %I set default "
                             "nextval(%L::regclass)', ");
            rel_literal(e, t->schema, t->name);
            tide_sqlw_put(e, ", ");
            tide_sqlw_literal(e, c->name);
            tide_sqlw_put(e, ", s); execute format('alter sequence %s owned by %s.%I', s, ");
            rel_literal(e, t->schema, t->name);
            tide_sqlw_put(e, ", ");
            tide_sqlw_literal(e, c->name);
            tide_sqlw_put(e, "); end $tide$");
            tide_sqlw_stmt(e);
        }
    }
}

static void comment_op(tide_sqlw *e, const tide_table *t, const char *name, const tide_column *c,
                       const char *text)
{
    tide_op op;
    if (!text)
        return;
    memset(&op, 0, sizeof op);
    op.kind = TIDE_OP_COMMENT;
    op.table = t;
    op.new_name = name;
    op.column = c;
    op.value = text;
    pg_emit__op(e, &op);
}

/* 4: what goes on the table once its rows are in. */
static void finish_new(tide_sqlw *e, const tide_table *t)
{
    tide_op op;
    int i;
    memset(&op, 0, sizeof op);
    op.table = t;
    op.new_table = 1;
    op.kind = TIDE_OP_CREATE_INDEX;
    for (i = 0; i < t->nindexes; i++) {
        op.index = &t->indexes[i];
        pg_emit__op(e, &op);
    }
    op.kind = TIDE_OP_ADD_CHECK;
    for (i = 0; i < t->nchecks; i++)
        if (t->checks[i].options & TIDE_CON_NOT_VALID) {
            op.check = &t->checks[i];
            pg_emit__op(e, &op);
        }
    if (t->npk)
        comment_op(e, t, t->pk_name, NULL, t->pk_comment);
    for (i = 0; i < t->nuniques; i++)
        comment_op(e, t, t->uniques[i].name, NULL, t->uniques[i].comment);
    for (i = 0; i < t->nchecks; i++)
        comment_op(e, t, t->checks[i].name, NULL, t->checks[i].comment);
    for (i = 0; i < t->ncolumns; i++)
        if (t->columns[i].identity)
            comment_op(e, t, NULL, &t->columns[i], t->columns[i].sequence_comment);
    op.index = NULL;
    op.check = NULL;
    if (t->cluster_on) {
        op.kind = TIDE_OP_CLUSTER_ON;
        pg_emit__op(e, &op);
    }
    if (t->replica_identity) {
        op.kind = TIDE_OP_REPLICA_IDENTITY;
        pg_emit__op(e, &op);
    }
}

/* 5: the owner, then every grant of the old table and of its columns (the
 * new table's own, the owner's and those of default privileges, taken back
 * first when the old table had grants: its ACL comes out as it was). */
static void carry_grants(tide_sqlw *e, const tide_table *t, const char *old)
{
    static const char *const who =
        "case when r.g = 0 then 'public' else quote_ident(pg_catalog.pg_get_userbyid(r.g)) end";
    tide_sqlw_put(e, "do $tide$ declare r record; o regclass := ");
    rel_literal(e, t->schema, old);
    tide_sqlw_put(e, "::regclass; n regclass := ");
    rel_literal(e, t->schema, t->name);
    tide_sqlw_put(e, "::regclass; w name := (select pg_catalog.pg_get_userbyid(relowner) from pg_catalog.pg_class "
                     "where oid = o); begin execute format('alter table %s owner to %I', n, w); "
                     "if (select relacl from pg_catalog.pg_class where oid = o) is not null then "
                     "execute format('revoke all on table %s from %I cascade', n, w); "
                     "for r in select distinct a.grantee as g from pg_catalog.pg_class c, "
                     "pg_catalog.aclexplode(c.relacl) a where c.oid = n loop execute format('revoke all on "
                     "table %s from %s cascade', n, ");
    tide_sqlw_put(e, who);
    tide_sqlw_put(e, "); end loop; end if; for r in select a.privilege_type as p, a.grantee as g, "
                     "a.is_grantable as w from pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a "
                     "where c.oid = o loop execute format('grant %s on table %s to %s%s', r.p, n, ");
    tide_sqlw_put(e, who);
    tide_sqlw_put(e, ", case when r.w then ' with grant option' else '' end); end loop; "
                     "for r in select t.attname as c, a.privilege_type as p, a.grantee as g, a.is_grantable "
                     "as w from pg_catalog.pg_attribute t, pg_catalog.aclexplode(t.attacl) a where "
                     "t.attrelid = o and t.attnum > 0 and not t.attisdropped loop execute format('grant %s "
                     "(%I) on table %s to %s%s', r.p, r.c, n, ");
    tide_sqlw_put(e, who);
    tide_sqlw_put(e, ", case when r.w then ' with grant option' else '' end); end loop; end $tide$");
    tide_sqlw_stmt(e);
}

void pg_emit__rebuild(tide_sqlw *e, const tide_op *op)
{
    const tide_table *t = op->table;
    char old[64];
    if (t->partition_by || t->ninherits) {
        tide_sqlw_fail(e, "table %s: a partitioned or inheriting table is not rebuilt", t->name);
        return;
    }
    pg_object_name(t->name, NULL, "tide_old", old);
    put_aside(e, t, old);
    create_new(e, t);
    copy_rows(e, t, old);
    finish_new(e, t);
    carry_grants(e, t, old);
    tide_sqlw_put(e, "drop table ");
    tide_sqlw_qname(e, t->schema, old);
    tide_sqlw_stmt(e);
}
