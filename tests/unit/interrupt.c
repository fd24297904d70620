/* Signals during a run through tide.h: with handle_signals a SIGINT or
 * SIGTERM stops the Lua code or the SQL statement in progress, the run
 * fails with TIDE_EINTR naming the migration, nothing is recorded, and the
 * host's own handler is back afterwards; without it tide touches nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "tide.h"

static char dir[] = "/tmp/tide-interrupt-XXXXXX";
static volatile sig_atomic_t host_caught;

static void host_handler(int sig) { host_caught = sig; }

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    struct sigaction sa;
    (void)state;
    if (!mkdtemp(dir) || chdir(dir) != 0)
        return -1;
    unsetenv("TIDE_DATABASE_URL");
    unsetenv("TIDE_CONFIG");
    mkdir("quick", 0755);
    mkdir("loop", 0755);
    mkdir("sql", 0755);
    write_file("quick.lua", "return { url = 'sqlite:quick.db', migrations = { path = 'quick' } }\n");
    write_file("loop.lua", "return { url = 'sqlite:loop.db', migrations = { path = 'loop' } }\n");
    write_file("sql.lua", "return { url = 'sqlite:sql.db', migrations = { path = 'sql' } }\n");
    write_file("quick/Migration20260101000000_a.lua",
               "return { up = function(m) m:execute 'create table a (id integer)' end }\n");
    /* each says it has started (the file "started"): the signal waits for it */
    write_file("loop/Migration20260101000000_loop.lua",
               "return { up = function(m) m:execute 'create table a (id integer)'\n"
               "  io.open('started', 'w'):close()\n"
               "  while true do end end }\n");
    write_file("sql/Migration20260101000000_cte.lua",
               "return { up = function(m) m:execute 'create table a (id integer)'\n"
               "  io.open('started', 'w'):close()\n"
               "  m:execute [[with recursive c(x) as (select 1 union all select x + 1 from c)\n"
               "              select count(*) from c where x < 0]] end }\n");
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = host_handler;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGINT, &sa, NULL) == 0 && sigaction(SIGTERM, &sa, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    if (chdir("/tmp") != 0)
        return -1;
    return system("rm -rf /tmp/tide-interrupt-*") == 0 ? 0 : -1;
}

static tide *open_project(const char *config, int handle_signals)
{
    tide_options o;
    tide_err err;
    tide *t = NULL;
    memset(&o, 0, sizeof o);
    o.config_file = config;
    o.handle_signals = handle_signals;
    tide_err_clear(&err);
    assert_int_equal(tide_open(&t, &o, &err), 0);
    return t;
}

/* A child that sends sig to this process ms milliseconds after the
 * migration has said it started (the file "started"; at most 60 s), so
 * that a busy machine cannot make the signal come before the run. */
static pid_t signal_later(int sig, int ms)
{
    pid_t parent = getpid(), child;
    unlink("started");
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        struct timespec poll = { 0, 10000000L }, ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
        int i;
        for (i = 0; i < 6000 && access("started", F_OK) != 0; i++)
            nanosleep(&poll, NULL);
        nanosleep(&ts, NULL);
        kill(parent, sig);
        _exit(0);
    }
    return child;
}

static void assert_host_handler(int sig)
{
    struct sigaction cur;
    assert_int_equal(sigaction(sig, NULL, &cur), 0);
    assert_ptr_equal(cur.sa_handler, host_handler);
}

static void interrupted_run(const char *config, int sig, const char *expect)
{
    tide_status_list l;
    tide_err err;
    tide *t = open_project(config, 1);
    pid_t child = signal_later(sig, 100);
    host_caught = 0;
    tide_err_clear(&err);
    assert_int_equal(tide_up(t, NULL, &l, &err), TIDE_EINTR);
    waitpid(child, NULL, 0);
    assert_non_null(strstr(err.msg, expect));
    assert_int_equal(tide_interrupt_signal(), sig);
    assert_int_equal(host_caught, 0);                  /* tide had it during the run */
    assert_host_handler(SIGINT);                       /* and gave it back */
    assert_host_handler(SIGTERM);
    assert_int_equal(tide_pending(t, &l, &err), 0);    /* nothing recorded */
    assert_int_equal(l.n, 1);
    tide_status_list_free(&l);
    tide_close(t);
}

static void lua_code_is_interrupted(void **state)
{
    (void)state;
    interrupted_run("loop.lua", SIGINT,
                    "interrupted by SIGINT during migration Migration20260101000000_loop");
}

static void sql_statement_is_interrupted(void **state)
{
    (void)state;
    interrupted_run("sql.lua", SIGTERM,
                    "interrupted by SIGTERM during migration Migration20260101000000_cte");
}

static void host_keeps_its_handlers_without_the_option(void **state)
{
    tide_status_list l;
    tide_err err;
    tide *t = open_project("quick.lua", 0);
    (void)state;
    host_caught = 0;
    tide_err_clear(&err);
    assert_int_equal(tide_up(t, NULL, &l, &err), 0);
    assert_int_equal(l.n, 1);
    tide_status_list_free(&l);
    assert_host_handler(SIGINT);
    raise(SIGINT);                                     /* still the host's */
    assert_int_equal(host_caught, SIGINT);
    tide_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lua_code_is_interrupted),
        cmocka_unit_test(sql_statement_is_interrupted),
        cmocka_unit_test(host_keeps_its_handlers_without_the_option),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
