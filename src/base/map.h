/*
** map.h - hash tables keyed by byte strings.
**
** an_map is a mutable table (heap) used while building dictionaries,
** vocabularies and models.  an_lex is its frozen, serialised form: a flat
** byte image that can live in an mmap'd file and is looked up in place.
** Every offset read from a frozen table is checked against its size, so a
** corrupt file yields "not found", never a wild read.
*/
#ifndef AN_MAP_H
#define AN_MAP_H

#include "base.h"

/* ---- mutable map ---- */

typedef struct an_map_slot {
    char *key;       /* owned copy (NUL-terminated), NULL for empty slot */
    uint32_t klen;
    uint32_t val;
    uint64_t hash;
} an_map_slot;

typedef struct an_map {
    an_map_slot *slots;
    size_t cap;      /* power of two, or 0 */
    size_t n;        /* keys stored */
} an_map;

void an_map_init(an_map *m);
void an_map_fini(an_map *m);
/** Find `key`; returns a pointer to its value or NULL. */
uint32_t *an_map_get(const an_map *m, const char *key, size_t klen);
/**
 * Insert `key` (copied) with `val` if absent.  Returns a pointer to the
 * value slot (existing or new), or NULL when out of memory.  *added tells
 * whether the key was new (may be NULL).
 */
uint32_t *an_map_put(an_map *m, const char *key, size_t klen, uint32_t val,
                     int *added);

/* ---- frozen table ---- */

/**
 * Serialise a map into `out` (appended).  The layout is documented in
 * docs/file-formats.md: a header, a slot array and a key pool, 8-byte
 * aligned within the output.
 */
int an_lex_write(const an_map *m, an_buf *out);

typedef struct an_lex {
    const uint8_t *base;  /* the serialised table */
    size_t size;
    uint32_t nslots;      /* power of two */
    uint32_t nkeys;
    const uint8_t *slots; /* nslots * 8 bytes: hash32, pool offset+1 */
    const uint8_t *pool;
    size_t pool_size;
} an_lex;

/** Open a frozen table in memory; checks the header. */
int an_lex_open(an_lex *lx, const void *p, size_t n, an_err *err);
/** Look `key` up; returns 1 and sets *val, or 0. */
int an_lex_get(const an_lex *lx, const char *key, size_t klen, uint32_t *val);
/** Number of keys. */
static inline uint32_t an_lex_count(const an_lex *lx) { return lx->nkeys; }

#endif /* AN_MAP_H */
