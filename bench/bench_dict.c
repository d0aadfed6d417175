/*
** bench_dict.c - dictionary figures: compile time of a source set, load
** time of the compiled image (mmap + full check), and the cost of actor
** recognition per sentence on a corpus, on one core.
**
**   build/bench/bench_dict [DATA_DIR [CORPUS...]]
**
** DATA_DIR defaults to "data" (data/dict/src and data/dict/annals.dict);
** the corpus defaults to ../shared/corpus/news.jsonl, else
** data/sample/news-sample.jsonl.  Documents are read into memory,
** processed at AN_LEVEL_TEXT (text, sentences, tokens), and actor
** recognition (an_dict_actors) is timed alone, best of three passes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "annals/annals.h"
#include "annals/dict.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct corpus {
    an_input **in;
    size_t n, cap;
} corpus;

/* Read every input once; copies are made per pass with an_input_new. */
static int load(corpus *c, const char *const *paths, size_t np)
{
    an_reader *r;
    an_err err;
    if (an_reader_new(NULL, paths, np, &r, &err) != AN_OK) {
        fprintf(stderr, "bench_dict: %s\n", err.msg);
        return -1;
    }
    an_input *in;
    while (an_reader_next(r, &in) == 1) {
        if (in->error) {
            an_input_free(in);
            continue;
        }
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 256;
            c->in = realloc(c->in, c->cap * sizeof *c->in);
            if (!c->in)
                return -1;
        }
        c->in[c->n++] = in;
    }
    an_reader_free(r);
    return 0;
}

/*
** Process the corpus at AN_LEVEL_TEXT and time actor recognition alone
** (an_dict_actors on each tokenized document); best of three passes.
** Returns seconds; counts sentences and actors.
*/
static double pass(const char *data, const an_dict *dict, const corpus *c,
                   size_t *nsent, size_t *nactors)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_TEXT;
    eo.data_dir = data;
    an_engine *eng;
    an_worker *w;
    an_doc *d;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "bench_dict: %s\n", err.msg);
        exit(1);
    }
    if (an_worker_new(eng, &w, &err) != AN_OK || an_doc_new(&d) != AN_OK)
        exit(1);
    double best = 1e30;
    for (int rep = 0; rep < 3; rep++) {
        double busy = 0;
        size_t ns = 0, na = 0;
        for (size_t i = 0; i < c->n; i++) {
            const an_input *src = c->in[i];
            an_input *in;
            char date[32] = "";
            snprintf(date, sizeof date, "%.*s", (int)src->date.n,
                     src->date.p ? src->date.p : "");
            if (an_input_new(&in, src->format, NULL, date[0] ? date : NULL,
                             src->body.p, src->body.n) != AN_OK)
                exit(1);
            an_worker_process(w, in, d);
            double a = now();
            if (an_dict_actors(dict, d) != AN_OK)
                exit(1);
            busy += now() - a;
            size_t k;
            an_doc_sentences(d, &k);
            ns += k;
            an_doc_actors(d, &k);
            na += k;
        }
        if (busy < best)
            best = busy;
        *nsent = ns;
        *nactors = na;
    }
    an_doc_free(d);
    an_worker_free(w);
    an_engine_close(eng);
    return best;
}

int main(int argc, char **argv)
{
    const char *data = argc > 1 ? argv[1] : "data";
    char src[4096], img[4096];
    snprintf(src, sizeof src, "%s/dict/src", data);
    snprintf(img, sizeof img, "%s/dict/annals.dict", data);

    /* Compile (in memory: no output file). */
    an_dict_stats st;
    an_err err;
    const char *srcs[] = {src};
    double t0 = now();
    if (an_dict_compile(srcs, 1, NULL, NULL, NULL, &st, &err) != AN_OK) {
        fprintf(stderr, "bench_dict: %s\n", err.msg);
        return 1;
    }
    double tc = now() - t0;
    printf("compile   %s: %zu files, %.3f s\n", src, st.files, tc);

    /* Load: open + check + close, best and mean of 20. */
    struct stat sb;
    stat(img, &sb);
    double best = 1e30, sum = 0;
    for (int i = 0; i < 20; i++) {
        an_dict *d;
        t0 = now();
        if (an_dict_open(img, &d, &err) != AN_OK) {
            fprintf(stderr, "bench_dict: %s\n", err.msg);
            return 1;
        }
        double t = now() - t0;
        an_dict_close(d);
        sum += t;
        if (t < best)
            best = t;
    }
    printf("load      %s (%.1f MB): best %.2f ms, mean %.2f ms (mmap + "
           "checksum + full check)\n", img, sb.st_size / 1e6, best * 1e3,
           sum / 20 * 1e3);

    /* Actor recognition on a corpus. */
    const char *def[] = {"../shared/corpus/news.jsonl"};
    const char *const *paths = argc > 2 ? (const char *const *)argv + 2 : def;
    size_t np = argc > 2 ? (size_t)argc - 2 : 1;
    if (argc <= 2 && stat(def[0], &sb) != 0) {
        static const char *sample[] = {"data/sample/news-sample.jsonl"};
        paths = sample;
    }
    corpus c = {0};
    if (load(&c, paths, np) != 0 || !c.n) {
        fprintf(stderr, "bench_dict: no documents in %s\n", paths[0]);
        return 1;
    }
    an_dict *dict;
    if (an_dict_open(img, &dict, &err) != AN_OK) {
        fprintf(stderr, "bench_dict: %s\n", err.msg);
        return 1;
    }
    size_t ns, na, ntok = 0;
    double tact = pass(data, dict, &c, &ns, &na);
    (void)ntok;
    printf("corpus    %s: %zu documents, %zu sentences, %zu actors found\n",
           paths[0], c.n, ns, na);
    printf("actors    %.3f s: %.2f us/sentence, %.0f sentences/s (one core, "
           "actor recognition alone, best of 3)\n", tact,
           tact / (double)ns * 1e6, ns / (tact > 0 ? tact : 1e-9));
    an_dict_close(dict);
    for (size_t i = 0; i < c.n; i++)
        an_input_free(c.in[i]);
    free(c.in);
    return 0;
}
