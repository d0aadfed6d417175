/*
** api.c - the public entry points of the dictionary module: compiling a
** set of source files (walking directories in name order) and looking up
** an actor phrase.
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../base/image.h"
#include "../doc/doc_int.h"
#include "../tok/tok.h"
#include "build.h"

#define MAX_SRC_BYTES (256u * 1024u * 1024u)

/* Read a whole file into a heap buffer. */
static int slurp(const char *path, char **out, size_t *n, an_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return an_err_set(err, errno == ENOENT ? AN_ENOENT : AN_EIO, "%s: %s",
                          path, strerror(errno));
    an_buf b;
    an_buf_init(&b);
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) {
        an_buf_add(&b, tmp, k);
        if (b.n > MAX_SRC_BYTES) {
            fclose(f);
            an_buf_fini(&b);
            return an_err_set(err, AN_ERANGE, "%s: too large", path);
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad || b.oom) {
        an_buf_fini(&b);
        return an_err_set(err, bad ? AN_EIO : AN_ENOMEM, "%s: read failed", path);
    }
    *out = b.p;
    *n = b.n;
    return AN_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct paths {
    char **v;
    size_t n, cap;
} paths;

static int push_path(paths *ps, const char *p)
{
    if (ps->n == ps->cap) {
        size_t nc = ps->cap ? ps->cap * 2 : 16;
        char **nv = realloc(ps->v, nc * sizeof *nv);
        if (!nv)
            return AN_ENOMEM;
        ps->v = nv;
        ps->cap = nc;
    }
    ps->v[ps->n] = strdup(p);
    return ps->v[ps->n++] ? AN_OK : AN_ENOMEM;
}

/* Add `path`: a file as is, a directory's known dictionary files sorted. */
static int collect(paths *ps, const char *path, an_err *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return an_err_set(err, AN_ENOENT, "%s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return push_path(ps, path);
    DIR *dir = opendir(path);
    if (!dir)
        return an_err_set(err, AN_EIO, "%s: %s", path, strerror(errno));
    paths local = {0};
    struct dirent *de;
    int rc = AN_OK;
    while ((de = readdir(dir)) != NULL && rc == AN_OK) {
        if (de->d_name[0] == '.' || an__dict_guess(de->d_name) == AN_DF_AUTO)
            continue;
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, de->d_name);
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode))
            rc = push_path(&local, full);
    }
    closedir(dir);
    if (local.n)
        qsort(local.v, local.n, sizeof *local.v, cmp_str);
    for (size_t i = 0; i < local.n; i++) {
        if (rc == AN_OK)
            rc = push_path(ps, local.v[i]);
        free(local.v[i]);
    }
    free(local.v);
    return rc;
}

static bool tabari_name(const char *path)
{
    size_t n = strlen(path);
    static const char *const ext[] = {".actors", ".verbs", ".agents"};
    for (size_t i = 0; i < AN_COUNT(ext); i++) {
        size_t k = strlen(ext[i]);
        if (n >= k && strcmp(path + n - k, ext[i]) == 0)
            return true;
    }
    return false;
}

int an_dict_compile(const char *const *srcs, size_t nsrc, const char *out,
                    an_dict_diag_fn fn, void *ctx, an_dict_stats *stats,
                    an_err *err)
{
    an_dict_stats st;
    memset(&st, 0, sizeof st);
    paths ps = {0};
    an_dbuild *b = NULL;
    an_buf img;
    an_buf_init(&img);
    int rc = AN_OK;
    for (size_t i = 0; i < nsrc && rc == AN_OK; i++)
        rc = collect(&ps, srcs[i], err);
    if (rc == AN_OK && an__dbuild_new(&b, fn, ctx) != AN_OK)
        rc = an_err_set(err, AN_ENOMEM, "out of memory");
    for (size_t i = 0; i < ps.n && rc == AN_OK; i++) {
        int fmt = an__dict_guess(ps.v[i]);
        if (fmt == AN_DF_AUTO) {
            if (fn)
                fn(ctx, AN_SEV_WARNING, ps.v[i], 0,
                   "not a dictionary file name (actors, agents, verbs, "
                   "discards, issues, eventcodes, goldstein, plover): skipped");
            st.warnings++;
            continue;
        }
        char *p;
        size_t n;
        rc = slurp(ps.v[i], &p, &n, err);
        if (rc != AN_OK)
            break;
        rc = an__dbuild_add(b, ps.v[i], fmt, tabari_name(ps.v[i]), p, n);
        free(p);
        if (rc != AN_OK)
            an_err_set(err, rc, "%s: %s", ps.v[i], an_strerror(rc));
        st.files++;
    }
    if (rc == AN_OK)
        rc = an__dbuild_finish(b, &img, err);
    if (rc == AN_OK && out) {
        /* Write atomically: temporary file, then rename. */
        char tmp[4200];
        snprintf(tmp, sizeof tmp, "%s.tmp", out);
        FILE *f = fopen(tmp, "wb");
        if (!f) {
            rc = an_err_set(err, AN_EIO, "%s: %s", tmp, strerror(errno));
        } else {
            bool ok = fwrite(img.p, 1, img.n, f) == img.n;
            ok = fclose(f) == 0 && ok;
            if (!ok || rename(tmp, out) != 0) {
                rc = an_err_set(err, AN_EIO, "%s: write failed", out);
                remove(tmp);
            }
        }
    }
    if (b) {
        size_t e, w;
        an__dbuild_counts(b, &e, &w);
        st.errors += e;
        st.warnings += w;
    }
    st.image_bytes = img.n;
    if (stats)
        *stats = st;
    an__dbuild_free(b);
    an_buf_fini(&img);
    for (size_t i = 0; i < ps.n; i++)
        free(ps.v[i]);
    free(ps.v);
    return rc;
}

int an_dict_actor_lookup(const an_dict *d, const char *phrase, an_date date,
                         char *code, size_t n)
{
    if (!d || !phrase || !code || !n)
        return AN_EINVAL;
    an_doc *doc;
    if (an_doc_new(&doc) != AN_OK)
        return AN_ENOMEM;
    size_t len = strlen(phrase);
    char *t = an_arena_dup(&doc->arena, phrase, len);
    int rc = AN_ENOENT;
    if (!t) {
        an_doc_free(doc);
        return AN_ENOMEM;
    }
    doc->text = (an_span){t, len};
    if (an_tok_doc(doc) != AN_OK) {
        an_doc_free(doc);
        return AN_ENOMEM;
    }
    an_dtok *tk = an_arena_array(&doc->arena, doc->ntok ? doc->ntok : 1,
                                 sizeof *tk);
    if (tk) {
        for (size_t i = 0; i < doc->ntok; i++)
            an_dict_tok(d, doc->toks[i].norm.p, doc->toks[i].norm.n, &tk[i]);
        const uint32_t *vals;
        size_t k = an_dict_match(&d->actor_t, tk, 0, doc->ntok, 0, &vals);
        if (k && k == doc->ntok) {
            int32_t day = date.year ? an_date_days((an_date){date.year,
                              date.month ? date.month : 1,
                              date.day ? date.day : 1}) : INT32_MIN;
            const char *c = an_dict_actor_code(d, vals[1], day);
            if (c) {
                snprintf(code, n, "%s", c);
                rc = AN_OK;
            }
        }
    } else {
        rc = AN_ENOMEM;
    }
    an_doc_free(doc);
    return rc;
}
