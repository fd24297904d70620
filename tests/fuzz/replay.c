/* replay.c — a main() for the fuzz targets without libFuzzer: calls
 * LLVMFuzzerInitialize (when the target has one) and then
 * LLVMFuzzerTestOneInput once per file named on the command line, the way
 * `fuzz_NAME corpus/NAME/FILE...` replays a corpus. Linked into the ordinary
 * builds (tests/CMakeLists.txt: fuzz_replay_NAME), so that `make test`
 * replays every corpus under the ASan+UBSan build it already has, without
 * a clang build of its own; `make fuzz` still builds the libFuzzer targets.
 * A crash, a sanitizer report or a leak fails the test as it would there. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static unsigned char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n == cap) {
            unsigned char *p = realloc(buf, cap ? cap * 2 : 4096);
            if (!p) {
                free(buf), fclose(f);
                return NULL;
            }
            buf = p, cap = cap ? cap * 2 : 4096;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *size = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        size_t size = 0;
        unsigned char *data = read_all(argv[i], &size);
        if (!data) {
            fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
            return 1;
        }
        fprintf(stderr, "Running: %s\n", argv[i]);
        /* a copy of exactly size bytes, as libFuzzer gives: ASan sees a
         * read past the end */
        unsigned char *copy = malloc(size ? size : 1);
        if (!copy) {
            free(data);
            return 1;
        }
        for (size_t k = 0; k < size; k++)
            copy[k] = data[k];
        free(data);
        LLVMFuzzerTestOneInput(copy, size);
        free(copy);
    }
    printf("%d inputs replayed\n", argc - 1);
    return 0;
}
