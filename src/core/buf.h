/* buf.h — internal helpers shared by the core and the drivers: a growable
 * byte buffer and the error setter. Not part of the public API. */
#ifndef TIDE_BUF_H
#define TIDE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include "tide.h"

/* A growable, always NUL-terminated byte buffer. TIDE_BUF_INIT is empty and
 * owns nothing; tide_buf_free releases and resets it. Appends return 0 or
 * TIDE_ENOMEM (the buffer is left as it was). */
typedef struct tide_buf {
    char  *data;
    size_t len;
    size_t cap;
} tide_buf;

#define TIDE_BUF_INIT { NULL, 0, 0 }

int  tide_buf_grow(tide_buf *b, size_t extra);
int  tide_buf_add(tide_buf *b, const char *p, size_t n);
int  tide_buf_puts(tide_buf *b, const char *s);
int  tide_buf_putc(tide_buf *b, char c);
/* s with each quote byte doubled ("a""b"): an identifier or literal's body. */
int  tide_buf_put_doubled(tide_buf *b, const char *s, char quote);
int  tide_buf_printf(tide_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void tide_buf_reset(tide_buf *b);          /* len = 0, keeps memory */
void tide_buf_free(tide_buf *b);
char *tide_buf_detach(tide_buf *b);        /* caller owns the string; b is reset */

/* Fills err (code, formatted message; sqlstate and sql cleared) and returns
 * code, so that `return tide_err_set(err, TIDE_EINVAL, "...")` reads well.
 * err may be NULL. */
int tide_err_set(tide_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int tide_err_vset(tide_err *err, int code, const char *fmt, va_list ap);

/* err->msg becomes before + err->msg + after, cut to fit. */
void tide_err_wrap(tide_err *err, const char *before, const char *after);

/* Records the failing statement in err->sql (truncated with "..."). */
void tide_err_set_sql(tide_err *err, const char *sql);

/* A monotonic clock in milliseconds, and a sleep, for polling with a timeout. */
int64_t tide_now_ms(void);
void tide_sleep_ms(int64_t ms);

/* Makes room for item n of the list *items (each size bytes; items is the
 * address of the list's pointer) when the list is full. Lists that use it
 * keep no capacity: it is implied by the count (4, then powers of two), so
 * appending n items copies O(n) bytes in all, where growing by one item per
 * append copied the whole list each time. Every allocation of such a list
 * must go through it. 0, or TIDE_ENOMEM with the list unchanged. */
int tide_list_reserve(void *items, int n, size_t size);

/* qsort, skipped when base is already in order (one pass of cmp): folder
 * listings come sorted, and sorting 10,000 names again was a tenth of
 * migration:list. Equal items keep their order, as glibc's merge sort keeps them. */
void tide_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* strdup that returns NULL on NULL input. */
char *tide_strdup(const char *s);

/* The n texts src[i] (len[i] bytes; NULL: none, *dst[i] set NULL) copied,
 * each NUL-ended, into one allocation, *dst[i] pointed at each copy: a record
 * of several strings in one malloc and one free (src[0] must be given: the
 * block starts with its copy, and freeing *dst[0] frees them all). NULL when
 * out of memory (nothing set). */
char *tide_pack_texts(int n, const char *const *src, const size_t *len, char **const *dst);

/* Writes the n bytes of in as 2n lower-case hex digits and a '\0' at out
 * (which holds 2n + 1 bytes): digests printed as text. */
void tide_hex(const unsigned char *in, size_t n, char *out);

/* Edit distance between two words, ignoring case, for "did you mean";
 * 99 when either is 63 characters or longer. */
size_t tide_edit_distance(const char *a, const char *b);

#endif
