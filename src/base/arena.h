/*
** arena.h - a bump allocator that frees everything at once.
**
** Each document owns an arena: tokens, sentences, tags, arcs and events
** are carved from it and dropped together by an_arena_reset().  The arena
** grows by chaining new blocks and never moves old allocations, so
** pointers stay valid until the reset.  Allocation failure returns NULL
** and sets the sticky `oom` flag, which stages check at their boundaries.
*/
#ifndef AN_ARENA_H
#define AN_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct an_arena_block an_arena_block;

typedef struct an_arena {
    an_arena_block *head; /* block allocations are taken from */
    size_t block_size;    /* size of the next block to allocate */
    size_t used;          /* bytes handed out since the last reset */
    void *last;           /* the most recent allocation (for growing) */
    size_t last_n;        /* its size */
    int oom;              /* set when an allocation failed */
} an_arena;

/** Initialise an empty arena; no memory is taken until the first alloc. */
void an_arena_init(an_arena *a);

/** Free every block. The arena may be initialised again afterwards. */
void an_arena_fini(an_arena *a);

/**
 * Drop every allocation.  One block (the largest, if not huge) is kept for
 * the next document; the others are freed.  Clears `oom`.
 */
void an_arena_reset(an_arena *a);

/** Allocate n bytes aligned to 16; NULL (and oom set) on failure. */
void *an_arena_alloc(an_arena *a, size_t n);

/** Allocate n zeroed bytes. */
void *an_arena_zalloc(an_arena *a, size_t n);

/** Allocate an array of `count` elements of `size` bytes, overflow-checked. */
void *an_arena_array(an_arena *a, size_t count, size_t size);

/** Copy n bytes (NUL added after them); NULL on failure. */
char *an_arena_dup(an_arena *a, const void *p, size_t n);

/**
 * Grow the allocation `p` of `old_n` bytes to `new_n` bytes.  Extends in
 * place when `p` is the last allocation and room remains, else copies.
 * `p` may be NULL (then this is an_arena_alloc).  Returns NULL on failure,
 * leaving `p` intact.
 */
void *an_arena_grow(an_arena *a, void *p, size_t old_n, size_t new_n);

/**
 * Make room in an arena-backed array: ensure *cap >= need elements of
 * `size` bytes, growing geometrically.  Returns the (maybe moved) array or
 * NULL on failure (the old array stays valid).
 */
void *an_arena_vec(an_arena *a, void *v, size_t *cap, size_t need,
                   size_t size);

/** Bytes handed out since the last reset. */
static inline size_t an_arena_used(const an_arena *a)
{
    return a->used;
}

#endif /* AN_ARENA_H */
