/* Embedding the runner from C through tide.h: with tide owning its Lua
 * state, inside a host's own lua_State, and joining a transaction the host
 * holds on its own connection. Errors come back as values. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "tide.h"

static char dir[] = "/tmp/tide-embed-XXXXXX";

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir) || chdir(dir) != 0 || mkdir("migrations", 0755) != 0)
        return -1;
    unsetenv("TIDE_DATABASE_URL");
    unsetenv("TIDE_CONFIG");
    write_file("tide.lua", "return { url = 'sqlite:embed.db' }\n");
    write_file("migrations/Migration20260101000000_a.lua",
               "return { up = function(m) m:addSql 'create table a (id integer)' end,\n"
               "         down = function(m) m:addSql 'drop table a' end }\n");
    write_file("migrations/Migration20260102000000_b.lua",
               "return { up = function(m) m:execute('insert into a (id) values (?)', 7) end,\n"
               "         down = function(m) m:execute('delete from a') end }\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (chdir("/tmp") != 0)
        return -1;
    return system("rm -rf /tmp/tide-embed-*") == 0 ? 0 : -1;
}

static int events;
static void count_events(void *ud, const tide_event *ev)
{
    (void)ud;
    if (ev->kind == TIDE_EV_MIGRATED)
        events++;
}

static void owns_its_state(void **state)
{
    tide_options o;
    tide_status_list l;
    tide_err err;
    tide *t;
    (void)state;
    memset(&o, 0, sizeof o);
    o.on_event = count_events;
    tide_err_clear(&err);
    assert_int_equal(tide_open(&t, &o, &err), 0);
    assert_int_equal(tide_pending(t, &l, &err), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.items[0].name, "Migration20260101000000_a");
    assert_string_equal(l.items[0].status, "pending");
    tide_status_list_free(&l);
    events = 0;
    assert_int_equal(tide_up(t, NULL, &l, &err), 0);
    assert_int_equal(l.n, 2);
    assert_int_equal(events, 2);
    tide_status_list_free(&l);
    assert_int_equal(tide_executed(t, &l, &err), 0);
    assert_int_equal(l.n, 2);
    assert_non_null(l.items[1].executed_at);
    assert_int_equal(strlen(l.items[1].checksum), 64);
    tide_status_list_free(&l);
    assert_int_equal(tide_validate(t, &l, &err), 0);
    tide_status_list_free(&l);
    assert_int_equal(tide_down(t, NULL, NULL, &err), 0);
    assert_int_equal(tide_pending(t, &l, &err), 0);
    assert_int_equal(l.n, 1);
    tide_status_list_free(&l);
    tide_run_options ro = { NULL, "0", NULL, 0, 0, NULL };
    assert_int_equal(tide_down(t, &ro, NULL, &err), 0);
    tide_close(t);
    tide_close(NULL);
}

static void errors_are_values(void **state)
{
    tide_options o;
    tide_err err;
    tide *t = NULL;
    tide_run_options ro;
    (void)state;
    memset(&o, 0, sizeof o);
    o.url = "postgres://u:secret@host:bad/db";
    assert_int_equal(tide_open(&t, &o, &err), TIDE_EURL);
    assert_null(t);
    assert_null(strstr(err.msg, "secret"));
    o.url = NULL;
    o.module = "nope";
    assert_int_equal(tide_open(&t, &o, &err), TIDE_ECONFIG);
    assert_non_null(strstr(err.msg, "unknown module 'nope'"));
    o.module = NULL;
    assert_int_equal(tide_open(&t, &o, &err), 0);
    memset(&ro, 0, sizeof ro);
    ro.only = "Migration29990101000000_missing";
    assert_true(tide_up(t, &ro, NULL, &err) < 0);
    assert_non_null(strstr(err.msg, "no such migration"));
    assert_true(tide_resolve(t, "Migration20260101000000_a", 1, &err) < 0);
    tide_close(t);
}

static void runs_in_the_hosts_state_and_transaction(void **state)
{
    lua_State *L = luaL_newstate();
    tide_conn *conn;
    tide_options o;
    tide_status_list l;
    tide_err err;
    tide *t;
    (void)state;
    luaL_openlibs(L);
    assert_int_equal(tide_conn_open(&conn, "sqlite:embed.db", &err), 0);
    memset(&o, 0, sizeof o);
    o.L = L;
    o.conn = conn;
    assert_int_equal(tide_open(&t, &o, &err), 0);
    assert_ptr_equal(tide_connection(t), conn);
    assert_int_equal(tide_conn_begin(conn, &err), 0);
    assert_int_equal(tide_up(t, NULL, &l, &err), 0);
    assert_int_equal(l.n, 2);
    tide_status_list_free(&l);
    assert_int_equal(tide_conn_txdepth(conn), 1);     /* still the host's transaction */
    assert_int_equal(tide_conn_rollback(conn, &err), 0);
    assert_int_equal(tide_pending(t, &l, &err), 0);
    assert_int_equal(l.n, 2);                           /* rolled back with it */
    tide_status_list_free(&l);
    tide_close(t);
    /* the host's state and connection survive tide_close */
    assert_int_equal(luaL_dostring(L, "return require('tide').version"), LUA_OK);
    assert_string_equal(lua_tostring(L, -1), TIDE_VERSION);
    assert_int_equal(tide_conn_exec(conn, "select 1", NULL, 0, NULL, &err), 0);
    tide_conn_close(conn);
    lua_close(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(owns_its_state),
        cmocka_unit_test(errors_are_values),
        cmocka_unit_test(runs_in_the_hosts_state_and_transaction),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
