/*
** htree.h - a tolerant HTML tokenizer and tree builder for main-text
** extraction.
**
** The page is untrusted: it may be broken, truncated, nested a million
** deep, hold NUL bytes, invalid UTF-8 or megabyte attributes.  The parser
** never recurses and never fails on content; it fails only when memory
** runs out or the page exceeds 4 GiB (offsets are 32-bit).
**
** The tree follows the HTML5 parsing rules where they matter for reading
** text (void elements, raw-text elements, implied end tags of p, li, dd,
** dt, td, th, tr, option and headings, end tags that stop at "special"
** elements) and leaves out what does not (foster parenting, the adoption
** agency, head/body insertion modes).  Open elements nest at most
** AN_HTREE_MAX_DEPTH deep: deeper start tags still become nodes, but as
** leaves whose content goes to the deepest open element.
**
** Nodes are stored in document order in one array, so a node's parent,
** children and descendants have larger indices than it has: bottom-up
** passes run over the array backwards, top-down passes forwards, and no
** pass needs recursion.  Node 0 is the document.  Every node and
** attribute refers to the input by byte offsets; nothing is copied.
*/
#ifndef AN_HTREE_H
#define AN_HTREE_H

#include "../base/arena.h"
#include "../base/base.h"

#define AN_HTREE_MAX_DEPTH 512
#define AN_HTREE_MAX_ATTRS 64 /* attributes kept per element */

/* Element tags the extractor distinguishes.  Keep in sync with the name
   table in htree.c (sorted by name there). */
enum an_htag {
    AN_HT_DOCUMENT = 0, /* node 0 */
    AN_HT_TEXT,         /* a text node */
    AN_HT_UNKNOWN,      /* any other element (custom elements too) */
    AN_HT_A, AN_HT_ABBR, AN_HT_ADDRESS, AN_HT_APPLET, AN_HT_AREA,
    AN_HT_ARTICLE, AN_HT_ASIDE, AN_HT_AUDIO, AN_HT_B, AN_HT_BASE,
    AN_HT_BDI, AN_HT_BDO, AN_HT_BIG, AN_HT_BLOCKQUOTE, AN_HT_BODY,
    AN_HT_BR, AN_HT_BUTTON, AN_HT_CANVAS, AN_HT_CAPTION, AN_HT_CENTER,
    AN_HT_CITE, AN_HT_CODE, AN_HT_COL, AN_HT_COLGROUP, AN_HT_DATA,
    AN_HT_DD, AN_HT_DEL, AN_HT_DETAILS, AN_HT_DFN, AN_HT_DIALOG,
    AN_HT_DIR, AN_HT_DIV, AN_HT_DL, AN_HT_DT, AN_HT_EM, AN_HT_EMBED,
    AN_HT_FIELDSET, AN_HT_FIGCAPTION, AN_HT_FIGURE, AN_HT_FONT,
    AN_HT_FOOTER, AN_HT_FORM, AN_HT_FRAME, AN_HT_FRAMESET, AN_HT_H1,
    AN_HT_H2, AN_HT_H3, AN_HT_H4, AN_HT_H5, AN_HT_H6, AN_HT_HEAD,
    AN_HT_HEADER, AN_HT_HGROUP, AN_HT_HR, AN_HT_HTML, AN_HT_I,
    AN_HT_IFRAME, AN_HT_IMG, AN_HT_INPUT, AN_HT_INS, AN_HT_KBD,
    AN_HT_LABEL, AN_HT_LEGEND, AN_HT_LI, AN_HT_LINK, AN_HT_LISTING,
    AN_HT_MAIN, AN_HT_MAP, AN_HT_MARK, AN_HT_MARQUEE, AN_HT_MATH,
    AN_HT_MENU, AN_HT_META, AN_HT_METER, AN_HT_NAV, AN_HT_NOBR,
    AN_HT_NOEMBED, AN_HT_NOFRAMES, AN_HT_NOSCRIPT, AN_HT_OBJECT,
    AN_HT_OL, AN_HT_OPTGROUP, AN_HT_OPTION, AN_HT_OUTPUT, AN_HT_P,
    AN_HT_PARAM, AN_HT_PICTURE, AN_HT_PLAINTEXT, AN_HT_PRE,
    AN_HT_PROGRESS, AN_HT_Q, AN_HT_RP, AN_HT_RT, AN_HT_RUBY, AN_HT_S,
    AN_HT_SAMP, AN_HT_SCRIPT, AN_HT_SEARCH, AN_HT_SECTION, AN_HT_SELECT,
    AN_HT_SMALL, AN_HT_SOURCE, AN_HT_SPAN, AN_HT_STRIKE, AN_HT_STRONG,
    AN_HT_STYLE, AN_HT_SUB, AN_HT_SUMMARY, AN_HT_SUP, AN_HT_SVG,
    AN_HT_TABLE, AN_HT_TBODY, AN_HT_TD, AN_HT_TEMPLATE, AN_HT_TEXTAREA,
    AN_HT_TFOOT, AN_HT_TH, AN_HT_THEAD, AN_HT_TIME, AN_HT_TITLE,
    AN_HT_TR, AN_HT_TRACK, AN_HT_TT, AN_HT_U, AN_HT_UL, AN_HT_VAR,
    AN_HT_VIDEO, AN_HT_WBR, AN_HT_XMP,
    AN_HT_COUNT
};

/* Properties of a tag (an__htag_flags). */
enum {
    AN_HF_VOID = 1 << 0,    /* no content, no end tag (br, img, meta) */
    AN_HF_RAW = 1 << 1,     /* raw text up to the end tag (script) */
    AN_HF_BLOCK = 1 << 2,   /* starts and ends a paragraph of text */
    AN_HF_CLOSEP = 1 << 3,  /* its start tag closes an open <p> */
    AN_HF_SPECIAL = 1 << 4, /* HTML5 "special": stops stray end tags */
    AN_HF_SCOPE = 1 << 5,   /* bounds the default element scope */
    AN_HF_FMT = 1 << 6,     /* formatting element (b, i, a, ...) */
    AN_HF_HEADING = 1 << 7  /* h1 .. h6 */
};

/* Node flags. */
enum {
    AN_HN_CLOSED = 1 << 0,  /* an end tag closed the element */
    AN_HN_SELFCL = 1 << 1,  /* written as <x/> */
    AN_HN_RAWTXT = 1 << 2   /* text node of a raw-text element */
};

/** An attribute: byte offsets into the page (value not entity-decoded). */
typedef struct an_hattr {
    uint32_t name, nlen; /* attribute name (any case) */
    uint32_t val, vlen;  /* value without its quotes; vlen 0 when absent */
} an_hattr;

/** A node.  Index 0 means "none" in parent/first/next/last. */
typedef struct an_hnode {
    uint32_t parent;     /* parent node (0 for children of the document) */
    uint32_t first;      /* first child, or 0 */
    uint32_t last;       /* last child, or 0 */
    uint32_t next;       /* next sibling, or 0 */
    uint32_t start, end; /* text: its bytes; element: start tag .. close */
    uint32_t attr;       /* first attribute in the tree's attrs */
    uint8_t nattr;       /* number of attributes kept */
    uint8_t tag;         /* enum an_htag */
    uint8_t flags;       /* AN_HN_* */
    uint8_t depth;       /* nesting depth, saturating at 255 */
} an_hnode;

/** A parsed page.  Arrays live in the arena passed to an_htree_parse. */
typedef struct an_htree {
    const char *src;     /* the page (not owned) */
    size_t n;            /* its length */
    an_hnode *nodes;     /* nnodes nodes; nodes[0] is the document */
    size_t nnodes;
    an_hattr *attrs;     /* attributes of all elements */
    size_t nattrs;
    size_t ndeep;        /* start tags flattened at the depth limit */
} an_htree;

/**
 * Parse p[0..n) into `t`, allocating from arena `a`; `p` must stay valid
 * while the tree is used.  Returns AN_OK, AN_ENOMEM, or AN_ERANGE when n
 * does not fit 32-bit offsets.  Any byte sequence is accepted.
 */
int an_htree_parse(an_arena *a, const char *p, size_t n, an_htree *t);

/** Properties (AN_HF_*) of a tag. */
unsigned an__htag_flags(int tag);

/** Tag of a lower- or upper-case element name, AN_HT_UNKNOWN if none. */
int an__htag_lookup(const char *name, size_t n);

/** Raw value of attribute `name` (lower-case) of node `i`; found tells. */
an_span an_htree_attr(const an_htree *t, uint32_t i, const char *name,
                      bool *found);

/** Element name of node `i` as written in the page (for unknown tags). */
an_span an_htree_name(const an_htree *t, uint32_t i);

/**
 * Decode character references in p[0..n) (named, decimal, hex) into
 * UTF-8, writing at most `cap` bytes to `out`; returns the bytes written.
 * Used for attribute values; text nodes are decoded by the extractor with
 * an__html_entity so that offsets are kept.
 */
size_t an__html_decode(const char *p, size_t n, char *out, size_t cap);

/**
 * Read one character reference at p[0..n) (p[0] is '&').  On success
 * writes its UTF-8 (1-8 bytes; two code points for a few names) to out,
 * sets *olen and returns the bytes consumed; returns 0 when there is no
 * reference there (the '&' is then literal text).
 */
size_t an__html_entity(const char *p, size_t n, char out[8], size_t *olen);

#endif /* AN_HTREE_H */
