/*
** export.c - writing a store's events, mentions and stories as JSON
** lines, CSV (RFC 4180, one header line) or GDELT 2.0 tables (gdelt.c).
**
** Rows are rendered into a buffer that is handed to the caller's write
** function every 64 KiB and at the end, so the output can go to a file, a
** pipe or memory.
*/
#include <stdio.h>

#include "export_int.h"
#include "annals/store.h"

#define FLUSH_AT (64 * 1024)

typedef struct exp_ctx {
    an_buf buf;
    an_write_fn write;
    void *wctx;
    int format;
} exp_ctx;

static int flush(exp_ctx *c, bool force)
{
    if (c->buf.oom)
        return AN_ENOMEM;
    if (c->buf.n && (force || c->buf.n >= FLUSH_AT)) {
        int rc = c->write(c->wctx, c->buf.p, c->buf.n);
        an_buf_clear(&c->buf);
        return rc;
    }
    return AN_OK;
}

/* "YYYY-MM-DD" or null. */
static void json_date(an_buf *b, an_date d)
{
    if (!d.year) {
        an_buf_adds(b, "null");
        return;
    }
    char s[11];
    an_date_format(d, s);
    an_buf_printf(b, "\"%s\"", s);
}

static void json_str(an_buf *b, const char *s)
{
    an_buf_json_str(b, s ? s : "", s ? strlen(s) : 0);
}

/* A JSON string, or null when empty. */
static void json_str_or_null(an_buf *b, const char *s)
{
    if (!s || !*s)
        an_buf_adds(b, "null");
    else
        json_str(b, s);
}

/* A CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(an_buf *b, const char *s)
{
    if (!s)
        s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        an_buf_adds(b, s);
        return;
    }
    an_buf_addc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            an_buf_addc(b, '"');
        an_buf_addc(b, *s);
    }
    an_buf_addc(b, '"');
}

static void csv_date(an_buf *b, an_date d)
{
    if (d.year) {
        char s[11];
        an_date_format(d, s);
        an_buf_adds(b, s);
    }
}

static int event_jsonl(exp_ctx *c, const an_store_event *e)
{
    an_buf *b = &c->buf;
    an_buf_printf(b, "{\"event_id\":%lld,\"date\":", (long long)e->id);
    json_date(b, e->date);
    an_buf_adds(b, ",\"source\":{\"code\":");
    json_str_or_null(b, e->source);
    an_buf_adds(b, ",\"name\":");
    json_str_or_null(b, e->source_name);
    an_buf_adds(b, "},\"target\":{\"code\":");
    json_str_or_null(b, e->target);
    an_buf_adds(b, ",\"name\":");
    json_str_or_null(b, e->target_name);
    an_buf_adds(b, "},\"cameo\":");
    json_str(b, e->cameo);
    an_buf_adds(b, ",\"cameo_root\":");
    json_str(b, e->cameo_root);
    an_buf_adds(b, ",\"plover\":{\"event\":");
    json_str_or_null(b, e->plover_event);
    an_buf_adds(b, ",\"mode\":");
    json_str_or_null(b, e->plover_mode);
    an_buf_adds(b, ",\"context\":");
    json_str_or_null(b, e->plover_context);
    an_buf_printf(b, "},\"quad_class\":%d,\"goldstein\":%.1f,\"modality\":\"%s\","
                     "\"num_mentions\":%d,\"num_sources\":%d,"
                     "\"num_articles\":%d,\"first_seen\":",
                  e->quad_class, e->goldstein, an__modality_name(e->modality),
                  e->num_mentions, e->num_sources, e->num_articles);
    json_date(b, e->first_seen);
    an_buf_adds(b, ",\"last_seen\":");
    json_date(b, e->last_seen);
    an_buf_printf(b, ",\"avg_tone\":%.4f,\"is_root\":%s,\"place\":",
                  e->avg_tone, e->is_root ? "true" : "false");
    if (e->has_place) {
        an_buf_adds(b, "{\"name\":");
        json_str_or_null(b, e->place_name);
        an_buf_adds(b, ",\"country\":");
        json_str_or_null(b, e->place_country);
        an_buf_adds(b, ",\"admin1\":");
        json_str_or_null(b, e->place_admin1);
        an_buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f,\"geonames_id\":%u}",
                      e->lat, e->lon, e->geonames_id);
    } else {
        an_buf_adds(b, "null");
    }
    an_buf_printf(b, ",\"story\":%lld,\"doc_id\":", (long long)e->story);
    json_str(b, e->doc_id);
    an_buf_adds(b, ",\"url\":");
    json_str_or_null(b, e->source_url);
    an_buf_adds(b, ",\"verb\":");
    json_str_or_null(b, e->verb_text);
    an_buf_adds(b, ",\"evidence\":");
    json_str_or_null(b, e->evidence);
    an_buf_adds(b, "}\n");
    return AN_OK;
}

static const char csv_event_header[] =
    "event_id,date,source,source_name,target,target_name,cameo,cameo_root,"
    "plover_event,plover_mode,quad_class,goldstein,modality,num_mentions,"
    "num_sources,num_articles,first_seen,last_seen,avg_tone,place,"
    "place_country,lat,lon,story,doc_id,url,evidence\n";

static int event_csv(exp_ctx *c, const an_store_event *e)
{
    an_buf *b = &c->buf;
    an_buf_printf(b, "%lld,", (long long)e->id);
    csv_date(b, e->date);
    const char *fields[] = {e->source, e->source_name, e->target,
                            e->target_name, e->cameo, e->cameo_root,
                            e->plover_event, e->plover_mode};
    for (size_t i = 0; i < AN_COUNT(fields); i++) {
        an_buf_addc(b, ',');
        csv_field(b, fields[i]);
    }
    an_buf_printf(b, ",%d,%.1f,%s,%d,%d,%d,", e->quad_class, e->goldstein,
                  an__modality_name(e->modality), e->num_mentions,
                  e->num_sources, e->num_articles);
    csv_date(b, e->first_seen);
    an_buf_addc(b, ',');
    csv_date(b, e->last_seen);
    an_buf_printf(b, ",%.4f,", e->avg_tone);
    if (e->has_place) {
        csv_field(b, e->place_name);
        an_buf_addc(b, ',');
        csv_field(b, e->place_country);
        an_buf_printf(b, ",%.5f,%.5f", e->lat, e->lon);
    } else {
        an_buf_adds(b, ",,,");
    }
    an_buf_printf(b, ",%lld,", (long long)e->story);
    csv_field(b, e->doc_id);
    an_buf_addc(b, ',');
    csv_field(b, e->source_url);
    an_buf_addc(b, ',');
    csv_field(b, e->evidence);
    an_buf_addc(b, '\n');
    return AN_OK;
}

static int on_event(void *ctx, const an_store_event *e)
{
    exp_ctx *c = ctx;
    if (c->format == AN_EXPORT_JSONL)
        event_jsonl(c, e);
    else if (c->format == AN_EXPORT_CSV)
        event_csv(c, e);
    else
        an_export_gdelt_event(&c->buf, e);
    return flush(c, false);
}

static int mention_jsonl(exp_ctx *c, const an_store_mention *m)
{
    an_buf *b = &c->buf;
    an_buf_printf(b, "{\"mention_id\":%lld,\"event_id\":%lld,\"doc_id\":",
                  (long long)m->id, (long long)m->event);
    json_str(b, m->doc_id);
    an_buf_adds(b, ",\"url\":");
    json_str_or_null(b, m->url);
    an_buf_adds(b, ",\"outlet\":");
    json_str_or_null(b, m->outlet);
    an_buf_adds(b, ",\"doc_date\":");
    json_date(b, m->doc_date);
    an_buf_printf(b, ",\"sentence\":%u,\"source\":", m->sent);
    json_str_or_null(b, m->source);
    an_buf_adds(b, ",\"target\":");
    json_str_or_null(b, m->target);
    an_buf_adds(b, ",\"cameo\":");
    json_str(b, m->cameo);
    an_buf_printf(b, ",\"modality\":\"%s\",\"source_char\":%lld,"
                     "\"target_char\":%lld,\"action_char\":%lld,"
                     "\"doc_tone\":%.4f,\"evidence\":",
                  an__modality_name(m->modality), (long long)m->source_char,
                  (long long)m->target_char, (long long)m->action_char,
                  m->doc_tone);
    json_str_or_null(b, m->evidence);
    an_buf_adds(b, "}\n");
    return AN_OK;
}

static const char csv_mention_header[] =
    "mention_id,event_id,doc_id,url,outlet,doc_date,sentence,source,target,"
    "cameo,modality,source_char,target_char,action_char,doc_tone,evidence\n";

static int mention_csv(exp_ctx *c, const an_store_mention *m)
{
    an_buf *b = &c->buf;
    an_buf_printf(b, "%lld,%lld,", (long long)m->id, (long long)m->event);
    csv_field(b, m->doc_id);
    an_buf_addc(b, ',');
    csv_field(b, m->url);
    an_buf_addc(b, ',');
    csv_field(b, m->outlet);
    an_buf_addc(b, ',');
    csv_date(b, m->doc_date);
    an_buf_printf(b, ",%u,", m->sent);
    csv_field(b, m->source);
    an_buf_addc(b, ',');
    csv_field(b, m->target);
    an_buf_addc(b, ',');
    csv_field(b, m->cameo);
    an_buf_printf(b, ",%s,%lld,%lld,%lld,%.4f,", an__modality_name(m->modality),
                  (long long)m->source_char, (long long)m->target_char,
                  (long long)m->action_char, m->doc_tone);
    csv_field(b, m->evidence);
    an_buf_addc(b, '\n');
    return AN_OK;
}

static int on_mention(void *ctx, const an_store_mention *m)
{
    exp_ctx *c = ctx;
    if (c->format == AN_EXPORT_JSONL)
        mention_jsonl(c, m);
    else if (c->format == AN_EXPORT_CSV)
        mention_csv(c, m);
    else
        an_export_gdelt_mention(&c->buf, m);
    return flush(c, false);
}

static int on_story(void *ctx, const an_store_story *s)
{
    exp_ctx *c = ctx;
    an_buf *b = &c->buf;
    if (c->format == AN_EXPORT_JSONL) {
        an_buf_printf(b, "{\"story_id\":%lld,\"title\":", (long long)s->id);
        json_str_or_null(b, s->title);
        an_buf_adds(b, ",\"first\":");
        json_date(b, s->first);
        an_buf_adds(b, ",\"last\":");
        json_date(b, s->last);
        an_buf_printf(b, ",\"articles\":%lld,\"events\":%lld}\n",
                      (long long)s->articles, (long long)s->events);
    } else {
        an_buf_printf(b, "%lld,", (long long)s->id);
        csv_field(b, s->title);
        an_buf_addc(b, ',');
        csv_date(b, s->first);
        an_buf_addc(b, ',');
        csv_date(b, s->last);
        an_buf_printf(b, ",%lld,%lld\n", (long long)s->articles,
                      (long long)s->events);
    }
    return flush(c, false);
}

int an_export(an_store *s, int format, int table, const an_store_query *q,
              an_write_fn write, void *ctx, an_err *err)
{
    if (format != AN_EXPORT_JSONL && format != AN_EXPORT_CSV &&
        format != AN_EXPORT_GDELT)
        return an_err_set(err, AN_EINVAL, "unknown export format %d", format);
    if (table < AN_EXPORT_EVENTS || table > AN_EXPORT_STORIES)
        return an_err_set(err, AN_EINVAL, "unknown export table %d", table);
    if (format == AN_EXPORT_GDELT && table == AN_EXPORT_STORIES)
        return an_err_set(err, AN_EUNSUP,
                          "GDELT has no stories table (use jsonl or csv)");
    exp_ctx c;
    memset(&c, 0, sizeof c);
    an_buf_init(&c.buf);
    c.write = write;
    c.wctx = ctx;
    c.format = format;
    if (format == AN_EXPORT_CSV)
        an_buf_adds(&c.buf, table == AN_EXPORT_EVENTS ? csv_event_header
                            : table == AN_EXPORT_MENTIONS
                                ? csv_mention_header
                                : "story_id,title,first,last,articles,events\n");
    int rc;
    an_err_clear(err);
    if (table == AN_EXPORT_EVENTS)
        rc = an_store_events(s, q, on_event, &c, err);
    else if (table == AN_EXPORT_MENTIONS)
        rc = an_store_mentions(s, q, on_mention, &c, err);
    else
        rc = an_store_stories(s, q, 1, on_story, &c, err);
    if (rc == AN_OK)
        rc = flush(&c, true);
    if (rc != AN_OK && err && !err->msg[0])
        an_err_set(err, rc, "export: %s", an_strerror(rc));
    an_buf_fini(&c.buf);
    return rc;
}
