/*
** events.c - coded event mentions as JSON lines (`annals code`).
**
** One object a mention, in the document's sentence order; the field
** names are the ones tools/score_events.py and the store's JSONL export
** read (doc_id, source.code, target.code, cameo, plover.event).
*/
#include <stdio.h>

#include "../doc/doc_int.h"
#include "annals/code.h"

static void str_or_null(an_buf *b, const char *s)
{
    if (s && *s)
        an_buf_json_str(b, s, strlen(s));
    else
        an_buf_adds(b, "null");
}

static void actor(an_buf *b, const an_actor_ref *a)
{
    if (!a->code) {
        an_buf_adds(b, "null");
        return;
    }
    static const char *const how[] = {"", "name", "title", "country", "agent",
                                      "coreference"};
    an_buf_adds(b, "{\"code\":");
    an_buf_json_str(b, a->code, strlen(a->code));
    an_buf_adds(b, ",\"country\":");
    str_or_null(b, a->country);
    an_buf_adds(b, ",\"sector\":");
    str_or_null(b, a->sector);
    an_buf_adds(b, ",\"text\":");
    str_or_null(b, a->text);
    if (a->how && a->how < AN_COUNT(how))
        an_buf_printf(b, ",\"how\":\"%s\"", how[a->how]);
    an_buf_addc(b, '}');
}

/* "a, b" -> ["a","b"] */
static void context_list(an_buf *b, const char *c)
{
    an_buf_addc(b, '[');
    int first = 1;
    while (c && *c) {
        while (*c == ' ' || *c == ',')
            c++;
        const char *e = c;
        while (*e && *e != ',')
            e++;
        const char *t = e;
        while (t > c && t[-1] == ' ')
            t--;
        if (t > c) {
            if (!first)
                an_buf_addc(b, ',');
            an_buf_json_str(b, c, (size_t)(t - c));
            first = 0;
        }
        c = e;
    }
    an_buf_addc(b, ']');
}

static const char *edate_name(int s)
{
    switch (s) {
    case AN_EDATE_EXPRESSION: return "expression";
    case AN_EDATE_DOCUMENT: return "document";
    default: return "none";
    }
}

void an_out_events_json(an_buf *b, const an_doc *d)
{
    for (size_t i = 0; i < d->nmention; i++) {
        const an_mention *m = &d->mentions[i];
        /* id = "<doc_id>:<sentence>:<n>" */
        an_buf_adds(b, "{\"id\":");
        size_t at = b->n;
        an_buf_json_str(b, d->id.p, d->id.n);
        if (!b->oom && b->n > at)
            b->n--; /* reopen the string: drop its closing quote */
        an_buf_printf(b, ":%u:%u\"", m->sent, m->n);
        an_buf_adds(b, ",\"doc_id\":");
        an_buf_json_str(b, d->id.p, d->id.n);
        an_buf_printf(b, ",\"sentence\":%u,\"date\":", m->sent);
        if (m->date.year) {
            char ds[11];
            an_date_format(m->date, ds);
            an_buf_printf(b, "\"%s\"", ds);
        } else {
            an_buf_adds(b, "null");
        }
        an_buf_printf(b, ",\"date_source\":\"%s\"", edate_name(m->date_source));
        an_buf_adds(b, ",\"source\":");
        actor(b, &m->source);
        an_buf_adds(b, ",\"target\":");
        actor(b, &m->target);
        an_buf_adds(b, ",\"cameo\":");
        an_buf_json_str(b, m->cameo, strlen(m->cameo));
        an_buf_adds(b, ",\"plover\":{\"event\":");
        str_or_null(b, m->plover_event);
        an_buf_adds(b, ",\"mode\":");
        str_or_null(b, m->plover_mode);
        an_buf_adds(b, ",\"context\":");
        context_list(b, m->plover_context);
        an_buf_printf(b, "},\"goldstein\":%.1f,\"quad_class\":%d", m->goldstein,
                      m->quad_class);
        an_buf_printf(b, ",\"modality\":\"%s\"", an_modality_name(m->modality));
        an_buf_adds(b, ",\"verb\":");
        str_or_null(b, m->verb_text);
        an_buf_adds(b, ",\"place\":");
        if (m->place.source && m->place.name) {
            an_buf_adds(b, "{\"name\":");
            str_or_null(b, m->place.name);
            an_buf_adds(b, ",\"country\":");
            str_or_null(b, m->place.country);
            an_buf_printf(b, ",\"lat\":%.4f,\"lon\":%.4f", m->place.lat, m->place.lon);
            if (m->place.geonames_id)
                an_buf_printf(b, ",\"geonames_id\":%u", m->place.geonames_id);
            an_buf_printf(b, ",\"from\":\"%s\"}",
                          m->place.source == AN_PLACE_SENTENCE ? "sentence" : "document");
        } else {
            an_buf_adds(b, "null");
        }
        an_buf_adds(b, ",\"text\":");
        uint32_t s0 = m->span_start, s1 = m->span_end;
        if (s1 > d->text.n)
            s1 = (uint32_t)d->text.n;
        if (s0 > s1)
            s0 = s1;
        an_buf_json_str(b, d->text.p + s0, s1 - s0);
        an_buf_printf(b, ",\"span\":[%u,%u]}\n", m->span_start, m->span_end);
    }
}
