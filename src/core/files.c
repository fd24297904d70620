/* files.c — the file helpers every reader and writer of tide uses: read a
 * whole file, replace a file atomically (temporary file in the same folder,
 * fsync, rename), list the files of a folder (migrations, schema files,
 * seeders). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1   /* mkstemp, fsync, d_type, fstatat under -std=c11 */
#endif
#include "core/files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_CHUNK 65536

/* ---- files ------------------------------------------------------------- */

/* Room for extra more bytes and the NUL, allocated to the byte. */
static int reserve_exactly(tide_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    char *p;
    if (need <= b->cap)
        return 0;
    if (!(p = realloc(b->data, need)))
        return TIDE_ENOMEM;
    b->data = p;
    b->cap = need;
    return 0;
}

/* open and read, not stdio: fopen's buffer and fstat cost as much as the
 * read of a small file, and migration:list reads every migration's. A file
 * that fills the first chunk is measured then (fstat) and the rest read into
 * a buffer of its size: a definitions file of 8 MB is not copied from
 * buffer to doubled buffer, nor read 64 KB at a time. */
int tide_file_read(const char *path, tide_buf *out, tide_err *err)
{
    size_t len0 = out->len;
    ssize_t n;
    int rc = 0, fd, measured = 0;
    struct stat st;
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return tide_err_set(err, TIDE_EIO, "cannot read '%s': %s", path, strerror(errno));
    for (;;) {
        size_t got = out->len - len0;
        if (!measured && got >= READ_CHUNK) {
            measured = 1;                   /* +1: the read that finds the end */
            if (fstat(fd, &st) == 0 && st.st_size > 0 && (size_t)st.st_size >= got &&
                reserve_exactly(out, (size_t)st.st_size - got + 1) < 0) {
                rc = tide_err_set(err, TIDE_ENOMEM, "out of memory reading '%s'", path);
                break;
            }
        }
        if (out->cap <= out->len + 1 && tide_buf_grow(out, READ_CHUNK) < 0) {
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory reading '%s'", path);
            break;
        }
        n = read(fd, out->data + out->len, out->cap - out->len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = tide_err_set(err, TIDE_EIO, "cannot read '%s': %s", path, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
    }
    close(fd);
    if (rc < 0)
        out->len = len0;
    if (out->data)
        out->data[out->len] = '\0';
    return rc;
}

static int write_error(tide_err *err, const char *path, int e)
{
    if (e == EACCES || e == EROFS)
        return tide_err_set(err, TIDE_EIO, "cannot write '%s': directory is read-only or not writable",
                            path);
    return tide_err_set(err, TIDE_EIO, "cannot write '%s': %s", path, strerror(e));
}

/* Writes all of data; 0, or -1 with errno set. */
static int write_all(int fd, const char *data, size_t len)
{
    ssize_t n;
    while (len > 0) {
        if ((n = write(fd, data, len)) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0) {
            errno = EIO;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Makes the new directory entry durable too; a failure here cannot be
 * undone (the file is in place), so it is not reported. */
static void sync_parent(const char *path)
{
    tide_buf dir = TIDE_BUF_INIT;
    const char *slash = strrchr(path, '/');
    int fd;
    if (tide_buf_add(&dir, slash ? path : ".", slash ? (size_t)(slash - path) + 1 : 1) < 0)
        return;
    if ((fd = open(dir.data, O_RDONLY | O_DIRECTORY)) >= 0) {
        fsync(fd);
        close(fd);
    }
    tide_buf_free(&dir);
}

/* Puts the finished temporary file in place of path. */
static int publish(const char *tmp, const char *path, int exclusive, tide_err *err)
{
    if (!exclusive)
        return rename(tmp, path) < 0 ? write_error(err, path, errno) : 0;
    /* link() fails on an existing path where rename() would replace it. */
    if (link(tmp, path) < 0)
        return errno == EEXIST ? tide_err_set(err, TIDE_EIO, "'%s' already exists", path)
                               : write_error(err, path, errno);
    unlink(tmp);
    return 0;
}

int tide_file_out_open(tide_file_out *f, const char *path, tide_err *err)
{
    f->path = path;
    f->tmp = (tide_buf)TIDE_BUF_INIT;
    if (tide_buf_printf(&f->tmp, "%s.tmp-XXXXXX", path) < 0) {
        f->fd = -1;
        return tide_err_set(err, TIDE_ENOMEM, "out of memory writing '%s'", path);
    }
    if ((f->fd = mkstemp(f->tmp.data)) < 0) {
        int rc = write_error(err, path, errno);
        tide_buf_free(&f->tmp);
        return rc;
    }
    return 0;
}

int tide_file_out_write(tide_file_out *f, const char *data, size_t len, tide_err *err)
{
    if (write_all(f->fd, data, len) < 0) {
        int rc = write_error(err, f->path, errno);
        tide_file_out_abort(f);
        return rc;
    }
    return 0;
}

void tide_file_out_abort(tide_file_out *f)
{
    if (f->fd >= 0) {
        close(f->fd);
        unlink(f->tmp.data);
        f->fd = -1;
    }
    tide_buf_free(&f->tmp);
}

int tide_file_out_commit(tide_file_out *f, int exclusive, tide_err *err)
{
    int rc = 0, e;
    if (fsync(f->fd) < 0 || fchmod(f->fd, 0644) < 0) {
        rc = write_error(err, f->path, errno);
        tide_file_out_abort(f);
        return rc;
    }
    e = close(f->fd);
    f->fd = -1;
    if (e < 0)
        rc = write_error(err, f->path, errno);
    else if ((rc = publish(f->tmp.data, f->path, exclusive, err)) == 0)
        sync_parent(f->path);
    if (rc < 0)
        unlink(f->tmp.data);
    tide_buf_free(&f->tmp);
    return rc;
}

int tide_file_write_atomic(const char *path, const char *data, size_t len, int exclusive,
                           tide_err *err)
{
    tide_file_out f;
    int rc;
    if ((rc = tide_file_out_open(&f, path, err)) < 0 || (rc = tide_file_out_write(&f, data, len, err)) < 0)
        return rc;
    return tide_file_out_commit(&f, exclusive, err);
}

/* ---- folders ------------------------------------------------------------ */

void tide_dir_list_free(tide_dir_list *l)
{
    int i;
    if (!l)
        return;
    for (i = 0; i < l->n; i++)
        free(l->items[i].path);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Whether the entry is a regular file (following symlinks); d_type spares
 * a stat per file on the file systems that fill it in. */
static int is_regular(DIR *d, const struct dirent *de)
{
    struct stat st;
#ifdef _DIRENT_HAVE_D_TYPE
    if (de->d_type == DT_REG)
        return 1;
    if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
        return 0;
#endif
    return fstatat(dirfd(d), de->d_name, &st, 0) == 0 && S_ISREG(st.st_mode);
}

/* 1 when q takes the file (its name, then keep), 0 when not, or keep's code. */
static int takes(const tide_dir_query *q, DIR *d, const struct dirent *de, tide_err *err)
{
    size_t len = strlen(de->d_name), slen = q->suffix ? strlen(q->suffix) : 0;
    if (de->d_name[0] == '.' && !q->dot_files)
        return 0;
    if (q->suffix && (len <= slen || strcmp(de->d_name + len - slen, q->suffix)))
        return 0;
    if (!is_regular(d, de))
        return 0;
    return q->keep ? q->keep(q->ud, de->d_name, err) : 1;
}

static int add_entry(tide_dir_list *l, int *cap, const char *dir, const char *name, tide_err *err)
{
    size_t dlen = strlen(dir), len;
    int slash = dlen > 0 && dir[dlen - 1] != '/';
    tide_dir_file *f;
    if (l->n == *cap) {
        int ncap = *cap ? *cap * 2 : 32;
        if (!(f = realloc(l->items, sizeof *f * (size_t)ncap)))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory listing '%s'", dir);
        l->items = f;
        *cap = ncap;
    }
    f = &l->items[l->n];
    len = dlen + (size_t)slash + strlen(name) + 1;
    if (!(f->path = malloc(len)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory listing '%s'", dir);
    memcpy(f->path, dir, dlen);          /* dir/name, without a printf per file */
    if (slash)
        f->path[dlen] = '/';
    memcpy(f->path + dlen + (size_t)slash, name, len - dlen - (size_t)slash);
    f->name = f->path + dlen + (size_t)slash;
    l->n++;
    return 0;
}

static int open_folder(DIR **out, const char *dir, const tide_dir_query *q, tide_err *err)
{
    struct stat st;
    if (stat(dir, &st) < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return tide_err_set(err, TIDE_EIO, "%s '%s' does not exist (create it, or set %s in "
                                "tide.lua)", q->what, dir, q->setting);
        return tide_err_set(err, TIDE_EIO, "cannot read %s '%s': %s", q->what, dir, strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return tide_err_set(err, TIDE_EIO, "%s '%s' is not a directory (set %s in tide.lua to a "
                            "folder)", q->what, dir, q->setting);
    if (!(*out = opendir(dir)))
        return tide_err_set(err, TIDE_EIO, "cannot read %s '%s': %s", q->what, dir, strerror(errno));
    return 0;
}

int tide_dir_check(const char *dir, const tide_dir_query *q, tide_err *err)
{
    DIR *d;
    int rc = open_folder(&d, dir, q, err);
    if (rc == 0)
        closedir(d);
    return rc;
}

/* The byte of a name at depth d (names are distinct: a shorter one ends
 * with its NUL, which sorts first, as strcmp has it). */
#define BYTE_AT(f, d) ((unsigned char)(f).name[d])

static void swap_files(tide_dir_file *a, tide_dir_file *b)
{
    tide_dir_file t = *a;
    *a = *b;
    *b = t;
}

/* The length of the prefix every name shares: the sort starts after it
 * (each of its bytes would be one pass of the sort over every name). */
static size_t shared_prefix(const tide_dir_list *l)
{
    const char *first = l->items[0].name;
    size_t lcp = strlen(first), k;
    int i;
    for (i = 1; i < l->n && lcp > 0; i++) {
        const char *name = l->items[i].name;
        for (k = 0; k < lcp && name[k] == first[k]; k++)
            ;
        lcp = k;
    }
    return lcp;
}

/* Sorts v[0..n) by name in byte order, the names' first d bytes equal:
 * a three-way radix quicksort (Bentley and Sedgewick's multikey
 * quicksort), which reads each byte of a shared prefix once instead of
 * once per comparison. Migration files share a long one
 * ("Migration2025000000..."): qsort with strcmp was a tenth of
 * migration:list's instructions for 10,000 files. */
static void sort_names(tide_dir_file *v, size_t n, size_t d)
{
    while (n > 1) {
        size_t lt = 0, gt = n - 1, i = 1;
        int pivot;
        if (n < 8) {                    /* few: insertion, comparing from depth d */
            size_t j, k;
            for (j = 1; j < n; j++)
                for (k = j; k > 0 && strcmp(v[k - 1].name + d, v[k].name + d) > 0; k--)
                    swap_files(&v[k - 1], &v[k]);
            return;
        }
        swap_files(&v[0], &v[n / 2]);
        pivot = BYTE_AT(v[0], d);
        while (i <= gt) {               /* v[0..lt) < pivot, v[lt..i) == pivot, v(gt..n) > pivot */
            int c = BYTE_AT(v[i], d);
            if (c < pivot)
                swap_files(&v[lt++], &v[i++]);
            else if (c > pivot)
                swap_files(&v[i], &v[gt--]);
            else
                i++;
        }
        sort_names(v, lt, d);
        sort_names(v + gt + 1, n - gt - 1, d);
        if (pivot == 0)
            return;                     /* names ending here: one at most */
        v += lt;                        /* the equal ones, one byte deeper */
        n = gt + 1 - lt;
        d++;
    }
}

int tide_dir_list_files(tide_dir_list *out, const char *dir, const tide_dir_query *q, tide_err *err)
{
    DIR *d;
    struct dirent *de;
    int cap = 0, rc;
    memset(out, 0, sizeof *out);
    if ((rc = open_folder(&d, dir, q, err)) < 0)
        return rc;
    for (;;) {
        errno = 0;
        if (!(de = readdir(d)))
            break;
        if ((rc = takes(q, d, de, err)) < 0 || (rc && (rc = add_entry(out, &cap, dir, de->d_name, err)) < 0))
            break;
        rc = 0;
    }
    if (rc == 0 && errno)
        rc = tide_err_set(err, TIDE_EIO, "cannot read %s '%s': %s", q->what, dir, strerror(errno));
    closedir(d);
    if (rc < 0)
        tide_dir_list_free(out);
    else if (out->n > 1)
        sort_names(out->items, (size_t)out->n, shared_prefix(out));
    return rc;
}
