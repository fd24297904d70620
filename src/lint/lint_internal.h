/* lint_internal.h — the state of one lint run, shared by lint_rules.c (the
 * rules) and lint.c (choosing migrations, capturing their statements). The
 * dialect rules see only lint.h. */
#ifndef TIDE_LINT_INTERNAL_H
#define TIDE_LINT_INTERNAL_H

#include "lint/lint.h"
#include "db/driver.h"
#include "model/model.h"
#include "core/strset.h"

/* A column as known at the current statement. */
typedef struct kcol {
    char *name;
    char *type;            /* "" when unknown */
    int notnull, has_default;
} kcol;

/* A table as known at the current statement: read from the live database
 * on first use, then changed by the statements linted. */
typedef struct ktable {
    char *name;            /* "name" or "schema.name" */
    kcol *cols;
    int ncols;
    int live;              /* the live database has it */
    int created;           /* created by the migration being linted */
    int dropped;           /* dropped by it (a rebuild renames a new table to its name) */
    int rows;              /* 1, 0, -1 unknown, -2 not asked yet */
    /* Columns not read yet: the CREATE TABLE that made it (statement def of
     * the migration being linted, its column list opening at token
     * def_open), read on first use (most created tables are never asked:
     * a migration creating 5,000 tables reads none of them). -1: none. */
    int def, def_open;
} ktable;

/* The statements of the migration led by two words (tide_lint__earlier_led). */
typedef struct lint_led {
    char w1[32], w2[32];
    int *idx;
    int n;
    int scanned;               /* statements before this one were looked at */
} lint_led;

#define TIDE_LINT_LEDS 4

struct tide_lint_ctx {
    const tide_driver *drv;     /* the dialect (its lint entry, quoting) */
    tide_conn *conn;            /* NULL: no database to ask */
    const tide_schema *live;    /* NULL: the live schema was not read */
    ktable *tables;
    int ntables, cap_tables;
    tide_strset by_name;        /* table name -> its position in tables */
    int *unread;                /* tables whose columns are still unread (def >= 0) */
    int nunread;
    lint_led leds[TIDE_LINT_LEDS];
    int nleds;
    tide_lint_report *out;
    /* the migration being linted */
    const char *migration;
    const char *mig_ignore;     /* " id id " of its lintIgnore list, or NULL */
    int report_on;              /* 0: only followed, to know what it creates */
    const tide_lint_stmts *stmts;
    int at;                     /* the statement being linted */
    int transactional;          /* the migration runs in one transaction */
    int oom;
};

/* Lints statement at of c->stmts (the dialect's rules, then the generic ones). */
int  tide_lint__statement(tide_lint_ctx *c, int at, tide_err *err);
/* A migration starts: nothing is "created by it" yet. */
void tide_lint__new_migration(tide_lint_ctx *c);
/* The migration's statements are about to be freed: the columns of the
 * tables it created are read from them now. */
int  tide_lint__end_migration(tide_lint_ctx *c);
void tide_lint__ctx_free(tide_lint_ctx *c);
/* Appends a finding (copies the strings). */
int  tide_lint__add(tide_lint_report *r, const char *migration, int statement, const char *sql,
                    const char *rule, int severity, const char *fix, const char *message);

/* Lints sql (a script) as one migration named migration, in dialect drv,
 * with live (optional) as the database before it; no rows are known. For
 * tests and tools without a project. */
int  tide_lint__check_sql(const tide_driver *drv, const tide_schema *live, const char *migration,
                          const char *sql, tide_lint_report *out, tide_err *err);

/* Lints the statements of sql (a migration's up, as the generator has it)
 * against t's live database, as migration `migration` (migration:create). */
int  tide__lint_sql(tide *t, const char *migration, const tide_sql_list *sql, tide_lint_report *out,
                    tide_err *err);

#endif
