/*
** bench_code.c - throughput of `annals code`: the whole pipeline from
** reading JSONL to event JSON lines, at AN_LEVEL_CODE, one core by default;
** or of the pipeline up to an earlier stage (--level text|tag|parse: reading
** to documents with their tokens and sentences, tags, parses).
**
**   build/bench/bench_code [--level text|tag|parse|code] [--threads N]
**                          [--min-sentences N] [--data DIR] [FILE.jsonl]
**
** The corpus (default ../shared/corpus/news.jsonl) is read into memory and
** replicated until it holds at least --min-sentences sentences (default
** 200,000); every document goes through reading, text extraction, tokens
** and sentences, time expressions and places, actors, the prefilter, (the
** parse of candidate sentences when the engine holds the parser), coding,
** and the JSON rendering of its events (into a buffer that is dropped, as
** a writer to /dev/null would).  Prints sentences/s, documents/s, events,
** the share of sentences the prefilter lets through, CPU time and peak
** resident memory.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "annals/annals.h"

typedef struct counts {
    unsigned long long docs, sents, cands, mentions, json_bytes;
    an_buf out;
} counts;

static int on_doc(void *ctx, const an_doc *doc)
{
    counts *c = ctx;
    size_t n;
    c->docs++;
    const an_sent *s = an_doc_sentences(doc, &n);
    c->sents += n;
    for (size_t i = 0; i < n; i++)
        c->cands += (s[i].flags & AN_SENT_CANDIDATE) != 0;
    an_doc_mentions(doc, &n);
    c->mentions += n;
    an_buf_clear(&c->out);
    an_out_events_json(&c->out, doc);
    c->json_bytes += c->out.n;
    return AN_OK;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (p && fread(p, 1, (size_t)len, f) != (size_t)len) {
        free(p);
        p = NULL;
    }
    fclose(f);
    if (p)
        *n = (size_t)len;
    return p;
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_once(const an_engine *eng, const char *buf, size_t n, int threads,
                    counts *c, an_run_stats *st)
{
    an_reader *r;
    an_err err;
    if (an_reader_new_memory(NULL, "bench.jsonl", buf, n, &r, &err) != AN_OK)
        return 1;
    an_run_opts o = {0};
    o.threads = threads;
    o.fn = on_doc;
    o.ctx = c;
    an_buf keep = c->out;
    memset(c, 0, sizeof *c);
    c->out = keep;
    int rc = an_run(eng, r, &o, st, &err);
    an_reader_free(r);
    if (rc != AN_OK)
        fprintf(stderr, "run: %s\n", err.msg);
    return rc != AN_OK;
}

int main(int argc, char **argv)
{
    const char *path = "../shared/corpus/news.jsonl", *data = NULL;
    int threads = 1, level = AN_LEVEL_CODE;
    unsigned long long min_sents = 200000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--level") && i + 1 < argc) {
            const char *l = argv[++i];
            level = !strcmp(l, "text")    ? AN_LEVEL_TEXT
                    : !strcmp(l, "tag")   ? AN_LEVEL_TAG
                    : !strcmp(l, "parse") ? AN_LEVEL_PARSE
                                          : AN_LEVEL_CODE;
        } else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--min-sentences") && i + 1 < argc)
            min_sents = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else
            path = argv[i];
    }
    size_t n;
    char *one = slurp(path, &n);
    if (!one) {
        fprintf(stderr, "bench_code: cannot read %s\n", path);
        return 1;
    }
    an_engine_opts eo = {0};
    eo.level = level;
    eo.data_dir = data;
    an_engine *eng;
    an_err err;
    struct timespec w0, w1;
    clock_gettime(CLOCK_MONOTONIC, &w0);
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "bench_code: %s\n", err.msg);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &w1);
    double open_s = (double)(w1.tv_sec - w0.tv_sec) + (double)(w1.tv_nsec - w0.tv_nsec) / 1e9;
    counts c;
    memset(&c, 0, sizeof c);
    an_buf_init(&c.out);
    an_run_stats st;
    if (run_once(eng, one, n, 1, &c, &st))
        return 1;
    unsigned long long copies = c.sents ? (min_sents + c.sents - 1) / c.sents : 1;
    char *buf = malloc(n * copies + 1);
    if (!buf)
        return 1;
    for (unsigned long long i = 0; i < copies; i++)
        memcpy(buf + i * n, one, n);
    size_t total = n * copies;
    double c0 = cpu_seconds();
    if (run_once(eng, buf, total, threads, &c, &st))
        return 1;
    double cpu = cpu_seconds() - c0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("corpus: %s x %llu = %.1f MB, %llu documents, %llu sentences\n", path, copies,
           (double)total / 1e6, c.docs, c.sents);
    static const char *const names[] = {"?", "text", "tag", "parse", "code"};
    printf("engine open (models, dictionary, gazetteer as the level needs): "
           "%.3f s\n", open_s);
    printf("%s, %d thread(s): %.3f s wall, %.3f s CPU; %.0f sentences/s wall, "
           "%.0f sentences/s CPU, %.0f docs/s wall, %.1f MB/s wall\n",
           names[level], threads, st.seconds, cpu, (double)c.sents / st.seconds,
           (double)c.sents / cpu, (double)c.docs / st.seconds,
           (double)total / 1e6 / st.seconds);
    printf("prefilter: %llu of %llu sentences are candidates (%.1f%%); %llu events, "
           "%.1f MB of JSON\n", c.cands, c.sents,
           c.sents ? 100.0 * (double)c.cands / (double)c.sents : 0.0, c.mentions,
           (double)c.json_bytes / 1e6);
    printf("peak RSS: %.1f MB (corpus in memory: %.1f MB)\n", (double)ru.ru_maxrss / 1024.0,
           (double)total / 1e6);
    an_buf_fini(&c.out);
    free(buf);
    free(one);
    an_engine_close(eng);
    return 0;
}
