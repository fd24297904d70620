/* buf.c — the growable buffer, error helpers and the clock every room uses. */
#include "core/buf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int tide_buf_grow(tide_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1, cap;
    char *p;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    if (!(p = realloc(b->data, cap)))
        return TIDE_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int tide_list_reserve(void *items, int n, size_t size)
{
    void **list = items, *p;
    if (n > 0 && (n < 4 || (n & (n - 1)) != 0))
        return 0;                        /* not full: room up to the next power of two */
    if (!(p = realloc(*list, (n ? (size_t)n * 2 : 4) * size)))
        return TIDE_ENOMEM;
    *list = p;
    return 0;
}

void tide_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    const char *p = base;
    size_t i;
    for (i = 1; i < n; i++)
        if (cmp(p + (i - 1) * size, p + i * size) > 0) {
            qsort(base, n, size, cmp);
            return;
        }
}

int tide_buf_add(tide_buf *b, const char *p, size_t n)
{
    /* grown only when full: this runs a million times for a large snapshot */
    if (b->len + n + 1 > b->cap && tide_buf_grow(b, n) < 0)
        return TIDE_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int tide_buf_puts(tide_buf *b, const char *s) { return tide_buf_add(b, s, strlen(s)); }
int tide_buf_putc(tide_buf *b, char c)
{
    if (b->len + 2 > b->cap && tide_buf_grow(b, 1) < 0)
        return TIDE_ENOMEM;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}

int tide_buf_put_doubled(tide_buf *b, const char *s, char quote)
{
    const char *q;
    while ((q = strchr(s, quote)) != NULL) {           /* runs without the quote, in one */
        if (tide_buf_add(b, s, (size_t)(q - s) + 1) < 0 || tide_buf_putc(b, quote) < 0)
            return TIDE_ENOMEM;
        s = q + 1;
    }
    return tide_buf_puts(b, s);
}

int tide_buf_printf(tide_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    /* Formatted straight into the room left when it fits (most calls: the
     * buffer doubles), else measured and formatted again after growing. */
    va_start(ap, fmt);
    n = b->cap > b->len ? vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap) : vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && b->cap > b->len && (size_t)n < b->cap - b->len) {
        b->len += (size_t)n;
        return 0;
    }
    if (b->cap > b->len)
        b->data[b->len] = '\0';        /* what did not fit is not the text */
    if (n < 0 || tide_buf_grow(b, (size_t)n) < 0)
        return TIDE_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void tide_buf_reset(tide_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void tide_buf_free(tide_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *tide_buf_detach(tide_buf *b)
{
    char *s = b->data;
    if (!s)
        s = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void tide_err_clear(tide_err *err)
{
    if (!err)
        return;
    err->code = 0;
    err->sqlstate[0] = err->msg[0] = err->sql[0] = '\0';
}

int tide_err_vset(tide_err *err, int code, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    err->sqlstate[0] = err->sql[0] = '\0';
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    return code;
}

int tide_err_set(tide_err *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tide_err_vset(err, code, fmt, ap);
    va_end(ap);
    return code;
}

void tide_err_wrap(tide_err *err, const char *before, const char *after)
{
    tide_buf b = TIDE_BUF_INIT;
    if (!err)
        return;
    if (tide_buf_puts(&b, before ? before : "") == 0 && tide_buf_puts(&b, err->msg) == 0 &&
        tide_buf_puts(&b, after ? after : "") == 0) {
        size_t n = b.len < sizeof err->msg ? b.len : sizeof err->msg - 1;
        memcpy(err->msg, b.data, n);
        err->msg[n] = '\0';
    }
    tide_buf_free(&b);
}

void tide_err_set_sql(tide_err *err, const char *sql)
{
    size_t n, cap;
    if (!err || !sql)
        return;
    cap = sizeof err->sql;
    n = strlen(sql);
    if (n < cap) {
        memcpy(err->sql, sql, n + 1);
        return;
    }
    memcpy(err->sql, sql, cap - 4);
    memcpy(err->sql + cap - 4, "...", 4);
}

char *tide_pack_texts(int n, const char *const *src, const size_t *len, char **const *dst)
{
    size_t total = 0;
    char *block, *at;
    int i;
    for (i = 0; i < n; i++)
        total += src[i] ? len[i] + 1 : 0;
    if (!src[0] || !(block = malloc(total)))
        return NULL;
    for (i = 0, at = block; i < n; i++) {
        *dst[i] = NULL;
        if (!src[i])
            continue;
        memcpy(at, src[i], len[i]);
        at[len[i]] = '\0';
        *dst[i] = at;
        at += len[i] + 1;
    }
    return block;
}

char *tide_strdup(const char *s)
{
    size_t n;
    char *p;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    if ((p = malloc(n)))
        memcpy(p, s, n);
    return p;
}

void tide_hex(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

int64_t tide_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void tide_sleep_ms(int64_t ms)
{
    struct timespec ts;
    if (ms <= 0)
        return;
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

/* Edit distance, ignoring case, for "did you mean" (config keys, commands,
 * options); 99 for words of 63 characters or more. */
size_t tide_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j, prev, cur[64];
    if (la >= 63 || lb >= 63)
        return 99;
    for (j = 0; j <= lb; j++)
        cur[j] = j;
    for (i = 1; i <= la; i++) {
        prev = cur[0];
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = cur[j], best = prev + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            if (up + 1 < best) best = up + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            prev = up;
            cur[j] = best;
        }
    }
    return cur[lb];
}
