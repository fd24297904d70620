/* backup.c — the SQLite driver's backup (driver.h): the online backup API
 * copies the main database, page by page, into a new file. */
#include "sqlite_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

int sqlite_backup(tide_dconn *c, const char *path, tide_err *err)
{
    sqlite3 *dst = NULL;
    sqlite3_backup *b;
    int fd, rc, tries = 0, code = 0;
    /* Created here, exclusively: an existing file is never overwritten. */
    if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
        return tide_err_set(err, TIDE_EIO, "cannot create backup file '%s': %s", path,
                            strerror(errno));
    close(fd);
    rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        code = tide_err_set(err, TIDE_EIO, "cannot open backup file '%s': %s", path,
                            dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
    } else if (!(b = sqlite3_backup_init(dst, "main", c->db, "main"))) {
        code = tide_err_set(err, TIDE_EIO, "backup to '%s' failed: %s", path, sqlite3_errmsg(dst));
    } else {
        while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_OK || ((rc == SQLITE_BUSY ||
               rc == SQLITE_LOCKED) && ++tries < 1000))
            if (rc != SQLITE_OK)
                sqlite3_sleep(10);
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE)
            code = tide_err_set(err, TIDE_EIO, "backup to '%s' failed: %s", path,
                                sqlite3_errstr(rc));
    }
    if (sqlite3_close(dst) != SQLITE_OK && code == 0)
        code = tide_err_set(err, TIDE_EIO, "backup to '%s' failed: cannot close it", path);
    if (code < 0)
        unlink(path);
    return code;
}
