/* snapshot_bench.c — how fast the snapshot is written and read back, for a
 * large schema: 10,000 tables x 20 columns, each with a primary key, one
 * index and one foreign key. Each phase runs in its own child process so that
 * its peak RSS is its own.
 *
 *   snapshot_bench [runs] [dir]     (defaults: 5, $TMPDIR or /tmp)
 */
#include "model/model.h"
#include "model/snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NTABLES 10000
#define NCOLUMNS 20

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void die(const char *what, const tide_err *err)
{
    fprintf(stderr, "snapshot_bench: %s: %s\n", what, err->msg);
    exit(1);
}

static void add_table(tide_schema *s, int i)
{
    static const char *const types[] = { "integer", "text", "varchar(255)", "timestamptz",
                                         "bigint", "boolean", "numeric(10,2)", "uuid" };
    char name[32], col[32], ref[32];
    tide_table *t;
    tide_column *c;
    tide_index *ix;
    tide_fk *fk;
    int j;
    snprintf(name, sizeof name, "table_%05d", i);
    t = tide_schema_add_table(s, NULL, name);
    for (j = 0; j < NCOLUMNS; j++) {
        snprintf(col, sizeof col, j == 0 ? "id" : "column_%02d", j);
        c = tide_table_add_column(s, t, col, j == 0 ? "bigint" : types[j % 8]);
        c->nullable = j % 3 == 1;
        c->autoincrement = j == 0;
        if (j % 7 == 2)
            c->default_expr = tide_schema_str(s, "'pending'");
    }
    tide_table_add_pk_column(s, t, "id");
    ix = tide_table_add_index(s, t, NULL);
    tide_strv_push(s, &ix->columns, &ix->ncolumns, "column_01");
    tide_strv_push(s, &ix->columns, &ix->ncolumns, "column_03 desc");
    fk = tide_table_add_fk(s, t, NULL);
    tide_strv_push(s, &fk->columns, &fk->ncolumns, "column_04");
    snprintf(ref, sizeof ref, "table_%05d", (i + 1) % NTABLES);
    fk->ref_table = tide_schema_str(s, ref);
    tide_strv_push(s, &fk->ref_columns, &fk->nref_columns, "id");
    fk->on_delete = tide_schema_str(s, "cascade");
}

static tide_schema *build(void)
{
    tide_schema *s = tide_schema_new();
    tide_err err;
    int i;
    if (!s) {
        fprintf(stderr, "snapshot_bench: out of memory\n");
        exit(1);
    }
    for (i = NTABLES - 1; i >= 0; i--)       /* backwards: finish has to sort */
        add_table(s, i);
    if (tide_schema_finish(s, &err) < 0)
        die("finish", &err);
    return s;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v: afterwards v[0] is the fastest run and v[n / 2] the median. */
static void sort_runs(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
}

/* Phase 1: build the schema, then render + write it `runs` times. */
static void write_phase(const char *path, int runs)
{
    double t0, build_ms, *render = calloc((size_t)runs, sizeof *render);
    double *total = calloc((size_t)runs, sizeof *total);
    long build_rss;
    tide_schema *s;
    tide_err err;
    int i;
    t0 = now_ms();
    s = build();
    build_ms = now_ms() - t0;
    build_rss = peak_rss_kb();
    for (i = 0; i < runs; i++) {
        tide_buf text = TIDE_BUF_INIT;
        t0 = now_ms();
        if (tide_snapshot_render(s, &text, &err) < 0)
            die("render", &err);
        render[i] = now_ms() - t0;
        tide_buf_free(&text);
        t0 = now_ms();
        if (tide_snapshot_write(s, path, &err) < 0)
            die("write", &err);
        total[i] = now_ms() - t0;
    }
    sort_runs(render, runs);
    sort_runs(total, runs);
    printf("build + finish (not part of the budget):  %7.1f ms             peak RSS %7ld KB\n",
           build_ms, build_rss);
    printf("render alone           (median, fastest): %7.1f ms  %7.1f ms\n", render[runs / 2],
           render[0]);
    printf("render + write         (median, fastest): %7.1f ms  %7.1f ms  peak RSS %7ld KB\n",
           total[runs / 2], total[0], peak_rss_kb());
    tide_schema_free(s);
    free(render);
    free(total);
}

/* Phase 2: read + parse + finish the file `runs` times. */
static void read_phase(const char *path, int runs)
{
    double *total = calloc((size_t)runs, sizeof *total), t0;
    tide_schema *s;
    tide_err err;
    int i;
    for (i = 0; i < runs; i++) {
        t0 = now_ms();
        if (tide_snapshot_read(&s, path, &err) < 0)
            die("read", &err);
        total[i] = now_ms() - t0;
        if (s->ntables != NTABLES)
            die("read", &(tide_err){ .msg = "wrong number of tables" });
        tide_schema_free(s);
    }
    sort_runs(total, runs);
    printf("read + parse + finish  (median, fastest): %7.1f ms  %7.1f ms  peak RSS %7ld KB\n",
           total[runs / 2], total[0], peak_rss_kb());
    free(total);
}

/* Runs phase in a child process: its peak RSS is then its own. */
static void in_child(void (*phase)(const char *, int), const char *path, int runs)
{
    int status;
    pid_t pid;
    fflush(stdout);
    if ((pid = fork()) < 0) {
        perror("snapshot_bench: fork");
        exit(1);
    }
    if (pid == 0) {
        phase(path, runs);
        fflush(stdout);
        _exit(0);
    }
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
        exit(1);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 5;
    const char *dir = argc > 2 ? argv[2] : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char path[4096];
    struct stat st;
    if (runs < 1)
        runs = 1;
    snprintf(path, sizeof path, "%s/snapshot_bench.%ld.json", dir, (long)getpid());
    printf("snapshot of %d tables x %d columns (1 primary key, 1 index, 1 foreign key each), "
           "%d runs\n", NTABLES, NCOLUMNS, runs);
    in_child(write_phase, path, runs);
    if (stat(path, &st) == 0)
        printf("file size: %lld bytes (%.1f MB)\n", (long long)st.st_size, st.st_size / 1e6);
    in_child(read_phase, path, runs);
    unlink(path);
    return 0;
}
