/*
** extract.h - main-text extraction: from an HTML page or a plain-text
** document to the article text without boilerplate, plus the metadata the
** page carries (title, publication date, canonical URL, outlet).
**
** Both extractors write the text through an an_textb, so every byte of
** the result maps back to the input bytes it came from.
*/
#ifndef AN_EXTRACT_H
#define AN_EXTRACT_H

#include "../base/arena.h"
#include "../base/base.h"
#include "../base/textb.h"

/**
 * What an extractor found.  Spans live in the arena `a` or in the input;
 * empty (n == 0) when not found.  Strings are valid UTF-8 with references
 * decoded and white space collapsed.
 */
typedef struct an_extract {
    an_span title;    /* headline (og:title, JSON-LD, <h1>, <title> without
                         its " | Site" tail; text: a headline line) */
    an_span url;      /* canonical URL (<link rel=canonical>, og:url,
                         JSON-LD; text: a URL alone on the first line) */
    an_span outlet;   /* site name (og:site_name, JSON-LD publisher,
                         application-name, else the URL's host) */
    an_span author;   /* byline (JSON-LD author, meta author), if found */
    an_span lang;     /* language code (<html lang>, og:locale), if found */
    an_date date;     /* publication date, if found */
    int date_source;  /* AN_DATE_META (page metadata or the URL),
                         AN_DATE_DATELINE (a date line or dateline in the
                         text) or AN_DATE_NONE */
    size_t nlines_dropped; /* boilerplate lines / blocks removed */
} an_extract;

/**
 * Extract the main text of an HTML page (valid or broken, any size up to
 * the engine's limit, nesting of any depth).  Text goes to `tb` with
 * paragraphs separated by blank lines ("\n\n"); the metadata strings of
 * `out` are allocated in `a` (or point into `html`).  The page's tree and
 * other temporary data go to `scratch`, which the caller may reset once
 * this returns (NULL: use `a`).  `html` must stay valid as long as `out`
 * is used.  Returns AN_OK, or AN_ENOMEM / AN_ERANGE (a page of 4 GiB or
 * more) with a message in `err`.
 */
int an_extract_html(an_arena *a, an_arena *scratch, const char *html,
                    size_t n, an_textb *tb, an_extract *out, an_err *err);

/**
 * Clean a plain-text document: drop boilerplate lines ("Skip to main
 * content", "Leave a Reply", "Your email address will not be published",
 * "Source: ...", share and cookie lines, copyright lines), date-only
 * lines, a URL line at the top and comment sections at the end; read a
 * date line near the top ("May 03, 2013", "17 Mar 2025, Mon") or an
 * agency dateline ("KYIV, March 18 (Reuters) -"; the year, when missing,
 * from a complete date elsewhere in the text, else no date) as the
 * document date.  Kept lines are copied to `tb` with their line ends.
 * Returns AN_OK, or AN_ENOMEM / AN_ERANGE with a message in `err`.
 */
int an_extract_text(an_arena *a, const char *p, size_t n, an_textb *tb,
                    an_extract *out, an_err *err);

#endif /* AN_EXTRACT_H */
