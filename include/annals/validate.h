/*
** validate.h - running the peers' test suites: PETRARCH2 validation XML
** (the unit tests, the GSR sample) and TABARI's Validate.text project.
**
** A suite names its own dictionaries; they are compiled in memory, every
** record's text is processed by an engine (tokens, and the parse when the
** engine's level includes it), its actors recognised and its events coded
** with those dictionaries, and the set of (source, target, code) triples is
** compared with the record's expected set.  A record passes when the sets
** are equal.  Records whose expectations depend on an option annals does
** not implement are set aside as peer-only, with the reason.
*/
#ifndef ANNALS_VALIDATE_H
#define ANNALS_VALIDATE_H

#include "engine.h"
#include "out.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Suite formats. */
enum an_suite_kind {
    AN_SUITE_PETRARCH = 1, /* <Validation> XML with <Environment> */
    AN_SUITE_TABARI = 2    /* a .project file, or its .text */
};

/** Options of an_validate(); zero-initialise. */
typedef struct an_validate_opts {
    const char *data_dir;          /* data directory (models); NULL: default */
    int level;                     /* processing level of the records:
                                      AN_LEVEL_TEXT or AN_LEVEL_PARSE;
                                      0: AN_LEVEL_PARSE */
    const char *const *dict_dirs;  /* more directories where the suite's
                                      named dictionary files are looked for
                                      (after the suite's own directory) */
    size_t ndict_dirs;
    const char *dict_path;         /* code with this compiled dictionary
                                      image (e.g. data/dict/annals.dict)
                                      instead of the suite's named
                                      dictionaries; NULL: the suite's */
    const char *only;              /* only records whose id starts so */
    int verbose;                   /* report passing records too */
    int trace;                     /* add the coder's account of failing
                                      records (frames, patterns, roles) */
} an_validate_opts;

/** What a run found. */
typedef struct an_validate_result {
    int kind;                /* enum an_suite_kind */
    size_t records;          /* records scored (peer-only ones excluded) */
    size_t passed;           /* records whose coding equals the expected */
    size_t peer_only;        /* records set aside (peer-only options) */
    size_t options;          /* option records (TABARI) applied or noted */
    size_t expected;         /* expected events of the scored records */
    size_t found;            /* of them, produced with source, target, code */
    size_t produced;         /* events produced for the scored records */
} an_validate_result;

/**
 * Run the suite at `path` (a PETRARCH XML file, a TABARI .project file or
 * its .text file).  Appends to `report` every failing record (its text,
 * the expected and the produced codings), the peer-only records with their
 * reasons, and a last line "validate: P of N records pass".  Returns AN_OK
 * (whatever the pass rate) or an error naming the file (unreadable suite
 * or dictionary, malformed record) in `err`.
 */
AN_API int an_validate(const char *path, const an_validate_opts *o,
                       an_buf *report, an_validate_result *res, an_err *err);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_VALIDATE_H */
