/*
** query.c - reading a store back: events, mentions and stories through a
** filter, counts, and the consistency check.
**
** Queries build their SQL from the filter (an_store_query) with bound
** parameters, and prepare it for the call.  Events come in date order
** (undated last), which the index on events(day) serves.
*/
#include <stdio.h>
#include <stdlib.h>

#include "store_int.h"

/* Parameters of the event filter, bound after the SQL is prepared. */
typedef struct filter {
    char lo[64], hi[64];     /* actor code range [lo, hi) */
    int has_actor;
    int has_from, has_to;
    int64_t from, to;
    int64_t story;
    int min_sources;
    int asserted;
    int64_t limit;
} filter;

/* Append the WHERE conditions on events `e` for `q`; fill `f`. */
static int build_filter(an_buf *sql, const an_store_query *q, filter *f,
                        an_err *err)
{
    memset(f, 0, sizeof *f);
    f->limit = -1;
    an_buf_adds(sql, " WHERE 1");
    if (!q)
        return AN_OK;
    if (q->actor && *q->actor) {
        size_t n = strlen(q->actor);
        if (n >= sizeof f->lo)
            return an_err_set(err, AN_EINVAL, "actor code too long: %s",
                              q->actor);
        memcpy(f->lo, q->actor, n + 1);
        memcpy(f->hi, q->actor, n + 1);
        f->hi[n - 1] = (char)(f->hi[n - 1] + 1); /* next prefix */
        f->has_actor = 1;
        an_buf_adds(sql, " AND ((e.source >= :lo AND e.source < :hi) OR "
                         "(e.target >= :lo AND e.target < :hi))");
    }
    if (q->from.year) {
        f->has_from = 1;
        f->from = an_date_days(q->from);
        an_buf_adds(sql, " AND e.day >= :from");
    }
    if (q->to.year) {
        f->has_to = 1;
        an_date t = q->to;
        /* a partial "to" date covers its whole month or year */
        if (!t.month) {
            t.month = 12;
            t.day = 31;
        } else if (!t.day) {
            an_date next = {t.year, (int8_t)(t.month + 1), 1};
            if (t.month == 12)
                next = (an_date){(int16_t)(t.year + 1), 1, 1};
            t = an_date_from_days(an_date_days(next) - 1);
        }
        f->to = an_date_days(t);
        an_buf_adds(sql, " AND e.day <= :to");
    }
    if (q->story) {
        f->story = q->story;
        an_buf_adds(sql, " AND e.id IN (SELECT m2.event FROM mentions m2 "
                         "JOIN documents d2 ON d2.id = m2.doc WHERE "
                         "d2.story = :story)");
    }
    if (q->min_sources > 0) {
        f->min_sources = q->min_sources;
        an_buf_adds(sql, " AND e.num_sources >= :minsrc");
    }
    if (q->asserted_only) {
        f->asserted = 1;
        an_buf_adds(sql, " AND e.modality = 0");
    }
    f->limit = q->limit > 0 ? q->limit : -1;
    return AN_OK;
}

/* Bind the named parameters the filter used. */
static void bind_filter(sqlite3_stmt *st, const filter *f)
{
    int i;
    if (f->has_actor) {
        if ((i = sqlite3_bind_parameter_index(st, ":lo")))
            sqlite3_bind_text(st, i, f->lo, -1, SQLITE_TRANSIENT);
        if ((i = sqlite3_bind_parameter_index(st, ":hi")))
            sqlite3_bind_text(st, i, f->hi, -1, SQLITE_TRANSIENT);
    }
    if (f->has_from && (i = sqlite3_bind_parameter_index(st, ":from")))
        sqlite3_bind_int64(st, i, f->from);
    if (f->has_to && (i = sqlite3_bind_parameter_index(st, ":to")))
        sqlite3_bind_int64(st, i, f->to);
    if (f->story && (i = sqlite3_bind_parameter_index(st, ":story")))
        sqlite3_bind_int64(st, i, f->story);
    if (f->min_sources && (i = sqlite3_bind_parameter_index(st, ":minsrc")))
        sqlite3_bind_int(st, i, f->min_sources);
    if ((i = sqlite3_bind_parameter_index(st, ":limit")))
        sqlite3_bind_int64(st, i, f->limit);
}

/* Prepare `sql` (an an_buf) for a query. */
static int prepare(an_store *s, an_buf *sql, sqlite3_stmt **st, an_err *err)
{
    if (sql->oom)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    int rc = sqlite3_prepare_v2(s->db, sql->p, (int)sql->n, st, NULL);
    return rc == SQLITE_OK ? AN_OK : an__store_sqlerr(s, rc, err, "query");
}

/*
** Unless rc tells of an earlier failure, prepare `sql` and bind the
** parameters of filter `f`; `sql` is freed in any case.
*/
static int prepare_filtered(an_store *s, an_buf *sql, const filter *f, int rc,
                            sqlite3_stmt **st, an_err *err)
{
    *st = NULL;
    if (rc == AN_OK)
        rc = prepare(s, sql, st, err);
    an_buf_fini(sql);
    if (rc == AN_OK)
        bind_filter(*st, f);
    return rc;
}

static an_date col_date(sqlite3_stmt *st, int i)
{
    an_date d = {0, 0, 0};
    if (sqlite3_column_type(st, i) != SQLITE_NULL) {
        int64_t v = sqlite3_column_int64(st, i);
        if (v > -800000 && v < 3000000)
            d = an_date_from_days((int32_t)v);
    }
    return d;
}

int an_store_events(an_store *s, const an_store_query *q,
                    an_store_event_fn fn, void *ctx, an_err *err)
{
    an_buf sql;
    an_buf_init(&sql);
    an_buf_adds(&sql,
                "SELECT e.id, e.day, e.day_q, e.source, e.target, e.cameo, "
                "e.root, cm.plover_event, cm.plover_mode, cm.plover_context, "
                "cm.goldstein, cm.quad_class, e.modality, e.num_mentions, "
                "e.num_articles, e.num_sources, e.first_seen, e.last_seen, "
                "e.tone_sum, e.is_root, pm.place_name, pm.place_country, "
                "pm.place_admin1, pm.lat, pm.lon, pm.geonames_id, "
                "pm.id IS NOT NULL, d.story, rm.verb_text, rm.evidence, "
                "d.doc_key, d.url, d.outlet, e.added, rm.source_text, "
                "rm.target_text "
                "FROM events e "
                "JOIN mentions rm ON rm.id = e.rep_mention "
                "JOIN documents d ON d.id = rm.doc "
                "LEFT JOIN mentions cm ON cm.id = e.code_mention "
                "LEFT JOIN mentions pm ON pm.id = e.place_mention");
    filter f;
    int rc = build_filter(&sql, q, &f, err);
    an_buf_adds(&sql, " ORDER BY e.day IS NULL, e.day, e.id LIMIT :limit");
    sqlite3_stmt *st;
    if ((rc = prepare_filtered(s, &sql, &f, rc, &st, err)) != AN_OK)
        return rc;
    int sr;
    while ((sr = sqlite3_step(st)) == SQLITE_ROW) {
        an_store_event ev;
        memset(&ev, 0, sizeof ev);
        ev.id = sqlite3_column_int64(st, 0);
        ev.date = col_date(st, 1);
        ev.date_quality = sqlite3_column_int(st, 2);
        ev.source = an__col_str(st, 3);
        ev.target = an__col_str(st, 4);
        ev.cameo = an__col_str(st, 5);
        ev.cameo_root = an__col_str(st, 6);
        ev.plover_event = an__col_str(st, 7);
        ev.plover_mode = an__col_str(st, 8);
        ev.plover_context = an__col_str(st, 9);
        ev.goldstein = sqlite3_column_double(st, 10);
        ev.quad_class = sqlite3_column_int(st, 11);
        ev.modality = sqlite3_column_int(st, 12);
        ev.num_mentions = sqlite3_column_int(st, 13);
        ev.num_articles = sqlite3_column_int(st, 14);
        ev.num_sources = sqlite3_column_int(st, 15);
        ev.first_seen = col_date(st, 16);
        ev.last_seen = col_date(st, 17);
        ev.avg_tone = ev.num_articles
                          ? sqlite3_column_double(st, 18) / ev.num_articles
                          : 0;
        ev.is_root = sqlite3_column_int(st, 19);
        ev.place_name = an__col_str(st, 20);
        ev.place_country = an__col_str(st, 21);
        ev.place_admin1 = an__col_str(st, 22);
        ev.lat = sqlite3_column_double(st, 23);
        ev.lon = sqlite3_column_double(st, 24);
        ev.geonames_id = (uint32_t)sqlite3_column_int64(st, 25);
        ev.has_place = sqlite3_column_int(st, 26);
        ev.story = sqlite3_column_int64(st, 27);
        ev.verb_text = an__col_str(st, 28);
        ev.evidence = an__col_str(st, 29);
        ev.doc_id = an__col_str(st, 30);
        ev.source_url = an__col_str(st, 31);
        ev.outlet = an__col_str(st, 32);
        ev.added = sqlite3_column_int64(st, 33);
        ev.source_name = an__col_str(st, 34);
        ev.target_name = an__col_str(st, 35);
        if ((rc = fn(ctx, &ev)) != AN_OK)
            break;
    }
    if (rc == AN_OK && sr != SQLITE_DONE)
        rc = an__store_sqlerr(s, sr, err, "reading events");
    sqlite3_finalize(st);
    return rc;
}

int an_store_mentions(an_store *s, const an_store_query *q,
                      an_store_mention_fn fn, void *ctx, an_err *err)
{
    an_buf sql;
    an_buf_init(&sql);
    an_buf_adds(&sql,
                "SELECT m.id, m.event, d.doc_key, d.url, d.outlet, d.source, "
                "d.day, m.sent, m.source, m.target, m.cameo, m.modality, "
                "m.source_char, m.target_char, m.action_char, m.source_how, "
                "m.target_how, d.text_chars, d.tone, m.evidence, e.added, "
                "d.added FROM events e "
                "JOIN mentions m ON m.event = e.id "
                "JOIN documents d ON d.id = m.doc");
    filter f;
    int rc = build_filter(&sql, q, &f, err);
    an_buf_adds(&sql, " ORDER BY e.day IS NULL, e.day, e.id, m.id "
                      "LIMIT :limit");
    sqlite3_stmt *st;
    if ((rc = prepare_filtered(s, &sql, &f, rc, &st, err)) != AN_OK)
        return rc;
    int sr;
    while ((sr = sqlite3_step(st)) == SQLITE_ROW) {
        an_store_mention m;
        memset(&m, 0, sizeof m);
        m.id = sqlite3_column_int64(st, 0);
        m.event = sqlite3_column_int64(st, 1);
        m.doc_id = an__col_str(st, 2);
        m.url = an__col_str(st, 3);
        m.outlet = an__col_str(st, 4);
        m.source_name = an__col_str(st, 5);
        if (!strncmp(m.source_name, "doc:", 4))
            m.source_name = "";
        m.doc_date = col_date(st, 6);
        m.sent = (uint32_t)sqlite3_column_int64(st, 7);
        m.source = an__col_str(st, 8);
        m.target = an__col_str(st, 9);
        m.cameo = an__col_str(st, 10);
        m.modality = sqlite3_column_int(st, 11);
        for (int k = 0; k < 3; k++) {
            int64_t *o = k == 0 ? &m.source_char : k == 1 ? &m.target_char
                                                         : &m.action_char;
            *o = sqlite3_column_type(st, 12 + k) == SQLITE_NULL
                     ? -1
                     : sqlite3_column_int64(st, 12 + k);
        }
        m.source_how = sqlite3_column_int(st, 15);
        m.target_how = sqlite3_column_int(st, 16);
        m.doc_chars = sqlite3_column_int64(st, 17);
        m.doc_tone = sqlite3_column_double(st, 18);
        m.evidence = an__col_str(st, 19);
        m.event_added = sqlite3_column_int64(st, 20);
        m.doc_added = sqlite3_column_int64(st, 21);
        if ((rc = fn(ctx, &m)) != AN_OK)
            break;
    }
    if (rc == AN_OK && sr != SQLITE_DONE)
        rc = an__store_sqlerr(s, sr, err, "reading mentions");
    sqlite3_finalize(st);
    return rc;
}

int an_store_stories(an_store *s, const an_store_query *q,
                     int64_t min_articles, an_store_story_fn fn, void *ctx,
                     an_err *err)
{
    an_buf sql, cond;
    an_buf_init(&sql);
    an_buf_init(&cond);
    filter f;
    int rc = build_filter(&cond, q, &f, err);
    bool filtered = q && ((q->actor && *q->actor) || q->from.year ||
                          q->to.year || q->min_sources > 0 ||
                          q->asserted_only);
    an_buf_adds(&sql,
                "SELECT s.id, s.title, s.first_day, s.last_day, s.ndocs, "
                "(SELECT count(DISTINCT m.event) FROM mentions m JOIN "
                "documents d ON d.id = m.doc WHERE d.story = s.id) "
                "FROM stories s WHERE s.ndocs >= :minart");
    if (q && q->story)
        an_buf_adds(&sql, " AND s.id = :story");
    if (filtered && cond.p) {
        an_buf_adds(&sql, " AND s.id IN (SELECT d.story FROM documents d "
                          "JOIN mentions m ON m.doc = d.id JOIN events e ON "
                          "e.id = m.event");
        an_buf_adds(&sql, cond.p);
        an_buf_adds(&sql, ")");
    }
    an_buf_adds(&sql, " ORDER BY s.ndocs DESC, s.id LIMIT :limit");
    an_buf_fini(&cond);
    sqlite3_stmt *st;
    if ((rc = prepare_filtered(s, &sql, &f, rc, &st, err)) != AN_OK)
        return rc;
    int i = sqlite3_bind_parameter_index(st, ":minart");
    if (i)
        sqlite3_bind_int64(st, i, min_articles);
    int sr;
    while ((sr = sqlite3_step(st)) == SQLITE_ROW) {
        an_store_story sto;
        sto.id = sqlite3_column_int64(st, 0);
        sto.title = an__col_str(st, 1);
        sto.first = col_date(st, 2);
        sto.last = col_date(st, 3);
        sto.articles = sqlite3_column_int64(st, 4);
        sto.events = sqlite3_column_int64(st, 5);
        if ((rc = fn(ctx, &sto)) != AN_OK)
            break;
    }
    if (rc == AN_OK && sr != SQLITE_DONE)
        rc = an__store_sqlerr(s, sr, err, "reading stories");
    sqlite3_finalize(st);
    return rc;
}

/* One integer from a query. */
static int count(an_store *s, const char *sql, int64_t *out, an_err *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return an__store_sqlerr(s, rc, err, "counting");
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? AN_OK
               : an__store_sqlerr(s, rc, err, "counting");
}

int an_store_get_stats(an_store *s, an_store_stats *st, an_err *err)
{
    memset(st, 0, sizeof *st);
    int64_t v = 0;
    int rc;
    if ((rc = count(s, "SELECT count(*) FROM documents", &st->documents,
                    err)) != AN_OK ||
        (rc = count(s, "SELECT count(*) FROM documents WHERE dup_of IS NOT "
                       "NULL", &st->duplicates, err)) != AN_OK ||
        (rc = count(s, "SELECT count(*) FROM mentions", &st->mentions,
                    err)) != AN_OK ||
        (rc = count(s, "SELECT count(*) FROM events", &st->events, err)) !=
            AN_OK ||
        (rc = count(s, "SELECT count(*) FROM events WHERE day IS NULL",
                    &st->undated_events, err)) != AN_OK ||
        (rc = count(s, "SELECT count(*) FROM stories", &st->stories, err)) !=
            AN_OK ||
        (rc = count(s, "PRAGMA user_version", &v, err)) != AN_OK)
        return rc;
    st->schema_version = (int)v;
    st->merge_window_days = s->window;
    return AN_OK;
}

int an_store_check(an_store *s, an_store_check_result *r, an_err *err)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st,
                                NULL);
    if (rc != SQLITE_OK)
        return an__store_sqlerr(s, rc, err, "integrity check");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *res = an__col_str(st, 0);
        r->integrity_ok = !strcmp(res, "ok");
        if (!r->integrity_ok)
            snprintf(r->first_problem, sizeof r->first_problem,
                     "integrity: %s", res);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return an__store_sqlerr(s, rc, err, "integrity check");

    rc = sqlite3_prepare_v2(
        s->db,
        "SELECT e.id, e.num_mentions, e.num_articles, e.num_sources, "
        " (SELECT count(*) FROM mentions m WHERE m.event = e.id),"
        " (SELECT count(DISTINCT m.doc) FROM mentions m WHERE m.event = e.id),"
        " (SELECT count(DISTINCT d.origin) FROM mentions m JOIN documents d "
        "   ON d.id = m.doc WHERE m.event = e.id),"
        " (SELECT count(*) FROM event_sources es WHERE es.event = e.id),"
        " (SELECT coalesce(sum(n), 0) FROM event_codes c WHERE c.event = e.id)"
        " FROM events e",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return an__store_sqlerr(s, rc, err, "checking events");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t v[9];
        for (int i = 0; i < 9; i++)
            v[i] = sqlite3_column_int64(st, i);
        if (v[4] == 0)
            r->empty_events++;
        if (v[1] != v[4] || v[2] != v[5] || v[3] != v[6] || v[3] != v[7] ||
            v[8] != v[4]) {
            if (!r->bad_events++ && !r->first_problem[0])
                snprintf(r->first_problem, sizeof r->first_problem,
                         "event %lld: stored mentions/articles/sources "
                         "%lld/%lld/%lld, recomputed %lld/%lld/%lld",
                         (long long)v[0], (long long)v[1], (long long)v[2],
                         (long long)v[3], (long long)v[4], (long long)v[5],
                         (long long)v[6]);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return an__store_sqlerr(s, rc, err, "checking events");
    if ((rc = count(s,
                    "SELECT count(*) FROM mentions m WHERE m.event IS NULL OR "
                    "NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event) "
                    "OR NOT EXISTS (SELECT 1 FROM documents d WHERE "
                    "d.id = m.doc)",
                    &r->orphan_mentions, err)) != AN_OK ||
        (rc = count(s,
                    "SELECT count(*) FROM documents d WHERE d.nmention != "
                    "(SELECT count(*) FROM mentions m WHERE m.doc = d.id)",
                    &r->bad_documents, err)) != AN_OK)
        return rc;
    char sql[600];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM mentions m JOIN events e ON e.id = m.event "
             "WHERE m.source != e.source OR m.target != e.target OR "
             "substr(m.cameo, 1, 2) != e.root OR m.modality != e.modality OR "
             "(m.day IS NULL) != (e.anchor IS NULL) OR "
             "abs(m.day - e.anchor) > %d", s->window);
    if ((rc = count(s, sql, &r->bad_links, err)) != AN_OK)
        return rc;
    if (!r->first_problem[0] && r->bad_links)
        snprintf(r->first_problem, sizeof r->first_problem,
                 "%lld mention(s) that do not fit their event",
                 (long long)r->bad_links);
    if (!r->first_problem[0] && r->orphan_mentions)
        snprintf(r->first_problem, sizeof r->first_problem,
                 "%lld mention(s) without their event or document",
                 (long long)r->orphan_mentions);
    if (!r->first_problem[0] && r->bad_documents)
        snprintf(r->first_problem, sizeof r->first_problem,
                 "%lld document(s) whose mention count is wrong",
                 (long long)r->bad_documents);
    return AN_OK;
}
