/*
** bench_tok.c - throughput of the text layer: tokenizer and sentence
** splitter on real news text, in memory, on one core.
**
**     build/bench/bench_tok [NEWS.jsonl] [SECONDS]
**
** Reads the documents (default ../shared/corpus/news.jsonl) with the
** public reader, keeps their texts in memory, then runs an_tok_text() and
** an_tok_split() over all of them, again and again for at least SECONDS
** (default 3) of CPU time, and prints MB/s, tokens/s and sentences/s
** for tokenising alone and for tokenising plus splitting.  Rates are per
** second of this thread's CPU time (so that a machine shared with other
** jobs still gives the speed of one core); the wall-clock rate is printed
** too.  A last line gives the same
** for the whole text level of the public pipeline (an_worker_process(),
** which adds copying the input and extracting the text).
**
** The stage functions are internal to libannals (src/tok/tok.h), so this
** program includes that header directly; everything else goes through
** the public API.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "annals/annals.h"
#include "../src/tok/tok.h"

typedef struct text {
    char *p;
    size_t n;
} text;

/* Seconds of CPU time used by this thread: on a machine shared with
   other jobs this measures the work done, where wall time would also
   count the time the thread waited for a core. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Wall-clock seconds. */
static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/corpus/news.jsonl";
    double secs = argc > 2 ? atof(argv[2]) : 3.0;
    if (secs <= 0)
        secs = 3.0;
    an_reader_opts ro = {0};
    an_reader *r;
    an_err err;
    if (an_reader_new(&ro, &path, 1, &r, &err) != AN_OK) {
        fprintf(stderr, "bench_tok: %s\n", err.msg);
        return 1;
    }
    text *v = NULL;
    size_t nv = 0, cap = 0, bytes = 0;
    an_input *in;
    int rc;
    while ((rc = an_reader_next(r, &in)) == 1) {
        if (in->error == AN_OK && in->body.n) {
            if (nv == cap) {
                cap = cap ? cap * 2 : 1024;
                v = realloc(v, cap * sizeof *v);
                if (!v)
                    return 1;
            }
            v[nv].p = malloc(in->body.n + 1);
            if (!v[nv].p)
                return 1;
            memcpy(v[nv].p, in->body.p, in->body.n);
            v[nv].p[in->body.n] = 0;
            v[nv].n = in->body.n;
            bytes += in->body.n;
            nv++;
        }
        an_input_free(in);
    }
    an_reader_free(r);
    if (rc < 0 || nv == 0) {
        fprintf(stderr, "bench_tok: %s: no documents\n", path);
        return 1;
    }
    printf("corpus: %s: %zu documents, %.2f MB of text\n", path, nv,
           (double)bytes / 1e6);

    an_arena a;
    an_arena_init(&a);
    for (int mode = 0; mode < 2; mode++) {
        size_t ntok = 0, nsent = 0, passes = 0;
        double t0 = now(), t1, w0 = wall();
        do {
            for (size_t i = 0; i < nv; i++) {
                an_arena_reset(&a);
                an_tok *t;
                size_t nt;
                an_sent *s;
                size_t ns = 0;
                if (an_tok_text(&a, v[i].p, v[i].n, 0, &t, &nt) != AN_OK)
                    return 1;
                if (mode == 1 &&
                    an_tok_split(&a, v[i].p, v[i].n, t, nt, &s, &ns) != AN_OK)
                    return 1;
                ntok += nt;
                nsent += ns;
            }
            passes++;
            t1 = now();
        } while (t1 - t0 < secs);
        double dt = t1 - t0, dw = wall() - w0;
        printf("%-16s %6.1f MB/s  %6.2f M tokens/s  %6.3f M sentences/s  "
               "(%zu passes, %.1f s CPU; wall clock %.1f MB/s; %zu tokens, "
               "%zu sentences a pass)\n",
               mode ? "tokenize+split:" : "tokenize only:",
               (double)bytes * (double)passes / dt / 1e6,
               (double)ntok / dt / 1e6, (double)nsent / dt / 1e6, passes, dt,
               (double)bytes * (double)passes / dw / 1e6, ntok / passes,
               nsent / passes);
    }
    an_arena_fini(&a);

    /* The whole text level through the public API. */
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_TEXT;
    an_engine *eng;
    an_worker *w;
    an_doc *d;
    if (an_engine_open(&eo, &eng, &err) != AN_OK ||
        an_worker_new(eng, &w, &err) != AN_OK || an_doc_new(&d) != AN_OK) {
        fprintf(stderr, "bench_tok: %s\n", err.msg);
        return 1;
    }
    size_t passes = 0, ntok = 0;
    double t0 = now(), t1, w0 = wall();
    do {
        for (size_t i = 0; i < nv; i++) {
            an_input *x;
            if (an_input_new(&x, AN_FMT_TEXT, NULL, NULL, v[i].p, v[i].n) !=
                AN_OK)
                return 1;
            an_worker_process(w, x, d);
            size_t nt;
            an_doc_tokens(d, &nt);
            ntok += nt;
        }
        passes++;
        t1 = now();
    } while (t1 - t0 < secs);
    printf("%-16s %6.1f MB/s  %6.2f M tokens/s  (an_worker_process at "
           "AN_LEVEL_TEXT, %zu passes; wall clock %.1f MB/s)\n",
           "text level:", (double)bytes * (double)passes / (t1 - t0) / 1e6,
           (double)ntok / (t1 - t0) / 1e6, passes,
           (double)bytes * (double)passes / (wall() - w0) / 1e6);
    an_doc_free(d);
    an_worker_free(w);
    an_engine_close(eng);
    for (size_t i = 0; i < nv; i++)
        free(v[i].p);
    free(v);
    return 0;
}
