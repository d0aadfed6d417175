/*
** extract_int.h - declarations shared by the files of the extract module.
*/
#ifndef AN_EXTRACT_INT_H
#define AN_EXTRACT_INT_H

#include "extract.h"
#include "htree.h"

/**
 * Read the page's metadata from its tree: title, canonical URL, outlet,
 * author, language and publication date (meta tags, JSON-LD, <time>,
 * itemprop, the URL).  Strings are copied into `a`; `scratch` holds
 * temporary data (JSON-LD trees).  Fields not found stay empty.
 */
void an__extract_meta(an_arena *a, an_arena *scratch, const an_htree *t,
                      an_extract *out);

/**
 * Decode the character references of p[0..n) and collapse its white
 * space into single spaces, trimmed, into a NUL-terminated copy in `a`.
 * Returns an empty span on failure or when nothing is left.
 */
an_span an__extract_clean(an_arena *a, const char *p, size_t n);

/**
 * A date in the path of a URL: /2019/11/19/, /2019-11-19-, /20191119/
 * (years 1990-2099).  Returns true and sets *d when found.
 */
bool an__extract_url_date(an_span url, an_date *d);

/**
 * True when `s` (a short line of text, any case) is a known boilerplate
 * phrase: "Skip to main content", "Leave a Reply", "Share this:",
 * "Advertisement", cookie notices, copyright lines and the like.
 * Shared by the HTML and plain-text extractors.
 */
bool an__extract_boiler_line(const char *s, size_t n);

/** True when html.c's table of class words is sorted (for the tests). */
bool an__html_words_sorted(void);

#endif /* AN_EXTRACT_INT_H */
