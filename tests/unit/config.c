/* Unit tests of configuration loading (src/config.c): defaults, the file,
 * precedence flag > env > file > default, and the errors for bad files;
 * the modules in their order and the unknown-module check; tide_config_url,
 * the same precedence without a connection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <lua.h>
#include "project/config.h"
#include "lua/runtime.h"
#include "api/module.h"

static char dir[] = "/tmp/tide-config-XXXXXX";

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(name, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir) || chdir(dir) != 0)
        return -1;
    unsetenv("TIDE_CONFIG");
    unsetenv("TIDE_DATABASE_URL");
    unsetenv("TIDE_VERBOSE");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink("tide.lua");
    unlink("other.lua");
    return rmdir(dir);
}

/* Loads with flags; returns the code, leaving cfg and err for inspection. */
static int load(tide_config *cfg, tide_err *err, const tide_config_flags *flags)
{
    lua_State *L = tide_runtime_new();
    int rc;
    assert_non_null(L);
    tide_err_clear(err);
    rc = tide_config_load(cfg, L, flags, err);
    if (rc < 0)
        tide_config_free(cfg, L);
    lua_close(L);   /* cfg keeps plain C copies */
    return rc;
}

static void defaults_without_a_file(void **state)
{
    tide_config cfg;
    tide_err err;
    (void)state;
    unlink("tide.lua");
    assert_int_equal(load(&cfg, &err, NULL), 0);
    assert_null(cfg.file);
    assert_string_equal(cfg.url, "sqlite:tide.db");
    assert_int_equal(cfg.url_source, TIDE_SRC_DEFAULT);
    assert_string_equal(cfg.migrations.path, "migrations");
    assert_string_equal(cfg.migrations.table_name, "tide_migrations");
    assert_string_equal(cfg.migrations.pattern, "^Migration%d+");
    assert_true(cfg.migrations.transactional && cfg.migrations.all_or_nothing);
    assert_true(cfg.migrations.lock_timeout == 60);
    assert_int_equal(cfg.nschema, 1);
    assert_string_equal(cfg.schema[0], "schema");
    tide_config_free(&cfg, NULL);
}

static void file_values_and_precedence(void **state)
{
    tide_config cfg;
    tide_err err;
    tide_config_flags flags = { NULL, NULL, 0 };
    (void)state;
    write_file("tide.lua", "return { url = 'sqlite:file.db', schema = { 'a', 'b' },\n"
               "  migrations = { path = 'db/m', tableName = 'mig', lockTimeout = 5, safe = true },\n"
               "  seeder = { defaultSeeder = 'Main' },\n"
               "  modules = { blog = { schema = 'blog/schema', migrations = { path = 'blog/m' } } } }\n");
    assert_int_equal(load(&cfg, &err, &flags), 0);
    assert_string_equal(cfg.file, "tide.lua");
    assert_string_equal(cfg.url, "sqlite:file.db");
    assert_int_equal(cfg.url_source, TIDE_SRC_FILE);
    assert_int_equal(cfg.nschema, 2);
    assert_string_equal(cfg.migrations.path, "db/m");
    assert_string_equal(cfg.migrations.table_name, "mig");
    assert_true(cfg.migrations.lock_timeout == 5 && cfg.migrations.safe);
    assert_string_equal(cfg.default_seeder, "Main");
    assert_int_equal(cfg.nmodules, 1);
    assert_string_equal(cfg.modules[0].name, "blog");
    assert_string_equal(cfg.modules[0].migrations.path, "blog/m");
    assert_string_equal(cfg.modules[0].migrations.table_name, "tide_migrations");
    tide_config_free(&cfg, NULL);

    setenv("TIDE_DATABASE_URL", "sqlite:env.db", 1);
    assert_int_equal(load(&cfg, &err, &flags), 0);
    assert_string_equal(cfg.url, "sqlite:env.db");
    assert_int_equal(cfg.url_source, TIDE_SRC_ENV);
    tide_config_free(&cfg, NULL);

    flags.url = "sqlite:flag.db";
    assert_int_equal(load(&cfg, &err, &flags), 0);
    assert_string_equal(cfg.url, "sqlite:flag.db");
    assert_int_equal(cfg.url_source, TIDE_SRC_FLAG);
    tide_config_free(&cfg, NULL);
    unsetenv("TIDE_DATABASE_URL");
}

static void config_file_from_flag_and_env(void **state)
{
    tide_config cfg;
    tide_err err;
    tide_config_flags flags = { "other.lua", NULL, 0 };
    (void)state;
    write_file("other.lua", "return { url = 'sqlite:other.db' }\n");
    assert_int_equal(load(&cfg, &err, &flags), 0);
    assert_string_equal(cfg.url, "sqlite:other.db");
    tide_config_free(&cfg, NULL);
    setenv("TIDE_CONFIG", "other.lua", 1);
    assert_int_equal(load(&cfg, &err, NULL), 0);
    assert_string_equal(cfg.file, "other.lua");
    tide_config_free(&cfg, NULL);
    setenv("TIDE_CONFIG", "missing.lua", 1);
    assert_int_equal(load(&cfg, &err, NULL), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "'missing.lua' not found"));
    unsetenv("TIDE_CONFIG");
}

static void expect_error(const char *text, const char *needle)
{
    tide_config cfg;
    tide_err err;
    write_file("tide.lua", text);
    assert_int_equal(load(&cfg, &err, NULL), TIDE_ECONFIG);
    if (!strstr(err.msg, needle))
        fail_msg("expected '%s' in: %s", needle, err.msg);
}

static void bad_files_say_what_and_where(void **state)
{
    (void)state;
    expect_error("return {\n  url = 'x',\n  migrations = { path = }\n}\n", "tide.lua:3:");
    expect_error("return { migrations = { tablename = 'x' } }", "unknown key 'migrations.tablename'; did you mean 'migrations.tableName'?");
    expect_error("return { ulr = 'sqlite:x' }", "did you mean 'url'?");
    expect_error("return { zzzzzzzz = 1 }", "known keys: url, schema, migrations");
    expect_error("return { migrations = { lockTimeout = 'soon' } }", "'migrations.lockTimeout' must be a number, not string");
    expect_error("return { migrations = { transactional = 1 } }", "'migrations.transactional' must be a boolean");
    expect_error("return { schema = { 'a', 3 } }", "'schema[2]' must be a string");
    expect_error("return 42", "must return a table (it returned number)");
    expect_error("error('boom')", "tide.lua:1: boom");
    expect_error("return { modules = { blog = { migratoins = {} } } }", "did you mean 'modules.blog.migrations'?");
}

static void modules_in_order_and_unknown_ones(void **state)
{
    tide_config cfg;
    tide_err err;
    const char **names;
    const char *asked[] = { "shop", "nope", "zap" };
    int n;
    (void)state;
    write_file("tide.lua", "return { modules = { shop = {}, blog = {}, auth = {} } }");
    assert_int_equal(load(&cfg, &err, NULL), 0);
    assert_int_equal(tide_config_modules(&cfg, &names, &n, &err), 0);
    assert_int_equal(n, 3);                  /* a map: by name */
    assert_string_equal(names[0], "auth");
    assert_string_equal(names[2], "shop");
    free((void *)names);
    assert_int_equal(tide_config_check_modules(&cfg, asked, 1, &err), 0);
    assert_int_equal(tide_config_check_modules(&cfg, asked, 2, &err), TIDE_ECONFIG);
    assert_string_equal(err.msg, "unknown module 'nope' (modules in the configuration: auth, blog, shop)");
    assert_int_equal(tide_config_check_modules(&cfg, asked, 3, &err), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "unknown modules 'nope', 'zap' ("));
    tide_config_free(&cfg, NULL);
    write_file("tide.lua", "return { modules = { { name = 'shop' }, { name = 'blog' } } }");
    assert_int_equal(load(&cfg, &err, NULL), 0);
    assert_int_equal(tide_config_modules(&cfg, &names, &n, &err), 0);
    assert_string_equal(names[0], "shop");   /* a list: its own order */
    free((void *)names);
    tide_config_free(&cfg, NULL);
    write_file("tide.lua", "return {}");
    assert_int_equal(load(&cfg, &err, NULL), 0);
    assert_int_equal(tide_config_modules(&cfg, &names, &n, &err), 0);
    assert_null(names);
    assert_int_equal(tide_config_check_modules(&cfg, asked, 1, &err), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "none; add them under modules = { ... } in tide.lua"));
    tide_config_free(&cfg, NULL);
}

static void the_url_without_connecting(void **state)
{
    tide_options o;
    tide_err err;
    char *url = NULL;
    (void)state;
    memset(&o, 0, sizeof o);
    write_file("tide.lua", "return { url = 'postgres://u:pw@nowhere.invalid/db' }");
    assert_int_equal(tide_config_url(&o, &url, &err), 0);
    assert_string_equal(url, "postgres://u:pw@nowhere.invalid/db");   /* not masked */
    free(url);
    setenv("TIDE_DATABASE_URL", "sqlite:env.db", 1);
    assert_int_equal(tide_config_url(&o, &url, &err), 0);
    assert_string_equal(url, "sqlite:env.db");
    free(url);
    o.url = "sqlite:flag.db";
    assert_int_equal(tide_config_url(&o, &url, &err), 0);
    assert_string_equal(url, "sqlite:flag.db");
    free(url);
    unsetenv("TIDE_DATABASE_URL");
    o.url = NULL;
    o.config_file = "missing.lua";
    assert_int_equal(tide_config_url(&o, &url, &err), TIDE_ECONFIG);
    assert_null(url);
    assert_non_null(strstr(err.msg, "config file 'missing.lua' not found"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_without_a_file),
        cmocka_unit_test(file_values_and_precedence),
        cmocka_unit_test(config_file_from_flag_and_env),
        cmocka_unit_test(bad_files_say_what_and_where),
        cmocka_unit_test(modules_in_order_and_unknown_ones),
        cmocka_unit_test(the_url_without_connecting),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
