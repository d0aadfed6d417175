/*
** ingest.h - internal interface of the readers: format detection, the
** WARC record parser and HTTP payload decoding, charset conversion.
*/
#ifndef AN_INGEST_H
#define AN_INGEST_H

#include "../base/arena.h"
#include "../base/base.h"
#include "stream.h"

/** Format implied by a file name (".gz" ignored), or AN_FMT_AUTO. */
int an_ingest_format_of_name(const char *path);

/**
 * If p[0..n) looks like a binary file, a short description of what it is
 * ("a PNG image", "binary data"); NULL for text.
 */
const char *an_ingest_binary_kind(const char *p, size_t n);

/** WARC records skipped by a reader because they hold no HTML page. */
uint64_t an_reader_skipped_records(const an_reader *r);

/** One HTML page taken from a WARC file. */
typedef struct an_warc_page {
    char *body;          /* HTML bytes (heap, NUL-terminated); caller frees */
    size_t len;
    char url[2048];      /* WARC-Target-URI */
    char date[64];       /* WARC-Date */
    char charset[64];    /* charset of the HTTP Content-Type, if any */
    char id[128];        /* WARC-Record-ID */
} an_warc_page;

/**
 * Read WARC records from `st` until one holds an HTML page.  *recno counts
 * records (1-based).  Returns 1 with *page filled, 0 at the end of the
 * stream, or a negative status with a message in msg (the record number is
 * *recno); the reader resynchronises on the next "WARC/" line, so the
 * caller may call again.  *skipped counts records without HTML.
 */
int an_warc_next(an_stream *st, size_t max_doc, uint64_t *recno,
                 an_warc_page *page, uint64_t *skipped, char *msg,
                 size_t msglen);

/**
 * Decode an HTTP response payload in place: parse the status line and
 * headers, undo chunked transfer encoding and gzip/deflate content
 * encoding.  Sets *body and *len (may be a new heap block, then *fresh = 1),
 * *status, and copies the media type and charset.  Returns AN_OK or
 * AN_EFORMAT with a message.
 */
int an_http_decode(char *p, size_t n, size_t max, char **body, size_t *len,
                   int *fresh, int *status, char *mtype, size_t mtlen,
                   char *charset, size_t cslen, char *msg, size_t msglen);

/**
 * Convert `n` bytes in charset `cs` to UTF-8 in the arena.  Returns AN_OK
 * and sets *out, AN_EUNSUP for an unknown charset, or AN_ENOMEM.  UTF-8 and
 * ASCII are not converted (*out = input).
 */
int an_charset_to_utf8(an_arena *a, const char *cs, size_t csn,
                       const char *p, size_t n, an_span *out);

/**
 * Find the charset an HTML page declares in its first bytes (<meta
 * charset>, <meta http-equiv content>); copies it into cs (lower-case).
 * Returns 1 when found.
 */
int an_charset_sniff_html(const char *p, size_t n, char *cs, size_t cslen);

#endif /* AN_INGEST_H */
