/*
** warc.c - WARC records (ISO 28500) and the HTTP responses inside them.
**
** A record is a version line ("WARC/1.0" or "WARC/1.1"), header lines, a
** blank line, Content-Length bytes of payload and two CRLFs.  We keep
** `response` records whose HTTP payload is an HTML page with a 2xx status,
** and `resource` records of type text/html; the rest (warcinfo, request,
** metadata, revisit, images, ...) is counted and skipped.  A broken header
** is reported with its record number and reading resumes at the next line
** that starts with "WARC/".
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "ingest.h"

#define MAX_HEADER_LINE (64u * 1024u)
#define MAX_HEADER_LINES 1000

static void copy_field(char *dst, size_t cap, const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t')) {
        p++;
        n--;
    }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, p, n);
    dst[n] = 0;
}

/* Case-insensitive "Name:" prefix test; returns the value start or NULL. */
static const char *header_value(const char *line, size_t n, const char *name,
                                size_t *vn)
{
    size_t k = strlen(name);
    if (n <= k || line[k] != ':')
        return NULL;
    for (size_t i = 0; i < k; i++)
        if (an_lower((unsigned char)line[i]) != an_lower((unsigned char)name[i]))
            return NULL;
    *vn = n - k - 1;
    return line + k + 1;
}

/* Case-insensitive comparison of the first n bytes with a literal. */
static bool prefix_ieq(const char *s, const char *lit, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!s[i] || an_lower((unsigned char)s[i]) != lit[i])
            return false;
    }
    return true;
}

/* Extract media type (lower-case) and charset from a Content-Type value. */
static void parse_ctype(const char *v, char *mtype, size_t mtlen,
                        char *charset, size_t cslen)
{
    size_t i = 0, o = 0;
    while (v[i] == ' ')
        i++;
    while (v[i] && v[i] != ';' && v[i] != ' ' && o + 1 < mtlen)
        mtype[o++] = (char)an_lower((unsigned char)v[i++]);
    mtype[o] = 0;
    const char *c = v;
    while ((c = strchr(c, ';')) != NULL) {
        c++;
        while (*c == ' ')
            c++;
        if (prefix_ieq(c, "charset=", 8)) {
            c += 8;
            if (*c == '"' || *c == '\'')
                c++;
            size_t k = 0;
            while (c[k] && c[k] != ';' && c[k] != '"' && c[k] != '\'' &&
                   c[k] != ' ' && k + 1 < cslen) {
                charset[k] = (char)an_lower((unsigned char)c[k]);
                k++;
            }
            charset[k] = 0;
        }
    }
}

/* Undo chunked transfer encoding in place; returns new length or -1. */
static long dechunk(char *p, size_t n)
{
    size_t i = 0, o = 0;
    for (;;) {
        size_t sz = 0;
        int digits = 0;
        while (i < n && isxdigit((unsigned char)p[i])) {
            int c = (unsigned char)p[i];
            int d = c <= '9' ? c - '0' : (c | 32) - 'a' + 10;
            if (sz > (SIZE_MAX >> 4))
                return -1;
            sz = sz * 16 + (size_t)d;
            i++;
            digits++;
        }
        if (!digits)
            return -1;
        while (i < n && p[i] != '\n') /* chunk extensions, CR */
            i++;
        if (i >= n)
            return -1;
        i++;
        if (sz == 0)
            return (long)o;
        if (sz > n - i)
            return -1;
        memmove(p + o, p + i, sz);
        o += sz;
        i += sz;
        if (i < n && p[i] == '\r')
            i++;
        if (i < n && p[i] == '\n')
            i++;
    }
}

/* Inflate gzip or zlib data into a new heap block. */
static int inflate_all(const char *p, size_t n, size_t max, char **out,
                       size_t *outn)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) /* auto-detect gzip/zlib */
        return AN_ENOMEM;
    size_t cap = n * 4 + 4096, len = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        inflateEnd(&z);
        return AN_ENOMEM;
    }
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)AN_MIN(n, (size_t)UINT32_MAX);
    int zr;
    do {
        if (len == cap) {
            if (cap > max) {
                free(buf);
                inflateEnd(&z);
                return AN_ERANGE;
            }
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                inflateEnd(&z);
                return AN_ENOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        z.next_out = (Bytef *)buf + len;
        z.avail_out = (uInt)AN_MIN(cap - len, (size_t)UINT32_MAX);
        zr = inflate(&z, Z_NO_FLUSH);
        len = cap - z.avail_out;
    } while (zr == Z_OK);
    inflateEnd(&z);
    if (zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
        free(buf);
        return AN_EFORMAT;
    }
    buf[len] = 0;
    *out = buf;
    *outn = len;
    return zr == Z_STREAM_END ? AN_OK : AN_ETRUNC;
}

int an_http_decode(char *p, size_t n, size_t max, char **body, size_t *len,
                   int *fresh, int *status, char *mtype, size_t mtlen,
                   char *charset, size_t cslen, char *msg, size_t msglen)
{
    *fresh = 0;
    *status = 0;
    mtype[0] = charset[0] = 0;
    /* Status line: HTTP/1.1 200 OK */
    if (n < 12 || memcmp(p, "HTTP/", 5) != 0) {
        snprintf(msg, msglen, "payload is not an HTTP response");
        return AN_EFORMAT;
    }
    const char *sp = memchr(p, ' ', AN_MIN(n, (size_t)32));
    if (!sp || !isdigit((unsigned char)sp[1])) {
        snprintf(msg, msglen, "bad HTTP status line");
        return AN_EFORMAT;
    }
    *status = atoi(sp + 1);
    bool chunked = false;
    char cenc[32] = "";
    size_t i = 0;
    /* Skip the status line, then headers up to the blank line. */
    while (i < n && p[i] != '\n')
        i++;
    i++;
    for (;;) {
        if (i >= n) {
            snprintf(msg, msglen, "HTTP headers are not terminated");
            return AN_EFORMAT;
        }
        size_t s = i;
        while (i < n && p[i] != '\n')
            i++;
        size_t e = i;
        if (e > s && p[e - 1] == '\r')
            e--;
        i++;
        if (e == s)
            break;
        size_t vn;
        const char *v;
        char tmp[512];
        if ((v = header_value(p + s, e - s, "Content-Type", &vn)) != NULL) {
            copy_field(tmp, sizeof tmp, v, vn);
            parse_ctype(tmp, mtype, mtlen, charset, cslen);
        } else if ((v = header_value(p + s, e - s, "Transfer-Encoding", &vn)) != NULL) {
            copy_field(tmp, sizeof tmp, v, vn);
            for (char *c = tmp; *c; c++)
                *c = (char)an_lower((unsigned char)*c);
            chunked = strstr(tmp, "chunked") != NULL;
        } else if ((v = header_value(p + s, e - s, "Content-Encoding", &vn)) != NULL) {
            copy_field(cenc, sizeof cenc, v, vn);
            for (char *c = cenc; *c; c++)
                *c = (char)an_lower((unsigned char)*c);
        }
    }
    char *b = p + i;
    size_t bn = i <= n ? n - i : 0;
    if (chunked) {
        long k = dechunk(b, bn);
        if (k < 0) {
            snprintf(msg, msglen, "bad chunked transfer encoding");
            return AN_EFORMAT;
        }
        bn = (size_t)k;
    }
    if (cenc[0] && strcmp(cenc, "identity") != 0) {
        if (strcmp(cenc, "gzip") != 0 && strcmp(cenc, "x-gzip") != 0 &&
            strcmp(cenc, "deflate") != 0) {
            snprintf(msg, msglen, "unsupported content encoding '%s'", cenc);
            return AN_EUNSUP;
        }
        char *nb;
        size_t nn;
        int rc = inflate_all(b, bn, max, &nb, &nn);
        if (rc != AN_OK && rc != AN_ETRUNC) {
            snprintf(msg, msglen, "cannot decode %s content (%s)", cenc,
                     an_strerror(rc));
            return rc;
        }
        *body = nb;
        *len = nn;
        *fresh = 1;
        return AN_OK;
    }
    *body = b;
    *len = bn;
    return AN_OK;
}

/* Skip lines until one starts with "WARC/" (left unread).  */
static void resync(an_stream *st)
{
    for (;;) {
        size_t k = an_stream_peek(st, 5);
        if (k >= 5 && memcmp(st->buf + st->pos, "WARC/", 5) == 0)
            return;
        const char *line;
        size_t len;
        if (!an_stream_line(st, MAX_HEADER_LINE, &line, &len))
            return;
    }
}

static bool is_html_type(const char *mt)
{
    return strcmp(mt, "text/html") == 0 ||
           strcmp(mt, "application/xhtml+xml") == 0;
}

int an_warc_next(an_stream *st, size_t max_doc, uint64_t *recno,
                 an_warc_page *page, uint64_t *skipped, char *msg,
                 size_t msglen)
{
    for (;;) {
        const char *line;
        size_t len;
        /* Skip blank lines between records. */
        do {
            if (!an_stream_line(st, MAX_HEADER_LINE, &line, &len))
                return 0;
            if (line)
                while (len && (line[len - 1] == '\r' || line[len - 1] == ' '))
                    len--;
        } while (line && len == 0);
        ++*recno;
        if (!line || len < 6 || memcmp(line, "WARC/", 5) != 0) {
            snprintf(msg, msglen, "expected a WARC version line, found '%.*s'",
                     line ? (int)AN_MIN(len, (size_t)40) : 0, line ? line : "");
            resync(st);
            return AN_EFORMAT;
        }
        char type[32] = "", ctype[128] = "";
        long long clen = -1;
        memset(page, 0, sizeof *page);
        int nlines = 0;
        bool bad = false;
        for (;;) {
            if (!an_stream_line(st, MAX_HEADER_LINE, &line, &len)) {
                snprintf(msg, msglen, "file ends inside the record header");
                return AN_ETRUNC;
            }
            if (!line || ++nlines > MAX_HEADER_LINES) {
                bad = true;
                snprintf(msg, msglen, "record header too long");
                break;
            }
            if (len && line[len - 1] == '\r')
                len--;
            if (len == 0)
                break;
            size_t vn;
            const char *v;
            if ((v = header_value(line, len, "WARC-Type", &vn)))
                copy_field(type, sizeof type, v, vn);
            else if ((v = header_value(line, len, "WARC-Target-URI", &vn)))
                copy_field(page->url, sizeof page->url, v, vn);
            else if ((v = header_value(line, len, "WARC-Date", &vn)))
                copy_field(page->date, sizeof page->date, v, vn);
            else if ((v = header_value(line, len, "WARC-Record-ID", &vn)))
                copy_field(page->id, sizeof page->id, v, vn);
            else if ((v = header_value(line, len, "Content-Type", &vn)))
                copy_field(ctype, sizeof ctype, v, vn);
            else if ((v = header_value(line, len, "Content-Length", &vn))) {
                char num[32];
                copy_field(num, sizeof num, v, vn);
                char *end;
                clen = strtoll(num, &end, 10);
                if (end == num || *end || clen < 0)
                    clen = -2;
            } else if (!memchr(line, ':', len)) {
                bad = true;
                snprintf(msg, msglen, "malformed header line '%.*s'",
                         (int)AN_MIN(len, (size_t)40), line);
                break;
            }
        }
        if (!bad && clen < 0) {
            bad = true;
            snprintf(msg, msglen, clen == -1 ? "missing Content-Length"
                                             : "invalid Content-Length");
        }
        if (bad) {
            resync(st);
            return AN_EFORMAT;
        }
        /* Decide from the headers whether the payload can hold a page. */
        for (char *c = type; *c; c++)
            *c = (char)an_lower((unsigned char)*c);
        char wmt[64] = "", wcs[64] = "";
        parse_ctype(ctype, wmt, sizeof wmt, wcs, sizeof wcs);
        bool response = strcmp(type, "response") == 0 &&
                        strncmp(wmt, "application/http", 16) == 0;
        bool resource = strcmp(type, "resource") == 0 && is_html_type(wmt);
        if ((!response && !resource) || (unsigned long long)clen > max_doc) {
            size_t got = an_stream_read(st, NULL, (size_t)clen);
            if (got < (size_t)clen) {
                snprintf(msg, msglen, "record truncated (%zu of %lld bytes)",
                         got, clen);
                return AN_ETRUNC;
            }
            if ((response || resource) && (unsigned long long)clen > max_doc) {
                snprintf(msg, msglen,
                         "record too large (%lld bytes; the limit is %zu): skipped",
                         clen, max_doc);
                return AN_ERANGE;
            }
            ++*skipped;
            continue;
        }
        char *payload = malloc((size_t)clen + 1);
        if (!payload) {
            an_stream_read(st, NULL, (size_t)clen);
            snprintf(msg, msglen, "out of memory");
            return AN_ENOMEM;
        }
        size_t got = an_stream_read(st, payload, (size_t)clen);
        if (got < (size_t)clen) {
            free(payload);
            snprintf(msg, msglen, "record truncated (%zu of %lld bytes)", got,
                     clen);
            return AN_ETRUNC;
        }
        payload[got] = 0;
        if (resource) {
            page->body = payload;
            page->len = got;
            snprintf(page->charset, sizeof page->charset, "%s", wcs);
            return 1;
        }
        char *body;
        size_t blen;
        int fresh, status;
        char mt[64], cs[64];
        int rc = an_http_decode(payload, got, max_doc, &body, &blen, &fresh,
                                &status, mt, sizeof mt, cs, sizeof cs, msg,
                                msglen);
        if (rc != AN_OK) {
            free(payload);
            return rc;
        }
        if (status < 200 || status > 299 || !is_html_type(mt)) {
            if (fresh)
                free(body);
            free(payload);
            ++*skipped;
            continue;
        }
        if (fresh) {
            free(payload);
        } else {
            memmove(payload, body, blen);
            payload[blen] = 0;
            body = payload;
        }
        page->body = body;
        page->len = blen;
        snprintf(page->charset, sizeof page->charset, "%s", cs);
        return 1;
    }
}
