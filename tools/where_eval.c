/*
** where_eval.c - the places of coded events against a hand annotation,
** and a listing of the sentences to annotate.
**
**   build/tools/where_eval [--data DIR] [--wide] [--list] [--errors]
**                          [--show] DOCS.jsonl [GOLD.tsv]
**
** Each document of DOCS.jsonl goes through the engine at AN_LEVEL_CODE as
** `annals code` runs it (the default mode).  With --wide the coder is run
** again on every sentence, parsed, without the news precision rules and
** with targetless events kept (more events per document: the mode the
** held-out sample of tests/data/whenwhere is measured in too).
**
** --show prints each document's places (with their roles), its focus and
** main place, and each event with its place.
**
** --list prints, for each document, its first two sentences and every
** sentence with an event (and the sentence before it), with the events'
** actors and codes but not their places: the material to annotate by
** hand without seeing what the tagger says.
**
** With GOLD.tsv (doc_id, sentence index, place (alternatives separated by
** "|") or -, ISO alpha-3 country or -, sentence text; the format of
** tests/data/code/event_places.tsv) each event of an annotated sentence
** is scored:
**   place right    the annotated place: its name and country, or, when
**                  the annotation names only a country, that country as
**                  a whole (a city of it is too fine: the text does not
**                  say so);
**   country right  the annotated country;
**   (a sea annotated by its name and no country counts as both when
**   the place is that sea, with no country);
**   lenient        as place right, but any place in the annotated
**                  country counts when the annotation names none (the
**                  measure of tests/unit/test_code.c).
** Sentences are matched by document and text (the index is a hint), so
** the annotation survives changes of the sentence splitter that do not
** change the sentence.  --errors prints each wrong event.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "annals/annals.h"
#include "code/code.h"
#include "dep/nlp.h"
#include "doc/doc_int.h"
#include "engine/engine_int.h"
#include "where/where.h"

typedef struct gold {
    char doc[96];
    unsigned sent;
    char place[128];
    char country[4];
    char *text;
    int used;
} gold;

typedef struct ectx {
    const an_engine *eng;
    an_arena nlp;
    an_arena scratch;
    int wide, list, errors, show;
    gold *g;
    size_t ng;
    unsigned events, annotated, placed, right, country_ok, lenient;
    unsigned from_sent, from_doc, sent_right;
} ectx;

static int parse_cb(void *ctx, an_doc *d, size_t si)
{
    ectx *t = ctx;
    return an_dep_parse_sent(t->eng->nlp, &t->nlp, d, si, AN_LEVEL_PARSE);
}

/* Lower case without accents ("Khān Yūnis" -> "khan yunis") into out. */
static void plain(const char *s, char *out, size_t cap)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                          UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                          UTF8PROC_CASEFOLD);
    snprintf(out, cap, "%s", n >= 0 && m ? (const char *)m : s);
    free(m);
}

/* One of the "|"-separated names holds the other, case and accents
   aside ("Gaza" / "Gaza City"). */
static int name_match(const char *want, const char *got)
{
    char b[128], w[256];
    plain(got, b, sizeof b);
    if (!b[0])
        return 0;
    snprintf(w, sizeof w, "%s", want);
    for (char *save = NULL, *alt = strtok_r(w, "|", &save); alt;
         alt = strtok_r(NULL, "|", &save)) {
        char a[128];
        plain(alt, a, sizeof a);
        if (a[0] && (strstr(a, b) || strstr(b, a)))
            return 1;
    }
    return 0;
}

/* The sentence's text with runs of white space as one blank. */
static void squeeze(const char *p, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int sp = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        char c = p[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            sp = o > 0;
            continue;
        }
        if (sp && o + 2 < cap)
            out[o++] = ' ';
        sp = 0;
        out[o++] = c;
    }
    out[o] = 0;
}

static gold *find_gold(ectx *c, const an_doc *d, uint32_t si)
{
    an_span id = an_doc_id(d);
    static_assert(sizeof(((gold *)0)->doc) == 96, "doc id size");
    char text[4096];
    const an_sent *s = &d->sents[si];
    squeeze(d->text.p + s->start, s->end - s->start, text, sizeof text);
    gold *byidx = NULL;
    for (size_t i = 0; i < c->ng; i++) {
        gold *g = &c->g[i];
        if (strlen(g->doc) != id.n || memcmp(g->doc, id.p, id.n))
            continue;
        if (!strcmp(g->text, text))
            return g;
        if (g->sent == si)
            byidx = g;
    }
    /* Same index, and one text contains the other (a split moved). */
    if (byidx && (strstr(text, byidx->text) || strstr(byidx->text, text)))
        return byidx;
    return NULL;
}

static void print_sent(const an_doc *d, size_t si, const char *tag)
{
    const an_sent *s = &d->sents[si];
    char text[4096];
    squeeze(d->text.p + s->start, s->end - s->start, text, sizeof text);
    an_span id = an_doc_id(d);
    printf("%s%.*s\t%zu\t%s\n", tag, (int)id.n, id.p, si, text);
}

/* Print every event with its place, and the document's places. */
static void show(const an_doc *d)
{
    static const char *const roles[] = {"", " origin", " title", " actor",
                                        " dateline"};
    an_span id = an_doc_id(d);
    an_place_mention mp;
    int has = an_doc_main_place(d, &mp);
    printf("=== %.*s focus %s main %s/%s\n", (int)id.n, id.p,
           an_doc_country_focus(d), has ? mp.name : "-", has ? mp.country : "-");
    size_t np, n;
    const an_place_mention *p = an_doc_places(d, &np);
    for (size_t i = 0; i < np; i++)
        printf("  place s%u %.*s = %s/%s%s%s\n", p[i].sent,
               (int)(p[i].end - p[i].start), d->text.p + p[i].start, p[i].name,
               p[i].country, p[i].demonym ? " demonym" : "",
               p[i].role < 5 ? roles[p[i].role] : " ?");
    const an_mention *m = an_doc_mentions(d, &n);
    for (size_t i = 0; i < n; i++)
        printf("  event s%u %s %s %s \"%s\" -> %s/%s (%s)\n", m[i].sent,
               m[i].source.code, m[i].target.code ? m[i].target.code : "---",
               m[i].cameo, m[i].verb_text,
               m[i].place.source ? m[i].place.name : "-",
               m[i].place.source ? m[i].place.country : "-",
               m[i].place.source == AN_PLACE_SENTENCE ? "sentence"
               : m[i].place.source ? "document" : "none");
}

static void score(ectx *c, const an_doc *d)
{
    if (c->show) {
        show(d);
        return;
    }
    size_t n;
    const an_mention *m = an_doc_mentions(d, &n);
    an_span id = an_doc_id(d);
    if (c->list) {
        if (!n)
            return;
        printf("=== %.*s (%zu sentences)\n", (int)id.n, id.p, d->nsent);
        for (size_t si = 0; si < d->nsent && si < 2; si++)
            print_sent(d, si, "  ");
        size_t last = 1;
        for (size_t i = 0; i < n; i++) {
            if (i > 0 && m[i].sent == m[i - 1].sent)
                continue;
            if (m[i].sent > last + 1 && m[i].sent >= 1)
                print_sent(d, m[i].sent - 1, "  ");
            if (m[i].sent > last || m[i].sent >= 2)
                print_sent(d, m[i].sent, "E ");
            else
                print_sent(d, m[i].sent, "E ");
            last = m[i].sent;
            for (size_t k = i; k < n && m[k].sent == m[i].sent; k++)
                printf("      %s %s %s \"%s\"\n", m[k].source.code,
                       m[k].target.code ? m[k].target.code : "---", m[k].cameo,
                       m[k].verb_text);
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        c->events++;
        gold *g = find_gold(c, d, m[i].sent);
        if (!g) {
            if (c->errors)
                printf("UNANNOTATED\t%.*s\t%u\t%s\n", (int)id.n, id.p, m[i].sent,
                       m[i].verb_text);
            continue;
        }
        g->used = 1;
        c->annotated++;
        const an_place *p = &m[i].place;
        if (!p->source)
            continue;
        c->placed++;
        c->from_sent += p->source == AN_PLACE_SENTENCE;
        c->from_doc += p->source == AN_PLACE_DOCUMENT;
        int cty = strcmp(g->country, "-") && !strcmp(g->country, p->country);
        int named = strcmp(g->place, "-") != 0;
        int right = cty && (named ? name_match(g->place, p->name)
                                  : p->geonames_id == 0 && !p->admin1[0] &&
                                        p->start == p->end);
        int len = cty && (!named || name_match(g->place, p->name));
        /* A country named in the text is a country-level place too. */
        if (cty && !named && !right && p->geonames_id == 0) {
            an_gaz_entry e;
            int ci = an_gaz_country(c->eng->gaz, p->country);
            an_gaz_entry_get(c->eng->gaz, an__gaz_country_entry(c->eng->gaz, ci), &e);
            right = !strcmp(e.name, p->name);
        }
        /* A sea annotated by name and no country ("Gulf of Aden", "-"). */
        if (named && !strcmp(g->country, "-") && !p->country[0] &&
            name_match(g->place, p->name))
            cty = right = len = 1;
        c->country_ok += cty;
        c->right += right;
        c->lenient += len;
        c->sent_right += right && p->source == AN_PLACE_SENTENCE;
        if (c->errors && !right)
            printf("WRONG\t%.*s\t%u\t%s\twant %s/%s\tgot %s/%s (%s)\t%s\n",
                   (int)id.n, id.p, m[i].sent, m[i].verb_text, g->place,
                   g->country, p->name, p->country,
                   p->source == AN_PLACE_SENTENCE ? "sentence" : "document",
                   g->text);
    }
}

static void code_wide(ectx *c, an_doc *d)
{
    an_arena_reset(&c->scratch);
    an_code_opts co;
    memset(&co, 0, sizeof co);
    co.gaz = c->eng->gaz;
    co.allow_no_target = 1;
    co.no_prefilter = 1;
    co.parse = parse_cb;
    co.parse_ctx = c;
    (void)an_code_doc(c->eng->dict, d, &c->scratch, &co);
}

static int read_gold(const char *path, ectx *c)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char line[8192];
    size_t cap = 0;
    unsigned lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *col[5];
        int k = 0;
        char *p = line;
        for (; k < 5 && p; k++) {
            col[k] = p;
            char *t = k < 4 ? strchr(p, '\t') : NULL;
            if (t)
                *t = 0;
            p = t ? t + 1 : NULL;
        }
        if (k < 5) {
            fprintf(stderr, "%s:%u: fewer than 5 columns\n", path, lineno);
            fclose(f);
            return -1;
        }
        if (c->ng == cap) {
            cap = cap ? 2 * cap : 256;
            gold *ng = realloc(c->g, cap * sizeof *ng);
            if (!ng) {
                fclose(f);
                return -1;
            }
            c->g = ng;
        }
        gold *g = &c->g[c->ng++];
        memset(g, 0, sizeof *g);
        snprintf(g->doc, sizeof g->doc, "%s", col[0]);
        g->sent = (unsigned)strtoul(col[1], NULL, 10);
        snprintf(g->place, sizeof g->place, "%s", col[2]);
        snprintf(g->country, sizeof g->country, "%s", col[3]);
        char sq[4096];
        squeeze(col[4], strlen(col[4]), sq, sizeof sq);
        g->text = strdup(sq);
        if (!g->text) {
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    const char *data = "data", *docs = NULL, *goldp = NULL;
    ectx c;
    memset(&c, 0, sizeof c);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--wide"))
            c.wide = 1;
        else if (!strcmp(argv[i], "--list"))
            c.list = 1;
        else if (!strcmp(argv[i], "--errors"))
            c.errors = 1;
        else if (!strcmp(argv[i], "--show"))
            c.show = 1;
        else if (!docs)
            docs = argv[i];
        else
            goldp = argv[i];
    }
    if (!docs || (!goldp && !c.list && !c.show)) {
        fprintf(stderr, "usage: where_eval [--data DIR] [--wide] [--list] "
                        "[--errors] DOCS.jsonl [GOLD.tsv]\n");
        return 2;
    }
    if (goldp && read_gold(goldp, &c) != 0)
        return 1;
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = data;
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "where_eval: %s\n", err.msg);
        return 1;
    }
    c.eng = eng;
    an_arena_init(&c.nlp);
    an_arena_init(&c.scratch);
    an_worker *w;
    an_doc *d;
    an_reader *r;
    const char *paths[] = {docs};
    if (an_worker_new(eng, &w, &err) != AN_OK || an_doc_new(&d) != AN_OK ||
        an_reader_new(NULL, paths, 1, &r, &err) != AN_OK) {
        fprintf(stderr, "where_eval: %s\n", err.msg);
        return 1;
    }
    an_input *in;
    unsigned ndocs = 0;
    while (an_reader_next(r, &in) == 1) {
        an_worker_process(w, in, d);
        if (c.wide)
            code_wide(&c, d);
        score(&c, d);
        an_doc_reset(d);
        ndocs++;
    }
    if (goldp) {
        unsigned sents = 0, sused = 0;
        for (size_t i = 0; i < c.ng; i++) {
            sents++;
            sused += c.g[i].used;
        }
        printf("%s mode: %u documents, %u events, %u in annotated sentences "
               "(%u of %u annotated sentences have events), %u placed "
               "(%u from the sentence, %u from the document)\n",
               c.wide ? "wide" : "default", ndocs, c.events, c.annotated, sused,
               sents, c.placed, c.from_sent, c.from_doc);
        double pl = c.placed ? c.placed : 1;
        printf("place precision %.3f (%u/%u), country precision %.3f (%u), "
               "lenient %.3f (%u); from the sentence %u/%u\n",
               c.right / pl, c.right, c.placed, c.country_ok / pl, c.country_ok,
               c.lenient / pl, c.lenient, c.sent_right, c.from_sent);
    }
    an_reader_free(r);
    an_doc_free(d);
    an_worker_free(w);
    an_arena_fini(&c.nlp);
    an_arena_fini(&c.scratch);
    an_engine_close(eng);
    for (size_t i = 0; i < c.ng; i++)
        free(c.g[i].text);
    free(c.g);
    return 0;
}
