/* files.c — the two file helpers every reader and writer of tide uses:
 * read a whole file, replace a file atomically (temporary file in the same
 * folder, fsync, rename). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1   /* mkstemp, fsync under -std=c11 */
#endif
#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_CHUNK 65536

/* ---- files ------------------------------------------------------------- */

int tide_file_read(const char *path, tide_buf *out, tide_err *err)
{
    size_t len0 = out->len, n;
    int rc = 0, e = 0;
    FILE *f;
    if (!(f = fopen(path, "rb")))
        return tide_err_set(err, TIDE_EIO, "cannot read '%s': %s", path, strerror(errno));
    do {
        if (tide_buf_grow(out, READ_CHUNK) < 0) {
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory reading '%s'", path);
            goto done;
        }
        errno = 0;
        n = fread(out->data + out->len, 1, READ_CHUNK, f);
        e = errno;
        out->len += n;
    } while (n == READ_CHUNK);
    if (ferror(f))
        rc = tide_err_set(err, TIDE_EIO, "cannot read '%s': %s", path, strerror(e ? e : EIO));
done:
    fclose(f);
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

int tide_file_write_atomic(const char *path, const char *data, size_t len, int exclusive,
                           tide_err *err)
{
    tide_buf tmp = TIDE_BUF_INIT;
    int fd = -1, created = 0, rc, e;
    if (tide_buf_printf(&tmp, "%s.tmp-XXXXXX", path) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory writing '%s'", path);
    if ((fd = mkstemp(tmp.data)) < 0) {
        rc = write_error(err, path, errno);
        goto done;
    }
    created = 1;
    if (write_all(fd, data, len) < 0 || fsync(fd) < 0 || fchmod(fd, 0644) < 0) {
        rc = write_error(err, path, errno);
        goto done;
    }
    e = close(fd);
    fd = -1;
    if (e < 0) {
        rc = write_error(err, path, errno);
        goto done;
    }
    if ((rc = publish(tmp.data, path, exclusive, err)) == 0)
        sync_parent(path);
done:
    if (fd >= 0)
        close(fd);
    if (rc < 0 && created)
        unlink(tmp.data);
    tide_buf_free(&tmp);
    return rc;
}
