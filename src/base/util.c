/*
** util.c - sorted word lists, hashing, clocks and CPU counting.
*/
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "base.h"

bool an_in_sorted(const char *const *list, size_t n, const char *w, size_t wn)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *s = list[mid];
        size_t sn = strlen(s);
        int c = memcmp(w, s, AN_MIN(wn, sn));
        if (c == 0)
            c = wn < sn ? -1 : wn > sn ? 1 : 0;
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

size_t an_u32_common(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, m = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            m++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return m;
}

uint64_t an_hash(const void *p, size_t n)
{
    return XXH3_64bits(p, n);
}

double an_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int an_ncpu(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}
