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
    AN_GAZ_CITY = 1, AN_GAZ_CAPITAL = 2, AN_GAZ_REGION = 3, AN_GAZ_COUNTRY = 4,
    AN_GAZ_WATER = 5 /* a sea, gulf, strait or lake: no country */
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
    uint32_t admin_idx;    /* index of its first-level subdivision (the
                              subdivision's own for a region), or
                              UINT32_MAX */
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

/** Entry of subdivision i (an_gaz_entry.admin_idx), or UINT32_MAX. */
uint32_t an__gaz_admin_entry(const an_gaz *g, uint32_t i);

/** Entry index of country i (an_gaz_entry.country_idx), or UINT32_MAX. */
uint32_t an__gaz_country_entry(const an_gaz *g, int i);

/** Country index of an ISO alpha-3 code, or -1. */
int an_gaz_country(const an_gaz *g, const char *iso3);

/**
 * Find and resolve the place mentions of `doc` into doc->places (with
 * their roles), set doc->focus (the country) and doc->main_place (the
 * dateline's place, or the city or region the document concentrates on).
 * `g` may be NULL (nothing is found).  `scratch` (may be NULL: the
 * document's arena) holds temporary data.  Returns AN_OK or AN_ENOMEM.
 */
int an_where_doc(an_doc *doc, const an_gaz *g, an_arena *scratch);

/**
 * Is mention p introduced by a locative preposition ("in Kyiv", "at the
 * New York press conference", "near central Odesa")?
 */
bool an__where_located(const an_doc *doc, const an_place_mention *p);

/** What an_where_event_place() knows of one event. */
typedef struct an_where_event {
    uint32_t sent;          /* sentence index */
    uint32_t verb;          /* the verb's token index within the sentence */
    const an_place_mention *places; /* the sentence's mentions that may be
                               the event's place (the coder leaves out
                               names it reads as actors); NULL: all the
                               sentence's mentions */
    size_t nplace;
    const char *source_country; /* ISO alpha-3 of the source, "" or NULL */
    const char *target_country; /* ISO alpha-3 of the target, "" or NULL */
    const char *cameo;      /* CAMEO code ("190"), or NULL */
} an_where_event;

/**
 * The place of one event, first found of:
 *   1. a place of its sentence: in an oblique or nominal modifier of the
 *      verb (or of its argument) introduced by in, at, near, around,
 *      outside, inside... when the sentence is parsed, else the mention
 *      nearest the verb (demonyms, origins, titles, organisation names and
 *      the dateline are not places of events);
 *   2. the place of the last of the three sentences before it, in its
 *      paragraph, that names one after a locative preposition;
 *   3. from the actors: the target's country for force (CAMEO 18-20), the
 *      source's when the event is domestic (no target, a target of no
 *      country or of the same country); the document's main place when it
 *      lies in that country;
 *   4. the document's main place, else its country focus, unless both
 *      actors name countries and neither is that one (then: no place).
 * Steps 2-4 are what a place "from the document" (AN_PLACE_DOCUMENT)
 * means; 2 and a main place from the dateline keep the bytes of the
 * mention they come from.  Fills *out (strings point into the gazetteer;
 * source 0 when there is none).
 */
void an_where_event_place(const an_doc *doc, const an_gaz *g,
                          const an_where_event *ev, an_place *out);

#endif /* AN_WHERE_H */
