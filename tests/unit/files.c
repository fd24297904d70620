/* Unit tests of the file helpers of the core room (src/core/files.c): the
 * folder walker every reader of a folder uses (migrations, schema files,
 * seeders): which files it takes, in which order, and what it says about a
 * folder that is not there; reading a file whole. And the core's lists that
 * grow by doubling (tide_list_reserve, src/core/buf.c). */
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

#include "core/buf.h"
#include "core/files.h"

static char dir[] = "/tmp/tide-files-XXXXXX";

static void touch(const char *name)
{
    char path[256];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_non_null(f = fopen(path, "w"));
    fclose(f);
}

static int setup(void **state)
{
    char path[256];
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    touch("b.lua");
    touch("a.lua");
    touch(".hidden.lua");
    touch(".lua");
    touch("c.sql");
    touch("notes.txt");
    snprintf(path, sizeof path, "%s/d.lua", dir);   /* a folder named like a file */
    if (mkdir(path, 0755) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/link.lua", dir);
    return symlink("a.lua", path);
}

static int teardown(void **state)
{
    char cmd[300];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void lists_regular_files_by_suffix_sorted(void **state)
{
    static const tide_dir_query q = { "schema folder", "schema", ".lua", 0, NULL, NULL };
    tide_dir_list l;
    tide_err err;
    char path[256];
    (void)state;
    assert_int_equal(tide_dir_list_files(&l, dir, &q, &err), 0);
    assert_int_equal(l.n, 3);                /* no dot files, no folder, ".lua" has no name */
    assert_string_equal(l.items[0].name, "a.lua");
    assert_string_equal(l.items[1].name, "b.lua");
    assert_string_equal(l.items[2].name, "link.lua");   /* a link to a file is a file */
    snprintf(path, sizeof path, "%s/a.lua", dir);
    assert_string_equal(l.items[0].path, path);
    tide_dir_list_free(&l);
    assert_int_equal(l.n, 0);
    tide_dir_list_free(&l);
}

static int by_strcmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The listing's own sort (a radix quicksort over the names' bytes) gives
 * strcmp's order: names that are prefixes of others, long shared prefixes,
 * bytes from 0x80 up, runs of equal bytes at every depth, 3,000 of them. */
static void sorts_many_names_in_byte_order(void **state)
{
    static const tide_dir_query q = { "migrations folder", "migrations", ".lua", 0, NULL, NULL };
    static char big[] = "/tmp/tide-sort-XXXXXX";
    enum { N = 3000 };
    char *names[N], path[300], cmd[320];
    unsigned seed = 12345;
    tide_dir_list l;
    tide_err err;
    int i;
    FILE *f;
    (void)state;
    assert_non_null(mkdtemp(big));
    for (i = 0; i < N; i++) {
        char name[64];
        int len, k;
        seed = seed * 1103515245u + 12345u;
        if (i % 3 == 0) {
            snprintf(name, sizeof name, "Migration2025%010u_m%d", seed % 100000u, i);
        } else {
            len = 1 + (int)(seed >> 16) % 12;
            for (k = 0; k < len; k++) {
                static const char alphabet[] = "aab_9\xc3\xa9Z";
                seed = seed * 1103515245u + 12345u;
                name[k] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
            }
            snprintf(name + len, sizeof name - (size_t)len, "%s%d", i % 3 == 1 ? "" : "x", i);
        }
        assert_non_null(names[i] = malloc(strlen(name) + 5));
        snprintf(names[i], strlen(name) + 5, "%s.lua", name);
        snprintf(path, sizeof path, "%s/%s", big, names[i]);
        assert_non_null(f = fopen(path, "w"));
        fclose(f);
    }
    qsort(names, N, sizeof *names, by_strcmp);
    assert_int_equal(tide_dir_list_files(&l, big, &q, &err), 0);
    assert_int_equal(l.n, N);
    for (i = 0; i < N; i++)
        assert_string_equal(l.items[i].name, names[i]);
    tide_dir_list_free(&l);
    for (i = 0; i < N; i++)
        free(names[i]);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", big);
    assert_int_equal(system(cmd), 0);
}

static int sql_or_hidden(void *ud, const char *name, tide_err *err)
{
    (void)err;
    ++*(int *)ud;
    return strstr(name, ".sql") || name[0] == '.';
}

static int refuse(void *ud, const char *name, tide_err *err)
{
    (void)ud;
    return tide_err_set(err, TIDE_ECONFIG, "refused %s", name);
}

static void a_filter_chooses_and_may_fail(void **state)
{
    tide_dir_query q = { "migrations folder", "migrations.path", NULL, 1, sql_or_hidden, NULL };
    tide_dir_list l;
    tide_err err;
    int asked = 0;
    (void)state;
    q.ud = &asked;
    assert_int_equal(tide_dir_list_files(&l, dir, &q, &err), 0);
    assert_int_equal(l.n, 3);                /* dot files asked for; notes.txt filtered out */
    assert_string_equal(l.items[0].name, ".hidden.lua");
    assert_string_equal(l.items[1].name, ".lua");
    assert_string_equal(l.items[2].name, "c.sql");
    assert_int_equal(asked, 7);              /* every regular file, the folder d.lua not */
    tide_dir_list_free(&l);
    q.keep = refuse;
    assert_int_equal(tide_dir_list_files(&l, dir, &q, &err), TIDE_ECONFIG);
    assert_int_equal(l.n, 0);
    assert_null(l.items);
    assert_non_null(strstr(err.msg, "refused "));
}

static void a_missing_folder_names_its_setting(void **state)
{
    static const tide_dir_query q = { "schema folder", "schema", ".lua", 0, NULL, NULL };
    tide_dir_list l;
    tide_err err;
    char path[256];
    (void)state;
    assert_int_equal(tide_dir_list_files(&l, "/nonexistent/tide", &q, &err), TIDE_EIO);
    assert_string_equal(err.msg, "schema folder '/nonexistent/tide' does not exist (create it, or set "
                                 "schema in tide.lua)");
    snprintf(path, sizeof path, "%s/a.lua", dir);
    assert_int_equal(tide_dir_list_files(&l, path, &q, &err), TIDE_EIO);
    assert_non_null(strstr(err.msg, "is not a directory (set schema in tide.lua to a folder)"));
}

/* tide_file_read appends the whole file, however many reads it takes, and
 * leaves the buffer as it was when the file cannot be read. */
static void reads_a_file_whole_after_what_the_buffer_holds(void **state)
{
    tide_buf b = TIDE_BUF_INIT;
    tide_err err;
    char path[256];
    FILE *f;
    size_t i, n = 200000;                   /* three reads of 64 KiB and more */
    (void)state;
    snprintf(path, sizeof path, "%s/big.txt", dir);
    assert_non_null(f = fopen(path, "w"));
    for (i = 0; i < n; i++)
        fputc('a' + (int)(i % 26), f);
    fclose(f);
    assert_int_equal(tide_buf_puts(&b, "head:"), 0);
    assert_int_equal(tide_file_read(path, &b, &err), 0);
    assert_int_equal(b.len, 5 + n);
    assert_memory_equal(b.data, "head:abc", 8);
    assert_int_equal(b.data[5 + n - 1], 'a' + (int)((n - 1) % 26));
    assert_int_equal(b.data[b.len], '\0');
    assert_true(b.cap <= b.len + 2);        /* measured after the first chunk: no doubling */
    unlink(path);
    assert_int_equal(tide_file_read(path, &b, &err), TIDE_EIO);
    assert_int_equal(b.len, 5 + n);
    assert_non_null(strstr(err.msg, "cannot read"));
    assert_int_equal(tide_file_read(dir, &b, &err), TIDE_EIO);   /* a folder */
    assert_int_equal(b.len, 5 + n);
    tide_buf_free(&b);
}

/* tide_list_reserve: room for item n whatever the count; the list is
 * reallocated only at 0, 4 and the powers of two after (appends stay
 * linear), and keeps its items. */
static void a_list_grows_by_doubling(void **state)
{
    int *list = NULL, n;
    (void)state;
    for (n = 0; n < 10000; n++) {
        int *before = list, full = n == 0 || (n >= 4 && (n & (n - 1)) == 0);
        assert_int_equal(tide_list_reserve(&list, n, sizeof *list), 0);
        if (!full)
            assert_ptr_equal(list, before);
        list[n] = n;
    }
    for (n = 0; n < 10000; n++)
        assert_int_equal(list[n], n);
    free(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lists_regular_files_by_suffix_sorted),
        cmocka_unit_test(sorts_many_names_in_byte_order),
        cmocka_unit_test(a_filter_chooses_and_may_fail),
        cmocka_unit_test(a_missing_folder_names_its_setting),
        cmocka_unit_test(reads_a_file_whole_after_what_the_buffer_holds),
        cmocka_unit_test(a_list_grows_by_doubling),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
