/* pg_internal.h — what the files of the PostgreSQL driver share: the
 * connection (postgres.c opens it, introspect.c reads the catalog through
 * it) and introspection's entry points. Internal to the driver; tests may
 * include it for the query counter. */
#ifndef TIDE_PG_INTERNAL_H
#define TIDE_PG_INTERNAL_H

#include "pq.h"
#include <signal.h>

#include "db/driver.h"

struct tide_dconn {
    PGconn *pg;
    PGcancel *cancel;     /* made at connect: PQcancel is safe in a signal handler */
    volatile sig_atomic_t interrupted;   /* set by interrupt */
    int depth;            /* 0 outside a transaction, 1 in BEGIN, 2+ in savepoints */
    /* A migration run (runsafe.c): foreign keys relaxed (fk_disable), lock
     * waits bounded and retried (run_limits), the run lock as a lease. */
    int fk_relax;         /* SET CONSTRAINTS ALL DEFERRED in each transaction; a
                             NOT DEFERRABLE key a statement trips over is made
                             DEFERRABLE until fk_check */
    char *fk_restore;     /* the ALTERs that make those keys NOT DEFERRABLE again */
    int fk_checked;       /* fk_check ran in this transaction and nothing was written since */
    tide_run_limits limits;
    char lock_diag[512];  /* who held the lock the last statement waited for */
    int lock_tries;       /* tries that statement made */
    struct pg_lease *lease;   /* the run lock, when it is a lease */
};

/* Runs one statement as the driver's query, run and script do: directly,
 * or during a migration run with a savepoint around it so that a lock
 * timeout (55P03) is retried after the backoff and a foreign key violation
 * (23503) makes the key DEFERRABLE and tries again. name: a prepared
 * statement, else sql with nparams parameters (0: PQexec). */
typedef struct pg_call {
    const char *sql;
    const char *name;
    int nparams;
    const Oid *types;
    const char *const *values;
    const int *lengths, *formats;
    int plain;            /* PQexec: several statements allowed, no parameters */
} pg_call;
PGresult *pg_exec(tide_dconn *c, const pg_call *call);

/* postgres.c's error filling, for runsafe.c. */
int pg_check_result(tide_dconn *c, const PGresult *res, const char *sql, tide_err *err);

/* The driver's fk_disable, fk_enable, fk_check, run_limits, and the lease
 * form of lock/unlock (runsafe.c, lease.c). */
int pg_fk_disable(tide_dconn *c, int *disabled, tide_err *err);
int pg_fk_enable(tide_dconn *c, tide_err *err);
int pg_fk_check(tide_dconn *c, tide_err *err);
int pg_tx_begun(tide_dconn *c, tide_err *err);
int pg_run_limits(tide_dconn *c, const tide_run_limits *l, tide_err *err);
void pg_runsafe_free(tide_dconn *c);
int pg_lease_config(tide_dconn *c, const char *table, int expiry_ms, tide_err *err);
int pg_lease_lock(tide_dconn *c, const char *key, int timeout_ms, tide_err *err);
int pg_lease_unlock(tide_dconn *c, const char *key, tide_err *err);
int pg_lease_verify(tide_dconn *c, tide_err *err);
void pg_lease_free(tide_dconn *c);

/* The driver's introspect (see driver.h): reads the namespaces of opts
 * (default "public") into out with a constant number of catalog queries. */
int pg_introspect(tide_dconn *c, const tide_introspect_opts *opts, tide_schema *out,
                  tide_err *err);

/* Statements the last pg_introspect sent (BEGIN and COMMIT included), for
 * the test that the count does not grow with the number of tables. */
int pg_introspect__queries(void);

/* The SQL of a plan (emit.c). */
int pg_emit(const tide_plan *plan, tide_sql_list *out, tide_err *err);
/* The objects' operations (emit_objects.c): CREATE, DROP, RENAME, ALTER and
 * COMMENT of sequences, functions, views, materialized views, triggers and
 * policies. pg_emit__signature appends a function's "(args)" as DROP
 * FUNCTION takes them (defaults left out), read from its definition. */
struct tide_sqlw;
void pg_emit__object(struct tide_sqlw *e, const tide_op *op);
/* One operation's SQL (emit.c): what emit_rebuild.c makes its steps of. */
void pg_emit__op(struct tide_sqlw *e, const tide_op *op);
/* TIDE_OP_REBUILD_TABLE (emit_rebuild.c): the table made again in the
 * target's column order, its rows, keys, indexes, comments, grants and owner
 * kept. */
void pg_emit__rebuild(struct tide_sqlw *e, const tide_op *op);
int pg_emit__signature(struct tide_sqlw *e, const tide_object *o);
int pg_emit__is_procedure(const char *def);
/* alter sequence of a column's own sequence (column given) or of the
 * sequence named table; a sequence never drawn from restarts (emit.c). */
void pg_emit__alter_sequence(struct tide_sqlw *e, const char *table, const char *column, const char *options);
/* A table's name, quoted and qualified, into out (e->rc set on no memory). */
void pg_emit__table_name(struct tide_sqlw *e, const tide_table *t, tide_buf *out);
/* The same for the relation schema.name (schema NULL: the default). */
void pg_emit__rel_name(struct tide_sqlw *e, const char *schema, const char *name, tide_buf *out);
/* Extensions, domains and composite types (emit_types.c): 1 when the op's
 * object is one of them (its SQL written), 0 otherwise. */
int pg_emit__type_object(struct tide_sqlw *e, const tide_op *op);
/* Text search dictionaries and configurations (emit_textsearch.c): their
 * CREATE (with their comment) and a changed one's statements; the other
 * operations are emit_types.c's, as for every type. */
void pg_emit__text_search_create(struct tide_sqlw *e, const tide_object *o);
void pg_emit__text_search_alter(struct tide_sqlw *e, const tide_object *old, const tide_object *o);
/* Operators, operator families and classes, casts (emit_operators.c): 1
 * when the op's object is one of them (its SQL written), 0 otherwise; the
 * CREATE of one, with its comment. */
int pg_emit__operator_object(struct tide_sqlw *e, const tide_op *op);
void pg_emit__operator_create(struct tide_sqlw *e, const tide_object *o);
/* Partitioned tables (emit_partitions.c): " partition by <key>" after
 * CREATE TABLE's parenthesis; a changed key refused by name (1: refused);
 * a partition's *_OBJECT operations (1 when the object is a partition). */
void pg_emit__partition_by(struct tide_sqlw *e, const tide_table *t);
int pg_emit__partition_key_change(struct tide_sqlw *e, const tide_op *op);
int pg_emit__partition(struct tide_sqlw *e, const tide_op *op);
/* After a partitioned table's default of col changed (PostgreSQL gave it
 * to every partition under it): the partitions' own defaults of col again,
 * top down (depth: 0). */
void pg_emit__partition_defaults_again(struct tide_sqlw *e, const char *schema, const char *table,
                                       const char *col, int depth);
/* alter <what> o reset (old's storage parameters) set (o's): a view's,
 * a materialized view's or a partition's options changed alone. */
void pg_emit__options(struct tide_sqlw *e, const char *what, const tide_object *old, const tide_object *o);
/* TIDE_OP_COMMENT: comment on schema, type (an enum), constraint, or a
 * column's own sequence (emit_comments.c). */
void pg_emit__comment(struct tide_sqlw *e, const tide_op *op);
/* comment on index "schema"."name" is ... (emit_partitions.c). */
void pg_emit__index_comment(struct tide_sqlw *e, const tide_table *t, const tide_index *ix);
/* COMMENT ON <what> schema.name[.col] IS text (NULL: null). */
void pg_emit__comment_on(struct tide_sqlw *e, const char *what, const char *schema, const char *name,
                         const char *col, const char *text);
/* " is 'text'" (" is null" for NULL) and the end of the COMMENT ON statement. */
void pg_emit__comment_is(struct tide_sqlw *e, const char *text);
/* Whether a column type change is to or from a domain of the plan's
 * schemas (its base type's casts apply: left to the server). */
int pg_emit__domain_cast(const tide_plan *plan, const tide_column *from, const tide_column *to);
/* The driver's normalize (normalize.c), and the canonical form of a
 * sequence's options text (name for messages) into out: every option, in
 * the order introspection reads them. TIDE_ECONFIG naming the sequence for
 * text that is not sequence options. */
int pg_normalize(tide_schema *s, tide_err *err);
int pg_seq_canonical(const char *name, const char *options, tide_buf *out, tide_err *err);
/* A publication's definition (what CREATE PUBLICATION takes after its
 * name) in one spelling, into o->definition: its tables in name order,
 * each one's columns in its table's order (s's), names quoted only where
 * PostgreSQL needs it, the namespaces after them, and only the options
 * that are not the defaults. Refuses what it cannot read, by name. */
int pg_publication_canonical(tide_schema *s, tide_object *o, tide_buf *buf, tide_err *err);
/* Reading a definition of words, names and parentheses (a publication's,
 * an event trigger's, a foreign server's: normalize.c). */
typedef struct pub_parse {
    const char *p;
    const char *form;            /* the whole form, for messages */
    char what[300];              /* "publication feed" */
    tide_err *err;
} pub_parse;
void pub_space(pub_parse *x);                        /* past white space */
int pub_word(pub_parse *x, const char *w);           /* the keyword w (any case) next? taken */
int pub_char(pub_parse *x, char ch);                 /* the character ch next? taken */
int pub_fail(pub_parse *x, const char *expected);    /* TIDE_ECONFIG: what, where, expected */
int pub_name(pub_parse *x, char *out, size_t cap);   /* "quoted" kept, bare lowercased */
/* 'text' (quotes doubled within), "text" or a bare word at *p into out;
 * -1 when there is none. put_literal: 'text' as the driver quotes it. */
int coll_value(const char **p, char *out, size_t cap);
int put_literal(tide_buf *b, const char *text);
/* Foreign data wrappers, servers and foreign tables (foreign.c): a
 * wrapper's and a server's definition in one spelling (options in name
 * order, names quoted only where needed), a foreign table's read (its
 * server); refused by name when unreadable or in a namespace. */
int pg_foreign_canonical(tide_schema *s, tide_object *o, tide_buf *buf, tide_err *err);
/* A changed one's statements (emit_objects.c writes their other
 * operations, and an object's CREATE with its comment: pg_emit__create_object). */
void pg_emit__foreign_alter(struct tide_sqlw *e, const tide_object *old, const tide_object *o);
void pg_emit__create_object(struct tide_sqlw *e, const tide_object *o);
/* An event trigger's definition ("on ddl_command_end when tag in ('ALTER
 * TABLE', 'CREATE TABLE') execute function f()", its whole CREATE
 * statement taken too) in one spelling, into o->definition: tags upper
 * case (in the order written: the catalog keeps it), the function named as
 * the search path finds it. */
int pg_event_trigger_canonical(tide_schema *s, tide_object *o, tide_buf *buf, tide_err *err);
/* The options of a serial or identity column's own sequence (c->sequence,
 * any order, any left out) for a column of table: full 0, only those that
 * differ from the defaults for its type, in one order ("" when none): the
 * model's canonical form; full 1, every option ("as integer increment by 1
 * ... no cycle"), for ALTER SEQUENCE; full 2, as 0 without the name; full 3,
 * nothing written: 1 when its type is not the column's (AS, which an
 * identity column's options refuse: LIKE ... INCLUDING IDENTITY makes a
 * bigint sequence for an integer column), else 0.
 * The sequence's name is an option ("sequence name N", PostgreSQL's own
 * spelling for identity columns), said only when it is not the name
 * PostgreSQL gives it (pg_seq_default_name). */
int pg_seq_column_options(const char *table, const tide_column *c, int full, tide_buf *out, tide_err *err);
void pg_seq_default_name(const char *table, const char *column, char out[64]);
/* name as quote_ident prints it: bare when it is lower case letters,
 * digits, _ and $ (not leading with a digit or $) and no keyword
 * quote_ident quotes, else quoted; appended to b. */
int pg_ident(tide_buf *b, const char *name);
/* PostgreSQL's makeObjectName: name1_name2_label (name2 NULL: name1_label),
 * the longer of the two names cut until it fits in 63 bytes, at a whole
 * UTF-8 character. */
void pg_object_name(const char *name1, const char *name2, const char *label, char out[64]);
/* The name PostgreSQL gives an index it makes for table (ChooseIndexName):
 * cols are its columns' names, keys then INCLUDE ones, "expr" for an
 * expression (a name met again numbered: expr, expr1), joined by "_";
 * label "pkey" (no columns), "key" (a unique constraint), "excl" or "idx".
 * A partition's copy of its table's index is named so unless that name is
 * taken (then PostgreSQL numbers the label: idx1). */
void pg_index_default_name(const char *table, const char *const *cols, int n, const char *label, char out[64]);
/* The name of column c's own sequence in table: the one said in its
 * options (1), else PostgreSQL's (0). */
int pg_seq_column_name(const char *table, const tide_column *c, char out[128]);
/* The driver's canonicalize (canonical.c). */
int pg_canonicalize(tide_dconn *c, tide_schema *s, tide_err *err);
int pg_convert(const tide_column *to, const char *qsrc, const char *qdst, tide_buf *expr,
               tide_buf *misfit);

/* The driver's backup (backup.c): pg_dump -Fc into path. */
int pg_backup(tide_dconn *c, const char *path, tide_err *err);

/* migration:lint's PostgreSQL rules (lint.c). */
int pg_lint(struct tide_lint_ctx *ctx, const struct tide_lint_stmt *stmt, tide_err *err);

/* Whole databases and the columns query (database.c; see driver.h). */
int pg_create_database(const char *url, tide_err *err);
int pg_drop_database(const char *url, tide_err *err);
int pg_scratch_database(const char *url, tide_buf *out, tide_err *err);
int pg_columns_sql(const char *schema, const char *table, tide_buf *sql, tide_value params[2],
                   int *nparams);

/* lease.c: a second connection made like `like`, notices discarded; NULL
 * when it cannot be had (the lease's heartbeat, runsafe.c's lock diagnosis). */
PGconn *pg_side_connection(PGconn *like);
/* The same from options PQconninfo gave (on any thread). */
PGconn *pg_connect_with(const PQconninfoOption *opts);

#endif
