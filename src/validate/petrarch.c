/*
** petrarch.c - reading PETRARCH2 validation XML: the unit-test records
** (PETR.UnitTest.records.xml) and the GSR sample (PETR2_GSR_validation.xml).
**
** The files are XML-like rather than XML (the GSR closes <Sentence .../>
** before its children and carries '#' comment lines), so the reader scans
** tags itself: <Environment> names the dictionary files (<Verbfile>,
** <Actorfile> with a comma-separated list, <Agentfile>, <Discardfile>);
** <Config option= value=> changes options for the records after it;
** <Sentence date= id=> starts a record, <EventCoding sourcecode=
** targetcode= eventcode=> (or noevents="True", or error="...") states what
** is expected, <Text> holds the text; <Parse> (the Penn trees) and
** comments are skipped.  Every malformed construct is reported with its
** line.
*/
#include <stdio.h>
#include <stdlib.h>

#include "validate_int.h"

typedef struct xr {
    const char *p, *e;   /* cursor and end */
    const char *start;   /* file start, for line numbers */
    const char *path;
} xr;

static uint64_t line_at(const xr *x, const char *at)
{
    uint64_t l = 1;
    for (const char *q = x->start; q < at && q < x->e; q++)
        l += *q == '\n';
    return l;
}

/* Decode the five XML entities and squeeze whitespace into one space. */
static const char *text_value(vsuite *s, const char *p, size_t n)
{
    char *out = an_arena_alloc(&s->arena, n + 1);
    if (!out)
        return "";
    size_t k = 0;
    int space = 1;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '&') {
            static const struct { const char *e; char c; } ent[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
                {"&quot;", '"'}, {"&apos;", '\''}};
            size_t j = 0;
            for (; j < AN_COUNT(ent); j++) {
                size_t l = strlen(ent[j].e);
                if (i + l <= n && !memcmp(p + i, ent[j].e, l)) {
                    c = ent[j].c;
                    i += l - 1;
                    break;
                }
            }
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!space)
                out[k++] = ' ';
            space = 1;
            continue;
        }
        out[k++] = c;
        space = 0;
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = 0;
    return out;
}

/*
** Attribute `name` of the tag text t[0..n): its value (without quotes,
** entities decoded) into the suite arena, or NULL when absent.
*/
static const char *attr(vsuite *s, const char *t, size_t n, const char *name)
{
    size_t ln = strlen(name);
    for (size_t i = 0; i + ln < n; i++) {
        if (memcmp(t + i, name, ln) != 0)
            continue;
        if (i > 0 && t[i - 1] != ' ' && t[i - 1] != '\t' && t[i - 1] != '\n')
            continue;
        size_t j = i + ln;
        while (j < n && (t[j] == ' ' || t[j] == '\t'))
            j++;
        if (j >= n || t[j] != '=')
            continue;
        j++;
        while (j < n && (t[j] == ' ' || t[j] == '\t'))
            j++;
        if (j >= n || (t[j] != '"' && t[j] != '\''))
            continue;
        char q = t[j++];
        size_t k = j;
        while (k < n && t[k] != q)
            k++;
        return text_value(s, t + j, k - j);
    }
    return NULL;
}

/* The text between the current position and "</name>", advancing past it. */
static int element_text(xr *x, const char *name, const char **out, size_t *n)
{
    char close[40];
    snprintf(close, sizeof close, "</%s>", name);
    size_t cl = strlen(close);
    const char *q = x->p;
    while (q + cl <= x->e && memcmp(q, close, cl) != 0)
        q++;
    if (q + cl > x->e)
        return -1;
    *out = x->p;
    *n = (size_t)(q - x->p);
    x->p = q + cl;
    return 0;
}

static bool truthy(const char *v)
{
    return v && (an_span_ieq(an_span_str(v), "true") || !strcmp(v, "1"));
}

static void config(vopts *o, const char *opt, const char *val)
{
    if (!opt || !val)
        return;
    int v = atoi(val);
    if (!strcmp(opt, "require_dyad")) {
        o->require_dyad = truthy(val);
        o->dyad_set = 1;
    }
    else if (!strcmp(opt, "new_actor_length"))
        o->new_actor_length = v;
    else if (!strncmp(opt, "comma_", 6)) {
        static const char *const names[6] = {"comma_min", "comma_max",
                                             "comma_bmin", "comma_bmax",
                                             "comma_emin", "comma_emax"};
        for (int k = 0; k < 6; k++)
            if (!strcmp(opt, names[k])) {
                o->comma[k] = v;
                o->comma_set = 1;
            }
    }
}

/* ASCII letters and digits of p[0..n), lower-cased, into out (size cap). */
static size_t alnum_of(const char *p, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)p[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[k++] = (char)c;
        else if (c >= 'A' && c <= 'Z')
            out[k++] = (char)(c + 32);
    }
    out[k] = 0;
    return k;
}

/*
** Do the leaves of a Penn tree "(TAG word)" spell the same letters and
** digits as the text?  Bracket tokens (-LRB- ...) are left out.
*/
static bool same_words(const char *text, const char *tree, size_t n)
{
    char a[4096], b[4096];
    alnum_of(text, strlen(text), a, sizeof a);
    size_t k = 0;
    if (!memchr(tree, '(', n)) {
        /* A CoNLL-U parse (the GSR): the second column of each line. */
        const char *q = tree, *e = tree + n;
        while (q < e) {
            const char *le = memchr(q, '\n', (size_t)(e - q));
            if (!le)
                le = e;
            const char *t1 = memchr(q, '\t', (size_t)(le - q));
            if (t1) {
                const char *t2 = memchr(t1 + 1, '\t', (size_t)(le - t1 - 1));
                if (t2) {
                    char buf[256];
                    size_t m = alnum_of(t1 + 1, AN_MIN((size_t)(t2 - t1 - 1), sizeof buf - 1),
                                        buf, sizeof buf);
                    if (k + m + 1 >= sizeof b)
                        return true;
                    memcpy(b + k, buf, m);
                    k += m;
                }
            }
            q = le < e ? le + 1 : e;
        }
        b[k] = 0;
        return !k || !strcmp(a, b);
    }
    for (size_t i = 0; i < n; i++) {
        if (tree[i] != '(')
            continue;
        size_t j = i + 1;
        while (j < n && tree[j] != ' ' && tree[j] != '(' && tree[j] != ')')
            j++;
        if (j >= n || tree[j] != ' ')
            continue;
        size_t w = j + 1;
        size_t e = w;
        while (e < n && tree[e] != ')' && tree[e] != '(')
            e++;
        if (e >= n || tree[e] != ')' || e == w)
            continue; /* a phrase, not a leaf */
        if (tree[w] == '-' && e - w >= 5 && tree[e - 1] == '-')
            continue; /* -LRB- and friends */
        if (tree[w] == '&' && memchr(tree + w, ';', e - w))
            continue; /* an escaped '&', '<'... (no letters in the text) */
        char buf[256];
        size_t m = alnum_of(tree + w, AN_MIN(e - w, sizeof buf - 1), buf, sizeof buf);
        if (k + m + 1 >= sizeof b)
            return true; /* too long to check: assume the same */
        memcpy(b + k, buf, m);
        k += m;
    }
    b[k] = 0;
    return !strcmp(a, b);
}

/* "19950101" or "950101" (YYMMDD: 00-30 are 20YY) into a date. */
static an_date parse_date(const char *v)
{
    an_date d = {0, 0, 0};
    if (!v)
        return d;
    size_t n = strlen(v);
    for (size_t i = 0; i < n; i++)
        if (v[i] < '0' || v[i] > '9')
            return d;
    int y, m, dd;
    if (n == 8) {
        y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
        m = (v[4] - '0') * 10 + (v[5] - '0');
        dd = (v[6] - '0') * 10 + (v[7] - '0');
    } else if (n == 6) {
        y = (v[0] - '0') * 10 + (v[1] - '0');
        y += y <= 30 ? 2000 : 1900;
        m = (v[2] - '0') * 10 + (v[3] - '0');
        dd = (v[4] - '0') * 10 + (v[5] - '0');
    } else {
        return d;
    }
    if (m < 1 || m > 12 || dd < 1 || dd > 31)
        return d;
    d.year = (int16_t)y;
    d.month = (int8_t)m;
    d.day = (int8_t)dd;
    return d;
}

/* Environment file list "a.txt, b.txt" -> dictionaries. */
static int env_files(vsuite *s, const char *list, const an_validate_opts *o,
                     an_err *err)
{
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *e = p;
        while (*e && *e != ',')
            e++;
        const char *t = e;
        while (t > p && t[-1] == ' ')
            t--;
        if (t > p) {
            char name[512];
            size_t k = AN_MIN((size_t)(t - p), sizeof name - 1);
            memcpy(name, p, k);
            name[k] = 0;
            int rc = an__vs_dict(s, name, o, err);
            if (rc != AN_OK)
                return rc;
        }
        p = e;
    }
    return AN_OK;
}

int an__vs_read_petrarch(vsuite *s, const char *p, size_t n,
                         const an_validate_opts *o, an_err *err)
{
    xr x = {p, p + n, p, s->path};
    vopts cur;
    memset(&cur, 0, sizeof cur);
    cur.require_dyad = 1;
    /* PETRARCH's comma defaults (PETR_config.ini, after TABARI). */
    static const int defc[6] = {2, 8, 0, 0, 2, 8};
    memcpy(cur.comma, defc, sizeof cur.comma);
    vrec *r = NULL;
    bool env = false;
    while (x.p < x.e) {
        const char *lt = memchr(x.p, '<', (size_t)(x.e - x.p));
        if (!lt)
            break;
        x.p = lt;
        if (x.e - x.p >= 4 && !memcmp(x.p, "<!--", 4)) {
            const char *q = x.p + 4;
            while (q + 3 <= x.e && memcmp(q, "-->", 3) != 0)
                q++;
            if (q + 3 > x.e)
                return an_err_set(err, AN_EFORMAT, "%s:%llu: unterminated comment",
                                  s->path, (unsigned long long)line_at(&x, x.p));
            x.p = q + 3;
            continue;
        }
        const char *gt = memchr(x.p, '>', (size_t)(x.e - x.p));
        if (!gt)
            return an_err_set(err, AN_EFORMAT, "%s:%llu: unterminated tag",
                              s->path, (unsigned long long)line_at(&x, x.p));
        const char *tag = x.p + 1;
        size_t tn = (size_t)(gt - tag);
        uint64_t tline = line_at(&x, x.p);
        x.p = gt + 1;
        size_t nl = 0;
        while (nl < tn && tag[nl] != ' ' && tag[nl] != '\t' && tag[nl] != '\n' &&
               tag[nl] != '/' && tag[nl] != '>')
            nl++;
        an_span name = {tag, nl};
        bool selfclose = tn && tag[tn - 1] == '/';
        const char *body;
        size_t bn;
        if (an_span_eq(name, "Environment")) {
            env = true;
            continue;
        }
        if (an_span_eq(name, "/Environment")) {
            env = false;
            continue;
        }
        if (env && (an_span_eq(name, "Verbfile") || an_span_eq(name, "Actorfile") ||
                    an_span_eq(name, "Agentfile") || an_span_eq(name, "Discardfile"))) {
            char nm[16];
            snprintf(nm, sizeof nm, "%.*s", (int)name.n, name.p);
            if (element_text(&x, nm, &body, &bn) != 0)
                return an_err_set(err, AN_EFORMAT, "%s:%llu: <%s> is not closed",
                                  s->path, (unsigned long long)tline, nm);
            int rc = env_files(s, text_value(s, body, bn), o, err);
            if (rc != AN_OK)
                return rc;
            continue;
        }
        if (an_span_eq(name, "Config")) {
            config(&cur, attr(s, tag, tn, "option"), attr(s, tag, tn, "value"));
            continue;
        }
        if (an_span_eq(name, "Sentence")) {
            r = an__vs_add(s);
            if (!r)
                return an_err_set(err, AN_ENOMEM, "out of memory");
            const char *id = attr(s, tag, tn, "id");
            r->id = id ? id : "?";
            r->date = parse_date(attr(s, tag, tn, "date"));
            r->line = tline;
            r->o = cur;
            r->text = "";
            (void)selfclose;
            continue;
        }
        if (an_span_eq(name, "/Sentence")) {
            r = NULL;
            continue;
        }
        if (an_span_eq(name, "Text")) {
            if (element_text(&x, "Text", &body, &bn) != 0)
                return an_err_set(err, AN_EFORMAT, "%s:%llu: <Text> is not closed",
                                  s->path, (unsigned long long)tline);
            if (r)
                r->text = text_value(s, body, bn);
            continue;
        }
        if (an_span_eq(name, "Parse")) {
            if (element_text(&x, "Parse", &body, &bn) != 0)
                return an_err_set(err, AN_EFORMAT, "%s:%llu: <Parse> is not closed",
                                  s->path, (unsigned long long)tline);
            if (bn && memchr(body, '(', bn))
                s->penn = 1;
            /* PETRARCH codes the tree, annals the text: a record whose
               tree holds other words than its text cannot be compared. */
            if (r && r->kind == VR_TEST && !r->text[0] && bn) {
                r->kind = VR_PEER;
                r->reason = "its <Text> is empty: only its <Parse> holds the "
                            "sentence (PETRARCH codes the tree, annals the text)";
            } else if (r && r->kind == VR_TEST && r->text[0] && bn &&
                       !same_words(r->text, body, bn)) {
                r->kind = VR_PEER;
                r->reason = "its <Parse> tree holds other words than its "
                            "<Text> (PETRARCH codes the tree, annals the text)";
            }
            continue;
        }
        if (an_span_eq(name, "EventCoding") && r) {
            const char *ne = attr(s, tag, tn, "noevents");
            const char *er = attr(s, tag, tn, "error");
            const char *sc = attr(s, tag, tn, "sourcecode");
            const char *tc = attr(s, tag, tn, "targetcode");
            const char *ec = attr(s, tag, tn, "eventcode");
            if (ne && truthy(ne))
                continue; /* no events: the set stays empty */
            if (er) {
                if (!strcmp(er, "storydiscard") || !strcmp(er, "sentencediscard"))
                    continue; /* discarded: no events */
                r->kind = VR_PEER;
                r->reason = an__vs_dup(s, "PETRARCH input error expected (", 30);
                char buf[160];
                snprintf(buf, sizeof buf, "PETRARCH reports the input error "
                         "\"%s\" (a dateline or an unparsable tree), "
                         "annals codes the text", er);
                r->reason = an__vs_dup(s, buf, strlen(buf));
                continue;
            }
            if (!sc && !tc && !ec)
                continue;
            if ((sc && sc[0] == '"') || (tc && tc[0] == '"')) {
                r->kind = VR_PEER;
                r->reason = "expects a new actor read off the parse tree "
                            "(PETRARCH's new_actor_length option)";
            }
            int rc = an__vs_expect(s, r, sc ? sc : "---", tc && *tc ? tc : "---",
                                   ec ? ec : "---");
            if (rc != AN_OK)
                return an_err_set(err, rc, "out of memory");
            continue;
        }
        /* Other tags (Validation, Sentences, Include, Pause, Stop, Errorfile,
           PICOfile...) carry nothing annals uses. */
        (void)bn;
    }
    /* A suite that sets no require_dyad but expects events without a
       target was coded with dyads not required (UniversalPetrarch's
       configuration, which the GSR sample was made with). */
    bool targetless = false, set = false;
    for (size_t i = 0; i < s->n; i++) {
        set |= s->r[i].o.dyad_set != 0;
        for (size_t k = 0; k < s->r[i].nexp; k++)
            targetless |= !strcmp(s->r[i].exp[k].tgt, "---");
    }
    if (targetless && !set)
        for (size_t i = 0; i < s->n; i++)
            s->r[i].o.require_dyad = 0;
    return AN_OK;
}
