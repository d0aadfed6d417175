/*
** validate.c - running a peer's test suite (annals/validate.h).
**
** The suite is read (petrarch.c or tabari.c), the dictionary files it
** names are compiled in memory, and every test record goes through an
** engine (tokens; the parse when the level includes it), then actor
** recognition and coding with the suite's dictionaries.  The produced
** (source, target, code) set is compared with the expected one; a missing
** target is "---" on both sides.  The report lists each failing record
** with both codings, the peer-only records with their reasons, and ends
** with "validate: P of N records pass".
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../dict/dict.h"
#include "../doc/doc_int.h"
#include "annals/code.h"
#include "validate_int.h"

/* ---- suite helpers ---- */

vrec *an__vs_add(vsuite *s)
{
    vrec *v = an_arena_vec(&s->arena, s->r, &s->cap, s->n + 1, sizeof *v);
    if (!v)
        return NULL;
    s->r = v;
    memset(&v[s->n], 0, sizeof v[s->n]);
    v[s->n].text = "";
    v[s->n].id = "?";
    return &v[s->n++];
}

const char *an__vs_dup(vsuite *s, const char *p, size_t n)
{
    char *c = an_arena_dup(&s->arena, p, n);
    return c ? c : "";
}

int an__vs_expect(vsuite *s, vrec *r, const char *src, const char *tgt,
                  const char *code)
{
    vevent *v = an_arena_grow(&s->arena, r->exp, r->nexp * sizeof *v,
                              (r->nexp + 1) * sizeof *v);
    if (!v)
        return AN_ENOMEM;
    r->exp = v;
    v[r->nexp].src = an__vs_dup(s, src, strlen(src));
    v[r->nexp].tgt = an__vs_dup(s, tgt, strlen(tgt));
    v[r->nexp].code = an__vs_dup(s, code, strlen(code));
    r->nexp++;
    return AN_OK;
}

int an__vs_slurp(const char *path, char **out, size_t *n, an_err *err)
{
    *out = NULL;
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return an_err_set(err, AN_EIO, "%s: %s", path, strerror(errno));
    an_buf b;
    an_buf_init(&b);
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        an_buf_add(&b, chunk, k);
    bool bad = ferror(f);
    fclose(f);
    if (bad || b.oom) {
        an_buf_fini(&b);
        return an_err_set(err, bad ? AN_EIO : AN_ENOMEM, "%s: %s", path,
                          bad ? "read error" : "out of memory");
    }
    an_buf_addc(&b, 0);
    if (b.oom) {
        an_buf_fini(&b);
        return an_err_set(err, AN_ENOMEM, "%s: out of memory", path);
    }
    *out = b.p;
    *n = b.n - 1;
    return AN_OK;
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int an__vs_dict(vsuite *s, const char *name, const an_validate_opts *o,
                an_err *err)
{
    char path[2048];
    const char *found = NULL;
    if (name[0] == '/' && is_file(name))
        found = name;
    if (!found) {
        snprintf(path, sizeof path, "%s/%s", s->dir, name);
        if (is_file(path))
            found = path;
    }
    for (size_t i = 0; !found && o && i < o->ndict_dirs; i++) {
        snprintf(path, sizeof path, "%s/%s", o->dict_dirs[i], name);
        if (is_file(path))
            found = path;
    }
    if (!found) {
        /* The layout of the shared evaluation data: eval/<suite>/ next to
           data/petrarch/ with the Phoenix and CAMEO files. */
        snprintf(path, sizeof path, "%s/../../data/petrarch/%s", s->dir, name);
        if (is_file(path))
            found = path;
    }
    if (!found)
        return an_err_set(err, AN_ENOENT,
                          "%s: cannot find the dictionary file \"%s\" it names "
                          "(looked in %s and the --dict-dir directories)",
                          s->path, name, s->dir);
    const char **v = an_arena_grow(&s->arena, s->dicts, s->ndicts * sizeof *v,
                                   (s->ndicts + 1) * sizeof *v);
    if (!v)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    s->dicts = v;
    v[s->ndicts++] = an__vs_dup(s, found, strlen(found));
    return AN_OK;
}

/* ---- dictionaries ---- */

typedef struct dctx {
    size_t errors;
    an_buf *first;  /* the first few problems, for the report */
    size_t shown;
} dctx;

static void dict_diag(void *ctx, int sev, const char *file, uint64_t line,
                      const char *msg)
{
    dctx *c = ctx;
    if (sev != AN_SEV_ERROR)
        return;
    c->errors++;
    if (c->first && c->shown < 5) {
        const char *base = strrchr(file, '/');
        an_buf_printf(c->first, "  dictionary %s:%llu: %s\n", base ? base + 1 : file,
                      (unsigned long long)line, msg);
        c->shown++;
    }
}

static bool tabari_file(const char *path)
{
    size_t n = strlen(path);
    static const char *const ext[] = {".actors", ".verbs", ".agents"};
    for (size_t i = 0; i < AN_COUNT(ext); i++) {
        size_t k = strlen(ext[i]);
        if (n >= k && !strcmp(path + n - k, ext[i]))
            return true;
    }
    return false;
}

static int compile(const vsuite *s, an_buf *img, an_dict **out, an_buf *report,
                   an_err *err)
{
    dctx c = {0, report, 0};
    an_dbuild *b;
    if (an__dbuild_new(&b, dict_diag, &c) != AN_OK)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    int rc = AN_OK;
    for (size_t i = 0; i < s->ndicts && rc == AN_OK; i++) {
        int fmt = an__dict_guess(s->dicts[i]);
        if (fmt == AN_DF_AUTO) {
            rc = an_err_set(err, AN_EFORMAT, "%s: not a dictionary file name "
                            "(actors, agents, verbs, discards...)", s->dicts[i]);
            break;
        }
        char *p;
        size_t n;
        rc = an__vs_slurp(s->dicts[i], &p, &n, err);
        if (rc != AN_OK)
            break;
        rc = an__dbuild_add(b, s->dicts[i], fmt, tabari_file(s->dicts[i]), p, n);
        free(p);
        if (rc != AN_OK)
            an_err_set(err, rc, "%s: %s", s->dicts[i], an_strerror(rc));
    }
    if (rc == AN_OK)
        rc = an__dbuild_finish(b, img, err);
    an__dbuild_free(b);
    if (rc == AN_OK)
        rc = an_dict_from_memory(img->p, img->n, out, err);
    if (rc == AN_OK && c.errors)
        an_buf_printf(report, "  (the suite's dictionaries have %zu syntax "
                      "error(s); those entries are skipped)\n", c.errors);
    return rc;
}

/* ---- scoring ---- */

static bool ev_eq(const vevent *a, const vevent *b)
{
    return !strcmp(a->src, b->src) && !strcmp(a->tgt, b->tgt) &&
           !strcmp(a->code, b->code);
}

static size_t uniq(vevent *v, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool dup = false;
        for (size_t j = 0; j < k && !dup; j++)
            dup = ev_eq(&v[j], &v[i]);
        if (!dup)
            v[k++] = v[i];
    }
    return k;
}

static void list(an_buf *b, const vevent *v, size_t n)
{
    if (!n) {
        an_buf_adds(b, "(none)");
        return;
    }
    for (size_t i = 0; i < n; i++)
        an_buf_printf(b, "%s%s %s %s", i ? "; " : "", v[i].src, v[i].tgt, v[i].code);
}

/* Blank-separated words with a letter or digit, as TABARI counts them. */
static size_t words_of(const char *t)
{
    size_t n = 0;
    while (*t) {
        while (*t == ' ')
            t++;
        bool alnum = false;
        while (*t && *t != ' ') {
            unsigned char c = (unsigned char)*t++;
            alnum |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                     (c >= '0' && c <= '9') || c >= 0x80;
        }
        n += alnum;
    }
    return n;
}

static void suite_free(vsuite *s)
{
    an_arena_fini(&s->arena);
}

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

/* A .project file next to a TABARI .text file. */
static int find_project(const char *dir, const char *textfile, char *out,
                        size_t cap)
{
    /* Try <base>.project, then Validate.project. */
    const char *slash = strrchr(textfile, '/');
    const char *base = slash ? slash + 1 : textfile;
    size_t bn = strlen(base);
    if (bn > 5)
        bn -= 5; /* ".text" */
    snprintf(out, cap, "%s/%.*s.project", dir, (int)bn, base);
    if (is_file(out))
        return AN_OK;
    snprintf(out, cap, "%s/Validate.project", dir);
    return is_file(out) ? AN_OK : AN_ENOENT;
}

int an_validate(const char *path, const an_validate_opts *o, an_buf *report,
                an_validate_result *res, an_err *err)
{
    an_validate_opts def;
    if (!o) {
        memset(&def, 0, sizeof def);
        o = &def;
    }
    memset(res, 0, sizeof *res);
    vsuite s;
    memset(&s, 0, sizeof s);
    an_arena_init(&s.arena);
    s.path = an__vs_dup(&s, path, strlen(path));
    const char *slash = strrchr(path, '/');
    s.dir = slash ? an__vs_dup(&s, path, (size_t)(slash - path)) : ".";
    int rc;
    if (ends_with(path, ".project") || ends_with(path, ".text")) {
        char proj[2048];
        if (ends_with(path, ".project")) {
            snprintf(proj, sizeof proj, "%s", path);
        } else if (find_project(s.dir, path, proj, sizeof proj) != AN_OK) {
            suite_free(&s);
            return an_err_set(err, AN_ENOENT, "%s: no .project file next to it "
                              "names its dictionaries", path);
        }
        s.kind = AN_SUITE_TABARI;
        rc = an__vs_read_tabari(&s, proj, o, err);
    } else {
        char *p;
        size_t n;
        rc = an__vs_slurp(path, &p, &n, err);
        if (rc == AN_OK) {
            if (!strstr(p, "<Sentence")) {
                rc = an_err_set(err, AN_EFORMAT, "%s: neither PETRARCH validation "
                                "XML (<Sentence> records) nor a TABARI project",
                                path);
            } else {
                s.kind = AN_SUITE_PETRARCH;
                rc = an__vs_read_petrarch(&s, p, n, o, err);
            }
            free(p);
        }
    }
    if (rc != AN_OK) {
        suite_free(&s);
        return rc;
    }
    res->kind = s.kind;
    if (!s.ndicts) {
        suite_free(&s);
        return an_err_set(err, AN_EFORMAT, "%s: names no dictionary files", path);
    }
    an_buf img, head;
    an_buf_init(&img);
    an_buf_init(&head);
    an_dict *dict = NULL;
    an_engine *eng = NULL;
    an_worker *w = NULL;
    an_doc *doc = NULL;
    if (o->dict_path) {
        rc = an_dict_open(o->dict_path, &dict, err);
        if (rc == AN_OK)
            an_buf_printf(&head, "  (coded with %s, not the suite's dictionaries)\n",
                          o->dict_path);
    } else {
        rc = compile(&s, &img, &dict, &head, err);
    }
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.data_dir = o->data_dir;
    eo.level = o->level ? o->level : AN_LEVEL_PARSE;
    if (eo.level > AN_LEVEL_PARSE)
        eo.level = AN_LEVEL_PARSE;
    if (rc == AN_OK)
        rc = an_engine_open(&eo, &eng, err);
    if (rc == AN_OK)
        rc = an_worker_new(eng, &w, err);
    if (rc == AN_OK && an_doc_new(&doc) != AN_OK)
        rc = an_err_set(err, AN_ENOMEM, "out of memory");
    an_buf peers;
    an_buf_init(&peers);
    if (rc == AN_OK)
        an_buf_add(report, head.p, head.n);
    vevent got[256];
    for (size_t i = 0; rc == AN_OK && i < s.n; i++) {
        vrec *r = &s.r[i];
        if (o->only && strncmp(r->id, o->only, strlen(o->only)) != 0)
            continue;
        if (r->kind == VR_OPTION) {
            res->options++;
            continue;
        }
        if (r->kind == VR_PEER) {
            res->peer_only++;
            an_buf_printf(&peers, "  %s (line %llu): %s\n", r->id,
                          (unsigned long long)r->line, r->reason ? r->reason : "");
            continue;
        }
        char ds[11] = "";
        if (r->date.year)
            an_date_format(r->date, ds);
        /* The peers join words of one name with '_' in their texts as in
           their dictionaries ("Dol_Amroth"): read it as a blank. */
        char *txt = strdup(r->text);
        if (!txt) {
            rc = an_err_set(err, AN_ENOMEM, "out of memory");
            break;
        }
        for (char *c = txt; *c; c++)
            if (*c == '_')
                *c = ' ';
        an_input *in;
        int irc = an_input_new(&in, AN_FMT_TEXT, r->id, ds[0] ? ds : NULL, txt,
                               strlen(txt));
        free(txt);
        if (irc != AN_OK) {
            rc = an_err_set(err, AN_ENOMEM, "out of memory");
            break;
        }
        an_worker_process(w, in, doc);
        /* A record is one sentence for both peers: undo any split. */
        if (doc->nsent > 1) {
            an_sent *a = &doc->sents[0], *z = &doc->sents[doc->nsent - 1];
            a->end = z->end;
            a->ntok = z->tok + z->ntok - a->tok;
            doc->nsent = 1;
        }
        an_coder_opts co;
        memset(&co, 0, sizeof co);
        co.allow_no_target = !r->o.require_dyad;
        co.code_all = r->o.code_all;
        co.plus_default = s.kind == AN_SUITE_PETRARCH;
        co.blank_discards = s.kind == AN_SUITE_PETRARCH;
        co.exact_words = s.penn;
        co.tabari = s.kind == AN_SUITE_TABARI;
        /* TABARI knows no negation: a negated verb is coded as such. */
        co.keep_negated = s.kind == AN_SUITE_TABARI;
        co.complex_verbs = r->o.complex_verbs;
        co.complex_conj = r->o.complex_conj;
        co.noactprior = r->o.complex_noactprior;
        co.comma_set = 1;
        memcpy(co.comma, r->o.comma, sizeof co.comma);
        co.first_actor = s.kind == AN_SUITE_TABARI;
        an_buf tr;
        an_buf_init(&tr);
        if (o->trace)
            co.trace = &tr;
        if (an_code_with(dict, doc, &co) != AN_OK) {
            rc = an_err_set(err, AN_ENOMEM, "out of memory");
            break;
        }
        size_t nm;
        const an_mention *m = an_doc_mentions(doc, &nm);
        /* TABARI does not code sentences shorter than MINIMUM WORDS. */
        if (r->o.min_words && words_of(r->text) < (size_t)r->o.min_words)
            nm = 0;
        size_t ng = 0;
        for (size_t k = 0; k < nm && ng < AN_COUNT(got); k++) {
            got[ng].src = m[k].source.code ? m[k].source.code : "---";
            got[ng].tgt = m[k].target.code ? m[k].target.code : "---";
            got[ng].code = m[k].cameo;
            ng++;
        }
        ng = uniq(got, ng);
        r->nexp = uniq(r->exp, r->nexp);
        size_t found = 0;
        for (size_t a = 0; a < r->nexp; a++)
            for (size_t b = 0; b < ng; b++)
                if (ev_eq(&r->exp[a], &got[b])) {
                    found++;
                    break;
                }
        bool pass = found == r->nexp && ng == r->nexp;
        res->records++;
        res->passed += pass;
        res->expected += r->nexp;
        res->found += found;
        res->produced += ng;
        if (!pass || o->verbose) {
            an_buf_printf(report, "%s %s (%s:%llu)%s%s\n  text: %s\n  expected: ",
                          pass ? "ok  " : "FAIL", r->id, s.path,
                          (unsigned long long)r->line, ds[0] ? " " : "", ds, r->text);
            list(report, r->exp, r->nexp);
            an_buf_adds(report, "\n  produced: ");
            list(report, got, ng);
            an_buf_addc(report, '\n');
            if (tr.n)
                an_buf_add(report, tr.p, tr.n);
        }
        an_buf_fini(&tr);
    }
    if (rc == AN_OK) {
        if (peers.n) {
            an_buf_printf(report, "peer-only records (%zu), not scored:\n",
                          res->peer_only);
            an_buf_add(report, peers.p, peers.n);
        }
        an_buf_printf(report, "events: %zu of %zu expected events found "
                      "(%.1f%%); %zu produced\n", res->found, res->expected,
                      res->expected ? 100.0 * (double)res->found / (double)res->expected : 0.0,
                      res->produced);
        an_buf_printf(report, "validate: %zu of %zu records pass (%.1f%%)\n",
                      res->passed, res->records,
                      res->records ? 100.0 * (double)res->passed / (double)res->records
                                   : 0.0);
    }
    an_buf_fini(&peers);
    an_doc_free(doc);
    an_worker_free(w);
    an_engine_close(eng);
    an_dict_close(dict);
    an_buf_fini(&img);
    an_buf_fini(&head);
    suite_free(&s);
    return rc;
}
