/*
** reader.c - turns paths (files, directories, standard input) into inputs.
**
** Formats: plain text and HTML (one document a file, gzipped or not), JSONL
** (one document a line) and WARC (HTTP response records holding HTML).  The
** format comes from the file name (".gz" stripped), else from the first
** bytes.  Every problem becomes an input with `error` set, naming the file
** and line or record, so the run counts it and goes on: a missing file, a
** binary file, a line over the size limit, malformed JSON, a broken WARC
** header, a truncated gzip stream.
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../base/arena.h"
#include "../base/json.h"
#include "../doc/doc_int.h"
#include "ingest.h"
#include "stream.h"

#define DEFAULT_MAX_DOC (64u * 1024u * 1024u)
#define MAX_DEPTH 64

typedef struct pending {
    char *path;
    int depth;
} pending;

struct an_reader {
    an_reader_opts opts;
    size_t max_doc;
    char **paths;          /* top-level paths, in order */
    size_t npaths, ipath;
    pending *stack;        /* files and directories still to read (LIFO) */
    size_t nstack, capstack;
    /* The open multi-document file (JSONL or WARC), if any. */
    int open;
    int fmt;
    char *cur;             /* its path (owned) */
    an_stream st;
    uint64_t lineno;       /* JSONL line / WARC record number */
    int ended;             /* the stream's end-of-file was reported */
    an_arena scratch;      /* JSON trees of the current line */
    uint64_t seq;
    uint64_t bytes_done;   /* bytes of closed files */
    uint64_t skipped_records; /* WARC records that hold no HTML */
    const char *mem;       /* memory reader: the bytes (not owned) */
    size_t memlen;
    int oom;               /* an input could not be allocated: the next
                              an_reader_next() returns AN_ENOMEM */
};

/* ---- making inputs ---- */

/* Copy a span into the input's tail at *w; returns the new span. */
static an_span put_span(char **w, an_span s)
{
    an_span r = {*w, s.n};
    if (s.n)
        memcpy(*w, s.p, s.n);
    (*w)[s.n] = 0;
    *w += s.n + 1;
    return r;
}

static an_input *error_input(an_reader *r, const char *origin, uint64_t line,
                             int code, const char *fmt, ...) AN_PRINTF(5, 6);

static an_input *error_input(an_reader *r, const char *origin, uint64_t line,
                             int code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t on = strlen(origin), mn = strlen(msg);
    char *w;
    an_input *in = an__input_alloc(on + mn + 2, &w);
    if (!in) {
        r->oom = 1;
        return NULL;
    }
    in->origin = w;
    memcpy(w, origin, on + 1);
    w += on + 1;
    memcpy(w, msg, mn + 1);
    in->errmsg = w;
    in->error = code;
    in->line = line;
    in->seq = r->seq++;
    return in;
}

/*
** Make an input from its parts.  `body` is either copied (own == NULL) or
** adopted (own != NULL is the heap block holding it).
*/
static an_input *make_input(an_reader *r, const char *origin, uint64_t line,
                            int format, an_span id, an_span url,
                            an_span outlet, an_span date, an_span title,
                            an_span charset, an_span fetched, an_span body,
                            void *own)
{
    size_t need = strlen(origin) + id.n + url.n + outlet.n + date.n +
                  title.n + charset.n + fetched.n + 8 + (own ? 0 : body.n + 1);
    char *w;
    an_input *in = an__input_alloc(need, &w);
    if (!in) {
        free(own);
        r->oom = 1;
        return NULL;
    }
    in->origin = put_span(&w, an_span_str(origin)).p;
    in->id = put_span(&w, id);
    in->url = put_span(&w, url);
    in->outlet = put_span(&w, outlet);
    in->date = put_span(&w, date);
    in->title = put_span(&w, title);
    in->charset = put_span(&w, charset);
    in->fetched = put_span(&w, fetched);
    if (own) {
        in->body = body;
        an__input_own(in, own);
    } else {
        in->body = put_span(&w, body);
    }
    in->line = line;
    in->format = format;
    in->seq = r->seq++;
    return in;
}

/* ---- format detection ---- */

static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (an_lower((unsigned char)s[n - k + i]) != suf[i])
            return false;
    return true;
}

int an_ingest_format_of_name(const char *path)
{
    size_t n = strlen(path);
    if (ends_with(path, n, ".gz"))
        n -= 3;
    if (ends_with(path, n, ".txt") || ends_with(path, n, ".text"))
        return AN_FMT_TEXT;
    if (ends_with(path, n, ".html") || ends_with(path, n, ".htm") ||
        ends_with(path, n, ".xhtml") || ends_with(path, n, ".shtml"))
        return AN_FMT_HTML;
    if (ends_with(path, n, ".jsonl") || ends_with(path, n, ".ndjson") ||
        ends_with(path, n, ".json"))
        return AN_FMT_JSONL;
    if (ends_with(path, n, ".warc"))
        return AN_FMT_WARC;
    return AN_FMT_AUTO;
}

const char *an_ingest_binary_kind(const char *p, size_t n)
{
    static const struct { const char *magic; size_t n; const char *what; } m[] = {
        {"\x89PNG", 4, "a PNG image"}, {"\xFF\xD8\xFF", 3, "a JPEG image"},
        {"GIF8", 4, "a GIF image"}, {"%PDF-", 5, "a PDF document"},
        {"PK\x03\x04", 4, "a ZIP archive"}, {"\x7F" "ELF", 4, "an executable"},
        {"\x1F\x8B", 2, "nested gzip data"}, {"BZh", 3, "bzip2 data"},
        {"\xFD" "7zXZ", 5, "xz data"}, {"\x28\xB5\x2F\xFD", 4, "zstd data"},
        {"RIFF", 4, "a RIFF (audio/video) file"}, {"\0\0\0", 3, "binary data"},
    };
    for (size_t i = 0; i < AN_COUNT(m); i++)
        if (n >= m[i].n && memcmp(p, m[i].magic, m[i].n) == 0)
            return m[i].what;
    size_t k = AN_MIN(n, (size_t)8192), ctl = 0, nul = 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == 0)
            nul++;
        else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
                 c != 0x1B)
            ctl++;
    }
    /* A few stray NULs or control bytes are repaired later; a lot of them
       means this is not text. */
    if (k && (nul + ctl) * 10 > k)
        return "binary data";
    return NULL;
}

/* Decide the format of a stream from its first bytes. */
static int sniff(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
        i++;
    if (n - i >= 5 && memcmp(p + i, "WARC/", 5) == 0)
        return AN_FMT_WARC;
    if (i < n && p[i] == '{')
        return AN_FMT_JSONL;
    size_t k = AN_MIN(n, (size_t)2048);
    for (size_t j = i; j + 5 < k; j++) {
        if (p[j] != '<')
            continue;
        const char *tags[] = {"<!doctype html", "<html", "<head", "<body",
                              "<meta", "<title", "<div", "<p>", "<!--"};
        for (size_t t = 0; t < AN_COUNT(tags); t++) {
            size_t tn = strlen(tags[t]);
            if (k - j >= tn) {
                size_t q = 0;
                while (q < tn && an_lower((unsigned char)p[j + q]) == tags[t][q])
                    q++;
                if (q == tn)
                    return AN_FMT_HTML;
            }
        }
    }
    return AN_FMT_TEXT;
}

/* ---- opening files ---- */

int an_reader_new(const an_reader_opts *opts, const char *const *paths,
                  size_t npaths, an_reader **out, an_err *err)
{
    *out = NULL;
    an_reader *r = calloc(1, sizeof *r);
    if (!r)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    if (opts)
        r->opts = *opts;
    r->max_doc = r->opts.max_doc_bytes ? r->opts.max_doc_bytes : DEFAULT_MAX_DOC;
    r->paths = calloc(npaths ? npaths : 1, sizeof *r->paths);
    if (!r->paths) {
        free(r);
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < npaths; i++) {
        r->paths[i] = strdup(paths[i]);
        if (!r->paths[i]) {
            r->npaths = i;
            an_reader_free(r);
            return an_err_set(err, AN_ENOMEM, "out of memory");
        }
    }
    r->npaths = npaths;
    an_arena_init(&r->scratch);
    *out = r;
    return AN_OK;
}

int an_reader_new_memory(const an_reader_opts *opts, const char *name,
                         const void *p, size_t n, an_reader **out, an_err *err)
{
    const char *paths[1] = {name ? name : "-"};
    int rc = an_reader_new(opts, paths, 1, out, err);
    if (rc != AN_OK)
        return rc;
    (*out)->mem = p ? p : "";
    (*out)->memlen = p ? n : 0;
    return AN_OK;
}

static void close_current(an_reader *r)
{
    if (!r->open)
        return;
    r->bytes_done += r->st.consumed;
    an_stream_close(&r->st);
    free(r->cur);
    r->cur = NULL;
    r->open = 0;
}

void an_reader_free(an_reader *r)
{
    if (!r)
        return;
    close_current(r);
    for (size_t i = 0; i < r->npaths; i++)
        free(r->paths[i]);
    free(r->paths);
    for (size_t i = 0; i < r->nstack; i++)
        free(r->stack[i].path);
    free(r->stack);
    an_arena_fini(&r->scratch);
    free(r);
}

uint64_t an_reader_bytes(const an_reader *r)
{
    return r->bytes_done + (r->open ? r->st.consumed : 0);
}

uint64_t an_reader_skipped_records(const an_reader *r)
{
    return r->skipped_records;
}

static int push(an_reader *r, char *path, int depth)
{
    if (r->nstack == r->capstack) {
        size_t nc = r->capstack ? r->capstack * 2 : 64;
        pending *ns = realloc(r->stack, nc * sizeof *ns);
        if (!ns) {
            free(path);
            return AN_ENOMEM;
        }
        r->stack = ns;
        r->capstack = nc;
    }
    r->stack[r->nstack++] = (pending){path, depth};
    return AN_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
** List a directory: push its entries (sorted, hidden ones skipped) so that
** they come out in name order.  Returns an error input on failure, else
** NULL.
*/
static an_input *walk_dir(an_reader *r, const char *path, int depth)
{
    if (depth >= MAX_DEPTH)
        return error_input(r, path, 0, AN_ERANGE,
                           "directories nested deeper than %d levels", MAX_DEPTH);
    DIR *d = opendir(path);
    if (!d)
        return error_input(r, path, 0, AN_EIO, "cannot read directory: %s",
                           strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int oom = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **nn = realloc(names, nc * sizeof *nn);
            if (!nn) {
                oom = 1;
                break;
            }
            names = nn;
            cap = nc;
        }
        size_t pl = strlen(path), el = strlen(e->d_name);
        char *full = malloc(pl + el + 2);
        if (!full) {
            oom = 1;
            break;
        }
        memcpy(full, path, pl);
        size_t k = pl;
        if (k && full[k - 1] != '/')
            full[k++] = '/';
        memcpy(full + k, e->d_name, el + 1);
        names[n++] = full;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = n; i-- > 0;) {
        if (!oom && push(r, names[i], depth + 1) != AN_OK)
            oom = 1;
        else if (oom)
            free(names[i]);
    }
    free(names);
    if (oom)
        return error_input(r, path, 0, AN_ENOMEM, "out of memory listing directory");
    return NULL;
}

/* The file name without directories and extensions: "a/b/c.html.gz" -> "c". */
static an_span base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    s = s ? s + 1 : path;
    const char *dot = strchr(s, '.');
    size_t n = dot && dot != s ? (size_t)(dot - s) : strlen(s);
    return (an_span){s, n};
}

/*
** Read a single-document file (text or HTML) that is open in r->st.
*/
static an_input *read_single(an_reader *r, const char *path, int fmt)
{
    char *body;
    size_t len;
    int rc = an_stream_slurp(&r->st, r->max_doc, &body, &len);
    r->bytes_done += r->st.consumed;
    int serr = r->st.err;
    char smsg[sizeof r->st.errmsg];
    memcpy(smsg, r->st.errmsg, sizeof smsg);
    an_stream_close(&r->st);
    if (rc == AN_ERANGE)
        return error_input(r, path, 0, AN_ERANGE,
                           "document too large (%zu bytes; the limit is %zu, "
                           "see --max-doc-bytes)", len, r->max_doc);
    if (rc != AN_OK)
        return error_input(r, path, 0, rc, "out of memory reading file");
    if (serr != AN_OK) {
        free(body);
        return error_input(r, path, 0, serr, "%s after %zu bytes", smsg, len);
    }
    const char *bin = an_ingest_binary_kind(body, len);
    if (bin) {
        free(body);
        return error_input(r, path, 0, AN_EBINARY,
                           "binary file (%s), not text or HTML: skipped", bin);
    }
    if (fmt == AN_FMT_AUTO)
        fmt = sniff(body, len);
    if (fmt != AN_FMT_TEXT && fmt != AN_FMT_HTML)
        fmt = AN_FMT_TEXT;
    an_span none = {NULL, 0};
    return make_input(r, path, 0, fmt, base_name(path), none, none, none, none,
                      none, none, (an_span){body, len}, body);
}

/* Open the next path; returns an input for single-document files or
   errors, NULL when a multi-document file was opened (or a directory
   walked) and reading should continue. */
static an_input *open_next(an_reader *r, char *path, int depth, int *done)
{
    *done = 0;
    struct stat st;
    bool is_stdin = strcmp(path, "-") == 0;
    if (r->mem) {
        /* A memory reader has exactly one "file". */
    } else if (!is_stdin) {
        if (stat(path, &st) != 0) {
            an_input *in = error_input(r, path, 0,
                                       errno == ENOENT ? AN_ENOENT : AN_EIO,
                                       "%s", strerror(errno));
            free(path);
            return in;
        }
        if (S_ISDIR(st.st_mode)) {
            an_input *in = walk_dir(r, path, depth);
            free(path);
            return in;
        }
        if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
            an_input *in = error_input(r, path, 0, AN_EINVAL,
                                       "not a regular file: skipped");
            free(path);
            return in;
        }
    }
    an_err err;
    an_err_clear(&err);
    int orc = r->mem ? an_stream_open_mem(&r->st, r->mem, r->memlen, &err)
                     : an_stream_open(&r->st, path, &err);
    if (orc != AN_OK) {
        an_input *in = error_input(r, path, 0, err.code, "%s", err.msg);
        free(path);
        return in;
    }
    int fmt = r->opts.format ? r->opts.format : an_ingest_format_of_name(path);
    if (fmt == AN_FMT_AUTO || fmt == AN_FMT_JSONL || fmt == AN_FMT_WARC) {
        size_t k = an_stream_peek(&r->st, 4096);
        const char *p = r->st.buf + r->st.pos;
        if (fmt == AN_FMT_AUTO) {
            const char *bin = an_ingest_binary_kind(p, k);
            if (!bin && k == 0 && r->st.err) {
                an_input *in = error_input(r, path, 0, r->st.err, "%s",
                                           r->st.errmsg);
                an_stream_close(&r->st);
                free(path);
                return in;
            }
            fmt = bin ? AN_FMT_TEXT : sniff(p, k);
        }
    }
    if (fmt == AN_FMT_JSONL || fmt == AN_FMT_WARC) {
        r->open = 1;
        r->fmt = fmt;
        r->cur = path;
        r->lineno = 0;
        r->ended = 0;
        return NULL;
    }
    an_input *in = read_single(r, path, fmt);
    free(path);
    *done = 1;
    return in;
}

/* ---- JSONL ---- */

/* A JSON value as text: strings as they are, numbers as written. */
static an_span json_text(const an_json *v)
{
    if (v && (v->type == AN_JSON_STRING || v->type == AN_JSON_NUMBER))
        return v->str;
    return (an_span){NULL, 0};
}

static an_span first_str(const an_json *o, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        an_span s = json_text(an_json_get(o, keys[i]));
        if (s.n)
            return s;
    }
    return (an_span){NULL, 0};
}

static an_input *jsonl_next(an_reader *r)
{
    for (;;) {
        const char *line;
        size_t len;
        int got = an_stream_line(&r->st, r->max_doc, &line, &len);
        if (!got)
            return NULL;
        r->lineno++;
        if (r->st.err != AN_OK && r->st.pos == r->st.len) {
            /* The stream broke inside this line: report the break here. */
            r->ended = 1;
            return error_input(r, r->cur, r->lineno, r->st.err,
                               "%s: this line and the rest of the file are lost",
                               r->st.errmsg);
        }
        if (!line)
            return error_input(r, r->cur, r->lineno, AN_ERANGE,
                               "line too long (%zu bytes; the limit is %zu, see "
                               "--max-doc-bytes): skipped", len, r->max_doc);
        size_t i = 0;
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            i++;
        if (i == len)
            continue; /* blank line */
        if (r->lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; /* byte-order mark */
            len -= 3;
        }
        an_arena_reset(&r->scratch);
        an_json *v;
        an_err err;
        an_err_clear(&err);
        int rc = an_json_parse(&r->scratch, line, len, &v, &err);
        if (rc == AN_ENOMEM)
            return error_input(r, r->cur, r->lineno, AN_ENOMEM,
                               "out of memory reading JSON: skipped");
        if (rc != AN_OK)
            return error_input(r, r->cur, r->lineno, AN_EFORMAT,
                               "malformed JSON: %s: skipped", err.msg);
        if (v->type != AN_JSON_OBJECT)
            return error_input(r, r->cur, r->lineno, AN_EFORMAT,
                               "expected a JSON object: skipped");
        static const char *const k_text[] = {"text", "body", "content", "articleBody"};
        static const char *const k_html[] = {"html", "raw_html"};
        static const char *const k_id[] = {"id", "doc_id", "docid", "uuid"};
        static const char *const k_url[] = {"url", "link", "uri"};
        static const char *const k_outlet[] = {"outlet", "source", "publisher",
                                               "site_name", "site"};
        static const char *const k_date[] = {"date", "published", "publish_date",
                                             "datePublished", "pubdate", "time"};
        static const char *const k_title[] = {"title", "headline"};
        an_span text = first_str(v, k_text, AN_COUNT(k_text));
        an_span html = first_str(v, k_html, AN_COUNT(k_html));
        int fmt = AN_FMT_TEXT;
        an_span body = text;
        if (!text.n && html.n) {
            fmt = AN_FMT_HTML;
            body = html;
        }
        if (!body.n) {
            const an_json *t = an_json_get(v, "text");
            if (t && t->type == AN_JSON_STRING) /* present but empty */
                body = t->str;
            else
                return error_input(r, r->cur, r->lineno, AN_EFORMAT,
                                   "no \"text\" or \"html\" string field: skipped");
        }
        an_span id = first_str(v, k_id, AN_COUNT(k_id));
        char idbuf[64];
        if (!id.n) {
            an_span b = base_name(r->cur);
            int k = snprintf(idbuf, sizeof idbuf, "%.*s#%llu",
                             (int)AN_MIN(b.n, (size_t)40), b.p,
                             (unsigned long long)r->lineno);
            id = (an_span){idbuf, (size_t)k};
        }
        an_span none = {NULL, 0};
        an_input *in = make_input(r, r->cur, r->lineno, fmt, id,
                                  first_str(v, k_url, AN_COUNT(k_url)),
                                  first_str(v, k_outlet, AN_COUNT(k_outlet)),
                                  first_str(v, k_date, AN_COUNT(k_date)),
                                  first_str(v, k_title, AN_COUNT(k_title)),
                                  json_text(an_json_get(v, "charset")), none,
                                  body, NULL);
        return in;
    }
}

/* ---- WARC ---- */

static an_input *warc_next(an_reader *r)
{
    an_warc_page pg;
    char msg[256];
    int rc = an_warc_next(&r->st, r->max_doc, &r->lineno, &pg,
                          &r->skipped_records, msg, sizeof msg);
    if (rc == 0)
        return NULL;
    if (rc < 0)
        return error_input(r, r->cur, r->lineno, rc, "WARC record %llu: %s",
                           (unsigned long long)r->lineno, msg);
    char idbuf[64];
    an_span b = base_name(r->cur);
    int k = snprintf(idbuf, sizeof idbuf, "%.*s#%llu",
                     (int)AN_MIN(b.n, (size_t)40), b.p,
                     (unsigned long long)r->lineno);
    an_span none = {NULL, 0};
    return make_input(r, r->cur, r->lineno, AN_FMT_HTML,
                      (an_span){idbuf, (size_t)k}, an_span_str(pg.url), none,
                      none, none, an_span_str(pg.charset),
                      an_span_str(pg.date), (an_span){pg.body, pg.len},
                      pg.body);
}

/* ---- multi-document files ---- */

static an_input *multi_next(an_reader *r)
{
    an_input *in = r->fmt == AN_FMT_JSONL ? jsonl_next(r) : warc_next(r);
    if (in)
        return in;
    /* End of this file: report a truncated or unreadable stream once. */
    if (!r->ended) {
        r->ended = 1;
        if (r->st.err != AN_OK)
            return error_input(r, r->cur, r->lineno + 1, r->st.err,
                               "%s: the rest of the file is lost", r->st.errmsg);
    }
    return NULL;
}

int an_reader_next(an_reader *r, an_input **out)
{
    *out = NULL;
    for (;;) {
        if (r->open) {
            an_input *in = multi_next(r);
            if (in) {
                *out = in;
                return 1;
            }
            if (r->oom) {
                r->oom = 0; /* that record is lost; the next call goes on */
                return AN_ENOMEM;
            }
            close_current(r);
            continue;
        }
        char *path;
        int depth;
        if (r->nstack) {
            pending p = r->stack[--r->nstack];
            path = p.path;
            depth = p.depth;
        } else if (r->ipath < r->npaths) {
            path = strdup(r->paths[r->ipath++]);
            depth = 0;
            if (!path)
                return AN_ENOMEM;
        } else {
            return 0;
        }
        int done;
        an_input *in = open_next(r, path, depth, &done);
        if (in) {
            *out = in;
            return 1;
        }
        if (r->oom) {
            r->oom = 0;
            return AN_ENOMEM;
        }
    }
}
