/*
** text.c - plain-text documents: boilerplate lines out, metadata in.
**
** The text is read line by line.  Kept lines are copied with their line
** ends, so the document keeps its own paragraph breaks and every byte
** maps back to the input.  Dropped are:
**   - boilerplate lines (boiler.c: "Skip to main content", "Share this:",
**     "Advertisement", cookie notices, copyright lines, ...) and, in
**     plain text only, "Source: ..." and photo credit lines;
**   - a URL alone on the first line (it becomes the document URL);
**   - lines near the top that hold only a date or time ("May 03, 2013",
**     "Updated 5: 40 p.m. ET"); the first with a date gives the document
**     date;
**   - everything after a comment-section marker ("Leave a Reply",
**     "12 comments") that comes after most of the text.
** The first line is the title when it is followed by a date line (or
** comes after a URL line) and looks like a headline; it stays in the text.
** When the top of the text has no date line, an agency dateline opening
** one of the first paragraphs ("KYIV, March 18 (Reuters) -",
** "WASHINGTON, DC, April 28, 2009 (ENS) --") gives the date; a dateline
** without a year takes it from the nearest complete date in the text, or
** leaves the date unknown.
*/
#include "extract_int.h"

#define TOP_LINES 6      /* non-empty lines searched for title/date */
#define SHORT_LINE 200   /* longer lines are never boilerplate */

static inline bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Trim white space (and UTF-8 no-break spaces) from both ends. */
static void trim(const char *p, size_t *s, size_t *e)
{
    while (*s < *e) {
        if (is_space((unsigned char)p[*s]))
            (*s)++;
        else if (*e - *s >= 2 && (unsigned char)p[*s] == 0xC2 &&
                 (unsigned char)p[*s + 1] == 0xA0)
            *s += 2;
        else
            break;
    }
    while (*e > *s) {
        if (is_space((unsigned char)p[*e - 1]))
            (*e)--;
        else if (*e - *s >= 2 && (unsigned char)p[*e - 2] == 0xC2 &&
                 (unsigned char)p[*e - 1] == 0xA0)
            *e -= 2;
        else
            break;
    }
}

/* Case-insensitive prefix test against a lower-case literal. */
static bool starts_with(const char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (an_lower((unsigned char)p[i]) != (unsigned char)lit[i])
            return false;
    return true;
}

/* Boilerplate that only plain text (copied from pages) has. */
static bool text_boiler(const char *p, size_t n)
{
    static const char *const pre[] = {
        "image copyright", "image caption",
        "media caption", "media playback is unsupported", "photo:",
        "photo credit", "photograph:", "image:", "picture:", "(photo",
        "click here", "read more", "see more", "view comments",
        "print this", "email this"};
    if (n > 120)
        return false;
    if (n <= 80 && starts_with(p, n, "source:"))
        return true;
    for (size_t i = 0; i < AN_COUNT(pre); i++)
        if (starts_with(p, n, pre[i]))
            return true;
    return false;
}

/* A comment-section marker: after it come comments and forms. */
static bool comments_marker(const char *p, size_t n)
{
    static const char *const whole[] = {
        "leave a reply", "leave a comment", "post a comment",
        "add a comment", "add comment", "join the discussion",
        "join the conversation", "comments", "reader comments",
        "show comments", "comments are closed"};
    char w[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof w; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == ':' || c == '.' || c == '!')
            continue;
        w[k++] = (char)an_lower(c);
    }
    if (k == 0 || k >= sizeof w)
        return false;
    for (size_t i = 0; i < AN_COUNT(whole); i++)
        if (strlen(whole[i]) == k && memcmp(whole[i], w, k) == 0)
            return true;
    /* "12 comments", "3 responses", "One thought on ..." */
    size_t d = 0;
    while (d < k && w[d] >= '0' && w[d] <= '9')
        d++;
    if (d && d < k && w[d] == ' ') {
        const char *r = w + d + 1;
        size_t rn = k - d - 1;
        if ((rn == 8 && memcmp(r, "comments", 8) == 0) ||
            (rn == 7 && memcmp(r, "comment", 7) == 0) ||
            (rn >= 9 && memcmp(r, "responses", 9) == 0) ||
            (rn >= 7 && memcmp(r, "replies", 7) == 0))
            return true;
    }
    return false;
}

/* A line that is one absolute URL and nothing else. */
static bool is_url_line(const char *p, size_t n)
{
    if (!(starts_with(p, n, "http://") || starts_with(p, n, "https://")))
        return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] == ' ' || p[i] == '\t')
            return false;
    return true;
}

/* A line that is only a date and/or a clock time, with filler words. */
static bool date_line(const char *p, size_t n, an_date *d)
{
    if (n < 4 || n > 100)
        return false;
    d->year = 0;
    if (an_date_parse(p, n, d) == AN_OK)
        return true;
    /* A time alone: "Updated 5: 40 p. m. ET", "10:24 AM". */
    an_date full;
    an_date with = {0, 0, 0};
    char buf[128];
    size_t k = AN_MIN(n, (size_t)100);
    memcpy(buf, p, k);
    memcpy(buf + k, " 1 Jan 2000", 11);
    if (an_date_parse(buf, k + 11, &full) == AN_OK) {
        /* Must hold digits and a ':' or am/pm to be a time. */
        bool colon = false, digit = false;
        for (size_t i = 0; i < n; i++) {
            colon |= p[i] == ':';
            digit |= p[i] >= '0' && p[i] <= '9';
        }
        *d = with;
        return digit && colon;
    }
    return false;
}

/* A complete date that ends a line near the top ("... Pattern? November
   20, 2012"): the date a subtitle or byline line carries. */
static bool trailing_date(const char *p, size_t n, an_date *d)
{
    size_t s, e;
    size_t from = n > 40 ? n - 40 : 0;
    while (from > 0 && from < n && p[from - 1] != ' ')
        from++;
    if (an_date_find(p + from, n - from, d, &s, &e) != AN_OK)
        return false;
    e += from;
    while (e < n && (p[e] == ' ' || p[e] == '.' || p[e] == ')'))
        e++;
    return e == n;
}

/* A line that looks like a headline: short, no sentence end. */
static bool title_like(const char *p, size_t n)
{
    if (n < 8 || n > 200)
        return false;
    char c = p[n - 1];
    if (c == '.' && !(n > 3 && p[n - 2] == '.' && p[n - 3] == '.'))
        return false;
    if (c == ':' || c == ',' || c == ';')
        return false;
    unsigned letters = 0;
    for (size_t i = 0; i < n; i++)
        letters += (unsigned char)((p[i] | 0x20) - 'a') < 26 ||
                   (unsigned char)p[i] >= 0x80;
    return letters * 2 >= n;
}

/*
** An agency dateline at the start of a paragraph: a place in capitals
** ("KYIV", "WASHINGTON, DC", "NEW YORK"), a comma, a date with or without
** year, maybe "(Reuters)", then a dash.  Sets *d (year 0 if none given).
*/
static bool dateline(const char *p, size_t n, an_date *d)
{
    n = AN_MIN(n, (size_t)160);
    /* The place: at most three words, the first capitalised. */
    size_t i = 0, words = 1;
    if (n == 0 || p[0] < 'A' || p[0] > 'Z')
        return false;
    while (i < n && ((p[i] >= 'A' && p[i] <= 'Z') ||
                     (p[i] >= 'a' && p[i] <= 'z') || p[i] == '.' ||
                     p[i] == '\'' || p[i] == '-' || p[i] == ' ')) {
        words += p[i] == ' ';
        i++;
    }
    if (i < 2 || i > 40 || words > 3 || i >= n ||
        (p[i] != ',' && p[i] != '('))
        return false;
    /* The dash that ends the dateline. */
    size_t dash = 0, dlen = 0;
    for (size_t j = i; j + 1 < n; j++) {
        if (p[j] == ' ' && (p[j + 1] == '-' ||
                            (j + 3 < n && (unsigned char)p[j + 1] == 0xE2 &&
                             (unsigned char)p[j + 2] == 0x80 &&
                             ((unsigned char)p[j + 3] == 0x94 ||
                              (unsigned char)p[j + 3] == 0x93)))) {
            dash = j;
            dlen = 1;
            break;
        }
    }
    if (!dlen)
        return false;
    /* Between: comma-separated parts; the date is a suffix of them,
       possibly followed by an agency in parentheses. */
    size_t e = dash;
    while (e > i && p[e - 1] == ' ')
        e--;
    if (e > i && p[e - 1] == ')') {
        size_t o = e - 1;
        while (o > i && p[o] != '(')
            o--;
        if (p[o] != '(')
            return false;
        e = o;
        while (e > i && p[e - 1] == ' ')
            e--;
    }
    for (size_t c = i; c < e; c++) {
        if (p[c] != ',' && p[c] != '(')
            continue;
        size_t s = c + 1;
        while (s < e && p[s] == ' ')
            s++;
        if (s < e && an__date_parse_md(p + s, e - s, d) == AN_OK)
            return true;
    }
    return false;
}

/* Give a yearless date the year that puts it nearest to `ctx`. */
static bool year_from(an_date *d, an_date ctx)
{
    if (!ctx.year || !ctx.month || !ctx.day)
        return false;
    int32_t c = an_date_days(ctx);
    int best_y = 0;
    int32_t best = INT32_MAX;
    for (int y = ctx.year - 1; y <= ctx.year + 1; y++) {
        an_date t = {(int16_t)y, d->month, d->day};
        if (d->month == 2 && d->day == 29 &&
            !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
            continue;
        int32_t dist = an_date_days(t) - c;
        if (dist < 0)
            dist = -dist;
        if (dist < best) {
            best = dist;
            best_y = y;
        }
    }
    if (!best_y)
        return false;
    d->year = (int16_t)best_y;
    return true;
}

typedef struct line {
    size_t s, e;   /* the line's bytes without its end */
    size_t ts, te; /* trimmed */
    size_t next;   /* start of the next line */
} line;

int an_extract_text(an_arena *a, const char *p, size_t n, an_textb *tb,
                    an_extract *out, an_err *err)
{
    memset(out, 0, sizeof *out);
    (void)err;
    if (n >= UINT32_MAX)
        return an_err_set(err, AN_ERANGE, "text too large");
    size_t nonempty = 0, paras = 0;
    bool top_date = false, prev_blank = true, have_title = false;
    bool url_first = false;
    size_t title_line = SIZE_MAX; /* index among non-empty lines */
    line title = {0, 0, 0, 0, 0};
    an_date dl = {0, 0, 0}, tail = {0, 0, 0};
    bool have_dl = false, have_tail = false;
    size_t i = 0;
    while (i < n) {
        line ln;
        ln.s = i;
        const char *nl = memchr(p + i, '\n', n - i);
        ln.e = nl ? (size_t)(nl - p) : n;
        ln.next = nl ? ln.e + 1 : n;
        ln.ts = ln.s;
        ln.te = ln.e;
        trim(p, &ln.ts, &ln.te);
        i = ln.next;
        const char *q = p + ln.ts;
        size_t qn = ln.te - ln.ts;
        if (qn == 0) {
            an_textb_copy(tb, (uint32_t)ln.s, p + ln.s, ln.next - ln.s);
            prev_blank = true;
            continue;
        }
        size_t idx = nonempty++;
        bool para_start = prev_blank;
        prev_blank = false;
        bool drop = false;
        an_date d;
        if (idx == 0 && is_url_line(q, qn)) {
            out->url = (an_span){q, qn};
            url_first = true;
            drop = true;
        } else if (idx < TOP_LINES && date_line(q, qn, &d)) {
            /* Deeper down, a date alone on a line heads a timeline entry
               and stays: it dates the events below it. */
            drop = true;
            if (!top_date && d.year && idx < TOP_LINES) {
                out->date = d;
                out->date_source = AN_DATE_DATELINE;
                top_date = true;
                if (title_line != SIZE_MAX && title_line + 1 == idx)
                    have_title = true; /* the line above is the title */
            }
        } else if (qn <= 60 && comments_marker(q, qn) && ln.s * 10 >= n * 6) {
            out->nlines_dropped++;
            break; /* the rest is the comment section */
        } else if (qn <= SHORT_LINE &&
                   (an__extract_boiler_line(q, qn) || text_boiler(q, qn))) {
            drop = true;
        } else {
            if (idx == (url_first ? 1u : 0u) && title_like(q, qn)) {
                title_line = idx;
                title = ln;
                if (url_first)
                    have_title = true;
            }
            if (para_start && paras < 3 && !have_dl)
                have_dl = dateline(q, qn, &dl);
            if (idx < TOP_LINES && !have_tail)
                have_tail = trailing_date(q, qn, &tail);
            if (para_start)
                paras++;
        }
        if (drop) {
            out->nlines_dropped++;
            continue;
        }
        an_textb_copy(tb, (uint32_t)ln.s, p + ln.s, ln.next - ln.s);
    }
    if (have_title)
        out->title = an__extract_clean(a, p + title.ts, title.te - title.ts);
    if (!top_date && have_dl) {
        if (!dl.year) {
            /* The year comes from a complete date elsewhere in the text. */
            an_date ctx;
            size_t s, e;
            if (an_date_find(p, n, &ctx, &s, &e) == AN_OK)
                year_from(&dl, ctx);
        }
        if (dl.year) {
            out->date = dl;
            out->date_source = AN_DATE_DATELINE;
        }
    }
    if (!out->date_source && have_tail) {
        out->date = tail;
        out->date_source = AN_DATE_DATELINE;
    }
    an_date ud;
    if (!out->date_source && url_first && an__extract_url_date(out->url, &ud)) {
        out->date = ud;
        out->date_source = AN_DATE_META;
    }
    return tb->oom ? an_err_set(err, AN_ENOMEM, "out of memory") : AN_OK;
}
