/* url.c — parsing and masking database URLs. Every message quotes the URL
 * masked, so a password never leaves this file. Which schemes exist and how
 * each reads is asked of the driver registry. */
#include "db/url.h"
#include "core/buf.h"
#include "db/driver.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The authority of "scheme://auth/..." as [*start, *end); 0 when there is none. */
static int find_authority(const char *url, const char **start, const char **end)
{
    const char *p = strstr(url, "://");
    if (!p)
        return 0;
    *start = p + 3;
    *end = *start + strcspn(*start, "/?#");
    return 1;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* Whether the query option key [p, p+n) is "password" once percent-decoded
 * (libpq takes ?password= too), ignoring case to err on the safe side. */
static int is_password_key(const char *p, size_t n)
{
    char key[16];
    size_t i, k = 0;
    for (i = 0; i < n && k < sizeof key - 1; i++, k++) {
        if (p[i] == '%' && i + 2 < n && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
            key[k] = (char)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
            i += 2;
        } else {
            key[k] = p[i];
        }
    }
    key[k] = '\0';
    return i == n && !strcasecmp(key, "password");
}

/* Appends url to b with the value of every ?password= option as "***";
 * everything after the first '?' counts as options, so a malformed URL
 * quoted in an error is masked too. */
static int mask_options(tide_buf *b, const char *url)
{
    const char *p = strchr(url, '?');
    if (!p)
        return tide_buf_puts(b, url);
    if (tide_buf_add(b, url, (size_t)(++p - url)) < 0)
        return -1;
    while (*p) {
        size_t n = strcspn(p, "&"), k = strcspn(p, "=");
        int rc = k < n && is_password_key(p, k)
                 ? (tide_buf_add(b, p, k + 1) < 0 || tide_buf_puts(b, "***") < 0 ? -1 : 0)
                 : tide_buf_add(b, p, n);
        if (rc < 0)
            return -1;
        p += n;
        if (*p && tide_buf_putc(b, *p++) < 0)
            return -1;
    }
    return 0;
}

char *tide_url_mask(const char *url)
{
    const char *a, *e, *at = NULL, *colon = NULL, *p;
    tide_buf b = TIDE_BUF_INIT;
    int rc;
    if (!url)
        return tide_strdup("");
    if (find_authority(url, &a, &e)) {
        for (p = a; p < e; p++)       /* the password may hold an '@' */
            if (*p == '@')
                at = p;
        if (!at)                      /* or a '/', '?' or '#' not %-encoded: */
            at = strchr(a, '@');      /* the URL is wrong, but still masked */
        colon = at ? memchr(a, ':', (size_t)(at - a)) : NULL;
    }
    if (colon)
        rc = tide_buf_add(&b, url, (size_t)(colon + 1 - url)) < 0 ||
             tide_buf_puts(&b, "***") < 0 || mask_options(&b, at) < 0 ? -1 : 0;
    else
        rc = mask_options(&b, url);
    if (rc < 0 || !b.data) {
        tide_buf_free(&b);
        return rc < 0 ? NULL : tide_strdup("");
    }
    return tide_buf_detach(&b);
}

/* A percent-decoded copy of [p, p+n), or NULL with err set. */
static char *decode(const char *p, size_t n, const char *what, const char *masked, tide_err *err)
{
    char *out = malloc(n + 1), *o = out;
    size_t i;
    if (!out) {
        tide_err_set(err, TIDE_ENOMEM, "out of memory");
        return NULL;
    }
    for (i = 0; i < n; i++) {
        if (p[i] != '%') {
            *o++ = p[i];
            continue;
        }
        if (i + 2 >= n || hexval(p[i + 1]) < 0 || hexval(p[i + 2]) < 0) {
            free(out);
            tide_err_set(err, TIDE_EURL, "bad URL '%s': invalid %%-escape in the %s "
                         "(write %%XX with two hex digits, e.g. %%40 for '@')", masked, what);
            return NULL;
        }
        *o++ = (char)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
        i += 2;
    }
    *o = '\0';
    return out;
}

/* Where a URL written in running text ends. */
static size_t url_span(const char *p)
{
    return strcspn(p, " \t\r\n'\"`<>()[]{},;");
}

void tide_url__scrub(char *text, size_t size)
{
    tide_buf b = TIDE_BUF_INIT;
    const char *p = text, *url;
    int rc = 0;
    while (rc == 0 && (url = strstr(p, "://"))) {
        size_t n = url_span(url);
        char *one = NULL, *masked;
        while (url > p && !strchr(" \t\r\n'\"`<>()[]{},;", url[-1]))
            url--;                        /* back to the scheme */
        n += (size_t)(strstr(url, "://") - url);
        if (!(one = malloc(n + 1)))
            break;
        memcpy(one, url, n);
        one[n] = '\0';
        masked = tide_url_mask(one);
        rc = tide_buf_add(&b, p, (size_t)(url - p)) < 0 || tide_buf_puts(&b, masked ? masked : "***") < 0;
        free(masked);
        free(one);
        p = url + n;
    }
    if (rc == 0 && b.len && tide_buf_puts(&b, p) == 0)
        snprintf(text, size, "%s", b.data);
    tide_buf_free(&b);
}

/* TIDE_URL_PATH: rest is what follows "scheme:". */
static int parse_path(tide_url *u, const char *rest, tide_err *err)
{
    if (!strncmp(rest, "//", 2))
        rest += 2;                     /* scheme://rel or scheme:///abs */
    if (!*rest)
        return tide_err_set(err, TIDE_EURL, "bad URL '%s': no database path "
                            "(write %s:PATH, e.g. %s:app.db, or %s::memory:)", u->masked,
                            u->scheme, u->scheme, u->scheme);
    if (!(u->path = tide_strdup(rest)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

static int parse_opts(tide_url *u, const char *q, tide_err *err)
{
    while (*q) {
        size_t n = strcspn(q, "&"), k = strcspn(q, "=");
        tide_url_opt *o;
        if (n == 0) { q++; continue; }
        if (k >= n || k == 0)
            return tide_err_set(err, TIDE_EURL, "bad URL '%s': query option '%.*s' "
                                "is not key=value", u->masked, (int)n, q);
        o = realloc(u->opts, sizeof *o * (size_t)(u->nopts + 1));
        if (!o)
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        u->opts = o;
        o = &u->opts[u->nopts];
        o->key = decode(q, k, "query option", u->masked, err);
        o->value = o->key ? decode(q + k + 1, n - k - 1, "query option", u->masked, err) : NULL;
        if (!o->value) {
            free(o->key);
            return err ? err->code : TIDE_EURL;
        }
        u->nopts++;
        q += n;
        if (*q == '&')
            q++;
    }
    return 0;
}

static int parse_authority(tide_url *u, const char *a, const char *e, tide_err *err)
{
    const char *at = NULL, *p, *hp, *colon;
    for (p = a; p < e; p++)
        if (*p == '@')
            at = p;
    if (at) {
        colon = memchr(a, ':', (size_t)(at - a));
        if (!(u->user = decode(a, (size_t)((colon ? colon : at) - a), "user name", u->masked, err)))
            return err ? err->code : TIDE_EURL;
        if (colon && !(u->password = decode(colon + 1, (size_t)(at - colon - 1), "password", u->masked, err)))
            return err ? err->code : TIDE_EURL;
        a = at + 1;
    }
    if (*a == '[') {                   /* [::1]:5432 */
        const char *close = memchr(a, ']', (size_t)(e - a));
        if (!close)
            return tide_err_set(err, TIDE_EURL, "bad URL '%s': unclosed '[' in the host", u->masked);
        hp = close + 1;
        if (!(u->host = decode(a + 1, (size_t)(close - a - 1), "host", u->masked, err)))
            return err ? err->code : TIDE_EURL;
    } else {
        hp = memchr(a, ':', (size_t)(e - a));
        if (!hp)
            hp = e;
        if (hp > a && !(u->host = decode(a, (size_t)(hp - a), "host", u->masked, err)))
            return err ? err->code : TIDE_EURL;
    }
    if (hp < e && *hp == ':') {
        for (p = hp + 1; p < e; p++)
            if (!isdigit((unsigned char)*p))
                return tide_err_set(err, TIDE_EURL, "bad URL '%s': port '%.*s' is not a number",
                                    u->masked, (int)(e - hp - 1), hp + 1);
        if (e == hp + 1 || e - hp - 1 > 5 || atol(hp + 1) > 65535 || atol(hp + 1) == 0)
            return tide_err_set(err, TIDE_EURL, "bad URL '%s': port '%.*s' is out of range (1-65535)",
                                u->masked, (int)(e - hp - 1), hp + 1);
        if (!(u->port = decode(hp + 1, (size_t)(e - hp - 1), "port", u->masked, err)))
            return err ? err->code : TIDE_EURL;
    } else if (hp < e) {
        return tide_err_set(err, TIDE_EURL, "bad URL '%s': unexpected text after the host", u->masked);
    }
    return 0;
}

/* TIDE_URL_SERVER: url is the whole URL. */
static int parse_server(tide_url *u, const char *url, tide_err *err)
{
    const char *a, *e, *q, *at;
    int rc;
    if (!find_authority(url, &a, &e))
        return tide_err_set(err, TIDE_EURL, "bad URL '%s': expected %s://user:password@host:port/dbname",
                            u->masked, u->scheme);
    if (!memchr(a, '@', (size_t)(e - a)) && (at = strchr(e, '@')) && memchr(a, ':', (size_t)(at - a)))
        return tide_err_set(err, TIDE_EURL, "bad URL '%s': an '@' after the host; a password holding "
                            "'/', '?' or '#' must be %%-encoded (%%2F, %%3F, %%23), and any other '@' "
                            "written %%40", u->masked);   /* u:pa/ss@h: masked as the mask reads it */
    if ((rc = parse_authority(u, a, e, err)) < 0)
        return rc;
    if (*e == '#')
        return tide_err_set(err, TIDE_EURL, "bad URL '%s': a '#' fragment is not allowed "
                            "(percent-encode it as %%23 in a password)", u->masked);
    q = e + strcspn(e, "?#");
    if (*e == '/' && q > e + 1 && !(u->dbname = decode(e + 1, (size_t)(q - e - 1), "database name", u->masked, err)))
        return err ? err->code : TIDE_EURL;
    if (*q == '#')
        return tide_err_set(err, TIDE_EURL, "bad URL '%s': a '#' fragment is not allowed", u->masked);
    if (*q == '?' && (rc = parse_opts(u, q + 1, err)) < 0)
        return rc;
    return 0;
}

/* The URL forms of the registered drivers, for messages: "sqlite: and
 * postgres://", or with full, "sqlite:PATH or postgres://user:...". */
static void known_forms(char *out, size_t cap, int full)
{
    size_t n = 0;
    int i;
    out[0] = '\0';
    for (i = 0; tide_drivers[i] && n < cap; i++) {
        const tide_driver *d = tide_drivers[i];
        int server = d->url_form == TIDE_URL_SERVER;
        const char *sep = !i ? "" : full ? " or " : tide_drivers[i + 1] ? ", " : " and ";
        n += (size_t)snprintf(out + n, cap - n, "%s%s%s%s", sep, d->name, server ? "://" : ":",
                              !full ? "" : server ? "user:password@host:port/dbname" : "PATH");
    }
}

int tide_url_parse(tide_url *u, const char *s, tide_err *err)
{
    const tide_driver *drv;
    char forms[256];
    size_t n;
    int rc;
    memset(u, 0, sizeof *u);
    if (!s || !*s)
        return tide_err_set(err, TIDE_EURL, "no database URL: set url in tide.lua, "
                            "TIDE_DATABASE_URL or --url (e.g. sqlite:app.db)");
    if (!(u->masked = tide_url_mask(s)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    n = strcspn(s, ":");
    if (!(drv = s[n] ? tide_driver_for_scheme(s, n) : NULL))
        known_forms(forms, sizeof forms, !s[n]);
    if (!s[n]) {
        rc = tide_err_set(err, TIDE_EURL, "bad URL '%s': no scheme (expected %s)", u->masked, forms);
    } else if (!drv) {
        rc = tide_err_set(err, TIDE_EURL, "unknown database scheme '%.*s' in '%s' "
                          "(tide speaks %s)", (int)(n > 40 ? 40 : n), s, u->masked, forms);
    } else if (!(u->scheme = tide_strdup(drv->name))) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    } else {
        rc = drv->url_form == TIDE_URL_SERVER ? parse_server(u, s, err) : parse_path(u, s + n + 1, err);
    }
    if (rc < 0)
        tide_url_free(u);
    return rc;
}

void tide_url_free(tide_url *u)
{
    int i;
    if (!u)
        return;
    for (i = 0; i < u->nopts; i++) {
        free(u->opts[i].key);
        free(u->opts[i].value);
    }
    free(u->opts);
    free(u->scheme); free(u->path); free(u->user); free(u->password);
    free(u->host); free(u->port); free(u->dbname); free(u->masked);
    memset(u, 0, sizeof *u);
}

int tide_url_with_dbname(tide_buf *out, const char *url, const char *dbname)
{
    const char *auth = strstr(url, "://"), *slash, *query, *p;
    if (!auth)
        return TIDE_EURL;
    slash = auth + 3 + strcspn(auth + 3, "/?");
    query = slash + strcspn(slash, "?");
    if (tide_buf_add(out, url, (size_t)(slash - url)) < 0 || tide_buf_putc(out, '/') < 0)
        return TIDE_ENOMEM;
    for (p = dbname; *p; p++)
        if ((isalnum((unsigned char)*p) || strchr("-._~", *p) ? tide_buf_putc(out, *p)
             : tide_buf_printf(out, "%%%02X", (unsigned char)*p)) < 0)
            return TIDE_ENOMEM;
    return tide_buf_puts(out, query) < 0 ? TIDE_ENOMEM : 0;
}

const char *tide_url_opt_get(const tide_url *u, const char *key)
{
    int i;
    for (i = u->nopts - 1; i >= 0; i--)
        if (!strcmp(u->opts[i].key, key))
            return u->opts[i].value;
    return NULL;
}
