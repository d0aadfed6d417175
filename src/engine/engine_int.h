/*
** engine_int.h - layouts of the engine and the worker.
**
** The engine holds everything loaded once (models, dictionaries,
** gazetteer) and is never written after an_engine_open() returns.  A
** worker holds one thread's scratch memory for the stages.
*/
#ifndef AN_ENGINE_INT_H
#define AN_ENGINE_INT_H

#include "../base/arena.h"
#include "../base/base.h"
#include "../dep/nlp.h"
#include "../where/where.h"

struct an_engine {
    int level;            /* enum an_level */
    size_t max_doc;       /* refuse larger documents */
    char *data_dir;       /* resolved data directory (heap) */
    an_nlp *nlp;          /* tagger, lemmatiser, parser (level >= TAG) */
    struct an_dict *dict; /* dictionaries (AN_LEVEL_CODE), owned */
    an_gaz *gaz;          /* gazetteer, level >= AN_LEVEL_CODE (owned) */
    uint64_t fp;          /* an_engine_fingerprint() */
};

struct an_worker {
    const an_engine *eng; /* shared, read-only */
    an_arena scratch;     /* per-document scratch, reset each document */
    an_arena nlp;         /* tagger/parser scratch, reset each sentence */
    an_skip_fn skip;      /* an_run_opts.skip, or NULL */
    void *skip_ctx;
};

#endif /* AN_ENGINE_INT_H */
