/*
** test_when.c - time expressions: recognition and values against a
** document date, tense direction, undated documents, the date of an
** event's verb (unparsed and through a hand-built parse), and the
** TempEval-3 platinum floor.
*/
#include <stdlib.h>

#include "test.h"
#include "when/when.h"
#include "when/when_lex.h"

/* A document at level TEXT (tokens, sentences) with its timexes tagged. */
static an_doc *tagged(const char *date, const char *text)
{
    an_doc *d = an_test_process(AN_LEVEL_TEXT, AN_FMT_TEXT, "t", date, text);
    if (d && an_when_doc(d, NULL) != AN_OK) {
        an_doc_free(d);
        return NULL;
    }
    return d;
}

/* "text=value;text=value" for all timexes of d, into buf. */
static const char *listing(an_doc *d, char *buf, size_t n)
{
    size_t nt;
    const an_timex *t = an_doc_timexes(d, &nt);
    an_span text = an_doc_text(d);
    size_t o = 0;
    buf[0] = 0;
    for (size_t i = 0; i < nt && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%.*s=%s", i ? ";" : "",
                              (int)(t[i].end - t[i].start),
                              text.p + t[i].start, t[i].value);
    return buf;
}

typedef struct tcase {
    const char *date, *text, *want;
} tcase;

AN_TEST(when_lexicon_sorted)
{
    ASSERT(an__when_lex_sorted());
}

AN_TEST(when_values)
{
    /* 2025-03-18 is a Tuesday. */
    static const tcase cases[] = {
        {"2025-03-18", "He will speak on Monday.", "Monday=2025-03-24"},
        {"2025-03-18", "He spoke on Monday.", "Monday=2025-03-17"},
        {"2025-03-18", "Talks are scheduled for Friday.", "Friday=2025-03-21"},
        {"2025-03-18", "Police said on Friday that two men were held.",
         "Friday=2025-03-14"},
        {"2025-03-18", "They met yesterday and meet again tomorrow.",
         "yesterday=2025-03-17;tomorrow=2025-03-19"},
        {"2025-03-18", "It happened last week, not this week or next week.",
         "last week=2025-W11;this week=2025-W12;next week=2025-W13"},
        {"2025-03-18", "A ceasefire within the next 48 hours.",
         "the next 48 hours=PT48H"},
        {"2025-03-18", "Signed on Feb. 12 in Riyadh.", "Feb. 12=2025-02-12"},
        {"2025-03-18", "Released 17 Mar 2025 and on 2025-03-17.",
         "17 Mar 2025=2025-03-17;2025-03-17=2025-03-17"},
        {"2025-03-18", "On March 17, 2024 he resigned.",
         "March 17, 2024=2024-03-17"},
        {"2025-03-18", "The vote was held in August.", "August=2024-08"},
        {"2025-03-18", "The vote will be held in August.", "August=2025-08"},
        {"2025-03-18", "He was elected three years ago.",
         "three years ago=2022"},
        {"2025-03-18", "Protests continued for three days.",
         "three days=P3D"},
        {"2025-03-18", "A four-week truce.", "four-week=P4W"},
        {"2025-03-18", "They meet every Monday.", "every Monday=XXXX-WXX-1"},
        {"2025-03-18", "The war of the 1990s.", "the 1990s=199"},
        {"2025-03-18", "It fell in early December.",
         "early December=2024-12"},
        {"2025-03-18", "The strike began at 8 p.m. on Friday.",
         "8 p.m. on Friday=2025-03-14T20:00"},
        {"2025-03-18", "Prices are high now.", "now=PRESENT_REF"},
        {"2025-03-18", "Last month prices rose; this year they fell.",
         "Last month=2025-02;this year=2025"},
        {"2025-03-18", "Profit in the third quarter rose.",
         "the third quarter=2024-Q3"},
        {"2025-03-18", "In 2010 the city grew.", "2010=2010"},
        {"2025-03-18", "Some 2010 people marched.", ""},
        {"2025-03-18", "He may come, and the march went on.", ""},
        {"2025-03-18", "It rose 3.5 percent, with 1,000 troops.", ""},
        {"2025-03-18", "Meet me in May.", "May=2025-05"},
        {"2025-03-18", "The talks lasted almost seven years.",
         "almost seven years=P7Y"},
        {"2025-03-18", "He spoke Friday afternoon.",
         "Friday afternoon=2025-03-14TAF"},
        {"2025-03-18", "It happened last summer.", "last summer=2024-SU"},
        /* No document date: relative dates keep placeholders. */
        {NULL, "He will speak on Monday, March 17.",
         "Monday, March 17=XXXX-03-17"},
        {NULL, "He spoke on Monday.", "Monday=XXXX-WXX-1"},
        {NULL, "It happened on 17 March 2025.", "17 March 2025=2025-03-17"},
    };
    char buf[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        an_doc *d = tagged(cases[i].date, cases[i].text);
        ASSERT(d != NULL);
        listing(d, buf, sizeof buf);
        an_doc_free(d);
        if (strcmp(buf, cases[i].want) != 0)
            FAIL("\"%s\" (%s):\n    got  \"%s\"\n    want \"%s\"", cases[i].text,
                 cases[i].date ? cases[i].date : "undated", buf, cases[i].want);
    }
}

AN_TEST(when_types_and_mods)
{
    an_doc *d = tagged("2013-03-22",
                       "In early 2011 it had lasted more than a week, and "
                       "every morning since.");
    ASSERT(d != NULL);
    size_t n;
    const an_timex *t = an_doc_timexes(d, &n);
    ASSERT_EQ(n, 3);
    ASSERT_EQ(t[0].type, AN_TIMEX_DATE);
    ASSERT_EQ(t[0].mod, AN_TMOD_START);
    ASSERT_STR_EQ(t[0].value, "2011");
    ASSERT_EQ(t[1].type, AN_TIMEX_DURATION);
    ASSERT_EQ(t[1].mod, AN_TMOD_MORE_THAN);
    ASSERT_STR_EQ(t[1].value, "P1W");
    ASSERT_EQ(t[2].type, AN_TIMEX_SET);
    ASSERT_STR_EQ(t[2].value, "XXXX-XX-XXTMO");
    ASSERT_STR_EQ(an_timex_type_name(t[2].type), "SET");
    an_doc_free(d);
}

AN_TEST(when_resolve_with_tense)
{
    an_doc *d = tagged("2025-03-18", "Talks on Friday.");
    ASSERT(d != NULL);
    size_t n;
    const an_timex *t = an_doc_timexes(d, &n);
    ASSERT_EQ(n, 1);
    an_timex x = t[0];
    an_when_resolve(d, &x, AN_TENSE_FUTURE);
    ASSERT_STR_EQ(x.value, "2025-03-21");
    an_when_resolve(d, &x, AN_TENSE_PAST);
    ASSERT_STR_EQ(x.value, "2025-03-14");
    ASSERT_EQ(x.lo.day, 14);
    an_doc_free(d);
}

/* Token index (within sentence 0) of the word w. */
static uint32_t tok_of(an_doc *d, const char *w)
{
    size_t n;
    const an_tok *t = an_doc_tokens(d, &n);
    for (size_t i = 0; i < n; i++)
        if (an_span_eq(t[i].norm, w))
            return (uint32_t)i;
    return UINT32_MAX;
}

AN_TEST(when_event_date_unparsed)
{
    an_doc *d = tagged("2025-03-18", "Russia attacked Kyiv on Monday.");
    ASSERT(d != NULL);
    an_mention m;
    memset(&m, 0, sizeof m);
    an_when_event_date(d, 0, tok_of(d, "attacked"), &m);
    ASSERT_EQ(m.date_source, AN_EDATE_EXPRESSION);
    ASSERT_EQ(m.date.year, 2025);
    ASSERT_EQ(m.date.month, 3);
    ASSERT_EQ(m.date.day, 17);
    ASSERT_EQ(m.date_end - m.date_start, 6);
    an_doc_free(d);

    d = tagged("2025-03-18", "Russia attacked Kyiv.");
    an_when_event_date(d, 0, tok_of(d, "attacked"), &m);
    ASSERT_EQ(m.date_source, AN_EDATE_DOCUMENT);
    ASSERT_EQ(m.date.day, 18);
    an_doc_free(d);

    /* No document date and only a relative expression: undated. */
    d = tagged(NULL, "Russia attacked Kyiv on Monday.");
    an_when_event_date(d, 0, tok_of(d, "attacked"), &m);
    ASSERT_EQ(m.date_source, AN_EDATE_NONE);
    ASSERT_EQ(m.date.year, 0);
    an_doc_free(d);

    /* No document date but an absolute date: dated by the expression. */
    d = tagged(NULL, "Russia attacked Kyiv on 17 March 2025.");
    an_when_event_date(d, 0, tok_of(d, "attacked"), &m);
    ASSERT_EQ(m.date_source, AN_EDATE_EXPRESSION);
    ASSERT_EQ(m.date.day, 17);
    an_doc_free(d);

    /* A week gives the month its Thursday falls in. */
    d = tagged("2025-03-18", "Russia attacked Kyiv last week.");
    an_when_event_date(d, 0, tok_of(d, "attacked"), &m);
    ASSERT_EQ(m.date_source, AN_EDATE_EXPRESSION);
    ASSERT_EQ(m.date.month, 3);
    ASSERT_EQ(m.date.day, 0);
    an_doc_free(d);
}

/* Set head/deprel of sentence 0 by word: {word, head word, relation}. */
typedef struct arc {
    const char *w, *head;
    int rel;
} arc;

static int parse_by_hand(an_doc *d, const arc *arcs, size_t n)
{
    /* Tests may write the document's parse: it is what the parser fills. */
    size_t nt;
    an_tok *t = (an_tok *)an_doc_tokens(d, &nt);
    an_sent *s = (an_sent *)an_doc_sentences(d, &nt);
    for (size_t i = 0; i < n; i++) {
        uint32_t k = tok_of(d, arcs[i].w);
        uint32_t h = arcs[i].head ? tok_of(d, arcs[i].head) : UINT32_MAX;
        if (k == UINT32_MAX || (arcs[i].head && h == UINT32_MAX))
            return -1;
        t[k].head = arcs[i].head ? (int32_t)h : -1;
        t[k].deprel = (uint8_t)arcs[i].rel;
    }
    s[0].flags |= AN_SENT_PARSED;
    return 0;
}

AN_TEST(when_event_date_parsed)
{
    /* "Officials said on Friday the talks will resume on Monday." */
    an_doc *d = tagged("2025-03-18",
                       "Officials said on Friday the talks will resume on "
                       "Monday.");
    ASSERT(d != NULL);
    size_t n;
    const an_tok *t = an_doc_tokens(d, &n);
    /* Two "on": pick them by position. */
    uint32_t on1 = tok_of(d, "on"), on2 = UINT32_MAX;
    for (uint32_t i = on1 + 1; i < n; i++)
        if (an_span_eq(t[i].norm, "on"))
            on2 = i;
    static const arc arcs[] = {
        {"officials", "said", AN_DEP_NSUBJ}, {"said", NULL, AN_DEP_ROOT},
        {"friday", "said", AN_DEP_OBL},      {"the", "talks", AN_DEP_DET},
        {"talks", "resume", AN_DEP_NSUBJ},   {"will", "resume", AN_DEP_AUX},
        {"resume", "said", AN_DEP_CCOMP},    {"monday", "resume", AN_DEP_OBL},
    };
    ASSERT_EQ(parse_by_hand(d, arcs, sizeof arcs / sizeof arcs[0]), 0);
    an_tok *tw = (an_tok *)t;
    tw[on1].head = (int32_t)tok_of(d, "friday");
    tw[on1].deprel = AN_DEP_CASE;
    tw[on2].head = (int32_t)tok_of(d, "monday");
    tw[on2].deprel = AN_DEP_CASE;
    an_mention m;
    an_when_event_date(d, 0, tok_of(d, "resume"), &m);
    ASSERT_EQ(m.date_source, AN_EDATE_EXPRESSION);
    ASSERT_EQ(m.date.day, 24); /* the next Monday: "will resume" */
    an_when_event_date(d, 0, tok_of(d, "said"), &m);
    ASSERT_EQ(m.date_source, AN_EDATE_EXPRESSION);
    ASSERT_EQ(m.date.day, 14); /* the last Friday: "said" */
    ASSERT_EQ(an_when_verb_tense(d, 0, tok_of(d, "resume")), AN_TENSE_FUTURE);
    an_doc_free(d);
}

AN_TEST(when_tempeval3_platinum)
{
    char dir[512];
    if (!an_test_shared_path("eval/timex/te3-platinum", dir, sizeof dir))
        AN_SKIP("../shared/eval/timex/te3-platinum is absent");
    an_timex_scores sc;
    an_err err;
    ASSERT_EQ(an_timex_eval(dir, &sc, NULL, &err), AN_OK);
    ASSERT_EQ(sc.files, 20);
    ASSERT_EQ(sc.gold, 138);
    ASSERT_GE(sc.value_f1, 0.80);
    ASSERT_GE(sc.relaxed_f1, 0.88);
    ASSERT_GE(sc.strict_f1, 0.80);
}

AN_TEST(when_eval_errors)
{
    an_timex_scores sc;
    an_err err;
    ASSERT_EQ(an_timex_eval("/nonexistent/dir", &sc, NULL, &err), AN_ENOENT);
    const char *tmp = an_test_tmpdir();
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/tml", tmp);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    ASSERT_EQ(system(cmd), 0);
    snprintf(path, sizeof path, "%s/bad.tml", dir);
    const char *bad = "<TimeML><TEXT>On <TIMEX3 type=\"DATE\" value=\"X\">"
                      "Monday</TEXT></TimeML>";
    ASSERT_EQ(an_test_write_file(path, bad, strlen(bad)), 0);
    ASSERT_EQ(an_timex_eval(dir, &sc, NULL, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "bad.tml");
    const char *good =
        "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-03-22\">"
        "x</TIMEX3></DCT><TEXT>He left on <TIMEX3 tid=\"t1\" type=\"DATE\" "
        "value=\"2013-03-21\">Thursday</TIMEX3> &amp; came back.</TEXT>"
        "</TimeML>";
    ASSERT_EQ(an_test_write_file(path, good, strlen(good)), 0);
    ASSERT_EQ(an_timex_eval(dir, &sc, NULL, &err), AN_OK);
    ASSERT_EQ(sc.gold, 1);
    ASSERT_EQ(sc.sys, 1);
    ASSERT_EQ(sc.strict, 1);
    ASSERT_EQ(sc.value_ok, 1);
}
