/* Unit tests of the schema DSL's conversion into the model (src/model_lua.c
 * with lua/tide/schema.lua): schema folders written to a fresh mkdtemp
 * folder are loaded and the finished model is checked field by field; then
 * the errors (syntax, bad return values, missing folders, conflicting enums),
 * hand-made definitions, and a failing allocator. After every call the Lua
 * stack must be as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lua/model_lua.h"
#include "lua/runtime.h"
#include "api/module.h"

#include "fixture.h"

static int setup(void **state) { return fixture_setup(state, "/tmp/tide-model-lua-XXXXXX"); }
static int teardown(void **state) { return fixture_teardown(state); }

/* f->dir/rel with the given content; folders on the way are made. */
static void put(const fixture *f, const char *rel, const char *content)
{
    char path[512], *slash;
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", f->dir, rel);
    for (slash = strchr(path + strlen(f->dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0755);
        *slash = '/';
    }
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(content, fp);
    assert_int_equal(fclose(fp), 0);
}

/* Loads the folders rel... of f->dir; the Lua stack must come back as it was. */
static int load(fixture *f, tide_schema **s, tide_err *err, int n, ...)
{
    char paths[4][512], *dirs[4];
    int top = lua_gettop(f->L), i, rc;
    va_list ap;
    va_start(ap, n);
    for (i = 0; i < n && i < 4; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", f->dir, va_arg(ap, const char *));
        dirs[i] = paths[i];
    }
    va_end(ap);
    tide_err_clear(err);
    rc = tide_schema_load_dirs(s, f->L, dirs, n, err);
    assert_int_equal(lua_gettop(f->L), top);
    if (rc < 0)
        assert_null(*s);
    return rc;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("expected \"%s\" in \"%s\"", needle, haystack);
}

static const tide_column *column(const tide_table *t, const char *name)
{
    const tide_column *c = tide_table_find_column(t, name);
    if (!c)
        fail_msg("table %s has no column %s", t->name, name);
    return c;
}

static void assert_strv(char *const *v, int n, int want_n, ...)
{
    va_list ap;
    int i;
    assert_int_equal(n, want_n);
    va_start(ap, want_n);
    for (i = 0; i < n; i++)
        assert_string_equal(v[i], va_arg(ap, const char *));
    va_end(ap);
}

/* ---- every feature ----------------------------------------------------- */

static const char org_lua[] =
    "local t = require \"tide.schema\"\n"
    "return t.table \"org\" :comment \"Organisations\" {\n"
    "  t.col \"id\" :bigserial() :primary(),\n"
    "  t.col \"name\" :varchar(100) :collate \"C\" :comment \"display name\",\n"
    "  t.col \"status\" :enum(\"user_status\", { \"active\", \"banned\" }) :default \"'active'\",\n"
    "}\n";

static const char user_lua[] =
    "local t = require \"tide.schema\"\n"
    "return {\n"
    "  t.table \"user\" {\n"
    "    t.col \"id\"      :serial()      :primary(),\n"
    "    t.col \"email\"   :varchar(255)  :unique(),\n"
    "    t.col \"name\"    :text()        :nullable() :default \"'anonymous'\",\n"
    "    t.col \"phone\"   :varchar(32)   :nullable() :renamedFrom \"phone_number\",\n"
    "    t.col \"org_id\"  :bigint()      :references(\"org\", \"id\", { onDelete = \"cascade\" }),\n"
    "    t.col \"status\"  :enum(\"user_status\", { \"active\", \"banned\" }),\n"
    "    t.col \"price\"   :numeric(10, 2) :default(0),\n"
    "    t.col \"tags\"    :array \"text\" :nullable(),\n"
    "    t.col \"data\"    :jsonb()       :ignoreChanges { \"default\", \"extra\" },\n"
    "    t.col \"ip\"      :type \"INET\"   :nullable(),\n"
    "    t.col \"code\"    :char(2)       :unique \"user_code_uq\",\n"
    "    t.col \"photo\"   :blob()        :nullable(),\n"
    "    t.col \"seen\"    :timestamptz() :default \"NOW()\",\n"
    "    t.col \"ok\"      :boolean()     :default(true),\n"
    "    t.col \"manager\" :integer()     :nullable() :references(\"user\", nil, { onUpdate = \"SET NULL\" }),\n"
    "    t.index { \"name\" },\n"
    "    t.index { \"seen desc\", \"email\", name = \"user_recent\", unique = true, where = \"ok = TRUE\" },\n"
    "    t.index { \"name\", \"code\", desc = { \"code\" }, name = \"user_name_code\" },\n"
    "    t.index { expression = \"lower(email)\", name = \"user_lower_email\" },\n"
    "    t.index { \"tags\", using = \"GIN\" },\n"
    "    t.index { \"seen DESC NULLS LAST\", \"ok nulls first\", name = \"user_seen_nulls\" },\n"
    "    t.index { \"email\", using = \"btree\", name = \"user_email_btree\" },\n"
    "    t.unique { \"name\", \"phone\" },\n"
    "    t.foreign { \"org_id\", \"status\", table = \"org\", columns = { \"id\", \"status\" },\n"
    "                onUpdate = \"restrict\", name = \"user_org_status_fk\", initiallyDeferred = true },\n"
    "    t.check(\"email_has_at\", \"(email like '%@%')\"),\n"
    "  },\n"
    "}\n";

static const char audit_lua[] =
    "local t = require \"tide.schema\"\n"
    "return t.table \"audit.log\" :renamedFrom \"audit.old_log\" {\n"
    "  t.col \"day\" :date(),\n"
    "  t.col \"seq\" :integer(),\n"
    "  t.col \"at\" :time() :nullable(),\n"
    "  t.col \"level\" :enum(\"audit.level\", { \"info\", \"warn\" }),\n"
    "  t.primary { \"day\", \"seq\", name = \"log_pk\" },\n"
    "}\n";

static void check_org(const tide_schema *s)
{
    const tide_table *t = tide_schema_find_table(s, NULL, "org");
    const tide_column *c;
    assert_non_null(t);
    assert_string_equal(t->comment, "Organisations");
    assert_int_equal(t->ncolumns, 3);
    c = column(t, "id");
    assert_string_equal(c->type, "bigint");
    assert_true(c->autoincrement);
    c = column(t, "name");
    assert_string_equal(c->type, "varchar(100)");
    assert_string_equal(c->collation, "C");
    assert_string_equal(c->comment, "display name");
    c = column(t, "status");
    assert_true(c->is_enum);
    assert_string_equal(c->type, "user_status");
    assert_string_equal(c->default_expr, "'active'");
    assert_string_equal(t->pk_name, "org_pkey");
    assert_strv(t->pk, t->npk, 1, "id");
}

static void check_user_columns(const tide_table *t)
{
    static const char *const order[] = { "id", "email", "name", "phone", "org_id", "status", "price",
        "tags", "data", "ip", "code", "photo", "seen", "ok", "manager" };
    static const char *const types[] = { "integer", "varchar(255)", "text", "varchar(32)", "bigint",
        "user_status", "numeric(10,2)", "text[]", "jsonb", "inet", "char(2)", "bytea", "timestamptz",
        "boolean", "integer" };
    int i;
    assert_int_equal(t->ncolumns, 15);
    for (i = 0; i < 15; i++) {
        assert_string_equal(t->columns[i].name, order[i]);
        assert_string_equal(t->columns[i].type, types[i]);
        assert_int_equal(t->columns[i].is_enum, i == 5);
        assert_int_equal(t->columns[i].autoincrement, i == 0);
    }
    assert_false(column(t, "id")->nullable);
    assert_true(column(t, "name")->nullable);
    assert_string_equal(column(t, "name")->default_expr, "'anonymous'");
    assert_string_equal(column(t, "phone")->renamed_from, "phone_number");
    assert_string_equal(column(t, "price")->default_expr, "0");
    assert_string_equal(column(t, "seen")->default_expr, "now()");
    assert_string_equal(column(t, "ok")->default_expr, "true");
    assert_null(column(t, "email")->default_expr);
    assert_int_equal(column(t, "data")->ignore, TIDE_IGNORE_DEFAULT | TIDE_IGNORE_EXTRA);
    assert_int_equal(column(t, "email")->ignore, 0);
    assert_null(column(t, "email")->renamed_from);
    assert_null(column(t, "email")->collation);
}

static void check_user_constraints(const tide_table *t)
{
    const tide_index *ix;
    assert_string_equal(t->pk_name, "user_pkey");
    assert_strv(t->pk, t->npk, 1, "id");
    assert_int_equal(t->nuniques, 3);                      /* sorted by name */
    assert_string_equal(t->uniques[0].name, "user_code_uq");
    assert_strv(t->uniques[0].columns, t->uniques[0].ncolumns, 1, "code");
    assert_string_equal(t->uniques[1].name, "user_email_key");
    assert_strv(t->uniques[1].columns, t->uniques[1].ncolumns, 1, "email");
    assert_string_equal(t->uniques[2].name, "user_name_phone_key");
    assert_strv(t->uniques[2].columns, t->uniques[2].ncolumns, 2, "name", "phone");
    assert_int_equal(t->nchecks, 1);
    assert_string_equal(t->checks[0].name, "email_has_at");
    assert_string_equal(t->checks[0].expr, "email like '%@%'");
    assert_int_equal(t->nindexes, 7);
    ix = &t->indexes[0];
    assert_string_equal(ix->name, "user_email_btree");
    assert_null(ix->method);
    ix = &t->indexes[1];
    assert_string_equal(ix->name, "user_lower_email");
    assert_int_equal(ix->ncolumns, 0);
    assert_string_equal(ix->expression, "lower(email)");
    ix = &t->indexes[2];
    assert_string_equal(ix->name, "user_name_code");
    assert_strv(ix->columns, ix->ncolumns, 2, "name", "code desc");
    ix = &t->indexes[3];
    assert_string_equal(ix->name, "user_name_idx");
    assert_strv(ix->columns, ix->ncolumns, 1, "name");
    assert_false(ix->unique);
    assert_null(ix->where);
    assert_null(ix->method);
    ix = &t->indexes[4];
    assert_string_equal(ix->name, "user_recent");
    assert_strv(ix->columns, ix->ncolumns, 2, "seen desc", "email");
    assert_true(ix->unique);
    assert_string_equal(ix->where, "ok = true");
    ix = &t->indexes[5];
    assert_string_equal(ix->name, "user_seen_nulls");
    assert_strv(ix->columns, ix->ncolumns, 2, "seen desc nulls last", "ok nulls first");
    ix = &t->indexes[6];
    assert_string_equal(ix->name, "user_tags_idx");
    assert_string_equal(ix->method, "gin");
}

static void check_user_fks(const tide_table *t)
{
    const tide_fk *fk;
    assert_int_equal(t->nfks, 3);                          /* sorted by name */
    fk = &t->fks[0];
    assert_string_equal(fk->name, "user_manager_fkey");
    assert_strv(fk->columns, fk->ncolumns, 1, "manager");
    assert_string_equal(fk->ref_table, "user");
    assert_strv(fk->ref_columns, fk->nref_columns, 1, "id");   /* the referenced key */
    assert_null(fk->on_delete);
    assert_string_equal(fk->on_update, "set null");
    fk = &t->fks[1];
    assert_string_equal(fk->name, "user_org_id_fkey");
    assert_null(fk->ref_schema);
    assert_string_equal(fk->ref_table, "org");
    assert_strv(fk->ref_columns, fk->nref_columns, 1, "id");
    assert_string_equal(fk->on_delete, "cascade");
    assert_null(fk->on_update);
    assert_false(fk->deferrable);
    fk = &t->fks[2];
    assert_string_equal(fk->name, "user_org_status_fk");
    assert_strv(fk->columns, fk->ncolumns, 2, "org_id", "status");
    assert_strv(fk->ref_columns, fk->nref_columns, 2, "id", "status");
    assert_null(fk->on_delete);
    assert_string_equal(fk->on_update, "restrict");
    assert_true(fk->deferrable);
    assert_true(fk->initially_deferred);
}

static void check_audit(const tide_schema *s)
{
    const tide_table *t = tide_schema_find_table(s, "audit", "log");
    const tide_enum *e = tide_schema_find_enum(s, "audit", "level");
    assert_non_null(t);
    assert_string_equal(t->renamed_from, "audit.old_log");
    assert_null(t->comment);
    assert_string_equal(t->pk_name, "log_pk");
    assert_strv(t->pk, t->npk, 2, "day", "seq");
    assert_string_equal(column(t, "level")->type, "audit.level");
    assert_true(column(t, "level")->is_enum);
    assert_true(column(t, "at")->nullable);
    assert_non_null(e);
    assert_strv(e->values, e->nvalues, 2, "info", "warn");
}

static void loads_every_feature(void **state)
{
    fixture *f = *state;
    tide_schema *s = NULL;
    tide_err err;
    const tide_table *user;
    put(f, "schema/a_org.lua", org_lua);
    put(f, "schema/b_user.lua", user_lua);
    put(f, "schema/notes.txt", "not a schema file");
    put(f, "schema/.hidden.lua", "error('dot files are skipped')");
    put(f, "more/audit.lua", audit_lua);
    assert_int_equal(load(f, &s, &err, 2, "schema", "more"), 0);
    assert_non_null(s);
    assert_true(s->finished);
    assert_int_equal(s->ntables, 3);
    assert_string_equal(s->tables[0]->name, "org");        /* default schema first */
    assert_string_equal(s->tables[1]->name, "user");
    assert_string_equal(s->tables[2]->schema, "audit");
    assert_int_equal(s->nenums, 2);
    assert_string_equal(s->enums[0].name, "user_status");
    assert_null(s->enums[0].schema);
    assert_strv(s->enums[0].values, s->enums[0].nvalues, 2, "active", "banned");
    check_org(s);
    user = tide_schema_find_table(s, NULL, "user");
    assert_non_null(user);
    check_user_columns(user);
    check_user_constraints(user);
    check_user_fks(user);
    check_audit(s);
    tide_schema_free(s);
}

static void loads_an_empty_folder_and_no_folder(void **state)
{
    fixture *f = *state;
    tide_schema *s = NULL;
    tide_err err;
    char path[128];
    snprintf(path, sizeof path, "%s/empty", f->dir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(load(f, &s, &err, 1, "empty"), 0);
    assert_int_equal(s->ntables, 0);
    tide_schema_free(s);
    assert_int_equal(load(f, &s, &err, 0), 0);
    assert_int_equal(s->ntables, 0);
    tide_schema_free(s);
}

/* ---- errors of schema folders -------------------------------------------------- */

/* Loads f->dir/schema expecting code; the message must hold every needle. */
static void expect_error(fixture *f, int code, int n, ...)
{
    tide_schema *s = NULL;
    tide_err err;
    va_list ap;
    int i;
    assert_int_equal(load(f, &s, &err, 1, "schema"), code);
    va_start(ap, n);
    for (i = 0; i < n; i++)
        assert_contains(err.msg, va_arg(ap, const char *));
    va_end(ap);
}

static void reports_a_syntax_error_with_file_and_line(void **state)
{
    fixture *f = *state;
    put(f, "schema/a.lua", org_lua);
    put(f, "schema/broken.lua", "local t = require 'tide.schema'\n\nreturn t.table 'x' {\n  t.col 'a' :integer()\n  t.col 'b'\n}\n");
    expect_error(f, TIDE_ELUA, 2, "schema/broken.lua:5:", "'}' expected");
}

static void reports_dsl_misuse_with_file_line_table_and_column(void **state)
{
    fixture *f = *state;
    put(f, "schema/user.lua", "local t = require 'tide.schema'\n"
        "return t.table 'user' {\n"
        "  t.col 'id' :serial() :primary(),\n"
        "  t.col 'name' :varchar(-1),\n"
        "}\n");
    expect_error(f, TIDE_ELUA, 4, "schema/user.lua:4:", "table 'user'", "column 'name'", "varchar");
    put(f, "schema/user.lua", "local t = require 'tide.schema'\n"
        "return t.table 'user' {\n"
        "  t.col 'id' :serial() :primary(),\n"
        "  t.primary { 'id' },\n"
        "}\n");
    expect_error(f, TIDE_ELUA, 3, "schema/user.lua:2:", "table 'user'", "primary key is given twice");
    put(f, "schema/user.lua", "local t = require 'tide.schema'\n"
        "return t.table 'user' {\n"
        "  t.col 'id' :integer() :references('org', 'id', { ondelete = 'cascade' }),\n"
        "}\n");
    expect_error(f, TIDE_ELUA, 3, "schema/user.lua:3:", "column 'id'", "did you mean 'onDelete'?");
}

static void reports_a_runtime_error(void **state)
{
    fixture *f = *state;
    put(f, "schema/boom.lua", "local x = nil\nreturn x.y\n");
    expect_error(f, TIDE_ELUA, 2, "schema/boom.lua:2:", "attempt to index");
    put(f, "schema/boom.lua", "error({ code = 1 })\n");
    expect_error(f, TIDE_ELUA, 0);
}

static void reports_bad_return_values(void **state)
{
    fixture *f = *state;
    put(f, "schema/bad.lua", "return 42\n");
    expect_error(f, TIDE_ECONFIG, 2, "schema/bad.lua", "it returned number");
    put(f, "schema/bad.lua", "return\n");
    expect_error(f, TIDE_ECONFIG, 2, "schema/bad.lua", "it returned nil");
    put(f, "schema/bad.lua", "return { name = 'x' }\n");
    expect_error(f, TIDE_ECONFIG, 2, "schema/bad.lua", "neither");
    put(f, "schema/bad.lua", "local t = require 'tide.schema'\nreturn t.table 'x'\n");
    expect_error(f, TIDE_ECONFIG, 2, "schema/bad.lua", "call it with its items");
    put(f, "schema/bad.lua", "local t = require 'tide.schema'\nreturn { t.table 'x' { t.col 'a' :text() }, t.index { 'a' } }\n");
    expect_error(f, TIDE_ECONFIG, 2, "schema/bad.lua", "entry 2 of the returned list is not a table or object definition but a index");
    put(f, "schema/bad.lua", "local t = require 'tide.schema'\nreturn { t.col 'a' :text() }\n");
    expect_error(f, TIDE_ECONFIG, 2, "schema/bad.lua", "column builder");
}

static void reports_a_missing_folder(void **state)
{
    fixture *f = *state;
    tide_schema *s = NULL;
    tide_err err;
    put(f, "schema/org.lua", org_lua);
    put(f, "file.lua", org_lua);
    assert_int_equal(load(f, &s, &err, 2, "schema", "nope"), TIDE_EIO);
    assert_contains(err.msg, "schema folder '");
    assert_contains(err.msg, "/nope' does not exist (create it, or set schema in tide.lua)");
    assert_int_equal(load(f, &s, &err, 1, "file.lua"), TIDE_EIO);
    assert_contains(err.msg, "is not a directory");
}

static void reports_conflicting_enums_naming_both_places(void **state)
{
    fixture *f = *state;
    put(f, "schema/a_org.lua", org_lua);
    put(f, "schema/b_team.lua", "local t = require 'tide.schema'\n"
        "return t.table 'team' {\n"
        "  t.col 'id' :serial() :primary(),\n"
        "  t.col 'state' :enum('user_status', { 'active', 'gone' }),\n"
        "}\n");
    expect_error(f, TIDE_ECONFIG, 6, "schema/b_team.lua: table 'team', column 'state'",
                 "enum 'user_status'", "(active, gone)", "table 'org', column 'status'",
                 "schema/a_org.lua", "(active, banned)");
    put(f, "schema/b_team.lua", "local t = require 'tide.schema'\n"
        "return t.table 'team' {\n"
        "  t.col 'a' :enum('e', { 'x' }),\n"
        "  t.col 'b' :enum('e', { 'x', 'y' }),\n"
        "}\n");
    expect_error(f, TIDE_ECONFIG, 3, "schema/b_team.lua: table 'team', column 'b'",
                 "table 'team', column 'a' in /", "schema/b_team.lua declared it with (x);");
}

static void reports_a_table_defined_in_two_files(void **state)
{
    fixture *f = *state;
    put(f, "schema/a.lua", org_lua);
    put(f, "schema/b.lua", "local t = require 'tide.schema'\n"
        "return t.table 'org' { t.col 'id' :integer() }\n");
    expect_error(f, TIDE_ECONFIG, 3, "table 'org' is defined twice", "schema/a.lua", "schema/b.lua");
}

/* Tables go into the model as their t.table call ends (issue 20: the
 * definitions' Lua tables are not all alive beside the model): the model
 * still has the tables a file returns, in its order, and no other; what a
 * file may no longer do (read a definition back) says so at its line. */
static void converts_tables_as_they_are_written(void **state)
{
    fixture *f = *state;
    tide_schema *s = NULL;
    tide_err err;
    put(f, "schema/a.lua", "local t = require 'tide.schema'\n"
        "local ghost = t.table 'ghost' { t.col 'id' :integer() }\n"
        "local b = t.table 'app.b' { t.col 'id' :integer() :primary(), t.col 'a_id' :integer() :references('a', 'id') }\n"
        "local a = t.table 'a' { t.col 'id' :integer() :primary(), t.index { 'id' } }\n"
        "assert(a.__tide == 'table' and a.name == 'a' and b.name == 'b' and b.schema == 'app')\n"
        "return { a, b, t.table 'c' { t.col 'st' :enum('st', { 'x' }) } }\n");
    assert_int_equal(load(f, &s, &err, 1, "schema"), 0);
    assert_int_equal(s->ntables, 3);
    assert_non_null(tide_schema_find_table(s, NULL, "a"));
    assert_non_null(tide_schema_find_table(s, "app", "b"));
    assert_non_null(tide_schema_find_table(s, NULL, "c"));
    assert_null(tide_schema_find_table(s, NULL, "ghost"));
    assert_int_equal(tide_schema_find_table(s, NULL, "a")->nindexes, 1);
    assert_int_equal(tide_schema_find_table(s, "app", "b")->nfks, 1);
    tide_schema_free(s);

    put(f, "schema/a.lua", "local t = require 'tide.schema'\n"
        "local a = t.table 'a' { t.col 'id' :integer() }\n"
        "return { a, a }\n");
    expect_error(f, TIDE_ECONFIG, 1, "table 'a' is defined twice");

    put(f, "schema/a.lua", "local t = require 'tide.schema'\n"
        "local a = t.table 'a' { t.col 'id' :integer() }\n"
        "return { a, t.table 'b' { a.columns[1] } }\n");
    expect_error(f, TIDE_ELUA, 3, "schema/a.lua:3:", "table 'a': ", "'columns' cannot be read back");
}

static void reports_finish_errors(void **state)
{
    fixture *f = *state;
    put(f, "schema/a.lua", "local t = require 'tide.schema'\n"
        "return t.table 'a' { t.col 'id' :integer() :references('b', 'nope') }\n");
    put(f, "schema/b.lua", "local t = require 'tide.schema'\n"
        "return t.table 'b' { t.col 'id' :integer() :primary() }\n");
    expect_error(f, TIDE_ECONFIG, 1, "references column 'nope'");
}

/* ---- objects, generated columns, table options ------------------------------------- */

static const char objects_lua[] =
    "local t = require \"tide.schema\"\n"
    "return {\n"
    "  t.table \"docs\" :strict() :withoutRowid() :unlogged() {\n"
    "    t.col \"id\" :integer() :primary(),\n"
    "    t.col \"title\" :text(),\n"
    "    t.col \"slug\" :text() :generated \"lower(title)\",\n"
    "    t.col \"size\" :integer() :nullable() :generated(\"length(title)\", { stored = true }),\n"
    "  },\n"
    "  t.view \"recent\" [[select id, title from docs]],\n"
    "  t.view \"app.titles\" :comment \"every title\" { sql = [[select title from docs]], renamedFrom = \"names\" },\n"
    "  t.materializedView \"counts\" { sql = \"select count(*) from docs\", comment = \"how many\" },\n"
    "  t.trigger \"docs_touch\" { table = \"docs\", sql = [[create trigger docs_touch after insert on docs begin select 1; end]] },\n"
    "  t.policy \"docs_mine\" :renamedFrom \"docs_own\" { table = \"docs\", sql = [[create policy docs_mine on docs using (true)]] },\n"
    "  t.func \"app.touch\" [[create function app.touch() returns trigger as $$ begin return new; end $$ language plpgsql]],\n"
    "  t.sequence \"order_no\" [[as bigint start with 10000]],\n"
    "  t.virtualTable \"search\" [[fts5(title, body)]],\n"
    "}\n";

static const tide_object *object(const tide_schema *s, tide_object_kind kind, const char *schema,
                                 const char *name, const char *table)
{
    const tide_object *o = tide_schema_find_object(s, kind, schema, name, table);
    if (!o)
        fail_msg("no %s %s", tide_object_kinds[kind].name, name);
    return o;
}

static void loads_objects_generated_columns_and_options(void **state)
{
    fixture *f = *state;
    tide_schema *s = NULL;
    tide_err err;
    const tide_table *t;
    const tide_object *o;
    put(f, "schema/docs.lua", objects_lua);
    put(f, "schema/more.lua", "local t = require 'tide.schema'\n"
        "return t.view 'alone' 'select 1'\n");
    assert_int_equal(load(f, &s, &err, 1, "schema"), 0);
    t = tide_schema_find_table(s, NULL, "docs");
    assert_non_null(t);
    assert_int_equal(t->options, TIDE_TABLE_STRICT | TIDE_TABLE_WITHOUT_ROWID | TIDE_TABLE_UNLOGGED);
    assert_null(column(t, "title")->generated);
    assert_string_equal(column(t, "slug")->generated, "lower(title)");
    assert_false(column(t, "slug")->generated_stored);
    assert_string_equal(column(t, "size")->generated, "length(title)");
    assert_true(column(t, "size")->generated_stored);
    assert_int_equal(s->nobjects, 9);
    o = object(s, TIDE_OBJ_VIEW, NULL, "recent", NULL);
    assert_string_equal(o->definition, "select id, title from docs");
    assert_strv(o->reads, o->nreads, 1, "docs");
    o = object(s, TIDE_OBJ_VIEW, "app", "titles", NULL);
    assert_string_equal(o->comment, "every title");
    assert_string_equal(o->renamed_from, "names");
    o = object(s, TIDE_OBJ_MATVIEW, NULL, "counts", NULL);
    assert_string_equal(o->comment, "how many");
    o = object(s, TIDE_OBJ_TRIGGER, NULL, "docs_touch", "docs");
    assert_string_equal(o->table, "docs");
    o = object(s, TIDE_OBJ_POLICY, NULL, "docs_mine", "docs");
    assert_string_equal(o->renamed_from, "docs_own");
    object(s, TIDE_OBJ_FUNCTION, "app", "touch", NULL);
    o = object(s, TIDE_OBJ_SEQUENCE, NULL, "order_no", NULL);
    assert_string_equal(o->canonical, "as bigint start with 10000");
    o = object(s, TIDE_OBJ_VIRTUAL_TABLE, NULL, "search", NULL);
    assert_string_equal(o->definition, "fts5(title, body)");
    object(s, TIDE_OBJ_VIEW, NULL, "alone", NULL);
    tide_schema_free(s);
}

/* A partition in another namespace than its table's (GitLab's layout)
 * names its table with its namespace; a bare table is in the partition's. */
static void loads_partitions_apart_from_their_table(void **state)
{
    fixture *f = *state;
    tide_schema *s = NULL;
    tide_err err;
    const tide_object *o;
    put(f, "schema/p.lua", "local t = require 'tide.schema'\n"
        "return {\n"
        "  t.table 'events' :partitionBy 'range (at)' { t.col 'at' :date() },\n"
        "  t.table 'billing.invoices' :partitionBy 'list (region)' { t.col 'region' :text() },\n"
        "  t.partition 'gp.events_2026' { table = 'public.events', sql = [[for values from ('2026-01-01') to ('2027-01-01')"
        " partition by range (at)]] },\n"
        "  t.partition 'gp.events_2026_h1' { table = 'events_2026', sql = [[for values from ('2026-01-01') to ('2026-07-01')]] },\n"
        "  t.partition 'public.invoices_eu' { table = 'billing.invoices', sql = [[for values in ('eu')]] },\n"
        "  t.partitionConstraint 'gp.events_2026_h1_check' { table = 'events_2026_h1', sql = [[check (at > '2000-01-01')]] },\n"
        "}\n");
    assert_int_equal(load(f, &s, &err, 1, "schema"), 0);
    o = object(s, TIDE_OBJ_PARTITION, "gp", "events_2026", "events");
    assert_string_equal(o->table_schema, "public");
    assert_null(tide_object_table_schema(o));
    o = object(s, TIDE_OBJ_PARTITION, "gp", "events_2026_h1", "events_2026");
    assert_null(o->table_schema);
    assert_string_equal(tide_object_table_schema(o), "gp");
    o = object(s, TIDE_OBJ_PARTITION, NULL, "invoices_eu", "invoices");
    assert_string_equal(tide_object_table_schema(o), "billing");
    assert_ptr_equal(tide_schema_find_partition(s, "public", "invoices_eu"), o);
    object(s, TIDE_OBJ_PARTITION_CONSTRAINT, "gp", "events_2026_h1_check", "events_2026_h1");
    tide_schema_free(s);
}

/* Each mistake names the file, the line and the object (or table and column). */
static void reports_object_misuse(void **state)
{
    static const struct { const char *code; const char *needles[3]; } cases[] = {
        { "return t.view 'v' {}", { "schema/o.lua:2:", "view 'v': the SQL text is missing", "t.view \"v\" [[select ...]]" } },
        { "return t.view 'v' { sql = 'select 1', sqll = 2 }", { "schema/o.lua:2:", "view 'v': unknown option 'sqll'", "did you mean 'sql'?" } },
        { "return t.trigger 'tr' [[create trigger tr ...]]", { "schema/o.lua:2:", "trigger 'tr': a trigger needs the table it is on",
          "t.trigger \"tr\" { table = \"users\"" } },
        { "return t.policy 'p' { sql = 'create policy p' }", { "schema/o.lua:2:", "policy 'p': a policy needs the table it is on", "" } },
        { "return t.view 'v' { sql = 'select 1', table = 'users' }", { "schema/o.lua:2:", "view 'v': table = is for triggers, policies and partitions", "" } },
        { "return t.view 'v' { sql = 42 }", { "schema/o.lua:2:", "view 'v': sql must be a non-empty string, not a number", "" } },
        { "return t.view 'v' { sql = '' }", { "schema/o.lua:2:", "view 'v': sql must be a non-empty string, not ''", "" } },
        { "return t.view 'v' (7)", { "schema/o.lua:2:", "view 'v': t.view \"v\" is called with its SQL text or an options table", "" } },
        { "return t.view 'v' { sql = 'x', comment = false }", { "schema/o.lua:2:", "view 'v': comment must be a string, not a boolean", "" } },
        { "return t.view 'v' { sql = 'x', renamedFrom = 3 }", { "schema/o.lua:2:", "view 'v': renamedFrom must be a non-empty string", "" } },
        { "return t.view 'v' :comment 'a' { sql = 'x', comment = 'b' }", { "schema/o.lua:2:", "view 'v': the comment is given twice", "" } },
        { "return t.view 'v' :comnt 'a'", { "schema/o.lua:2:", "view 'v': no method :comnt(); did you mean 'comment'?", "" } },
        { "return t.func 'a.b.c' 'x'", { "schema/o.lua", "t.func(name): 'a.b.c' is not a valid name", "" } },
        { "return t.trigger 'a.tr' { table = 'b.users', sql = 'x' }", { "schema/o.lua:2:", "trigger 'a.tr': the table 'b.users' is in another schema", "" } },
        { "return t.view 'v'", { "schema/o.lua", "it returned a object builder", "call it with its SQL text" } },
        { "return { t.view 'v' }", { "schema/o.lua", "entry 1 of the returned list", "call it with its SQL text" } },
        { "return t.table 'x' { t.col 'a' :integer(), t.view 'v' 'select 1' }", { "schema/o.lua:2:", "table 'x': item 2 is a view ('v'), which is not a table item", "" } },
        { "return t.table 'x' { t.col 'a' :integer() :generated 'a' :default '1' }", { "schema/o.lua:2:", "table 'x', column 'a': a generated column takes its value from its expression; remove :default()", "" } },
        { "return t.table 'x' { t.col 'a' :serial() :generated 'a' }", { "schema/o.lua:2:", "column 'a': a generated column takes its value", "" } },
        { "return t.table 'x' { t.col 'a' :integer() :primary() :generated 'a' }", { "schema/o.lua:2:", "column 'a': a generated column cannot be in the primary key", "" } },
        { "return t.table 'x' { t.col 'a' :integer() :generated('a', { store = true }) }", { "schema/o.lua:2:", "column 'a': :generated(): unknown option 'store'; did you mean 'stored'?", "" } },
        { "return t.table 'x' { t.col 'a' :integer() :generated('a', { stored = 1 }) }", { "schema/o.lua:2:", "column 'a': :generated(): stored must be true or false", "" } },
        { "return t.table 'x' { t.col 'a' :integer() :generated() }", { "schema/o.lua:2:", "column 'a': :generated(expr) needs the SQL expression", "" } },
        { "return t.table 'x' { t.col 'a' :integer() :generated 'a' :generated 'b' }", { "schema/o.lua:2:", "column 'a': :generated() is given twice", "" } },
        { "return t.table 'x' :withoutRowid() { t.col 'a' :integer() }", { "schema/o.lua:2:", "table 'x': a :withoutRowid() table needs a primary key", "" } },
        { "return t.table 'x' :strict() :strict() { t.col 'a' :integer() }", { "schema/o.lua:2:", "table 'x': :strict() is given twice", "" } },
        { "return t.table 'x' :unlogged(true) { t.col 'a' :integer() }", { "schema/o.lua:2:", "table 'x': :unlogged() takes no arguments", "" } },
        { "return t.table 'x' :stict() { t.col 'a' :integer() }", { "schema/o.lua:2:", "table 'x': no method :stict(); did you mean 'strict'?", "" } },
    };
    fixture *f = *state;
    char code[600];
    size_t i, k;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        tide_schema *s = NULL;
        tide_err err;
        snprintf(code, sizeof code, "local t = require 'tide.schema'\n%s\n", cases[i].code);
        put(f, "schema/o.lua", code);
        if (load(f, &s, &err, 1, "schema") == 0)
            fail_msg("case %zu loaded: %s", i, cases[i].code);
        for (k = 0; k < 3; k++)
            if (*cases[i].needles[k] && !strstr(err.msg, cases[i].needles[k]))
                fail_msg("case %zu: expected \"%s\" in \"%s\"", i, cases[i].needles[k], err.msg);
    }
}

/* An object on a table no file defines, one defined twice: the files are named. */
static void reports_object_errors_with_their_files(void **state)
{
    fixture *f = *state;
    put(f, "schema/a.lua", "local t = require 'tide.schema'\n"
        "return t.trigger 'tr' { table = 'nope', sql = 'create trigger tr ...' }\n");
    expect_error(f, TIDE_ECONFIG, 1, "schema/a.lua: trigger 'tr' is on table 'nope', which no schema file defines");
    put(f, "schema/a.lua", "local t = require 'tide.schema'\n"
        "return { t.table 'x' { t.col 'a' :integer() }, t.view 'v' 'select 1',\n"
        "  t.trigger 'tr' { table = 'v', sql = 'create trigger tr instead of insert on v ...' } }\n");
    put(f, "schema/b.lua", "local t = require 'tide.schema'\n"
        "return { t.view 'w' 'select 1', t.view 'public.v' 'select 2' }\n");
    expect_error(f, TIDE_ECONFIG, 3, "view 'public.v' is defined twice: in ", "schema/a.lua and in ", "schema/b.lua");
    put(f, "schema/b.lua", "local t = require 'tide.schema'\n"
        "return { t.trigger 'tr' { table = 'x', sql = 'create trigger tr' }, t.trigger 'tr' { table = 'v', sql = 'x' } }\n");
    expect_error(f, TIDE_ECONFIG, 3, "trigger 'tr' is defined twice: in ", "schema/a.lua and in ", "schema/b.lua");
}

/* ---- hand-made definitions ------------------------------------------------------- */

/* Runs Lua code that leaves a value on the stack, converts it; the stack
 * must come back as it was. */
static int convert_code(fixture *f, const char *code, tide_err *err)
{
    tide_schema *s = tide_schema_new();
    int top, rc;
    assert_non_null(s);
    assert_int_equal(luaL_dostring(f->L, code), LUA_OK);
    top = lua_gettop(f->L);
    tide_err_clear(err);
    rc = tide_model_from_lua(s, f->L, -1, "defs.lua", err);
    assert_int_equal(lua_gettop(f->L), top);
    if (rc == 0)
        rc = tide_schema_finish(s, err);
    lua_settop(f->L, 0);
    tide_schema_free(s);
    return rc;
}

static void converts_hand_made_definitions(void **state)
{
    fixture *f = *state;
    tide_err err;
    assert_int_equal(convert_code(f, "return { __tide = 'table', name = 't', columns = {"
                                     " { __tide = 'column', name = 'a', type = 'INT4' } } }", &err), 0);
    assert_int_equal(convert_code(f, "return {}", &err), 0);
    assert_int_equal(convert_code(f, "return { { __tide = 'object', kind = 'matview', name = 'm', sql = 'select 1' },"
                                     " { __tide = 'object', kind = 'virtual_table', name = 'v', sql = 'fts5(a)' } }",
                                  &err), 0);
}

static void refuses_malformed_definitions(void **state)
{
    static const struct { const char *code, *needle; } cases[] = {
        { "return { __tide = 'table', name = 't' }", "defs.lua: table 't': the table has no columns" },
        { "return { __tide = 'table', name = 't', columns = {}, bogus = 1 }", "unknown field 'bogus'" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'index', columns = { 'a' } } } }",
          "expected a column (t.col \"name\" :type()), got a index" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a' } } }",
          "table 't', column 'a': type is required" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 1 } } }",
          "type must be a string, not a number" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 'int',"
          " references = { table = 'x', onDelete = 'explode' } } } }", "'explode' is not a foreign key action" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 'e',"
          " enum = 'x' } } }", "enum 'e' needs a list of values, not string" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 'int',"
          " ignoreChanges = { 'everything' } } } }", "ignoreChanges: entry 1" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 'int' } },"
          " indexes = { { __tide = 'index' } } }", "an index needs either columns or an expression" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 'int',"
          " primary = true } }, primary = { __tide = 'primary', columns = { 'a' } } }", "primary key is given twice" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 'int' } },"
          " foreigns = { { __tide = 'foreign', columns = { 'a' }, table = 'x', refColumns = { 'p', 'q' } } } }",
          "1 columns reference 2 columns" },
        { "return { __tide = 'table', name = 't', columns = { 'a' } }", "columns: entry 1 is a string" },
        { "return setmetatable({}, { __index = function() error('metamethods must not run') end })",
          "" },
        { "return { { __tide = 'table' } }", "the table's name is required" },
        { "return { __tide = 'object', kind = 'vue', name = 'v', sql = 'x' }",
          "defs.lua: 'vue' is not a kind of object (extension, collation, text search dictionary, text search configuration, domain, type, range type, sequence, function, aggregate, operator, operator family, operator class, cast, foreign data wrapper, foreign server, virtual table, partition, "
          "partition index, partition constraint, attached index, foreign table, view, materialized view, materialized view index, trigger, rule, policy, statistics, exclusion constraint, sequence owner, publication, event trigger)" },
        { "return { __tide = 'object', name = 'v', sql = 'x' }", "defs.lua: kind is required" },
        { "return { __tide = 'object', kind = 'view', sql = 'x' }", "defs.lua: the object's name is required" },
        { "return { __tide = 'object', kind = 'view', name = 'v' }", "defs.lua: view 'v': sql is required" },
        { "return { __tide = 'object', kind = 'view', name = 'v', sql = 'x', bogus = 1 }",
          "defs.lua: an object (t.view \"name\" [[...]], t.trigger ...) has an unknown field 'bogus'" },
        { "return { __tide = 'object', kind = 'trigger', name = 'tr', schema = 's', sql = 'x' }",
          "defs.lua: trigger 's.tr': table is required (the table it is on)" },
        { "return { __tide = 'object', kind = 'view', name = 'v', sql = 'x', table = 't' }",
          "defs.lua: view 'v': table is for objects on a table (triggers, policies); a view is on none" },
        { "return { __tide = 'object', kind = 'view', name = 'v', sql = 'x', comment = 1 }",
          "defs.lua: view 'v': comment must be a string, not a number" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 'int',"
          " stored = true } } }", "table 't', column 'a': stored applies to a generated column" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 'int',"
          " generated = 'a', default = '1' } } }", "table 't', column 'a': a generated column has no default" },
        { "return { __tide = 'table', name = 't', columns = { { __tide = 'column', name = 'a', type = 'int',"
          " generated = 7 } } }", "table 't', column 'a': generated must be a string, not a number" },
        { "return { __tide = 'table', name = 't', strict = 'yes', columns = { { __tide = 'column', name = 'a',"
          " type = 'int' } } }", "table 't': strict must be true or false, not a string" },
        { "return { { __tide = 'object builder' } }", "entry 1 of the returned list is not a table or object definition but a object builder" },
    };
    fixture *f = *state;
    tide_err err;
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = convert_code(f, cases[i].code, &err);
        if (i == 12) {                      /* an empty list: nothing, and no metamethod ran */
            assert_int_equal(rc, 0);
            continue;
        }
        assert_int_equal(rc, TIDE_ECONFIG);
        assert_contains(err.msg, cases[i].needle);
    }
}

static void check_function_returns_true_or_raises(void **state)
{
    fixture *f = *state;
    lua_State *L = f->L;
    int top = lua_gettop(L);
    lua_pushcfunction(L, tide_model_lua_check);
    lua_setglobal(L, "checkSchema");
    assert_int_equal(luaL_dostring(L, "local t = require 'tide.schema'\n"
        "return checkSchema(t.table 'a' { t.col 'id' :serial() :primary() })"), LUA_OK);
    assert_true(lua_toboolean(L, -1));
    lua_settop(L, top);
    assert_int_not_equal(luaL_dostring(L, "local t = require 'tide.schema'\n"
        "return checkSchema({ t.table 'a' { t.col 'id' :integer() :references('a', 'zz') } }, 'x.lua')"), LUA_OK);
    assert_contains(lua_tostring(L, -1), "references column 'zz'");
    lua_settop(L, top);
    assert_int_not_equal(luaL_dostring(L, "return checkSchema(7, 'x.lua')"), LUA_OK);
    assert_contains(lua_tostring(L, -1), "x.lua: must return a table definition");
    lua_settop(L, top);
}

/* ---- a failing allocator ---------------------------------------------------------- */

typedef struct failing {
    lua_Alloc real;
    void *ud;
    long countdown;         /* allocations left before every further one fails */
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    failing *a = ud;
    if (nsize > (ptr ? osize : 0) && (a->countdown <= 0 || --a->countdown == 0))
        return NULL;        /* sticky: Lua retries a failed allocation after a full GC */
    return a->real(a->ud, ptr, osize, nsize);
}

/* Fails the n-th Lua allocation of a load and every one after it, for
 * n = 1, 2, ... until a load succeeds: each failure is a clean error with the
 * stack balanced (ASan finds any leak). */
static void survives_allocation_failures(void **state)
{
    fixture *f = *state;
    char dir[128], *dirs[1] = { dir };
    long n;
    put(f, "schema/a_org.lua", org_lua);
    put(f, "schema/b_user.lua", user_lua);
    put(f, "schema/c_docs.lua", objects_lua);
    snprintf(dir, sizeof dir, "%s/schema", f->dir);
    for (n = 1; n < 100000; n++) {
        lua_State *L = tide_runtime_new();
        failing a;
        tide_schema *s = NULL;
        tide_err err;
        int rc;
        assert_non_null(L);
        a.real = lua_getallocf(L, &a.ud);
        a.countdown = n;
        lua_setallocf(L, failing_alloc, &a);
        rc = tide_schema_load_dirs(&s, L, dirs, 1, &err);
        assert_int_equal(lua_gettop(L), 0);
        lua_setallocf(L, a.real, a.ud);
        lua_close(L);
        tide_schema_free(s);
        if (rc == 0) {
            assert_true(a.countdown > 0);     /* it succeeded with nothing failing */
            break;
        }
        assert_true(rc == TIDE_ENOMEM || rc == TIDE_ELUA);
        assert_null(s);
    }
    assert_true(n > 1);
}

/* The digest keeps the bytes it read (tide_schema_dirs_digest's keep) and
 * the load runs those bytes, not the file as it is by then: what is digested
 * is what is evaluated. A file the texts lack is read. */
static void runs_the_texts_the_digest_read(void **state)
{
    fixture *f = *state;
    char dir[512], *dirs[1] = { dir }, digest[TIDE_DIGEST_SIZE], again[TIDE_DIGEST_SIZE];
    tide_schema_texts texts = { NULL, NULL, 0 };
    tide_schema *s = NULL;
    tide_err err;
    put(f, "schema/a.lua", "local t = require 'tide.schema'\nreturn t.table 'a' { t.col 'id' :bigint() }\n");
    put(f, "schema/b.lua", "local t = require 'tide.schema'\nreturn t.table 'b' { t.col 'id' :bigint() }\n");
    snprintf(dir, sizeof dir, "%s/schema", f->dir);
    assert_int_equal(tide_schema_dirs_digest(dirs, 1, "salt", digest, &texts, &err), 0);
    assert_int_equal(texts.n, 2);
    assert_int_equal(tide_schema_dirs_digest(dirs, 1, "salt", again, NULL, &err), 0);
    assert_string_equal(digest, again);            /* keeping does not change the digest */
    put(f, "schema/a.lua", "local t = require 'tide.schema'\nreturn t.table 'changed' { t.col 'id' :bigint() }\n");
    assert_int_equal(tide_schema_load_dirs_texts(&s, f->L, dirs, 1, &texts, &err), 0);
    assert_non_null(tide_model_find_table(s, NULL, "a", 0));       /* the digested a.lua */
    assert_null(tide_model_find_table(s, NULL, "changed", 0));
    tide_schema_free(s);
    tide_buf_free(&texts.texts[1]);                 /* b.lua as if the digest had not kept it */
    free(texts.paths[1]);
    texts.n = 1;
    assert_int_equal(tide_schema_load_dirs_texts(&s, f->L, dirs, 1, &texts, &err), 0);
    assert_non_null(tide_model_find_table(s, NULL, "b", 0));
    tide_schema_free(s);
    tide_schema_texts_free(&texts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(loads_every_feature, setup, teardown),
        cmocka_unit_test_setup_teardown(loads_an_empty_folder_and_no_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_a_syntax_error_with_file_and_line, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_dsl_misuse_with_file_line_table_and_column, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_a_runtime_error, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_bad_return_values, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_a_missing_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_conflicting_enums_naming_both_places, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_a_table_defined_in_two_files, setup, teardown),
        cmocka_unit_test_setup_teardown(converts_tables_as_they_are_written, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_finish_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(loads_objects_generated_columns_and_options, setup, teardown),
        cmocka_unit_test_setup_teardown(loads_partitions_apart_from_their_table, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_object_misuse, setup, teardown),
        cmocka_unit_test_setup_teardown(reports_object_errors_with_their_files, setup, teardown),
        cmocka_unit_test_setup_teardown(converts_hand_made_definitions, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_malformed_definitions, setup, teardown),
        cmocka_unit_test_setup_teardown(check_function_returns_true_or_raises, setup, teardown),
        cmocka_unit_test_setup_teardown(survives_allocation_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(runs_the_texts_the_digest_read, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
