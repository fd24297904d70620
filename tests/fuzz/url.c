/* Fuzz target: the database URL parser (src/url.c). Any string gives a URL
 * or an error that says why; the masked form of a parsed URL, which is all
 * tide ever prints, never holds its password (from user:password@ or from
 * a ?password= option). The same text as a message goes through the
 * scrubber that masks URLs quoted in messages. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/url.h"

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

/* The input as the text of a message: masked in place, NUL-terminated
 * within the buffer, whatever it holds. */
static void scrub(const char *text)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s", text);
    tide_url__scrub(msg, sizeof msg);
    if (strlen(msg) >= sizeof msg)
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
    scrub(s);
    free(s);
    return 0;
}
