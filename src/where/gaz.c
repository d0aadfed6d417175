/*
** gaz.c - the gazetteer image: loading, checking, looking names up.
**
** Image kind "gaz", kind version 2 (see docs/file-formats.md), sections:
**
**   meta       8 x u32: nentries, nkeys, ncountries, nadmin1, npost,
**              max words in a name, strings size, reserved
**   entries    nentries x 24 bytes: u32 GeoNames id, i32 lat * 1e5,
**              i32 lon * 1e5, u32 name (strings offset), u16 admin1 index
**              (0xFFFF none), u8 country index (0xFF none), u8 kind (1
**              city, 2 capital, 3 region, 4 country, 5 water), u8
**              population code, u8 feature code, u16 reserved
**   countries  ncountries x 16 bytes: char iso2[2], char iso3[3], u8, u16,
**              u32 country entry, u32 capital entry (0xFFFFFFFF none)
**   admin1     nadmin1 x 12 bytes: u32 name, u32 entry, u8 country, 3 pad
**   keys       nkeys x 8 bytes, sorted by key bytes: u32 key (strings
**              offset), u32 postings offset (in u32 units)
**   post       npost x u32: for each key, a count then count values
**              (entry << 8 | flags)
**   strings    NUL-terminated UTF-8 strings; byte 0 is NUL ("")
**
** The loader checks every section's size and every index and offset the
** tagger follows (entries, countries, admin records, keys, postings), so
** lookups on a checked image cannot read out of bounds.
*/
#include <stdlib.h>

#include "where.h"

#define GAZ_VERSION 2

typedef struct gaz_entry_raw {
    uint32_t gid;
    int32_t lat, lon;
    uint32_t name;
    uint16_t admin1;
    uint8_t country, kind, popq, fcode;
    uint16_t reserved;
} gaz_entry_raw;
static_assert(sizeof(gaz_entry_raw) == 24, "gazetteer entry is 24 bytes");

struct an_gaz {
    an_image *img;
    const uint8_t *entries, *countries, *admin, *keys;
    const uint32_t *post; /* aligned: sections are 16-byte aligned */
    const char *strings;
    uint32_t nentries, nkeys, ncountries, nadmin, npost, maxw, nstrings;
};

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static int sect(an_gaz *g, const char *name, size_t recsize, uint32_t count,
                const uint8_t **out, an_err *err)
{
    an_span s;
    if (an_image_section(g->img, name, &s) != AN_OK)
        return an_err_set(err, AN_EFORMAT, "gazetteer: no section '%s'", name);
    if ((uint64_t)recsize * count != s.n)
        return an_err_set(err, AN_EFORMAT,
                          "gazetteer: section '%s' has %zu bytes, expected %llu",
                          name, s.n, (unsigned long long)recsize * count);
    *out = (const uint8_t *)s.p;
    return AN_OK;
}

/* Check the sections against each other; on success g is usable. */
static int check(void *obj, an_err *err)
{
    an_gaz *g = obj;
    if (an_image_kind_version(g->img) != GAZ_VERSION)
        return an_err_set(err, AN_EFORMAT, "gazetteer: version %u, expected %u",
                          an_image_kind_version(g->img), GAZ_VERSION);
    const uint8_t *meta;
    an_span ms;
    if (an_image_section(g->img, "meta", &ms) != AN_OK || ms.n != 32)
        return an_err_set(err, AN_EFORMAT, "gazetteer: bad 'meta' section");
    meta = (const uint8_t *)ms.p;
    g->nentries = rd32(meta);
    g->nkeys = rd32(meta + 4);
    g->ncountries = rd32(meta + 8);
    g->nadmin = rd32(meta + 12);
    g->npost = rd32(meta + 16);
    g->maxw = rd32(meta + 20);
    g->nstrings = rd32(meta + 24);
    if (g->nentries >= (1u << 24) || g->ncountries > 255 ||
        g->nadmin >= 0xFFFF || g->maxw == 0 || g->maxw > 16)
        return an_err_set(err, AN_EFORMAT, "gazetteer: counts out of range");
    int rc;
    const uint8_t *post, *str;
    if ((rc = sect(g, "entries", 24, g->nentries, &g->entries, err)) ||
        (rc = sect(g, "countries", 16, g->ncountries, &g->countries, err)) ||
        (rc = sect(g, "admin1", 12, g->nadmin, &g->admin, err)) ||
        (rc = sect(g, "keys", 8, g->nkeys, &g->keys, err)) ||
        (rc = sect(g, "post", 4, g->npost, &post, err)) ||
        (rc = sect(g, "strings", 1, g->nstrings, &str, err)))
        return rc;
    if (!g->nstrings || str[g->nstrings - 1] != 0 || str[0] != 0)
        return an_err_set(err, AN_EFORMAT,
                          "gazetteer: strings do not start and end with NUL");
    if (((uintptr_t)post & 3) != 0)
        return an_err_set(err, AN_EFORMAT, "gazetteer: misaligned postings");
    g->post = (const uint32_t *)(const void *)post;
    g->strings = (const char *)str;
    for (uint32_t i = 0; i < g->nentries; i++) {
        const uint8_t *e = g->entries + 24 * (size_t)i;
        uint16_t a = rd16(e + 16);
        if (rd32(e + 12) >= g->nstrings ||
            (e[18] != 0xFF && e[18] >= g->ncountries) ||
            (a != 0xFFFF && a >= g->nadmin) || e[19] < 1 || e[19] > 5)
            return an_err_set(err, AN_EFORMAT, "gazetteer: bad entry %u", i);
    }
    for (uint32_t i = 0; i < g->ncountries; i++) {
        const uint8_t *c = g->countries + 16 * (size_t)i;
        uint32_t cap = rd32(c + 12);
        if (rd32(c + 8) >= g->nentries ||
            (cap != 0xFFFFFFFFu && cap >= g->nentries))
            return an_err_set(err, AN_EFORMAT, "gazetteer: bad country %u", i);
    }
    for (uint32_t i = 0; i < g->nadmin; i++) {
        const uint8_t *a = g->admin + 12 * (size_t)i;
        if (rd32(a) >= g->nstrings || rd32(a + 4) >= g->nentries ||
            a[8] >= g->ncountries)
            return an_err_set(err, AN_EFORMAT, "gazetteer: bad admin1 %u", i);
    }
    for (uint32_t i = 0; i < g->nkeys; i++) {
        const uint8_t *k = g->keys + 8 * (size_t)i;
        uint32_t s = rd32(k), p = rd32(k + 4);
        if (s >= g->nstrings || p >= g->npost)
            return an_err_set(err, AN_EFORMAT, "gazetteer: bad key %u", i);
        uint32_t cnt = g->post[p];
        if (cnt > g->npost - p - 1)
            return an_err_set(err, AN_EFORMAT, "gazetteer: bad postings of key %u",
                              i);
        for (uint32_t j = 1; j <= cnt; j++)
            if ((g->post[p + j] >> 8) >= g->nentries)
                return an_err_set(err, AN_EFORMAT,
                                  "gazetteer: key %u names no entry", i);
        if (i > 0 && strcmp(g->strings + rd32(k - 8), g->strings + s) >= 0)
            return an_err_set(err, AN_EFORMAT, "gazetteer: keys not sorted at %u",
                              i);
    }
    return AN_OK;
}

/* Open from the file at `path`, or from memory when path is NULL. */
static int open_gaz(const char *path, const void *p, size_t n, an_gaz **out,
                   an_err *err)
{
    void *m;
    int rc = an_image_load(path, p, n, "gaz", sizeof **out, offsetof(an_gaz, img),
                           check, &m, err);
    *out = m;
    return rc;
}

int an_gaz_open(const char *path, an_gaz **out, an_err *err)
{
    return open_gaz(path, NULL, 0, out, err);
}

int an_gaz_from_memory(const void *p, size_t n, an_gaz **out, an_err *err)
{
    return open_gaz(NULL, p, n, out, err);
}

void an_gaz_close(an_gaz *g)
{
    if (!g)
        return;
    an_image_close(g->img);
    free(g);
}

uint32_t an_gaz_nentries(const an_gaz *g) { return g->nentries; }
uint32_t an_gaz_nkeys(const an_gaz *g) { return g->nkeys; }

void an_gaz_entry_get(const an_gaz *g, uint32_t i, an_gaz_entry *e)
{
    memset(e, 0, sizeof *e);
    e->name = e->admin1 = "";
    e->country_idx = -1;
    e->admin_idx = UINT32_MAX;
    if (i >= g->nentries)
        return;
    const uint8_t *r = g->entries + 24 * (size_t)i;
    e->geonames_id = rd32(r);
    e->lat = (int32_t)rd32(r + 4) / 1e5;
    e->lon = (int32_t)rd32(r + 8) / 1e5;
    e->name = g->strings + rd32(r + 12);
    uint16_t a = rd16(r + 16);
    e->admin_idx = UINT32_MAX;
    if (a != 0xFFFF) {
        e->admin1 = g->strings + rd32(g->admin + 12 * (size_t)a);
        e->admin_idx = a;
    }
    if (r[18] != 0xFF) {
        e->country_idx = r[18];
        memcpy(e->country, g->countries + 16 * (size_t)r[18] + 2, 3);
        e->country[3] = 0;
    }
    e->kind = r[19];
    e->popq = r[20];
}

/* Compare key bytes k[0..n) with the NUL-terminated string s. */
static int keycmp(const char *k, size_t n, const char *s)
{
    size_t i = 0;
    for (; i < n && s[i]; i++)
        if (k[i] != s[i])
            return (unsigned char)k[i] < (unsigned char)s[i] ? -1 : 1;
    if (i < n)
        return 1;
    return s[i] ? -1 : 0;
}

/* First key index >= k[0..n). */
static uint32_t lower_bound(const an_gaz *g, const char *k, size_t n)
{
    uint32_t lo = 0, hi = g->nkeys;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const char *s = g->strings + rd32(g->keys + 8 * (size_t)mid);
        if (keycmp(k, n, s) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

uint32_t an_gaz_lookup(const an_gaz *g, const char *key, size_t n,
                       const uint32_t **post)
{
    *post = NULL;
    if (!g || !n)
        return 0;
    uint32_t i = lower_bound(g, key, n);
    if (i >= g->nkeys)
        return 0;
    const uint8_t *k = g->keys + 8 * (size_t)i;
    if (keycmp(key, n, g->strings + rd32(k)) != 0)
        return 0;
    uint32_t p = rd32(k + 4);
    *post = g->post + p + 1;
    return g->post[p];
}

bool an_gaz_has_prefix(const an_gaz *g, const char *prefix, size_t n)
{
    if (!g)
        return false;
    uint32_t i = lower_bound(g, prefix, n);
    if (i >= g->nkeys)
        return false;
    const char *s = g->strings + rd32(g->keys + 8 * (size_t)i);
    return strncmp(s, prefix, n) == 0 && strlen(s) >= n;
}

int an_gaz_country(const an_gaz *g, const char *iso3)
{
    if (!g)
        return -1;
    for (uint32_t i = 0; i < g->ncountries; i++)
        if (!memcmp(g->countries + 16 * (size_t)i + 2, iso3, 3))
            return (int)i;
    return -1;
}

uint32_t an__gaz_admin_entry(const an_gaz *g, uint32_t i)
{
    if (!g || i >= g->nadmin)
        return UINT32_MAX;
    return rd32(g->admin + 12 * (size_t)i + 4);
}

uint32_t an__gaz_country_entry(const an_gaz *g, int i)
{
    if (!g || i < 0 || (uint32_t)i >= g->ncountries)
        return UINT32_MAX;
    return rd32(g->countries + 16 * (size_t)i + 8);
}
