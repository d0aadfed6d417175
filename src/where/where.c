/*
** where.c - place mentions of a document, their roles, its country focus
** and its main place.
**
** Recognition: at each capitalised token the longest gazetteer name over
** the next few tokens is looked up (keys folded from the text itself: lower
** case, no diacritics, one space where the text has white space).  Names
** that are common English words ("Nice", "Split", "Reading") need a
** locative preposition before them or ", <place>" after them, and never
** start a sentence; a capitalised word before (not a title, direction or
** sentence start) or after (not a place word like "City" or "Mayor") marks
** a person's name ("Michael Jordan", "Paris Hilton") and the match is
** dropped, and a one-word name read as a surname there is a surname in the
** whole document ("Fritz Henderson ... Henderson said"); a nickname in
** quotes ("Vincent 'Chin' Gigante") and a shop's possessive ("Sam's Club")
** are no places; abbreviations must be written in capitals; words inside a
** time expression are not places ("May", "Sunday").
**
** Disambiguation: each name's entries are scored by population, kind
** (countries before subdivisions before cities for the same name; a big
** city before the subdivision of its name), country context (countries
** named or unambiguously implied by the other names of the document, a
** subdivision of a named country before a country named nowhere else:
** "Georgia" after "Atlanta"), subdivision context (a second pass: the
** subdivisions the other names were resolved to) and a following ",
** <country or subdivision>"; the best wins.  A town name shared with towns
** of about the same size in other countries, with no context, is dropped.
**
** Roles: a mention is a place where things happen, unless it says where
** someone comes from ("a Kyiv man", ", of Burnsville,", "born in"), a
** legislator's seat ("Washington senator"), an organisation ("Bank of
** England") or an actor ("U.S. officials"), or is the dateline's place.
**
** The focus is the country most places point to, the first sentence (the
** headline or dateline) counting double and a dateline three times.  The
** main place is the dateline's place, else the city or region the lead
** sentence happens in or most of the focus country's mentions name
** (main_place()).
*/
#include <stdlib.h>
#include <utf8proc.h>

#include "where.h"

#define MAX_KEY 240

const an_place_mention *an_doc_places(const an_doc *d, size_t *n)
{
    *n = d->nplace;
    return d->places;
}

const char *an_doc_country_focus(const an_doc *d)
{
    return d->focus;
}


static const char *const locative[] = {
    "in", "at", "near", "from", "to", "around", "outside", "inside", "into",
    "across", "toward", "towards", "via", "through", "throughout", "of",
    "off", "over", "visit", "visited", "visiting", "and", NULL};
static const char *const titles[] = {
    "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "president",
    "minister", "gen", "gen.", "general", "sen", "sen.", "senator", "rep",
    "rep.", "king", "queen", "prince", "princess", "lord", "sir", "dame",
    "judge", "pope", "governor", "gov.", "mayor", "chancellor", "secretary",
    "ambassador", "commander", "colonel", "col.", "captain", "capt.",
    "lt.", "sgt.", "officer", "coach", "striker", "defender", "midfielder",
    "actress", "actor", "singer", "star", NULL};
static const char *const before_ok[] = {
    "the", "northern", "southern", "eastern", "western", "central",
    "north", "south", "east", "west", "northeastern", "northwestern",
    "southeastern", "southwestern", "greater", "upper", "lower", "in", "at",
    "from", "to", "near", "of", "and", "or", "but", "downtown", "occupied",
    "rural", "suburban", "neighbouring", "neighboring", "war-torn", "by",
    "for", "with", "on", "as", "after", "before", "while", "since", NULL};
static const char *const after_ok[] = {
    "city", "province", "region", "oblast", "county", "state", "governorate",
    "district", "mayor", "governor", "police", "officials", "authorities",
    "government", "airport", "port", "harbour", "harbor", "station", "said",
    "says", "has", "have", "had", "was", "were", "is", "are", "will",
    "would", "and", "or", "on", "in", "at", "to", "for", "of", "the", "a",
    "an", "but", "which", "where", "when", "that", "as", "by", "with",
    "from", "after", "before", "since", "during", "army", "forces",
    "troops", "military", "border", "capital", "president", "prime",
    "minister", "foreign", "defence", "defense", "embassy", "parliament",
    "court", "council", "university", "residents", "people", "embassy",
    "ministry", "officials", "leaders", "leader", "security", "navy",
    "coast", "guard", "stock", "exchange", "central", "bank", NULL};

/* Token t starts with an upper-case letter (ASCII or any script). */
static bool is_cap(const an_doc *d, uint32_t t)
{
    const an_tok *tk = &d->toks[t];
    if (tk->start >= d->text.n)
        return false;
    unsigned char c = (unsigned char)d->text.p[tk->start];
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(
        (const utf8proc_uint8_t *)d->text.p + tk->start,
        (utf8proc_ssize_t)(tk->end - tk->start), &cp);
    return k > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Token text has no lower-case ASCII letter ("UK", "U.S."). */
static bool is_upper_word(const an_doc *d, uint32_t t)
{
    const an_tok *tk = &d->toks[t];
    for (uint32_t i = tk->start; i < tk->end && i < d->text.n; i++)
        if (d->text.p[i] >= 'a' && d->text.p[i] <= 'z')
            return false;
    return true;
}

/*
** Append the folded form of token t to key[*n..): ASCII lowered; other
** text decomposed, marks stripped and case-folded with utf8proc; curly
** apostrophes made straight.  Returns false when it does not fit.
*/
static bool fold_tok(const an_doc *d, uint32_t t, char *key, size_t *n)
{
    const an_tok *tk = &d->toks[t];
    if (tk->end > d->text.n || tk->start >= tk->end)
        return false;
    const char *p = d->text.p + tk->start;
    size_t len = tk->end - tk->start;
    bool ascii = true;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)p[i] >= 0x80)
            ascii = false;
    if (ascii) {
        if (*n + len >= MAX_KEY)
            return false;
        for (size_t i = 0; i < len; i++)
            key[(*n)++] = (char)an_lower((unsigned char)p[i]);
        return true;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t k = utf8proc_map(
        (const utf8proc_uint8_t *)p, (utf8proc_ssize_t)len, &dst,
        UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    if (k < 0) {
        free(dst);
        return false;
    }
    bool ok = true;
    for (utf8proc_ssize_t i = 0; i < k; i++) {
        if (*n + 1 >= MAX_KEY) {
            ok = false;
            break;
        }
        if (i + 2 < k && dst[i] == 0xE2 && dst[i + 1] == 0x80 &&
            (dst[i + 2] == 0x99 || dst[i + 2] == 0x98)) {
            key[(*n)++] = '\'';
            i += 2;
            continue;
        }
        key[(*n)++] = (char)dst[i];
    }
    free(dst);
    return ok;
}

/* A raw mention before disambiguation. */
typedef struct raw {
    uint32_t sent, tok, ntok;
    const uint32_t *post;
    uint32_t npost;
    uint8_t flags_or;     /* union of posting flags */
    uint8_t role;         /* enum an_place_role */
    uint8_t drop;         /* 1: dropped after recognition (a surname, an
                             ambiguous name) */
    int follow_country;   /* country index named by ", X" after it, or -1 */
    int follow_admin_c;   /* country of a subdivision named after it, -1 */
    int c0;               /* the one country its entries lie in, or -1 */
    uint32_t a0;          /* the one subdivision they lie in, or UINT32_MAX */
    uint32_t best;        /* chosen posting */
} raw;

/* Is document token t inside a time expression? */
static bool in_timex(const an_doc *d, uint32_t t)
{
    size_t i = AN__TOK_FIND(d->timexes, d->ntimex, t);
    return i < d->ntimex && d->timexes[i].tok <= t;
}

/*
** The longest name starting at token i of a sentence ending before s1:
** returns the number of tokens (0: none) and its postings.
*/
static uint32_t longest(const an_doc *d, const an_gaz *g, uint32_t i,
                        uint32_t s1, uint32_t maxw, const uint32_t **post,
                        uint32_t *npost)
{
    char key[MAX_KEY];
    size_t n = 0;
    uint32_t best = 0, words = 0;
    *npost = 0;
    for (uint32_t j = i; j < s1 && words < maxw; j++) {
        if (j > i) {
            bool space = d->toks[j].start > d->toks[j - 1].end;
            if (space) {
                if (n + 1 >= MAX_KEY)
                    break;
                key[n++] = ' ';
                words++;
                if (words >= maxw)
                    break;
            }
        }
        if (!fold_tok(d, j, key, &n))
            break;
        if (!an_gaz_has_prefix(g, key, n))
            break;
        const uint32_t *p;
        uint32_t c = an_gaz_lookup(g, key, n, &p);
        if (c) {
            best = j - i + 1;
            *post = p;
            *npost = c;
        }
    }
    return best;
}

/* Country index (or -1) of a name right after ", " at token t. */
static void follow_of(const an_doc *d, const an_gaz *g, uint32_t t,
                      uint32_t s1, raw *r)
{
    r->follow_country = r->follow_admin_c = -1;
    if (t + 1 >= s1 || !an_span_eq(d->toks[t].norm, ","))
        return;
    if (!is_cap(d, t + 1))
        return;
    const uint32_t *p;
    uint32_t np;
    if (!longest(d, g, t + 1, s1, 4, &p, &np))
        return;
    for (uint32_t k = 0; k < np; k++) {
        an_gaz_entry e;
        an_gaz_entry_get(g, p[k] >> 8, &e);
        if (e.kind == AN_GAZ_COUNTRY && r->follow_country < 0 &&
            !(p[k] & AN_GAZ_DEMONYM))
            r->follow_country = e.country_idx;
        if (e.kind == AN_GAZ_REGION && r->follow_admin_c < 0)
            r->follow_admin_c = e.country_idx;
    }
}

/* Norm of token t if it lies in [s0, s1), else "". */
static an_span norm_at(const an_doc *d, uint32_t s0, uint32_t s1, long t)
{
    if (t < (long)s0 || t >= (long)s1)
        return (an_span){"", 0};
    return d->toks[t].norm;
}

static bool is_quote(an_span w)
{
    return an_span_eq(w, "\"") || an_span_eq(w, "'") || an_span_eq(w, "``") ||
           an_span_eq(w, "''") || an_span_eq(w, "`");
}

/* First token of sentence s that is not punctuation or a quote. */
static uint32_t first_word(const an_doc *d, const an_sent *s)
{
    uint32_t first = s->tok, s1 = s->tok + s->ntok;
    while (first < s1 && (d->toks[first].flags & AN_TOK_PUNCT ||
                          is_quote(d->toks[first].norm) ||
                          an_span_eq(d->toks[first].norm, "(")))
        first++;
    return first;
}

/* Outcomes of accept(). */
enum { REJECT = 0, ACCEPT = 1, SURNAME = 2 };

/* Heads of names built on a possessive ("Sam's Club", "Macy's Store"). */
static const char *const possessive_heads[] = {
    "club", "restaurant", "hospital", "church", "college", "university",
    "school", "bar", "inn", "store", "stores", "kitchen", "grill", "cafe",
    "pub", "diner", "bakery", "market", "markets", "island", NULL};

/* Apply the recognition rules to a candidate (ACCEPT, REJECT, or SURNAME
   for a name read as the last word of a person's name). */
static int accept(const an_doc *d, const an_sent *s, uint32_t i, uint32_t k,
                  raw *r, const an_gaz *g)
{
    uint32_t s0 = s->tok, s1 = s->tok + s->ntok;
    uint8_t all = 0xFF;
    for (uint32_t q = 0; q < r->npost; q++) {
        r->flags_or |= (uint8_t)r->post[q];
        all &= (uint8_t)r->post[q];
    }
    for (uint32_t t = i; t < i + k; t++)
        if (in_timex(d, t))
            return REJECT;
    /* Abbreviations only in capitals ("US", not "us"). */
    if ((all & AN_GAZ_ABBR) && !is_upper_word(d, i))
        return REJECT;
    uint32_t first = first_word(d, s);
    an_span prev = norm_at(d, s0, s1, (long)i - 1);
    bool prev_loc = AN_SPAN_IN(prev, locative);
    follow_of(d, g, i + k, s1, r);
    if (all & AN_GAZ_COMMON) {
        if (i == first)
            return REJECT;
        if (!(prev_loc && !an_span_eq(prev, "and") && !an_span_eq(prev, "of")) &&
            r->follow_country < 0 && r->follow_admin_c < 0)
            return REJECT;
    }
    if (all & AN_GAZ_DEMONYM)
        return ACCEPT;
    /* A nickname in quotes inside a person's name ("Vincent 'Chin'
       Gigante"). */
    if (i >= s0 + 2 && is_quote(prev) && is_cap(d, i - 2) &&
        is_quote(norm_at(d, s0, s1, (long)(i + k))))
        return REJECT;
    /* A possessive naming a shop or a club ("Sam's Club"). */
    if (an_span_eq(norm_at(d, s0, s1, (long)(i + k)), "'s") &&
        i + k + 1 < s1 && is_cap(d, i + k + 1) &&
        AN_SPAN_IN(d->toks[i + k + 1].norm, possessive_heads))
        return REJECT;
    /* Abbreviated state names ("Fla.", "Miss.", "Mo."): not places here. */
    if (k == 1 && i + 1 < d->ntok && an_span_eq(d->toks[i + 1].norm, ".") &&
        d->toks[i + 1].start == d->toks[i].end &&
        d->toks[i].end - d->toks[i].start <= 5) {
        /* ... when the text goes on as within a sentence after the dot. */
        size_t q = d->toks[i + 1].end;
        while (q < d->text.n && d->text.p[q] == ' ')
            q++;
        if (q < d->text.n && (d->text.p[q] == ',' ||
                              (d->text.p[q] >= 'a' && d->text.p[q] <= 'z') ||
                              (d->text.p[q] >= '0' && d->text.p[q] <= '9')))
            return REJECT;
    }
    /* How big is the biggest place the name may be? */
    int best_pop = 0, best_kind = 0;
    for (uint32_t q = 0; q < r->npost; q++) {
        an_gaz_entry e;
        an_gaz_entry_get(g, r->post[q] >> 8, &e);
        best_pop = AN_MAX(best_pop, e.popq);
        best_kind = AN_MAX(best_kind, e.kind);
    }
    bool big = best_kind >= AN_GAZ_REGION || best_pop >= 133; /* 100,000 */
    bool known = big || best_pop >= 111;                      /* 15,000 */
    bool strict = prev_loc && !an_span_eq(prev, "and") &&
                  !an_span_eq(prev, "of");
    bool follow = r->follow_country >= 0 || r->follow_admin_c >= 0;
    /* A one-word name starting a sentence is a surname or a word more
       often than a small town ("Bush said", "Manning threw"). */
    if (k == 1 && i == first && !big && !follow)
        return REJECT;
    /* Small places need a locative preposition or ", <place>". */
    if (k == 1 && !known && !strict && !follow)
        return REJECT;
    /* Person names: a capitalised word before ("Michael Jordan", "Fritz
       Henderson"), not a direction or a title of its own; places in a
       list have a comma between them, and "Tel Aviv" is one name. */
    if (i > first && is_cap(d, i - 1) && !AN_SPAN_IN(prev, before_ok))
        return k == 1 ? SURNAME : REJECT;
    if (i > s0 + 1 && AN_SPAN_IN(prev, titles))
        return k == 1 ? SURNAME : REJECT;
    if (i + k < s1 && is_cap(d, i + k) && !strict &&
        !AN_SPAN_IN(d->toks[i + k].norm, after_ok))
        return REJECT;
    return ACCEPT;
}

/* Words after a place that make it where someone comes from. */
static const char *const origin_after[] = {
    "man", "woman", "men", "women", "boy", "girl", "native", "natives",
    "teen", "teenager", "mother", "father", "couple", NULL};
/* Words after a place that make it a legislator's seat. */
static const char *const legislator[] = {
    "senator", "sen.", "representative", "rep.", "congressman",
    "congresswoman", "lawmaker", "lawmakers", "legislator", "legislators",
    "mp", "mps", "delegate", "senators", "representatives", NULL};
/* Heads of organisations named "<Head> of <Place>". */
static const char *const org_of[] = {
    "bank", "university", "college", "institute", "school", "museum",
    "government", "council", "parliament", "ministry", "department",
    "church", "diocese", "archdiocese", "bureau", "commission",
    "federation", "association", "society", "academy", "court",
    "chamber", "embassy", "consulate", NULL};
/* Nouns after a country that make it the name of an actor ("U.S.
   officials"), like a demonym. */
static const char *const actor_nouns[] = {
    "government", "officials", "official", "authorities", "forces",
    "troops", "military", "army", "navy", "president", "prime", "law",
    "laws", "treasury", "dollar", "dollars", "economy", "embassy",
    "ambassador", "envoy", "administration", "leaders", "leader",
    "senate", "congress", "intelligence", "diplomats", "diplomat",
    "spokesman", "spokeswoman", "ministry", "minister", "regime",
    "citizens", "citizen", "soldiers", "federal", "state", "national",
    "nationals", "team", "side", "delegation", "negotiators", "warplanes",
    "aircraft", "jets", "drones", "missiles", "navy's", "company",
    "companies", "firms", "banks", "government's", "stocks", "shares",
    "market", "markets", "currency", "attorney", "department", NULL};

/* What the mention at [i, i+k) of sentence s stands for. */
static uint8_t role_of(const an_doc *d, const an_sent *s, uint32_t i,
                       uint32_t k, bool country, bool demonym)
{
    uint32_t s0 = s->tok, s1 = s->tok + s->ntok;
    an_span prev = norm_at(d, s0, s1, (long)i - 1);
    an_span prev2 = norm_at(d, s0, s1, (long)i - 2);
    an_span next = norm_at(d, s0, s1, (long)(i + k));
    if (demonym)
        return AN_PLACE_ROLE_EVENT;
    if (AN_SPAN_IN(next, origin_after) && !is_cap(d, i + k))
        return AN_PLACE_ROLE_ORIGIN;
    /* "Luann Johnson, of Burnsville," and "LaSalle, 36, of Bloomington". */
    if (an_span_eq(prev, "of") && an_span_eq(prev2, ","))
        return AN_PLACE_ROLE_ORIGIN;
    /* "senator Mark Warner from Virginia" (a name, not a verb, before). */
    if (an_span_eq(prev, "from") && i >= s0 + 2 && is_cap(d, i - 2) &&
        i - 2 > first_word(d, s))
        return AN_PLACE_ROLE_ORIGIN;
    if (an_span_eq(prev, "in") && an_span_eq(prev2, "born"))
        return AN_PLACE_ROLE_ORIGIN;
    if (AN_SPAN_IN(next, legislator))
        return AN_PLACE_ROLE_TITLE;
    if (an_span_eq(prev, "of") && i >= s0 + 2 && is_cap(d, i - 2) &&
        AN_SPAN_IN(prev2, org_of))
        return AN_PLACE_ROLE_ACTOR;
    if (country && AN_SPAN_IN(next, actor_nouns))
        return AN_PLACE_ROLE_ACTOR;
    /* A currency ("US$ 40.4 million", "US $2.63 billion"). */
    if (country && next.n && next.p[0] == '$')
        return AN_PLACE_ROLE_ACTOR;
    return AN_PLACE_ROLE_EVENT;
}

/* Dashes that end a dateline. */
static bool is_dash(an_span w)
{
    return an_span_eq(w, "-") || an_span_eq(w, "--") || an_span_eq(w, "---") ||
           an_span_eq(w, ":");
}

/*
** Is raw mention r the place of a dateline: at the start of one of the
** first sentences, followed within a few tokens by a dash, with only
** names, commas, a date and an agency in brackets between ("KYIV, March
** 18 (Reuters) -", "WASHINGTON, DC, April 28 (ENS) --", "GAZA CITY (AP)
** --"); the place written in capitals unless the agency is there.
*/
static bool dateline(const an_doc *d, const raw *r)
{
    if (r->sent >= d->nsent || r->sent > 3)
        return false;
    const an_sent *s = &d->sents[r->sent];
    uint32_t s1 = s->tok + s->ntok;
    if (r->tok != first_word(d, s))
        return false;
    bool caps = true;
    for (uint32_t t = r->tok; t < r->tok + r->ntok; t++)
        caps &= is_upper_word(d, t) && d->toks[t].end - d->toks[t].start >= 2;
    bool agency = false;
    int depth = 0;
    for (uint32_t t = r->tok + r->ntok; t < s1 && t < r->tok + r->ntok + 16; t++) {
        an_span w = d->toks[t].norm;
        if (an_span_eq(w, "(")) {
            depth++;
            continue;
        }
        if (an_span_eq(w, ")")) {
            if (!depth)
                return false;
            depth--;
            agency = true;
            continue;
        }
        if (depth)
            continue;
        if (is_dash(w))
            return (caps || agency) && t + 1 < s1;
        /* Between the place and the dash: commas, names, numbers. */
        if (an_span_eq(w, ",") || an_span_eq(w, ".") || is_cap(d, t) ||
            (d->toks[t].flags & AN_TOK_DIGIT))
            continue;
        return false;
    }
    return false;
}

/* Per-document context for disambiguation. */
typedef struct ctxs {
    float country[256];  /* mentions whose entries lie in one country */
} ctxs;

/*
** Score of posting q of raw mention r.  `cc` counts, per country, the
** mentions (other than those of the same name) whose entries all lie in
** it; `ac` the same per subdivision after a first choice (NULL in the
** first pass).
*/
static int score(const an_gaz *g, const raw *r, uint32_t q, const float *cc,
                 const float *ac, uint32_t nadmin)
{
    an_gaz_entry e;
    uint32_t pv = r->post[q];
    an_gaz_entry_get(g, pv >> 8, &e);
    int s = e.popq;
    if (e.kind == AN_GAZ_COUNTRY)
        s += 100;
    else if (e.kind == AN_GAZ_REGION)
        s += 10;
    else if (e.kind == AN_GAZ_CAPITAL)
        s += 20;
    if (pv & AN_GAZ_ALT)
        s -= 25;
    float c = e.country_idx >= 0 && e.country_idx < 256 ? cc[e.country_idx] : 0;
    if (c > 0)
        s += 50 + (int)(10 * AN_MIN(c, 5.0f));
    if (e.country_idx >= 0 && (e.country_idx == r->follow_country ||
                               e.country_idx == r->follow_admin_c))
        s += 150;
    if (ac && e.kind != AN_GAZ_COUNTRY && e.admin_idx < nadmin &&
        ac[e.admin_idx] > 0)
        s += 30;
    for (uint32_t k = 0; k < r->npost; k++) {
        if (k == q)
            continue;
        an_gaz_entry o;
        an_gaz_entry_get(g, r->post[k] >> 8, &o);
        /* A subdivision named like a big city of its country ("New
           York", "Washington", "Sao Paulo"): the city, as news means. */
        if (e.kind == AN_GAZ_REGION && o.country_idx == e.country_idx &&
            (o.kind == AN_GAZ_CAPITAL ||
             (o.kind == AN_GAZ_CITY && o.popq + 24 >= e.popq)))
            s -= 60;
        /* A subdivision whose country the document names, against a
           country it does not ("Georgia" after "Atlanta"). */
        if (e.kind == AN_GAZ_REGION && o.kind == AN_GAZ_COUNTRY && c >= 1 &&
            (o.country_idx < 0 || o.country_idx >= 256 ||
             cc[o.country_idx] <= 0))
            s += 200;
    }
    return s;
}

/* The posting of r with the best score, and the best score in another
   country (-1000000 when none); an alternate name is no rival to an
   entry's own name ("Philadelphia", once a name of Amman). */
static uint32_t choose(const an_gaz *g, const raw *r, const float *cc,
                       const float *ac, uint32_t nadmin, int *bs, int *other)
{
    uint32_t best = 0;
    *bs = -1000000;
    for (uint32_t q = 0; q < r->npost; q++) {
        int sc = score(g, r, q, cc, ac, nadmin);
        if (sc > *bs) {
            *bs = sc;
            best = q;
        }
    }
    an_gaz_entry b;
    an_gaz_entry_get(g, r->post[best] >> 8, &b);
    *other = -1000000;
    bool own_name = !(r->post[best] & AN_GAZ_ALT);
    for (uint32_t q = 0; q < r->npost; q++) {
        if (own_name && (r->post[q] & AN_GAZ_ALT))
            continue;
        an_gaz_entry e;
        an_gaz_entry_get(g, r->post[q] >> 8, &e);
        if (e.country_idx != b.country_idx)
            *other = AN_MAX(*other, score(g, r, q, cc, ac, nadmin));
    }
    return best;
}

/* Country and subdivision a raw mention's entries all lie in (-1 /
   UINT32_MAX when they differ); a leading country posting decides. */
static void single_place(const an_gaz *g, raw *r)
{
    r->c0 = -2;
    r->a0 = UINT32_MAX - 1;
    for (uint32_t q = 0; q < r->npost; q++) {
        an_gaz_entry e;
        an_gaz_entry_get(g, r->post[q] >> 8, &e);
        if (e.kind == AN_GAZ_COUNTRY && q == 0) {
            r->c0 = e.country_idx;
            r->a0 = UINT32_MAX;
            return;
        }
        if (r->c0 == -2)
            r->c0 = e.country_idx;
        else if (r->c0 != e.country_idx)
            r->c0 = -1;
        uint32_t a = e.kind == AN_GAZ_COUNTRY ? UINT32_MAX : e.admin_idx;
        if (r->a0 == UINT32_MAX - 1)
            r->a0 = a;
        else if (r->a0 != a)
            r->a0 = UINT32_MAX;
    }
    if (r->c0 < 0)
        r->c0 = -1;
    if (r->a0 == UINT32_MAX - 1)
        r->a0 = UINT32_MAX;
}

/* Is this sentence before the lead's end: a headline, a title or a date
   line (no final . ! ? or quote), or the first prose sentence? */
static bool in_lead(const an_doc *d, size_t si)
{
    for (size_t k = 0; k < d->nsent && k <= si; k++) {
        const an_sent *s = &d->sents[k];
        if (!s->ntok || s->tok + s->ntok > d->ntok)
            continue;
        an_span w = d->toks[s->tok + s->ntok - 1].norm;
        bool prose = an_span_eq(w, ".") || an_span_eq(w, "!") ||
                     an_span_eq(w, "?") || is_quote(w);
        if (prose && !(s->flags & AN_SENT_TITLE))
            return k == si;
    }
    return true;
}

/* Is place mention p introduced by a locative preposition ("in Kyiv", "at
   the New York press conference", "near central Odesa")? */
bool an__where_located(const an_doc *d, const an_place_mention *p)
{
    static const char *const loc[] = {
        "in", "at", "near", "around", "outside", "inside", "across",
        "throughout", "within", "into", "off", NULL};
    static const char *const skip[] = {
        "the", "a", "an", "northern", "southern", "eastern", "western",
        "central", "downtown", "north", "south", "east", "west", "occupied",
        "rural", "suburban", "greater", "northeastern", "northwestern",
        "southeastern", "southwestern", "war-torn", "neighbouring",
        "neighboring", NULL};
    if (p->sent >= d->nsent)
        return false;
    const an_sent *s = &d->sents[p->sent];
    long t = (long)p->tok - 1;
    for (int n = 0; n < 3 && t >= (long)s->tok; n++, t--) {
        an_span w = d->toks[t].norm;
        if (AN_SPAN_IN(w, loc))
            return true;
        if (!AN_SPAN_IN(w, skip))
            return false;
    }
    return false;
}

/* Fill a mention of the main place from gazetteer entry e. */
static void main_from_entry(an_doc *d, const an_gaz *g, uint32_t e)
{
    an_gaz_entry ge;
    an_gaz_entry_get(g, e, &ge);
    an_place_mention *m = &d->main_place;
    memset(m, 0, sizeof *m);
    m->entry = e;
    m->name = ge.name;
    memcpy(m->country, ge.country, 4);
    m->admin1 = ge.admin1;
    m->lat = ge.lat;
    m->lon = ge.lon;
    m->geonames_id = ge.geonames_id;
    m->kind = (uint8_t)ge.kind;
}

/*
** The main place of a document with country focus `fc` (index): the
** dateline's place; else a city or region named where the lead happens
** ("In a New York press conference") that no other place of the country
** outweighs; else the city, then the region, holding at least two and at
** least half of the weight of the country's place mentions (mentions in
** the lead count twice; demonyms and mentions that are no places of
** events do not count).
*/
static int main_place(an_doc *d, const an_gaz *g, int fc, an_arena *a)
{
    size_t n = d->nplace;
    const an_place_mention *pm = d->places;
    for (size_t m = 0; m < n; m++)
        if (pm[m].role == AN_PLACE_ROLE_DATELINE) {
            d->main_place = pm[m];
            d->main_place.role = AN_PLACE_ROLE_DATELINE;
            return AN_OK;
        }
    if (fc < 0)
        return AN_OK;
    /* Weights by entry and by subdivision. */
    uint32_t *ent = an_arena_array(a, n + 1, sizeof *ent);
    uint32_t *adm = an_arena_array(a, n + 1, sizeof *adm);
    float *we = an_arena_array(a, n + 1, sizeof *we);
    float *wa = an_arena_array(a, n + 1, sizeof *wa);
    if (!ent || !adm || !we || !wa)
        return AN_ENOMEM;
    size_t ne = 0, na = 0;
    float total = 0;
    uint32_t lead = UINT32_MAX;
    for (size_t m = 0; m < n; m++) {
        const an_place_mention *p = &pm[m];
        if (p->demonym || p->role != AN_PLACE_ROLE_EVENT)
            continue;
        an_gaz_entry e;
        an_gaz_entry_get(g, p->entry, &e);
        if (e.country_idx != fc)
            continue;
        bool ld = in_lead(d, p->sent);
        float w = ld ? 2.0f : 1.0f;
        total += w;
        if (e.kind == AN_GAZ_COUNTRY)
            continue;
        if (ld && lead == UINT32_MAX && an__where_located(d, p))
            lead = p->entry;
        if (e.kind != AN_GAZ_REGION) {
            size_t k = 0;
            while (k < ne && ent[k] != p->entry)
                k++;
            if (k == ne) {
                ent[ne] = p->entry;
                we[ne++] = 0;
            }
            we[k] += w;
        }
        if (e.admin_idx != UINT32_MAX) {
            size_t k = 0;
            while (k < na && adm[k] != e.admin_idx)
                k++;
            if (k == na) {
                adm[na] = e.admin_idx;
                wa[na++] = 0;
            }
            wa[k] += w;
        }
    }
    size_t bc = ne, bcs = ne, ba = na;
    for (size_t k = 0; k < ne; k++) {
        if (bc == ne || we[k] > we[bc]) {
            bcs = bc;
            bc = k;
        } else if (bcs == ne || we[k] > we[bcs]) {
            bcs = k;
        }
    }
    for (size_t k = 0; k < na; k++)
        if (ba == na || wa[k] > wa[ba])
            ba = k;
    if (lead != UINT32_MAX) {
        /* The lead's place, unless another city weighs more. */
        an_gaz_entry e;
        an_gaz_entry_get(g, lead, &e);
        float wl = 0;
        for (size_t k = 0; k < ne; k++)
            if (ent[k] == lead)
                wl = we[k];
        if (e.kind == AN_GAZ_REGION || bc == ne || we[bc] <= wl) {
            main_from_entry(d, g, lead);
            return AN_OK;
        }
    }
    if (bc < ne && we[bc] >= 2 && 2 * we[bc] >= total &&
        (bcs == ne || we[bcs] < we[bc])) {
        main_from_entry(d, g, ent[bc]);
        return AN_OK;
    }
    if (ba < na && wa[ba] >= 2 && 2 * wa[ba] >= total) {
        uint32_t e = an__gaz_admin_entry(g, adm[ba]);
        if (e != UINT32_MAX)
            main_from_entry(d, g, e);
    }
    return AN_OK;
}

int an_where_doc(an_doc *d, const an_gaz *g, an_arena *scratch)
{
    d->places = NULL;
    d->nplace = 0;
    d->focus[0] = 0;
    memset(&d->main_place, 0, sizeof d->main_place);
    if (!g || !d->ntok)
        return AN_OK;
    an_arena *a = scratch ? scratch : &d->arena;
    raw *rv = NULL;
    size_t nr = 0, rcap = 0;
    const uint32_t **sur = NULL; /* postings read as surnames */
    size_t nsur = 0, scap = 0;
    uint32_t maxw = 6;
    for (size_t si = 0; si < d->nsent; si++) {
        const an_sent *s = &d->sents[si];
        uint32_t s1 = s->tok + s->ntok;
        if (s1 > d->ntok)
            break;
        for (uint32_t i = s->tok; i < s1;) {
            if (!is_cap(d, i)) {
                i++;
                continue;
            }
            raw r;
            memset(&r, 0, sizeof r);
            uint32_t k = longest(d, g, i, s1, maxw, &r.post, &r.npost);
            if (!k) {
                i++;
                continue;
            }
            r.sent = (uint32_t)si;
            r.tok = i;
            r.ntok = k;
            int ok = accept(d, s, i, k, &r, g);
            if (ok == SURNAME) {
                sur = an_arena_vec(a, sur, &scap, nsur + 1, sizeof *sur);
                if (!sur)
                    return AN_ENOMEM;
                sur[nsur++] = r.post;
            }
            if (ok != ACCEPT) {
                i += k;
                continue;
            }
            rv = an_arena_vec(a, rv, &rcap, nr + 1, sizeof *rv);
            if (!rv)
                return AN_ENOMEM;
            rv[nr++] = r;
            i += k;
        }
    }
    if (!nr)
        return AN_OK;
    /* A one-word name that is elsewhere the last word of a person's name
       ("Fritz Henderson ... Henderson said") is that person, unless it
       can be a country. */
    for (size_t m = 0; m < nr; m++) {
        raw *r = &rv[m];
        if (r->ntok != 1 || (r->flags_or & AN_GAZ_DEMONYM))
            continue;
        bool named = false;
        for (size_t k = 0; k < nsur && !named; k++)
            named = sur[k] == r->post;
        bool country = false;
        for (uint32_t q = 0; q < r->npost && !country; q++) {
            an_gaz_entry e;
            an_gaz_entry_get(g, r->post[q] >> 8, &e);
            country = e.kind == AN_GAZ_COUNTRY;
        }
        r->drop = named && !country;
    }
    /* Country context: countries named, demonyms, and names whose entries
       all lie in one country; each mention is scored without the
       mentions of its own name. */
    float ctx[256];
    memset(ctx, 0, sizeof ctx);
    for (size_t m = 0; m < nr; m++) {
        single_place(g, &rv[m]);
        if (!rv[m].drop && rv[m].c0 >= 0 && rv[m].c0 < 256)
            ctx[rv[m].c0] += 1;
    }
    float own[256];
    uint32_t nadmin = 0;
    for (int pass = 0; pass < 2; pass++) {
        float *actx = NULL;
        if (pass == 1) {
            /* Subdivision context from the first choices. */
            uint32_t na = 0;
            for (size_t m = 0; m < nr; m++) {
                an_gaz_entry e;
                an_gaz_entry_get(g, rv[m].post[rv[m].best] >> 8, &e);
                if (e.admin_idx != UINT32_MAX)
                    na = AN_MAX(na, e.admin_idx + 1);
            }
            nadmin = na;
            actx = na ? an_arena_array(a, na, sizeof *actx) : NULL;
            if (na && !actx)
                return AN_ENOMEM;
        }
        for (size_t m = 0; m < nr; m++) {
            raw *r = &rv[m];
            if (r->drop)
                continue;
            memcpy(own, ctx, sizeof own);
            for (size_t k = 0; k < nr; k++)
                if (!rv[k].drop && rv[k].post == r->post && rv[k].c0 >= 0 &&
                    rv[k].c0 < 256)
                    own[rv[k].c0] -= 1;
            if (actx) {
                memset(actx, 0, nadmin * sizeof *actx);
                for (size_t k = 0; k < nr; k++) {
                    if (rv[k].drop || rv[k].post == r->post)
                        continue;
                    an_gaz_entry e;
                    an_gaz_entry_get(g, rv[k].post[rv[k].best] >> 8, &e);
                    if (e.kind != AN_GAZ_COUNTRY && e.admin_idx < nadmin)
                        actx[e.admin_idx] += 1;
                }
            }
            int bs, other;
            r->best = choose(g, r, own, actx, nadmin, &bs, &other);
            if (pass == 0)
                continue;
            /* A town name shared by towns of other countries of about the
               same size, with nothing in the document to tell them apart
               ("Santa Rosa"), is left out. */
            an_gaz_entry e;
            an_gaz_entry_get(g, r->post[r->best] >> 8, &e);
            bool support = (e.country_idx >= 0 && e.country_idx < 256 &&
                            own[e.country_idx] > 0) ||
                           r->follow_country >= 0 || r->follow_admin_c >= 0;
            if (e.kind == AN_GAZ_CITY && !support && other > -1000000 &&
                bs - other < 10)
                r->drop = 1;
        }
    }
    size_t nk = 0;
    for (size_t m = 0; m < nr; m++)
        nk += !rv[m].drop;
    if (!nk)
        return AN_OK;
    an_place_mention *pm = an_arena_array(&d->arena, nk, sizeof *pm);
    if (!pm)
        return AN_ENOMEM;
    float focus[256];
    memset(focus, 0, sizeof focus);
    size_t o = 0;
    bool dated = false;
    for (size_t m = 0; m < nr; m++) {
        raw *r = &rv[m];
        if (r->drop)
            continue;
        an_gaz_entry e;
        uint32_t pv = r->post[r->best];
        an_gaz_entry_get(g, pv >> 8, &e);
        an_place_mention *p = &pm[o++];
        memset(p, 0, sizeof *p);
        p->sent = r->sent;
        p->tok = r->tok;
        p->ntok = r->ntok;
        p->start = d->toks[r->tok].start;
        p->end = d->toks[r->tok + r->ntok - 1].end;
        p->entry = pv >> 8;
        p->name = e.name;
        memcpy(p->country, e.country, 4);
        p->admin1 = e.admin1;
        p->lat = e.lat;
        p->lon = e.lon;
        p->geonames_id = e.geonames_id;
        p->kind = (uint8_t)e.kind;
        p->demonym = (pv & AN_GAZ_DEMONYM) != 0;
        p->role = role_of(d, &d->sents[r->sent], r->tok, r->ntok,
                          e.kind == AN_GAZ_COUNTRY, p->demonym);
        float w = (p->demonym ? 0.5f : 1.0f) * (r->sent == 0 ? 2.0f : 1.0f);
        if (!p->demonym && !dated && dateline(d, r)) {
            dated = true;
            p->role = AN_PLACE_ROLE_DATELINE;
            w = 3.0f;
            /* A dateline names a city: its biggest city of the country
               chosen, if the name has one ("KUWAIT", "NEW YORK"). */
            int bp = -1;
            for (uint32_t q = 0; q < r->npost; q++) {
                an_gaz_entry c;
                an_gaz_entry_get(g, r->post[q] >> 8, &c);
                if ((c.kind == AN_GAZ_CITY || c.kind == AN_GAZ_CAPITAL) &&
                    c.country_idx == e.country_idx && c.popq > bp) {
                    bp = c.popq;
                    pv = r->post[q];
                }
            }
            if (bp >= 0) {
                an_gaz_entry_get(g, pv >> 8, &e);
                p->entry = pv >> 8;
                p->name = e.name;
                p->admin1 = e.admin1;
                p->lat = e.lat;
                p->lon = e.lon;
                p->geonames_id = e.geonames_id;
                p->kind = (uint8_t)e.kind;
            }
        }
        if (e.country_idx >= 0)
            focus[e.country_idx] += w;
    }
    d->places = pm;
    d->nplace = nk;
    int bi = -1;
    float bw = 0;
    for (size_t m = 0; m < nk; m++) {
        an_gaz_entry e;
        an_gaz_entry_get(g, pm[m].entry, &e);
        int c = e.country_idx;
        if (c >= 0 && focus[c] > bw) {
            bw = focus[c];
            bi = c;
        }
    }
    if (bi >= 0 && bw >= 1.0f) {
        an_gaz_entry e;
        an_gaz_entry_get(g, an__gaz_country_entry(g, bi), &e);
        memcpy(d->focus, e.country, 4);
    }
    int rc = main_place(d, g, bw >= 1.0f ? bi : -1, a);
    if (rc != AN_OK)
        return rc;
    return d->arena.oom ? AN_ENOMEM : AN_OK;
}

int an_doc_main_place(const an_doc *d, an_place_mention *out)
{
    if (!d->main_place.name) {
        memset(out, 0, sizeof *out);
        return 0;
    }
    *out = d->main_place;
    return 1;
}
