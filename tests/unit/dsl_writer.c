/* Unit tests of the DSL writer (src/dsl_writer.c): a model with every
 * feature is rendered as schema definitions, the text is loaded back
 * through the DSL (a Lua state, a mkdtemp folder, tide_schema_load_dirs),
 * and the two models must render the same snapshot, byte for byte. Also:
 * one file per table, the text as a fixed point, the shape people read,
 * string escaping, and what the DSL cannot say. */
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

#include <lua.h>

#include "model/dsl_writer.h"
#include "lua/model_lua.h"
#include "lua/runtime.h"
#include "model/snapshot.h"

#include "fixture.h"

static int setup(void **state) { return fixture_setup(state, "/tmp/tide-dsl-writer-XXXXXX"); }
static int teardown(void **state) { return fixture_teardown(state); }

/* ---- helpers ------------------------------------------------------------- */

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("expected \"%s\" in:\n%s", needle, haystack);
}

static void write_file(const fixture *f, const char *sub, const char *name, const char *text)
{
    char path[512];
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", f->dir, sub);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/%s", f->dir, sub, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* Loads the folder f->dir/sub; fails the test, printing the text, when it
 * does not load. The Lua stack comes back as it was. */
static tide_schema *load(fixture *f, const char *sub, const char *text)
{
    char path[512], *dirs[1] = { path };
    tide_schema *s = NULL;
    tide_err err;
    int top = lua_gettop(f->L);
    snprintf(path, sizeof path, "%s/%s", f->dir, sub);
    tide_err_clear(&err);
    if (tide_schema_load_dirs(&s, f->L, dirs, 1, &err) < 0)
        fail_msg("the rendered definitions do not load: %s\n%s", err.msg, text ? text : "");
    assert_int_equal(lua_gettop(f->L), top);
    return s;
}

static char *render_lua(const tide_schema *s)
{
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    tide_err_clear(&err);
    if (tide_schema_render_lua(s, &b, &err) < 0)
        fail_msg("render: %s", err.msg);
    return tide_buf_detach(&b);
}

static char *render_snapshot(const tide_schema *s)
{
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    tide_err_clear(&err);
    if (tide_snapshot_render(s, &b, &err) < 0)
        fail_msg("snapshot: %s", err.msg);
    return tide_buf_detach(&b);
}

static void finish(tide_schema *s)
{
    tide_err err;
    tide_err_clear(&err);
    if (tide_schema_finish(s, &err) < 0)
        fail_msg("finish: %s", err.msg);
}

static void push(tide_schema *s, char ***v, int *n, int count, ...)
{
    va_list ap;
    int i;
    va_start(ap, count);
    for (i = 0; i < count; i++)
        assert_int_equal(tide_strv_push(s, v, n, va_arg(ap, const char *)), 0);
    va_end(ap);
}

static tide_column *col(tide_schema *s, tide_table *t, const char *name, const char *type)
{
    tide_column *c = tide_table_add_column(s, t, name, type);
    assert_non_null(c);
    return c;
}

static tide_enum *enumeration(tide_schema *s, const char *schema, const char *name, int n, ...)
{
    tide_enum *e = tide_schema_add_enum(s, schema, name);
    va_list ap;
    int i;
    assert_non_null(e);
    va_start(ap, n);
    for (i = 0; i < n; i++)
        assert_int_equal(tide_enum_add_value(s, e, va_arg(ap, const char *)), 0);
    va_end(ap);
    return e;
}

/* ---- the model with every feature --------------------------------------------- */

/* org: serial key, enum, defaults with casts and functions, comments with
 * characters Lua strings must escape, collation, a named unique of one
 * column and a generated one, an expression index. */
static void add_org(tide_schema *s)
{
    tide_table *t = tide_schema_add_table(s, NULL, "org");
    tide_column *c;
    tide_unique *u;
    tide_index *ix;
    tide_check *ck;
    assert_non_null(t);
    t->comment = tide_schema_str(s, "Organisations: \"quoted\", back\\slash,\nnew line, tab\t, bell\a, "
                                    "caf\xc3\xa9 ]] ]=] end");
    col(s, t, "id", "integer")->autoincrement = 1;
    c = col(s, t, "name", "varchar(100)");
    c->collation = tide_schema_str(s, "C");
    c->comment = tide_schema_str(s, "display name");
    c = col(s, t, "slug", "text");
    c = col(s, t, "status", "user_status");
    c->is_enum = 1;
    c->default_expr = tide_schema_str(s, "'active'");
    c = col(s, t, "tags", "text[]");
    c->default_expr = tide_schema_str(s, "'{}'::text[]");
    c = col(s, t, "settings", "jsonb");
    c->nullable = 1;
    c->default_expr = tide_schema_str(s, "'{\"a\": 1}'::jsonb");
    c = col(s, t, "created_at", "timestamptz");
    c->default_expr = tide_schema_str(s, "now()");
    c = col(s, t, "rating", "numeric(3,1)");
    c->nullable = 1;
    c->default_expr = tide_schema_str(s, "-1.5");
    assert_int_equal(tide_table_add_pk_column(s, t, "id"), 0);
    u = tide_table_add_unique(s, t, "org_name_unique");
    push(s, &u->columns, &u->ncolumns, 1, "name");
    u = tide_table_add_unique(s, t, NULL);
    push(s, &u->columns, &u->ncolumns, 1, "slug");
    ix = tide_table_add_index(s, t, NULL);
    ix->expression = tide_schema_str(s, "lower(name)");
    ix->unique = 1;
    ix = tide_table_add_index(s, t, NULL);
    push(s, &ix->columns, &ix->ncolumns, 1, "tags");
    ix->method = tide_schema_str(s, "gin");
    ck = tide_table_add_check(s, t, "org_rating_range", "rating between 0 and 5 or rating = -1.5");
    assert_non_null(ck);
}

/* member: composite key under another name, every simple type, sized and
 * raw types, arrays, an enum used again (declared once), foreign keys on
 * one column (inline), two columns, to another namespace, deferred, and
 * a second one on the same column; indexes with orders, a predicate, a
 * method, a name; a unique of two columns, two uniques on one column. */
static void add_member(tide_schema *s)
{
    static const char *const simple[] = {
        "bigint", "smallint", "boolean", "real", "double", "date", "time", "timestamp", "json",
        "uuid", "bytea", NULL
    };
    tide_table *t = tide_schema_add_table(s, NULL, "member");
    tide_column *c;
    tide_unique *u;
    tide_index *ix;
    tide_fk *fk;
    int i;
    assert_non_null(t);
    col(s, t, "org_id", "integer");
    col(s, t, "seq", "integer");
    c = col(s, t, "email", "varchar(255)");
    c->renamed_from = tide_schema_str(s, "mail");
    c->ignore = TIDE_IGNORE_DEFAULT | TIDE_IGNORE_EXTRA;
    col(s, t, "role", "user_status")->is_enum = 1;
    col(s, t, "past_roles", "user_status[]")->nullable = 1;
    c = col(s, t, "plan", "billing.plan_kind");
    c->is_enum = 1;
    c->default_expr = tide_schema_str(s, "'free'::billing.plan_kind");
    for (i = 0; simple[i]; i++)
        col(s, t, simple[i], simple[i])->nullable = 1;
    col(s, t, "amount", "numeric")->nullable = 1;
    col(s, t, "code", "char(3)")->nullable = 1;
    col(s, t, "note", "varchar")->nullable = 1;
    col(s, t, "ip", "inet")->nullable = 1;
    col(s, t, "at_tz", "timetz")->nullable = 1;
    col(s, t, "stamp", "timestamp(3)")->nullable = 1;
    col(s, t, "scores", "numeric(5,2)[]")->nullable = 1;
    col(s, t, "grid", "integer[][]")->nullable = 1;
    col(s, t, "codes", "varchar(20)[]")->nullable = 1;
    col(s, t, "big", "numeric(1000,0)")->nullable = 1;
    col(s, t, "neg", "numeric(5,-2)")->nullable = 1;
    col(s, t, "invoice_id", "bigint")->nullable = 1;
    col(s, t, "invoice_line", "integer")->nullable = 1;
    col(s, t, "parent_org", "integer")->nullable = 1;
    col(s, t, "first name", "text")->nullable = 1;
    push(s, &t->pk, &t->npk, 2, "org_id", "seq");
    t->pk_name = tide_schema_str(s, "member_key");
    u = tide_table_add_unique(s, t, NULL);
    push(s, &u->columns, &u->ncolumns, 2, "org_id", "email");
    u = tide_table_add_unique(s, t, NULL);
    push(s, &u->columns, &u->ncolumns, 1, "email");
    u = tide_table_add_unique(s, t, "member_email_again");
    push(s, &u->columns, &u->ncolumns, 1, "email");
    ix = tide_table_add_index(s, t, NULL);
    push(s, &ix->columns, &ix->ncolumns, 3, "org_id", "date desc", "time nulls first");
    ix = tide_table_add_index(s, t, "member_recent");
    push(s, &ix->columns, &ix->ncolumns, 1, "timestamp desc nulls last");
    ix->where = tide_schema_str(s, "role <> 'banned' and \"boolean\"");
    ix = tide_table_add_index(s, t, NULL);
    push(s, &ix->columns, &ix->ncolumns, 1, "ip");
    ix->method = tide_schema_str(s, "hash");
    ix = tide_table_add_index(s, t, NULL);
    push(s, &ix->columns, &ix->ncolumns, 1, "first name");
    fk = tide_table_add_fk(s, t, NULL);
    push(s, &fk->columns, &fk->ncolumns, 1, "org_id");
    fk->ref_table = tide_schema_str(s, "org");
    push(s, &fk->ref_columns, &fk->nref_columns, 1, "id");
    fk->on_delete = tide_schema_str(s, "cascade");
    fk->on_update = tide_schema_str(s, "restrict");
    fk = tide_table_add_fk(s, t, "member_org_again");
    push(s, &fk->columns, &fk->ncolumns, 1, "org_id");
    fk->ref_table = tide_schema_str(s, "org");
    push(s, &fk->ref_columns, &fk->nref_columns, 1, "id");
    fk->deferrable = 1;
    fk = tide_table_add_fk(s, t, NULL);
    push(s, &fk->columns, &fk->ncolumns, 2, "invoice_id", "invoice_line");
    fk->ref_schema = tide_schema_str(s, "billing");
    fk->ref_table = tide_schema_str(s, "invoice_line");
    push(s, &fk->ref_columns, &fk->nref_columns, 2, "invoice_id", "line");
    fk->on_delete = tide_schema_str(s, "set null");
    fk->deferrable = 1;
    fk->initially_deferred = 1;
    fk = tide_table_add_fk(s, t, "member_parent_fk");
    push(s, &fk->columns, &fk->ncolumns, 1, "parent_org");
    fk->ref_schema = tide_schema_str(s, "billing");
    fk->ref_table = tide_schema_str(s, "account");
    fk->on_update = tide_schema_str(s, "set default");
    assert_non_null(tide_table_add_check(s, t, "member_check", "seq > 0"));
    assert_non_null(tide_table_add_check(s, t, "member_email_at", "email like '%@%'"));
}

/* billing.invoice and billing.invoice_line: another namespace, a bigserial
 * and a smallserial, a one-column key under another name, a foreign key
 * inside the namespace, and one back to the default namespace. */
static void add_billing(tide_schema *s)
{
    tide_table *inv = tide_schema_add_table(s, "billing", "invoice");
    tide_table *line = tide_schema_add_table(s, "billing", "invoice_line");
    tide_column *c;
    tide_fk *fk;
    assert_non_null(inv);
    assert_non_null(line);
    inv->renamed_from = tide_schema_str(s, "billing.bill");
    col(s, inv, "id", "bigint")->autoincrement = 1;
    col(s, inv, "org_id", "integer");
    c = col(s, inv, "kind", "billing.plan_kind");
    c->is_enum = 1;
    c->comment = tide_schema_str(s, "");
    assert_int_equal(tide_table_add_pk_column(s, inv, "id"), 0);
    inv->pk_name = tide_schema_str(s, "invoice_pk");
    fk = tide_table_add_fk(s, inv, NULL);
    push(s, &fk->columns, &fk->ncolumns, 1, "org_id");
    fk->ref_table = tide_schema_str(s, "org");
    fk->initially_deferred = 1;
    fk->deferrable = 1;

    col(s, line, "invoice_id", "bigint");
    col(s, line, "line", "smallint")->autoincrement = 1;
    col(s, line, "total", "numeric(12,2)")->default_expr = tide_schema_str(s, "0");
    push(s, &line->pk, &line->npk, 2, "invoice_id", "line");
    fk = tide_table_add_fk(s, line, NULL);
    push(s, &fk->columns, &fk->ncolumns, 1, "invoice_id");
    fk->ref_schema = tide_schema_str(s, "billing");
    fk->ref_table = tide_schema_str(s, "invoice");
    push(s, &fk->ref_columns, &fk->nref_columns, 1, "id");
    fk->on_delete = tide_schema_str(s, "cascade");
}

/* Objects of every kind, texts that a long string must not close early
 * ("]]", "]=]", a text ending in "]", a first line break, a carriage
 * return), objects in a namespace, on tables, with comments and renames;
 * generated columns, virtual and stored; table options. */
static void add_objects(tide_schema *s)
{
    tide_object *o;
    tide_column *c;
    tide_table *org = (tide_table *)tide_schema_find_table(s, NULL, "org");
    tide_table *member = (tide_table *)tide_schema_find_table(s, NULL, "member");
    tide_table *invoice = (tide_table *)tide_schema_find_table(s, "billing", "invoice");
    o = tide_schema_add_object(s, TIDE_OBJ_VIEW, NULL, "org_names", NULL,
                               "select name, tags[1] as first_tag\n  from org\n where name <> ']]' and slug <> ']=]'");
    assert_non_null(o);
    o->comment = tide_schema_str(s, "names, \"quoted\"");
    o = tide_schema_add_object(s, TIDE_OBJ_TRIGGER, NULL, "org_touch", "org",
                               "create trigger org_touch after update on org begin update org set tags = '[]' where id = new.id; end -- ]");
    assert_non_null(o);
    o->comment = tide_schema_str(s, "keeps tags");
    o = tide_schema_add_object(s, TIDE_OBJ_FUNCTION, "billing", "total", NULL,
                               "\ncreate function billing.total(i bigint) returns numeric\nlanguage sql as $$ select 1 $$\n");
    assert_non_null(o);
    o->renamed_from = tide_schema_str(s, "sum");
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_SEQUENCE, NULL, "order_no", NULL, "as bigint start with 10000"));
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_TRIGGER, NULL, "org_names_insert", "org_names",
                                           "create trigger org_names_insert instead of insert on org_names begin select 1; end"));
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_MATVIEW, "billing", "totals", NULL,
                                           "select org_id, count(*) from billing.invoice group by org_id"));
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_VIRTUAL_TABLE, NULL, "docs", NULL, "fts5(title, body)"));
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_VIEW, NULL, "every_level", NULL,   /* quoted */
                                           "select ']]', ']=]', ']==]', ']===]', ']====]', ']=====]', ']======]', "
                                           "']=======]', ']========]', ']=========]', ']==========]', "
                                           "']===========]', ']============]', ']=============]', "
                                           "']==============]', ']===============]', ']================]', "
                                           "']=================]', ']==================]', "
                                           "']===================]', ']====================]', "
                                           "']=====================]', ']======================]', "
                                           "']=======================]', ']========================]', "
                                           "']=========================]', ']==========================]', "
                                           "']===========================]', ']============================]', "
                                           "']=============================]', ']==============================]', "
                                           "']===============================]', ']================================]', "
                                           "']=================================]', ']==================================]', "
                                           "']===================================]', ']====================================]', "
                                           "']=====================================]', ']======================================]', "
                                           "']=======================================]', ']========================================]', "
                                           "']=========================================]'"));
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_POLICY, "billing", "invoice_mine", "invoice",
                                           "create policy invoice_mine on billing.invoice\r\nusing (true)"));
    c = col(s, org, "slug_upper", "text");
    c->generated = tide_schema_str(s, "upper(slug)");
    c = col(s, org, "name_length", "integer");
    c->generated = tide_schema_str(s, "length(\"name\")");
    c->generated_stored = 1;
    c->nullable = 1;
    org->options = TIDE_TABLE_STRICT;
    member->options = TIDE_TABLE_WITHOUT_ROWID;
    invoice->options = TIDE_TABLE_UNLOGGED;
}

static tide_schema *every_feature(void)
{
    tide_schema *s = tide_schema_new();
    assert_non_null(s);
    enumeration(s, NULL, "user_status", 3, "active", "banned", "it's \"odd\"");
    enumeration(s, "billing", "plan_kind", 2, "free", "paid");
    add_org(s);
    add_member(s);
    add_billing(s);
    add_objects(s);
    finish(s);
    return s;
}

/* ---- tests ---------------------------------------------------------------------- */

static void round_trips_every_feature(void **state)
{
    fixture *f = *state;
    tide_schema *s = every_feature(), *back;
    char *lua = render_lua(s), *want = render_snapshot(s), *got;
    const tide_table *t;
    const tide_column *c;
    write_file(f, "one", "app.lua", lua);
    back = load(f, "one", lua);
    got = render_snapshot(back);
    if (strcmp(want, got))
        fail_msg("the definitions do not load back into the same schema.\nLua:\n%s\nwant:\n%s\ngot:\n%s",
                 lua, want, got);
    /* the DSL-only hints, which a snapshot does not hold */
    t = tide_schema_find_table(back, NULL, "member");
    assert_non_null(t);
    c = tide_table_find_column(t, "email");
    assert_non_null(c);
    assert_string_equal(c->renamed_from, "mail");
    assert_int_equal(c->ignore, TIDE_IGNORE_DEFAULT | TIDE_IGNORE_EXTRA);
    t = tide_schema_find_table(back, "billing", "invoice");
    assert_non_null(t);
    assert_string_equal(t->renamed_from, "billing.bill");
    assert_string_equal(tide_schema_find_object(back, TIDE_OBJ_FUNCTION, "billing", "total", NULL)->renamed_from,
                        "sum");
    assert_int_equal(back->nobjects, 9);
    assert_contains(lua, "t.view \"every_level\" \"select ']]', ']=]',");
    assert_contains(lua, "t.view \"org_names\" { comment = \"names, \\\"quoted\\\"\", sql = [==[\nselect");
    assert_contains(lua, "t.trigger \"org_touch\" { table = \"org\", comment = \"keeps tags\", sql = [=[create");
    assert_contains(lua, "t.func \"billing.total\" { renamedFrom = \"sum\", sql = [[\n\ncreate function");
    assert_contains(lua, "t.sequence \"order_no\" [[as bigint start with 10000]],\n");
    assert_contains(lua, "t.materializedView \"billing.totals\" [[select");
    assert_contains(lua, "t.virtualTable \"docs\" [[fts5(title, body)]],\n");
    assert_contains(lua, "t.policy \"billing.invoice_mine\" { table = \"invoice\", sql = \"create policy invoice_mine on billing.invoice\\r\\nusing (true)\" }");
    assert_contains(lua, ":generated \"upper(slug)\"");
    assert_contains(lua, ":nullable() :generated(\"length(\\\"name\\\")\", { stored = true })");
    assert_contains(lua, "t.table \"org\" :comment ");
    assert_contains(lua, " :strict() {\n");
    assert_contains(lua, "t.table \"member\" :withoutRowid() {\n");
    assert_contains(lua, "t.table \"billing.invoice\" :renamedFrom \"billing.bill\" :unlogged() {\n");
    assert_null(strstr(lua, "Not said here"));         /* nothing was left out */
    free(lua);
    free(want);
    free(got);
    tide_schema_free(back);
    tide_schema_free(s);
}

/* Writing what was loaded gives the same text again. */
static void the_text_is_a_fixed_point(void **state)
{
    fixture *f = *state;
    tide_schema *s = every_feature(), *back;
    char *lua = render_lua(s), *again;
    write_file(f, "one", "app.lua", lua);
    back = load(f, "one", lua);
    again = render_lua(back);
    assert_string_equal(again, lua);
    free(lua);
    free(again);
    tide_schema_free(back);
    tide_schema_free(s);
}

/* One file per table, each declaring the enums it uses and holding the
 * objects on it; the other objects in one file of their own. */
static void one_file_per_table_loads_back(void **state)
{
    fixture *f = *state;
    tide_schema *s = every_feature(), *back;
    char *want = render_snapshot(s), *got, name[128];
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    int i;
    for (i = 0; i < s->ntables; i++) {
        const tide_table *t = s->tables[i];
        tide_buf_reset(&b);
        tide_err_clear(&err);
        assert_int_equal(tide_schema_render_lua_table(s, t, &b, &err), 0);
        assert_contains(b.data, !strcmp(t->name, "org") || !strcmp(t->name, "invoice")
                                ? "\nreturn {\n  t.table " : "\nreturn t.table ");
        snprintf(name, sizeof name, "%s%s%s.lua", t->schema ? t->schema : "", t->schema ? "." : "", t->name);
        write_file(f, "many", name, b.data);
    }
    tide_buf_reset(&b);
    assert_int_equal(tide_schema_render_lua_objects(s, &b, &err), 0);
    assert_null(strstr(b.data, "t.trigger \"org_touch\""));
    assert_non_null(strstr(b.data, "t.trigger \"org_names_insert\" { table = \"org_names\""));
    assert_null(strstr(b.data, "t.table"));
    write_file(f, "many", "objects.lua", b.data);
    back = load(f, "many", NULL);
    got = render_snapshot(back);
    assert_string_equal(got, want);
    tide_buf_free(&b);
    free(want);
    free(got);
    tide_schema_free(back);
    tide_schema_free(s);
}

/* The shape of SPEC section 6: aligned columns, inline key, unique and
 * reference, names only where they differ from the generated ones. */
static void reads_like_hand_written_definitions(void **state)
{
    static const char want[] =
        "-- Schema definitions written by tide (schema:inspect --format lua); they\n"
        "-- are ordinary definitions, to edit like any other.\n"
        "\n"
        "local t = require \"tide.schema\"\n"
        "\n"
        "return {\n"
        "  t.table \"org\" {\n"
        "    t.col \"id\"   :serial()     :primary(),\n"
        "    t.col \"name\" :varchar(100),\n"
        "  },\n"
        "\n"
        "  t.table \"user\" :comment \"People\" {\n"
        "    t.col \"id\"     :serial()           :primary(),\n"
        "    t.col \"email\"  :varchar(255)       :unique(),\n"
        "    t.col \"name\"   :text()             :nullable() :default \"'anonymous'\",\n"
        "    t.col \"org_id\" :integer()          :references(\"org\", \"id\", { onDelete = \"cascade\" }),\n"
        "    t.col \"status\" :enum(\"user_status\", { \"active\", \"banned\" }),\n"
        "    t.col \"role\"   :type \"user_status\",\n"
        "    t.index { \"email\", \"name desc\", name = \"user_lookup\" },\n"
        "    t.index { \"name\" },\n"
        "    t.check(\"email_has_at\", \"email like '%@%'\"),\n"
        "  },\n"
        "}\n";
    fixture *f = *state;
    tide_schema *s;
    char *lua;
    write_file(f, "in", "app.lua",
               "local t = require \"tide.schema\"\n"
               "return {\n"
               "  t.table \"org\" { t.col \"id\" :serial() :primary(), t.col \"name\" :varchar(100) },\n"
               "  t.table \"user\" :comment \"People\" {\n"
               "    t.col \"id\" :serial() :primary(),\n"
               "    t.col \"email\" :varchar(255) :unique(),\n"
               "    t.col \"name\" :text() :nullable() :default \"'anonymous'\",\n"
               "    t.col \"org_id\" :integer() :references(\"org\", \"id\", { onDelete = \"cascade\" }),\n"
               "    t.col \"status\" :enum(\"user_status\", { \"active\", \"banned\" }),\n"
               "    t.col \"role\" :enum(\"user_status\", { \"active\", \"banned\" }),\n"
               "    t.index { \"name\" },\n"
               "    t.index { \"email\", \"name desc\", name = \"user_lookup\" },\n"
               "    t.check(\"email_has_at\", \"email like '%@%'\"),\n"
               "  },\n"
               "}\n");
    s = load(f, "in", NULL);
    lua = render_lua(s);
    assert_string_equal(lua, want);
    free(lua);
    tide_schema_free(s);
}

/* Names and texts with every byte a Lua string must escape. */
static void escapes_strings(void **state)
{
    fixture *f = *state;
    tide_schema *s = tide_schema_new(), *back;
    tide_table *t;
    tide_column *c;
    char *lua, *want, *got;
    assert_non_null(s);
    t = tide_schema_add_table(s, NULL, "odd \"table\"");
    c = col(s, t, "a\\b", "text");
    c->comment = tide_schema_str(s, "\x01\x02\x1f\x7f" "9 digits after an escape: \0019");
    c->default_expr = tide_schema_str(s, "'it''s \\n not a new line'");
    c = col(s, t, "new\nline", "text");
    c->nullable = 1;
    c->comment = tide_schema_str(s, "[[ ]] ]=] --[[ \r\n");
    assert_non_null(tide_table_add_check(s, t, "odd \"check\"", "\"new\nline\" <> 'x\"y'"));
    finish(s);
    lua = render_lua(s);
    assert_contains(lua, "t.table \"odd \\\"table\\\"\"");
    assert_contains(lua, "\\001\\002\\031\\127");
    write_file(f, "odd", "app.lua", lua);
    back = load(f, "odd", lua);
    want = render_snapshot(s);
    got = render_snapshot(back);
    assert_string_equal(got, want);
    free(lua);
    free(want);
    free(got);
    tide_schema_free(back);
    tide_schema_free(s);
}

/* An enum no column uses, a table without columns, a table with a dot in
 * its name, a nullable key column, WITHOUT ROWID without a key, a generated
 * column with a default and an object with a dot in its name cannot be
 * said; the text still loads, and says what is missing. */
static void names_what_the_dsl_cannot_say(void **state)
{
    fixture *f = *state;
    tide_schema *s = tide_schema_new(), *back;
    tide_table *t;
    tide_column *c;
    char *lua;
    assert_non_null(s);
    enumeration(s, NULL, "unused", 2, "x", "y");
    assert_non_null(tide_schema_add_table(s, NULL, "empty"));
    col(s, tide_schema_add_table(s, NULL, "odd.name"), "id", "integer");
    t = tide_schema_add_table(s, NULL, "legacy");
    col(s, t, "code", "text")->nullable = 1;
    assert_int_equal(tide_table_add_pk_column(s, t, "code"), 0);
    t = tide_schema_add_table(s, NULL, "heap");
    t->options = TIDE_TABLE_WITHOUT_ROWID;
    c = col(s, t, "n", "integer");
    c->generated = tide_schema_str(s, "1 + 1");
    c->default_expr = tide_schema_str(s, "2");
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_VIEW, NULL, "v.w", NULL, "select 1"));
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_TRIGGER, NULL, "tr", "empty", "create trigger tr"));
    finish(s);
    lua = render_lua(s);
    assert_contains(lua, "--   table heap: WITHOUT ROWID, with no primary key (the DSL needs one)");
    assert_contains(lua, "--   table heap, column n: generated as 1 + 1, and a default (the DSL refuses both)");
    assert_contains(lua, "  { __tide = \"object\", kind = \"view\", name = \"v.w\", sql = [[select 1]] },");
    assert_contains(lua, "  t.trigger \"tr\" { table = \"empty\", sql = [[create trigger tr]] },");
    assert_contains(lua, "-- Not said here, as the DSL cannot say it:\n");
    assert_contains(lua, "  t.enum(\"unused\", { ");    /* no column declares it */
    assert_contains(lua, "--   table odd.name: a dot in a name");
    assert_contains(lua, "  t.table \"empty\" {\n  },");   /* PostgreSQL's table without columns */
    assert_contains(lua, "t.col \"code\" :text() :nullable() :primary(),");   /* SQLite's nullable key */
    write_file(f, "lossy", "app.lua", lua);
    back = load(f, "lossy", lua);
    assert_int_equal(back->ntables, 3);
    assert_int_equal(back->nobjects, 2);         /* the view named with a dot, said as a plain object */
    assert_non_null(tide_schema_find_object(back, TIDE_OBJ_VIEW, NULL, "v.w", NULL));
    assert_int_equal(back->nenums, 1);
    assert_int_equal(tide_schema_find_table(back, NULL, "legacy")->columns[0].nullable, 1);
    free(lua);
    tide_schema_free(back);
    tide_schema_free(s);
}

/* No tables: a file that loads into the empty schema. */
static void writes_the_empty_schema(void **state)
{
    fixture *f = *state;
    tide_schema *s = tide_schema_new(), *back;
    char *lua;
    assert_non_null(s);
    finish(s);
    lua = render_lua(s);
    assert_contains(lua, "local t = require \"tide.schema\"\n\nreturn {\n}\n");
    write_file(f, "empty", "app.lua", lua);
    back = load(f, "empty", lua);
    assert_int_equal(back->ntables, 0);
    free(lua);
    tide_schema_free(back);
    tide_schema_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(round_trips_every_feature, setup, teardown),
        cmocka_unit_test_setup_teardown(the_text_is_a_fixed_point, setup, teardown),
        cmocka_unit_test_setup_teardown(one_file_per_table_loads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(reads_like_hand_written_definitions, setup, teardown),
        cmocka_unit_test_setup_teardown(escapes_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(names_what_the_dsl_cannot_say, setup, teardown),
        cmocka_unit_test_setup_teardown(writes_the_empty_schema, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
