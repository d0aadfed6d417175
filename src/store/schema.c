/*
** schema.c - the tables of an annals store and the migrations between
** schema versions.
**
** The schema version is PRAGMA user_version (mirrored in meta), and a
** store says what it is with meta('application') = 'annals'.  Opening
** runs every migration from the file's version up to AN_STORE_SCHEMA in
** one transaction together with the version bump, so a crash leaves the
** file at its old version or the new one, never between.  Files made
** by other programs and files from a newer annals are refused.
**
** Version 1: documents, mentions, events (with per-event source and code
** tallies), near-duplicate bands, the term index and stories.
** Version 2: the `runs` table (one row per writing session: when, which
** annals, what it added).
*/
#include <stdio.h>
#include <stdlib.h>

#include "store_int.h"

static const char schema_v1[] =
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT);"
    /* Documents.  day: publication date as days since 1970-01-01. */
    "CREATE TABLE documents ("
    "  id INTEGER PRIMARY KEY,"
    "  doc_key TEXT NOT NULL UNIQUE,"
    "  url TEXT,"
    "  outlet TEXT,"
    "  source TEXT NOT NULL,"      /* outlet, else URL host, else doc:<id> */
    "  origin TEXT NOT NULL,"      /* source of its duplicate cluster's first */
    "  title TEXT,"
    "  day INTEGER,"
    "  text_hash INTEGER NOT NULL,"
    "  coding_hash INTEGER NOT NULL,"
    "  text_len INTEGER NOT NULL," /* bytes */
    "  text_chars INTEGER NOT NULL,"
    "  nsent INTEGER NOT NULL,"
    "  tone REAL NOT NULL,"
    "  nmention INTEGER NOT NULL,"
    "  dup_of INTEGER,"            /* first article of its duplicate cluster */
    "  dup_sim REAL,"
    "  minhash BLOB,"              /* AN_DUP_K little-endian u32 */
    "  terms BLOB,"                /* sorted content-word hashes */
    "  story INTEGER,"
    "  added INTEGER NOT NULL);"
    "CREATE INDEX documents_url ON documents(url);"
    "CREATE INDEX documents_story ON documents(story);"
    "CREATE INDEX documents_dup ON documents(dup_of);"
    /* Mentions: one coded event in one sentence, with its evidence. */
    "CREATE TABLE mentions ("
    "  id INTEGER PRIMARY KEY,"
    "  doc INTEGER NOT NULL REFERENCES documents(id),"
    "  event INTEGER,"
    "  sent INTEGER NOT NULL,"
    "  n INTEGER NOT NULL,"
    "  source TEXT NOT NULL,"
    "  source_country TEXT,"
    "  source_sector TEXT,"
    "  source_text TEXT,"
    "  source_start INTEGER,"
    "  source_end INTEGER,"
    "  source_char INTEGER,"
    "  source_how INTEGER,"
    "  target TEXT NOT NULL,"
    "  target_country TEXT,"
    "  target_sector TEXT,"
    "  target_text TEXT,"
    "  target_start INTEGER,"
    "  target_end INTEGER,"
    "  target_char INTEGER,"
    "  target_how INTEGER,"
    "  cameo TEXT NOT NULL,"
    "  plover_event TEXT,"
    "  plover_mode TEXT,"
    "  plover_context TEXT,"
    "  goldstein REAL,"
    "  quad_class INTEGER,"
    "  modality INTEGER NOT NULL,"
    "  day INTEGER,"
    "  date_text TEXT,"
    "  date_source INTEGER,"
    "  date_start INTEGER,"
    "  date_end INTEGER,"
    "  place_name TEXT,"
    "  place_country TEXT,"
    "  place_admin1 TEXT,"
    "  lat REAL,"
    "  lon REAL,"
    "  geonames_id INTEGER,"
    "  place_start INTEGER,"
    "  place_end INTEGER,"
    "  place_source INTEGER NOT NULL,"
    "  span_start INTEGER,"
    "  span_end INTEGER,"
    "  action_char INTEGER,"
    "  evidence TEXT,"
    "  verb INTEGER,"
    "  verb_text TEXT);"
    "CREATE INDEX mentions_doc ON mentions(doc);"
    "CREATE INDEX mentions_event ON mentions(event);"
    /* Events: mentions merged (docs/store.md gives the rule). */
    "CREATE TABLE events ("
    "  id INTEGER PRIMARY KEY,"
    "  source TEXT NOT NULL,"
    "  target TEXT NOT NULL,"
    "  root TEXT NOT NULL,"
    "  modality INTEGER NOT NULL,"
    "  anchor INTEGER,"            /* matching date (days), NULL: undated */
    "  day INTEGER,"               /* reported date */
    "  day_q INTEGER NOT NULL,"    /* 2 expression, 1 document, 0 none */
    "  cameo TEXT NOT NULL,"       /* most frequent full code */
    "  cameo_n INTEGER NOT NULL,"
    "  code_mention INTEGER NOT NULL," /* a mention carrying that code */
    "  place_mention INTEGER,"
    "  place_q INTEGER NOT NULL,"
    "  rep_mention INTEGER NOT NULL," /* first mention: evidence, URL */
    "  is_root INTEGER NOT NULL,"
    "  num_mentions INTEGER NOT NULL,"
    "  num_articles INTEGER NOT NULL,"
    "  num_sources INTEGER NOT NULL,"
    "  first_seen INTEGER,"
    "  last_seen INTEGER,"
    "  tone_sum REAL NOT NULL,"
    "  added INTEGER NOT NULL);"
    "CREATE INDEX events_key ON events(source, target, root, modality, anchor);"
    "CREATE INDEX events_target ON events(target);"
    "CREATE INDEX events_day ON events(day);"
    "CREATE TABLE event_sources ("
    "  event INTEGER NOT NULL,"
    "  origin TEXT NOT NULL,"
    "  narticles INTEGER NOT NULL,"
    "  PRIMARY KEY (event, origin)) WITHOUT ROWID;"
    "CREATE TABLE event_codes ("
    "  event INTEGER NOT NULL,"
    "  cameo TEXT NOT NULL,"
    "  n INTEGER NOT NULL,"
    "  PRIMARY KEY (event, cameo)) WITHOUT ROWID;"
    /* Near-duplicate candidates: LSH band keys of MinHash signatures. */
    "CREATE TABLE doc_bands ("
    "  band INTEGER NOT NULL,"
    "  doc INTEGER NOT NULL,"
    "  PRIMARY KEY (band, doc)) WITHOUT ROWID;"
    /* Stories and the index of rarer terms that finds related articles. */
    "CREATE TABLE terms ("
    "  term INTEGER PRIMARY KEY,"
    "  df INTEGER NOT NULL);"
    "CREATE TABLE term_docs ("
    "  term INTEGER NOT NULL,"
    "  doc INTEGER NOT NULL,"
    "  PRIMARY KEY (term, doc)) WITHOUT ROWID;"
    "CREATE TABLE stories ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT,"
    "  first_doc INTEGER,"
    "  first_day INTEGER,"
    "  last_day INTEGER,"
    "  ndocs INTEGER NOT NULL,"
    "  added INTEGER NOT NULL);"
    "CREATE VIEW event_mentions AS SELECT event, id AS mention FROM mentions;"
    "CREATE VIEW story_documents AS "
    "  SELECT story, id AS doc FROM documents WHERE story IS NOT NULL;"
    "INSERT INTO meta VALUES ('application', 'annals');";

static const char schema_v2[] =
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY,"
    "  started INTEGER NOT NULL,"
    "  updated INTEGER NOT NULL,"
    "  version TEXT NOT NULL,"
    "  added INTEGER NOT NULL DEFAULT 0,"
    "  unchanged INTEGER NOT NULL DEFAULT 0,"
    "  replaced INTEGER NOT NULL DEFAULT 0,"
    "  mentions INTEGER NOT NULL DEFAULT 0);";

/* input_hash: an_doc_input_hash() of the document as stored, so that a
   later run can leave it uncoded when its input has not changed. */
static const char schema_v3[] =
    "ALTER TABLE documents ADD COLUMN input_hash INTEGER;";

static const char *const migrations[AN_STORE_SCHEMA] = {schema_v1, schema_v2,
                                                        schema_v3};

/* One integer from a query, or -1 (with err set) on failure. */
static int query_int(an_store *s, const char *sql, int64_t *out, an_err *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return an__store_sqlerr(s, rc, err, "reading the schema");
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return an__store_sqlerr(s, rc, err, "reading the schema");
    return AN_OK;
}

int an__store_migrate(an_store *s, int target, an_err *err)
{
    int64_t version, ntables, is_annals = 0;
    int rc;
    if ((rc = query_int(s, "PRAGMA user_version", &version, err)) != AN_OK ||
        (rc = query_int(s, "SELECT count(*) FROM sqlite_master", &ntables,
                        err)) != AN_OK)
        return rc;
    if (ntables > 0) {
        int64_t has_meta;
        if ((rc = query_int(s,
                            "SELECT count(*) FROM sqlite_master WHERE "
                            "type = 'table' AND name = 'meta'",
                            &has_meta, err)) != AN_OK)
            return rc;
        if (has_meta &&
            (rc = query_int(s,
                            "SELECT count(*) FROM meta WHERE key = "
                            "'application' AND value = 'annals'",
                            &is_annals, err)) != AN_OK)
            return rc;
        if (!is_annals || version < 1)
            return an_err_set(err, AN_EFORMAT,
                              "%s: not an annals event store (an SQLite "
                              "database made by another program)",
                              s->path);
    }
    if (version > AN_STORE_SCHEMA)
        return an_err_set(err, AN_EFORMAT,
                          "%s: written by a newer annals (schema version "
                          "%lld; this annals knows up to %d)",
                          s->path, (long long)version, AN_STORE_SCHEMA);
    if (version >= target)
        return AN_OK;
    if (s->readonly && ntables == 0)
        return an_err_set(err, AN_ENOENT, "%s: empty database (no events "
                          "stored yet)", s->path);
    if (s->readonly)
        return an_err_set(err, AN_EFORMAT,
                          "%s: schema version %lld needs migrating to %d; "
                          "open it for writing once (annals code --db)",
                          s->path, (long long)version, target);
    /* one transaction for the whole upgrade: a crash leaves the old
       version or the new one */
    if ((rc = an__store_exec(s, "BEGIN IMMEDIATE", err)) != AN_OK)
        return rc;
    /* another process may have migrated while we waited for the lock */
    if ((rc = query_int(s, "PRAGMA user_version", &version, err)) != AN_OK) {
        an__store_exec(s, "ROLLBACK", NULL);
        return rc;
    }
    for (int v = (int)version + 1; v <= target; v++) {
        char bump[160];
        snprintf(bump, sizeof bump,
                 "PRAGMA user_version = %d;"
                 "INSERT OR REPLACE INTO meta VALUES ('schema_version', '%d');",
                 v, v);
        if ((rc = an__store_exec(s, migrations[v - 1], err)) != AN_OK ||
            (rc = an__store_exec(s, bump, err)) != AN_OK) {
            an__store_exec(s, "ROLLBACK", NULL);
            return rc;
        }
    }
    if ((rc = an__store_exec(s, "COMMIT", err)) != AN_OK)
        an__store_exec(s, "ROLLBACK", NULL);
    return rc;
}

/* The count of the joining mention's code in the event (ST_EVENT_UPDATE). */
#define CODE_N "(SELECT n FROM event_codes WHERE event = ?1 AND cameo = ?5)"

/*
** The statements, indexed by the ST_* names of store_int.h.  Parameters
** are numbered so that each function binds them in one obvious order.
*/
static const char *const statements[ST_COUNT] = {
    [ST_DOC_BY_KEY] =
        "SELECT id, text_hash, coding_hash, story, terms, dup_of, minhash "
        "FROM documents WHERE doc_key = ?1",
    [ST_DOC_BY_URL] =
        "SELECT id, text_hash, coding_hash, story, terms, dup_of, minhash "
        "FROM documents WHERE url = ?1 ORDER BY id LIMIT 1",
    [ST_DOC_INSERT] =
        "INSERT INTO documents (doc_key, url, outlet, source, origin, title, "
        "day, text_hash, coding_hash, text_len, text_chars, nsent, tone, "
        "nmention, minhash, terms, added, input_hash) "
        "VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14, ?15, ?16, ?18)",
    [ST_DOC_UPDATE] =
        "UPDATE documents SET doc_key = ?1, url = ?2, outlet = ?3, "
        "source = ?4, origin = ?4, title = ?5, day = ?6, text_hash = ?7, "
        "coding_hash = ?8, text_len = ?9, text_chars = ?10, nsent = ?11, "
        "tone = ?12, nmention = ?13, minhash = ?14, terms = ?15, "
        "added = ?16, dup_of = NULL, dup_sim = NULL, story = NULL, "
        "input_hash = ?18 WHERE id = ?17",
    [ST_DOC_SET_INPUT] = "UPDATE documents SET input_hash = ?2 WHERE id = ?1",
    [ST_DOC_SET_DUP] =
        "UPDATE documents SET dup_of = ?2, dup_sim = ?3, "
        "origin = (SELECT origin FROM documents WHERE id = ?2) WHERE id = ?1",
    [ST_DOC_SET_STORY] = "UPDATE documents SET story = ?2 WHERE id = ?1",
    [ST_DOC_SIG] =
        "SELECT minhash, dup_of, story, terms, day FROM documents "
        "WHERE id = ?1",
    [ST_DOC_DELETE_BANDS] = "DELETE FROM doc_bands WHERE band = ?1 AND doc = ?2",
    [ST_DOC_ORIGIN] = "SELECT origin FROM documents WHERE id = ?1",
    [ST_RUN_INSERT] =
        "INSERT INTO runs (started, updated, version) VALUES (?1, ?1, ?2)",
    [ST_MENTION_INSERT] =
        "INSERT INTO mentions (doc, sent, n, source, source_country, "
        "source_sector, source_text, source_start, source_end, source_char, "
        "source_how, target, target_country, target_sector, target_text, "
        "target_start, target_end, target_char, target_how, cameo, "
        "plover_event, plover_mode, plover_context, goldstein, quad_class, "
        "modality, day, date_text, date_source, date_start, date_end, "
        "place_name, place_country, place_admin1, lat, lon, geonames_id, "
        "place_start, place_end, place_source, span_start, span_end, "
        "action_char, evidence, verb, verb_text, id, event) VALUES (?1, ?2, "
        "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
        "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, "
        "?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, "
        "?44, ?45, ?46, ?47, ?48)",
    [ST_MENTION_MAX_ID] = "SELECT coalesce(max(id), 0) FROM mentions",
    [ST_MENTIONS_OF_DOC] =
        "SELECT DISTINCT event FROM mentions WHERE doc = ?1",
    [ST_MENTIONS_DELETE_DOC] = "DELETE FROM mentions WHERE doc = ?1",
    [ST_EVENT_FIND_DATED] =
        "SELECT id, anchor FROM events WHERE source = ?1 AND target = ?2 "
        "AND root = ?3 AND modality = ?4 AND anchor BETWEEN ?5 - ?6 AND "
        "?5 + ?6 ORDER BY anchor",
    [ST_EVENT_FIND_UNDATED] =
        "SELECT id FROM events WHERE source = ?1 AND target = ?2 AND "
        "root = ?3 AND modality = ?4 AND anchor IS NULL ORDER BY id LIMIT 1",
    [ST_EVENT_INSERT] =
        "INSERT INTO events (source, target, root, modality, anchor, day, "
        "day_q, cameo, cameo_n, code_mention, place_mention, place_q, "
        "rep_mention, is_root, num_mentions, num_articles, num_sources, "
        "first_seen, last_seen, tone_sum, added) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?5, ?6, ?7, 1, ?8, ?9, ?10, ?8, ?11, 1, 1, 1, ?12, ?12, ?13, ?14)",
    /* One mention joins an event.  ?2 has a date, ?3 its quality, ?4 the
       day; ?5 its CAMEO code (CODE_N is that code's count, already
       counting this mention; ?6 is not used); ?7 the
       mention; ?8 its place quality; ?9 a new article, ?10 a new source;
       ?11 the article's day; ?12 its tone (0 when not a new article).
       The right-hand sides all see the row before the update. */
    [ST_EVENT_UPDATE] =
        "UPDATE events SET "
        "day = CASE WHEN ?2 AND anchor IS NOT NULL AND (?3 > day_q OR "
        "  (?3 = day_q AND ?4 < day)) THEN ?4 ELSE day END, "
        "day_q = CASE WHEN ?2 AND anchor IS NOT NULL AND (?3 > day_q OR "
        "  (?3 = day_q AND ?4 < day)) THEN ?3 ELSE day_q END, "
        "cameo = CASE WHEN cameo != ?5 AND " CODE_N " > cameo_n THEN ?5 "
        "  ELSE cameo END, "
        "cameo_n = CASE WHEN cameo = ?5 OR " CODE_N " > cameo_n THEN " CODE_N " "
        "  ELSE cameo_n END, "
        "code_mention = CASE WHEN cameo != ?5 AND " CODE_N " > cameo_n THEN ?7 "
        "  ELSE code_mention END, "
        "place_mention = CASE WHEN ?8 > place_q THEN ?7 "
        "  ELSE place_mention END, "
        "place_q = max(place_q, ?8), "
        "num_mentions = num_mentions + 1, "
        "num_articles = num_articles + ?9, num_sources = num_sources + ?10, "
        "first_seen = CASE WHEN ?11 IS NOT NULL AND (first_seen IS NULL OR "
        "  ?11 < first_seen) THEN ?11 ELSE first_seen END, "
        "last_seen = CASE WHEN ?11 IS NOT NULL AND (last_seen IS NULL OR "
        "  ?11 > last_seen) THEN ?11 ELSE last_seen END, "
        "tone_sum = tone_sum + ?12 "
        "WHERE id = ?1",
    [ST_EVENT_DELETE] = "DELETE FROM events WHERE id = ?1",
    [ST_SOURCE_INSERT] = "INSERT INTO event_sources VALUES (?1, ?2, 1)",
    [ST_SOURCE_BUMP] =
        "UPDATE event_sources SET narticles = narticles + 1 "
        "WHERE event = ?1 AND origin = ?2",
    [ST_CODE_INSERT] = "INSERT INTO event_codes VALUES (?1, ?2, 1)",
    [ST_CODE_BUMP] =
        "UPDATE event_codes SET n = n + 1 WHERE event = ?1 AND cameo = ?2",
    [ST_SAVEPOINT] = "SAVEPOINT doc",
    [ST_RELEASE] = "RELEASE doc",
    [ST_ROLLBACK_TO] = "ROLLBACK TO doc",
    [ST_BAND_INSERT] = "INSERT OR IGNORE INTO doc_bands VALUES (?1, ?2)",
    [ST_BAND_FIND] =
        "SELECT doc FROM doc_bands WHERE band = ?1 AND doc != ?2 "
        "ORDER BY doc LIMIT 256",
    [ST_TERM_GET] = "SELECT df FROM terms WHERE term = ?1",
    [ST_TERM_BUMP] =
        "INSERT INTO terms VALUES (?1, 1) "
        "ON CONFLICT (term) DO UPDATE SET df = df + 1",
    [ST_TERM_DROP] = "UPDATE terms SET df = df - 1 WHERE term = ?1",
    [ST_POSTING_INSERT] = "INSERT OR IGNORE INTO term_docs VALUES (?1, ?2)",
    [ST_POSTING_FIND] =
        "SELECT doc FROM term_docs WHERE term = ?1 AND doc != ?2 "
        "ORDER BY doc DESC LIMIT ?3",
    [ST_POSTING_DELETE] = "DELETE FROM term_docs WHERE term = ?1 AND doc = ?2",
    [ST_STORY_INSERT] =
        "INSERT INTO stories (title, first_doc, first_day, last_day, ndocs, "
        "added) VALUES (?1, ?2, ?3, ?3, 1, ?4)",
    [ST_STORY_GET] =
        "SELECT first_day, last_day, ndocs FROM stories WHERE id = ?1",
    [ST_STORY_UPDATE] =
        "UPDATE stories SET title = coalesce(?2, title), "
        "first_doc = coalesce(?3, first_doc), first_day = ?4, last_day = ?5, "
        "ndocs = ndocs + ?6 WHERE id = ?1",
    [ST_STORY_DELETE] = "DELETE FROM stories WHERE id = ?1",
    [ST_DOC_EVENT_STORIES] =
        "SELECT m.doc, count(DISTINCT m.event) FROM mentions m "
        "WHERE m.event = ?1 AND m.doc != ?2 GROUP BY m.doc "
        "ORDER BY m.doc DESC LIMIT 32",
    [ST_RUN_UPDATE] =
        "UPDATE runs SET updated = ?2, added = ?3, unchanged = ?4, "
        "replaced = ?5, mentions = ?6 WHERE id = ?1",
};

int an__store_prepare(an_store *s, an_err *err)
{
    for (int i = 0; i < ST_COUNT; i++) {
        if (s->readonly && i != ST_DOC_BY_KEY)
            continue; /* queries prepare their own statements */
        int rc = sqlite3_prepare_v3(s->db, statements[i], -1,
                                    SQLITE_PREPARE_PERSISTENT, &s->st[i],
                                    NULL);
        if (rc != SQLITE_OK)
            return an__store_sqlerr(s, rc, err, "preparing statements");
    }
    return AN_OK;
}

/* Append "?a, ?a+1, ..., ?b" to b. */
static void params(an_buf *b, size_t from, size_t to)
{
    for (size_t i = from; i <= to; i++)
        an_buf_printf(b, "%s?%zu", i > from ? ", " : "", i);
}

int an__multi(an_store *s, int kind, size_t n, sqlite3_stmt **out,
              an_err *err)
{
    *out = NULL;
    if (n == 0 || n > AN_MULTI_MAX || kind < 0 || kind >= MK_COUNT)
        return an_err_set(err, AN_EINTERNAL, "bad statement size %zu", n);
    sqlite3_stmt *st = s->multi[kind][n];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        *out = st;
        return AN_OK;
    }
    an_buf b;
    an_buf_init(&b);
    switch (kind) {
    case MK_TERM_GET:
        an_buf_adds(&b, "SELECT term, df FROM terms WHERE term IN (");
        params(&b, 1, n);
        an_buf_adds(&b, ")");
        break;
    case MK_TERM_BUMP:
        an_buf_adds(&b, "INSERT INTO terms VALUES ");
        for (size_t i = 1; i <= n; i++)
            an_buf_printf(&b, "%s(?%zu, 1)", i > 1 ? ", " : "", i);
        an_buf_adds(&b, " ON CONFLICT (term) DO UPDATE SET df = df + 1");
        break;
    case MK_POSTING_INSERT:
    case MK_BAND_INSERT:
        an_buf_adds(&b, kind == MK_BAND_INSERT
                            ? "INSERT OR IGNORE INTO doc_bands VALUES "
                            : "INSERT OR IGNORE INTO term_docs VALUES ");
        for (size_t i = 1; i <= n; i++)
            an_buf_printf(&b, "%s(?%zu, ?%zu)", i > 1 ? ", " : "", i, n + 1);
        break;
    case MK_POSTING_FIND:
        for (size_t i = 1; i <= n; i++)
            an_buf_printf(&b, "%sSELECT doc FROM (SELECT doc FROM term_docs "
                              "WHERE term = ?%zu AND doc != ?%zu ORDER BY doc "
                              "DESC LIMIT ?%zu)",
                          i > 1 ? " UNION ALL " : "", i, n + 1, n + 2);
        break;
    case MK_DOC_SIG:
        an_buf_adds(&b, "SELECT id, minhash, dup_of, story, terms, day FROM "
                        "documents WHERE id IN (");
        params(&b, 1, n);
        an_buf_adds(&b, ")");
        break;
    case MK_BAND_FIND:
        an_buf_adds(&b, "SELECT doc FROM doc_bands WHERE band IN (");
        params(&b, 1, n);
        an_buf_printf(&b, ") AND doc != ?%zu LIMIT 4096", n + 1);
        break;
    }
    an_buf_addc(&b, 0);
    if (b.oom) {
        an_buf_fini(&b);
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    int rc = sqlite3_prepare_v3(s->db, b.p, -1, SQLITE_PREPARE_PERSISTENT, &st,
                                NULL);
    an_buf_fini(&b);
    if (rc != SQLITE_OK)
        return an__store_sqlerr(s, rc, err, "preparing statements");
    s->multi[kind][n] = st;
    *out = st;
    return AN_OK;
}
