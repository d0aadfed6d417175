/*
** stream.c - buffered gzip-or-plain reading with bounded lines.
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "stream.h"

#define STREAM_BUF (1u << 20)

int an_stream_open(an_stream *s, const char *path, an_err *err)
{
    memset(s, 0, sizeof *s);
    int fd;
    if (strcmp(path, "-") == 0) {
        fd = dup(0);
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0)
        return an_err_set(err, errno == ENOENT ? AN_ENOENT : AN_EIO, "%s",
                          strerror(errno));
    s->gz = gzdopen(fd, "rb");
    if (!s->gz) {
        close(fd);
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    gzbuffer(s->gz, 256 * 1024);
    s->buf = malloc(STREAM_BUF);
    if (!s->buf) {
        gzclose(s->gz);
        s->gz = NULL;
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    s->cap = STREAM_BUF;
    return AN_OK;
}

int an_stream_open_mem(an_stream *s, const char *p, size_t n, an_err *err)
{
    memset(s, 0, sizeof *s);
    s->mem = p;
    s->memlen = n;
    s->buf = malloc(STREAM_BUF);
    if (!s->buf)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    s->cap = STREAM_BUF;
    if (n >= 2 && (unsigned char)p[0] == 0x1F && (unsigned char)p[1] == 0x8B) {
        s->z = calloc(1, sizeof *s->z);
        if (!s->z || inflateInit2(s->z, 15 + 16) != Z_OK) {
            free(s->z);
            free(s->buf);
            memset(s, 0, sizeof *s);
            return an_err_set(err, AN_ENOMEM, "out of memory");
        }
        s->z->next_in = (Bytef *)p;
        s->z->avail_in = (uInt)AN_MIN(n, (size_t)UINT32_MAX);
        s->mempos = s->z->avail_in;
    }
    return AN_OK;
}

void an_stream_close(an_stream *s)
{
    if (s->gz)
        gzclose(s->gz);
    if (s->z) {
        inflateEnd(s->z);
        free(s->z);
    }
    free(s->buf);
    memset(s, 0, sizeof *s);
}

/* Fill from a memory stream: plain copy, or inflate gzip members. */
static void fill_mem(an_stream *s, size_t want)
{
    if (!s->z) {
        size_t k = AN_MIN(want, s->memlen - s->mempos);
        memcpy(s->buf + s->len, s->mem + s->mempos, k);
        s->mempos += k;
        s->len += k;
        if (s->mempos == s->memlen)
            s->eof = 1;
        return;
    }
    for (;;) {
        s->z->next_out = (Bytef *)s->buf + s->len;
        s->z->avail_out = (uInt)want;
        int zr = inflate(s->z, Z_NO_FLUSH);
        size_t got = want - s->z->avail_out;
        s->len += got;
        if (zr == Z_STREAM_END) {
            /* Another gzip member may follow (concatenated files). */
            if (s->z->avail_in == 0 || inflateReset(s->z) != Z_OK) {
                s->eof = 1;
                return;
            }
            if (got)
                return;
            continue;
        }
        if (zr == Z_OK) {
            if (got)
                return;
            if (s->z->avail_in)
                continue; /* header bytes consumed: go on */
        }
        if (zr == Z_OK || (zr == Z_BUF_ERROR && s->z->avail_in == 0)) {
            s->eof = 1;
            s->err = AN_ETRUNC;
            snprintf(s->errmsg, sizeof s->errmsg, "gzip stream is truncated");
            return;
        }
        s->eof = 1;
        s->err = AN_ETRUNC;
        snprintf(s->errmsg, sizeof s->errmsg, "gzip data is corrupt");
        return;
    }
}

/* Read more bytes into the buffer (after compacting). */
static void fill(an_stream *s)
{
    if (s->eof)
        return;
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->len == s->cap)
        return;
    size_t want = s->cap - s->len;
    if (want > INT32_MAX)
        want = INT32_MAX;
    if (!s->gz) {
        fill_mem(s, want);
        return;
    }
    int k = gzread(s->gz, s->buf + s->len, (unsigned)want);
    if (k > 0) {
        s->len += (size_t)k;
        return;
    }
    s->eof = 1;
    int zerr = Z_OK;
    const char *m = gzerror(s->gz, &zerr);
    /* A truncated gzip file reads as a short file with Z_BUF_ERROR set. */
    if (k < 0 || zerr != Z_OK) {
        s->err = zerr == Z_BUF_ERROR || zerr == Z_DATA_ERROR ? AN_ETRUNC : AN_EIO;
        if (zerr == Z_BUF_ERROR)
            m = "gzip stream is truncated";
        else if (zerr == Z_DATA_ERROR)
            m = "gzip data is corrupt";
        else if (zerr == Z_ERRNO)
            m = strerror(errno);
        snprintf(s->errmsg, sizeof s->errmsg, "%s", m);
    }
}

size_t an_stream_peek(an_stream *s, size_t n)
{
    if (n > s->cap)
        n = s->cap;
    while (s->len - s->pos < n && !s->eof)
        fill(s);
    return s->len - s->pos;
}

int an_stream_line(an_stream *s, size_t max, const char **line, size_t *len)
{
    size_t scanned = 0; /* bytes of buf[pos..] already known to hold no \n */
    size_t skipped = 0; /* bytes of an over-long line dropped so far */
    for (;;) {
        char *nl = memchr(s->buf + s->pos + scanned, '\n',
                          s->len - s->pos - scanned);
        if (nl) {
            size_t n = (size_t)(nl - (s->buf + s->pos));
            s->consumed += n + 1;
            if (skipped || n > max) {
                *line = NULL;
                *len = skipped + n;
            } else {
                *line = s->buf + s->pos;
                *len = n;
            }
            s->pos += n + 1;
            return 1;
        }
        scanned = s->len - s->pos;
        if (s->eof) {
            if (scanned == 0 && !skipped)
                return 0;
            /* Last line without a newline. */
            s->consumed += scanned;
            if (skipped || scanned > max) {
                *line = NULL;
                *len = skipped + scanned;
            } else {
                *line = s->buf + s->pos;
                *len = scanned;
            }
            s->pos = s->len;
            return 1;
        }
        if (scanned > max || scanned == s->cap) {
            /* Too long to keep, or the buffer is full: drop what we have
               once it is over the limit. */
            if (scanned > max) {
                skipped += scanned;
                s->consumed += scanned;
                s->pos = s->len;
                scanned = 0;
            } else if (s->cap < max + 1 && s->cap < (1u << 30)) {
                /* Grow the buffer to hold lines up to the limit. */
                size_t ncap = s->cap * 2;
                char *nb = realloc(s->buf, ncap);
                if (!nb) {
                    skipped += scanned;
                    s->consumed += scanned;
                    s->pos = s->len;
                    scanned = 0;
                } else {
                    s->buf = nb;
                    s->cap = ncap;
                }
            } else {
                skipped += scanned;
                s->consumed += scanned;
                s->pos = s->len;
                scanned = 0;
            }
        }
        fill(s);
    }
}

size_t an_stream_read(an_stream *s, char *dst, size_t n)
{
    size_t got = 0;
    while (got < n) {
        if (s->pos == s->len) {
            fill(s);
            if (s->pos == s->len)
                break;
        }
        size_t k = AN_MIN(n - got, s->len - s->pos);
        if (dst)
            memcpy(dst + got, s->buf + s->pos, k);
        s->pos += k;
        got += k;
    }
    s->consumed += got;
    return got;
}

int an_stream_slurp(an_stream *s, size_t max, char **out, size_t *len)
{
    size_t cap = 64 * 1024, n = 0;
    char *p = malloc(cap + 1);
    *out = NULL;
    *len = 0;
    if (!p)
        return AN_ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap >= max + 1) {
                /* Over the limit: count the rest without keeping it. */
                size_t more;
                char tmp[65536];
                while ((more = an_stream_read(s, tmp, sizeof tmp)) > 0)
                    n += more;
                free(p);
                *len = n;
                return AN_ERANGE;
            }
            size_t ncap = AN_MIN(cap * 2, max + 1);
            char *np = realloc(p, ncap + 1);
            if (!np) {
                free(p);
                return AN_ENOMEM;
            }
            p = np;
            cap = ncap;
        }
        size_t k = an_stream_read(s, p + n, cap - n);
        if (k == 0)
            break;
        n += k;
    }
    if (n > max) {
        free(p);
        *len = n;
        return AN_ERANGE;
    }
    p[n] = 0;
    *out = p;
    *len = n;
    return AN_OK;
}
