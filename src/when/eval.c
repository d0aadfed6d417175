/*
** eval.c - scoring the time tagger on TimeML files as TempEval-3 does.
**
** Each .tml file gives the document creation time (the TIMEX3 inside
** <DCT>) and the text inside <TEXT> with TIMEX3 tags.  The tags are
** stripped (entities decoded) to get the text and the gold spans as byte
** offsets; the text goes through the pipeline like any document (dated
** with the DCT) and the tagger's expressions are mapped back to input
** offsets.  Matching is one-to-one: strict when the spans are identical,
** relaxed when they overlap; the type and value attribute F1 of TempEval-3
** is 2 * (relaxed matches with the right attribute) / (gold + system).
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "../engine/engine_int.h"
#include "when.h"

typedef struct gold {
    uint32_t start, end;
    int type;
    char value[32];
    uint32_t line;
} gold;

/* 1-based line of offset off in p. */
static uint32_t line_at(const char *p, size_t off)
{
    uint32_t l = 1;
    for (size_t i = 0; i < off; i++)
        l += p[i] == '\n';
    return l;
}

/* Value of attribute `name` inside the tag p[0..n); empty if absent. */
static an_span attr(const char *p, size_t n, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = 0; i + k + 2 <= n; i++) {
        if ((i == 0 || p[i - 1] == ' ' || p[i - 1] == '\t' ||
             p[i - 1] == '\n') &&
            !memcmp(p + i, name, k) && p[i + k] == '=' &&
            (p[i + k + 1] == '"' || p[i + k + 1] == '\'')) {
            char q = p[i + k + 1];
            size_t s = i + k + 2, e = s;
            while (e < n && p[e] != q)
                e++;
            return (an_span){p + s, e - s};
        }
    }
    return (an_span){NULL, 0};
}

static int type_of(an_span s)
{
    if (an_span_eq(s, "DATE"))
        return AN_TIMEX_DATE;
    if (an_span_eq(s, "TIME"))
        return AN_TIMEX_TIME;
    if (an_span_eq(s, "DURATION"))
        return AN_TIMEX_DURATION;
    if (an_span_eq(s, "SET"))
        return AN_TIMEX_SET;
    return 0;
}

/* Find the first occurrence of the literal `lit` in p[from..n). */
static size_t find(const char *p, size_t n, size_t from, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = from; i + k <= n; i++)
        if (p[i] == lit[0] && !memcmp(p + i, lit, k))
            return i;
    return n;
}

/*
** Strip the TimeML of p[0..n) between <TEXT> and </TEXT> into `text`,
** recording the TIMEX3 spans.  Returns AN_OK or AN_EFORMAT (err names the
** file and line).
*/
static int strip_tml(const char *path, const char *p, size_t n, an_buf *text,
                     gold **golds, size_t *ngold, size_t *gcap, char dct[32],
                     an_err *err)
{
    *ngold = 0;
    dct[0] = 0;
    size_t d0 = find(p, n, 0, "<DCT>");
    if (d0 < n) {
        size_t t = find(p, n, d0, "<TIMEX3");
        size_t te = t < n ? find(p, n, t, ">") : n;
        if (te < n) {
            an_span v = attr(p + t, te - t, "value");
            if (v.n && v.n < 32) {
                memcpy(dct, v.p, v.n);
                dct[v.n] = 0;
            }
        }
    }
    size_t a = find(p, n, 0, "<TEXT>");
    if (a >= n)
        return an_err_set(err, AN_EFORMAT, "%s: no <TEXT> element", path);
    a += 6;
    size_t b = find(p, n, a, "</TEXT>");
    if (b >= n)
        return an_err_set(err, AN_EFORMAT, "%s:%u: <TEXT> is not closed",
                          path, line_at(p, a));
    long open = -1; /* index of the gold timex being read */
    for (size_t i = a; i < b;) {
        if (p[i] == '<') {
            size_t e = find(p, b, i, ">");
            if (e >= b)
                return an_err_set(err, AN_EFORMAT, "%s:%u: unclosed tag",
                                  path, line_at(p, i));
            if (!strncmp(p + i, "<TIMEX3", 7)) {
                if (open >= 0)
                    return an_err_set(err, AN_EFORMAT,
                                      "%s:%u: nested TIMEX3", path,
                                      line_at(p, i));
                gold *g = *golds;
                if (*ngold == *gcap) {
                    size_t nc = *gcap ? *gcap * 2 : 64;
                    g = realloc(*golds, nc * sizeof *g);
                    if (!g)
                        return an_err_set(err, AN_ENOMEM, "out of memory");
                    *golds = g;
                    *gcap = nc;
                }
                gold *x = &g[*ngold];
                memset(x, 0, sizeof *x);
                x->start = (uint32_t)text->n;
                x->type = type_of(attr(p + i, e - i, "type"));
                an_span v = attr(p + i, e - i, "value");
                memcpy(x->value, v.p ? v.p : "", AN_MIN(v.n, sizeof x->value - 1));
                x->line = line_at(p, i);
                open = (long)(*ngold)++;
            } else if (!strncmp(p + i, "</TIMEX3", 8)) {
                if (open < 0)
                    return an_err_set(err, AN_EFORMAT,
                                      "%s:%u: </TIMEX3> without <TIMEX3>",
                                      path, line_at(p, i));
                (*golds)[open].end = (uint32_t)text->n;
                open = -1;
            }
            i = e + 1;
            continue;
        }
        if (p[i] == '&') {
            static const struct { const char *e; char c; } ents[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
                {"&quot;", '"'}, {"&apos;", '\''}};
            bool done = false;
            for (size_t k = 0; k < AN_COUNT(ents); k++) {
                size_t l = strlen(ents[k].e);
                if (i + l <= b && !memcmp(p + i, ents[k].e, l)) {
                    an_buf_addc(text, ents[k].c);
                    i += l;
                    done = true;
                    break;
                }
            }
            if (done)
                continue;
        }
        an_buf_addc(text, p[i]);
        i++;
    }
    if (open >= 0)
        return an_err_set(err, AN_EFORMAT, "%s: unclosed TIMEX3", path);
    return text->oom ? an_err_set(err, AN_ENOMEM, "out of memory") : AN_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Score one document: match system expressions to gold ones. */
static void score_doc(const char *name, const an_doc *d, const gold *g,
                      size_t ng, an_timex_scores *sc, an_buf *details)
{
    size_t ns = d->ntimex;
    sc->gold += (unsigned)ng;
    sc->sys += (unsigned)ns;
    /* System spans in input offsets. */
    bool *used = calloc(ns ? ns : 1, sizeof *used);
    bool *gused = calloc(ng ? ng : 1, sizeof *gused);
    if (!used || !gused) {
        free(used);
        free(gused);
        return;
    }
    uint32_t *ss = calloc(ns ? ns : 1, 2 * sizeof *ss);
    if (!ss) {
        free(used);
        free(gused);
        return;
    }
    for (size_t j = 0; j < ns; j++) {
        const an_timex *t = &d->timexes[j];
        ss[2 * j] = an_doc_raw_offset(d, t->start);
        ss[2 * j + 1] = t->end > t->start ? an_doc_raw_offset(d, t->end - 1) + 1
                                          : ss[2 * j];
    }
    /* Exact matches first, then overlaps. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ng; i++) {
            if (gused[i])
                continue;
            for (size_t j = 0; j < ns; j++) {
                if (used[j])
                    continue;
                uint32_t s = ss[2 * j], e = ss[2 * j + 1];
                bool exact = s == g[i].start && e == g[i].end;
                bool over = s < g[i].end && g[i].start < e;
                if (pass == 0 ? !exact : !over)
                    continue;
                used[j] = gused[i] = true;
                const an_timex *t = &d->timexes[j];
                sc->relaxed++;
                if (exact)
                    sc->strict++;
                if (t->type == g[i].type)
                    sc->type_ok++;
                if (!strcmp(t->value, g[i].value))
                    sc->value_ok++;
                else if (details)
                    an_buf_printf(details,
                                  "%s:%u: value: \"%.*s\" gold %s %s, got %s %s\n",
                                  name, g[i].line,
                                  (int)(d->text.n >= t->end ? t->end - t->start : 0),
                                  d->text.p + t->start,
                                  an_timex_type_name(g[i].type), g[i].value,
                                  an_timex_type_name(t->type), t->value);
                break;
            }
        }
    }
    if (details) {
        for (size_t i = 0; i < ng; i++)
            if (!gused[i])
                an_buf_printf(details, "%s:%u: missed: %s %s\n", name,
                              g[i].line, an_timex_type_name(g[i].type),
                              g[i].value);
        for (size_t j = 0; j < ns; j++)
            if (!used[j]) {
                const an_timex *t = &d->timexes[j];
                an_buf_printf(details, "%s: spurious: \"%.*s\" %s %s\n", name,
                              (int)(t->end - t->start), d->text.p + t->start,
                              an_timex_type_name(t->type), t->value);
            }
    }
    free(ss);
    free(used);
    free(gused);
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

int an_timex_eval(const char *dir, an_timex_scores *sc, an_buf *details,
                  an_err *err)
{
    memset(sc, 0, sizeof *sc);
    DIR *dh = opendir(dir);
    if (!dh)
        return an_err_set(err, AN_ENOENT, "%s: cannot open directory", dir);
    char **names = NULL;
    size_t nn = 0, cap = 0;
    struct dirent *de;
    int rc = AN_OK;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".tml"))
            continue;
        if (nn == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **v = realloc(names, nc * sizeof *v);
            if (!v) {
                rc = an_err_set(err, AN_ENOMEM, "out of memory");
                break;
            }
            names = v;
            cap = nc;
        }
        if (!(names[nn] = strdup(de->d_name))) {
            rc = an_err_set(err, AN_ENOMEM, "out of memory");
            break;
        }
        nn++;
    }
    closedir(dh);
    if (rc == AN_OK && nn)
        qsort(names, nn, sizeof *names, cmp_str);

    an_engine *eng = NULL;
    an_worker *w = NULL;
    an_doc *doc = NULL;
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_TEXT;
    if (rc == AN_OK && (rc = an_engine_open(&eo, &eng, err)) == AN_OK &&
        (rc = an_worker_new(eng, &w, err)) == AN_OK &&
        (rc = an_doc_new(&doc)) != AN_OK)
        an_err_set(err, rc, "out of memory");
    gold *g = NULL;
    size_t gcap = 0;
    an_buf text;
    an_buf_init(&text);
    for (size_t f = 0; rc == AN_OK && f < nn; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[f]);
        FILE *fp = fopen(path, "rb");
        if (!fp) {
            rc = an_err_set(err, AN_EIO, "%s: cannot open", path);
            break;
        }
        an_buf raw;
        an_buf_init(&raw);
        char chunk[65536];
        size_t k;
        while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
            an_buf_add(&raw, chunk, k);
        fclose(fp);
        size_t ng;
        char dct[32];
        an_buf_clear(&text);
        rc = strip_tml(path, raw.p ? raw.p : "", raw.n, &text, &g, &ng, &gcap,
                       dct, err);
        an_buf_fini(&raw);
        if (rc != AN_OK)
            break;
        an_input *in;
        rc = an_input_new(&in, AN_FMT_TEXT, names[f], dct[0] ? dct : NULL,
                          text.p ? text.p : "", text.n);
        if (rc != AN_OK) {
            an_err_set(err, rc, "out of memory");
            break;
        }
        an_worker_process(w, in, doc);
        if (an_when_doc(doc, &w->scratch) != AN_OK) {
            rc = an_err_set(err, AN_ENOMEM, "out of memory");
            break;
        }
        score_doc(names[f], doc, g, ng, sc, details);
        sc->files++;
    }
    an_buf_fini(&text);
    free(g);
    an_doc_free(doc);
    an_worker_free(w);
    an_engine_close(eng);
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    free(names);
    if (rc != AN_OK)
        return rc;
    double sys = sc->sys ? sc->sys : 1, gold_n = sc->gold ? sc->gold : 1;
    sc->strict_p = sc->strict / sys;
    sc->strict_r = sc->strict / gold_n;
    sc->strict_f1 = f1(sc->strict_p, sc->strict_r);
    sc->relaxed_p = sc->relaxed / sys;
    sc->relaxed_r = sc->relaxed / gold_n;
    sc->relaxed_f1 = f1(sc->relaxed_p, sc->relaxed_r);
    double tot = (double)sc->gold + sc->sys;
    sc->type_f1 = tot > 0 ? 2.0 * sc->type_ok / tot : 0;
    sc->value_f1 = tot > 0 ? 2.0 * sc->value_ok / tot : 0;
    return AN_OK;
}
