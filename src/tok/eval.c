/*
** eval.c - the text layer measured against UD English EWT.
**
** EWT is distributed as sentences (CoNLL-U), each with its raw text in a
** `# text` line.  To measure a sentence splitter on it, the documents
** have to be put back together as raw text would present them; how that
** is done decides what the figure means, so it is fixed here and named:
**
**   AN_TOK_JOIN_PARA   sentences of a paragraph (# newpar) joined by one
**                      space, or none after SpaceAfter=No; paragraphs
**                      separated by a blank line;
**   AN_TOK_JOIN_SPACE  every sentence of a document joined by one space.
**
** The scores are boundary F1 (a found sentence end is right when a gold
** sentence ends at the same byte) over all ends and over the internal
** ones (without each document's final end, which is given), and token F1
** over exact byte spans of the gold syntactic words, as the CoNLL 2018
** shared task counts words.
*/
#include <stdlib.h>

#include "tok_int.h"

/* A growable array of uint32_t on the heap. */
typedef struct u32v {
    uint32_t *v;
    size_t n, cap;
} u32v;

static int u32_push(u32v *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 256;
        uint32_t *nv = realloc(a->v, nc * sizeof *nv);
        if (!nv)
            return AN_ENOMEM;
        a->v = nv;
        a->cap = nc;
    }
    a->v[a->n++] = x;
    return AN_OK;
}

/* One token line of the current sentence. */
typedef struct crow {
    const char *form;
    size_t nform;
    int range;     /* 1 for a multiword token line "a-b" */
    uint32_t a, b; /* its word ids (a == b for a word) */
    int space_no;  /* MISC has SpaceAfter=No */
} crow;

/* Reader state. */
typedef struct rd {
    an_arena *a;
    int join;
    an_buf text;            /* joined text of the current document */
    u32v ends, words;       /* of the current document */
    crow *rows;             /* current sentence */
    size_t nrow, rowcap;
    an_span stext;          /* its # text */
    int has_text;
    int newpar;             /* a # newpar came before it */
    int prev_space_no;      /* the previous sentence ended SpaceAfter=No */
    size_t unaligned;
    an_tok_gold *docs;
    size_t ndocs, doccap;
} rd;

/* Field k (0-based) of a tab-separated line; false when missing. */
static bool field(const char *p, size_t n, int k, an_span *out)
{
    size_t s = 0;
    for (int f = 0; f < k; f++) {
        const char *t = memchr(p + s, '\t', n - s);
        if (!t)
            return false;
        s = (size_t)(t - p) + 1;
    }
    const char *t = memchr(p + s, '\t', n - s);
    size_t e = t ? (size_t)(t - p) : n;
    *out = (an_span){p + s, e - s};
    return true;
}

/* Parse a decimal number from p[0..n); false if not all digits. */
static bool num(const char *p, size_t n, uint32_t *out)
{
    uint64_t v = 0;
    if (!n || n > 9)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(p[i] - '0');
    }
    *out = (uint32_t)v;
    return true;
}

/* Close the current document: copy it into the arena. */
static int end_doc(rd *r)
{
    if (!r->ends.n) {
        an_buf_clear(&r->text);
        r->words.n = 0;
        return AN_OK;
    }
    an_tok_gold *v = an_arena_vec(r->a, r->docs, &r->doccap, r->ndocs + 1,
                                  sizeof *v);
    if (!v)
        return AN_ENOMEM;
    r->docs = v;
    an_tok_gold *g = &v[r->ndocs++];
    memset(g, 0, sizeof *g);
    g->text = an_arena_dup(r->a, r->text.p ? r->text.p : "", r->text.n);
    g->n = (uint32_t)r->text.n;
    g->sent_end = an_arena_array(r->a, r->ends.n, sizeof(uint32_t));
    g->words = an_arena_array(r->a, r->words.n + 1, sizeof(uint32_t));
    if (!g->text || !g->sent_end || !g->words)
        return AN_ENOMEM;
    memcpy(g->sent_end, r->ends.v, r->ends.n * sizeof(uint32_t));
    if (r->words.n)
        memcpy(g->words, r->words.v, r->words.n * sizeof(uint32_t));
    g->nsent = (uint32_t)r->ends.n;
    g->nword = (uint32_t)(r->words.n / 2);
    an_buf_clear(&r->text);
    r->ends.n = r->words.n = 0;
    r->prev_space_no = 0;
    return AN_OK;
}

/*
** Find the words of the sentence in its text (which starts at `base` in
** the document) and add their spans; false when a token is not where the
** text says.
*/
static bool align(rd *r, uint32_t base, u32v *tmp)
{
    const char *t = r->stext.p;
    size_t n = r->stext.n, pos = 0;
    tmp->n = 0;
    for (size_t k = 0; k < r->nrow; k++) {
        crow *w = &r->rows[k];
        while (pos < n && (t[pos] == ' ' || t[pos] == '\t'))
            pos++;
        if (w->nform > n - pos || memcmp(t + pos, w->form, w->nform) != 0)
            return false;
        if (w->range) {
            /* The words of a multiword token: do their forms spell it? */
            size_t q = k + 1, off = 0;
            bool spell = true;
            while (q < r->nrow && !r->rows[q].range && r->rows[q].a <= w->b) {
                const crow *x = &r->rows[q];
                if (off + x->nform > w->nform ||
                    memcmp(w->form + off, x->form, x->nform) != 0)
                    spell = false;
                off += x->nform;
                q++;
            }
            if (off != w->nform)
                spell = false;
            if (spell) {
                size_t o = pos;
                for (size_t z = k + 1; z < q; z++) {
                    if (u32_push(tmp, (uint32_t)(base + o)) ||
                        u32_push(tmp, (uint32_t)(base + o + r->rows[z].nform)))
                        return false;
                    o += r->rows[z].nform;
                }
            } else if (u32_push(tmp, (uint32_t)(base + pos)) ||
                       u32_push(tmp, (uint32_t)(base + pos + w->nform))) {
                return false;
            }
            pos += w->nform;
            k = q - 1;
            continue;
        }
        if (u32_push(tmp, (uint32_t)(base + pos)) ||
            u32_push(tmp, (uint32_t)(base + pos + w->nform)))
            return false;
        pos += w->nform;
    }
    return true;
}

/* Close the current sentence: join its text and record its gold data. */
static int end_sent(rd *r, size_t line, an_err *err)
{
    if (!r->nrow && !r->has_text)
        return AN_OK;
    if (!r->has_text)
        return an_err_set(err, AN_EFORMAT,
                          "line %zu: sentence without a # text line", line);
    if (r->text.n) {
        if (r->join == AN_TOK_JOIN_SPACE)
            an_buf_addc(&r->text, ' ');
        else if (r->newpar)
            an_buf_adds(&r->text, "\n\n");
        else if (!r->prev_space_no)
            an_buf_addc(&r->text, ' ');
    }
    size_t tn = r->stext.n;
    while (tn && (r->stext.p[tn - 1] == ' ' || r->stext.p[tn - 1] == '\t'))
        tn--;
    r->stext.n = tn;
    uint32_t base = (uint32_t)r->text.n;
    an_buf_add(&r->text, r->stext.p, tn);
    if (r->text.oom || r->text.n >= UINT32_MAX / 2)
        return AN_ENOMEM;
    if (u32_push(&r->ends, (uint32_t)r->text.n))
        return AN_ENOMEM;
    u32v tmp = {0};
    if (align(r, base, &tmp)) {
        for (size_t k = 0; k < tmp.n; k++)
            if (u32_push(&r->words, tmp.v[k])) {
                free(tmp.v);
                return AN_ENOMEM;
            }
    } else {
        r->unaligned++;
    }
    free(tmp.v);
    /* SpaceAfter=No of the last surface token. */
    int sno = 0;
    for (size_t k = 0; k < r->nrow; k++) {
        const crow *w = &r->rows[k];
        if (w->range) {
            sno = w->space_no;
            size_t q = k + 1;
            while (q < r->nrow && !r->rows[q].range && r->rows[q].a <= w->b)
                q++;
            k = q - 1;
        } else {
            sno = w->space_no;
        }
    }
    r->prev_space_no = sno;
    r->nrow = 0;
    r->has_text = 0;
    r->newpar = 0;
    return AN_OK;
}

int an_tok_gold_read(an_arena *a, const char *p, size_t n, int join,
                     an_tok_gold **docs, size_t *ndocs, size_t *unaligned,
                     an_err *err)
{
    rd r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.join = join;
    an_buf_init(&r.text);
    int rc = AN_OK;
    size_t line = 0, i = 0;
    *docs = NULL;
    *ndocs = 0;
    while (i < n && rc == AN_OK) {
        const char *e = memchr(p + i, '\n', n - i);
        size_t le = e ? (size_t)(e - p) : n;
        const char *s = p + i;
        size_t ln = le - i;
        i = le + 1;
        line++;
        if (ln && s[ln - 1] == '\r')
            ln--;
        if (ln == 0) {
            rc = end_sent(&r, line, err);
            continue;
        }
        if (s[0] == '#') {
            if (ln >= 8 && memcmp(s, "# newdoc", 8) == 0) {
                if ((rc = end_sent(&r, line, err)) == AN_OK)
                    rc = end_doc(&r);
            } else if (ln >= 8 && memcmp(s, "# newpar", 8) == 0) {
                r.newpar = 1;
            } else if (ln >= 9 && memcmp(s, "# text = ", 9) == 0) {
                r.stext = (an_span){s + 9, ln - 9};
                r.has_text = 1;
            }
            continue;
        }
        an_span id, form, misc;
        if (!field(s, ln, 0, &id) || !field(s, ln, 1, &form) ||
            !field(s, ln, 9, &misc)) {
            rc = an_err_set(err, AN_EFORMAT,
                            "line %zu: a token line needs 10 fields", line);
            break;
        }
        crow w = {form.p, form.n, 0, 0, 0, 0};
        const char *dash = memchr(id.p, '-', id.n);
        if (memchr(id.p, '.', id.n))
            continue; /* an empty node: no surface */
        if (dash) {
            size_t k = (size_t)(dash - id.p);
            if (!num(id.p, k, &w.a) || !num(dash + 1, id.n - k - 1, &w.b) ||
                w.b < w.a) {
                rc = an_err_set(err, AN_EFORMAT, "line %zu: bad token id", line);
                break;
            }
            w.range = 1;
        } else if (!num(id.p, id.n, &w.a)) {
            rc = an_err_set(err, AN_EFORMAT, "line %zu: bad token id", line);
            break;
        } else {
            w.b = w.a;
        }
        for (size_t k = 0; k + 13 <= misc.n; k++)
            if (memcmp(misc.p + k, "SpaceAfter=No", 13) == 0)
                w.space_no = 1;
        if (r.nrow == r.rowcap) {
            size_t nc = r.rowcap ? r.rowcap * 2 : 64;
            crow *nv = realloc(r.rows, nc * sizeof *nv);
            if (!nv) {
                rc = AN_ENOMEM;
                break;
            }
            r.rows = nv;
            r.rowcap = nc;
        }
        r.rows[r.nrow++] = w;
    }
    if (rc == AN_OK && (rc = end_sent(&r, line, err)) == AN_OK)
        rc = end_doc(&r);
    an_buf_fini(&r.text);
    free(r.ends.v);
    free(r.words.v);
    free(r.rows);
    if (rc == AN_ENOMEM)
        an_err_set(err, AN_ENOMEM, "out of memory reading CoNLL-U");
    if (rc != AN_OK)
        return rc;
    *docs = r.docs;
    *ndocs = r.ndocs;
    if (unaligned)
        *unaligned = r.unaligned;
    return AN_OK;
}

/* Precision, recall and F1 from counts. */
static void prf(uint64_t match, uint64_t sys, uint64_t gold, double *p,
                double *r, double *f)
{
    *p = sys ? (double)match / (double)sys : 0;
    *r = gold ? (double)match / (double)gold : 0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}

/* Append a line of context around byte `at` of a document. */
static void report(an_buf *b, const char *tag, const an_tok_gold *g,
                   uint32_t at)
{
    uint32_t s = at > 50 ? at - 50 : 0, e = at + 50 < g->n ? at + 50 : g->n;
    while (s > 0 && s < g->n && ((uint8_t)g->text[s] & 0xC0) == 0x80)
        s--;
    while (e < g->n && ((uint8_t)g->text[e] & 0xC0) == 0x80)
        e++;
    an_buf_adds(b, tag);
    for (uint32_t k = s; k < e; k++) {
        if (k == at)
            an_buf_adds(b, " || ");
        char c = g->text[k];
        an_buf_addc(b, c == '\n' ? '/' : c);
    }
    an_buf_addc(b, '\n');
}

int an__tok_eval(const an__sent_model *m, const an_tok_gold *docs,
                 size_t ndocs, unsigned opts, an_tok_score *out, an_buf *errs,
                 size_t max_errs)
{
    memset(out, 0, sizeof *out);
    an_arena a;
    an_arena_init(&a);
    size_t nerr = 0;
    int rc = AN_OK;
    for (size_t d = 0; d < ndocs; d++) {
        const an_tok_gold *g = &docs[d];
        an_arena_reset(&a);
        an_tok *t;
        size_t nt;
        an_sent *s;
        size_t ns;
        rc = an_tok_text(&a, g->text, g->n, opts, &t, &nt);
        if (rc == AN_OK)
            rc = an__sent_split(m, &a, g->text, g->n, t, nt, &s, &ns);
        if (rc != AN_OK)
            break;
        uint32_t *ends = an_arena_array(&a, ns + 1, sizeof *ends);
        uint32_t *spans = an_arena_array(&a, 2 * nt + 1, sizeof *spans);
        if (!ends || !spans) {
            rc = AN_ENOMEM;
            break;
        }
        for (size_t k = 0; k < ns; k++)
            ends[k] = s[k].end;
        out->docs++;
        out->gold_sents += g->nsent;
        out->sys_sents += ns;
        uint64_t mt = an_u32_common(ends, ns, g->sent_end, g->nsent);
        out->sent_match += mt;
        /* internal boundaries: leave out the last end of each side */
        size_t gi = g->nsent ? g->nsent - 1 : 0, si = ns ? ns - 1 : 0;
        out->gold_bounds += gi;
        out->sys_bounds += si;
        out->bound_match += an_u32_common(ends, si, g->sent_end, gi);
        /* tokens: spans equal to gold word spans */
        out->gold_words += g->nword;
        out->sys_toks += nt;
        size_t i = 0, j = 0;
        while (i < nt && j < g->nword) {
            uint32_t ts = t[i].start, te = t[i].end;
            uint32_t gs = g->words[2 * j], ge = g->words[2 * j + 1];
            if (ts == gs && te == ge) {
                out->tok_match++;
                i++;
                j++;
            } else if (te <= ge) {
                i++;
            } else {
                j++;
            }
        }
        if (errs && nerr < max_errs) {
            size_t x = 0, y = 0;
            while ((x < si || y < gi) && nerr < max_errs) {
                if (x < si && y < gi && ends[x] == g->sent_end[y]) {
                    x++;
                    y++;
                } else if (y >= gi || (x < si && ends[x] < g->sent_end[y])) {
                    report(errs, "extra: ", g, ends[x++]);
                    nerr++;
                } else {
                    report(errs, "missed: ", g, g->sent_end[y++]);
                    nerr++;
                }
            }
        }
    }
    an_arena_fini(&a);
    if (rc != AN_OK)
        return rc;
    prf(out->sent_match, out->sys_sents, out->gold_sents, &out->sent_p,
        &out->sent_r, &out->sent_f1);
    prf(out->bound_match, out->sys_bounds, out->gold_bounds, &out->bound_p,
        &out->bound_r, &out->bound_f1);
    prf(out->tok_match, out->sys_toks, out->gold_words, &out->tok_p,
        &out->tok_r, &out->tok_f1);
    return AN_OK;
}

int an_tok_eval(const an_tok_gold *docs, size_t ndocs, unsigned opts,
                an_tok_score *out, an_buf *errs, size_t max_errs)
{
    return an__tok_eval(&an__sent_model_ewt, docs, ndocs, opts, out, errs,
                        max_errs);
}
