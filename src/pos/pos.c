/*
** pos.c - the part-of-speech tagger runtime: word hashing, features and
** greedy decoding over a frozen linear model (see pos.h, pos_int.h).
**
** Two models tag each sentence, one left to right and one right to left
** (over the reversed words); each word takes the class with the highest
** sum of their scores (each divided by its model's quantisation scale).
**
** Image sections (kind "pos", version AN_POS_VERSION):
**   meta     u32 nclass, u32 ndir (1 or 2), f32 scale of each direction
**   classes  nclass x { u8 upos, u8 xpos }
**   slots    the feature table of linear.h (left to right)
**   rows     the weight rows of linear.h
**   rslots, rrows   the same for right to left (when ndir is 2)
**   amb      ANLX table: normalised word -> its ambiguity class (a 32-bit
**            hash of the set of Penn tags it had in training), for words
**            seen at least AN_POS_AMB_MIN times
**   dict     ANLX table: form -> class, for frequent words that (nearly)
**            always had that class; they are tagged without scoring
*/
#include <stdio.h>
#include <stdlib.h>

#include "../base/image.h"
#include "linear.h"
#include "pos.h"
#include "pos_int.h"

typedef struct pos_meta {
    uint32_t nclass;
    uint32_t ndir;
    float scale[2];
} pos_meta;
static_assert(sizeof(pos_meta) == 16, "pos meta is 16 bytes");

struct an_pos {
    an_image *img;
    an_lin lin[2];          /* left to right, right to left */
    float inv[2];           /* 1 / quantisation scale of each */
    uint32_t ndir;          /* 1 or 2 */
    uint32_t nclass;
    const uint8_t *classes; /* nclass x {upos, xpos} */
    an_lex amb;             /* word -> ambiguity class */
    an_lex dict;            /* form -> class of unambiguous words */
};

/* Template ids, mixed into every feature hash. */
enum {
    F_BIAS = 1, F_W0, F_FORM0, F_SUF1, F_SUF2, F_SUF3, F_SUF4, F_PRE1, F_PRE2,
    F_PRE3, F_SHAPE0, F_WM1, F_WM2, F_WP1, F_WP2, F_T1, F_T12, F_T1W0,
    F_SUF3M1, F_SUF3P1, F_SHAPEP1, F_SHAPEM1, F_WM1W0, F_W0WP1, F_T1SUF3,
    F_FLAGS, F_WP1WP2, F_WM1WP1, F_T1WP1, F_SUF2P1, F_SUF2M1, F_FIRSTSHAPE,
    F_T1SHAPE0, F_PRE1P1, F_T2, F_A0, F_A0T1, F_A1, F_A2, F_A0A1, F_A1A2,
    F_A0WP1, F_W0A1, F_AM1A0, F_A0SUF3, F_STYLEFL, F_STYLESH, F_STYLEW,
    F_STYLEA0
};

size_t an__pos_norm(const char *p, size_t n, char *buf, size_t cap)
{
    size_t k = AN_MIN(n, cap);
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)p[i];
        buf[i] = c >= '0' && c <= '9' ? '9' : (char)an_lower(c);
    }
    return k;
}

/* Shape: X upper, x lower, d digit, other ASCII as is, u non-ASCII byte
   (lead bytes only); runs of one symbol capped at 2; at most 12. */
static size_t shape_of(const char *p, size_t n, char *out)
{
    size_t k = 0;
    char last = 0;
    int run = 0;
    for (size_t i = 0; i < n && k < 12; i++) {
        unsigned char c = (unsigned char)p[i];
        char s;
        if (c >= 'A' && c <= 'Z')
            s = 'X';
        else if (c >= 'a' && c <= 'z')
            s = 'x';
        else if (c >= '0' && c <= '9')
            s = 'd';
        else if (c >= 0x80) {
            if ((c & 0xc0) == 0x80)
                continue;
            s = 'u';
        } else
            s = (char)c;
        if (s == last) {
            if (++run > 2)
                continue;
        } else {
            run = 1;
            last = s;
        }
        out[k++] = s;
    }
    return k;
}

an__pos_word *an__pos_words(an_arena *a, const an_span *forms, size_t n,
                            const an_lex *amb)
{
    an__pos_word *wd = an_arena_array(a, n + 2 * AN_POS_PAD, sizeof *wd);
    if (!wd)
        return NULL;
    for (size_t k = 0; k < AN_POS_PAD; k++) {
        an__pos_word *b = &wd[k], *e = &wd[n + AN_POS_PAD + k];
        memset(b, 0, sizeof *b);
        memset(e, 0, sizeof *e);
        uint64_t hb = an_lin_mix(0x5e17, k + 1), he = an_lin_mix(0xe05, k + 1);
        b->w = b->form = b->shape = hb;
        e->w = e->form = e->shape = he;
        for (int j = 0; j < 4; j++)
            b->suf[j] = hb, e->suf[j] = he;
        for (int j = 0; j < 3; j++)
            b->pre[j] = hb, e->pre[j] = he;
        b->amb = hb;
        e->amb = he;
    }
    char buf[64], sh[16];
    for (size_t i = 0; i < n; i++) {
        an__pos_word *x = &wd[i + AN_POS_PAD];
        const char *p = forms[i].p ? forms[i].p : "";
        size_t len = forms[i].n;
        size_t k = an__pos_norm(p, len, buf, sizeof buf);
        x->w = an_hash(buf, k);
        uint32_t cls;
        x->amb = amb && an_lex_get(amb, buf, k, &cls) ? cls : 0xa3b;
        x->form = an_hash(p, AN_MIN(len, (size_t)64)) ^ 0xf0;
        for (size_t j = 0; j < 4; j++) {
            size_t m = AN_MIN(j + 1, k);
            x->suf[j] = an_lin_mix(an_hash(buf + k - m, m), 0x50 + j);
        }
        for (size_t j = 0; j < 3; j++) {
            size_t m = AN_MIN(j + 1, k);
            x->pre[j] = an_lin_mix(an_hash(buf, m), 0x90 + j);
        }
        x->shape = an_lin_mix(an_hash(sh, shape_of(p, len, sh)), 0x3a);
        uint32_t fl = 0, upper = 0, lower = 0;
        for (size_t j = 0; j < len; j++) {
            unsigned char c = (unsigned char)p[j];
            if (c >= 'A' && c <= 'Z')
                upper++;
            else if (c >= 'a' && c <= 'z')
                lower++;
            else if (c >= '0' && c <= '9')
                fl |= AN__W_DIGIT;
            else if (c == '-')
                fl |= AN__W_HYPHEN;
        }
        if (len && p[0] >= 'A' && p[0] <= 'Z')
            fl |= AN__W_CAP;
        if (upper >= 2 && !lower)
            fl |= AN__W_UPPER;
        if (upper + lower)
            fl |= AN__W_ALPHA;
        if (i == 0)
            fl |= AN__W_FIRST;
        x->flags = fl;
    }
    /* The sentence's style: how many of its words are capitalised (a
       headline capitalises common nouns; chat may not capitalise names). */
    size_t alpha = 0, cap = 0, upper = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t fl = wd[i + AN_POS_PAD].flags;
        if (!(fl & AN__W_ALPHA))
            continue;
        alpha++;
        cap += (fl & AN__W_CAP) != 0;
        upper += (fl & AN__W_UPPER) != 0;
    }
    uint32_t style = 0;
    if (alpha >= 2 && upper * 10 >= alpha * 8)
        style = 3;
    else if (alpha >= 3 && cap * 10 >= alpha * 6)
        style = 2;
    else if (cap > (alpha > 0))
        style = 1;
    for (size_t i = 0; i < n; i++)
        wd[i + AN_POS_PAD].style = style;
    return wd;
}

an__pos_word *an__pos_words_reversed(an_arena *a, const an__pos_word *wd,
                                     size_t n)
{
    an__pos_word *wr = an_arena_array(a, n + 2 * AN_POS_PAD, sizeof *wr);
    if (!wr || n == 0)
        return wr;
    memcpy(wr, wd, AN_POS_PAD * sizeof *wr);
    memcpy(wr + n + AN_POS_PAD, wd + n + AN_POS_PAD, AN_POS_PAD * sizeof *wr);
    for (size_t i = 0; i < n; i++)
        wr[AN_POS_PAD + i] = wd[AN_POS_PAD + n - 1 - i];
    wr[AN_POS_PAD + n - 1].flags &= ~(uint32_t)AN__W_FIRST;
    wr[AN_POS_PAD].flags |= AN__W_FIRST;
    return wr;
}

/* Mix a template id with one or two values. */
static inline uint64_t f1(uint32_t t, uint64_t a)
{
    return an_lin_mix(an_lin_mix(t, a), 0);
}
static inline uint64_t f2(uint32_t t, uint64_t a, uint64_t b)
{
    return an_lin_mix(an_lin_mix(t, a), b);
}

size_t an__pos_feats(const an__pos_word *wd, size_t n, size_t i, uint32_t t1,
                     uint32_t t2, uint64_t *f)
{
    (void)n;
    const an__pos_word *w0 = &wd[i + AN_POS_PAD];
    const an__pos_word *m1 = w0 - 1, *m2 = w0 - 2, *p1 = w0 + 1, *p2 = w0 + 2;
    size_t k = 0;
    f[k++] = f1(F_BIAS, 0);
    f[k++] = f1(F_W0, w0->w);
    f[k++] = f1(F_FORM0, w0->form);
    f[k++] = f1(F_SUF1, w0->suf[0]);
    f[k++] = f1(F_SUF2, w0->suf[1]);
    f[k++] = f1(F_SUF3, w0->suf[2]);
    f[k++] = f1(F_SUF4, w0->suf[3]);
    f[k++] = f1(F_PRE1, w0->pre[0]);
    f[k++] = f1(F_PRE2, w0->pre[1]);
    f[k++] = f1(F_PRE3, w0->pre[2]);
    f[k++] = f1(F_SHAPE0, w0->shape);
    f[k++] = f1(F_WM1, m1->w);
    f[k++] = f1(F_WM2, m2->w);
    f[k++] = f1(F_WP1, p1->w);
    f[k++] = f1(F_WP2, p2->w);
    f[k++] = f1(F_T1, t1);
    f[k++] = f1(F_T2, t2);
    f[k++] = f2(F_T12, t1, t2);
    f[k++] = f2(F_T1W0, t1, w0->w);
    f[k++] = f1(F_SUF3M1, m1->suf[2]);
    f[k++] = f1(F_SUF3P1, p1->suf[2]);
    f[k++] = f1(F_SUF2M1, m1->suf[1]);
    f[k++] = f1(F_SUF2P1, p1->suf[1]);
    f[k++] = f1(F_SHAPEP1, p1->shape);
    f[k++] = f1(F_SHAPEM1, m1->shape);
    f[k++] = f2(F_WM1W0, m1->w, w0->w);
    f[k++] = f2(F_W0WP1, w0->w, p1->w);
    f[k++] = f2(F_T1SUF3, t1, w0->suf[2]);
    f[k++] = f1(F_FLAGS, w0->flags);
    f[k++] = f2(F_WP1WP2, p1->w, p2->w);
    f[k++] = f2(F_WM1WP1, m1->w, p1->w);
    f[k++] = f2(F_T1WP1, t1, p1->w);
    f[k++] = f2(F_FIRSTSHAPE, w0->flags & AN__W_FIRST, w0->shape);
    f[k++] = f2(F_T1SHAPE0, t1, w0->shape);
    f[k++] = f1(F_PRE1P1, p1->pre[0]);
    f[k++] = f1(F_A0, w0->amb);
    f[k++] = f2(F_A0T1, w0->amb, t1);
    f[k++] = f1(F_A1, p1->amb);
    f[k++] = f1(F_A2, p2->amb);
    f[k++] = f2(F_A0A1, w0->amb, p1->amb);
    f[k++] = f2(F_A1A2, p1->amb, p2->amb);
    f[k++] = f2(F_A0WP1, w0->amb, p1->w);
    f[k++] = f2(F_W0A1, w0->w, p1->amb);
    f[k++] = f2(F_AM1A0, m1->amb, w0->amb);
    f[k++] = f2(F_A0SUF3, w0->amb, w0->suf[2]);
    f[k++] = f2(F_STYLEFL, w0->style, w0->flags);
    f[k++] = f2(F_STYLESH, w0->style, w0->shape);
    f[k++] = f2(F_STYLEW, w0->style, w0->w);
    f[k++] = f2(F_STYLEA0, w0->style, w0->amb);
    assert(k <= AN_POS_MAXF);
    return k;
}

static int load(void *obj, an_err *err)
{
    an_pos *m = obj;
    if (an_image_kind_version(m->img) != AN_POS_VERSION)
        return an_err_set(err, AN_EFORMAT,
                          "tagger model version %u, expected %u",
                          an_image_kind_version(m->img), AN_POS_VERSION);
    an_span meta, cls, slots, rows, amb, dict;
    if (an_image_section(m->img, "dict", &dict) != AN_OK ||
        an_lex_open(&m->dict, dict.p, dict.n, err) != AN_OK)
        return an_err_set(err, AN_EFORMAT, "tagger model: bad dict section");
    if (an_image_section(m->img, "amb", &amb) != AN_OK ||
        an_lex_open(&m->amb, amb.p, amb.n, err) != AN_OK)
        return an_err_set(err, AN_EFORMAT, "tagger model: bad amb section");
    if (an_image_section(m->img, "meta", &meta) != AN_OK ||
        an_image_section(m->img, "classes", &cls) != AN_OK ||
        an_image_section(m->img, "slots", &slots) != AN_OK ||
        an_image_section(m->img, "rows", &rows) != AN_OK)
        return an_err_set(err, AN_EFORMAT, "tagger model: missing section");
    pos_meta pm;
    if (meta.n != sizeof pm)
        return an_err_set(err, AN_EFORMAT, "tagger model: bad meta section");
    memcpy(&pm, meta.p, sizeof pm);
    if (pm.nclass == 0 || pm.nclass > 1024 || cls.n != (size_t)pm.nclass * 2)
        return an_err_set(err, AN_EFORMAT, "tagger model: bad class table");
    m->classes = (const uint8_t *)cls.p;
    for (uint32_t c = 0; c < pm.nclass; c++)
        if (m->classes[2 * c] >= AN_UPOS_COUNT ||
            m->classes[2 * c + 1] >= AN_XPOS_COUNT)
            return an_err_set(err, AN_EFORMAT, "tagger model: bad tag in class %u",
                              c);
    m->nclass = pm.nclass;
    if (pm.ndir < 1 || pm.ndir > 2)
        return an_err_set(err, AN_EFORMAT, "tagger model: bad direction count");
    m->ndir = pm.ndir;
    for (uint32_t d = 0; d < pm.ndir; d++) {
        float sc = pm.scale[d];
        if (!(sc > 1e-9f && sc < 1e12f))
            return an_err_set(err, AN_EFORMAT, "tagger model: bad scale");
        m->inv[d] = 1.0f / sc;
    }
    int rc = an_lin_open(&m->lin[0], slots, rows, pm.nclass, "tagger model",
                         err);
    if (rc == AN_OK && pm.ndir == 2) {
        if (an_image_section(m->img, "rslots", &slots) != AN_OK ||
            an_image_section(m->img, "rrows", &rows) != AN_OK)
            return an_err_set(err, AN_EFORMAT, "tagger model: missing section");
        rc = an_lin_open(&m->lin[1], slots, rows, pm.nclass, "tagger model",
                         err);
    }
    return rc;
}

/* Open from the file at `path`, or from memory when path is NULL. */
static int open_pos(const char *path, const void *p, size_t n, an_pos **out,
                   an_err *err)
{
    void *m;
    int rc = an_image_load(path, p, n, AN_POS_KIND, sizeof **out, offsetof(an_pos, img),
                           load, &m, err);
    *out = m;
    return rc;
}

int an_pos_open(const char *path, an_pos **out, an_err *err)
{
    return open_pos(path, NULL, 0, out, err);
}

int an_pos_from_memory(const void *p, size_t n, an_pos **out, an_err *err)
{
    return open_pos(NULL, p, n, out, err);
}

void an_pos_close(an_pos *m)
{
    if (!m)
        return;
    an_image_close(m->img);
    free(m);
}

size_t an_pos_nfeat(const an_pos *m)
{
    return m->lin[0].nfeat + (m->ndir == 2 ? m->lin[1].nfeat : 0);
}

/*
** One greedy pass of direction d over the words wd (from an__pos_words,
** already in the pass's order): adds each word's scores, divided by the
** model's scale, to out[pos(i) * nclass ...], where pos(i) is i, or
** n-1-i when d is 1 (right to left).
*/
static void pass(const an_pos *m, int d, const an__pos_word *wd, size_t n,
                 const uint32_t *fixed, int32_t *sc, float *out)
{
    uint64_t f[AN_POS_MAXF];
    uint32_t t1 = m->nclass, t2 = m->nclass;
    const an_lin *lin = &m->lin[d];
    for (size_t i = 0; i < n; i++) {
        size_t pos = d ? n - 1 - i : i;
        if (fixed[pos] < m->nclass) {
            t2 = t1;
            t1 = fixed[pos];
            continue;
        }
        size_t nf = an__pos_feats(wd, n, i, t1, t2, f);
        an_lin_score(lin, f, nf, sc);
        uint32_t best = 0;
        for (uint32_t c = 1; c < m->nclass; c++)
            if (sc[c] > sc[best])
                best = c;
        float *o = out + pos * m->nclass;
        for (uint32_t c = 0; c < m->nclass; c++)
            o[c] += (float)sc[c] * m->inv[d];
        t2 = t1;
        t1 = best;
    }
}

int an_pos_tag(const an_pos *m, an_arena *scratch, const an_span *forms,
               size_t n, uint8_t *upos, uint8_t *xpos)
{
    if (n == 0)
        return AN_OK;
    int32_t *sc = an_arena_array(scratch, m->nclass, sizeof *sc);
    float *out = an_arena_array(scratch, n, m->nclass * sizeof *out);
    if (!sc || !out || n > SIZE_MAX / m->nclass)
        return AN_ENOMEM;
    memset(out, 0, n * m->nclass * sizeof *out);
    uint32_t *fixed = an_arena_array(scratch, n, sizeof *fixed);
    if (!fixed)
        return AN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        uint32_t c;
        fixed[i] = an_lex_get(&m->dict, forms[i].p ? forms[i].p : "",
                              forms[i].n, &c) && c < m->nclass
                       ? c
                       : UINT32_MAX;
    }
    an__pos_word *wd = an__pos_words(scratch, forms, n, &m->amb);
    if (!wd)
        return AN_ENOMEM;
    pass(m, 0, wd, n, fixed, sc, out);
    if (m->ndir == 2) {
        /* The right-to-left pass reads the same words in the other order:
           no hashing or lookups again. */
        an__pos_word *wr = an__pos_words_reversed(scratch, wd, n);
        if (!wr)
            return AN_ENOMEM;
        pass(m, 1, wr, n, fixed, sc, out);
    }
    for (size_t i = 0; i < n; i++) {
        const float *o = out + i * m->nclass;
        uint32_t best = 0;
        if (fixed[i] < m->nclass) {
            upos[i] = m->classes[2 * fixed[i]];
            xpos[i] = m->classes[2 * fixed[i] + 1];
            continue;
        }
        for (uint32_t c = 1; c < m->nclass; c++)
            if (o[c] > o[best])
                best = c;
        upos[i] = m->classes[2 * best];
        xpos[i] = m->classes[2 * best + 1];
    }
    return AN_OK;
}
