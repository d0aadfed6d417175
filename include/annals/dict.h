/*
** dict.h - CAMEO/PLOVER dictionaries: compiling the text sources (the
** PETRARCH2, TABARI and annals formats) into one image, checking them,
** opening the image, and the actors recognised in a document.
**
** A dictionary set is a list of source files (or directories of them):
** verb patterns, actors, agents, discards, issues and the CAMEO ontology
** tables.  an_dict_compile() turns the set into an image file that
** an_dict_open() maps without parsing; the engine opens
** <data_dir>/dict/annals.dict at AN_LEVEL_CODE.  See docs/dictionaries.md
** for the formats and the rules (date ranges, overrides, plurals).
*/
#ifndef ANNALS_DICT_H
#define ANNALS_DICT_H

#include "engine.h"
#include "event.h"
#include "out.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct an_dict an_dict;

/**
 * Receives each problem found in a source: severity (AN_SEV_WARNING or
 * AN_SEV_ERROR), the file, its 1-based line (0: the whole file) and a
 * message.  Strings are valid during the call only.
 */
typedef void (*an_dict_diag_fn)(void *ctx, int severity, const char *file,
                                uint64_t line, const char *msg);

/** What a compile or check found. */
typedef struct an_dict_stats {
    size_t files;       /* source files read */
    size_t errors;      /* syntax errors (entries skipped) */
    size_t warnings;    /* suspicious but usable entries */
    size_t image_bytes; /* size of the image written (compile) */
} an_dict_stats;

/**
 * Read the sources (files, or directories walked in name order; formats
 * are told by the file names, see docs/dictionaries.md), report every
 * problem through `fn` (may be NULL), and, when `out` is not NULL, write
 * the compiled image there (atomically).  Returns AN_OK when the image
 * was built (even with reported errors: broken entries are skipped), or
 * the error that stopped it (unreadable file, out of memory).
 */
AN_API int an_dict_compile(const char *const *paths, size_t npaths,
                           const char *out, an_dict_diag_fn fn, void *ctx,
                           an_dict_stats *stats, an_err *err);

/** Map and check a compiled image.  Free with an_dict_close(). */
AN_API int an_dict_open(const char *path, an_dict **out, an_err *err);
AN_API void an_dict_close(an_dict *d);

/** Append a human-readable summary of the image (counts, files). */
AN_API void an_dict_info(const an_dict *d, an_buf *out);

/**
 * Append a readable account of a verb form (folded, "gave"): each verb
 * entry it belongs to (block, code, lemma, the words a multi-word verb
 * needs) and the patterns of those blocks, written back in the
 * dictionary syntax with their codes and source lines.  Returns AN_OK or
 * AN_ENOENT when the word is not a verb form.
 */
AN_API int an_dict_verb_dump(const an_dict *d, const char *word, an_buf *out);

/** The engine's dictionary (NULL below AN_LEVEL_CODE). */
AN_API const an_dict *an_engine_dict(const an_engine *eng);

/** A CAMEO event code with its names and PLOVER mapping. */
typedef struct an_cameo_info {
    const char *code;           /* "0251" */
    const char *name;           /* "Appeal for easing of ..." */
    double goldstein;           /* -10..10 (0 when not listed) */
    int quad_class;             /* 1..4 from the root, as GDELT */
    const char *plover_event;   /* "REQUEST"; "" when not mapped */
    const char *plover_mode;    /* "" when none */
    const char *plover_context; /* comma-separated, "" when none */
} an_cameo_info;

/**
 * Look up an event code.  Codes the PLOVER table does not list take the
 * mapping of their longest listed prefix.  Returns AN_OK or AN_ENOENT.
 * Strings are owned by the dictionary.
 */
AN_API int an_dict_cameo_lookup(const an_dict *d, const char *code,
                                an_cameo_info *out);

/** The quad class (1..4) of a CAMEO code from its two-digit root, or 0. */
AN_API int an_cameo_quad_class(const char *code);

/**
 * Look up an actor phrase as written ("Volodymyr Zelenskyy") on `date`:
 * writes its code to code[0..n) and returns AN_OK, or AN_ENOENT when the
 * phrase is not a whole actor entry or has no code on that date.
 */
AN_API int an_dict_actor_lookup(const an_dict *d, const char *phrase,
                                an_date date, char *code, size_t n);

/** One actor recognised in a document. */
typedef struct an_actor_mention {
    uint32_t sent;        /* sentence index */
    uint32_t tok, ntok;   /* tokens [tok, tok+ntok) of the document */
    an_actor_ref ref;     /* code, country, sector, text, bytes, how */
    uint32_t entry;       /* dictionary actor entry, UINT32_MAX if none */
    uint32_t group;       /* equal for the members of "A, B and C" */
    int32_t antecedent;   /* AN_ACTOR_COREF: index of the mention it
                             refers to; else -1 */
} an_actor_mention;

/**
 * Recognise the actors of an already processed document (tokens at least)
 * with dictionary `d`, replacing what an_doc_actors() returns: for coding
 * with another dictionary set than the engine's (a validation suite's),
 * or for timing this stage alone.  Returns AN_OK or AN_ENOMEM.
 */
AN_API int an_dict_actors(const an_dict *d, an_doc *doc);

/**
 * The actors found in a document (in text order; owned by the document,
 * valid until it is reset).  Filled at AN_LEVEL_CODE.
 */
AN_API const an_actor_mention *an_doc_actors(const an_doc *doc, size_t *n);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_DICT_H */
