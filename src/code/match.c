/*
** match.c - matching one verb pattern against a sentence.
**
** A pattern "- A B_$ * (TO +) [072]" has an upper part (elements before
** '*', matched backwards from the verb) and a lower part (after '*',
** matched forwards from the end of the verb phrase).  Each part is
** flattened into a sequence of items: '(' ')' and non-alternative '{' '}'
** are transparent (their blank passes to the next element), a TABARI
** "{ A | B }" becomes one item holding its alternatives (each a sequence),
** a synset one item expanded into its phrases while matching.  An item's
** `gap` says whether other tokens may come before it in the matching
** direction: a blank in the dictionary, where '_' demands adjacency.
**
** Semantics (docs/coding.md):
**   - a word matches a token with that folded word, or a token the stem
**     begins (TABARI stems); a gap skips any visible tokens of the window;
**   - '$' '+' '^' '%' bind the next actor unit (a gap skips tokens up to
**     it, never another unit): '$' the source, '+' the target, '^' is
**     skipped, '%' a compound whose members act on each other;
**   - holes (comma inserts dropped in word-order mode) are invisible;
**   - the score counts the words matched first, then (parsed) those that
**     are the verb's own dependents, then the length of the text they
**     matched (TABARI prefers "RESISTANCE TO THE INVADING" to
**     "RESIST TO THE END" on "resistance to the end to the invading"),
**     then words matched literally rather than through a synset (TABARI
**     prefers "* DOLLAR" to "* &CURRENCY" on "dollars"), then the slots
**     bound; the best path over all alternatives, synset
**     phrases and gap choices wins.
** The search is depth-first with a step budget, so a pathological
** pattern cannot take more than a bounded time.
*/
#include "code_int.h"

#define MAX_ITEMS 128    /* items of one flattened part, all sequences */
#define MAX_SEQ 48       /* items of one sequence */
#define MAX_ALTS 32      /* alternatives of all groups of one part */
#define MAX_DEPTH 24     /* synset and group nesting while matching */
#define STEP_BUDGET 50000

enum { IT_WORD = 1, IT_SYN, IT_SLOT, IT_ALT };

typedef struct citem {
    uint8_t kind;   /* IT_* */
    uint8_t gap;    /* other tokens may come before it (forward order) */
    uint8_t stem;   /* IT_WORD: a stem */
    uint8_t slot;   /* IT_SLOT: AN_DE_SOURCE, TARGET, SKIP, COMPOUND, ATTRIB */
    uint8_t inpp;   /* inside "(...)": a prepositional phrase holds no verb */
    uint32_t val;   /* word id or synset index */
    uint16_t alt0, nalt; /* IT_ALT: alternatives in the part's alt table */
} citem;

/* A sequence of items: it[first .. first+n) of a part. */
typedef struct crange {
    uint16_t first, n;
} crange;

/* The flattened items of one part (upper, lower or a synset phrase). */
typedef struct cpart {
    citem it[MAX_ITEMS];
    uint16_t nit;
    crange alt[MAX_ALTS];
    uint16_t nalt;
    int ok;
} cpart;

static void part_init(cpart *pt)
{
    pt->nit = pt->nalt = 0;
    pt->ok = 1;
}

/*
** Flatten elements e[0..n) (forward order) into one sequence of `pt`;
** the sequence's first item takes the pending blank `gap0`.  Nested
** alternative groups are flattened first, so every sequence is a
** contiguous range.
*/
static crange flatten(cpart *pt, const an_delem *e, size_t n, int gap0)
{
    citem loc[MAX_SEQ];
    size_t nl = 0;
    int pend = gap0, depth_pp = 0;
    crange r = {0, 0};
    size_t i = 0;
    while (i < n && pt->ok) {
        const an_delem *x = &e[i];
        int g = pend | !!(x->flags & AN_DEF_GAP);
        if (x->kind == AN_DE_POPEN)
            depth_pp++;
        else if (x->kind == AN_DE_PCLOSE && depth_pp > 0)
            depth_pp--;
        if (x->kind == AN_DE_POPEN || x->kind == AN_DE_PCLOSE ||
            x->kind == AN_DE_GCLOSE || x->kind == AN_DE_GSEP ||
            x->kind == AN_DE_VERB ||
            (x->kind == AN_DE_GOPEN && !(x->flags & AN_DEF_ALT))) {
            pend = g;
            i++;
            continue;
        }
        if (nl >= MAX_SEQ) {
            pt->ok = 0;
            return r;
        }
        citem *it = &loc[nl++];
        memset(it, 0, sizeof *it);
        it->gap = (uint8_t)g;
        it->inpp = depth_pp > 0;
        pend = 0;
        if (x->kind == AN_DE_GOPEN) {
            /* "{ A | B }": find the close and the separators. */
            size_t depth = 0, j = i, seps[MAX_ALTS], ns = 0;
            for (; j < n; j++) {
                if (e[j].kind == AN_DE_GOPEN)
                    depth++;
                else if (e[j].kind == AN_DE_GCLOSE && --depth == 0)
                    break;
                else if (e[j].kind == AN_DE_GSEP && depth == 1) {
                    if (ns == MAX_ALTS) {
                        pt->ok = 0;
                        return r;
                    }
                    seps[ns++] = j;
                }
            }
            if (j >= n || pt->nalt + ns + 1 > MAX_ALTS) {
                pt->ok = 0;
                return r;
            }
            it->kind = IT_ALT;
            it->alt0 = pt->nalt;
            it->nalt = (uint16_t)(ns + 1);
            pt->nalt = (uint16_t)(pt->nalt + ns + 1);
            size_t from = i + 1;
            for (size_t k = 0; k <= ns; k++) {
                size_t to = k < ns ? seps[k] : j;
                crange ar = flatten(pt, e + from, to - from, 0);
                /* Blanks next to '|' are padding: an alternative's first
                   item takes the group's own connection. */
                if (ar.n)
                    pt->it[ar.first].gap = 0;
                pt->alt[it->alt0 + k] = ar;
                from = to + 1;
            }
            i = j + 1;
            continue;
        }
        if (x->kind == AN_DE_WORD) {
            it->kind = IT_WORD;
            it->stem = !!(x->flags & AN_DEF_STEM);
            it->val = x->val;
        } else if (x->kind == AN_DE_SYN) {
            it->kind = IT_SYN;
            it->val = x->val;
        } else {
            it->kind = IT_SLOT;
            it->slot = x->kind;
        }
        i++;
    }
    if (!pt->ok || pt->nit + nl > MAX_ITEMS) {
        pt->ok = 0;
        return r;
    }
    r.first = pt->nit;
    r.n = (uint16_t)nl;
    memcpy(pt->it + pt->nit, loc, nl * sizeof *loc);
    pt->nit = (uint16_t)(pt->nit + nl);
    return r;
}

/* A sequence oriented in the matching direction, with effective gaps. */
typedef struct cseq {
    const citem *it[MAX_SEQ];
    uint8_t gap[MAX_SEQ];
    size_t n;
    const cpart *pt;  /* where its alternatives live */
    int syn;          /* a synset phrase */
} cseq;

/*
** Orient range r of pt for direction dir; `gap` is the connection of the
** sequence's outer end nearest the verb (the first item matched).  In
** forward order an item's gap is the connection to the item before it;
** backwards it is the connection to the item after it, which is that
** item's forward gap.
*/
static void orient(const cpart *pt, crange r, int dir, uint8_t gap, cseq *out)
{
    size_t c = AN_MIN((size_t)r.n, (size_t)MAX_SEQ);
    const citem *v = pt->it + r.first;
    out->pt = pt;
    out->n = c;
    out->syn = 0;
    for (size_t i = 0; i < c; i++) {
        if (dir > 0) {
            out->it[i] = &v[i];
            out->gap[i] = i ? v[i].gap : gap;
        } else {
            size_t j = c - 1 - i;
            out->it[i] = &v[j];
            out->gap[i] = i ? v[j + 1].gap : gap;
        }
    }
}

/* The matching state carried along a path. */
typedef struct mpath {
    int words, slots, chars, literal;
    int heads;         /* parsed: matched words that are the verb's own
                          dependents ("support", the object, over
                          "military", its modifier) */
    int32_t src, tgt, cmp;
    int32_t skip[4];
    uint32_t nskip;
    uint8_t neg;
    int32_t far;       /* the token farthest from the verb matched */
} mpath;

/* What to match after a nested sequence (synset phrase, alternative). */
typedef struct kont {
    const cseq *seq;
    size_t k;
    const struct kont *up;
} kont;

typedef struct mctx {
    const csent *s;
    const cframe *f;   /* the frame (its own clause bounds the lower part) */
    int dir;           /* +1 forward, -1 backward */
    int32_t lo, hi;    /* window [lo, hi) */
    long steps;
    int found;
    mpath best;
} mctx;

static int path_score(const mpath *p)
{
    return p->words * (1 << 20) + AN_MIN(p->heads, 63) * (1 << 14) +
           AN_MIN(p->chars, 255) * 64 + AN_MIN(p->literal, 7) * 8 + AN_MIN(p->slots, 7);
}

/* The next visible token after `pos` in the direction (maybe outside). */
static int32_t next_tok(const mctx *m, int32_t pos)
{
    int32_t q = pos + m->dir;
    while (q >= m->lo && q < m->hi && an__code_hidden(m->s, m->f, (uint32_t)q))
        q += m->dir;
    return q;
}

static bool in_win(const mctx *m, int32_t q)
{
    return q >= m->lo && q < m->hi;
}

static bool word_at(const csent *s, int32_t q, const citem *it)
{
    const an_dtok *t = &s->dt[q];
    if (!it->stem)
        return t->word == it->val || (s->plural_ok && s->pbase[q] == it->val);
    for (size_t k = 0; k < t->nstem; k++)
        if (t->stem[k] == it->val)
            return true;
    return false;
}

/* May token q be part of a noun phrase '^' skips? Actors, and words that
   are neither punctuation, prepositions, conjunctions nor verbs. */
static bool np_word(const csent *s, int32_t q)
{
    if (s->unit_in[q] >= 0)
        return true;
    const an_tok *t = &s->tk[q];
    if ((s->fl[q] & (CT_PUNCT | CT_VERB | CT_AUX)) || (t->flags & AN_TOK_PUNCT))
        return false;
    static const char *const stop[] = {
        "of", "in", "with", "from", "by", "at", "to", "for", "on", "into",
        "against", "between", "among", "over", "under", "after", "before",
        "about", "as", "that", "which", "who", "and", "or", "but", "nor",
        "is", "are", "was", "were", "be", "been", "has", "have", "had",
        "will", "would", "said", "says", "than", "near", "during", "since"};
    for (size_t i = 0; i < AN_COUNT(stop); i++)
        if (an_span_eq(t->norm, stop[i]))
            return false;
    return true;
}

static void success(mctx *m, const mpath *p)
{
    if (!m->found || path_score(p) > path_score(&m->best)) {
        m->best = *p;
        m->found = 1;
    }
}

static bool elems_may(const csent *s, const an_delem *e, size_t n, int depth);

static void mrec(mctx *m, const cseq *seq, size_t k, int32_t pos,
                 const kont *up, mpath p, int depth)
{
    if (++m->steps > STEP_BUDGET || depth > MAX_DEPTH)
        return;
    if (k == seq->n) {
        if (up)
            mrec(m, up->seq, up->k, pos, up->up, p, depth);
        else
            success(m, &p);
        return;
    }
    const citem *it = seq->it[k];
    uint8_t gap = seq->gap[k];
    const csent *s = m->s;
    switch (it->kind) {
    case IT_WORD: {
        int32_t q = next_tok(m, pos);
        while (in_win(m, q)) {
            if (q != next_tok(m, pos) && it->inpp && (s->fl[q - m->dir] & CT_VERB))
                return; /* a gap inside "(...)" does not pass a verb */
            if (word_at(s, q, it)) {
                mpath p2 = p;
                p2.words++;
                p2.heads += s->parsed && m->f && s->tk[q].head == (int32_t)m->f->v;
                p2.chars += (int)AN_MIN(s->tk[q].norm.n, (size_t)64);
                /* A literal word counts only when it matched its own
                   form: "* SANCTIONS" beats "* SANCTION" on "sanctions". */
                p2.literal += !seq->syn && (it->stem || s->dt[q].word == it->val);
                p2.far = q;
                if (s->fl[q] & CT_NEG)
                    p2.neg = 1;
                mrec(m, seq, k + 1, q, up, p2, depth);
            }
            if (!gap)
                break;
            q = next_tok(m, q);
        }
        return;
    }
    case IT_SLOT: {
        int32_t q = next_tok(m, pos);
        /* PETRARCH's '^' skips a noun phrase, not only an actor. */
        if (it->slot == AN_DE_SKIP && s->o->roles != AN_ROLES_FIRST) {
            while (in_win(m, q)) {
                if (np_word(s, q)) {
                    int32_t last = q, e = q;
                    mpath p2 = p;
                    while (in_win(m, e) && np_word(s, e)) {
                        int32_t u = s->unit_in[e];
                        if (u >= 0 && p2.nskip < 4 &&
                            (p2.nskip == 0 || p2.skip[p2.nskip - 1] != u))
                            p2.skip[p2.nskip++] = u;
                        last = e;
                        e = next_tok(m, e);
                    }
                    p2.slots++;
                    p2.far = last;
                    mrec(m, seq, k + 1, last, up, p2, depth);
                    return;
                }
                if (!gap)
                    return;
                q = next_tok(m, q);
            }
            return;
        }
        while (in_win(m, q)) {
            if (q != next_tok(m, pos) && it->inpp && (s->fl[q - m->dir] & CT_VERB))
                return;
            int32_t u = s->unit_in[q];
            if (u >= 0) {
                const cunit *un = &s->u[u];
                /* The unit must begin here (its near edge). */
                int32_t edge = m->dir > 0 ? (int32_t)un->lo : (int32_t)un->hi - 1;
                int32_t far = m->dir > 0 ? (int32_t)un->hi - 1 : (int32_t)un->lo;
                if (edge != q || !in_win(m, far))
                    return;
                mpath p2 = p;
                if (it->slot == AN_DE_COMPOUND) {
                    if (un->ncodes < 2)
                        return;
                    p2.cmp = u;
                } else if (it->slot == AN_DE_SOURCE) {
                    p2.src = u;
                } else if (it->slot == AN_DE_TARGET) {
                    p2.tgt = u;
                } else if (p2.nskip < 4) {
                    p2.skip[p2.nskip++] = u;
                }
                p2.slots++;
                p2.far = far;
                mrec(m, seq, k + 1, far, up, p2, depth);
                return; /* a slot binds the first unit it reaches */
            }
            if (!gap)
                return;
            q = next_tok(m, q);
        }
        return;
    }
    case IT_SYN: {
        const an_dict *d = s->d;
        if (it->val >= d->meta.nsyns)
            return;
        const an_dsyn *sy = &d->syns[it->val];
        if ((uint64_t)sy->phr + sy->nphr > d->meta.nsphr)
            return;
        kont k2 = {seq, k + 1, up};
        cpart ph;
        cseq ps;
        for (uint32_t i = 0; i < sy->nphr; i++) {
            const an_dsphr *sp = &d->sphr[sy->phr + i];
            if ((uint64_t)sp->elem + sp->nelem > d->meta.nelems ||
                !elems_may(s, d->elems + sp->elem, sp->nelem, depth))
                continue;
            part_init(&ph);
            crange r = flatten(&ph, d->elems + sp->elem, sp->nelem, 0);
            if (!ph.ok || !r.n)
                continue;
            orient(&ph, r, m->dir, gap, &ps);
            ps.syn = 1;
            mrec(m, &ps, 0, pos, &k2, p, depth + 1);
            if (m->steps > STEP_BUDGET)
                return;
        }
        return;
    }
    case IT_ALT: {
        kont k2 = {seq, k + 1, up};
        cseq as;
        for (uint16_t a = 0; a < it->nalt; a++) {
            crange r = seq->pt->alt[it->alt0 + a];
            if (!r.n) {
                mrec(m, seq, k + 1, pos, up, p, depth); /* empty alternative */
                continue;
            }
            orient(seq->pt, r, m->dir, gap, &as);
            as.syn = seq->syn;
            mrec(m, &as, 0, pos, &k2, p, depth + 1);
        }
        return;
    }
    default:
        return;
    }
}

/* Where a pattern's two parts are matched. */
typedef struct mwin {
    int32_t llo, lhi, lstart;  /* lower part: window, token before the first */
    int32_t ulo, uhi, ustart;  /* upper part: window, token after the first */
} mwin;

/* Match both parts in windows w; fills *p and returns whether it matched. */
static bool match_in(const csent *s, const cframe *f, const cpart *up, crange ru,
                     const cpart *lo, crange rl, uint8_t verb_gap, const mwin *w,
                     mpath *p)
{
    mctx m;
    if (rl.n) {
        cseq sl;
        orient(lo, rl, 1, lo->it[rl.first].gap, &sl);
        memset(&m, 0, sizeof m);
        m.s = s;
        m.f = f;
        m.dir = 1;
        m.lo = w->llo;
        m.hi = w->lhi;
        mrec(&m, &sl, 0, w->lstart, NULL, *p, 0);
        if (!m.found)
            return false;
        *p = m.best;
    }
    p->far = -1;
    if (ru.n) {
        cseq su;
        orient(up, ru, -1, verb_gap, &su);
        memset(&m, 0, sizeof m);
        m.s = s;
        m.f = f;
        m.dir = -1;
        m.lo = w->ulo;
        m.hi = w->uhi;
        mrec(&m, &su, 0, w->ustart, NULL, *p, 0);
        if (!m.found)
            return false;
        *p = m.best;
    }
    return true;
}

/*
** The windows of a passive verb read as its active form: the lower part
** (the object side) in the passive subject's phrase before the verb,
** the upper part (the subject side) in the by-phrase after it ("Evidence
** against Russia was presented by the US" matches "* EVIDENCE"; "was
** demolished by a Ukrainian protestor" matches "PROTESTOR *").  Returns
** false when the frame has neither.
*/
static bool passive_windows(const csent *s, const cframe *f, mwin *w)
{
    if (!f->passive || s->o->roles == AN_ROLES_FIRST)
        return false;
    bool any = false;
    w->llo = w->lhi = w->lstart = 0;
    w->ulo = w->uhi = w->ustart = 0;
    if (s->parsed) {
        /* The subtree of the passive subject, before the verb. */
        int32_t ns = -1;
        for (uint32_t c = 0; c < f->v && ns < 0; c++)
            if (s->tk[c].head == (int32_t)f->v && s->tk[c].deprel == AN_DEP_NSUBJ_PASS)
                ns = (int32_t)c;
        if (ns >= 0) {
            int32_t a = ns, b = ns;
            for (uint32_t c = 0; c < f->glo; c++) {
                int32_t x = (int32_t)c;
                for (uint32_t k = 0; k <= s->n && x >= 0 && x != ns; k++)
                    x = s->tk[x].head >= 0 && (uint32_t)s->tk[x].head < s->n
                            ? s->tk[x].head : -1;
                if (x == ns) {
                    a = AN_MIN(a, (int32_t)c);
                    b = AN_MAX(b, (int32_t)c);
                }
            }
            w->llo = a;
            w->lhi = b + 1;
            w->lstart = a - 1;
            any = true;
        }
    }
    if (f->agent >= 0) {
        /* "by" + the agent's noun phrase. */
        const cunit *u = &s->u[f->agent];
        uint32_t a = u->lo, b = u->hi;
        while (a > f->vhi && !an_span_eq(s->tk[a - 1].norm, "by"))
            a--;
        while (b < f->hi && !(s->fl[b] & (CT_PUNCT | CT_VERB | CT_UNIT)) &&
               (!s->tagged || s->tk[b].upos == AN_UPOS_NOUN || s->tk[b].upos == AN_UPOS_PROPN ||
                s->tk[b].upos == AN_UPOS_ADJ))
            b++;
        if (a >= f->vhi) {
            w->ulo = (int32_t)a;
            w->uhi = (int32_t)b;
            w->ustart = (int32_t)b;
            any = true;
        }
    }
    return any;
}

static bool syn_may(const csent *s, uint32_t syn, int depth);

/*
** May elements e[0..n) match in this sentence: is every literal word
** outside alternatives in the sentence's word filter, and can every
** synset outside alternatives match (one of its phrases may)?  No false
** negatives: what it rejects cannot match.
*/
static bool elems_may(const csent *s, const an_delem *e, size_t n, int depth)
{
    int alt = 0;
    for (size_t i = 0; i < n; i++) {
        if (e[i].kind == AN_DE_GOPEN && (e[i].flags & AN_DEF_ALT))
            alt++;
        else if (e[i].kind == AN_DE_GCLOSE && (e[i].flags & AN_DEF_ALT) && alt > 0)
            alt--;
        else if (alt)
            continue;
        else if (e[i].kind == AN_DE_WORD && !(e[i].flags & AN_DEF_STEM) &&
                 !an__code_may_have(s, e[i].val))
            return false;
        else if (e[i].kind == AN_DE_SYN && !syn_may(s, e[i].val, depth + 1))
            return false;
    }
    return true;
}

/* May synset `syn` match in this sentence (cached per sentence)? */
static bool syn_may(const csent *s, uint32_t syn, int depth)
{
    const an_dict *d = s->d;
    if (syn >= d->meta.nsyns || depth > MAX_DEPTH)
        return true;
    if (s->syn_state && s->syn_state[syn])
        return s->syn_state[syn] == 2;
    const an_dsyn *sy = &d->syns[syn];
    bool may = false;
    if ((uint64_t)sy->phr + sy->nphr > d->meta.nsphr)
        may = true;
    for (uint32_t i = 0; i < sy->nphr && !may; i++) {
        const an_dsphr *sp = &d->sphr[sy->phr + i];
        may = (uint64_t)sp->elem + sp->nelem > d->meta.nelems ||
              elems_may(s, d->elems + sp->elem, sp->nelem, depth);
    }
    if (s->syn_state)
        s->syn_state[syn] = may ? 2 : 1;
    return may;
}

void an__code_match(const csent *s, const cframe *f, const an_dpat *pat,
                    cmatch *out)
{
    memset(out, 0, sizeof *out);
    out->score = -1;
    out->src = out->tgt = out->cmp = -1;
    out->pat = pat;
    const an_dict *d = s->d;
    if ((uint64_t)pat->elem + pat->nelem > d->meta.nelems || pat->verb >= pat->nelem)
        return;
    const an_delem *e = d->elems + pat->elem;
    size_t v = pat->verb;
    /* Its literal words and synsets must be able to occur in the
       sentence: most patterns of a block fail here, before matching. */
    if (!elems_may(s, e, pat->nelem, 0))
        return;

    static_assert(sizeof(cpart) < 8192, "cpart fits the stack");
    cpart up, lo;
    part_init(&up);
    part_init(&lo);
    crange ru = flatten(&up, e, v, 0);
    crange rl = flatten(&lo, e + v + 1, pat->nelem - v - 1,
                        0);
    if (!up.ok || !lo.ok)
        return;
    /* The lower part's first item carries its own blank; the upper part's
       last item connects to the verb through the verb's own flag. */
    uint8_t verb_gap = !!(e[v].flags & AN_DEF_GAP);

    mpath p0, p;
    memset(&p0, 0, sizeof p0);
    p0.src = p0.tgt = p0.cmp = -1;
    mwin w = {(int32_t)f->vhi, (int32_t)f->hi, (int32_t)f->vhi - 1,
              (int32_t)f->lo, (int32_t)f->vlo, (int32_t)f->vlo};
    p = p0;
    bool ok = match_in(s, f, &up, ru, &lo, rl, verb_gap, &w, &p);
    out->upper_lo = ok && ru.n ? p.far : -1;
    /* A passive verb also matches as its active form, when that is the
       only way or a better one. */
    mwin pw;
    if (passive_windows(s, f, &pw) && (!rl.n || pw.lhi > pw.llo) &&
        (!ru.n || pw.uhi > pw.ulo)) {
        if (!rl.n) {
            pw.llo = w.llo;
            pw.lhi = w.lhi;
            pw.lstart = w.lstart;
        }
        if (!ru.n) {
            pw.ulo = w.ulo;
            pw.uhi = w.uhi;
            pw.ustart = w.ustart;
        }
        mpath q = p0;
        if ((rl.n || ru.n) && match_in(s, f, &up, ru, &lo, rl, verb_gap, &pw, &q) &&
            (!ok || path_score(&q) > path_score(&p))) {
            p = q;
            ok = true;
            out->upper_lo = -1;
        }
    }
    if (!ok)
        return;
    out->score = path_score(&p);
    out->src = p.src;
    out->tgt = p.tgt;
    out->cmp = p.cmp;
    out->nskip = p.nskip;
    memcpy(out->skip, p.skip, sizeof out->skip);
    out->neg_words = p.neg;
}
