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
