/*
** bench_whenwhere.c - speed of time tagging and place tagging, one core.
**
** Reads a JSONL corpus (default ../shared/corpus/news.jsonl, else the
** bundled sample), tokenises every document once (not timed), then times
** the time tagger and the place tagger separately over all documents,
** repeating until each has run for at least a second.  Prints tokens/s and
** sentences/s for each.
**
** usage: build/bench/bench_whenwhere [FILE.jsonl] [DATA_DIR]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/engine/engine_int.h"
#include "../src/when/when.h"
#include "../src/where/where.h"

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/corpus/news.jsonl";
    FILE *f = fopen(path, "rb");
    if (!f) {
        path = "data/sample/news-sample.jsonl";
        f = fopen(path, "rb");
    }
    if (!f) {
        fprintf(stderr, "bench_whenwhere: no corpus\n");
        return 1;
    }
    fclose(f);
    const char *data = argc > 2 ? argv[2] : "data";
    char gpath[4096];
    snprintf(gpath, sizeof gpath, "%s/gazetteer/gazetteer.img", data);
    an_err err;
    an_gaz *g;
    double t0 = an_now();
    if (an_gaz_open(gpath, &g, &err) != AN_OK) {
        fprintf(stderr, "bench_whenwhere: %s\n", err.msg);
        return 1;
    }
    double topen = an_now() - t0;
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_TEXT;
    an_engine *eng;
    an_worker *w;
    if (an_engine_open(&eo, &eng, &err) != AN_OK ||
        an_worker_new(eng, &w, &err) != AN_OK) {
        fprintf(stderr, "bench_whenwhere: %s\n", err.msg);
        return 1;
    }
    const char *paths[1] = {path};
    an_reader *rd;
    an_reader_opts ro = {0};
    if (an_reader_new(&ro, paths, 1, &rd, &err) != AN_OK) {
        fprintf(stderr, "bench_whenwhere: %s\n", err.msg);
        return 1;
    }
    an_doc **docs = NULL;
    size_t nd = 0, cap = 0, ntok = 0, nsent = 0, bytes = 0;
    an_input *in;
    while (an_reader_next(rd, &in) == 1) {
        an_doc *d;
        if (an_doc_new(&d) != AN_OK)
            return 1;
        if (an_worker_process(w, in, d) != AN_OK) {
            an_doc_free(d);
            continue;
        }
        if (nd == cap) {
            cap = cap ? cap * 2 : 256;
            docs = realloc(docs, cap * sizeof *docs);
            if (!docs)
                return 1;
        }
        docs[nd++] = d;
        ntok += d->ntok;
        nsent += d->nsent;
        bytes += d->text.n;
    }
    an_reader_free(rd);
    an_arena scratch;
    an_arena_init(&scratch);
    size_t ntimex = 0, nplace = 0;
    int reps = 0;
    double tw = 0;
    t0 = an_now();
    do {
        for (size_t i = 0; i < nd; i++) {
            an_arena_reset(&scratch);
            an_when_doc(docs[i], &scratch);
            if (!reps)
                ntimex += docs[i]->ntimex;
        }
        reps++;
        tw = an_now() - t0;
    } while (tw < 1.0);
    int wreps = reps;
    reps = 0;
    double tp = 0;
    t0 = an_now();
    do {
        for (size_t i = 0; i < nd; i++) {
            an_arena_reset(&scratch);
            an_where_doc(docs[i], g, &scratch);
            if (!reps)
                nplace += docs[i]->nplace;
        }
        reps++;
        tp = an_now() - t0;
    } while (tp < 1.0);
    printf("corpus %s: %zu documents, %zu sentences, %zu tokens, %.2f MB\n",
           path, nd, nsent, ntok, bytes / 1e6);
    printf("gazetteer open (mmap + checks): %.1f ms\n", topen * 1e3);
    printf("time tagging:  %.0f tokens/s, %.0f sentences/s, %.1f MB/s "
           "(%zu expressions, %d passes)\n",
           ntok * wreps / tw, nsent * wreps / tw, bytes * wreps / tw / 1e6,
           ntimex, wreps);
    printf("place tagging: %.0f tokens/s, %.0f sentences/s, %.1f MB/s "
           "(%zu mentions, %d passes)\n",
           ntok * reps / tp, nsent * reps / tp, bytes * reps / tp / 1e6,
           nplace, reps);
    for (size_t i = 0; i < nd; i++)
        an_doc_free(docs[i]);
    free(docs);
    an_arena_fini(&scratch);
    an_worker_free(w);
    an_engine_close(eng);
    an_gaz_close(g);
    return 0;
}
