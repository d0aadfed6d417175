/*
** test_conllu.c - the CoNLL-U reader: words, multi-word tokens, empty
** nodes, comments, and errors reported with file and line.
*/
#include "../../src/conllu/conllu.h"
#include "test.h"

static const char sample[] =
    "# newdoc id = d1\n"
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "4.1\tknow\t_\t_\t_\t_\t_\t_\t0:root\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = s2\n"
    "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthere\tthere\tADV\tRB\t_\t2\tobl:xyz\t_\t_\n";

AN_TEST(conllu_reads_words_tokens_sentences)
{
    an_cu_corpus c;
    an_err err;
    ASSERT_EQ(an_conllu_parse(&c, "mem", sample, sizeof sample - 1, &err),
              AN_OK);
    ASSERT_EQ(c.nsent, 2);
    ASSERT_EQ(c.nword, 8);
    ASSERT_EQ(c.ntok, 7);
    const an_cu_sent *s = &c.sents[0];
    ASSERT_EQ(s->nword, 5);
    ASSERT_EQ(s->ntok, 4);
    ASSERT(s->newdoc);
    ASSERT_SPAN_EQ(s->id, "s1");
    ASSERT_SPAN_EQ(s->text, "I don't know.");
    ASSERT_SPAN_EQ(c.words[1].form, "do");
    ASSERT_SPAN_EQ(c.words[2].lemma, "not");
    ASSERT_EQ(c.words[0].head, 3);
    ASSERT_EQ(c.words[3].head, -1);
    ASSERT_EQ(c.words[3].deprel, AN_DEP_ROOT);
    ASSERT_EQ(c.words[1].upos, AN_UPOS_AUX);
    ASSERT_EQ(c.words[1].xpos, AN_XPOS_VBP);
    /* The multi-word token spans words 1 and 2. */
    const an_cu_tok *t = &c.toks[c.words[1].tok];
    ASSERT_SPAN_EQ(t->form, "don't");
    ASSERT_EQ(t->nword, 2);
    ASSERT_EQ(c.words[2].tok, c.words[1].tok);
    ASSERT_EQ(c.toks[c.words[3].tok].space_after, 0);
    ASSERT_EQ(c.toks[c.words[4].tok].space_after, 1);
    /* Unknown subtype falls back to the universal relation; no final
       blank line is fine. */
    ASSERT_EQ(c.words[7].deprel, AN_DEP_OBL);
    ASSERT_EQ(c.sents[1].line, 13);
    an_conllu_fini(&c);
}

static void expect_error(an_test *t_, const char *text, const char *msg)
{
    an_cu_corpus c;
    an_err err;
    an_err_clear(&err);
    int rc = an_conllu_parse(&c, "bad.conllu", text, strlen(text), &err);
    if (rc != AN_EFORMAT)
        FAIL("expected a format error for %s, got %d", msg, rc);
    if (!strstr(err.msg, msg))
        FAIL("message \"%s\" lacks \"%s\"", err.msg, msg);
    ASSERT(c.words == NULL && c.buf == NULL);
}

AN_TEST(conllu_errors_name_file_and_line)
{
    expect_error(t_, "1\tA\tA\tX\tX\t_\t0\troot\t_\n", "bad.conllu:1:");
    expect_error(t_, "1\tA\tA\tX\tX\t_\t0\troot\t_\t_\n"
                     "3\tB\tB\tX\tX\t_\t1\tdep\t_\t_\n",
                 "bad.conllu:2:");
    expect_error(t_, "1\tA\tA\tX\tX\t_\t0\troot\t_\t_\n"
                     "2\tB\tB\tX\tX\t_\t9\tdep\t_\t_\n\n",
                 "head out of range");
    expect_error(t_, "1\tA\tA\tX\tX\t_\tx\troot\t_\t_\n", "bad HEAD");
    expect_error(t_, "1\tA\tA\tX\tX\t_\t1\troot\t_\t_\n", "own head");
    expect_error(t_, "1-3\tAB\t_\t_\t_\t_\t_\t_\t_\t_\n"
                     "1\tA\tA\tX\tX\t_\t0\troot\t_\t_\n\n",
                 "runs past");
    expect_error(t_, "2-1\tAB\t_\t_\t_\t_\t_\t_\t_\t_\n", "range");
    expect_error(t_, "1\tA\tA\tX\tX\t_\t0\troot\t_\t_\tEXTRA\n", "10 tab");
}

AN_TEST(conllu_missing_file)
{
    an_cu_corpus c;
    an_err err;
    ASSERT_EQ(an_conllu_read(&c, "/nonexistent/x.conllu", &err), AN_ENOENT);
    ASSERT_CONTAINS(err.msg, "/nonexistent/x.conllu");
    an_conllu_fini(&c);
}

AN_TEST(conllu_reads_ewt)
{
    char path[512];
    if (!an_test_shared_path("data/ud-ewt/en_ewt-ud-dev.conllu", path,
                             sizeof path))
        AN_SKIP("../shared is absent");
    an_cu_corpus c;
    an_err err;
    ASSERT_EQ(an_conllu_read(&c, path, &err), AN_OK);
    ASSERT_EQ(c.nsent, 2001);
    ASSERT_EQ(c.nword, 25147);
    an_conllu_fini(&c);
}
