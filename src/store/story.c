/*
** story.c - grouping articles into stories.
**
** The rule (docs/store.md): an article joins
**   1. the story of the article it is a near-duplicate of; else
**   2. the story of the most similar earlier article, among candidates
**      that share a merged event with it or share one of its rarer
**      content words, when the Jaccard similarity of their vocabulary
**      signatures (dedup.c) reaches 0.12, or 0.06 when they share a
**      merged event, and when both are dated, their dates are at most 7
**      days apart; else
**   3. a new story, titled with its headline.
** A story's title is the headline of its earliest article (by date, then
** by arrival).  Stories are never merged or split afterwards, so their ids
** are stable.
**
** Candidates come from an inverted index over content words (term_docs):
** each article is indexed under its AN_STORY_POST (24) rarest terms that
** are in fewer than AN_STORY_DFMAX (64) documents; common words would make
** long lists and say little.  A new article looks up
** its AN_STORY_KEYS rarest indexed terms and reads the most recent
** AN_STORY_POSTINGS documents of each; of the candidates found, the 48
** sharing the most (events first, then terms) are compared.  The work per
** article is so bounded whatever the size of the store.
*/
#include <stdlib.h>

#include "store_int.h"

#define MAX_STORY_CANDS 512 /* candidates collected */
#define MAX_STORY_VERIFY 48 /* candidates compared, the best placed first */

typedef struct scand {
    int64_t doc;
    int shared_events;   /* merged events shared with the new article */
    int hits;            /* rarer terms shared (of those looked up) */
} scand;

/* Add a candidate document, or count what it shares once more. */
static void add_cand(scand *cs, size_t *nc, int64_t doc, int shared)
{
    for (size_t k = 0; k < *nc; k++) {
        if (cs[k].doc == doc) {
            cs[k].shared_events += shared;
            cs[k].hits += !shared;
            return;
        }
    }
    if (*nc < MAX_STORY_CANDS)
        cs[(*nc)++] = (scand){doc, shared, !shared};
}

/* Shared events first, then more shared terms, then the newer article. */
static int cmp_scand(const void *a, const void *b)
{
    const scand *x = a, *y = b;
    if (x->shared_events != y->shared_events)
        return x->shared_events > y->shared_events ? -1 : 1;
    if (x->hits != y->hits)
        return x->hits > y->hits ? -1 : 1;
    return x->doc > y->doc ? -1 : x->doc < y->doc;
}

typedef struct keyterm {
    uint32_t term;
    int64_t df;
} keyterm;

static int cmp_key(const void *a, const void *b)
{
    const keyterm *x = a, *y = b;
    if (x->df != y->df)
        return x->df < y->df ? -1 : 1;
    return x->term < y->term ? -1 : x->term > y->term;
}

/* Story id of a document (0 when none). */
static int doc_story(an_store *s, int64_t doc, int64_t *story, an_err *err)
{
    sqlite3_stmt *st = s->st[ST_DOC_SIG];
    sqlite3_bind_int64(st, 1, doc);
    int rc = sqlite3_step(st);
    *story = rc == SQLITE_ROW ? sqlite3_column_int64(st, 2) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return an__store_sqlerr(s, rc, err, "reading a story");
    return AN_OK;
}

/* Join an existing story: count the article, maybe retitle it. */
static int join_story(an_store *s, int64_t story, int64_t doc, an_span title,
                      int has_day, int32_t day, an_err *err)
{
    sqlite3_stmt *st = s->st[ST_STORY_GET];
    sqlite3_bind_int64(st, 1, story);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return an__store_sqlerr(s, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
                                err, "reading a story");
    }
    bool has_first = sqlite3_column_type(st, 0) != SQLITE_NULL;
    int64_t first = sqlite3_column_int64(st, 0);
    int64_t last = sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    bool earliest = has_day && (!has_first || day < first);
    if (has_day) {
        if (!has_first || day < first)
            first = day;
        if (!has_first || day > last)
            last = day;
        has_first = true;
    }
    st = s->st[ST_STORY_UPDATE];
    sqlite3_bind_int64(st, 1, story);
    if (earliest && title.n) {
        an__bind_span(st, 2, title);
        sqlite3_bind_int64(st, 3, doc);
    } else {
        sqlite3_bind_null(st, 2);
        sqlite3_bind_null(st, 3);
    }
    if (has_first) {
        sqlite3_bind_int64(st, 4, first);
        sqlite3_bind_int64(st, 5, last);
    } else {
        sqlite3_bind_null(st, 4);
        sqlite3_bind_null(st, 5);
    }
    sqlite3_bind_int(st, 6, 1);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? AN_OK
                             : an__store_sqlerr(s, rc, err, "updating a story");
}

/* Find the best story among candidate articles; *story = 0 when none. */
static int best_story(an_store *s, const an_docsig *sig, const scand *cs,
                      size_t nc, int has_day, int32_t day, int64_t *story,
                      an_err *err)
{
    double best = 0;
    *story = 0;
    if (!nc)
        return AN_OK;
    sqlite3_stmt *st;
    int rc = an__multi(s, MK_DOC_SIG, nc, &st, err);
    if (rc != AN_OK)
        return rc;
    for (size_t k = 0; k < nc; k++)
        sqlite3_bind_int64(st, (int)k + 1, cs[k].doc);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        int64_t cstory = sqlite3_column_int64(st, 3);
        if (!cstory)
            continue;
        bool cdated = sqlite3_column_type(st, 5) != SQLITE_NULL;
        int64_t cday = sqlite3_column_int64(st, 5);
        if (has_day && cdated &&
            (cday - day > AN_STORY_WINDOW || day - cday > AN_STORY_WINDOW))
            continue;
        uint32_t terms[AN_STORY_TERMS];
        size_t nt = an__u32_blob(sqlite3_column_blob(st, 4),
                                 sqlite3_column_bytes(st, 4), terms,
                                 AN_STORY_TERMS);
        int shared = 0;
        for (size_t k = 0; k < nc; k++)
            if (cs[k].doc == id)
                shared = cs[k].shared_events;
        double sim = an__terms_sim(sig->terms, sig->nterms, terms, nt);
        double need = shared ? AN_STORY_EVENT_THRESHOLD : AN_STORY_THRESHOLD;
        /* ties: the newer article's story */
        if (sim >= need && (sim > best || (sim == best && cstory > *story))) {
            best = sim;
            *story = cstory;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? AN_OK
                             : an__store_sqlerr(s, rc, err, "reading candidates");
}

/* Index the document's terms: document frequencies and postings. */
static int index_terms(an_store *s, int64_t doc, const an_docsig *sig,
                       const int64_t *df, an_err *err)
{
    if (!sig->nterms)
        return AN_OK;
    /* post the rarest terms only: those are what a later article on the
       same story looks up */
    keyterm keys[AN_STORY_TERMS];
    size_t nk = 0;
    for (size_t i = 0; i < sig->nterms; i++)
        if (df[i] < AN_STORY_DFMAX)
            keys[nk++] = (keyterm){sig->terms[i], df[i]};
    qsort(keys, nk, sizeof *keys, cmp_key);
    uint32_t rare[AN_STORY_TERMS];
    size_t nr = 0;
    for (size_t i = 0; i < nk && i < AN_STORY_POST; i++)
        rare[nr++] = keys[i].term;
    sqlite3_stmt *st;
    int rc;
    if (nr) {
        if ((rc = an__multi(s, MK_POSTING_INSERT, nr, &st, err)) != AN_OK)
            return rc;
        for (size_t i = 0; i < nr; i++)
            sqlite3_bind_int64(st, (int)i + 1, rare[i]);
        sqlite3_bind_int64(st, (int)nr + 1, doc);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return an__store_sqlerr(s, rc, err, "indexing terms");
    }
    if ((rc = an__multi(s, MK_TERM_BUMP, sig->nterms, &st, err)) != AN_OK)
        return rc;
    for (size_t i = 0; i < sig->nterms; i++)
        sqlite3_bind_int64(st, (int)i + 1, sig->terms[i]);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? AN_OK
                             : an__store_sqlerr(s, rc, err, "counting terms");
}

/* Document frequencies of the signature's terms (sorted) into df[]. */
static int read_df(an_store *s, const an_docsig *sig, int64_t *df,
                   an_err *err)
{
    memset(df, 0, sig->nterms * sizeof *df);
    if (!sig->nterms)
        return AN_OK;
    sqlite3_stmt *st;
    int rc = an__multi(s, MK_TERM_GET, sig->nterms, &st, err);
    if (rc != AN_OK)
        return rc;
    for (size_t i = 0; i < sig->nterms; i++)
        sqlite3_bind_int64(st, (int)i + 1, sig->terms[i]);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t t = sqlite3_column_int64(st, 0);
        size_t lo = 0, hi = sig->nterms;
        while (lo < hi) { /* terms are sorted */
            size_t mid = (lo + hi) / 2;
            if ((int64_t)sig->terms[mid] < t)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < sig->nterms && (int64_t)sig->terms[lo] == t)
            df[lo] = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? AN_OK
                             : an__store_sqlerr(s, rc, err, "reading terms");
}

int an__story_assign(an_store *s, int64_t doc, int64_t dup_of,
                     const an_docsig *sig, const an_touch *touched,
                     an_span title, int has_day, int32_t day,
                     int64_t *story, an_err *err)
{
    *story = 0;
    int rc = AN_OK;
    if (dup_of && (rc = doc_story(s, dup_of, story, err)) != AN_OK)
        return rc;
    int64_t df[AN_STORY_TERMS];
    if ((rc = read_df(s, sig, df, err)) != AN_OK)
        return rc;
    if (!*story) {
        scand *cs = malloc(MAX_STORY_CANDS * sizeof *cs);
        if (!cs)
            return an_err_set(err, AN_ENOMEM, "out of memory");
        size_t nc = 0;
        /* articles sharing a merged event */
        for (size_t i = 0; rc == AN_OK && i < touched->n && i < 16; i++) {
            sqlite3_stmt *st = s->st[ST_DOC_EVENT_STORIES];
            sqlite3_bind_int64(st, 1, touched->ev[i]);
            sqlite3_bind_int64(st, 2, doc);
            int sr;
            while ((sr = sqlite3_step(st)) == SQLITE_ROW)
                add_cand(cs, &nc, sqlite3_column_int64(st, 0), 1);
            sqlite3_reset(st);
            if (sr != SQLITE_DONE)
                rc = an__store_sqlerr(s, sr, err, "finding related articles");
        }
        /* articles sharing a rarer content word */
        keyterm keys[AN_STORY_TERMS];
        size_t nk = 0;
        for (size_t i = 0; i < sig->nterms; i++)
            if (df[i] >= 1 && df[i] <= AN_STORY_DFMAX)
                keys[nk++] = (keyterm){sig->terms[i], df[i]};
        qsort(keys, nk, sizeof *keys, cmp_key);
        if (nk > AN_STORY_KEYS)
            nk = AN_STORY_KEYS;
        if (rc == AN_OK && nk) {
            sqlite3_stmt *st;
            rc = an__multi(s, MK_POSTING_FIND, nk, &st, err);
            for (size_t i = 0; rc == AN_OK && i < nk; i++)
                sqlite3_bind_int64(st, (int)i + 1, keys[i].term);
            if (rc == AN_OK) {
                sqlite3_bind_int64(st, (int)nk + 1, doc);
                sqlite3_bind_int(st, (int)nk + 2, AN_STORY_POSTINGS);
                int sr;
                while ((sr = sqlite3_step(st)) == SQLITE_ROW)
                    add_cand(cs, &nc, sqlite3_column_int64(st, 0), 0);
                sqlite3_reset(st);
                if (sr != SQLITE_DONE)
                    rc = an__store_sqlerr(s, sr, err,
                                          "finding related articles");
            }
        }
        qsort(cs, nc, sizeof *cs, cmp_scand);
        if (nc > MAX_STORY_VERIFY)
            nc = MAX_STORY_VERIFY;
        if (rc == AN_OK)
            rc = best_story(s, sig, cs, nc, has_day, day, story, err);
        free(cs);
        if (rc != AN_OK)
            return rc;
    }
    if (*story) {
        rc = join_story(s, *story, doc, title, has_day, day, err);
    } else {
        sqlite3_stmt *st = s->st[ST_STORY_INSERT];
        an__bind_span(st, 1, title);
        sqlite3_bind_int64(st, 2, doc);
        if (has_day)
            sqlite3_bind_int64(st, 3, day);
        else
            sqlite3_bind_null(st, 3);
        sqlite3_bind_int64(st, 4, an__store_now(s));
        int sr = sqlite3_step(st);
        sqlite3_reset(st);
        if (sr != SQLITE_DONE)
            return an__store_sqlerr(s, sr, err, "creating a story");
        *story = sqlite3_last_insert_rowid(s->db);
    }
    /* near-duplicates stay out of the term index: their original is in */
    if (rc == AN_OK && !dup_of)
        rc = index_terms(s, doc, sig, df, err);
    if (rc == AN_OK) {
        sqlite3_stmt *st = s->st[ST_DOC_SET_STORY];
        sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_int64(st, 2, *story);
        int sr = sqlite3_step(st);
        sqlite3_reset(st);
        if (sr != SQLITE_DONE)
            rc = an__store_sqlerr(s, sr, err, "setting a story");
    }
    return rc;
}

/* Run `sql` binding ?1 = a, ?2 = b. */
static int exec2(an_store *s, const char *sql, int64_t a, int64_t b,
                 an_err *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return an__store_sqlerr(s, rc, err, "updating a story");
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AN_OK
                             : an__store_sqlerr(s, rc, err, "updating a story");
}

int an__story_remove(an_store *s, int64_t doc, int64_t story,
                     const an_docsig *old_sig, an_err *err)
{
    int rc = AN_OK;
    for (size_t i = 0; rc == AN_OK && i < old_sig->nterms; i++) {
        sqlite3_stmt *st = s->st[ST_POSTING_DELETE];
        sqlite3_bind_int64(st, 1, old_sig->terms[i]);
        sqlite3_bind_int64(st, 2, doc);
        int sr = sqlite3_step(st);
        sqlite3_reset(st);
        if (sr == SQLITE_DONE) {
            st = s->st[ST_TERM_DROP];
            sqlite3_bind_int64(st, 1, old_sig->terms[i]);
            sr = sqlite3_step(st);
            sqlite3_reset(st);
        }
        if (sr != SQLITE_DONE)
            rc = an__store_sqlerr(s, sr, err, "unindexing terms");
    }
    if (rc != AN_OK || !story)
        return rc;
    /* the story without this article: counts, dates, title */
    rc = exec2(s,
               "UPDATE stories SET "
               " ndocs = (SELECT count(*) FROM documents WHERE story = ?1 "
               "   AND id != ?2),"
               " first_day = (SELECT min(day) FROM documents WHERE story = ?1 "
               "   AND id != ?2),"
               " last_day = (SELECT max(day) FROM documents WHERE story = ?1 "
               "   AND id != ?2),"
               " (first_doc, title) = (SELECT id, title FROM documents WHERE "
               "   story = ?1 AND id != ?2 ORDER BY day IS NULL, day, id "
               "   LIMIT 1)"
               " WHERE id = ?1",
               story, doc, err);
    if (rc == AN_OK)
        rc = exec2(s, "DELETE FROM stories WHERE id = ?1 AND ndocs = 0 AND "
                      "?2 = ?2", story, doc, err);
    return rc;
}
