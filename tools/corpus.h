/*
** corpus.h - what tools/clusters.c and tools/vectors.c share: reading the
** local unlabelled English text (CoNLL-U, JSONL, TimeML, extraction
** benchmark bodies) into a sequence of word ids with sentence marks, and
** the error and allocation helpers.  A header of static functions, as
** each tool is one program: define TOOL_NAME (the program's name, for
** messages) before including it.
*/
#ifndef AN_TOOLS_CORPUS_H
#define AN_TOOLS_CORPUS_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/map.h"
#include "pos/pos_int.h"
#include "tok/tok.h"

static void die(const char *msg)
{
    fprintf(stderr, "%s: %s\n", TOOL_NAME, msg);
    exit(1);
}
static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xcalloc(size_t n, size_t k)
{
    void *p = calloc(n ? n : 1, k ? k : 1);
    if (!p)
        die("out of memory");
    return p;
}

/* ---- the corpus: word ids, sentence marks between sentences ---- */

typedef struct corpus {
    an_map voc;          /* reduced word -> id */
    char **word;         /* id -> word (owned by voc) */
    uint64_t *count;     /* id -> occurrences */
    size_t nword, capword;
    uint32_t *tok;       /* the token stream */
    size_t ntok, captok;
} corpus;

#define MARK 0 /* the sentence mark, id 0 */

static uint32_t word_id(corpus *c, const char *p, size_t n)
{
    int added;
    uint32_t *v = an_map_put(&c->voc, p, n, (uint32_t)c->nword, &added);
    if (!v)
        die("out of memory");
    if (added) {
        if (c->nword == c->capword) {
            c->capword = c->capword ? 2 * c->capword : 1 << 16;
            c->count = realloc(c->count, c->capword * sizeof *c->count);
            c->word = realloc(c->word, c->capword * sizeof *c->word);
            if (!c->count || !c->word)
                die("out of memory");
        }
        c->count[c->nword] = 0;
        c->word[c->nword] = NULL;
        c->nword++;
    }
    return *v;
}

static void push(corpus *c, uint32_t id)
{
    if (c->ntok == c->captok) {
        c->captok = c->captok ? 2 * c->captok : 1 << 20;
        c->tok = realloc(c->tok, c->captok * sizeof *c->tok);
        if (!c->tok)
            die("out of memory");
    }
    c->tok[c->ntok++] = id;
    c->count[id]++;
}

static void add_word(corpus *c, const char *p, size_t n)
{
    char buf[64];
    size_t k = an__pos_norm(p, n, buf, sizeof buf);
    if (k)
        push(c, word_id(c, buf, k));
}

/* Tokenise and split raw text, adding its sentences. */
static void add_text(corpus *c, const char *p, size_t n)
{
    an_arena a;
    an_arena_init(&a);
    an_tok *toks;
    size_t ntok;
    an_sent *sents = NULL;
    size_t nsent = 0;
    if (an_tok_text(&a, p, n, AN_TOK_OPT_UD, &toks, &ntok) != AN_OK ||
        an_tok_split(&a, p, n, toks, ntok, &sents, &nsent) != AN_OK)
        die("tokenizer failed (out of memory?)");
    for (size_t s = 0; s < nsent; s++) {
        for (uint32_t i = 0; i < sents[s].ntok; i++) {
            const an_tok *t = &toks[sents[s].tok + i];
            if (t->end > t->start && t->end <= n)
                add_word(c, p + t->start, t->end - t->start);
        }
        push(c, MARK);
    }
    an_arena_fini(&a);
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", TOOL_NAME, path, strerror(errno));
        exit(1);
    }
    size_t cap = 1 << 16, len = 0;
    char *p = xmalloc(cap + 1);
    size_t k;
    while ((k = fread(p + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            cap *= 2;
            p = realloc(p, cap + 1);
            if (!p)
                die("out of memory");
        }
    }
    fclose(f);
    p[len] = 0;
    *n = len;
    return p;
}

static bool ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

/* CoNLL-U: the forms of word lines (ranges and empty nodes skipped). */
static void read_conllu(corpus *c, const char *p, size_t n)
{
    size_t i = 0, words = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && p[e] != '\n')
            e++;
        if (e == i || (e == i + 1 && p[i] == '\r')) {
            if (words)
                push(c, MARK);
            words = 0;
        } else if (p[i] != '#') {
            const char *t1 = memchr(p + i, '\t', e - i);
            const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(p + e - t1 - 1))
                                : NULL;
            bool plain = t1 && !memchr(p + i, '-', (size_t)(t1 - p - i)) &&
                         !memchr(p + i, '.', (size_t)(t1 - p - i));
            if (plain && t2) {
                add_word(c, t1 + 1, (size_t)(t2 - t1 - 1));
                words++;
            }
        }
        i = e + 1;
    }
    if (words)
        push(c, MARK);
}

static void read_json(corpus *c, const char *path, const char *p, size_t n,
                      bool lines)
{
    an_arena a;
    an_arena_init(&a);
    an_err err;
    size_t i = 0, line = 0;
    while (i < n) {
        size_t e = lines ? i : n;
        while (lines && e < n && p[e] != '\n')
            e++;
        line++;
        an_json *j;
        if (e > i && an_json_parse(&a, p + i, e - i, &j, &err) == AN_OK) {
            if (lines) {
                an_span t = an_json_get_str(j, "text");
                add_text(c, t.p, t.n);
            } else if (j->type == AN_JSON_OBJECT) {
                for (size_t k = 0; k < j->n; k++) {
                    an_span t = an_json_get_str(&j->items[k], "articleBody");
                    add_text(c, t.p, t.n);
                }
            }
        } else if (e > i) {
            fprintf(stderr, "%s: %s:%zu: %s (skipped)\n", TOOL_NAME, path, line,
                    err.msg);
        }
        an_arena_reset(&a);
        i = e + 1;
    }
    an_arena_fini(&a);
}

/* TimeML: the text inside <TEXT>, tags dropped, the five XML entities
   decoded. */
static void read_tml(corpus *c, const char *p, size_t n)
{
    const char *s = strstr(p, "<TEXT>");
    const char *e = s ? strstr(s, "</TEXT>") : NULL;
    if (!s || !e)
        return;
    s += 6;
    char *out = xmalloc((size_t)(e - s) + 1);
    size_t k = 0;
    static const char *ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"},
                                   {"&gt;", ">"},  {"&quot;", "\""},
                                   {"&apos;", "'"}};
    while (s < e) {
        if (*s == '<') {
            const char *q = memchr(s, '>', (size_t)(e - s));
            s = q ? q + 1 : e;
            continue;
        }
        if (*s == '&') {
            size_t j;
            for (j = 0; j < 5; j++) {
                size_t l = strlen(ent[j][0]);
                if ((size_t)(e - s) >= l && !memcmp(s, ent[j][0], l)) {
                    out[k++] = ent[j][1][0];
                    s += l;
                    break;
                }
            }
            if (j < 5)
                continue;
        }
        out[k++] = *s++;
    }
    (void)n;
    add_text(c, out, k);
    free(out);
}

/*
** Read the files (by their endings: .conllu, .jsonl, .json, .tml, else
** plain text) into c, the sentence mark first, and fill c->word.
*/
static void read_corpus(corpus *c, char **paths, size_t npaths)
{
    memset(c, 0, sizeof *c);
    an_map_init(&c->voc);
    word_id(c, "\x01<s>", 4); /* MARK */
    for (size_t i = 0; i < npaths; i++) {
        size_t n;
        char *p = read_file(paths[i], &n);
        if (ends_with(paths[i], ".conllu"))
            read_conllu(c, p, n);
        else if (ends_with(paths[i], ".jsonl"))
            read_json(c, paths[i], p, n, true);
        else if (ends_with(paths[i], ".json"))
            read_json(c, paths[i], p, n, false);
        else if (ends_with(paths[i], ".tml"))
            read_tml(c, p, n);
        else
            add_text(c, p, n);
        free(p);
    }
    for (size_t s = 0; s < c->voc.cap; s++)
        if (c->voc.slots[s].key)
            c->word[c->voc.slots[s].val] = c->voc.slots[s].key;
}

/* ---- the exchange algorithm over items with bigram lists ---- */

typedef struct pair {
    uint32_t item;
    uint32_t n;
} pair;

typedef struct items {
    size_t n;            /* items */
    uint64_t *nl, *nr;   /* occurrences as left / right member of a bigram */
    size_t *roff, *loff; /* CSR offsets of the right / left neighbour lists */
    pair *right, *left;  /* (neighbour, count) */
    uint32_t *self;      /* count of the item followed by itself */
} items;

#endif /* AN_TOOLS_CORPUS_H */
