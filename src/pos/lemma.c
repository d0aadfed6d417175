/*
** lemma.c - the lemmatiser runtime (see lemma.h).
**
** Image sections (kind "lemma", version AN_LEMMA_VERSION):
**   lex    ANLX table: key = xpos byte + form, value = pool offset of
**          { u8 length, lemma bytes }
**   rules  ANLX table: key = xpos byte + '#' + last k bytes of the
**          lower-cased form (k = 0..AN_LEMMA_MAXSUF), value = pool offset
**          of { u8 strip, u8 length, appended bytes }
**   pool   the strings
**   lemmas ANLX table: every lemma of the training words, as written
**          (value 0)
** Every pool offset and length is checked before use.
*/
#include <stdio.h>
#include <stdlib.h>

#include "../base/image.h"
#include "../base/map.h"
#include "lemma.h"

struct an_lemma {
    an_image *img;
    an_lex lex, rules, lemmas;
    const uint8_t *pool;
    size_t npool;
};

static int load(void *obj, an_err *err)
{
    an_lemma *m = obj;
    if (an_image_kind_version(m->img) != AN_LEMMA_VERSION)
        return an_err_set(err, AN_EFORMAT, "lemma model version %u, expected %u",
                          an_image_kind_version(m->img), AN_LEMMA_VERSION);
    an_span lex, rules, pool, lemmas;
    if (an_image_section(m->img, "lex", &lex) != AN_OK ||
        an_image_section(m->img, "rules", &rules) != AN_OK ||
        an_image_section(m->img, "pool", &pool) != AN_OK ||
        an_image_section(m->img, "lemmas", &lemmas) != AN_OK)
        return an_err_set(err, AN_EFORMAT, "lemma model: missing section");
    int rc = an_lex_open(&m->lex, lex.p, lex.n, err);
    if (rc == AN_OK)
        rc = an_lex_open(&m->rules, rules.p, rules.n, err);
    if (rc == AN_OK)
        rc = an_lex_open(&m->lemmas, lemmas.p, lemmas.n, err);
    m->pool = (const uint8_t *)pool.p;
    m->npool = pool.n;
    return rc;
}

/* Open from the file at `path`, or from memory when path is NULL. */
static int open_lemma(const char *path, const void *p, size_t n, an_lemma **out,
                   an_err *err)
{
    void *m;
    int rc = an_image_load(path, p, n, AN_LEMMA_KIND, sizeof **out, offsetof(an_lemma, img),
                           load, &m, err);
    *out = m;
    return rc;
}

int an_lemma_open(const char *path, an_lemma **out, an_err *err)
{
    return open_lemma(path, NULL, 0, out, err);
}

int an_lemma_from_memory(const void *p, size_t n, an_lemma **out, an_err *err)
{
    return open_lemma(NULL, p, n, out, err);
}

void an_lemma_close(an_lemma *m)
{
    if (!m)
        return;
    an_image_close(m->img);
    free(m);
}

int an__lemma_rule(an_span form, an_span lemma, size_t *strip,
                   const char **app, size_t *napp, char *lf, char *ll,
                   size_t cap)
{
    if (form.n > cap || lemma.n > cap || lemma.n > 255)
        return 0;
    for (size_t i = 0; i < form.n; i++)
        lf[i] = (char)an_lower((unsigned char)form.p[i]);
    for (size_t i = 0; i < lemma.n; i++)
        ll[i] = (char)an_lower((unsigned char)lemma.p[i]);
    size_t p = 0;
    while (p < form.n && p < lemma.n && lf[p] == ll[p])
        p++;
    if (form.n - p > 255)
        return 0;
    *strip = form.n - p;
    *app = ll + p;
    *napp = lemma.n - p;
    return 1;
}

/* Lexicon lookup of (xpos, form); returns 1 and sets *out. */
static int lex_get(const an_lemma *m, int xpos, const char *p, size_t n,
                   an_span *out)
{
    char key[130];
    if (n + 1 > sizeof key)
        return 0;
    key[0] = (char)xpos;
    memcpy(key + 1, p, n);
    uint32_t off;
    if (!an_lex_get(&m->lex, key, n + 1, &off) || off >= m->npool)
        return 0;
    size_t len = m->pool[off];
    if (len > m->npool - off - 1)
        return 0;
    *out = (an_span){(const char *)m->pool + off + 1, len};
    return 1;
}

static bool is_proper(int xpos)
{
    return xpos == AN_XPOS_NNP || xpos == AN_XPOS_NNPS;
}

an_span an_lemma_get(const an_lemma *m, an_arena *a, an_span form, int xpos,
                     int first)
{
    an_span out;
    if (form.n == 0)
        return form;
    if (lex_get(m, xpos, form.p, form.n, &out))
        return out;
    char low[128];
    bool caps = false;
    size_t n = form.n;
    if (n <= sizeof low) {
        for (size_t i = 0; i < n; i++) {
            low[i] = (char)an_lower((unsigned char)form.p[i]);
            caps |= low[i] != form.p[i];
        }
        if (caps && lex_get(m, xpos, low, n, &out))
            return out;
    }
    if (n > sizeof low)
        return form;
    /* An unknown word: the rule of its longest known ending, unless the
       rule of a shorter ending makes a lemma seen in training. */
    char key[2 + AN_LEMMA_MAXSUF];
    key[0] = (char)xpos;
    key[1] = '#';
    size_t strip = 0, napp = 0;
    const char *app = NULL;
    bool have = false;
    for (size_t k = AN_MIN(n, (size_t)AN_LEMMA_MAXSUF) + 1; k-- > 0;) {
        memcpy(key + 2, low + n - k, k);
        uint32_t off;
        if (!an_lex_get(&m->rules, key, k + 2, &off) || off + 2 > m->npool)
            continue;
        size_t s = m->pool[off], l = m->pool[off + 1];
        if (l > m->npool - off - 2 || s > n || (s == n && l == 0))
            continue;
        const char *ap = (const char *)m->pool + off + 2;
        if (!have) {
            strip = s;
            app = ap;
            napp = l;
            have = true;
        }
        char cand[128 + 256];
        memcpy(cand, low, n - s);
        memcpy(cand + n - s, ap, l);
        uint32_t v;
        if (an_lex_get(&m->lemmas, cand, n - s + l, &v)) {
            strip = s;
            app = ap;
            napp = l;
            break;
        }
    }
    /* English spelling the rules miss: a silent e ("provok" -> "provoke")
       or a doubled consonant ("hott" -> "hot"), when that makes a known
       lemma and the rule's result is not one. */
    char fix[128 + 260];
    size_t nfix = 0;
    bool inflected = strip > 0 &&
                     (xpos == AN_XPOS_VBD || xpos == AN_XPOS_VBG ||
                      xpos == AN_XPOS_VBN || xpos == AN_XPOS_VBZ ||
                      xpos == AN_XPOS_JJR || xpos == AN_XPOS_JJS ||
                      xpos == AN_XPOS_NNS);
    for (size_t i = 0; inflected && i < n - strip; i++)
        if (low[i] < 'a' || low[i] > 'z')
            inflected = false;
    if (inflected) {
        size_t base = n - strip;
        memcpy(fix, low, base);
        memcpy(fix + base, app ? app : "", napp);
        nfix = base + napp;
        uint32_t v;
        if (nfix >= 3 && nfix + 1 < sizeof fix &&
            !an_lex_get(&m->lemmas, fix, nfix, &v)) {
            fix[nfix] = 'e';
            if (an_lex_get(&m->lemmas, fix, nfix + 1, &v)) {
                nfix++;
            } else if (fix[nfix - 1] == fix[nfix - 2] &&
                       an_lex_get(&m->lemmas, fix, nfix - 1, &v)) {
                nfix--;
            } else {
                nfix = 0;
            }
        } else {
            nfix = 0;
        }
    }
    /* Numbers: UD English writes "1,100" as 1100. */
    if (xpos == AN_XPOS_CD && !nfix) {
        /* Only thousands groups: every comma followed by three digits. */
        bool digits = true, comma = false;
        for (size_t i = 0; i < n; i++) {
            if (low[i] == ',') {
                comma = true;
                digits = digits && i + 4 <= n &&
                         (i + 4 == n || low[i + 4] == ',');
            } else if (low[i] < '0' || low[i] > '9') {
                digits = false;
            }
        }
        if (digits && comma && low[n - 1] != ',' && low[0] != ',') {
            for (size_t i = 0; i < n; i++)
                if (low[i] != ',')
                    fix[nfix++] = low[i];
        }
    }
    if (nfix) {
        char *o = an_arena_dup(a, fix, nfix);
        return o ? (an_span){o, nfix} : (an_span){NULL, 0};
    }
    /* Proper nouns keep their case.  Other words are lowered, except an
       adjective capitalised inside a sentence that is not known in lower
       case ("Iraqi", "American"). */
    bool lower = caps && !is_proper(xpos);
    if (lower && !first &&
        (xpos == AN_XPOS_JJ || xpos == AN_XPOS_JJR || xpos == AN_XPOS_JJS)) {
        uint32_t v;
        bool upper_all = true;
        for (size_t i = 0; i < n; i++)
            if (form.p[i] >= 'a' && form.p[i] <= 'z')
                upper_all = false;
        lower = upper_all || an_lex_get(&m->lemmas, low, n, &v);
    }
    const char *src = lower ? low : form.p;
    if (!lower && napp == 0)
        return (an_span){form.p, n - strip};
    char *o = an_arena_alloc(a, n - strip + napp + 1);
    if (!o)
        return (an_span){NULL, 0};
    memcpy(o, src, n - strip);
    if (napp)
        memcpy(o + n - strip, app, napp);
    o[n - strip + napp] = 0;
    return (an_span){o, n - strip + napp};
}
