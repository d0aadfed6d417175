/*
** out.h - writing documents and their results: a growable byte buffer and
** JSON serialisers for the formats the command-line tool prints.
*/
#ifndef ANNALS_OUT_H
#define ANNALS_OUT_H

#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A growable byte buffer (heap).  Zero-initialise or an_buf_init(); free
 * with an_buf_fini().  After an allocation failure the buffer keeps its
 * old contents and sets `oom`; further appends are ignored, so callers can
 * check once at the end.  `p` is NUL-terminated whenever n > 0.
 */
typedef struct an_buf {
    char *p;      /* bytes; NULL until the first append */
    size_t n;     /* bytes used */
    size_t cap;   /* bytes allocated */
    int oom;      /* set when an allocation failed */
} an_buf;

AN_API void an_buf_init(an_buf *b);
AN_API void an_buf_fini(an_buf *b);
/** Forget the contents, keep the memory. */
AN_API void an_buf_clear(an_buf *b);
/** Make room for `extra` more bytes; returns AN_OK or AN_ENOMEM. */
AN_API int an_buf_reserve(an_buf *b, size_t extra);
AN_API void an_buf_add(an_buf *b, const void *p, size_t n);
AN_API void an_buf_addc(an_buf *b, char c);
AN_API void an_buf_adds(an_buf *b, const char *s);
AN_API void an_buf_printf(an_buf *b, const char *fmt, ...) AN_PRINTF(2, 3);
/**
 * Append a JSON string literal (with quotes) for UTF-8 bytes p[0..n):
 * escapes quotes, backslashes and control characters; invalid UTF-8 bytes
 * are written as U+FFFD so the output is always valid JSON.
 */
AN_API void an_buf_json_str(an_buf *b, const char *p, size_t n);
/** an_buf_json_str() for a span, writing null when the span is empty. */
AN_API void an_buf_json_span_or_null(an_buf *b, an_span s);

/** Flags for an_out_text_json(). */
enum an_out_flag {
    AN_OUT_TOKENS = 1 << 0,  /* add "tokens": [[start,end],...] */
    AN_OUT_SEGMENTS = 1 << 1 /* add "segments": the map to input bytes */
};

/**
 * Append one JSON object (and a newline) describing a document:
 * {"doc_id","title","date","date_source","url","outlet","text",
 *  "sentences":[[start,end],...]} with byte offsets into "text".
 */
AN_API void an_out_text_json(an_buf *b, const an_doc *doc, int flags);

/**
 * Append the document's tokens as CoNLL-U (one block per sentence), with
 * whatever tags and heads the document has ("_" where missing).
 */
AN_API void an_out_conllu(an_buf *b, const an_doc *doc);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_OUT_H */
