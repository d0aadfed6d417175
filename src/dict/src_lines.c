/*
** src_lines.c - the line reader shared by the dictionary text formats.
**
** PETRARCH and TABARI files share their comment conventions: "<!-- -->"
** blocks (possibly over several lines), "#" and ";" comments to the end of
** the line (but not inside [...], where TABARI writes codes like "###"),
** "//" lines (TABARI options) and "~~FINISH", after which TABARI ignores
** the rest of the file.  The reader hands out trimmed, non-empty lines
** with their numbers and never reads outside the buffer.
*/
#include "build.h"

void an__dl_init(an_dlines *r, const char *p, size_t n)
{
    memset(r, 0, sizeof *r);
    r->p = p;
    r->end = p + n;
}

an_span an__dl_trim(const char *p, size_t n)
{
    while (n && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\f'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' ||
                 p[n - 1] == '\f'))
        n--;
    return (an_span){p, n};
}

/* Find "-->" in p[i..n); returns its index or n. */
static size_t find_close(const char *p, size_t i, size_t n)
{
    for (; i + 3 <= n; i++)
        if (p[i] == '-' && p[i + 1] == '-' && p[i + 2] == '>')
            return i;
    return n;
}

int an__dl_next(an_dlines *r, an_dline *out)
{
    while (r->p < r->end && !r->finished) {
        const char *s = r->p;
        const char *nl = memchr(s, '\n', (size_t)(r->end - s));
        const char *e = nl ? nl : r->end;
        r->p = nl ? nl + 1 : r->end;
        r->no++;
        size_t n = (size_t)(e - s);
        /* Build the line's content in pieces: drop XML comments. */
        size_t i = 0, cut = n;
        size_t keep_lo = 0, keep_hi = n;
        if (r->in_xml_comment) {
            size_t c = find_close(s, 0, n);
            if (c == n)
                continue; /* the whole line is inside the comment */
            r->in_xml_comment = 0;
            keep_lo = c + 3;
        }
        /* Comments: "<!--", "#", ";" outside brackets, "//" at the start. */
        int depth = 0;
        for (i = keep_lo; i < n; i++) {
            char c = s[i];
            if (c == '[')
                depth++;
            else if (c == ']' && depth > 0)
                depth--;
            else if (c == '<' && i + 4 <= n &&
                     memcmp(s + i, "<!--", 4) == 0) {
                size_t close = find_close(s, i + 4, n);
                if (close == n) {
                    r->in_xml_comment = 1;
                    cut = i;
                    break;
                }
                /* Text after an inline comment is dropped: the formats
                   only put comments at the end of a line. */
                cut = i;
                break;
            } else if (depth == 0 && (c == '#' || c == ';')) {
                cut = i;
                break;
            } else if (depth == 0 && c == '/' && i + 1 < n && s[i + 1] == '/' &&
                       an__dl_trim(s + keep_lo, i - keep_lo).n == 0) {
                cut = i;
                break;
            }
        }
        keep_hi = cut;
        if (keep_hi < keep_lo)
            keep_hi = keep_lo;
        an_span t = an__dl_trim(s + keep_lo, keep_hi - keep_lo);
        if (t.n >= 8 && memcmp(t.p, "~~FINISH", 8) == 0) {
            r->finished = 1;
            return 0;
        }
        if (!t.n)
            continue;
        out->p = t.p;
        out->n = t.n;
        out->no = r->no;
        out->indented = keep_lo == 0 && n > 0 && (s[0] == ' ' || s[0] == '\t');
        return 1;
    }
    return 0;
}
