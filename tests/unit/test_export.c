/*
** test_export.c - exports of the event store (GDELT 2.0 event and mention
** tables, JSON lines, CSV), CAMEO actor code splitting, the country
** table, query filters, and the timeline/export/code --db commands.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>

#include "base/arena.h"
#include "base/json.h"
#include "test.h"

#define NOW 1742300000 /* 2025-03-18 12:13:20 UTC */

static const char *tmp_path(const char *name)
{
    static char buf[4][512];
    static int k;
    char *b = buf[k++ % 4];
    snprintf(b, 512, "%s/%s", an_test_tmpdir(), name);
    char p[560];
    remove(b);
    snprintf(p, sizeof p, "%s-wal", b);
    remove(p);
    snprintf(p, sizeof p, "%s-shm", b);
    remove(p);
    return b;
}

static an_date d_of(const char *s)
{
    an_date d = {0, 0, 0};
    if (s)
        an_date_parse(s, strlen(s), &d);
    return d;
}

/* Fill a mention (strings are literals). */
static void mention(an_mention *m, uint32_t sent, const char *src,
                    const char *srcname, const char *tgt, const char *tgtname,
                    const char *cameo, const char *date, uint32_t start,
                    uint32_t end)
{
    memset(m, 0, sizeof *m);
    m->sent = sent;
    m->source.code = src;
    m->source.text = srcname;
    m->source.start = start;
    m->source.end = start + (uint32_t)strlen(srcname);
    m->source.how = AN_ACTOR_NAME;
    m->target.code = tgt;
    m->target.text = tgtname;
    m->target.how = tgt ? AN_ACTOR_COUNTRY : AN_ACTOR_NONE;
    snprintf(m->cameo, sizeof m->cameo, "%s", cameo);
    m->plover_event = "ASSAULT";
    m->plover_mode = "aerial";
    m->plover_context = "military";
    m->goldstein = -10;
    m->quad_class = 4;
    m->date = d_of(date);
    m->date_source = date ? AN_EDATE_EXPRESSION : AN_EDATE_NONE;
    m->span_start = start;
    m->span_end = end;
    m->verb_text = "shelled";
}

/*
** A small store: two outlets report Russian shelling of Kharkiv (merged),
** the UN criticises it, and an undated meeting.
*/
static const char *make_store(void)
{
    const char *path = tmp_path("export.db");
    an_store *s;
    an_err err;
    an_store_opts o = {0};
    o.now = NOW;
    if (an_store_open(path, &o, &s, &err) != AN_OK)
        return NULL;
    static const char t1[] =
        "Russian forces shelled Kharkiv on Monday, killing three people. "
        "The United Nations condemned the attack.";
    static const char t2[] =
        "Kharkiv came under Russian artillery fire on Monday, officials "
        "said, in a \"brutal\" attack.";
    static const char t3[] = "Officials of Iran and Iraq met, with hope "
                             "for peace.";
    an_mention m1[2], m2[1], m3[1];
    mention(&m1[0], 0, "RUSMIL", "Russian forces", "UKR", "Kharkiv", "195",
            "2025-03-17", 0, 64);
    m1[0].target.start = 23;
    m1[0].target.end = 30;
    m1[0].place.name = "Kharkiv";
    memcpy(m1[0].place.country, "UKR", 4);
    m1[0].place.admin1 = "Kharkivska";
    m1[0].place.lat = 49.98081;
    m1[0].place.lon = 36.25272;
    m1[0].place.geonames_id = 706483;
    m1[0].place.source = AN_PLACE_SENTENCE;
    mention(&m1[1], 1, "IGOUNO", "The United Nations", "RUSMIL", "Russian",
            "111", "2025-03-17", 64, 104);
    m1[1].plover_event = "DISAPPROVE";
    m1[1].quad_class = 3;
    m1[1].goldstein = -2;
    mention(&m2[0], 0, "RUSMIL", "Russian artillery", "UKR", "Kharkiv", "190",
            NULL, 0, 90);
    m2[0].verb_text = "came under fire";
    m2[0].source.start = 19;
    m2[0].source.end = 36;
    m2[0].place.name = "Ukraine";
    memcpy(m2[0].place.country, "UKR", 4);
    m2[0].place.admin1 = "";
    m2[0].place.lat = 49;
    m2[0].place.lon = 32;
    m2[0].place.source = AN_PLACE_DOCUMENT;
    mention(&m3[0], 0, "IRNGOV", "Officials of Iran", "IRQGOV", "Iraq", "036",
            NULL, 0, 52);
    m3[0].plover_event = "CONSULT";
    m3[0].plover_mode = "";
    m3[0].plover_context = "";
    m3[0].quad_class = 1;
    m3[0].goldstein = 4;
    m3[0].modality = AN_MOD_PLANNED;
    an_store_doc d[3];
    memset(d, 0, sizeof d);
    d[0].id = an_span_str("wire-1");
    d[0].url = an_span_str("https://www.wire.example/world/1");
    d[0].title = an_span_str("Russia shells Kharkiv");
    d[0].text = (an_span){t1, sizeof t1 - 1};
    d[0].date = d_of("2025-03-17");
    d[0].mentions = m1;
    d[0].nmention = 2;
    d[1].id = an_span_str("paper-7");
    d[1].outlet = an_span_str("Daily Paper");
    d[1].text = (an_span){t2, sizeof t2 - 1};
    d[1].date = d_of("2025-03-18");
    d[1].mentions = m2;
    d[1].nmention = 1;
    d[2].id = an_span_str("undated-1");
    d[2].text = (an_span){t3, sizeof t3 - 1};
    d[2].mentions = m3;
    d[2].nmention = 1;
    for (int i = 0; i < 3; i++)
        if (an_store_add(s, &d[i], NULL, &err) != AN_OK) {
            fprintf(stderr, "make_store: %s\n", err.msg);
            an_store_close(s, NULL);
            return NULL;
        }
    return an_store_close(s, &err) == AN_OK ? path : NULL;
}

static int to_buf(void *ctx, const void *p, size_t n)
{
    an_buf_add(ctx, p, n);
    return AN_OK;
}

/* Export into a heap string (caller frees), or NULL. */
static char *export_str(const char *path, int format, int table,
                        const an_store_query *q)
{
    an_store *s;
    an_err err;
    an_store_opts ro = {0};
    ro.readonly = 1;
    if (an_store_open(path, &ro, &s, &err) != AN_OK)
        return NULL;
    an_buf b;
    an_buf_init(&b);
    int rc = an_export(s, format, table, q, to_buf, &b, &err);
    an_store_close(s, NULL);
    an_buf_addc(&b, 0);
    if (rc != AN_OK) {
        fprintf(stderr, "export: %s\n", err.msg);
        an_buf_fini(&b);
        return NULL;
    }
    return b.p;
}

/* Split `line` (modified) at `sep` into at most max fields. */
static size_t split(char *line, char sep, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == sep) {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

/* Count the fields of one CSV record starting at *p; advances *p. */
static size_t csv_fields(const char **p)
{
    size_t n = 1;
    bool q = false;
    const char *s = *p;
    for (; *s; s++) {
        if (q) {
            if (*s == '"' && s[1] == '"')
                s++;
            else if (*s == '"')
                q = false;
        } else if (*s == '"') {
            q = true;
        } else if (*s == ',') {
            n++;
        } else if (*s == '\n') {
            s++;
            break;
        }
    }
    *p = s;
    return n;
}

AN_TEST(export_gdelt_event_table_has_61_columns)
{
    const char *path = make_store();
    ASSERT(path != NULL);
    char *out = export_str(path, AN_EXPORT_GDELT, AN_EXPORT_EVENTS, NULL);
    ASSERT(out != NULL);
    char *save, *line;
    int rows = 0;
    char *f[80];
    for (line = strtok_r(out, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t n = split(line, '\t', f, 80);
        if (n != AN_GDELT_EVENT_COLUMNS)
            FAIL("row %d has %zu columns, not 61", rows + 1, n);
        ASSERT_EQ(strlen(f[1]), 8);   /* SQLDATE YYYYMMDD */
        ASSERT_EQ(strlen(f[2]), 6);   /* MonthYear */
        ASSERT_EQ(strlen(f[3]), 4);   /* Year */
        ASSERT_EQ(strlen(f[59]), 14); /* DATEADDED YYYYMMDDHHMMSS */
        ASSERT_STR_EQ(f[59], "20250318121320");
        if (!strcmp(f[5], "RUSMIL") && !strcmp(f[26], "195")) {
            /* the merged shelling of Kharkiv */
            ASSERT_STR_EQ(f[1], "20250317");
            ASSERT_STR_EQ(f[2], "202503");
            ASSERT_STR_EQ(f[3], "2025");
            ASSERT_STR_EQ(f[4], "2025.2932"); /* 2025 + (3 * 30 + 17) / 365 */
            ASSERT_STR_EQ(f[6], "RUSSIAN FORCES");
            ASSERT_STR_EQ(f[7], "RUS");
            ASSERT_STR_EQ(f[12], "MIL");
            ASSERT_STR_EQ(f[15], "UKR");
            ASSERT_STR_EQ(f[17], "UKR");
            ASSERT_STR_EQ(f[22], "");
            ASSERT_STR_EQ(f[25], "1");   /* IsRootEvent */
            ASSERT_STR_EQ(f[27], "195"); /* EventBaseCode */
            ASSERT_STR_EQ(f[28], "19");  /* EventRootCode */
            ASSERT_STR_EQ(f[29], "4");   /* QuadClass */
            ASSERT_STR_EQ(f[30], "-10.0");
            ASSERT_STR_EQ(f[31], "2");   /* NumMentions */
            ASSERT_STR_EQ(f[32], "2");   /* NumSources */
            ASSERT_STR_EQ(f[33], "2");   /* NumArticles */
            ASSERT_STR_EQ(f[35], "0");   /* Actor1Geo_Type: none */
            ASSERT_STR_EQ(f[51], "4");   /* ActionGeo_Type: WORLDCITY */
            ASSERT_STR_EQ(f[52], "Kharkiv, Kharkivska, Ukraine");
            ASSERT_STR_EQ(f[53], "UP");  /* FIPS 10-4 for Ukraine */
            ASSERT_STR_EQ(f[56], "49.9808");
            ASSERT_STR_EQ(f[57], "36.2527");
            ASSERT_STR_EQ(f[58], "706483");
            ASSERT_STR_EQ(f[60], "https://www.wire.example/world/1");
            ASSERT(atof(f[34]) < 0); /* AvgTone: killing, attack */
        }
        if (!strcmp(f[5], "IGOUNO")) {
            ASSERT_STR_EQ(f[7], "");
            ASSERT_STR_EQ(f[8], "UNO"); /* KnownGroupCode */
            ASSERT_STR_EQ(f[12], "IGO");
            ASSERT_STR_EQ(f[26], "111");
            ASSERT_STR_EQ(f[51], "0");
        }
        if (!strcmp(f[5], "IRNGOV")) {
            /* undated: the date it was added */
            ASSERT_STR_EQ(f[1], "20250318");
            ASSERT_STR_EQ(f[60], "undated-1");
        }
        rows++;
    }
    ASSERT_EQ(rows, 3);
    free(out);
    /* --asserted leaves the planned meeting out */
    an_store_query q = {0};
    q.asserted_only = 1;
    out = export_str(path, AN_EXPORT_GDELT, AN_EXPORT_EVENTS, &q);
    ASSERT(out != NULL);
    ASSERT(!strstr(out, "IRNGOV"));
    free(out);
}

AN_TEST(export_gdelt_mention_table_has_16_columns)
{
    const char *path = make_store();
    ASSERT(path != NULL);
    char *out = export_str(path, AN_EXPORT_GDELT, AN_EXPORT_MENTIONS, NULL);
    ASSERT(out != NULL);
    char *save, *line, *f[40];
    int rows = 0, seen_wire = 0;
    for (line = strtok_r(out, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t n = split(line, '\t', f, 40);
        if (n != AN_GDELT_MENTION_COLUMNS)
            FAIL("row %d has %zu columns, not 16", rows + 1, n);
        ASSERT_EQ(strlen(f[1]), 14);
        ASSERT_EQ(strlen(f[2]), 14);
        if (!strcmp(f[5], "https://www.wire.example/world/1") &&
            !strcmp(f[6], "1")) {
            seen_wire = 1;
            ASSERT_STR_EQ(f[3], "1");             /* MentionType: WEB */
            ASSERT_STR_EQ(f[4], "wire.example");  /* MentionSourceName */
            ASSERT_STR_EQ(f[7], "0");             /* Actor1CharOffset */
            ASSERT_STR_EQ(f[8], "23");            /* Actor2CharOffset */
            ASSERT_STR_EQ(f[10], "1");            /* InRawText */
            ASSERT_STR_EQ(f[11], "100");          /* Confidence */
            ASSERT_STR_EQ(f[12], "104");          /* MentionDocLen */
            ASSERT_STR_EQ(f[14], "");
            ASSERT_STR_EQ(f[15], "");
        }
        if (!strcmp(f[5], "paper-7")) {
            ASSERT_STR_EQ(f[3], "2");             /* CITATIONONLY */
            ASSERT_STR_EQ(f[4], "Daily Paper");
        }
        rows++;
    }
    ASSERT_EQ(rows, 4);
    ASSERT(seen_wire);
    free(out);
}

AN_TEST(export_jsonl_and_csv)
{
    const char *path = make_store();
    ASSERT(path != NULL);
    an_arena a;
    an_arena_init(&a);
    for (int table = 0; table <= 2; table++) {
        char *out = export_str(path, AN_EXPORT_JSONL, table, NULL);
        ASSERT(out != NULL);
        int rows = 0;
        char *save, *line;
        for (line = strtok_r(out, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save)) {
            an_json *j;
            an_err err;
            if (an_json_parse(&a, line, strlen(line), &j, &err) != AN_OK)
                FAIL("table %d: bad JSON: %s: %s", table, err.msg, line);
            ASSERT(j->type == AN_JSON_OBJECT);
            if (table == 0) {
                ASSERT(an_json_get(j, "num_sources") != NULL);
                ASSERT(an_json_get(j, "plover") != NULL);
                an_span ev = an_json_get_str(j, "evidence");
                ASSERT(ev.n > 0);
            }
            rows++;
        }
        /* the two reports of the shelling share a story */
        ASSERT_EQ(rows, table == 0 ? 3 : table == 1 ? 4 : 2);
        free(out);
    }
    char *out = export_str(path, AN_EXPORT_JSONL, AN_EXPORT_EVENTS, NULL);
    ASSERT_CONTAINS(out, "\"place\":{\"name\":\"Kharkiv\",\"country\":\"UKR\"");
    ASSERT_CONTAINS(out, "\"modality\":\"planned\"");
    ASSERT_CONTAINS(out, "\"date\":null");
    free(out);
    an_arena_fini(&a);
    /* CSV: every record has the header's number of fields (the evidence
       holds commas and quotes) */
    for (int table = 0; table <= 2; table++) {
        out = export_str(path, AN_EXPORT_CSV, table, NULL);
        ASSERT(out != NULL);
        const char *p = out;
        size_t header = csv_fields(&p);
        int rows = 0;
        while (*p) {
            size_t n = csv_fields(&p);
            if (n != header)
                FAIL("csv table %d row %d: %zu fields, header %zu", table,
                     rows + 1, n, header);
            rows++;
        }
        ASSERT_GE(header, 6);
        ASSERT_EQ(rows, table == 0 ? 3 : table == 1 ? 4 : 2);
        free(out);
    }
    out = export_str(path, AN_EXPORT_CSV, AN_EXPORT_MENTIONS, NULL);
    ASSERT_CONTAINS(out, "\"\"brutal\"\"");
    free(out);
    /* GDELT has no stories table */
    an_store *s;
    an_err err;
    an_store_opts ro = {0};
    ro.readonly = 1;
    ASSERT_EQ(an_store_open(path, &ro, &s, &err), AN_OK);
    an_buf b;
    an_buf_init(&b);
    ASSERT_EQ(an_export(s, AN_EXPORT_GDELT, AN_EXPORT_STORIES, NULL, to_buf,
                        &b, &err), AN_EUNSUP);
    an_buf_fini(&b);
    an_store_close(s, NULL);
}

typedef struct collect {
    int n;
    char ids[16][32];
} collect;

static int on_ev(void *ctx, const an_store_event *e)
{
    collect *c = ctx;
    if (c->n < 16)
        snprintf(c->ids[c->n], 32, "%s>%s:%s", e->source, e->target, e->cameo);
    c->n++;
    return AN_OK;
}

AN_TEST(store_query_filters)
{
    const char *path = make_store();
    ASSERT(path != NULL);
    an_store *s;
    an_err err;
    an_store_opts ro = {0};
    ro.readonly = 1;
    ASSERT_EQ(an_store_open(path, &ro, &s, &err), AN_OK);
    an_store_query q;
    collect c;
    /* all: dated first, undated last */
    memset(&c, 0, sizeof c);
    ASSERT_EQ(an_store_events(s, NULL, on_ev, &c, &err), AN_OK);
    ASSERT_EQ(c.n, 3);
    ASSERT_STR_EQ(c.ids[2], "IRNGOV>IRQGOV:036");
    /* --actor RUS matches source RUSMIL and target RUSMIL */
    memset(&q, 0, sizeof q);
    memset(&c, 0, sizeof c);
    q.actor = "RUS";
    ASSERT_EQ(an_store_events(s, &q, on_ev, &c, &err), AN_OK);
    ASSERT_EQ(c.n, 2);
    /* --actor UKR, and a date range leaves undated events out */
    q.actor = "IRQ";
    memset(&c, 0, sizeof c);
    ASSERT_EQ(an_store_events(s, &q, on_ev, &c, &err), AN_OK);
    ASSERT_EQ(c.n, 1);
    q.from = d_of("2025-03-01");
    memset(&c, 0, sizeof c);
    ASSERT_EQ(an_store_events(s, &q, on_ev, &c, &err), AN_OK);
    ASSERT_EQ(c.n, 0);
    memset(&q, 0, sizeof q);
    q.to = (an_date){2025, 3, 0}; /* all of March */
    q.from = d_of("2025-03-17");
    memset(&c, 0, sizeof c);
    ASSERT_EQ(an_store_events(s, &q, on_ev, &c, &err), AN_OK);
    ASSERT_EQ(c.n, 2);
    q.from = d_of("2025-03-18");
    memset(&c, 0, sizeof c);
    ASSERT_EQ(an_store_events(s, &q, on_ev, &c, &err), AN_OK);
    ASSERT_EQ(c.n, 0);
    /* at least two sources; a limit */
    memset(&q, 0, sizeof q);
    q.min_sources = 2;
    memset(&c, 0, sizeof c);
    ASSERT_EQ(an_store_events(s, &q, on_ev, &c, &err), AN_OK);
    ASSERT_EQ(c.n, 1);
    ASSERT_STR_EQ(c.ids[0], "RUSMIL>UKR:195");
    memset(&q, 0, sizeof q);
    q.limit = 1;
    memset(&c, 0, sizeof c);
    ASSERT_EQ(an_store_events(s, &q, on_ev, &c, &err), AN_OK);
    ASSERT_EQ(c.n, 1);
    an_store_close(s, NULL);
}

AN_TEST(export_cameo_actor_split)
{
    an_cameo_actor a;
    an_cameo_actor_split("USAGOV", &a);
    ASSERT_STR_EQ(a.country, "USA");
    ASSERT_STR_EQ(a.type1, "GOV");
    ASSERT_STR_EQ(a.known_group, "");
    an_cameo_actor_split("IGOUNO", &a);
    ASSERT_STR_EQ(a.country, "");
    ASSERT_STR_EQ(a.type1, "IGO");
    ASSERT_STR_EQ(a.known_group, "UNO");
    an_cameo_actor_split("SYRREBMUSSUN", &a);
    ASSERT_STR_EQ(a.country, "SYR");
    ASSERT_STR_EQ(a.type1, "REB");
    ASSERT_STR_EQ(a.religion1, "MUS");
    ASSERT_STR_EQ(a.religion2, "SUN");
    an_cameo_actor_split("IRQKURMILGOVELI", &a);
    ASSERT_STR_EQ(a.ethnic, "KUR");
    ASSERT_STR_EQ(a.type1, "MIL");
    ASSERT_STR_EQ(a.type2, "GOV");
    ASSERT_STR_EQ(a.type3, "ELI");
    an_cameo_actor_split("MEACVL", &a);
    ASSERT_STR_EQ(a.country, "MEA"); /* a CAMEO region */
    ASSERT_STR_EQ(a.type1, "CVL");
    an_cameo_actor_split("NGOUSAHRI", &a);
    ASSERT_STR_EQ(a.type1, "NGO");
    ASSERT_STR_EQ(a.country, "USA");
    ASSERT_STR_EQ(a.type2, "HRI");
    an_cameo_actor_split("REB", &a);
    ASSERT_STR_EQ(a.type1, "REB");
    ASSERT_STR_EQ(a.country, "");
    an_cameo_actor_split("", &a);
    ASSERT_STR_EQ(a.country, "");
    an_cameo_actor_split(NULL, &a);
    ASSERT_STR_EQ(a.type1, "");
    an_cameo_actor_split("us", &a); /* not a code: nothing */
    ASSERT_STR_EQ(a.country, "");
    ASSERT_STR_EQ(an_country_fips("UKR"), "UP");
    ASSERT_STR_EQ(an_country_fips("DEU"), "GM");
    ASSERT_STR_EQ(an_country_fips("GBR"), "UK");
    ASSERT_STR_EQ(an_country_fips("RUS"), "RS");
    ASSERT(an_country_fips("XYZ") == NULL);
    ASSERT(an_country_fips("ALA") == NULL); /* no FIPS code */
    ASSERT(an_country_fips(NULL) == NULL);
}

/* ---- the commands ---- */

AN_TEST(cli_timeline_and_export)
{
    const char *path = make_store();
    ASSERT(path != NULL);
    char cmd[1024], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s timeline --db '%s'", an_test_bin(), path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    /* one line per event, in date order, undated last */
    ASSERT_CONTAINS(out, "2025-03-17  RUSMIL       shelled [195]          UKR          "
                         "ASSAULT                 2 src  \"Russian forces shelled "
                         "Kharkiv on Monday, killing three people.\"");
    const char *a = strstr(out, "IGOUNO"), *b = strstr(out, "undated");
    ASSERT(a && b && a < b);
    ASSERT_CONTAINS(out, "CONSULT (planned)");
    int lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    ASSERT_EQ(lines, 3);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s timeline --db '%s' --actor UKR --from "
                              "2025-03-17 --to 2025-03-17",
             an_test_bin(), path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "RUSMIL");
    ASSERT(!strstr(out, "IGOUNO"));
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s timeline --db '%s' --stories", an_test_bin(),
             path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "Russia shells Kharkiv");
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s timeline --db '%s' --story 1", an_test_bin(),
             path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "Story 1: Russia shells Kharkiv (2 articles, 2 events)\n"
                         "2025-03-17  RUSMIL");
    ASSERT(!strstr(out, "IRNGOV"));
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s export --db '%s' --format gdelt --table "
                              "mentions", an_test_bin(), path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    int tabs = 0;
    for (const char *p = out; *p && *p != '\n'; p++)
        tabs += *p == '\t';
    ASSERT_EQ(tabs, 15);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s export --db '%s' --check", an_test_bin(),
             path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "integrity ok; 0 event(s) with wrong counts");
    free(out);
    free(err);
    /* usage errors and a missing store */
    snprintf(cmd, sizeof cmd, "%s timeline --from yesterday --db '%s'",
             an_test_bin(), path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 2);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s export --db '%s' --format xml",
             an_test_bin(), path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 2);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s timeline --db '%s/none.db'", an_test_bin(),
             an_test_tmpdir());
    ASSERT_EQ(an_test_run(cmd, &out, &err), 1);
    ASSERT_CONTAINS(err, "no such database");
    free(out);
    free(err);
}

AN_TEST(cli_code_db_leaves_unchanged_inputs_uncoded)
{
    const char *v1 =
        "{\"id\":\"a\",\"date\":\"2025-03-18\",\"text\":\"Russia attacked Ukraine.\"}\n"
        "{\"id\":\"b\",\"date\":\"2025-03-18\",\"text\":\"France criticised Iran.\"}\n"
        "{\"id\":\"c\",\"date\":\"2025-03-18\",\"text\":\"Egypt hosted talks.\"}\n";
    const char *v2 =
        "{\"id\":\"a\",\"date\":\"2025-03-18\",\"text\":\"Russia attacked Ukraine.\"}\n"
        "{\"id\":\"b\",\"date\":\"2025-03-18\",\"text\":\"France praised Iran.\"}\n"
        "{\"id\":\"c\",\"date\":\"2025-03-18\",\"text\":\"Egypt hosted talks.\"}\n"
        "{\"id\":\"d\",\"date\":\"2025-03-19\",\"text\":\"Japan met China.\"}\n";
    const char *f1 = tmp_path("v1.jsonl"), *f2 = tmp_path("v2.jsonl");
    const char *db = tmp_path("inputs.db");
    ASSERT_EQ(an_test_write_file(f1, v1, strlen(v1)), 0);
    ASSERT_EQ(an_test_write_file(f2, v2, strlen(v2)), 0);
    char cmd[1024], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s code --db '%s' '%s'", an_test_bin(), db, f1);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(err, "3 document(s) added, 0 unchanged, 0 replaced");
    free(out);
    free(err);
    /* a and c are left out before coding, b is replaced, d added */
    snprintf(cmd, sizeof cmd, "%s code --db '%s' '%s'", an_test_bin(), db, f2);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(err, "1 document(s) added, 2 unchanged, 1 replaced");
    ASSERT_CONTAINS(err, "the store holds 4 documents");
    free(out);
    free(err);
    /* --recode codes them all; the store finds them unchanged */
    snprintf(cmd, sizeof cmd, "%s code --recode --db '%s' '%s'",
             an_test_bin(), db, f2);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(err, "0 document(s) added, 4 unchanged, 0 replaced");
    free(out);
    free(err);
    /* printing the events as well codes every document */
    snprintf(cmd, sizeof cmd, "%s code --db '%s' -o - '%s'", an_test_bin(),
             db, f2);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "\"cameo\":\"190\"");
    ASSERT_CONTAINS(err, "0 document(s) added, 4 unchanged, 0 replaced");
    free(out);
    free(err);
    tmp_path("inputs.db");
}

AN_TEST(cli_code_db_on_the_bundled_sample)
{
    const char *sample = "data/sample/news-sample.jsonl";
    FILE *f = fopen(sample, "r");
    if (!f)
        AN_SKIP("data/sample/news-sample.jsonl not found");
    fclose(f);
    const char *path = tmp_path("sample.db");
    char cmd[1024], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s code --threads 2 --db '%s' %s", an_test_bin(),
             path, sample);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_STR_EQ(out, ""); /* stored, not printed */
    ASSERT_CONTAINS(err, "133 document(s) added, 0 unchanged");
    free(out);
    free(err);
    /* the same input again adds nothing */
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(err, "0 document(s) added, 133 unchanged, 0 replaced");
    ASSERT_CONTAINS(err, "the store holds 133 documents");
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s export --db '%s' --check", an_test_bin(),
             path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "133 documents");
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s timeline --db '%s' --stories --min-articles 5",
             an_test_bin(), path);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 0);
    ASSERT_CONTAINS(out, "pirate");
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "%s code --db '%s' --sync sometimes %s",
             an_test_bin(), path, sample);
    ASSERT_EQ(an_test_run(cmd, &out, &err), 2);
    free(out);
    free(err);
    tmp_path("sample.db"); /* removes it */
}
