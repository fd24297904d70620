/* Unit tests of the schema model (src/model.c): canonical types and
 * expressions, generated names, finish (order, names, validation), lookups. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "model/model.h"

static void expect_type(const char *in, const char *want)
{
    tide_buf b = TIDE_BUF_INIT;
    assert_int_equal(tide_model_canonical_type(in, &b), 0);
    if (strcmp(b.data ? b.data : "", want))
        fail_msg("canonical type of '%s' is '%s', expected '%s'", in, b.data, want);
    tide_buf_free(&b);
}

static void canonical_types(void **state)
{
    (void)state;
    expect_type("INT", "integer");
    expect_type("int4", "integer");
    expect_type("int8", "bigint");
    expect_type("Character Varying(255)", "varchar(255)");
    expect_type("varchar", "varchar");
    expect_type("character(2)", "char(2)");
    expect_type("bpchar", "bpchar");          /* unbounded: not char(1) */
    expect_type("bpchar(3)", "char(3)");
    expect_type("character", "char(1)");
    expect_type("DECIMAL(10, 2)", "numeric(10,2)");
    expect_type("double precision", "double");
    expect_type("float8", "double");
    expect_type("timestamp without time zone", "timestamp");
    expect_type("timestamp(3) with time zone", "timestamptz(3)");
    expect_type("  timestamptz ", "timestamptz");
    expect_type("blob", "bytea");
    expect_type("integer[]", "integer[]");
    expect_type("character varying(20)[]", "varchar(20)[]");
    expect_type("tsvector", "tsvector");
    expect_type("user_status", "user_status");
    expect_type("Geometry(Point,  4326)", "geometry(point,4326)");
    expect_type("numeric(8)", "numeric(8,0)");
    expect_type("decimal(8, 2)", "numeric(8,2)");
}

static void expect_expr(const char *in, const char *want)
{
    tide_buf b = TIDE_BUF_INIT;
    assert_int_equal(tide_model_canonical_expr(in, &b), 0);
    if (strcmp(b.data ? b.data : "", want))
        fail_msg("canonical expression of '%s' is '%s', expected '%s'", in, b.data ? b.data : "", want);
    tide_buf_free(&b);
}

static void canonical_exprs(void **state)
{
    (void)state;
    expect_expr("  CURRENT_TIMESTAMP ", "current_timestamp");
    expect_expr("'Anonymous  Name'", "'Anonymous  Name'");
    expect_expr("((a + b))", "a + b");
    expect_expr("(a) + (b)", "(a) + (b)");
    expect_expr("now( )", "now()");
    expect_expr("email LIKE '%@%'", "email like '%@%'");
    expect_expr("\"Mixed\" IN ('A', 'B')", "\"Mixed\" in ('A', 'B')");
    expect_expr("( x   >\n 0 )", "x > 0");
    expect_expr("'it''s'", "'it''s'");
}

static void generated_names(void **state)
{
    tide_buf b = TIDE_BUF_INIT;
    char *cols[] = { "org_id", "created_at desc" };
    char long_table[80];
    (void)state;
    assert_int_equal(tide_model_generated_name("user", cols, 2, "idx", &b), 0);
    assert_string_equal(b.data, "user_org_id_created_at_idx");
    tide_buf_reset(&b);
    tide_model_generated_name("user", NULL, 0, "pkey", &b);
    assert_string_equal(b.data, "user_pkey");
    tide_buf_reset(&b);
    tide_model_generated_name("user", NULL, 0, "idx", &b);
    assert_string_equal(b.data, "user_expr_idx");
    tide_buf_reset(&b);
    memset(long_table, 'x', 70);
    long_table[70] = '\0';
    tide_model_generated_name(long_table, cols, 1, "fkey", &b);
    assert_int_equal(b.len, 63);
    tide_buf_free(&b);
}

/* A small schema built out of order, with aliases and unnamed items. */
static tide_schema *sample(void)
{
    tide_schema *s = tide_schema_new();
    tide_table *post, *user;
    tide_column *c;
    tide_index *ix;
    tide_fk *fk;
    tide_unique *u;
    tide_enum *e;
    post = tide_schema_add_table(s, "public", "post");
    tide_table_add_column(s, post, "id", "INT4")->autoincrement = 1;
    tide_table_add_column(s, post, "user_id", "int");
    c = tide_table_add_column(s, post, "title", "character varying(200)");
    c->default_expr = tide_schema_str(s, "  'untitled'::character varying ");
    tide_table_add_column(s, post, "score", "integer")->default_expr = tide_schema_str(s, "'-1'::integer");
    tide_table_add_column(s, post, "ratio", "real")->default_expr = tide_schema_str(s, "'0.5'::text");
    tide_table_add_column(s, post, "status", "post_status");
    tide_table_add_pk_column(s, post, "id");
    fk = tide_table_add_fk(s, post, NULL);
    tide_strv_push(s, &fk->columns, &fk->ncolumns, "user_id");
    fk->ref_table = tide_schema_str(s, "user");
    fk->on_delete = tide_schema_str(s, "CASCADE");
    fk->on_update = tide_schema_str(s, "NO ACTION");
    ix = tide_table_add_index(s, post, NULL);
    tide_strv_push(s, &ix->columns, &ix->ncolumns, "title ASC");
    tide_strv_push(s, &ix->columns, &ix->ncolumns, "user_id DESC");
    ix->method = tide_schema_str(s, "BTREE");
    ix->where = tide_schema_str(s, "(title IS NOT NULL)");
    user = tide_schema_add_table(s, NULL, "user");
    tide_table_add_column(s, user, "id", "integer");
    tide_table_add_column(s, user, "email", "text");
    tide_table_add_pk_column(s, user, "id");
    u = tide_table_add_unique(s, user, NULL);
    tide_strv_push(s, &u->columns, &u->ncolumns, "email");
    tide_table_add_check(s, user, "email_has_at", "(email like '%@%')");
    e = tide_schema_add_enum(s, NULL, "post_status");
    tide_enum_add_value(s, e, "draft");
    tide_enum_add_value(s, e, "published");
    return s;
}

/* Storage parameters as reloptions keep them: a bare name is given "true"
 * (PostgreSQL stores WITH (security_barrier) as security_barrier=true), so
 * that definitions written either way never differ from the database. */
static void storage_params_canonical(void **state)
{
    static const char *const cases[][2] = {
        { "security_barrier", "security_barrier=true" },
        { "Security_Barrier = 'on'", "security_barrier=on" },
        { "security_barrier, security_invoker=false", "security_barrier=true, security_invoker=false" },
        { "fillfactor=70,security_barrier", "fillfactor=70, security_barrier=true" },
        { " , ", NULL },
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        tide_schema *s = tide_schema_new();
        tide_err err = { 0 };
        tide_object *o = tide_schema_add_object(s, TIDE_OBJ_VIEW, NULL, "v", NULL, "select 1");
        o->with = tide_schema_str(s, cases[i][0]);
        if (tide_schema_finish(s, &err) < 0)
            fail_msg("finish: %s", err.msg);
        o = (tide_object *)tide_schema_find_object(s, TIDE_OBJ_VIEW, NULL, "v", NULL);
        if (cases[i][1])
            assert_string_equal(o->with, cases[i][1]);
        else
            assert_null(o->with);
        tide_schema_free(s);
    }
}

static void finish_canonicalises_and_sorts(void **state)
{
    tide_schema *s = sample();
    tide_err err;
    const tide_table *post, *user;
    (void)state;
    assert_int_equal(tide_schema_finish(s, &err), 0);
    assert_int_equal(tide_schema_finish(s, &err), 0);          /* idempotent */
    assert_string_equal(s->tables[0]->name, "post");
    post = tide_schema_find_table(s, "public", "post");
    user = tide_schema_find_table(s, NULL, "user");
    assert_non_null(post);
    assert_non_null(user);
    assert_null(post->schema);
    assert_string_equal(post->columns[0].type, "integer");
    assert_string_equal(post->columns[2].type, "varchar(200)");
    assert_string_equal(post->columns[2].default_expr, "'untitled'");
    assert_string_equal(post->columns[3].default_expr, "-1");            /* own cast dropped */
    assert_string_equal(post->columns[4].default_expr, "'0.5'::text");   /* another type's cast kept */
    assert_true(post->columns[5].is_enum);
    assert_string_equal(post->pk_name, "post_pkey");
    assert_string_equal(post->fks[0].name, "post_user_id_fkey");
    assert_string_equal(post->fks[0].on_delete, "cascade");
    assert_null(post->fks[0].on_update);
    assert_int_equal(post->fks[0].nref_columns, 1);             /* the referenced pk */
    assert_string_equal(post->fks[0].ref_columns[0], "id");
    assert_string_equal(post->indexes[0].name, "post_title_user_id_idx");
    assert_string_equal(post->indexes[0].columns[0], "title");
    assert_string_equal(post->indexes[0].columns[1], "user_id desc");
    assert_null(post->indexes[0].method);
    assert_string_equal(post->indexes[0].where, "title is not null");
    assert_string_equal(user->uniques[0].name, "user_email_key");
    assert_string_equal(user->checks[0].expr, "email like '%@%'");
    assert_non_null(tide_table_find_column(user, "email"));
    assert_null(tide_table_find_column(user, "nope"));
    assert_null(tide_schema_find_table(s, "other", "user"));
    tide_schema_free(s);
}

static void expect_finish_error(tide_schema *s, const char *needle)
{
    tide_err err;
    tide_err_clear(&err);
    assert_int_equal(tide_schema_finish(s, &err), TIDE_ECONFIG);
    if (!strstr(err.msg, needle))
        fail_msg("expected '%s' in: %s", needle, err.msg);
    tide_schema_free(s);
}

static void finish_rejects_what_does_not_hold(void **state)
{
    tide_schema *s;
    tide_table *t;
    tide_index *ix;
    tide_fk *fk;
    (void)state;
    s = sample();
    tide_table_add_column(s, (tide_table *)s->tables[1], "email", "text");
    expect_finish_error(s, "table user: column 'email' is defined twice");
    s = sample();
    tide_table_add_pk_column(s, s->tables[0], "nope");
    expect_finish_error(s, "the primary key names column 'nope'");
    s = sample();
    ix = tide_table_add_index(s, s->tables[0], "post_title_user_id_idx");
    tide_strv_push(s, &ix->columns, &ix->ncolumns, "title");
    expect_finish_error(s, "two constraints or indexes are named 'post_title_user_id_idx'");
    s = sample();
    tide_schema_add_table(s, "public", "user");
    expect_finish_error(s, "table user: the table is defined twice");
    s = sample();
    t = s->tables[0];
    fk = tide_table_add_fk(s, t, "bad_fk");
    tide_strv_push(s, &fk->columns, &fk->ncolumns, "user_id");
    fk->ref_table = tide_schema_str(s, "user");
    tide_strv_push(s, &fk->ref_columns, &fk->nref_columns, "missing");
    expect_finish_error(s, "references column 'missing'");
    s = sample();
    tide_table_add_column(s, s->tables[0], "mood", "feelings")->is_enum = 1;
    expect_finish_error(s, "uses enum 'feelings', which is not defined");
}

static void odd_names_survive(void **state)
{
    tide_schema *s = tide_schema_new();
    tide_table *t = tide_schema_add_table(s, NULL, "Odd Table");
    tide_index *ix;
    tide_enum *e;
    tide_err err;
    (void)state;
    tide_table_add_column(s, t, "Mixed Case", "integer");
    tide_table_add_column(s, t, "Mood", "MoodType");
    tide_table_add_pk_column(s, t, "Mixed Case");
    ix = tide_table_add_index(s, t, NULL);
    tide_strv_push(s, &ix->columns, &ix->ncolumns, "Mixed Case DESC NULLS LAST");
    e = tide_schema_add_enum(s, NULL, "MoodType");
    tide_enum_add_value(s, e, "Happy");
    assert_int_equal(tide_schema_finish(s, &err), 0);
    assert_string_equal(t->columns[1].type, "MoodType");         /* enum names keep their case */
    assert_true(t->columns[1].is_enum);
    assert_string_equal(t->indexes[0].columns[0], "Mixed Case desc nulls last");
    assert_string_equal(t->indexes[0].name, "Odd Table_Mixed Case_idx");
    assert_int_equal(tide_model_index_col_len("Mixed Case desc nulls last"), 10);
    tide_schema_free(s);
}

static void long_lists_grow_linearly(void **state)
{
    tide_schema *s = tide_schema_new();
    tide_enum *e = tide_schema_add_enum(s, NULL, "big");
    char v[16];
    int i;
    (void)state;
    for (i = 0; i < 20000; i++) {
        snprintf(v, sizeof v, "v%d", i);
        assert_int_equal(tide_enum_add_value(s, e, v), 0);
    }
    assert_int_equal(e->nvalues, 20000);
    assert_string_equal(e->values[19999], "v19999");
    assert_string_equal(e->values[0], "v0");
    tide_schema_free(s);
}

/* Columns added at once then one by one, and a table's other lists from
 * their first item (their room starts at one): every item kept, in order
 * (the ASan build checks the room). */
static void table_lists_grow_from_their_first_item(void **state)
{
    tide_schema *s = tide_schema_new();
    tide_table *t = tide_schema_add_table(s, NULL, "t");
    tide_column *c;
    char name[16];
    int i;
    (void)state;
    assert_null(tide_table_add_columns(s, t, 0));
    assert_non_null(c = tide_table_add_columns(s, t, 5));
    for (i = 0; i < 5; i++) {
        snprintf(name, sizeof name, "c%d", i);
        assert_null(c[i].name);
        c[i].name = tide_schema_str(s, name);
        c[i].type = tide_schema_str(s, "integer");
    }
    for (i = 5; i < 40; i++) {
        snprintf(name, sizeof name, "c%d", i);
        assert_non_null(tide_table_add_column(s, t, name, "text"));
        if (i == 15)
            assert_non_null(tide_table_add_columns(s, t, 3));   /* a batch in the middle: zeroed */
    }
    assert_int_equal(t->ncolumns, 43);
    assert_string_equal(t->columns[4].name, "c4");
    assert_string_equal(t->columns[5].name, "c5");
    assert_null(t->columns[17].name);
    assert_string_equal(t->columns[42].name, "c39");
    for (i = 0; i < 9; i++) {
        snprintf(name, sizeof name, "f%d", i);
        assert_non_null(tide_table_add_fk(s, t, name));
        snprintf(name, sizeof name, "i%d", i);
        assert_non_null(tide_table_add_index(s, t, name));
        snprintf(name, sizeof name, "u%d", i);
        assert_non_null(tide_table_add_unique(s, t, name));
    }
    for (i = 0; i < 9; i++) {
        snprintf(name, sizeof name, "f%d", i);
        assert_string_equal(t->fks[i].name, name);
        snprintf(name, sizeof name, "i%d", i);
        assert_string_equal(t->indexes[i].name, name);
        snprintf(name, sizeof name, "u%d", i);
        assert_string_equal(t->uniques[i].name, name);
    }
    tide_schema_free(s);
}

static void many_tables_stay_in_order(void **state)
{
    tide_schema *s = tide_schema_new();
    tide_err err;
    char name[32];
    int i;
    (void)state;
    for (i = 2999; i >= 0; i--) {
        tide_table *t;
        snprintf(name, sizeof name, "t%05d", i);
        t = tide_schema_add_table(s, i % 2 ? "a" : NULL, name);
        tide_table_add_column(s, t, "id", "int");
    }
    assert_int_equal(tide_schema_finish(s, &err), 0);
    for (i = 1; i < s->ntables; i++) {
        const tide_table *x = s->tables[i - 1], *y = s->tables[i];
        int c = strcmp(x->schema ? x->schema : "", y->schema ? y->schema : "");
        assert_true(c < 0 || (c == 0 && strcmp(x->name, y->name) < 0));
    }
    assert_non_null(tide_schema_find_table(s, "a", "t00001"));
    assert_non_null(tide_schema_find_table(s, NULL, "t00002"));
    assert_null(tide_schema_find_table(s, NULL, "t00001"));
    tide_schema_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(canonical_types),
        cmocka_unit_test(canonical_exprs),
        cmocka_unit_test(generated_names),
        cmocka_unit_test(storage_params_canonical),
        cmocka_unit_test(finish_canonicalises_and_sorts),
        cmocka_unit_test(finish_rejects_what_does_not_hold),
        cmocka_unit_test(odd_names_survive),
        cmocka_unit_test(long_lists_grow_linearly),
        cmocka_unit_test(table_lists_grow_from_their_first_item),
        cmocka_unit_test(many_tables_stay_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
