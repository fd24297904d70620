/* backup.c — the PostgreSQL driver's backup (driver.h): pg_dump in custom
 * format (-Fc) into a new file, with the connection's parameters. The
 * password goes only into the child's environment (PGPASSWORD), never onto
 * a command line or into a message. */
#include "db/driver.h"
#include "pg_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* The last non-empty line of text (pg_dump's error), trimmed, in out. */
static void last_line(const char *text, char *out, size_t size)
{
    const char *end = text + strlen(text), *start;
    while (end > text && strchr(" \t\r\n", end[-1]))
        end--;
    start = end;
    while (start > text && start[-1] != '\n')
        start--;
    snprintf(out, size, "%.*s", (int)(end - start), start);
}

int pg_backup(tide_dconn *c, const char *path, tide_err *err)
{
    const char *host = PQhost(c->pg), *port = PQport(c->pg), *user = PQuser(c->pg);
    const char *db = PQdb(c->pg), *pass = PQpass(c->pg);
    PQconninfoOption *info = PQconninfo(c->pg);
    char *argv[16];
    char errbuf[4096], line[1024];
    size_t used = 0;
    int fd, errpipe[2], execpipe[2], status, exec_errno = 0, code = 0, n = 0;
    ssize_t got;
    pid_t pid;

    if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
        PQconninfoFree(info);
        return tide_err_set(err, TIDE_EIO, "cannot create backup file '%s': %s", path,
                            strerror(errno));
    }
    close(fd);
    if (pipe2(errpipe, O_CLOEXEC) < 0 || (pipe2(execpipe, O_CLOEXEC) < 0 &&
                                          (close(errpipe[0]), close(errpipe[1]), 1))) {
        code = tide_err_set(err, TIDE_EIO, "backup to '%s' failed: pipe: %s", path, strerror(errno));
        goto out;
    }
    argv[n++] = "pg_dump";
    argv[n++] = "-Fc";
    argv[n++] = "--no-password";
    argv[n++] = "-f"; argv[n++] = (char *)path;
    if (host && *host) { argv[n++] = "-h"; argv[n++] = (char *)host; }
    if (port && *port) { argv[n++] = "-p"; argv[n++] = (char *)port; }
    if (user && *user) { argv[n++] = "-U"; argv[n++] = (char *)user; }
    if (db && *db) { argv[n++] = "-d"; argv[n++] = (char *)db; }
    argv[n] = NULL;

    fflush(NULL);
    if ((pid = fork()) < 0) {
        code = tide_err_set(err, TIDE_EIO, "backup to '%s' failed: fork: %s", path, strerror(errno));
        close(errpipe[0]); close(errpipe[1]); close(execpipe[0]); close(execpipe[1]);
        goto out;
    }
    if (pid == 0) {
        PQconninfoOption *o;
        int e, devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, 0);
            dup2(devnull, 1);
        }
        dup2(errpipe[1], 2);
        /* The rest of the connection's settings (sslmode, timeouts, ...)
         * through libpq's environment variables; the password among them. */
        unsetenv("PGPASSWORD");
        for (o = info; o && o->keyword; o++)
            if (o->envvar && o->val && *o->val)
                setenv(o->envvar, o->val, 1);
        if (pass && *pass)
            setenv("PGPASSWORD", pass, 1);
        execvp("pg_dump", argv);
        e = errno;
        if (write(execpipe[1], &e, sizeof e) < 0) { /* nothing more to do */ }
        _exit(127);
    }
    close(errpipe[1]);
    close(execpipe[1]);
    while ((got = read(errpipe[0], errbuf + used, sizeof errbuf - 1 - used)) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        used += (size_t)got;
        if (used == sizeof errbuf - 1) {   /* keep the tail */
            memmove(errbuf, errbuf + used / 2, used - used / 2);
            used -= used / 2;
        }
    }
    errbuf[used] = '\0';
    close(errpipe[0]);
    while ((got = read(execpipe[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
        ;
    if (got != (ssize_t)sizeof exec_errno)
        exec_errno = 0;
    close(execpipe[0]);
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            status = -1;
            break;
        }
    if (exec_errno == ENOENT) {
        code = tide_err_set(err, TIDE_EINVAL, "--backup on PostgreSQL needs pg_dump "
                            "(apt-get install postgresql-client)");
    } else if (exec_errno) {
        code = tide_err_set(err, TIDE_EIO, "--backup: cannot run pg_dump: %s", strerror(exec_errno));
    } else if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        last_line(errbuf, line, sizeof line);
        if (pass && *pass && strstr(line, pass))
            line[0] = '\0';   /* never show the password */
        if (WIFSIGNALED(status))
            code = tide_err_set(err, TIDE_EIO, "backup to '%s' failed: pg_dump was killed by "
                                "signal %d", path, WTERMSIG(status));
        else
            code = tide_err_set(err, TIDE_EIO, "backup to '%s' failed: pg_dump exited with %d%s%s",
                                path, status == -1 ? -1 : WEXITSTATUS(status),
                                line[0] ? ": " : "", line);
    }
out:
    PQconninfoFree(info);
    if (code < 0)
        unlink(path);
    return code;
}
