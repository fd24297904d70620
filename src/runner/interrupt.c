/* interrupt.c — what a run does on SIGINT and SIGTERM (interrupt.h). The
 * handler only stores the signal and calls what is async-signal-safe: the
 * driver's interrupt (PQcancel, sqlite3_interrupt) and lua_sethook, which
 * Lua allows from a signal handler (lua.c does the same); the runner sees
 * the flag and rolls back. A second signal gets the default action. */
#include "runner/interrupt.h"
#include "db/driver.h"

#include <errno.h>
#include <lauxlib.h>
#include <string.h>

static volatile sig_atomic_t caught;        /* the signal, once one came */
static volatile sig_atomic_t last;          /* what tide_interrupt_signal says */
static lua_State *volatile armed_L;
static const tide_driver *volatile armed_drv;
static tide_dconn *volatile armed_conn;

const char *tide__signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

/* Runs at the next Lua instruction after the signal: stops the script. */
static void stop_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted by %s", tide__signal_name(caught));
}

static void on_signal(int sig)
{
    int saved = errno;
    if (caught) {                   /* the second one: no more waiting */
        signal(sig, SIG_DFL);
        raise(sig);
        errno = saved;
        return;
    }
    caught = last = sig;
    if (armed_L)
        lua_sethook(armed_L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
    if (armed_drv && armed_conn)
        armed_drv->interrupt(armed_conn);
    errno = saved;
}

void tide__interrupt_begin(tide_interrupt_scope *s, lua_State *L, tide_conn *conn)
{
    const tide_driver *drv = conn ? tide_conn__driver(conn) : NULL;
    struct sigaction sa;
    memset(s, 0, sizeof *s);
    caught = last = 0;
    armed_L = L;
    armed_conn = NULL;
    armed_drv = NULL;
    if (drv && drv->version >= 5 && drv->interrupt) {
        armed_conn = tide_conn__dconn(conn);
        armed_drv = drv;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, &s->old_int);
    sigaction(SIGTERM, &sa, &s->old_term);
    s->installed = 1;
}

void tide__interrupt_end(tide_interrupt_scope *s, lua_State *L)
{
    if (!s->installed)
        return;
    sigaction(SIGINT, &s->old_int, NULL);
    sigaction(SIGTERM, &s->old_term, NULL);
    armed_L = NULL;
    armed_drv = NULL;
    armed_conn = NULL;
    if (caught && L)
        lua_sethook(L, NULL, 0, 0);    /* a hook that never got to run */
    caught = 0;
    s->installed = 0;
}

int tide__interrupted(void) { return caught; }

int tide_interrupt_signal(void) { return last; }
