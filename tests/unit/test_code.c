/*
** test_code.c - the event coder: verb frames from hand-built parses
** (subject, passive agent, objects, xcomp, ccomp, conj, negation), the
** pattern matcher ('$' '+' '^' '%', synsets, alternatives, gaps), roles,
** modality, reported speech, compounds, one event per clause, the
** mention fields (PLOVER, Goldstein, quad class), the JSON lines of
** `annals code`, the prefilter, and the golden files in tests/golden.
*/
#include <dirent.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "annals/code.h"
#include "code/code.h"
#include "dict/dict.h"
#include "actor/actor.h"
#include "when/when.h"
#include "where/where.h"
#include "doc/doc_int.h"
#include "test.h"

/* ---- a small dictionary set written for these tests ---- */

static const char verbs_src[] =
    "&WEAPON\n"
    "+WEAPON\n"
    "+MISSILE\n"
    "\n"
    "--- ATTACK [190] ---\n"
    "ATTACK\n"
    "SHELL\n"
    "- * (WITH &WEAPON) [195]\n"
    "\n"
    "--- SEND [---] ---\n"
    "SEND {SENDS SENT SENDING}\n"
    "- * &WEAPON (TO +) [072]\n"
    "- * ^ (TO +) [070]\n"
    "\n"
    "--- MEET [040] ---\n"
    "MEET {MEETS MET MEETING}\n"
    "\n"
    "--- SAY [010] ---\n"
    "SAY {SAYS SAID SAYING}\n"
    "\n"
    "--- AGREE [030] ---\n"
    "AGREE\n"
    "- % * [030:030]\n"
    "- * WITH % [031]\n"
    "\n"
    "--- ACCUSE [112] ---\n"
    "ACCUSE\n"
    "- $ * + (OF) [112]\n"
    "- + WAS * BY $ [112]\n"
    "\n"
    "--- VISIT [042:043] ---\n"
    "VISIT\n";

static const char actors_src[] =
    "ARNOR_ [ARN]\n"
    "GONDOR_ [GON]\n"
    "ROHAN_ [ROH]\n"
    "ITHILEN_ [ITH]\n"
    "MORDOR_ [MOR]\n";

static const char agents_src[] =
    "SOLDIER [~MIL]\n"
    "MINISTER [~GOV]\n";

static const char cameo_src[] =
    "190\tUse conventional military force\n"
    "195\tEmploy aerial weapons\n"
    "072\tProvide military aid\n"
    "040\tConsult\n"
    "010\tMake statement\n"
    "112\tAccuse\n";

static const char gold_src[] = "190\t-10.0\n072\t8.3\n040\t1.0\n112\t-2.0\n";

static const char plover_src[] =
    "19: ASSAULT\n190: ASSAULT, , military # force\n"
    "07: AID\n072: AID, , military # military aid\n"
    "04: CONSULT\n040: CONSULT, , # consult\n";

static an_buf g_img;
static an_dict *g_dict;

static const char *write_tmp(const char *name, const char *text)
{
    static char paths[8][512];
    static int slot;
    char *p = paths[slot++ % 8];
    snprintf(p, 512, "%s/%s", an_test_tmpdir(), name);
    return an_test_write_file(p, text, strlen(text)) == 0 ? p : NULL;
}

/* The test dictionary, compiled once. */
static const an_dict *test_dict(void)
{
    if (g_dict)
        return g_dict;
    const char *srcs[] = {
        write_tmp("t.verbs.txt", verbs_src), write_tmp("t.actors.txt", actors_src),
        write_tmp("t.agents.txt", agents_src), write_tmp("t.eventcodes.txt", cameo_src),
        write_tmp("t.goldsteinscale.txt", gold_src),
        write_tmp("t.CAMEO2PLOVER.txt", plover_src)};
    for (size_t i = 0; i < AN_COUNT(srcs); i++)
        if (!srcs[i])
            return NULL;
    char out[512];
    snprintf(out, sizeof out, "%s/code-test.dict", an_test_tmpdir());
    an_err err;
    if (an_dict_compile(srcs, AN_COUNT(srcs), out, NULL, NULL, NULL, &err) != AN_OK) {
        fprintf(stderr, "compile: %s\n", err.msg);
        return NULL;
    }
    size_t len;
    char *p = an_test_read_file(out, &len);
    if (!p)
        return NULL;
    an_buf_init(&g_img);
    an_buf_add(&g_img, p, len);
    free(p);
    if (an_dict_from_memory(g_img.p, g_img.n, &g_dict, &err) != AN_OK)
        return NULL;
    return g_dict;
}

/* ---- documents with hand-built parses ---- */

/* Tokenize a one-sentence text (level TEXT, no data needed). */
static an_doc *text_doc(const char *text)
{
    an_doc *d = an_test_process(AN_LEVEL_TEXT, AN_FMT_TEXT, "t", "2025-03-18", text);
    if (d && d->nsent > 1) {
        /* these tests are one sentence each */
        d->sents[0].end = d->sents[d->nsent - 1].end;
        d->sents[0].ntok = (uint32_t)d->ntok;
        d->nsent = 1;
    }
    return d;
}

/*
** Give every token a tag, head and relation: `spec` is one
** "UPOS[:XPOS] HEAD REL" per token, separated by ';' (HEAD 0-based, -1
** for the root).  Returns false when the counts differ.
*/
static bool set_parse(an_doc *d, const char *spec)
{
    size_t i = 0;
    const char *p = spec;
    while (*p && i < d->ntok) {
        while (*p == ' ' || *p == ';')
            p++;
        char up[16] = "", rel[24] = "";
        int head = 0, k = 0;
        if (sscanf(p, "%15s %d %23[^;]%n", up, &head, rel, &k) < 3)
            return false;
        p += k;
        char *colon = strchr(up, ':');
        an_tok *t = &d->toks[i];
        if (colon) {
            *colon = 0;
            t->xpos = (uint8_t)an_xpos_from_name(colon + 1, strlen(colon + 1));
        }
        size_t rl = strlen(rel);
        while (rl && rel[rl - 1] == ' ')
            rel[--rl] = 0;
        t->upos = (uint8_t)an_upos_from_name(up, strlen(up));
        t->head = head;
        t->deprel = (uint8_t)an_deprel_from_name(rel, rl);
        i++;
    }
    while (*p == ' ' || *p == ';')
        p++;
    if (i != d->ntok || *p)
        return false;
    d->sents[0].flags |= AN_SENT_TAGGED | AN_SENT_PARSED;
    return true;
}

/* The events of a doc as "SRC TGT CODE" lines, sorted, into buf. */
static const char *events(const an_doc *d, char *buf, size_t cap)
{
    size_t n;
    const an_mention *m = an_doc_mentions(d, &n);
    char lines[32][64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 32; i++)
        snprintf(lines[k++], sizeof lines[0], "%s %s %s", m[i].source.code,
                 m[i].target.code ? m[i].target.code : "---", m[i].cameo);
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
            char t[64];
            memcpy(t, lines[j], sizeof t);
            memcpy(lines[j], lines[j - 1], sizeof t);
            memcpy(lines[j - 1], t, sizeof t);
        }
    buf[0] = 0;
    for (size_t i = 0; i < k; i++) {
        if (i)
            strncat(buf, "; ", cap - strlen(buf) - 1);
        strncat(buf, lines[i], cap - strlen(buf) - 1);
    }
    return buf;
}

/* Code `text` with the test dictionary, parsed as `spec` (NULL: word
   order), and compare the events. */
#define CODE_EXPECT(text, spec, expected)                                   \
    do {                                                                     \
        const an_dict *dd_ = test_dict();                                    \
        ASSERT(dd_);                                                         \
        an_doc *d_ = text_doc(text);                                         \
        ASSERT(d_);                                                          \
        if ((spec) && !set_parse(d_, (spec)))                                \
            FAIL("parse spec does not fit \"%s\" (%zu tokens)", text,       \
                 d_->ntok);                                                  \
        ASSERT_EQ(an_code_with(dd_, d_, NULL), AN_OK);                       \
        char evb_[512];                                                        \
        events(d_, evb_, sizeof evb_);                                           \
        an_doc_free(d_);                                                     \
        ASSERT_STR_EQ(evb_, expected);                                         \
    } while (0)

AN_TEST(code_parse_subject_object)
{
    CODE_EXPECT("Arnor attacked Gondor .",
                "PROPN 1 nsubj; VERB:VBD -1 root; PROPN 1 obj; PUNCT 1 punct",
                "ARN GON 190");
    /* Word order gives the same. */
    CODE_EXPECT("Arnor attacked Gondor.", NULL, "ARN GON 190");
}

AN_TEST(code_parse_passive_agent)
{
    /* "Gondor was attacked by Arnor": the by-agent is the source. */
    CODE_EXPECT("Gondor was attacked by Arnor .",
                "PROPN 2 nsubj:pass; AUX 2 aux:pass; VERB:VBN -1 root; "
                "ADP 4 case; PROPN 2 obl:agent; PUNCT 2 punct",
                "ARN GON 190");
    CODE_EXPECT("Gondor was attacked by Arnor.", NULL, "ARN GON 190");
}

AN_TEST(code_parse_inserted_clause)
{
    /* The relative clause names Rohan; the parse keeps it out of the
       subject and the object. */
    CODE_EXPECT("Arnor , which Rohan supports , attacked Gondor .",
                "PROPN 6 nsubj; PUNCT 4 punct; PRON 4 obj; PROPN 4 nsubj; "
                "VERB 0 acl:relcl; PUNCT 4 punct; VERB:VBD -1 root; "
                "PROPN 6 obj; PUNCT 6 punct",
                "ARN GON 190");
}

AN_TEST(code_reported_speech)
{
    /* "Ithilen said Arnor attacked Gondor": the embedded event is coded,
       not Ithilen's statement, and its source is its own subject. */
    CODE_EXPECT("Ithilen said Arnor attacked Gondor .",
                "PROPN 1 nsubj; VERB:VBD -1 root; PROPN 3 nsubj; "
                "VERB:VBD 1 ccomp; PROPN 3 obj; PUNCT 1 punct",
                "ARN GON 190");
    CODE_EXPECT("Ithilen said Arnor attacked Gondor.", NULL, "ARN GON 190");
    /* A statement to someone without an embedded event stays. */
    CODE_EXPECT("Ithilen said to Gondor on Monday.", NULL, "ITH GON 010");
}

AN_TEST(code_negation_and_modality)
{
    const an_dict *dd = test_dict();
    ASSERT(dd);
    /* "did not attack" is not an attack. */
    CODE_EXPECT("Arnor did not attack Gondor.", NULL, "");
    CODE_EXPECT("Arnor did not attack Gondor .",
                "PROPN 3 nsubj; AUX 3 aux; PART 3 advmod; VERB:VB -1 root; "
                "PROPN 3 obj; PUNCT 3 punct",
                "");
    /* Kept on request, with the modality "negated". */
    an_doc *d = text_doc("Arnor did not attack Gondor.");
    ASSERT(d);
    an_coder_opts o = {0};
    o.keep_negated = 1;
    ASSERT_EQ(an_code_with(dd, d, &o), AN_OK);
    size_t n;
    const an_mention *m = an_doc_mentions(d, &n);
    ASSERT_EQ(n, 1);
    ASSERT_EQ(m[0].modality, AN_MOD_NEGATED);
    ASSERT_STR_EQ(an_modality_name(m[0].modality), "negated");
    an_doc_free(d);
    /* "will meet", "is scheduled to meet": planned. */
    d = text_doc("Arnor will meet Gondor.");
    ASSERT(d);
    ASSERT_EQ(an_code_with(dd, d, NULL), AN_OK);
    m = an_doc_mentions(d, &n);
    ASSERT_EQ(n, 1);
    ASSERT_STR_EQ(m[0].cameo, "040");
    ASSERT_EQ(m[0].modality, AN_MOD_PLANNED);
    an_doc_free(d);
    d = text_doc("Arnor is scheduled to meet Gondor .");
    ASSERT(d);
    ASSERT(set_parse(d, "PROPN 2 nsubj:pass; AUX 2 aux:pass; VERB:VBN -1 root; "
                        "PART 4 mark; VERB:VB 2 xcomp; PROPN 4 obj; PUNCT 2 punct"));
    ASSERT_EQ(an_code_with(dd, d, NULL), AN_OK);
    m = an_doc_mentions(d, &n);
    ASSERT_EQ(n, 1);
    ASSERT_STR_EQ(m[0].source.code, "ARN");
    ASSERT_STR_EQ(m[0].target.code, "GON");
    ASSERT_EQ(m[0].modality, AN_MOD_PLANNED);
    an_doc_free(d);
}

AN_TEST(code_patterns)
{
    /* A synset inside a prepositional phrase, and '+' in it. */
    CODE_EXPECT("Arnor sent missiles to Gondor.", NULL, "ARN GON 072");
    /* '^' skips a noun phrase before the preposition. */
    CODE_EXPECT("Arnor sent food aid to Gondor.", NULL, "ARN GON 070");
    /* A pattern word (WITH &WEAPON) picks a more specific code. */
    CODE_EXPECT("Arnor attacked Gondor with missiles.", NULL, "ARN GON 195");
    /* '$' and '+' reverse the roles: "+ WAS * BY $". */
    CODE_EXPECT("Gondor was accused by Rohan of lying.", NULL, "ROH GON 112");
    /* A reverse code: VISIT [042:043]. */
    CODE_EXPECT("Arnor visited Gondor.", NULL, "ARN GON 042; GON ARN 043");
}

AN_TEST(code_compounds)
{
    /* One event per member of a compound source or target. */
    CODE_EXPECT("Arnor and Rohan attacked Gondor.", NULL, "ARN GON 190; ROH GON 190");
    CODE_EXPECT("Arnor attacked Gondor, Rohan and Mordor.", NULL,
                "ARN GON 190; ARN MOR 190; ARN ROH 190");
    /* Adjectives and articles between the members. */
    CODE_EXPECT("Arnor and the evil Rohan attacked Gondor.", NULL,
                "ARN GON 190; ROH GON 190");
    /* '%' before the verb: the members act on each other. */
    CODE_EXPECT("Arnor and Gondor agree on trade.", NULL, "ARN GON 030; GON ARN 030");
    /* '%' after the verb: the subject acts on each member. */
    CODE_EXPECT("Ithilen agrees with Arnor and Gondor on trade.", NULL,
                "ITH ARN 031; ITH GON 031");
    /* With a parse, "conj" arcs need not be adjacent. */
    CODE_EXPECT("Arnor and Rohan attacked Gondor .",
                "PROPN 3 nsubj; CCONJ 2 cc; PROPN 0 conj; VERB:VBD -1 root; "
                "PROPN 3 obj; PUNCT 3 punct",
                "ARN GON 190; ROH GON 190");
}

AN_TEST(code_clauses)
{
    /* Coordinated verbs share the subject and give one event each. */
    CODE_EXPECT("Arnor attacked Gondor and met Rohan.", NULL,
                "ARN GON 190; ARN ROH 040");
    /* No source, or no target: no event (by default). */
    CODE_EXPECT("Crowds attacked Gondor.", NULL, "");
    CODE_EXPECT("Arnor attacked a town.", NULL, "");
    /* The same actor on both sides is no event. */
    CODE_EXPECT("Arnor attacked Arnor.", NULL, "");
}

AN_TEST(code_mention_fields)
{
    const an_dict *dd = test_dict();
    ASSERT(dd);
    an_doc *d = text_doc("Arnor attacked Gondor on Friday.");
    ASSERT(d);
    ASSERT_EQ(an_code_with(dd, d, NULL), AN_OK);
    size_t n;
    const an_mention *m = an_doc_mentions(d, &n);
    ASSERT_EQ(n, 1);
    ASSERT_STR_EQ(m[0].plover_event, "ASSAULT");
    ASSERT_STR_EQ(m[0].plover_context, "military");
    ASSERT_EQ(m[0].quad_class, 4);
    ASSERT(m[0].goldstein < -9.9 && m[0].goldstein > -10.1);
    ASSERT_STR_EQ(m[0].verb_text, "attacked");
    ASSERT_EQ(m[0].span_start, 0);
    ASSERT_EQ(m[0].span_end, d->sents[0].end);
    ASSERT_STR_EQ(m[0].source.country, "ARN");
    ASSERT_STR_EQ(m[0].source.text, "Arnor");
    /* The JSON line holds the fields annals code promises. */
    an_buf b;
    an_buf_init(&b);
    an_out_events_json(&b, d);
    ASSERT(b.p);
    ASSERT_CONTAINS(b.p, "\"id\":\"t:0:0\"");
    ASSERT_CONTAINS(b.p, "\"doc_id\":\"t\"");
    ASSERT_CONTAINS(b.p, "\"sentence\":0");
    ASSERT_CONTAINS(b.p, "\"source\":{\"code\":\"ARN\",\"country\":\"ARN\"");
    ASSERT_CONTAINS(b.p, "\"target\":{\"code\":\"GON\"");
    ASSERT_CONTAINS(b.p, "\"cameo\":\"190\"");
    ASSERT_CONTAINS(b.p, "\"plover\":{\"event\":\"ASSAULT\",\"mode\":null,"
                         "\"context\":[\"military\"]}");
    ASSERT_CONTAINS(b.p, "\"goldstein\":-10.0,\"quad_class\":4");
    ASSERT_CONTAINS(b.p, "\"modality\":\"asserted\"");
    ASSERT_CONTAINS(b.p, "\"text\":\"Arnor attacked Gondor on Friday.\"");
    ASSERT_CONTAINS(b.p, "\"span\":[0,");
    ASSERT(b.p[b.n - 1] == '\n');
    an_buf_fini(&b);
    an_doc_free(d);
}

AN_TEST(code_prefilter)
{
    const an_dict *dd = test_dict();
    ASSERT(dd);
    an_doc *d = an_test_process(AN_LEVEL_TEXT, AN_FMT_TEXT, "t", "2025-03-18",
                                "The weather was fine. Arnor attacked Gondor. "
                                "Gondor is large.");
    ASSERT(d);
    ASSERT_EQ(d->nsent, 3);
    ASSERT_EQ(an_dict_actors(dd, d), AN_OK);
    ASSERT(!an_code_candidate(dd, d, 0)); /* no actor */
    ASSERT(an_code_candidate(dd, d, 1));
    ASSERT(!an_code_candidate(dd, d, 2)); /* no verb of the dictionary */
    ASSERT(d->sents[1].flags & AN_SENT_CANDIDATE);
    an_arena scratch;
    an_arena_init(&scratch);
    an_code_opts o;
    memset(&o, 0, sizeof o);
    o.marked = 1;
    ASSERT_EQ(an_code_doc(dd, d, &scratch, &o), AN_OK);
    size_t n;
    an_doc_mentions(d, &n);
    ASSERT_EQ(n, 1);
    an_arena_fini(&scratch);
    an_doc_free(d);
}

/* Code `text` with the engine's precision rules (an_code_opts.strict). */
static const char *strict_events(const char *text, char *buf, size_t cap)
{
    const an_dict *dd = test_dict();
    an_doc *d = dd ? text_doc(text) : NULL;
    buf[0] = 0;
    if (!d)
        return "(no doc)";
    an_arena scratch;
    an_arena_init(&scratch);
    an_code_opts o;
    memset(&o, 0, sizeof o);
    o.strict = 1;
    if (an_dict_actors(dd, d) == AN_OK && an_code_doc(dd, d, &scratch, &o) == AN_OK)
        events(d, buf, cap);
    else
        snprintf(buf, cap, "(error)");
    an_arena_fini(&scratch);
    an_doc_free(d);
    return buf;
}

AN_TEST(code_strict_rules)
{
    char b[256];
    /* Without the rules word order takes Rohan, of what is said, as the
       target of the statement; with them the addressee only. */
    ASSERT_STR_EQ(strict_events("Arnor said to Gondor that Rohan was large .", b,
                                sizeof b),
                  "ARN GON 010");
    /* Two sector words alone make no event (they do for the peers). */
    CODE_EXPECT("Soldiers attacked ministers .", NULL, "---MIL ---GOV 190");
    ASSERT_STR_EQ(strict_events("Soldiers attacked ministers .", b, sizeof b), "");
    /* ... but one coded actor is enough. */
    ASSERT_STR_EQ(strict_events("Soldiers attacked Gondor .", b, sizeof b),
                  "---MIL GON 190");
    /* A passive without its agent has no source. */
    CODE_EXPECT("Gondor was attacked in Arnor .", NULL, "GON ARN 190");
    ASSERT_STR_EQ(strict_events("Gondor was attacked in Arnor .", b, sizeof b), "");
}

/* A stand-in parser for code_parse_on_demand: parses the sentence with
   the spec in ctx and counts the calls. */
typedef struct fake_parser {
    const char *spec;
    int calls;
} fake_parser;

static int fake_parse(void *ctx, an_doc *doc, size_t si)
{
    fake_parser *fp = ctx;
    fp->calls++;
    (void)si;
    return set_parse(doc, fp->spec) ? AN_OK : AN_EINVAL;
}

AN_TEST(code_parse_on_demand)
{
    const an_dict *dd = test_dict();
    ASSERT(dd);
    /* Word order finds an event: the sentence is parsed and coded again
       from the parse (whose subject is Gondor, not Rohan of the relative
       clause). */
    an_doc *d = text_doc("Gondor which Rohan leads attacked Mordor .");
    ASSERT(d);
    ASSERT_EQ(an_dict_actors(dd, d), AN_OK);
    fake_parser fp = {"PROPN 4 nsubj; PRON 3 obj; PROPN 3 nsubj; VERB 0 acl:relcl; "
                      "VERB:VBD -1 root; PROPN 4 obj; PUNCT 4 punct", 0};
    an_arena scratch;
    an_arena_init(&scratch);
    an_code_opts o;
    memset(&o, 0, sizeof o);
    o.parse = fake_parse;
    o.parse_ctx = &fp;
    ASSERT_EQ(an_code_doc(dd, d, &scratch, &o), AN_OK);
    ASSERT_EQ(fp.calls, 1);
    ASSERT(d->sents[0].flags & AN_SENT_PARSED);
    char b[256];
    ASSERT_STR_EQ(events(d, b, sizeof b), "GON MOR 190");
    an_doc_free(d);
    /* No event from word order: no parse. */
    d = text_doc("Gondor saw Mordor .");
    ASSERT(d);
    ASSERT_EQ(an_dict_actors(dd, d), AN_OK);
    fp.calls = 0;
    ASSERT_EQ(an_code_doc(dd, d, &scratch, &o), AN_OK);
    ASSERT_EQ(fp.calls, 0);
    an_doc_free(d);
    an_arena_fini(&scratch);
}

AN_TEST(code_robust_input)
{
    const an_dict *dd = test_dict();
    ASSERT(dd);
    /* Empty text, punctuation only, a very long sentence full of actors
       and verbs: no crash, bounded work. */
    const char *texts[] = {"", ".", ", , ,", "Arnor"};
    for (size_t i = 0; i < AN_COUNT(texts); i++) {
        an_doc *d = text_doc(texts[i]);
        ASSERT(d);
        ASSERT_EQ(an_code_with(dd, d, NULL), AN_OK);
        an_doc_free(d);
    }
    an_buf b;
    an_buf_init(&b);
    for (int i = 0; i < 400; i++)
        an_buf_adds(&b, i % 3 ? "Arnor attacked and met Gondor , " : "sent missiles to Rohan ");
    an_buf_adds(&b, ".");
    an_doc *d = text_doc(b.p);
    ASSERT(d);
    ASSERT_EQ(an_code_with(dd, d, NULL), AN_OK);
    an_doc_free(d);
    an_buf_fini(&b);
}

/* ---- golden files: tests/golden, one .test file each ---- */

/*
** Format: groups separated by blank lines; '#' lines are comments.  A
** group is one input line "> [YYYY-MM-DD] text" and the expected events,
** one "SOURCE TARGET CODE [modality]" a line, or "-" for none.  The text
** is coded by the engine at AN_LEVEL_CODE with the shipped data.
*/
static int golden_file(const char *path, an_worker *w, int *groups, char *msg,
                       size_t cap)
{
    size_t len;
    char *p = an_test_read_file(path, &len);
    if (!p) {
        snprintf(msg, cap, "%s: cannot read", path);
        return -1;
    }
    int bad = 0, line = 0;
    char *save = NULL;
    char input[4096] = "", date[16] = "";
    char exp[32][96];
    int nexp = 0, in_line = 0;
    char *l = strtok_r(p, "\n", &save);
    for (;; l = strtok_r(NULL, "\n", &save)) {
        line++;
        bool end = !l || (l[0] == '>' && input[0]);
        if (end && input[0]) {
            an_input *in;
            an_doc *d;
            if (an_input_new(&in, AN_FMT_TEXT, "g", date[0] ? date : NULL, input,
                             strlen(input)) != AN_OK || an_doc_new(&d) != AN_OK) {
                free(p);
                return -1;
            }
            an_worker_process(w, in, d);
            size_t n;
            const an_mention *m = an_doc_mentions(d, &n);
            char got[32][96];
            int ng = 0;
            for (size_t i = 0; i < n && ng < 32; i++)
                snprintf(got[ng++], sizeof got[0], "%s %s %s %s", m[i].source.code,
                         m[i].target.code ? m[i].target.code : "---", m[i].cameo,
                         an_modality_name(m[i].modality));
            /* Every expectation (modality optional) is produced, and
               nothing else. */
            bool ok = true;
            for (int e = 0; e < nexp && ok; e++) {
                bool hit = false;
                for (int g = 0; g < ng && !hit; g++)
                    hit = !strncmp(got[g], exp[e], strlen(exp[e])) &&
                          (got[g][strlen(exp[e])] == ' ' || !got[g][strlen(exp[e])]);
                ok = hit;
            }
            ok = ok && ng == nexp;
            if (!ok && !bad) {
                int k = snprintf(msg, cap, "%s:%d: \"%.80s\": expected", path, in_line,
                                 input);
                for (int e = 0; e < nexp; e++)
                    k += snprintf(msg + k, cap > (size_t)k ? cap - (size_t)k : 0, " [%s]",
                                  exp[e]);
                k += snprintf(msg + k, cap > (size_t)k ? cap - (size_t)k : 0, ", got");
                for (int g = 0; g < ng; g++)
                    k += snprintf(msg + k, cap > (size_t)k ? cap - (size_t)k : 0,
                                  " [%s]", got[g]);
            }
            bad += !ok;
            (*groups)++;
            an_doc_free(d);
            input[0] = 0;
            nexp = 0;
        }
        if (!l)
            break;
        if (l[0] == '#' || !l[0])
            continue;
        if (l[0] == '>') {
            const char *t = l + 1;
            while (*t == ' ')
                t++;
            date[0] = 0;
            if (strlen(t) > 11 && t[4] == '-' && t[7] == '-' && t[10] == ' ') {
                memcpy(date, t, 10);
                date[10] = 0;
                t += 11;
            }
            snprintf(input, sizeof input, "%s", t);
            in_line = line;
            continue;
        }
        if (!strcmp(l, "-"))
            continue;
        if (nexp < 32)
            snprintf(exp[nexp++], sizeof exp[0], "%s", l);
    }
    free(p);
    return bad;
}

AN_TEST(code_golden_files)
{
    DIR *dir = opendir("tests/golden");
    if (!dir)
        AN_SKIP("tests/golden not found (run from the repository root)");
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = "data";
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        closedir(dir);
        FAIL("engine: %s", err.msg);
    }
    an_worker *w;
    ASSERT_EQ(an_worker_new(eng, &w, &err), AN_OK);
    int files = 0, groups = 0, bad = 0;
    char first[2048] = "";
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".test"))
            continue;
        char path[600], msg[2048] = "";
        snprintf(path, sizeof path, "tests/golden/%s", e->d_name);
        int b = golden_file(path, w, &groups, msg, sizeof msg);
        files++;
        if (b < 0) {
            snprintf(first, sizeof first, "%s: unreadable", path);
            bad++;
        } else if (b > 0) {
            if (!bad)
                snprintf(first, sizeof first, "%s", msg);
            bad += b;
        }
    }
    closedir(dir);
    an_worker_free(w);
    an_engine_close(eng);
    ASSERT(files > 0);
    if (bad)
        FAIL("%d of %d golden groups differ; first: %s", bad, groups, first);
}

/* ---- precision on real news, judged by hand ---- */

typedef struct judged {
    char key[160];   /* doc \t sentence \t source \t target \t code */
    char sent[100];  /* doc \t sentence */
    char mod[16];    /* modality printed when judged; "" any */
    int ok;
} judged;

typedef struct jlist {
    judged *j;
    size_t n;
} jlist;

/*
** Read a judged file (doc, sentence, source, target, code, verdict,
** class, text, modality; '#' comments) into *out; false when missing.
*/
static bool load_judged(const char *path, jlist *out, size_t cap)
{
    size_t len;
    char *p = an_test_read_file(path, &len);
    out->n = 0;
    out->j = p ? calloc(cap, sizeof *out->j) : NULL;
    if (!out->j) {
        free(p);
        return false;
    }
    char *save = NULL;
    for (char *l = strtok_r(p, "\n", &save); l && out->n < cap;
         l = strtok_r(NULL, "\n", &save)) {
        if (l[0] == '#' || !l[0])
            continue;
        char *f[9];
        int nf = 0;
        for (char *q = l; nf < 9;) {
            f[nf++] = q;
            char *t = strchr(q, '\t');
            if (!t)
                break;
            *t = 0;
            q = t + 1;
        }
        if (nf < 6)
            continue;
        judged *j = &out->j[out->n++];
        snprintf(j->sent, sizeof j->sent, "%s\t%s", f[0], f[1]);
        snprintf(j->key, sizeof j->key, "%s\t%s\t%s\t%s\t%s", f[0], f[1], f[2], f[3], f[4]);
        snprintf(j->mod, sizeof j->mod, "%s", nf > 8 ? f[8] : "");
        j->ok = atoi(f[5]) == 1;
    }
    free(p);
    return true;
}

/*
** The verdict on mention m of document `id`: 1 right, 0 wrong, -1 not
** judged.  A line that recorded the mention's modality, else one that
** recorded none: an event printed with another modality than judged is
** not judged.
*/
static int verdict(const jlist *jl, an_span id, const an_mention *m)
{
    char key[200];
    snprintf(key, sizeof key, "%.*s\t%u\t%s\t%s\t%s", (int)id.n, id.p, m->sent,
             m->source.code, m->target.code ? m->target.code : "-", m->cameo);
    const char *mod = an_modality_name(m->modality);
    int v = -1, any = -1;
    for (size_t k = 0; k < jl->n && v < 0; k++)
        if (!strcmp(jl->j[k].key, key)) {
            if (!strcmp(jl->j[k].mod, mod))
                v = jl->j[k].ok;
            else if (!jl->j[k].mod[0])
                any = jl->j[k].ok;
        }
    return v < 0 ? any : v;
}

/* Code the documents under `path` at the default level, one thread. */
static int code_path(const char *path, an_run_fn fn, void *ctx)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = "data";
    an_engine *eng;
    an_reader *r;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK)
        return AN_EINTERNAL;
    if (an_reader_new(NULL, &path, 1, &r, &err) != AN_OK) {
        an_engine_close(eng);
        return AN_EINTERNAL;
    }
    an_run_opts ro = {0};
    ro.threads = 1;
    ro.fn = fn;
    ro.ctx = ctx;
    an_run_stats st;
    int rc = an_run(eng, r, &ro, &st, &err);
    an_reader_free(r);
    an_engine_close(eng);
    return rc;
}

typedef struct jctx {
    jlist jl;
    size_t good, bad, unjudged;
} jctx;

static int on_judged_doc(void *ctx, const an_doc *doc)
{
    jctx *c = ctx;
    size_t n;
    const an_mention *m = an_doc_mentions(doc, &n);
    an_span id = an_doc_id(doc);
    for (size_t i = 0; i < n; i++) {
        char sent[100];
        snprintf(sent, sizeof sent, "%.*s\t%u", (int)id.n, id.p, m[i].sent);
        bool in = false;
        for (size_t k = 0; k < c->jl.n && !in; k++)
            in = !strcmp(c->jl.j[k].sent, sent);
        if (!in)
            continue;
        int v = verdict(&c->jl, id, &m[i]);
        if (v == 1)
            c->good++;
        else if (v == 0)
            c->bad++;
        else
            c->unjudged++;
    }
    return AN_OK;
}

/*
** The events `annals code` produces on real news, in the sentences of
** tests/data/code/news_judged.tsv (judged by hand: source, target, event
** type): precision counts an event nobody judged as wrong.  The documents
** are data/sample/news-sample.jsonl, or ../shared/corpus/news.jsonl (which
** holds them and more) when it is there.
*/
AN_TEST(code_news_precision)
{
    jctx c;
    memset(&c, 0, sizeof c);
    if (!load_judged("tests/data/code/news_judged.tsv", &c.jl, 1024))
        AN_SKIP("tests/data/code/news_judged.tsv not found (run from the repository root)");
    ASSERT(c.jl.n >= 150);
    char corpus[1024];
    bool shared = an_test_shared_path("corpus/news.jsonl", corpus, sizeof corpus) != NULL;
    int rc = code_path(shared ? corpus : "data/sample/news-sample.jsonl",
                       on_judged_doc, &c);
    free(c.jl.j);
    ASSERT_EQ(rc, AN_OK);
    size_t n = c.good + c.bad + c.unjudged;
    double prec = n ? (double)c.good / (double)n : 0.0;
    fprintf(stderr, "  news precision (%s): %zu events in judged sentences, %zu right, "
            "%zu wrong, %zu not judged: %.3f\n", shared ? "shared corpus" : "sample",
            n, c.good, c.bad, c.unjudged, prec);
    ASSERT(n >= 100);
    /* Measured 0.706 (115 right) on the shared corpus, 0.756 (99 right)
       on the sample: precision, and the right events kept (recall).  With
       the biaffine parser (the coder was tuned on these sentences with
       the perceptron's trees): 0.661 (115 right, 59 wrong) and on the
       sample 0.681 (98 right, 46 wrong). */
    ASSERT_GE(prec, shared ? 0.65 : 0.66);
    ASSERT(c.good >= (shared ? 112u : 95u));
}

/*
** News of 2019 nobody tuned on before (tests/data/code/aeb_judged.tsv):
** every event of the 181 pages of ../shared/eval/extraction-aeb/html
** (Scrapinghub's article extraction benchmark), judged by hand, in two
** halves by page id (first hex digit even: tuning, odd: held out).  An
** event nobody judged counts as wrong.  The pages are not in the
** repository (they belong to their outlets): skipped without ../shared.
*/
typedef struct actx {
    jlist jl;
    size_t good[2], bad[2], unjudged[2];
} actx;

static int on_aeb_doc(void *ctx, const an_doc *doc)
{
    actx *c = ctx;
    size_t n;
    const an_mention *m = an_doc_mentions(doc, &n);
    an_span id = an_doc_id(doc);
    if (!id.n)
        return AN_OK;
    int half = strchr("13579bdfBDF", id.p[0]) ? 1 : 0;
    for (size_t i = 0; i < n; i++) {
        int v = verdict(&c->jl, id, &m[i]);
        if (v == 1)
            c->good[half]++;
        else if (v == 0)
            c->bad[half]++;
        else
            c->unjudged[half]++;
    }
    return AN_OK;
}

AN_TEST(code_news_2019_precision)
{
    char dir[1024];
    if (!an_test_shared_path("eval/extraction-aeb/html", dir, sizeof dir))
        AN_SKIP("../shared/eval/extraction-aeb/html not found");
    actx c;
    memset(&c, 0, sizeof c);
    if (!load_judged("tests/data/code/aeb_judged.tsv", &c.jl, 512))
        AN_SKIP("tests/data/code/aeb_judged.tsv not found (run from the repository root)");
    ASSERT(c.jl.n >= 80);
    int rc = code_path(dir, on_aeb_doc, &c);
    free(c.jl.j);
    ASSERT_EQ(rc, AN_OK);
    double prec[2];
    static const char *const name[] = {"tuning", "held out"};
    for (int h = 0; h < 2; h++) {
        size_t n = c.good[h] + c.bad[h] + c.unjudged[h];
        prec[h] = n ? (double)c.good[h] / (double)n : 0.0;
        fprintf(stderr, "  news 2019 (%s): %zu events, %zu right, %zu wrong, %zu not judged: %.3f\n",
                name[h], n, c.good[h], c.bad[h], c.unjudged[h], prec[h]);
    }
    /* Measured at the start (main at ecba582): tuning 9 right of 34
       (0.265), held out 11 of 46 (0.239); after branch aeb: 12 of 23
       (0.522) and 11 of 41 (0.268); with the biaffine parser: 9 of 19
       (0.474) and 14 of 37 (0.378). */
    ASSERT_GE(prec[0], 0.45);
    ASSERT(c.good[0] >= 9u);
    ASSERT_GE(prec[1], 0.35);
    ASSERT(c.good[1] >= 13u);
}

/* ---- places of coded events ---- */

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

/* Does one name hold the other ("Gaza" / "Gaza City"), case and accents
   aside; `want` may list spellings separated by '|'? */
static bool place_name_match(const char *want, const char *got)
{
    char b[128];
    plain(got, b, sizeof b);
    if (!b[0])
        return false;
    char w[256];
    snprintf(w, sizeof w, "%s", want);
    char *save = NULL;
    for (char *alt = strtok_r(w, "|", &save); alt; alt = strtok_r(NULL, "|", &save)) {
        char a[128];
        plain(alt, a, sizeof a);
        if (a[0] && (strstr(a, b) || strstr(b, a)))
            return true;
    }
    return false;
}

/*
** Where the coder puts its events, on the hand-annotated sentences of
** tests/data/whenwhere/locations.tsv (the place of each sentence's main
** event): every sentence is tagged and parsed, its events coded with
** events without a target allowed and without the news rules, so that
** more sentences give one (they name few actors); each event's place (a place attached to its verb
** in the parse, else the nearest in the sentence, else the document's
** focus) is compared with the annotation.  An event in a sentence whose
** annotation gives no place counts as wrong when the coder places it.
*/
AN_TEST(code_event_places)
{
    size_t len;
    char *f = an_test_read_file("tests/data/whenwhere/locations.tsv", &len);
    if (!f)
        AN_SKIP("tests/data/whenwhere/locations.tsv not found");
    an_gaz *g = NULL;
    an_dict *dict = NULL;
    an_err err;
    if (an_gaz_open("data/gazetteer/gazetteer.img", &g, &err) != AN_OK ||
        an_dict_open("data/dict/annals.dict", &dict, &err) != AN_OK) {
        free(f);
        an_gaz_close(g);
        AN_SKIP("data/ not found");
    }
    /* One engine for all sentences: lemmas point into its models. */
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_PARSE;
    eo.data_dir = "data";
    an_engine *eng;
    an_worker *w;
    an_doc *d;
    ASSERT_EQ(an_engine_open(&eo, &eng, &err), AN_OK);
    ASSERT_EQ(an_worker_new(eng, &w, &err), AN_OK);
    ASSERT_EQ(an_doc_new(&d), AN_OK);
    an_arena scratch;
    an_arena_init(&scratch);
    unsigned rows = 0, events = 0, placed = 0, right = 0, country_ok = 0, parse_placed = 0;
    char *save = NULL;
    for (char *line = strtok_r(f, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || !line[0])
            continue;
        char *col[5];
        int k = 0;
        for (char *p = line; k < 5; k++) {
            col[k] = p;
            char *tab = strchr(p, '\t');
            if (!tab && k < 4)
                break;
            if (tab) {
                *tab = 0;
                p = tab + 1;
            }
        }
        if (k < 5)
            continue;
        rows++;
        an_input *in;
        ASSERT_EQ(an_input_new(&in, AN_FMT_TEXT, col[0], "2010-01-01", col[4], strlen(col[4])),
                  AN_OK);
        an_worker_process(w, in, d);
        ASSERT_EQ(an_when_doc(d, NULL), AN_OK);
        ASSERT_EQ(an_where_doc(d, g, NULL), AN_OK);
        ASSERT_EQ(an_actor_doc(dict, d, &d->arena), AN_OK);
        an_code_opts co;
        memset(&co, 0, sizeof co);
        co.strict = 0; /* the peers' reading: more events on these
                          sentences, which name few actors */
        co.allow_no_target = 1;
        co.no_prefilter = 1;
        co.gaz = g;
        an_arena_reset(&scratch);
        ASSERT_EQ(an_code_doc(dict, d, &scratch, &co), AN_OK);
        size_t n;
        const an_mention *m = an_doc_mentions(d, &n);
        bool has = strcmp(col[2], "-") != 0;
        for (size_t i = 0; i < n; i++) {
            events++;
            if (!m[i].place.source)
                continue;
            placed++;
            parse_placed += m[i].place.source == AN_PLACE_SENTENCE;
            if (has && !strcmp(m[i].place.country, col[3]))
                country_ok++;
            if (has && !strcmp(m[i].place.country, col[3]) &&
                place_name_match(col[2], m[i].place.name))
                right++;
        }
    }
    free(f);
    an_doc_free(d);
    an_worker_free(w);
    an_engine_close(eng);
    an_arena_fini(&scratch);
    an_gaz_close(g);
    an_dict_close(dict);
    double prec = placed ? (double)right / placed : 0, cprec = placed ? (double)country_ok / placed : 0;
    fprintf(stderr, "  event places: %u sentences, %u events, %u placed (%u in the "
            "sentence); place precision %.3f, country precision %.3f\n",
            rows, events, placed, parse_placed, prec, cprec);
    ASSERT_GE(rows, 100);
    ASSERT(events >= 20);
    ASSERT_GE(prec, 0.45);
}

typedef struct pann {
    char sent[100];   /* doc \t sentence */
    char place[64], country[4];
} pann;

typedef struct pctx {
    pann *a;
    size_t na;
    unsigned events, placed, right, country_ok, unplaced;
    unsigned sent_placed, sent_right; /* placed from the sentence itself */
} pctx;

static int on_placed_doc(void *ctx, const an_doc *doc)
{
    pctx *c = ctx;
    size_t n;
    const an_mention *m = an_doc_mentions(doc, &n);
    an_span id = an_doc_id(doc);
    for (size_t i = 0; i < n; i++) {
        char sent[100];
        snprintf(sent, sizeof sent, "%.*s\t%u", (int)id.n, id.p, m[i].sent);
        const pann *a = NULL;
        for (size_t k = 0; k < c->na && !a; k++)
            if (!strcmp(c->a[k].sent, sent))
                a = &c->a[k];
        if (!a)
            continue;
        c->events++;
        if (!m[i].place.source) {
            c->unplaced++;
            continue;
        }
        c->placed++;
        bool cty = strcmp(a->country, "-") && !strcmp(a->country, m[i].place.country);
        /* A sea annotated by name with no country ("Gulf of Aden", "-"). */
        bool sea = !strcmp(a->country, "-") && strcmp(a->place, "-") &&
                   !m[i].place.country[0] && place_name_match(a->place, m[i].place.name);
        c->country_ok += cty || sea;
        /* A named place must match by name; with only a country, the
           country is the place. */
        bool ok = sea || (cty && (!strcmp(a->place, "-") ||
                                  place_name_match(a->place, m[i].place.name)));
        c->right += ok;
        if (m[i].place.source == AN_PLACE_SENTENCE) {
            c->sent_placed++;
            c->sent_right += ok;
        }
    }
    return AN_OK;
}

/*
** The places `annals code` gives its events on real news, against the
** hand annotation of tests/data/code/event_places.tsv (the sentences of
** data/sample/news-sample.jsonl where events are coded).  Precision: the
** placed events whose place is the annotated one (name and country; the
** country alone when the sentence names none; a sea annotated with no
** country by its name, with no country); a sentence with no recognisable
** place makes any place wrong.
*/
AN_TEST(code_event_places_news)
{
    size_t len;
    char *p = an_test_read_file("tests/data/code/event_places.tsv", &len);
    if (!p)
        AN_SKIP("tests/data/code/event_places.tsv not found (run from the repository root)");
    pctx c;
    memset(&c, 0, sizeof c);
    c.a = calloc(512, sizeof *c.a);
    ASSERT(c.a);
    char *save = NULL;
    for (char *l = strtok_r(p, "\n", &save); l && c.na < 512; l = strtok_r(NULL, "\n", &save)) {
        if (l[0] == '#' || !l[0])
            continue;
        char *f[5];
        int nf = 0;
        for (char *q = l; nf < 5;) {
            f[nf++] = q;
            char *t = strchr(q, '\t');
            if (!t)
                break;
            *t = 0;
            q = t + 1;
        }
        if (nf < 4)
            continue;
        pann *a = &c.a[c.na++];
        snprintf(a->sent, sizeof a->sent, "%s\t%s", f[0], f[1]);
        snprintf(a->place, sizeof a->place, "%s", f[2]);
        snprintf(a->country, sizeof a->country, "%s", f[3]);
    }
    free(p);
    ASSERT(c.na >= 100);
    const char *paths[] = {"data/sample/news-sample.jsonl"};
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = "data";
    an_engine *eng;
    an_reader *r;
    an_err err;
    ASSERT_EQ(an_engine_open(&eo, &eng, &err), AN_OK);
    ASSERT_EQ(an_reader_new(NULL, paths, 1, &r, &err), AN_OK);
    an_run_opts ro = {0};
    ro.threads = 1;
    ro.fn = on_placed_doc;
    ro.ctx = &c;
    an_run_stats st;
    int rc = an_run(eng, r, &ro, &st, &err);
    an_reader_free(r);
    an_engine_close(eng);
    free(c.a);
    ASSERT_EQ(rc, AN_OK);
    double prec = c.placed ? (double)c.right / c.placed : 0;
    double cprec = c.placed ? (double)c.country_ok / c.placed : 0;
    double sprec = c.sent_placed ? (double)c.sent_right / c.sent_placed : 0;
    fprintf(stderr, "  event places (news sample): %u events in annotated sentences, %u "
            "placed (%u from their sentence), %u not; place precision %.3f (from the "
            "sentence %.3f), country precision %.3f\n",
            c.events, c.placed, c.sent_placed, c.unplaced, prec, sprec, cprec);
    ASSERT(c.events >= 100);
    ASSERT_GE(sprec, 0.50);
    ASSERT_GE(prec, 0.15);
}

/*
** Dates and places of events through the engine's default pipeline: the
** time expression attached to the verb (not the one of the reporting
** verb), else the document date; the place of the sentence that is a
** place of the event.
*/
AN_TEST(code_event_date_place)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = "data";
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK)
        FAIL("engine: %s", err.msg);
    an_worker *w;
    ASSERT_EQ(an_worker_new(eng, &w, &err), AN_OK);
    const char *text = "Ukrainian officials said on Monday that Russian forces attacked "
                       "Kharkiv on Friday. Germany criticized Russia. "
                       "Zelenskyy will meet Trump tomorrow.";
    an_input *in;
    an_doc *d;
    ASSERT_EQ(an_input_new(&in, AN_FMT_TEXT, "dp", "2025-03-18", text, strlen(text)), AN_OK);
    ASSERT_EQ(an_doc_new(&d), AN_OK);
    an_worker_process(w, in, d);
    size_t n;
    const an_mention *m = an_doc_mentions(d, &n);
    int attack = 0, crit = 0, meet = 0;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(m[i].cameo, "190") && !strcmp(m[i].source.code, "RUSMIL")) {
            attack++;
            ASSERT_EQ(m[i].date_source, AN_EDATE_EXPRESSION);
            ASSERT_EQ(m[i].date.year, 2025);
            ASSERT_EQ(m[i].date.month, 3);
            ASSERT_EQ(m[i].date.day, 14); /* Friday, not Monday the 17th */
            ASSERT_STR_EQ(m[i].place.name, "Kharkiv");
            ASSERT_EQ(m[i].place.source, AN_PLACE_SENTENCE);
        }
        if (!strcmp(m[i].cameo, "111")) {
            crit++;
            ASSERT_EQ(m[i].date_source, AN_EDATE_DOCUMENT);
            ASSERT_EQ(m[i].date.day, 18);
        }
        if (!strcmp(m[i].cameo, "040")) {
            /* "tomorrow", whichever word the parse hangs it on */
            meet++;
            ASSERT_EQ(m[i].date_source, AN_EDATE_EXPRESSION);
            ASSERT_EQ(m[i].date.day, 19);
            ASSERT_EQ(m[i].modality, AN_MOD_PLANNED);
        }
    }
    ASSERT_EQ(attack, 1);
    ASSERT_EQ(crit, 1);
    ASSERT_EQ(meet, 1);
    an_doc_free(d);
    an_worker_free(w);
    an_engine_close(eng);
}

/* Events of `text` (dated `date`) through the engine's default pipeline
   (tags, parse on demand, news rules), as "SRC TGT CODE; ...". */
static const char *engine_events(const char *date, const char *text, char *buf, size_t cap)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = "data";
    an_engine *eng;
    an_err err;
    buf[0] = 0;
    if (an_engine_open(&eo, &eng, &err) != AN_OK)
        return "(engine)";
    an_worker *w = NULL;
    an_input *in = NULL;
    an_doc *d = NULL;
    if (an_worker_new(eng, &w, &err) == AN_OK && an_doc_new(&d) == AN_OK &&
        an_input_new(&in, AN_FMT_TEXT, "t", date, text, strlen(text)) == AN_OK) {
        an_worker_process(w, in, d);
        size_t n, k = 0;
        const an_mention *m = an_doc_mentions(d, &n);
        for (size_t i = 0; i < n && k + 1 < cap; i++) {
            int r = snprintf(buf + k, cap - k, "%s%s %s %s", i ? "; " : "", m[i].source.code,
                             m[i].target.code ? m[i].target.code : "-", m[i].cameo);
            if (r < 0 || (size_t)r >= cap - k)
                break;
            k += (size_t)r;
        }
    }
    an_doc_free(d);
    an_worker_free(w);
    an_engine_close(eng);
    return buf;
}

/*
** News: the sense of a coded verb.  A thing as the verb's object (a
** transcript, a memo, a share of something) is no release, cooperation or
** force; a clause complement with no object ("recognized that ...") is no
** act; participles of naming and qualifying ("a group called ...",
** "diametrically opposed ideologies", "alleged terrorist mastermind")
** and gerunds on a noun ("within striking distance") are no verbs; a
** contract is a contest won, not a battle.  Each sentence's event, if
** any, is checked against what the coder printed before these rules.
*/
AN_TEST(code_verb_sense)
{
    char b[512];
    static const char *const none[][2] = {
        {"2019-11-01", "The White House released a rough transcript of the July 25 call "
                       "between Trump and Ukrainian President Volodymyr Zelensky."},
        {"2019-11-01", "Trump released the memo of his call with the Ukrainian president."},
        {"2019-11-01", "Iran released the footage of the seized British tanker."},
        {"2019-11-01", "The Ukrainian government recognized that the United States had "
                       "withheld the aid."},
        {"2000-01-01", "Elian has become a political poster boy for Cubans with diametrically "
                       "opposed ideologies living on both sides of the Florida Straits."},
        {"2000-01-01", "An Afghan refugee in Switzerland, Homira Atimadi, is a senior official "
                       "of a group called the International Working Group on Afghan Women."},
        {"1990-08-01", "Iraq now controls 20 percent of the world's oil reserves with its "
                       "conquest of Kuwait."},
        {"1990-08-01", "Three other carriers and their escort vessels already are stationed "
                       "within striking distance of Iraq or are steaming toward the area."},
        {"1999-01-01", "The FBI put alleged terrorist mastermind Osama Bin Laden on the "
                       "bureau's list of the Ten Most Wanted fugitives Monday."},
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        const char *e = engine_events(none[i][0], none[i][1], b, sizeof b);
        if (!strcmp(e, "(engine)"))
            FAIL("engine did not open");
        if (e[0])
            FAIL("\"%s\": events %s, expected none", none[i][1], e);
    }
    /* The uses that are events stay. */
    ASSERT_STR_EQ(engine_events("2019-11-01", "The Pentagon released two Afghan prisoners "
                                              "to the Taliban.", b, sizeof b),
                  "USAMIL AFG 0841");
    ASSERT_STR_EQ(engine_events("1998-08-20", "Iran condemned the bombing of U.S. embassies "
                                              "in Kenya and Tanzania.", b, sizeof b),
                  "IRN USAGOV 111");
}
