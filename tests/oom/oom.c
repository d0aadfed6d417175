/*
** oom.c - allocation-failure injection through the public API.
**
** This file is linked into a second test runner (build/tests/oom-runner)
** with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,
** --wrap=strndup: every call the library (libannals.a) and these tests
** make to those functions goes through the __wrap_ functions below, which
** fail the Nth call once armed.  Each scenario runs first unarmed to count
** its allocations K, then again with the failure at N = 1, 2, ... K (or
** with a fixed stride when K is large, so that a run stays fast).  A run
** must not crash, must report the failure as AN_ENOMEM (a status, a
** document diagnostic or a buffer's oom flag), must leave its objects
** freeable, and must not leak (the ASan build of this runner checks that).
** SQLite's own allocations go through sqlite3_config(SQLITE_CONFIG_MALLOC)
** hooks that count with the same counter.
**
** The state here is test-only; libannals itself has no mutable globals.
*/
#include <execinfo.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static _Atomic int oom_armed;       /* count (and maybe fail) allocations */
static _Atomic long oom_count;      /* allocations counted since arming */
static _Atomic long oom_fail_at;    /* 1-based call to fail; 0: none */
static _Atomic int oom_hit;         /* the failure was injected */

/* 1 when this allocation must fail. */
static int oom_tick(void)
{
    if (!atomic_load(&oom_armed))
        return 0;
    long k = atomic_fetch_add(&oom_count, 1) + 1;
    if (k == atomic_load(&oom_fail_at)) {
        atomic_store(&oom_hit, 1);
        const char *tr = getenv("ANNALS_OOM_TRACE");
        if (tr && atol(tr) == k) {
            /* Where the failure was injected (for addr2line). */
            void *bt[24];
            int nb = backtrace(bt, 24);
            backtrace_symbols_fd(bt, nb, 2);
        }
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    return oom_tick() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
    return oom_tick() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    return oom_tick() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return oom_tick() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return oom_tick() ? NULL : __real_strndup(s, n);
}

/* SQLite's allocator: the same counter, sizes kept in a header. */
static void *sq_malloc(int n)
{
    if (n < 0 || oom_tick())
        return NULL;
    size_t *p = __real_malloc(sizeof(size_t) * 2 + (size_t)n);
    if (!p)
        return NULL;
    p[0] = (size_t)n;
    return p + 2;
}

static void sq_free(void *p)
{
    if (p)
        free((size_t *)p - 2);
}

static void *sq_realloc(void *p, int n)
{
    if (!p)
        return sq_malloc(n);
    if (n < 0 || oom_tick())
        return NULL;
    size_t *q = __real_realloc((size_t *)p - 2, sizeof(size_t) * 2 + (size_t)n);
    if (!q)
        return NULL;
    q[0] = (size_t)n;
    return q + 2;
}

static int sq_size(void *p)
{
    return p ? (int)((size_t *)p - 2)[0] : 0;
}

static int sq_roundup(int n)
{
    return (n + 7) & ~7;
}

static int sq_init(void *ctx)
{
    (void)ctx;
    return SQLITE_OK;
}

static void sq_shutdown(void *ctx)
{
    (void)ctx;
}

__attribute__((constructor)) static void oom_sqlite_hooks(void)
{
    static const sqlite3_mem_methods m = {sq_malloc, sq_free, sq_realloc,
                                          sq_size, sq_roundup, sq_init,
                                          sq_shutdown, NULL};
    sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
    /* Lookaside memory would hide most allocations from the hooks. */
    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
}

static void oom_arm(long fail_at)
{
    atomic_store(&oom_count, 0);
    atomic_store(&oom_fail_at, fail_at);
    atomic_store(&oom_hit, 0);
    atomic_store(&oom_armed, 1);
}

static long oom_disarm(void)
{
    atomic_store(&oom_armed, 0);
    return atomic_load(&oom_count);
}

/* Most runs per scenario (a stride is used beyond that). */
#define OOM_MAX_RUNS 400

/*
** A scenario runs once with allocations armed (the harness arms before the
** call and disarms after).  It returns 0 when its checks held, else writes
** a message into why.  `hit` tells whether the failure was injected.
*/
typedef int (*scenario_fn)(void *ctx, int hit_possible, char *why, size_t n);

/* Data directory of the build tree (tests run from the repository root). */
static const char *data_dir(void)
{
    const char *d = getenv("ANNALS_DATA");
    return d && *d ? d : "data";
}

/*
** Drive `fn`: one counting run, then failures at N = 1..K (strided).
** Returns the number of failed runs (their messages are printed).
*/
static int drive(const char *name, scenario_fn fn, void *ctx, long *runs)
{
    char why[512] = "";
    oom_arm(0);
    int bad = fn(ctx, 0, why, sizeof why);
    long total = oom_disarm();
    if (bad) {
        fprintf(stderr, "  %s: without failures: %s\n", name, why);
        return 1;
    }
    long stride = total / OOM_MAX_RUNS + 1;
    int nbad = 0;
    *runs = 0;
    for (long n = 1; n <= total; n += stride) {
        why[0] = 0;
        oom_arm(n);
        bad = fn(ctx, 1, why, sizeof why);
        oom_disarm();
        ++*runs;
        if (bad) {
            if (nbad < 5)
                fprintf(stderr, "  %s: failing allocation %ld of %ld: %s\n",
                        name, n, total, why);
            nbad++;
        }
    }
    if (getenv("ANNALS_OOM_VERBOSE"))
        fprintf(stderr, "  %s: %ld allocations, %ld failure runs (stride %ld)\n",
                name, total, *runs, stride);
    return nbad;
}

#define CHECK(c, ...)                                                        \
    do {                                                                     \
        if (!(c)) {                                                          \
            snprintf(why, nwhy, __VA_ARGS__);                                \
            goto done;                                                       \
        }                                                                    \
    } while (0)

/* ---- engine open at each level ---- */

static int sc_engine(void *ctx, int armed, char *why, size_t nwhy)
{
    int level = *(int *)ctx;
    int bad = 1;
    an_engine_opts eo = {0};
    eo.level = level;
    eo.data_dir = data_dir();
    an_engine *eng = NULL;
    an_err err;
    an_err_clear(&err);
    int rc = an_engine_open(&eo, &eng, &err);
    int hit = atomic_load(&oom_hit);
    if (!hit)
        CHECK(rc == AN_OK, "no failure injected but open returned %s: %s",
              an_strerror(rc), err.msg);
    else
        CHECK(rc == AN_OK || rc == AN_ENOMEM,
              "open returned %s (%s), not AN_ENOMEM", an_strerror(rc), err.msg);
    CHECK(rc == AN_OK ? eng != NULL : eng == NULL,
          "status %d with engine %p", rc, (void *)eng);
    (void)armed;
    bad = 0;
done:
    an_engine_close(eng);
    return bad;
}

AN_TEST(oom_engine_open_each_level)
{
    static int levels[] = {AN_LEVEL_TEXT, AN_LEVEL_TAG, AN_LEVEL_PARSE,
                           AN_LEVEL_CODE};
    int nbad = 0;
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        char name[32];
        long runs = 0;
        snprintf(name, sizeof name, "engine level %d", levels[i]);
        nbad += drive(name, sc_engine, &levels[i], &runs);
        ASSERT(runs > 0);
    }
    ASSERT_EQ(nbad, 0);
}

/* ---- one document through a worker, then the JSON outputs ---- */

typedef struct doc_case {
    const an_engine *eng;
    int format;          /* AN_FMT_TEXT / AN_FMT_HTML, or 0: JSONL reader */
    const char *body;
    char *want;          /* the output of an unarmed run (heap) */
} doc_case;

/* Process the case's input; the JSON of text and events into *b. */
static int run_doc(doc_case *c, an_buf *b, int *status, int *doc_oom,
                   char *why, size_t nwhy)
{
    an_worker *w = NULL;
    an_doc *d = NULL;
    an_reader *r = NULL;
    an_input *in = NULL;
    an_err err;
    an_err_clear(&err);
    int bad = 1;
    *status = AN_OK;
    *doc_oom = 0;
    int rc = an_worker_new(c->eng, &w, &err);
    if (rc != AN_OK) {
        CHECK(rc == AN_ENOMEM, "worker_new: %s", an_strerror(rc));
        *status = rc;
        bad = 0;
        goto done;
    }
    rc = an_doc_new(&d);
    if (rc != AN_OK) {
        CHECK(rc == AN_ENOMEM, "doc_new: %s", an_strerror(rc));
        *status = rc;
        bad = 0;
        goto done;
    }
    if (c->format) {
        rc = an_input_new(&in, c->format, "d1", "2024-05-02", c->body,
                          strlen(c->body));
        if (rc != AN_OK) {
            CHECK(rc == AN_ENOMEM, "input_new: %s", an_strerror(rc));
            *status = rc;
            bad = 0;
            goto done;
        }
        rc = an_worker_process(w, in, d);
        in = NULL; /* the document owns it now */
        if (rc != AN_OK) {
            CHECK(rc == AN_ENOMEM, "process: %s", an_strerror(rc));
            *status = rc;
        }
    } else {
        an_reader_opts ro = {0};
        rc = an_reader_new_memory(&ro, "mem.jsonl", c->body, strlen(c->body),
                                  &r, &err);
        if (rc != AN_OK) {
            CHECK(rc == AN_ENOMEM, "reader_new_memory: %s (%s)",
                  an_strerror(rc), err.msg);
            *status = rc;
            bad = 0;
            goto done;
        }
        for (;;) {
            rc = an_reader_next(r, &in);
            if (rc == 0)
                break;
            if (rc < 0) {
                CHECK(rc == AN_ENOMEM, "reader_next: %s", an_strerror(rc));
                *status = rc;
                break;
            }
            if (in->error != AN_OK) {
                CHECK(in->error == AN_ENOMEM, "input error %s: %s",
                      an_strerror(in->error), in->errmsg ? in->errmsg : "");
                *status = in->error;
            }
            rc = an_worker_process(w, in, d);
            in = NULL;
            if (rc != AN_OK) {
                CHECK(rc == AN_ENOMEM, "process: %s", an_strerror(rc));
                *status = rc;
            }
            an_out_text_json(b, d, 0);
            an_out_events_json(b, d);
        }
    }
    if (c->format) {
        an_out_text_json(b, d, 0);
        an_out_events_json(b, d);
    }
    /* An ENOMEM diagnostic on the document counts as a reported failure. */
    size_t nd = 0;
    const an_diag *dg = an_doc_diags(d, &nd);
    for (size_t i = 0; i < nd; i++)
        if (dg[i].code == AN_ENOMEM)
            *doc_oom = 1;
    bad = 0;
done:
    an_input_free(in);
    an_reader_free(r);
    an_doc_free(d);
    an_worker_free(w);
    return bad;
}

static int sc_doc(void *ctx, int armed, char *why, size_t nwhy)
{
    doc_case *c = ctx;
    an_buf b;
    an_buf_init(&b);
    int status, doc_oom;
    int bad = run_doc(c, &b, &status, &doc_oom, why, nwhy);
    int hit = atomic_load(&oom_hit);
    if (bad)
        goto done;
    bad = 1;
    if (!hit) {
        CHECK(status == AN_OK && !b.oom && !doc_oom,
              "no failure injected, yet status %s", an_strerror(status));
        if (!armed) {
            free(c->want);
            c->want = __real_strndup(b.p ? b.p : "", b.n);
        } else {
            CHECK(c->want && b.n == strlen(c->want) &&
                      memcmp(b.p, c->want, b.n) == 0,
                  "output differs without a failure");
        }
    } else if (status == AN_OK && !b.oom && !doc_oom) {
        /* The failure was absorbed: the output must then be complete. */
        CHECK(c->want && b.n == strlen(c->want) &&
                  memcmp(b.p, c->want, b.n) == 0,
              "a failed allocation went unreported and changed the output "
              "(%zu bytes, want %zu)", b.n, c->want ? strlen(c->want) : 0);
    }
    bad = 0;
done:
    an_buf_fini(&b);
    return bad;
}

static const char *const doc_text =
    "Iraqi Prime Minister Mohammed Shia al-Sudani met with U.S. Secretary "
    "of State Antony Blinken in Baghdad on Tuesday. Police arrested three "
    "protesters in Cairo. Russia accused Ukraine of attacking a power "
    "station near Kursk last week.\n\nThe United Nations called for a "
    "ceasefire.";

static const char *const doc_html =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Talks in "
    "Baghdad</title><meta property=\"article:published_time\" "
    "content=\"2024-05-02T10:00:00Z\"></head><body><nav><a href=\"/\">Home"
    "</a> | <a href=\"/world\">World</a></nav><article><h1>Talks in "
    "Baghdad</h1><p>Iraqi Prime Minister Mohammed Shia al-Sudani met with "
    "U.S. Secretary of State Antony Blinken in Baghdad on Tuesday &amp; "
    "discussed security.</p><p>Police arrested three protesters in Cairo "
    "on Monday, officials said.</p></article><footer>&copy; 2024 News"
    "</footer></body></html>";

static const char *const doc_jsonl =
    "{\"id\":\"j1\",\"date\":\"2024-05-02\",\"title\":\"Talks\",\"text\":"
    "\"Iraqi Prime Minister Mohammed Shia al-Sudani met with U.S. Secretary "
    "of State Antony Blinken in Baghdad on Tuesday.\"}\n"
    "{\"id\":\"j2\",\"date\":\"May 3, 2024\",\"html\":\"<p>Police arrested "
    "three protesters in Cairo.</p>\"}\n"
    "{\"id\":\"j3\",\"text\":\"Russia accused Ukraine of attacking a power "
    "station.\"}\n";

static void doc_test(an_test *t_, int level, int format, const char *body,
                     const char *name)
{
    an_engine_opts eo = {0};
    eo.level = level;
    eo.data_dir = data_dir();
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        if (level > AN_LEVEL_TEXT)
            AN_SKIP("no models or dictionaries in data/");
        FAIL("engine: %s", err.msg);
    }
    doc_case c = {eng, format, body, NULL};
    long runs = 0;
    int nbad = drive(name, sc_doc, &c, &runs);
    free(c.want);
    an_engine_close(eng);
    ASSERT(runs > 0);
    ASSERT_EQ(nbad, 0);
}

AN_TEST(oom_worker_text_level_text)
{
    doc_test(t_, AN_LEVEL_TEXT, AN_FMT_TEXT, doc_text, "text at TEXT");
}

AN_TEST(oom_worker_text_level_code)
{
    doc_test(t_, AN_LEVEL_CODE, AN_FMT_TEXT, doc_text, "text at CODE");
}

AN_TEST(oom_worker_html_level_code)
{
    doc_test(t_, AN_LEVEL_CODE, AN_FMT_HTML, doc_html, "html at CODE");
}

AN_TEST(oom_worker_jsonl_level_code)
{
    doc_test(t_, AN_LEVEL_CODE, 0, doc_jsonl, "jsonl at CODE");
}

/* ---- a whole run (an_run) with one and with several threads ---- */

typedef struct run_case {
    const an_engine *eng;
    int threads;
    char *want;       /* output of an unarmed run (heap) */
    an_buf out;       /* output of the current run */
    int doc_oom;      /* a document recorded AN_ENOMEM */
    int doc_other;    /* a document recorded another error */
} run_case;

static int run_cb(void *ctx, const an_doc *d)
{
    run_case *c = ctx;
    size_t nd = 0;
    const an_diag *dg = an_doc_diags(d, &nd);
    for (size_t i = 0; i < nd; i++) {
        if (dg[i].code == AN_ENOMEM)
            c->doc_oom = 1;
        else if (dg[i].severity >= AN_SEV_ERROR)
            c->doc_other = 1;
    }
    an_out_text_json(&c->out, d, 0);
    an_out_events_json(&c->out, d);
    return AN_OK;
}

static int sc_run(void *ctx, int armed, char *why, size_t nwhy)
{
    run_case *c = ctx;
    int bad = 1;
    an_reader *r = NULL;
    an_err err;
    an_err_clear(&err);
    an_buf_init(&c->out);
    c->doc_oom = c->doc_other = 0;
    an_reader_opts ro = {0};
    int rc = an_reader_new_memory(&ro, "mem.jsonl", doc_jsonl,
                                  strlen(doc_jsonl), &r, &err);
    if (rc == AN_OK) {
        an_run_opts o = {0};
        o.threads = c->threads;
        o.fn = run_cb;
        o.ctx = c;
        an_run_stats st;
        rc = an_run(c->eng, r, &o, &st, &err);
    }
    int hit = atomic_load(&oom_hit);
    CHECK(rc == AN_OK || (hit && rc == AN_ENOMEM), "run returned %s (%s)",
          an_strerror(rc), err.msg);
    CHECK(!c->doc_other, "a document recorded an error other than ENOMEM");
    int reported = rc != AN_OK || c->out.oom || c->doc_oom;
    if (!hit) {
        CHECK(!reported, "no failure injected, yet one was reported");
        if (!armed) {
            free(c->want);
            c->want = __real_strndup(c->out.p ? c->out.p : "", c->out.n);
        }
    }
    if (!reported)
        CHECK(c->want && c->out.n == strlen(c->want) &&
                  memcmp(c->out.p, c->want, c->out.n) == 0,
              "output differs and no failure was reported (%zu bytes, "
              "want %zu)", c->out.n, c->want ? strlen(c->want) : 0);
    bad = 0;
done:
    an_reader_free(r);
    an_buf_fini(&c->out);
    return bad;
}

static void run_test(an_test *t_, int threads, const char *name)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = data_dir();
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK)
        AN_SKIP("no models or dictionaries in data/");
    run_case c;
    memset(&c, 0, sizeof c);
    c.eng = eng;
    c.threads = threads;
    long runs = 0;
    int nbad = drive(name, sc_run, &c, &runs);
    free(c.want);
    an_engine_close(eng);
    ASSERT(runs > 0);
    ASSERT_EQ(nbad, 0);
}

AN_TEST(oom_run_one_thread)
{
    run_test(t_, 1, "run, 1 thread");
}

AN_TEST(oom_run_three_threads)
{
    run_test(t_, 3, "run, 3 threads");
}

/* ---- the SQLite store: open, add coded documents, close ---- */

typedef struct store_case {
    an_doc *docs[2];
    char path[600];
} store_case;

static int sc_store(void *ctx, int armed, char *why, size_t nwhy)
{
    store_case *c = ctx;
    int bad = 1;
    an_err err;
    an_err_clear(&err);
    (void)armed;
    remove(c->path);
    char side[640];
    snprintf(side, sizeof side, "%s-wal", c->path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", c->path);
    remove(side);
    an_store_opts so = {0};
    so.now = 1700000000;
    an_store *s = NULL;
    int rc = an_store_open(c->path, &so, &s, &err);
    int hit;
    if (rc != AN_OK) {
        hit = atomic_load(&oom_hit);
        CHECK(hit && (rc == AN_ENOMEM || rc == AN_EIO),
              "store_open returned %s (%s)", an_strerror(rc), err.msg);
        CHECK(s == NULL, "failed open handed out a store");
        bad = 0;
        goto done;
    }
    for (size_t i = 0; i < 2 && rc == AN_OK; i++) {
        an_store_doc sd;
        an_store_doc_from(&sd, c->docs[i]);
        an_store_result res;
        rc = an_store_add(s, &sd, &res, &err);
        hit = atomic_load(&oom_hit);
        CHECK(rc == AN_OK || (hit && (rc == AN_ENOMEM || rc == AN_EIO)),
              "store_add returned %s (%s)", an_strerror(rc), err.msg);
    }
    int crc = an_store_close(s, &err);
    s = NULL;
    hit = atomic_load(&oom_hit);
    CHECK(crc == AN_OK || (hit && (crc == AN_ENOMEM || crc == AN_EIO)),
          "store_close returned %s (%s)", an_strerror(crc), err.msg);
    if (!hit)
        CHECK(rc == AN_OK && crc == AN_OK, "no failure injected, yet %s",
              an_strerror(rc != AN_OK ? rc : crc));
    bad = 0;
done:
    an_store_close(s, NULL);
    return bad;
}

AN_TEST(oom_store_open_add_close)
{
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = data_dir();
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK)
        AN_SKIP("no models or dictionaries in data/");
    store_case c;
    memset(&c, 0, sizeof c);
    snprintf(c.path, sizeof c.path, "%s/oom-store.db", an_test_tmpdir());
    an_worker *w = NULL;
    int ok = an_worker_new(eng, &w, &err) == AN_OK;
    const char *bodies[2] = {doc_text, doc_html};
    int fmts[2] = {AN_FMT_TEXT, AN_FMT_HTML};
    for (size_t i = 0; i < 2 && ok; i++) {
        an_input *in;
        char id[8];
        snprintf(id, sizeof id, "s%zu", i);
        ok = an_doc_new(&c.docs[i]) == AN_OK &&
             an_input_new(&in, fmts[i], id, "2024-05-02", bodies[i],
                          strlen(bodies[i])) == AN_OK &&
             an_worker_process(w, in, c.docs[i]) == AN_OK;
    }
    long runs = 0;
    int nbad = ok ? drive("store", sc_store, &c, &runs) : -1;
    for (size_t i = 0; i < 2; i++)
        an_doc_free(c.docs[i]);
    an_worker_free(w);
    an_engine_close(eng);
    ASSERT(ok);
    ASSERT(runs > 0);
    ASSERT_EQ(nbad, 0);
}
