/*
** worker.c - one document through the pipeline: read the input's
** metadata, bring the body to UTF-8, extract the main text, split it into
** sentences and tokens, then tag, parse and code as the engine's level
** asks.  Problems are recorded on the document; only a document that
** cannot be read at all returns an error.
*/
#include <stdio.h>

#include "../base/utf8.h"
#include "../doc/doc_int.h"
#include "../extract/extract.h"
#include "../ingest/ingest.h"
#include "../actor/actor.h"
#include "../code/code.h"
#include "../tok/tok.h"
#include "../when/when.h"
#include "../where/where.h"
#include "engine_int.h"

/* 1-based line of byte `off` in p[0..n). */
static uint64_t line_of(const char *p, size_t n, uint64_t off)
{
    uint64_t line = 1;
    if (off > n)
        off = n;
    for (size_t i = 0; i < off; i++)
        line += p[i] == '\n';
    return line;
}

/* A document id from the input, or "doc<seq>" when it has none. */
static an_span make_id(an_doc *d, const an_input *in)
{
    if (in->id.n)
        return in->id;
    char buf[32];
    int k = snprintf(buf, sizeof buf, "doc%llu", (unsigned long long)in->seq + 1);
    char *s = an_arena_dup(&d->arena, buf, (size_t)k);
    return s ? (an_span){s, (size_t)k} : (an_span){"doc", 3};
}

/* Report the repairs the text builder made. */
static void report_repairs(an_doc *d, const an_textb *tb, const an_span body,
                           int is_html)
{
    if (!tb->nbad && !tb->nctl)
        return;
    const an_input *in = d->in;
    /* For a file, name the line; for a JSONL record, the record's line. */
    uint64_t line = in->line;
    if (!line && !is_html && tb->first_bad != UINT64_MAX)
        line = line_of(body.p, body.n, tb->first_bad);
    char what[160];
    if (tb->nbad && tb->nctl)
        snprintf(what, sizeof what,
                 "%zu invalid UTF-8 byte(s) replaced by U+FFFD and %zu "
                 "NUL/control byte(s) replaced by spaces", tb->nbad, tb->nctl);
    else if (tb->nbad)
        snprintf(what, sizeof what,
                 "%zu invalid UTF-8 byte(s) replaced by U+FFFD", tb->nbad);
    else
        snprintf(what, sizeof what,
                 "%zu NUL/control byte(s) replaced by spaces", tb->nctl);
    an_doc_diag(d, AN_SEV_WARNING, tb->nbad ? AN_EUTF8 : AN_EFORMAT, line,
                "%s (first at byte %llu)", what,
                (unsigned long long)tb->first_bad);
}

/*
** The sticky flags: an allocation that failed inside a stage (in the
** document's arena or the worker's scratch) is noticed at the next stage
** boundary, so that a document is never passed on with a part missing.
*/
static int stage_oom(const an_worker *w, const an_doc *d)
{
    return d->arena.oom || w->scratch.oom;
}

/* The coder's on-demand parse of one sentence (an_code_opts.parse). */
static int parse_sent(void *ctx, an_doc *d, size_t si)
{
    an_worker *w = ctx;
    int rc = an_dep_parse_sent(w->eng->nlp, &w->nlp, d, si, AN_LEVEL_PARSE);
    return rc == AN_OK && stage_oom(w, d) ? AN_ENOMEM : rc;
}

/* Mix one field (its length, then its bytes) into a running hash. */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    uint64_t k[2] = {h, (uint64_t)n};
    h = an_hash(k, sizeof k);
    return n ? h ^ an_hash(p, n) * 0x9e3779b97f4a7c15ull : h;
}

/* an_doc_input_hash(): what decides the document's output. */
static uint64_t input_hash(const an_engine *eng, const an_doc *d)
{
    int32_t date[4] = {d->date.year, d->date.month, d->date.day,
                       d->date_source};
    uint64_t h = eng->fp;
    h = mix(h, d->id.p, d->id.n);
    h = mix(h, d->url.p, d->url.n);
    h = mix(h, d->outlet.p, d->outlet.n);
    h = mix(h, d->title.p, d->title.n);
    h = mix(h, date, sizeof date);
    h = mix(h, d->text.p, d->text.n);
    return h ? h : 1;
}

int an_worker_process(an_worker *w, an_input *in, an_doc *d)
{
    an_doc_reset(d);
    an_arena_reset(&w->scratch);
    d->in = in;
    if (in->error != AN_OK) {
        an_doc_diag(d, AN_SEV_ERROR, in->error, in->line, "%s",
                    in->errmsg ? in->errmsg : an_strerror(in->error));
        return in->error;
    }
    if (in->warning != AN_OK)
        an_doc_diag(d, AN_SEV_WARNING, in->warning, in->line, "%s",
                    in->warnmsg ? in->warnmsg : an_strerror(in->warning));
    d->id = make_id(d, in);
    d->url = in->url;
    d->outlet = in->outlet;
    d->title = in->title;

    if (in->body.n > w->eng->max_doc) {
        an_doc_diag(d, AN_SEV_ERROR, AN_ERANGE, 0,
                    "document too large (%zu bytes; the limit is %zu)",
                    in->body.n, w->eng->max_doc);
        return AN_ERANGE;
    }
    if (in->date.n) {
        if (an_date_parse(in->date.p, in->date.n, &d->date) == AN_OK)
            d->date_source = AN_DATE_INPUT;
        else
            an_doc_diag(d, AN_SEV_WARNING, AN_EFORMAT, 0,
                        "unrecognised date \"%.*s\": ignored",
                        (int)AN_MIN(in->date.n, (size_t)60), in->date.p);
    }

    an_textb tb;
    an_textb_init(&tb, &d->arena);
    an_extract ex;
    an_err err;
    an_err_clear(&err);
    int rc;
    an_span body = in->body;
    int is_html = in->format == AN_FMT_HTML;
    if (is_html) {
        char cs[64] = "";
        const char *csp = in->charset.p;
        size_t csn = in->charset.n;
        if (!csn && an_charset_sniff_html(body.p, body.n, cs, sizeof cs)) {
            csp = cs;
            csn = strlen(cs);
        }
        an_span conv;
        rc = an_charset_to_utf8(&d->arena, csp, csn, body.p, body.n, &conv);
        if (rc == AN_EUNSUP)
            an_doc_diag(d, AN_SEV_WARNING, AN_EUNSUP, 0,
                        "unknown charset \"%.*s\": read as UTF-8",
                        (int)AN_MIN(csn, (size_t)40), csp);
        else if (rc != AN_OK)
            goto oom;
        else
            body = conv;
        rc = an_extract_html(&d->arena, &w->scratch, body.p, body.n, &tb, &ex,
                             &err);
    } else {
        rc = an_extract_text(&d->arena, body.p, body.n, &tb, &ex, &err);
    }
    if (rc == AN_ENOMEM)
        goto oom;
    if (rc != AN_OK) {
        an_doc_diag(d, AN_SEV_ERROR, rc, 0, "%s", err.msg);
        return rc;
    }
    if (an_textb_finish(&tb, &d->text, &d->segs, &d->nseg) != AN_OK ||
        stage_oom(w, d))
        goto oom;
    report_repairs(d, &tb, body, is_html);

    if (!d->title.n)
        d->title = ex.title;
    if (!d->url.n)
        d->url = ex.url;
    if (!d->outlet.n)
        d->outlet = ex.outlet;
    if (!d->date_source && ex.date_source) {
        d->date = ex.date;
        d->date_source = ex.date_source;
    }
    if (!d->date_source && in->fetched.n &&
        an_date_parse(in->fetched.p, in->fetched.n, &d->date) == AN_OK)
        d->date_source = AN_DATE_HTTP;

    d->input_hash = input_hash(w->eng, d);
    if (w->skip && w->skip(w->skip_ctx, d)) {
        d->skipped = true;
        return AN_OK;
    }
    if (d->text.n == 0 || an_utf8_blank(d->text.p, d->text.n))
        an_doc_diag(d, AN_SEV_WARNING, AN_ENOENT, 0,
                    is_html ? "no main text found in the page"
                            : "empty document: no text");
    if (an_tok_doc(d) != AN_OK || stage_oom(w, d))
        goto oom;
    /* Tag and lemmatise every sentence at AN_LEVEL_TAG and parse every
       sentence at AN_LEVEL_PARSE.  At AN_LEVEL_CODE the coder tags and
       parses only the sentences it needs, through parse_sent(). */
    if (w->eng->nlp && w->eng->level >= AN_LEVEL_TAG && w->eng->level <= AN_LEVEL_PARSE) {
        int lv = w->eng->level == AN_LEVEL_PARSE ? AN_LEVEL_PARSE
                                                 : AN_LEVEL_TAG;
        for (size_t i = 0; i < d->nsent; i++)
            if (an_dep_parse_sent(w->eng->nlp, &w->nlp, d, i, lv) != AN_OK)
                goto oom;
        if (stage_oom(w, d))
            goto oom;
    }
    /* When and where: time expressions and places (src/when, src/where). */
    if (w->eng->level >= AN_LEVEL_CODE &&
        (an_when_doc(d, &w->scratch) != AN_OK ||
         an_where_doc(d, w->eng->gaz, &w->scratch) != AN_OK ||
         stage_oom(w, d)))
        goto oom;
    /* Actors (src/actor) with the engine's dictionaries. */
    if (w->eng->dict && (an_actor_doc(w->eng->dict, d, &w->scratch) != AN_OK ||
                         stage_oom(w, d)))
        goto oom;
    /* Events (src/code): the prefilter marks the sentences that can hold
       an event (an actor and a dictionary verb); only those are parsed,
       when the engine holds the parser, and coded. */
    if (w->eng->dict && w->eng->level >= AN_LEVEL_CODE) {
        for (size_t i = 0; i < d->nsent; i++)
            (void)an_code_candidate(w->eng->dict, d, i);
        an_code_opts co;
        memset(&co, 0, sizeof co);
        co.gaz = w->eng->gaz;
        co.marked = 1;
        co.strict = 1;
        if (w->eng->nlp && w->eng->nlp->dep) {
            co.parse = parse_sent;
            co.parse_ctx = w;
        }
        if (an_code_doc(w->eng->dict, d, &w->scratch, &co) != AN_OK ||
            stage_oom(w, d))
            goto oom;
    }
    return AN_OK;

oom:
    an_doc_diag(d, AN_SEV_ERROR, AN_ENOMEM, 0, "out of memory");
    return AN_ENOMEM;
}
