/*
** event.c - the place of one event.
**
** The coder asks for the place of each event it codes
** (an_where_event_place()).  The answer comes from the sentence when it
** names a place of events (attached to the verb in the parse, else the
** nearest), else from the context: the sentences just before it in its
** paragraph, the actors (force happens where its target is, a domestic
** event in its source's country), the document's main place and its
** country focus (see where.h for the order).  What is said of the
** document is only used when the actors do not contradict it: two actors
** of two other countries acting on each other ("The U.S. and the EU seek
** to lessen Russia's control") get no place rather than the focus.
*/
#include "where.h"

/* Prepositions that make their noun the place of what they modify. */
static const char *const place_case[] = {
    "in", "at", "near", "around", "outside", "inside", "across",
    "throughout", "on", "into", "within", NULL};


/* The candidate places of one event's sentence. */
typedef struct cands {
    const an_place_mention *p;
    size_t n;
} cands;

/* Can mention p be the place of an event of its own sentence? */
static bool eventful(const an_place_mention *p)
{
    return !p->demonym && p->role == AN_PLACE_ROLE_EVENT;
}

/* Index of the candidate holding document token t, or -1. */
static long place_at(const cands *c, uint32_t t)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->p[i].tok <= t && t < c->p[i].tok + c->p[i].ntok &&
            eventful(&c->p[i]))
            return (long)i;
    return -1;
}

/* A place in the subtree of sentence token c (depth-limited). */
static long place_in_subtree(const an_doc *d, const an_sent *s,
                             const cands *cs, uint32_t c, int depth)
{
    long x = place_at(cs, s->tok + c);
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
            long y = place_in_subtree(d, s, cs, k, depth - 1);
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
            AN_SPAN_IN(tk[k].norm, place_case))
            return true;
    return false;
}

static void fill_place(an_place *out, const an_place_mention *p, int source,
                       bool bytes)
{
    out->name = p->name ? p->name : "";
    memcpy(out->country, p->country, 4);
    out->admin1 = p->admin1 ? p->admin1 : "";
    out->lat = p->lat;
    out->lon = p->lon;
    out->geonames_id = p->geonames_id;
    out->start = bytes ? p->start : 0;
    out->end = bytes ? p->end : 0;
    out->source = (uint8_t)source;
}

/* The place of the sentence for the verb at sentence token `verb`. */
static long sentence_place(const an_doc *d, const an_sent *s,
                           const cands *cs, uint32_t verb)
{
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
            long x = place_in_subtree(d, s, cs, k, 3);
            if (x < 0)
                continue;
            uint32_t dist = (k > verb ? k - verb : verb - k) + (viaarg ? 100 : 0);
            if (dist < bestd) {
                bestd = dist;
                found = x;
            }
        }
    }
    if (found >= 0)
        return found;
    /* The place mention nearest the verb in the sentence. */
    uint32_t bestd = UINT32_MAX, vt = s->tok + verb;
    for (size_t i = 0; i < cs->n; i++) {
        const an_place_mention *p = &cs->p[i];
        if (!eventful(p))
            continue;
        uint32_t dist = an__tok_dist(vt, p->tok, p->ntok);
        if (dist < bestd) {
            bestd = dist;
            found = (long)i;
        }
    }
    return found;
}

/* Does a paragraph break (a line break) separate sentences a < b? */
static bool paragraph_between(const an_doc *d, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++) {
        uint32_t e = d->sents[k].end, s = d->sents[k + 1].start;
        for (uint32_t i = e; i < s && i < d->text.n; i++)
            if (d->text.p[i] == '\n')
                return true;
    }
    return false;
}

/* Is country c (ISO alpha-3) one of the actors' (or are they silent)? */
static bool agrees(const char *c, const char *src, const char *tgt)
{
    if (!src[0] || !tgt[0] || !strcmp(src, tgt))
        return true;
    return !strcmp(c, src) || !strcmp(c, tgt);
}

void an_where_event_place(const an_doc *d, const an_gaz *g,
                          const an_where_event *ev, an_place *out)
{
    memset(out, 0, sizeof *out);
    out->name = out->admin1 = "";
    if (!ev || ev->sent >= d->nsent)
        return;
    const an_sent *s = &d->sents[ev->sent];
    if (ev->verb >= s->ntok || s->tok + s->ntok > d->ntok)
        return;
    /* 1. The sentence: the coder's candidates, and the sentence's places
       after a locative preposition, which are places whatever the coder
       reads in their words ("a school in Gaza City" coded PSEGZA). */
    size_t a = 0;
    while (a < d->nplace && d->places[a].sent < ev->sent)
        a++;
    size_t b = a;
    while (b < d->nplace && d->places[b].sent == ev->sent)
        b++;
    cands cs = {d->places ? d->places + a : NULL, b - a};
    an_place_mention v[32];
    if (ev->places) {
        size_t n = 0;
        for (size_t i = 0; i < ev->nplace && n < AN_COUNT(v); i++)
            v[n++] = ev->places[i];
        for (size_t i = a; i < b && n < AN_COUNT(v); i++) {
            const an_place_mention *p = &d->places[i];
            bool in = false;
            for (size_t k = 0; k < ev->nplace && !in; k++)
                in = ev->places[k].tok == p->tok;
            if (!in && eventful(p) && an__where_located(d, p))
                v[n++] = *p;
        }
        cs.p = v;
        cs.n = n;
    }
    long x = sentence_place(d, s, &cs, ev->verb);
    if (x >= 0) {
        fill_place(out, &cs.p[x], AN_PLACE_SENTENCE, true);
        return;
    }
    const char *src = ev->source_country ? ev->source_country : "";
    const char *tgt = ev->target_country ? ev->target_country : "";
    /* The country the actors put the event in: force happens where its
       target is; a domestic event where its source is. */
    const char *actor = "";
    bool force = ev->cameo && (!strncmp(ev->cameo, "18", 2) ||
                               !strncmp(ev->cameo, "19", 2) ||
                               !strncmp(ev->cameo, "20", 2));
    if (force && tgt[0])
        actor = tgt;
    else if (src[0] && (!tgt[0] || !strcmp(src, tgt)))
        actor = src;
    /* 2. The last place named after a locative preposition in the three
       sentences before, within the paragraph. */
    for (size_t k = ev->sent; k-- > 0 && ev->sent - k <= 3;) {
        if (paragraph_between(d, k, ev->sent))
            break;
        const an_place_mention *best = NULL;
        for (size_t i = 0; i < d->nplace; i++) {
            const an_place_mention *p = &d->places[i];
            if (p->sent == k && eventful(p) && an__where_located(d, p))
                best = p;
        }
        if (!best)
            continue;
        if ((actor[0] && strcmp(best->country, actor)) ||
            !agrees(best->country, src, tgt))
            break;
        /* A country there, and the document's main place in it: the main
           place is the finer answer. */
        const an_place_mention *mp = &d->main_place;
        if (best->kind == AN_GAZ_COUNTRY && mp->name &&
            !strcmp(mp->country, best->country)) {
            fill_place(out, mp, AN_PLACE_DOCUMENT,
                       mp->role == AN_PLACE_ROLE_DATELINE);
            return;
        }
        fill_place(out, best, AN_PLACE_DOCUMENT, true);
        return;
    }
    /* 3. The document's main place, in the actors' country if they name
       one, and agreeing with them. */
    const an_place_mention *mp = &d->main_place;
    if (mp->name && (actor[0] ? !strcmp(mp->country, actor)
                              : agrees(mp->country, src, tgt))) {
        fill_place(out, mp, AN_PLACE_DOCUMENT,
                   mp->role == AN_PLACE_ROLE_DATELINE);
        return;
    }
    /* 4. The actors' country, else the focus. */
    const char *c = actor[0] ? actor : d->focus;
    if (!c[0] || !g || (!actor[0] && !agrees(c, src, tgt)))
        return;
    uint32_t e = an__gaz_country_entry(g, an_gaz_country(g, c));
    if (e == UINT32_MAX)
        return;
    an_gaz_entry ge;
    an_gaz_entry_get(g, e, &ge);
    out->name = ge.name;
    memcpy(out->country, ge.country, 4);
    out->lat = ge.lat;
    out->lon = ge.lon;
    out->source = AN_PLACE_DOCUMENT;
}
