/*
** test_validate.c - running the peers' suites: readers of PETRARCH2 XML
** and TABARI projects (records, expectations, options, peer-only
** records), errors with file and line, the report, the CLI, and floors on
** the real suites in ../shared (skipped when it is absent).
*/
#include <stdbool.h>
#include <stdlib.h>

#include "annals/validate.h"
#include "test.h"

static const char *tmp_path(const char *name)
{
    static char paths[16][512];
    static int slot;
    char *p = paths[slot++ % 16];
    snprintf(p, 512, "%s/%s", an_test_tmpdir(), name);
    return p;
}

static bool put(const char *name, const char *text)
{
    return an_test_write_file(tmp_path(name), text, strlen(text)) == 0;
}

static const char mini_verbs[] =
    "--- ATTACK [190] ---\nATTACK\n\n--- MEET [040] ---\nMEET {MET}\n";
static const char mini_actors[] = "ARNOR_ [ARN]\nGONDOR_ [GON]\nROHAN_ [ROH]\n";

/* A small PETRARCH suite in the temporary directory. */
static bool write_mini_petr(void)
{
    return put("mini.verbs.txt", mini_verbs) && put("mini.actors.txt", mini_actors) &&
           put("mini.xml",
        "<Validation>\n"
        "<Environment>\n"
        "  <Verbfile>mini.verbs.txt</Verbfile>\n"
        "  <Actorfile>mini.actors.txt</Actorfile>\n"
        "</Environment>\n"
        "<Sentences>\n"
        "<!-- a comment with <Sentence> inside -->\n"
        "<Sentence date=\"20250318\" id=\"OK-1\" category=\"DEMO\">\n"
        "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"190\"></EventCoding>\n"
        "<Text>\nArnor attacked Gondor on Friday.\n</Text>\n"
        "<Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Gondor)) "
        "(PP (IN on) (NP (NNP Friday)))) (. .)))</Parse>\n"
        "</Sentence>\n"
        "<Sentence date = \"20250318\" id =\"BAD-1\">\n"
        "<EventCoding sourcecode=\"ARN\" targetcode=\"ROH\" eventcode=\"040\"></EventCoding>\n"
        "<Text>Arnor met Gondor.</Text>\n"
        "</Sentence>\n"
        "<Sentence date=\"20250318\" id=\"NONE-1\">\n"
        "<EventCoding noevents = \"True\"></EventCoding>\n"
        "<Text>The weather was nice &amp; warm.</Text>\n"
        "</Sentence>\n"
        "<Sentence date=\"20250318\" id=\"TREE-1\">\n"
        "<EventCoding sourcecode=\"ARN\" targetcode=\"ROH\" eventcode=\"190\"></EventCoding>\n"
        "<Text>Arnor attacked Gondor.</Text>\n"
        "<Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Rohan)))))</Parse>\n"
        "</Sentence>\n"
        "<Sentence date=\"20250318\" id=\"NEW-1\">\n"
        "<EventCoding sourcecode='\"THE MINISTRY\"' targetcode=\"GON\" eventcode=\"190\"></EventCoding>\n"
        "<Text>The ministry attacked Gondor.</Text>\n"
        "</Sentence>\n"
        "</Sentences>\n</Validation>\n");
}

AN_TEST(validate_petrarch_xml)
{
    ASSERT(write_mini_petr());
    an_validate_opts o = {0};
    o.level = AN_LEVEL_TEXT;
    an_buf rep;
    an_buf_init(&rep);
    an_validate_result res;
    an_err err;
    ASSERT_EQ(an_validate(tmp_path("mini.xml"), &o, &rep, &res, &err), AN_OK);
    ASSERT_EQ(res.kind, AN_SUITE_PETRARCH);
    ASSERT_EQ(res.records, 3);
    ASSERT_EQ(res.passed, 2);
    ASSERT_EQ(res.peer_only, 2);
    ASSERT_EQ(res.expected, 2);
    ASSERT_EQ(res.found, 1);
    ASSERT(rep.p);
    /* The failing record with both codings, the peer-only ones with
       their reasons, the summary line last. */
    ASSERT_CONTAINS(rep.p, "FAIL BAD-1");
    ASSERT_CONTAINS(rep.p, "expected: ARN ROH 040");
    ASSERT_CONTAINS(rep.p, "produced: ARN GON 040");
    ASSERT_CONTAINS(rep.p, "TREE-1");
    ASSERT_CONTAINS(rep.p, "other words than its <Text>");
    ASSERT_CONTAINS(rep.p, "new_actor_length");
    ASSERT(!strstr(rep.p, "FAIL OK-1"));
    ASSERT_CONTAINS(rep.p, "validate: 2 of 3 records pass (66.7%)\n");
    ASSERT(rep.p[rep.n - 1] == '\n');
    /* --only */
    an_buf_clear(&rep);
    o.only = "OK-";
    ASSERT_EQ(an_validate(tmp_path("mini.xml"), &o, &rep, &res, &err), AN_OK);
    ASSERT_EQ(res.records, 1);
    ASSERT_EQ(res.passed, 1);
    an_buf_fini(&rep);
}

AN_TEST(validate_tabari_project)
{
    ASSERT(put("mini.project",
               "Validation file\n<actorsfile> tmini.actors\n<verbsfile> tmini.verbs\n"
               "<optionsfile> tmini.options\n<textfile> tmini.text\n"));
    ASSERT(put("tmini.actors", "ARNOR_ [ARN]\nGONDOR_ [GON]\nVOLLEYBALL [+++]\n"));
    ASSERT(put("tmini.verbs", "ATTACK  [190]\nMEET_ [040:040]\n"));
    ASSERT(put("tmini.options", "// options\nCOMPLEX: VERBS[5] CONJ[4]\n"));
    ASSERT(put("tmini.text",
        "#######\n# header\n#######\n\n"
        "950101  T-01\nArnor attacked Gondor again on Saturday near the border town.\n"
        "/*\\n----\n\\n{ ARN / GON / 190 } */\n\n"
        "950101  T-02\nArnor will meet Gondor soon after the volleyball match in the town.\n"
        "/*\\n[complex actor]\n\\n-{ ARN / GON / 040 }\n\\n{+++} */\n\n"
        "950101  T-03\nArnor meets Gondor.\n"
        "/*\\n[too short: fewer than 8 words]\n\\n{---} */\n\n"
        "950101  OPT-1\nSetting an option\n"
        "/*\\n{ OPTION: SET: MINIMUM WORDS = 2 */\n\n"
        "950101  T-04\nArnor meets Gondor.\n"
        "/*\\n\\n{ ARN / GON / 040 }\n\\n{ GON / ARN / 040 } */\n\n"
        "990101  FINAL-01\nThe end.\n\n"
        "950101  T-05\nArnor meets Gondor.\n/*\\n{ ARN / GON / 999 } */\n"));
    an_validate_opts o = {0};
    o.level = AN_LEVEL_TEXT;
    an_buf rep;
    an_buf_init(&rep);
    an_validate_result res;
    an_err err;
    /* Both the .project and its .text name the suite. */
    ASSERT_EQ(an_validate(tmp_path("mini.project"), &o, &rep, &res, &err), AN_OK);
    ASSERT_EQ(res.kind, AN_SUITE_TABARI);
    ASSERT_EQ(res.options, 2); /* OPT-1 and the FINAL record */
    ASSERT_EQ(res.peer_only, 1); /* T-05, after FINAL */
    ASSERT_EQ(res.records, 4);
    if (res.passed != 4)
        FAIL("%zu of 4 passed:\n%s", res.passed, rep.p ? rep.p : "");
    ASSERT_CONTAINS(rep.p, "T-05");
    ASSERT_CONTAINS(rep.p, "validate: 4 of 4 records pass");
    an_buf_fini(&rep);
}

AN_TEST(validate_errors)
{
    an_validate_opts o = {0};
    o.level = AN_LEVEL_TEXT;
    an_buf rep;
    an_buf_init(&rep);
    an_validate_result res;
    an_err err;
    /* A dictionary the suite names is missing: the message names it. */
    ASSERT(put("nodict.xml", "<Environment><Verbfile>absent.verbs.txt</Verbfile>"
                             "</Environment><Sentences><Sentence id=\"a\" date=\"20250101\">"
                             "<Text>x</Text></Sentence></Sentences>"));
    ASSERT_EQ(an_validate(tmp_path("nodict.xml"), &o, &rep, &res, &err), AN_ENOENT);
    ASSERT_CONTAINS(err.msg, "absent.verbs.txt");
    /* An unterminated comment: file and line. */
    ASSERT(put("broken.xml", "<Validation>\n<Sentences>\n<Sentence id=\"a\">\n"
                             "<!-- never closed\n"));
    ASSERT_EQ(an_validate(tmp_path("broken.xml"), &o, &rep, &res, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "broken.xml:4:");
    /* Neither format. */
    ASSERT(put("plain.txt", "just some text\n"));
    ASSERT_EQ(an_validate(tmp_path("plain.txt"), &o, &rep, &res, &err), AN_EFORMAT);
    /* A missing file. */
    ASSERT_EQ(an_validate(tmp_path("absent.xml"), &o, &rep, &res, &err), AN_EIO);
    an_buf_fini(&rep);
}

AN_TEST(validate_cli)
{
    ASSERT(write_mini_petr());
    char cmd[2048], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s validate --level text -q %s", an_test_bin(),
             tmp_path("mini.xml"));
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "validate: 2 of 3 records pass");
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s validate --level bogus x.xml", an_test_bin());
    ASSERT_EQ(an_test_run(cmd, &out, &err), 2);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s validate %s", an_test_bin(), tmp_path("absent.xml"));
    ASSERT_EQ(an_test_run(cmd, &out, &err), 1);
    ASSERT_CONTAINS(err, "absent.xml");
    free(out);
    free(err);
}

/* Run a shared suite; returns false (and skips) when it is absent. */
static bool run_shared(const char *rel, an_validate_result *res, an_buf *rep)
{
    char path[1024];
    if (!an_test_shared_path(rel, path, sizeof path))
        return false;
    an_validate_opts o = {0};
    o.data_dir = "data";
    /* The default level: tags and parses from data/models (TABARI's
       emulation reads word order whatever the level, as TABARI has no
       tags). */
    o.level = 0;
    an_err err;
    an_buf_init(rep);
    if (an_validate(path, &o, rep, res, &err) != AN_OK) {
        fprintf(stderr, "validate %s: %s\n", rel, err.msg);
        memset(res, 0, sizeof *res);
    }
    return true;
}

AN_TEST(validate_petrarch2_unit_tests)
{
    an_validate_result r;
    an_buf rep;
    if (!run_shared("eval/petrarch2-unittest/PETR.UnitTest.records.xml", &r, &rep))
        AN_SKIP("../shared not found");
    fprintf(stderr, "  petrarch2 unit tests: %zu of %zu records pass (%.1f%%), "
            "%zu peer-only; events %zu of %zu found\n", r.passed, r.records,
            r.records ? 100.0 * (double)r.passed / (double)r.records : 0.0,
            r.peer_only, r.found, r.expected);
    an_buf_fini(&rep);
    ASSERT(r.records >= 250);
    /* 244 of 266 with the perceptron parser, 239 (89.8%) with the
       biaffine one of data/models. */
    ASSERT_GE((double)r.passed / (double)r.records, 0.89);
}

AN_TEST(validate_tabari_suite)
{
    an_validate_result r;
    an_buf rep;
    if (!run_shared("eval/tabari-validate/Validate.project", &r, &rep))
        AN_SKIP("../shared not found");
    fprintf(stderr, "  tabari validation: %zu of %zu records pass (%.1f%%), "
            "%zu peer-only, %zu option records; events %zu of %zu found\n",
            r.passed, r.records,
            r.records ? 100.0 * (double)r.passed / (double)r.records : 0.0,
            r.peer_only, r.options, r.found, r.expected);
    an_buf_fini(&rep);
    ASSERT(r.records >= 380);
    ASSERT_GE((double)r.passed / (double)r.records, 0.90);
}

AN_TEST(validate_petrarch2_gsr)
{
    an_validate_result r;
    an_buf rep;
    if (!run_shared("eval/petrarch2-gsr/PETR2_GSR_validation.xml", &r, &rep))
        AN_SKIP("../shared not found");
    double rec = r.expected ? (double)r.found / (double)r.expected : 0.0;
    fprintf(stderr, "  petrarch2 GSR: %zu of %zu events found (%.1f%%), %zu "
            "produced; %zu of %zu records pass\n", r.found, r.expected,
            100.0 * rec, r.produced, r.passed, r.records);
    an_buf_fini(&rep);
    ASSERT(r.expected >= 70);
    /* 61 of 75 (81.3%) with the models of data/models (64 with the
       perceptron parser of before); the floor leaves room for retrained
       models (docs/coding.md analyses the misses of the perceptron). */
    ASSERT_GE(rec, 0.80);
}
