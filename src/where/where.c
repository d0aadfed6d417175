/*
** where.c - place mentions of a document, its country focus, and the place
** of an event's verb.
**
** Recognition: at each capitalised token the longest gazetteer name over
** the next few tokens is looked up (keys folded from the text itself: lower
** case, no diacritics, one space where the text has white space).  Names
** that are common English words ("Nice", "Split", "Reading") need a
** locative preposition before them or ", <place>" after them, and never
** start a sentence; a capitalised word before (not a title, direction or
** sentence start) or after (not a place word like "City" or "Mayor") marks
** a person's name ("Michael Jordan", "Paris Hilton") and the match is
** dropped; abbreviations must be written in capitals; words inside a time
** expression are not places ("May", "Sunday").
**
** Disambiguation: each name's entries are scored by population, kind
** (countries before subdivisions before cities for the same name), country
** context (countries named or unambiguously implied elsewhere in the
** document) and a following ", <country or subdivision>"; the best wins.
** The focus is the country most places point to, the first sentence (the
** headline or dateline) counting double.
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

static bool span_in(an_span w, const char *const *list)
{
    for (; *list; list++)
        if (an_span_eq(w, *list))
            return true;
    return false;
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
    int follow_country;   /* country index named by ", X" after it, or -1 */
    int follow_admin_c;   /* country of a subdivision named after it, -1 */
} raw;

/* Is document token t inside a time expression? */
static bool in_timex(const an_doc *d, uint32_t t)
{
    size_t lo = 0, hi = d->ntimex;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->timexes[mid].tok + d->timexes[mid].ntok <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->ntimex && d->timexes[lo].tok <= t;
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

/* Apply the recognition rules to a candidate; true to keep it. */
static bool accept(const an_doc *d, const an_sent *s, uint32_t i, uint32_t k,
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
            return false;
    /* Abbreviations only in capitals ("US", not "us"). */
    if ((all & AN_GAZ_ABBR) && !is_upper_word(d, i))
        return false;
    uint32_t first = s0;
    while (first < s1 && (d->toks[first].flags & AN_TOK_PUNCT ||
                          an_span_eq(d->toks[first].norm, "\"") ||
                          an_span_eq(d->toks[first].norm, "'") ||
                          an_span_eq(d->toks[first].norm, "(")))
        first++;
    an_span prev = i > s0 ? d->toks[i - 1].norm : (an_span){"", 0};
    bool prev_loc = span_in(prev, locative);
    follow_of(d, g, i + k, s1, r);
    if (all & AN_GAZ_COMMON) {
        if (i == first)
            return false;
        if (!(prev_loc && !an_span_eq(prev, "and") && !an_span_eq(prev, "of")) &&
            r->follow_country < 0 && r->follow_admin_c < 0)
            return false;
    }
    if (all & AN_GAZ_DEMONYM)
        return true;
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
            return false;
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
        return false;
    /* Small places need a locative preposition or ", <place>". */
    if (k == 1 && !known && !strict && !follow)
        return false;
    /* Person names: a capitalised word before or after. */
    if (i > first && is_cap(d, i - 1) && !span_in(prev, before_ok)) {
        an_span pw = d->toks[i - 1].norm;
        /* "Michael Jordan", "Paris Hilton": a capitalised word before,
           not a direction or a title of its own; places in a list have a
           comma between them, and "Tel Aviv" is one name. */
        (void)pw;
        return false;
    }
    if (i > s0 + 1 && span_in(prev, titles))
        return false;
    bool strict_loc = prev_loc && !an_span_eq(prev, "and") &&
                      !an_span_eq(prev, "of");
    if (i + k < s1 && is_cap(d, i + k) && !strict_loc &&
        !span_in(d->toks[i + k].norm, after_ok))
        return false;
    return true;
}

/* Score of posting q of raw mention r under country context ctx. */
static int score(const an_gaz *g, const raw *r, uint32_t q, const float *ctx,
                 int nctx)
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
    if (e.country_idx >= 0 && e.country_idx < nctx && ctx[e.country_idx] > 0)
        s += 50 + (int)(10 * AN_MIN(ctx[e.country_idx], 5.0f));
    if (e.country_idx >= 0 && (e.country_idx == r->follow_country ||
                               e.country_idx == r->follow_admin_c))
        s += 150;
    return s;
}

int an_where_doc(an_doc *d, const an_gaz *g, an_arena *scratch)
{
    d->places = NULL;
    d->nplace = 0;
    d->focus[0] = 0;
    if (!g || !d->ntok)
        return AN_OK;
    an_arena *a = scratch ? scratch : &d->arena;
    raw *rv = NULL;
    size_t nr = 0, rcap = 0;
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
            if (!accept(d, s, i, k, &r, g)) {
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
    /* Country context: countries named, demonyms, and names whose entries
       all lie in one country. */
    float ctx[256];
    memset(ctx, 0, sizeof ctx);
    for (size_t m = 0; m < nr; m++) {
        int c0 = -2;
        bool one = true;
        for (uint32_t q = 0; q < rv[m].npost; q++) {
            an_gaz_entry e;
            an_gaz_entry_get(g, rv[m].post[q] >> 8, &e);
            if (e.kind == AN_GAZ_COUNTRY && q == 0) {
                c0 = e.country_idx;
                one = true;
                break;
            }
            if (c0 == -2)
                c0 = e.country_idx;
            else if (c0 != e.country_idx)
                one = false;
        }
        if (one && c0 >= 0)
            ctx[c0] += 1;
    }
    an_place_mention *pm = an_arena_array(&d->arena, nr, sizeof *pm);
    if (!pm)
        return AN_ENOMEM;
    float focus[256];
    memset(focus, 0, sizeof focus);
    for (size_t m = 0; m < nr; m++) {
        const raw *r = &rv[m];
        uint32_t best = 0;
        int bs = -1000000;
        for (uint32_t q = 0; q < r->npost; q++) {
            int sc = score(g, r, q, ctx, 256);
            if (sc > bs) {
                bs = sc;
                best = q;
            }
        }
        an_gaz_entry e;
        uint32_t pv = r->post[best];
        an_gaz_entry_get(g, pv >> 8, &e);
        an_place_mention *p = &pm[m];
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
        if (e.country_idx >= 0)
            focus[e.country_idx] += (p->demonym ? 0.5f : 1.0f) *
                                    (r->sent == 0 ? 2.0f : 1.0f);
    }
    d->places = pm;
    d->nplace = nr;
    int bi = -1;
    float bw = 0;
    for (size_t m = 0; m < nr; m++) {
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
    return d->arena.oom ? AN_ENOMEM : AN_OK;
}

/* ---- the place of an event ---- */

static const char *const place_case[] = {
    "in", "at", "near", "around", "outside", "inside", "across",
    "throughout", "on", "into", "within", NULL};

/* Index of the place mention holding document token t, or -1. */
static long place_at(const an_doc *d, uint32_t t)
{
    size_t lo = 0, hi = d->nplace;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->places[mid].tok + d->places[mid].ntok <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < d->nplace && d->places[lo].tok <= t && !d->places[lo].demonym)
        return (long)lo;
    return -1;
}

/* A place in the subtree of sentence token c (depth-limited). */
static long place_in_subtree(const an_doc *d, const an_sent *s, uint32_t c,
                             int depth)
{
    long x = place_at(d, s->tok + c);
    if (x >= 0)
        return x;
    if (depth <= 0)
        return -1;
    const an_tok *tk = d->toks + s->tok;
    for (uint32_t k = 0; k < s->ntok; k++)
        if (tk[k].head == (int32_t)c && k != c &&
            (tk[k].deprel == AN_DEP_NMOD || tk[k].deprel == AN_DEP_COMPOUND ||
             tk[k].deprel == AN_DEP_FLAT || tk[k].deprel == AN_DEP_APPOS ||
             tk[k].deprel == AN_DEP_AMOD || tk[k].deprel == AN_DEP_CONJ)) {
            long y = place_in_subtree(d, s, k, depth - 1);
            if (y >= 0)
                return y;
        }
    return -1;
}

/* Does sentence token c have a case child from place_case? */
static bool has_place_case(const an_doc *d, const an_sent *s, uint32_t c)
{
    const an_tok *tk = d->toks + s->tok;
    for (uint32_t k = 0; k < s->ntok; k++)
        if (tk[k].head == (int32_t)c && tk[k].deprel == AN_DEP_CASE &&
            span_in(tk[k].norm, place_case))
            return true;
    return false;
}

static void fill_place(an_place *out, const an_place_mention *p, int source)
{
    out->name = p->name;
    memcpy(out->country, p->country, 4);
    out->admin1 = p->admin1;
    out->lat = p->lat;
    out->lon = p->lon;
    out->geonames_id = p->geonames_id;
    out->start = p->start;
    out->end = p->end;
    out->source = (uint8_t)source;
}

void an_where_event_place(const an_doc *d, const an_gaz *g, uint32_t sent,
                          uint32_t verb, an_place *out)
{
    memset(out, 0, sizeof *out);
    out->name = out->admin1 = "";
    if (sent >= d->nsent)
        return;
    const an_sent *s = &d->sents[sent];
    if (verb >= s->ntok || s->tok + s->ntok > d->ntok)
        return;
    const an_tok *tk = d->toks + s->tok;
    long found = -1;
    if (s->flags & AN_SENT_PARSED) {
        uint32_t bestd = UINT32_MAX;
        /* Obliques of the verb, and nominal modifiers of its arguments
           ("an attack on a school in Kharkiv"). */
        for (uint32_t k = 0; k < s->ntok; k++) {
            int r = tk[k].deprel;
            bool direct = tk[k].head == (int32_t)verb &&
                          (r == AN_DEP_OBL || r == AN_DEP_NMOD ||
                           r == AN_DEP_OBL_NPMOD || r == AN_DEP_ADVMOD ||
                           r == AN_DEP_OBL_UNMARKED);
            bool viaarg = false;
            int32_t h = tk[k].head;
            if (!direct && r == AN_DEP_NMOD && h >= 0 &&
                (uint32_t)h < s->ntok && tk[h].head == (int32_t)verb &&
                (tk[h].deprel == AN_DEP_OBJ || tk[h].deprel == AN_DEP_OBL ||
                 tk[h].deprel == AN_DEP_NSUBJ_PASS))
                viaarg = true;
            if ((!direct && !viaarg) || !has_place_case(d, s, k))
                continue;
            long x = place_in_subtree(d, s, k, 3);
            if (x < 0)
                continue;
            uint32_t dist = (k > verb ? k - verb : verb - k) + (viaarg ? 100 : 0);
            if (dist < bestd) {
                bestd = dist;
                found = x;
            }
        }
    }
    if (found < 0) {
        /* The place mention nearest the verb in the sentence. */
        uint32_t bestd = UINT32_MAX, vt = s->tok + verb;
        for (size_t i = 0; i < d->nplace; i++) {
            const an_place_mention *p = &d->places[i];
            if (p->sent != sent || p->demonym)
                continue;
            uint32_t dist = p->tok > vt ? p->tok - vt
                          : vt >= p->tok + p->ntok ? vt - (p->tok + p->ntok - 1)
                          : 0;
            if (dist < bestd) {
                bestd = dist;
                found = (long)i;
            }
        }
    }
    if (found >= 0) {
        fill_place(out, &d->places[found], AN_PLACE_SENTENCE);
        return;
    }
    if (d->focus[0] && g) {
        int c = an_gaz_country(g, d->focus);
        uint32_t e = an__gaz_country_entry(g, c);
        if (e != UINT32_MAX) {
            an_gaz_entry ge;
            an_gaz_entry_get(g, e, &ge);
            out->name = ge.name;
            memcpy(out->country, ge.country, 4);
            out->lat = ge.lat;
            out->lon = ge.lon;
            out->source = AN_PLACE_DOCUMENT;
        }
    }
}
