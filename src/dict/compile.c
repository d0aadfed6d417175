/*
** compile.c - the dictionary builder: interning words and strings,
** phrase tables with "the later definition wins", and serialising the
** whole set into an image of kind "dict".
**
** Design notes.  Phrases are tokenized with the library's own tokenizer
** so that compiled phrases and document tokens always agree.  Tries are
** built at the end from each table sorted by key sequence, which gives
** every node its edges already sorted and contiguous.  All indices the
** image stores are checked again by the loader (dict.c).
*/
#include <stdio.h>
#include <stdlib.h>

#include "../base/image.h"
#include "../base/utf8.h"
#include "../doc/doc_int.h"
#include "../tok/tok.h"
#include "build.h"

void *an__db_vpush(an_dbuild *b, void **v, size_t *n, size_t *cap,
                   size_t size)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        void *nv = realloc(*v, nc * size);
        if (!nv) {
            b->oom = 1;
            return NULL;
        }
        *v = nv;
        *cap = nc;
    }
    void *slot = (char *)*v + (*n)++ * size;
    memset(slot, 0, size);
    return slot;
}

void an__db_diag(an_dbuild *b, int sev, uint64_t line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (sev == AN_SEV_ERROR)
        b->nerr++;
    else
        b->nwarn++;
    if (b->fn)
        b->fn(b->ctx, sev, b->file ? b->file : "", line, msg);
}

uint32_t an__db_str(an_dbuild *b, const char *p, size_t n)
{
    if (n == 0)
        return 0;
    uint32_t *v = an_map_get(&b->strmap, p, n);
    if (v)
        return *v;
    if (b->pool.n + n + 1 >= UINT32_MAX) {
        b->oom = 1;
        return 0;
    }
    uint32_t off = (uint32_t)b->pool.n;
    an_buf_add(&b->pool, p, n);
    an_buf_addc(&b->pool, 0);
    if (b->pool.oom || !an_map_put(&b->strmap, p, n, off, NULL)) {
        b->oom = 1;
        return 0;
    }
    return off;
}

int an__dbuild_new(an_dbuild **out, an_dict_diag_fn fn, void *ctx)
{
    *out = NULL;
    an_dbuild *b = calloc(1, sizeof *b);
    if (!b)
        return AN_ENOMEM;
    b->fn = fn;
    b->ctx = ctx;
    an_map_init(&b->words);
    an_map_init(&b->stems);
    an_map_init(&b->strmap);
    an_map_init(&b->synmap);
    an_map_init(&b->cameomap);
    an_map_init(&b->actor_t.m);
    an_map_init(&b->agent_t.m);
    an_map_init(&b->discard_t.m);
    an_map_init(&b->issue_t.m);
    b->actor_t.flag = AN_DW_ACTOR;
    b->agent_t.flag = AN_DW_AGENT;
    b->discard_t.flag = AN_DW_DISCARD;
    b->issue_t.flag = AN_DW_ISSUE;
    an_buf_init(&b->pool);
    an_buf_addc(&b->pool, 0); /* offset 0 is "" */
    if (an_doc_new(&b->tdoc) != AN_OK || b->pool.oom) {
        an__dbuild_free(b);
        return AN_ENOMEM;
    }
    *out = b;
    return AN_OK;
}

void an__dbuild_free(an_dbuild *b)
{
    if (!b)
        return;
    an_map_fini(&b->words);
    an_map_fini(&b->stems);
    an_map_fini(&b->strmap);
    an_map_fini(&b->synmap);
    an_map_fini(&b->cameomap);
    an_dbtab *tabs[] = {&b->actor_t, &b->agent_t, &b->discard_t, &b->issue_t};
    for (size_t i = 0; i < AN_COUNT(tabs); i++) {
        an_map_fini(&tabs[i]->m);
        free(tabs[i]->e.v);
    }
    an_buf_fini(&b->pool);
    an_doc_free(b->tdoc);
    free(b->keys.v);
    free(b->actors.v);
    free(b->codes.v);
    free(b->agents.v);
    free(b->discards.v);
    free(b->issues.v);
    free(b->blocks.v);
    free(b->pats.v);
    free(b->elems.v);
    free(b->syns.v);
    free(b->sphr.v);
    free(b->vforms.v);
    free(b->cameo.v);
    free(b->files.v);
    free(b->xforms.v);
    free(b);
}

void an__dbuild_counts(const an_dbuild *b, size_t *nerr, size_t *nwarn)
{
    *nerr = b->nerr;
    *nwarn = b->nwarn;
}

/* ---- words and phrases ---- */

uint32_t an__db_word(an_dbuild *b, const char *p, size_t n, int stem)
{
    an_map *m = stem ? &b->stems : &b->words;
    uint32_t id = (uint32_t)m->n;
    uint32_t *v = an_map_put(m, p, n, id, NULL);
    if (!v) {
        b->oom = 1;
        return 0;
    }
    return (*v << 2) | (stem ? 2u : 0u);
}

/*
** Tokenize one raw word (no blanks or '_') with the library tokenizer and
** append a key for each token.  Only the last token can be a stem; the
** first takes `gap`.  Returns the number of keys added.
*/
int an__db_rawword(an_dbuild *b, const char *p, size_t n, int stem, int gap)
{
    an_doc *d = b->tdoc;
    an_doc_reset(d);
    char *t = an_arena_dup(&d->arena, p, n);
    if (!t) {
        b->oom = 1;
        return 0;
    }
    d->text = (an_span){t, n};
    if (an_tok_doc(d) != AN_OK) {
        b->oom = 1;
        return 0;
    }
    int added = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        an_span f = d->toks[i].norm;
        if (!f.n)
            continue;
        uint32_t k = an__db_word(b, f.p, f.n, stem && i + 1 == d->ntok);
        if (added == 0 && gap)
            k |= 1;
        uint32_t *slot = AN_VPUSH(b, b->keys);
        if (!slot)
            return added;
        *slot = k;
        added++;
    }
    return added;
}

int an__db_phrase(an_dbuild *b, uint64_t line, const char *p, size_t n,
                  int force_exact)
{
    int total = 0;
    size_t i = 0;
    int first = 1;
    int tab = b->tabari && !force_exact;
    while (i < n) {
        int blank = 0;
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '_')) {
            blank |= p[i] != '_';
            i++;
        }
        if (i >= n)
            break;
        size_t s = i;
        while (i < n && p[i] != ' ' && p[i] != '\t' && p[i] != '_')
            i++;
        size_t e = i;
        /* In TABARI files '=' ends an exact word like '_'. */
        int exact = !tab || (i < n && p[i] == '_');
        if (e > s && p[e - 1] == '=') {
            e--;
            exact = 1;
        }
        if (e > s && tab && p[e - 1] == '~')
            e--; /* "NEAT~": an explicit stem */
        if (e == s)
            continue;
        total += an__db_rawword(b, p + s, e - s, !exact, tab && !first && blank);
        first = 0;
    }
    if (total > AN_DICT_MAX_PHRASE) {
        an__db_diag(b, AN_SEV_ERROR, line, "phrase too long (%d words)",
                    total);
        b->keys.n -= (size_t)total;
        return -1;
    }
    return total;
}

/* Append the regular plural of the phrase in buf (its last word). */
size_t an__db_plural(char *buf, size_t n, size_t cap)
{
    while (n && (buf[n - 1] == '_' || buf[n - 1] == ' '))
        n--;
    if (!n || n + 3 >= cap)
        return 0;
    char last = (char)an_lower((unsigned char)buf[n - 1]);
    char prev = n > 1 ? (char)an_lower((unsigned char)buf[n - 2]) : 0;
    bool upper = buf[n - 1] >= 'A' && buf[n - 1] <= 'Z';
    const char *suf;
    if (last == 'y' && prev && !strchr("aeiou", prev)) {
        n--;
        suf = upper ? "IES" : "ies";
    } else if (last == 's' || last == 'x' || last == 'z' ||
               ((last == 'h') && (prev == 's' || prev == 'c'))) {
        suf = upper ? "ES" : "es";
    } else {
        suf = upper ? "S" : "s";
    }
    size_t k = strlen(suf);
    memcpy(buf + n, suf, k);
    return n + k;
}

int an__db_tab_add(an_dbuild *b, an_dbtab *t, uint32_t off, uint32_t n,
                   uint32_t val)
{
    const char *kb = (const char *)(b->keys.v + off);
    size_t kn = (size_t)n * sizeof(uint32_t);
    int added = 0;
    uint32_t *slot = an_map_put(&t->m, kb, kn, (uint32_t)t->e.n, &added);
    if (!slot) {
        b->oom = 1;
        return -1;
    }
    if (!added) {
        t->e.v[*slot].val = val;
        return 1;
    }
    an_dbphr *e = AN_VPUSH(b, t->e);
    if (!e)
        return -1;
    e->off = off;
    e->n = n;
    e->val = val;
    return 0;
}

int64_t an__db_syn_find(an_dbuild *b, const char *p, size_t n)
{
    uint32_t *v = an_map_get(&b->synmap, p, n);
    return v ? (int64_t)*v : -1;
}

/* ---- formats ---- */

static const char *const fmt_names[AN_DF_COUNT] = {
    "auto", "verbs", "actors", "agents", "discards", "issues",
    "tabari-verbs", "cameo-codes", "goldstein", "plover"};

const char *an__dict_fmt_name(int fmt)
{
    return fmt >= 0 && fmt < AN_DF_COUNT ? fmt_names[fmt] : "?";
}

/* Case-insensitive substring test. */
static bool has(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] &&
               an_lower((unsigned char)hay[i]) == an_lower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

static bool ends(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

int an__dict_guess(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (base[0] == '.')
        return AN_DF_AUTO;
    if (ends(base, ".verbs"))
        return AN_DF_TVERBS;
    if (has(base, "eventcodes"))
        return AN_DF_CAMEO;
    if (has(base, "goldstein"))
        return AN_DF_GOLDSTEIN;
    if (has(base, "plover") && ends(base, ".txt"))
        return AN_DF_PLOVER;
    if (has(base, "actors"))
        return AN_DF_ACTORS;
    if (has(base, "agents"))
        return AN_DF_AGENTS;
    if (has(base, "discards"))
        return AN_DF_DISCARDS;
    if (has(base, "issue"))
        return AN_DF_ISSUES;
    if (has(base, "verbs") || has(base, "verbpatterns") || has(base, "CAMEO.2."))
        return AN_DF_VERBS;
    return AN_DF_AUTO;
}

int an__dbuild_add(an_dbuild *b, const char *name, int fmt, int tabari,
                   const char *p, size_t n)
{
    b->file = name;
    b->tabari = tabari;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    uint32_t *f = AN_VPUSH(b, b->files);
    if (!f)
        return AN_ENOMEM;
    *f = an__db_str(b, base, strlen(base));
    b->file_idx = (uint32_t)(b->files.n - 1);
    /* Report invalid UTF-8 once per line; the bytes are kept (folded as
       they are), so the rest of the file still compiles. */
    size_t reported = 0;
    for (size_t i = 0; i < n && reported < 20;) {
        size_t k = an_utf8_valid_prefix(p + i, n - i);
        i += k;
        if (i < n) {
            uint64_t line = 1;
            for (size_t j = 0; j < i; j++)
                line += p[j] == '\n';
            an__db_diag(b, AN_SEV_WARNING, line, "invalid UTF-8 byte 0x%02x",
                        (unsigned char)p[i]);
            reported++;
            while (i < n && p[i] != '\n')
                i++;
        }
    }
    int rc;
    switch (fmt) {
    case AN_DF_ACTORS: rc = an__db_parse_actors(b, p, n); break;
    case AN_DF_AGENTS: rc = an__db_parse_agents(b, p, n); break;
    case AN_DF_DISCARDS: rc = an__db_parse_discards(b, p, n); break;
    case AN_DF_ISSUES: rc = an__db_parse_issues(b, p, n); break;
    case AN_DF_VERBS:
    case AN_DF_TVERBS: rc = an__db_parse_verbs(b, p, n); break;
    case AN_DF_CAMEO:
    case AN_DF_GOLDSTEIN:
    case AN_DF_PLOVER: rc = an__db_parse_cameo(b, fmt, p, n); break;
    default:
        an__db_diag(b, AN_SEV_ERROR, 0, "unknown dictionary format");
        rc = AN_OK;
    }
    b->file = NULL;
    if (b->oom)
        return AN_ENOMEM;
    return rc;
}

/* ---- finishing: tries and sections ---- */

typedef struct trie_out {
    AN_VEC(an_dnode) nodes;
    AN_VEC(an_dedge) edges;
    AN_VEC(uint32_t) vals;
} trie_out;

static int cmp_phr(const void *a, const void *b)
{
    const an_dbphr *x = a, *y = b;
    uint32_t n = AN_MIN(x->n, y->n);
    for (uint32_t i = 0; i < n; i++)
        if (x->k[i] != y->k[i])
            return x->k[i] < y->k[i] ? -1 : 1;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return 0;
}

/* Build the node for entries e[lo..hi), all sharing `depth` keys. */
static uint32_t build_node(an_dbuild *b, trie_out *t, const an_dbphr *e,
                           size_t lo, size_t hi, uint32_t depth)
{
    uint32_t me = (uint32_t)t->nodes.n;
    if (!AN_VPUSH(b, t->nodes))
        return 0;
    size_t i = lo;
    uint32_t nv = 0;
    while (i < hi && e[i].n == depth)
        i++, nv++;
    if (nv) {
        uint32_t *c = AN_VPUSH(b, t->vals);
        if (!c)
            return 0;
        *c = nv;
        t->nodes.v[me].val = (uint32_t)t->vals.n; /* 1 + offset of count */
        for (size_t j = lo; j < lo + nv; j++) {
            uint32_t *v = AN_VPUSH(b, t->vals);
            if (!v)
                return 0;
            *v = e[j].val;
        }
    }
    /* Count the children, reserve their edges, then recurse. */
    uint32_t ne = 0;
    for (size_t j = i; j < hi;) {
        size_t k = j;
        while (k < hi && e[k].k[depth] == e[j].k[depth])
            k++;
        ne++;
        j = k;
    }
    uint32_t first = (uint32_t)t->edges.n;
    for (uint32_t j = 0; j < ne; j++)
        if (!AN_VPUSH(b, t->edges))
            return 0;
    t->nodes.v[me].edge = first;
    t->nodes.v[me].nedge = ne;
    uint32_t slot = first;
    for (size_t j = i; j < hi;) {
        size_t k = j;
        while (k < hi && e[k].k[depth] == e[j].k[depth])
            k++;
        uint32_t key = e[j].k[depth];
        uint32_t child = build_node(b, t, e, j, k, depth + 1);
        if (b->oom)
            return 0;
        t->edges.v[slot].key = key;
        t->edges.v[slot].child = child;
        slot++;
        j = k;
    }
    return me;
}

/* Serialise one table as three sections <p>.n, <p>.e, <p>.v. */
static int write_trie(an_dbuild *b, an_dbtab *tab, const char *prefix,
                      uint8_t *wflags, an_image_writer *w)
{
    for (size_t i = 0; i < tab->e.n; i++)
        tab->e.v[i].k = b->keys.v + tab->e.v[i].off;
    for (size_t i = 0; i < tab->e.n; i++)
        if (tab->e.v[i].n)
            wflags[tab->e.v[i].k[0] >> 1] |= tab->flag;
    if (tab->e.n)
        qsort(tab->e.v, tab->e.n, sizeof *tab->e.v, cmp_phr);
    /* Drop empty phrases: they would match everywhere. */
    size_t lo = 0;
    while (lo < tab->e.n && tab->e.v[lo].n == 0)
        lo++;
    trie_out t;
    memset(&t, 0, sizeof t);
    build_node(b, &t, tab->e.v, lo, tab->e.n, 0);
    int rc = b->oom ? AN_ENOMEM : AN_OK;
    char name[16];
    if (rc == AN_OK) {
        snprintf(name, sizeof name, "%s.n", prefix);
        rc = an_image_writer_add(w, name, t.nodes.v, t.nodes.n * sizeof *t.nodes.v);
    }
    if (rc == AN_OK) {
        snprintf(name, sizeof name, "%s.e", prefix);
        rc = an_image_writer_add(w, name, t.edges.v, t.edges.n * sizeof *t.edges.v);
    }
    if (rc == AN_OK) {
        snprintf(name, sizeof name, "%s.v", prefix);
        rc = an_image_writer_add(w, name, t.vals.v, t.vals.n * sizeof *t.vals.v);
    }
    free(t.nodes.v);
    free(t.edges.v);
    free(t.vals.v);
    return rc;
}

static int cmp_cameo(const void *a, const void *b)
{
    return strcmp(((const an_dcameo *)a)->code, ((const an_dcameo *)b)->code);
}

/* Final id of a raw key's word: stems come after the exact words. */
static uint32_t final_id(uint32_t nwords, uint32_t raw_key)
{
    uint32_t id = raw_key >> 2;
    return (raw_key & 2) ? nwords + id : id;
}

/* Final id of a raw verb-form word (bit 31 marks a stem). */
static uint32_t final_vword(uint32_t nwords, uint32_t w)
{
    if (w == AN_DICT_NONE)
        return w;
    return (w & AN_DB_STEMBIT) ? nwords + (w & ~AN_DB_STEMBIT) : w;
}

int an__dbuild_finish(an_dbuild *b, an_buf *out, an_err *err)
{
    if (b->oom)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    uint32_t nwords = (uint32_t)b->words.n, nstems = (uint32_t)b->stems.n;
    if ((uint64_t)nwords + nstems >= (1u << 30))
        return an_err_set(err, AN_ERANGE, "too many words");
    uint32_t nall = nwords + nstems;
    /* Raw keys -> final keys (id << 1 | gap), in place. */
    for (size_t i = 0; i < b->keys.n; i++)
        b->keys.v[i] = (final_id(nwords, b->keys.v[i]) << 1) | (b->keys.v[i] & 1);
    for (size_t i = 0; i < b->elems.n; i++)
        if (b->elems.v[i].kind == AN_DE_WORD && (b->elems.v[i].flags & AN_DEF_STEM))
            b->elems.v[i].val += nwords;
    uint8_t *wflags = calloc(nall ? nall : 1, 1);
    uint32_t *vfidx = calloc(nall ? nall : 1, sizeof *vfidx);
    an_dvform *vf = calloc(b->vforms.n ? b->vforms.n : 1, sizeof *vf);
    an_image_writer *w = NULL;
    an_buf lexw, lexs;
    an_buf_init(&lexw);
    an_buf_init(&lexs);
    int rc = AN_OK;
    if (!wflags || !vfidx || !vf ||
        an_image_writer_new(AN_DICT_KIND, AN_DICT_VERSION, &w) != AN_OK) {
        rc = AN_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < b->elems.n; i++)
        if (b->elems.v[i].kind == AN_DE_WORD && b->elems.v[i].val < nall &&
            b->elems.v[i].val != AN_DICT_NONE)
            wflags[b->elems.v[i].val] |= AN_DW_SYN;
    /* Verb forms, chained per word in file order. */
    for (size_t i = 0; i < b->vforms.n; i++) {
        vf[i] = b->vforms.v[i].f;
        vf[i].word = final_vword(nwords, vf[i].word);
        for (int j = 0; j < AN_DICT_VFORM_WORDS; j++)
            vf[i].words[j] = final_vword(nwords, vf[i].words[j]);
        if (vf[i].word < nall)
            wflags[vf[i].word] |= AN_DW_VERB;
    }
    for (size_t i = b->vforms.n; i-- > 0;) {
        if (vf[i].word >= nall)
            continue;
        vf[i].next = vfidx[vf[i].word];
        vfidx[vf[i].word] = (uint32_t)i + 1;
    }
    an_dmeta meta;
    memset(&meta, 0, sizeof meta);
    meta.nwords = nwords;
    meta.nstems = nstems;
    for (size_t i = 0; i < b->stems.cap; i++) {
        if (!b->stems.slots[i].key)
            continue;
        uint32_t l = b->stems.slots[i].klen;
        if (l > meta.maxstem)
            meta.maxstem = l;
        if (l < 32)
            meta.stemlens_lo |= 1u << l;
        else if (l < 64)
            meta.stemlens_hi |= 1u << (l - 32);
    }
    /* Stem ids in the lexicon are final ids. */
    for (size_t i = 0; i < b->stems.cap; i++)
        if (b->stems.slots[i].key)
            b->stems.slots[i].val += nwords;
    if (b->cameo.n)
        qsort(b->cameo.v, b->cameo.n, sizeof *b->cameo.v, cmp_cameo);
#define N32(x) ((uint32_t)(x))
    meta.nactors = N32(b->actors.n);
    meta.ncodes = N32(b->codes.n);
    meta.nagents = N32(b->agents.n);
    meta.ndiscards = N32(b->discards.n);
    meta.nissues = N32(b->issues.n);
    meta.nblocks = N32(b->blocks.n);
    meta.npats = N32(b->pats.n);
    meta.nelems = N32(b->elems.n);
    meta.nsyns = N32(b->syns.n);
    meta.nsphr = N32(b->sphr.n);
    meta.nvforms = N32(b->vforms.n);
    meta.ncameo = N32(b->cameo.n);
    meta.nfiles = N32(b->files.n);
    meta.nxforms = N32(b->xforms.n);
    if ((rc = an_lex_write(&b->words, &lexw)) != AN_OK ||
        (rc = an_lex_write(&b->stems, &lexs)) != AN_OK)
        goto done;
    /* Tries first: they fill in the word flags. */
    if ((rc = write_trie(b, &b->actor_t, "tA", wflags, w)) != AN_OK ||
        (rc = write_trie(b, &b->agent_t, "tG", wflags, w)) != AN_OK ||
        (rc = write_trie(b, &b->discard_t, "tD", wflags, w)) != AN_OK ||
        (rc = write_trie(b, &b->issue_t, "tI", wflags, w)) != AN_OK)
        goto done;
    struct { const char *name; const void *p; size_t n; } s[] = {
        {"meta", &meta, sizeof meta},
        {"words", lexw.p, lexw.n},
        {"stems", lexs.p, lexs.n},
        {"wflags", wflags, nall},
        {"strs", b->pool.p, b->pool.n},
        {"files", b->files.v, b->files.n * 4},
        {"actors", b->actors.v, b->actors.n * sizeof(an_dactor)},
        {"codes", b->codes.v, b->codes.n * sizeof(an_dcode)},
        {"agents", b->agents.v, b->agents.n * sizeof(an_dagent)},
        {"discards", b->discards.v, b->discards.n * sizeof(an_ddiscard)},
        {"issues", b->issues.v, b->issues.n * sizeof(an_dissue)},
        {"blocks", b->blocks.v, b->blocks.n * sizeof(an_dblock)},
        {"pats", b->pats.v, b->pats.n * sizeof(an_dpat)},
        {"elems", b->elems.v, b->elems.n * sizeof(an_delem)},
        {"syns", b->syns.v, b->syns.n * sizeof(an_dsyn)},
        {"sphr", b->sphr.v, b->sphr.n * sizeof(an_dsphr)},
        {"vforms", vf, b->vforms.n * sizeof(an_dvform)},
        {"vfidx", vfidx, (size_t)nall * 4},
        {"cameo", b->cameo.v, b->cameo.n * sizeof(an_dcameo)},
        {"xforms", b->xforms.v, b->xforms.n * 4},
    };
    for (size_t i = 0; i < AN_COUNT(s) && rc == AN_OK; i++)
        rc = an_image_writer_add(w, s[i].name, s[i].p, s[i].n);
    if (rc == AN_OK)
        rc = an_image_writer_to_buf(w, out);
done:
    an_image_writer_free(w);
    an_buf_fini(&lexw);
    an_buf_fini(&lexs);
    free(wflags);
    free(vfidx);
    free(vf);
    if (rc != AN_OK)
        return an_err_set(err, rc, "cannot build the dictionary image: %s",
                          an_strerror(rc));
    return AN_OK;
}
