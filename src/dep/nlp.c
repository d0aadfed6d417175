/*
** nlp.c - loading the tagger, lemmatiser and parser together, and running
** them over one sentence (see nlp.h).
*/
#include <stdio.h>
#include <stdlib.h>

#include "nlp.h"

int an_nlp_open(const char *dir, int level, an_nlp **out, an_err *err)
{
    *out = NULL;
    if (level < AN_LEVEL_TAG)
        return AN_OK;
    an_nlp *m = calloc(1, sizeof *m);
    if (!m)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, AN_NLP_POS_FILE);
    int rc = an_pos_open(path, &m->pos, err);
    if (rc == AN_OK) {
        snprintf(path, sizeof path, "%s/%s", dir, AN_NLP_LEMMA_FILE);
        rc = an_lemma_open(path, &m->lemma, err);
    }
    if (rc == AN_OK && level >= AN_LEVEL_PARSE) {
        snprintf(path, sizeof path, "%s/%s", dir, AN_NLP_DEP_FILE);
        rc = an_dep_open(path, &m->dep, err);
    }
    if (rc != AN_OK) {
        an_nlp_close(m);
        return rc;
    }
    *out = m;
    return AN_OK;
}

void an_nlp_close(an_nlp *m)
{
    if (!m)
        return;
    an_pos_close(m->pos);
    an_lemma_close(m->lemma);
    an_dep_close(m->dep);
    free(m);
}

int an_nlp_words(const an_nlp *m, an_arena *scratch, an_arena *keep,
                 const an_span *forms, size_t n, an_nlp_out *out)
{
    if (n == 0)
        return AN_OK;
    int rc = an_pos_tag(m->pos, scratch, forms, n, out->upos, out->xpos);
    if (rc != AN_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        out->lemma[i] = an_lemma_get(m->lemma, keep, forms[i], out->xpos[i],
                                     i == 0);
        if (!out->lemma[i].n && forms[i].n && keep->oom)
            return AN_ENOMEM;
    }
    if (out->head && m->dep)
        rc = an_dep_parse(m->dep, scratch, forms, out->upos, out->xpos, n,
                          (size_t)m->beam, out->head, out->deprel);
    return rc;
}

/*
** Tag (and parse) tokens [p0, p1) of sentence s as one unit, in the
** scratch arena, which is reset first.  The piece's root becomes the
** sentence root when `root` < 0, else a dependent ("dep") of token `root`
** (sentence index).
*/
static int piece(const an_nlp *m, an_arena *scratch, an_doc *doc, an_sent *s,
                 size_t p0, size_t p1, bool tag, bool parse, int32_t root,
                 int32_t *piece_root)
{
    an_arena_reset(scratch);
    size_t n = p1 - p0;
    an_tok *t = doc->toks + s->tok + p0;
    an_span *forms = an_arena_array(scratch, n, sizeof *forms);
    uint8_t *up = an_arena_alloc(scratch, 2 * n + 2);
    if (!forms || !up)
        return AN_ENOMEM;
    uint8_t *xp = up + n + 1;
    for (size_t i = 0; i < n; i++) {
        uint32_t a = t[i].start, b = t[i].end;
        if (b < a || b > doc->text.n)
            a = b = 0;
        forms[i] = (an_span){doc->text.p + a, b - a};
    }
    if (tag) {
        int rc = an_pos_tag(m->pos, scratch, forms, n, up, xp);
        if (rc != AN_OK)
            return rc;
        if (scratch->oom)
            return AN_ENOMEM; /* a feature buffer was lost: tags unsure */
        for (size_t i = 0; i < n; i++) {
            t[i].upos = up[i];
            t[i].xpos = xp[i];
            t[i].lemma = an_lemma_get(m->lemma, &doc->arena, forms[i], xp[i],
                                      p0 + i == 0);
            if (!t[i].lemma.n && forms[i].n && doc->arena.oom)
                return AN_ENOMEM;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            up[i] = t[i].upos;
            xp[i] = t[i].xpos;
        }
    }
    if (!parse)
        return AN_OK;
    int32_t *head = an_arena_array(scratch, n, sizeof *head);
    uint8_t *rel = an_arena_alloc(scratch, n);
    if (!head || !rel)
        return AN_ENOMEM;
    int rc = an_dep_parse(m->dep, scratch, forms, up, xp, n, (size_t)m->beam,
                          head, rel);
    if (rc != AN_OK)
        return rc;
    if (scratch->oom)
        return AN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (head[i] < 0) {
            *piece_root = (int32_t)(p0 + i);
            t[i].head = root;
            t[i].deprel = root < 0 ? AN_DEP_ROOT : AN_DEP_DEP;
        } else {
            t[i].head = (int32_t)p0 + head[i];
            t[i].deprel = rel[i];
        }
    }
    return AN_OK;
}

int an_dep_parse_sent(const an_nlp *m, an_arena *scratch, an_doc *doc,
                      size_t si, int level)
{
    if (!m || si >= doc->nsent || level < AN_LEVEL_TAG)
        return AN_OK;
    an_sent *s = &doc->sents[si];
    size_t n = s->ntok;
    if (n == 0 || s->tok > doc->ntok || n > doc->ntok - s->tok)
        return AN_OK;
    bool tag = !(s->flags & AN_SENT_TAGGED);
    bool parse = level >= AN_LEVEL_PARSE && m->dep &&
                 !(s->flags & AN_SENT_PARSED);
    if (!tag && !parse)
        return AN_OK;
    /* Long "sentences" (text without sentence ends) are handled in pieces
       of at most AN_NLP_PIECE tokens, so memory stays bounded; the roots
       of later pieces hang from the first piece's root. */
    int32_t root = -1;
    for (size_t p0 = 0; p0 < n; p0 += AN_NLP_PIECE) {
        size_t p1 = AN_MIN(n, p0 + AN_NLP_PIECE);
        int32_t pr = -1;
        int rc = piece(m, scratch, doc, s, p0, p1, tag, parse, root, &pr);
        if (rc != AN_OK)
            return rc;
        if (p0 == 0)
            root = pr;
    }
    if (tag)
        s->flags |= AN_SENT_TAGGED;
    if (parse)
        s->flags |= AN_SENT_PARSED;
    return AN_OK;
}
