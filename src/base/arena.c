/*
** arena.c - bump allocator with chained blocks.
**
** A block header sits at the start of each malloc'd block; allocations are
** carved upward from it.  Resetting keeps one block so that a worker that
** processes many documents of similar size allocates nothing in steady
** state.  Requests larger than half a block get a block of their own.
*/
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* The allocation-failure tests build this file with a tiny first block
   (and no growth) so that arena allocations reach malloc often. */
#ifdef AN_ARENA_TEST_BLOCK
#define ARENA_MIN_BLOCK ((size_t)AN_ARENA_TEST_BLOCK)
#else
#define ARENA_MIN_BLOCK (64u * 1024u)
#endif
#define ARENA_KEEP_MAX (16u * 1024u * 1024u) /* larger blocks are not kept */
#define ARENA_ALIGN 16u

struct an_arena_block {
    an_arena_block *next; /* older block */
    size_t size;          /* usable bytes after the header */
    size_t used;          /* bytes used */
    /* data follows, aligned */
};

#define HDR ((sizeof(an_arena_block) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1))

static inline char *block_data(an_arena_block *b)
{
    return (char *)b + HDR;
}

void an_arena_init(an_arena *a)
{
    memset(a, 0, sizeof *a);
    a->block_size = ARENA_MIN_BLOCK;
}

void an_arena_fini(an_arena *a)
{
    an_arena_block *b = a->head;
    while (b) {
        an_arena_block *next = b->next;
        free(b);
        b = next;
    }
    memset(a, 0, sizeof *a);
}

void an_arena_reset(an_arena *a)
{
    an_arena_block *keep = NULL;
    an_arena_block *b = a->head;
    while (b) {
        an_arena_block *next = b->next;
        if (b->size <= ARENA_KEEP_MAX && (!keep || b->size > keep->size)) {
            free(keep);
            keep = b;
        } else {
            free(b);
        }
        b = next;
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    a->head = keep;
    a->used = 0;
    a->last = NULL;
    a->last_n = 0;
    a->oom = 0;
}

/* Add a block with at least `n` usable bytes. */
static an_arena_block *new_block(an_arena *a, size_t n)
{
    size_t size = a->block_size;
    if (n > size / 2) {
        size = n; /* a block of its own */
    }
#ifndef AN_ARENA_TEST_BLOCK
    else if (a->block_size < ARENA_KEEP_MAX) {
        a->block_size *= 2; /* grow geometrically for the next one */
    }
#endif
    if (size > SIZE_MAX - HDR)
        return NULL;
    an_arena_block *b = malloc(HDR + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    if (a->head && n > a->block_size / 2 && a->head->size - a->head->used > 4096) {
        /* Keep bumping from the current block: link the big one behind it. */
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = a->head;
        a->head = b;
    }
    return b;
}

void *an_arena_alloc(an_arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - ARENA_ALIGN) {
        a->oom = 1;
        return NULL;
    }
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    an_arena_block *b = a->head;
    if (!b || b->size - b->used < need) {
        b = new_block(a, need);
        if (!b) {
            a->oom = 1;
            return NULL;
        }
    }
    char *p = block_data(b) + b->used;
    b->used += need;
    a->used += need;
    a->last = p;
    a->last_n = need;
    return p;
}

void *an_arena_zalloc(an_arena *a, size_t n)
{
    void *p = an_arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

void *an_arena_array(an_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        a->oom = 1;
        return NULL;
    }
    return an_arena_alloc(a, count * size);
}

char *an_arena_dup(an_arena *a, const void *p, size_t n)
{
    if (n == SIZE_MAX) {
        a->oom = 1;
        return NULL;
    }
    char *q = an_arena_alloc(a, n + 1);
    if (q) {
        if (n)
            memcpy(q, p, n);
        q[n] = 0;
    }
    return q;
}

void *an_arena_grow(an_arena *a, void *p, size_t old_n, size_t new_n)
{
    if (!p)
        return an_arena_alloc(a, new_n);
    if (new_n <= old_n)
        return p;
    an_arena_block *b = a->head;
    if (p == a->last && b && (char *)p >= block_data(b) &&
        (char *)p < block_data(b) + b->size) {
        size_t off = (size_t)((char *)p - block_data(b));
        size_t need = (new_n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
        if (need >= new_n && need <= b->size - off) {
            a->used += need - a->last_n;
            b->used = off + need;
            a->last_n = need;
            return p;
        }
    }
    void *q = an_arena_alloc(a, new_n);
    if (q)
        memcpy(q, p, old_n);
    return q;
}

void *an_arena_vec(an_arena *a, void *v, size_t *cap, size_t need,
                   size_t size)
{
    if (need <= *cap)
        return v;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) {
            a->oom = 1;
            return NULL;
        }
        ncap *= 2;
    }
    if (size && ncap > SIZE_MAX / size) {
        a->oom = 1;
        return NULL;
    }
    void *nv = an_arena_grow(a, v, *cap * size, ncap * size);
    if (!nv)
        return NULL;
    *cap = ncap;
    return nv;
}
