/*
** test_actor.c - actor recognition in documents with the shipped
** dictionary set: names on the document date, countries, capitals and
** demonyms, title + nationality, agents alone, compound groups and
** coreference.
*/
#include <stdbool.h>
#include <stdlib.h>

#include "annals/dict.h"
#include "test.h"

/* Process one text at AN_LEVEL_CODE with the repository's data. */
static an_doc *code_text(const char *date, const char *text)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = "data";
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "engine: %s\n", err.msg);
        return NULL;
    }
    an_worker *w;
    an_doc *d;
    an_input *in;
    if (an_worker_new(eng, &w, &err) != AN_OK || an_doc_new(&d) != AN_OK ||
        an_input_new(&in, AN_FMT_TEXT, "t", date, text, strlen(text)) != AN_OK)
        return NULL;
    an_worker_process(w, in, d);
    an_worker_free(w);
    an_engine_close(eng);
    return d;
}

/* The mention whose text is `what` (first one), or NULL. */
static const an_actor_mention *find(const an_doc *d, const char *what)
{
    size_t n;
    const an_actor_mention *m = an_doc_actors(d, &n);
    for (size_t i = 0; i < n; i++)
        if (m[i].ref.text && !strcmp(m[i].ref.text, what))
            return &m[i];
    return NULL;
}

#define EXPECT(doc, text, code_, how_)                                       \
    do {                                                                     \
        const an_actor_mention *m_ = find(doc, text);                        \
        if (!m_)                                                             \
            FAIL("no actor \"%s\"", text);                                   \
        if (!m_->ref.code || strcmp(m_->ref.code, code_))                    \
            FAIL("\"%s\": code %s, expected %s", text,                       \
                 m_->ref.code ? m_->ref.code : "(none)", code_);             \
        ASSERT_EQ(m_->ref.how, how_);                                        \
    } while (0)

AN_TEST(actor_names_countries_titles)
{
    an_doc *d = code_text("2024-03-01",
        "Russian forces shelled Kharkiv on Friday. Ukrainian President "
        "Volodymyr Zelenskyy said Kyiv would respond. The Kremlin denied it. "
        "Ukraine's foreign minister spoke to police. Iraqi Prime Minister "
        "Adil Abdul-Mahdi visited Tehran. The president of Poland agreed.");
    ASSERT(d);
    EXPECT(d, "Russian forces", "RUSMIL", AN_ACTOR_COUNTRY);
    EXPECT(d, "Ukrainian President Volodymyr Zelenskyy", "UKRGOV", AN_ACTOR_NAME);
    EXPECT(d, "Kyiv", "UKRGOV", AN_ACTOR_COUNTRY);
    EXPECT(d, "Kremlin", "RUSGOV", AN_ACTOR_NAME);
    EXPECT(d, "Ukraine's foreign minister", "UKRGOV", AN_ACTOR_TITLE);
    EXPECT(d, "police", "---COP", AN_ACTOR_AGENT);
    EXPECT(d, "Iraqi Prime Minister Adil Abdul-Mahdi", "IRQGOV", AN_ACTOR_TITLE);
    EXPECT(d, "Tehran", "IRNGOV", AN_ACTOR_COUNTRY);
    EXPECT(d, "president of Poland", "POLGOV", AN_ACTOR_TITLE);
    const an_actor_mention *m = find(d, "Russian forces");
    ASSERT_STR_EQ(m->ref.country, "RUS");
    ASSERT_STR_EQ(m->ref.sector, "MIL");
    m = find(d, "police");
    ASSERT_STR_EQ(m->ref.country, "");
    ASSERT_STR_EQ(m->ref.sector, "COP");
    /* Offsets point at the text. */
    an_span t = an_doc_text(d);
    m = find(d, "Kyiv");
    ASSERT(m->ref.end <= t.n);
    ASSERT(!memcmp(t.p + m->ref.start, "Kyiv", 4));
    an_doc_free(d);
}

AN_TEST(actor_codes_follow_the_document_date)
{
    const char *text = "Trump spoke with Zelensky.";
    an_doc *d = code_text("2018-06-01", text);
    ASSERT(d);
    EXPECT(d, "Trump", "USAGOV", AN_ACTOR_NAME);
    ASSERT(!find(d, "Zelensky")); /* not in office before 2019-05-20 */
    an_doc_free(d);
    d = code_text("2022-06-01", text);
    ASSERT(d);
    EXPECT(d, "Trump", "USAELI", AN_ACTOR_NAME);
    EXPECT(d, "Zelensky", "UKRGOV", AN_ACTOR_NAME);
    an_doc_free(d);
    d = code_text("2025-02-01", text);
    ASSERT(d);
    EXPECT(d, "Trump", "USAGOV", AN_ACTOR_NAME);
    an_doc_free(d);
}

AN_TEST(actor_compounds_share_a_group)
{
    an_doc *d = code_text("2023-01-01",
        "Britain, France and Germany condemned the attack. "
        "Arnor, the biggest partner, and Russia met.");
    ASSERT(d);
    const an_actor_mention *a = find(d, "Britain"), *b = find(d, "France"),
                           *c = find(d, "Germany");
    ASSERT(a && b && c);
    ASSERT_EQ(a->group, b->group);
    ASSERT_EQ(b->group, c->group);
    const an_actor_mention *r = find(d, "Russia");
    ASSERT(r);
    ASSERT_NE(r->group, c->group);
    an_doc_free(d);
}

AN_TEST(actor_coreference)
{
    an_doc *d = code_text("2024-03-01",
        "Ukrainian President Volodymyr Zelenskyy visited Paris. He met "
        "French officials. Later the president flew home. Iraqi Prime "
        "Minister Adil Abdul-Mahdi arrived. Abdul-Mahdi said little.");
    ASSERT(d);
    size_t n;
    const an_actor_mention *m = an_doc_actors(d, &n);
    int he = -1, pres = -1, sur = -1;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(m[i].ref.text, "He"))
            he = (int)i;
        if (!strcmp(m[i].ref.text, "the president"))
            pres = (int)i;
        if (!strcmp(m[i].ref.text, "Abdul-Mahdi") && m[i].ref.how == AN_ACTOR_COREF)
            sur = (int)i;
    }
    ASSERT(he >= 0 && pres >= 0 && sur >= 0);
    ASSERT_EQ(m[he].ref.how, AN_ACTOR_COREF);
    ASSERT_STR_EQ(m[he].ref.code, "UKRGOV");
    ASSERT_STR_EQ(m[m[he].antecedent].ref.text,
                  "Ukrainian President Volodymyr Zelenskyy");
    ASSERT_STR_EQ(m[pres].ref.code, "UKRGOV");
    ASSERT_STR_EQ(m[sur].ref.code, "IRQGOV");
    an_doc_free(d);
}

AN_TEST(actor_empty_and_odd_documents)
{
    const char *texts[] = {"", ".", "he he he", "the president the president",
                           "'s 's of of", "President of", "Ukrainian"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        an_doc *d = code_text("2024-01-01", texts[i]);
        ASSERT(d);
        size_t n;
        an_doc_actors(d, &n);
        an_doc_free(d);
    }
    /* No date: codes still come out (undated default or latest range). */
    an_doc *d = code_text(NULL, "Kyiv and Moscow.");
    ASSERT(d);
    EXPECT(d, "Kyiv", "UKRGOV", AN_ACTOR_COUNTRY);
    an_doc_free(d);
}

AN_TEST(actor_with_another_dictionary)
{
    /* Tokens at AN_LEVEL_TEXT, then actors with a dictionary opened
       apart from the engine (as a validation suite does). */
    const char *path = "t.actors.txt";
    char src[512], out[512];
    snprintf(src, sizeof src, "%s/%s", an_test_tmpdir(), path);
    snprintf(out, sizeof out, "%s/t.dict", an_test_tmpdir());
    const char text[] = "ARNOR [ARN]\nGONDOR [GON]\nPOLICE {} [~COP]\n";
    ASSERT_EQ(an_test_write_file(src, text, sizeof text - 1), 0);
    const char *srcs[] = {src};
    an_err err;
    ASSERT_EQ(an_dict_compile(srcs, 1, out, NULL, NULL, NULL, &err), AN_OK);
    an_dict *dict;
    ASSERT_EQ(an_dict_open(out, &dict, &err), AN_OK);
    an_doc *d = an_test_process(AN_LEVEL_TEXT, AN_FMT_TEXT, "x", "1995-01-01",
                                "Arnor is about to restore ties with Gondor.");
    ASSERT(d);
    size_t n;
    an_doc_actors(d, &n);
    ASSERT_EQ(n, 0);
    ASSERT_EQ(an_dict_actors(dict, d), AN_OK);
    const an_actor_mention *m = an_doc_actors(d, &n);
    ASSERT_EQ(n, 2);
    ASSERT_STR_EQ(m[0].ref.code, "ARN");
    ASSERT_STR_EQ(m[1].ref.code, "GON");
    ASSERT_EQ(an_dict_actors(NULL, d), AN_EINVAL);
    an_doc_free(d);
    an_dict_close(dict);
}

AN_TEST(actor_agents_with_prepositions_and_compounds)
{
    an_doc *d = code_text("2024-03-01",
        "Soldiers from Russia crossed. A court in Guyana ruled. US and "
        "British activists protested. Lawmakers in France and Germany "
        "voted. The mayor of the northern Kharkiv region spoke. White "
        "House officials agreed. Russia's new defence minister arrived. "
        "Ukraine's former foreign minister left. Former officials met.");
    ASSERT(d);
    EXPECT(d, "Soldiers from Russia", "RUSMIL", AN_ACTOR_TITLE);
    EXPECT(d, "court in Guyana", "GUYJUD", AN_ACTOR_TITLE);
    EXPECT(d, "British activists", "GBROPP", AN_ACTOR_COUNTRY);
    EXPECT(d, "US", "USAOPP", AN_ACTOR_NAME);
    EXPECT(d, "Lawmakers in France", "FRALEG", AN_ACTOR_TITLE);
    EXPECT(d, "Germany", "DEULEG", AN_ACTOR_COUNTRY);
    EXPECT(d, "mayor of the northern Kharkiv", "UKRGOV", AN_ACTOR_TITLE);
    EXPECT(d, "White House officials", "USAGOV", AN_ACTOR_TITLE);
    EXPECT(d, "Russia's new defence minister", "RUSGOV", AN_ACTOR_TITLE);
    EXPECT(d, "Ukraine's former foreign minister", "UKRELI", AN_ACTOR_TITLE);
    EXPECT(d, "officials", "---ELI", AN_ACTOR_AGENT);
    an_doc_free(d);
}

/* Count the mentions with text `what` and code `code`. */
static size_t count_code(const an_doc *d, const char *what, const char *code)
{
    size_t n, k = 0;
    const an_actor_mention *m = an_doc_actors(d, &n);
    for (size_t i = 0; i < n; i++)
        k += m[i].ref.text && !strcmp(m[i].ref.text, what) && m[i].ref.code &&
             !strcmp(m[i].ref.code, code);
    return k;
}

/*
** A leader's one-word alias (a surname) after another given name is
** someone else, and so is the bare surname later in the document, until
** the leader is named in full again; titles before it and the leader's
** own given name keep it.
*/
AN_TEST(actor_surname_of_another_person)
{
    an_doc *d = code_text("2019-11-19",
        "Former official Timothy Morrison told investigators he was there. "
        "Republican counsel Steve Castor asked Morrison about it. "
        "Scott Morrison spoke in Canberra. Later Morrison said nothing. "
        "Prime Minister Morrison left.");
    ASSERT(d);
    ASSERT(!find(d, "Timothy Morrison"));
    ASSERT_EQ(count_code(d, "Morrison", "AUSGOV"), 1u); /* "Later Morrison" */
    EXPECT(d, "Scott Morrison", "AUSGOV", AN_ACTOR_NAME);
    EXPECT(d, "Prime Minister Morrison", "AUSGOV", AN_ACTOR_NAME);
    size_t n;
    const an_actor_mention *m = an_doc_actors(d, &n);
    /* The first two "Morrison" (sentences 0 and 1) are no leader. */
    for (size_t i = 0; i < n; i++)
        if (m[i].ref.code && !strcmp(m[i].ref.code, "AUSGOV"))
            ASSERT(m[i].sent >= 2);
    an_doc_free(d);
    /* "a spokesperson for X" speaks for X. */
    d = code_text("2019-11-19",
                  "A spokesperson for the British Foreign Office reiterated the position.");
    ASSERT(d);
    m = an_doc_actors(d, &n);
    bool gbr = false;
    for (size_t i = 0; i < n; i++)
        gbr |= m[i].ref.code && !strcmp(m[i].ref.code, "GBRGOV") && m[i].ref.text &&
               !strncmp(m[i].ref.text, "spokesperson", 12);
    ASSERT(gbr);
    an_doc_free(d);
}
