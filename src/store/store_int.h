/*
** store_int.h - the layout of an_store and the names its files share.
**
** The store is split by concern: store.c (open, batches, adding a
** document), schema.c (tables and migrations), dedup.c (MinHash and the
** vocabulary signature), merge.c (mentions into events), story.c (articles
** into stories) and query.c (reading back, checking).  All of them talk to
** one SQLite connection through statements prepared once at open.
*/
#ifndef AN_STORE_INT_H
#define AN_STORE_INT_H

#include <sqlite3.h>

#include "../base/base.h"
#include "annals/store.h"

/* Schema version this code writes (see schema.c for the migrations). */
#define AN_STORE_SCHEMA 3

/* Near-duplicates: MinHash over word 4-shingles. */
#define AN_DUP_SHINGLE 4     /* words a shingle */
#define AN_DUP_K 128         /* MinHash values a document */
#define AN_DUP_BANDS 16      /* LSH bands ... */
#define AN_DUP_ROWS 3        /* ... of this many values (the first 48) */
#define AN_DUP_MIN_SHINGLES 8/* shorter texts get no signature */
#define AN_DUP_THRESHOLD 0.5 /* estimated Jaccard for "near-duplicate" */

/* Stories: vocabulary signatures and the inverted index of rarer terms. */
#define AN_STORY_TERMS 64    /* content words kept a document */
#define AN_STORY_DFMAX 64    /* terms in more documents are not indexed */
#define AN_STORY_KEYS 12     /* rarest terms looked up a document */
#define AN_STORY_POST 24     /* rarest terms a document is indexed under */
#define AN_STORY_POSTINGS 64 /* most recent documents read per key */
#define AN_STORY_THRESHOLD 0.12 /* Jaccard of signatures to join a story */
#define AN_STORY_EVENT_THRESHOLD 0.06 /* ... when they share an event */
#define AN_STORY_WINDOW 7    /* days between dated articles of a story */

/* Statements prepared at open, by name. */
enum {
    ST_DOC_BY_KEY, ST_DOC_BY_URL, ST_DOC_INSERT, ST_DOC_UPDATE,
    ST_DOC_SET_DUP, ST_DOC_SET_STORY, ST_DOC_SIG, ST_DOC_DELETE_BANDS,
    ST_DOC_ORIGIN, ST_DOC_SET_INPUT, ST_RUN_INSERT,
    ST_MENTION_INSERT, ST_MENTION_MAX_ID, ST_MENTIONS_OF_DOC,
    ST_MENTIONS_DELETE_DOC,
    ST_EVENT_FIND_DATED, ST_EVENT_FIND_UNDATED, ST_EVENT_INSERT,
    ST_EVENT_UPDATE, ST_EVENT_DELETE, ST_SOURCE_INSERT, ST_SOURCE_BUMP,
    ST_CODE_INSERT, ST_CODE_BUMP,
    ST_SAVEPOINT, ST_RELEASE, ST_ROLLBACK_TO,
    ST_BAND_INSERT, ST_BAND_FIND,
    ST_TERM_GET, ST_TERM_BUMP, ST_TERM_DROP, ST_POSTING_INSERT,
    ST_POSTING_FIND, ST_POSTING_DELETE,
    ST_STORY_INSERT, ST_STORY_GET, ST_STORY_UPDATE, ST_STORY_DELETE,
    ST_DOC_EVENT_STORIES,
    ST_RUN_UPDATE,
    ST_COUNT
};

/*
** Statements over a list of n values (n = 1..AN_MULTI_MAX), prepared on
** first use and kept: one statement for a document's 64 terms costs far
** less than 64 statements.
*/
enum {
    MK_TERM_GET,      /* term, df of the terms ?1..?n */
    MK_TERM_BUMP,     /* df + 1 for ?1..?n (inserted with 1) */
    MK_POSTING_INSERT,/* (?i, doc ?n+1) into term_docs */
    MK_POSTING_FIND,  /* the ?n+2 newest documents of each term, not ?n+1 */
    MK_DOC_SIG,       /* id, minhash, dup_of, story, terms, day of ?1..?n */
    MK_BAND_FIND,     /* documents (not ?n+1) having one of bands ?1..?n */
    MK_BAND_INSERT,   /* (?i, doc ?n+1) into doc_bands */
    MK_COUNT
};
#define AN_MULTI_MAX 64

struct an_store {
    sqlite3 *db;
    char *path;               /* heap copy, for messages */
    sqlite3_stmt *st[ST_COUNT];
    sqlite3_stmt *multi[MK_COUNT][AN_MULTI_MAX + 1];
    int readonly;
    int no_stories;
    int window;               /* merge window in days (>= 0) */
    unsigned batch_docs;
    double batch_s;
    int in_tx;                /* a batch transaction is open */
    unsigned batch_n;         /* documents in the open batch */
    double batch_start;       /* when it began (an_now) */
    int64_t now_fixed;        /* opts.now */
    int64_t run_id;           /* this process's row in `runs`, or 0 */
    int64_t run_added, run_unchanged, run_replaced, run_mentions;
    an_buf scratch;           /* evidence, hashes, keys */
    an_buf scratch2;
};

/* The Unix time to record as "added". */
int64_t an__store_now(const an_store *s);

/* Turn an SQLite result code into a status and an error naming the file. */
int an__store_sqlerr(an_store *s, int rc, an_err *err, const char *what);

/* Run SQL text (no results) on the connection. */
int an__store_exec(an_store *s, const char *sql, an_err *err);

/* Bind a span as text (NULL when empty) / a possibly-NULL string. */
int an__bind_span(sqlite3_stmt *st, int i, an_span sp);
int an__bind_str(sqlite3_stmt *st, int i, const char *s);
/* A column as a NUL-terminated string, "" for NULL. */
const char *an__col_str(sqlite3_stmt *st, int i);

/* ---- schema.c ---- */

/*
** Bring the database to schema version `target` (AN_STORE_SCHEMA in
** normal use; tests ask for older ones).  Refuses files another program
** made and files a newer annals wrote.
*/
int an__store_migrate(an_store *s, int target, an_err *err);
/* Prepare every statement of the current schema. */
int an__store_prepare(an_store *s, an_err *err);
/*
** Set *out to the MK_* statement for n values (prepared on first use,
** owned by the store, reset and unbound).
*/
int an__multi(an_store *s, int kind, size_t n, sqlite3_stmt **out,
              an_err *err);

/* ---- dedup.c ---- */

/* The per-document signatures computed from its text. */
typedef struct an_docsig {
    uint32_t minhash[AN_DUP_K];   /* MinHash of word 4-shingles */
    int has_minhash;              /* enough shingles to decide */
    int64_t bands[AN_DUP_BANDS];  /* LSH band keys */
    uint32_t terms[AN_STORY_TERMS]; /* content-word hashes, sorted */
    size_t nterms;
} an_docsig;

/* Compute the signatures of a text (a temporary heap table counts the
   words; without memory the vocabulary stays empty). */
void an__docsig(const char *p, size_t n, an_docsig *sig);
/* The LSH band keys of a MinHash signature (AN_DUP_BANDS of them). */
void an__minhash_bands(const uint32_t *minhash, int64_t *bands);
/* Estimated Jaccard similarity of two MinHash signatures. */
double an__minhash_sim(const uint32_t *a, const uint32_t *b);
/* Jaccard similarity of two sorted term sets. */
double an__terms_sim(const uint32_t *a, size_t na, const uint32_t *b,
                     size_t nb);
/* Decode a stored blob of little-endian u32 into out[max]; returns count. */
size_t an__u32_blob(const void *blob, int bytes, uint32_t *out, size_t max);
/* Encode u32 values little-endian into buf (4 * n bytes). */
void an__u32_pack(const uint32_t *v, size_t n, unsigned char *buf);
/*
** Find the stored article `doc` duplicates: the best candidate sharing an
** LSH band whose estimated similarity reaches the threshold.  Sets *dup
** (the cluster's first article) and *sim, or *dup = 0.
*/
int an__dedup_find(an_store *s, int64_t doc, const an_docsig *sig,
                   int64_t *dup, double *sim, an_err *err);
/* Record the band keys of `doc`. */
int an__dedup_index(an_store *s, int64_t doc, const an_docsig *sig,
                    an_err *err);

/* ---- merge.c ---- */

/* Per-document merge bookkeeping (events touched, for article counts). */
typedef struct an_touch {
    int64_t *ev;     /* events this document's mentions went to */
    size_t n, cap;
} an_touch;

void an__touch_fini(an_touch *t);

/*
** Merge the stored mention `mention` of document `doc` into an event,
** creating one when none matches; updates the event's counters.
*/
typedef struct an_merge_in {
    int64_t mention, doc;
    const an_mention *m;
    const char *source, *target; /* codes, "" when none */
    char root[3];
    int has_day;
    int32_t day;              /* mention date (days) when has_day */
    int day_q;                /* 2 expression, 1 document */
    int place_q;              /* 2 sentence, 1 document, 0 none */
    int has_doc_day;
    int32_t doc_day;
    const char *origin;       /* the article's origin source */
    double tone;
    int lead;                 /* in the article's lead (first sentences) */
} an_merge_in;

int an__merge_mention(an_store *s, const an_merge_in *in, an_touch *t,
                      int64_t *event, int *created, an_err *err);
/* Recompute every field of an event from its mentions (delete if none). */
int an__event_recompute(an_store *s, int64_t ev, an_err *err);

/* ---- story.c ---- */

/*
** Put `doc` into a story: its near-duplicate's story, else the story of
** the most similar recent article (vocabulary, shared events), else a new
** story.  Indexes the document's terms.
*/
int an__story_assign(an_store *s, int64_t doc, int64_t dup_of,
                     const an_docsig *sig, const an_touch *touched,
                     an_span title, int has_day, int32_t day,
                     int64_t *story, an_err *err);
/* Take a document out of its story and the term index (replacement). */
int an__story_remove(an_store *s, int64_t doc, int64_t story,
                     const an_docsig *old_sig, an_err *err);

#endif /* AN_STORE_INT_H */
