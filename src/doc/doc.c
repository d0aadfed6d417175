/*
** doc.c - documents and inputs: lifetime, accessors, diagnostics.
*/
#include <stdio.h>
#include <stdlib.h>

#include "../base/textb.h"
#include "doc_int.h"

int an_doc_new(an_doc **out)
{
    an_doc *d = calloc(1, sizeof *d);
    if (!d) {
        *out = NULL;
        return AN_ENOMEM;
    }
    an_arena_init(&d->arena);
    *out = d;
    return AN_OK;
}

void an_doc_reset(an_doc *d)
{
    if (!d)
        return;
    an_input_free(d->in);
    an_arena a = d->arena;
    an_arena_reset(&a);
    memset(d, 0, sizeof *d);
    d->arena = a;
}

void an_doc_free(an_doc *d)
{
    if (!d)
        return;
    an_input_free(d->in);
    an_arena_fini(&d->arena);
    free(d);
}

const an_input *an_doc_input(const an_doc *d) { return d->in; }
an_span an_doc_id(const an_doc *d) { return d->id; }
an_span an_doc_url(const an_doc *d) { return d->url; }
an_span an_doc_outlet(const an_doc *d) { return d->outlet; }
an_span an_doc_title(const an_doc *d) { return d->title; }
an_span an_doc_text(const an_doc *d) { return d->text; }
uint64_t an_doc_input_hash(const an_doc *d) { return d->input_hash; }
int an_doc_skipped(const an_doc *d) { return d->skipped; }

an_date an_doc_date(const an_doc *d, int *source)
{
    if (source)
        *source = d->date_source;
    return d->date;
}

const an_seg *an_doc_segments(const an_doc *d, size_t *n)
{
    *n = d->nseg;
    return d->segs;
}

const an_sent *an_doc_sentences(const an_doc *d, size_t *n)
{
    *n = d->nsent;
    return d->sents;
}

const an_tok *an_doc_tokens(const an_doc *d, size_t *n)
{
    *n = d->ntok;
    return d->toks;
}

const an_mention *an_doc_mentions(const an_doc *d, size_t *n)
{
    *n = d->nmention;
    return d->mentions;
}

const an_diag *an_doc_diags(const an_doc *d, size_t *n)
{
    *n = d->ndiag;
    return d->diags;
}

int an_doc_severity(const an_doc *d) { return d->severity; }

uint32_t an_doc_raw_offset(const an_doc *d, uint32_t off)
{
    return an_seg_map(d->segs, d->nseg, off);
}

void an_doc_diag(an_doc *d, int severity, int code, uint64_t line,
                 const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (severity > d->severity)
        d->severity = severity;
    an_diag *v = an_arena_vec(&d->arena, d->diags, &d->diagcap, d->ndiag + 1,
                              sizeof *v);
    if (!v)
        return;
    d->diags = v;
    an_diag *g = &v[d->ndiag++];
    g->severity = severity;
    g->code = code;
    g->origin = d->in ? d->in->origin : "-";
    g->line = line ? line : (d->in ? d->in->line : 0);
    g->msg = an_arena_dup(&d->arena, msg, strlen(msg));
    if (!g->msg)
        g->msg = "out of memory";
}

/* ---- inputs ---- */

/*
** An input and all its strings are one malloc block when made by
** an_input_new(); readers allocate the body separately (it can be large)
** and record it in the private tail so an_input_free() knows what to free.
*/
typedef struct input_block {
    an_input in;
    void *owned[4]; /* extra heap blocks owned by the input */
} input_block;

int an_input_new(an_input **out, int format, const char *id,
                 const char *date, const char *body, size_t n)
{
    size_t idn = id ? strlen(id) : 0, dn = date ? strlen(date) : 0;
    size_t total = sizeof(input_block) + idn + dn + n + 3;
    if (n > SIZE_MAX - sizeof(input_block) - idn - dn - 3)
        return AN_ENOMEM;
    input_block *b = calloc(1, total);
    if (!b) {
        *out = NULL;
        return AN_ENOMEM;
    }
    char *s = (char *)(b + 1);
    b->in.origin = "-";
    b->in.format = format;
    memcpy(s, id ? id : "", idn);
    s[idn] = 0;
    b->in.id = (an_span){s, idn};
    s += idn + 1;
    memcpy(s, date ? date : "", dn);
    s[dn] = 0;
    b->in.date = (an_span){s, dn};
    s += dn + 1;
    if (n)
        memcpy(s, body, n);
    s[n] = 0;
    b->in.body = (an_span){s, n};
    *out = &b->in;
    return AN_OK;
}

void an_input_free(an_input *in)
{
    if (!in)
        return;
    input_block *b = (input_block *)in;
    for (size_t i = 0; i < AN_COUNT(b->owned); i++)
        free(b->owned[i]);
    free(b);
}

an_input *an__input_alloc(size_t extra, char **tail)
{
    input_block *b = calloc(1, sizeof *b + extra);
    if (!b)
        return NULL;
    *tail = (char *)(b + 1);
    return &b->in;
}

int an__input_own(an_input *in, void *block)
{
    input_block *b = (input_block *)in;
    for (size_t i = 0; i < AN_COUNT(b->owned); i++) {
        if (!b->owned[i]) {
            b->owned[i] = block;
            return AN_OK;
        }
    }
    return AN_EINTERNAL;
}
