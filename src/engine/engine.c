/*
** engine.c - opening the engine: finding the data directory and loading
** what the requested processing level needs.
*/
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annals/dict.h"
#include "annals/nlp.h"
#include "annals/version.h"
#include "engine_int.h"

/* AN_BUILD_ID: a checksum of the library's sources, made by the Makefile
   (build/gen/build_id.h); builds without it fall back to the version. */
#if defined(__has_include)
#if __has_include("build_id.h")
#include "build_id.h"
#endif
#endif
#ifndef AN_BUILD_ID
#define AN_BUILD_ID ""
#endif

#define DEFAULT_MAX_DOC (64u * 1024u * 1024u)

/* The files of the data directory, besides models/ (AN_NLP_*_FILE). */
#define GAZ_FILE "gazetteer/gazetteer.img"
#define DICT_FILE "dict/annals.dict"

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
** The data directory: the option, else $ANNALS_DATA, else found next to
** the program: <bin>/../data (a build tree) or <bin>/../share/annals (an
** installation).  Returns a heap string, or NULL when none exists or
** (with *oom set) when a copy could not be allocated.
*/
static char *find_data_dir(const char *opt, int *oom)
{
    const char *env = getenv("ANNALS_DATA");
    if ((opt && *opt) || (env && *env)) {
        char *s = strdup(opt && *opt ? opt : env);
        *oom = !s;
        return s;
    }
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k <= 0)
        return NULL;
    exe[k] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = 0;
    static const char *const rel[] = {"/../data", "/../share/annals",
                                      "/../../data"};
    for (size_t i = 0; i < AN_COUNT(rel); i++) {
        char cand[PATH_MAX + 32];
        snprintf(cand, sizeof cand, "%s%s", exe, rel[i]);
        if (is_dir(cand)) {
            char *real = realpath(cand, NULL);
            if (!real)
                real = strdup(cand);
            *oom = !real;
            return real;
        }
    }
    return NULL;
}

/* Mix the header of the image at dir/name (its size and the checksum of
   its contents) into *h; a file that cannot be read mixes its absence. */
static void mix_header(uint64_t *h, const char *dir, const char *name)
{
    char path[PATH_MAX + 64], buf[64 + 8] = {0};
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf + 8, 1, 64, f) : 0;
    if (f)
        fclose(f);
    memcpy(buf, h, 8);
    *h = an_hash(buf, 8 + n);
}

/* The engine's fingerprint: what decides how it codes a document. */
static uint64_t fingerprint(const an_engine *e, int beam)
{
    char id[160];
    int n = snprintf(id, sizeof id, "annals %s %s level %d beam %d",
                     AN_VERSION_STRING, AN_BUILD_ID, e->level, beam);
    uint64_t h = an_hash(id, n > 0 ? (size_t)AN_MIN(n, (int)sizeof id - 1) : 0);
    if (!e->data_dir)
        return h;
    char dir[PATH_MAX + 16];
    snprintf(dir, sizeof dir, "%s/models", e->data_dir);
    if (e->level >= AN_LEVEL_TAG) {
        mix_header(&h, dir, AN_NLP_POS_FILE);
        mix_header(&h, dir, AN_NLP_LEMMA_FILE);
    }
    if (e->level >= AN_LEVEL_PARSE)
        mix_header(&h, dir, AN_NLP_DEP_FILE);
    if (e->level >= AN_LEVEL_CODE) {
        mix_header(&h, e->data_dir, GAZ_FILE);
        mix_header(&h, e->data_dir, DICT_FILE);
    }
    return h;
}

uint64_t an_engine_fingerprint(const an_engine *e) { return e->fp; }

int an_engine_open(const an_engine_opts *opts, an_engine **out, an_err *err)
{
    *out = NULL;
    an_engine_opts o = {0};
    if (opts)
        o = *opts;
    an_engine *e = calloc(1, sizeof *e);
    if (!e)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    e->level = o.level ? o.level : AN_LEVEL_TEXT;
    if (e->level < AN_LEVEL_TEXT || e->level > AN_LEVEL_CODE) {
        free(e);
        return an_err_set(err, AN_EINVAL, "invalid processing level %d", o.level);
    }
    e->max_doc = o.max_doc_bytes ? o.max_doc_bytes : DEFAULT_MAX_DOC;
    int oom = 0;
    e->data_dir = find_data_dir(o.data_dir, &oom);
    if (oom) {
        free(e);
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    if (e->level > AN_LEVEL_TEXT && !e->data_dir) {
        free(e);
        return an_err_set(err, AN_ENOENT,
                          "cannot find the data directory (use --data DIR or "
                          "set ANNALS_DATA)");
    }
    if (e->level >= AN_LEVEL_TAG) {
        /* Tagger, lemmatiser (and parser at AN_LEVEL_PARSE and above). */
        char dir[PATH_MAX + 16];
        snprintf(dir, sizeof dir, "%s/models", e->data_dir);
        int rc = an_nlp_open(dir, e->level, &e->nlp, err);
        if (rc != AN_OK) {
            an_engine_close(e);
            return rc;
        }
        if (e->nlp)
            e->nlp->beam = o.parse_beam > 0 ? AN_MIN(o.parse_beam, 64) : 0;
    }
    if (e->level >= AN_LEVEL_CODE) {
        /* The gazetteer (places of events): data/gazetteer/gazetteer.img. */
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/" GAZ_FILE, e->data_dir);
        int rc = an_gaz_open(path, &e->gaz, err);
        /* The compiled dictionary set: mapped, checked, never written. */
        if (rc == AN_OK) {
            snprintf(path, sizeof path, "%s/" DICT_FILE, e->data_dir);
            rc = an_dict_open(path, &e->dict, err);
        }
        if (rc != AN_OK) {
            an_engine_close(e);
            return rc;
        }
    }
    e->fp = fingerprint(e, o.parse_beam);
    *out = e;
    return AN_OK;
}

const an_dict *an_engine_dict(const an_engine *e)
{
    return e ? e->dict : NULL;
}

void an_engine_close(an_engine *e)
{
    if (!e)
        return;
    an_nlp_close(e->nlp);
    an_dict_close(e->dict);
    an_gaz_close(e->gaz);
    free(e->data_dir);
    free(e);
}

int an_engine_level(const an_engine *e) { return e->level; }

const char *an_engine_data_dir(const an_engine *e)
{
    return e->data_dir ? e->data_dir : "";
}

int an_worker_new(const an_engine *eng, an_worker **out, an_err *err)
{
    *out = NULL;
    an_worker *w = calloc(1, sizeof *w);
    if (!w)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    w->eng = eng;
    an_arena_init(&w->scratch);
    an_arena_init(&w->nlp);
    *out = w;
    return AN_OK;
}

void an_worker_free(an_worker *w)
{
    if (!w)
        return;
    an_arena_fini(&w->scratch);
    an_arena_fini(&w->nlp);
    free(w);
}
