/*
** bench_pipeline.c - throughput of the whole pipeline on a JSONL corpus,
** reading to documents, one core by default.
**
**   build/bench/bench_pipeline [--level text|tag|parse|code] [--threads N]
**                              [--min-sentences N] [FILE.jsonl]
**
** The corpus (default ../shared/corpus/news.jsonl) is read into memory and
** replicated until it holds at least --min-sentences sentences (default
** 200,000), then processed from memory; prints documents/s, sentences/s,
** MB/s and peak resident memory.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "annals/annals.h"

typedef struct counts {
    unsigned long long docs, sents, toks, mentions;
} counts;

static int on_doc(void *ctx, const an_doc *doc)
{
    counts *c = ctx;
    size_t n;
    c->docs++;
    an_doc_sentences(doc, &n);
    c->sents += n;
    an_doc_tokens(doc, &n);
    c->toks += n;
    an_doc_mentions(doc, &n);
    c->mentions += n;
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
    char *p = malloc((size_t)len + 1);
    if (p && fread(p, 1, (size_t)len, f) != (size_t)len) {
        free(p);
        p = NULL;
    }
    fclose(f);
    if (p)
        *n = (size_t)len;
    return p;
}

static int run_once(const an_engine *eng, const char *buf, size_t n,
                    int threads, counts *c, an_run_stats *st)
{
    an_reader *r;
    an_err err;
    if (an_reader_new_memory(NULL, "bench.jsonl", buf, n, &r, &err) != AN_OK)
        return 1;
    an_run_opts o = {0};
    o.threads = threads;
    o.fn = on_doc;
    o.ctx = c;
    memset(c, 0, sizeof *c);
    int rc = an_run(eng, r, &o, st, &err);
    an_reader_free(r);
    if (rc != AN_OK)
        fprintf(stderr, "run: %s\n", err.msg);
    return rc != AN_OK;
}

int main(int argc, char **argv)
{
    const char *path = "../shared/corpus/news.jsonl";
    int level = AN_LEVEL_TEXT, threads = 1;
    unsigned long long min_sents = 200000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--level") && i + 1 < argc) {
            const char *l = argv[++i];
            level = !strcmp(l, "tag") ? AN_LEVEL_TAG : !strcmp(l, "parse") ? AN_LEVEL_PARSE
                  : !strcmp(l, "code") ? AN_LEVEL_CODE : AN_LEVEL_TEXT;
        } else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
            threads = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "--min-sentences") && i + 1 < argc) {
            min_sents = strtoull(argv[++i], NULL, 10);
        } else {
            path = argv[i];
        }
    }
    size_t n;
    char *one = slurp(path, &n);
    if (!one) {
        fprintf(stderr, "bench_pipeline: cannot read %s\n", path);
        return 1;
    }
    an_engine_opts eo = {0};
    eo.level = level;
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "bench_pipeline: %s\n", err.msg);
        return 1;
    }
    /* Count sentences of one copy, then replicate. */
    counts c;
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
    if (run_once(eng, buf, total, threads, &c, &st))
        return 1;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("corpus: %s x %llu = %.1f MB, %llu documents, %llu sentences, %llu tokens\n",
           path, copies, total / 1e6, c.docs, c.sents, c.toks);
    printf("level %d, %d thread(s): %.3f s, %.0f docs/s, %.0f sentences/s, "
           "%.0f tokens/s, %.1f MB/s, %llu mentions\n",
           level, threads, st.seconds, c.docs / st.seconds, c.sents / st.seconds,
           c.toks / st.seconds, total / 1e6 / st.seconds, c.mentions);
    printf("peak RSS: %.1f MB (corpus in memory: %.1f MB)\n", ru.ru_maxrss / 1024.0,
           total / 1e6);
    free(buf);
    free(one);
    an_engine_close(eng);
    return 0;
}
