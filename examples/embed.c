/* Embedding tide from C: a connection of its own, then the project in the
 * current directory (tide.lua, migrations/) migrated through tide.h.
 * Build against an installed tide:  cc embed.c $(pkg-config --cflags --libs tide)
 * (tests/cli/packaging.sh builds and runs this file, through pkg-config and
 * through CMake's find_package(tide)). */
#include <stdio.h>
#include <tide.h>

static void on_event(void *ud, const tide_event *ev)
{
    (void)ud;
    if (ev->kind == TIDE_EV_MIGRATED)
        printf("applied %s (%.0f ms)\n", ev->name, ev->duration_ms);
}

int main(void)
{
    tide_err err;
    tide_conn *conn;
    tide_options o = { 0 };
    tide_status_list pending = { 0 }, done = { 0 };
    tide *t;
    int64_t n = 0;
    int i;

    /* a plain connection: errors are values, with the database's message */
    if (tide_conn_open(&conn, "sqlite::memory:", &err) < 0) {
        fprintf(stderr, "open: %s\n", err.msg);
        return 1;
    }
    if (tide_conn_exec(conn, "create table t (a integer)", NULL, 0, NULL, &err) < 0 ||
        tide_conn_exec(conn, "insert into t values (1), (2)", NULL, 0, &n, &err) < 0) {
        fprintf(stderr, "exec: %s\n", err.msg);
        return 1;
    }
    printf("dialect %s, inserted %lld\n", tide_conn_dialect(conn), (long long)n);
    tide_conn_close(conn);

    /* the runner: the project per tide.lua, tide owning its Lua state */
    o.config_file = "tide.lua";
    o.on_event = on_event;
    if (tide_open(&t, &o, &err) < 0) {
        fprintf(stderr, "tide_open: %s\n", err.msg);
        return 1;
    }
    if (tide_pending(t, &pending, &err) < 0 || tide_up(t, NULL, &done, &err) < 0) {
        fprintf(stderr, "migrate: %s\n", err.msg);
        tide_close(t);
        return 1;
    }
    for (i = 0; i < pending.n; i++)
        printf("pending %s\n", pending.items[i].name);
    printf("%d migration(s) applied\n", done.n);
    tide_status_list_free(&pending);
    tide_status_list_free(&done);
    tide_close(t);
    printf("version %s\n", TIDE_VERSION);
    return 0;
}
