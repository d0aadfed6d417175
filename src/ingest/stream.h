/*
** stream.h - buffered reading of a file or standard input, gzip or not.
**
** zlib's gz* layer reads gzip and plain files alike; this adds a buffer
** with line reading under a length limit (a 100 MB line is skipped, not
** loaded), exact-size reads, and a clear report of a truncated gzip
** stream.
*/
#ifndef AN_STREAM_H
#define AN_STREAM_H

#include <zlib.h>

#include "../base/base.h"

typedef struct an_stream {
    gzFile gz;          /* the open file, or NULL for a memory stream */
    const char *mem;    /* memory stream: the bytes (not owned) */
    size_t memlen, mempos;
    z_stream *z;        /* memory stream holding gzip: the inflater */
    char *buf;          /* buffer (heap) */
    size_t cap;         /* its size */
    size_t pos, len;    /* unread bytes are buf[pos..len) */
    int eof;            /* no more bytes will come */
    int err;            /* AN_OK, AN_EIO or AN_ETRUNC */
    char errmsg[160];   /* message when err != AN_OK */
    uint64_t consumed;  /* bytes delivered to the caller so far */
} an_stream;

/** Open `path` ("-" for standard input). Returns AN_OK, AN_ENOENT, AN_EIO. */
int an_stream_open(an_stream *s, const char *path, an_err *err);
void an_stream_close(an_stream *s);

/**
 * Open a stream over memory (not copied; must outlive the stream).  Gzip
 * data (by its magic bytes) is decompressed as it is read.
 */
int an_stream_open_mem(an_stream *s, const char *p, size_t n, an_err *err);

/**
 * Make at least `n` bytes available in buf[pos..len) unless the stream
 * ends first.  Returns the number available (may be < n at the end).
 */
size_t an_stream_peek(an_stream *s, size_t n);

/**
 * Read one line (without its '\n'; a trailing '\r' is kept).  Returns 1
 * with *line and *len pointing into the buffer (valid until the next call), 0
 * at the end of the stream.  A line longer than `max` bytes is consumed
 * without being stored: returns 1 with *line = NULL and *len set to its
 * full length.
 */
int an_stream_line(an_stream *s, size_t max, const char **line, size_t *len);

/**
 * Read exactly `n` bytes into dst (dst may be NULL to skip them).  Returns
 * the number read; fewer means the stream ended.
 */
size_t an_stream_read(an_stream *s, char *dst, size_t n);

/**
 * Read the rest of the stream into a new heap block (NUL-terminated), up
 * to `max` bytes.  Returns AN_OK, AN_ERANGE (too large: *len tells how
 * much was seen, the rest is skipped) or AN_ENOMEM.
 */
int an_stream_slurp(an_stream *s, size_t max, char **out, size_t *len);

#endif /* AN_STREAM_H */
