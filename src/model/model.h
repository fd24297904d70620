/* model.h — the native schema model (ARCHITECTURE: "three sources of a
 * schema flow into one native model"). The DSL, the snapshot reader and
 * driver introspection all build a tide_schema with the builder below, then
 * call tide_schema_finish, which applies the canonical forms (type aliases,
 * default spellings, generated constraint names, sort order), so that two
 * schemas are the same schema exactly when their canonical fields are equal.
 *
 * Memory: a tide_schema owns everything reachable from it (strings live in
 * its arena, arrays are its own); tide_schema_free releases it all. Pointers
 * into a schema stay valid until it is freed, except that adding an item to
 * a list may move the other items of that same list (tables never move:
 * the schema holds pointers to them).
 */
#ifndef TIDE_MODEL_H
#define TIDE_MODEL_H

#include "tide.h"
#include "core/buf.h"

/* What a column asks the diff to ignore (DSL ignoreChanges). */
enum {
    TIDE_IGNORE_TYPE    = 1,
    TIDE_IGNORE_DEFAULT = 2,
    TIDE_IGNORE_EXTRA   = 4    /* nullability, comment, collation */
};

/* A column. Canonical type names (the "tide types"), whatever the source:
 *   smallint integer bigint boolean real double numeric numeric(p) numeric(p,s)
 *   text varchar varchar(n) char(n) date time timestamp timestamptz json jsonb
 *   uuid bytea, an enum's name (kind ENUM: "user_status" or "schema.user_status"),
 *   T[] for an array of T, and anything else (the DSL's type "raw sql") as
 *   given, lowercased with single spaces.
 * serial / bigserial are integer / bigint with autoincrement set. */
typedef struct tide_column {
    char *name;
    char *type;             /* canonical, see above */
    int is_enum;            /* type names an enum of the schema */
    int nullable;           /* 0: NOT NULL (the DSL's default) */
    char *default_expr;     /* canonical SQL expression, NULL: none */
    int autoincrement;      /* serial, bigserial, identity, SQLite AUTOINCREMENT */
    char *comment;          /* NULL: none */
    char *collation;        /* NULL: the database's default */
    char *renamed_from;     /* DSL hint only; never in a snapshot or introspection */
    unsigned ignore;        /* TIDE_IGNORE_* (DSL only) */
    char *generated;        /* generated column: its expression (canonical), NULL: none */
    int generated_stored;   /* 1: STORED, 0: VIRTUAL (SQLite's default; PostgreSQL has
                               only STORED) */
    char *declared;         /* the type as written: the DSL's text, or what the database
                               reports when it keeps the declared text (SQLite's PRAGMA
                               table_info; "" for a column declared with no type); NULL:
                               unknown (snapshots, PostgreSQL). Compared only between two
                               schemas that set declared_types. */
    char *default_text;     /* the default as written (the DSL's text, SQLite's dflt_value),
                               for writers that keep its spelling; default_expr is what is
                               compared. Meaningful only while default_expr is set; NULL:
                               write default_expr. */
    char *default_server;   /* PostgreSQL: the default as the server prints it (pg_get_expr,
                               '2'::bigint), read when it is not default_expr's text: what a
                               plan to a live database's schema writes, so that the database
                               made prints it the same; never compared, not in snapshots */
    char *identity;         /* PostgreSQL identity column: "always" or "by default" (autoincrement
                               is then set too); NULL: none (autoincrement alone: serial) */
    char *sequence;         /* the options of the column's own sequence (serial or identity)
                               that differ from the defaults for its type, in the driver's
                               canonical form ("increment by 2 start with 100"); NULL: none */
    char *statistics;       /* PostgreSQL SET STATISTICS n, as text ("0".."10000"); NULL: default */
    char *storage;          /* SET STORAGE plain|external|extended|main, when not the type's own;
                               NULL: the type's */
    char *compression;      /* SET COMPRESSION pglz|lz4; NULL: the server's default */
    char *attoptions;       /* PostgreSQL attribute options, ALTER COLUMN ... SET (n_distinct = 100),
                               as the driver's normalize spells them ("n_distinct=100,
                               n_distinct_inherited=-0.5": pg_attribute.attoptions in its
                               order, joined by ", "); NULL: none */
    char *sequence_comment; /* the comment of the column's own sequence (serial or identity,
                               COMMENT ON SEQUENCE); NULL: none */
    int not_null_said;      /* SQLite: whether the rowid (INTEGER PRIMARY KEY) declares NOT NULL,
                               as Room writes "id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL":
                               never NULL either way, but PRAGMA table_info reports what was
                               declared. 1: declared (introspection, or :notNull() in the
                               definitions), -1: not declared (introspection), 0: not said
                               (definitions without :notNull(): either is fine, nothing to
                               change). SQLite's normalize keeps it on the rowid only. */
    char *not_null_conflict; /* the ON CONFLICT resolution of the column's NOT NULL (SQLite's
                               "not null on conflict replace"), a word of tide_conflict_words;
                               only on a column that is not nullable; NULL: none */
} tide_column;

/* A unique constraint (not an index: indexes are below). */
/* Options of a constraint (tide_unique.options, tide_table.pk_options,
 * tide_check.options, tide_fk.options), PostgreSQL's; their DSL and
 * snapshot words are tide_con_option_words[bit index]. */
enum {
    TIDE_CON_DEFERRABLE         = 1,   /* unique, primary key (a foreign key has its fields) */
    TIDE_CON_INITIALLY_DEFERRED = 2,   /* unique, primary key */
    TIDE_CON_NULLS_NOT_DISTINCT = 4,   /* unique: NULLs are equal */
    TIDE_CON_NOT_VALID          = 8,   /* check, foreign key: rows there before are not checked */
    TIDE_CON_NO_INHERIT         = 16,  /* check: not inherited by child tables */
    TIDE_CON_MATCH_FULL         = 32,  /* foreign key: MATCH FULL (all of its columns null, or none) */
    TIDE_CON_NOPTIONS           = 6
};
extern const char *const tide_con_option_words[TIDE_CON_NOPTIONS];

/* The conflict resolutions SQLite lets a NOT NULL, a UNIQUE and a PRIMARY
 * KEY carry (tide_column.not_null_conflict, tide_unique.on_conflict,
 * tide_table.pk_conflict): what an INSERT or UPDATE that breaks the
 * constraint does. Canonical: lowercase, one of these (finish checks);
 * "abort" is SQLite's default but kept as written, so that the table reads
 * back as it was declared. PostgreSQL has no such clause and refuses it. */
#define TIDE_NCONFLICT 5
extern const char *const tide_conflict_words[TIDE_NCONFLICT];

typedef struct tide_unique {
    char *name;             /* canonical: given, or <table>_<col>[_<col>...]_key */
    char **columns;
    int ncolumns;
    unsigned options;       /* TIDE_CON_DEFERRABLE, _INITIALLY_DEFERRED, _NULLS_NOT_DISTINCT */
    char *on_conflict;      /* ON CONFLICT resolution (tide_conflict_words); NULL: none */
    char *comment;          /* NULL: none (PostgreSQL COMMENT ON CONSTRAINT) */
    char **include;         /* INCLUDE columns (PostgreSQL 11): in its index, not keys; none: NULL */
    int ninclude;
    int pos;                /* declared position among its table's unique constraints (set
                               when added): SQLite numbers their indexes by it
                               (sqlite_autoindex_<table>_<n>), so a table it writes declares
                               them in this order, not in name order; the diff ignores it */
} tide_unique;

/* An index. Either columns or expression. A column entry is the column
 * name, followed by " desc" when descending (" asc" is dropped). */
typedef struct tide_index {
    char *name;             /* canonical: given, or <table>_<col>[_<col>...]_idx */
    char **columns;
    int ncolumns;
    char *expression;       /* expression index: the SQL between the parentheses */
    int unique;
    int nulls_not_distinct; /* a unique index whose NULLs are equal (PostgreSQL 15 NULLS NOT DISTINCT) */
    char *where;            /* partial index predicate, NULL: none */
    char *method;           /* NULL for btree, else lowercase ("gin", "hash") */
    char *comment;          /* NULL: none (PostgreSQL COMMENT ON INDEX) */
    char **include;         /* INCLUDE columns (PostgreSQL): stored, not keys; none: NULL */
    int ninclude;
    char *with;             /* storage parameters (PostgreSQL WITH (...)), canonical as the
                               catalog keeps them: "fillfactor=70, deduplicate_items=off",
                               no spaces around "=", lower case names; NULL: none */
} tide_index;

/* A foreign key. Actions are canonical lowercase: NULL for "no action",
 * "restrict", "cascade", "set null", "set default". */
typedef struct tide_fk {
    char *name;             /* canonical: given, or <table>_<col>[_<col>...]_fkey */
    char **columns;
    int ncolumns;
    char *ref_schema;       /* NULL: the default schema */
    char *ref_table;
    char **ref_columns;
    int nref_columns;
    char *on_delete;
    char *on_update;
    int deferrable;
    int initially_deferred;
    unsigned options;       /* TIDE_CON_NOT_VALID, TIDE_CON_MATCH_FULL */
    int pos;                /* declared position among its table's foreign keys (set when
                               added): SQLite numbers them by it (PRAGMA foreign_key_list,
                               the last declared first), so a table it writes declares them
                               in this order, not in name order; the diff ignores it */
    char *comment;          /* NULL: none (PostgreSQL COMMENT ON CONSTRAINT) */
    int ref_key;            /* REFERENCES named no columns (ref_columns are the parent's key,
                               filled by finish): SQLite writes it so again, as PRAGMA
                               foreign_key_list tells it apart; the diff ignores it */
} tide_fk;

typedef struct tide_check {
    char *name;             /* canonical: given, or <table>_check[N] */
    char *expr;             /* canonical: trimmed, outer parentheses removed */
    unsigned options;       /* TIDE_CON_NOT_VALID, TIDE_CON_NO_INHERIT */
    char *comment;          /* NULL: none (PostgreSQL COMMENT ON CONSTRAINT) */
} tide_check;

/* Table options (tide_table.options). A change of options is
 * TIDE_OP_ALTER_TABLE_OPTIONS: SQLite rebuilds the table, PostgreSQL alters
 * what it can (SET LOGGED / UNLOGGED, ENABLE / DISABLE / FORCE / NO FORCE
 * ROW LEVEL SECURITY). */
enum {
    TIDE_TABLE_STRICT        = 1,   /* SQLite STRICT */
    TIDE_TABLE_WITHOUT_ROWID = 2,   /* SQLite WITHOUT ROWID */
    TIDE_TABLE_UNLOGGED      = 4,   /* PostgreSQL UNLOGGED */
    TIDE_TABLE_ROW_SECURITY  = 8,   /* PostgreSQL ENABLE ROW LEVEL SECURITY (policies apply) */
    TIDE_TABLE_FORCE_ROW_SECURITY = 16  /* PostgreSQL FORCE ROW LEVEL SECURITY (to the owner too) */
};

typedef struct tide_table {
    char *schema;           /* NULL: the default schema ("public", "main") */
    char *name;
    char *comment;
    unsigned options;       /* TIDE_TABLE_* */
    char *renamed_from;     /* DSL hint: "old" or "schema.old" */
    tide_column *columns;   /* in order: column order is preserved */
    int ncolumns;
    char *pk_name;          /* canonical: given, or <table>_pkey; NULL with no key */
    char **pk;              /* primary key columns, in key order */
    int npk;
    tide_unique *uniques;   /* sorted by name after finish */
    int nuniques;
    tide_index *indexes;    /* sorted by name after finish */
    int nindexes;
    tide_fk *fks;           /* sorted by name after finish */
    int nfks;
    tide_check *checks;     /* sorted by name after finish */
    int nchecks;
    int nocase;             /* its schema's nocase (set by add_table and finish) */
    char *partition_by;     /* PostgreSQL partitioned table: its key, "range (created_at)"
                               (canonical: lowercase, one space before the parenthesis);
                               NULL: not partitioned. Its partitions are objects of kind
                               TIDE_OBJ_PARTITION on it. */
    char **inherits;        /* PostgreSQL INHERITS: the parents ("name" or "schema.name"),
                               in order; the columns it inherits are the parents', not
                               its own (keys and indexes may name them) */
    int ninherits;
    unsigned pk_options;    /* TIDE_CON_DEFERRABLE, TIDE_CON_INITIALLY_DEFERRED */
    char *cluster_on;       /* PostgreSQL CLUSTER ON: the index (or key constraint) the
                               table is clustered on; NULL: none */
    char *replica_identity; /* PostgreSQL REPLICA IDENTITY other than DEFAULT, as finish
                               spells it: "full", "nothing" or "using index NAME" (a
                               unique index or key constraint of the table); NULL: default */
    char *with;             /* PostgreSQL storage parameters, WITH (fillfactor=90), as
                               pg_class.reloptions keeps them, joined by ", "; NULL: none */
    char *pk_conflict;      /* the primary key's ON CONFLICT resolution (tide_conflict_words);
                               NULL: none */
    char *pk_comment;       /* the primary key's comment (COMMENT ON CONSTRAINT); NULL: none */
    char **pk_include;      /* the primary key's INCLUDE columns (PostgreSQL 11): in its index,
                               not keys; none: NULL */
    int npk_include;
    char **pk_desc;         /* the key columns sorted DESC (SQLite: PRIMARY KEY (a, b DESC), a
                               column's INTEGER PRIMARY KEY DESC, which is then not the rowid),
                               names of pk, in key order after finish; none: NULL (every key
                               column ascends; PostgreSQL's keys always do) */
    int npk_desc;
} tide_table;

typedef struct tide_enum {
    char *schema;           /* NULL: the default schema */
    char *name;
    char **values;          /* in order: order matters to PostgreSQL */
    int nvalues;
    char *comment;          /* NULL: none (PostgreSQL COMMENT ON TYPE) */
} tide_enum;

/* A namespace's comment (PostgreSQL COMMENT ON SCHEMA): tide_schema.ns_comments. */
typedef struct tide_ns_comment {
    char *name;             /* the namespace (never the default one) */
    char *comment;
} tide_ns_comment;

/* ---- objects beside tables ------------------------------------------------
 * Every schema object that is not a table, a column, a key, an index or an
 * enum is a tide_object of one kind, described by a row of
 * tide_object_kinds: the diff, the snapshot, the DSL and the lookups treat
 * every kind alike, reading only the row's flags; what a kind means in SQL
 * is the drivers' knowledge (introspection fills objects, emitters write
 * them). Adding a kind is one enum value and one row, then its driver work
 * (ARCHITECTURE.md, "How to add an object kind").
 *
 * An object is defined by SQL text (definition): the query of a view, the
 * whole CREATE statement of a trigger, a function or a virtual table, the
 * options of a sequence... (the row's `definition` says which). Two objects
 * are the same object when their canonical definitions are equal: the
 * driver's canonical form when its normalize or introspection set one (the
 * server's own spelling), else tide_model_canonical_expr of the text. */
typedef enum tide_object_kind {     /* in creation order */
    TIDE_OBJ_EXTENSION = 0,
    TIDE_OBJ_COLLATION,
    TIDE_OBJ_TS_DICTIONARY,
    TIDE_OBJ_TS_CONFIGURATION,
    TIDE_OBJ_DOMAIN,
    TIDE_OBJ_COMPOSITE,
    TIDE_OBJ_RANGE,
    TIDE_OBJ_SEQUENCE,
    TIDE_OBJ_FUNCTION,
    TIDE_OBJ_AGGREGATE,
    TIDE_OBJ_OPERATOR,
    TIDE_OBJ_OPFAMILY,
    TIDE_OBJ_OPCLASS,
    TIDE_OBJ_CAST,
    TIDE_OBJ_FOREIGN_WRAPPER,
    TIDE_OBJ_FOREIGN_SERVER,
    TIDE_OBJ_VIRTUAL_TABLE,
    TIDE_OBJ_PARTITION,
    TIDE_OBJ_PARTITION_INDEX,
    TIDE_OBJ_PARTITION_CONSTRAINT,
    TIDE_OBJ_ATTACHED_INDEX,
    TIDE_OBJ_FOREIGN_TABLE,
    TIDE_OBJ_VIEW,
    TIDE_OBJ_MATVIEW,
    TIDE_OBJ_MATVIEW_INDEX,
    TIDE_OBJ_TRIGGER,
    TIDE_OBJ_RULE,
    TIDE_OBJ_POLICY,
    TIDE_OBJ_STATISTICS,
    TIDE_OBJ_EXCLUSION,
    TIDE_OBJ_SEQUENCE_OWNER,
    TIDE_OBJ_PUBLICATION,
    TIDE_OBJ_EVENT_TRIGGER,
    TIDE_NOBJECT_KINDS
} tide_object_kind;

/* tide_object_kind_info.flags */
enum {
    TIDE_OBJK_ON_TABLE      = 1,    /* belongs to a table (object.table): a trigger, a
                                       policy; its name is unique within that table */
    TIDE_OBJK_BEFORE_TABLES = 2,    /* created before tables and dropped after them
                                       (sequences and functions that defaults use) */
    TIDE_OBJK_READS         = 4,    /* its definition reads tables and objects (reads[]):
                                       it is dropped before they change and created again
                                       after */
    TIDE_OBJK_HOLDS_DATA    = 8,    /* dropping it loses rows (a materialized view is
                                       refilled; a virtual table's rows are gone) */
    TIDE_OBJK_ALTERABLE     = 16,   /* a changed definition is TIDE_OP_ALTER_OBJECT, not a
                                       drop and a create (sequences, functions) */
    TIDE_OBJK_TYPE          = 32,   /* makes types columns may use (an extension, a domain,
                                       a composite type): created before tables (with
                                       BEFORE_TABLES), dropped at the end of the plan, after
                                       the columns and tables that used it changed */
    TIDE_OBJK_ALTER_REDOES  = 64    /* what reads it is made again around its ALTER (a
                                       foreign table's columns change under the views that
                                       read it; a foreign server may be made again) */
};

typedef struct tide_object_kind_info {
    const char *name;         /* "view": messages, the DSL (t.view), the snapshot's "kind" */
    const char *plural;       /* "views" */
    unsigned flags;           /* TIDE_OBJK_* */
    const char *definition;   /* what the definition text holds, for documentation */
} tide_object_kind_info;

extern const tide_object_kind_info tide_object_kinds[TIDE_NOBJECT_KINDS];

/* The kind named name ("view", "materialized view" or "matview", ...), or -1. */
int tide_object_kind_by_name(const char *name);
/* The kinds' names in order, ", " between them, each within quote (""
 * for none), into out (cut at cap), for messages that list them. */
void tide_object_kind_names(char *out, size_t cap, const char *quote);

typedef struct tide_object {
    tide_object_kind kind;
    char *schema;             /* NULL: the default schema */
    char *name;
    char *table;              /* TIDE_OBJK_ON_TABLE: the table it belongs to (its schema, or
                                 table_schema's) */
    char *table_schema;       /* a partition's table's namespace when it is not the
                                 partition's own (GitLab keeps partitions in
                                 gitlab_partitions_dynamic, their table in public),
                                 "public" spelled out; NULL: the object's (finish makes
                                 it NULL when the two are one). Read it through
                                 tide_object_table_schema. */
    char *definition;         /* SQL text as given or read; see the kind's row */
    char *canonical;          /* what the diff compares: set by a driver (the server's
                                 spelling) or, when NULL, by finish */
    char *comment;            /* NULL: none */
    char *with;               /* a view's options (PostgreSQL WITH (security_barrier=true,
                                 security_invoker=true)), as pg_class.reloptions keeps them,
                                 joined by ", "; NULL: none */
    char **column_comments;   /* the comments of its columns (a view's, a materialized
                                 view's, a partition's, a composite type's attributes):
                                 column, comment, column, comment... sorted by column by
                                 finish (COMMENT ON COLUMN); NULL: none */
    int ncolumn_comments;     /* strings in column_comments, twice the columns */
    char **column_defaults;   /* the defaults of a view's columns (ALTER VIEW ... ALTER
                                 COLUMN ... SET DEFAULT, what an INSERT through the view
                                 takes): column, expression (canonical, or the server's
                                 spelling)... sorted by column by finish; NULL: none */
    int ncolumn_defaults;     /* strings in column_defaults, twice the columns */
    char *renamed_from;       /* DSL hint: "old" (same kind, schema and table) */
    char *enabled;            /* a trigger that does not fire as triggers do by default:
                                 "disabled", "replica" (only where changes are replayed
                                 from a replica) or "always"; NULL: it fires (ENABLE) */
    char *replica_identity;   /* a partition's REPLICA IDENTITY: "full" or "nothing" (finish
                                 spells it so; "default" is NULL); NULL: the default */
    int row_security;         /* a partition's ENABLE ROW LEVEL SECURITY (its own: a partition
                                 does not take its table's); 0: disabled */
    int force_row_security;   /* a partition's FORCE ROW LEVEL SECURITY; 0: not forced */
    char **reads;             /* tables and objects it reads ("name" or "schema.name"):
                                 given by introspection, or found by finish among the
                                 schema's names in the definition's words */
    int nreads;
    int reads_given;          /* reads[] came from the catalog: finish keeps them */
    int after_tables;         /* set by finish: a function whose body is SQL, not a quoted
                                 string (RETURN ..., BEGIN ATOMIC ... END), which the
                                 database checks against the tables it names when it is
                                 created, and that names a table, a readable object, a
                                 type or a function made after tables: created after
                                 tables and dropped before them,
                                 with the reads of a READS kind; or a function whose
                                 arguments or result are a table's row type (reads: the
                                 tables its signature names), or a domain over one (reads:
                                 its base type), or whose signature names such a domain;
                                 or an aggregate whose arguments or state are a table's
                                 row type or whose support function is made after tables */
} tide_object;

typedef struct tide_arena tide_arena;

typedef struct tide_schema {
    tide_table **tables;    /* sorted by (schema, name) after finish */
    int ntables;
    tide_enum *enums;       /* sorted by (schema, name) after finish */
    int nenums;
    tide_object *objects;   /* sorted by (kind, schema, table, name) after finish */
    int nobjects;
    /* Namespaces the schema has even with nothing in them: those a database
     * has (introspection: every namespace read), those the definitions
     * declare (t.schema "name"), a snapshot's. Sorted and unique after
     * finish; the default namespace ("public") is never listed. A namespace
     * used by a table, an enum or an object need not be listed: the diff
     * compares the namespaces each schema has, listed or used. */
    char **namespaces;
    int nnamespaces;
    /* Comments of namespaces (COMMENT ON SCHEMA), sorted by name after
     * finish, each once; a namespace commented is listed in namespaces too,
     * but the default one ("public"), whose comment is kept when it is not
     * the database's own default (PostgreSQL: 'standard public schema'). */
    tide_ns_comment *ns_comments;
    int nns_comments;
    /* What the database holds that the model does not carry, one line each
     * ("aggregate mode1(boolean)", "rule r on t"), as introspection read
     * it: never diffed nor written to a snapshot; the commands that read a
     * database report each line, so that nothing is lost without a word. */
    char **unmodelled;
    int nunmodelled;
    tide_arena *arena;
    int finished;
    /* Identifiers (table, column, index and constraint names, foreign key
     * targets) compare with ASCII letters folded, as the database the schema
     * was built for compares them (SQLite: TIDE_CAP_NOCASE_IDENTS). Set by
     * the driver's normalize and introspection, with tide_schema_set_nocase;
     * lookups, finish's checks and the diff then pair "USERS" with "users".
     * 0: byte for byte (PostgreSQL's quoted identifiers). */
    int nocase;
    /* Column types are what the table declares (SQLite keeps the declared
     * text and PRAGMA table_info reports it): set by the driver's normalize
     * and introspection. When both schemas set it, the diff compares the
     * columns' declared text (ASCII case and white space folded) besides
     * their canonical type, and emitters write declared. */
    int declared_types;
    /* The digest of the definition files it was loaded from ("sha256:...",
     * tide_schema_dirs_digest), written into the snapshot, when loading them
     * read nothing outside their own text; NULL: none. A snapshot whose
     * digest equals the files' own is their model: nothing to evaluate. */
    char *digest;
    /* Tables of another schema listed in tables as they are, not owned:
     * tide_schema_finish_adopting (the snapshot reader's unchanged tables,
     * taken from the definitions' model). Sorted by address; NULL: none. */
    tide_table **borrowed;
    int nborrowed;
} tide_schema;

/* ---- building ---------------------------------------------------------- */

/* A new empty schema, or NULL when out of memory. */
tide_schema *tide_schema_new(void);
void tide_schema_free(tide_schema *s);          /* NULL is a no-op */

/* A copy of str in s's arena (NULL for NULL, and when out of memory: the
 * builder then records the failure, reported by tide_schema_finish). */
char *tide_schema_str(tide_schema *s, const char *str);
char *tide_schema_strn(tide_schema *s, const char *str, size_t n);

/* Adders return the new item, zeroed but for the strings given (copied), or
 * NULL when out of memory. Lists grow with realloc: a pointer to an item is
 * valid until the next add to the same list. */
tide_table  *tide_schema_add_table(tide_schema *s, const char *schema, const char *name);
tide_enum   *tide_schema_add_enum(tide_schema *s, const char *schema, const char *name);
/* A table set aside and put back (the definitions' loader converts a table
 * as its file writes it, then lists it where the file returns it): take
 * removes the last table from s->tables (NULL when none), put appends a
 * table of s's arena (0 or TIDE_ENOMEM), tide_table_free frees the lists of
 * one never put back (its strings stay in the arena). */
tide_table  *tide_schema_take_last_table(tide_schema *s);
int          tide_schema_put_table(tide_schema *s, tide_table *t);
void         tide_table_free(tide_table *t);
int          tide_enum_add_value(tide_schema *s, tide_enum *e, const char *value);
tide_column *tide_table_add_column(tide_schema *s, tide_table *t, const char *name, const char *type);
int          tide_table_add_pk_column(tide_schema *s, tide_table *t, const char *column);
/* Whether t's key column `column` sorts DESC (t->pk_desc names it). */
int          tide_table_pk_desc(const tide_table *t, const char *column);
tide_unique *tide_table_add_unique(tide_schema *s, tide_table *t, const char *name);
tide_index  *tide_table_add_index(tide_schema *s, tide_table *t, const char *name);
tide_fk     *tide_table_add_fk(tide_schema *s, tide_table *t, const char *name);
/* The k-th (0 first) of t's unique constraints in the order declared
 * (tide_unique.pos; name order among equal positions). */
const tide_unique *tide_table_declared_unique(const tide_table *t, int k);

/* The k-th (0 first) of t's foreign keys in the order declared (tide_fk.pos;
 * name order among equal positions). */
const tide_fk *tide_table_declared_fk(const tide_table *t, int k);
tide_check  *tide_table_add_check(tide_schema *s, tide_table *t, const char *name, const char *expr);
/* table: the table of a TIDE_OBJK_ON_TABLE kind, NULL otherwise. */
tide_object *tide_schema_add_object(tide_schema *s, tide_object_kind kind, const char *schema,
                                    const char *name, const char *table, const char *definition);

/* Appends a string to a list field (unique/index/fk columns, fk ref_columns).
 * Example: tide_strv_push(s, &ix->columns, &ix->ncolumns, "created_at desc"). */
int tide_strv_push(tide_schema *s, char ***v, int *n, const char *str);

/* Sets s->nocase (and its tables'); a finished schema is finished again
 * (checked under the new comparison: two tables or two columns of a table
 * whose names differ only in case are then an error; the order of the
 * tables stays byte for byte). Returns 0 or finish's error. */
int tide_schema_set_nocase(tide_schema *s, int nocase, tide_err *err);

/* Applies the canonical forms, fills generated names, sorts, and checks the
 * schema holds together: duplicate tables/columns/constraint names, key and
 * index columns that do not exist, an enum column whose enum is missing, a
 * foreign key to a table of the schema that lacks the referenced columns.
 * Errors (TIDE_ECONFIG) name the table and the item. Idempotent. */
int tide_schema_finish(tide_schema *s, tide_err *err);

/* ---- canonical forms (used by finish, exposed for sources and tests) ----- */

/* Writes the canonical tide type of a spelling (any case and alias: int4,
 * "character varying(255)", "timestamp with time zone", "DECIMAL(10, 2)",
 * "blob", "integer[]") into out. Returns 0, or TIDE_ENOMEM. */
int tide_model_canonical_type(const char *spelling, tide_buf *out);

/* Whether two declared types are the same text but for ASCII case and
 * white space ("VARCHAR( 20 )" is "varchar(20)"; "INT" is not "integer"). */
int tide_model_same_declared(const char *a, const char *b);

/* Canonical SQL expression (defaults, checks, predicates): trimmed, runs of
 * white space outside quotes folded to one space, everything outside quotes
 * lowercased (keywords, and unquoted identifiers, which SQL folds anyway),
 * balanced outer parentheses removed. NULL and "null" defaults become NULL. */
int tide_model_canonical_expr(const char *expr, tide_buf *out);

/* The generated name rule: <table>_<cols joined by _>_<suffix>, cut to 63
 * bytes (PostgreSQL's limit; the same rule on every dialect). */
int tide_model_generated_name(const char *table, char *const *cols, int ncols,
                              const char *suffix, tide_buf *out);

/* Finishes s as tide_schema_finish does, with tables (n, in lender's
 * order) of lender, a finished schema, listed among s's own as they are:
 * not canonicalized, sorted nor checked again, only against s's own
 * (a name given twice, foreign keys of s's tables that point at them,
 * s's objects). s does not own them: lender must outlive s, and s is
 * only read after (finish, set_nocase, retain are not for it). The
 * caller vouches that each is the table s would have read (a snapshot's
 * table whose text is byte for byte what lender's renders to, and whose
 * foreign keys that name no columns point at such tables too).
 * Returns 0; 1 when they cannot be taken (lender's nocase or
 * declared_types differ from s's, or s's enums would make another column
 * an enum's): s is then unfinished and unchanged but for finish's work,
 * and to be thrown away; or finish's errors. */
int tide_schema_finish_adopting(tide_schema *s, const tide_schema *lender, tide_table *const *tables,
                                int n, tide_err *err);

/* Keeps the tables (and enums) for which keep returns 1, frees the rest;
 * the order stays. Objects go with their tables: an object on a table is
 * kept with it, an object that reads tables is kept when one of them is
 * (or when it reads none). Use on a finished schema. */
void tide_schema_retain(tide_schema *s, int (*keep_table)(const tide_table *t, void *ud),
                        int (*keep_enum)(const tide_enum *e, void *ud), void *ud);

/* A deep copy of src (finished or not), not finished: edit it, then
 * finish it. NULL when out of memory. */
tide_schema *tide_schema_copy(const tide_schema *src);

/* ---- lookups (after finish: binary search) ------------------------------- */

/* Names compare as the schema says (s->nocase, t->nocase). */
const tide_table  *tide_schema_find_table(const tide_schema *s, const char *schema, const char *name);
const tide_enum   *tide_schema_find_enum(const tide_schema *s, const char *schema, const char *name);
const tide_column *tide_table_find_column(const tide_table *t, const char *name);
/* The index REPLICA IDENTITY USING INDEX names (after finish), or NULL. */
const char *tide_table_replica_index(const tide_table *t);
/* table: for TIDE_OBJK_ON_TABLE kinds, else ignored. */
const tide_object *tide_schema_find_object(const tide_schema *s, tide_object_kind kind, const char *schema,
                                           const char *name, const char *table);
/* The namespace of the table an object on a table is on (a partition's
 * table may be in another namespace than the partition: table_schema), as
 * the model keeps namespaces: NULL for the default one. */
const char *tide_object_table_schema(const tide_object *o);

/* The partition schema.name (the partition's own namespace), whatever it is
 * a partition of, or NULL. */
const tide_object *tide_schema_find_partition(const tide_schema *s, const char *schema, const char *name);

/* Identifier comparison: byte for byte, or, when nocase, with the ASCII
 * letters A-Z folded to a-z and nothing else (SQLite's rule for identifiers:
 * no locale, bytes above 127 compared as they are). NULL compares as "". */
int tide_model_name_cmp(int nocase, const char *a, const char *b);
int tide_model_same_name(int nocase, const char *a, const char *b);
/* A hash (FNV-1a) of the first n bytes of name, with A-Z folded to a-z when
 * fold: names tide_model_same_name(fold, ...) calls the same hash the same,
 * for the lookups by name that must not scan. */
unsigned tide_model_name_hash(const char *name, size_t n, int fold);

/* The lookups above with the comparison given rather than the schema's (the
 * diff compares a schema with a nocase one under nocase): an exact match
 * first, then one differing only in case when nocase. */
const tide_table  *tide_model_find_table(const tide_schema *s, const char *schema, const char *name,
                                         int nocase);
const tide_column *tide_model_find_column(const tide_table *t, const char *name, int nocase);

/* The length of the column name in an index entry ("created at desc" ->
 * 9): the entry without its trailing " desc"/" asc"/" nulls first|last". */
size_t tide_model_index_col_len(const char *entry);

/* Whether namespace ns (not NULL) holds a table, an enum or an object of s
 * (uses), or that or is listed in s->namespaces (has). */
int tide_schema_uses_namespace(const tide_schema *s, const char *ns);
int tide_schema_has_namespace(const tide_schema *s, const char *ns);

/* The comment of namespace ns (COMMENT ON SCHEMA), or NULL. */
const char *tide_schema_namespace_comment(const tide_schema *s, const char *ns);
/* Sets it (adds ns to the namespaces too); 0 or TIDE_ENOMEM. */
int tide_schema_set_namespace_comment(tide_schema *s, const char *ns, const char *comment);

/* "schema.name" or "name" for messages, into out. */
int tide_model_qualified(const char *schema, const char *name, tide_buf *out);

#endif
