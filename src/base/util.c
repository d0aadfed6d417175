/*
** util.c - hashing, clocks and CPU counting.
*/
#define _POSIX_C_SOURCE 200809L
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "base.h"

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
