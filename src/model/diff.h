/* diff.h — model × model → plan. The diff engine speaks in operations,
 * never in SQL: a dialect's emitter (drivers/<db>/) turns a plan into
 * statements. A plan borrows from the two schemas it compares; they must
 * outlive it. The down plan is the diff in the other direction, with the
 * renames turned around, so every up has the inverse the emitter needs. */
#ifndef TIDE_DIFF_H
#define TIDE_DIFF_H

#include "model/model.h"

typedef enum tide_op_kind {
    TIDE_OP_CREATE_NAMESPACE = 1,   /* namespace_name */
    TIDE_OP_CREATE_ENUM,            /* enumt */
    TIDE_OP_ADD_ENUM_VALUE,         /* enumt (after), value, before | after (neighbour) */
    TIDE_OP_REPLACE_ENUM,           /* enumt (after), old_enum: values removed or reordered;
                                       runs after the renames, before tables are created */
    TIDE_OP_DROP_FK,                /* table (the table holding it), fk */
    TIDE_OP_DROP_INDEX,             /* table, index */
    TIDE_OP_DROP_UNIQUE,            /* table, unique */
    TIDE_OP_DROP_CHECK,             /* table, check */
    TIDE_OP_DROP_PRIMARY_KEY,       /* table (old), old_table */
    TIDE_OP_RENAME_TABLE,           /* table (new), old_table */
    TIDE_OP_RENAME_COLUMN,          /* table, column (new), old_column */
    TIDE_OP_RENAME_CONSTRAINT,      /* table, old_name -> new_name (primary key, unique,
                                       foreign key or check whose generated name followed
                                       a table or column rename) */
    TIDE_OP_RENAME_INDEX,           /* table, index (new), old_name */
    TIDE_OP_DROP_TABLE,             /* old_table */
    TIDE_OP_CREATE_TABLE,           /* table: columns, primary key, uniques and checks
                                       (indexes and foreign keys follow as their own ops,
                                       marked new_table) */
    TIDE_OP_ADD_COLUMN,             /* table, column */
    TIDE_OP_ALTER_COLUMN,           /* table, old_table, column, old_column, changes */
    TIDE_OP_DROP_COLUMN,            /* table, old_table, old_column */
    TIDE_OP_ALTER_TABLE_COMMENT,    /* table, old_table; with index set: the comment of that
                                       index (unchanged otherwise) */
    TIDE_OP_ADD_PRIMARY_KEY,        /* table */
    TIDE_OP_ADD_UNIQUE,             /* table, unique */
    TIDE_OP_ADD_CHECK,              /* table, check */
    TIDE_OP_CREATE_INDEX,           /* table, index */
    TIDE_OP_ADD_FK,                 /* table, fk */
    TIDE_OP_DROP_ENUM,              /* old_enum; with enumt set, the type a REPLACE_ENUM
                                       renamed aside (after every table is dropped) */
    TIDE_OP_RENAME_ENUM_VALUE,      /* enumt (after), old_enum, old_name -> new_name; never
                                       found by the diff (a rename looks like a replace): the
                                       migration toolkit's m:renameEnumValue builds it */
    /* Objects beside tables (model.h, tide_object_kinds). Drops run first of
     * all (dependents before what they read; objects of BEFORE_TABLES kinds
     * after the tables are dropped), creates last (what is read before its
     * readers; BEFORE_TABLES kinds before tables are created). */
    TIDE_OP_DROP_OBJECT,            /* old_object; recreate: dropped only to be created again
                                       (something it reads changes), destructive when the kind
                                       holds data */
    TIDE_OP_CREATE_OBJECT,          /* object; recreate as above */
    TIDE_OP_RENAME_OBJECT,          /* object (new), old_object: only the name changed */
    TIDE_OP_ALTER_OBJECT,           /* object, old_object: the definition changed, kind with
                                       TIDE_OBJK_ALTERABLE (ALTER SEQUENCE, CREATE OR REPLACE
                                       FUNCTION); or only a view's or materialized view's
                                       options (with) changed (ALTER VIEW ... RESET / SET) */
    TIDE_OP_ALTER_OBJECT_COMMENT,   /* object, old_object */
    TIDE_OP_ALTER_TABLE_OPTIONS,    /* table, old_table: options differ (TIDE_TABLE_*) */
    TIDE_OP_VALIDATE_CONSTRAINT,    /* table, check or fk, new_name: a NOT VALID check or
                                       foreign key that the target has valid (else the same) */
    TIDE_OP_CLUSTER_ON,             /* table, old_table (NULL for a new table): the index the
                                       table is clustered on (table->cluster_on; NULL: none);
                                       after the indexes are created */
    TIDE_OP_REPLICA_IDENTITY,       /* table, old_table (NULL for a new table): what logical
                                       replication logs of a changed row
                                       (table->replica_identity; NULL: the default); after the
                                       indexes are created */
    TIDE_OP_DROP_NAMESPACE,         /* namespace_name: last of the plan, after what was in it */
    TIDE_OP_DROP_DEFAULT,           /* table, old_table, old_column, column (NULL: the column is
                                       dropped): the old column's default goes before objects
                                       are dropped and created, as it reads one that this plan
                                       drops, or the column stops being serial (its own sequence
                                       goes with the default; a new object may take its name).
                                       Runs before the renames: old names. The column's
                                       ALTER_COLUMN follows, with the default already gone */
    TIDE_OP_COMMENT,                /* value: the comment (NULL: none) of what the plan leaves
                                       with another comment than it had (or makes with one):
                                       with namespace_name, that namespace; with enumt, that
                                       enum type; with table and column, the column's own
                                       sequence (serial or identity); with table and
                                       new_name, that constraint of the table (a primary key,
                                       unique, check or foreign key). After everything is
                                       created. */
    TIDE_OP_REBUILD_TABLE           /* table, old_table: the table, already as the target has
                                       it but for its columns' order (migrations.columnOrder =
                                       "rebuild" on a database that adds columns last), is made
                                       again in the target's order, keeping its rows, keys,
                                       indexes, checks, comments, grants and owner; after every
                                       other change of tables, before objects are created. Its
                                       foreign keys and those pointing at it are dropped before
                                       and added after it (DROP_FK, ADD_FK ops of their own);
                                       what reads it or is on it (views, triggers, policies...)
                                       is made again around it */
} tide_op_kind;

/* ALTER_COLUMN: what changed. */
enum {
    TIDE_CHANGE_TYPE          = 1,
    TIDE_CHANGE_NULLABLE      = 2,
    TIDE_CHANGE_DEFAULT       = 4,
    TIDE_CHANGE_COMMENT       = 8,
    TIDE_CHANGE_COLLATION     = 16,
    TIDE_CHANGE_AUTOINCREMENT = 32,
    TIDE_CHANGE_GENERATED     = 64,    /* generated expression or STORED/VIRTUAL */
    TIDE_CHANGE_IDENTITY      = 128,   /* identity (always / by default / none) or the options
                                          of the column's own sequence */
    TIDE_CHANGE_STORAGE       = 256    /* statistics target, storage, compression or attribute
                                          options (n_distinct) */
};

/* One operation. Pointers borrow from the schemas compared: "table" and
 * "column" from the target schema, "old_*" from the source. */
typedef struct tide_op {
    tide_op_kind kind;
    const tide_table *table;
    const tide_table *old_table;
    const tide_column *column;
    const tide_column *old_column;
    const tide_index *index;
    const tide_unique *unique;
    const tide_fk *fk;
    const tide_check *check;
    const tide_enum *enumt;
    const tide_enum *old_enum;
    const tide_object *object;            /* *_OBJECT: from the target schema */
    const tide_object *old_object;        /* from the source schema */
    const char *namespace_name;
    const char *value, *before, *after;   /* ADD_ENUM_VALUE */
    const char *old_name, *new_name;      /* RENAME_CONSTRAINT, RENAME_INDEX */
    unsigned changes;                     /* ALTER_COLUMN: TIDE_CHANGE_* */
    int new_table;                        /* the op's table is created by this plan */
    int destructive;                      /* running it loses data */
    int recreate;                         /* DROP/CREATE_OBJECT of an unchanged object */
    /* CREATE_OBJECT of a partition: old_table is the table of the source schema
     * attached as it (ALTER TABLE ... ATTACH PARTITION); DROP_OBJECT of a
     * partition: table is the table of the target schema it is detached into */
} tide_op;

/* How a column's rows are filled when its table is rebuilt or its type
 * changes: an SQL expression over the row's old columns (portable SQL; the
 * value is text when the column's type is an enum). The migration toolkit
 * sets them (enum value mappings, m:changeColumnType); the diff never does. */
typedef struct tide_fill {
    const tide_table *table;     /* of the target schema */
    const char *column;
    const char *expr;
} tide_fill;

typedef struct tide_plan {
    const tide_schema *from, *to;   /* the schemas compared (borrowed) */
    tide_op *ops;          /* in dependency order */
    int n;
    char **warnings;       /* likely renames, skipped drops: shown to the user */
    int nwarnings;
    const tide_fill *fills;   /* borrowed; none from the diff */
    int nfills;
    tide_table **made;     /* tables the plan's ops name that neither schema holds: a table
                              as a partition is (attached, detached); owned */
    int nmade;
} tide_plan;

/* The fill expression of column `column` of table t, or NULL. */
const char *tide_plan_fill(const tide_plan *plan, const tide_table *t, const char *column);

typedef struct tide_diff_opts {
    int safe;              /* never drop tables or columns (warn instead) */
    int keep_tables;       /* never drop tables (migrations.dropTables = false) */
    int no_drop;           /* plan no drop of a table, a column, an object or an enum
                              type (--no-drop): each is a warning instead */
    int loose_exprs;       /* one side was introspected: compare checks, index
                              predicates and expressions by name only */
    int no_comments;       /* the dialect stores no comments (SQLite) */
    int column_rebuild;    /* the dialect adds columns last and migrations.columnOrder is
                              "rebuild": a kept table whose columns would end in another order
                              than the target's is rebuilt (TIDE_OP_REBUILD_TABLE), or a
                              warning says why it cannot be */
    /* TIDE_VERBOSE: called with one line per difference found (what, which
     * properties differ). */
    void (*explain)(void *ud, const char *line);
    /* On a TTY: asked whether `from` was renamed to `to` (what: "table" or
     * "column table.x"); 1 yes, 0 no. NULL: never asked, a warning instead. */
    int (*ask_rename)(void *ud, const char *what, const char *from, const char *to);
    void *ud;
} tide_diff_opts;

/* The operations that turn `from` into `to` (both finished). */
int  tide_diff(const tide_schema *from, const tide_schema *to, const tide_diff_opts *opts,
               tide_plan *up, tide_plan *down, tide_err *err);
void tide_plan_free(tide_plan *plan);

/* What an entry of a tide_sql_list is. Besides statements, an emitter may
 * ask for the triggers of a table (items[i] is its name) to be read before
 * a rebuild and created again after it: SQL alone cannot carry triggers the
 * model does not know across DROP TABLE. */
typedef enum tide_sql_kind {
    TIDE_SQL_STATEMENT = 0,
    TIDE_SQL_SAVE_TRIGGERS,
    TIDE_SQL_RESTORE_TRIGGERS
} tide_sql_kind;

/* The SQL of a plan: statements in order, owned by the list. */
typedef struct tide_sql_list {
    char **items;
    tide_sql_kind *kinds;     /* parallel to items */
    int n;
} tide_sql_list;

int  tide_sql_list_push(tide_sql_list *l, const char *sql, size_t len, tide_err *err);
int  tide_sql_list_push_kind(tide_sql_list *l, tide_sql_kind kind, const char *text, tide_err *err);
void tide_sql_list_free(tide_sql_list *l);

/* "create table user", "add column user.phone", ... for headers and logs. */
int  tide_op_describe(const tide_op *op, tide_buf *out);

/* What an ALTER_COLUMN op changes, old → new, appended to out after ": "
 * ("type varchar(255) → text, default none → 'x', nullable no → yes");
 * nothing for other ops. 0 or TIDE_ENOMEM. */
int  tide_op_describe_changes(const tide_op *op, tide_buf *out);

#endif
