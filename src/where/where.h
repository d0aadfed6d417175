/*
** where.h - places: the gazetteer image, place mentions of a document, the
** document's country focus, and the place of an event's verb.
**
** The gazetteer (kind "gaz", built by tools/build_gazetteer.py) holds
** countries, first-level subdivisions and cities with coordinates and
** GeoNames ids, and a sorted table of folded names, each with the entries
** it may name.  an_where_doc() finds the names in a document (longest
** match, capitalised, with rules against common words and person names),
** picks an entry for each by country context and population, and sets the
** document's country focus.  The coder calls an_where_event_place().
*/
#ifndef AN_WHERE_H
#define AN_WHERE_H

#include "../base/image.h"
#include "../doc/doc_int.h"

typedef struct an_gaz an_gaz;

/** Entry kinds (an_place_mention.kind). */
enum {
    AN_GAZ_CITY = 1, AN_GAZ_CAPITAL = 2, AN_GAZ_REGION = 3, AN_GAZ_COUNTRY = 4
};

/** Flags of a name's posting. */
enum {
    AN_GAZ_ALT = 1,     /* an alternate name, not the entry's own */
    AN_GAZ_DEMONYM = 2, /* a demonym ("Syrian"): the country, not a place */
    AN_GAZ_COMMON = 4,  /* also a common English word ("Nice", "Split") */
    AN_GAZ_ABBR = 8     /* an abbreviation ("UK", "U.S."): exact case only */
};

/** One entry as the tagger reads it. */
typedef struct an_gaz_entry {
    uint32_t geonames_id;  /* 0 for countries and regions */
    double lat, lon;
    const char *name;      /* NUL-terminated, in the image */
    const char *admin1;    /* subdivision name or "" */
    char country[4];       /* ISO alpha-3 or "" */
    int country_idx;       /* index of the country, -1 none */
    int kind;              /* AN_GAZ_* */
    int popq;              /* round(8 * log2(population + 1)), 0..255 */
} an_gaz_entry;

/** Open the gazetteer image at `path` (mmap) and check it. */
int an_gaz_open(const char *path, an_gaz **out, an_err *err);

/** Check an image in memory (kept alive by the caller; for tests, fuzzing). */
int an_gaz_from_memory(const void *p, size_t n, an_gaz **out, an_err *err);

/** Close; NULL is a no-op. */
void an_gaz_close(an_gaz *g);

/** Number of entries and of names. */
uint32_t an_gaz_nentries(const an_gaz *g);
uint32_t an_gaz_nkeys(const an_gaz *g);

/** Read entry i (< an_gaz_nentries) into *e. */
void an_gaz_entry_get(const an_gaz *g, uint32_t i, an_gaz_entry *e);

/**
 * Look up a folded name (lower case, no diacritics, words separated by one
 * space).  Returns the number of postings and sets *post to them: each is
 * (entry << 8 | flags).  0 when absent.
 */
uint32_t an_gaz_lookup(const an_gaz *g, const char *key, size_t n,
                       const uint32_t **post);

/** True when some name starts with `prefix` (used to stop n-gram growth). */
bool an_gaz_has_prefix(const an_gaz *g, const char *prefix, size_t n);

/** Entry index of country i (an_gaz_entry.country_idx), or UINT32_MAX. */
uint32_t an__gaz_country_entry(const an_gaz *g, int i);

/** Country index of an ISO alpha-3 code, or -1. */
int an_gaz_country(const an_gaz *g, const char *iso3);

/**
 * Find and resolve the place mentions of `doc` into doc->places and set
 * doc->focus.  `g` may be NULL (nothing is found).  Returns AN_OK or
 * AN_ENOMEM.
 */
int an_where_doc(an_doc *doc, const an_gaz *g, an_arena *scratch);

/**
 * The place of the event whose verb is token `verb` (index within sentence
 * `sent`): a place in an oblique or nominal modifier of the verb (or of its
 * object) introduced by in, at, near, around, outside, inside; else the
 * place mention nearest the verb in the sentence (demonyms excluded); else
 * the document's country focus.  Fills *out (place.source says which; 0
 * when there is none).  Strings point into the gazetteer.
 */
void an_where_event_place(const an_doc *doc, const an_gaz *g, uint32_t sent,
                          uint32_t verb, an_place *out);

#endif /* AN_WHERE_H */
