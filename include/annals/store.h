/*
** store.h - the event store: documents and their event mentions kept in
** an SQLite database, mentions merged into events, articles grouped into
** stories, and the queries and exports built on them.
**
** A store is one SQLite file (WAL mode).  an_store_add() takes one
** document with its mentions and, inside the current batch transaction:
**   - skips it when the same document (same id, or same URL) with the
**     same text and the same coding is already stored, and replaces the
**     old version's mentions when it changed;
**   - finds its near-duplicates (MinHash over word 4-shingles with an LSH
**     band index) so that syndicated copies count once as a source;
**   - merges each mention into an event (same source, target, CAMEO root
**     and modality, date within the merge window; see docs/store.md);
**   - puts the article into a story (near-duplicate, shared events,
**     shared vocabulary).
** Batches are committed every `batch_docs` documents (and at least once a
** second), and on an_store_commit() and an_store_close().  A process
** killed at any moment loses only the batch in flight.
**
** A store is used by one thread at a time.  It is a long-lived heap object
** owned by its caller; an_store_close() frees it.
*/
#ifndef ANNALS_STORE_H
#define ANNALS_STORE_H

#include "event.h"
#include "out.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct an_store an_store;

/** Durability of commits (PRAGMA synchronous in WAL mode). */
enum an_store_sync {
    AN_STORE_SYNC_FULL = 0,   /* fsync the WAL at every commit: a commit
                                 survives power loss (the default) */
    AN_STORE_SYNC_NORMAL = 1  /* no fsync per commit: a commit survives a
                                 killed process, not a power cut */
};

/** Merge window value meaning "the same day only" (0 days). */
#define AN_STORE_WINDOW_SAME_DAY (-1)

/** Options for an_store_open(); zero-initialise, then set what you need. */
typedef struct an_store_opts {
    int readonly;          /* open for queries only; the file must exist */
    int must_exist;        /* fail when the file does not exist */
    int sync;              /* enum an_store_sync */
    unsigned batch_docs;   /* documents per transaction; 0: 256 */
    unsigned batch_ms;     /* commit a batch at least this often; 0: 1000 */
    int busy_timeout_ms;   /* wait for another writer; 0: 10000 */
    int merge_window_days; /* merge mentions dated up to N days from an
                              event's anchor date; 0: the database's value
                              (1 for a new one); AN_STORE_WINDOW_SAME_DAY
                              for 0.  A new database records it; opening
                              with a different value is an error. */
    int no_stories;        /* do not group articles into stories */
    int64_t now;           /* Unix time recorded as "added"; 0: the clock
                              (tests set it for reproducible output) */
} an_store_opts;

/**
 * Open (creating or migrating when needed) the store at `path`.  On
 * success *out owns the connection until an_store_close().  Fails with
 * AN_EFORMAT for a file that is not an annals store or that a newer annals
 * wrote, with AN_ENOENT when it must exist and does not, with AN_EIO for
 * other SQLite errors; `err` names the file.
 */
AN_API int an_store_open(const char *path, const an_store_opts *opts,
                         an_store **out, an_err *err);

/**
 * Commit the pending batch and close.  Always frees `s` (NULL is a no-op);
 * returns the status of the final commit.
 */
AN_API int an_store_close(an_store *s, an_err *err);

/** Commit the pending batch now (no-op when none is open). */
AN_API int an_store_commit(an_store *s, an_err *err);

/**
 * One document as the store takes it.  Spans and mentions are borrowed for
 * the duration of an_store_add(); fill it by hand or with
 * an_store_doc_from().  `id` must not be empty.
 */
typedef struct an_store_doc {
    an_span id;                 /* document id (unique key) */
    an_span url;                /* URL, may be empty */
    an_span outlet;             /* outlet name, may be empty */
    an_span title;              /* headline, may be empty */
    an_span text;               /* the main text; mention offsets index it */
    an_date date;               /* publication date, zeros when unknown */
    const an_mention *mentions; /* coded events, may be NULL when none */
    size_t nmention;
    const an_tok *toks;         /* tokens (for verb offsets), may be NULL */
    size_t ntok;
    size_t nsent;               /* number of sentences, 0 if unknown */
    uint64_t input_hash;        /* an_doc_input_hash(), 0 if unknown */
} an_store_doc;

/** Fill `sd` from a processed document (borrowing its memory). */
AN_API void an_store_doc_from(an_store_doc *sd, const an_doc *doc);

/** What an_store_add() did with a document. */
enum an_store_outcome {
    AN_STORE_ADDED = 1,     /* a new document */
    AN_STORE_UNCHANGED = 2, /* already stored with the same text and coding */
    AN_STORE_REPLACED = 3   /* stored before with other text or coding: its
                               mentions were replaced */
};

/** The result of an_store_add(). */
typedef struct an_store_result {
    int outcome;          /* enum an_store_outcome */
    int64_t doc;          /* row id of the document */
    int64_t dup_of;       /* row id of the article it duplicates, or 0 */
    double dup_sim;       /* estimated Jaccard similarity to it */
    int64_t story;        /* story id, 0 when stories are off */
    size_t mentions;      /* mentions stored */
    size_t skipped;       /* mentions refused (no CAMEO code, bad offsets) */
    size_t new_events;    /* events created */
    size_t merged;        /* mentions merged into existing events */
} an_store_result;

/**
 * Store one document and its mentions in the current batch (see the file
 * comment).  `res` may be NULL.  On failure nothing of this document is
 * kept and the batch stays usable.
 */
AN_API int an_store_add(an_store *s, const an_store_doc *d,
                        an_store_result *res, an_err *err);

/**
 * The input hashes (an_doc_input_hash()) of the stored documents, read at
 * once: an immutable table that threads may share, for an an_skip_fn that
 * leaves out documents stored before from the same input by the same
 * engine (they would come out unchanged).  Free with
 * an_store_inputs_free().
 */
typedef struct an_store_inputs an_store_inputs;
AN_API int an_store_inputs_load(an_store *s, an_store_inputs **out,
                                an_err *err);
/** True when document `id` is stored with this input hash (not 0). */
AN_API int an_store_inputs_has(const an_store_inputs *t, an_span id,
                               uint64_t input_hash);
/** Documents in the table. */
AN_API size_t an_store_inputs_count(const an_store_inputs *t);
AN_API void an_store_inputs_free(an_store_inputs *t);
/**
 * Count n documents left out as unchanged (not given to an_store_add) in
 * this session's record of the run (the runs table).
 */
AN_API int an_store_note_unchanged(an_store *s, uint64_t n, an_err *err);

/** Counts of what a store holds. */
typedef struct an_store_stats {
    int64_t documents, duplicates, mentions, events, stories;
    int64_t undated_events;
    int schema_version;
    int merge_window_days;
} an_store_stats;

AN_API int an_store_get_stats(an_store *s, an_store_stats *st, an_err *err);

/** What an_store_check() found. */
typedef struct an_store_check_result {
    int integrity_ok;       /* PRAGMA integrity_check said "ok" */
    int64_t bad_events;     /* events whose counts disagree with mentions */
    int64_t orphan_mentions;/* mentions without their document or event */
    int64_t bad_documents;  /* documents whose mention count disagrees */
    int64_t empty_events;   /* events without mentions */
    int64_t bad_links;      /* mentions whose key or date does not fit
                               their event (merge rule broken) */
    char first_problem[200];/* a description of the first problem, or "" */
} an_store_check_result;

/**
 * Check the database: SQLite's integrity check, then recompute every
 * event's counts from its mentions and compare, and check that every
 * mention fits its event by the merge rule.  Returns AN_OK when the
 * check could run (look at `r` for what it found).
 */
AN_API int an_store_check(an_store *s, an_store_check_result *r,
                          an_err *err);

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

/** A filter for events and mentions; zero-initialise. */
typedef struct an_store_query {
    const char *actor;   /* source or target code starts with it ("RUS") */
    an_date from, to;    /* event date range, inclusive; zeros: open.  With
                            a range, undated events are left out. */
    int64_t story;       /* only this story's events; 0: all */
    int min_sources;     /* at least this many sources */
    int asserted_only;   /* leave out planned, negated, hypothetical */
    int64_t limit;       /* at most this many rows; 0: no limit */
} an_store_query;

/**
 * A merged event as the queries return it.  Strings are NUL-terminated
 * ("" when absent) and valid only during the callback.
 */
typedef struct an_store_event {
    int64_t id;
    an_date date;              /* event date; zeros when undated */
    int date_quality;          /* 2 time expression, 1 document date, 0 none */
    const char *source, *target; /* CAMEO actor codes */
    const char *source_name, *target_name; /* words naming them */
    const char *cameo, *cameo_root;
    const char *plover_event, *plover_mode, *plover_context;
    double goldstein;
    int quad_class;
    int modality;              /* enum an_modality */
    int num_mentions, num_articles, num_sources;
    an_date first_seen, last_seen; /* article dates; zeros when unknown */
    double avg_tone;           /* mean tone of its articles */
    int is_root;               /* first mention in an article's lead */
    int has_place;
    const char *place_name, *place_country, *place_admin1;
    double lat, lon;
    uint32_t geonames_id;
    int64_t story;             /* story of its first article, or 0 */
    const char *verb_text;     /* the verb of its first mention */
    const char *evidence;      /* the sentence of its first mention */
    const char *doc_id, *source_url, *outlet; /* its first article */
    int64_t added;             /* Unix time the event was created */
} an_store_event;

typedef int (*an_store_event_fn)(void *ctx, const an_store_event *ev);

/**
 * Call `fn` for each event matching `q` (NULL: all), dated events in date
 * order then undated ones, ties by id.  `fn` returns AN_OK to go on or a
 * status to stop (returned).
 */
AN_API int an_store_events(an_store *s, const an_store_query *q,
                           an_store_event_fn fn, void *ctx, an_err *err);

/** One stored mention, with its document's data (valid during the call). */
typedef struct an_store_mention {
    int64_t id, event;
    const char *doc_id, *url, *outlet, *source_name; /* source_name: outlet,
                                                        else URL host */
    an_date doc_date;
    uint32_t sent;             /* 0-based sentence index */
    const char *source, *target, *cameo;
    int modality;
    int64_t source_char, target_char, action_char; /* character offsets,
                                                      -1 when unknown */
    int source_how, target_how; /* enum an_actor_how */
    int64_t doc_chars;         /* document length in characters */
    double doc_tone;
    const char *evidence;
    int64_t event_added, doc_added; /* Unix times */
} an_store_mention;

typedef int (*an_store_mention_fn)(void *ctx, const an_store_mention *m);

/** Call `fn` for each mention of the events matching `q`, by event. */
AN_API int an_store_mentions(an_store *s, const an_store_query *q,
                             an_store_mention_fn fn, void *ctx, an_err *err);

/** A story (valid during the callback). */
typedef struct an_store_story {
    int64_t id;
    const char *title;         /* headline of its earliest article */
    an_date first, last;       /* article dates; zeros when unknown */
    int64_t articles, events;
} an_store_story;

typedef int (*an_store_story_fn)(void *ctx, const an_store_story *st);

/**
 * Call `fn` for each story with at least `min_articles` articles (those
 * having events matching `q`, when q->actor or dates are set), largest
 * first.
 */
AN_API int an_store_stories(an_store *s, const an_store_query *q,
                            int64_t min_articles, an_store_story_fn fn,
                            void *ctx, an_err *err);

/* ------------------------------------------------------------------ */
/* Exports                                                             */
/* ------------------------------------------------------------------ */

/** Export formats. */
enum an_export_format {
    AN_EXPORT_JSONL = 1,  /* one JSON object a line */
    AN_EXPORT_CSV = 2,    /* RFC 4180 with a header line */
    AN_EXPORT_GDELT = 3   /* GDELT 2.0 tab-separated tables, no header */
};

/** Which table to export. */
enum an_export_table {
    AN_EXPORT_EVENTS = 0,   /* merged events (GDELT: the 61-column table) */
    AN_EXPORT_MENTIONS = 1, /* mentions (GDELT: the 16-column table) */
    AN_EXPORT_STORIES = 2   /* stories (JSONL and CSV only) */
};

#define AN_GDELT_EVENT_COLUMNS 61
#define AN_GDELT_MENTION_COLUMNS 16

/** Where exported bytes go: return AN_OK, or a status to stop. */
typedef int (*an_write_fn)(void *ctx, const void *p, size_t n);

/**
 * Write `table` of the store in `format` through `write`, for the rows
 * matching `q` (NULL: all).  Returns AN_OK, AN_EUNSUP for a table the
 * format does not have, or the first failing status.
 */
AN_API int an_export(an_store *s, int format, int table,
                     const an_store_query *q, an_write_fn write, void *ctx,
                     an_err *err);

/** Append one GDELT 2.0 event row (61 tab-separated columns, newline). */
AN_API void an_export_gdelt_event(an_buf *b, const an_store_event *ev);

/** Append one GDELT 2.0 mention row (16 columns, newline). */
AN_API void an_export_gdelt_mention(an_buf *b, const an_store_mention *m);

/**
 * A CAMEO actor code split into the fields GDELT uses: country (or region),
 * known group, ethnic, two religions and three types.  Each field is a
 * NUL-terminated 3-letter code or "".
 */
typedef struct an_cameo_actor {
    char country[4], known_group[4], ethnic[4];
    char religion1[4], religion2[4];
    char type1[4], type2[4], type3[4];
} an_cameo_actor;

/** Split `code` (may be NULL or "") into `out`. */
AN_API void an_cameo_actor_split(const char *code, an_cameo_actor *out);

/**
 * The FIPS 10-4 country code (2 letters) for an ISO 3166-1 alpha-3 code,
 * or NULL when unknown.
 */
AN_API const char *an_country_fips(const char *iso3);

/**
 * Tone of a text: 100 * (positive - negative words) / words, using the
 * small built-in English lexicon of src/tone (see docs/store.md for what
 * it is and its limits).  0 for an empty text.
 */
AN_API double an_tone(const char *p, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_STORE_H */
