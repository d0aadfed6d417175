/*
** test_run.c - whole runs in-process: an_run() with several worker threads
** sharing one engine must give the output of a single-threaded run, in
** input order.  The TSan runner of `make check` runs these tests.
*/
#include <stdlib.h>

#include "test.h"

typedef struct run_out {
    an_buf b;
    uint64_t docs;
} run_out;

static int collect(void *ctx, const an_doc *d)
{
    run_out *o = ctx;
    an_out_text_json(&o->b, d, 0);
    an_out_events_json(&o->b, d);
    o->docs++;
    return o->b.oom ? AN_ENOMEM : AN_OK;
}

/* Run `path` through `eng` with `threads` threads into o. */
static int run_file(const an_engine *eng, const char *path, int threads,
                    run_out *o, an_run_stats *st)
{
    an_reader *r;
    an_err err;
    an_reader_opts ro = {0};
    if (an_reader_new(&ro, &path, 1, &r, &err) != AN_OK)
        return -1;
    an_run_opts opts = {0};
    opts.threads = threads;
    opts.fn = collect;
    opts.ctx = o;
    int rc = an_run(eng, r, &opts, st, &err);
    an_reader_free(r);
    return rc;
}

AN_TEST(run_threads_same_output_as_one)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = "data"; /* the tests run from the repository root */
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK)
        AN_SKIP("no models or dictionaries in data/");
    const char *path = "data/sample/news-sample.jsonl";
    run_out one = {0}, many = {0};
    an_run_stats s1, s4;
    int rc1 = run_file(eng, path, 1, &one, &s1);
    int rc4 = run_file(eng, path, 4, &many, &s4);
    an_engine_close(eng);
    int same = one.b.n == many.b.n && one.b.n &&
               memcmp(one.b.p, many.b.p, one.b.n) == 0;
    size_t n1 = one.b.n;
    an_buf_fini(&one.b);
    an_buf_fini(&many.b);
    ASSERT_EQ(rc1, AN_OK);
    ASSERT_EQ(rc4, AN_OK);
    ASSERT_GE(s1.docs, 10);
    ASSERT_EQ(s4.docs, s1.docs);
    ASSERT_EQ(many.docs, one.docs);
    ASSERT(n1 > 1000);
    ASSERT(same);
}

/* A callback that stops the run must stop every thread cleanly. */
static int stop_at_three(void *ctx, const an_doc *d)
{
    (void)d;
    int *n = ctx;
    return ++*n == 3 ? AN_EIO : AN_OK;
}

AN_TEST(run_threads_stop_early)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_TEXT;
    an_engine *eng;
    an_err err;
    ASSERT_EQ(an_engine_open(&eo, &eng, &err), AN_OK);
    const char *path = "data/sample/news-sample.jsonl";
    an_reader *r;
    an_reader_opts ro = {0};
    ASSERT_EQ(an_reader_new(&ro, &path, 1, &r, &err), AN_OK);
    int n = 0;
    an_run_opts opts = {0};
    opts.threads = 3;
    opts.fn = stop_at_three;
    opts.ctx = &n;
    an_run_stats st;
    int rc = an_run(eng, r, &opts, &st, &err);
    an_reader_free(r);
    an_engine_close(eng);
    ASSERT_EQ(rc, AN_EIO);
    ASSERT_EQ(n, 3);
}

/* ---- leaving documents out (an_run_opts.skip) ---- */

typedef struct seen {
    char id[8][8];
    int skipped[8];
    size_t ntok[8];
    uint64_t hash[8];
    int n;
} seen;

static int skip_b(void *ctx, const an_doc *d)
{
    (void)ctx;
    an_span id = an_doc_id(d);
    return id.n == 1 && id.p[0] == 'b';
}

static int record(void *ctx, const an_doc *d)
{
    seen *s = ctx;
    if (s->n >= 8)
        return AN_ERANGE;
    an_span id = an_doc_id(d);
    snprintf(s->id[s->n], sizeof s->id[0], "%.*s", (int)id.n, id.p);
    s->skipped[s->n] = an_doc_skipped(d);
    an_doc_tokens(d, &s->ntok[s->n]);
    s->hash[s->n] = an_doc_input_hash(d);
    s->n++;
    return AN_OK;
}

static int run_memory(const an_engine *eng, const char *jsonl, int threads,
                      an_skip_fn skip, seen *s)
{
    an_reader *r;
    an_err err;
    an_reader_opts ro = {0};
    if (an_reader_new_memory(&ro, "docs.jsonl", jsonl, strlen(jsonl), &r,
                             &err) != AN_OK)
        return -1;
    an_run_opts opts = {0};
    opts.threads = threads;
    opts.fn = record;
    opts.ctx = s;
    opts.skip = skip;
    an_run_stats st;
    int rc = an_run(eng, r, &opts, &st, &err);
    an_reader_free(r);
    return rc;
}

AN_TEST(run_skip_leaves_documents_uncoded)
{
    const char *docs =
        "{\"id\":\"a\",\"date\":\"2025-03-18\",\"text\":\"Russia attacked Ukraine.\"}\n"
        "{\"id\":\"b\",\"date\":\"2025-03-18\",\"text\":\"Russia attacked Ukraine.\"}\n"
        "{\"id\":\"c\",\"date\":\"2025-03-19\",\"text\":\"Russia attacked Ukraine.\"}\n"
        "{\"id\":\"d\",\"date\":\"2025-03-19\",\"text\":\"Russia attacked Ukraine!\"}\n";
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_TEXT;
    an_engine *eng;
    an_err err;
    ASSERT_EQ(an_engine_open(&eo, &eng, &err), AN_OK);
    seen one = {0}, two = {0};
    int rc1 = run_memory(eng, docs, 1, skip_b, &one);
    int rc2 = run_memory(eng, docs, 3, NULL, &two);
    an_engine_close(eng);
    ASSERT_EQ(rc1, AN_OK);
    ASSERT_EQ(rc2, AN_OK);
    ASSERT_EQ(one.n, 4);
    ASSERT_EQ(two.n, 4);
    /* b reaches the callback, in order, left after its text */
    ASSERT_STR_EQ(one.id[1], "b");
    ASSERT_EQ(one.skipped[1], 1);
    ASSERT_EQ(one.ntok[1], 0);
    for (int i = 0; i < 4; i++) {
        if (i != 1) {
            ASSERT_EQ(one.skipped[i], 0);
            ASSERT(one.ntok[i] > 0);
        }
        ASSERT_EQ(two.skipped[i], 0);
        /* the input hash is known, and the same in every run */
        ASSERT_NE(one.hash[i], 0);
        ASSERT_EQ(one.hash[i], two.hash[i]);
    }
    /* id, date and text all count */
    ASSERT_NE(one.hash[0], one.hash[1]);
    ASSERT_NE(one.hash[0], one.hash[2]);
    ASSERT_NE(one.hash[2], one.hash[3]);
}

AN_TEST(engine_fingerprint_follows_level)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_TEXT;
    an_engine *a, *b, *c;
    an_err err;
    ASSERT_EQ(an_engine_open(&eo, &a, &err), AN_OK);
    ASSERT_EQ(an_engine_open(&eo, &b, &err), AN_OK);
    eo.level = AN_LEVEL_TAG;
    eo.data_dir = "data";
    int rc = an_engine_open(&eo, &c, &err);
    uint64_t fa = an_engine_fingerprint(a), fb = an_engine_fingerprint(b);
    uint64_t fc = rc == AN_OK ? an_engine_fingerprint(c) : fa + 1;
    an_engine_close(a);
    an_engine_close(b);
    if (rc == AN_OK)
        an_engine_close(c);
    ASSERT_EQ(fa, fb);
    ASSERT_NE(fa, fc);
}
