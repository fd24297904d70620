/* Unit tests of the diff engine (src/diff.c): operations and their order,
 * renames from hints and from answers, likely-rename warnings, safe mode,
 * enums, and the down plan as the inverse of the up plan. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "model/diff.h"

/* ---- building schemas briefly ---- */

static tide_table *table(tide_schema *s, const char *schema, const char *name)
{
    tide_table *t = tide_schema_add_table(s, schema, name);
    tide_table_add_column(s, t, "id", "integer");
    tide_table_add_pk_column(s, t, "id");
    return t;
}

static tide_column *col(tide_schema *s, tide_table *t, const char *name, const char *type)
{
    return tide_table_add_column(s, t, name, type);
}

static void fk(tide_schema *s, tide_table *t, const char *column, const char *ref)
{
    tide_fk *f = tide_table_add_fk(s, t, NULL);
    tide_strv_push(s, &f->columns, &f->ncolumns, column);
    f->ref_table = tide_schema_str(s, ref);
}

static void finish(tide_schema *s)
{
    tide_err err;
    if (tide_schema_finish(s, &err) < 0)
        fail_msg("finish: %s", err.msg);
}

/* "create table a; add foreign key ..." */
static char *describe(const tide_plan *p)
{
    static char out[4096];
    tide_buf b = TIDE_BUF_INIT;
    int i;
    for (i = 0; i < p->n; i++) {
        if (i)
            tide_buf_puts(&b, "; ");
        tide_op_describe(&p->ops[i], &b);
    }
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    tide_buf_free(&b);
    return out;
}

static void diff(tide_schema *a, tide_schema *b, const tide_diff_opts *o, const char *up, const char *down)
{
    tide_plan pu, pd;
    tide_err err;
    if (tide_diff(a, b, o, &pu, &pd, &err) < 0)
        fail_msg("diff: %s", err.msg);
    if (strcmp(describe(&pu), up))
        fail_msg("up:\n  got      %s\n  expected %s", describe(&pu), up);
    if (down && strcmp(describe(&pd), down))
        fail_msg("down:\n  got      %s\n  expected %s", describe(&pd), down);
    tide_plan_free(&pu);
    tide_plan_free(&pd);
}

/* ---- cases ---- */

static void from_empty_in_dependency_order(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *post, *user;
    tide_enum *e;
    tide_index *ix;
    (void)state;
    post = table(b, "blog", "post");
    col(b, post, "user_id", "integer");
    col(b, post, "state", "post_state");
    fk(b, post, "user_id", "user");
    ix = tide_table_add_index(b, post, NULL);
    tide_strv_push(b, &ix->columns, &ix->ncolumns, "user_id");
    user = table(b, NULL, "user");
    col(b, user, "email", "text");
    e = tide_schema_add_enum(b, "blog", "post_state");
    tide_enum_add_value(b, e, "draft");
    fk(b, post, "id", "blog.post");     /* self reference: still after both creates */
    finish(a);
    finish(b);
    diff(a, b, NULL,
         "create schema blog; create enum post_state; create table user; create table blog.post; "
         "create index post_user_id_idx on blog.post; add foreign key post_id_fkey on blog.post; "
         "add foreign key post_user_id_fkey on blog.post",
         "drop foreign key post_id_fkey on blog.post; drop foreign key post_user_id_fkey on blog.post; "
         "drop table user; drop table blog.post; drop enum post_state; drop schema blog");
    tide_schema_free(a);
    tide_schema_free(b);
}

static void columns_added_altered_dropped(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    tide_column *c;
    (void)state;
    t = table(a, NULL, "user");
    col(a, t, "email", "varchar(100)");
    col(a, t, "age", "integer");
    t = table(b, NULL, "user");
    c = col(b, t, "email", "character varying(255)");
    c->nullable = 1;
    c->default_expr = tide_schema_str(b, "'x'");
    col(b, t, "phone", "text");
    finish(a);
    finish(b);
    /* drops first (a column may move between a parent and its child), then
     * the column order of the target */
    diff(a, b, NULL, "alter column user.email; add column user.phone; drop column user.age",
         "alter column user.email; add column user.age; drop column user.phone");
    tide_schema_free(a);
    tide_schema_free(b);
}

static void identical_schemas_have_no_ops(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    (void)state;
    t = table(a, NULL, "user");
    col(a, t, "created", "timestamp with time zone")->default_expr = tide_schema_str(a, "CURRENT_TIMESTAMP");
    t = table(b, "public", "user");
    col(b, t, "created", "timestamptz")->default_expr = tide_schema_str(b, " current_timestamp ");
    finish(a);
    finish(b);
    diff(a, b, NULL, "", "");
    tide_schema_free(a);
    tide_schema_free(b);
}

/* The toolkit edits a copy of the live schema: an untouched copy is the
 * same schema, and a change to the copy never reaches the original. */
static void a_copy_is_equal_and_independent(void **state)
{
    tide_schema *a = tide_schema_new(), *b;
    tide_table *t, *u;
    tide_index *ix;
    tide_enum *e;
    (void)state;
    t = table(a, NULL, "author");
    col(a, t, "name", "varchar(100)")->nullable = 1;
    u = table(a, "crm", "post");
    col(a, u, "author_id", "integer");
    col(a, u, "mood", "mood")->default_expr = tide_schema_str(a, "'ok'");
    fk(a, u, "author_id", "author");
    ix = tide_table_add_index(a, u, NULL);
    tide_strv_push(a, &ix->columns, &ix->ncolumns, "author_id desc");
    ix->where = tide_schema_str(a, "author_id > 0");
    tide_table_add_check(a, u, NULL, "author_id > 0");
    tide_table_add_unique(a, t, NULL);
    tide_strv_push(a, &t->uniques[0].columns, &t->uniques[0].ncolumns, "name");
    e = tide_schema_add_enum(a, NULL, "mood");
    tide_enum_add_value(a, e, "ok");
    tide_enum_add_value(a, e, "sad");
    finish(a);
    b = tide_schema_copy(a);
    assert_non_null(b);
    finish(b);
    diff(a, b, NULL, "", "");
    b->tables[0]->columns[1].name[0] = 'N';           /* the copy owns its strings */
    b->enums[0].values[1] = tide_schema_str(b, "glad");
    assert_string_equal(a->tables[0]->columns[1].name, "name");
    assert_string_equal(a->enums[0].values[1], "sad");
    tide_schema_free(a);
    tide_schema_free(b);
}

static void renames_from_hints_both_ways(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    tide_column *c;
    (void)state;
    t = table(a, NULL, "member");
    col(a, t, "phone_number", "text");
    t = table(b, NULL, "user");
    t->renamed_from = tide_schema_str(b, "member");
    c = col(b, t, "phone", "varchar(32)");
    c->renamed_from = tide_schema_str(b, "phone_number");
    finish(a);
    finish(b);
    /* the generated primary key name follows the table name: renamed too */
    diff(a, b, NULL,
         "rename table member to user; rename column user.phone_number to phone; "
         "rename constraint member_pkey on user to user_pkey; alter column user.phone",
         "rename table user to member; rename column member.phone to phone_number; "
         "rename constraint user_pkey on member to member_pkey; alter column member.phone_number");
    tide_schema_free(a);
    tide_schema_free(b);
}

static int answers;
static int say_yes(void *ud, const char *what, const char *from, const char *to)
{
    (void)ud; (void)what; (void)from; (void)to;
    answers++;
    return 1;
}

static void likely_renames_are_asked_or_warned(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    tide_diff_opts o;
    tide_plan up, down;
    tide_err err;
    (void)state;
    t = table(a, NULL, "user");
    col(a, t, "mail", "text");
    t = table(b, NULL, "user");
    col(b, t, "email", "text");
    finish(a);
    finish(b);
    /* no TTY: a drop and an add, and a warning that says how to make it a rename */
    assert_int_equal(tide_diff(a, b, NULL, &up, &down, &err), 0);
    assert_string_equal(describe(&up), "add column user.email; drop column user.mail");
    assert_int_equal(up.nwarnings, 1);
    assert_non_null(strstr(up.warnings[0], "add :renamedFrom \"mail\" to 'email'"));
    assert_int_equal(down.nwarnings, 0);
    tide_plan_free(&up);
    tide_plan_free(&down);
    /* a TTY that answers yes: a rename, and the down renames back */
    memset(&o, 0, sizeof o);
    o.ask_rename = say_yes;
    answers = 0;
    diff(a, b, &o, "rename column user.mail to email", "rename column user.email to mail");
    assert_int_equal(answers, 1);
    tide_schema_free(a);
    tide_schema_free(b);
}

static void safe_mode_and_kept_tables(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    tide_diff_opts o;
    tide_plan up;
    tide_err err;
    (void)state;
    t = table(a, NULL, "user");
    col(a, t, "legacy", "text");
    table(a, NULL, "old_log");
    table(b, NULL, "user");
    finish(a);
    finish(b);
    memset(&o, 0, sizeof o);
    o.safe = 1;
    assert_int_equal(tide_diff(a, b, &o, &up, NULL, &err), 0);
    assert_int_equal(up.n, 0);
    assert_int_equal(up.nwarnings, 2);
    tide_plan_free(&up);
    o.safe = 0;
    o.keep_tables = 1;
    assert_int_equal(tide_diff(a, b, &o, &up, NULL, &err), 0);
    assert_string_equal(describe(&up), "drop column user.legacy");
    assert_true(up.ops[0].destructive);
    tide_plan_free(&up);
    tide_schema_free(a);
    tide_schema_free(b);
    /* widening keeps every value; narrowing does not */
    a = tide_schema_new();
    b = tide_schema_new();
    t = table(a, NULL, "user");
    col(a, t, "name", "varchar(50)");
    col(a, t, "n", "integer");
    t = table(b, NULL, "user");
    col(b, t, "name", "varchar(200)");
    col(b, t, "n", "smallint");
    finish(a);
    finish(b);
    assert_int_equal(tide_diff(a, b, NULL, &up, NULL, &err), 0);
    assert_int_equal(up.n, 2);
    assert_false(up.ops[0].destructive);
    assert_true(up.ops[1].destructive);
    tide_plan_free(&up);
    tide_schema_free(a);
    tide_schema_free(b);
}

static void changed_constraints_drop_then_add(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    tide_index *ix;
    (void)state;
    t = table(a, NULL, "user");
    col(a, t, "email", "text");
    ix = tide_table_add_index(a, t, "user_email");
    tide_strv_push(a, &ix->columns, &ix->ncolumns, "email");
    tide_table_add_check(a, t, "email_at", "email like '%@%'");
    t = table(b, NULL, "user");
    col(b, t, "email", "text");
    ix = tide_table_add_index(b, t, "user_email");
    tide_strv_push(b, &ix->columns, &ix->ncolumns, "email");
    ix->unique = 1;
    tide_table_add_check(b, t, "email_at", "email LIKE '%@%'");   /* same, canonically */
    finish(a);
    finish(b);
    diff(a, b, NULL, "drop index user_email on user; create index user_email on user", NULL);
    tide_schema_free(a);
    tide_schema_free(b);
}

/* Comments with no op of their own (TIDE_OP_COMMENT): a constraint's
 * changed alone, one made again by the plan gets its comment again, an
 * enum's, a namespace's, a serial's sequence's; nothing when only the
 * comment's owner is dropped. */
static void comments_follow_what_is_made_again(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    tide_check *k;
    tide_column *c;
    tide_enum *e;
    (void)state;
    t = table(a, NULL, "item");             /* id, the key */
    c = &t->columns[0];
    c->autoincrement = 1;
    t->pk_comment = tide_schema_str(a, "the key");
    k = tide_table_add_check(a, t, "price_pos", "price > 0");
    k->comment = tide_schema_str(a, "sold, not given");
    col(a, t, "price", "integer");
    e = tide_schema_add_enum(a, NULL, "mood");
    tide_enum_add_value(a, e, "ok");
    tide_enum_add_value(a, e, "sad");
    e->comment = tide_schema_str(a, "feelings");
    tide_schema_set_namespace_comment(a, "billing", "money");
    t = table(b, NULL, "item");             /* id, the key */
    c = &t->columns[0];
    c->autoincrement = 1;
    c->sequence_comment = tide_schema_str(b, "item ids");
    t->pk_comment = tide_schema_str(b, "item numbers");
    k = tide_table_add_check(b, t, "price_pos", "price >= 1");            /* made again */
    k->comment = tide_schema_str(b, "sold, not given");
    col(b, t, "price", "integer");
    e = tide_schema_add_enum(b, NULL, "mood");
    tide_enum_add_value(b, e, "sad");
    tide_enum_add_value(b, e, "ok");                                      /* replaced */
    e->comment = tide_schema_str(b, "feelings");
    tide_schema_set_namespace_comment(b, "billing", "invoices");
    finish(a);
    finish(b);
    diff(a, b, NULL,
         "drop check price_pos on item; replace enum mood (values removed or reordered); "
         "add check price_pos on item; comment on schema billing; comment on enum mood; "
         "comment on the sequence of item.id; comment on constraint item_pkey on item; "
         "comment on constraint price_pos on item; drop the previous type of enum mood",
         "drop check price_pos on item; replace enum mood (values removed or reordered); "
         "add check price_pos on item; comment on schema billing; comment on enum mood; "
         "comment on the sequence of item.id; comment on constraint item_pkey on item; "
         "comment on constraint price_pos on item; drop the previous type of enum mood");
    tide_schema_free(a);
    tide_schema_free(b);
}

/* The live side of a SQLite schema spelled USERS/Email, the definitions
 * users/email: with nocase identifiers, nothing to do (the database keeps
 * its spelling); without, two tables (PostgreSQL's quoted identifiers). */
static void build_cased(tide_schema *s, int upper, int change)
{
    tide_table *users, *post;
    tide_index *ix;
    tide_fk *f;
    users = tide_schema_add_table(s, NULL, upper ? "USERS" : "users");
    col(s, users, upper ? "ID" : "id", "integer");
    tide_table_add_pk_column(s, users, upper ? "Id" : "id");
    col(s, users, upper ? "Email" : "email", change ? "text" : "varchar(100)");
    ix = tide_table_add_index(s, users, NULL);           /* generated name: USERS_Email_idx */
    tide_strv_push(s, &ix->columns, &ix->ncolumns, upper ? "EMAIL desc" : "email desc");
    tide_table_add_unique(s, users, NULL);
    tide_strv_push(s, &users->uniques[0].columns, &users->uniques[0].ncolumns, upper ? "eMail" : "email");
    post = table(s, NULL, upper ? "Post" : "post");
    col(s, post, upper ? "User_Id" : "user_id", "integer");
    f = tide_table_add_fk(s, post, NULL);
    tide_strv_push(s, &f->columns, &f->ncolumns, upper ? "USER_ID" : "user_id");
    f->ref_table = tide_schema_str(s, upper ? "Users" : "users");
    tide_strv_push(s, &f->ref_columns, &f->nref_columns, upper ? "iD" : "id");
}

static void nocase_identifiers_pair_by_folded_name(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new(), *c = tide_schema_new();
    tide_err err;
    (void)state;
    a->nocase = 1;                       /* as SQLite's introspection builds it */
    build_cased(a, 1, 0);
    build_cased(b, 0, 0);
    build_cased(c, 0, 1);
    finish(a);
    finish(b);
    finish(c);
    /* the definitions side alone may carry it (normalize), or the live one */
    diff(a, b, NULL, "", "");
    diff(b, a, NULL, "", "");
    assert_int_equal(tide_schema_set_nocase(b, 1, &err), 0);
    diff(a, b, NULL, "", "");
    /* a real change next to the case-only ones: only the change */
    diff(a, c, NULL, "alter column users.email", "alter column USERS.Email");
    /* lookups fold ASCII letters only */
    assert_non_null(tide_schema_find_table(a, NULL, "users"));
    assert_non_null(tide_schema_find_table(a, "public", "uSeRs"));
    assert_non_null(tide_table_find_column(tide_schema_find_table(a, NULL, "post"), "user_ID"));
    assert_null(tide_schema_find_table(a, NULL, "user"));
    assert_true(tide_model_same_name(1, "\xc3\x89T\xc3\x89", "\xc3\x89t\xc3\x89"));  /* ÉTÉ, étÉ: A-Z only */
    assert_false(tide_model_same_name(1, "\xc3\x89t\xc3\xa9", "\xc3\xa9t\xc3\xa9"));
    assert_false(tide_model_same_name(0, "Users", "users"));
    tide_schema_free(a);
    tide_schema_free(b);
    tide_schema_free(c);
}

/* A table of ten columns: the diff finds its columns through a hash of
 * their names folded to lower case (six or more). WIDE/C0..C9 against
 * wide/c0..c9: with nocase, one name; without, other columns. */
static void build_wide(tide_schema *s, int upper, int change, int mixed)
{
    tide_table *t = tide_schema_add_table(s, NULL, upper ? "WIDE" : "wide");
    tide_index *ix;
    char name[8];
    int i, keys = mixed ? !upper : upper;   /* mixed: the keys spell the columns the other way */
    for (i = 0; i < 10; i++) {
        snprintf(name, sizeof name, "%s%d", upper ? "C" : "c", i);
        col(s, t, name, change && i == 7 ? "text" : "varchar(20)");
    }
    tide_table_add_pk_column(s, t, keys ? "C0" : "c0");
    ix = tide_table_add_index(s, t, "wide_c3");
    tide_strv_push(s, &ix->columns, &ix->ncolumns, keys ? "C3 desc" : "c3 desc");
    tide_strv_push(s, &ix->columns, &ix->ncolumns, keys ? "C9" : "c9");
}

static void wide_tables_pair_columns_by_folded_name(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new(), *c = tide_schema_new();
    tide_schema *d = tide_schema_new(), *e = tide_schema_new();
    (void)state;
    a->nocase = b->nocase = c->nocase = 1;
    build_wide(a, 1, 0, 1);
    build_wide(b, 0, 0, 0);
    build_wide(c, 0, 1, 1);
    build_wide(d, 1, 0, 0);              /* PostgreSQL: "C7" and c7 are two names */
    build_wide(e, 0, 0, 0);
    finish(a);
    finish(b);
    finish(c);
    finish(d);
    finish(e);
    diff(a, b, NULL, "", "");
    diff(b, a, NULL, "", "");
    diff(a, c, NULL, "alter column wide.c7", "alter column WIDE.C7");
    diff(d, e, NULL, "drop table WIDE; create table wide; create index wide_c3 on wide", NULL);
    tide_schema_free(a);
    tide_schema_free(b);
    tide_schema_free(c);
    tide_schema_free(d);
    tide_schema_free(e);
}

static void case_sensitive_identifiers_stay_apart(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    (void)state;
    table(a, NULL, "Users");
    table(b, NULL, "users");
    table(b, NULL, "Users");             /* PostgreSQL: "Users" and users are two tables */
    finish(a);
    finish(b);
    diff(a, b, NULL, "create table users", "drop table users");
    assert_null(tide_schema_find_table(a, NULL, "users"));
    tide_schema_free(a);
    tide_schema_free(b);
}

static void nocase_names_differing_in_case_are_one_name(void **state)
{
    tide_schema *s = tide_schema_new(), *t = tide_schema_new();
    tide_table *x;
    tide_err err;
    (void)state;
    table(s, NULL, "Users");
    table(s, NULL, "users");
    assert_int_equal(tide_schema_finish(s, &err), 0);              /* two tables, case-sensitive */
    assert_int_equal(tide_schema_set_nocase(s, 1, &err), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "defined twice"));
    x = table(t, NULL, "note");
    col(t, x, "Body", "text");
    col(t, x, "body", "text");
    t->nocase = 1;
    assert_int_equal(tide_schema_finish(t, &err), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "defined twice"));
    tide_schema_free(s);
    tide_schema_free(t);
}

static void enums_grow_or_are_replaced(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new(), *c = tide_schema_new();
    tide_enum *e;
    tide_plan up, down;
    tide_err err;
    (void)state;
    e = tide_schema_add_enum(a, NULL, "status");
    tide_enum_add_value(a, e, "active");
    tide_enum_add_value(a, e, "banned");
    e = tide_schema_add_enum(b, NULL, "status");
    tide_enum_add_value(b, e, "pending");
    tide_enum_add_value(b, e, "active");
    tide_enum_add_value(b, e, "banned");
    tide_enum_add_value(b, e, "deleted");
    e = tide_schema_add_enum(c, NULL, "status");
    tide_enum_add_value(c, e, "banned");
    tide_enum_add_value(c, e, "active");
    finish(a);
    finish(b);
    finish(c);
    assert_int_equal(tide_diff(a, b, NULL, &up, &down, &err), 0);
    assert_string_equal(describe(&up), "add value 'pending' to enum status; add value 'deleted' to enum status");
    assert_string_equal(up.ops[0].before, "active");
    assert_string_equal(up.ops[1].after, "banned");
    assert_string_equal(describe(&down), "replace enum status (values removed or reordered); "
                        "drop the previous type of enum status");
    tide_plan_free(&up);
    tide_plan_free(&down);
    diff(a, c, NULL, "replace enum status (values removed or reordered); drop the previous type of enum status", NULL);
    tide_schema_free(a);
    tide_schema_free(b);
    tide_schema_free(c);
}

static void ignore_changes_and_explanations(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    tide_column *c;
    (void)state;
    t = table(a, NULL, "user");
    col(a, t, "bio", "text");
    t = table(b, NULL, "user");
    c = col(b, t, "bio", "varchar(500)");
    c->ignore = TIDE_IGNORE_TYPE;
    finish(a);
    finish(b);
    diff(a, b, NULL, "", "");
    tide_schema_free(a);
    tide_schema_free(b);
}

static char explained[2048];
static void collect_explain(void *ud, const char *line)
{
    (void)ud;
    strncat(explained, line, sizeof explained - strlen(explained) - 2);
    strcat(explained, "\n");
}

static void verbose_says_which_properties_differ(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *t;
    tide_diff_opts o;
    (void)state;
    t = table(a, NULL, "user");
    col(a, t, "email", "varchar(100)");
    t = table(b, NULL, "user");
    col(b, t, "email", "varchar(255)")->nullable = 1;
    finish(a);
    finish(b);
    memset(&o, 0, sizeof o);
    o.explain = collect_explain;
    explained[0] = '\0';
    diff(a, b, &o, "alter column user.email", NULL);
    assert_non_null(strstr(explained, "table user: column email: type varchar(100) -> varchar(255)"));
    assert_non_null(strstr(explained, "table user: column email: not null -> nullable"));
    tide_schema_free(a);
    tide_schema_free(b);
}

/* ---- objects beside tables ---- */

static tide_object *object(tide_schema *s, tide_object_kind kind, const char *name, const char *table,
                           const char *definition)
{
    return tide_schema_add_object(s, kind, NULL, name, table, definition);
}

/* Views come after the tables and views they read, in creation order, and
 * are dropped in the opposite order; the finish finds what each reads. */
static void objects_in_dependency_order(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    const tide_object *o;
    (void)state;
    table(b, NULL, "users");
    object(b, TIDE_OBJ_VIEW, "b_recent", NULL, "select * from a_active where id > 10");
    object(b, TIDE_OBJ_VIEW, "a_active", NULL, "select id from \"users\" where 'users' <> ''");
    object(b, TIDE_OBJ_TRIGGER, "users_touch", "users",
           "create trigger users_touch after insert on users begin select 1; end");
    finish(a);
    finish(b);
    o = tide_schema_find_object(b, TIDE_OBJ_VIEW, NULL, "b_recent", NULL);
    assert_non_null(o);
    assert_int_equal(o->nreads, 1);
    assert_string_equal(o->reads[0], "a_active");
    o = tide_schema_find_object(b, TIDE_OBJ_VIEW, NULL, "A_ACTIVE", NULL);
    assert_null(o);                         /* PostgreSQL's names keep their case */
    o = tide_schema_find_object(b, TIDE_OBJ_TRIGGER, NULL, "users_touch", "users");
    assert_non_null(o);
    assert_int_equal(o->nreads, 1);
    diff(a, b, NULL,
         "create table users; create view a_active; create view b_recent; create trigger users_touch on users",
         "drop trigger users_touch on users; drop view b_recent; drop view a_active; drop table users");
    tide_schema_free(a);
    tide_schema_free(b);
}

/* A view whose definition changes is dropped and created; one that reads a
 * table whose column changes is created again; one that changes in nothing
 * but spaces and case outside quotes is the same view. */
static void objects_changed_and_recreated(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_table *ta, *tb;
    (void)state;
    ta = table(a, NULL, "users");
    col(a, ta, "email", "varchar(100)");
    tb = table(b, NULL, "users");
    col(b, tb, "email", "varchar(255)");
    table(a, NULL, "orders");
    table(b, NULL, "orders");
    object(a, TIDE_OBJ_VIEW, "emails", NULL, "select email from users");
    object(b, TIDE_OBJ_VIEW, "emails", NULL, "SELECT   email FROM users");
    object(a, TIDE_OBJ_VIEW, "big", NULL, "select id from orders where id > 1");
    object(b, TIDE_OBJ_VIEW, "big", NULL, "select id from orders where id > 2");
    object(a, TIDE_OBJ_VIEW, "same", NULL, "select id from orders");
    object(b, TIDE_OBJ_VIEW, "same", NULL, "select id from orders");
    finish(a);
    finish(b);
    diff(a, b, NULL,
         "drop view big; drop view emails (again: what it reads changes); alter column users.email; "
         "create view big; create view emails (again: what it reads changes)", NULL);
    tide_schema_free(a);
    tide_schema_free(b);
}

/* renamedFrom on an object is a rename both ways; a dropped view that
 * another reads takes the reader along; an unknown table is an error. */
static void objects_renamed_dropped_checked(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new(), *c = tide_schema_new();
    tide_object *o;
    tide_err err;
    (void)state;
    table(a, NULL, "t");
    table(b, NULL, "t");
    object(a, TIDE_OBJ_VIEW, "old_v", NULL, "select id from t");
    o = object(b, TIDE_OBJ_VIEW, "new_v", NULL, "select id from t");
    o->renamed_from = tide_schema_str(b, "old_v");
    object(a, TIDE_OBJ_VIEW, "gone", NULL, "select id from t");
    object(a, TIDE_OBJ_VIEW, "reader", NULL, "select * from gone");
    finish(a);
    finish(b);
    diff(a, b, NULL, "drop view reader; drop view gone; rename view new_v (was old_v)",
         "rename view old_v (was new_v); create view gone; create view reader");
    object(c, TIDE_OBJ_TRIGGER, "x", "nowhere", "create trigger x after insert on nowhere begin select 1; end");
    assert_int_equal(tide_schema_finish(c, &err), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "trigger 'x' is on table 'nowhere'"));
    tide_schema_free(a);
    tide_schema_free(b);
    tide_schema_free(c);
}

/* no_drop: every change but the drops of tables, columns, objects and
 * enum types; each left out is a warning naming it. */
static void no_drop_leaves_out_every_drop(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_diff_opts o;
    tide_plan pu, pd;
    tide_table *ta, *tb;
    tide_err err;
    char warnings[1024] = "";
    int i;
    (void)state;
    ta = table(a, NULL, "kept");
    col(a, ta, "old", "text");
    tb = table(b, NULL, "kept");
    col(b, tb, "new", "text");
    table(a, NULL, "gone");
    object(a, TIDE_OBJ_VIEW, "v_gone", NULL, "select 1");
    tide_schema_add_enum(a, NULL, "mood");
    finish(a);
    finish(b);
    memset(&o, 0, sizeof o);
    o.no_drop = 1;
    if (tide_diff(a, b, &o, &pu, &pd, &err) < 0)
        fail_msg("diff: %s", err.msg);
    assert_string_equal(describe(&pu), "add column kept.new");
    for (i = 0; i < pu.nwarnings; i++)
        strncat(warnings, pu.warnings[i], sizeof warnings - strlen(warnings) - 1);
    assert_non_null(strstr(warnings, "left out: drop table gone"));
    assert_non_null(strstr(warnings, "left out: drop column kept.old"));
    assert_non_null(strstr(warnings, "left out: drop view v_gone"));
    assert_non_null(strstr(warnings, "left out: drop enum type mood"));
    tide_plan_free(&pu);
    tide_plan_free(&pd);
    tide_schema_free(a);
    tide_schema_free(b);
}

/* Namespaces listed or used: created first, dropped last; one whose tables
 * safe mode keeps stays, and --no-drop says what it leaves. */
static void namespaces_created_first_dropped_last(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new();
    tide_diff_opts o;
    (void)state;
    tide_strv_push(a, &a->namespaces, &a->nnamespaces, "idle");
    tide_strv_push(a, &a->namespaces, &a->nnamespaces, "public");     /* never listed */
    table(a, "archive", "entry");
    table(a, "kept", "item");
    tide_strv_push(b, &b->namespaces, &b->nnamespaces, "staging");
    table(b, "kept", "item");
    tide_schema_add_object(b, TIDE_OBJ_FUNCTION, "reports", "answer", NULL, "create function reports.answer() ...");
    finish(a);
    finish(b);
    assert_int_equal(a->nnamespaces, 1);
    diff(a, b, NULL, "create schema staging; create schema reports; drop table archive.entry; "
         "create function reports.answer; drop schema idle; drop schema archive",
         "create schema idle; create schema archive; drop function reports.answer; "
         "create table archive.entry; drop schema staging; drop schema reports");
    memset(&o, 0, sizeof o);
    o.safe = 1;
    diff(a, b, &o, "create schema staging; create schema reports; create function reports.answer; "
         "drop schema idle", NULL);
    o.safe = 0;
    o.no_drop = 1;
    diff(a, b, &o, "create schema staging; create schema reports; create function reports.answer", NULL);
    tide_schema_free(a);
    tide_schema_free(b);
}

/* A partition of its own namespace: paired by its table (with the
 * table's namespace) and name, moved when its namespace changes (what is
 * on it goes with it), made again when its table is another namespace's. */
static tide_object *partition(tide_schema *s, const char *ns, const char *name, const char *table_ns,
                              const char *table)
{
    tide_object *o = tide_schema_add_object(s, TIDE_OBJ_PARTITION, ns, name, table, "for values in (1)");
    o->table_schema = tide_schema_str(s, table_ns);
    return o;
}

static void partitions_in_their_own_namespace(void **state)
{
    tide_schema *a = tide_schema_new(), *b = tide_schema_new(), *c = tide_schema_new();
    (void)state;
    table(a, NULL, "t")->partition_by = tide_schema_str(a, "list (id)");
    table(b, NULL, "t")->partition_by = tide_schema_str(b, "list (id)");
    table(c, NULL, "t")->partition_by = tide_schema_str(c, "list (id)");
    table(c, "billing", "t")->partition_by = tide_schema_str(c, "list (id)");
    partition(a, "gp_static", "p", "public", "t");
    tide_schema_add_object(a, TIDE_OBJ_PARTITION_CONSTRAINT, "gp_static", "p_check", "p", "check (id > 0)");
    partition(b, "gp_dynamic", "p", "public", "t");
    tide_schema_add_object(b, TIDE_OBJ_PARTITION_CONSTRAINT, "gp_dynamic", "p_check", "p", "check (id > 0)");
    partition(c, "gp_static", "p", "billing", "t");
    finish(a);
    finish(b);
    finish(c);
    assert_string_equal(a->objects[0].table_schema, "public");
    assert_null(tide_object_table_schema(&a->objects[0]));
    diff(a, b, NULL, "create schema gp_dynamic; rename partition gp_dynamic.p on public.t (was gp_static.p); "
         "drop schema gp_static",
         "create schema gp_static; rename partition gp_static.p on public.t (was gp_dynamic.p); "
         "drop schema gp_dynamic");
    diff(a, c, NULL, "create schema billing; drop partition constraint gp_static.p_check on p; "
         "drop partition gp_static.p on public.t; create table billing.t; "
         "create partition gp_static.p on billing.t", NULL);
    tide_schema_free(a);
    tide_schema_free(b);
    tide_schema_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(from_empty_in_dependency_order),
        cmocka_unit_test(objects_in_dependency_order),
        cmocka_unit_test(objects_changed_and_recreated),
        cmocka_unit_test(objects_renamed_dropped_checked),
        cmocka_unit_test(no_drop_leaves_out_every_drop),
        cmocka_unit_test(namespaces_created_first_dropped_last),
        cmocka_unit_test(partitions_in_their_own_namespace),
        cmocka_unit_test(columns_added_altered_dropped),
        cmocka_unit_test(identical_schemas_have_no_ops),
        cmocka_unit_test(renames_from_hints_both_ways),
        cmocka_unit_test(likely_renames_are_asked_or_warned),
        cmocka_unit_test(safe_mode_and_kept_tables),
        cmocka_unit_test(changed_constraints_drop_then_add),
        cmocka_unit_test(comments_follow_what_is_made_again),
        cmocka_unit_test(enums_grow_or_are_replaced),
        cmocka_unit_test(ignore_changes_and_explanations),
        cmocka_unit_test(verbose_says_which_properties_differ),
        cmocka_unit_test(a_copy_is_equal_and_independent),
        cmocka_unit_test(nocase_identifiers_pair_by_folded_name),
        cmocka_unit_test(wide_tables_pair_columns_by_folded_name),
        cmocka_unit_test(case_sensitive_identifiers_stay_apart),
        cmocka_unit_test(nocase_names_differing_in_case_are_one_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
