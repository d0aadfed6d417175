/*
** charset.c - bringing pages in other encodings to UTF-8.
**
** Pages declare their charset in the HTTP header or in a <meta> tag.
** UTF-8 and ASCII pass through untouched; Windows-1252 and ISO-8859-1
** (the commonest others, and what "iso-8859-1" means in practice, per the
** WHATWG Encoding standard) are converted here; anything else goes
** through the C library's iconv.
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>

#include "../base/utf8.h"
#include "ingest.h"

/* Windows-1252 code points for bytes 0x80..0x9F (0 = undefined). */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static bool isalnum_ascii(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

static bool cs_is(const char *cs, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n != k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (an_lower((unsigned char)cs[i]) != name[i])
            return false;
    return true;
}

static int from_cp1252(an_arena *a, const char *p, size_t n, an_span *out)
{
    if (n > (SIZE_MAX - 1) / 3)
        return AN_ENOMEM;
    char *o = an_arena_alloc(a, n * 3 + 1), *w = o;
    if (!o)
        return AN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        int32_t cp = c;
        if (c >= 0x80 && c < 0xA0)
            cp = cp1252_hi[c - 0x80] ? cp1252_hi[c - 0x80] : 0xFFFD;
        w += an_utf8_encode(cp, w);
    }
    *w = 0;
    out->p = o;
    out->n = (size_t)(w - o);
    return AN_OK;
}

int an_charset_to_utf8(an_arena *a, const char *cs, size_t csn,
                       const char *p, size_t n, an_span *out)
{
    out->p = p;
    out->n = n;
    if (csn == 0 || cs_is(cs, csn, "utf-8") || cs_is(cs, csn, "utf8") ||
        cs_is(cs, csn, "us-ascii") || cs_is(cs, csn, "ascii"))
        return AN_OK;
    if (cs_is(cs, csn, "windows-1252") || cs_is(cs, csn, "cp1252") ||
        cs_is(cs, csn, "iso-8859-1") || cs_is(cs, csn, "latin1") ||
        cs_is(cs, csn, "latin-1") || cs_is(cs, csn, "iso8859-1"))
        return from_cp1252(a, p, n, out);
    char name[64];
    if (csn >= sizeof name)
        return AN_EUNSUP;
    memcpy(name, cs, csn);
    name[csn] = 0;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return AN_EUNSUP;
    size_t cap = n * 4 + 16;
    char *o = an_arena_alloc(a, cap);
    if (!o) {
        iconv_close(cd);
        return AN_ENOMEM;
    }
    char *in = (char *)p, *w = o;
    size_t inleft = n, outleft = cap - 1;
    while (inleft > 0) {
        size_t r = iconv(cd, &in, &inleft, &w, &outleft);
        if (r != (size_t)-1)
            break;
        if (errno == EILSEQ || errno == EINVAL) {
            /* Undecodable byte: U+FFFD and go on. */
            if (outleft < 3)
                break;
            memcpy(w, "\xEF\xBF\xBD", 3);
            w += 3;
            outleft -= 3;
            in++;
            inleft--;
            continue;
        }
        break; /* E2BIG cannot happen with 4x room; stop defensively */
    }
    iconv_close(cd);
    *w = 0;
    out->p = o;
    out->n = (size_t)(w - o);
    return AN_OK;
}

int an_charset_sniff_html(const char *p, size_t n, char *cs, size_t cslen)
{
    size_t lim = AN_MIN(n, (size_t)4096);
    for (size_t i = 0; i + 8 < lim; i++) {
        if (an_lower((unsigned char)p[i]) != 'c' ||
            an_lower((unsigned char)p[i + 1]) != 'h')
            continue;
        static const char key[] = "charset";
        size_t k = 0;
        while (k < 7 && i + k < lim &&
               an_lower((unsigned char)p[i + k]) == key[k])
            k++;
        if (k != 7)
            continue;
        size_t j = i + 7;
        while (j < lim && (p[j] == ' ' || p[j] == '\t'))
            j++;
        if (j >= lim || p[j] != '=')
            continue;
        j++;
        while (j < lim && (p[j] == ' ' || p[j] == '"' || p[j] == '\''))
            j++;
        size_t o = 0;
        while (j < lim && o + 1 < cslen &&
               (isalnum_ascii(p[j]) || p[j] == '-' || p[j] == '_' || p[j] == ':'))
            cs[o++] = (char)an_lower((unsigned char)p[j++]);
        cs[o] = 0;
        if (o)
            return 1;
    }
    return 0;
}
