/*
** bench_parse.c - speed and memory of the tagger, lemmatiser and parser.
**
**   build/bench/bench_parse [GOLD.conllu] [DATA_DIR]
**
** Defaults: ../shared/data/ud-ewt/en_ewt-ud-test.conllu and data.  Prints
** the model sizes, the time to open the engine with the models (mean of
** 10 opens), words per second for tagging + lemmatising and for tagging +
** lemmatising + parsing the gold words on one thread (best of 5 passes,
** by the CPU time of the thread in the tagger and parser; the wall time of
** the whole evaluation, reading the treebank and scoring included, is
** printed beside it), the same from raw text through the
** whole pipeline (text layer, tokenizer, sentence splitter, tagger,
** parser), and the peak resident memory.  Wall-clock figures depend on
** the machine's load; run it on an idle machine, or count instructions
** with valgrind --tool=callgrind for a repeatable figure.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "annals/annals.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long long file_size(const char *dir, const char *name)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/models/%s", dir, name);
    struct stat st;
    return stat(p, &st) == 0 ? (long long)st.st_size : -1;
}

/* Best words/s (CPU time of the tagging and parsing; *wall_wps gets the
   best by wall-clock time of the whole evaluation, reading and scoring
   included) of `passes` evaluations at `level` in `mode`. */
static double speed(const char *data, const char *gold, int level, int mode,
                    int passes, an_nlp_scores *last, double *wall_wps)
{
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.data_dir = data;
    eo.level = level;
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "bench_parse: %s\n", err.msg);
        return -1;
    }
    double best = 0;
    *wall_wps = 0;
    for (int i = 0; i < passes; i++) {
        an_nlp_scores s;
        double t0 = now();
        if (an_nlp_eval(eng, gold, mode, &s, &err) != AN_OK) {
            fprintf(stderr, "bench_parse: %s\n", err.msg);
            an_engine_close(eng);
            return -1;
        }
        double wall = now() - t0;
        double wps = s.seconds > 0 ? (double)s.sys_words / s.seconds : 0;
        if (wps > best)
            best = wps;
        if (wall > 0 && (double)s.sys_words / wall > *wall_wps)
            *wall_wps = (double)s.sys_words / wall;
        *last = s;
    }
    an_engine_close(eng);
    return best;
}

int main(int argc, char **argv)
{
    const char *gold = argc > 1 ? argv[1]
                                : "../shared/data/ud-ewt/en_ewt-ud-test.conllu";
    const char *data = argc > 2 ? argv[2] : "data";
    printf("models (%s/models): pos %lld bytes, lemma %lld bytes, dep %lld "
           "bytes\n",
           data, file_size(data, AN_NLP_POS_FILE),
           file_size(data, AN_NLP_LEMMA_FILE), file_size(data, AN_NLP_DEP_FILE));
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.data_dir = data;
    eo.level = AN_LEVEL_PARSE;
    an_err err;
    double t0 = now();
    for (int i = 0; i < 10; i++) {
        an_engine *eng;
        if (an_engine_open(&eo, &eng, &err) != AN_OK) {
            fprintf(stderr, "bench_parse: %s\n", err.msg);
            return 1;
        }
        an_engine_close(eng);
    }
    printf("engine open with the three models (mmap + checks): %.2f ms\n",
           (now() - t0) * 100.0);
    an_nlp_scores s;
    double w1, w2, w3;
    double tag = speed(data, gold, AN_LEVEL_TAG, AN_NLP_EVAL_GOLD_TOKENS, 5, &s,
                       &w1);
    if (tag < 0)
        return 1;
    printf("tag + lemmatise, gold words, 1 thread: %.0f words/s CPU time "
           "(%llu words; wall time, reading and scoring included: %.0f "
           "words/s)\n",
           tag, (unsigned long long)s.sys_words, w1);
    double all = speed(data, gold, AN_LEVEL_PARSE, AN_NLP_EVAL_GOLD_TOKENS, 5,
                       &s, &w2);
    if (all < 0)
        return 1;
    printf("tag + lemmatise + parse, gold words, 1 thread: %.0f words/s CPU "
           "time (wall time, reading and scoring included: %.0f words/s)\n",
           all, w2);
    double raw = speed(data, gold, AN_LEVEL_PARSE, AN_NLP_EVAL_RAW_TEXT, 3, &s,
                       &w3);
    if (raw < 0)
        return 1;
    printf("raw text -> tokens, sentences, tags, lemmas, parse, 1 thread: "
           "%.0f words/s CPU time (wall: %.0f words/s)\n",
           raw, w3);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak resident memory: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    return 0;
}
