/*
** eval.c - running the tagger, lemmatiser and parser over CoNLL-U files:
** re-annotating a treebank (an_nlp_parse_conllu) and scoring the models
** against one (an_nlp_eval), CoNLL-2018 style.
**
** With gold tokens, every gold word is re-tagged and re-parsed and the
** scores are accuracies.  From raw text, the treebank's text is rebuilt
** document by document (sentences of a paragraph joined by their spacing,
** paragraphs by blank lines), run through the whole pipeline (text
** extraction, tokenizer, sentence splitter, tagger, parser), and system
** words are aligned to gold words by their character offsets counted
** without whitespace.  A gold multi-word token whose words spell it
** ("do" + "n't" = "don't") gives each word its own characters; otherwise
** its words share the token's range and are paired in order with system
** words of the same range.  Heads count as right when the system head is
** aligned to the gold head (or both are the root).  LAS compares the
** universal part of the relation, as CoNLL 2018 did; full-label LAS is
** counted as well.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../engine/engine_int.h"
#include "conllu.h"

/* CPU time of the calling thread, in seconds: throughput per core that
   other processes on the machine disturb less than wall time. */
static double cpu_now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return an_now();
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Universal part of a relation: "nmod:poss" -> nmod. */
static int universal(int rel)
{
    const char *name = an_deprel_name(rel);
    const char *colon = strchr(name, ':');
    if (!colon)
        return rel;
    return an_deprel_from_name(name, (size_t)(colon - name));
}

/* Append a CoNLL-U field, "_" when empty; tabs and newlines become spaces. */
static void field(an_buf *b, an_span s)
{
    if (!s.n) {
        an_buf_addc(b, '_');
        return;
    }
    for (size_t i = 0; i < s.n; i++) {
        char c = s.p[i];
        an_buf_addc(b, c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
    }
}

/* Per-sentence output arrays, in an arena. */
typedef struct sent_out {
    an_nlp_out o;
    an_span *forms;
} sent_out;

static int run_words(const an_nlp *m, an_arena *a, const an_cu_corpus *c,
                     size_t s, bool parse, sent_out *r)
{
    const an_cu_sent *se = &c->sents[s];
    size_t n = se->nword;
    r->forms = an_arena_array(a, n + 1, sizeof *r->forms);
    r->o.upos = an_arena_alloc(a, n + 1);
    r->o.xpos = an_arena_alloc(a, n + 1);
    r->o.lemma = an_arena_array(a, n + 1, sizeof *r->o.lemma);
    r->o.head = parse ? an_arena_array(a, n + 1, sizeof *r->o.head) : NULL;
    r->o.deprel = an_arena_alloc(a, n + 1);
    if (!r->forms || !r->o.upos || !r->o.xpos || !r->o.lemma ||
        !r->o.deprel || (parse && !r->o.head))
        return AN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        r->forms[i] = c->words[se->word + i].form;
        r->o.deprel[i] = 0;
        if (parse)
            r->o.head[i] = AN_TOK_NO_HEAD;
    }
    return an_nlp_words(m, a, a, r->forms, n, &r->o);
}

int an_nlp_parse_conllu(const an_engine *eng, const char *path, an_buf *out,
                        an_err *err)
{
    if (!eng->nlp || !eng->nlp->pos)
        return an_err_set(err, AN_EINVAL,
                          "the engine has no tagger (open it at level tag "
                          "or parse)");
    an_cu_corpus c;
    int rc = an_conllu_read(&c, path, err);
    if (rc != AN_OK)
        return rc;
    bool parse = eng->nlp->dep != NULL;
    an_arena a;
    an_arena_init(&a);
    for (size_t s = 0; s < c.nsent && rc == AN_OK; s++) {
        const an_cu_sent *se = &c.sents[s];
        sent_out r;
        rc = run_words(eng->nlp, &a, &c, s, parse, &r);
        if (rc != AN_OK)
            break;
        if (se->newdoc)
            an_buf_adds(out, "# newdoc\n");
        else if (se->newpar)
            an_buf_adds(out, "# newpar\n");
        if (se->id.n) {
            an_buf_adds(out, "# sent_id = ");
            field(out, se->id);
            an_buf_addc(out, '\n');
        }
        if (se->text.n) {
            an_buf_adds(out, "# text = ");
            field(out, se->text);
            an_buf_addc(out, '\n');
        }
        uint32_t next_tok = se->tok;
        for (uint32_t i = 0; i < se->nword; i++) {
            const an_cu_word *w = &c.words[se->word + i];
            const an_cu_tok *t = &c.toks[w->tok];
            if (w->tok >= next_tok && t->nword > 1) {
                an_buf_printf(out, "%u-%u\t", i + 1, i + t->nword);
                field(out, t->form);
                an_buf_printf(out, "\t_\t_\t_\t_\t_\t_\t_\t%s\n",
                              t->space_after ? "_" : "SpaceAfter=No");
            }
            next_tok = w->tok + 1;
            an_buf_printf(out, "%u\t", i + 1);
            field(out, w->form);
            an_buf_addc(out, '\t');
            field(out, r.o.lemma[i]);
            an_buf_printf(out, "\t%s\t%s\t_\t", an_upos_name(r.o.upos[i]),
                          an_xpos_name(r.o.xpos[i]));
            if (parse)
                an_buf_printf(out, "%d\t%s", r.o.head[i] + 1,
                              an_deprel_name(r.o.deprel[i]));
            else
                an_buf_adds(out, "_\t_");
            an_buf_printf(out, "\t_\t%s\n",
                          t->nword == 1 && !t->space_after ? "SpaceAfter=No"
                                                           : "_");
        }
        an_buf_addc(out, '\n');
        an_arena_reset(&a);
    }
    an_arena_fini(&a);
    an_conllu_fini(&c);
    if (rc == AN_OK && out->oom)
        rc = AN_ENOMEM;
    if (rc != AN_OK)
        an_err_set(err, rc, "%s: %s", path, an_strerror(rc));
    return rc;
}

/* Score one system word against one gold word. */
static void score_word(an_nlp_scores *sc, const an_cu_word *g, int upos,
                       int xpos, an_span lemma, bool head_ok, int rel)
{
    sc->words++;
    sc->upos += upos == g->upos;
    sc->xpos += xpos == g->xpos;
    bool lem = lemma.n == g->lemma.n && memcmp(lemma.p, g->lemma.p, lemma.n) == 0;
    sc->lemma += lem;
    if (g->upos == AN_UPOS_VERB || g->upos == AN_UPOS_AUX) {
        sc->lemma_verbs++;
        sc->lemma_verbs_ok += lem;
    }
    if (head_ok) {
        sc->uas++;
        sc->las += universal(rel) == universal(g->deprel);
        sc->las_full += rel == g->deprel;
    }
}

static int eval_gold(const an_engine *eng, const an_cu_corpus *c,
                     an_nlp_scores *sc)
{
    bool parse = eng->nlp->dep != NULL;
    an_arena a;
    an_arena_init(&a);
    int rc = AN_OK;
    for (size_t s = 0; s < c->nsent && rc == AN_OK; s++) {
        const an_cu_sent *se = &c->sents[s];
        sent_out r;
        double t0 = cpu_now();
        rc = run_words(eng->nlp, &a, c, s, parse, &r);
        sc->seconds += cpu_now() - t0;
        for (uint32_t i = 0; rc == AN_OK && i < se->nword; i++) {
            const an_cu_word *g = &c->words[se->word + i];
            bool hok = parse && r.o.head[i] == g->head;
            score_word(sc, g, r.o.upos[i], r.o.xpos[i], r.o.lemma[i], hok,
                       parse ? r.o.deprel[i] : 0);
        }
        an_arena_reset(&a);
    }
    an_arena_fini(&a);
    sc->gold_words = sc->sys_words = c->nword;
    sc->gold_toks = sc->sys_toks = sc->toks = c->ntok;
    sc->gold_sents = sc->sys_sents = sc->sents = c->nsent;
    return rc;
}

/* ---- raw text ---- */

/* A character range [a, b) in non-whitespace characters. */
typedef struct crange {
    uint32_t a, b;
} crange;

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Count non-whitespace bytes of p[0..n) that start a character. */
static uint32_t nws_chars(const char *p, size_t n)
{
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (!is_space(c) && (c & 0xc0) != 0x80)
            k++;
    }
    return k;
}

typedef struct raw_doc {
    size_t s0, s1;         /* gold sentences [s0, s1) */
    an_buf text;           /* the rebuilt text */
} raw_doc;

/* Gold character ranges of every word and sentence of c. */
static int gold_ranges(const an_cu_corpus *c, crange *wr, crange *sr)
{
    uint32_t pos = 0;
    for (size_t s = 0; s < c->nsent; s++) {
        const an_cu_sent *se = &c->sents[s];
        sr[s].a = pos;
        for (uint32_t k = 0; k < se->ntok; k++) {
            const an_cu_tok *t = &c->toks[se->tok + k];
            uint32_t len = nws_chars(t->form.p, t->form.n);
            /* Do the words spell the token? */
            size_t total = 0;
            bool spell = true;
            for (uint32_t j = 0; j < t->nword; j++) {
                const an_cu_word *w = &c->words[t->word + j];
                if (total + w->form.n > t->form.n ||
                    memcmp(t->form.p + total, w->form.p, w->form.n) != 0) {
                    spell = false;
                    break;
                }
                total += w->form.n;
            }
            spell = spell && total == t->form.n;
            uint32_t at = pos;
            for (uint32_t j = 0; j < t->nword; j++) {
                const an_cu_word *w = &c->words[t->word + j];
                if (spell) {
                    uint32_t wl = nws_chars(w->form.p, w->form.n);
                    wr[t->word + j] = (crange){at, at + wl};
                    at += wl;
                } else {
                    wr[t->word + j] = (crange){pos, pos + len};
                }
            }
            pos += len;
        }
        sr[s].b = pos;
    }
    return AN_OK;
}

typedef struct sys_word {
    crange r;
    uint32_t sent;         /* system sentence index (global) */
    int32_t head;          /* global system word index of the head, -1 root */
    uint8_t upos, xpos, rel;
    an_span lemma;         /* copied into `pool` below */
    int32_t gold;          /* aligned gold word, or -1 */
} sys_word;

static int eval_raw(const an_engine *eng, const an_cu_corpus *c,
                    an_nlp_scores *sc, an_err *err)
{
    crange *wr = malloc((c->nword + 1) * sizeof *wr);
    crange *sr = malloc((c->nsent + 1) * sizeof *sr);
    int32_t *g2s = malloc((c->nword + 1) * sizeof *g2s);
    sys_word *sw = NULL;
    crange *ssr = NULL;
    size_t nsw = 0, capsw = 0, nss = 0, capss = 0;
    an_arena pool;
    an_arena_init(&pool);
    an_worker *w = NULL;
    an_doc *d = NULL;
    int rc = AN_OK;
    if (!wr || !sr || !g2s)
        rc = AN_ENOMEM;
    if (rc == AN_OK)
        rc = gold_ranges(c, wr, sr);
    if (rc == AN_OK)
        rc = an_worker_new(eng, &w, err);
    if (rc == AN_OK)
        rc = an_doc_new(&d);
    /* Documents: from each "newdoc" to the next. */
    uint32_t base = 0; /* characters of the documents before */
    an_buf text;
    an_buf_init(&text);
    uint32_t *nws = NULL;
    size_t capnws = 0;
    for (size_t s0 = 0; s0 < c->nsent && rc == AN_OK;) {
        size_t s1 = s0 + 1;
        while (s1 < c->nsent && !c->sents[s1].newdoc)
            s1++;
        an_buf_clear(&text);
        for (size_t s = s0; s < s1; s++) {
            const an_cu_sent *se = &c->sents[s];
            if (s > s0)
                an_buf_adds(&text, se->newpar ? "\n\n" : " ");
            for (uint32_t k = 0; k < se->ntok; k++) {
                const an_cu_tok *t = &c->toks[se->tok + k];
                an_buf_add(&text, t->form.p, t->form.n);
                if (t->space_after && k + 1 < se->ntok)
                    an_buf_addc(&text, ' ');
            }
        }
        an_buf_addc(&text, '\n');
        if (text.oom) {
            rc = AN_ENOMEM;
            break;
        }
        /* nws[i]: non-whitespace characters before byte i of the text. */
        if (text.n + 1 > capnws) {
            capnws = text.n + 1;
            uint32_t *nn = realloc(nws, capnws * sizeof *nws);
            if (!nn) {
                rc = AN_ENOMEM;
                break;
            }
            nws = nn;
        }
        uint32_t k = 0;
        for (size_t i = 0; i < text.n; i++) {
            nws[i] = k;
            unsigned char ch = (unsigned char)text.p[i];
            if (!is_space(ch) && (ch & 0xc0) != 0x80)
                k++;
        }
        nws[text.n] = k;
        an_input *in;
        rc = an_input_new(&in, AN_FMT_TEXT, "eval", NULL, text.p, text.n);
        if (rc != AN_OK)
            break;
        double t0 = cpu_now();
        rc = an_worker_process(w, in, d);
        sc->seconds += cpu_now() - t0;
        if (rc != AN_OK) {
            const an_cu_sent *fs = &c->sents[s0];
            an_err_set(err, rc,
                       "processing the document of line %u (%.*s) failed: %s",
                       fs->line, (int)AN_MIN(fs->id.n, (size_t)80),
                       fs->id.n ? fs->id.p : "", an_strerror(rc));
            break;
        }
        size_t nsent, ntok;
        const an_sent *ss = an_doc_sentences(d, &nsent);
        const an_tok *tt = an_doc_tokens(d, &ntok);
        an_span dt = an_doc_text(d);
        for (size_t s = 0; s < nsent && rc == AN_OK; s++) {
            if (ss[s].ntok == 0)
                continue;
            size_t first = nsw;
            for (uint32_t j = 0; j < ss[s].ntok; j++) {
                const an_tok *t = &tt[ss[s].tok + j];
                if (t->end <= t->start || t->end > dt.n)
                    continue;
                uint32_t ra = an_doc_raw_offset(d, t->start);
                uint32_t rb = an_doc_raw_offset(d, t->end - 1);
                if (ra > text.n || rb >= text.n)
                    continue;
                if (nsw == capsw) {
                    capsw = capsw ? capsw * 2 : 65536;
                    sys_word *nv = realloc(sw, capsw * sizeof *sw);
                    if (!nv) {
                        rc = AN_ENOMEM;
                        break;
                    }
                    sw = nv;
                }
                sys_word *x = &sw[nsw++];
                x->r = (crange){base + nws[ra], base + nws[rb] + 1};
                x->sent = (uint32_t)nss;
                x->head = t->head < 0 || t->head >= (int32_t)ss[s].ntok
                              ? -1
                              : (int32_t)first + t->head;
                x->upos = t->upos;
                x->xpos = t->xpos;
                x->rel = t->deprel;
                char *lp = an_arena_dup(&pool, t->lemma.p, t->lemma.n);
                x->lemma = (an_span){lp, lp ? t->lemma.n : 0};
                x->gold = -1;
            }
            if (nsw > first) {
                if (nss == capss) {
                    capss = capss ? capss * 2 : 4096;
                    crange *nv = realloc(ssr, capss * sizeof *ssr);
                    if (!nv) {
                        rc = AN_ENOMEM;
                        break;
                    }
                    ssr = nv;
                }
                ssr[nss++] = (crange){sw[first].r.a, sw[nsw - 1].r.b};
            }
        }
        base += k;
        s0 = s1;
    }
    an_buf_fini(&text);
    free(nws);
    if (rc == AN_OK) {
        /* Align words: both lists are in character order. */
        for (size_t i = 0; i < c->nword; i++)
            g2s[i] = -1;
        size_t j = 0;
        for (size_t i = 0; i < c->nword;) {
            /* the gold group sharing range wr[i] */
            size_t i2 = i + 1;
            while (i2 < c->nword && wr[i2].a == wr[i].a && wr[i2].b == wr[i].b)
                i2++;
            while (j < nsw && (sw[j].r.a < wr[i].a ||
                               (sw[j].r.a == wr[i].a && sw[j].r.b < wr[i].b)))
                j++;
            size_t j2 = j;
            while (j2 < nsw && sw[j2].r.a == wr[i].a && sw[j2].r.b == wr[i].b)
                j2++;
            for (size_t k = 0; k < i2 - i && j + k < j2; k++) {
                g2s[i + k] = (int32_t)(j + k);
                sw[j + k].gold = (int32_t)(i + k);
            }
            i = i2;
            if (j2 > j)
                j = j2;
        }
        for (size_t i = 0; i < c->nsent; i++) {
            const an_cu_sent *se = &c->sents[i];
            for (uint32_t k = 0; k < se->nword; k++) {
                size_t gi = se->word + k;
                int32_t si = g2s[gi];
                if (si < 0)
                    continue;
                const an_cu_word *g = &c->words[gi];
                const sys_word *x = &sw[si];
                bool hok;
                if (g->head < 0)
                    hok = x->head < 0;
                else
                    hok = x->head >= 0 &&
                          g2s[se->word + (uint32_t)g->head] == x->head;
                score_word(sc, g, x->upos, x->xpos, x->lemma, hok, x->rel);
            }
        }
        /* Sentences: exact character ranges. */
        size_t a = 0;
        for (size_t i = 0; i < c->nsent; i++) {
            while (a < nss && ssr[a].a < sr[i].a)
                a++;
            if (a < nss && ssr[a].a == sr[i].a && ssr[a].b == sr[i].b)
                sc->sents++;
        }
        sc->gold_words = c->nword;
        sc->sys_words = nsw;
        sc->gold_sents = c->nsent;
        sc->sys_sents = nss;
        sc->gold_toks = c->nword;
        sc->sys_toks = nsw;
        sc->toks = sc->words;
    }
    an_doc_free(d);
    an_worker_free(w);
    an_arena_fini(&pool);
    free(wr);
    free(sr);
    free(g2s);
    free(sw);
    free(ssr);
    return rc;
}

int an_nlp_eval(const an_engine *eng, const char *gold_path, int mode,
                an_nlp_scores *out, an_err *err)
{
    memset(out, 0, sizeof *out);
    if (!eng->nlp || !eng->nlp->pos)
        return an_err_set(err, AN_EINVAL,
                          "the engine has no tagger (open it at level tag "
                          "or parse)");
    an_cu_corpus c;
    int rc = an_conllu_read(&c, gold_path, err);
    if (rc != AN_OK)
        return rc;
    if (mode == AN_NLP_EVAL_RAW_TEXT)
        rc = eval_raw(eng, &c, out, err);
    else
        rc = eval_gold(eng, &c, out);
    an_conllu_fini(&c);
    if (rc != AN_OK && err && !err->msg[0])
        an_err_set(err, rc, "%s: %s", gold_path, an_strerror(rc));
    return rc;
}
