/* main.c — the tide binary: everything happens in the CLI room.
 *
 * One thing is decided here and not in the library, because it is the
 * process's to decide and a program embedding libtide keeps its own: how the
 * heap takes memory from the kernel. On the virtual machines tide runs on, a
 * first touch of a 4 KB page costs ~10 us (a trap to the hypervisor), and a
 * migration:create of 5,000 tables touches ~11,000 of them: a third of its
 * time (tests/bench/create_bench.sh). So the binary reserves 120 MB of heap
 * up front (address space: only what is touched becomes memory) and asks for
 * it in 2 MB pages (madvise MADV_HUGEPAGE: ~1,000 faults), keeps what it
 * frees for reuse instead of giving it back and faulting it in again (up to
 * 256 MB free at the heap's top: a long data migration that peaked higher
 * still gives the rest back), and leaves buffers of up to 32 MB in that heap.
 * Threads allocate from it too (one arena: glibc would give a second thread
 * an arena of its own, faulted in 4 KB pages; the PostgreSQL driver reads a
 * large schema's columns on a thread, 100,000 rows). TIDE_HUGEPAGES=0 turns it off; without glibc, under a sanitizer, or where
 * the kernel says no, nothing changes. */
#include "cli/cli.h"

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#include <malloc.h>
#include <stdint.h>             /* uintptr_t */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { HEAP_PIECES = 4, HEAP_PIECE_MB = 30, HEAP_KEEP_MB = 256, HUGE_PAGE = 2 << 20 };

static void prepare_heap(void)
{
    const char *off = getenv("TIDE_HUGEPAGES");
    void *pieces[HEAP_PIECES];
    uintptr_t before, after, from, to;
    int n;
    if (off && strcmp(off, "0") == 0)
        return;
    mallopt(M_TRIM_THRESHOLD, HEAP_KEEP_MB << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);      /* the pieces below stay in the heap */
    mallopt(M_ARENA_MAX, 1);                  /* every thread's allocations in it */
    before = (uintptr_t)sbrk(0);
    for (n = 0; n < HEAP_PIECES && (pieces[n] = malloc((size_t)HEAP_PIECE_MB << 20)); n++)
        ;
    while (n > 0)
        free(pieces[--n]);                    /* back into the heap's top, kept */
    after = (uintptr_t)sbrk(0);
    from = (before + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    to = after & ~(uintptr_t)(HUGE_PAGE - 1);
    if (before != (uintptr_t)-1 && to > from)
        madvise((void *)from, to - from, MADV_HUGEPAGE);
}
#else
static void prepare_heap(void) {}
#endif

int main(int argc, char **argv)
{
    prepare_heap();
    return tide_cli_main(argc, argv);
}
