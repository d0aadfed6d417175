/*
** meta.c - the metadata an HTML page carries: headline, canonical URL,
** outlet, author, language and publication date.
**
** Sources, in the order they are trusted:
**   title:  og:title, JSON-LD headline, twitter:title, the first <h1>,
**           <title> (a " | Site" tail naming the outlet is cut off);
**   date:   JSON-LD datePublished, publication meta tags
**           (article:published_time, og/dc/dcterms/parsely/sailthru dates,
**           pubdate, ...), itemprop="datePublished", <time pubdate>, a date
**           in the URL path (/2019/11/19/), the first <time datetime>;
**   url:    <link rel=canonical>, og:url, JSON-LD url / mainEntityOfPage;
**   outlet: og:site_name, JSON-LD publisher name, application-name, else
**           the host of the URL without "www.";
**   author: JSON-LD author name, meta author / parsely-author /
**           article:author (when not a URL);
**   lang:   <html lang>, Content-Language, og:locale.
** One forward pass over the nodes collects candidates; JSON-LD blocks are
** parsed with the base JSON parser (after raw control bytes, which many
** sites leave inside strings, are blanked) and walked without recursion.
*/
#include "../base/json.h"
#include "extract_int.h"

/* Candidate slots, filled once each (the first occurrence wins). */
enum {
    M_OG_TITLE, M_LD_HEADLINE, M_TW_TITLE, M_H1, M_TITLE,
    M_LD_DATE, M_META_DATE, M_ITEMPROP_DATE, M_TIME_PUB, M_URL_DATE,
    M_TIME_ANY, M_LD_CREATED,
    M_CANONICAL, M_OG_URL, M_LD_URL,
    M_SITE_NAME, M_LD_PUBLISHER, M_APP_NAME,
    M_LD_AUTHOR, M_META_AUTHOR,
    M_LANG, M_CONTENT_LANG, M_OG_LOCALE,
    M_COUNT
};

typedef struct meta {
    an_span v[M_COUNT]; /* raw values (page bytes or scratch), undecoded */
} meta;

/* Fill a candidate slot unless an earlier occurrence filled it. */
static void put(meta *m, int slot, an_span v)
{
    if (!m->v[slot].n && v.n)
        m->v[slot] = v;
}

/* Meta names (name=, property= or itemprop=) of publication dates. */
static const char *const date_names[] = {
    "article:published_time", "og:article:published_time",
    "article:published", "article.published", "published_time",
    "og:published_time", "datepublished", "date", "dc.date",
    "dc.date.issued", "dc.date.created", "dc.date.published",
    "dcterms.created", "dcterms.date", "dcterms.issued",
    "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date",
    "article_date_original", "cxenseparse:recs:publishtime",
    "citation_publication_date", "citation_date", "og:pubdate",
    "bt:pubdate", "rnews:datepublished", "originalpublicationdate",
    "displaydate", "pdate", "dc.date.issued", "date.release",
    "article_date", "publish-time", "sailthru.date", "parsely-pub-date"};

/* Case-insensitive membership of a span in a list of names. */
static bool name_in(an_span s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (an_span_ieq(s, list[i]))
            return true;
    return false;
}

/* Concatenated text of the (non-raw) text nodes under element i, into
   buf; returns a span of buf. */
static an_span inner_text(const an_htree *t, uint32_t i, char *buf,
                          size_t cap)
{
    size_t k = 0;
    uint32_t end = t->nodes[i].end;
    for (uint32_t j = i + 1; j < t->nnodes && k < cap; j++) {
        const an_hnode *y = &t->nodes[j];
        if (y->start >= end)
            break;
        if (y->tag != AN_HT_TEXT || (y->flags & AN_HN_RAWTXT))
            continue;
        /* Only descendants of i. */
        uint32_t p = y->parent;
        while (p > i)
            p = t->nodes[p].parent;
        if (p != i)
            continue;
        size_t m = AN_MIN((size_t)(y->end - y->start), cap - k);
        memcpy(buf + k, t->src + y->start, m);
        k += m;
        if (k < cap)
            buf[k++] = ' ';
    }
    return (an_span){buf, k};
}

/* ---- JSON-LD ---- */

static bool type_is_article(const an_json *o)
{
    const an_json *ty = an_json_get(o, "@type");
    if (!ty)
        return false;
    size_t n = ty->type == AN_JSON_ARRAY ? ty->n : 1;
    for (size_t i = 0; i < n; i++) {
        const an_json *s = ty->type == AN_JSON_ARRAY ? &ty->items[i] : ty;
        if (s->type != AN_JSON_STRING)
            continue;
        an_span v = s->str;
        static const char *const tails[] = {"article", "blogposting",
                                            "newsarticle", "report",
                                            "posting"};
        for (size_t k = 0; k < AN_COUNT(tails); k++) {
            size_t tl = strlen(tails[k]);
            if (v.n >= tl &&
                an_span_ieq((an_span){v.p + v.n - tl, tl}, tails[k]))
                return true;
        }
    }
    return false;
}

/* A name from a string, an object with "name", or the first of an
   array of those. */
static an_span name_of(const an_json *v)
{
    if (!v)
        return (an_span){NULL, 0};
    if (v->type == AN_JSON_ARRAY && v->n)
        v = &v->items[0];
    if (v->type == AN_JSON_STRING)
        return v->str;
    if (v->type == AN_JSON_OBJECT)
        return an_json_get_str(v, "name");
    return (an_span){NULL, 0};
}

/* Take the fields of a JSON-LD article object. */
static void ld_article(meta *m, const an_json *o)
{
    put(m, M_LD_HEADLINE, an_json_get_str(o, "headline"));
    put(m, M_LD_DATE, an_json_get_str(o, "datePublished"));
    put(m, M_LD_CREATED, an_json_get_str(o, "dateCreated"));
    put(m, M_LD_AUTHOR, name_of(an_json_get(o, "author")));
    put(m, M_LD_PUBLISHER, name_of(an_json_get(o, "publisher")));
    an_span u = an_json_get_str(o, "url");
    if (!u.n) {
        const an_json *me = an_json_get(o, "mainEntityOfPage");
        if (me && me->type == AN_JSON_STRING)
            u = me->str;
        else if (me && me->type == AN_JSON_OBJECT)
            u = an_json_get_str(me, "@id");
    }
    put(m, M_LD_URL, u);
}

/* Parse one JSON-LD block and take the fields of its article objects. */
static void ld_block(an_arena *scratch, meta *m, const char *p, size_t n)
{
    if (n == 0 || n > (4u << 20))
        return;
    char *c = an_arena_alloc(scratch, n);
    if (!c)
        return;
    /* Blank raw control bytes; drop CDATA and comment wrappers. */
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)p[i];
        c[i] = b < 0x20 ? ' ' : (char)b;
    }
    size_t s = 0, e = n;
    while (s < e && c[s] != '{' && c[s] != '[')
        s++;
    while (e > s && c[e - 1] != '}' && c[e - 1] != ']')
        e--;
    if (e <= s)
        return;
    an_json *root;
    if (an_json_parse(scratch, c + s, e - s, &root, NULL) != AN_OK)
        return;
    /* Walk objects and arrays with an explicit stack. */
    const an_json *stack[AN_JSON_MAX_DEPTH + 2];
    size_t sp = 0, seen = 0;
    stack[sp++] = root;
    while (sp && seen < 4096) {
        const an_json *v = stack[--sp];
        seen++;
        if (v->type == AN_JSON_OBJECT) {
            if (type_is_article(v))
                ld_article(m, v);
            const an_json *g = an_json_get(v, "@graph");
            if (g && sp < AN_COUNT(stack))
                stack[sp++] = g;
            const an_json *me = an_json_get(v, "mainEntity");
            if (me && sp < AN_COUNT(stack))
                stack[sp++] = me;
        } else if (v->type == AN_JSON_ARRAY) {
            for (size_t i = v->n; i-- > 0 && sp < AN_COUNT(stack);)
                stack[sp++] = &v->items[i];
        }
    }
}

/* ---- dates ---- */

bool an__extract_url_date(an_span u, an_date *d)
{
    const char *p = u.p;
    size_t n = u.n;
    for (size_t i = 0; i + 10 <= n; i++) {
        if (p[i] != '/' || (p[i + 1] != '1' && p[i + 1] != '2'))
            continue;
        int y = 0, mo = 0, da = 0;
        size_t k = i + 1, j;
        for (j = 0; j < 4 && k < n && p[k] >= '0' && p[k] <= '9'; j++, k++)
            y = y * 10 + (p[k] - '0');
        if (j != 4 || k >= n)
            continue;
        char sep = p[k];
        if (sep == '/' || sep == '-' || sep == '_') {
            k++;
            for (j = 0; j < 2 && k < n && p[k] >= '0' && p[k] <= '9'; j++, k++)
                mo = mo * 10 + (p[k] - '0');
            if (j != 2 || k >= n || p[k] != sep)
                continue;
            k++;
            for (j = 0; j < 2 && k < n && p[k] >= '0' && p[k] <= '9'; j++, k++)
                da = da * 10 + (p[k] - '0');
            if (j != 2 || (k < n && p[k] >= '0' && p[k] <= '9'))
                continue;
        } else if (sep >= '0' && sep <= '9' && k + 4 <= n) {
            for (j = 0; j < 4; j++, k++) {
                if (p[k] < '0' || p[k] > '9')
                    break;
                if (j < 2)
                    mo = mo * 10 + (p[k] - '0');
                else
                    da = da * 10 + (p[k] - '0');
            }
            if (j != 4 || (k < n && p[k] != '/' && p[k] != '-' && p[k] != '.'))
                continue;
        } else {
            continue;
        }
        an_date dt = {(int16_t)y, (int8_t)mo, (int8_t)da};
        char buf[11];
        if (y < 1990 || y > 2099 || mo < 1 || mo > 12 || da < 1 || da > 31)
            continue;
        an_date_format(dt, buf);
        an_date chk;
        if (an_date_parse(buf, 10, &chk) == AN_OK) {
            *d = chk;
            return true;
        }
    }
    return false;
}

/* ---- helpers ---- */

/* Host of an absolute URL, without "www.". */
static an_span host_of(an_span u)
{
    size_t i = 0;
    while (i + 2 < u.n && !(u.p[i] == ':' && u.p[i + 1] == '/' &&
                            u.p[i + 2] == '/'))
        i++;
    if (i + 2 >= u.n)
        return (an_span){NULL, 0};
    i += 3;
    size_t s = i;
    while (i < u.n && u.p[i] != '/' && u.p[i] != ':' && u.p[i] != '?' &&
           u.p[i] != '#')
        i++;
    an_span h = {u.p + s, i - s};
    if (h.n > 4 && an_span_ieq((an_span){h.p, 4}, "www."))
        h = (an_span){h.p + 4, h.n - 4};
    return h;
}

static bool is_abs_url(an_span u)
{
    return (u.n > 7 && an_span_ieq((an_span){u.p, 7}, "http://")) ||
           (u.n > 8 && an_span_ieq((an_span){u.p, 8}, "https://"));
}

/* Case-insensitive equality of two spans. */
static bool span_ieq2(an_span a, an_span b)
{
    if (a.n != b.n)
        return false;
    for (size_t i = 0; i < a.n; i++)
        if (an_lower((unsigned char)a.p[i]) != an_lower((unsigned char)b.p[i]))
            return false;
    return true;
}

/*
** Cut a " | Outlet" (or " - ", " – ", " — ", " :: ") tail off a cleaned
** title when the tail names the outlet or the host, or when it is a few
** words after a bar.
*/
static an_span cut_site(an_span t, an_span outlet, an_span host,
                        bool title_tag)
{
    static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ",
                                       " \xe2\x80\x94 ", " :: ", " \xc2\xbb "};
    for (int round = 0; round < 2; round++) {
        size_t best = 0, bl = 0;
        for (size_t s = 0; s < AN_COUNT(seps); s++) {
            size_t sl = strlen(seps[s]);
            for (size_t i = t.n; i-- > 0;) {
                if (i + sl <= t.n && memcmp(t.p + i, seps[s], sl) == 0) {
                    if (i > best) {
                        best = i;
                        bl = sl;
                    }
                    break;
                }
            }
        }
        if (!best)
            break;
        an_span tail = {t.p + best + bl, t.n - best - bl};
        size_t words = 1;
        for (size_t i = 0; i < tail.n; i++)
            words += tail.p[i] == ' ';
        bool site = (outlet.n && span_ieq2(tail, outlet)) ||
                    (host.n && tail.n >= 4 &&
                     (span_ieq2(tail, host) ||
                      (tail.n <= host.n &&
                       span_ieq2(tail, (an_span){host.p, tail.n}))));
        bool bar = bl == 3 && t.p[best + 1] == '|' && words <= 4;
        /* In <title>, a short tail after any separator names the site. */
        size_t head_words = 1;
        for (size_t i = 0; i < best; i++)
            head_words += t.p[i] == ' ';
        bool short_tail = title_tag && words <= 3 && head_words >= 3;
        if (!site && !bar && !short_tail)
            break;
        t.n = best;
    }
    return t;
}

/* A candidate value decoded and collapsed into the arena. */
static an_span clean_or(an_arena *a, an_span v)
{
    return an__extract_clean(a, v.p, v.n);
}

void an__extract_meta(an_arena *a, an_arena *scratch, const an_htree *t,
                      an_extract *out)
{
    meta mm;
    meta *m = &mm;
    memset(m, 0, sizeof *m);
    const an_hnode *nd = t->nodes;
    int titles = 0;
    for (uint32_t i = 1; i < t->nnodes; i++) {
        const an_hnode *x = &nd[i];
        bool f;
        switch (x->tag) {
        case AN_HT_META: {
            an_span content = an_htree_attr(t, i, "content", &f);
            if (!f || !content.n)
                break;
            an_span key = an_htree_attr(t, i, "property", &f);
            if (!f)
                key = an_htree_attr(t, i, "name", &f);
            if (!f)
                key = an_htree_attr(t, i, "itemprop", &f);
            if (!f) {
                key = an_htree_attr(t, i, "http-equiv", &f);
                if (f && an_span_ieq(key, "content-language"))
                    put(m, M_CONTENT_LANG, content);
                break;
            }
            if (an_span_ieq(key, "og:title"))
                put(m, M_OG_TITLE, content);
            else if (an_span_ieq(key, "twitter:title"))
                put(m, M_TW_TITLE, content);
            else if (an_span_ieq(key, "og:site_name"))
                put(m, M_SITE_NAME, content);
            else if (an_span_ieq(key, "application-name"))
                put(m, M_APP_NAME, content);
            else if (an_span_ieq(key, "og:url"))
                put(m, M_OG_URL, content);
            else if (an_span_ieq(key, "og:locale"))
                put(m, M_OG_LOCALE, content);
            else if (an_span_ieq(key, "author") ||
                     an_span_ieq(key, "parsely-author") ||
                     an_span_ieq(key, "sailthru.author") ||
                     an_span_ieq(key, "dc.creator") ||
                     (an_span_ieq(key, "article:author") &&
                      !is_abs_url(content)))
                put(m, M_META_AUTHOR, content);
            else if (name_in(key, date_names, AN_COUNT(date_names)))
                put(m, M_META_DATE, content);
            break;
        }
        case AN_HT_LINK: {
            an_span rel = an_htree_attr(t, i, "rel", &f);
            if (f && an_span_ieq(rel, "canonical"))
                put(m, M_CANONICAL, an_htree_attr(t, i, "href", &f));
            break;
        }
        case AN_HT_TITLE:
            if (!titles++ && x->first && nd[x->first].tag == AN_HT_TEXT) {
                const an_hnode *y = &nd[x->first];
                put(m, M_TITLE, (an_span){t->src + y->start, y->end - y->start});
            }
            break;
        case AN_HT_HTML:
            put(m, M_LANG, an_htree_attr(t, i, "lang", &f));
            break;
        case AN_HT_SCRIPT: {
            an_span ty = an_htree_attr(t, i, "type", &f);
            if (f && ty.n >= 7 && x->first &&
                an_span_ieq((an_span){ty.p + ty.n - 7, 7}, "ld+json")) {
                const an_hnode *y = &nd[x->first];
                ld_block(scratch, m, t->src + y->start, y->end - y->start);
            }
            break;
        }
        case AN_HT_H1:
            if (!m->v[M_H1].n) {
                char *buf = an_arena_alloc(scratch, 512);
                if (buf)
                    put(m, M_H1, inner_text(t, i, buf, 512));
            }
            break;
        case AN_HT_TIME: {
            an_span dt = an_htree_attr(t, i, "datetime", &f);
            if (!f || !dt.n)
                break;
            bool pub;
            an_htree_attr(t, i, "pubdate", &pub);
            an_span ip = an_htree_attr(t, i, "itemprop", &f);
            if (f && an_span_ieq(ip, "datepublished"))
                put(m, M_ITEMPROP_DATE, dt);
            if (pub)
                put(m, M_TIME_PUB, dt);
            put(m, M_TIME_ANY, dt);
            break;
        }
        default:
            break;
        }
        if (x->tag != AN_HT_META && x->tag != AN_HT_TIME && x->nattr) {
            an_span ip = an_htree_attr(t, i, "itemprop", &f);
            if (f && an_span_ieq(ip, "datepublished")) {
                an_span v = an_htree_attr(t, i, "content", &f);
                if (!f || !v.n)
                    v = an_htree_attr(t, i, "datetime", &f);
                if ((!f || !v.n) && x->first &&
                    nd[x->first].tag == AN_HT_TEXT)
                    v = (an_span){t->src + nd[x->first].start,
                                  nd[x->first].end - nd[x->first].start};
                put(m, M_ITEMPROP_DATE, v);
            }
        }
    }

    /* URL: the canonical link when absolute, else og:url, else JSON-LD. */
    static const int url_slots[] = {M_CANONICAL, M_OG_URL, M_LD_URL};
    for (size_t k = 0; k < AN_COUNT(url_slots) && !out->url.n; k++) {
        an_span u = clean_or(a, m->v[url_slots[k]]);
        if (is_abs_url(u))
            out->url = u;
    }
    an_span host = host_of(out->url);

    static const int outlet_slots[] = {M_SITE_NAME, M_LD_PUBLISHER,
                                       M_APP_NAME};
    for (size_t k = 0; k < AN_COUNT(outlet_slots) && !out->outlet.n; k++)
        out->outlet = clean_or(a, m->v[outlet_slots[k]]);
    if (!out->outlet.n && host.n)
        out->outlet = host;

    static const int title_slots[] = {M_OG_TITLE, M_LD_HEADLINE, M_TW_TITLE,
                                      M_H1, M_TITLE};
    for (size_t k = 0; k < AN_COUNT(title_slots) && !out->title.n; k++) {
        an_span v = clean_or(a, m->v[title_slots[k]]);
        if (v.n)
            out->title = cut_site(v, out->outlet, host,
                                  title_slots[k] == M_TITLE);
    }

    static const int author_slots[] = {M_LD_AUTHOR, M_META_AUTHOR};
    for (size_t k = 0; k < AN_COUNT(author_slots) && !out->author.n; k++)
        out->author = clean_or(a, m->v[author_slots[k]]);

    static const int lang_slots[] = {M_LANG, M_CONTENT_LANG, M_OG_LOCALE};
    for (size_t k = 0; k < AN_COUNT(lang_slots) && !out->lang.n; k++)
        out->lang = clean_or(a, m->v[lang_slots[k]]);

    static const int date_slots[] = {M_LD_DATE, M_META_DATE, M_ITEMPROP_DATE,
                                     M_TIME_PUB, M_URL_DATE, M_TIME_ANY,
                                     M_LD_CREATED};
    for (size_t k = 0; k < AN_COUNT(date_slots); k++) {
        an_date d;
        if (date_slots[k] == M_URL_DATE) {
            if (out->url.n && an__extract_url_date(out->url, &d)) {
                out->date = d;
                out->date_source = AN_DATE_META;
                break;
            }
            continue;
        }
        an_span v = m->v[date_slots[k]];
        if (!v.n || v.n > 200)
            continue;
        char buf[201];
        size_t bn = an__html_decode(v.p, v.n, buf, sizeof buf - 1);
        if (an_date_parse(buf, bn, &d) == AN_OK ||
            (bn > 10 && an_date_parse(buf, 10, &d) == AN_OK)) {
            out->date = d;
            out->date_source = AN_DATE_META;
            break;
        }
    }
}
