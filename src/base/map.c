/*
** map.c - open-addressing hash tables: mutable (heap) and frozen (image).
**
** Frozen layout (little-endian, all fields uint32):
**   magic "ANLX", nslots, nkeys, pool_size,
**   slots[nslots] = { hash (low 32 bits), pool offset + 1 (0: empty) },
**   pool: per key { klen, val, key bytes, padding to 4 }.
** Lookups probe linearly from hash & (nslots-1).
*/
#include <stdlib.h>

#include "map.h"

void an_map_init(an_map *m)
{
    memset(m, 0, sizeof *m);
}

void an_map_fini(an_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static an_map_slot *find(const an_map *m, const char *key, size_t klen,
                         uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        an_map_slot *s = &m->slots[i];
        if (!s->key)
            return s;
        if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
            return s;
    }
}

uint32_t *an_map_get(const an_map *m, const char *key, size_t klen)
{
    if (!m->cap)
        return NULL;
    an_map_slot *s = find(m, key, klen, an_hash(key, klen));
    return s->key ? &s->val : NULL;
}

static int grow(an_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    an_map_slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return AN_ENOMEM;
    an_map old = *m;
    m->slots = ns;
    m->cap = ncap;
    for (size_t i = 0; i < old.cap; i++) {
        if (old.slots[i].key)
            *find(m, old.slots[i].key, old.slots[i].klen, old.slots[i].hash) =
                old.slots[i];
    }
    free(old.slots);
    return AN_OK;
}

uint32_t *an_map_put(an_map *m, const char *key, size_t klen, uint32_t val,
                     int *added)
{
    if (klen > UINT32_MAX)
        return NULL;
    if ((m->n + 1) * 4 > m->cap * 3 && grow(m) != AN_OK)
        return NULL;
    uint64_t h = an_hash(key, klen);
    an_map_slot *s = find(m, key, klen, h);
    if (added)
        *added = !s->key;
    if (!s->key) {
        char *k = malloc(klen + 1);
        if (!k)
            return NULL;
        memcpy(k, key, klen);
        k[klen] = 0;
        s->key = k;
        s->klen = (uint32_t)klen;
        s->hash = h;
        s->val = val;
        m->n++;
    }
    return &s->val;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

int an_lex_write(const an_map *m, an_buf *out)
{
    uint32_t nslots = 16;
    while ((size_t)nslots < m->n * 2 && nslots < (1u << 30))
        nslots *= 2;
    size_t pool = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            pool += 8 + ((m->slots[i].klen + 3u) & ~3u);
    if (pool >= UINT32_MAX)
        return AN_ERANGE;
    size_t total = 16 + (size_t)nslots * 8 + pool;
    if (an_buf_reserve(out, total) != AN_OK)
        return AN_ENOMEM;
    uint8_t *base = (uint8_t *)out->p + out->n;
    memset(base, 0, total);
    memcpy(base, "ANLX", 4);
    put32(base + 4, nslots);
    put32(base + 8, (uint32_t)m->n);
    put32(base + 12, (uint32_t)pool);
    uint8_t *slots = base + 16, *pp = slots + (size_t)nslots * 8;
    uint32_t off = 0;
    /* Insert in slot order of the source map: deterministic output. */
    for (size_t i = 0; i < m->cap; i++) {
        const an_map_slot *s = &m->slots[i];
        if (!s->key)
            continue;
        uint32_t h = (uint32_t)s->hash;
        uint32_t j = h & (nslots - 1);
        while (get32(slots + (size_t)j * 8 + 4))
            j = (j + 1) & (nslots - 1);
        put32(slots + (size_t)j * 8, h);
        put32(slots + (size_t)j * 8 + 4, off + 1);
        put32(pp + off, s->klen);
        put32(pp + off + 4, s->val);
        memcpy(pp + off + 8, s->key, s->klen);
        off += 8 + ((s->klen + 3u) & ~3u);
    }
    out->n += total;
    out->p[out->n] = 0;
    return AN_OK;
}

int an_lex_open(an_lex *lx, const void *p, size_t n, an_err *err)
{
    memset(lx, 0, sizeof *lx);
    const uint8_t *b = p;
    if (n < 16 || memcmp(b, "ANLX", 4) != 0)
        return an_err_set(err, AN_EFORMAT, "lexicon: bad header");
    uint32_t nslots = get32(b + 4), nkeys = get32(b + 8), pool = get32(b + 12);
    if (nslots == 0 || (nslots & (nslots - 1)) || nkeys >= nslots ||
        !an_in_bounds(16, (uint64_t)nslots * 8 + pool, n))
        return an_err_set(err, AN_EFORMAT, "lexicon: bad sizes");
    lx->base = b;
    lx->size = n;
    lx->nslots = nslots;
    lx->nkeys = nkeys;
    lx->slots = b + 16;
    lx->pool = b + 16 + (size_t)nslots * 8;
    lx->pool_size = pool;
    return AN_OK;
}

int an_lex_get(const an_lex *lx, const char *key, size_t klen, uint32_t *val)
{
    if (!lx->nslots)
        return 0;
    uint32_t h = (uint32_t)an_hash(key, klen);
    uint32_t mask = lx->nslots - 1;
    for (uint32_t probes = 0, j = h & mask; probes < lx->nslots;
         probes++, j = (j + 1) & mask) {
        const uint8_t *s = lx->slots + (size_t)j * 8;
        uint32_t off1 = get32(s + 4);
        if (off1 == 0)
            return 0;
        if (get32(s) != h)
            continue;
        uint64_t off = off1 - 1;
        if (!an_in_bounds(off, 8, lx->pool_size))
            return 0;
        uint32_t kl = get32(lx->pool + off);
        if (kl != klen || !an_in_bounds(off + 8, kl, lx->pool_size))
            continue;
        if (memcmp(lx->pool + off + 8, key, klen) == 0) {
            *val = get32(lx->pool + off + 4);
            return 1;
        }
    }
    return 0;
}
