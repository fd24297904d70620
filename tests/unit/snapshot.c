/* tests/unit/snapshot.c — the snapshot: the exact text for a small schema,
 * render -> parse -> render round trips with every model feature, stable
 * bytes whatever the insertion order, atomic writes, and every way a
 * snapshot can be broken (each reported with its line and column, never a
 * crash, never a silent empty schema). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/model.h"
#include "model/snapshot.h"
#include "runner/migration.h"

#define CORRUPT " (the snapshot is corrupt; restore it from version control or regenerate it)"

/* ---- schemas --------------------------------------------------------------- */

static void push(tide_schema *s, char ***v, int *n, const char *str)
{
    assert_int_equal(tide_strv_push(s, v, n, str), 0);
}

static tide_column *column(tide_schema *s, tide_table *t, const char *name, const char *type)
{
    tide_column *c = tide_table_add_column(s, t, name, type);
    assert_non_null(c);
    return c;
}

static void add_enums(tide_schema *s, int reverse)
{
    int k;
    for (k = 0; k < 2; k++) {
        tide_enum *e;
        if ((k == 0) != (reverse != 0)) {
            e = tide_schema_add_enum(s, NULL, "user_status");
            assert_int_equal(tide_enum_add_value(s, e, "active"), 0);
            assert_int_equal(tide_enum_add_value(s, e, "banned"), 0);
        } else {
            e = tide_schema_add_enum(s, "app", "mood");
            assert_int_equal(tide_enum_add_value(s, e, "happy"), 0);
            assert_int_equal(tide_enum_add_value(s, e, "très \"sad\""), 0);
        }
    }
}

static void users_index(tide_schema *s, tide_table *t, int which)
{
    tide_index *ix = tide_table_add_index(s, t, which == 2 ? "users_tags_gin" : NULL);
    assert_non_null(ix);
    if (which == 0) {                       /* expression, unique */
        ix->expression = tide_schema_str(s, "lower(email)");
        ix->unique = 1;
    } else if (which == 1) {                /* partial, descending column */
        push(s, &ix->columns, &ix->ncolumns, "created_at desc");
        push(s, &ix->columns, &ix->ncolumns, "id");
        ix->where = tide_schema_str(s, "deleted_at is null");
    } else {                                /* method */
        push(s, &ix->columns, &ix->ncolumns, "tags");
        ix->method = tide_schema_str(s, "gin");
    }
}

static void add_users(tide_schema *s, int reverse)
{
    tide_table *t = tide_schema_add_table(s, "app", "users");
    tide_column *c;
    tide_unique *u;
    tide_check *ck;
    int k;
    assert_non_null(t);
    t->comment = tide_schema_str(s, "People.\n\tTab, \"quotes\", back\\slash, \x01 and \x7f.");
    c = column(s, t, "id", "bigint");
    c->autoincrement = 1;
    c = column(s, t, "email", "varchar(255)");
    c->not_null_conflict = tide_schema_str(s, "replace");      /* SQLite's ON CONFLICT clauses */
    t->pk_conflict = tide_schema_str(s, "rollback");
    c = column(s, t, "name", "text");
    c->nullable = 1;
    c->default_expr = tide_schema_str(s, "'it''s \"quoted\"\nand on two lines'");
    c->collation = tide_schema_str(s, "C");
    c->comment = tide_schema_str(s, "shown to others");
    c = column(s, t, "status", "user_status");
    c->default_expr = tide_schema_str(s, "'active'");
    c = column(s, t, "mood", "app.mood");
    c->nullable = 1;
    column(s, t, "prénom", "text");
    c = column(s, t, "tags", "text[]");
    c->nullable = 1;
    column(s, t, "created_at", "timestamptz");
    c = column(s, t, "deleted_at", "timestamptz");
    c->nullable = 1;
    column(s, t, "org_id", "integer");
    column(s, t, "org_region", "text");
    assert_int_equal(tide_table_add_pk_column(s, t, "id"), 0);
    for (k = 0; k < 2; k++) {
        int which = reverse ? 1 - k : k;
        u = tide_table_add_unique(s, t, which ? "users_email_key" : NULL);
        push(s, &u->columns, &u->ncolumns, which ? "email" : "name");
        u->on_conflict = which ? tide_schema_str(s, "ignore") : NULL;
        if (!which)
            push(s, &u->columns, &u->ncolumns, "org_id");
    }
    for (k = 0; k < 3; k++)
        users_index(s, t, reverse ? 2 - k : k);
    for (k = 0; k < 2; k++) {
        int which = reverse ? 1 - k : k;
        ck = tide_table_add_check(s, t, which ? "email_has_at" : "name_not_empty",
                                  which ? "email like '%@%'" : "name <> ''");
        assert_non_null(ck);
    }
}

static void add_orgs(tide_schema *s)
{
    tide_table *t = tide_schema_add_table(s, NULL, "orgs");
    assert_non_null(t);
    column(s, t, "id", "integer");
    column(s, t, "region", "text");
    column(s, t, "name", "text");
    assert_int_equal(tide_table_add_pk_column(s, t, "id"), 0);
    assert_int_equal(tide_table_add_pk_column(s, t, "region"), 0);
    t->pk_name = tide_schema_str(s, "orgs_identity");
}

static void users_fk(tide_schema *s, int reverse)
{
    tide_table *t = (tide_table *)tide_schema_find_table(s, "app", "users");
    int k;
    for (k = 0; k < 2; k++) {
        tide_fk *fk = tide_table_add_fk(s, t, NULL);
        assert_non_null(fk);
        if ((k == 0) != (reverse != 0)) {   /* composite, deferrable, actions */
            push(s, &fk->columns, &fk->ncolumns, "org_id");
            push(s, &fk->columns, &fk->ncolumns, "org_region");
            fk->ref_table = tide_schema_str(s, "orgs");
            push(s, &fk->ref_columns, &fk->nref_columns, "id");
            push(s, &fk->ref_columns, &fk->nref_columns, "region");
            fk->on_delete = tide_schema_str(s, "cascade");
            fk->on_update = tide_schema_str(s, "set null");
            fk->deferrable = fk->initially_deferred = 1;
        } else {                            /* to another schema's table, outside */
            push(s, &fk->columns, &fk->ncolumns, "mood");
            fk->name = tide_schema_str(s, "users_mood_audit_fkey");
            fk->ref_schema = tide_schema_str(s, "audit");
            fk->ref_table = tide_schema_str(s, "moods");
            push(s, &fk->ref_columns, &fk->nref_columns, "name");
            fk->on_delete = tide_schema_str(s, "restrict");
        }
    }
}

static void add_unicode(tide_schema *s)
{
    tide_table *t = tide_schema_add_table(s, "日本", "テーブル");
    assert_non_null(t);
    t->comment = tide_schema_str(s, "emoji \xf0\x9f\x98\x80 and é");
    column(s, t, "名前", "text");
}

static void add_empty(tide_schema *s)
{
    assert_non_null(tide_schema_add_table(s, NULL, "empty"));
}

/* Objects of every kind, generated columns and table options, added in one
 * order or the other: finish sorts the objects. */
static void add_objects(tide_schema *s, int reverse)
{
    static const struct {
        tide_object_kind kind;
        const char *schema, *name, *table, *definition;
    } objects[] = {
        { TIDE_OBJ_VIEW, "app", "active_users", NULL, "SELECT id, email\n  FROM app.users\n WHERE deleted_at IS NULL" },
        { TIDE_OBJ_TRIGGER, "app", "users_touch", "users",
          "create trigger users_touch before update on app.users\nfor each row execute function app.touch()" },
        { TIDE_OBJ_FUNCTION, "app", "touch", NULL, "create function app.touch() returns trigger language plpgsql as $$ begin new.created_at := now(); return new; end $$" },
        { TIDE_OBJ_SEQUENCE, NULL, "order_no", NULL, "as bigint start with 10000" },
        { TIDE_OBJ_MATVIEW, NULL, "org_names", NULL, "select name from orgs" },
        { TIDE_OBJ_VIRTUAL_TABLE, NULL, "docs", NULL, "fts5(title, body)" },
        { TIDE_OBJ_POLICY, NULL, "orgs_mine", "orgs", "create policy orgs_mine on orgs using (true)" },
    };
    int n = (int)(sizeof objects / sizeof *objects), k;
    tide_table *t = (tide_table *)tide_schema_find_table(s, "app", "users");
    tide_column *c;
    for (k = 0; k < n; k++) {
        int i = reverse ? n - 1 - k : k;
        tide_object *o = tide_schema_add_object(s, objects[i].kind, objects[i].schema, objects[i].name,
                                                objects[i].table, objects[i].definition);
        assert_non_null(o);
        if (objects[i].kind == TIDE_OBJ_VIEW)
            o->comment = tide_schema_str(s, "who is \"active\"");
        if (objects[i].kind == TIDE_OBJ_FUNCTION)      /* a driver's spelling */
            o->canonical = tide_schema_str(s, "CREATE OR REPLACE FUNCTION app.touch() ...");
        if (objects[i].kind == TIDE_OBJ_MATVIEW) {     /* the catalog's dependencies */
            o->reads_given = 1;
            push(s, &o->reads, &o->nreads, "orgs");
        }
        if (objects[i].kind == TIDE_OBJ_SEQUENCE)      /* given, and read: none */
            o->reads_given = 1;
    }
    t->options = TIDE_TABLE_UNLOGGED;
    c = column(s, t, "domain", "text");
    c->generated = tide_schema_str(s, "split_part(email, '@', 2)");
    c->generated_stored = 1;
    c = column(s, t, "email_length", "integer");
    c->generated = tide_schema_str(s, "length(email)");
    ((tide_table *)tide_schema_find_table(s, NULL, "orgs"))->options = TIDE_TABLE_STRICT | TIDE_TABLE_WITHOUT_ROWID;
}

/* The schema with every feature of the model, built in one order or the
 * other; finish must make the two the same. */
static tide_schema *full_schema(int reverse)
{
    tide_schema *s = tide_schema_new();
    tide_err err;
    assert_non_null(s);
    add_enums(s, reverse);
    if (!reverse) {
        add_users(s, 0);
        add_orgs(s);
        add_unicode(s);
        add_empty(s);
    } else {
        add_empty(s);
        add_unicode(s);
        add_orgs(s);
        add_users(s, 1);
    }
    users_fk(s, reverse);
    add_objects(s, reverse);
    if (tide_schema_finish(s, &err) < 0)
        fail_msg("finish: %s", err.msg);
    return s;
}

static char *render(const tide_schema *s)
{
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    if (tide_snapshot_render(s, &b, &err) < 0)
        fail_msg("render: %s", err.msg);
    return tide_buf_detach(&b);
}

/* Parses text (copied to a buffer of exactly len bytes, so that the
 * sanitizers catch any read past the end). */
static int parse(tide_schema **out, const char *text, size_t len, tide_err *err)
{
    char *copy = malloc(len ? len : 1);
    int rc;
    assert_non_null(copy);
    memcpy(copy, text, len);
    rc = tide_snapshot_parse(out, copy, len, "x.json", err);
    free(copy);
    return rc;
}

static tide_schema *parse_ok(const char *text)
{
    tide_schema *s;
    tide_err err;
    if (parse(&s, text, strlen(text), &err) < 0)
        fail_msg("parse: %s", err.msg);
    return s;
}

/* ---- the text ------------------------------------------------------------- */

static const char small_text[] =
    "{\n"
    "  \"format\": \"tide-snapshot/1\",\n"
    "  \"enums\": [\n"
    "    {\n"
    "      \"name\": \"user_status\",\n"
    "      \"values\": [\n"
    "        \"active\",\n"
    "        \"banned\"\n"
    "      ]\n"
    "    }\n"
    "  ],\n"
    "  \"tables\": [\n"
    "    {\n"
    "      \"name\": \"org\",\n"
    "      \"columns\": [\n"
    "        {\n"
    "          \"name\": \"id\",\n"
    "          \"type\": \"integer\",\n"
    "          \"autoincrement\": true\n"
    "        }\n"
    "      ],\n"
    "      \"primaryKey\": {\n"
    "        \"name\": \"org_pkey\",\n"
    "        \"columns\": [\n"
    "          \"id\"\n"
    "        ]\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"user\",\n"
    "      \"columns\": [\n"
    "        {\n"
    "          \"name\": \"id\",\n"
    "          \"type\": \"integer\",\n"
    "          \"autoincrement\": true\n"
    "        },\n"
    "        {\n"
    "          \"name\": \"email\",\n"
    "          \"type\": \"varchar(255)\"\n"
    "        },\n"
    "        {\n"
    "          \"name\": \"name\",\n"
    "          \"type\": \"text\",\n"
    "          \"nullable\": true,\n"
    "          \"default\": \"'anonymous'\"\n"
    "        },\n"
    "        {\n"
    "          \"name\": \"org_id\",\n"
    "          \"type\": \"integer\"\n"
    "        },\n"
    "        {\n"
    "          \"name\": \"status\",\n"
    "          \"type\": \"user_status\",\n"
    "          \"enum\": true\n"
    "        }\n"
    "      ],\n"
    "      \"primaryKey\": {\n"
    "        \"name\": \"user_pkey\",\n"
    "        \"columns\": [\n"
    "          \"id\"\n"
    "        ]\n"
    "      },\n"
    "      \"uniques\": [\n"
    "        {\n"
    "          \"name\": \"user_email_key\",\n"
    "          \"columns\": [\n"
    "            \"email\"\n"
    "          ]\n"
    "        }\n"
    "      ],\n"
    "      \"indexes\": [\n"
    "        {\n"
    "          \"name\": \"user_name_idx\",\n"
    "          \"columns\": [\n"
    "            \"name\"\n"
    "          ]\n"
    "        }\n"
    "      ],\n"
    "      \"foreignKeys\": [\n"
    "        {\n"
    "          \"name\": \"user_org_id_fkey\",\n"
    "          \"columns\": [\n"
    "            \"org_id\"\n"
    "          ],\n"
    "          \"refTable\": \"org\",\n"
    "          \"refColumns\": [\n"
    "            \"id\"\n"
    "          ],\n"
    "          \"onDelete\": \"cascade\"\n"
    "        }\n"
    "      ],\n"
    "      \"checks\": [\n"
    "        {\n"
    "          \"name\": \"email_has_at\",\n"
    "          \"expression\": \"email like '%@%'\"\n"
    "        }\n"
    "      ]\n"
    "    }\n"
    "  ]\n"
    "}\n";

/* The SPEC's example table, as the DSL would build it. */
static tide_schema *small_schema(void)
{
    tide_schema *s = tide_schema_new();
    tide_table *org, *t;
    tide_column *c;
    tide_enum *e;
    tide_unique *u;
    tide_index *ix;
    tide_fk *fk;
    tide_err err;
    t = tide_schema_add_table(s, NULL, "user");
    c = column(s, t, "id", "serial");
    c->type = tide_schema_str(s, "integer");
    c->autoincrement = 1;
    column(s, t, "email", "varchar(255)");
    c = column(s, t, "name", "text");
    c->nullable = 1;
    c->default_expr = tide_schema_str(s, "'anonymous'");
    column(s, t, "org_id", "integer");
    column(s, t, "status", "user_status");
    tide_table_add_pk_column(s, t, "id");
    u = tide_table_add_unique(s, t, NULL);
    push(s, &u->columns, &u->ncolumns, "email");
    ix = tide_table_add_index(s, t, NULL);
    push(s, &ix->columns, &ix->ncolumns, "name");
    fk = tide_table_add_fk(s, t, NULL);
    push(s, &fk->columns, &fk->ncolumns, "org_id");
    fk->ref_table = tide_schema_str(s, "org");
    push(s, &fk->ref_columns, &fk->nref_columns, "id");
    fk->on_delete = tide_schema_str(s, "CASCADE");
    tide_table_add_check(s, t, "email_has_at", "(email LIKE '%@%')");
    org = tide_schema_add_table(s, NULL, "org");
    c = column(s, org, "id", "int");
    c->autoincrement = 1;
    tide_table_add_pk_column(s, org, "id");
    e = tide_schema_add_enum(s, NULL, "user_status");
    tide_enum_add_value(s, e, "active");
    tide_enum_add_value(s, e, "banned");
    if (tide_schema_finish(s, &err) < 0)
        fail_msg("finish: %s", err.msg);
    return s;
}

static void test_small_text(void **state)
{
    tide_schema *s = small_schema(), *back;
    char *text = render(s), *again;
    (void)state;
    assert_string_equal(text, small_text);
    back = parse_ok(text);
    again = render(back);
    assert_string_equal(again, small_text);
    tide_schema_free(s);
    tide_schema_free(back);
    free(text);
    free(again);
}

static const char objects_text[] =
    "{\n"
    "  \"format\": \"tide-snapshot/1\",\n"
    "  \"tables\": [\n"
    "    {\n"
    "      \"name\": \"items\",\n"
    "      \"strict\": true,\n"
    "      \"withoutRowid\": true,\n"
    "      \"columns\": [\n"
    "        {\n"
    "          \"name\": \"id\",\n"
    "          \"type\": \"integer\"\n"
    "        },\n"
    "        {\n"
    "          \"name\": \"total\",\n"
    "          \"type\": \"integer\",\n"
    "          \"generated\": \"id * 2\",\n"
    "          \"stored\": true\n"
    "        }\n"
    "      ],\n"
    "      \"primaryKey\": {\n"
    "        \"name\": \"items_pkey\",\n"
    "        \"columns\": [\n"
    "          \"id\"\n"
    "        ]\n"
    "      }\n"
    "    }\n"
    "  ],\n"
    "  \"objects\": [\n"
    "    {\n"
    "      \"kind\": \"view\",\n"
    "      \"name\": \"big_items\",\n"
    "      \"definition\": \"select id\\n  from items where total > 10\",\n"
    "      \"comment\": \"the big ones\"\n"
    "    },\n"
    "    {\n"
    "      \"kind\": \"trigger\",\n"
    "      \"name\": \"items_check\",\n"
    "      \"table\": \"items\",\n"
    "      \"definition\": \"create trigger items_check after insert on items begin select 1; end\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

/* Objects come after the tables, by kind then name; a table's options
 * after its comment; a generated column's expression after autoincrement. */
static void test_objects_text(void **state)
{
    tide_schema *s = tide_schema_new(), *back;
    tide_table *t;
    tide_column *c;
    tide_object *o;
    tide_err err;
    char *text, *again;
    (void)state;
    assert_non_null(s);
    assert_non_null(tide_schema_add_object(s, TIDE_OBJ_TRIGGER, NULL, "items_check", "items",
                                           "create trigger items_check after insert on items begin select 1; end"));
    o = tide_schema_add_object(s, TIDE_OBJ_VIEW, NULL, "big_items", NULL, "select id\n  from items where total > 10");
    assert_non_null(o);
    o->comment = tide_schema_str(s, "the big ones");
    t = tide_schema_add_table(s, NULL, "items");
    t->options = TIDE_TABLE_WITHOUT_ROWID | TIDE_TABLE_STRICT;
    column(s, t, "id", "integer");
    c = column(s, t, "total", "integer");
    c->generated = tide_schema_str(s, "id * 2");
    c->generated_stored = 1;
    tide_table_add_pk_column(s, t, "id");
    if (tide_schema_finish(s, &err) < 0)
        fail_msg("finish: %s", err.msg);
    text = render(s);
    assert_string_equal(text, objects_text);
    back = parse_ok(text);
    again = render(back);
    assert_string_equal(again, objects_text);
    assert_int_equal(back->nobjects, 2);
    assert_int_equal(back->objects[0].kind, TIDE_OBJ_VIEW);
    assert_int_equal(back->objects[0].nreads, 1);              /* found again in the text */
    assert_string_equal(back->objects[0].reads[0], "items");
    assert_false(back->objects[0].reads_given);
    tide_schema_free(s);
    tide_schema_free(back);
    free(text);
    free(again);
}

static void test_empty_schema(void **state)
{
    tide_schema *s = tide_schema_new(), *back;
    tide_err err;
    char *text;
    (void)state;
    assert_int_equal(tide_schema_finish(s, &err), 0);
    text = render(s);
    assert_string_equal(text, "{\n  \"format\": \"tide-snapshot/1\",\n  \"tables\": []\n}\n");
    back = parse_ok(text);
    assert_int_equal(back->ntables, 0);
    assert_int_equal(back->nenums, 0);
    tide_schema_free(s);
    tide_schema_free(back);
    free(text);
}

/* The objects, generated columns and options of back are those of s. */
static void check_objects_back(const tide_schema *s, const tide_schema *back)
{
    const tide_table *t = tide_schema_find_table(back, "app", "users");
    const tide_column *c;
    int i, j;
    assert_int_equal(back->nobjects, 7);
    assert_int_equal(back->nobjects, s->nobjects);
    for (i = 0; i < s->nobjects; i++) {
        const tide_object *a = &s->objects[i], *b = &back->objects[i];
        assert_int_equal(a->kind, b->kind);
        assert_true(!a->schema == !b->schema && (!a->schema || !strcmp(a->schema, b->schema)));
        assert_string_equal(a->name, b->name);
        assert_true(!a->table == !b->table && (!a->table || !strcmp(a->table, b->table)));
        assert_string_equal(a->definition, b->definition);
        assert_string_equal(a->canonical, b->canonical);
        assert_true(!a->comment == !b->comment && (!a->comment || !strcmp(a->comment, b->comment)));
        assert_int_equal(a->reads_given, b->reads_given);
        assert_int_equal(a->nreads, b->nreads);
        for (j = 0; j < a->nreads; j++)
            assert_string_equal(a->reads[j], b->reads[j]);
    }
    assert_non_null(tide_schema_find_object(back, TIDE_OBJ_TRIGGER, "app", "users_touch", "users"));
    assert_string_equal(tide_schema_find_object(back, TIDE_OBJ_FUNCTION, "app", "touch", NULL)->canonical,
                        "CREATE OR REPLACE FUNCTION app.touch() ...");
    assert_int_equal(t->options, TIDE_TABLE_UNLOGGED);
    assert_int_equal(tide_schema_find_table(back, NULL, "orgs")->options,
                     TIDE_TABLE_STRICT | TIDE_TABLE_WITHOUT_ROWID);
    c = tide_table_find_column(t, "domain");
    assert_string_equal(c->generated, "split_part(email, '@', 2)");
    assert_true(c->generated_stored);
    c = tide_table_find_column(t, "email_length");
    assert_string_equal(c->generated, "length(email)");
    assert_false(c->generated_stored);
    assert_null(tide_table_find_column(t, "email")->generated);
}

/* render -> parse -> render gives the same bytes, and the parsed model has
 * the fields of the original. */
static void test_round_trip(void **state)
{
    tide_schema *s = full_schema(0), *back;
    const tide_table *t;
    const tide_column *c;
    char *text = render(s), *again;
    int i;
    (void)state;
    back = parse_ok(text);
    again = render(back);
    assert_string_equal(again, text);
    assert_int_equal(back->ntables, s->ntables);
    assert_int_equal(back->nenums, 2);
    t = tide_schema_find_table(back, "app", "users");
    assert_non_null(t);
    assert_string_equal(t->comment, "People.\n\tTab, \"quotes\", back\\slash, \x01 and \x7f.");
    c = tide_table_find_column(t, "name");
    assert_non_null(c);
    assert_string_equal(c->default_expr, "'it''s \"quoted\"\nand on two lines'");
    assert_string_equal(c->collation, "C");
    assert_true(c->nullable);
    assert_true(tide_table_find_column(t, "status")->is_enum);
    assert_non_null(tide_table_find_column(t, "prénom"));
    assert_string_equal(tide_table_find_column(t, "email")->not_null_conflict, "replace");
    assert_string_equal(t->pk_conflict, "rollback");
    for (i = 0; i < t->nuniques; i++)
        if (!strcmp(t->uniques[i].name, "users_email_key"))
            assert_string_equal(t->uniques[i].on_conflict, "ignore");
    for (i = 0; i < t->nfks; i++)
        if (!strcmp(t->fks[i].name, "users_org_id_org_region_fkey")) {
            assert_true(t->fks[i].deferrable && t->fks[i].initially_deferred);
            assert_string_equal(t->fks[i].on_update, "set null");
            assert_int_equal(t->fks[i].nref_columns, 2);
        }
    t = tide_schema_find_table(back, "日本", "テーブル");
    assert_non_null(t);
    assert_string_equal(t->comment, "emoji \xf0\x9f\x98\x80 and é");
    assert_string_equal(tide_schema_find_table(back, NULL, "orgs")->pk_name, "orgs_identity");
    check_objects_back(s, back);
    tide_schema_free(s);
    tide_schema_free(back);
    free(text);
    free(again);
}

/* Comments on constraints, an enum type, a namespace and a serial's
 * sequence, and a view's options, go through the snapshot. */
static void test_comments_and_view_options(void **state)
{
    tide_schema *s = tide_schema_new(), *back;
    tide_table *t = tide_schema_add_table(s, "billing", "org");
    tide_column *c = tide_table_add_column(s, t, "id", "integer");
    tide_unique *u;
    tide_fk *f;
    tide_enum *e;
    tide_object *o;
    char *text, *again;
    tide_err err;
    (void)state;
    c->autoincrement = 1;
    c->sequence_comment = tide_schema_str(s, "org ids");
    tide_table_add_column(s, t, "parent", "integer")->nullable = 1;
    tide_table_add_pk_column(s, t, "id");
    t->pk_comment = tide_schema_str(s, "the key");
    u = tide_table_add_unique(s, t, "org_parent_key");
    tide_strv_push(s, &u->columns, &u->ncolumns, "parent");
    u->comment = tide_schema_str(s, "one child");
    f = tide_table_add_fk(s, t, "org_parent_fkey");
    tide_strv_push(s, &f->columns, &f->ncolumns, "parent");
    f->ref_schema = tide_schema_str(s, "billing");
    f->ref_table = tide_schema_str(s, "org");
    f->comment = tide_schema_str(s, "a tree");
    tide_table_add_check(s, t, "org_parent_check", "parent <> id")->comment = tide_schema_str(s, "no loops");
    e = tide_schema_add_enum(s, "billing", "mood");
    tide_enum_add_value(s, e, "ok");
    e->comment = tide_schema_str(s, "feelings");
    assert_int_equal(tide_schema_set_namespace_comment(s, "billing", "money"), 0);
    o = tide_schema_add_object(s, TIDE_OBJ_VIEW, "billing", "orgs", NULL, "select id from billing.org");
    o->with = tide_schema_str(s, "Security_Barrier = true");
    tide_strv_push(s, &o->column_comments, &o->ncolumn_comments, "name");   /* sorted by finish */
    tide_strv_push(s, &o->column_comments, &o->ncolumn_comments, "what it's called");
    tide_strv_push(s, &o->column_comments, &o->ncolumn_comments, "id");
    tide_strv_push(s, &o->column_comments, &o->ncolumn_comments, "the key");
    if (tide_schema_finish(s, &err) < 0)
        fail_msg("finish: %s", err.msg);
    text = render(s);
    back = parse_ok(text);
    again = render(back);
    assert_string_equal(again, text);
    t = (tide_table *)tide_schema_find_table(back, "billing", "org");
    assert_string_equal(t->pk_comment, "the key");
    assert_string_equal(t->uniques[0].comment, "one child");
    assert_string_equal(t->fks[0].comment, "a tree");
    assert_string_equal(t->checks[0].comment, "no loops");
    assert_string_equal(t->columns[0].sequence_comment, "org ids");
    assert_string_equal(tide_schema_find_enum(back, "billing", "mood")->comment, "feelings");
    assert_string_equal(tide_schema_namespace_comment(back, "billing"), "money");
    assert_string_equal(tide_schema_find_object(back, TIDE_OBJ_VIEW, "billing", "orgs", NULL)->with,
                        "security_barrier=true");
    o = (tide_object *)tide_schema_find_object(back, TIDE_OBJ_VIEW, "billing", "orgs", NULL);
    assert_int_equal(o->ncolumn_comments, 4);
    assert_string_equal(o->column_comments[0], "id");
    assert_string_equal(o->column_comments[1], "the key");
    assert_string_equal(o->column_comments[3], "what it's called");
    assert_non_null(strstr(text, "\"columnComments\""));
    tide_schema_free(s);
    tide_schema_free(back);
    free(text);
    free(again);
}

static void test_insertion_order(void **state)
{
    tide_schema *a = full_schema(0), *b = full_schema(1);
    char *ta = render(a), *tb = render(b);
    (void)state;
    assert_string_equal(ta, tb);
    tide_schema_free(a);
    tide_schema_free(b);
    free(ta);
    free(tb);
}

/* Escapes as jq writes them; everything else (UTF-8 included) as it is. */
static void test_escapes(void **state)
{
    tide_schema *s = tide_schema_new(), *back;
    tide_table *t = tide_schema_add_table(s, NULL, "t");
    char raw[64], *text;
    const char *want = "\"\\u0001\\u0002\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/é\\u007f~\"";
    tide_err err;
    (void)state;
    snprintf(raw, sizeof raw, "%s", "\x01\x02\b\t\n\x0b\f\r\x1f \"\\/é\x7f~");
    column(s, t, "c", "text");
    t->comment = tide_schema_str(s, raw);
    assert_int_equal(tide_schema_finish(s, &err), 0);
    text = render(s);
    assert_non_null(strstr(text, want));
    back = parse_ok(text);
    assert_string_equal(back->tables[0]->comment, raw);
    tide_schema_free(s);
    tide_schema_free(back);
    free(text);
}

/* What hand-edited or other tools' JSON may hold: other key orders, null,
 * false and [] for absent values, escapes we never write, CRLF, a BOM. */
static void test_lenient_forms(void **state)
{
    const char *text =
        "\xef\xbb\xbf{\"tables\": [{\"columns\": [{\"type\": \"TEXT\", \"name\": \"n\\u00e9\\/x\","
        "\r\n \"nullable\": false, \"default\": null, \"comment\": \"\\ud83d\\ude00\"}],"
        " \"name\": \"t\", \"schema\": null, \"uniques\": [], \"checks\": null,"
        " \"primaryKey\": null}], \"enums\": [], \"format\": \"tide-snapshot/1\"}";
    tide_schema *s = parse_ok(text);
    const tide_column *c;
    (void)state;
    assert_int_equal(s->ntables, 1);
    c = &s->tables[0]->columns[0];
    assert_string_equal(c->name, "n\xc3\xa9/x");
    assert_string_equal(c->type, "text");
    assert_string_equal(c->comment, "\xf0\x9f\x98\x80");
    assert_false(c->nullable);
    assert_null(c->default_expr);
    assert_null(s->tables[0]->schema);
    tide_schema_free(s);
}

/* ---- broken snapshots ------------------------------------------------------ */

#define HEAD "{\"format\": \"tide-snapshot/1\", "
#define COLS HEAD "\"tables\": [{\"name\": \"t\", \"columns\": ["

typedef struct bad_case {
    const char *text;
    const char *message;     /* the whole message, or its start when it ends with '*' */
} bad_case;

static const bad_case bad_cases[] = {
    /* empty and truncated */
    { "",
      "x.json:1:1: the file is empty" CORRUPT },
    { " \n\t\n  ",
      "x.json:3:3: the file is empty" CORRUPT },
    { "{",
      "x.json:1:2: the file ends too early (cut short?): expected a key (a string in double quotes)" CORRUPT },
    { HEAD "\"tables\": [",
      "x.json:1:42: the file ends too early (cut short?): expected a table" CORRUPT },
    { HEAD "\"tab",
      "x.json:1:31: the file ends too early (cut short?) in the string that starts here" CORRUPT },
    { COLS "{\"name\": \"a\", \"nullable\": tr",
      "x.json:1:96: the file ends too early (cut short?): expected true" CORRUPT },
    { HEAD "\"tables\": []",
      "x.json:1:43: the file ends too early (cut short?): expected ',' or '}'" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"te",
      "x.json:1:90: the file ends too early (cut short?) in the string that starts here" CORRUPT },
    /* not JSON */
    { "[]",
      "x.json:1:1: expected the snapshot (an object), found a list" CORRUPT },
    { "tide",
      "x.json:1:1: expected the snapshot (an object), found 'tide'" CORRUPT },
    { "{\"format\": \"tide-snapshot/1\",, \"tables\": []}",
      "x.json:1:30: expected a key (a string in double quotes), found ','" CORRUPT },
    { HEAD "\"tables\": [],}",
      "x.json:1:44: expected a key (a string in double quotes), found '}'" CORRUPT },
    { HEAD "\"tables\" []}",
      "x.json:1:40: expected ':' after the key, found a list" CORRUPT },
    { HEAD "\"tables\": [] \"enums\": []}",
      "x.json:1:44: expected ',' or '}', found a string" CORRUPT },
    { HEAD "\"tables\": []} {}",
      "x.json:1:45: unexpected text after the end of the snapshot" CORRUPT },
    { HEAD "\n  \"tables\": [\n    {\"name\": \"t\" \"columns\": []}]}",
      "x.json:3:18: expected ',' or '}', found a string" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"text\", \"nullable\": yes}]}]}",
      "x.json:1:110: \"nullable\" must be true or false, found 'yes'" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"text\", \"nullable\": trueish}]}]}",
      "x.json:1:110: invalid value 'trueish'" CORRUPT },
    { COLS "{\"name\": 'a'}]}]}",
      "x.json:1:77: \"name\" must be a string, found \"'\"" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"text\", \"nullable\": 1}]}]}",
      "x.json:1:110: \"nullable\" must be true or false, found a number" CORRUPT },
    /* strings */
    { COLS "{\"name\": \"a\\x\"}]}]}",
      "x.json:1:79: invalid escape '\\x' in a string" CORRUPT },
    { COLS "{\"name\": \"a\\ud800\"}]}]}",
      "x.json:1:79: invalid \\u escape: a high surrogate without its low half" CORRUPT },
    { COLS "{\"name\": \"a\\udc00\"}]}]}",
      "x.json:1:79: invalid \\u escape: a lone low surrogate" CORRUPT },
    { COLS "{\"name\": \"a\\u12G4\"}]}]}",
      "x.json:1:79: invalid \\u escape: four hexadecimal digits expected" CORRUPT },
    { COLS "{\"name\": \"a\\u0000\"}]}]}",
      "x.json:1:79: a string holds \\u0000, which tide does not accept" CORRUPT },
    { COLS "{\"name\": \"a\tb\"}]}]}",
      "x.json:1:79: a control character (byte 0x09) in a string must be escaped" CORRUPT },
    { COLS "{\"name\": \"a\xff""\"}]}]}",
      "x.json:1:79: invalid UTF-8 in a string" CORRUPT },
    { COLS "{\"name\": \"\xc3""\xa9""\xc3""\"}]}]}",
      "x.json:1:79: invalid UTF-8 in a string" CORRUPT },
    { COLS "{\"name\": \"\xed""\xa0""\x80""\"}]}]}",
      "x.json:1:78: invalid UTF-8 in a string" CORRUPT },
    { COLS "{\"name\": \"\xc3""\xa9""t\xc3""\xa9""\", \"type\": \"text\", \"\xc3""\xa9""\": 1}]}]}",
      "x.json:1:100: unknown key \"\xc3\xa9\" in a column" CORRUPT },
    /* the format */
    { "{\"format\": \"tide-snapshot/2\", \"tables\": 1}",
      "x.json was written by a newer tide (format tide-snapshot/2); upgrade tide" },
    { "{\"format\": \"tide-snapshot/10\"}",
      "x.json was written by a newer tide (format tide-snapshot/10); upgrade tide" },
    { "{\"format\": \"tide-snapshot/0\"}",
      "x.json:1:12: unknown format \"tide-snapshot/0\" (this tide reads \"tide-snapshot/1\")" CORRUPT },
    { "{\"format\": \"liquibase\"}",
      "x.json:1:12: unknown format \"liquibase\" (this tide reads \"tide-snapshot/1\")" CORRUPT },
    { "{\"format\": 1}",
      "x.json:1:12: \"format\" must be a string, found a number" CORRUPT },
    { "{\"tables\": []}",
      "x.json:1:1: no \"format\" key: this is not a tide snapshot" CORRUPT },
    { "{}",
      "x.json:1:1: no \"format\" key: this is not a tide snapshot" CORRUPT },
    /* wrong types */
    { HEAD "\"tables\": null}",
      "x.json:1:41: \"tables\" must be a list, found null" CORRUPT },
    { HEAD "\"tables\": {}}",
      "x.json:1:41: \"tables\" must be a list, found an object" CORRUPT },
    { HEAD "\"tables\": [\"t\"]}",
      "x.json:1:42: expected a table (an object), found a string" CORRUPT },
    { HEAD "\"enums\": true, \"tables\": []}",
      "x.json:1:40: \"enums\" must be a list, found a boolean" CORRUPT },
    { HEAD "\"enums\": [{\"name\": \"e\", \"values\": [1]}], \"tables\": []}",
      "x.json:1:66: the items of \"values\" must be strings, found a number" CORRUPT },
    { COLS "{\"name\": 5, \"type\": \"text\"}]}]}",
      "x.json:1:77: \"name\" must be a string, found a number" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"text\", \"nullable\": \"yes\"}]}]}",
      "x.json:1:110: \"nullable\" must be true or false, found a string" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"text\", \"comment\": true}]}]}",
      "x.json:1:109: \"comment\" must be a string, found a boolean" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"text\"}], \"primaryKey\": [\"a\"]}]}",
      "x.json:1:114: expected the primary key (an object), found a list" CORRUPT },
    { COLS "], \"indexes\": [{\"columns\": \"a\"}]}]}",
      "x.json:1:95: \"columns\" must be a list, found a string" CORRUPT },
    /* unknown and repeated keys */
    { COLS "{\"name\": \"a\", \"type\": \"text\", \"nulable\": true}]}]}",
      "x.json:1:98: unknown key \"nulable\" in a column; did you mean \"nullable\"?" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"text\", \"size\": 4}]}]}",
      "x.json:1:98: unknown key \"size\" in a column" CORRUPT },
    { HEAD "\"tables\": [], \"extra\\n\": 1}",
      "x.json:1:45: unknown key \"extra?\" in the snapshot" CORRUPT },
    { COLS "{\"name\": \"a\", \"name\": \"b\"}]}]}",
      "x.json:1:82: \"name\" is given twice in a column" CORRUPT },
    /* missing keys */
    { HEAD "\"tables\": [{\"columns\": []}]}",
      "x.json:1:42: a table has no \"name\"" CORRUPT },
    { HEAD "\"tables\": [{\"name\": \"t\"}]}",
      "x.json:1:42: table \"t\" has no \"columns\"" CORRUPT },
    { COLS "{\"type\": \"text\"}]}]}",
      "x.json:1:68: a column has no \"name\"" CORRUPT },
    { COLS "{\"name\": \"a\"}]}]}",
      "x.json:1:68: column \"a\" has no \"type\"" CORRUPT },
    { COLS "], \"checks\": [{\"name\": \"c\"}]}]}",
      "x.json:1:82: check \"c\" has no \"expression\"" CORRUPT },
    { COLS "], \"checks\": [{\"expression\": \"1\"}]}]}",
      "x.json:1:82: a check has no \"name\"" CORRUPT },
    { COLS "], \"indexes\": [{\"name\": \"i\"}]}]}",
      "x.json:1:83: index \"i\" has no \"columns\" or \"expression\"" CORRUPT },
    { COLS "], \"uniques\": [{}]}]}",
      "x.json:1:83: a unique constraint has no \"columns\"" CORRUPT },
    { COLS "], \"primaryKey\": {\"columns\": []}}]}",
      "x.json:1:85: the primary key has no \"columns\"" CORRUPT },
    { COLS "], \"foreignKeys\": [{\"columns\": [\"a\"]}]}]}",
      "x.json:1:87: a foreign key has no \"refTable\"" CORRUPT },
    { HEAD "\"enums\": [{\"name\": \"e\"}], \"tables\": []}",
      "x.json:1:41: enum \"e\" has no \"values\"" CORRUPT },
    { HEAD "\"enums\": []}",
      "x.json:1:1: the snapshot has no \"tables\"" CORRUPT },
    /* objects, generated columns, table options */
    { HEAD "\"tables\": [], \"objects\": [{\"kind\": \"vue\", \"name\": \"v\", \"definition\": \"x\"}]}",
      "x.json:1:66: unknown kind \"vue\" of an object (known: extension, collation, text search dictionary, text search configuration, domain, type, range type, sequence, function, aggregate, operator, operator family, operator class, cast, foreign data wrapper, foreign server, virtual table, partition, partition index, partition constraint, attached index, foreign table, view, materialized view, materialized view index, trigger, rule, policy, statistics, exclusion constraint, sequence owner, publication, event trigger)" CORRUPT },
    { HEAD "\"tables\": [], \"objects\": [{\"kind\": 1, \"name\": \"v\", \"definition\": \"x\"}]}",
      "x.json:1:66: \"kind\" must be a string, found a number" CORRUPT },
    { HEAD "\"tables\": [], \"objects\": [{\"name\": \"v\", \"definition\": \"x\"}]}",
      "x.json:1:57: object \"v\" has no \"kind\"" CORRUPT },
    { HEAD "\"tables\": [], \"objects\": [{\"kind\": \"view\", \"definition\": \"x\"}]}",
      "x.json:1:57: an object has no \"name\"" CORRUPT },
    { HEAD "\"tables\": [], \"objects\": [{\"kind\": \"view\", \"name\": \"v\"}]}",
      "x.json:1:57: object \"v\" has no \"definition\"" CORRUPT },
    { HEAD "\"tables\": [], \"objects\": [{\"kind\": \"view\", \"name\": \"v\", \"sql\": \"x\"}]}",
      "x.json:1:87: unknown key \"sql\" in an object" CORRUPT },
    { HEAD "\"tables\": [], \"objects\": [{\"kind\": \"view\", \"name\": \"v\", \"definition\": \"x\", \"reads\": \"t\"}]}",
      "x.json:1:115: \"reads\" must be a list, found a string" CORRUPT },
    { HEAD "\"tables\": [], \"objects\": {}}",
      "x.json:1:56: \"objects\" must be a list, found an object" CORRUPT },
    { HEAD "\"tables\": [], \"objects\": [{\"kind\": \"trigger\", \"name\": \"tr\", \"definition\": \"x\"}]}",
      "x.json: trigger 'tr' names no table" CORRUPT },
    { HEAD "\"tables\": [], \"objects\": [{\"kind\": \"trigger\", \"name\": \"tr\", \"table\": \"t\", \"definition\": \"x\"}]}",
      "x.json: trigger 'tr' is on table 't', which the schema does not have" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"int\", \"stored\": true}]}]}",
      "x.json:1:68: column \"a\" is \"stored\" but not \"generated\"" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"int\", \"generated\": 1}]}]}",
      "x.json:1:110: \"generated\" must be a string, found a number" CORRUPT },
    { HEAD "\"tables\": [{\"name\": \"t\", \"strict\": \"yes\", \"columns\": []}]}",
      "x.json:1:66: \"strict\" must be true or false, found a string" CORRUPT },
    { HEAD "\"tables\": [{\"name\": \"t\", \"withoutRowId\": true, \"columns\": []}]}",
      "x.json:1:56: unknown key \"withoutRowId\" in a table; did you mean \"withoutRowid\"?" CORRUPT },
    /* a schema that does not hold together (tide_schema_finish) */
    { COLS "{\"name\": \"a\", \"type\": \"text\"}], \"primaryKey\": {\"columns\": [\"b\"]}}]}",
      "x.json: table t: the primary key names column 'b', which the table does not have" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"text\"}, {\"name\": \"a\", \"type\": \"text\"}]}]}",
      "x.json: table t: column 'a' is defined twice" CORRUPT },
    { COLS "{\"name\": \"a\", \"type\": \"nope\", \"enum\": true}]}]}",
      "x.json: table t: column 'a' uses enum 'nope', which is not defined" CORRUPT },
};

/* Whether got is the message wanted (a prefix when want ends with '*'). */
static int same_message(const char *got, const char *want)
{
    size_t n = strlen(want);
    if (n && want[n - 1] == '*')
        return !strncmp(got, want, n - 1);
    return !strcmp(got, want);
}

/* Every case is tried and every mismatch printed before the test fails. */
static void test_broken(void **state)
{
    size_t i;
    int failures = 0;
    (void)state;
    for (i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        tide_schema *s = (tide_schema *)&s;          /* must come back NULL */
        tide_err err;
        int rc = parse(&s, bad_cases[i].text, strlen(bad_cases[i].text), &err);
        if (rc != TIDE_ECONFIG || s || err.code != TIDE_ECONFIG ||
            !same_message(err.msg, bad_cases[i].message)) {
            print_error("case %zu: %s\n  rc:   %d\n  got:  %s\n  want: %s\n", i,
                        bad_cases[i].text, rc, rc ? err.msg : "", bad_cases[i].message);
            failures++;
        }
        if (rc == 0)
            tide_schema_free(s);
    }
    assert_int_equal(failures, 0);
}

/* Every proper prefix of a snapshot is an error, never a crash and never a
 * schema; only the trailing newline may go. */
static void test_truncated(void **state)
{
    tide_schema *s = full_schema(0), *cut;
    char *text = render(s);
    size_t len = strlen(text), n;
    tide_err err;
    int rc;
    (void)state;
    for (n = 0; n + 1 < len; n++) {
        cut = (tide_schema *)&cut;
        rc = parse(&cut, text, n, &err);
        if (rc != TIDE_ECONFIG || cut)
            fail_msg("cut at %zu of %zu: rc %d", n, len, rc);
        if (!strstr(err.msg, n ? "ends too early" : "empty") || strncmp(err.msg, "x.json:", 7))
            fail_msg("cut at %zu: %s", n, err.msg);
    }
    assert_int_equal(parse(&cut, text, len - 1, &err), 0);
    tide_schema_free(cut);
    tide_schema_free(s);
    free(text);
}

/* Random damage: flipping bytes may give a valid snapshot, but never a crash. */
static void test_damaged(void **state)
{
    tide_schema *s = full_schema(0), *out;
    char *text = render(s);
    size_t len = strlen(text), i;
    static const char junk[] = "\"{}[],:\\ tn0\x01\xff";
    tide_err err;
    (void)state;
    for (i = 0; i < len; i += 3) {
        char saved = text[i];
        text[i] = junk[i % (sizeof junk - 1)];
        if (parse(&out, text, len, &err) == 0)
            tide_schema_free(out);
        else
            assert_null(out);
        text[i] = saved;
    }
    tide_schema_free(s);
    free(text);
}

static void test_render_invalid_utf8(void **state)
{
    tide_schema *s = tide_schema_new();
    tide_table *t = tide_schema_add_table(s, "app", "t");
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    (void)state;
    column(s, t, "caf\xe9", "text");          /* Latin-1 */
    assert_int_equal(tide_schema_finish(s, &err), 0);
    assert_int_equal(tide_buf_puts(&b, "kept"), 0);
    assert_int_equal(tide_snapshot_render(s, &b, &err), TIDE_ECONFIG);
    assert_string_equal(b.data, "kept");
    assert_int_equal(b.len, 4);
    assert_string_equal(err.msg, "cannot write the snapshot: table 'app.t': the text \"caf\xe9\" "
                                 "is not valid UTF-8 (save the schema files as UTF-8)");
    tide_buf_free(&b);
    tide_schema_free(s);
}

/* ---- files ----------------------------------------------------------------- */

typedef struct fixture {
    char dir[64];
    char path[128];
} fixture;

static int setup_dir(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/tide_snapshot_XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/.snapshot-app.json", f->dir);
    *state = f;
    return 0;
}

static int teardown_dir(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    if (tide_file_read(path, &b, &err) < 0)
        fail_msg("%s", err.msg);
    return tide_buf_detach(&b);
}

static void test_write_read(void **state)
{
    fixture *f = *state;
    tide_schema *small = small_schema(), *full = full_schema(0), *back;
    char *text, *file, *want = render(full);
    tide_err err;
    assert_int_equal(tide_snapshot_write(small, f->path, &err), 0);
    file = slurp(f->path);
    assert_string_equal(file, small_text);
    free(file);
    assert_int_equal(tide_snapshot_write(full, f->path, &err), 0);   /* replaces it */
    file = slurp(f->path);
    assert_string_equal(file, want);
    assert_int_equal(count_entries(f->dir), 1);
    assert_int_equal(tide_snapshot_read(&back, f->path, &err), 0);
    text = render(back);
    assert_string_equal(text, want);
    tide_schema_free(small);
    tide_schema_free(full);
    tide_schema_free(back);
    free(text);
    free(file);
    free(want);
}

/* The tables of a snapshot that are byte for byte what another schema's
 * render to are that schema's own tables, not read (and not freed with the
 * schema read: the sanitizers check the frees); the rest is read as ever.
 * The other schema's snapshot written from what was learnt (the old text
 * of the tables that did not change, the rendered text of those that did)
 * is byte for byte its render. */
static void test_read_against(void **state)
{
    fixture *f = *state;
    tide_schema *old = full_schema(0), *to = full_schema(1), *back, *changed;
    tide_snapshot_reuse keep;
    tide_table *t;
    char *want = render(old), *got, *file;
    tide_err err;
    int i, n = -1, taken = 0;
    assert_int_equal(tide_snapshot_write(old, f->path, &err), 0);
    /* the same schema built in another order: every table taken */
    assert_int_equal(tide_snapshot_read_against(&back, f->path, to, &keep, &n, &err), 0);
    assert_int_equal(n, to->ntables);
    assert_int_equal(back->ntables, to->ntables);
    for (i = 0; i < back->ntables; i++) {
        assert_ptr_equal(back->tables[i], to->tables[i]);
        assert_int_equal(keep.where[i], 1);
    }
    got = render(back);
    assert_string_equal(got, want);
    free(got);
    tide_schema_free(back);
    assert_int_equal(tide_snapshot_write_reusing(to, &keep, f->path, &err), 0);
    file = slurp(f->path);
    assert_string_equal(file, want);
    free(file);
    tide_snapshot_reuse_free(&keep);
    /* one table's comment changed: that one read from the file, the others taken */
    assert_non_null(changed = tide_schema_copy(to));
    t = changed->tables[0];
    t->comment = tide_schema_str(changed, "another comment");
    assert_int_equal(tide_schema_finish(changed, &err), 0);
    assert_int_equal(tide_snapshot_read_against(&back, f->path, changed, &keep, &n, &err), 0);
    assert_int_equal(n, changed->ntables - 1);
    assert_int_equal(keep.where[0], 2);
    for (i = 0; i < back->ntables; i++)
        taken += back->tables[i] == tide_schema_find_table(changed, back->tables[i]->schema, back->tables[i]->name);
    assert_int_equal(taken, n);
    assert_ptr_not_equal(tide_schema_find_table(back, t->schema, t->name), t);
    got = render(back);
    assert_string_equal(got, want);        /* the old comment, read */
    free(got);
    tide_schema_free(back);
    assert_int_equal(tide_snapshot_write_reusing(changed, &keep, f->path, &err), 0);
    file = slurp(f->path);
    got = render(changed);
    assert_string_equal(file, got);
    free(file);
    free(got);
    tide_snapshot_reuse_free(&keep);
    tide_schema_free(changed);
    tide_schema_free(old);
    tide_schema_free(to);
    free(want);
}

/* A failed write leaves the old snapshot as it was and no temporary file. */
static void test_write_failures(void **state)
{
    fixture *f = *state;
    tide_schema *small = small_schema(), *bad = tide_schema_new();
    char path[192], *file;
    tide_err err;
    assert_int_equal(tide_snapshot_write(small, f->path, &err), 0);
    /* the directory does not exist */
    snprintf(path, sizeof path, "%s/missing/.snapshot-app.json", f->dir);
    assert_int_equal(tide_snapshot_write(small, path, &err), TIDE_EIO);
    assert_non_null(strstr(err.msg, path));
    /* the target is a directory: the rename fails after the temporary file was written */
    snprintf(path, sizeof path, "%s/taken", f->dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/taken/x", f->dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/taken", f->dir);
    assert_int_equal(tide_snapshot_write(small, path, &err), TIDE_EIO);
    assert_int_equal(count_entries(f->dir), 2);
    /* the schema cannot be rendered: nothing is written */
    column(bad, tide_schema_add_table(bad, NULL, "t"), "\xff", "text");
    assert_int_equal(tide_snapshot_write(bad, f->path, &err), TIDE_ECONFIG);
    file = slurp(f->path);
    assert_string_equal(file, small_text);
    assert_int_equal(count_entries(f->dir), 2);
    free(file);
    tide_schema_free(small);
    tide_schema_free(bad);
}

static void test_read_errors(void **state)
{
    fixture *f = *state;
    tide_schema *s = (tide_schema *)&s;
    char want[512];
    tide_err err;
    FILE *fp;
    assert_int_equal(tide_snapshot_read(&s, f->path, &err), TIDE_EIO);
    assert_null(s);
    snprintf(want, sizeof want, "no snapshot at %s", f->path);
    assert_string_equal(err.msg, want);
    assert_int_equal(tide_snapshot_read(&s, f->dir, &err), TIDE_EIO);   /* unreadable */
    assert_non_null(strstr(err.msg, "cannot read"));
    fp = fopen(f->path, "w");
    assert_non_null(fp);
    fputs("{\n  \"format\": \"tide-snapshot/1\",\n  \"tables\": [\n", fp);
    fclose(fp);
    assert_int_equal(tide_snapshot_read(&s, f->path, &err), TIDE_ECONFIG);
    assert_null(s);
    snprintf(want, sizeof want, "%s:4:1: the file ends too early (cut short?): expected a table"
             CORRUPT, f->path);
    assert_string_equal(err.msg, want);
}

/* A schema whose names ignore case (SQLite's) says so, and reads back so. */
static void test_nocase_round_trip(void **state)
{
    static const char text[] =
        "{\"format\": \"tide-snapshot/1\", \"nocase\": true, \"tables\": [{\"name\": \"USERS\", "
        "\"columns\": [{\"name\": \"Id\", \"type\": \"integer\"}]}]}";
    tide_schema *s = NULL, *plain = NULL;
    tide_buf out = TIDE_BUF_INIT;
    tide_err err;
    (void)state;
    if (tide_snapshot_parse(&s, text, sizeof text - 1, "nocase", &err) < 0)
        fail_msg("parse: %s", err.msg);
    assert_true(s->nocase);
    assert_non_null(tide_schema_find_table(s, NULL, "users"));
    assert_non_null(tide_table_find_column(tide_schema_find_table(s, NULL, "Users"), "ID"));
    assert_int_equal(tide_snapshot_render(s, &out, &err), 0);
    assert_non_null(strstr(out.data, "\"format\": \"tide-snapshot/1\",\n  \"nocase\": true,\n"));
    s->nocase = 0;                      /* case-sensitive (PostgreSQL): no key at all */
    tide_buf_reset(&out);
    assert_int_equal(tide_snapshot_render(s, &out, &err), 0);
    assert_null(strstr(out.data, "nocase"));
    assert_int_equal(tide_snapshot_parse(&plain, out.data, out.len, "plain", &err), 0);
    assert_false(plain->nocase);
    assert_null(tide_schema_find_table(plain, NULL, "users"));
    tide_buf_free(&out);
    tide_schema_free(s);
    tide_schema_free(plain);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_text),
        cmocka_unit_test(test_objects_text),
        cmocka_unit_test(test_empty_schema),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_comments_and_view_options),
        cmocka_unit_test(test_insertion_order),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_lenient_forms),
        cmocka_unit_test(test_broken),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_damaged),
        cmocka_unit_test(test_render_invalid_utf8),
        cmocka_unit_test_setup_teardown(test_write_read, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_read_against, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_write_failures, setup_dir, teardown_dir),
        cmocka_unit_test_setup_teardown(test_read_errors, setup_dir, teardown_dir),
        cmocka_unit_test(test_nocase_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
