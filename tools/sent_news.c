/*
** sent_news.c - counts the sentence splits on news that are most likely
** wrong, so that changes to the splitter can be checked on text unlike
** its training data (EWT has no news wire).
**
**     build/tools/sent_news [-v N] FILE...
**
** Each file (JSONL, text, HTML, WARC, as the annals program reads them)
** goes through the public pipeline at the text level.  Two kinds of
** boundary are counted, with N samples of each printed (-v; picked
** evenly with a fixed stride, so that runs can be compared by hand):
**
**   within-line  a sentence ends after a word (a token that is neither
**                punctuation nor an abbreviation) and the next one starts
**                on the same line: in edited prose nearly always wrong
**                ("Prime Minister || Boris Johnson");
**   lone quote   a sentence made only of punctuation that holds a
**                quotation mark (a quote split from its quotation);
**
** and, as a third count, sentences that end within a line after
** punctuation that does not end sentences (a comma, a colon, a dash),
** and after an abbreviation.
**
** It also prints the number of sentences and the mean sentence length.
*/
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annals/annals.h"

typedef struct sample {
    char *line;
} sample;

typedef struct counts {
    size_t docs, sents, toks, inline_, lone;
    size_t comma, colon, dash, other, abbrev; /* within-line, after these */
    sample *in_s, *lone_s, *p_s, *a_s;
    size_t nin_s, nlone_s, cap_in, cap_lone, np_s, cap_p, na_s, cap_a;
} counts;

/* True when the token is a quotation mark (straight, curly, guillemet). */
static bool quote_tok(const char *p, const an_tok *t)
{
    size_t n = t->end - t->start;
    const char *s = p + t->start;
    if (n == 1)
        return *s == '"' || *s == '\'' || *s == '`';
    if (n == 2)
        return !memcmp(s, "``", 2) || !memcmp(s, "''", 2) ||
               !memcmp(s, "\xC2\xAB", 2) || !memcmp(s, "\xC2\xBB", 2);
    if (n == 3)
        return !memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x9D", 3) ||
               !memcmp(s, "\xE2\x80\x98", 3) || !memcmp(s, "\xE2\x80\x99", 3) ||
               !memcmp(s, "\xE2\x80\x9E", 3);
    return false;
}

/* Keep a line of context around byte `at` of the text. */
static void keep(sample **v, size_t *n, size_t *cap, an_span id,
                 const char *p, size_t len, size_t at)
{
    size_t s = at > 60 ? at - 60 : 0, e = at + 60 < len ? at + 60 : len;
    while (s > 0 && ((unsigned char)p[s] & 0xC0) == 0x80)
        s--;
    while (e < len && ((unsigned char)p[e] & 0xC0) == 0x80)
        e++;
    char *line = malloc(id.n + (e - s) + 16);
    if (!line)
        return;
    size_t k = (size_t)sprintf(line, "%.*s: ", (int)id.n, id.p);
    for (size_t q = s; q < e; q++) {
        if (q == at) {
            memcpy(line + k, " || ", 4);
            k += 4;
        }
        line[k++] = p[q] == '\n' ? '/' : p[q];
    }
    line[k] = 0;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        sample *nv = realloc(*v, nc * sizeof *nv);
        if (!nv) {
            free(line);
            return;
        }
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++].line = line;
}

static int on_doc(void *ctx, const an_doc *d)
{
    counts *c = ctx;
    size_t ns, nt;
    const an_sent *s = an_doc_sentences(d, &ns);
    const an_tok *t = an_doc_tokens(d, &nt);
    an_span text = an_doc_text(d);
    an_span id = an_doc_id(d);
    c->docs++;
    c->sents += ns;
    c->toks += nt;
    for (size_t k = 0; k < ns; k++) {
        const an_tok *first = &t[s[k].tok];
        const an_tok *last = &t[s[k].tok + s[k].ntok - 1];
        if (k > 0 && !(first->flags & AN_TOK_NEWLINE_BEFORE)) {
            const an_tok *prev = &t[s[k].tok - 1];
            if (!(prev->flags & (AN_TOK_PUNCT | AN_TOK_ABBREV))) {
                c->inline_++;
                keep(&c->in_s, &c->nin_s, &c->cap_in, id, text.p, text.n,
                     prev->end);
            } else if (prev->flags & AN_TOK_ABBREV) {
                c->abbrev++;
                keep(&c->a_s, &c->na_s, &c->cap_a, id, text.p, text.n,
                     prev->end);
            } else {
                /* punctuation: skip closing quotes and brackets */
                const an_tok *q = prev;
                while (q > t && (quote_tok(text.p, q) ||
                                 text.p[q->start] == ')' ||
                                 text.p[q->start] == ']'))
                    q--;
                char ch = text.p[q->start];
                bool term = ch == '.' || ch == '!' || ch == '?' ||
                            (q->end - q->start == 3 &&
                             !memcmp(text.p + q->start, "\xE2\x80\xA6", 3));
                if (!term && !(q->flags & AN_TOK_ABBREV)) {
                    bool p = q->flags & AN_TOK_PUNCT;
                    if (p && (ch == ',' || ch == ';'))
                        c->comma++;
                    else if (p && ch == ':')
                        c->colon++;
                    else if (p && (ch == '-' || !memcmp(text.p + q->start,
                                                        "\xE2\x80", 2)))
                        c->dash++; /* - and U+2010..U+2015 */
                    else
                        c->other++;
                    keep(&c->p_s, &c->np_s, &c->cap_p, id, text.p, text.n,
                         prev->end);
                }
            }
        }
        bool allp = true, q = false;
        for (const an_tok *x = first; x <= last; x++) {
            allp = allp && (x->flags & AN_TOK_PUNCT);
            q = q || quote_tok(text.p, x);
        }
        if (allp && q) {
            c->lone++;
            keep(&c->lone_s, &c->nlone_s, &c->cap_lone, id, text.p, text.n,
                 first->start);
        }
    }
    return AN_OK;
}

/* Print up to `max` samples, evenly spread over the list. */
static void show(const char *what, sample *v, size_t n, size_t max)
{
    if (!max || !n)
        return;
    printf("%s:\n", what);
    size_t step = n > max ? n / max : 1;
    for (size_t k = 0, shown = 0; k < n && shown < max; k += step, shown++)
        printf("  %s\n", v[k].line);
}

int main(int argc, char **argv)
{
    size_t max = 0;
    const char *paths[64];
    size_t np = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v") && i + 1 < argc)
            max = (size_t)atoi(argv[++i]);
        else if (argv[i][0] != '-' && np < 64)
            paths[np++] = argv[i];
        else {
            fprintf(stderr, "usage: sent_news [-v N] FILE...\n");
            return 2;
        }
    }
    if (!np) {
        fprintf(stderr, "usage: sent_news [-v N] FILE...\n");
        return 2;
    }
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_TEXT;
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "sent_news: %s\n", err.msg);
        return 1;
    }
    int rc = 0;
    for (size_t f = 0; f < np; f++) {
        an_reader_opts ro = {0};
        an_reader *r;
        if (an_reader_new(&ro, &paths[f], 1, &r, &err) != AN_OK) {
            fprintf(stderr, "sent_news: %s\n", err.msg);
            rc = 1;
            continue;
        }
        counts c;
        memset(&c, 0, sizeof c);
        an_run_opts opts = {0};
        opts.threads = 1;
        opts.fn = on_doc;
        opts.ctx = &c;
        an_run_stats st;
        if (an_run(eng, r, &opts, &st, &err) != AN_OK) {
            fprintf(stderr, "sent_news: %s\n", err.msg);
            rc = 1;
        }
        printf("%s: %zu documents, %zu sentences (%.1f tokens each); "
               "within-line splits after a word: %zu; lone-quote "
               "sentences: %zu\n",
               paths[f], c.docs, c.sents,
               c.sents ? (double)c.toks / (double)c.sents : 0.0, c.inline_,
               c.lone);
        printf("  within-line splits after other punctuation: %zu after , "
               "or ;  %zu after :  %zu after a dash  %zu after others; %zu "
               "after an abbreviation\n",
               c.comma, c.colon, c.dash, c.other, c.abbrev);
        show("within-line splits after a word", c.in_s, c.nin_s, max);
        show("within-line splits after non-final punctuation", c.p_s, c.np_s,
             max);
        show("lone-quote sentences", c.lone_s, c.nlone_s, max);
        show("within-line splits after an abbreviation", c.a_s, c.na_s, max);
        for (size_t k = 0; k < c.nin_s; k++)
            free(c.in_s[k].line);
        for (size_t k = 0; k < c.nlone_s; k++)
            free(c.lone_s[k].line);
        for (size_t k = 0; k < c.np_s; k++)
            free(c.p_s[k].line);
        free(c.p_s);
        for (size_t k = 0; k < c.na_s; k++)
            free(c.a_s[k].line);
        free(c.a_s);
        free(c.in_s);
        free(c.lone_s);
        an_reader_free(r);
    }
    an_engine_close(eng);
    return rc;
}
