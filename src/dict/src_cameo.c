/*
** src_cameo.c - the CAMEO ontology tables: event codes and names
** (CAMEO.eventcodes.txt, "CODE<TAB>NAME"), Goldstein scores
** (CAMEO.goldsteinscale.txt, "CODE<TAB>SCORE") and the CAMEO to PLOVER
** table (CAMEO2PLOVER-2021.txt, "CODE: EVENT, MODE, CONTEXT # name").
**
** The three files fill one entry per code; the quad class comes from the
** two-digit root as GDELT defines it (01-05 verbal cooperation, 06-08
** material cooperation, 09-13 verbal conflict, 14-20 material conflict).
*/
#include <stdio.h>
#include <stdlib.h>

#include "build.h"

static bool code_ok(an_span c)
{
    if (c.n < 2 || c.n > 7)
        return false;
    for (size_t i = 0; i < c.n; i++)
        if (c.p[i] < '0' || c.p[i] > '9')
            return false;
    return true;
}

/* The entry for a code, created when new. */
static an_dcameo *entry(an_dbuild *b, an_span c)
{
    uint32_t *v = an_map_get(&b->cameomap, c.p, c.n);
    if (v)
        return &b->cameo.v[*v];
    an_dcameo *e = AN_VPUSH(b, b->cameo);
    if (!e)
        return NULL;
    memcpy(e->code, c.p, c.n);
    char root[3] = {c.p[0], c.p[1], 0};
    e->quad = (uint8_t)an_cameo_quad_class(root);
    if (!an_map_put(&b->cameomap, c.p, c.n, (uint32_t)(b->cameo.n - 1), NULL)) {
        b->oom = 1;
        return NULL;
    }
    return e;
}

/* Trim and collapse a comma-separated field list ("crime; corruption"). */
static uint32_t field(an_dbuild *b, an_span s)
{
    char buf[128];
    size_t n = 0;
    s = an__dl_trim(s.p, s.n);
    for (size_t i = 0; i < s.n && n + 1 < sizeof buf; i++) {
        char c = s.p[i] == ';' ? ',' : s.p[i];
        if (c == ' ' || c == '\t') {
            continue;
        }
        buf[n++] = c;
    }
    return an__db_str(b, buf, n);
}

int an__db_parse_cameo(an_dbuild *b, int fmt, const char *p, size_t n)
{
    const char *s = p, *end = p + n;
    uint64_t no = 0;
    while (s < end && !b->oom) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        an_span line = an__dl_trim(s, (size_t)(e - s));
        s = nl ? nl + 1 : end;
        no++;
        if (!line.n || line.p[0] == '#' || line.p[0] == '~')
            continue;
        if (fmt == AN_DF_PLOVER) {
            const char *colon = memchr(line.p, ':', line.n);
            if (!colon) {
                an__db_diag(b, AN_SEV_ERROR, no, "expected \"CODE: EVENT, MODE, "
                            "CONTEXT\"");
                continue;
            }
            an_span c = an__dl_trim(line.p, (size_t)(colon - line.p));
            if (!code_ok(c)) {
                an__db_diag(b, AN_SEV_ERROR, no, "bad CAMEO code \"%.*s\"",
                            (int)AN_MIN(c.n, (size_t)20), c.p);
                continue;
            }
            an_span rest = {colon + 1, (size_t)(line.p + line.n - colon - 1)};
            const char *hash = memchr(rest.p, '#', rest.n);
            if (hash)
                rest.n = (size_t)(hash - rest.p);
            an_span f[3] = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
            int nf = 0;
            const char *q = rest.p, *qe = rest.p + rest.n;
            while (q <= qe && nf < 3) {
                const char *cm = nf < 2 ? memchr(q, ',', (size_t)(qe - q)) : NULL;
                const char *fe = cm ? cm : qe;
                f[nf++] = (an_span){q, (size_t)(fe - q)};
                if (!cm)
                    break;
                q = cm + 1;
            }
            an_span ev = an__dl_trim(f[0].p, f[0].n);
            if (c.n == 2 && nf == 1) /* "03: AGREE": a heading */
                continue;
            an_dcameo *en = entry(b, c);
            if (!en)
                break;
            if (en->plover_event)
                an__db_diag(b, AN_SEV_WARNING, no, "code %.*s mapped twice: the "
                            "last mapping is kept", (int)c.n, c.p);
            en->plover_event = an__db_str(b, ev.p, ev.n);
            en->plover_mode = nf > 1 ? field(b, f[1]) : 0;
            en->plover_context = nf > 2 ? field(b, f[2]) : 0;
            continue;
        }
        const char *tab = memchr(line.p, '\t', line.n);
        if (!tab) {
            an__db_diag(b, AN_SEV_ERROR, no, "expected \"CODE<TAB>VALUE\"");
            continue;
        }
        an_span c = an__dl_trim(line.p, (size_t)(tab - line.p));
        an_span v = an__dl_trim(tab + 1, (size_t)(line.p + line.n - tab - 1));
        if (no == 1 && !code_ok(c))
            continue; /* the header line */
        if (!code_ok(c)) {
            an__db_diag(b, AN_SEV_ERROR, no, "bad CAMEO code \"%.*s\"",
                        (int)AN_MIN(c.n, (size_t)20), c.p);
            continue;
        }
        an_dcameo *en = entry(b, c);
        if (!en)
            break;
        if (fmt == AN_DF_CAMEO) {
            en->name = an__db_str(b, v.p, v.n);
        } else {
            char buf[32];
            size_t k = AN_MIN(v.n, sizeof buf - 1);
            memcpy(buf, v.p, k);
            buf[k] = 0;
            char *endp;
            double g = strtod(buf, &endp);
            if (endp == buf || *endp || g < -10 || g > 10) {
                an__db_diag(b, AN_SEV_ERROR, no, "bad Goldstein score \"%s\"", buf);
                continue;
            }
            en->goldstein = (float)g;
            en->has_gold = 1;
        }
    }
    return b->oom ? AN_ENOMEM : AN_OK;
}

int an_cameo_quad_class(const char *code)
{
    if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return 0;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (root >= 1 && root <= 5)
        return 1;
    if (root >= 6 && root <= 8)
        return 2;
    if (root >= 9 && root <= 13)
        return 3;
    if (root >= 14 && root <= 20)
        return 4;
    return 0;
}
