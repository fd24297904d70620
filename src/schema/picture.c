/* picture.c — schema:inspect --format dot|mermaid|svg: the live database
 * or the definitions drawn as an entity-relationship diagram. The drawing
 * is the model's (model/diagram.c, dialect-free); an SVG is Graphviz's
 * `dot` run on it, found on PATH. */
#include "schema/schema.h"
#include "model/diagram.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Whether an executable named prog is on PATH. */
static int on_path(const char *prog)
{
    const char *path = getenv("PATH"), *p;
    char full[4096];
    if (!path || !*path)
        path = "/usr/bin:/bin";
    for (p = path; *p; ) {
        size_t n = strcspn(p, ":");
        if (n && n + strlen(prog) + 2 < sizeof full) {
            memcpy(full, p, n);
            full[n] = '/';
            strcpy(full + n + 1, prog);
            if (access(full, X_OK) == 0)
                return 1;
        }
        p += n;
        if (*p == ':')
            p++;
    }
    return 0;
}

/* The SVG Graphviz draws from dot_text, into svg. */
static int render_svg(const char *dot_text, tide_buf *svg, tide_err *err)
{
    char tmpl[] = "/tmp/tide-diagram-XXXXXX";
    int fd, pipefd[2], status, rc = 0;
    size_t len = strlen(dot_text), off = 0;
    pid_t pid;
    char chunk[8192];
    ssize_t got;
    if (!on_path("dot"))
        return tide_err_set(err, TIDE_EINVAL, "--format svg needs Graphviz's 'dot' program, which is not "
                            "on PATH: install Graphviz (Debian/Ubuntu: apt-get install graphviz; "
                            "macOS: brew install graphviz), or write --format dot and render it elsewhere");
    if ((fd = mkstemp(tmpl)) < 0)
        return tide_err_set(err, TIDE_EIO, "cannot create a temporary file for dot: %s", strerror(errno));
    while (off < len) {
        ssize_t w = write(fd, dot_text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = tide_err_set(err, TIDE_EIO, "cannot write %s: %s", tmpl, strerror(errno));
            break;
        }
        off += (size_t)w;
    }
    close(fd);
    if (rc == 0 && pipe(pipefd) < 0)
        rc = tide_err_set(err, TIDE_EIO, "cannot run dot: %s", strerror(errno));
    if (rc < 0) {
        unlink(tmpl);
        return rc;
    }
    if ((pid = fork()) < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        unlink(tmpl);
        return tide_err_set(err, TIDE_EIO, "cannot run dot: %s", strerror(errno));
    }
    if (pid == 0) {
        dup2(pipefd[1], 1);
        close(pipefd[0]);
        close(pipefd[1]);
        execlp("dot", "dot", "-Tsvg", tmpl, (char *)NULL);
        _exit(127);
    }
    close(pipefd[1]);
    while ((got = read(pipefd[0], chunk, sizeof chunk)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || (rc == 0 && tide_buf_add(svg, chunk, (size_t)got) < 0)) {
            rc = got < 0 ? tide_err_set(err, TIDE_EIO, "reading dot's output: %s", strerror(errno))
                         : tide_err_set(err, TIDE_ENOMEM, "out of memory");
            if (got < 0)
                break;
        }
    }
    close(pipefd[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    unlink(tmpl);
    if (rc == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
        rc = tide_err_set(err, TIDE_ERROR, "Graphviz's dot failed on the diagram (exit %d; its message "
                          "is above)", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    if (rc == 0 && !svg->len)
        rc = tide_err_set(err, TIDE_ERROR, "Graphviz's dot wrote no SVG");
    return rc;
}

int tide_diagram(tide *t, const char *format, int from_definitions, char **out, tide_err *err)
{
    tide_schema *s = NULL;
    tide_buf text = TIDE_BUF_INIT, svg = TIDE_BUF_INIT;
    int svg_out = format && !strcmp(format, "svg"), rc;
    tide_diagram_format f;
    *out = NULL;
    if (format && !strcmp(format, "mermaid"))
        f = TIDE_DIAGRAM_MERMAID;
    else if (format && (svg_out || !strcmp(format, "dot")))
        f = TIDE_DIAGRAM_DOT;
    else
        return tide_err_set(err, TIDE_EINVAL, "a diagram is dot, mermaid or svg, not '%s'",
                            format ? format : "(none)");
    rc = from_definitions ? tide__load_definitions(t, &s, err) : tide__inspected(t, &s, err);
    if (rc == 0 && from_definitions)
        tide__limit_schema(t, s);
    if (rc == 0 && tide_model_diagram(s, f, t->module && t->module[0] ? t->module : NULL, &text) < 0)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (rc == 0 && svg_out && (rc = render_svg(text.data, &svg, err)) == 0) {
        tide_buf_free(&text);
        text = svg;
        svg.data = NULL;
    }
    if (rc == 0 && !(*out = tide_buf_detach(&text)))
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    tide_buf_free(&text);
    tide_buf_free(&svg);
    tide_schema_free(s);
    return rc;
}
