/*
** test_dep.c - the dependency parser: the transition system always makes
** one tree, training learns a small treebank, the shipped model parses
** documents through the engine (all sentences, or one on demand), the
** command line, and floors on EWT dev.
*/
#include <stdlib.h>

#include "../../src/dep/dep.h"
#include "../../src/dep/dep_int.h"
#include "../../src/dep/nlp.h"
#include "../../src/doc/doc_int.h"
#include "test.h"

AN_TEST(dep_transitions_always_make_a_tree)
{
    uint64_t rng = 12345;
    for (size_t n = 1; n <= 40; n++) {
        an_arena a;
        an_arena_init(&a);
        an_span *forms = an_arena_array(&a, n, sizeof *forms);
        uint8_t *tags = an_arena_alloc(&a, n);
        for (size_t i = 0; i < n; i++) {
            forms[i] = (an_span){"w", 1};
            tags[i] = AN_XPOS_NN;
        }
        an__dep_word *wd = an__dep_words(&a, forms, tags, tags, n);
        an__dep_state st;
        ASSERT(wd);
        ASSERT_EQ(an__dep_init(&st, &a, wd, n), AN_OK);
        size_t steps = 0;
        while (!an__dep_done(&st)) {
            unsigned v = an__dep_valid(&st);
            ASSERT(v != 0);
            int kinds[3], nk = 0;
            for (int k = 0; k < 3; k++)
                if (v & (1u << k))
                    kinds[nk++] = k;
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            an__dep_apply(&st, kinds[rng % (uint64_t)nk], 0);
            steps++;
        }
        ASSERT_EQ(steps, 2 * n);
        int32_t head[64];
        for (size_t i = 0; i < n; i++)
            head[i] = st.nd[i].head == (int32_t)n ? -1 : st.nd[i].head;
        ASSERT(an_test_is_tree(head, n));
        an_arena_fini(&a);
    }
}

/* The two shared sentences (AN_TEST_TINY_CONLLU) and a non-projective one. */
static const char *tiny(void)
{
    static char path[512];
    if (path[0])
        return path;
    static const char block[] =
        AN_TEST_TINY_CONLLU
        /* non-projective: "news" heads "about", across "came" */
        "1\tNews\tnews\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n"
        "2\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\t_\n"
        "3\tabout\tabout\tADP\tIN\t_\t4\tcase\t_\t_\n"
        "4\tpeace\tpeace\tNOUN\tNN\t_\t1\tnmod\t_\tSpaceAfter=No\n"
        "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
        "\n";
    return an_test_write_repeated("tiny-dep.conllu", block, 40, path, sizeof path);
}

static void train_and_check(an_test *t_, int beam, int nn)
{
    const char *tb = tiny();
    ASSERT(tb);
    char dir[512], cmd[600];
    snprintf(dir, sizeof dir, "%s/dep-beam%d-nn%d", an_test_tmpdir(), beam,
             nn);
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    ASSERT_EQ(system(cmd), 0);
    an_nlp_train_opts o;
    memset(&o, 0, sizeof o);
    o.train = tb;
    o.dev = tb;
    o.out_dir = dir;
    o.pos_epochs = 3;
    o.dep_epochs = 5;
    o.folds = 2;
    o.beam = beam;
    if (nn) {
        o.dep_nn = 1;
        o.dep_epochs = 30;
        o.nn_hidden = 64;
        o.nn_word_dim = 16;
    }
    an_err err;
    ASSERT_EQ(an_nlp_train(&o, &err), AN_OK);
    an_nlp *m;
    ASSERT_EQ(an_nlp_open(dir, AN_LEVEL_PARSE, &m, &err), AN_OK);
    an_span w[6] = {{"Troops", 6}, {"withdrew", 8}, {"from", 4},
                    {"the", 3},    {"town", 4},     {".", 1}};
    uint8_t up[6], xp[6], rel[6];
    int32_t head[6];
    an_span lem[6];
    an_nlp_out out = {up, xp, lem, head, rel};
    an_arena a;
    an_arena_init(&a);
    ASSERT_EQ(an_nlp_words(m, &a, &a, w, 6, &out), AN_OK);
    ASSERT_EQ(head[0], 1);
    ASSERT_EQ(rel[0], AN_DEP_NSUBJ);
    ASSERT_EQ(head[1], -1);
    ASSERT_EQ(rel[1], AN_DEP_ROOT);
    ASSERT_EQ(head[4], 1);
    ASSERT_EQ(rel[4], AN_DEP_OBL);
    ASSERT_EQ(head[2], 4);
    ASSERT_SPAN_EQ(lem[1], "withdraw");
    if (nn) {
        /* Beam search over the network's log-probabilities finds the
           same tree. */
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, AN_NLP_DEP_FILE);
        an_dep *dm;
        ASSERT_EQ(an_dep_open(path, &dm, &err), AN_OK);
        int32_t bh[6];
        uint8_t br[6];
        ASSERT_EQ(an_dep_parse(dm, &a, w, up, xp, 6, 4, bh, br), AN_OK);
        for (int i = 0; i < 6; i++) {
            ASSERT_EQ(bh[i], head[i]);
            ASSERT_EQ(br[i], rel[i]);
        }
        an_dep_close(dm);
    }
    /* The non-projective sentence still gets a tree. */
    an_span v[5] = {{"News", 4}, {"came", 4}, {"about", 5}, {"peace", 5},
                    {".", 1}};
    ASSERT_EQ(an_nlp_words(m, &a, &a, v, 5, &out), AN_OK);
    ASSERT(an_test_is_tree(head, 5));
    ASSERT_EQ(head[1], -1);
    an_arena_fini(&a);
    an_nlp_close(m);
}

AN_TEST(dep_greedy_training_learns_a_small_treebank)
{
    train_and_check(t_, 1, 0);
}

AN_TEST(dep_beam_training_learns_a_small_treebank)
{
    train_and_check(t_, 4, 0);
}

AN_TEST(dep_neural_training_learns_a_small_treebank)
{
    train_and_check(t_, 1, 1);
}

AN_TEST(dep_neural_vectors_are_read_and_checked)
{
    const char *tb = tiny();
    ASSERT(tb);
    char dir[512], cmd[600], vec[600];
    snprintf(dir, sizeof dir, "%s/dep-nn-vec", an_test_tmpdir());
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    ASSERT_EQ(system(cmd), 0);
    snprintf(vec, sizeof vec, "%s/vec.txt", dir);
    an_nlp_train_opts o;
    memset(&o, 0, sizeof o);
    o.train = tb;
    o.out_dir = dir;
    o.parts = AN_NLP_DEP;
    o.folds = 1;
    o.dep_nn = 1;
    o.dep_epochs = 1;
    o.nn_hidden = 8;
    o.nn_word_dim = 2;
    o.nn_vectors = vec;
    an_err err;
    /* Good vectors: words outside the treebank join the vocabulary. */
    static const char good[] = "rebels\t0.5 -0.5\nceasefire\t1 2\n";
    ASSERT_EQ(an_test_write_file(vec, good, sizeof good - 1), 0);
    ASSERT_EQ(an_nlp_train(&o, &err), AN_OK);
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, AN_NLP_DEP_FILE);
    an_dep *m;
    ASSERT_EQ(an_dep_open(path, &m, &err), AN_OK);
    an_dep_close(m);
    /* A line of three numbers for two, and a line without a tab. */
    static const char bad[] = "rebels\t0.5 -0.5\nceasefire\t1 2 3\n";
    ASSERT_EQ(an_test_write_file(vec, bad, sizeof bad - 1), 0);
    ASSERT_EQ(an_nlp_train(&o, &err), AN_EFORMAT);
    ASSERT(strstr(err.msg, "vec.txt:2:"));
    static const char bad2[] = "rebels 0.5 -0.5\n";
    ASSERT_EQ(an_test_write_file(vec, bad2, sizeof bad2 - 1), 0);
    ASSERT_EQ(an_nlp_train(&o, &err), AN_EFORMAT);
    ASSERT(strstr(err.msg, "vec.txt:1:"));
    o.nn_vectors = "/nonexistent/vec.txt";
    ASSERT(an_nlp_train(&o, &err) != AN_OK);
}

AN_TEST(dep_neural_training_is_deterministic_and_loading_checked)
{
    const char *tb = tiny();
    ASSERT(tb);
    an_nlp_train_opts o;
    memset(&o, 0, sizeof o);
    o.train = tb;
    o.parts = AN_NLP_DEP;
    o.folds = 1;
    o.dep_nn = 1;
    o.dep_epochs = 3;
    o.nn_hidden = 24;
    o.nn_word_dim = 8;
    size_t n0;
    char *a = an_test_train_twice(&o, "dep-nn-det", &n0);
    ASSERT(a); /* both runs trained and wrote the same bytes */
    an_dep *m;
    an_err err;
    ASSERT_EQ(an_dep_from_memory(a, n0, &m, &err), AN_OK);
    an_dep_close(m);
    /* The same sections with a wrong hidden size, or a truncated
       parameter block, are refused. */
    an_image *img;
    ASSERT_EQ(an_image_from_memory(a, n0, AN_DEP_KIND, &img, &err), AN_OK);
    an_span sec[5];
    const char *names[5] = {"meta", "labels", "nnmeta", "vocab", "params"};
    for (int i = 0; i < 5; i++)
        ASSERT_EQ(an_image_section(img, names[i], &sec[i]), AN_OK);
    an__dnn_dims d;
    ASSERT_EQ(sec[2].n, sizeof d);
    memcpy(&d, sec[2].p, sizeof d);
    ASSERT_EQ(d.hid, 24);
    for (int bad = 0; bad < 3; bad++) {
        an__dnn_dims e = d;
        if (bad == 0)
            e.hid = 32;
        if (bad == 1)
            e.nw = 1u << 30;
        an_image_writer *w;
        ASSERT_EQ(an_image_writer_new(AN_DEP_KIND, AN_DNN_VERSION, &w), AN_OK);
        for (int i = 0; i < 5; i++) {
            const void *p = i == 2 ? (const void *)&e : sec[i].p;
            size_t len = i == 4 && bad == 2 ? sec[i].n - 4 : sec[i].n;
            ASSERT_EQ(an_image_writer_add(w, names[i], p, len), AN_OK);
        }
        an_buf out;
        an_buf_init(&out);
        ASSERT_EQ(an_image_writer_to_buf(w, &out), AN_OK);
        an_image_writer_free(w);
        ASSERT_EQ(an_dep_from_memory(out.p, out.n, &m, &err), AN_EFORMAT);
        an_buf_fini(&out);
    }
    an_image_close(img);
    free(a);
}

/* Process one text at `level` with the models of data/ (the runner may
   live where the engine would not find them by itself). */
static an_doc *process(int level, int format, const char *id,
                       const char *date, const char *body)
{
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.level = level;
    eo.data_dir = "data";
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "engine: %s\n", err.msg);
        return NULL;
    }
    an_worker *w = NULL;
    an_doc *d = NULL;
    an_input *in = NULL;
    if (an_worker_new(eng, &w, &err) == AN_OK && an_doc_new(&d) == AN_OK &&
        an_input_new(&in, format, id, date, body, strlen(body)) == AN_OK)
        an_worker_process(w, in, d);
    an_worker_free(w);
    an_engine_close(eng);
    return d;
}

AN_TEST(dep_engine_parses_every_sentence)
{
    an_doc *d = process(
        AN_LEVEL_PARSE, AN_FMT_TEXT, "d1", "2025-03-18",
        "Rebels attacked the village on Tuesday. The army said it would "
        "withdraw its troops.");
    ASSERT(d);
    size_t ns, nt;
    const an_sent *s = an_doc_sentences(d, &ns);
    const an_tok *t = an_doc_tokens(d, &nt);
    ASSERT(ns >= 1);
    for (size_t i = 0; i < ns; i++) {
        ASSERT(s[i].flags & AN_SENT_TAGGED);
        ASSERT(s[i].flags & AN_SENT_PARSED);
        int32_t head[256];
        ASSERT(s[i].ntok < 256);
        for (uint32_t k = 0; k < s[i].ntok; k++) {
            const an_tok *tk = &t[s[i].tok + k];
            ASSERT(tk->upos != AN_UPOS_NONE);
            ASSERT(tk->lemma.n > 0);
            ASSERT(tk->deprel != AN_DEP_NONE);
            head[k] = tk->head;
        }
        ASSERT(an_test_is_tree(head, s[i].ntok));
    }
    /* "attacked": a verb with lemma "attack", the root of sentence 1,
       with "Rebels" as its subject. */
    an_span text = an_doc_text(d);
    int found = 0;
    for (uint32_t k = 0; k < s[0].ntok; k++) {
        const an_tok *tk = &t[s[0].tok + k];
        if (tk->end - tk->start == 8 &&
            !memcmp(text.p + tk->start, "attacked", 8)) {
            found = 1;
            ASSERT_EQ(tk->upos, AN_UPOS_VERB);
            ASSERT_SPAN_EQ(tk->lemma, "attack");
            ASSERT_EQ(tk->head, -1);
            ASSERT_EQ(t[s[0].tok].head, (int32_t)k);
            ASSERT_EQ(t[s[0].tok].deprel, AN_DEP_NSUBJ);
        }
    }
    ASSERT(found);
    an_doc_free(d);
}

AN_TEST(dep_parse_sent_on_demand)
{
    an_doc *d = process(AN_LEVEL_TAG, AN_FMT_TEXT, "d2", NULL,
                                "Police arrested two men in Paris.");
    ASSERT(d);
    size_t ns, nt;
    const an_sent *s = an_doc_sentences(d, &ns);
    const an_tok *t = an_doc_tokens(d, &nt);
    ASSERT(ns >= 1);
    ASSERT(s[0].flags & AN_SENT_TAGGED);
    ASSERT(!(s[0].flags & AN_SENT_PARSED));
    ASSERT_EQ(t[0].head, AN_TOK_NO_HEAD);
    an_nlp *m;
    an_err err;
    ASSERT_EQ(an_nlp_open("data/models", AN_LEVEL_PARSE, &m, &err), AN_OK);
    an_arena scratch;
    an_arena_init(&scratch);
    ASSERT_EQ(an_dep_parse_sent(m, &scratch, d, 0, AN_LEVEL_PARSE), AN_OK);
    ASSERT(s[0].flags & AN_SENT_PARSED);
    int32_t head[64];
    for (uint32_t k = 0; k < s[0].ntok && k < 64; k++)
        head[k] = t[s[0].tok + k].head;
    ASSERT(an_test_is_tree(head, s[0].ntok));
    /* A second call is a no-op; a bad index is ignored. */
    ASSERT_EQ(an_dep_parse_sent(m, &scratch, d, 0, AN_LEVEL_PARSE), AN_OK);
    ASSERT_EQ(an_dep_parse_sent(m, &scratch, d, 99, AN_LEVEL_PARSE), AN_OK);
    an_arena_fini(&scratch);
    an_nlp_close(m);
    an_doc_free(d);
}

AN_TEST(dep_long_sentence_is_one_tree)
{
    /* 2,500 words without a sentence end: parsed in pieces, one tree. */
    an_buf b;
    an_buf_init(&b);
    static const char *const w[] = {"troops", "moved", "near", "the", "town",
                                    "and", "officials", "said", "nothing"};
    for (int i = 0; i < 2500; i++) {
        an_buf_adds(&b, w[i % 9]);
        an_buf_addc(&b, ' ');
    }
    an_doc *d = process(AN_LEVEL_PARSE, AN_FMT_TEXT, "long", NULL, b.p);
    an_buf_fini(&b);
    ASSERT(d);
    size_t ns, nt;
    const an_sent *s = an_doc_sentences(d, &ns);
    const an_tok *t = an_doc_tokens(d, &nt);
    ASSERT_EQ(nt, 2500);
    ASSERT(ns >= 1 && s[0].ntok > AN_NLP_PIECE);
    int32_t *head = malloc(nt * sizeof *head);
    ASSERT(head);
    for (size_t i = 0; i < ns; i++) {
        ASSERT(s[i].flags & AN_SENT_PARSED);
        for (uint32_t k = 0; k < s[i].ntok; k++)
            head[k] = t[s[i].tok + k].head;
        int ok = an_test_is_tree(head, s[i].ntok);
        if (!ok) {
            free(head);
            FAIL("sentence %zu of %u tokens is not a tree", i, s[i].ntok);
        }
    }
    free(head);
    an_doc_free(d);
}

AN_TEST(dep_cli_parse_and_eval)
{
    char path[512], cmd[1200];
    snprintf(path, sizeof path, "%s/cli.conllu", an_test_tmpdir());
    static const char doc[] =
        "# sent_id = a\n"
        "# text = I don't know.\n"
        "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
        "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
        "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
    ASSERT_EQ(an_test_write_file(path, doc, sizeof doc - 1), 0);
    char *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s parse --conllu %s --data data", an_test_bin(),
             path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "# sent_id = a\n");
    ASSERT_CONTAINS(out, "2-3\tdon't\t");
    ASSERT_CONTAINS(out, "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod");
    ASSERT_CONTAINS(out, "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No");
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s eval --data data %s", an_test_bin(), path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "UPOS       100.00");
    ASSERT_CONTAINS(out, "UAS        100.00");
    free(out);
    free(err);
    /* From raw text. */
    snprintf(path, sizeof path, "%s/raw.txt", an_test_tmpdir());
    ASSERT_EQ(an_test_write_file(path, "Troops withdrew.\n", 17), 0);
    snprintf(cmd, sizeof cmd, "%s parse -q --data data %s", an_test_bin(),
             path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "\twithdrew\twithdraw\tVERB\tVBD\t");
    free(out);
    free(err);
    /* A malformed file is reported with its line. */
    snprintf(path, sizeof path, "%s/bad.conllu", an_test_tmpdir());
    ASSERT_EQ(an_test_write_file(path, "1\tx\n", 4), 0);
    snprintf(cmd, sizeof cmd, "%s parse --conllu %s --data data", an_test_bin(),
             path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 1);
    ASSERT_CONTAINS(err, "bad.conllu:1:");
    free(out);
    free(err);
}

AN_TEST(dep_shipped_parser_floor_on_ewt_dev)
{
    char path[512];
    if (!an_test_shared_path("data/ud-ewt/en_ewt-ud-dev.conllu", path,
                             sizeof path))
        AN_SKIP("../shared is absent");
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.data_dir = "data";
    eo.level = AN_LEVEL_PARSE;
    an_engine *eng;
    an_err err;
    ASSERT_EQ(an_engine_open(&eo, &eng, &err), AN_OK);
    an_nlp_scores s;
    ASSERT_EQ(an_nlp_eval(eng, path, AN_NLP_EVAL_GOLD_TOKENS, &s, &err),
              AN_OK);
    an_engine_close(eng);
    double uas = 100.0 * (double)s.uas / (double)s.gold_words;
    double las = 100.0 * (double)s.las / (double)s.gold_words;
    /* Measured for the committed model (BiLSTM + biaffine, version 6):
       86.93 and 83.79 (the perceptron of before: 84.28 and 81.31). */
    ASSERT_GE(uas, 86.6);
    ASSERT_GE(las, 83.5);
}
