/*
** dict.c - opening a compiled dictionary image and looking things up.
**
** an_dict_open maps the image (src/base/image.c checks the container) and
** then checks every section of the dictionary once: sizes against the
** counts in "meta", every index against the array it points into, every
** string offset against the pool (which must end with a NUL).  After that
** the lookups index the sections directly.  A corrupt or hostile image is
** refused with a message; it can never make a lookup read out of bounds.
*/
#include <stdio.h>
#include <stdlib.h>

#include "../base/image.h"
#include "dict.h"

#define FAIL(...) return an_err_set(err, AN_EFORMAT, __VA_ARGS__)

/* Fetch section `name` of exactly count*size bytes (count may be 0). */
static int sect(an_image *img, const char *name, size_t size, uint64_t count,
                const void **out, an_err *err)
{
    an_span s;
    if (an_image_section(img, name, &s) != AN_OK)
        FAIL("dictionary image: section '%s' missing", name);
    if ((uint64_t)s.n != count * size)
        FAIL("dictionary image: section '%s' has %zu bytes, expected %llu",
             name, s.n, (unsigned long long)(count * size));
    *out = s.p;
    return AN_OK;
}

static bool str_ok(const an_dict *d, uint32_t off)
{
    return off < d->nstrs || off == AN_DICT_NONE;
}

static int trie(an_image *img, an_dict *d, const char *prefix, an_dtrie *t,
                an_err *err)
{
    char name[16];
    an_span s;
    snprintf(name, sizeof name, "%s.n", prefix);
    if (an_image_section(img, name, &s) != AN_OK || s.n % sizeof(an_dnode))
        FAIL("dictionary image: bad trie section '%s'", name);
    t->nodes = (const an_dnode *)s.p;
    t->nnodes = (uint32_t)(s.n / sizeof(an_dnode));
    snprintf(name, sizeof name, "%s.e", prefix);
    if (an_image_section(img, name, &s) != AN_OK || s.n % sizeof(an_dedge))
        FAIL("dictionary image: bad trie section '%s'", name);
    t->edges = (const an_dedge *)s.p;
    t->nedges = (uint32_t)(s.n / sizeof(an_dedge));
    snprintf(name, sizeof name, "%s.v", prefix);
    if (an_image_section(img, name, &s) != AN_OK || s.n % 4)
        FAIL("dictionary image: bad trie section '%s'", name);
    t->vals = (const uint32_t *)s.p;
    t->nvals = (uint32_t)(s.n / 4);
    if (t->nnodes == 0)
        FAIL("dictionary image: trie '%s' has no root", prefix);
    uint32_t nall = d->meta.nwords + d->meta.nstems;
    for (uint32_t i = 0; i < t->nnodes; i++) {
        const an_dnode *nd = &t->nodes[i];
        if (nd->edge > t->nedges || nd->nedge > t->nedges - nd->edge)
            FAIL("dictionary image: trie '%s' node %u out of bounds", prefix, i);
        if (nd->val) {
            uint32_t v = nd->val - 1;
            if (v >= t->nvals || t->vals[v] > t->nvals - v - 1)
                FAIL("dictionary image: trie '%s' values out of bounds", prefix);
        }
        for (uint32_t j = 0; j < nd->nedge; j++) {
            const an_dedge *e = &t->edges[nd->edge + j];
            /* Children come after their parent: no cycles. */
            if (e->child >= t->nnodes || e->child <= i || (e->key >> 1) >= nall)
                FAIL("dictionary image: trie '%s' edge out of bounds", prefix);
            if (j && t->edges[nd->edge + j - 1].key >= e->key)
                FAIL("dictionary image: trie '%s' edges not sorted", prefix);
            t->gaps |= (int)(e->key & 1);
        }
    }
    return AN_OK;
}

/* Check that every element's value points where its kind says. */
static int check_elems(const an_dict *d, uint32_t first, uint32_t n,
                       an_err *err)
{
    uint32_t nall = d->meta.nwords + d->meta.nstems;
    if (first > d->meta.nelems || n > d->meta.nelems - first)
        FAIL("dictionary image: element range out of bounds");
    for (uint32_t i = first; i < first + n; i++) {
        const an_delem *e = &d->elems[i];
        if (e->kind < AN_DE_WORD || e->kind > AN_DE_GCLOSE)
            FAIL("dictionary image: bad element kind %u", e->kind);
        if (e->kind == AN_DE_WORD && e->val >= nall)
            FAIL("dictionary image: element word out of bounds");
        if (e->kind == AN_DE_SYN && e->val >= d->meta.nsyns)
            FAIL("dictionary image: element synset out of bounds");
    }
    return AN_OK;
}

static int check(an_dict *d, an_image *img, an_err *err)
{
    const void *p;
    int rc;
    if ((rc = sect(img, "meta", sizeof(an_dmeta), 1, &p, err)) != AN_OK)
        return rc;
    memcpy(&d->meta, p, sizeof d->meta);
    const an_dmeta *m = &d->meta;
    uint64_t nall = (uint64_t)m->nwords + m->nstems;
    if (nall >= (1u << 30))
        FAIL("dictionary image: too many words");
    an_span s;
    if (an_image_section(img, "words", &s) != AN_OK ||
        an_lex_open(&d->words, s.p, s.n, err) != AN_OK ||
        an_lex_count(&d->words) != m->nwords)
        FAIL("dictionary image: bad word table");
    if (an_image_section(img, "stems", &s) != AN_OK ||
        an_lex_open(&d->stems, s.p, s.n, err) != AN_OK ||
        an_lex_count(&d->stems) != m->nstems)
        FAIL("dictionary image: bad stem table");
    if (an_image_section(img, "strs", &s) != AN_OK || s.n == 0 ||
        s.n >= UINT32_MAX || s.p[s.n - 1] != 0)
        FAIL("dictionary image: bad string pool");
    d->strs = s.p;
    d->nstrs = (uint32_t)s.n;
#define GET(name, field, count)                                              \
    do {                                                                     \
        if ((rc = sect(img, name, sizeof *d->field, count,                   \
                       (const void **)&d->field, err)) != AN_OK)             \
            return rc;                                                       \
    } while (0)
    GET("wflags", wflags, nall);
    GET("files", files, m->nfiles);
    GET("actors", actors, m->nactors);
    GET("codes", codes, m->ncodes);
    GET("agents", agents, m->nagents);
    GET("discards", discards, m->ndiscards);
    GET("issues", issues, m->nissues);
    GET("blocks", blocks, m->nblocks);
    GET("pats", pats, m->npats);
    GET("elems", elems, m->nelems);
    GET("syns", syns, m->nsyns);
    GET("sphr", sphr, m->nsphr);
    GET("vforms", vforms, m->nvforms);
    GET("vfidx", vfidx, nall);
    GET("cameo", cameo, m->ncameo);
    GET("xforms", xforms, m->nxforms);
#undef GET
    if ((rc = trie(img, d, "tA", &d->actor_t, err)) != AN_OK ||
        (rc = trie(img, d, "tG", &d->agent_t, err)) != AN_OK ||
        (rc = trie(img, d, "tD", &d->discard_t, err)) != AN_OK ||
        (rc = trie(img, d, "tI", &d->issue_t, err)) != AN_OK)
        return rc;
    /* Values of the tries index their entry arrays. */
    struct { const an_dtrie *t; uint32_t n; } tv[] = {
        {&d->actor_t, m->nactors}, {&d->agent_t, m->nagents},
        {&d->discard_t, m->ndiscards}, {&d->issue_t, m->nissues}};
    for (size_t k = 0; k < AN_COUNT(tv); k++)
        for (uint32_t i = 0; i < tv[k].t->nnodes; i++) {
            uint32_t v = tv[k].t->nodes[i].val;
            if (!v)
                continue;
            for (uint32_t j = 0; j < tv[k].t->vals[v - 1]; j++)
                if (tv[k].t->vals[v + j] >= tv[k].n)
                    FAIL("dictionary image: trie value out of bounds");
        }
    for (uint32_t i = 0; i < m->nfiles; i++)
        if (!str_ok(d, d->files[i]))
            FAIL("dictionary image: bad file name");
    for (uint32_t i = 0; i < m->nactors; i++) {
        const an_dactor *a = &d->actors[i];
        if (!str_ok(d, a->name) || a->code > m->ncodes ||
            a->ncode > m->ncodes - a->code || a->kind >= AN_DK_COUNT)
            FAIL("dictionary image: actor %u out of bounds", i);
    }
    for (uint32_t i = 0; i < m->ncodes; i++)
        if (!str_ok(d, d->codes[i].code))
            FAIL("dictionary image: code %u out of bounds", i);
    for (uint32_t i = 0; i < m->nagents; i++)
        if (!str_ok(d, d->agents[i].code))
            FAIL("dictionary image: agent %u out of bounds", i);
    for (uint32_t i = 0; i < m->nissues; i++)
        if (!str_ok(d, d->issues[i].code) || !str_ok(d, d->issues[i].category))
            FAIL("dictionary image: issue %u out of bounds", i);
    for (uint32_t i = 0; i < m->nblocks; i++) {
        const an_dblock *b = &d->blocks[i];
        if (!str_ok(d, b->name) || !str_ok(d, b->code) || b->pat > m->npats ||
            b->npat > m->npats - b->pat)
            FAIL("dictionary image: verb block %u out of bounds", i);
    }
    for (uint32_t i = 0; i < m->npats; i++) {
        const an_dpat *pt = &d->pats[i];
        if (!str_ok(d, pt->code) || !str_ok(d, pt->code2) ||
            pt->block >= m->nblocks || pt->verb >= pt->nelem)
            FAIL("dictionary image: pattern %u out of bounds", i);
        if ((rc = check_elems(d, pt->elem, pt->nelem, err)) != AN_OK)
            return rc;
    }
    for (uint32_t i = 0; i < m->nsyns; i++) {
        const an_dsyn *sy = &d->syns[i];
        if (!str_ok(d, sy->name) || sy->phr > m->nsphr ||
            sy->nphr > m->nsphr - sy->phr)
            FAIL("dictionary image: synset %u out of bounds", i);
    }
    for (uint32_t i = 0; i < m->nsphr; i++)
        if ((rc = check_elems(d, d->sphr[i].elem, d->sphr[i].nelem, err)) != AN_OK)
            return rc;
    for (uint32_t i = 0; i < m->nvforms; i++) {
        const an_dvform *f = &d->vforms[i];
        if (f->word >= nall || f->block >= m->nblocks || !str_ok(d, f->code) ||
            !str_ok(d, f->lemma) || f->next > m->nvforms ||
            f->nbefore + f->nafter > AN_DICT_VFORM_WORDS)
            FAIL("dictionary image: verb form %u out of bounds", i);
        for (int j = 0; j < f->nbefore + f->nafter; j++)
            if (f->words[j] >= nall)
                FAIL("dictionary image: verb form %u word out of bounds", i);
    }
    /* Chains must be acyclic: each link goes forward. */
    for (uint32_t i = 0; i < m->nvforms; i++)
        if (d->vforms[i].next && d->vforms[i].next <= i + 1)
            FAIL("dictionary image: verb form chain loops");
    for (uint64_t i = 0; i < nall; i++)
        if (d->vfidx[i] > m->nvforms)
            FAIL("dictionary image: verb form index out of bounds");
    for (uint32_t i = 0; i < m->ncameo; i++) {
        const an_dcameo *c = &d->cameo[i];
        if (c->code[7] != 0 || !str_ok(d, c->name) ||
            !str_ok(d, c->plover_event) || !str_ok(d, c->plover_mode) ||
            !str_ok(d, c->plover_context))
            FAIL("dictionary image: CAMEO entry %u out of bounds", i);
        if (i && strcmp(d->cameo[i - 1].code, c->code) >= 0)
            FAIL("dictionary image: CAMEO codes not sorted");
    }
    for (uint32_t i = 0; i < m->nxforms; i++)
        if (!str_ok(d, d->xforms[i]))
            FAIL("dictionary image: bad transformation");
    return AN_OK;
}

static int load(void *obj, an_err *err)
{
    an_dict *d = obj;
    uint32_t version = an_image_kind_version(d->img);
    if (version != AN_DICT_VERSION)
        return an_err_set(err, AN_EFORMAT, "dictionary image version %u, "
                          "expected %u: recompile it", version, AN_DICT_VERSION);
    return check(d, d->img, err);
}

/* Open from the file at `path`, or from memory when path is NULL. */
static int open_dict(const char *path, const void *p, size_t n, an_dict **out,
                     an_err *err)
{
    void *d;
    int rc = an_image_load(path, p, n, AN_DICT_KIND, sizeof **out,
                           offsetof(an_dict, img), load, &d, err);
    *out = d;
    return rc;
}

int an_dict_open(const char *path, an_dict **out, an_err *err)
{
    return open_dict(path, NULL, 0, out, err);
}

int an_dict_from_memory(const void *p, size_t n, an_dict **out, an_err *err)
{
    return open_dict(NULL, p, n, out, err);
}

void an_dict_close(an_dict *d)
{
    if (!d)
        return;
    an_image_close(d->img);
    free(d);
}

/* ---- lookups ---- */

uint32_t an_dict_word(const an_dict *d, const char *p, size_t n)
{
    uint32_t v;
    return an_lex_get(&d->words, p, n, &v) && v < d->meta.nwords ? v
                                                                 : AN_DICT_NONE;
}

size_t an_dict_stems(const an_dict *d, const char *p, size_t n,
                     uint32_t *out, size_t max)
{
    size_t k = 0;
    if (!d->meta.nstems)
        return 0;
    size_t top = AN_MIN(n, (size_t)d->meta.maxstem);
    /* Longest stems first: the most specific. */
    for (size_t l = top; l >= 1 && k < max; l--) {
        bool maybe = l < 32 ? (d->meta.stemlens_lo >> l) & 1
                   : l < 64 ? (d->meta.stemlens_hi >> (l - 32)) & 1 : true;
        uint32_t v;
        if (maybe && an_lex_get(&d->stems, p, l, &v) && v >= d->meta.nwords &&
            v < d->meta.nwords + d->meta.nstems)
            out[k++] = v;
    }
    return k;
}

void an_dict_tok(const an_dict *d, const char *p, size_t n, an_dtok *t)
{
    t->word = an_dict_word(d, p, n);
    t->nstem = (uint8_t)an_dict_stems(d, p, n, t->stem, AN_COUNT(t->stem));
}

/* Child of node `nd` for key `key` (binary search), or UINT32_MAX. */
static uint32_t child(const an_dtrie *t, const an_dnode *nd, uint32_t key)
{
    uint32_t lo = 0, hi = nd->nedge;
    const an_dedge *e = t->edges + nd->edge;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (e[mid].key < key)
            lo = mid + 1;
        else if (e[mid].key > key)
            hi = mid;
        else
            return e[mid].child;
    }
    return UINT32_MAX;
}

typedef struct mstate {
    const an_dtrie *t;
    const an_dtok *toks;
    size_t n, maxgap;
    size_t best;
    uint32_t bestval;
} mstate;

/* Depth-first walk: node `ni` reached after consuming tokens up to j. */
static void walk(mstate *m, uint32_t ni, size_t j, int depth)
{
    const an_dnode *nd = &m->t->nodes[ni];
    if (nd->val && j > m->best) {
        m->best = j;
        m->bestval = nd->val;
    }
    if (!nd->nedge || depth > AN_DICT_MAX_PHRASE)
        return;
    for (size_t skip = 0; j + skip < m->n; skip++) {
        if (skip > (depth ? m->maxgap : 0))
            break;
        const an_dtok *tk = &m->toks[j + skip];
        uint32_t ids[4];
        size_t nid = 0;
        if (tk->word != AN_DICT_NONE)
            ids[nid++] = tk->word;
        for (size_t s = 0; s < tk->nstem && nid < 4; s++)
            ids[nid++] = tk->stem[s];
        for (size_t q = 0; q < nid; q++) {
            /* Without a skip both edge kinds fit; after one, only gap
               edges (a blank in the dictionary phrase) do. */
            uint32_t c;
            if (skip == 0 && (c = child(m->t, nd, ids[q] << 1)) != UINT32_MAX)
                walk(m, c, j + 1, depth + 1);
            if (depth && (c = child(m->t, nd, (ids[q] << 1) | 1)) != UINT32_MAX)
                walk(m, c, j + skip + 1, depth + 1);
        }
        if (!m->maxgap)
            break;
    }
}

size_t an_dict_match(const an_dtrie *t, const an_dtok *toks, size_t i,
                     size_t n, size_t maxgap, const uint32_t **vals)
{
    if (!t->nnodes || i >= n)
        return 0;
    mstate m = {t, toks, n, t->gaps ? maxgap : 0, i, 0};
    walk(&m, 0, i, 0);
    if (!m.bestval)
        return 0;
    *vals = t->vals + m.bestval - 1;
    return m.best - i;
}

const char *an_dict_actor_code(const an_dict *d, uint32_t a, int32_t day)
{
    if (a >= d->meta.nactors)
        return NULL;
    const an_dactor *ac = &d->actors[a];
    const an_dcode *c = d->codes + ac->code;
    int undated = -1, latest = -1;
    for (int i = 0; i < ac->ncode; i++) {
        bool dated = c[i].from != AN_DICT_DAY_MIN || c[i].to != AN_DICT_DAY_MAX;
        if (!dated) {
            if (undated < 0)
                undated = i;
            continue;
        }
        if (day != INT32_MIN && day >= c[i].from && day < c[i].to)
            return an_dict_str(d, c[i].code);
        if (latest < 0 || c[i].from > c[latest].from)
            latest = i;
    }
    if (undated >= 0)
        return an_dict_str(d, c[undated].code);
    if (day == INT32_MIN && latest >= 0)
        return an_dict_str(d, c[latest].code);
    return NULL;
}

const an_dcameo *an_dict_cameo(const an_dict *d, const char *code)
{
    size_t lo = 0, hi = d->meta.ncameo;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(d->cameo[mid].code, code, 8);
        if (c < 0)
            lo = mid + 1;
        else if (c > 0)
            hi = mid;
        else
            return &d->cameo[mid];
    }
    return NULL;
}

int an_dict_cameo_lookup(const an_dict *d, const char *code,
                         an_cameo_info *out)
{
    memset(out, 0, sizeof *out);
    if (!d || !code || strlen(code) > 7)
        return AN_ENOENT;
    const an_dcameo *c = an_dict_cameo(d, code);
    if (!c)
        return AN_ENOENT;
    out->code = c->code;
    out->name = an_dict_str(d, c->name);
    out->goldstein = c->goldstein;
    out->quad_class = an_cameo_quad_class(c->code);
    out->plover_event = an_dict_str(d, c->plover_event);
    out->plover_mode = an_dict_str(d, c->plover_mode);
    out->plover_context = an_dict_str(d, c->plover_context);
    /* Unmapped codes take the mapping of their longest mapped prefix. */
    char pre[8];
    size_t n = strlen(c->code);
    while (!*out->plover_event && n > 2) {
        n--;
        memcpy(pre, c->code, n);
        pre[n] = 0;
        const an_dcameo *p = an_dict_cameo(d, pre);
        if (p && p->plover_event && *an_dict_str(d, p->plover_event)) {
            out->plover_event = an_dict_str(d, p->plover_event);
            out->plover_mode = an_dict_str(d, p->plover_mode);
            out->plover_context = an_dict_str(d, p->plover_context);
        }
    }
    return AN_OK;
}

void an_dict_info(const an_dict *d, an_buf *o)
{
    const an_dmeta *m = &d->meta;
    an_buf_printf(o, "words      %u (+ %u stems)\n", m->nwords, m->nstems);
    uint32_t nphr = 0;
    for (uint32_t i = 0; i < d->actor_t.nnodes; i++)
        nphr += d->actor_t.nodes[i].val != 0;
    an_buf_printf(o, "actors     %u entries, %u codes, %u phrases\n",
                  m->nactors, m->ncodes, nphr);
    an_buf_printf(o, "agents     %u entries\n", m->nagents);
    an_buf_printf(o, "verbs      %u blocks, %u forms, %u patterns, %u synsets "
                  "(%u phrases), %u transformations\n", m->nblocks, m->nvforms,
                  m->npats, m->nsyns, m->nsphr, m->nxforms);
    an_buf_printf(o, "discards   %u\n", m->ndiscards);
    an_buf_printf(o, "issues     %u\n", m->nissues);
    an_buf_printf(o, "cameo      %u event codes\n", m->ncameo);
    an_buf_printf(o, "files      %u:\n", m->nfiles);
    for (uint32_t i = 0; i < m->nfiles; i++)
        an_buf_printf(o, "  %s\n", an_dict_str(d, d->files[i]));
}

/* ---- readable dumps ---- */

static const char *word_str(const an_dict *d, uint32_t w, char *buf, size_t n)
{
    /* Word ids are not stored with their text; find it in the lexicon. */
    const an_lex *lx = w < d->meta.nwords ? &d->words : &d->stems;
    for (uint32_t i = 0; i < lx->nslots; i++) {
        const uint8_t *sl = lx->slots + (size_t)i * 8;
        uint32_t off1 = (uint32_t)sl[4] | ((uint32_t)sl[5] << 8) |
                        ((uint32_t)sl[6] << 16) | ((uint32_t)sl[7] << 24);
        if (!off1 || off1 - 1 + 8 > lx->pool_size)
            continue;
        const uint8_t *e = lx->pool + off1 - 1;
        uint32_t kl = (uint32_t)e[0] | ((uint32_t)e[1] << 8) |
                      ((uint32_t)e[2] << 16) | ((uint32_t)e[3] << 24);
        uint32_t v = (uint32_t)e[4] | ((uint32_t)e[5] << 8) |
                     ((uint32_t)e[6] << 16) | ((uint32_t)e[7] << 24);
        if (v == w && off1 - 1 + 8 + (uint64_t)kl <= lx->pool_size) {
            snprintf(buf, n, "%.*s%s", (int)kl, (const char *)e + 8,
                     w < d->meta.nwords ? "" : "~");
            return buf;
        }
    }
    snprintf(buf, n, "#%u", w);
    return buf;
}

static void dump_elems(const an_dict *d, uint32_t first, uint32_t n, an_buf *o)
{
    for (uint32_t i = first; i < first + n; i++) {
        const an_delem *e = &d->elems[i];
        char w[128];
        uint8_t pk = i > first ? d->elems[i - 1].kind : 0;
        bool tight = pk == AN_DE_POPEN || (pk == AN_DE_GOPEN) ||
                     e->kind == AN_DE_PCLOSE || e->kind == AN_DE_GCLOSE;
        if (i > first)
            an_buf_adds(o, tight ? "" : (e->flags & AN_DEF_GAP) ? " " : "_");
        switch (e->kind) {
        case AN_DE_WORD: an_buf_adds(o, word_str(d, e->val, w, sizeof w)); break;
        case AN_DE_SYN:
            an_buf_addc(o, '&');
            an_buf_adds(o, an_dict_str(d, d->syns[e->val].name));
            break;
        default: {
            static const char sym[] = "???*$+^%@(){|}";
            an_buf_addc(o, e->kind < sizeof sym ? sym[e->kind] : '?');
        }
        }
    }
}

int an_dict_verb_dump(const an_dict *d, const char *word, an_buf *o)
{
    uint32_t w = an_dict_word(d, word, strlen(word));
    uint32_t ids[4];
    size_t nid = 0;
    if (w != AN_DICT_NONE)
        ids[nid++] = w;
    nid += an_dict_stems(d, word, strlen(word), ids + nid, 3);
    int found = 0;
    for (size_t q = 0; q < nid; q++) {
        for (const an_dvform *f = an_dict_vform(d, ids[q]); f;
             f = an_dict_vform_next(d, f)) {
            const an_dblock *b = &d->blocks[f->block];
            char wb[128];
            found = 1;
            an_buf_printf(o, "%s: verb %s of block %s [%s], code [%s] (%s:%u)\n",
                          word, an_dict_str(d, f->lemma), an_dict_str(d, b->name),
                          an_dict_str(d, b->code), an_dict_str(d, f->code),
                          an_dict_str(d, d->files[b->file]), f->line);
            if (f->nbefore || f->nafter) {
                an_buf_adds(o, "  multi-word:");
                for (int j = 0; j < f->nbefore; j++)
                    an_buf_printf(o, " %s", word_str(d, f->words[j], wb, sizeof wb));
                an_buf_printf(o, " [%s]", word_str(d, f->word, wb, sizeof wb));
                for (int j = 0; j < f->nafter; j++)
                    an_buf_printf(o, " %s", word_str(d, f->words[f->nbefore + j],
                                                    wb, sizeof wb));
                an_buf_addc(o, '\n');
            }
            for (uint32_t p = b->pat; p < b->pat + b->npat; p++) {
                const an_dpat *pt = &d->pats[p];
                an_buf_adds(o, "  - ");
                dump_elems(d, pt->elem, pt->nelem, o);
                an_buf_printf(o, "  [%s%s%s]  (line %u)\n", an_dict_str(d, pt->code),
                              pt->code2 != AN_DICT_NONE ? ":" : "",
                              pt->code2 != AN_DICT_NONE ? an_dict_str(d, pt->code2) : "",
                              pt->line);
            }
        }
    }
    return found ? AN_OK : AN_ENOENT;
}
