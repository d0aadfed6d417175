/*
** test_where.c - the gazetteer image (lookups, checks of broken images),
** place recognition and disambiguation, the country focus, the place of
** an event's verb, and the hand-annotated location sample.
*/
#include <stdlib.h>

#include "base/image.h"
#include "code/code.h"
#include "dep/nlp.h"
#include "engine/engine_int.h"
#include "test.h"
#include "when/when.h"
#include "where/where.h"

#define GAZ_PATH "data/gazetteer/gazetteer.img"

static an_gaz *gaz(void)
{
    an_gaz *g = NULL;
    an_err err;
    if (an_gaz_open(GAZ_PATH, &g, &err) != AN_OK) {
        fprintf(stderr, "gazetteer: %s\n", err.msg);
        return NULL;
    }
    return g;
}

/* A document at level TEXT with its timexes and places tagged. */
static an_doc *placed(const an_gaz *g, const char *text)
{
    an_doc *d = an_test_process(AN_LEVEL_TEXT, AN_FMT_TEXT, "t",
                                "2025-03-18", text);
    if (!d)
        return NULL;
    if (an_when_doc(d, NULL) != AN_OK || an_where_doc(d, g, NULL) != AN_OK) {
        an_doc_free(d);
        return NULL;
    }
    return d;
}

/* "text=name/country;..." for the places of d (demonyms marked *). */
static const char *listing(an_doc *d, char *buf, size_t n)
{
    size_t np;
    const an_place_mention *p = an_doc_places(d, &np);
    an_span text = an_doc_text(d);
    size_t o = 0;
    buf[0] = 0;
    for (size_t i = 0; i < np && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%.*s=%s/%s%s", i ? ";" : "",
                              (int)(p[i].end - p[i].start),
                              text.p + p[i].start, p[i].name, p[i].country,
                              p[i].demonym ? "*" : "");
    return buf;
}

AN_TEST(where_gazetteer_lookup)
{
    an_gaz *g = gaz();
    ASSERT(g != NULL);
    ASSERT(an_gaz_nentries(g) > 50000);
    const uint32_t *p1, *p2;
    uint32_t n1 = an_gaz_lookup(g, "kyiv", 4, &p1);
    uint32_t n2 = an_gaz_lookup(g, "kiev", 4, &p2);
    ASSERT(n1 >= 1 && n2 >= 1);
    an_gaz_entry e;
    an_gaz_entry_get(g, p2[0] >> 8, &e);
    ASSERT_EQ(e.geonames_id, 703448);
    ASSERT_STR_EQ(e.country, "UKR");
    ASSERT(e.lat > 50.4 && e.lat < 50.5);
    /* "kyiv" names the city (and the city region); "kiev" the same city. */
    bool same = false;
    for (uint32_t i = 0; i < n1; i++)
        same |= (p1[i] >> 8) == (p2[0] >> 8);
    ASSERT(same);
    ASSERT_EQ(an_gaz_lookup(g, "no such place", 13, &p1), 0);
    ASSERT(an_gaz_has_prefix(g, "new yo", 6));
    ASSERT(an_gaz_country(g, "FRA") >= 0);
    ASSERT_EQ(an_gaz_country(g, "ZZZ"), -1);
    an_gaz_close(g);
}

AN_TEST(where_recognition)
{
    an_gaz *g = gaz();
    ASSERT(g != NULL);
    static const struct { const char *text, *want; } cases[] = {
        {"Russian missiles struck Kharkiv and Odessa on Monday.",
         "Russian=Russia/RUS*;Kharkiv=Kharkiv/UKR;Odessa=Odessa/UKR"},
        {"Troops entered Kiev.", "Kiev=Kyiv/UKR"},
        {"Drones hit Odesa and Kyiv.", "Odesa=Odessa/UKR;Kyiv=Kyiv/UKR"},
        {"He moved to Nice, France.", "Nice=Nice/FRA;France=France/FRA"},
        {"That was nice. Reading is fun.", ""},
        {"Michael Jordan scored and Paris Hilton waved.", ""},
        {"Talks were held in Paris.", "Paris=Paris/FRA"},
        {"The US and the UK agreed; let us go.",
         "US=United States/USA;UK=United Kingdom/GBR"},
        {"Officials met in Riyadh.", "Riyadh=Riyadh/SAU"},
        {"Shelling hit the city of Bakhmut in May.", "Bakhmut=Bakhmut/UKR"},
        {"Leaders gathered in New York City.",
         "New York City=New York City/USA"},
        /* an old name of Amman is no rival to the city's own name */
        {"He lives in Philadelphia.", "Philadelphia=Philadelphia/USA"},
    };
    char buf[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        an_doc *d = placed(g, cases[i].text);
        ASSERT(d != NULL);
        listing(d, buf, sizeof buf);
        an_doc_free(d);
        if (strcmp(buf, cases[i].want) != 0)
            FAIL("\"%s\":\n    got  \"%s\"\n    want \"%s\"", cases[i].text,
                 buf, cases[i].want);
    }
    an_gaz_close(g);
}

AN_TEST(where_context_and_focus)
{
    an_gaz *g = gaz();
    ASSERT(g != NULL);
    /* Paris alone is in France; after ", Texas" it is the Texan one. */
    an_doc *d = placed(g, "A storm hit Paris, Texas.");
    ASSERT(d != NULL);
    size_t n;
    const an_place_mention *p = an_doc_places(d, &n);
    ASSERT(n >= 1);
    ASSERT_STR_EQ(p[0].country, "USA");
    ASSERT_STR_EQ(an_doc_country_focus(d), "USA");
    an_doc_free(d);
    /* Focus: the country most places point to. */
    d = placed(g, "Ukraine says Russian drones hit Kharkiv. Lviv and Odesa "
                  "were also hit, officials in Kyiv said.");
    ASSERT(d != NULL);
    ASSERT_STR_EQ(an_doc_country_focus(d), "UKR");
    an_doc_free(d);
    /* No places: no focus. */
    d = placed(g, "The committee will meet again.");
    ASSERT_STR_EQ(an_doc_country_focus(d), "");
    an_doc_free(d);
    /* Without a gazetteer nothing is found. */
    d = placed(NULL, "Troops entered Kiev.");
    an_doc_places(d, &n);
    ASSERT_EQ(n, 0);
    an_doc_free(d);
    an_gaz_close(g);
}

static uint32_t tok_of(an_doc *d, const char *w)
{
    size_t n;
    const an_tok *t = an_doc_tokens(d, &n);
    for (size_t i = 0; i < n; i++)
        if (an_span_eq(t[i].norm, w))
            return (uint32_t)i;
    return UINT32_MAX;
}

/* an_where_event_place() for the verb at token `verb` of sentence `si`,
   actors unknown, every place of the sentence a candidate. */
static void evplace(const an_doc *d, const an_gaz *g, uint32_t si,
                    uint32_t verb, an_place *pl)
{
    an_where_event we = {si, verb, NULL, 0, "", "", NULL};
    an_where_event_place(d, g, &we, pl);
}

AN_TEST(where_event_place)
{
    an_gaz *g = gaz();
    ASSERT(g != NULL);
    /* Parsed by hand: "Russian troops attacked a school in Kharkiv near
       Izium": school -obj-> attacked; Kharkiv -nmod-> school, case "in". */
    an_doc *d = placed(g, "Moscow said troops attacked a school in Kharkiv.");
    ASSERT(d != NULL);
    size_t nt;
    an_tok *t = (an_tok *)an_doc_tokens(d, &nt);
    an_sent *s = (an_sent *)an_doc_sentences(d, &nt);
    struct { const char *w, *h; int rel; } arcs[] = {
        {"moscow", "said", AN_DEP_NSUBJ}, {"said", NULL, AN_DEP_ROOT},
        {"troops", "attacked", AN_DEP_NSUBJ},
        {"attacked", "said", AN_DEP_CCOMP}, {"a", "school", AN_DEP_DET},
        {"school", "attacked", AN_DEP_OBJ}, {"in", "kharkiv", AN_DEP_CASE},
        {"kharkiv", "school", AN_DEP_NMOD}};
    for (size_t i = 0; i < sizeof arcs / sizeof arcs[0]; i++) {
        uint32_t k = tok_of(d, arcs[i].w);
        ASSERT(k != UINT32_MAX);
        t[k].head = arcs[i].h ? (int32_t)tok_of(d, arcs[i].h) : -1;
        t[k].deprel = (uint8_t)arcs[i].rel;
    }
    s[0].flags |= AN_SENT_PARSED;
    an_place pl;
    evplace(d, g, 0, tok_of(d, "attacked"), &pl);
    ASSERT_EQ(pl.source, AN_PLACE_SENTENCE);
    ASSERT_STR_EQ(pl.name, "Kharkiv");
    ASSERT_STR_EQ(pl.country, "UKR");
    ASSERT(pl.geonames_id != 0);
    /* "said" has no locative dependent: nearest place in the sentence is
       not used for a parsed sentence's verb unless no oblique has one;
       the fallback then takes the nearest mention ("Moscow"). */
    evplace(d, g, 0, tok_of(d, "said"), &pl);
    ASSERT_EQ(pl.source, AN_PLACE_SENTENCE);
    ASSERT_STR_EQ(pl.name, "Moscow");
    an_doc_free(d);

    /* Unparsed: the nearest place to the verb; else the focus. */
    d = placed(g, "Fighting continued near Donetsk. The talks failed.");
    ASSERT(d != NULL);
    evplace(d, g, 0, tok_of(d, "continued"), &pl);
    ASSERT_STR_EQ(pl.name, "Donetsk");
    evplace(d, g, 1, 2, &pl); /* "failed" */
    ASSERT_EQ(pl.source, AN_PLACE_DOCUMENT);
    ASSERT_STR_EQ(pl.country, "UKR");
    an_doc_free(d);
    an_gaz_close(g);
}

/* Build a small gaz image with the given sections (tests of the checks). */
static int small_image(an_buf *out, uint32_t nentries, uint32_t post_entry,
                       int unsorted)
{
    an_image_writer *w;
    if (an_image_writer_new("gaz", 2, &w) != AN_OK)
        return -1;
    uint32_t meta[8] = {nentries, 2, 1, 0, 4, 1, 0, 0};
    const char strings[] = "\0Aland\0aland\0bland";
    meta[6] = sizeof strings; /* includes the final NUL */
    uint8_t ent[24] = {0};
    ent[12] = 1;  /* name "Aland" */
    ent[16] = 0xFF;
    ent[17] = 0xFF; /* no admin1 */
    ent[18] = 0;    /* country 0 */
    ent[19] = 4;    /* kind country */
    uint8_t cou[16] = {'A', 'X', 'A', 'L', 'A', 0, 0, 0,
                       0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF};
    uint32_t keys[4] = {unsorted ? 13u : 7u, 0, unsorted ? 7u : 13u, 2};
    uint32_t post[4] = {1, post_entry << 8, 1, 0};
    an_image_writer_add(w, "meta", meta, sizeof meta);
    an_image_writer_add(w, "entries", ent, sizeof ent);
    an_image_writer_add(w, "countries", cou, sizeof cou);
    an_image_writer_add(w, "admin1", "", 0);
    an_image_writer_add(w, "keys", keys, sizeof keys);
    an_image_writer_add(w, "post", post, sizeof post);
    an_image_writer_add(w, "strings", strings, sizeof strings);
    int rc = an_image_writer_to_buf(w, out);
    an_image_writer_free(w);
    return rc;
}

AN_TEST(where_gazetteer_checks)
{
    an_buf b;
    an_gaz *g;
    an_err err;
    an_buf_init(&b);
    ASSERT_EQ(small_image(&b, 1, 0, 0), AN_OK);
    ASSERT_EQ(an_gaz_from_memory(b.p, b.n, &g, &err), AN_OK);
    const uint32_t *p;
    ASSERT_EQ(an_gaz_lookup(g, "aland", 5, &p), 1);
    an_gaz_entry e;
    an_gaz_entry_get(g, p[0] >> 8, &e);
    ASSERT_STR_EQ(e.name, "Aland");
    ASSERT_STR_EQ(e.country, "ALA");
    an_gaz_close(g);
    /* A posting naming a missing entry. */
    an_buf_clear(&b);
    ASSERT_EQ(small_image(&b, 1, 5, 0), AN_OK);
    ASSERT_EQ(an_gaz_from_memory(b.p, b.n, &g, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "names no entry");
    /* Keys out of order. */
    an_buf_clear(&b);
    ASSERT_EQ(small_image(&b, 1, 0, 1), AN_OK);
    ASSERT_EQ(an_gaz_from_memory(b.p, b.n, &g, &err), AN_EFORMAT);
    /* Section sizes that disagree with the counts. */
    an_buf_clear(&b);
    ASSERT_EQ(small_image(&b, 2, 0, 0), AN_OK);
    ASSERT_EQ(an_gaz_from_memory(b.p, b.n, &g, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "entries");
    /* Truncated and corrupted images. */
    an_buf_clear(&b);
    ASSERT_EQ(small_image(&b, 1, 0, 0), AN_OK);
    ASSERT(an_gaz_from_memory(b.p, b.n - 8, &g, &err) != AN_OK);
    b.p[b.n - 3] ^= 0x55;
    ASSERT(an_gaz_from_memory(b.p, b.n, &g, &err) != AN_OK);
    an_buf_fini(&b);
    ASSERT(an_gaz_open("/nonexistent.img", &g, &err) != AN_OK);
    ASSERT_CONTAINS(err.msg, "nonexistent");
}

/* Folded ASCII comparison: one name contains the other (Jabalia/Jabalya
   differ; Springfield/Springfield match). */
static bool name_match(const char *want, const char *got)
{
    char a[128], b[128];
    size_t i = 0, j = 0;
    for (; want[i] && i < sizeof a - 1; i++)
        a[i] = (char)(want[i] >= 'A' && want[i] <= 'Z' ? want[i] + 32 : want[i]);
    a[i] = 0;
    for (; got[j] && j < sizeof b - 1; j++)
        b[j] = (char)(got[j] >= 'A' && got[j] <= 'Z' ? got[j] + 32 : got[j]);
    b[j] = 0;
    return i && j && (strstr(a, b) || strstr(b, a));
}

AN_TEST(where_annotated_sample)
{
    size_t n;
    char *f = an_test_read_file("tests/data/whenwhere/locations.tsv", &n);
    ASSERT(f != NULL);
    an_gaz *g = gaz();
    ASSERT(g != NULL);
    unsigned rows = 0, withplace = 0, predicted = 0, right = 0, country_ok = 0;
    for (char *line = strtok(f, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        char *col[5];
        int k = 0;
        for (char *p = line; k < 5; k++) {
            col[k] = p;
            char *tab = strchr(p, '\t');
            if (!tab && k < 4)
                FAIL("line with fewer than 5 columns: %s", line);
            if (tab) {
                *tab = 0;
                p = tab + 1;
            }
        }
        rows++;
        bool has = strcmp(col[2], "-") != 0;
        withplace += has;
        an_doc *d = placed(g, col[4]);
        ASSERT(d != NULL);
        uint32_t v = tok_of(d, col[1]);
        if (v == UINT32_MAX)
            v = 0;
        size_t ns;
        const an_sent *s = an_doc_sentences(d, &ns);
        uint32_t si = 0;
        while (si + 1 < ns && s[si].tok + s[si].ntok <= v)
            si++;
        an_place pl;
        evplace(d, g, si, v - s[si].tok, &pl);
        if (pl.source) {
            predicted++;
            /* A sea is annotated by its name and no country. */
            bool cty = !strcmp(pl.country, col[3]) ||
                       (!strcmp(col[3], "-") && !pl.country[0]);
            if (has && cty)
                country_ok++;
            if (has && cty && name_match(col[2], pl.name))
                right++;
        }
        an_doc_free(d);
    }
    free(f);
    an_gaz_close(g);
    ASSERT_GE(rows, 100);
    double prec = predicted ? (double)right / predicted : 0;
    double cprec = predicted ? (double)country_ok / predicted : 0;
    fprintf(stderr,
            "  where_annotated_sample: %u sentences (%u with a place), %u "
            "placed; place precision %.3f, country precision %.3f, place "
            "recall %.3f (sentence fallback, no parse)\n",
            rows, withplace, predicted, prec, cprec,
            withplace ? (double)right / withplace : 0);
    ASSERT_GE(prec, 0.58);
    ASSERT_GE(cprec, 0.72);
}

/* ------------------------------------------------------------------ */
/* The held-out sample (tests/data/whenwhere/heldout_places.tsv)       */
/* ------------------------------------------------------------------ */

typedef struct hgold {
    char doc[96];
    unsigned sent;
    char place[128];
    char country[4];
    char text[2048];
} hgold;

typedef struct hctx {
    const an_engine *eng;
    an_arena nlp;
    hgold *g;
    size_t ng;
    unsigned events, annotated, placed, right, country_ok;
} hctx;

/* The text with runs of white space as one blank. */
static void squeeze(const char *p, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    bool sp = false;
    for (size_t i = 0; i < n && o + 2 < cap; i++) {
        char c = p[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            sp = o > 0;
            continue;
        }
        if (sp)
            out[o++] = ' ';
        sp = false;
        out[o++] = c;
    }
    out[o] = 0;
}

static int held_parse(void *ctx, an_doc *d, size_t si)
{
    hctx *c = ctx;
    return an_dep_parse_sent(c->eng->nlp, &c->nlp, d, si, AN_LEVEL_PARSE);
}

/* The annotation of sentence si of d: same document and text, else the
   same index when one text holds the other. */
static const hgold *held_find(const hctx *c, const an_doc *d, uint32_t si)
{
    an_span id = an_doc_id(d);
    char text[2048];
    const an_sent *s = &d->sents[si];
    squeeze(d->text.p + s->start, s->end - s->start, text, sizeof text);
    const hgold *byidx = NULL;
    for (size_t i = 0; i < c->ng; i++) {
        const hgold *g = &c->g[i];
        if (strlen(g->doc) != id.n || memcmp(g->doc, id.p, id.n))
            continue;
        if (!strcmp(g->text, text))
            return g;
        if (g->sent == si)
            byidx = g;
    }
    if (byidx && (strstr(text, byidx->text) || strstr(byidx->text, text)))
        return byidx;
    return NULL;
}

/* Score the events of d as tools/where_eval.c does: the place is right
   when it is the annotated one (name and country), or the country as a
   whole when only a country is annotated, or the annotated sea. */
static void held_score(hctx *c, const an_doc *d)
{
    size_t n;
    const an_mention *m = an_doc_mentions(d, &n);
    const an_gaz *gz = c->eng->gaz;
    for (size_t i = 0; i < n; i++) {
        c->events++;
        const hgold *g = held_find(c, d, m[i].sent);
        if (!g)
            continue;
        c->annotated++;
        const an_place *p = &m[i].place;
        if (!p->source)
            continue;
        c->placed++;
        bool named = strcmp(g->place, "-") != 0;
        bool cty = strcmp(g->country, "-") && !strcmp(g->country, p->country);
        bool right = false;
        if (cty && named) {
            right = name_match(g->place, p->name);
        } else if (cty && p->geonames_id == 0 && !p->admin1[0]) {
            an_gaz_entry e;
            int ci = an_gaz_country(gz, p->country);
            an_gaz_entry_get(gz, an__gaz_country_entry(gz, ci), &e);
            right = !strcmp(e.name, p->name);
        } else if (named && !strcmp(g->country, "-") && !p->country[0]) {
            cty = right = name_match(g->place, p->name);
        }
        c->country_ok += cty;
        c->right += right;
    }
}

static int held_read(hctx *c, char *f)
{
    size_t cap = 0;
    for (char *save = NULL, *l = strtok_r(f, "\n", &save); l;
         l = strtok_r(NULL, "\n", &save)) {
        if (l[0] == '#' || !l[0])
            continue;
        char *col[5];
        int k = 0;
        for (char *p = l; k < 5 && p; k++) {
            col[k] = p;
            char *t = k < 4 ? strchr(p, '\t') : NULL;
            if (t)
                *t = 0;
            p = t ? t + 1 : NULL;
        }
        if (k < 5)
            return -1;
        if (c->ng == cap) {
            cap = cap ? 2 * cap : 256;
            hgold *ng = realloc(c->g, cap * sizeof *ng);
            if (!ng)
                return -1;
            c->g = ng;
        }
        hgold *g = &c->g[c->ng++];
        memset(g, 0, sizeof *g);
        snprintf(g->doc, sizeof g->doc, "%s", col[0]);
        g->sent = (unsigned)strtoul(col[1], NULL, 10);
        snprintf(g->place, sizeof g->place, "%s", col[2]);
        snprintf(g->country, sizeof g->country, "%s", col[3]);
        squeeze(col[4], strlen(col[4]), g->text, sizeof g->text);
    }
    return 0;
}

/*
** The held-out sample: 157 sentences of 32 documents of the shared news
** corpus that no place rule was tuned on, annotated before the rules of
** this module changed (see the file's header).  Each document goes
** through the engine at the code level, then the coder runs again on
** every sentence, parsed, targetless events kept (tools/where_eval
** --wide), and every event of an annotated sentence is scored.
*/
AN_TEST(where_heldout_places)
{
    size_t len;
    char *f = an_test_read_file("tests/data/whenwhere/heldout_places.tsv", &len);
    if (!f)
        AN_SKIP("tests/data/whenwhere/heldout_places.tsv not found (run from the repository root)");
    hctx c;
    memset(&c, 0, sizeof c);
    int rd = held_read(&c, f);
    free(f);
    ASSERT_EQ(rd, 0);
    ASSERT_GE(c.ng, 150);
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = "data";
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK)
        FAIL("engine: %s", err.msg);
    c.eng = eng;
    an_arena_init(&c.nlp);
    an_arena scratch;
    an_arena_init(&scratch);
    an_worker *w = NULL;
    an_doc *d = NULL;
    an_reader *r = NULL;
    const char *paths[] = {"tests/data/whenwhere/heldout_docs.jsonl"};
    int ok = an_worker_new(eng, &w, &err) == AN_OK && an_doc_new(&d) == AN_OK &&
             an_reader_new(NULL, paths, 1, &r, &err) == AN_OK;
    unsigned ndocs = 0;
    an_input *in;
    while (ok && an_reader_next(r, &in) == 1) {
        an_worker_process(w, in, d);
        an_arena_reset(&scratch);
        an_code_opts co;
        memset(&co, 0, sizeof co);
        co.gaz = eng->gaz;
        co.allow_no_target = 1;
        co.no_prefilter = 1;
        co.parse = held_parse;
        co.parse_ctx = &c;
        (void)an_code_doc(eng->dict, d, &scratch, &co);
        held_score(&c, d);
        an_doc_reset(d);
        ndocs++;
    }
    if (r)
        an_reader_free(r);
    if (d)
        an_doc_free(d);
    if (w)
        an_worker_free(w);
    an_arena_fini(&scratch);
    an_arena_fini(&c.nlp);
    an_engine_close(eng);
    free(c.g);
    ASSERT(ok);
    double prec = c.placed ? (double)c.right / c.placed : 0;
    double cprec = c.placed ? (double)c.country_ok / c.placed : 0;
    fprintf(stderr,
            "  where_heldout_places: %u documents, %u events (%u annotated), "
            "%u placed; place precision %.3f, country precision %.3f\n",
            ndocs, c.events, c.annotated, c.placed, prec, cprec);
    ASSERT_EQ(ndocs, 32);
    ASSERT_GE(c.annotated, 100);
    ASSERT_GE(c.placed, 0.9 * c.annotated);
    ASSERT_GE(prec, 0.55);
    ASSERT_GE(cprec, 0.83);
}
