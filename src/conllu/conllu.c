/*
** conllu.c - the CoNLL-U reader.
**
** The file is read whole and split in place into lines and fields; words,
** surface tokens and sentences are appended to growable heap arrays.  A
** sentence is checked when its blank line (or the end of the file) is
** reached: word ids must run 1..n, every head must name a word of the
** sentence or 0, and a multi-word range must cover the words that follow
** it.  Unknown tags read as 0; an unknown relation subtype falls back to
** its universal relation.
*/
#include <stdio.h>
#include <stdlib.h>

#include "conllu.h"

/* Grow a heap array to hold `need` elements. */
static int reserve(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return AN_OK;
    size_t nc = *cap ? *cap * 2 : 1024;
    while (nc < need)
        nc *= 2;
    if (nc > SIZE_MAX / size)
        return AN_ENOMEM;
    void *p = realloc(*v, nc * size);
    if (!p)
        return AN_ENOMEM;
    *v = p;
    *cap = nc;
    return AN_OK;
}

/* Parse a decimal number of at most 9 digits; -1 when not one. */
static long parse_num(const char *p, size_t n)
{
    if (n == 0 || n > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* The relation of a DEPREL field: exact, else its universal part. */
static int parse_deprel(const char *p, size_t n)
{
    int d = an_deprel_from_name(p, n);
    if (d)
        return d;
    const char *colon = memchr(p, ':', n);
    if (colon)
        d = an_deprel_from_name(p, (size_t)(colon - p));
    return d ? d : AN_DEP_DEP;
}

/* True when a MISC field holds SpaceAfter=No. */
static bool no_space_after(an_span misc)
{
    static const char key[] = "SpaceAfter=No";
    const size_t kn = sizeof key - 1;
    size_t i = 0;
    while (i < misc.n) {
        size_t j = i;
        while (j < misc.n && misc.p[j] != '|')
            j++;
        if (j - i == kn && memcmp(misc.p + i, key, kn) == 0)
            return true;
        i = j + 1;
    }
    return false;
}

typedef struct reader {
    an_cu_corpus *c;
    const char *name;
    an_err *err;
    /* the sentence being read */
    size_t s_word, s_tok;    /* first word / token of the sentence */
    uint32_t s_line;         /* line of its first word */
    an_span id, text;
    int newdoc, newpar;
    long mwt_end;            /* last word id of the open multi-word token */
    size_t mwt_tok;          /* its token index */
} reader;

static int fail(reader *r, uint64_t line, const char *what)
{
    return an_err_set(r->err, AN_EFORMAT, "%s:%llu: %s", r->name,
                      (unsigned long long)line, what);
}

/* Close the open sentence (if any words were read): check and record it. */
static int end_sentence(reader *r, uint64_t line)
{
    an_cu_corpus *c = r->c;
    size_t nw = c->nword - r->s_word;
    if (nw == 0) {
        if (c->ntok != r->s_tok)
            return fail(r, line, "multi-word token without words");
        r->id = r->text = (an_span){NULL, 0};
        r->newdoc = r->newpar = 0;
        return AN_OK;
    }
    if (r->mwt_end > 0)
        return fail(r, line, "multi-word token range runs past the sentence");
    if (nw > UINT32_MAX / 2)
        return fail(r, line, "sentence too long");
    for (size_t i = r->s_word; i < c->nword; i++) {
        int32_t h = c->words[i].head;
        if (h >= (int32_t)nw)
            return fail(r, r->s_line, "head out of range in the sentence");
    }
    if (reserve((void **)&c->sents, &c->cap_sent, c->nsent + 1,
                sizeof *c->sents) != AN_OK)
        return an_err_set(r->err, AN_ENOMEM, "out of memory");
    an_cu_sent *s = &c->sents[c->nsent++];
    memset(s, 0, sizeof *s);
    s->word = (uint32_t)r->s_word;
    s->nword = (uint32_t)nw;
    s->tok = (uint32_t)r->s_tok;
    s->ntok = (uint32_t)(c->ntok - r->s_tok);
    s->id = r->id;
    s->text = r->text;
    s->line = r->s_line;
    s->newdoc = (uint8_t)r->newdoc;
    s->newpar = (uint8_t)r->newpar;
    r->id = r->text = (an_span){NULL, 0};
    r->newdoc = r->newpar = 0;
    r->s_word = c->nword;
    r->s_tok = c->ntok;
    return AN_OK;
}

/* A comment line: remember sent_id, text, newdoc and newpar. */
static void comment(reader *r, const char *p, size_t n)
{
    size_t i = 1;
    while (i < n && p[i] == ' ')
        i++;
    p += i;
    n -= i;
    static const char sid[] = "sent_id =", txt[] = "text =";
    if (n >= sizeof sid - 1 && memcmp(p, sid, sizeof sid - 1) == 0) {
        size_t k = sizeof sid - 1;
        while (k < n && p[k] == ' ')
            k++;
        r->id = (an_span){p + k, n - k};
    } else if (n >= sizeof txt - 1 && memcmp(p, txt, sizeof txt - 1) == 0) {
        size_t k = sizeof txt - 1;
        while (k < n && p[k] == ' ')
            k++;
        r->text = (an_span){p + k, n - k};
    } else if (n >= 6 && memcmp(p, "newdoc", 6) == 0) {
        r->newdoc = 1;
        r->newpar = 1;
    } else if (n >= 6 && memcmp(p, "newpar", 6) == 0) {
        r->newpar = 1;
    }
}

/* One word or token line, split into its ten fields. */
static int word_line(reader *r, uint64_t line, const char *p, size_t n)
{
    an_span f[10];
    size_t k = 0, i = 0;
    bool more = false;
    while (k < 10) {
        size_t j = i;
        while (j < n && p[j] != '\t')
            j++;
        f[k++] = (an_span){p + i, j - i};
        more = j < n;
        if (!more)
            break;
        i = j + 1;
    }
    if (k != 10 || more)
        return fail(r, line, "expected 10 tab-separated fields");
    an_cu_corpus *c = r->c;
    size_t sw = c->nword - r->s_word; /* words so far in the sentence */
    const char *dash = memchr(f[0].p, '-', f[0].n);
    const char *dot = memchr(f[0].p, '.', f[0].n);
    if (dot)
        return AN_OK; /* an empty node of the enhanced graph */
    if (sw == 0 && c->ntok == r->s_tok)
        r->s_line = (uint32_t)AN_MIN(line, (uint64_t)UINT32_MAX);
    if (dash) {
        long a = parse_num(f[0].p, (size_t)(dash - f[0].p));
        long b = parse_num(dash + 1, f[0].n - (size_t)(dash - f[0].p) - 1);
        if (a < 0 || b < a || a != (long)sw + 1 || r->mwt_end > 0)
            return fail(r, line, "bad multi-word token range");
        if (reserve((void **)&c->toks, &c->cap_tok, c->ntok + 1,
                    sizeof *c->toks) != AN_OK)
            return an_err_set(r->err, AN_ENOMEM, "out of memory");
        an_cu_tok *t = &c->toks[c->ntok];
        memset(t, 0, sizeof *t);
        t->form = f[1];
        t->word = (uint32_t)c->nword;
        t->space_after = !no_space_after(f[9]);
        r->mwt_end = b;
        r->mwt_tok = c->ntok++;
        return AN_OK;
    }
    long id = parse_num(f[0].p, f[0].n);
    if (id != (long)sw + 1)
        return fail(r, line, "word ids must run 1, 2, 3, ... in a sentence");
    long head = -2;
    if (!(f[6].n == 1 && f[6].p[0] == '_')) {
        head = parse_num(f[6].p, f[6].n);
        if (head < 0)
            return fail(r, line, "bad HEAD field");
        head -= 1;
        if (head == id - 1)
            return fail(r, line, "a word cannot be its own head");
    }
    if (reserve((void **)&c->words, &c->cap_word, c->nword + 1,
                sizeof *c->words) != AN_OK)
        return an_err_set(r->err, AN_ENOMEM, "out of memory");
    an_cu_word *w = &c->words[c->nword];
    memset(w, 0, sizeof *w);
    w->form = f[1];
    w->lemma = f[2];
    w->upos = (uint8_t)an_upos_from_name(f[3].p, f[3].n);
    w->xpos = (uint8_t)an_xpos_from_name(f[4].p, f[4].n);
    w->head = (int32_t)head;
    if (!(f[7].n == 1 && f[7].p[0] == '_'))
        w->deprel = (uint8_t)parse_deprel(f[7].p, f[7].n);
    if (r->mwt_end > 0) {
        w->tok = (uint32_t)r->mwt_tok;
        c->toks[r->mwt_tok].nword++;
        if (id == r->mwt_end)
            r->mwt_end = 0;
    } else {
        if (reserve((void **)&c->toks, &c->cap_tok, c->ntok + 1,
                    sizeof *c->toks) != AN_OK)
            return an_err_set(r->err, AN_ENOMEM, "out of memory");
        an_cu_tok *t = &c->toks[c->ntok];
        memset(t, 0, sizeof *t);
        t->form = f[1];
        t->word = (uint32_t)c->nword;
        t->nword = 1;
        t->space_after = !no_space_after(f[9]);
        w->tok = (uint32_t)c->ntok++;
    }
    c->nword++;
    return AN_OK;
}

int an_conllu_parse(an_cu_corpus *c, const char *name, const char *p,
                    size_t n, an_err *err)
{
    memset(c, 0, sizeof *c);
    c->buf = malloc(n + 1);
    if (!c->buf)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    if (n)
        memcpy(c->buf, p, n);
    c->buf[n] = 0;
    c->nbuf = n;
    reader r = {.c = c, .name = name ? name : "(memory)", .err = err};
    const char *s = c->buf, *end = c->buf + n;
    uint64_t line = 0;
    int rc = AN_OK;
    while (s < end && rc == AN_OK) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e)
            e = end;
        size_t len = (size_t)(e - s);
        if (len && s[len - 1] == '\r')
            len--;
        line++;
        if (len == 0)
            rc = end_sentence(&r, line);
        else if (s[0] == '#')
            comment(&r, s, len);
        else
            rc = word_line(&r, line, s, len);
        s = e + 1;
    }
    if (rc == AN_OK)
        rc = end_sentence(&r, line + 1);
    if (rc != AN_OK)
        an_conllu_fini(c);
    return rc;
}

int an_conllu_read(an_cu_corpus *c, const char *path, an_err *err)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "rb");
    if (!f)
        return an_err_set(err, AN_ENOENT, "%s: cannot open", path);
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 65536 > cap) {
            size_t nc = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                fclose(f);
                return an_err_set(err, AN_ENOMEM, "%s: out of memory", path);
            }
            buf = nb;
            cap = nc;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return an_err_set(err, AN_EIO, "%s: read error", path);
    }
    int rc = an_conllu_parse(c, path, buf, n, err);
    free(buf);
    return rc;
}

void an_conllu_fini(an_cu_corpus *c)
{
    free(c->buf);
    free(c->words);
    free(c->toks);
    free(c->sents);
    memset(c, 0, sizeof *c);
}
