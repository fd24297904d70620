/* Unit tests of migration discovery, lookup, checksums, .sql sections and the
 * file helpers (src/migration.c). Each test gets a fresh mkdtemp folder and
 * Lua state, both removed afterwards. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "runner/migration.h"

#include "fixture.h"

static int setup(void **state) { return fixture_setup(state, "/tmp/tide-migration-XXXXXX"); }
static int teardown(void **state) { return fixture_teardown(state); }

/* dir/rel with the given content. */
static void put(const fixture *f, const char *rel, const char *content)
{
    char path[512];
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", f->dir, rel);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(content, fp);
    assert_int_equal(fclose(fp), 0);
}

static void put_dir(const fixture *f, const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", f->dir, rel);
    assert_int_equal(mkdir(path, 0755), 0);
}

/* Discovers f->dir with pattern; the Lua stack must come back as it was. */
static int discover(fixture *f, tide_migration_set *set, const char *pattern, tide_err *err)
{
    int top = lua_gettop(f->L), rc;
    rc = tide_migrations_discover(set, f->L, f->dir, pattern, err);
    assert_int_equal(lua_gettop(f->L), top);
    if (rc < 0) {
        assert_null(set->items);
        assert_int_equal(set->n, 0);
    }
    return rc;
}

static int count_temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    assert_non_null(d);
    while ((de = readdir(d)))
        n += strstr(de->d_name, ".tmp-") != NULL;
    closedir(d);
    return n;
}

/* ---- discovery --------------------------------------------------------- */

static void discovers_sorted_and_filtered(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    char path[512];
    put(f, "Migration20260101000002_b.lua", "return {}");
    put(f, "Migration20260101000001_a.sql", "-- tide:up\n");
    put(f, "Migration20260101000003_c.lua", "return {}");
    put(f, "Migration20260101000004_d.txt", "not a migration");
    put(f, "Migration20260101000006_f.lua.bak", "backup");
    put(f, "helper.lua", "return {}");
    put(f, "xMigration20260101000007_g.lua", "anchored pattern");
    put_dir(f, "Migration20260101000005_e.lua");
    assert_int_equal(discover(f, &set, "^Migration%d+", &err), 0);
    assert_int_equal(set.n, 3);
    assert_string_equal(set.items[0].name, "Migration20260101000001_a");
    assert_int_equal(set.items[0].kind, TIDE_MIG_SQL);
    assert_string_equal(set.items[1].name, "Migration20260101000002_b");
    assert_int_equal(set.items[1].kind, TIDE_MIG_LUA);
    assert_string_equal(set.items[2].name, "Migration20260101000003_c");
    snprintf(path, sizeof path, "%s/Migration20260101000001_a.sql", f->dir);
    assert_string_equal(set.items[0].path, path);
    assert_string_equal(set.items[0].checksum, "");
    tide_migrations_free(&set);
    assert_null(set.items);
    assert_int_equal(set.n, 0);
    tide_migrations_free(&set);
    tide_migrations_free(NULL);
}

static void joins_paths_without_double_slash(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    char dir[80], path[512];
    put(f, "Migration1_a.lua", "return {}");
    snprintf(dir, sizeof dir, "%s/", f->dir);
    assert_int_equal(tide_migrations_discover(&set, f->L, dir, "^Migration%d+", &err), 0);
    assert_int_equal(set.n, 1);
    snprintf(path, sizeof path, "%s/Migration1_a.lua", f->dir);
    assert_string_equal(set.items[0].path, path);
    tide_migrations_free(&set);
}

static void follows_symlinks_to_files(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    char target[512], link_path[512];
    put(f, "real.txt", "return {}");
    snprintf(target, sizeof target, "%s/real.txt", f->dir);
    snprintf(link_path, sizeof link_path, "%s/Migration1_linked.lua", f->dir);
    assert_int_equal(symlink(target, link_path), 0);
    snprintf(link_path, sizeof link_path, "%s/Migration2_dangling.lua", f->dir);
    assert_int_equal(symlink("/nonexistent/x", link_path), 0);
    assert_int_equal(discover(f, &set, "^Migration%d+", &err), 0);
    assert_int_equal(set.n, 1);
    assert_string_equal(set.items[0].name, "Migration1_linked");
    tide_migrations_free(&set);
}

static void uses_a_custom_pattern(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    put(f, "002_users.sql", "-- tide:up\n");
    put(f, "001_init.lua", "return {}");
    put(f, "Migration20260101000001_a.lua", "return {}");
    put(f, "01x_bad.lua", "return {}");
    assert_int_equal(discover(f, &set, "^%d%d%d_%a+%.", &err), 0);
    assert_int_equal(set.n, 2);
    assert_string_equal(set.items[0].name, "001_init");
    assert_string_equal(set.items[1].name, "002_users");
    assert_int_equal(set.items[1].kind, TIDE_MIG_SQL);
    tide_migrations_free(&set);
}

static void reports_an_invalid_pattern(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    lua_pushinteger(f->L, 42);   /* something of the caller's on the stack */
    assert_int_equal(discover(f, &set, "[", &err), TIDE_ECONFIG);
    assert_int_equal(err.code, TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "migrations.pattern '[' is not a valid Lua pattern: "));
    assert_non_null(strstr(err.msg, "malformed pattern"));
    /* Found on a file name too, not only by the check on "". */
    put(f, "a.lua", "return {}");
    assert_int_equal(discover(f, &set, "a[", &err), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "migrations.pattern 'a[' is not a valid Lua pattern"));
    assert_int_equal(lua_tointeger(f->L, -1), 42);
    lua_pop(f->L, 1);
}

static void reports_a_missing_or_wrong_folder(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    char dir[512], msg[700];
    snprintf(dir, sizeof dir, "%s/nope", f->dir);
    assert_int_equal(tide_migrations_discover(&set, f->L, dir, "^Migration%d+", &err), TIDE_EIO);
    snprintf(msg, sizeof msg, "migrations folder '%s' does not exist "
             "(create it, or set migrations.path in tide.lua)", dir);
    assert_string_equal(err.msg, msg);
    assert_null(set.items);
    put(f, "file", "x");
    snprintf(dir, sizeof dir, "%s/file", f->dir);
    assert_int_equal(tide_migrations_discover(&set, f->L, dir, "^Migration%d+", &err), TIDE_EIO);
    assert_non_null(strstr(err.msg, "is not a directory"));
}

static void refuses_names_alike(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    put(f, "Ab.lua", "return {}");
    put(f, "B.lua", "return {}");   /* between "Ab" and "ab" in byte order */
    put(f, "ab.lua", "return {}");
    assert_int_equal(discover(f, &set, ".", &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "two migrations are named alike: 'Ab.lua' and 'ab.lua' (rename one)");
}

static void refuses_the_same_name_twice(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    put(f, "Migration20260101000001_x.sql", "-- tide:up\n");
    put(f, "Migration20260101000001_x.lua", "return {}");
    assert_int_equal(discover(f, &set, "^Migration%d+", &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "two migrations are named alike: 'Migration20260101000001_x.lua' "
                        "and 'Migration20260101000001_x.sql' (rename one)");
}

static void refuses_a_shared_timestamp(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    put(f, "Migration20261122143052_add_phone.lua", "return {}");
    put(f, "Migration20261122143053_between.lua", "return {}");
    put(f, "Migration20261122143052_users.sql", "-- tide:up\n");
    put(f, "Migration2026112214305_shorter.lua", "return {}");
    assert_int_equal(discover(f, &set, "^Migration%d+", &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "two migrations share the timestamp 20261122143052: "
                        "'Migration20261122143052_add_phone.lua' and "
                        "'Migration20261122143052_users.sql' (give one a new timestamp)");
}

static void allows_names_without_digits(void **state)
{
    fixture *f = *state;
    tide_migration_set set;
    tide_err err;
    put(f, "init.lua", "return {}");
    put(f, "users.lua", "return {}");
    assert_int_equal(discover(f, &set, "", &err), 0);
    assert_int_equal(set.n, 2);
    tide_migrations_free(&set);
}

/* ---- the set ----------------------------------------------------------- */

static void add_keeps_the_set_sorted(void **state)
{
    tide_migration_set set = {NULL, 0, NULL, 0};
    tide_migration m = {0};
    tide_err err;
    char name[16];
    (void)state;
    m.kind = TIDE_MIG_LIST;
    m.list_index = 2;
    strcpy(name, "b");
    m.name = name;
    assert_int_equal(tide_migrations_add(&set, &m, &err), 0);
    name[0] = 'c';
    assert_int_equal(tide_migrations_add(&set, &m, &err), 0);
    name[0] = 'a';
    m.path = "migrations/a.lua";
    m.kind = TIDE_MIG_LUA;
    assert_int_equal(tide_migrations_add(&set, &m, &err), 0);
    name[0] = 'z';   /* the set owns copies */
    assert_int_equal(set.n, 3);
    assert_string_equal(set.items[0].name, "a");
    assert_string_equal(set.items[0].path, "migrations/a.lua");
    assert_string_equal(set.items[1].name, "b");
    assert_null(set.items[1].path);
    assert_int_equal(set.items[1].list_index, 2);
    assert_string_equal(set.items[2].name, "c");
    tide_migrations_free(&set);
}

static void finds_by_name_file_and_prefix(void **state)
{
    static const char *names[] = {
        "Migration20260101000001_users", "Migration20260101000002_posts",
        "Migration20260102000001_tags",
    };
    tide_migration_set set = {NULL, 0, NULL, 0};
    tide_migration m = {0};
    tide_err err;
    char path[128];
    int amb = 7;
    size_t i;
    (void)state;
    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "migrations/%s.%s", names[i], i == 1 ? "sql" : "lua");
        m.name = (char *)names[i];
        m.path = path;
        m.kind = i == 1 ? TIDE_MIG_SQL : TIDE_MIG_LUA;
        assert_int_equal(tide_migrations_add(&set, &m, &err), 0);
    }
    assert_ptr_equal(tide_migrations_find(&set, "Migration20260101000002_posts", &amb), &set.items[1]);
    assert_int_equal(amb, 0);
    assert_ptr_equal(tide_migrations_find(&set, "Migration20260101000002_posts.sql", &amb), &set.items[1]);
    assert_null(tide_migrations_find(&set, "Migration20260101000002_posts.lua", &amb));
    assert_ptr_equal(tide_migrations_find(&set, "Migration20260101000001_users.lua", NULL), &set.items[0]);
    assert_ptr_equal(tide_migrations_find(&set, "migrations/Migration20260102000001_tags.lua", &amb),
                     &set.items[2]);
    assert_ptr_equal(tide_migrations_find(&set, "Migration20260102", &amb), &set.items[2]);
    assert_int_equal(amb, 0);
    assert_null(tide_migrations_find(&set, "Migration20260101", &amb));
    assert_int_equal(amb, 1);
    assert_null(tide_migrations_find(&set, "Migration20260101", NULL));
    assert_null(tide_migrations_find(&set, "Migration2027", &amb));
    assert_int_equal(amb, 0);
    assert_null(tide_migrations_find(&set, "", &amb));
    assert_null(tide_migrations_find(&set, NULL, &amb));
    tide_migrations_free(&set);
}

/* ---- checksums --------------------------------------------------------- */

static void computes_sha256(void **state)
{
    fixture *f = *state;
    tide_migration m = {0};
    tide_err err;
    char hex[65], path[512];
    tide_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    tide_sha256_hex(NULL, 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    put(f, "m.lua", "abc");
    snprintf(path, sizeof path, "%s/m.lua", f->dir);
    m.name = "m";
    m.path = path;
    assert_int_equal(tide_migration_checksum(&m, &err), 0);
    assert_string_equal(m.checksum, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    snprintf(path, sizeof path, "%s/gone.lua", f->dir);
    assert_int_equal(tide_migration_checksum(&m, &err), TIDE_EIO);
    assert_non_null(strstr(err.msg, "cannot read '"));
    assert_non_null(strstr(err.msg, "gone.lua': No such file or directory"));

    m.kind = TIDE_MIG_LIST;
    m.path = NULL;
    assert_int_equal(tide_migration_checksum(&m, &err), 0);
    assert_string_equal(m.checksum, "");
}

/* ---- .sql sections ----------------------------------------------------- */

/* Runs tide_sql_sections on text; returns its code. */
static int sections(const char *text, tide_buf *up, tide_buf *down, int *has_down, int *tx,
                    tide_err *err)
{
    tide_buf_reset(up);
    tide_buf_reset(down);
    *has_down = *tx = -1;
    return tide_sql_sections("m.sql", text, strlen(text), up, down, has_down, tx, err);
}

static void splits_up_and_down(void **state)
{
    tide_buf up = TIDE_BUF_INIT, down = TIDE_BUF_INIT;
    tide_err err;
    int has_down, tx;
    (void)state;
    assert_int_equal(sections("-- users table\n\n/* a block\n   comment */\n"
                              "  --   TIDE:UP  \n"
                              "CREATE TABLE users (id int); -- keep me\n"
                              "-- tide:down\n"
                              "DROP TABLE users;", &up, &down, &has_down, &tx, &err), 0);
    assert_string_equal(up.data, "CREATE TABLE users (id int); -- keep me\n");
    assert_string_equal(down.data, "DROP TABLE users;");
    assert_int_equal(has_down, 1);
    assert_int_equal(tx, 1);

    assert_int_equal(sections("--tide:up\nCREATE TABLE t (x int);\n", &up, &down, &has_down, &tx,
                              &err), 0);
    assert_string_equal(up.data, "CREATE TABLE t (x int);\n");
    assert_int_equal(down.len, 0);
    assert_int_equal(has_down, 0);

    /* The marker may come anywhere; a look-alike comment is kept as text. */
    assert_int_equal(sections("-- tide:up\nCREATE INDEX CONCURRENTLY i ON t (x);\n"
                              "-- tide:no-transaction\n-- tide:up later\n", &up, &down, &has_down,
                              &tx, &err), 0);
    assert_int_equal(tx, 0);
    assert_string_equal(up.data, "CREATE INDEX CONCURRENTLY i ON t (x);\n-- tide:up later\n");
    assert_int_equal(sections("-- Tide:No-Transaction\n-- tide:up\nSELECT 1;\n", &up, &down,
                              &has_down, &tx, &err), 0);
    assert_int_equal(tx, 0);
    tide_buf_free(&up);
    tide_buf_free(&down);
}

static void handles_crlf(void **state)
{
    tide_buf up = TIDE_BUF_INIT, down = TIDE_BUF_INIT;
    tide_err err;
    int has_down, tx;
    (void)state;
    assert_int_equal(sections("-- header\r\n-- tide:up\r\nSELECT 1;\r\n-- tide:down\r\nSELECT 2;\r\n",
                              &up, &down, &has_down, &tx, &err), 0);
    assert_string_equal(up.data, "SELECT 1;\r\n");
    assert_string_equal(down.data, "SELECT 2;\r\n");
    assert_int_equal(has_down, 1);
    assert_int_equal(sections("\r\nSELECT 0;\r\n-- tide:up\r\n", &up, &down, &has_down, &tx, &err),
                     TIDE_ECONFIG);
    assert_string_equal(err.msg, "m.sql:2: SQL before '-- tide:up' (put it after the marker)");
    tide_buf_free(&up);
    tide_buf_free(&down);
}

static void reports_section_errors_with_lines(void **state)
{
    tide_buf up = TIDE_BUF_INIT, down = TIDE_BUF_INIT;
    tide_err err;
    int has_down, tx;
    (void)state;
    assert_int_equal(sections("-- c\n\nCREATE TABLE t (x int);\n-- tide:up\n", &up, &down, &has_down,
                              &tx, &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "m.sql:3: SQL before '-- tide:up' (put it after the marker)");
    assert_int_equal(sections("/* open\nstill */ SELECT 1;\n-- tide:up\n", &up, &down, &has_down,
                              &tx, &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "m.sql:2: SQL before '-- tide:up' (put it after the marker)");

    assert_int_equal(sections("-- only a comment\n", &up, &down, &has_down, &tx, &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "m.sql: no '-- tide:up' section (a .sql migration needs "
                        "'-- tide:up' and optionally '-- tide:down')");
    assert_int_equal(sections("", &up, &down, &has_down, &tx, &err), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "m.sql: no '-- tide:up' section"));

    assert_int_equal(sections("-- tide:up\nSELECT 1;\n\n-- tide:up\n", &up, &down, &has_down, &tx,
                              &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "m.sql:4: second '-- tide:up'");
    assert_int_equal(up.len, 0);   /* the caller's buffers as they were */
    assert_int_equal(has_down, -1);
    assert_int_equal(sections("-- tide:up\n-- tide:down\n-- tide:up\n", &up, &down, &has_down, &tx,
                              &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "m.sql:3: second '-- tide:up'");
    assert_int_equal(sections("-- tide:up\n-- tide:down\nx;\n-- TIDE:DOWN\n", &up, &down, &has_down,
                              &tx, &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "m.sql:4: second '-- tide:down'");

    assert_int_equal(sections("\n-- tide:down\nDROP TABLE t;\n-- tide:up\n", &up, &down, &has_down,
                              &tx, &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "m.sql:2: '-- tide:down' before '-- tide:up'");
    tide_buf_free(&up);
    tide_buf_free(&down);
}

/* ---- files ------------------------------------------------------------- */

static void reads_whole_files(void **state)
{
    fixture *f = *state;
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    char path[512];
    put(f, "r.txt", "hello");
    snprintf(path, sizeof path, "%s/r.txt", f->dir);
    assert_int_equal(tide_buf_puts(&b, ">"), 0);
    assert_int_equal(tide_file_read(path, &b, &err), 0);
    assert_string_equal(b.data, ">hello");
    assert_int_equal(tide_file_read(f->dir, &b, &err), TIDE_EIO);
    assert_non_null(strstr(err.msg, "cannot read '"));
    assert_string_equal(b.data, ">hello");
    tide_buf_free(&b);
}

static void writes_atomically(void **state)
{
    fixture *f = *state;
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    struct stat st;
    char path[512], msg[700];
    snprintf(path, sizeof path, "%s/out.txt", f->dir);
    assert_int_equal(tide_file_write_atomic(path, "first", 5, 0, &err), 0);
    assert_int_equal(tide_file_write_atomic(path, "second", 6, 0, &err), 0);
    assert_int_equal(tide_file_read(path, &b, &err), 0);
    assert_string_equal(b.data, "second");
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);

    assert_int_equal(tide_file_write_atomic(path, "third", 5, 1, &err), TIDE_EIO);
    snprintf(msg, sizeof msg, "'%s' already exists", path);
    assert_string_equal(err.msg, msg);
    tide_buf_reset(&b);
    assert_int_equal(tide_file_read(path, &b, &err), 0);
    assert_string_equal(b.data, "second");
    assert_int_equal(count_temp_files(f->dir), 0);

    snprintf(path, sizeof path, "%s/new.txt", f->dir);
    assert_int_equal(tide_file_write_atomic(path, "", 0, 1, &err), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 0);
    assert_int_equal(count_temp_files(f->dir), 0);
    tide_buf_free(&b);
}

static void failed_write_leaves_no_trace(void **state)
{
    fixture *f = *state;
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    char path[512], msg[700];
    /* Tests run as root, so a read-only folder would not stop the write; a
     * missing one does, at the same step (creating the temporary file). */
    snprintf(path, sizeof path, "%s/missing/out.txt", f->dir);
    assert_int_equal(tide_file_write_atomic(path, "x", 1, 0, &err), TIDE_EIO);
    snprintf(msg, sizeof msg, "cannot write '%s': No such file or directory", path);
    assert_string_equal(err.msg, msg);

    /* Replacing a directory fails at the rename: the temporary file goes. */
    put(f, "keep.txt", "old");
    put_dir(f, "adir");
    put(f, "adir/inside", "x");
    snprintf(path, sizeof path, "%s/adir", f->dir);
    assert_int_equal(tide_file_write_atomic(path, "new", 3, 0, &err), TIDE_EIO);
    assert_non_null(strstr(err.msg, "cannot write '"));
    assert_int_equal(count_temp_files(f->dir), 0);
    snprintf(path, sizeof path, "%s/keep.txt", f->dir);
    assert_int_equal(tide_file_read(path, &b, &err), 0);
    assert_string_equal(b.data, "old");

    /* Where permissions do bite (not root), the message says why. */
    if (geteuid() != 0) {
        snprintf(path, sizeof path, "%s/ro", f->dir);
        assert_int_equal(mkdir(path, 0555), 0);
        snprintf(path, sizeof path, "%s/ro/out.txt", f->dir);
        assert_int_equal(tide_file_write_atomic(path, "x", 1, 0, &err), TIDE_EIO);
        assert_non_null(strstr(err.msg, "directory is read-only or not writable"));
    }
    tide_buf_free(&b);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(discovers_sorted_and_filtered),
        T(joins_paths_without_double_slash),
        T(follows_symlinks_to_files),
        T(uses_a_custom_pattern),
        T(reports_an_invalid_pattern),
        T(reports_a_missing_or_wrong_folder),
        T(refuses_names_alike),
        T(refuses_the_same_name_twice),
        T(refuses_a_shared_timestamp),
        T(allows_names_without_digits),
        T(add_keeps_the_set_sorted),
        T(finds_by_name_file_and_prefix),
        T(computes_sha256),
        T(splits_up_and_down),
        T(handles_crlf),
        T(reports_section_errors_with_lines),
        T(reads_whole_files),
        T(writes_atomically),
        T(failed_write_leaves_no_trace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
