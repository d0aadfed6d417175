/*
** test_store.c - the event store: schema and migrations, re-ingestion,
** the merge rule and its counts, near-duplicates (synthetic copies and
** real ECB+ pairs), stories (against the ECB+ topics), the consistency
** check, and a run killed with SIGKILL at random moments.
*/
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/json.h"
#include "store/store_int.h"
#include "test.h"
#include "tone/tone.h"

/* ---- helpers ---- */

/* A synthetic document with up to 32 mentions (texts are copied in). */
typedef struct tdoc {
    an_store_doc d;
    an_mention m[32];
    char text[16384];
    char id[64], url[128], outlet[64], title[128];
} tdoc;

static an_date date_of(const char *s)
{
    an_date d = {0, 0, 0};
    if (s)
        an_date_parse(s, strlen(s), &d);
    return d;
}

static void tdoc_init(tdoc *t, const char *id, const char *outlet,
                      const char *date, const char *text)
{
    memset(t, 0, sizeof *t);
    snprintf(t->id, sizeof t->id, "%s", id);
    snprintf(t->outlet, sizeof t->outlet, "%s", outlet ? outlet : "");
    snprintf(t->text, sizeof t->text, "%s", text);
    t->d.id = an_span_str(t->id);
    t->d.outlet = an_span_str(t->outlet);
    t->d.text = an_span_str(t->text);
    t->d.date = date_of(date);
    t->d.mentions = t->m;
}

/* Add a mention; `date` NULL means undated (the document's date applies
   when the document has one). */
static an_mention *tdoc_mention(tdoc *t, uint32_t sent, const char *src,
                                const char *tgt, const char *cameo,
                                const char *date, int expression)
{
    an_mention *m = &t->m[t->d.nmention++];
    memset(m, 0, sizeof *m);
    m->sent = sent;
    m->source.code = src;
    m->target.code = tgt;
    m->source.text = src ? "Source Actor" : NULL;
    m->target.text = tgt ? "Target Actor" : NULL;
    snprintf(m->cameo, sizeof m->cameo, "%s", cameo);
    m->plover_event = "ASSAULT";
    m->plover_mode = "";
    m->plover_context = "";
    m->goldstein = -9;
    m->quad_class = 4;
    m->date = date_of(date);
    m->date_source = date ? (expression ? AN_EDATE_EXPRESSION
                                        : AN_EDATE_DOCUMENT)
                          : AN_EDATE_NONE;
    size_t n = strlen(t->text);
    m->span_start = 0;
    m->span_end = (uint32_t)(n < 80 ? n : 80);
    m->verb_text = "attacked";
    return m;
}

static const char *db_path(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", an_test_tmpdir(), name);
    for (const char *suf = ""; suf; suf = *suf ? NULL : "-wal") {
        char p[560];
        snprintf(p, sizeof p, "%s%s", buf, suf);
        remove(p);
        snprintf(p, sizeof p, "%s-shm", buf);
        remove(p);
    }
    return buf;
}

/* Remove a database file with its WAL and shared-memory files. */
static void remove_db(const char *path)
{
    char p[600];
    remove(path);
    snprintf(p, sizeof p, "%s-wal", path);
    remove(p);
    snprintf(p, sizeof p, "%s-shm", path);
    remove(p);
}

/* One integer from an SQL query on the database file (-1 on error). */
static long long sql_int(const char *path, const char *sql)
{
    sqlite3 *db;
    long long v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                v = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return v;
}

/* Run SQL (writes) on the database file; 0 on success. */
static int sql_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

/* The rows of a query joined into one heap string ("|" between columns). */
static char *sql_dump(const char *path, const char *sql)
{
    sqlite3 *db;
    an_buf b;
    an_buf_init(&b);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                for (int i = 0; i < sqlite3_column_count(st); i++) {
                    const unsigned char *t = sqlite3_column_text(st, i);
                    an_buf_adds(&b, t ? (const char *)t : "NULL");
                    an_buf_addc(&b, '|');
                }
                an_buf_addc(&b, '\n');
            }
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    an_buf_addc(&b, 0);
    return b.p;
}

/* Pseudo-words from a seed: deterministic filler text. */
static void filler(char *out, size_t cap, unsigned seed, int nwords,
                   const char *prefix)
{
    size_t n = (size_t)snprintf(out, cap, "%s", prefix ? prefix : "");
    unsigned x = seed * 2654435761u + 12345;
    for (int i = 0; i < nwords && n + 16 < cap; i++) {
        x = x * 1103515245u + 12345;
        n += (size_t)snprintf(out + n, cap - n, "%sw%u", i ? " " : "",
                              (x >> 8) % 5000);
        if (i % 12 == 11)
            n += (size_t)snprintf(out + n, cap - n, ".");
    }
}

static int check_clean(an_store *s, an_store_check_result *r)
{
    an_err err;
    if (an_store_check(s, r, &err) != AN_OK)
        return 0;
    return r->integrity_ok && !r->bad_events && !r->orphan_mentions &&
           !r->bad_documents && !r->empty_events && !r->bad_links;
}

/* ---- schema ---- */

AN_TEST(store_open_creates_wal_database)
{
    const char *path = db_path("open.db");
    an_store *s;
    an_err err;
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK);
    an_store_stats st;
    ASSERT_EQ(an_store_get_stats(s, &st, &err), AN_OK);
    ASSERT_EQ(st.schema_version, AN_STORE_SCHEMA);
    ASSERT_EQ(st.merge_window_days, 1);
    ASSERT_EQ(st.documents, 0);
    ASSERT_EQ(an_store_close(s, &err), AN_OK);
    sqlite3 *db;
    ASSERT_EQ(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *q;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
    ASSERT_STR_EQ((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    sqlite3_close(db);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM meta WHERE key = "
                            "'application' AND value = 'annals'"), 1);
}

AN_TEST(store_refuses_foreign_newer_and_missing_files)
{
    an_store *s;
    an_err err;
    /* a database made by another program */
    const char *path = db_path("foreign.db");
    ASSERT_EQ(sql_exec(path, "CREATE TABLE t (x)"), SQLITE_OK);
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "not an annals event store");
    ASSERT(s == NULL);
    /* a file that is not a database */
    path = db_path("garbage.db");
    char junk[4096];
    memset(junk, 'x', sizeof junk);
    ASSERT_EQ(an_test_write_file(path, junk, sizeof junk), 0);
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "garbage.db");
    /* a store from a newer annals */
    path = db_path("newer.db");
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK);
    an_store_close(s, NULL);
    ASSERT_EQ(sql_exec(path, "PRAGMA user_version = 99"), SQLITE_OK);
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "newer annals");
    /* reading a store that does not exist */
    an_store_opts ro = {0};
    ro.readonly = 1;
    ASSERT_EQ(an_store_open(db_path("absent.db"), &ro, &s, &err), AN_ENOENT);
    /* a merge window other than the one the store was made with */
    path = db_path("window.db");
    an_store_opts wo = {0};
    wo.merge_window_days = 3;
    ASSERT_EQ(an_store_open(path, &wo, &s, &err), AN_OK);
    an_store_close(s, NULL);
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK); /* 0: stored */
    an_store_stats st;
    ASSERT_EQ(an_store_get_stats(s, &st, &err), AN_OK);
    ASSERT_EQ(st.merge_window_days, 3);
    an_store_close(s, NULL);
    wo.merge_window_days = 2;
    ASSERT_EQ(an_store_open(path, &wo, &s, &err), AN_EINVAL);
}

AN_TEST(store_migrates_version_1)
{
    const char *path = db_path("v1.db");
    /* make a version-1 store with the migration code itself */
    an_store tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.path = (char *)path;
    an_err err;
    ASSERT_EQ(sqlite3_open(path, &tmp.db), SQLITE_OK);
    ASSERT_EQ(an__store_migrate(&tmp, 1, &err), AN_OK);
    ASSERT_EQ(sqlite3_exec(tmp.db,
                           "INSERT INTO documents (doc_key, source, origin, "
                           "text_hash, coding_hash, text_len, text_chars, "
                           "nsent, tone, nmention, added) VALUES ('old', "
                           "'x', 'x', 1, 2, 3, 3, 1, 0, 0, 0)",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(tmp.db);
    ASSERT_EQ(sql_int(path, "PRAGMA user_version"), 1);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE name = "
                            "'runs'"), 0);
    /* reading needs the migration first */
    an_store *s;
    an_store_opts ro = {0};
    ro.readonly = 1;
    ASSERT_EQ(an_store_open(path, &ro, &s, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "migrating");
    /* opening for writing migrates, keeping the data */
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK);
    an_store_close(s, NULL);
    ASSERT_EQ(sql_int(path, "PRAGMA user_version"), AN_STORE_SCHEMA);
    ASSERT_EQ(sql_int(path, "SELECT value FROM meta WHERE key = "
                            "'schema_version'"), AN_STORE_SCHEMA);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM documents WHERE doc_key = "
                            "'old' AND input_hash IS NULL"), 1);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM documents WHERE doc_key = "
                            "'old'"), 1);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM runs"), 0);
}

/* ---- merging ---- */

AN_TEST(store_merge_rule_and_counts)
{
    const char *path = db_path("merge.db");
    an_store *s;
    an_err err;
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK);
    static tdoc a, b, c, u1, u2;
    an_store_result r;
    /* article A (outlet X, 18 March): Russia attacks Ukraine, twice */
    tdoc_init(&a, "a", "X", "2025-03-18",
              "Russian forces shelled Kharkiv on Tuesday. They hit it again.");
    tdoc_mention(&a, 0, "RUSMIL", "UKR", "195", "2025-03-18", 1);
    tdoc_mention(&a, 1, "RUSMIL", "UKR", "190", "2025-03-18", 1);
    tdoc_mention(&a, 1, "USAGOV", "RUS", "111", NULL, 0);
    ASSERT_EQ(an_store_add(s, &a.d, &r, &err), AN_OK);
    ASSERT_EQ(r.outcome, AN_STORE_ADDED);
    ASSERT_EQ(r.mentions, 3);
    ASSERT_EQ(r.new_events, 2);
    ASSERT_EQ(r.merged, 1);
    /* article B (outlet Y, a day later): the same attack, plus a planned
       one and a different root */
    tdoc_init(&b, "b", "Y", "2025-03-19",
              "Moscow's troops attacked Ukraine, officials said.");
    tdoc_mention(&b, 0, "RUSMIL", "UKR", "190", NULL, 0);
    tdoc_mention(&b, 0, "RUSMIL", "UKR", "190", NULL, 0)->modality =
        AN_MOD_PLANNED;
    tdoc_mention(&b, 0, "RUSMIL", "UKR", "042", NULL, 0);
    tdoc_mention(&b, 0, "RUSMIL", "UKRGOV", "190", NULL, 0);
    ASSERT_EQ(an_store_add(s, &b.d, &r, &err), AN_OK);
    ASSERT_EQ(r.merged, 1);
    ASSERT_EQ(r.new_events, 3);
    /* article C a week later: outside the window, a new event */
    tdoc_init(&c, "c", "Z", "2025-03-25", "Russia attacked Ukraine again.");
    tdoc_mention(&c, 0, "RUSMIL", "UKR", "190", NULL, 0);
    ASSERT_EQ(an_store_add(s, &c.d, &r, &err), AN_OK);
    ASSERT_EQ(r.new_events, 1);
    /* undated articles merge with each other only */
    tdoc_init(&u1, "u1", "X", NULL, "Russian forces attacked Ukraine.");
    tdoc_mention(&u1, 0, "RUSMIL", "UKR", "190", NULL, 0);
    tdoc_init(&u2, "u2", "W", NULL, "Russia's army struck Ukraine.");
    tdoc_mention(&u2, 0, "RUSMIL", "UKR", "193", NULL, 0);
    ASSERT_EQ(an_store_add(s, &u1.d, &r, &err), AN_OK);
    ASSERT_EQ(r.new_events, 1);
    ASSERT_EQ(an_store_add(s, &u2.d, &r, &err), AN_OK);
    ASSERT_EQ(r.merged, 1);
    ASSERT_EQ(an_store_close(s, &err), AN_OK);

    /* the merged attack of 18-19 March */
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM events WHERE source = "
                            "'RUSMIL' AND target = 'UKR' AND root = '19' AND "
                            "modality = 0"), 3);
    const char *q = "SELECT num_mentions * 10000 + num_articles * 100 + "
                    "num_sources FROM events WHERE source = 'RUSMIL' AND "
                    "target = 'UKR' AND root = '19' AND modality = 0 AND "
                    "anchor = %d";
    char sql[400];
    snprintf(sql, sizeof sql, q, (int)an_date_days(date_of("2025-03-18")));
    ASSERT_EQ(sql_int(path, sql), 30202); /* 3 mentions, 2 articles, 2 src */
    /* its date comes from the time expression; code: the most frequent */
    ASSERT_EQ(sql_int(path, "SELECT day FROM events WHERE anchor IS NOT NULL "
                            "AND num_mentions = 3"),
              an_date_days(date_of("2025-03-18")));
    ASSERT_EQ(sql_int(path, "SELECT cameo FROM events WHERE num_mentions = 3"),
              190);
    ASSERT_EQ(sql_int(path, "SELECT first_seen FROM events WHERE "
                            "num_mentions = 3"),
              an_date_days(date_of("2025-03-18")));
    ASSERT_EQ(sql_int(path, "SELECT last_seen FROM events WHERE "
                            "num_mentions = 3"),
              an_date_days(date_of("2025-03-19")));
    /* the undated pair merged, nothing else did */
    ASSERT_EQ(sql_int(path, "SELECT num_mentions FROM events WHERE anchor IS "
                            "NULL AND source = 'RUSMIL'"), 2);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM events"), 7);
    ASSERT_EQ(sql_int(path, "SELECT sum(num_mentions) FROM events"), 10);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM mentions"), 10);
    an_store_opts ro = {0};
    ro.readonly = 1;
    ASSERT_EQ(an_store_open(path, &ro, &s, &err), AN_OK);
    an_store_check_result cr;
    ASSERT(check_clean(s, &cr));
    an_store_close(s, NULL);
}

AN_TEST(store_merge_window_zero_keeps_days_apart)
{
    const char *path = db_path("window0.db");
    an_store *s;
    an_err err;
    an_store_opts o = {0};
    o.merge_window_days = AN_STORE_WINDOW_SAME_DAY;
    ASSERT_EQ(an_store_open(path, &o, &s, &err), AN_OK);
    static tdoc a, b;
    tdoc_init(&a, "a", "X", "2025-03-18", "Russia attacked Ukraine.");
    tdoc_mention(&a, 0, "RUS", "UKR", "190", NULL, 0);
    tdoc_init(&b, "b", "Y", "2025-03-19", "Russia attacked Ukraine.");
    tdoc_mention(&b, 0, "RUS", "UKR", "190", NULL, 0);
    ASSERT_EQ(an_store_add(s, &a.d, NULL, &err), AN_OK);
    ASSERT_EQ(an_store_add(s, &b.d, NULL, &err), AN_OK);
    an_store_close(s, NULL);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM events"), 2);
}

AN_TEST(store_reingest_unchanged_and_replaced)
{
    const char *path = db_path("reingest.db");
    an_store *s;
    an_err err;
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK);
    static tdoc a, b;
    an_store_result r;
    tdoc_init(&a, "a", "X", "2025-03-18", "Russia attacked Ukraine. The US "
                                          "criticised Russia.");
    snprintf(a.url, sizeof a.url, "https://www.example.com/story/1");
    a.d.url = an_span_str(a.url);
    tdoc_mention(&a, 0, "RUS", "UKR", "190", NULL, 0);
    tdoc_mention(&a, 1, "USA", "RUS", "111", NULL, 0);
    ASSERT_EQ(an_store_add(s, &a.d, &r, &err), AN_OK);
    ASSERT_EQ(r.outcome, AN_STORE_ADDED);
    ASSERT_EQ(an_store_add(s, &a.d, &r, &err), AN_OK);
    ASSERT_EQ(r.outcome, AN_STORE_UNCHANGED);
    ASSERT_EQ(r.mentions, 0);
    /* the same page under another id: found by its URL, unchanged */
    b = a;
    snprintf(b.id, sizeof b.id, "a-again");
    b.d.id = an_span_str(b.id);
    b.d.text = an_span_str(b.text);
    b.d.url = an_span_str(b.url);
    b.d.outlet = an_span_str(b.outlet);
    b.d.mentions = b.m;
    if (an_store_add(s, &b.d, &r, &err) != AN_OK)
        FAIL("%s", err.msg);
    ASSERT_EQ(r.outcome, AN_STORE_UNCHANGED);
    ASSERT_EQ(an_store_commit(s, &err), AN_OK);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM documents"), 1);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM events"), 2);
    /* an updated version: the attack is gone, a meeting appears */
    snprintf(b.text, sizeof b.text, "Correction: the US criticised Russia. "
                                    "Officials met in Geneva.");
    b.d.text = an_span_str(b.text);
    b.d.nmention = 0;
    tdoc_mention(&b, 0, "USA", "RUS", "111", NULL, 0);
    tdoc_mention(&b, 1, "USA", "RUS", "036", NULL, 0);
    if (an_store_add(s, &b.d, &r, &err) != AN_OK)
        FAIL("%s", err.msg);
    ASSERT_EQ(r.outcome, AN_STORE_REPLACED);
    ASSERT_EQ(r.mentions, 2);
    ASSERT_EQ(an_store_close(s, &err), AN_OK);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM documents"), 1);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM documents WHERE doc_key = "
                            "'a-again'"), 1);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM mentions"), 2);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM events WHERE root = '19'"),
              0);
    ASSERT_EQ(sql_int(path, "SELECT num_mentions FROM events WHERE root = "
                            "'11'"), 1);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM events"), 2);
    an_store_opts ro = {0};
    ro.readonly = 1;
    ASSERT_EQ(an_store_open(path, &ro, &s, &err), AN_OK);
    an_store_check_result cr;
    ASSERT(check_clean(s, &cr));
    an_store_close(s, NULL);
}

AN_TEST(store_refuses_bad_mentions_without_failing)
{
    const char *path = db_path("bad.db");
    an_store *s;
    an_err err;
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK);
    static tdoc a;
    an_store_result r;
    tdoc_init(&a, "a", "X", "2025-03-18", "Short.");
    tdoc_mention(&a, 0, "RUS", "UKR", "", NULL, 0);      /* no code */
    tdoc_mention(&a, 0, "RUS", "UKR", "1x9", NULL, 0);   /* not digits */
    an_mention *m = tdoc_mention(&a, 0, "RUS", NULL, "190", NULL, 0);
    m->span_start = 5000; /* offsets beyond the text */
    m->span_end = 9000;
    m->source.start = 7;
    m->source.end = 70000;
    m->verb = 12345;
    ASSERT_EQ(an_store_add(s, &a.d, &r, &err), AN_OK);
    ASSERT_EQ(r.skipped, 2);
    ASSERT_EQ(r.mentions, 1);
    /* a document without an id is refused */
    static tdoc noid;
    tdoc_init(&noid, "", "X", NULL, "text");
    ASSERT_EQ(an_store_add(s, &noid.d, &r, &err), AN_EINVAL);
    ASSERT_EQ(an_store_close(s, &err), AN_OK);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM mentions WHERE evidence IS "
                            "NULL AND source_char IS NULL"), 1);
    ASSERT_EQ(sql_int(path, "SELECT nmention FROM documents"), 1);
}

/* ---- near-duplicates ---- */

AN_TEST(store_near_duplicates_count_once_as_sources)
{
    const char *path = db_path("dups.db");
    an_store *s;
    an_err err;
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK);
    static tdoc orig, copy, other;
    an_store_result r;
    char text[8000];
    filler(text, sizeof text, 7, 400, "Russian forces attacked Ukraine. ");
    tdoc_init(&orig, "wire-1", "Wire", "2025-03-18", text);
    tdoc_mention(&orig, 0, "RUSMIL", "UKR", "190", NULL, 0);
    ASSERT_EQ(an_store_add(s, &orig.d, &r, &err), AN_OK);
    ASSERT_EQ(r.dup_of, 0);
    /* a syndicated copy: other outlet, a few words changed, a tagline */
    tdoc_init(&copy, "paper-1", "Daily Paper", "2025-03-18", text);
    char *p = copy.text;
    for (int k = 0; k < 6; k++) {
        p = strstr(p + 200, " w");
        if (p)
            p[1] = 'v';
    }
    strcat(copy.text, " Reporting by our correspondent; editing by the desk.");
    copy.d.text = an_span_str(copy.text);
    tdoc_mention(&copy, 0, "RUSMIL", "UKR", "190", NULL, 0);
    ASSERT_EQ(an_store_add(s, &copy.d, &r, &err), AN_OK);
    ASSERT_EQ(r.dup_of, 1);
    ASSERT_GE(r.dup_sim, 0.6);
    /* an unrelated article from a third outlet reporting the same event */
    filler(text, sizeof text, 99, 400, "Ukraine said it was attacked. ");
    tdoc_init(&other, "tv-1", "TV", "2025-03-19", text);
    tdoc_mention(&other, 0, "RUSMIL", "UKR", "190", NULL, 0);
    ASSERT_EQ(an_store_add(s, &other.d, &r, &err), AN_OK);
    ASSERT_EQ(r.dup_of, 0);
    /* the wire story is updated: its band keys are replaced, not added */
    strcat(orig.text, " Updated with new reporting.");
    orig.d.text = an_span_str(orig.text);
    ASSERT_EQ(an_store_add(s, &orig.d, &r, &err), AN_OK);
    ASSERT_EQ(r.outcome, AN_STORE_REPLACED);
    ASSERT_EQ(an_store_close(s, &err), AN_OK);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM doc_bands WHERE doc = 1"),
              AN_DUP_BANDS);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM doc_bands"),
              3 * AN_DUP_BANDS);
    /* 3 articles, but the copy counts as the wire's source: 2 sources */
    ASSERT_EQ(sql_int(path, "SELECT num_articles * 100 + num_sources FROM "
                            "events"), 302);
    ASSERT_EQ(sql_int(path, "SELECT count(DISTINCT story) FROM documents "
                            "WHERE doc_key IN ('wire-1', 'paper-1')"), 1);
}

AN_TEST(store_minhash_estimates_jaccard)
{
    /* identical texts agree everywhere; unrelated texts almost nowhere */
    char a[8000], b[8000];
    filler(a, sizeof a, 1, 500, NULL);
    filler(b, sizeof b, 2, 500, NULL);
    static an_docsig sa, sb;
    an__docsig(a, strlen(a), &sa);
    an__docsig(a, strlen(a), &sb);
    ASSERT(sa.has_minhash);
    ASSERT_GE(an__minhash_sim(sa.minhash, sb.minhash), 1.0);
    ASSERT_EQ(sa.nterms, AN_STORY_TERMS);
    an__docsig(b, strlen(b), &sb);
    ASSERT(an__minhash_sim(sa.minhash, sb.minhash) < 0.1);
    /* too short a text gets no signature */
    an__docsig("three short words", 17, &sb);
    ASSERT(!sb.has_minhash);
    an__docsig(NULL, 0, &sb);
    ASSERT_EQ(sb.nterms, 0);
}

/* ---- the ECB+ corpus: real near-duplicates and stories ---- */

typedef struct ecb_doc {
    char *id, *text;
    int topic, plus;     /* gold story: (topic, ecb / ecbplus) */
    uint64_t *sh;        /* sorted 4-shingle hashes */
    size_t nsh;
} ecb_doc;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Exact word 4-shingles of a text (same words as the store uses). */
static void shingles(ecb_doc *d)
{
    size_t n = strlen(d->text), cap = n / 2 + 8, nw = 0;
    uint64_t *w = malloc(cap * sizeof *w);
    d->sh = malloc(cap * sizeof *d->sh);
    d->nsh = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)d->text[i];
        bool wc = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c >= 0x80;
        if (!wc) {
            i++;
            continue;
        }
        uint64_t h = 1469598103934665603ULL;
        while (i < n) {
            c = (unsigned char)d->text[i];
            wc = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c >= 0x80;
            if (!wc)
                break;
            h = (h ^ (uint64_t)an_lower(c)) * 1099511628211ULL;
            i++;
        }
        if (nw < cap)
            w[nw++] = h;
    }
    for (size_t i = 0; i + 3 < nw; i++)
        d->sh[d->nsh++] = (w[i] * 31 + w[i + 1]) * 31 * 31 + w[i + 2] * 31 +
                          w[i + 3] * 7919;
    qsort(d->sh, d->nsh, sizeof *d->sh, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < d->nsh; i++)
        if (!u || d->sh[u - 1] != d->sh[i])
            d->sh[u++] = d->sh[i];
    d->nsh = u;
    free(w);
}

static double jaccard(const ecb_doc *a, const ecb_doc *b)
{
    size_t i = 0, j = 0, inter = 0;
    while (i < a->nsh && j < b->nsh) {
        if (a->sh[i] == b->sh[j]) {
            inter++;
            i++;
            j++;
        } else if (a->sh[i] < b->sh[j]) {
            i++;
        } else {
            j++;
        }
    }
    size_t uni = a->nsh + b->nsh - inter;
    return uni ? (double)inter / (double)uni : 0;
}

/* Read the ECB+ documents of the shared corpus; returns the count. */
static size_t read_ecb(const char *path, ecb_doc **out, size_t *nall)
{
    size_t n = 0;
    char *data = an_test_read_file(path, &n);
    if (!data)
        return 0;
    size_t cap = 2048, k = 0;
    ecb_doc *v = calloc(cap, sizeof *v);
    an_arena a;
    an_arena_init(&a);
    *nall = 0;
    for (char *line = data; line && *line && k < cap;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        an_json *j;
        an_err err;
        if (an_json_parse(&a, line, len, &j, &err) == AN_OK) {
            an_span id = an_json_get_str(j, "id"), text = an_json_get_str(j, "text");
            int topic, num;
            char kind[16] = "";
            (*nall)++;
            char idz[128];
            snprintf(idz, sizeof idz, "%.*s", (int)AN_MIN(id.n, (size_t)100), id.p);
            if (sscanf(idz, "ecbplus-%d_%d%15s", &topic, &num, kind) == 3) {
                v[k].id = strdup(idz);
                v[k].text = strndup(text.p, text.n);
                v[k].topic = topic;
                v[k].plus = !strcmp(kind, "ecbplus");
                shingles(&v[k]);
                k++;
            }
        }
        an_arena_reset(&a);
        line = nl ? nl + 1 : NULL;
    }
    an_arena_fini(&a);
    free(data);
    *out = v;
    return k;
}

AN_TEST(store_ecb_near_duplicates_and_stories)
{
    char path_buf[512];
    const char *corpus = an_test_shared_path("corpus/news.jsonl", path_buf,
                                             sizeof path_buf);
    if (!corpus)
        AN_SKIP("../shared/corpus/news.jsonl not found");
    ecb_doc *docs;
    size_t nall;
    size_t n = read_ecb(corpus, &docs, &nall);
    ASSERT_GE(n, 900);
    const char *path = db_path("ecb.db");
    an_store *s;
    an_err err;
    an_store_opts o = {0};
    o.sync = AN_STORE_SYNC_NORMAL;
    ASSERT_EQ(an_store_open(path, &o, &s, &err), AN_OK);
    int64_t *dup = calloc(n, sizeof *dup), *story = calloc(n, sizeof *story);
    for (size_t i = 0; i < n; i++) {
        an_store_doc d;
        memset(&d, 0, sizeof d);
        d.id = an_span_str(docs[i].id);
        d.outlet = an_span_str(docs[i].id); /* every article its own outlet */
        d.text = an_span_str(docs[i].text);
        an_store_result r;
        ASSERT_EQ(an_store_add(s, &d, &r, &err), AN_OK);
        ASSERT_EQ(r.doc, (int64_t)i + 1);
        dup[i] = r.dup_of;
        story[i] = r.story;
    }
    ASSERT_EQ(an_store_close(s, &err), AN_OK);

    /* near-duplicates: recall on pairs with exact Jaccard >= 0.6, and
       every detection within one ECB+ story */
    size_t should = 0, found = 0, flagged = 0, same_story = 0;
    for (size_t i = 0; i < n; i++) {
        double best = 0;
        for (size_t j = 0; j < i; j++)
            if (docs[j].topic == docs[i].topic) {
                double x = jaccard(&docs[i], &docs[j]);
                best = x > best ? x : best;
            }
        if (best >= 0.6) {
            should++;
            found += dup[i] != 0;
        }
        if (dup[i]) {
            flagged++;
            const ecb_doc *o2 = &docs[dup[i] - 1];
            same_story += o2->topic == docs[i].topic && o2->plus == docs[i].plus;
        }
    }
    fprintf(stderr, "  ecb near-duplicates: %zu of %zu pairs with J >= 0.6 "
                    "found; %zu flagged, %zu within one story\n",
            found, should, flagged, same_story);
    ASSERT_GE(should, 20);
    ASSERT_GE((double)found / (double)should, 0.9);
    ASSERT_GE((double)same_story / (double)(flagged ? flagged : 1), 0.95);

    /* stories: B-cubed precision and recall against the ECB+ topics
       (each topic has two stories: its ecb and its ecbplus documents) */
    double P = 0, R = 0;
    size_t nstories = 0;
    for (size_t i = 0; i < n; i++) {
        size_t same_pred = 0, same_gold = 0, both = 0;
        for (size_t j = 0; j < n; j++) {
            bool pr = story[j] == story[i];
            bool go = docs[j].topic == docs[i].topic && docs[j].plus == docs[i].plus;
            same_pred += pr;
            same_gold += go;
            both += pr && go;
        }
        P += (double)both / (double)same_pred;
        R += (double)both / (double)same_gold;
        if (story[i] > (int64_t)nstories)
            nstories = (size_t)story[i];
    }
    P /= (double)n;
    R /= (double)n;
    double F = 2 * P * R / (P + R);
    fprintf(stderr, "  ecb stories: %zu stories for %zu documents; B-cubed "
                    "P %.3f R %.3f F1 %.3f\n", nstories, n, P, R, F);
    ASSERT_GE(F, 0.80);
    ASSERT_GE(P, 0.78);
    for (size_t i = 0; i < n; i++) {
        free(docs[i].id);
        free(docs[i].text);
        free(docs[i].sh);
    }
    free(docs);
    free(dup);
    free(story);
    ASSERT_GE(nall, n);
    remove_db(path);
}

/* ---- the consistency check ---- */

AN_TEST(store_check_finds_wrong_counts)
{
    const char *path = db_path("check.db");
    an_store *s;
    an_err err;
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK);
    static tdoc a;
    tdoc_init(&a, "a", "X", "2025-03-18", "Russia attacked Ukraine.");
    tdoc_mention(&a, 0, "RUS", "UKR", "190", NULL, 0);
    tdoc_mention(&a, 0, "RUS", "UKR", "190", NULL, 0);
    ASSERT_EQ(an_store_add(s, &a.d, NULL, &err), AN_OK);
    an_store_close(s, NULL);
    ASSERT_EQ(sql_exec(path, "UPDATE events SET num_mentions = 5"), SQLITE_OK);
    ASSERT_EQ(sql_exec(path, "UPDATE mentions SET target = 'USA' WHERE id = 2"),
              SQLITE_OK);
    ASSERT_EQ(sql_exec(path, "INSERT INTO mentions (doc, event, sent, n, "
                             "source, target, cameo, modality, place_source) "
                             "VALUES (1, 999, 0, 0, '', '', '01', 0, 0)"),
              SQLITE_OK);
    an_store_opts ro = {0};
    ro.readonly = 1;
    ASSERT_EQ(an_store_open(path, &ro, &s, &err), AN_OK);
    an_store_check_result r;
    ASSERT_EQ(an_store_check(s, &r, &err), AN_OK);
    ASSERT(r.integrity_ok);
    ASSERT_EQ(r.bad_events, 1);
    ASSERT_EQ(r.orphan_mentions, 1);
    ASSERT_EQ(r.bad_documents, 1);
    ASSERT_EQ(r.bad_links, 1);
    ASSERT_CONTAINS(r.first_problem, "event 1");
    an_store_close(s, NULL);
}

/* ---- SIGKILL at random moments ---- */

#define KILL_DOCS 3000

static const char *const kill_actors[] = {"RUSMIL", "UKRGOV", "USAGOV",
                                          "CHN", "IRNGOV", "IGOUNO"};
static const char *const kill_codes[] = {"190", "193", "042", "036", "111",
                                         "0841", "057"};

/* The synthetic document number i, deterministic. */
static void kill_doc(tdoc *t, int i)
{
    char id[32], outlet[32], date[16], text[4000];
    snprintf(id, sizeof id, "k%05d", i);
    snprintf(outlet, sizeof outlet, "outlet%d", i % 7);
    an_date d = an_date_from_days(an_date_days(date_of("2025-01-01")) + i / 40);
    an_date_format(d, date);
    /* stories: every 11th topic word list, plus noise */
    char prefix[200];
    snprintf(prefix, sizeof prefix, "Topic%d talks topic%d summit topic%d. ",
             i % 11, i % 11, i % 11);
    filler(text, sizeof text, (unsigned)(i % 400 == 399 ? i - 1 : i), 120,
           prefix);
    tdoc_init(t, id, outlet, date, text);
    int nm = 1 + i % 4;
    for (int k = 0; k < nm; k++) {
        char mdate[16] = "";
        an_date md = an_date_from_days(an_date_days(d) - (k == 2));
        an_date_format(md, mdate);
        an_mention *m = tdoc_mention(t, (uint32_t)k, kill_actors[(i + k) % 6],
                                     kill_actors[(i * 3 + k + 1) % 6],
                                     kill_codes[(i + 2 * k) % 7],
                                     k == 2 ? mdate : NULL, k == 2);
        m->modality = (i + k) % 9 == 0 ? AN_MOD_PLANNED : AN_MOD_ASSERTED;
    }
}

/* Ingest documents first..KILL_DOCS-1 (skipping stored ones). */
static int kill_ingest(const char *path, int batch)
{
    an_store *s;
    an_err err;
    an_store_opts o = {0};
    o.batch_docs = (unsigned)batch;
    o.now = 1742300000;
    if (an_store_open(path, &o, &s, &err) != AN_OK) {
        fprintf(stderr, "kill_ingest: %s\n", err.msg);
        return 1;
    }
    static tdoc t;
    for (int i = 0; i < KILL_DOCS; i++) {
        kill_doc(&t, i);
        if (an_store_add(s, &t.d, NULL, &err) != AN_OK) {
            fprintf(stderr, "kill_ingest: %s\n", err.msg);
            an_store_close(s, NULL);
            return 1;
        }
    }
    return an_store_close(s, &err) == AN_OK ? 0 : 1;
}

/* Every committed document has all its mentions; the committed documents
   are a prefix of the input.  Returns the number committed, or -1. */
static long long kill_verify(const char *path, char *why, size_t whyn)
{
    an_store *s;
    an_err err;
    an_store_opts ro = {0};
    ro.readonly = 1;
    int rc = an_store_open(path, &ro, &s, &err);
    if (rc == AN_ENOENT)
        return 0; /* killed before the store was created */
    if (rc != AN_OK) {
        snprintf(why, whyn, "open: %s", err.msg);
        return -1;
    }
    an_store_check_result r;
    bool clean = check_clean(s, &r);
    an_store_close(s, NULL);
    if (!clean) {
        snprintf(why, whyn, "check: integrity %d, %s", r.integrity_ok,
                 r.first_problem);
        return -1;
    }
    long long n = sql_int(path, "SELECT count(*) FROM documents");
    long long top = sql_int(path, "SELECT coalesce(max(CAST(substr(doc_key, "
                                  "2) AS INTEGER)), -1) FROM documents");
    if (top != n - 1) {
        snprintf(why, whyn, "%lld documents but the last is k%05lld", n, top);
        return -1;
    }
    /* mentions per document: 1 + i % 4 */
    long long wrong = sql_int(path,
                              "SELECT count(*) FROM documents d WHERE "
                              "(SELECT count(*) FROM mentions m WHERE "
                              "m.doc = d.id) != 1 + CAST(substr(d.doc_key, 2) "
                              "AS INTEGER) % 4");
    if (wrong != 0) {
        snprintf(why, whyn, "%lld documents with missing mentions", wrong);
        return -1;
    }
    return n;
}

AN_TEST(store_survives_sigkill_and_resumes)
{
    char path[512];
    snprintf(path, sizeof path, "%s", db_path("kill.db"));
    char why[300];
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    long long last = 0;
    int interrupted = 0;
    for (int round = 0; round < 5; round++) {
        seed = seed * 1103515245u + 12345;
        int delay_ms = 20 + (int)((seed >> 8) % (round == 0 ? 60 : 250));
        fflush(NULL);
        pid_t pid = fork();
        ASSERT(pid >= 0);
        if (pid == 0)
            _exit(kill_ingest(path, 3 + round * 4));
        struct timespec ts = {delay_ms / 1000, (delay_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        if (WIFSIGNALED(status))
            interrupted++;
        else
            ASSERT_EQ(WEXITSTATUS(status), 0);
        long long n = kill_verify(path, why, sizeof why);
        if (n < 0)
            FAIL("after a kill at %d ms (round %d): %s", delay_ms, round, why);
        ASSERT_GE(n, last); /* nothing committed was lost */
        last = n;
    }
    fprintf(stderr, "  sigkill: %d of 5 runs killed mid-way; %lld of %d "
                    "documents committed before the last run\n",
            interrupted, last, KILL_DOCS);
    ASSERT_GE(interrupted, 1);
    /* the next run completes the ingestion without duplicates */
    ASSERT_EQ(kill_ingest(path, 64), 0);
    ASSERT_EQ(kill_verify(path, why, sizeof why), KILL_DOCS);
    ASSERT_EQ(sql_int(path, "SELECT count(*) FROM mentions"),
              (KILL_DOCS / 4) * (1 + 2 + 3 + 4));
    /* and the store equals one made in a single uninterrupted run */
    const char *clean = db_path("kill-clean.db");
    char cpath[512];
    snprintf(cpath, sizeof cpath, "%s", clean);
    ASSERT_EQ(kill_ingest(cpath, 256), 0);
    static const char *const dumps[] = {
        "SELECT source, target, root, modality, anchor, day, cameo, "
        "num_mentions, num_articles, num_sources, first_seen, last_seen "
        "FROM events ORDER BY id",
        "SELECT doc_key, story, dup_of, origin FROM documents ORDER BY id",
        "SELECT id, title, ndocs FROM stories ORDER BY id",
    };
    for (size_t i = 0; i < AN_COUNT(dumps); i++) {
        char *x = sql_dump(path, dumps[i]), *y = sql_dump(cpath, dumps[i]);
        int same = x && y && !strcmp(x, y);
        size_t len = x ? strlen(x) : 0;
        free(x);
        free(y);
        if (!same)
            FAIL("resumed store differs from a clean one: %s", dumps[i]);
        ASSERT_GE(len, 100);
    }
    remove_db(path);
    remove_db(cpath);
}

/* ---- tone ---- */

AN_TEST(tone_lexicon)
{
    ASSERT_EQ(an__tone_selfcheck(), 0);
    ASSERT(an_tone("The leaders agreed a peace deal and praised the "
                   "progress.", 58) > 5);
    const char *bad = "Rebels attacked the town; dozens were killed and "
                      "wounded in the violence.";
    ASSERT(an_tone(bad, strlen(bad)) < -5);
    ASSERT(an_tone("", 0) == 0);
    ASSERT(an_tone(NULL, 0) == 0);
    ASSERT(an_tone("Peace", 5) == 100);
}

AN_TEST(store_input_hashes)
{
    const char *path = db_path("inputs.db");
    an_store *s;
    an_err err;
    ASSERT_EQ(an_store_open(path, NULL, &s, &err), AN_OK);
    static tdoc a, b, c;
    tdoc_init(&a, "a", "X", "2025-03-18", "Russia attacked Ukraine.");
    tdoc_init(&b, "b", "X", "2025-03-18", "Ukraine attacked Russia.");
    tdoc_init(&c, "c", "X", "2025-03-18", "Nobody did anything.");
    a.d.input_hash = 11;
    b.d.input_hash = 22;
    /* c: no input hash (a caller that does not know it) */
    ASSERT_EQ(an_store_add(s, &a.d, NULL, &err), AN_OK);
    ASSERT_EQ(an_store_add(s, &b.d, NULL, &err), AN_OK);
    ASSERT_EQ(an_store_add(s, &c.d, NULL, &err), AN_OK);
    /* unchanged, under a new input hash (a store of an older schema, or
       another engine that codes it the same): the new hash is kept */
    b.d.input_hash = 23;
    an_store_result r;
    ASSERT_EQ(an_store_add(s, &b.d, &r, &err), AN_OK);
    ASSERT_EQ(r.outcome, AN_STORE_UNCHANGED);
    an_store_inputs *t;
    ASSERT_EQ(an_store_inputs_load(s, &t, &err), AN_OK);
    ASSERT_EQ(an_store_inputs_count(t), 2);
    ASSERT_EQ(an_store_inputs_has(t, an_span_str("a"), 11), 1);
    ASSERT_EQ(an_store_inputs_has(t, an_span_str("a"), 12), 0);
    ASSERT_EQ(an_store_inputs_has(t, an_span_str("b"), 22), 0);
    ASSERT_EQ(an_store_inputs_has(t, an_span_str("b"), 23), 1);
    ASSERT_EQ(an_store_inputs_has(t, an_span_str("c"), 0), 0);
    ASSERT_EQ(an_store_inputs_has(t, an_span_str("d"), 11), 0);
    an_store_inputs_free(t);
    /* documents left out before an_store_add count in the run's record */
    ASSERT_EQ(an_store_note_unchanged(s, 5, &err), AN_OK);
    ASSERT_EQ(an_store_close(s, &err), AN_OK);
    ASSERT_EQ(sql_int(path, "SELECT unchanged FROM runs"), 6);
}
