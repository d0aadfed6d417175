/*
** merge.c - merging mentions into events.
**
** The rule (docs/store.md gives it in full): a mention joins the event
** with the same source code, target code, CAMEO root and modality whose
** anchor date lies within the merge window of the mention's date, the
** nearest such anchor first; an undated mention joins the undated event
** with the same key.  Otherwise it starts a new event anchored at its
** date.  The anchor never moves, so merging does not drift.
**
** Merging is incremental: the lookup goes through the index
** events(source, target, root, modality, anchor), and the counters are
** kept up to date with two small per-event tallies, event_sources (origin
** -> articles) and event_codes (full CAMEO code -> mentions), so the cost
** of a mention does not grow with the size of the store or of its event:
** a joining mention costs one index lookup, one or two upserts and one
** update of the event row.
** Only replacing a document recomputes its events from their mentions
** (an__event_recompute), which is also what the consistency check does.
*/
#include <stdio.h>
#include <stdlib.h>

#include "store_int.h"

void an__touch_fini(an_touch *t)
{
    free(t->ev);
    memset(t, 0, sizeof *t);
}

/* Add `ev` to the document's touched events; *added says it was new. */
static int touch_add(an_touch *t, int64_t ev, int *added, an_err *err)
{
    for (size_t i = 0; i < t->n; i++) {
        if (t->ev[i] == ev) {
            *added = 0;
            return AN_OK;
        }
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 16;
        int64_t *ne = realloc(t->ev, nc * sizeof *ne);
        if (!ne)
            return an_err_set(err, AN_ENOMEM, "out of memory");
        t->ev = ne;
        t->cap = nc;
    }
    t->ev[t->n++] = ev;
    *added = 1;
    return AN_OK;
}

/* Run a statement that returns no rows; it is reset afterwards. */
static int step_done(an_store *s, sqlite3_stmt *st, an_err *err,
                     const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? AN_OK : an__store_sqlerr(s, rc, err, what);
}

/* Find the event a mention belongs to; *ev = 0 when none. */
static int find_event(an_store *s, const an_merge_in *in, int64_t *ev,
                      an_err *err)
{
    sqlite3_stmt *st = s->st[in->has_day ? ST_EVENT_FIND_DATED
                                         : ST_EVENT_FIND_UNDATED];
    sqlite3_bind_text(st, 1, in->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, in->target, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, in->root, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, in->m->modality);
    if (in->has_day) {
        sqlite3_bind_int64(st, 5, in->day);
        sqlite3_bind_int64(st, 6, s->window);
    }
    /* The nearest anchor wins, then the older event.  Anchors of one key
       lie more than the window apart, so at most two rows come back; the
       index gives them in anchor order without a sort. */
    int rc;
    int64_t best_d = INT64_MAX;
    *ev = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        int64_t d = in->has_day ? sqlite3_column_int64(st, 1) - in->day : 0;
        if (d < 0)
            d = -d;
        if (d < best_d || (d == best_d && id < *ev)) {
            best_d = d;
            *ev = id;
        }
        if (!in->has_day)
            break;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return an__store_sqlerr(s, rc, err, "finding an event");
    return AN_OK;
}

/*
** Count one more use of a tally row: bump it, or insert it with 1.
** *fresh = 1 when the row is new.
*/
static int tally(an_store *s, int bump, int ins, int64_t ev, const char *key,
                 int keylen, int *fresh, an_err *err)
{
    *fresh = 0;
    sqlite3_stmt *st = s->st[bump];
    sqlite3_bind_int64(st, 1, ev);
    sqlite3_bind_text(st, 2, key, keylen, SQLITE_STATIC);
    int rc = step_done(s, st, err, "updating a tally");
    if (rc != AN_OK || sqlite3_changes(s->db) > 0)
        return rc;
    *fresh = 1;
    st = s->st[ins];
    sqlite3_bind_int64(st, 1, ev);
    sqlite3_bind_text(st, 2, key, keylen, SQLITE_STATIC);
    return step_done(s, st, err, "updating a tally");
}

/* A new event made of one mention. */
static int create_event(an_store *s, const an_merge_in *in, int64_t *ev,
                        an_err *err)
{
    sqlite3_stmt *st = s->st[ST_EVENT_INSERT];
    sqlite3_bind_text(st, 1, in->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, in->target, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, in->root, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, in->m->modality);
    if (in->has_day)
        sqlite3_bind_int64(st, 5, in->day);
    else
        sqlite3_bind_null(st, 5);
    sqlite3_bind_int(st, 6, in->has_day ? in->day_q : 0);
    sqlite3_bind_text(st, 7, in->m->cameo,
                      (int)strnlen(in->m->cameo, sizeof in->m->cameo),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 8, in->mention);
    if (in->place_q)
        sqlite3_bind_int64(st, 9, in->mention);
    else
        sqlite3_bind_null(st, 9);
    sqlite3_bind_int(st, 10, in->place_q);
    sqlite3_bind_int(st, 11, in->lead);
    if (in->has_doc_day)
        sqlite3_bind_int64(st, 12, in->doc_day);
    else
        sqlite3_bind_null(st, 12);
    sqlite3_bind_double(st, 13, in->tone);
    sqlite3_bind_int64(st, 14, an__store_now(s));
    int rc = step_done(s, st, err, "creating an event");
    if (rc != AN_OK)
        return rc;
    *ev = sqlite3_last_insert_rowid(s->db);
    st = s->st[ST_SOURCE_INSERT];
    sqlite3_bind_int64(st, 1, *ev);
    sqlite3_bind_text(st, 2, in->origin, -1, SQLITE_STATIC);
    if ((rc = step_done(s, st, err, "counting sources")) != AN_OK)
        return rc;
    st = s->st[ST_CODE_INSERT];
    sqlite3_bind_int64(st, 1, *ev);
    sqlite3_bind_text(st, 2, in->m->cameo,
                      (int)strnlen(in->m->cameo, sizeof in->m->cameo),
                      SQLITE_STATIC);
    return step_done(s, st, err, "counting codes");
}

/*
** Add a mention to an existing event: count its code, and its source when
** it comes from a new article, then one UPDATE of the event that applies
** the rules (date, code, place, counts) in SQL.
*/
static int join_event(an_store *s, const an_merge_in *in, int64_t ev,
                      int new_article, an_err *err)
{
    const char *mc = in->m->cameo;
    int mclen = (int)strnlen(mc, sizeof in->m->cameo);
    int fresh, new_source = 0;
    int rc = tally(s, ST_CODE_BUMP, ST_CODE_INSERT, ev, mc, mclen, &fresh, err);
    if (rc == AN_OK && new_article)
        rc = tally(s, ST_SOURCE_BUMP, ST_SOURCE_INSERT, ev, in->origin, -1,
                   &new_source, err);
    if (rc != AN_OK)
        return rc;
    sqlite3_stmt *st = s->st[ST_EVENT_UPDATE];
    sqlite3_bind_int64(st, 1, ev);
    sqlite3_bind_int(st, 2, in->has_day);
    sqlite3_bind_int(st, 3, in->day_q);
    sqlite3_bind_int64(st, 4, in->day);
    sqlite3_bind_text(st, 5, mc, mclen, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, in->mention);
    sqlite3_bind_int(st, 8, in->place_q);
    sqlite3_bind_int(st, 9, new_article);
    sqlite3_bind_int(st, 10, new_source);
    if (in->has_doc_day)
        sqlite3_bind_int64(st, 11, in->doc_day);
    else
        sqlite3_bind_null(st, 11);
    sqlite3_bind_double(st, 12, new_article ? in->tone : 0.0);
    return step_done(s, st, err, "updating an event");
}

int an__merge_mention(an_store *s, const an_merge_in *in, an_touch *t,
                      int64_t *event, int *created, an_err *err)
{
    int64_t ev;
    int rc = find_event(s, in, &ev, err);
    if (rc != AN_OK)
        return rc;
    int added;
    if (!ev) {
        if ((rc = create_event(s, in, &ev, err)) != AN_OK)
            return rc;
        *created = 1;
        *event = ev;
        return touch_add(t, ev, &added, err);
    }
    *created = 0;
    *event = ev;
    if ((rc = touch_add(t, ev, &added, err)) != AN_OK)
        return rc;
    return join_event(s, in, ev, added, err);
}

/* Run `sql` with ?1 = ev (no rows expected). */
static int exec_ev(an_store *s, const char *sql, int64_t ev, an_err *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return an__store_sqlerr(s, rc, err, "recomputing an event");
    sqlite3_bind_int64(st, 1, ev);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW
               ? AN_OK
               : an__store_sqlerr(s, rc, err, "recomputing an event");
}

int an__event_recompute(an_store *s, int64_t ev, an_err *err)
{
    static const char *const steps[] = {
        "DELETE FROM event_codes WHERE event = ?1",
        "INSERT INTO event_codes SELECT ?1, cameo, count(*) FROM mentions "
        "WHERE event = ?1 GROUP BY cameo",
        "DELETE FROM event_sources WHERE event = ?1",
        "INSERT INTO event_sources SELECT ?1, d.origin, count(DISTINCT d.id) "
        "FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.event = ?1 "
        "GROUP BY d.origin",
        /* the event's own row, from its mentions */
        "UPDATE events SET "
        " num_mentions = (SELECT count(*) FROM mentions WHERE event = ?1),"
        " num_articles = (SELECT count(DISTINCT doc) FROM mentions "
        "   WHERE event = ?1),"
        " num_sources = (SELECT count(*) FROM event_sources WHERE event = ?1),"
        " rep_mention = coalesce((SELECT min(id) FROM mentions "
        "   WHERE event = ?1), rep_mention),"
        " first_seen = (SELECT min(d.day) FROM documents d WHERE d.id IN "
        "   (SELECT doc FROM mentions WHERE event = ?1)),"
        " last_seen = (SELECT max(d.day) FROM documents d WHERE d.id IN "
        "   (SELECT doc FROM mentions WHERE event = ?1)),"
        " tone_sum = coalesce((SELECT sum(d.tone) FROM documents d WHERE d.id "
        "   IN (SELECT doc FROM mentions WHERE event = ?1)), 0)"
        " WHERE id = ?1",
        "UPDATE events SET is_root = coalesce((SELECT sent < 3 FROM mentions "
        "  WHERE id = events.rep_mention), 0) WHERE id = ?1",
        /* code: most frequent, then earliest mention */
        "UPDATE events SET (cameo, cameo_n, code_mention) = (SELECT c.cameo, "
        "  c.n, (SELECT min(id) FROM mentions m WHERE m.event = ?1 AND "
        "  m.cameo = c.cameo) FROM event_codes c WHERE c.event = ?1 ORDER BY "
        "  c.n DESC, (SELECT min(id) FROM mentions m WHERE m.event = ?1 AND "
        "  m.cameo = c.cameo) LIMIT 1) WHERE id = ?1 AND EXISTS (SELECT 1 "
        "  FROM event_codes WHERE event = ?1)",
        /* date: time expressions first, then the earliest */
        "UPDATE events SET (day, day_q) = (SELECT m.day, CASE WHEN "
        "  m.date_source = 1 THEN 2 ELSE 1 END AS q FROM mentions m WHERE "
        "  m.event = ?1 AND m.day IS NOT NULL ORDER BY q DESC, m.day LIMIT 1) "
        "  WHERE id = ?1 AND anchor IS NOT NULL AND EXISTS (SELECT 1 FROM "
        "  mentions WHERE event = ?1 AND day IS NOT NULL)",
        /* place: a sentence place first, then the document's, earliest */
        "UPDATE events SET (place_mention, place_q) = (SELECT m.id, CASE "
        "  m.place_source WHEN 1 THEN 2 WHEN 2 THEN 1 ELSE 0 END AS q FROM "
        "  mentions m WHERE m.event = ?1 ORDER BY q DESC, m.id LIMIT 1) "
        "  WHERE id = ?1 AND EXISTS (SELECT 1 FROM mentions WHERE "
        "  event = ?1)",
        "UPDATE events SET place_mention = NULL WHERE id = ?1 AND place_q = 0",
        /* an event left without mentions goes */
        "DELETE FROM event_codes WHERE event = ?1 AND NOT EXISTS (SELECT 1 "
        "  FROM mentions WHERE event = ?1)",
        "DELETE FROM event_sources WHERE event = ?1 AND NOT EXISTS (SELECT 1 "
        "  FROM mentions WHERE event = ?1)",
        "DELETE FROM events WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM "
        "  mentions WHERE event = ?1)",
    };
    for (size_t i = 0; i < AN_COUNT(steps); i++) {
        int rc = exec_ev(s, steps[i], ev, err);
        if (rc != AN_OK)
            return rc;
    }
    return AN_OK;
}
