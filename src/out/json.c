/*
** json.c - JSON and CoNLL-U renderings of a document.
*/
#include "../doc/doc_int.h"

static const char *date_source_name(int s)
{
    switch (s) {
    case AN_DATE_INPUT: return "input";
    case AN_DATE_META: return "metadata";
    case AN_DATE_DATELINE: return "dateline";
    case AN_DATE_HTTP: return "crawl";
    default: return "none";
    }
}

void an_out_text_json(an_buf *b, const an_doc *d, int flags)
{
    an_buf_adds(b, "{\"doc_id\":");
    an_buf_json_str(b, d->id.p, d->id.n);
    an_buf_adds(b, ",\"title\":");
    an_buf_json_span_or_null(b, d->title);
    an_buf_adds(b, ",\"date\":");
    if (d->date.year) {
        char ds[11];
        an_date_format(d->date, ds);
        an_buf_printf(b, "\"%s\"", ds);
    } else {
        an_buf_adds(b, "null");
    }
    an_buf_printf(b, ",\"date_source\":\"%s\"", date_source_name(d->date_source));
    an_buf_adds(b, ",\"url\":");
    an_buf_json_span_or_null(b, d->url);
    an_buf_adds(b, ",\"outlet\":");
    an_buf_json_span_or_null(b, d->outlet);
    an_buf_adds(b, ",\"text\":");
    an_buf_json_str(b, d->text.p, d->text.n);
    an_buf_adds(b, ",\"sentences\":[");
    for (size_t i = 0; i < d->nsent; i++)
        an_buf_printf(b, "%s[%u,%u]", i ? "," : "", d->sents[i].start,
                      d->sents[i].end);
    an_buf_addc(b, ']');
    if (flags & AN_OUT_TOKENS) {
        an_buf_adds(b, ",\"tokens\":[");
        for (size_t i = 0; i < d->ntok; i++)
            an_buf_printf(b, "%s[%u,%u]", i ? "," : "", d->toks[i].start,
                          d->toks[i].end);
        an_buf_addc(b, ']');
    }
    if (flags & AN_OUT_SEGMENTS) {
        an_buf_adds(b, ",\"segments\":[");
        for (size_t i = 0; i < d->nseg; i++)
            an_buf_printf(b, "%s[%u,%u,%u,%u]", i ? "," : "", d->segs[i].text,
                          d->segs[i].raw, d->segs[i].len, d->segs[i].copied);
        an_buf_addc(b, ']');
    }
    an_buf_adds(b, "}\n");
}

/* Write a CoNLL-U field: the bytes, or "_" when empty; tabs and newlines
   inside (never in tokens, but be safe) become spaces. */
static void field(an_buf *b, const char *p, size_t n)
{
    if (n == 0) {
        an_buf_addc(b, '_');
        return;
    }
    size_t s = b->n;
    an_buf_add(b, p, n);
    if (b->oom)
        return;
    for (size_t i = s; i < b->n; i++)
        if (b->p[i] == '\t' || b->p[i] == '\n' || b->p[i] == '\r')
            b->p[i] = ' ';
}

void an_out_conllu(an_buf *b, const an_doc *d)
{
    for (size_t s = 0; s < d->nsent; s++) {
        const an_sent *se = &d->sents[s];
        an_buf_printf(b, "# sent_id = %.*s-%zu\n# text = ", (int)d->id.n,
                      d->id.p, s + 1);
        for (size_t i = se->start; i < se->end; i++) {
            char c = d->text.p[i];
            an_buf_addc(b, c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
        an_buf_addc(b, '\n');
        for (uint32_t k = 0; k < se->ntok; k++) {
            const an_tok *t = &d->toks[se->tok + k];
            an_buf_printf(b, "%u\t", k + 1);
            field(b, d->text.p + t->start, t->end - t->start);
            an_buf_addc(b, '\t');
            field(b, t->lemma.p, t->lemma.n);
            an_buf_printf(b, "\t%s\t%s\t_\t", an_upos_name(t->upos),
                          an_xpos_name(t->xpos));
            if (t->head == AN_TOK_NO_HEAD)
                an_buf_adds(b, "_\t_");
            else
                an_buf_printf(b, "%d\t%s", t->head + 1, an_deprel_name(t->deprel));
            an_buf_adds(b, "\t_\t");
            an_buf_adds(b, (t->flags & AN_TOK_SPACE_AFTER) || k + 1 == se->ntok
                               ? "_" : "SpaceAfter=No");
            an_buf_addc(b, '\n');
        }
        an_buf_addc(b, '\n');
    }
}
