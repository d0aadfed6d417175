/*
** src_actors.c - parsers for the noun dictionaries: actors, agents,
** discards and issues, in the PETRARCH2, TABARI and annals formats.
**
** Actors.  An entry is a head phrase, optional "+alias" lines and codes in
** brackets, on the head line or on following lines:
**
**     VLADIMIR_PUTIN_  [RUSGOV 000507-080507] [RUSGOV >120507]
**     +PUTIN_
**         [RUSGOV 991231-000507]
**
** Dates are YYMMDD (00-30 read as 20YY), YYYYMMDD or ISO YYYY-MM-DD;
** "A-B" and "A..B" hold from A up to (not including) B, ">A" from A on,
** "<B" before B; a code without dates is the entry's default.  annals adds
** ISO ranges with open ends ("2025-01-20..", "..2017-01-20") and "@kind
** person|country|capital|demonym|org" lines that tag the entries after
** them.  TABARI's <NOUN> and <ADJECTIVE> sections are skipped.
**
** Agents: "PHRASE {PLURAL} [~CODE]" (suffix) or "[CODE~]" (prefix), with
** "!MARK! = A, B" substitution sets; regular plurals are generated unless
** "{}" says there are none.  Discards: one phrase a line, "+" for a whole
** story, trailing "_" for an exact end.  Issues: "phrase [CODE]" inside
** <ISSUE CATEGORY="..."> blocks, "~"/"~~" exclusions, and the expansions
** "n:" (noun plural), "v:" (verb forms) and "a+b" ("a b" and "a-b").
*/
#include <stdio.h>
#include <stdlib.h>

#include "build.h"

/* ---- dates and codes ---- */

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static bool all_digits(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return n > 0;
}

static int num(const char *p, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (p[i] - '0');
    return v;
}

/* Parse one date (YYMMDD, YYYYMMDD or YYYY-MM-DD) into days; 0 or -1. */
static int parse_day(const char *p, size_t n, int32_t *day)
{
    int y, m, d;
    if (n == 6 && all_digits(p, 6)) {
        y = num(p, 2);
        y += y <= 30 ? 2000 : 1900;
        m = num(p + 2, 2);
        d = num(p + 4, 2);
    } else if (n == 8 && all_digits(p, 8)) {
        y = num(p, 4);
        m = num(p + 4, 2);
        d = num(p + 6, 2);
    } else if (n == 10 && all_digits(p, 4) && p[4] == '-' &&
               all_digits(p + 5, 2) && p[7] == '-' && all_digits(p + 8, 2)) {
        y = num(p, 4);
        m = num(p + 5, 2);
        d = num(p + 8, 2);
    } else {
        return -1;
    }
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return -1;
    an_date dt = {(int16_t)y, (int8_t)m, (int8_t)d};
    *day = an_date_days(dt);
    return 0;
}

static bool code_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '#' ||
           c == '/' || c == '*' || c == '!' || c == '?' || c == '.';
}

/*
** Parse the inside of one code bracket ("RUSGOV >120507") into *c.
** Returns 0, or -1 after reporting the problem.
*/
static int parse_code(an_dbuild *b, uint64_t line, const char *p, size_t n,
                      an_dcode *c)
{
    an_span s = an__dl_trim(p, n);
    size_t i = 0;
    while (i < s.n && s.p[i] != ' ' && s.p[i] != '\t')
        i++;
    if (i == 0) {
        an__db_diag(b, AN_SEV_ERROR, line, "empty code in [...]");
        return -1;
    }
    for (size_t j = 0; j < i; j++)
        if (!code_char(s.p[j])) {
            an__db_diag(b, AN_SEV_ERROR, line, "invalid character '%c' in code "
                        "\"%.*s\"", s.p[j], (int)i, s.p);
            return -1;
        }
    c->code = an__db_str(b, s.p, i);
    c->from = AN_DICT_DAY_MIN;
    c->to = AN_DICT_DAY_MAX;
    /* The date part, blanks removed. */
    char d[64];
    size_t dn = 0;
    for (size_t j = i; j < s.n; j++) {
        if (s.p[j] == ' ' || s.p[j] == '\t')
            continue;
        if (dn + 1 >= sizeof d) {
            an__db_diag(b, AN_SEV_ERROR, line, "date range too long");
            return -1;
        }
        d[dn++] = s.p[j];
    }
    if (dn == 0)
        return 0;
    const char *dots = NULL;
    for (size_t j = 0; j + 1 < dn; j++)
        if (d[j] == '.' && d[j + 1] == '.') {
            dots = d + j;
            break;
        }
    int bad = 0;
    if (dots) {
        size_t a = (size_t)(dots - d), bn = dn - a - 2;
        if (a && parse_day(d, a, &c->from) != 0)
            bad = 1;
        if (bn && parse_day(dots + 2, bn, &c->to) != 0)
            bad = 1;
        if (!a && !bn)
            bad = 1;
    } else if (d[0] == '>') {
        bad = parse_day(d + 1, dn - 1, &c->from) != 0;
    } else if (d[0] == '<') {
        bad = parse_day(d + 1, dn - 1, &c->to) != 0;
    } else {
        /* Legacy "A-B": both sides digits. */
        const char *dash = memchr(d, '-', dn);
        if (!dash || !all_digits(d, (size_t)(dash - d)) ||
            !all_digits(dash + 1, dn - (size_t)(dash - d) - 1))
            bad = 1;
        else if (parse_day(d, (size_t)(dash - d), &c->from) != 0 ||
                 parse_day(dash + 1, dn - (size_t)(dash - d) - 1, &c->to) != 0)
            bad = 1;
    }
    if (bad) {
        an__db_diag(b, AN_SEV_ERROR, line, "invalid date range \"%.*s\" "
                    "(expected YYMMDD, YYYYMMDD or YYYY-MM-DD with -, .., < or >)",
                    (int)dn, d);
        return -1;
    }
    if (c->from != AN_DICT_DAY_MIN && c->to != AN_DICT_DAY_MAX &&
        c->from >= c->to)
        an__db_diag(b, AN_SEV_WARNING, line, "date range \"%.*s\" is empty "
                    "(its end is not after its start)", (int)dn, d);
    return 0;
}

/* ---- actors ---- */

typedef struct pending {
    uint64_t line;              /* line of the head, 0 when none */
    an_span name;
    uint8_t kind;
    AN_VEC(uint32_t) phr;       /* pairs: key offset, key count */
    AN_VEC(an_dcode) codes;
} pending;

/* Parse every [...] in p[0..n) as codes of the pending entry. */
static void line_codes(an_dbuild *b, pending *e, uint64_t line, const char *p,
                       size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *o = memchr(p + i, '[', n - i);
        if (!o)
            break;
        size_t s = (size_t)(o - p) + 1;
        const char *c = memchr(p + s, ']', n - s);
        if (!c) {
            an__db_diag(b, AN_SEV_ERROR, line, "missing ']'");
            return;
        }
        an_dcode code;
        if (parse_code(b, line, p + s, (size_t)(c - p) - s, &code) == 0) {
            an_dcode *slot = AN_VPUSH(b, e->codes);
            if (slot)
                *slot = code;
        }
        i = (size_t)(c - p) + 1;
    }
}

static void add_phrase(an_dbuild *b, pending *e, uint64_t line, const char *p,
                       size_t n)
{
    uint32_t off = (uint32_t)b->keys.n;
    int k = an__db_phrase(b, line, p, n, 0);
    if (k <= 0) {
        if (k == 0)
            an__db_diag(b, AN_SEV_ERROR, line, "empty phrase");
        return;
    }
    uint32_t *s = AN_VPUSH(b, e->phr);
    uint32_t *t = AN_VPUSH(b, e->phr);
    if (s && t) {
        *s = off;
        *t = (uint32_t)k;
    }
}

/* Display name: the head phrase with '_' as blanks, trailing ones cut. */
static uint32_t display_name(an_dbuild *b, an_span s)
{
    char buf[256];
    size_t n = AN_MIN(s.n, sizeof buf);
    for (size_t i = 0; i < n; i++)
        buf[i] = s.p[i] == '_' ? ' ' : s.p[i];
    while (n && (buf[n - 1] == ' ' || buf[n - 1] == '='))
        n--;
    return an__db_str(b, buf, n);
}

static void finish_actor(an_dbuild *b, pending *e)
{
    if (!e->line)
        return;
    if (e->codes.n == 0) {
        an__db_diag(b, AN_SEV_WARNING, e->line, "actor \"%.*s\" has no code: "
                    "skipped", (int)AN_MIN(e->name.n, (size_t)60), e->name.p);
    } else if (e->phr.n && e->codes.n <= UINT16_MAX) {
        an_dactor *a = AN_VPUSH(b, b->actors);
        if (a) {
            uint32_t idx = (uint32_t)(b->actors.n - 1);
            a->name = display_name(b, e->name);
            a->code = (uint32_t)b->codes.n;
            a->ncode = (uint16_t)e->codes.n;
            a->kind = e->kind;
            a->file = b->file_idx;
            a->line = (uint32_t)AN_MIN(e->line, (uint64_t)UINT32_MAX);
            for (size_t i = 0; i < e->codes.n; i++) {
                an_dcode *c = AN_VPUSH(b, b->codes);
                if (c)
                    *c = e->codes.v[i];
            }
            for (size_t i = 0; i + 1 < e->phr.n; i += 2)
                an__db_tab_add(b, &b->actor_t, e->phr.v[i], e->phr.v[i + 1],
                               idx);
        }
    }
    e->line = 0;
    e->phr.n = 0;
    e->codes.n = 0;
}

static const char *const kind_names[AN_DK_COUNT] = {
    "any", "person", "country", "capital", "demonym", "org"};

int an__db_parse_actors(an_dbuild *b, const char *p, size_t n)
{
    an_dlines r;
    an_dline l;
    pending e;
    memset(&e, 0, sizeof e);
    uint8_t kind = AN_DK_ANY;
    int skip = 0; /* inside <NOUN> / <ADJECTIVE> */
    an__dl_init(&r, p, n);
    while (an__dl_next(&r, &l) && !b->oom) {
        if (l.p[0] == '<') {
            if (l.n > 1 && l.p[1] == '/')
                skip = 0;
            else if (an_span_ieq((an_span){l.p, AN_MIN(l.n, (size_t)6)}, "<noun>") ||
                     (l.n >= 11 && an_span_ieq((an_span){l.p, 11}, "<adjective>")))
                skip = 1;
            continue;
        }
        if (skip)
            continue;
        if (l.p[0] == '@') {
            finish_actor(b, &e);
            an_span t = an__dl_trim(l.p + 1, l.n - 1);
            if (t.n > 5 && an_span_ieq((an_span){t.p, 5}, "kind ")) {
                an_span k = an__dl_trim(t.p + 5, t.n - 5);
                int found = -1;
                for (int i = 0; i < AN_DK_COUNT; i++)
                    if (an_span_ieq(k, kind_names[i]))
                        found = i;
                if (found < 0)
                    an__db_diag(b, AN_SEV_ERROR, l.no, "unknown kind \"%.*s\" "
                                "(person, country, capital, demonym, org, any)",
                                (int)AN_MIN(k.n, (size_t)40), k.p);
                else
                    kind = (uint8_t)found;
            } else {
                an__db_diag(b, AN_SEV_ERROR, l.no, "unknown directive \"%.*s\"",
                            (int)AN_MIN(l.n, (size_t)40), l.p);
            }
            continue;
        }
        const char *br = memchr(l.p, '[', l.n);
        size_t tn = br ? (size_t)(br - l.p) : l.n;
        if (l.p[0] == '[') {
            if (!e.line) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "code without an actor");
                continue;
            }
            line_codes(b, &e, l.no, l.p, l.n);
            continue;
        }
        if (l.p[0] == '~' || l.p[0] == '-') {
            an__db_diag(b, AN_SEV_WARNING, l.no, "line ignored");
            continue;
        }
        if (l.p[0] == '+') {
            if (!e.line) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "alias without an actor");
                continue;
            }
            add_phrase(b, &e, l.no, l.p + 1, tn - 1);
        } else {
            finish_actor(b, &e);
            e.line = l.no;
            e.name = an__dl_trim(l.p, tn);
            e.kind = kind;
            add_phrase(b, &e, l.no, l.p, tn);
        }
        if (br)
            line_codes(b, &e, l.no, l.p + tn, l.n - tn);
    }
    finish_actor(b, &e);
    free(e.phr.v);
    free(e.codes.v);
    return b->oom ? AN_ENOMEM : AN_OK;
}

/* ---- agents ---- */

#define MAX_MARKS 32
#define MAX_SUBST 32

typedef struct marks {
    an_span name[MAX_MARKS];
    an_span sub[MAX_MARKS][MAX_SUBST];
    int nsub[MAX_MARKS];
    int n;
} marks;

static void add_agent_phrase(an_dbuild *b, uint64_t line, const char *p,
                             size_t n, uint32_t agent)
{
    uint32_t off = (uint32_t)b->keys.n;
    int k = an__db_phrase(b, line, p, n, 0);
    if (k > 0)
        an__db_tab_add(b, &b->agent_t, off, (uint32_t)k, agent);
    else if (k == 0)
        an__db_diag(b, AN_SEV_ERROR, line, "empty agent phrase");
}

int an__db_parse_agents(an_dbuild *b, const char *p, size_t n)
{
    an_dlines r;
    an_dline l;
    marks *mk = calloc(1, sizeof *mk);
    if (!mk)
        return AN_ENOMEM;
    an__dl_init(&r, p, n);
    while (an__dl_next(&r, &l) && !b->oom) {
        const char *eq = memchr(l.p, '=', l.n);
        if (l.p[0] == '!' && eq) {
            /* !MARK! = A, B, C */
            const char *close = memchr(l.p + 1, '!', l.n - 1);
            if (!close || close > eq || mk->n >= MAX_MARKS) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "bad substitution marker "
                            "definition (expected !NAME! = A, B, ...)");
                continue;
            }
            int m = mk->n++;
            mk->name[m] = (an_span){l.p + 1, (size_t)(close - l.p - 1)};
            mk->nsub[m] = 0;
            const char *s = eq + 1, *end = l.p + l.n;
            while (s < end && mk->nsub[m] < MAX_SUBST) {
                const char *c = memchr(s, ',', (size_t)(end - s));
                const char *e = c ? c : end;
                an_span t = an__dl_trim(s, (size_t)(e - s));
                if (t.n)
                    mk->sub[m][mk->nsub[m]++] = t;
                s = c ? c + 1 : end;
            }
            continue;
        }
        const char *o = memchr(l.p, '[', l.n);
        const char *c = o ? memchr(o, ']', (size_t)(l.p + l.n - o)) : NULL;
        if (!o || !c) {
            an__db_diag(b, AN_SEV_ERROR, l.no, o ? "missing ']'" :
                        "agent without a code [~XXX]");
            continue;
        }
        an_span code = an__dl_trim(o + 1, (size_t)(c - o - 1));
        int prefix = 0;
        if (code.n && code.p[0] == '~') {
            code = an__dl_trim(code.p + 1, code.n - 1);
        } else if (code.n && code.p[code.n - 1] == '~') {
            prefix = 1;
            code = an__dl_trim(code.p, code.n - 1);
        } else {
            an__db_diag(b, AN_SEV_WARNING, l.no, "agent code without '~': "
                        "taken as a suffix");
        }
        bool ok = code.n > 0;
        for (size_t i = 0; i < code.n; i++)
            ok = ok && code_char(code.p[i]);
        if (!ok) {
            an__db_diag(b, AN_SEV_ERROR, l.no, "invalid agent code \"%.*s\"",
                        (int)AN_MIN(code.n, (size_t)40), code.p);
            continue;
        }
        an_dagent *ag = AN_VPUSH(b, b->agents);
        if (!ag)
            break;
        ag->code = an__db_str(b, code.p, code.n);
        ag->prefix = (uint8_t)prefix;
        ag->file = b->file_idx;
        ag->line = (uint32_t)AN_MIN(l.no, (uint64_t)UINT32_MAX);
        uint32_t idx = (uint32_t)(b->agents.n - 1);
        an_span ph = an__dl_trim(l.p, (size_t)(o - l.p));
        const char *bang = memchr(ph.p, '!', ph.n);
        char buf[512];
        if (bang) {
            const char *bang2 = memchr(bang + 1, '!', (size_t)(ph.p + ph.n - bang - 1));
            int m = -1;
            if (bang2)
                for (int i = 0; i < mk->n; i++)
                    if (mk->name[i].n == (size_t)(bang2 - bang - 1) &&
                        memcmp(mk->name[i].p, bang + 1, mk->name[i].n) == 0)
                        m = i;
            if (m < 0) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "undefined substitution "
                            "marker in \"%.*s\"", (int)AN_MIN(ph.n, (size_t)60),
                            ph.p);
                continue;
            }
            size_t pre = (size_t)(bang - ph.p);
            size_t post = (size_t)(ph.p + ph.n - bang2 - 1);
            for (int i = 0; i < mk->nsub[m]; i++) {
                an_span s = mk->sub[m][i];
                if (pre + s.n + post >= sizeof buf)
                    continue;
                memcpy(buf, ph.p, pre);
                memcpy(buf + pre, s.p, s.n);
                memcpy(buf + pre + s.n, bang2 + 1, post);
                add_agent_phrase(b, l.no, buf, pre + s.n + post, idx);
            }
            continue;
        }
        const char *brace = memchr(ph.p, '{', ph.n);
        if (brace) {
            const char *cb = memchr(brace, '}', (size_t)(ph.p + ph.n - brace));
            if (!cb) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "missing '}'");
                continue;
            }
            an_span base = an__dl_trim(ph.p, (size_t)(brace - ph.p));
            an_span pl = an__dl_trim(brace + 1, (size_t)(cb - brace - 1));
            add_agent_phrase(b, l.no, base.p, base.n, idx);
            if (pl.n)
                add_agent_phrase(b, l.no, pl.p, pl.n, idx);
            continue;
        }
        add_agent_phrase(b, l.no, ph.p, ph.n, idx);
        if (ph.n < sizeof buf - 4) {
            memcpy(buf, ph.p, ph.n);
            size_t k = an__db_plural(buf, ph.n, sizeof buf);
            if (k)
                add_agent_phrase(b, l.no, buf, k, idx);
        }
    }
    free(mk);
    return b->oom ? AN_ENOMEM : AN_OK;
}

/* ---- discards ---- */

int an__db_parse_discards(an_dbuild *b, const char *p, size_t n)
{
    an_dlines r;
    an_dline l;
    an__dl_init(&r, p, n);
    while (an__dl_next(&r, &l) && !b->oom) {
        int story = l.p[0] == '+';
        an_span t = story ? an__dl_trim(l.p + 1, l.n - 1) : (an_span){l.p, l.n};
        int exact = t.n && t.p[t.n - 1] == '_';
        an_ddiscard *d = AN_VPUSH(b, b->discards);
        if (!d)
            break;
        d->story = (uint8_t)story;
        d->exact = (uint8_t)exact;
        d->file = b->file_idx;
        d->line = (uint32_t)AN_MIN(l.no, (uint64_t)UINT32_MAX);
        uint32_t off = (uint32_t)b->keys.n;
        int k = an__db_phrase(b, l.no, t.p, t.n, 1);
        if (k > 0)
            an__db_tab_add(b, &b->discard_t, off, (uint32_t)k,
                           (uint32_t)(b->discards.n - 1));
        else if (k == 0)
            an__db_diag(b, AN_SEV_ERROR, l.no, "empty discard phrase");
    }
    return b->oom ? AN_ENOMEM : AN_OK;
}

/* ---- issues ---- */

#define MAX_VARIANTS 64

typedef struct variants {
    char *s[MAX_VARIANTS];
    int n;
} variants;

static void var_free(variants *v)
{
    for (int i = 0; i < v->n; i++)
        free(v->s[i]);
    v->n = 0;
}

static void var_add(variants *v, const char *a, size_t an, const char *m,
                    size_t mn, const char *z, size_t zn)
{
    if (v->n >= MAX_VARIANTS)
        return;
    char *s = malloc(an + mn + zn + 1);
    if (!s)
        return;
    memcpy(s, a, an);
    memcpy(s + an, m, mn);
    memcpy(s + an + mn, z, zn);
    s[an + mn + zn] = 0;
    v->s[v->n++] = s;
}

/*
** Expand "n:", "v:" and "+" in an issue phrase into all its variants.
** Each pass expands the first marker of every string until none is left.
*/
static void expand_issue(const char *p, size_t n, variants *out)
{
    variants cur = {{0}, 0};
    var_add(&cur, p, n, "", 0, "", 0);
    for (int round = 0; round < 8; round++) {
        variants next = {{0}, 0};
        int changed = 0;
        for (int i = 0; i < cur.n; i++) {
            const char *s = cur.s[i];
            size_t sn = strlen(s);
            size_t k = 0;
            int what = 0;
            for (k = 0; k < sn; k++) {
                bool start = k == 0 || s[k - 1] == ' ';
                if (start && k + 1 < sn && s[k + 1] == ':' &&
                    (s[k] == 'n' || s[k] == 'N' || s[k] == 'v' || s[k] == 'V')) {
                    what = an_lower((unsigned char)s[k]);
                    break;
                }
                if (s[k] == '+') {
                    what = '+';
                    break;
                }
            }
            if (!what) {
                var_add(&next, s, sn, "", 0, "", 0);
                continue;
            }
            changed = 1;
            if (what == '+') {
                var_add(&next, s, k, " ", 1, s + k + 1, sn - k - 1);
                var_add(&next, s, k, "-", 1, s + k + 1, sn - k - 1);
                continue;
            }
            /* The word after the marker. */
            size_t ws = k + 2, we = ws;
            while (we < sn && s[we] != ' ')
                we++;
            char w[128];
            size_t wn = AN_MIN(we - ws, sizeof w - 8);
            memcpy(w, s + ws, wn);
            var_add(&next, s, k, w, wn, s + we, sn - we);
            if (what == 'n') {
                size_t pn = an__db_plural(w, wn, sizeof w);
                if (pn)
                    var_add(&next, s, k, w, pn, s + we, sn - we);
            } else {
                bool e = wn && an_lower((unsigned char)w[wn - 1]) == 'e';
                char f[136];
                int fn = snprintf(f, sizeof f, "%.*ss", (int)wn, w);
                var_add(&next, s, k, f, (size_t)fn, s + we, sn - we);
                fn = snprintf(f, sizeof f, "%.*s%s", (int)wn, w, e ? "d" : "ed");
                var_add(&next, s, k, f, (size_t)fn, s + we, sn - we);
                fn = snprintf(f, sizeof f, "%.*sing", (int)(e ? wn - 1 : wn), w);
                var_add(&next, s, k, f, (size_t)fn, s + we, sn - we);
            }
        }
        var_free(&cur);
        cur = next;
        if (!changed)
            break;
    }
    *out = cur;
}

int an__db_parse_issues(an_dbuild *b, const char *p, size_t n)
{
    an_dlines r;
    an_dline l;
    uint32_t category = AN_DICT_NONE;
    an__dl_init(&r, p, n);
    while (an__dl_next(&r, &l) && !b->oom) {
        if (l.p[0] == '<') {
            category = AN_DICT_NONE;
            const char *q = NULL;
            for (size_t i = 0; i + 10 <= l.n; i++)
                if (memcmp(l.p + i, "CATEGORY=\"", 10) == 0) {
                    q = l.p + i + 10;
                    break;
                }
            if (q) {
                const char *e = memchr(q, '"', (size_t)(l.p + l.n - q));
                if (e)
                    category = an__db_str(b, q, (size_t)(e - q));
            }
            continue;
        }
        uint8_t exclude = 0;
        an_span t = {l.p, l.n};
        uint32_t code = AN_DICT_NONE;
        if (t.p[0] == '~') {
            exclude = (t.n > 1 && t.p[1] == '~') ? 2 : 1;
            t = an__dl_trim(t.p + exclude, t.n - exclude);
        } else {
            const char *o = memchr(t.p, '[', t.n);
            const char *c = o ? memchr(o, ']', (size_t)(t.p + t.n - o)) : NULL;
            if (!o || !c) {
                an__db_diag(b, AN_SEV_ERROR, l.no, o ? "missing ']'" :
                            "issue phrase without a code [CODE]");
                continue;
            }
            an_span cs = an__dl_trim(o + 1, (size_t)(c - o - 1));
            if (!cs.n) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "empty code in [...]");
                continue;
            }
            code = an__db_str(b, cs.p, cs.n);
            t = an__dl_trim(t.p, (size_t)(o - t.p));
        }
        if (!t.n) {
            an__db_diag(b, AN_SEV_ERROR, l.no, "empty issue phrase");
            continue;
        }
        an_dissue *is = AN_VPUSH(b, b->issues);
        if (!is)
            break;
        is->code = code;
        is->category = category;
        is->exclude = exclude;
        is->file = b->file_idx;
        is->line = (uint32_t)AN_MIN(l.no, (uint64_t)UINT32_MAX);
        uint32_t idx = (uint32_t)(b->issues.n - 1);
        variants v;
        expand_issue(t.p, t.n, &v);
        for (int i = 0; i < v.n; i++) {
            uint32_t off = (uint32_t)b->keys.n;
            int k = an__db_phrase(b, l.no, v.s[i], strlen(v.s[i]), 1);
            if (k > 0)
                an__db_tab_add(b, &b->issue_t, off, (uint32_t)k, idx);
        }
        var_free(&v);
    }
    return b->oom ? AN_ENOMEM : AN_OK;
}
