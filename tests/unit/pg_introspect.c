/* pg_introspect.c — PostgreSQL introspection against a live server named by
 * TIDE_TEST_PG_URL (a superuser role: each test creates and drops its own
 * database). Without that variable the program says so and exits 77,
 * CTest's "skipped". Schemas are made with raw SQL using every feature the
 * model knows, read back through the driver's introspect, finished, and
 * checked field by field. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/driver.h"
#include "model/model.h"
#include "model/diff.h"
#include "model/snapshot.h"
#include "postgres/pg_internal.h"

static const char *pg_url;

/* ---- a fresh database per test -------------------------------------------- */

typedef struct fixture {
    tide_conn *admin;      /* on the URL's database: creates and drops ours */
    tide_conn *conn;       /* on the fresh database */
    char db[64];
} fixture;

/* pg_url with its database replaced by db. */
static char *url_for(const char *db)
{
    const char *scheme = strstr(pg_url, "://"), *path, *rest;
    char *out;
    size_t n;
    assert_non_null(scheme);
    path = strchr(scheme + 3, '/');
    if (!path)
        path = pg_url + strlen(pg_url);
    rest = path + strcspn(path, "?");
    n = (size_t)(path - pg_url) + strlen(db) + strlen(rest) + 2;
    out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s/%s%s", (int)(path - pg_url), pg_url, db, rest);
    return out;
}

static void script_ok(tide_conn *conn, const char *sql)
{
    tide_err err;
    tide_err_clear(&err);
    if (tide_conn_script(conn, sql, &err) < 0)
        fail_msg("%s\nin: %s", err.msg, err.sql);
}

static int setup(void **state)
{
    static int serial;
    fixture *f = calloc(1, sizeof *f);
    tide_err err;
    char sql[256], *url;
    assert_non_null(f);
    tide_err_clear(&err);
    if (tide_conn_open(&f->admin, pg_url, &err) < 0)
        fail_msg("cannot connect: %s", err.msg);
    snprintf(f->db, sizeof f->db, "tide_pgi_%ld_%d", (long)getpid(), ++serial);
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s; CREATE DATABASE %s", f->db, f->db);
    script_ok(f->admin, sql);
    url = url_for(f->db);
    if (tide_conn_open(&f->conn, url, &err) < 0)
        fail_msg("cannot connect to %s: %s", f->db, err.msg);
    free(url);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char sql[256];
    tide_err err;
    tide_conn_close(f->conn);
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", f->db);
    tide_conn_script(f->admin, sql, &err);
    tide_conn_close(f->admin);
    free(f);
    return 0;
}

/* ---- introspecting ------------------------------------------------------- */

static int introspect_raw(tide_conn *conn, const char *const *schemas, int nschemas,
                          const char *const *exclude, int nexclude, tide_schema *s, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(conn);
    tide_introspect_opts opts = { schemas, nschemas, exclude, nexclude, 0 };
    assert_non_null(drv->introspect);
    tide_err_clear(err);
    return drv->introspect(tide_conn__dconn(conn), &opts, s, err);
}

/* Reads and finishes; the caller frees the schema. */
static tide_schema *introspect(tide_conn *conn, const char *const *schemas, int nschemas,
                               const char *const *exclude, int nexclude)
{
    tide_schema *s = tide_schema_new();
    tide_err err;
    assert_non_null(s);
    if (introspect_raw(conn, schemas, nschemas, exclude, nexclude, s, &err) < 0)
        fail_msg("introspect: %s\nsql: %s", err.msg, err.sql);
    if (tide_schema_finish(s, &err) < 0)
        fail_msg("finish: %s", err.msg);
    return s;
}

/* ---- checking ------------------------------------------------------------ */

static void assert_str(const char *got, const char *want, const char *what)
{
    if (!want && !got)
        return;
    if (!want || !got || strcmp(got, want))
        fail_msg("%s: got %s%s%s, want %s%s%s", what, got ? "'" : "", got ? got : "NULL",
                 got ? "'" : "", want ? "'" : "", want ? want : "NULL", want ? "'" : "");
}

/* A string list against a NULL-terminated expectation. */
static void assert_strv(char *const *got, int n, const char *const *want, const char *what)
{
    int i;
    char label[160];
    for (i = 0; want[i]; i++) {
        snprintf(label, sizeof label, "%s[%d]", what, i);
        if (i >= n)
            fail_msg("%s: missing (only %d)", label, n);
        assert_str(got[i], want[i], label);
    }
    if (i != n)
        fail_msg("%s: %d items, want %d", what, n, i);
}

typedef struct col_want {
    const char *name, *type;
    int is_enum, nullable;
    const char *def;
    int autoincrement;
    const char *comment, *collation;
} col_want;

static void assert_columns(const tide_table *t, const col_want *want, int n)
{
    int i;
    char what[160];
    if (t->ncolumns != n)
        fail_msg("table %s: %d columns, want %d", t->name, t->ncolumns, n);
    for (i = 0; i < n; i++) {
        const tide_column *c = &t->columns[i];
        snprintf(what, sizeof what, "%s.%s", t->name, want[i].name);
        assert_str(c->name, want[i].name, what);
        assert_str(c->type, want[i].type, what);
        if (c->is_enum != want[i].is_enum || c->nullable != want[i].nullable ||
            c->autoincrement != want[i].autoincrement)
            fail_msg("%s: is_enum %d nullable %d autoincrement %d, want %d %d %d", what,
                     c->is_enum, c->nullable, c->autoincrement, want[i].is_enum,
                     want[i].nullable, want[i].autoincrement);
        assert_str(c->default_expr, want[i].def, what);
        assert_str(c->comment, want[i].comment, what);
        assert_str(c->collation, want[i].collation, what);
        assert_null(c->renamed_from);
    }
}

static const tide_table *table(const tide_schema *s, const char *schema, const char *name)
{
    const tide_table *t = tide_schema_find_table(s, schema, name);
    if (!t)
        fail_msg("table %s%s%s not read", schema ? schema : "", schema ? "." : "", name);
    return t;
}

static const tide_index *index_named(const tide_table *t, const char *name)
{
    int i;
    for (i = 0; i < t->nindexes; i++)
        if (!strcmp(t->indexes[i].name, name))
            return &t->indexes[i];
    fail_msg("table %s: no index %s", t->name, name);
    return NULL;
}

static const tide_fk *fk_named(const tide_table *t, const char *name)
{
    int i;
    for (i = 0; i < t->nfks; i++)
        if (!strcmp(t->fks[i].name, name))
            return &t->fks[i];
    fail_msg("table %s: no foreign key %s", t->name, name);
    return NULL;
}

/* ---- the full schema -------------------------------------------------------- */

static const char full_schema[] =
    "CREATE SCHEMA billing;"
    "CREATE SCHEMA other;"
    "CREATE TYPE user_status AS ENUM ('active', 'banned', 'deleted');"
    "CREATE TYPE billing.currency AS ENUM ('usd', 'eur', 'chf');"
    "ALTER TYPE billing.currency ADD VALUE 'aud' BEFORE 'usd';"
    "CREATE TYPE other.mood AS ENUM ('ok');"
    "CREATE TABLE org (id serial PRIMARY KEY, name varchar(100) NOT NULL,"
    "  CONSTRAINT org_name_key UNIQUE (name));"
    "COMMENT ON TABLE org IS 'Organisations';"
    "CREATE TABLE users ("
    "  id bigserial PRIMARY KEY,"
    "  org_id integer NOT NULL REFERENCES org (id) ON DELETE CASCADE,"
    "  email varchar(255) NOT NULL UNIQUE,"
    "  name text DEFAULT 'anonymous',"
    "  status user_status NOT NULL DEFAULT 'active',"
    "  score numeric(10,2) NOT NULL DEFAULT 0,"
    "  balance numeric DEFAULT -1.5,"
    "  ratio double precision DEFAULT 1.5,"
    "  weight real DEFAULT -2,"
    "  level integer NOT NULL DEFAULT -1,"
    "  big bigint DEFAULT 5000000000,"
    "  tags text[] NOT NULL DEFAULT '{}',"
    "  settings jsonb NOT NULL DEFAULT '{}',"
    "  uid uuid NOT NULL DEFAULT gen_random_uuid(),"
    "  code char(3),"
    "  created_at timestamptz NOT NULL DEFAULT now(),"
    "  updated_at timestamp DEFAULT CURRENT_TIMESTAMP,"
    "  born date,"
    "  wake time,"
    "  active boolean NOT NULL DEFAULT true,"
    "  nick varchar(20) COLLATE \"C\" DEFAULT 'x''y',"
    "  deleted_at timestamptz,"
    "  statuses user_status[],"
    "  grid integer[] DEFAULT '{1,2}',"
    "  precise timestamp(3) with time zone,"
    "  span interval DEFAULT '1 day',"
    "  CONSTRAINT users_email_has_at CHECK (email LIKE '%@%'));"
    "COMMENT ON COLUMN users.email IS 'Login e-mail';"
    "CREATE INDEX users_deleted_idx ON users (deleted_at) WHERE deleted_at IS NULL;"
    "CREATE INDEX users_lower_email_idx ON users (lower(email));"
    "CREATE INDEX users_created_idx ON users (created_at DESC, id);"
    "CREATE INDEX users_level_idx ON users (level DESC NULLS LAST, born NULLS FIRST);"
    "CREATE INDEX users_settings_idx ON users USING gin (settings);"
    "CREATE UNIQUE INDEX users_org_name_idx ON users (org_id, name) INCLUDE (email);"
    "CREATE INDEX users_hash_idx ON users USING hash (uid);"
    "CREATE TABLE billing.invoice ("
    "  org_id integer NOT NULL REFERENCES org (id),"
    "  year smallint NOT NULL,"
    "  number integer GENERATED ALWAYS AS IDENTITY,"
    "  seq bigint GENERATED BY DEFAULT AS IDENTITY,"
    "  currency billing.currency NOT NULL DEFAULT 'eur',"
    "  amount numeric(12,2) NOT NULL CHECK (amount >= 0),"
    "  doubled numeric GENERATED ALWAYS AS (amount * 2) STORED,"
    "  note varchar(50) DEFAULT 'n/a'::character varying,"
    "  PRIMARY KEY (org_id, year, number));"
    "COMMENT ON TABLE billing.invoice IS 'Invoices, one per number';"
    "CREATE TABLE billing.line ("
    "  id bigserial PRIMARY KEY,"
    "  org_id integer NOT NULL, year smallint NOT NULL, number integer NOT NULL,"
    "  user_id bigint,"
    "  status user_status,"
    "  CONSTRAINT line_invoice_fk FOREIGN KEY (org_id, year, number)"
    "    REFERENCES billing.invoice (org_id, year, number)"
    "    ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,"
    "  CONSTRAINT line_user_fk FOREIGN KEY (user_id) REFERENCES users (id)"
    "    ON DELETE SET NULL ON UPDATE SET DEFAULT DEFERRABLE,"
    "  CONSTRAINT line_pos UNIQUE (org_id, year, number, id));"
    "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);"
    "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
    "CREATE SEQUENCE free_seq;"
    "CREATE TABLE counters (n integer NOT NULL DEFAULT nextval('free_seq'), "
    "  m integer DEFAULT (2 + 3));"
    "CREATE TABLE other.hidden (id integer);"
    "CREATE TABLE tide_migrations (id serial PRIMARY KEY, name text NOT NULL);"
    "CREATE TABLE billing.tide_migrations (id integer);"
    "CREATE VIEW active_users AS SELECT * FROM users WHERE status = 'active';"
    "CREATE MATERIALIZED VIEW user_count AS SELECT count(*) FROM users;"
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "  NEW.updated_at = now(); RETURN NEW; END $$;"
    "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();";

static const char *const both[] = { "public", "billing" };
static const char *const tracking[] = { "tide_migrations", "billing.tide_migrations" };

static void test_tables(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    int i;
    script_ok(f->conn, full_schema);
    s = introspect(f->conn, both, 2, tracking, 2);
    {
        static const char *const want[][2] = {
            { NULL, "counters" }, { NULL, "events" }, { NULL, "org" }, { NULL, "users" },
            { "billing", "invoice" }, { "billing", "line" },
        };
        assert_int_equal(s->ntables, 6);
        for (i = 0; i < 6; i++) {
            assert_str(s->tables[i]->schema, want[i][0], "schema");
            assert_str(s->tables[i]->name, want[i][1], "table");
            assert_null(s->tables[i]->renamed_from);
        }
    }
    assert_str(table(s, NULL, "org")->comment, "Organisations", "org comment");
    assert_str(table(s, "billing", "invoice")->comment, "Invoices, one per number", "invoice comment");
    assert_null(table(s, NULL, "users")->comment);
    tide_schema_free(s);
}

static void test_enums(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    static const char *const status[] = { "active", "banned", "deleted", NULL };
    static const char *const currency[] = { "aud", "usd", "eur", "chf", NULL };
    script_ok(f->conn, full_schema);
    s = introspect(f->conn, both, 2, tracking, 2);
    assert_int_equal(s->nenums, 2);                 /* not other.mood */
    assert_null(s->enums[0].schema);
    assert_str(s->enums[0].name, "user_status", "enum");
    assert_strv(s->enums[0].values, s->enums[0].nvalues, status, "user_status");
    assert_str(s->enums[1].schema, "billing", "enum schema");
    assert_str(s->enums[1].name, "currency", "enum");
    assert_strv(s->enums[1].values, s->enums[1].nvalues, currency, "currency");
    tide_schema_free(s);
}

static void test_columns(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    static const col_want users[] = {
        { "id", "bigint", 0, 0, NULL, 1, NULL, NULL },
        { "org_id", "integer", 0, 0, NULL, 0, NULL, NULL },
        { "email", "varchar(255)", 0, 0, NULL, 0, "Login e-mail", NULL },
        { "name", "text", 0, 1, "'anonymous'", 0, NULL, NULL },
        { "status", "user_status", 1, 0, "'active'", 0, NULL, NULL },
        { "score", "numeric(10,2)", 0, 0, "0", 0, NULL, NULL },
        { "balance", "numeric", 0, 1, "-1.5", 0, NULL, NULL },
        { "ratio", "double", 0, 1, "1.5", 0, NULL, NULL },
        { "weight", "real", 0, 1, "-2", 0, NULL, NULL },
        { "level", "integer", 0, 0, "-1", 0, NULL, NULL },
        { "big", "bigint", 0, 1, "5000000000", 0, NULL, NULL },
        { "tags", "text[]", 0, 0, "'{}'", 0, NULL, NULL },
        { "settings", "jsonb", 0, 0, "'{}'", 0, NULL, NULL },
        { "uid", "uuid", 0, 0, "gen_random_uuid()", 0, NULL, NULL },
        { "code", "char(3)", 0, 1, NULL, 0, NULL, NULL },
        { "created_at", "timestamptz", 0, 0, "now()", 0, NULL, NULL },
        { "updated_at", "timestamp", 0, 1, "current_timestamp", 0, NULL, NULL },
        { "born", "date", 0, 1, NULL, 0, NULL, NULL },
        { "wake", "time", 0, 1, NULL, 0, NULL, NULL },
        { "active", "boolean", 0, 0, "true", 0, NULL, NULL },
        { "nick", "varchar(20)", 0, 1, "'x''y'", 0, NULL, "C" },
        { "deleted_at", "timestamptz", 0, 1, NULL, 0, NULL, NULL },
        { "statuses", "user_status[]", 0, 1, NULL, 0, NULL, NULL },
        { "grid", "integer[]", 0, 1, "'{1,2}'", 0, NULL, NULL },
        { "precise", "timestamptz(3)", 0, 1, NULL, 0, NULL, NULL },
        { "span", "interval", 0, 1, "'1 day'", 0, NULL, NULL },
    };
    static const col_want invoice[] = {
        { "org_id", "integer", 0, 0, NULL, 0, NULL, NULL },
        { "year", "smallint", 0, 0, NULL, 0, NULL, NULL },
        { "number", "integer", 0, 0, NULL, 1, NULL, NULL },
        { "seq", "bigint", 0, 0, NULL, 1, NULL, NULL },
        { "currency", "billing.currency", 1, 0, "'eur'", 0, NULL, NULL },
        { "amount", "numeric(12,2)", 0, 0, NULL, 0, NULL, NULL },
        { "doubled", "numeric", 0, 1, NULL, 0, NULL, NULL },
        { "note", "varchar(50)", 0, 1, "'n/a'", 0, NULL, NULL },
    };
    static const col_want line[] = {
        { "id", "bigint", 0, 0, NULL, 1, NULL, NULL },
        { "org_id", "integer", 0, 0, NULL, 0, NULL, NULL },
        { "year", "smallint", 0, 0, NULL, 0, NULL, NULL },
        { "number", "integer", 0, 0, NULL, 0, NULL, NULL },
        { "user_id", "bigint", 0, 1, NULL, 0, NULL, NULL },
        { "status", "user_status", 1, 1, NULL, 0, NULL, NULL },
    };
    static const col_want counters[] = {
        { "n", "integer", 0, 0, "nextval('free_seq'::regclass)", 0, NULL, NULL },
        { "m", "integer", 0, 1, "2 + 3", 0, NULL, NULL },
    };
    static const col_want org[] = {
        { "id", "integer", 0, 0, NULL, 1, NULL, NULL },
        { "name", "varchar(100)", 0, 0, NULL, 0, NULL, NULL },
    };
    script_ok(f->conn, full_schema);
    s = introspect(f->conn, both, 2, tracking, 2);
    assert_columns(table(s, NULL, "users"), users, (int)(sizeof users / sizeof *users));
    assert_columns(table(s, "billing", "invoice"), invoice, (int)(sizeof invoice / sizeof *invoice));
    assert_columns(table(s, "billing", "line"), line, (int)(sizeof line / sizeof *line));
    assert_columns(table(s, NULL, "counters"), counters, 2);
    assert_columns(table(s, NULL, "org"), org, 2);
    tide_schema_free(s);
}

static void test_keys_and_checks(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    const tide_table *t;
    static const char *const id[] = { "id", NULL }, *const name[] = { "name", NULL };
    static const char *const inv[] = { "org_id", "year", "number", NULL };
    static const char *const pos[] = { "org_id", "year", "number", "id", NULL };
    static const char *const email[] = { "email", NULL };
    script_ok(f->conn, full_schema);
    s = introspect(f->conn, both, 2, tracking, 2);

    t = table(s, NULL, "org");
    assert_str(t->pk_name, "org_pkey", "org pk");
    assert_strv(t->pk, t->npk, id, "org pk");
    assert_int_equal(t->nuniques, 1);
    assert_str(t->uniques[0].name, "org_name_key", "org unique");
    assert_strv(t->uniques[0].columns, t->uniques[0].ncolumns, name, "org unique");
    assert_int_equal(t->nindexes, 0);              /* the key's and the unique's indexes */

    t = table(s, NULL, "users");
    assert_int_equal(t->nuniques, 1);
    assert_str(t->uniques[0].name, "users_email_key", "users unique");
    assert_strv(t->uniques[0].columns, t->uniques[0].ncolumns, email, "users unique");
    assert_int_equal(t->nchecks, 1);
    assert_str(t->checks[0].name, "users_email_has_at", "check");
    assert_str(t->checks[0].expr, "(email)::text ~~ '%@%'::text", "check");

    t = table(s, "billing", "invoice");
    assert_str(t->pk_name, "invoice_pkey", "invoice pk");
    assert_strv(t->pk, t->npk, inv, "invoice pk (key order)");
    assert_int_equal(t->nchecks, 1);
    assert_str(t->checks[0].name, "invoice_amount_check", "check");
    assert_str(t->checks[0].expr, "amount >= (0)::numeric", "check");

    t = table(s, "billing", "line");
    assert_int_equal(t->nuniques, 1);
    assert_str(t->uniques[0].name, "line_pos", "line unique");
    assert_strv(t->uniques[0].columns, t->uniques[0].ncolumns, pos, "line unique");
    assert_int_equal(t->nchecks, 0);               /* NOT NULL is no check */

    t = table(s, NULL, "events");                  /* partitioned; its partition is not read */
    assert_int_equal(t->ncolumns, 2);
    assert_null(t->pk_name);
    assert_int_equal(t->npk, 0);
    assert_null(tide_schema_find_table(s, NULL, "events_2024"));
    tide_schema_free(s);
}

static void test_foreign_keys(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    const tide_table *t;
    const tide_fk *fk;
    static const char *const inv[] = { "org_id", "year", "number", NULL };
    static const char *const org_id[] = { "org_id", NULL }, *const id[] = { "id", NULL };
    static const char *const user_id[] = { "user_id", NULL };
    script_ok(f->conn, full_schema);
    s = introspect(f->conn, both, 2, tracking, 2);

    t = table(s, "billing", "line");
    assert_int_equal(t->nfks, 2);
    fk = fk_named(t, "line_invoice_fk");
    assert_strv(fk->columns, fk->ncolumns, inv, "fk columns");
    assert_str(fk->ref_schema, "billing", "fk ref schema");
    assert_str(fk->ref_table, "invoice", "fk ref table");
    assert_strv(fk->ref_columns, fk->nref_columns, inv, "fk ref columns");
    assert_str(fk->on_delete, "cascade", "on delete");
    assert_str(fk->on_update, "restrict", "on update");
    assert_int_equal(fk->deferrable, 1);
    assert_int_equal(fk->initially_deferred, 1);

    fk = fk_named(t, "line_user_fk");
    assert_strv(fk->columns, fk->ncolumns, user_id, "fk columns");
    assert_null(fk->ref_schema);                   /* public */
    assert_str(fk->ref_table, "users", "fk ref table");
    assert_strv(fk->ref_columns, fk->nref_columns, id, "fk ref columns");
    assert_str(fk->on_delete, "set null", "on delete");
    assert_str(fk->on_update, "set default", "on update");
    assert_int_equal(fk->deferrable, 1);
    assert_int_equal(fk->initially_deferred, 0);

    t = table(s, NULL, "users");
    assert_int_equal(t->nfks, 1);
    fk = fk_named(t, "users_org_id_fkey");
    assert_strv(fk->columns, fk->ncolumns, org_id, "fk columns");
    assert_str(fk->ref_table, "org", "fk ref table");
    assert_str(fk->on_delete, "cascade", "on delete");
    assert_null(fk->on_update);                    /* no action */
    assert_int_equal(fk->deferrable, 0);

    fk = fk_named(table(s, "billing", "invoice"), "invoice_org_id_fkey");
    assert_null(fk->ref_schema);
    assert_str(fk->ref_table, "org", "cross-namespace fk");
    assert_null(fk->on_delete);
    tide_schema_free(s);
}

static void test_indexes(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    const tide_table *t;
    const tide_index *ix;
    static const char *const deleted[] = { "deleted_at", NULL };
    static const char *const created[] = { "created_at desc", "id", NULL };
    static const char *const level[] = { "level desc nulls last", "born nulls first", NULL };
    static const char *const settings[] = { "settings", NULL }, *const uid[] = { "uid", NULL };
    static const char *const org_name[] = { "org_id", "name", NULL };
    static const char *const none[] = { NULL };
    script_ok(f->conn, full_schema);
    s = introspect(f->conn, both, 2, tracking, 2);
    t = table(s, NULL, "users");
    assert_int_equal(t->nindexes, 7);              /* not users_pkey nor users_email_key */
    assert_str(t->indexes[0].name, "users_created_idx", "sorted by name");

    ix = index_named(t, "users_deleted_idx");
    assert_strv(ix->columns, ix->ncolumns, deleted, "partial");
    assert_str(ix->where, "deleted_at is null", "partial predicate");
    assert_null(ix->expression);
    assert_null(ix->method);
    assert_int_equal(ix->unique, 0);

    ix = index_named(t, "users_lower_email_idx");
    assert_strv(ix->columns, ix->ncolumns, none, "expression");
    assert_str(ix->expression, "lower((email)::text)", "expression");
    assert_null(ix->where);

    ix = index_named(t, "users_created_idx");
    assert_strv(ix->columns, ix->ncolumns, created, "desc");
    assert_null(ix->expression);

    ix = index_named(t, "users_level_idx");
    assert_strv(ix->columns, ix->ncolumns, level, "nulls order");

    ix = index_named(t, "users_settings_idx");
    assert_str(ix->method, "gin", "gin");
    assert_strv(ix->columns, ix->ncolumns, settings, "gin");

    ix = index_named(t, "users_hash_idx");
    assert_str(ix->method, "hash", "hash");
    assert_strv(ix->columns, ix->ncolumns, uid, "hash");

    ix = index_named(t, "users_org_name_idx");
    assert_int_equal(ix->unique, 1);
    assert_strv(ix->columns, ix->ncolumns, org_name, "unique index, key columns only");

    assert_int_equal(table(s, "billing", "invoice")->nindexes, 0);
    assert_int_equal(table(s, "billing", "line")->nindexes, 0);
    tide_schema_free(s);
}

/* ---- options --------------------------------------------------------------- */

/* No namespaces given: "public" only; an enum from a namespace not read is
 * a plain type name, not an enum column of this schema. */
static void test_default_namespace(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    const tide_table *t;
    script_ok(f->conn, full_schema);
    script_ok(f->conn, "CREATE TABLE moods (m other.mood NOT NULL DEFAULT 'ok', "
                       "c billing.currency)");
    s = introspect(f->conn, NULL, 0, NULL, 0);
    assert_int_equal(s->ntables, 6);               /* tide_migrations is not excluded now */
    assert_non_null(tide_schema_find_table(s, NULL, "tide_migrations"));
    assert_null(tide_schema_find_table(s, "billing", "invoice"));
    assert_int_equal(s->nenums, 1);
    assert_str(s->enums[0].name, "user_status", "enum");
    t = table(s, NULL, "moods");
    assert_str(t->columns[0].type, "other.mood", "enum of another namespace");
    assert_int_equal(t->columns[0].is_enum, 0);
    assert_str(t->columns[0].default_expr, "'ok'", "default");
    assert_str(t->columns[1].type, "billing.currency", "enum of another namespace");
    assert_int_equal(t->columns[1].is_enum, 0);
    /* the line's foreign key to public.users is there, its table is not */
    tide_schema_free(s);
}

static void test_empty_database(void **state)
{
    fixture *f = *state;
    tide_schema *s = introspect(f->conn, NULL, 0, NULL, 0);
    assert_int_equal(s->ntables, 0);
    assert_int_equal(s->nenums, 0);
    tide_schema_free(s);
}

/* Names that need quoting, as the builder receives them (before finish:
 * what the model then makes of them is the model's business). */
static void test_odd_names(void **state)
{
    fixture *f = *state;
    static const char *const ns[] = { "Odd \"ns\"" };
    static const char *const cols[] = { "Mixed Case", "x,y", NULL };
    static const char *const ixcols[] = { "x,y", "Mixed Case desc", NULL };
    static const char *const vals[] = { "a,b", "say \"hi\"", "back\\slash", "NULL", "", "{}", NULL };
    tide_schema *s = tide_schema_new();
    const tide_table *t;
    const tide_index *ix;
    tide_err err;
    script_ok(f->conn,
              "CREATE SCHEMA \"Odd \"\"ns\"\"\";"
              "CREATE TYPE \"Odd \"\"ns\"\"\".\"E\" AS ENUM "
              "('a,b', 'say \"hi\"', 'back\\slash', 'NULL', '', '{}');"
              "CREATE TABLE \"Odd \"\"ns\"\"\".\"T 1\" (\"Mixed Case\" integer NOT NULL, "
              "\"x,y\" text DEFAULT 'it''s', e \"Odd \"\"ns\"\"\".\"E\" DEFAULT 'a,b',"
              "CONSTRAINT \"pk (1)\" PRIMARY KEY (\"Mixed Case\", \"x,y\"));"
              "CREATE INDEX \"ix (2)\" ON \"Odd \"\"ns\"\"\".\"T 1\" (\"x,y\", \"Mixed Case\" DESC);"
              "CREATE INDEX \"ix (3)\" ON \"Odd \"\"ns\"\"\".\"T 1\" ((\"x,y\" || ')'))");
    assert_non_null(s);
    if (introspect_raw(f->conn, ns, 1, NULL, 0, s, &err) < 0)
        fail_msg("introspect: %s", err.msg);
    assert_int_equal(s->ntables, 1);
    t = s->tables[0];
    assert_str(t->schema, "Odd \"ns\"", "schema");
    assert_str(t->name, "T 1", "table");
    assert_str(t->pk_name, "pk (1)", "pk name");
    assert_strv(t->pk, t->npk, cols, "pk");
    assert_int_equal(t->ncolumns, 3);
    assert_str(t->columns[1].default_expr, "'it''s'", "default");
    assert_str(t->columns[2].type, "Odd \"ns\".E", "enum type");
    assert_int_equal(t->columns[2].is_enum, 1);
    assert_str(t->columns[2].default_expr, "'a,b'", "enum default");
    assert_int_equal(t->nindexes, 2);
    ix = &t->indexes[0];
    assert_str(ix->name, "ix (2)", "index");
    assert_strv(ix->columns, ix->ncolumns, ixcols, "index columns");
    ix = &t->indexes[1];
    assert_str(ix->name, "ix (3)", "index");
    assert_int_equal(ix->ncolumns, 0);
    /* the key list; PostgreSQL wraps an expression that is no function call */
    assert_str(ix->expression, "((\"x,y\" || ')'::text))", "expression");
    assert_int_equal(s->nenums, 1);
    assert_str(s->enums[0].schema, "Odd \"ns\"", "enum schema");
    assert_str(s->enums[0].name, "E", "enum name");
    assert_strv(s->enums[0].values, s->enums[0].nvalues, vals, "enum values");
    tide_schema_free(s);
}

/* ---- objects beside tables ---------------------------------------------------- */

static const tide_object *object(const tide_schema *s, tide_object_kind kind, const char *schema,
                                 const char *name, const char *table)
{
    const tide_object *o = tide_schema_find_object(s, kind, schema, name, table);
    if (!o)
        fail_msg("no %s %s", tide_object_kinds[kind].name, name);
    return o;
}

static const char objects_sql[] =
    "CREATE EXTENSION citext; "            /* its functions and types are the extension's */
    "CREATE SEQUENCE order_no START WITH 1000 INCREMENT BY 5;"
    "CREATE SEQUENCE owned_seq; "
    "CREATE TABLE item (id serial PRIMARY KEY, no bigint DEFAULT nextval('order_no'), "
    "  price integer NOT NULL, double_price integer GENERATED ALWAYS AS (price * 2) STORED);"
    "ALTER SEQUENCE owned_seq OWNED BY item.no;"
    "CREATE UNLOGGED TABLE scratch (k text);"
    "CREATE VIEW cheap AS SELECT id, price FROM item WHERE price < 10;"
    "CREATE VIEW cheapest AS SELECT id FROM cheap WHERE price < 2;"
    "CREATE MATERIALIZED VIEW totals AS SELECT sum(price) AS total FROM item;"
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
    "CREATE PROCEDURE noop(a integer DEFAULT 1) LANGUAGE sql AS $$ SELECT 1 $$;"
    "CREATE TRIGGER item_touch BEFORE UPDATE ON item FOR EACH ROW EXECUTE FUNCTION touch();"
    "ALTER TABLE item ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY cheap_only ON item FOR SELECT USING (price < (SELECT count(*) FROM scratch));"
    "COMMENT ON VIEW cheap IS 'cheap items'; COMMENT ON FUNCTION touch() IS 'touches';"
    "COMMENT ON SEQUENCE order_no IS 'numbers'; COMMENT ON TRIGGER item_touch ON item IS 'on update';"
    "COMMENT ON POLICY cheap_only ON item IS 'policy'; COMMENT ON MATERIALIZED VIEW totals IS 'sum';"
    "CREATE DOMAIN pos AS integer DEFAULT 1 NOT NULL CHECK (VALUE > 0); COMMENT ON DOMAIN pos IS 'positive';"
    "CREATE TYPE pair AS (\"A\" pos, b citext COLLATE \"C\"); COMMENT ON TYPE pair IS 'two'";

static void test_objects(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    const tide_object *o;
    const tide_table *t;
    script_ok(f->conn, objects_sql);
    s = introspect(f->conn, NULL, 0, NULL, 0);
    assert_int_equal(s->nobjects, 13);         /* item_id_seq belongs to its column */
    /* owned_seq is owned by item.no, whose default takes order_no: a sequence
     * of its own, and its owner (OWNED BY) an object on item */
    o = object(s, TIDE_OBJ_SEQUENCE, NULL, "owned_seq", NULL);
    o = object(s, TIDE_OBJ_SEQUENCE_OWNER, NULL, "owned_seq", "item");
    assert_str(o->definition, "no", "the owning column");
    assert_null(o->comment);
    assert_int_equal(s->nunmodelled, 0);
    o = object(s, TIDE_OBJ_EXTENSION, NULL, "citext", NULL);
    assert_str(o->definition, "schema public", "extension");
    assert_null(o->comment);                    /* the extension's own, not read */
    o = object(s, TIDE_OBJ_DOMAIN, NULL, "pos", NULL);
    assert_str(o->definition, "integer default 1 not null constraint pos_check CHECK ((VALUE > 0))", "domain");
    assert_str(o->comment, "positive", "domain comment");
    o = object(s, TIDE_OBJ_COMPOSITE, NULL, "pair", NULL);
    assert_str(o->definition, "\"A\" pos, b citext collate \"C\"", "composite type");
    assert_str(o->comment, "two", "type comment");
    o = object(s, TIDE_OBJ_SEQUENCE, NULL, "order_no", NULL);
    assert_str(o->definition, "as bigint increment by 5 minvalue 1 maxvalue 9223372036854775807 "
               "start with 1000 cache 1 no cycle", "sequence");
    assert_str(o->comment, "numbers", "sequence comment");
    o = object(s, TIDE_OBJ_VIEW, NULL, "cheap", NULL);
    assert_str(o->definition, "SELECT item.id,\n    item.price\n   FROM item\n  WHERE item.price < 10",
               "view");
    assert_str(o->comment, "cheap items", "view comment");
    assert_int_equal(o->reads_given, 1);
    assert_int_equal(o->nreads, 1);
    assert_str(o->reads[0], "item", "view reads");
    o = object(s, TIDE_OBJ_VIEW, NULL, "cheapest", NULL);
    assert_int_equal(o->nreads, 1);
    assert_str(o->reads[0], "cheap", "view over a view");
    o = object(s, TIDE_OBJ_MATVIEW, NULL, "totals", NULL);
    assert_str(o->comment, "sum", "matview comment");
    o = object(s, TIDE_OBJ_FUNCTION, NULL, "touch", NULL);
    assert_non_null(strstr(o->definition, "CREATE OR REPLACE FUNCTION public.touch()"));
    assert_str(o->comment, "touches", "function comment");
    o = object(s, TIDE_OBJ_FUNCTION, NULL, "noop", NULL);
    assert_true(pg_emit__is_procedure(o->definition));
    o = object(s, TIDE_OBJ_TRIGGER, NULL, "item_touch", "item");
    assert_str(o->definition, "CREATE TRIGGER item_touch BEFORE UPDATE ON item FOR EACH ROW "
               "EXECUTE FUNCTION touch()", "trigger");
    assert_str(o->comment, "on update", "trigger comment");
    o = object(s, TIDE_OBJ_POLICY, NULL, "cheap_only", "item");
    assert_str(o->definition, "CREATE POLICY cheap_only ON item AS PERMISSIVE FOR SELECT TO PUBLIC "
               "USING ((price < ( SELECT count(*) AS count\n   FROM scratch)))", "policy");
    assert_str(o->comment, "policy", "policy comment");
    assert_int_equal(o->nreads, 2);            /* its table, and scratch in its subquery */
    t = table(s, NULL, "item");
    assert_int_equal(t->options, TIDE_TABLE_ROW_SECURITY);
    assert_str(t->columns[3].generated, "price * 2", "generated");
    assert_int_equal(t->columns[3].generated_stored, 1);
    assert_null(t->columns[3].default_expr);
    assert_int_equal(table(s, NULL, "scratch")->options, TIDE_TABLE_UNLOGGED);
    tide_schema_free(s);
}

/* Hand-written definitions compare equal to the live database once the
 * server has spelled them; the database keeps nothing of it. */
static void test_canonicalize(void **state)
{
    fixture *f = *state;
    const tide_driver *drv = tide_conn__driver(f->conn);
    tide_schema *live, *defs = tide_schema_new();
    tide_table *t;
    tide_plan up;
    tide_err err;
    tide_cursor *cur;
    tide_row row;
    script_ok(f->conn, "CREATE TABLE item (id integer PRIMARY KEY, price integer NOT NULL);"
              "CREATE VIEW cheap AS SELECT id, price FROM item WHERE price < 10;"
              "CREATE MATERIALIZED VIEW total AS SELECT sum(price) AS s FROM item;"
              "CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
              "CREATE FUNCTION n() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM item $$;"
              "CREATE TRIGGER item_g BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION g();"
              "CREATE POLICY mine ON item USING (id > 0);"
              "CREATE TABLE other (x integer)");
    live = introspect(f->conn, NULL, 0, NULL, 0);
    t = tide_schema_add_table(defs, NULL, "item");
    tide_table_add_column(defs, t, "id", "integer");
    tide_table_add_column(defs, t, "price", "integer");
    tide_table_add_pk_column(defs, t, "id");
    tide_table_add_column(defs, tide_schema_add_table(defs, NULL, "other"), "x", "integer")->nullable = 1;
    tide_schema_add_object(defs, TIDE_OBJ_VIEW, NULL, "cheap", NULL,
                           "select ID, price from ITEM where (price<10)");
    tide_schema_add_object(defs, TIDE_OBJ_MATVIEW, NULL, "total", NULL, "select sum(price) s from item");
    tide_schema_add_object(defs, TIDE_OBJ_FUNCTION, NULL, "g", NULL,
                           "create function g() returns trigger language plpgsql as $$ BEGIN RETURN NEW; END $$");
    tide_schema_add_object(defs, TIDE_OBJ_FUNCTION, NULL, "n", NULL,
                           "create function n() returns bigint as $$ SELECT count(*) FROM item $$ language sql");
    tide_schema_add_object(defs, TIDE_OBJ_TRIGGER, NULL, "item_g", "item",
                           "create trigger item_g before insert on item for each row execute procedure g()");
    tide_schema_add_object(defs, TIDE_OBJ_POLICY, NULL, "mine", "item",
                           "create policy mine on item for all to public using (id>0)");
    assert_int_equal(tide_schema_finish(defs, &err), 0);
    assert_int_equal(drv->normalize(defs, &err), 0);
    assert_int_equal(drv->canonicalize(tide_conn__dconn(f->conn), defs, &err), 0);
    assert_string_equal(object(defs, TIDE_OBJ_VIEW, NULL, "cheap", NULL)->canonical,
                        object(live, TIDE_OBJ_VIEW, NULL, "cheap", NULL)->canonical);
    assert_int_equal(tide_diff(live, defs, NULL, &up, NULL, &err), 0);
    assert_int_equal(up.n, 0);
    tide_plan_free(&up);
    /* nothing stays: no scratch namespace, no transaction */
    assert_int_equal(tide_conn_txdepth(f->conn), 0);
    assert_int_equal(tide_conn_query(f->conn, "SELECT count(*) FROM pg_namespace WHERE nspname = "
                                     "'tide_canonical'", NULL, 0, &cur, &err), 0);
    assert_int_equal(tide_cursor_next(cur, &row, &err), 1);
    assert_int_equal((int)row.vals[0].u.i, 0);
    tide_cursor_close(cur);
    tide_schema_free(defs);

    /* a definition the server refuses: the error names the object */
    defs = tide_schema_new();
    t = tide_schema_add_table(defs, NULL, "item");
    tide_table_add_column(defs, t, "id", "integer");
    tide_schema_add_object(defs, TIDE_OBJ_VIEW, NULL, "broken", NULL, "select nope from item");
    assert_int_equal(tide_schema_finish(defs, &err), 0);
    assert_int_equal(drv->canonicalize(tide_conn__dconn(f->conn), defs, &err), TIDE_ESQL);
    assert_non_null(strstr(err.msg, "view broken"));
    assert_non_null(strstr(err.msg, "nope"));
    assert_int_equal(tide_conn_txdepth(f->conn), 0);
    tide_schema_free(defs);
    tide_schema_free(live);
}

/* ---- queries, transactions, errors ------------------------------------------- */

static void make_tables(tide_conn *conn, int from, int to)
{
    tide_buf sql = TIDE_BUF_INIT;
    int i;
    for (i = from; i < to; i++)
        assert_int_equal(tide_buf_printf(&sql,
            "CREATE TABLE t%d (id serial PRIMARY KEY, parent integer REFERENCES t%d (id), "
            "name varchar(20) DEFAULT 'x', CHECK (id > 0));"
            "CREATE INDEX t%d_name_idx ON t%d (name);"
            "COMMENT ON TABLE t%d IS 'table %d';", i, i ? i - 1 : 0, i, i, i, i), 0);
    script_ok(conn, sql.data);
    tide_buf_free(&sql);
}

static void test_constant_queries(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    int one, many;
    make_tables(f->conn, 0, 1);
    s = introspect(f->conn, NULL, 0, NULL, 0);
    one = pg_introspect__queries();
    assert_int_equal(s->ntables, 1);
    tide_schema_free(s);
    make_tables(f->conn, 1, 200);
    s = introspect(f->conn, NULL, 0, NULL, 0);
    many = pg_introspect__queries();
    assert_int_equal(s->ntables, 200);
    assert_int_equal(table(s, NULL, "t199")->nfks, 1);
    assert_int_equal(table(s, NULL, "t199")->nindexes, 1);
    assert_int_equal(table(s, NULL, "t199")->nchecks, 1);
    assert_str(table(s, NULL, "t199")->comment, "table 199", "comment");
    tide_schema_free(s);
    assert_int_equal(one, many);
    /* BEGIN, the tables, which kinds of object are there, the columns,
     * constraints, indexes, namespaces, types, sequences (serial), what tide
     * does not carry, COMMIT: no query for the kinds there is none of */
    assert_int_equal(one, 12);
}

/* Outside a transaction introspection takes its own snapshot and ends it;
 * inside one it reads what the transaction sees and leaves it open. */
static void test_transactions(void **state)
{
    fixture *f = *state;
    tide_schema *s;
    tide_err err;
    tide_cursor *cur;
    tide_row row;
    make_tables(f->conn, 0, 1);
    s = introspect(f->conn, NULL, 0, NULL, 0);
    tide_schema_free(s);
    assert_int_equal(tide_conn_txdepth(f->conn), 0);
    /* a transaction left open would still be repeatable read */
    assert_int_equal(tide_conn_query(f->conn, "SELECT current_setting('transaction_isolation')",
                                     NULL, 0, &cur, &err), 0);
    assert_int_equal(tide_cursor_next(cur, &row, &err), 1);
    assert_int_equal((int)row.vals[0].u.s.len, (int)strlen("read committed"));
    assert_memory_equal(row.vals[0].u.s.p, "read committed", row.vals[0].u.s.len);
    tide_cursor_close(cur);

    assert_int_equal(tide_conn_begin(f->conn, &err), 0);
    script_ok(f->conn, "CREATE TABLE uncommitted (id integer)");
    s = introspect(f->conn, NULL, 0, NULL, 0);
    assert_int_equal(pg_introspect__queries(), 10);   /* no BEGIN nor COMMIT of its own */
    assert_non_null(tide_schema_find_table(s, NULL, "uncommitted"));
    tide_schema_free(s);
    assert_int_equal(tide_conn_txdepth(f->conn), 1);
    assert_int_equal(tide_conn_rollback(f->conn, &err), 0);
}

static void test_error_names_query(void **state)
{
    fixture *f = *state;
    tide_schema *s = tide_schema_new();
    tide_err err;
    assert_int_equal(tide_conn_begin(f->conn, &err), 0);
    assert_true(tide_conn_script(f->conn, "SELECT 1/0", &err) < 0);
    assert_int_equal(introspect_raw(f->conn, NULL, 0, NULL, 0, s, &err), TIDE_ESQL);
    assert_non_null(strstr(err.msg, "tables"));
    assert_non_null(strstr(err.msg, "aborted"));
    assert_string_equal(err.sqlstate, "25P02");
    assert_non_null(strstr(err.sql, "pg_class"));
    assert_int_equal(tide_conn_rollback(f->conn, &err), 0);
    tide_schema_free(s);
}

/* pg_url with its user and password replaced. */
static char *url_as(const char *url, const char *user, const char *password)
{
    const char *scheme = strstr(url, "://"), *at = strchr(url, '@');
    char *out;
    size_t n;
    assert_non_null(scheme);
    assert_non_null(at);
    n = strlen(url) + strlen(user) + strlen(password) + 4;
    out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s:%s%s", (int)(scheme + 3 - url), url, user, password, at);
    return out;
}

/* The snapshot JSON of the schema f->conn sees; TIDE_PG_SECOND_CONNECTION
 * set to how ("0" never, "1" always); *queries: the statements sent. */
static char *inspect_json(tide_conn *conn, const char *how, int *queries)
{
    tide_schema *s;
    tide_buf out = TIDE_BUF_INIT;
    tide_err err;
    assert_int_equal(setenv("TIDE_PG_SECOND_CONNECTION", how, 1), 0);
    s = introspect(conn, both, 2, tracking, 2);
    unsetenv("TIDE_PG_SECOND_CONNECTION");
    *queries = pg_introspect__queries();
    if (tide_snapshot_render(s, &out, &err) < 0)
        fail_msg("render: %s", err.msg);
    tide_schema_free(s);
    return out.data;
}

/* The columns read on a second connection (a large schema's, here forced)
 * are what the first reads: in its snapshot, with the settings that change
 * how the server prints types and defaults as the first connection has SET
 * them (a search path without public qualifies its types, a time zone and a
 * date style change a timestamp default's text). Where no second connection
 * can be had (a role's CONNECTION LIMIT 1), the first reads them. */
static void test_second_connection(void **state)
{
    fixture *f = *state;
    char *one, *two, *fresh, *url, sql[512];
    int queries, alone, attempt;
    tide_conn *limited;
    tide_err err;
    script_ok(f->conn, full_schema);
    script_ok(f->conn, "CREATE TABLE stamps (at timestamptz DEFAULT '2024-01-02 03:04:05+00', "
              "day date DEFAULT '2024-01-31', span interval DEFAULT '1 day 02:00:00', "
              "x double precision DEFAULT 0.1, b bytea DEFAULT '\\x0102', "
              "cur billing.currency DEFAULT 'usd')");
    script_ok(f->conn, "SET search_path = other; SET TimeZone = 'Pacific/Auckland'; "
              "SET DateStyle = 'SQL, DMY'; SET IntervalStyle = 'sql_standard'; "
              "SET extra_float_digits = 0; SET bytea_output = 'escape'");
    one = inspect_json(f->conn, "0", &alone);
    /* the columns' three statements on the second connection, not one on the
     * first; a second connection not in the snapshot within a second of the
     * first being done is given up (its output the same): on a machine
     * loaded enough, tried again */
    for (attempt = 0;; attempt++) {
        two = inspect_json(f->conn, "1", &queries);
        assert_string_equal(two, one);
        if (queries == alone + 2 || attempt == 4)
            break;
        assert_int_equal(queries, alone);
        free(two);
    }
    assert_int_equal(queries, alone + 2);
    script_ok(f->conn, "RESET ALL");            /* the settings do change the text */
    fresh = inspect_json(f->conn, "0", &queries);
    assert_true(strcmp(fresh, one) != 0);
    free(fresh);
    free(two);

    snprintf(sql, sizeof sql, "DROP ROLE IF EXISTS tide_pgi_one; CREATE ROLE tide_pgi_one LOGIN "
             "PASSWORD 'one-pw' CONNECTION LIMIT 1; GRANT USAGE ON SCHEMA billing, other TO tide_pgi_one");
    script_ok(f->conn, sql);
    url = url_as(pg_url, "tide_pgi_one", "one-pw");
    {
        char *db_url = NULL;
        const char *slash = strrchr(url, '/');
        size_t n = (size_t)(slash - url) + strlen(f->db) + 2;
        db_url = malloc(n);
        assert_non_null(db_url);
        snprintf(db_url, n, "%.*s/%s", (int)(slash - url), url, f->db);
        tide_err_clear(&err);
        if (tide_conn_open(&limited, db_url, &err) < 0)
            fail_msg("cannot connect as tide_pgi_one: %s", err.msg);
        free(db_url);
    }
    script_ok(limited, "SET search_path = other; SET TimeZone = 'Pacific/Auckland'; "
              "SET DateStyle = 'SQL, DMY'; SET IntervalStyle = 'sql_standard'; "
              "SET extra_float_digits = 0; SET bytea_output = 'escape'");
    two = inspect_json(limited, "1", &queries);
    assert_int_equal(queries, alone);           /* refused: read on the first */
    assert_string_equal(two, one);
    tide_conn_close(limited);
    script_ok(f->conn, "DROP OWNED BY tide_pgi_one; DROP ROLE tide_pgi_one");
    free(url);
    free(two);
    free(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enums, setup, teardown),
        cmocka_unit_test_setup_teardown(test_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keys_and_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indexes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_namespace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_odd_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_constant_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_objects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_canonicalize, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_names_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_connection, setup, teardown),
    };
    pg_url = getenv("TIDE_TEST_PG_URL");
    if (!pg_url || !*pg_url) {
        printf("pg_introspect: TIDE_TEST_PG_URL is not set; skipped\n");
        return 77;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
