/*
** engine.h - the engine (loaded once, immutable, shared by threads), the
** worker (one per thread), the readers of input files, and the pipeline
** that ties them together with ordered output.
**
** Typical use:
**
**     an_engine *eng;  an_engine_open(&opts, &eng, &err);
**     an_worker *w;    an_worker_new(eng, &w, &err);
**     an_doc *doc;     an_doc_new(&doc);
**     an_input_new(&in, AN_FMT_TEXT, "d1", "2025-03-18", text, len);
**     an_worker_process(w, in, doc);      // doc now owns `in`
**     ... read an_doc_sentences(doc, ...) ...
**     an_doc_free(doc); an_worker_free(w); an_engine_close(eng);
**
** For whole runs over files, an_run() reads, processes with N threads and
** hands finished documents to a callback in input order.
*/
#ifndef ANNALS_ENGINE_H
#define ANNALS_ENGINE_H

#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct an_engine an_engine;
typedef struct an_worker an_worker;

/** What the pipeline does to each document: each level includes the last. */
enum an_level {
    AN_LEVEL_TEXT = 1,  /* extract main text, sentences and tokens */
    AN_LEVEL_TAG = 2,   /* + part-of-speech tags and lemmas */
    AN_LEVEL_PARSE = 3, /* + dependency parse */
    AN_LEVEL_CODE = 4   /* + actors and events */
};

/** Options for an_engine_open(); zero-initialise, then set what you need. */
typedef struct an_engine_opts {
    const char *data_dir; /* directory with models and dictionaries; NULL:
                             $ANNALS_DATA, else next to the program */
    int level;            /* enum an_level; 0 means AN_LEVEL_TEXT */
    size_t max_doc_bytes; /* larger documents are refused; 0: 64 MiB */
    int parse_beam;       /* parser beam width: 1 greedy (fastest), more
                             is slower and more accurate; 0: the model's */
} an_engine_opts;

/**
 * Open an engine: load (mmap) and check every model and dictionary the
 * requested level needs.  On success *out owns them until
 * an_engine_close().  The engine is immutable and may be shared by any
 * number of threads.
 */
AN_API int an_engine_open(const an_engine_opts *opts, an_engine **out,
                          an_err *err);
AN_API void an_engine_close(an_engine *eng);
/** The processing level the engine was opened with. */
AN_API int an_engine_level(const an_engine *eng);
/**
 * A hash of what decides how the engine processes a document: annals'
 * version and build (a checksum of the library's sources), the level, the
 * parser beam, and the checksums of the models, gazetteer and dictionaries
 * it loaded.  Two engines with the same fingerprint give the same output
 * for the same input.
 */
AN_API uint64_t an_engine_fingerprint(const an_engine *eng);
/** The data directory in use (owned by the engine). */
AN_API const char *an_engine_data_dir(const an_engine *eng);

/**
 * Make a worker for one thread.  It holds scratch memory for the stages
 * and must be used by one thread at a time.  Free with an_worker_free().
 */
AN_API int an_worker_new(const an_engine *eng, an_worker **out, an_err *err);
AN_API void an_worker_free(an_worker *w);

/**
 * Process one input into `doc`, which is reset first and takes ownership
 * of `in` (freed on the document's next reset).  Problems with the input
 * are recorded as the document's diagnostics; the return value is AN_OK
 * when a document came out (maybe with warnings), or the error that made
 * it unreadable (also recorded as a diagnostic).
 */
AN_API int an_worker_process(an_worker *w, an_input *in, an_doc *doc);

/* ------------------------------------------------------------------ */
/* Readers                                                             */
/* ------------------------------------------------------------------ */

typedef struct an_reader an_reader;

/** Options for a reader; zero-initialise. */
typedef struct an_reader_opts {
    int format;           /* force a format (enum an_format); 0: detect */
    size_t max_doc_bytes; /* larger documents/lines are refused; 0: 64 MiB */
} an_reader_opts;

/**
 * Make a reader over a list of paths: files, directories (walked
 * recursively, files sorted by name) and "-" for standard input.  Paths
 * are copied.  Missing or unreadable paths are not an error here; they
 * come out of an_reader_next() as inputs with `error` set.
 */
AN_API int an_reader_new(const an_reader_opts *opts, const char *const *paths,
                         size_t npaths, an_reader **out, an_err *err);
AN_API void an_reader_free(an_reader *r);

/**
 * Make a reader over bytes in memory, read as if they were a file called
 * `name` (its extension decides the format unless opts->format is set;
 * gzip is recognised by its magic bytes).  The bytes are not copied and
 * must outlive the reader.  For servers and embedding programs.
 */
AN_API int an_reader_new_memory(const an_reader_opts *opts, const char *name,
                                const void *p, size_t n, an_reader **out,
                                an_err *err);

/**
 * Read the next input.  Returns 1 and sets *out (owned by the caller; free
 * with an_input_free() or hand to a document), 0 at the end, or a negative
 * status for a failure of the reader itself (out of memory).  An input
 * that could not be read is still returned, with `error` set.
 */
AN_API int an_reader_next(an_reader *r, an_input **out);

/** Bytes read so far from all files (compressed size for gzip). */
AN_API uint64_t an_reader_bytes(const an_reader *r);

/* ------------------------------------------------------------------ */
/* Runs                                                                */
/* ------------------------------------------------------------------ */

/**
 * Callback receiving each finished document in input order, on the calling
 * thread of an_run().  The document is valid until the callback returns.
 * Return AN_OK to go on, or a negative status to stop the run.
 */
typedef int (*an_run_fn)(void *ctx, const an_doc *doc);

/** Counts of a run. */
typedef struct an_run_stats {
    uint64_t docs;      /* inputs seen (documents and failed records) */
    uint64_t ok;        /* documents processed without any diagnostic */
    uint64_t warned;    /* processed, with warnings (repaired input) */
    uint64_t failed;    /* could not be read: skipped */
    uint64_t bytes;     /* input bytes read */
    double seconds;     /* wall time */
} an_run_stats;

/**
 * Asked on a worker thread once a document's text and metadata are known
 * (an_doc_input_hash() is set) and before it is tokenised, tagged or
 * coded: return nonzero to leave the rest out.  The document still
 * reaches an_run_fn, in order, with an_doc_skipped() true.  Must be safe
 * to call from several threads at once.
 */
typedef int (*an_skip_fn)(void *ctx, const an_doc *doc);

/** Options for an_run(). */
typedef struct an_run_opts {
    int threads;        /* worker threads; 0: one per core */
    an_run_fn fn;       /* called for each document, in order */
    void *ctx;          /* passed to fn */
    /* Called from the calling thread about once a second with the counts
       so far (for a progress line); may be NULL. */
    void (*progress)(void *ctx, const an_run_stats *st);
    /* Documents to leave unprocessed (see an_skip_fn); may be NULL.  Gets
       ctx too. */
    an_skip_fn skip;
} an_run_opts;

/**
 * Read every input of `r`, process each with its own worker thread and hand
 * the documents to opts->fn in input order.  Returns AN_OK when the run
 * went through (documents may still have failed: see stats), or the status
 * that stopped it.
 */
AN_API int an_run(const an_engine *eng, an_reader *r, const an_run_opts *opts,
                  an_run_stats *stats, an_err *err);

/** Number of online CPU cores (at least 1). */
AN_API int an_ncpu(void);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_ENGINE_H */
