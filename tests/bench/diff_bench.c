/* Benchmark of the diff engine and the emitters (issue 4, figures (a) and
 * (b)): a schema of 10,000 tables x 20 columns, each with an index and a
 * foreign key; (a) diff + SQL from an empty schema, (b) diff + SQL after 1%
 * of the columns changed type. Prints wall time and peak RSS per step; each
 * step runs in its own child process so its peak memory is its own.
 * usage: bench_diff_bench [tables]   (default 10000) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/driver.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* tables x 20 columns; every 100th column changed when `changed`. */
static tide_schema *build(int tables, int changed)
{
    tide_schema *s = tide_schema_new();
    tide_err err;
    char name[64], col[64];
    int i, j, n = 0;
    for (i = 0; i < tables; i++) {
        tide_table *t;
        tide_index *ix;
        tide_fk *fk;
        snprintf(name, sizeof name, "t%05d", i);
        t = tide_schema_add_table(s, NULL, name);
        tide_table_add_column(s, t, "id", "integer")->autoincrement = 1;
        tide_table_add_pk_column(s, t, "id");
        tide_table_add_column(s, t, "parent_id", "integer")->nullable = 1;
        for (j = 2; j < 20; j++, n++) {
            snprintf(col, sizeof col, "c%02d", j);
            tide_table_add_column(s, t, col, changed && n % 100 == 0 ? "bigint" : j % 2 ? "text" : "integer");
        }
        ix = tide_table_add_index(s, t, NULL);
        tide_strv_push(s, &ix->columns, &ix->ncolumns, "c02");
        fk = tide_table_add_fk(s, t, NULL);
        tide_strv_push(s, &fk->columns, &fk->ncolumns, "parent_id");
        snprintf(name, sizeof name, "t%05d", i ? i - 1 : 0);
        fk->ref_table = tide_schema_str(s, name);
    }
    if (tide_schema_finish(s, &err) < 0) {
        fprintf(stderr, "finish: %s\n", err.msg);
        exit(1);
    }
    return s;
}

/* One step in a child: build both schemas (untimed), then diff + emit. */
static void step(const char *label, int tables, int from_tables, int changed, const tide_driver *drv)
{
    pid_t pid;
    fflush(stdout);                     /* or the child repeats what is buffered */
    pid = fork();
    if (pid == 0) {
        tide_schema *a = build(from_tables, 0), *b = build(tables, changed);
        tide_plan up, down;
        tide_sql_list sql = { NULL, NULL, 0 };
        tide_err err;
        struct rusage ru;
        double t0 = now_ms(), t1, t2;
        if (tide_diff(a, b, NULL, &up, &down, &err) < 0) {
            fprintf(stderr, "diff: %s\n", err.msg);
            _exit(1);
        }
        t1 = now_ms();
        if (drv->emit(&up, &sql, &err) < 0 || drv->emit(&down, &sql, &err) < 0) {
            fprintf(stderr, "emit: %s\n", err.msg);
            _exit(1);
        }
        t2 = now_ms();
        getrusage(RUSAGE_SELF, &ru);
        printf("%-34s %-9s %7d ops %9.1f ms diff %9.1f ms SQL %9.1f ms total %7.1f MB peak\n",
               label, drv->name, up.n, t1 - t0, t2 - t1, t2 - t0, ru.ru_maxrss / 1024.0);
        tide_sql_list_free(&sql);
        tide_plan_free(&up);
        tide_plan_free(&down);
        tide_schema_free(a);
        tide_schema_free(b);
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
}

int main(int argc, char **argv)
{
    int tables = argc > 1 ? atoi(argv[1]) : 10000;
    printf("diff benchmark: %d tables x 20 columns, an index and a foreign key each "
           "(up and down plans, and their SQL)\n", tables);
    step("(a) from an empty schema", tables, 0, 0, &tide_postgres_driver);
    step("(a) from an empty schema", tables, 0, 0, &tide_sqlite_driver);
    step("(b) 1% of the columns changed", tables, tables, 1, &tide_postgres_driver);
    step("(b) 1% of the columns changed", tables, tables, 1, &tide_sqlite_driver);
    step("(c) no change", tables, tables, 0, &tide_postgres_driver);
    return 0;
}
