/* url.h — database URLs parsed into parts (internal).
 *
 *   sqlite:PATH            sqlite:./app.db, sqlite:/abs/app.db, sqlite:///abs/app.db
 *   sqlite::memory:
 *   postgres://[user[:password]@][host][:port][/dbname][?key=value&...]
 *   postgresql://...       same; host may be a percent-encoded socket
 *                          directory (%2Ftmp) or given as ?host=/tmp
 *
 * Which scheme reads which way is the drivers' to say (tide_driver.schemes
 * and url_form, in drivers/registry.c). Parts are percent-decoded, malloc'd
 * and owned by the tide_url. */
#ifndef TIDE_URL_H
#define TIDE_URL_H

#include "tide.h"
#include "core/buf.h"

/* How the text after a scheme reads. */
typedef enum tide_url_form {
    TIDE_URL_PATH = 1,    /* scheme:PATH (also scheme://PATH): a file */
    TIDE_URL_SERVER       /* scheme://[user[:password]@][host][:port][/dbname][?k=v&...] */
} tide_url_form;

typedef struct tide_url_opt {
    char *key;
    char *value;
} tide_url_opt;

typedef struct tide_url {
    char *scheme;     /* the driver's name (an alias such as postgresql folded in) */
    char *path;       /* TIDE_URL_PATH: the file path or ":memory:"; else NULL */
    char *user;       /* TIDE_URL_SERVER parts; NULL when absent */
    char *password;
    char *host;
    char *port;
    char *dbname;
    tide_url_opt *opts;   /* query options, in order */
    int nopts;
    char *masked;     /* the whole URL with the password as "***" */
} tide_url;

/* Parses s into *out (zeroed first). On failure *out is freed and zeroed and
 * err says what is wrong, quoting the masked URL. */
int  tide_url_parse(tide_url *out, const char *s, tide_err *err);
void tide_url_free(tide_url *u);

/* Masks in place, in the text of a message (size bytes at most, kept
 * NUL-terminated), the password of every URL written in it ("://user:pw@"
 * and "password=..."), for messages that quote text tide did not write:
 * a Lua error in tide.lua quotes the token it stopped at. */
void tide_url__scrub(char *text, size_t size);

/* Appends to out the "scheme://..." URL url with its database part (the
 * path after the host) replaced by dbname, percent-encoded, and its query
 * options kept. TIDE_EURL when url has no "://", TIDE_ENOMEM; no message. */
int tide_url_with_dbname(tide_buf *out, const char *url, const char *dbname);

/* The value of query option key, or NULL. */
const char *tide_url_opt_get(const tide_url *u, const char *key);

#endif
