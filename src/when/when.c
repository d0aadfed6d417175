/*
** when.c - the time expressions of a document, the tense around them, and
** the date of an event's verb.
**
** an_when_doc() walks the document's units left to right and takes the
** longest expression starting at each (rules.c), so expressions never
** overlap.  Tense comes from the tags when the sentence is tagged, else
** from word cues; the coder re-resolves the expression its verb governs
** with that verb's own tense (an_when_event_date).
*/
#include "when_int.h"
#include "when_lex.h"

const an_timex *an_doc_timexes(const an_doc *d, size_t *n)
{
    *n = d->ntimex;
    return d->timexes;
}

const char *an_timex_type_name(int type)
{
    static const char *const names[] = {"", "DATE", "TIME", "DURATION",
                                        "SET"};
    return type >= 0 && type < (int)AN_COUNT(names) ? names[type] : "";
}

const char *an_timex_mod_name(int mod)
{
    static const char *const names[] = {"", "START", "MID", "END", "APPROX",
                                        "LESS_THAN", "MORE_THAN"};
    return mod >= 0 && mod < (int)AN_COUNT(names) ? names[mod] : "";
}


int an_when_doc(an_doc *d, an_arena *scratch)
{
    d->timexes = NULL;
    d->ntimex = 0;
    if (!d->ntok)
        return AN_OK;
    an_arena *a = scratch ? scratch : &d->arena;
    an__tu *u;
    long n = an__when_units(d, 0, (uint32_t)d->ntok, a, &u);
    if (n < 0)
        return AN_ENOMEM;
    size_t cap = 0;
    for (size_t i = 0; i < (size_t)n;) {
        /* Only words and numbers start expressions. */
        if (u[i].cls == C_NONE && !(u[i].w[0] >= 'a' && u[i].w[0] <= 'z')) {
            i++;
            continue;
        }
        an_timex tx;
        memset(&tx, 0, sizeof tx);
        int k = an__when_match(d, u, (size_t)n, i, AN_TENSE_UNKNOWN, 0, &tx);
        if (k <= 0) {
            i++;
            continue;
        }
        const an__tu *f = &u[i], *l = &u[i + (size_t)k - 1];
        tx.start = f->start;
        tx.end = l->end;
        tx.tok = f->tok;
        tx.ntok = l->tok - f->tok + 1;
        tx.sent = (uint32_t)AN__TOK_FIND(d->sents, d->nsent, f->tok);
        an_timex *v = an_arena_vec(&d->arena, d->timexes, &cap, d->ntimex + 1,
                                   sizeof *v);
        if (!v)
            return AN_ENOMEM;
        d->timexes = v;
        v[d->ntimex++] = tx;
        i += (size_t)k;
    }
    return d->arena.oom ? AN_ENOMEM : AN_OK;
}

/* ---- tense ---- */


static const char *const future_words[] = {
    "will", "'ll", "shall", "wo", "tomorrow", "next", "upcoming",
    "scheduled", "expected", "plans", "planned", "plan", "due", "intends",
    "aims", "coming", "later", "soon", NULL};
static const char *const past_words[] = {
    "was", "were", "had", "did", "said", "ago", "yesterday", "last",
    "earlier", "told", "went", "came", "met", "took", "gave", "made", "saw",
    "spoke", "held", "began", "left", "won", "lost", "fell", "rose", "sent",
    "got", "found", "led", "brought", "kept", "struck", "shot", "fled",
    "fought", "became", "knew", "wrote", "ran", "stood", "paid", "sold",
    "bought", "heard", "meant", "broke", "chose", "drew", "flew", "grew",
    "threw", "wore", "won", "stole", "spent", "built", "caught", "taught",
    "sought", "hid", "slid", "bit", "ate", "drove", "rode", "arose",
    "awoke", "forgot", "froze", "swore", "tore", "woke", "overthrew",
    "undertook", "withdrew", "sank", "sang", "began", "swam", NULL};
static const char *const present_words[] = {
    "is", "are", "says", "say", "am", "'s", "'re", "has", "have", "does",
    "do", NULL};
static const char *const not_ed[] = {
    "need", "speed", "seed", "feed", "breed", "bleed", "creed", "greed",
    "hundred", "red", "bed", "shed", "united", "indeed", "embed", "proceed",
    "exceed", "succeed", "weed", "steed", "tweed", "reed", "wed", "led",
    "sled", "fled", "bred", "limited", "interested", "concerned", "based",
    "related", "advanced", "detailed", "experienced", "supposed", "used",
    "alleged", "armed", "united", "noted", "talented", "ed", "named", NULL};

/* Tense of one token from its tags (0 when the tags say nothing). */
static int tense_of_tags(const an_tok *t)
{
    switch (t->xpos) {
    case AN_XPOS_MD:
        if (an_span_eq(t->norm, "will") || an_span_eq(t->norm, "shall") ||
            an_span_eq(t->norm, "'ll") || an_span_eq(t->norm, "wo"))
            return AN_TENSE_FUTURE;
        return 0;
    case AN_XPOS_VBD:
        return AN_TENSE_PAST;
    case AN_XPOS_VBP:
    case AN_XPOS_VBZ:
        return AN_TENSE_PRESENT;
    default:
        return 0;
    }
}

/* Tense of one token from the word alone (0 when it is no cue). */
static int tense_of_word(const an_doc *d, uint32_t t, uint32_t s0)
{
    an_span w = d->toks[t].norm;
    if (!w.n)
        return 0;
    if (AN_SPAN_IN(w, future_words))
        return AN_TENSE_FUTURE;
    if (an_span_eq(w, "going") && t + 1 < d->ntok &&
        an_span_eq(d->toks[t + 1].norm, "to"))
        return AN_TENSE_FUTURE;
    if (an_span_eq(w, "to") && t > s0 &&
        (an_span_eq(d->toks[t - 1].norm, "is") ||
         an_span_eq(d->toks[t - 1].norm, "are") ||
         an_span_eq(d->toks[t - 1].norm, "set")))
        return AN_TENSE_FUTURE;
    if (AN_SPAN_IN(w, present_words))
        return AN_TENSE_PRESENT;
    bool irregular = AN_SPAN_IN(w, past_words);
    if (irregular || (w.n >= 5 && w.p[w.n - 2] == 'e' && w.p[w.n - 1] == 'd' &&
                      !AN_SPAN_IN(w, not_ed))) {
        /* "will be held", "to be signed", "is expected": not past. */
        for (uint32_t k = t; k > s0 && k + 3 > t; k--) {
            an_span p = d->toks[k - 1].norm;
            if (an_span_eq(p, "be") || an_span_eq(p, "being") ||
                an_span_eq(p, "will") || an_span_eq(p, "to") ||
                an_span_eq(p, "is") || an_span_eq(p, "are"))
                return 0;
            if (an_span_eq(p, "has") || an_span_eq(p, "have") ||
                an_span_eq(p, "had") || an_span_eq(p, "was") ||
                an_span_eq(p, "were") || an_span_eq(p, "been"))
                return AN_TENSE_PAST;
        }
        /* A capitalised -ed word is a name ("Ahmed"). */
        uint32_t st = d->toks[t].start;
        if (!irregular && st < d->text.n && d->text.p[st] >= 'A' &&
            d->text.p[st] <= 'Z')
            return 0;
        return AN_TENSE_PAST;
    }
    return 0;
}

int an_when_tense_cues(const an_doc *d, uint32_t sent, uint32_t tok,
                       uint32_t ntok)
{
    if (sent >= d->nsent)
        return AN_TENSE_UNKNOWN;
    const an_sent *s = &d->sents[sent];
    uint32_t s0 = s->tok, s1 = s->tok + s->ntok;
    if (s1 > d->ntok)
        s1 = (uint32_t)d->ntok;
    bool tagged = s->flags & AN_SENT_TAGGED;
    /* Outward from the expression, nearest cue first; right side first at
       equal distance (the verb usually precedes "on Monday" in English, but
       "will" before the verb is further left than the verb itself). */
    for (uint32_t dist = 1; dist <= 12; dist++) {
        uint32_t cand[2];
        int nc = 0;
        if (tok >= s0 + dist)
            cand[nc++] = tok - dist;
        if (tok + ntok - 1 + dist < s1)
            cand[nc++] = tok + ntok - 1 + dist;
        for (int c = 0; c < nc; c++) {
            uint32_t t = cand[c];
            if (t < s0 || t >= s1)
                continue;
            int r = tagged ? tense_of_tags(&d->toks[t]) : 0;
            if (!r)
                r = tense_of_word(d, t, s0);
            /* "said on Monday (that) it will": the cue nearer the
               expression on its left is the verb it modifies. */
            if (r)
                return r;
        }
    }
    return AN_TENSE_UNKNOWN;
}

int an_when_verb_tense(const an_doc *d, uint32_t sent, uint32_t verb)
{
    if (sent >= d->nsent)
        return AN_TENSE_UNKNOWN;
    const an_sent *s = &d->sents[sent];
    if (verb >= s->ntok || s->tok + s->ntok > d->ntok)
        return AN_TENSE_UNKNOWN;
    const an_tok *tk = d->toks + s->tok;
    if (s->flags & AN_SENT_PARSED) {
        /* Auxiliaries of the verb decide first. */
        for (uint32_t k = 0; k < s->ntok; k++) {
            if (tk[k].head != (int32_t)verb ||
                (tk[k].deprel != AN_DEP_AUX && tk[k].deprel != AN_DEP_AUX_PASS))
                continue;
            an_span w = tk[k].norm;
            if (an_span_eq(w, "will") || an_span_eq(w, "shall") ||
                an_span_eq(w, "'ll") || an_span_eq(w, "wo"))
                return AN_TENSE_FUTURE;
            if (an_span_eq(w, "did") || an_span_eq(w, "was") ||
                an_span_eq(w, "were") || an_span_eq(w, "had"))
                return AN_TENSE_PAST;
            if (an_span_eq(w, "has") || an_span_eq(w, "have"))
                return AN_TENSE_PAST;
        }
        /* "is to visit", "plans to visit", "expected to": the verb is an
           xcomp of a future-looking head. */
        int32_t h = tk[verb].head;
        if (tk[verb].deprel == AN_DEP_XCOMP && h >= 0 &&
            (uint32_t)h < s->ntok) {
            an_span hw = tk[h].norm;
            if (an_span_eq(hw, "plans") || an_span_eq(hw, "plan") ||
                an_span_eq(hw, "planned") || an_span_eq(hw, "expected") ||
                an_span_eq(hw, "scheduled") || an_span_eq(hw, "set") ||
                an_span_eq(hw, "due") || an_span_eq(hw, "is") ||
                an_span_eq(hw, "are") || an_span_eq(hw, "going"))
                return AN_TENSE_FUTURE;
            return an_when_verb_tense(d, sent, (uint32_t)h);
        }
    }
    if (s->flags & AN_SENT_TAGGED) {
        int r = tense_of_tags(&tk[verb]);
        if (r)
            return r;
    }
    int r = tense_of_word(d, s->tok + verb, s->tok);
    if (r)
        return r;
    return an_when_tense_cues(d, sent, s->tok + verb, 1);
}

void an_when_resolve(const an_doc *d, an_timex *tx, int tense)
{
    an_arena a;
    an_arena_init(&a);
    an__tu *u;
    long n = an__when_units(d, tx->tok, tx->tok + tx->ntok, &a, &u);
    /* Units of the expression: skip any that precede its start (a token
       may hold more than the expression). */
    size_t i = 0;
    while (n > 0 && i < (size_t)n && u[i].start < tx->start)
        i++;
    if (n > 0 && i < (size_t)n) {
        an_timex t = *tx;
        if (an__when_match(d, u, (size_t)n, i, tense, 1, &t) > 0) {
            memcpy(tx->value, t.value, sizeof tx->value);
            tx->lo = t.lo;
            tx->hi = t.hi;
            tx->anchor = t.anchor;
            tx->tense = (uint8_t)tense;
        }
    }
    an_arena_fini(&a);
}

/* ---- attachment to verbs ---- */

/* Index of the timex holding document token t, or -1. */
static long timex_at(const an_doc *d, uint32_t t)
{
    size_t i = AN__TOK_FIND(d->timexes, d->ntimex, t);
    return i < d->ntimex && d->timexes[i].tok <= t ? (long)i : -1;
}

static bool dated_type(const an_timex *tx)
{
    return (tx->type == AN_TIMEX_DATE || tx->type == AN_TIMEX_TIME) &&
           tx->value[0] != 'P' && strcmp(tx->value, "PRESENT_REF") != 0;
}

/* True when relation r can carry a time expression. */
static bool time_rel(int r)
{
    return r == AN_DEP_OBL_TMOD || r == AN_DEP_NMOD_TMOD ||
           r == AN_DEP_OBL_NPMOD || r == AN_DEP_OBL || r == AN_DEP_ADVMOD ||
           r == AN_DEP_NMOD || r == AN_DEP_OBL_UNMARKED ||
           r == AN_DEP_NMOD_UNMARKED || r == AN_DEP_NMOD_NPMOD;
}

/*
** The dated expression in the subtree of token c (sentence-relative) of a
** parsed sentence, searching c itself, then its descendants (depth 3).
*/
static long timex_in_subtree(const an_doc *d, const an_sent *s, uint32_t c,
                             int depth)
{
    long x = timex_at(d, s->tok + c);
    if (x >= 0 && dated_type(&d->timexes[x]))
        return x;
    if (depth <= 0)
        return -1;
    const an_tok *tk = d->toks + s->tok;
    for (uint32_t k = 0; k < s->ntok; k++)
        if (tk[k].head == (int32_t)c && k != c &&
            (tk[k].deprel == AN_DEP_COMPOUND || tk[k].deprel == AN_DEP_NMOD ||
             tk[k].deprel == AN_DEP_AMOD || tk[k].deprel == AN_DEP_NUMMOD ||
             tk[k].deprel == AN_DEP_FLAT || tk[k].deprel == AN_DEP_NMOD_TMOD ||
             tk[k].deprel == AN_DEP_DET)) {
            long y = timex_in_subtree(d, s, k, depth - 1);
            if (y >= 0)
                return y;
        }
    return -1;
}

long an_when_verb_timex(const an_doc *d, uint32_t sent, uint32_t verb)
{
    if (sent >= d->nsent || !d->ntimex)
        return -1;
    const an_sent *s = &d->sents[sent];
    if (verb >= s->ntok || s->tok + s->ntok > d->ntok)
        return -1;
    const an_tok *tk = d->toks + s->tok;
    if (s->flags & AN_SENT_PARSED) {
        /* The verb, then up its xcomp/conj chain ("agreed to meet on
           Monday": "Monday" hangs from "meet"; the chain is walked down by
           the caller choosing the verb; here we also look at heads). */
        uint32_t v = verb;
        for (int hop = 0; hop < 4; hop++) {
            long best = -1;
            uint32_t bestd = UINT32_MAX;
            for (uint32_t k = 0; k < s->ntok; k++) {
                if (tk[k].head != (int32_t)v || !time_rel(tk[k].deprel))
                    continue;
                long x = timex_in_subtree(d, s, k, 3);
                if (x < 0)
                    continue;
                uint32_t dist = k > v ? k - v : v - k;
                if (dist < bestd) {
                    bestd = dist;
                    best = x;
                }
            }
            if (best >= 0)
                return best;
            /* Go down one xcomp ("agreed to meet") before going up. */
            int32_t h = tk[v].head;
            if ((tk[v].deprel == AN_DEP_XCOMP || tk[v].deprel == AN_DEP_CONJ) &&
                h >= 0 && (uint32_t)h < s->ntok)
                v = (uint32_t)h;
            else
                break;
        }
        for (uint32_t k = 0; k < s->ntok; k++)
            if (tk[k].head == (int32_t)verb && tk[k].deprel == AN_DEP_XCOMP)
                for (uint32_t j = 0; j < s->ntok; j++)
                    if (tk[j].head == (int32_t)k && time_rel(tk[j].deprel)) {
                        long x = timex_in_subtree(d, s, j, 3);
                        if (x >= 0)
                            return x;
                    }
        /* A bare time noun the parse hung on the verb's object ("will
           meet Trump tomorrow": tomorrow <- Trump) dates the verb. */
        for (uint32_t k = 0; k < s->ntok; k++) {
            if (tk[k].head != (int32_t)verb ||
                (tk[k].deprel != AN_DEP_OBJ && tk[k].deprel != AN_DEP_IOBJ))
                continue;
            for (uint32_t j = 0; j < s->ntok; j++) {
                int r = tk[j].deprel;
                if (tk[j].head != (int32_t)k ||
                    (r != AN_DEP_OBL_UNMARKED && r != AN_DEP_NMOD_UNMARKED &&
                     r != AN_DEP_OBL_TMOD && r != AN_DEP_NMOD_TMOD &&
                     r != AN_DEP_OBL_NPMOD && r != AN_DEP_NMOD_NPMOD))
                    continue;
                long x = timex_at(d, s->tok + j);
                if (x >= 0 && dated_type(&d->timexes[x]))
                    return x;
            }
        }
        return -1;
    }
    /* Unparsed: the nearest dated expression of the sentence. */
    long best = -1;
    uint32_t bestd = UINT32_MAX, vt = s->tok + verb;
    for (size_t i = 0; i < d->ntimex; i++) {
        const an_timex *tx = &d->timexes[i];
        if (tx->sent != sent || !dated_type(tx))
            continue;
        uint32_t dist = an__tok_dist(vt, tx->tok, tx->ntok);
        if (dist < bestd) {
            bestd = dist;
            best = (long)i;
        }
    }
    return best;
}

/* An event date from a resolved expression: the day, else the month or
   year its extent lies in; zeros when it has none. */
static an_date date_of(const an_timex *tx)
{
    an_date z = {0, 0, 0};
    if (!tx->lo.year)
        return z;
    if (an_date_days(tx->lo) == an_date_days(tx->hi))
        return tx->lo;
    if (tx->lo.year == tx->hi.year && tx->lo.month == tx->hi.month) {
        an_date r = {tx->lo.year, tx->lo.month, 0};
        return r;
    }
    if (an_date_days(tx->hi) - an_date_days(tx->lo) <= 7) {
        /* A week across two months: its Thursday's month. */
        an_date th = an_date_from_days(an_date_days(tx->lo) + 3);
        an_date r = {th.year, th.month, 0};
        return r;
    }
    if (tx->lo.year == tx->hi.year) {
        an_date r = {tx->lo.year, 0, 0};
        return r;
    }
    return z;
}

void an_when_event_date(an_doc *d, uint32_t sent, uint32_t verb,
                        an_mention *m)
{
    memset(&m->date, 0, sizeof m->date);
    m->date_source = AN_EDATE_NONE;
    m->date_start = m->date_end = 0;
    long x = an_when_verb_timex(d, sent, verb);
    if (x >= 0) {
        an_timex t = d->timexes[x];
        if (t.anchor == AN_TANCHOR_DOCUMENT) {
            int tense = an_when_verb_tense(d, sent, verb);
            if (tense != AN_TENSE_UNKNOWN && tense != t.tense)
                an_when_resolve(d, &t, tense);
        }
        an_date dt = date_of(&t);
        if (dt.year) {
            m->date = dt;
            m->date_source = AN_EDATE_EXPRESSION;
            m->date_start = t.start;
            m->date_end = t.end;
            return;
        }
    }
    if (d->date.year) {
        m->date = d->date;
        m->date_source = AN_EDATE_DOCUMENT;
    }
}
