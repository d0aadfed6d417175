/*
** bench_extract.c - throughput of main-text extraction from HTML.
**
** Loads every page of a directory (default: the 181 pages of
** ../shared/eval/extraction-aeb/html, *.html or *.html.gz) into memory,
** then runs an_extract_html (tree, scoring, text, metadata) on all of them
** for several rounds on one thread and prints MB/s of HTML per core for
** the best and the median round, plus pages/s.  Nothing else is timed:
** no reading, no charset conversion, no tokenizer.
**
** With --gumbo it times gumbo_parse + gumbo_destroy_output on the same
** pages instead (the parser the first version used), for comparison.
**
**   build/bench/bench_extract [--gumbo] [DIR] [ROUNDS]
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef AN_HAVE_GUMBO
#include <gumbo.h>
#endif
#include <zlib.h>

#include "../src/extract/extract.h"

typedef struct page {
    char *p;
    size_t n;
} page;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read a file, gunzipping it when its name ends in .gz. */
static int load(const char *path, page *pg)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    for (;;) {
        if (!p)
            break;
        if (n == cap) {
            char *q = realloc(p, cap * 2);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
        int k = gzread(f, p + n, (unsigned)(cap - n));
        if (k <= 0)
            break;
        n += (size_t)k;
    }
    gzclose(f);
    if (!p)
        return -1;
    pg->p = p;
    pg->n = n;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int gumbo = argc > 1 && strcmp(argv[1], "--gumbo") == 0;
#ifndef AN_HAVE_GUMBO
    if (gumbo) {
        fprintf(stderr, "bench_extract: built without gumbo (install "
                        "libgumbo-dev and rebuild) for --gumbo\n");
        return 2;
    }
#endif
    if (gumbo) {
        argc--;
        argv++;
    }
    const char *dir = argc > 1 ? argv[1] : "../shared/eval/extraction-aeb/html";
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    if (rounds < 1)
        rounds = 1;
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "bench_extract: cannot open %s\n", dir);
        return 2;
    }
    page *pages = NULL;
    size_t np = 0, cap = 0, bytes = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (!(l > 5 && strstr(e->d_name, ".htm")))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (np == cap) {
            cap = cap ? cap * 2 : 256;
            page *q = realloc(pages, cap * sizeof *q);
            if (!q)
                return 2;
            pages = q;
        }
        if (load(path, &pages[np]) == 0) {
            bytes += pages[np].n;
            np++;
        }
    }
    closedir(d);
    if (!np) {
        fprintf(stderr, "bench_extract: no pages in %s\n", dir);
        return 2;
    }
    an_arena a, scratch;
    an_arena_init(&a);
    an_arena_init(&scratch);
    double *t = calloc((size_t)rounds, sizeof *t);
    size_t out_bytes = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        out_bytes = 0;
#ifdef AN_HAVE_GUMBO
        for (size_t i = 0; gumbo && i < np; i++) {
            GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions,
                                                      pages[i].p, pages[i].n);
            if (g)
                gumbo_destroy_output(&kGumboDefaultOptions, g);
        }
#endif
        for (size_t i = 0; !gumbo && i < np; i++) {
            an_textb tb;
            an_textb_init(&tb, &a);
            an_extract ex;
            an_err err;
            if (an_extract_html(&a, &scratch, pages[i].p, pages[i].n, &tb, &ex,
                                &err) != AN_OK)
                fprintf(stderr, "page %zu: %s\n", i, err.msg);
            out_bytes += tb.n;
            an_arena_reset(&a);
            an_arena_reset(&scratch);
        }
        t[r] = now() - t0;
    }
    qsort(t, (size_t)rounds, sizeof *t, cmp_double);
    double mb = (double)bytes / 1e6;
    printf("bench_extract%s: %zu pages, %.1f MB of HTML, %.2f MB of text, "
           "%d rounds, one thread\n", gumbo ? " (gumbo parse only)" : "", np,
           mb, (double)out_bytes / 1e6, rounds);
    printf("best   %.3f s  %.1f MB/s  %.0f pages/s\n", t[0], mb / t[0],
           (double)np / t[0]);
    printf("median %.3f s  %.1f MB/s  %.0f pages/s\n", t[rounds / 2],
           mb / t[rounds / 2], (double)np / t[rounds / 2]);
    free(t);
    for (size_t i = 0; i < np; i++)
        free(pages[i].p);
    free(pages);
    an_arena_fini(&a);
    an_arena_fini(&scratch);
    return 0;
}
