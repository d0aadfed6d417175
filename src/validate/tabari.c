/*
** tabari.c - reading a TABARI validation project: the .project file names
** the actors, verbs, agents and options files and the text file; the text
** file holds the records.
**
** A record is a header line "YYMMDD  ID [more]", the text lines, and a
** comment (from "/" "*" to "*" "/") whose "\n{ SRC / TGT / CODE }" lines are the
** expected events.  "-{...}" is an expectation switched off; "{---}",
** "{+++}" or an empty "{}" expect no event; "{ OPTION: ... }" makes the
** record an option record, which changes the settings for the records
** after it (it is not a test).  Lines starting with '#' between records
** are comments.  Records after the "FINAL" record are, by the suite's own
** words, ones that "require other .options settings, or crash the
** program": they are set aside.
*/
#include <stdio.h>
#include <stdlib.h>

#include "validate_int.h"

static bool word_at(const char *p, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < n; i++)
        if (an_lower((unsigned char)p[i]) != an_lower((unsigned char)w[i]))
            return false;
    return true;
}

static const char *find_ci(const char *hay, const char *needle)
{
    for (const char *p = hay; *p; p++)
        if (word_at(p, needle))
            return p;
    return NULL;
}

/* Apply one options command ("SET: CODE ALL", "COMMA: OFF", ...). */
static void option(vopts *o, const char *cmd)
{
    while (*cmd == ' ' || *cmd == '\t')
        cmd++;
    bool truth = find_ci(cmd, "TRUE") != NULL;
    if (word_at(cmd, "COMPLEX:")) {
        o->complex_noactprior = find_ci(cmd, "NOACTPRIOR") != NULL;
        const char *v = find_ci(cmd, "VERBS[");
        const char *c = find_ci(cmd, "CONJ[");
        o->complex_verbs = v ? atoi(v + 6) : 0;
        o->complex_conj = c ? atoi(c + 5) : 0;
    } else if (word_at(cmd, "DEFAULT:")) {
        o->default_src = !find_ci(cmd, "OFF");
    } else if (word_at(cmd, "COMMA:")) {
        /* "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8",
           "COMMA: OFF" */
        o->comma_set = 1;
        if (find_ci(cmd, "OFF")) {
            o->comma[1] = o->comma[3] = o->comma[5] = 0;
        } else {
            static const char *const keys[6] = {" MIN", " MAX", "BMIN", "BMAX",
                                                "EMIN", "EMAX"};
            for (int k = 0; k < 6; k++) {
                const char *at = find_ci(cmd, keys[k]);
                if (!at)
                    continue;
                const char *eq = strchr(at, '=');
                if (eq)
                    o->comma[k] = atoi(eq + 1);
            }
        }
    } else if (word_at(cmd, "FORWARD:")) {
        o->forward = !find_ci(cmd, " OFF");
    } else if (word_at(cmd, "SET:")) {
        const char *a = cmd + 4;
        if (find_ci(a, "CODE ALL")) {
            o->code_all = 1;
            o->code_sentence = 0;
        } else if (find_ci(a, "CODE BY SENTENCE")) {
            o->code_sentence = 1;
            o->code_all = 0;
        } else if (find_ci(a, "CODE BY CLAUSE")) {
            o->code_sentence = o->code_all = 0;
        } else if (find_ci(a, "CONVERT AGENT")) {
            o->convert_agent = truth;
        } else if (find_ci(a, "MINIMUM WORDS")) {
            const char *eq = strchr(a, '=');
            o->min_words = eq ? atoi(eq + 1) : 0;
        } else if (find_ci(a, "TIME SHIFT")) {
            o->time_shift = truth;
        } else if (find_ci(a, "FBIS")) {
            o->fbis = truth;
        } else if (find_ci(a, "YYYY")) {
            o->yyyy = truth;
        }
    }
}

/* "950101" -> date (00-30 are 20YY). */
static an_date yymmdd(const char *p)
{
    an_date d = {0, 0, 0};
    for (int i = 0; i < 6; i++)
        if (p[i] < '0' || p[i] > '9')
            return d;
    int y = (p[0] - '0') * 10 + (p[1] - '0');
    int m = (p[2] - '0') * 10 + (p[3] - '0');
    int dd = (p[4] - '0') * 10 + (p[5] - '0');
    if (m < 1 || m > 12 || dd < 1 || dd > 31)
        return d;
    d.year = (int16_t)(y + (y <= 30 ? 2000 : 1900));
    d.month = (int8_t)m;
    d.day = (int8_t)dd;
    return d;
}

/* The reason a record's expectations depend on a setting annals lacks. */
static const char *peer_reason(const vopts *o)
{
    if (o->default_src)
        return "DEFAULT: SOURCE/TARGET option (TABARI fills missing actors "
               "with default codes)";
    if (o->time_shift)
        return "SET: TIME SHIFT option (TABARI's <TIME> phrases shift dates, "
               "and discard or mark sentences complex; annals does not read "
               "the <TIME> section)";
    if (o->code_sentence)
        return "SET: CODE BY SENTENCE option (one event per sentence)";
    if (o->convert_agent)
        return "SET: CONVERT AGENT option (TABARI rewrites agent codes)";
    if (o->fbis)
        return "SET: FBIS option (bracketed FBIS text and comma conversion)";
    return NULL;
}

/* Read one line [p, e) of a project file "<tag> value". */
static int project_line(vsuite *s, const char *p, size_t n, char *textfile,
                        size_t tcap, const char **optfile,
                        const an_validate_opts *o, an_err *err)
{
    static const char *const tags[] = {"<actorsfile>", "<verbsfile>",
                                       "<agentsfile>", "<optionsfile>",
                                       "<textfile>"};
    for (size_t t = 0; t < AN_COUNT(tags); t++) {
        size_t k = strlen(tags[t]);
        if (n < k || !word_at(p, tags[t]))
            continue;
        size_t i = k;
        while (i < n && (p[i] == ' ' || p[i] == '\t'))
            i++;
        size_t j = i;
        while (j < n && p[j] != ' ' && p[j] != '\t' && p[j] != '\r')
            j++;
        if (j == i)
            return AN_OK;
        char val[512];
        snprintf(val, sizeof val, "%.*s", (int)(j - i), p + i);
        if (t <= 2)
            return an__vs_dict(s, val, o, err);
        if (t == 3)
            *optfile = an__vs_dup(s, val, strlen(val));
        else
            snprintf(textfile, tcap, "%s", val);
        return AN_OK;
    }
    return AN_OK;
}

/* Parse the expectations in a record's comment c[0..n). */
static int expectations(vsuite *s, vrec *r, const char *c, size_t n,
                        vopts *cur)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i] != '{')
            continue;
        size_t j = i + 1;
        while (j < n && c[j] != '}')
            j++;
        /* Some option records lack the closing brace ("{ OPTION: SET:
           MINIMUM WORDS = 4" up to the end of the comment): TABARI reads
           them to the end of the comment. */
        if (j >= n && !(n - i > 8 && word_at(c + i + 1 + (c[i + 1] == ' '), "OPTION:")))
            break;
        bool off = i > 0 && c[i - 1] == '-';
        char body[256];
        size_t bn = AN_MIN(j - i - 1, sizeof body - 1);
        memcpy(body, c + i + 1, bn);
        body[bn] = 0;
        i = j;
        const char *b = body;
        while (*b == ' ' || *b == '\t')
            b++;
        if (word_at(b, "OPTION:")) {
            if (off)
                continue;
            option(cur, b + 7);
            r->kind = VR_OPTION;
            r->reason = an__vs_dup(s, b + 7, strlen(b + 7));
            continue;
        }
        if (off)
            continue;
        /* "SRC / TGT / CODE" */
        char f[3][64];
        int nf = 0;
        const char *q = b;
        while (nf < 3) {
            while (*q == ' ' || *q == '\t')
                q++;
            const char *st = q;
            while (*q && *q != '/')
                q++;
            const char *en = q;
            while (en > st && (en[-1] == ' ' || en[-1] == '\t'))
                en--;
            snprintf(f[nf], sizeof f[nf], "%.*s", (int)(en - st), st);
            nf++;
            if (*q != '/')
                break;
            q++;
        }
        if (nf < 3)
            continue; /* "{---}", "{+++}", "{}": no event */
        int rc = an__vs_expect(s, r, f[0], f[1], f[2]);
        if (rc != AN_OK)
            return rc;
    }
    return AN_OK;
}

static int read_text(vsuite *s, const char *p, size_t n, vopts *cur,
                     an_err *err)
{
    (void)err;
    const char *e = p + n;
    const char *q = p;
    uint64_t line = 1;
    bool after_final = false;
    while (q < e) {
        const char *le = memchr(q, '\n', (size_t)(e - q));
        if (!le)
            le = e;
        /* A record header: six digits, blanks, an id. */
        bool head = le - q > 8;
        for (int i = 0; head && i < 6; i++)
            head = q[i] >= '0' && q[i] <= '9';
        if (head)
            head = q[6] == ' ' || q[6] == '\t';
        if (!head) {
            q = le < e ? le + 1 : e;
            line++;
            continue;
        }
        vrec *r = an__vs_add(s);
        if (!r)
            return AN_ENOMEM;
        r->line = line;
        r->date = yymmdd(q);
        const char *ids = q + 6;
        while (ids < le && (*ids == ' ' || *ids == '\t'))
            ids++;
        const char *ide = ids;
        while (ide < le && *ide != ' ' && *ide != '\t' && *ide != '\r')
            ide++;
        r->id = an__vs_dup(s, ids, (size_t)(ide - ids));
        /* Text up to the comment opener or a blank line, then the comment. */
        const char *t = le < e ? le + 1 : e;
        line++;
        const char *cs = NULL;
        const char *te = t;
        while (te < e) {
            const char *l2 = memchr(te, '\n', (size_t)(e - te));
            if (!l2)
                l2 = e;
            const char *c = NULL;
            for (const char *x = te; x + 1 < l2; x++)
                if (x[0] == '/' && x[1] == '*') {
                    c = x;
                    break;
                }
            if (c) {
                cs = c;
                break;
            }
            bool blank = true;
            for (const char *x = te; x < l2; x++)
                blank &= *x == ' ' || *x == '\t' || *x == '\r';
            if (blank)
                break;
            te = l2 < e ? l2 + 1 : e;
            line++;
        }
        const char *tend = cs ? cs : te;
        r->o = *cur;
        /* The text: squeeze whitespace. */
        char *tx = an_arena_alloc(&s->arena, (size_t)(tend - t) + 1);
        if (!tx)
            return AN_ENOMEM;
        size_t k = 0;
        int sp = 1;
        for (const char *x = t; x < tend; x++) {
            char c = *x;
            if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
                if (!sp)
                    tx[k++] = ' ';
                sp = 1;
                continue;
            }
            tx[k++] = c;
            sp = 0;
        }
        while (k && tx[k - 1] == ' ')
            k--;
        tx[k] = 0;
        r->text = tx;
        q = te;
        if (cs) {
            const char *ce = cs + 2;
            while (ce + 1 < e && !(ce[0] == '*' && ce[1] == '/'))
                ce++;
            if (ce + 1 >= e)
                ce = e;
            int rc = expectations(s, r, cs + 2, (size_t)(ce - cs - 2), cur);
            if (rc != AN_OK)
                return rc;
            for (const char *x = cs; x < ce && x < e; x++)
                line += *x == '\n';
            q = ce + 2 <= e ? ce + 2 : e;
        }
        if (r->kind == VR_TEST) {
            const char *why = peer_reason(&r->o);
            if (after_final) {
                r->kind = VR_PEER;
                r->reason = "after TABARI's final standard record: the suite "
                            "says these need other options or crash TABARI";
            } else if (why) {
                r->kind = VR_PEER;
                r->reason = why;
            }
        }
        if (!strncmp(r->id, "FINAL", 5)) {
            /* The end-of-suite record is a message, not a test. */
            r->kind = VR_OPTION;
            r->reason = "end of the standard validation records";
            after_final = true;
        }
        (void)err;
    }
    return AN_OK;
}

int an__vs_read_tabari(vsuite *s, const char *project, const an_validate_opts *o,
                       an_err *err)
{
    char *p;
    size_t n;
    int rc = an__vs_slurp(project, &p, &n, err);
    if (rc != AN_OK)
        return rc;
    char textfile[512] = "";
    const char *optfile = NULL;
    const char *q = p, *e = p + n;
    while (q < e && rc == AN_OK) {
        const char *le = memchr(q, '\n', (size_t)(e - q));
        if (!le)
            le = e;
        rc = project_line(s, q, (size_t)(le - q), textfile, sizeof textfile,
                          &optfile, o, err);
        q = le < e ? le + 1 : e;
    }
    free(p);
    if (rc != AN_OK)
        return rc;
    if (!textfile[0])
        return an_err_set(err, AN_EFORMAT, "%s: no <textfile> line", project);
    vopts cur;
    memset(&cur, 0, sizeof cur);
    cur.require_dyad = 1;
    /* TABARI's own defaults: inserts of 2..10 words, terminal clauses of
       2..10, no initial clause (the suite's COMMA-Cancel record restores
       exactly these); sentences need 8 words. */
    static const int defc[6] = {2, 10, 255, 0, 2, 10};
    memcpy(cur.comma, defc, sizeof cur.comma);
    cur.min_words = 8;
    if (optfile) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", s->dir, optfile);
        if (an__vs_slurp(path, &p, &n, err) != AN_OK)
            return err ? err->code : AN_EIO;
        q = p;
        e = p + n;
        while (q < e) {
            const char *le = memchr(q, '\n', (size_t)(e - q));
            if (!le)
                le = e;
            char line[512];
            snprintf(line, sizeof line, "%.*s", (int)(le - q), q);
            if (line[0] && line[0] != '/' && line[0] != '#')
                option(&cur, line);
            q = le < e ? le + 1 : e;
        }
        free(p);
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", s->dir, textfile);
    s->path = an__vs_dup(s, path, strlen(path));
    rc = an__vs_slurp(path, &p, &n, err);
    if (rc != AN_OK)
        return rc;
    rc = read_text(s, p, n, &cur, err);
    free(p);
    if (rc == AN_ENOMEM)
        return an_err_set(err, rc, "out of memory");
    return rc;
}
