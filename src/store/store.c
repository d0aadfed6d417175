/*
** store.c - opening a store, batch transactions, and adding one document
** with its mentions.
**
** Durability: the database runs in WAL mode.  Documents are added inside
** a batch transaction (BEGIN IMMEDIATE ... COMMIT) of up to `batch_docs`
** documents or `batch_ms` milliseconds, and each document inside its own
** savepoint, so that a failing document is rolled back alone.  A commit
** is atomic: after a crash (a killed process, or with synchronous=FULL a
** power cut) the file holds every committed batch and nothing of the one
** in flight, which the next run adds again.  synchronous=FULL is the
** default because with batches its cost (one fsync of the WAL a batch) is
** small, while NORMAL may lose the last batches on power loss.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "../base/utf8.h"
#include "store_int.h"

/* Mentions in a document's first sentences are "root" (lead) mentions. */
#define LEAD_SENTENCES 3
/* Longest evidence sentence kept, in bytes. */
#define EVIDENCE_MAX 600
/* Longest fallback title taken from the text, in bytes. */
#define TITLE_MAX 120

int64_t an__store_now(const an_store *s)
{
    return s->now_fixed ? s->now_fixed : (int64_t)time(NULL);
}

int an__store_sqlerr(an_store *s, int rc, an_err *err, const char *what)
{
    int code = AN_EIO;
    int prim = rc & 0xff;
    if (prim == SQLITE_NOMEM)
        code = AN_ENOMEM;
    else if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
        code = AN_EFORMAT;
    else if (prim == SQLITE_CANTOPEN)
        code = AN_ENOENT;
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    return an_err_set(err, code, "%s: %s: %s", s && s->path ? s->path : "-",
                      what, msg);
}

int an__store_exec(an_store *s, const char *sql, an_err *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? AN_OK : an__store_sqlerr(s, rc, err, "SQL");
}

int an__bind_span(sqlite3_stmt *st, int i, an_span sp)
{
    if (!sp.n)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, sp.p, (int)AN_MIN(sp.n, (size_t)INT32_MAX),
                             SQLITE_TRANSIENT);
}

int an__bind_str(sqlite3_stmt *st, int i, const char *s)
{
    if (!s || !*s)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

const char *an__col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* A meta value as an integer; *found = 0 when the key is absent. */
static int meta_int(an_store *s, const char *key, int64_t *v, int *found,
                    an_err *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = ?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return an__store_sqlerr(s, rc, err, "reading meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    *v = *found ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return an__store_sqlerr(s, rc, err, "reading meta");
    return AN_OK;
}

/* Settle the merge window: the database's, or record the requested one. */
static int setup_window(an_store *s, int requested, an_err *err)
{
    int64_t v;
    int found, rc;
    if ((rc = meta_int(s, "merge_window_days", &v, &found, err)) != AN_OK)
        return rc;
    int want = requested == AN_STORE_WINDOW_SAME_DAY ? 0 : requested;
    if (requested < AN_STORE_WINDOW_SAME_DAY || want > 3650)
        return an_err_set(err, AN_EINVAL,
                          "merge window of %d days is out of range (0..3650)",
                          requested);
    if (found) {
        if (v < 0 || v > 3650)
            return an_err_set(err, AN_EFORMAT,
                              "%s: bad merge_window_days %lld in meta",
                              s->path, (long long)v);
        if (requested && want != v)
            return an_err_set(err, AN_EINVAL,
                              "%s: the store merges with a window of %lld "
                              "day(s); it cannot change to %d",
                              s->path, (long long)v, want);
        s->window = (int)v;
        return AN_OK;
    }
    s->window = requested ? want : 1;
    if (s->readonly)
        return AN_OK;
    char sql[128];
    snprintf(sql, sizeof sql,
             "INSERT INTO meta VALUES ('merge_window_days', '%d')", s->window);
    return an__store_exec(s, sql, err);
}

int an_store_open(const char *path, const an_store_opts *opts,
                  an_store **out, an_err *err)
{
    an_store_opts o;
    memset(&o, 0, sizeof o);
    if (opts)
        o = *opts;
    *out = NULL;
    if (!path || !*path)
        return an_err_set(err, AN_EINVAL, "no database file given");
    struct stat sb;
    if ((o.readonly || o.must_exist) && stat(path, &sb) != 0)
        return an_err_set(err, AN_ENOENT, "%s: no such database", path);
    an_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    s->readonly = o.readonly;
    s->no_stories = o.no_stories;
    s->batch_docs = o.batch_docs ? o.batch_docs : 256;
    s->batch_s = (o.batch_ms ? o.batch_ms : 1000) / 1000.0;
    s->now_fixed = o.now;
    an_buf_init(&s->scratch);
    an_buf_init(&s->scratch2);
    /* A reader opens read-write when it can (without creating): after a
       crash the first connection must recover the WAL, which a read-only
       connection cannot do.  query_only keeps it from writing anything
       else. */
    int flags = o.readonly ? SQLITE_OPEN_READWRITE
                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (rc != SQLITE_OK && o.readonly) {
        sqlite3_close(s->db);
        s->db = NULL;
        rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL);
    }
    if (rc != SQLITE_OK) {
        rc = an__store_sqlerr(s, rc, err, "cannot open");
        an_store_close(s, NULL);
        return rc;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, o.busy_timeout_ms > 0 ? o.busy_timeout_ms
                                                      : 10000);
    char pragmas[256];
    snprintf(pragmas, sizeof pragmas,
             "%sPRAGMA synchronous = %s; PRAGMA temp_store = MEMORY;"
             "PRAGMA cache_size = -32000; PRAGMA foreign_keys = OFF;",
             o.readonly ? "PRAGMA query_only = 1;" : "PRAGMA journal_mode = WAL;",
             o.sync == AN_STORE_SYNC_NORMAL ? "NORMAL" : "FULL");
    /* A file that is not a database fails here (SQLITE_NOTADB). */
    if ((rc = an__store_exec(s, pragmas, err)) != AN_OK ||
        (rc = an__store_migrate(s, AN_STORE_SCHEMA, err)) != AN_OK ||
        (rc = setup_window(s, o.merge_window_days, err)) != AN_OK ||
        (rc = an__store_prepare(s, err)) != AN_OK) {
        an_store_close(s, NULL);
        return rc;
    }
    *out = s;
    return AN_OK;
}

/* Record this session's counts in `runs` (inside the open batch). */
static int update_run(an_store *s, an_err *err)
{
    if (!s->run_id)
        return AN_OK;
    sqlite3_stmt *st = s->st[ST_RUN_UPDATE];
    sqlite3_bind_int64(st, 1, s->run_id);
    sqlite3_bind_int64(st, 2, an__store_now(s));
    sqlite3_bind_int64(st, 3, s->run_added);
    sqlite3_bind_int64(st, 4, s->run_unchanged);
    sqlite3_bind_int64(st, 5, s->run_replaced);
    sqlite3_bind_int64(st, 6, s->run_mentions);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? AN_OK
                             : an__store_sqlerr(s, rc, err, "recording the run");
}

int an_store_commit(an_store *s, an_err *err)
{
    if (!s || !s->in_tx)
        return AN_OK;
    int rc = update_run(s, err);
    if (rc == AN_OK)
        rc = an__store_exec(s, "COMMIT", err);
    if (rc != AN_OK) {
        an__store_exec(s, "ROLLBACK", NULL);
        s->in_tx = 0;
        return rc;
    }
    s->in_tx = 0;
    s->batch_n = 0;
    return AN_OK;
}

int an_store_close(an_store *s, an_err *err)
{
    if (!s)
        return AN_OK;
    int rc = AN_OK;
    if (s->db) {
        rc = an_store_commit(s, err);
        for (int i = 0; i < ST_COUNT; i++)
            sqlite3_finalize(s->st[i]);
        for (int k = 0; k < MK_COUNT; k++)
            for (int n = 0; n <= AN_MULTI_MAX; n++)
                sqlite3_finalize(s->multi[k][n]);
        sqlite3_close_v2(s->db);
    }
    an_buf_fini(&s->scratch);
    an_buf_fini(&s->scratch2);
    free(s->path);
    free(s);
    return rc;
}

/* Open a batch transaction (and this session's `runs` row) if needed. */
static int begin_batch(an_store *s, an_err *err)
{
    if (s->in_tx)
        return AN_OK;
    int rc = an__store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc != AN_OK)
        return rc;
    s->in_tx = 1;
    s->batch_n = 0;
    s->batch_start = an_now();
    if (!s->run_id) {
        sqlite3_stmt *st = s->st[ST_RUN_INSERT];
        sqlite3_bind_int64(st, 1, an__store_now(s));
        sqlite3_bind_text(st, 2, an_version(), -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return an__store_sqlerr(s, rc, err, "recording the run");
        s->run_id = sqlite3_last_insert_rowid(s->db);
    }
    return AN_OK;
}

int an_store_note_unchanged(an_store *s, uint64_t n, an_err *err)
{
    int rc = begin_batch(s, err);
    if (rc == AN_OK)
        s->run_unchanged += (int64_t)n;
    return rc;
}

/* ---- document helpers ---- */

void an_store_doc_from(an_store_doc *sd, const an_doc *doc)
{
    memset(sd, 0, sizeof *sd);
    sd->id = an_doc_id(doc);
    sd->url = an_doc_url(doc);
    sd->outlet = an_doc_outlet(doc);
    sd->title = an_doc_title(doc);
    sd->text = an_doc_text(doc);
    sd->input_hash = an_doc_input_hash(doc);
    sd->date = an_doc_date(doc, NULL);
    sd->mentions = an_doc_mentions(doc, &sd->nmention);
    sd->toks = an_doc_tokens(doc, &sd->ntok);
    an_doc_sentences(doc, &sd->nsent);
}

/* True for a full date (year, month and day). */
static bool full_date(an_date d)
{
    return d.year > 0 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= 31;
}

/* The host of a URL, lower-cased and without "www.", into buf. */
static size_t url_host(an_span url, char *buf, size_t cap)
{
    const char *p = url.p, *e = url.p + url.n;
    for (const char *q = p; q + 2 < e; q++) {
        if (q[0] == ':' && q[1] == '/' && q[2] == '/') {
            p = q + 3;
            break;
        }
        if (*q == '/' || *q == '.')
            break; /* no scheme */
    }
    const char *h = p;
    while (p < e && *p != '/' && *p != ':' && *p != '?' && *p != '#')
        p++;
    if (p - h > 4 && an_span_ieq((an_span){h, 4}, "www."))
        h += 4;
    size_t n = 0;
    for (; h < p && n + 1 < cap; h++)
        buf[n++] = (char)an_lower((unsigned char)*h);
    buf[n] = 0;
    return n;
}

/* Characters (UTF-8 code points) before byte `off` of the text. */
static int64_t char_offset(an_span text, uint32_t off)
{
    if (off > text.n)
        return -1;
    int64_t c = 0;
    for (size_t i = 0; i < off; i++)
        c += ((unsigned char)text.p[i] & 0xc0) != 0x80;
    return c;
}

/*
** Append text[start, end) to b as one line: whitespace runs become one
** space, cut at `max` bytes on a character boundary.
*/
static void add_line(an_buf *b, an_span text, uint32_t start, uint32_t end,
                     size_t max)
{
    if (start >= end || end > text.n)
        return;
    size_t n0 = b->n;
    int space = 0;
    for (uint32_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)text.p[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = b->n > n0;
            continue;
        }
        if (b->n - n0 >= max) {
            /* back up to a character boundary and mark the cut */
            while (b->n > n0 && ((unsigned char)b->p[b->n - 1] & 0xc0) == 0x80)
                b->n--;
            if (b->n > n0)
                b->n--;
            an_buf_adds(b, "...");
            return;
        }
        if (space)
            an_buf_addc(b, ' ');
        space = 0;
        an_buf_addc(b, (char)c);
    }
}

/*
** A display title: the headline, else the first line of the text that is
** not a URL or a bare date, cut at TITLE_MAX bytes.
*/
static void make_title(an_buf *b, const an_store_doc *d)
{
    an_buf_clear(b);
    if (d->title.n) {
        add_line(b, d->title, 0, (uint32_t)AN_MIN(d->title.n, (size_t)UINT32_MAX),
                 TITLE_MAX);
        if (b->n)
            return;
    }
    an_span t = d->text;
    size_t i = 0;
    while (i < t.n) {
        size_t j = i;
        while (j < t.n && t.p[j] != '\n')
            j++;
        an_span line = {t.p + i, j - i};
        an_date dt;
        bool url = line.n > 4 && (an_span_ieq((an_span){line.p, 4}, "http") ||
                                  an_span_ieq((an_span){line.p, 4}, "www."));
        bool date = an_date_parse(line.p, line.n, &dt) == AN_OK;
        if (line.n > 3 && !url && !date) {
            size_t k = 0;
            /* the first sentence of a long line */
            while (k + 1 < line.n && !(line.p[k] == '.' && line.p[k + 1] == ' '))
                k++;
            add_line(b, t, (uint32_t)i, (uint32_t)(i + (k + 1 < line.n ? k + 1 : line.n)),
                     TITLE_MAX);
            return;
        }
        i = j + 1;
    }
}

/* A CAMEO event code: 2 to 4 digits.  Writes the root (2 digits). */
static bool cameo_ok(const char *c, char root[3])
{
    size_t n = strnlen(c, 8);
    if (n < 2 || n > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (c[i] < '0' || c[i] > '9')
            return false;
    root[0] = c[0];
    root[1] = c[1];
    root[2] = 0;
    return true;
}

static const char *nz(const char *s) { return s ? s : ""; }

/* Append a NUL-terminated string (or "") with its terminator. */
static void add_z(an_buf *b, const char *s)
{
    an_buf_add(b, s ? s : "", (s ? strlen(s) : 0) + 1);
}

/* Hash of what was coded from the document: its metadata and mentions,
   as raw bytes (only equality matters). */
static uint64_t coding_hash(an_buf *b, const an_store_doc *d)
{
    an_buf_clear(b);
    an_buf_add(b, &d->date, sizeof d->date);
    an_buf_add(b, &d->nmention, sizeof d->nmention);
    an_buf_add(b, d->title.p, d->title.n);
    an_buf_addc(b, 0);
    an_buf_add(b, d->url.p, d->url.n);
    an_buf_addc(b, 0);
    an_buf_add(b, d->outlet.p, d->outlet.n);
    an_buf_addc(b, 0);
    for (size_t i = 0; i < d->nmention; i++) {
        const an_mention *m = &d->mentions[i];
        uint32_t u[9] = {m->sent, m->n, (uint32_t)m->modality,
                         (uint32_t)m->date_source, m->place.source,
                         m->span_start, m->span_end, (uint32_t)m->quad_class,
                         m->place.geonames_id};
        double f[3] = {m->goldstein, m->place.lat, m->place.lon};
        an_buf_add(b, u, sizeof u);
        an_buf_add(b, f, sizeof f);
        an_buf_add(b, &m->date, sizeof m->date);
        an_buf_add(b, m->cameo, strnlen(m->cameo, sizeof m->cameo));
        an_buf_addc(b, 0);
        add_z(b, m->source.code);
        add_z(b, m->target.code);
        add_z(b, m->place.name);
        an_buf_add(b, m->place.country, strnlen(m->place.country, 4));
        an_buf_addc(b, 0);
        add_z(b, m->plover_event);
        add_z(b, m->verb_text);
    }
    return an_hash(b->p ? b->p : "", b->n);
}

/* A looked-up document row. */
typedef struct found_doc {
    int64_t id, text_hash, coding_hash, story, dup_of;
    uint32_t terms[AN_STORY_TERMS];
    size_t nterms;
    uint32_t minhash[AN_DUP_K]; /* to find its band keys again */
    int has_minhash;
} found_doc;

/* Look a document up by key, then by URL.  Returns 1 found, 0 not, <0. */
static int find_doc(an_store *s, const an_store_doc *d, found_doc *f,
                    an_err *err)
{
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && !d->url.n)
            break;
        sqlite3_stmt *st = s->st[pass ? ST_DOC_BY_URL : ST_DOC_BY_KEY];
        an__bind_span(st, 1, pass ? d->url : d->id);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            f->id = sqlite3_column_int64(st, 0);
            f->text_hash = sqlite3_column_int64(st, 1);
            f->coding_hash = sqlite3_column_int64(st, 2);
            f->story = sqlite3_column_int64(st, 3);
            f->nterms = an__u32_blob(sqlite3_column_blob(st, 4),
                                     sqlite3_column_bytes(st, 4), f->terms,
                                     AN_STORY_TERMS);
            f->dup_of = sqlite3_column_int64(st, 5);
            f->has_minhash = an__u32_blob(sqlite3_column_blob(st, 6),
                                          sqlite3_column_bytes(st, 6),
                                          f->minhash, AN_DUP_K) == AN_DUP_K;
            sqlite3_reset(st);
            return 1;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return an__store_sqlerr(s, rc, err, "looking up a document");
    }
    return 0;
}

/* Take the old version of a document out: mentions, events, story, bands. */
static int remove_old(an_store *s, const found_doc *f, an_err *err)
{
    int rc = AN_OK;
    int64_t *evs = NULL;
    size_t nev = 0, cap = 0;
    sqlite3_stmt *st = s->st[ST_MENTIONS_OF_DOC];
    sqlite3_bind_int64(st, 1, f->id);
    int sr;
    while ((sr = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 0) == SQLITE_NULL)
            continue;
        if (nev == cap) {
            size_t nc = cap ? cap * 2 : 16;
            int64_t *ne = realloc(evs, nc * sizeof *ne);
            if (!ne) {
                sqlite3_reset(st);
                free(evs);
                return an_err_set(err, AN_ENOMEM, "out of memory");
            }
            evs = ne;
            cap = nc;
        }
        evs[nev++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (sr != SQLITE_DONE)
        rc = an__store_sqlerr(s, sr, err, "reading old mentions");
    if (rc == AN_OK) {
        st = s->st[ST_MENTIONS_DELETE_DOC];
        sqlite3_bind_int64(st, 1, f->id);
        sr = sqlite3_step(st);
        sqlite3_reset(st);
        if (sr != SQLITE_DONE)
            rc = an__store_sqlerr(s, sr, err, "deleting old mentions");
    }
    for (size_t i = 0; rc == AN_OK && i < nev; i++)
        rc = an__event_recompute(s, evs[i], err);
    free(evs);
    if (rc == AN_OK) {
        an_docsig old;
        memset(&old, 0, sizeof old);
        if (!f->dup_of) { /* only originals were put in the term index */
            memcpy(old.terms, f->terms, f->nterms * sizeof *old.terms);
            old.nterms = f->nterms;
        }
        rc = an__story_remove(s, f->id, f->story, &old, err);
    }
    if (rc == AN_OK && f->has_minhash) {
        int64_t bands[AN_DUP_BANDS];
        an__minhash_bands(f->minhash, bands);
        st = s->st[ST_DOC_DELETE_BANDS];
        for (int b = 0; rc == AN_OK && b < AN_DUP_BANDS; b++) {
            sqlite3_bind_int64(st, 1, bands[b]);
            sqlite3_bind_int64(st, 2, f->id);
            sr = sqlite3_step(st);
            sqlite3_reset(st);
            if (sr != SQLITE_DONE)
                rc = an__store_sqlerr(s, sr, err, "deleting old bands");
        }
    }
    return rc;
}

/* Insert or update the document row; sets *doc. */
static int write_doc(an_store *s, const an_store_doc *d, const found_doc *f,
                     const an_docsig *sig, uint64_t th, uint64_t ch,
                     size_t nstored, const char *source, an_span title,
                     double tone, int64_t *doc, an_err *err)
{
    sqlite3_stmt *st = s->st[f ? ST_DOC_UPDATE : ST_DOC_INSERT];
    unsigned char mh[AN_DUP_K * 4], tb[AN_STORY_TERMS * 4];
    an__bind_span(st, 1, d->id);
    an__bind_span(st, 2, d->url);
    an__bind_span(st, 3, d->outlet);
    sqlite3_bind_text(st, 4, source, -1, SQLITE_TRANSIENT);
    an__bind_span(st, 5, title);
    if (full_date(d->date))
        sqlite3_bind_int64(st, 6, an_date_days(d->date));
    else
        sqlite3_bind_null(st, 6);
    sqlite3_bind_int64(st, 7, (int64_t)th);
    sqlite3_bind_int64(st, 8, (int64_t)ch);
    sqlite3_bind_int64(st, 9, (int64_t)d->text.n);
    sqlite3_bind_int64(st, 10, char_offset(d->text, (uint32_t)AN_MIN(d->text.n, (size_t)UINT32_MAX)));
    sqlite3_bind_int64(st, 11, (int64_t)d->nsent);
    sqlite3_bind_double(st, 12, tone);
    sqlite3_bind_int64(st, 13, (int64_t)nstored);
    if (sig->has_minhash) {
        an__u32_pack(sig->minhash, AN_DUP_K, mh);
        sqlite3_bind_blob(st, 14, mh, (int)sizeof mh, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(st, 14);
    }
    an__u32_pack(sig->terms, sig->nterms, tb);
    sqlite3_bind_blob(st, 15, tb, (int)(sig->nterms * 4), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 16, an__store_now(s));
    if (f)
        sqlite3_bind_int64(st, 17, f->id);
    if (d->input_hash)
        sqlite3_bind_int64(st, 18, (int64_t)d->input_hash);
    else
        sqlite3_bind_null(st, 18);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return an__store_sqlerr(s, rc, err, "writing a document");
    *doc = f ? f->id : sqlite3_last_insert_rowid(s->db);
    return AN_OK;
}

/* Count the mentions that will be stored (valid CAMEO code). */
static size_t count_valid(const an_store_doc *d)
{
    size_t n = 0;
    char root[3];
    for (size_t i = 0; i < d->nmention; i++)
        n += cameo_ok(d->mentions[i].cameo, root);
    return n;
}

/* Bind a char[4] code that may lack its terminator (NULL when empty). */
static void bind_code4(sqlite3_stmt *st, int i, const char c[4])
{
    size_t n = strnlen(c, 4);
    if (n)
        sqlite3_bind_text(st, i, c, (int)n, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* Bind an actor's seven columns starting at `i`. */
static void bind_actor(sqlite3_stmt *st, int i, const an_actor_ref *a,
                       an_span text)
{
    sqlite3_bind_text(st, i, nz(a->code), -1, SQLITE_TRANSIENT);
    bind_code4(st, i + 1, a->country);
    an__bind_str(st, i + 2, a->sector);
    an__bind_str(st, i + 3, a->text);
    bool ok = a->code && a->end > a->start && a->end <= text.n;
    if (ok) {
        sqlite3_bind_int64(st, i + 4, a->start);
        sqlite3_bind_int64(st, i + 5, a->end);
        sqlite3_bind_int64(st, i + 6, char_offset(text, a->start));
    } else {
        sqlite3_bind_null(st, i + 4);
        sqlite3_bind_null(st, i + 5);
        sqlite3_bind_null(st, i + 6);
    }
    sqlite3_bind_int(st, i + 7, a->how);
}

/* Insert mention row `id` of event `ev`; `has_day`/`day` is its effective
   date. */
static int insert_mention(an_store *s, int64_t doc, const an_store_doc *d,
                          const an_mention *m, int has_day, int32_t day,
                          int64_t id, int64_t ev, an_err *err)
{
    sqlite3_stmt *st = s->st[ST_MENTION_INSERT];
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int64(st, 2, m->sent);
    sqlite3_bind_int64(st, 3, m->n);
    bind_actor(st, 4, &m->source, d->text);
    bind_actor(st, 12, &m->target, d->text);
    sqlite3_bind_text(st, 20, m->cameo, (int)strnlen(m->cameo, sizeof m->cameo),
                      SQLITE_TRANSIENT);
    an__bind_str(st, 21, m->plover_event);
    an__bind_str(st, 22, m->plover_mode);
    an__bind_str(st, 23, m->plover_context);
    sqlite3_bind_double(st, 24, m->goldstein);
    sqlite3_bind_int(st, 25, m->quad_class);
    sqlite3_bind_int(st, 26, m->modality);
    if (has_day)
        sqlite3_bind_int64(st, 27, day);
    else
        sqlite3_bind_null(st, 27);
    if (m->date.year > 0) {
        char buf[11];
        an_date_format(m->date, buf);
        sqlite3_bind_text(st, 28, buf, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(st, 28);
    }
    sqlite3_bind_int(st, 29, m->date_source);
    bool dspan = m->date_end > m->date_start && m->date_end <= d->text.n;
    if (dspan) {
        sqlite3_bind_int64(st, 30, m->date_start);
        sqlite3_bind_int64(st, 31, m->date_end);
    } else {
        sqlite3_bind_null(st, 30);
        sqlite3_bind_null(st, 31);
    }
    const an_place *pl = &m->place;
    if (pl->source) {
        an__bind_str(st, 32, pl->name);
        bind_code4(st, 33, pl->country);
        an__bind_str(st, 34, pl->admin1);
        sqlite3_bind_double(st, 35, pl->lat);
        sqlite3_bind_double(st, 36, pl->lon);
        sqlite3_bind_int64(st, 37, pl->geonames_id);
        bool ps = pl->end > pl->start && pl->end <= d->text.n;
        if (ps) {
            sqlite3_bind_int64(st, 38, pl->start);
            sqlite3_bind_int64(st, 39, pl->end);
        } else {
            sqlite3_bind_null(st, 38);
            sqlite3_bind_null(st, 39);
        }
    } else {
        for (int i = 32; i <= 39; i++)
            sqlite3_bind_null(st, i);
    }
    sqlite3_bind_int(st, 40, pl->source);
    bool span = m->span_end > m->span_start && m->span_end <= d->text.n;
    uint32_t action = m->span_start;
    if (d->toks && m->verb < d->ntok && d->toks[m->verb].start <= d->text.n)
        action = d->toks[m->verb].start;
    if (span) {
        sqlite3_bind_int64(st, 41, m->span_start);
        sqlite3_bind_int64(st, 42, m->span_end);
        sqlite3_bind_int64(st, 43, char_offset(d->text, action));
        an_buf_clear(&s->scratch2);
        add_line(&s->scratch2, d->text, m->span_start, m->span_end,
                 EVIDENCE_MAX);
        if (s->scratch2.oom)
            return an_err_set(err, AN_ENOMEM, "out of memory");
        an__bind_span(st, 44, (an_span){s->scratch2.p, s->scratch2.n});
    } else {
        for (int i = 41; i <= 44; i++)
            sqlite3_bind_null(st, i);
    }
    if (d->toks && m->verb < d->ntok)
        sqlite3_bind_int64(st, 45, m->verb);
    else
        sqlite3_bind_null(st, 45);
    an__bind_str(st, 46, m->verb_text);
    sqlite3_bind_int64(st, 47, id);
    sqlite3_bind_int64(st, 48, ev);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return an__store_sqlerr(s, rc, err, "writing a mention");
    return AN_OK;
}

/* The origin (source after near-duplicate collapsing) of a document. */
static int read_origin(an_store *s, int64_t doc, an_buf *out, an_err *err)
{
    sqlite3_stmt *st = s->st[ST_DOC_ORIGIN];
    sqlite3_bind_int64(st, 1, doc);
    int rc = sqlite3_step(st);
    an_buf_clear(out);
    if (rc == SQLITE_ROW)
        an_buf_adds(out, an__col_str(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return an__store_sqlerr(s, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, err,
                                "reading a document's origin");
    an_buf_addc(out, 0);
    return out->oom ? an_err_set(err, AN_ENOMEM, "out of memory") : AN_OK;
}

/* Everything of an_store_add() after the savepoint is open. */
static int add_doc(an_store *s, const an_store_doc *d, an_store_result *res,
                   an_err *err)
{
    uint64_t th = an_hash(d->text.p ? d->text.p : "", d->text.n);
    uint64_t ch = coding_hash(&s->scratch, d);
    if (s->scratch.oom)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    found_doc f;
    int rc = find_doc(s, d, &f, err);
    if (rc < 0)
        return rc;
    if (rc == 1 && f.text_hash == (int64_t)th && f.coding_hash == (int64_t)ch) {
        /* Record the input hash, so that the next run can leave the
           document uncoded (stores of an older schema have none). */
        if (d->input_hash) {
            sqlite3_stmt *st = s->st[ST_DOC_SET_INPUT];
            sqlite3_bind_int64(st, 1, f.id);
            sqlite3_bind_int64(st, 2, (int64_t)d->input_hash);
            int sr = sqlite3_step(st);
            sqlite3_reset(st);
            if (sr != SQLITE_DONE)
                return an__store_sqlerr(s, sr, err, "writing a document");
        }
        res->outcome = AN_STORE_UNCHANGED;
        res->doc = f.id;
        res->story = f.story;
        res->dup_of = f.dup_of;
        return AN_OK;
    }
    bool replacing = rc == 1;
    if (replacing && (rc = remove_old(s, &f, err)) != AN_OK)
        return rc;

    /* source: outlet, else URL host, else the document itself */
    char source[256];
    if (d->outlet.n) {
        size_t n = AN_MIN(d->outlet.n, sizeof source - 1);
        memcpy(source, d->outlet.p, n);
        source[n] = 0;
    } else if (!d->url.n || !url_host(d->url, source, sizeof source)) {
        snprintf(source, sizeof source, "doc:%.*s",
                 (int)AN_MIN(d->id.n, (size_t)200), d->id.p);
    }
    an_docsig *sig = malloc(sizeof *sig);
    if (!sig)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    an__docsig(d->text.p, d->text.n, sig);
    double tone = an_tone(d->text.p, d->text.n);
    make_title(&s->scratch, d);
    an_span title = {s->scratch.p, s->scratch.n};
    int64_t doc = 0;
    an_touch touch = {0};
    rc = write_doc(s, d, replacing ? &f : NULL, sig, th, ch, count_valid(d),
                   source, title, tone, &doc, err);
    res->outcome = replacing ? AN_STORE_REPLACED : AN_STORE_ADDED;
    res->doc = doc;

    /* near-duplicates */
    if (rc == AN_OK && sig->has_minhash) {
        rc = an__dedup_find(s, doc, sig, &res->dup_of, &res->dup_sim, err);
        if (rc == AN_OK && res->dup_of) {
            sqlite3_stmt *st = s->st[ST_DOC_SET_DUP];
            sqlite3_bind_int64(st, 1, doc);
            sqlite3_bind_int64(st, 2, res->dup_of);
            sqlite3_bind_double(st, 3, res->dup_sim);
            int sr = sqlite3_step(st);
            sqlite3_reset(st);
            if (sr != SQLITE_DONE)
                rc = an__store_sqlerr(s, sr, err, "marking a duplicate");
        }
        if (rc == AN_OK)
            rc = an__dedup_index(s, doc, sig, err);
    }
    an_buf origin;
    an_buf_init(&origin);
    if (rc == AN_OK)
        rc = read_origin(s, doc, &origin, err);

    /* mentions, merged into events.  Their ids are chosen here (the batch
       holds the write lock) so that events can refer to them before the
       rows exist: each mention is then written once, with its event. */
    bool doc_dated = full_date(d->date);
    int32_t doc_day = doc_dated ? an_date_days(d->date) : 0;
    int64_t next_id = 0;
    if (rc == AN_OK && d->nmention) {
        sqlite3_stmt *st = s->st[ST_MENTION_MAX_ID];
        int sr = sqlite3_step(st);
        next_id = sr == SQLITE_ROW ? sqlite3_column_int64(st, 0) + 1 : 0;
        sqlite3_reset(st);
        if (sr != SQLITE_ROW)
            rc = an__store_sqlerr(s, sr, err, "numbering mentions");
    }
    for (size_t i = 0; rc == AN_OK && i < d->nmention; i++) {
        const an_mention *m = &d->mentions[i];
        an_merge_in in;
        memset(&in, 0, sizeof in);
        if (!cameo_ok(m->cameo, in.root)) {
            res->skipped++;
            continue;
        }
        if (full_date(m->date)) {
            in.has_day = 1;
            in.day = an_date_days(m->date);
            in.day_q = m->date_source == AN_EDATE_EXPRESSION ? 2 : 1;
        } else if (doc_dated) {
            in.has_day = 1; /* undated mention in a dated article */
            in.day = doc_day;
            in.day_q = 1;
        }
        in.mention = next_id++;
        in.doc = doc;
        in.m = m;
        in.source = nz(m->source.code);
        in.target = nz(m->target.code);
        in.place_q = m->place.source == AN_PLACE_SENTENCE  ? 2
                     : m->place.source == AN_PLACE_DOCUMENT ? 1
                                                            : 0;
        in.has_doc_day = doc_dated;
        in.doc_day = doc_day;
        in.origin = origin.p;
        in.tone = tone;
        in.lead = m->sent < LEAD_SENTENCES;
        int created = 0;
        int64_t ev = 0;
        rc = an__merge_mention(s, &in, &touch, &ev, &created, err);
        if (rc == AN_OK)
            rc = insert_mention(s, doc, d, m, in.has_day, in.day, in.mention,
                                ev, err);
        res->mentions++;
        if (created)
            res->new_events++;
        else
            res->merged++;
    }
    an_buf_fini(&origin);

    /* stories */
    if (rc == AN_OK && !s->no_stories) {
        make_title(&s->scratch, d);
        title = (an_span){s->scratch.p, s->scratch.n};
        rc = an__story_assign(s, doc, res->dup_of, sig, &touch, title,
                              doc_dated, doc_day, &res->story, err);
    }
    an__touch_fini(&touch);
    free(sig);
    return rc;
}

/* Run a prepared statement without parameters or rows. */
static int step_stmt(an_store *s, int which, an_err *err)
{
    int rc = sqlite3_step(s->st[which]);
    sqlite3_reset(s->st[which]);
    return rc == SQLITE_DONE ? AN_OK : an__store_sqlerr(s, rc, err, "savepoint");
}

int an_store_add(an_store *s, const an_store_doc *d, an_store_result *res,
                 an_err *err)
{
    an_store_result local;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    if (s->readonly)
        return an_err_set(err, AN_EINVAL, "%s: opened read-only", s->path);
    if (!d->id.n)
        return an_err_set(err, AN_EINVAL, "a document needs an id");
    if (d->text.n > INT32_MAX || (d->nmention && !d->mentions))
        return an_err_set(err, AN_EINVAL, "document %.*s: bad text or mentions",
                          (int)AN_MIN(d->id.n, (size_t)80), d->id.p);
    int rc = begin_batch(s, err);
    if (rc != AN_OK)
        return rc;
    if ((rc = step_stmt(s, ST_SAVEPOINT, err)) != AN_OK)
        return rc;
    rc = add_doc(s, d, res, err);
    if (rc != AN_OK) {
        step_stmt(s, ST_ROLLBACK_TO, NULL);
        step_stmt(s, ST_RELEASE, NULL);
        memset(res, 0, sizeof *res);
        return rc;
    }
    if ((rc = step_stmt(s, ST_RELEASE, err)) != AN_OK)
        return rc;
    switch (res->outcome) {
    case AN_STORE_ADDED: s->run_added++; break;
    case AN_STORE_REPLACED: s->run_replaced++; break;
    default: s->run_unchanged++; break;
    }
    s->run_mentions += (int64_t)res->mentions;
    s->batch_n++;
    if (s->batch_n >= s->batch_docs || an_now() - s->batch_start >= s->batch_s)
        return an_store_commit(s, err);
    return AN_OK;
}
