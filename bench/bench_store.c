/*
** bench_store.c - throughput of the event store.
**
**   build/bench/bench_store [DIR] [--docs N] [--mentions M]
**
** 1. Documents per second into SQLite: N synthetic articles (about 150
**    words, 1 to 4 mentions each) with near-duplicate detection and
**    stories on, in batches of 256, with synchronous=FULL and NORMAL.
** 2. Merge cost as the store grows: short documents with 10 mentions
**    each (stories off, texts too short for signatures, so the time is
**    that of storing and merging mentions) until the store holds M
**    mentions (default 1,000,000); prints the time per mention for each
**    tenth of the run, so the growth of the cost with size shows.
** Databases are made in DIR (default: a new directory under /tmp) and
** removed afterwards.  Wall-clock and CPU figures are printed; on a busy
** machine the CPU ones are the steadier.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "annals/annals.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this process: less disturbed than wall time by other
   programs on the machine (I/O waits are not counted). */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint32_t rng(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*s >> 33);
}

/* 200 actor codes: 40 countries with 5 roles. */
static const char *const countries[] = {
    "USA", "RUS", "UKR", "CHN", "IRN", "ISR", "PSE", "SYR", "IRQ", "AFG",
    "PAK", "IND", "GBR", "FRA", "DEU", "TUR", "EGY", "SAU", "YEM", "SDN",
    "SSD", "ETH", "SOM", "KEN", "NGA", "MLI", "LBY", "VEN", "COL", "MEX",
    "BRA", "PRK", "KOR", "JPN", "TWN", "PHL", "MMR", "GEO", "ARM", "AZE",
};
static const char *const roles[] = {"", "GOV", "MIL", "REB", "OPP"};
static const char *const codes[] = {
    "010", "020", "036", "040", "042", "043", "051", "057", "061", "071",
    "0841", "111", "112", "120", "130", "138", "141", "150", "160", "172",
    "173", "180", "190", "193", "195", "200",
};

typedef struct gen {
    char actors[200][8];
    uint64_t seed;
} gen;

/* A Zipf-like pick: small indexes much more often. */
static int skewed(uint64_t *s, int n)
{
    double u = (rng(s) + 1.0) / 4294967297.0;
    int k = (int)(n * u * u * u);
    return k < n ? k : n - 1;
}

typedef struct bdoc {
    an_store_doc d;
    an_mention m[16];
    char id[32], outlet[16], text[2048];
} bdoc;

static void make_doc(gen *g, bdoc *b, long i, int nm, int words, int base_day)
{
    memset(&b->d, 0, sizeof b->d);
    snprintf(b->id, sizeof b->id, "d%ld", i);
    snprintf(b->outlet, sizeof b->outlet, "outlet%u", rng(&g->seed) % 50);
    size_t n = 0;
    int topic = skewed(&g->seed, 500);
    for (int w = 0; w < words && n + 16 < sizeof b->text; w++)
        n += (size_t)snprintf(b->text + n, sizeof b->text - n, "%s%c%u",
                              w ? " " : "", w % 3 ? 'w' : 't',
                              w % 3 ? rng(&g->seed) % 20000
                                    : (unsigned)(topic * 7 + w % 5));
    int day = base_day + (int)(i / 300); /* about 300 articles a day */
    b->d.id = (an_span){b->id, strlen(b->id)};
    b->d.outlet = (an_span){b->outlet, strlen(b->outlet)};
    b->d.text = (an_span){b->text, n};
    b->d.date = an_date_from_days(day);
    b->d.mentions = b->m;
    b->d.nmention = (size_t)nm;
    for (int k = 0; k < nm; k++) {
        an_mention *m = &b->m[k];
        memset(m, 0, sizeof *m);
        m->sent = (uint32_t)k;
        m->source.code = g->actors[skewed(&g->seed, 200)];
        m->target.code = g->actors[skewed(&g->seed, 200)];
        snprintf(m->cameo, sizeof m->cameo, "%s",
                 codes[skewed(&g->seed, (int)(sizeof codes / sizeof *codes))]);
        m->plover_event = "CONSULT";
        m->quad_class = 1;
        m->date = an_date_from_days(day - (int)(rng(&g->seed) % 3));
        m->date_source = AN_EDATE_EXPRESSION;
        m->span_start = 0;
        m->span_end = (uint32_t)(n < 60 ? n : 60);
        m->verb_text = "met";
    }
}

static void gen_init(gen *g, uint64_t seed)
{
    for (int c = 0; c < 40; c++)
        for (int r = 0; r < 5; r++)
            snprintf(g->actors[c * 5 + r], 8, "%s%s", countries[c], roles[r]);
    g->seed = seed;
}

static void remove_db(const char *p)
{
    char b[600];
    remove(p);
    snprintf(b, sizeof b, "%s-wal", p);
    remove(b);
    snprintf(b, sizeof b, "%s-shm", p);
    remove(b);
}

static int docs_per_second(const char *dir, long ndocs, int sync)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bench-docs.db", dir);
    remove_db(path);
    an_store_opts o = {0};
    o.sync = sync;
    an_store *s;
    an_err err;
    if (an_store_open(path, &o, &s, &err) != AN_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    gen g;
    gen_init(&g, 42);
    static bdoc b;
    double t0 = now(), c0 = cpu();
    long mentions = 0;
    for (long i = 0; i < ndocs; i++) {
        make_doc(&g, &b, i, 1 + (int)(i % 4), 150, 20000);
        mentions += (long)b.d.nmention;
        if (an_store_add(s, &b.d, NULL, &err) != AN_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
    }
    if (an_store_close(s, &err) != AN_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    double t = now() - t0, c = cpu() - c0;
    printf("docs into SQLite (synchronous=%s, batch 256, near-duplicates and "
           "stories on): %ld docs, %ld mentions in %.2f s wall = %.0f docs/s "
           "(%.2f s CPU = %.0f docs/s)\n",
           sync == AN_STORE_SYNC_FULL ? "FULL" : "NORMAL", ndocs, mentions, t,
           ndocs / t, c, ndocs / c);
    remove_db(path);
    return 0;
}

static int merge_growth(const char *dir, long target)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bench-merge.db", dir);
    remove_db(path);
    an_store_opts o = {0};
    o.sync = AN_STORE_SYNC_NORMAL;
    o.no_stories = 1;
    an_store *s;
    an_err err;
    if (an_store_open(path, &o, &s, &err) != AN_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    gen g;
    gen_init(&g, 7);
    static bdoc b;
    long mentions = 0, i = 0, slice = target / 10, next = slice;
    long events = 0, merged = 0;
    double t0 = now(), ts = t0, c0 = cpu(), cs = c0;
    printf("merge cost as the store grows (10 mentions a document, stories "
           "off, synchronous=NORMAL):\n");
    printf("  %12s %10s %16s %16s %10s\n", "mentions", "events",
           "wall us/mention", "CPU us/mention", "merged %");
    long ev_slice = 0, mg_slice = 0;
    while (mentions < target) {
        make_doc(&g, &b, i++, 10, 5, 20000);
        an_store_result r;
        if (an_store_add(s, &b.d, &r, &err) != AN_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        mentions += (long)r.mentions;
        events += (long)r.new_events;
        merged += (long)r.merged;
        ev_slice += (long)r.new_events;
        mg_slice += (long)r.merged;
        if (mentions >= next) {
            double t = now(), c = cpu();
            double k = (double)(ev_slice + mg_slice);
            printf("  %12ld %10ld %16.2f %16.2f %10.1f\n", mentions, events,
                   (t - ts) * 1e6 / k, (c - cs) * 1e6 / k,
                   100.0 * (double)mg_slice / k);
            fflush(stdout);
            ts = t;
            cs = c;
            ev_slice = mg_slice = 0;
            next += slice;
        }
    }
    if (an_store_close(s, &err) != AN_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    printf("  total: %ld mentions into %ld events in %.1f s wall, %.1f s CPU "
           "(%.0f mentions/s wall)\n", mentions, events, now() - t0,
           cpu() - c0, mentions / (now() - t0));
    (void)merged;
    remove_db(path);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    long ndocs = 20000, target = 1000000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--docs") && i + 1 < argc)
            ndocs = atol(argv[++i]);
        else if (!strcmp(argv[i], "--mentions") && i + 1 < argc)
            target = atol(argv[++i]);
        else
            dir = argv[i];
    }
    char tmp[] = "/tmp/annals-bench-XXXXXX";
    if (!dir && !(dir = mkdtemp(tmp))) {
        perror("mkdtemp");
        return 1;
    }
    printf("bench_store: annals %s, SQLite %s, databases in %s\n",
           an_version(), "(system)", dir);
    int rc = docs_per_second(dir, ndocs, AN_STORE_SYNC_FULL) ||
             docs_per_second(dir, ndocs, AN_STORE_SYNC_NORMAL) ||
             merge_growth(dir, target);
    if (dir == tmp)
        rmdir(tmp);
    return rc;
}
