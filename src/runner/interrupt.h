/* interrupt.h — SIGINT and SIGTERM during a run (internal). A run started
 * with tide_options.handle_signals installs the handlers for as long as it
 * lasts: the first signal cancels the SQL statement in progress (through
 * the driver) and the Lua code in progress (a hook that raises), so the
 * runner rolls back, unlocks and reports; a second one exits at once. */
#ifndef TIDE_INTERRUPT_H
#define TIDE_INTERRUPT_H

#include <lua.h>
#include <signal.h>
#include "tide.h"

/* The handlers a run replaced, put back by tide__interrupt_end. */
typedef struct tide_interrupt_scope {
    struct sigaction old_int, old_term;
    int installed;
} tide_interrupt_scope;

/* Clears the flag and installs the handlers, armed to cancel work on L and
 * conn (both borrowed until tide__interrupt_end). */
void tide__interrupt_begin(tide_interrupt_scope *s, lua_State *L, tide_conn *conn);

/* Disarms, removes a hook left pending on L, and restores the handlers. */
void tide__interrupt_end(tide_interrupt_scope *s, lua_State *L);

/* The signal caught since tide__interrupt_begin (SIGINT, SIGTERM), or 0. */
int tide__interrupted(void);

/* "SIGINT", "SIGTERM", or "a signal". */
const char *tide__signal_name(int sig);

#endif
