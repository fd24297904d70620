/* A deliberate signed overflow, built with the ASan build's flags: the test
 * sanitizer_ub_probe (tests/sanitize/probe.sh) checks that undefined
 * behaviour still stops the program with a report naming this file and the
 * line, so that a change to the sanitizer flags cannot silently leave UB
 * unchecked or unreported. */
#include <stdio.h>
#include <stdlib.h>

static int next_of(int n) { return n + 1; } /* overflows for INT_MAX */

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 0;
  printf("%d\n", next_of(n));
  return 0;
}
