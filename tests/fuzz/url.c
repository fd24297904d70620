/* Fuzz target: the database URL parser (src/url.c). Any string gives a URL
 * or an error that says why; the masked form of a parsed URL, which is all
 * tide ever prints, never holds its password (from user:password@ or from
 * a ?password= option). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"

/* How many times needle occurs in hay (overlaps counted). */
static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* A password written once, long enough not to occur by chance in another
 * part of the URL, must not be in the masked URL. (Without %-escapes in the
 * URL, so that the decoded password is the text written.) */
static void check_masked(const char *url, const char *masked, const char *password)
{
    if (password && strlen(password) >= 6 && !strchr(url, '%')
        && occurrences(url, password) == 1 && strstr(masked, password))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    tide_url u;
    tide_err err;
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (tide_url_parse(&u, s, &err) == 0) {
        if (!u.scheme || !u.masked)
            abort();
        check_masked(s, u.masked, u.password);
        check_masked(s, u.masked, tide_url_opt_get(&u, "password"));
        tide_url_free(&u);
    } else if (!err.msg[0] || u.masked) {
        abort();
    }
    free(s);
    return 0;
}
