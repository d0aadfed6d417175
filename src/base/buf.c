/*
** buf.c - the growable byte buffer and JSON string escaping.
*/
#include <stdio.h>
#include <stdlib.h>

#include "base.h"
#include "utf8.h"

void an_buf_init(an_buf *b)
{
    memset(b, 0, sizeof *b);
}

void an_buf_fini(an_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

void an_buf_clear(an_buf *b)
{
    b->n = 0;
    if (b->p)
        b->p[0] = 0;
}

int an_buf_reserve(an_buf *b, size_t extra)
{
    if (b->oom)
        return AN_ENOMEM;
    if (extra > SIZE_MAX - b->n - 1) {
        b->oom = 1;
        return AN_ENOMEM;
    }
    size_t need = b->n + extra + 1;
    if (need <= b->cap)
        return AN_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return AN_ENOMEM;
    }
    b->p = p;
    b->cap = cap;
    return AN_OK;
}

void an_buf_add(an_buf *b, const void *p, size_t n)
{
    if (n == 0 || an_buf_reserve(b, n) != AN_OK)
        return;
    memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = 0;
}

void an_buf_addc(an_buf *b, char c)
{
    if (an_buf_reserve(b, 1) != AN_OK)
        return;
    b->p[b->n++] = c;
    b->p[b->n] = 0;
}

void an_buf_adds(an_buf *b, const char *s)
{
    an_buf_add(b, s, strlen(s));
}

void an_buf_printf(an_buf *b, const char *fmt, ...)
{
    va_list ap;
    char tmp[256];
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    if ((size_t)k < sizeof tmp) {
        an_buf_add(b, tmp, (size_t)k);
        return;
    }
    if (an_buf_reserve(b, (size_t)k) != AN_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
}

void an_buf_json_str(an_buf *b, const char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    /* Worst case: every byte becomes \u00XX (6 bytes) or U+FFFD (3). */
    if (n > (SIZE_MAX - 2) / 6 || an_buf_reserve(b, n * 6 + 2) != AN_OK)
        return;
    char *o = b->p + b->n;
    *o++ = '"';
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            *o++ = (char)c;
            i++;
            continue;
        }
        if (c < 0x80) {
            *o++ = '\\';
            switch (c) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '\n': *o++ = 'n'; break;
            case '\r': *o++ = 'r'; break;
            case '\t': *o++ = 't'; break;
            case '\b': *o++ = 'b'; break;
            case '\f': *o++ = 'f'; break;
            default:
                *o++ = 'u'; *o++ = '0'; *o++ = '0';
                *o++ = hex[c >> 4]; *o++ = hex[c & 15];
            }
            i++;
            continue;
        }
        int k = an_utf8_seq_len(p + i, n - i);
        if (k > 0) {
            memcpy(o, p + i, (size_t)k);
            o += k;
            i += (size_t)k;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3); /* U+FFFD */
            o += 3;
            i++;
        }
    }
    *o++ = '"';
    b->n = (size_t)(o - b->p);
    b->p[b->n] = 0;
}

void an_buf_json_span_or_null(an_buf *b, an_span s)
{
    if (s.n == 0)
        an_buf_add(b, "null", 4);
    else
        an_buf_json_str(b, s.p, s.n);
}
