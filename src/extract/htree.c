/*
** htree.c - tolerant HTML tokenizer and tree builder (see htree.h).
**
** One forward pass over the bytes: memchr finds the next '<', the markup
** there is classified (start tag, end tag, comment, doctype or bogus
** comment, or a literal '<'), and the tree builder applies a reduced set
** of the HTML5 tree-construction rules with an explicit stack of open
** elements.  Raw-text elements (script, style, textarea, title, ...)
** swallow everything up to their end tag as one text node.  Markup cut
** off by the end of the input is dropped, as a browser does.
**
** Cost is linear in the input: every rule that walks the stack of open
** elements walks at most AN_HTREE_MAX_DEPTH entries, and the stack never
** grows beyond that.
*/
#include "htree.h"

/* Element names in the order of enum an_htag (alphabetical from AN_HT_A,
   which lets an__htag_lookup search them by bisection). */
static const char *const tag_names[AN_HT_COUNT] = {
    [AN_HT_A] = "a", [AN_HT_ABBR] = "abbr", [AN_HT_ADDRESS] = "address",
    [AN_HT_APPLET] = "applet", [AN_HT_AREA] = "area",
    [AN_HT_ARTICLE] = "article", [AN_HT_ASIDE] = "aside",
    [AN_HT_AUDIO] = "audio", [AN_HT_B] = "b", [AN_HT_BASE] = "base",
    [AN_HT_BDI] = "bdi", [AN_HT_BDO] = "bdo", [AN_HT_BIG] = "big",
    [AN_HT_BLOCKQUOTE] = "blockquote", [AN_HT_BODY] = "body",
    [AN_HT_BR] = "br", [AN_HT_BUTTON] = "button", [AN_HT_CANVAS] = "canvas",
    [AN_HT_CAPTION] = "caption", [AN_HT_CENTER] = "center",
    [AN_HT_CITE] = "cite", [AN_HT_CODE] = "code", [AN_HT_COL] = "col",
    [AN_HT_COLGROUP] = "colgroup", [AN_HT_DATA] = "data", [AN_HT_DD] = "dd",
    [AN_HT_DEL] = "del", [AN_HT_DETAILS] = "details", [AN_HT_DFN] = "dfn",
    [AN_HT_DIALOG] = "dialog", [AN_HT_DIR] = "dir", [AN_HT_DIV] = "div",
    [AN_HT_DL] = "dl", [AN_HT_DT] = "dt", [AN_HT_EM] = "em",
    [AN_HT_EMBED] = "embed", [AN_HT_FIELDSET] = "fieldset",
    [AN_HT_FIGCAPTION] = "figcaption", [AN_HT_FIGURE] = "figure",
    [AN_HT_FONT] = "font", [AN_HT_FOOTER] = "footer", [AN_HT_FORM] = "form",
    [AN_HT_FRAME] = "frame", [AN_HT_FRAMESET] = "frameset",
    [AN_HT_H1] = "h1", [AN_HT_H2] = "h2", [AN_HT_H3] = "h3",
    [AN_HT_H4] = "h4", [AN_HT_H5] = "h5", [AN_HT_H6] = "h6",
    [AN_HT_HEAD] = "head", [AN_HT_HEADER] = "header",
    [AN_HT_HGROUP] = "hgroup", [AN_HT_HR] = "hr", [AN_HT_HTML] = "html",
    [AN_HT_I] = "i", [AN_HT_IFRAME] = "iframe", [AN_HT_IMG] = "img",
    [AN_HT_INPUT] = "input", [AN_HT_INS] = "ins", [AN_HT_KBD] = "kbd",
    [AN_HT_LABEL] = "label", [AN_HT_LEGEND] = "legend", [AN_HT_LI] = "li",
    [AN_HT_LINK] = "link", [AN_HT_LISTING] = "listing",
    [AN_HT_MAIN] = "main", [AN_HT_MAP] = "map", [AN_HT_MARK] = "mark",
    [AN_HT_MARQUEE] = "marquee", [AN_HT_MATH] = "math",
    [AN_HT_MENU] = "menu", [AN_HT_META] = "meta", [AN_HT_METER] = "meter",
    [AN_HT_NAV] = "nav", [AN_HT_NOBR] = "nobr", [AN_HT_NOEMBED] = "noembed",
    [AN_HT_NOFRAMES] = "noframes", [AN_HT_NOSCRIPT] = "noscript",
    [AN_HT_OBJECT] = "object", [AN_HT_OL] = "ol",
    [AN_HT_OPTGROUP] = "optgroup", [AN_HT_OPTION] = "option",
    [AN_HT_OUTPUT] = "output", [AN_HT_P] = "p", [AN_HT_PARAM] = "param",
    [AN_HT_PICTURE] = "picture", [AN_HT_PLAINTEXT] = "plaintext",
    [AN_HT_PRE] = "pre", [AN_HT_PROGRESS] = "progress", [AN_HT_Q] = "q",
    [AN_HT_RP] = "rp", [AN_HT_RT] = "rt", [AN_HT_RUBY] = "ruby",
    [AN_HT_S] = "s", [AN_HT_SAMP] = "samp", [AN_HT_SCRIPT] = "script",
    [AN_HT_SEARCH] = "search", [AN_HT_SECTION] = "section",
    [AN_HT_SELECT] = "select", [AN_HT_SMALL] = "small",
    [AN_HT_SOURCE] = "source", [AN_HT_SPAN] = "span",
    [AN_HT_STRIKE] = "strike", [AN_HT_STRONG] = "strong",
    [AN_HT_STYLE] = "style", [AN_HT_SUB] = "sub",
    [AN_HT_SUMMARY] = "summary", [AN_HT_SUP] = "sup", [AN_HT_SVG] = "svg",
    [AN_HT_TABLE] = "table", [AN_HT_TBODY] = "tbody", [AN_HT_TD] = "td",
    [AN_HT_TEMPLATE] = "template", [AN_HT_TEXTAREA] = "textarea",
    [AN_HT_TFOOT] = "tfoot", [AN_HT_TH] = "th", [AN_HT_THEAD] = "thead",
    [AN_HT_TIME] = "time", [AN_HT_TITLE] = "title", [AN_HT_TR] = "tr",
    [AN_HT_TRACK] = "track", [AN_HT_TT] = "tt", [AN_HT_U] = "u",
    [AN_HT_UL] = "ul", [AN_HT_VAR] = "var", [AN_HT_VIDEO] = "video",
    [AN_HT_WBR] = "wbr", [AN_HT_XMP] = "xmp",
};

/* Lengths of the names, so the lookup needs no strlen. */
static const uint8_t tag_len[AN_HT_COUNT] = {
    [AN_HT_A] = 1,
    [AN_HT_ABBR] = 4,
    [AN_HT_ADDRESS] = 7,
    [AN_HT_APPLET] = 6,
    [AN_HT_AREA] = 4,
    [AN_HT_ARTICLE] = 7,
    [AN_HT_ASIDE] = 5,
    [AN_HT_AUDIO] = 5,
    [AN_HT_B] = 1,
    [AN_HT_BASE] = 4,
    [AN_HT_BDI] = 3,
    [AN_HT_BDO] = 3,
    [AN_HT_BIG] = 3,
    [AN_HT_BLOCKQUOTE] = 10,
    [AN_HT_BODY] = 4,
    [AN_HT_BR] = 2,
    [AN_HT_BUTTON] = 6,
    [AN_HT_CANVAS] = 6,
    [AN_HT_CAPTION] = 7,
    [AN_HT_CENTER] = 6,
    [AN_HT_CITE] = 4,
    [AN_HT_CODE] = 4,
    [AN_HT_COL] = 3,
    [AN_HT_COLGROUP] = 8,
    [AN_HT_DATA] = 4,
    [AN_HT_DD] = 2,
    [AN_HT_DEL] = 3,
    [AN_HT_DETAILS] = 7,
    [AN_HT_DFN] = 3,
    [AN_HT_DIALOG] = 6,
    [AN_HT_DIR] = 3,
    [AN_HT_DIV] = 3,
    [AN_HT_DL] = 2,
    [AN_HT_DT] = 2,
    [AN_HT_EM] = 2,
    [AN_HT_EMBED] = 5,
    [AN_HT_FIELDSET] = 8,
    [AN_HT_FIGCAPTION] = 10,
    [AN_HT_FIGURE] = 6,
    [AN_HT_FONT] = 4,
    [AN_HT_FOOTER] = 6,
    [AN_HT_FORM] = 4,
    [AN_HT_FRAME] = 5,
    [AN_HT_FRAMESET] = 8,
    [AN_HT_H1] = 2,
    [AN_HT_H2] = 2,
    [AN_HT_H3] = 2,
    [AN_HT_H4] = 2,
    [AN_HT_H5] = 2,
    [AN_HT_H6] = 2,
    [AN_HT_HEAD] = 4,
    [AN_HT_HEADER] = 6,
    [AN_HT_HGROUP] = 6,
    [AN_HT_HR] = 2,
    [AN_HT_HTML] = 4,
    [AN_HT_I] = 1,
    [AN_HT_IFRAME] = 6,
    [AN_HT_IMG] = 3,
    [AN_HT_INPUT] = 5,
    [AN_HT_INS] = 3,
    [AN_HT_KBD] = 3,
    [AN_HT_LABEL] = 5,
    [AN_HT_LEGEND] = 6,
    [AN_HT_LI] = 2,
    [AN_HT_LINK] = 4,
    [AN_HT_LISTING] = 7,
    [AN_HT_MAIN] = 4,
    [AN_HT_MAP] = 3,
    [AN_HT_MARK] = 4,
    [AN_HT_MARQUEE] = 7,
    [AN_HT_MATH] = 4,
    [AN_HT_MENU] = 4,
    [AN_HT_META] = 4,
    [AN_HT_METER] = 5,
    [AN_HT_NAV] = 3,
    [AN_HT_NOBR] = 4,
    [AN_HT_NOEMBED] = 7,
    [AN_HT_NOFRAMES] = 8,
    [AN_HT_NOSCRIPT] = 8,
    [AN_HT_OBJECT] = 6,
    [AN_HT_OL] = 2,
    [AN_HT_OPTGROUP] = 8,
    [AN_HT_OPTION] = 6,
    [AN_HT_OUTPUT] = 6,
    [AN_HT_P] = 1,
    [AN_HT_PARAM] = 5,
    [AN_HT_PICTURE] = 7,
    [AN_HT_PLAINTEXT] = 9,
    [AN_HT_PRE] = 3,
    [AN_HT_PROGRESS] = 8,
    [AN_HT_Q] = 1,
    [AN_HT_RP] = 2,
    [AN_HT_RT] = 2,
    [AN_HT_RUBY] = 4,
    [AN_HT_S] = 1,
    [AN_HT_SAMP] = 4,
    [AN_HT_SCRIPT] = 6,
    [AN_HT_SEARCH] = 6,
    [AN_HT_SECTION] = 7,
    [AN_HT_SELECT] = 6,
    [AN_HT_SMALL] = 5,
    [AN_HT_SOURCE] = 6,
    [AN_HT_SPAN] = 4,
    [AN_HT_STRIKE] = 6,
    [AN_HT_STRONG] = 6,
    [AN_HT_STYLE] = 5,
    [AN_HT_SUB] = 3,
    [AN_HT_SUMMARY] = 7,
    [AN_HT_SUP] = 3,
    [AN_HT_SVG] = 3,
    [AN_HT_TABLE] = 5,
    [AN_HT_TBODY] = 5,
    [AN_HT_TD] = 2,
    [AN_HT_TEMPLATE] = 8,
    [AN_HT_TEXTAREA] = 8,
    [AN_HT_TFOOT] = 5,
    [AN_HT_TH] = 2,
    [AN_HT_THEAD] = 5,
    [AN_HT_TIME] = 4,
    [AN_HT_TITLE] = 5,
    [AN_HT_TR] = 2,
    [AN_HT_TRACK] = 5,
    [AN_HT_TT] = 2,
    [AN_HT_U] = 1,
    [AN_HT_UL] = 2,
    [AN_HT_VAR] = 3,
    [AN_HT_VIDEO] = 5,
    [AN_HT_WBR] = 3,
    [AN_HT_XMP] = 3,
};

#define V AN_HF_VOID
#define R AN_HF_RAW
#define K AN_HF_BLOCK
#define P AN_HF_CLOSEP
#define S AN_HF_SPECIAL
#define O AN_HF_SCOPE
#define F AN_HF_FMT
#define H AN_HF_HEADING

/* Properties of each tag (HTML5 categories, plus "block" for text). */
static const uint8_t tag_flags[AN_HT_COUNT] = {
    [AN_HT_A] = F, [AN_HT_ADDRESS] = K | P | S, [AN_HT_APPLET] = S | O,
    [AN_HT_AREA] = V | S, [AN_HT_ARTICLE] = K | P | S,
    [AN_HT_ASIDE] = K | P | S, [AN_HT_B] = F, [AN_HT_BASE] = V | S,
    [AN_HT_BIG] = F, [AN_HT_BLOCKQUOTE] = K | P | S, [AN_HT_BODY] = K | S,
    [AN_HT_BR] = V | S, [AN_HT_BUTTON] = S, [AN_HT_CAPTION] = K | S | O,
    [AN_HT_CENTER] = K | P | S, [AN_HT_CODE] = F, [AN_HT_COL] = V | S,
    [AN_HT_COLGROUP] = S, [AN_HT_DD] = K | P | S,
    [AN_HT_DETAILS] = K | P | S, [AN_HT_DIALOG] = K | P | S,
    [AN_HT_DIR] = K | P | S, [AN_HT_DIV] = K | P | S, [AN_HT_DL] = K | P | S,
    [AN_HT_DT] = K | P | S, [AN_HT_EMBED] = V | S,
    [AN_HT_FIELDSET] = K | P | S, [AN_HT_FIGCAPTION] = K | P | S,
    [AN_HT_FIGURE] = K | P | S, [AN_HT_FONT] = F, [AN_HT_FOOTER] = K | P | S,
    [AN_HT_FORM] = K | P | S, [AN_HT_FRAME] = V | S,
    [AN_HT_FRAMESET] = K | S, [AN_HT_H1] = K | P | S | H,
    [AN_HT_H2] = K | P | S | H, [AN_HT_H3] = K | P | S | H,
    [AN_HT_H4] = K | P | S | H, [AN_HT_H5] = K | P | S | H,
    [AN_HT_H6] = K | P | S | H, [AN_HT_HEAD] = S, [AN_HT_HEADER] = K | P | S,
    [AN_HT_HGROUP] = K | P | S, [AN_HT_HR] = V | K | P | S,
    [AN_HT_HTML] = K | S | O, [AN_HT_I] = F, [AN_HT_IFRAME] = R | S,
    [AN_HT_IMG] = V | S, [AN_HT_INPUT] = V | S, [AN_HT_LEGEND] = K,
    [AN_HT_LI] = K | P | S, [AN_HT_LINK] = V | S,
    [AN_HT_LISTING] = K | P | S, [AN_HT_MAIN] = K | P | S,
    [AN_HT_MARQUEE] = S | O, [AN_HT_MATH] = O, [AN_HT_MENU] = K | P | S,
    [AN_HT_META] = V | S, [AN_HT_NAV] = K | P | S, [AN_HT_NOBR] = F,
    [AN_HT_NOEMBED] = R | S, [AN_HT_NOFRAMES] = R | S,
    [AN_HT_NOSCRIPT] = R | S, [AN_HT_OBJECT] = S | O, [AN_HT_OL] = K | P | S,
    [AN_HT_OPTION] = K, [AN_HT_P] = K | P | S, [AN_HT_PARAM] = V | S,
    [AN_HT_PLAINTEXT] = R | K | P | S, [AN_HT_PRE] = K | P | S,
    [AN_HT_S] = F, [AN_HT_SCRIPT] = R | S, [AN_HT_SEARCH] = K | P | S,
    [AN_HT_SECTION] = K | P | S, [AN_HT_SELECT] = S, [AN_HT_SMALL] = F,
    [AN_HT_SOURCE] = V | S, [AN_HT_STRIKE] = F, [AN_HT_STRONG] = F,
    [AN_HT_STYLE] = R | S, [AN_HT_SUMMARY] = K | P | S, [AN_HT_SVG] = O,
    [AN_HT_TABLE] = K | P | S | O, [AN_HT_TBODY] = K | S, [AN_HT_TD] = K | S | O,
    [AN_HT_TEMPLATE] = S | O, [AN_HT_TEXTAREA] = R | S, [AN_HT_TFOOT] = K | S,
    [AN_HT_TH] = K | S | O, [AN_HT_THEAD] = K | S, [AN_HT_TITLE] = R | S,
    [AN_HT_TR] = K | S, [AN_HT_TRACK] = V | S, [AN_HT_TT] = F, [AN_HT_U] = F,
    [AN_HT_UL] = K | P | S, [AN_HT_WBR] = V | S, [AN_HT_XMP] = R | P | S,
};

#undef V
#undef R
#undef K
#undef P
#undef S
#undef O
#undef F
#undef H

unsigned an__htag_flags(int tag)
{
    return tag >= 0 && tag < AN_HT_COUNT ? tag_flags[tag] : 0;
}

int an__htag_lookup(const char *name, size_t n)
{
    char w[16];
    if (n == 0 || n > sizeof w)
        return AN_HT_UNKNOWN;
    for (size_t i = 0; i < n; i++)
        w[i] = (char)an_lower((unsigned char)name[i]);
    int lo = AN_HT_A, hi = AN_HT_COUNT; /* [lo, hi) */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        const char *s = tag_names[mid];
        size_t sn = tag_len[mid];
        int c = memcmp(w, s, AN_MIN(n, sn));
        if (c == 0)
            c = n < sn ? -1 : n > sn ? 1 : 0;
        if (c == 0)
            return mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return AN_HT_UNKNOWN;
}

/* ---- tree building ---- */

typedef struct builder {
    an_arena *a;
    an_htree *t;
    const char *p;    /* the page */
    uint32_t n;       /* its length */
    size_t ncap, acap; /* capacities of t->nodes and t->attrs */
    uint32_t stack[AN_HTREE_MAX_DEPTH]; /* open elements; [0] = document */
    int sp;           /* entries used in stack (>= 1) */
    uint32_t open[AN_HT_COUNT]; /* open elements by tag (stack contents) */
    int foreign;      /* open svg/math elements */
    int oom;
} builder;

static inline bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline bool is_alpha(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static inline an_hnode *node(builder *b, uint32_t i)
{
    return &b->t->nodes[i];
}

static inline uint32_t top(const builder *b)
{
    return b->stack[b->sp - 1];
}

static inline int top_tag(const builder *b)
{
    return b->t->nodes[top(b)].tag;
}

/* Append a node as the last child of `parent`; 0 when memory runs out. */
static uint32_t add_node(builder *b, uint32_t parent, int tag, uint32_t s,
                         uint32_t e)
{
    an_htree *t = b->t;
    if (b->oom || t->nnodes >= UINT32_MAX - 1)
        return 0;
    an_hnode *v = an_arena_vec(b->a, t->nodes, &b->ncap, t->nnodes + 1,
                               sizeof *v);
    if (!v) {
        b->oom = 1;
        return 0;
    }
    t->nodes = v;
    uint32_t i = (uint32_t)t->nnodes++;
    an_hnode *x = &v[i];
    memset(x, 0, sizeof *x);
    x->parent = parent;
    x->tag = (uint8_t)tag;
    x->start = s;
    x->end = e;
    x->depth = (uint8_t)AN_MIN(b->sp, 255);
    an_hnode *par = &v[parent];
    if (par->last)
        v[par->last].next = i;
    else
        par->first = i;
    par->last = i;
    return i;
}

/* Add text p[s..e) under the current element, merging with a text node
   that ends exactly where this one starts. */
static void add_text(builder *b, uint32_t s, uint32_t e, int flags)
{
    if (e <= s)
        return;
    uint32_t par = top(b);
    uint32_t last = node(b, par)->last;
    if (last && node(b, last)->tag == AN_HT_TEXT && node(b, last)->end == s &&
        node(b, last)->flags == flags) {
        node(b, last)->end = e;
        return;
    }
    uint32_t i = add_node(b, par, AN_HT_TEXT, s, e);
    if (i)
        node(b, i)->flags = (uint8_t)flags;
}

/* Pop the stack down to (and including) entry k, closing at `at`. */
static void pop_to(builder *b, int k, uint32_t at, bool explicit_end)
{
    while (b->sp > k) {
        uint32_t i = b->stack[--b->sp];
        an_hnode *x = node(b, i);
        b->open[x->tag]--;
        x->end = at;
        if (x->tag == AN_HT_SVG || x->tag == AN_HT_MATH)
            b->foreign--;
        if (explicit_end && b->sp == k)
            x->flags |= AN_HN_CLOSED;
    }
}

/*
** Stack index of the topmost open element with tag `tag`, searching down
** until an element with one of the `stop` flags (or, with stop_tags, one
** of the listed tags) is met; -1 when not found.
*/
static int find_open(const builder *b, int tag, unsigned stop,
                     const uint8_t *stop_tags, size_t nstop)
{
    for (int k = b->sp - 1; k >= 1; k--) {
        int tg = b->t->nodes[b->stack[k]].tag;
        if (tg == tag)
            return k;
        if (an__htag_flags(tg) & stop)
            return -1;
        for (size_t j = 0; j < nstop; j++)
            if (tg == stop_tags[j])
                return -1;
    }
    return -1;
}

static const uint8_t button_scope[] = {AN_HT_BUTTON};
static const uint8_t list_scope[] = {AN_HT_OL, AN_HT_UL};
static const uint8_t table_scope[] = {AN_HT_HTML, AN_HT_TABLE,
                                      AN_HT_TEMPLATE};

/* Close an open <p> in button scope (start of a block, </p>). */
static void close_p(builder *b, uint32_t at, bool explicit_end)
{
    if (!b->open[AN_HT_P])
        return;
    int k = find_open(b, AN_HT_P, AN_HF_SCOPE, button_scope, 1);
    if (k > 0)
        pop_to(b, k, at, explicit_end);
}

/* Close the innermost open element among `tags` in table scope. */
static void close_in_table(builder *b, const uint8_t *tags, size_t ntags,
                           uint32_t at)
{
    uint32_t any = 0;
    for (size_t j = 0; j < ntags; j++)
        any += b->open[tags[j]];
    if (!any)
        return;
    for (int k = b->sp - 1; k >= 1; k--) {
        int tg = b->t->nodes[b->stack[k]].tag;
        for (size_t j = 0; j < ntags; j++)
            if (tg == tags[j]) {
                pop_to(b, k, at, false);
                return;
            }
        for (size_t j = 0; j < AN_COUNT(table_scope); j++)
            if (tg == table_scope[j])
                return;
    }
}

/*
** A new li (dd, dt) closes the open one, looking down the stack past
** address, div and p but stopping at any other special element.
*/
static void close_list_item(builder *b, const uint8_t *tags, size_t ntags,
                            uint32_t at)
{
    uint32_t any = 0;
    for (size_t j = 0; j < ntags; j++)
        any += b->open[tags[j]];
    if (!any)
        return;
    for (int k = b->sp - 1; k >= 1; k--) {
        int tg = b->t->nodes[b->stack[k]].tag;
        for (size_t j = 0; j < ntags; j++)
            if (tg == tags[j]) {
                pop_to(b, k, at, false);
                return;
            }
        if ((an__htag_flags(tg) & AN_HF_SPECIAL) && tg != AN_HT_ADDRESS &&
            tg != AN_HT_DIV && tg != AN_HT_P)
            return;
    }
}

/* Apply the implied end tags a start tag causes. */
static void implied_ends(builder *b, int tag, uint32_t at)
{
    unsigned f = an__htag_flags(tag);
    if (f & AN_HF_CLOSEP)
        close_p(b, at, false);
    switch (tag) {
    case AN_HT_LI: {
        static const uint8_t li[] = {AN_HT_LI};
        close_list_item(b, li, 1, at);
        break;
    }
    case AN_HT_DD:
    case AN_HT_DT: {
        static const uint8_t dd[] = {AN_HT_DD, AN_HT_DT};
        close_list_item(b, dd, 2, at);
        break;
    }
    case AN_HT_TD:
    case AN_HT_TH: {
        static const uint8_t cell[] = {AN_HT_TD, AN_HT_TH};
        close_in_table(b, cell, 2, at);
        break;
    }
    case AN_HT_TR: {
        static const uint8_t row[] = {AN_HT_TR};
        close_in_table(b, row, 1, at);
        break;
    }
    case AN_HT_TBODY:
    case AN_HT_THEAD:
    case AN_HT_TFOOT: {
        static const uint8_t sec[] = {AN_HT_TBODY, AN_HT_THEAD, AN_HT_TFOOT};
        close_in_table(b, sec, 3, at);
        break;
    }
    case AN_HT_OPTION:
        if (top_tag(b) == AN_HT_OPTION)
            pop_to(b, b->sp - 1, at, false);
        break;
    case AN_HT_OPTGROUP:
        if (top_tag(b) == AN_HT_OPTION)
            pop_to(b, b->sp - 1, at, false);
        if (top_tag(b) == AN_HT_OPTGROUP)
            pop_to(b, b->sp - 1, at, false);
        break;
    case AN_HT_A: {
        /* Links do not nest: a new one closes the open one. */
        if (b->open[AN_HT_A]) {
            int k = find_open(b, AN_HT_A, AN_HF_SCOPE, NULL, 0);
            if (k > 0)
                pop_to(b, k, at, false);
        }
        break;
    }
    default:
        if ((f & AN_HF_HEADING) &&
            (an__htag_flags(top_tag(b)) & AN_HF_HEADING))
            pop_to(b, b->sp - 1, at, false);
        break;
    }
}

/*
** Find where the raw text of element `tag` (named p[ns..ns+nn)) ends:
** the offset of its end tag "</name" followed by space, '/' or '>', or
** the end of the input.  *after is set past that end tag.
*/
static uint32_t raw_end(const builder *b, uint32_t from, uint32_t ns,
                        uint32_t nn, uint32_t *after)
{
    const char *p = b->p;
    uint32_t n = b->n;
    uint32_t i = from;
    while (i < n) {
        const char *lt = memchr(p + i, '<', n - i);
        if (!lt)
            break;
        uint32_t k = (uint32_t)(lt - p);
        if (k + 2 + nn <= n && p[k + 1] == '/') {
            bool eq = true;
            for (uint32_t j = 0; j < nn && eq; j++)
                eq = an_lower((unsigned char)p[k + 2 + j]) ==
                     an_lower((unsigned char)p[ns + j]);
            uint32_t q = k + 2 + nn;
            if (eq && (q == n || is_ws((unsigned char)p[q]) || p[q] == '/' ||
                       p[q] == '>')) {
                const char *gt = memchr(p + q, '>', n - q);
                *after = gt ? (uint32_t)(gt - p) + 1 : n;
                return k;
            }
        }
        i = k + 1;
    }
    *after = n;
    return n;
}

/* Handle a start tag p[s..e) named p[ns..ns+nn) with attributes
   attrs[a0..] (already stored). */
static void start_tag(builder *b, int tag, uint32_t s, uint32_t e,
                      uint32_t ns, uint32_t nn, uint32_t a0, uint32_t na,
                      bool selfclose)
{
    unsigned f = an__htag_flags(tag);
    if (tag == AN_HT_HTML || tag == AN_HT_BODY || tag == AN_HT_HEAD) {
        /* A second html/body/head start tag is ignored. */
        if (b->open[tag])
            return;
    }
    if (!b->foreign)
        implied_ends(b, tag, s);
    uint32_t par = top(b);
    uint32_t i = add_node(b, par, tag, s, e);
    if (!i)
        return;
    an_hnode *x = node(b, i);
    x->attr = a0;
    x->nattr = (uint8_t)na;
    if (selfclose)
        x->flags |= AN_HN_SELFCL;
    /* Inside svg and math, and for unknown names, <x/> is empty; for HTML
       elements the slash means nothing, as in a browser. */
    bool empty = (f & AN_HF_VOID) ||
                 (selfclose && (b->foreign || tag == AN_HT_UNKNOWN ||
                                tag == AN_HT_SVG || tag == AN_HT_MATH));
    if (f & AN_HF_RAW) {
        if (b->foreign && tag != AN_HT_SCRIPT && tag != AN_HT_STYLE)
            f &= ~(unsigned)AN_HF_RAW; /* svg <title> holds elements */
    }
    if ((f & AN_HF_RAW) && !empty) {
        uint32_t after, rs = e, re;
        if (tag == AN_HT_PLAINTEXT) {
            re = after = b->n;
        } else {
            re = raw_end(b, e, ns, nn, &after);
        }
        if (re > rs) {
            uint32_t ti = add_node(b, i, AN_HT_TEXT, rs, re);
            if (ti)
                node(b, ti)->flags = AN_HN_RAWTXT;
        }
        x = node(b, i); /* the node array may have moved */
        x->end = after;
        if (after > re)
            x->flags |= AN_HN_CLOSED;
        /* Skip the raw text: the caller resumes at x->end. */
        return;
    }
    if (empty)
        return;
    if (b->sp >= AN_HTREE_MAX_DEPTH) {
        b->t->ndeep++; /* too deep: a leaf, its content goes to the parent */
        return;
    }
    b->stack[b->sp++] = i;
    b->open[tag]++;
    if (tag == AN_HT_SVG || tag == AN_HT_MATH)
        b->foreign++;
}

/* Handle an end tag p[s..e) named p[ns..ns+nn). */
static void end_tag(builder *b, int tag, uint32_t s, uint32_t e,
                    uint32_t ns, uint32_t nn)
{
    unsigned f = an__htag_flags(tag);
    (void)ns;
    (void)nn;
    if (tag == AN_HT_BODY || tag == AN_HT_HTML)
        return; /* content after </body> still belongs to the body */
    if (tag == AN_HT_BR) {
        add_node(b, top(b), AN_HT_BR, s, e); /* </br> is a <br> */
        return;
    }
    if (!b->open[tag])
        return; /* nothing of that name is open */
    if (tag == AN_HT_P) {
        close_p(b, e, true);
        return;
    }
    if (tag == AN_HT_LI) {
        int k = find_open(b, AN_HT_LI, AN_HF_SCOPE, list_scope, 2);
        if (k > 0)
            pop_to(b, k, e, true);
        return;
    }
    if (tag == AN_HT_TD || tag == AN_HT_TH || tag == AN_HT_TR ||
        tag == AN_HT_TBODY || tag == AN_HT_THEAD || tag == AN_HT_TFOOT ||
        tag == AN_HT_TABLE) {
        int k = find_open(b, tag, 0, table_scope, AN_COUNT(table_scope));
        if (k > 0)
            pop_to(b, k, e, true);
        return;
    }
    if ((f & AN_HF_SPECIAL) || tag == AN_HT_SVG || tag == AN_HT_MATH) {
        /* Block end tags close through inline elements, within scope. */
        for (int k = b->sp - 1; k >= 1; k--) {
            const an_hnode *x = node(b, b->stack[k]);
            if (x->tag == tag) {
                pop_to(b, k, e, true);
                return;
            }
            if (an__htag_flags(x->tag) & AN_HF_SCOPE)
                return;
        }
        return;
    }
    /* Any other end tag: the nearest open element of that name, unless a
       special element is open above it (then the end tag is ignored).
       The search stops after 64 levels, which keeps stray end tags
       cheap on pages nested hundreds deep. */
    for (int k = b->sp - 1; k >= 1 && k >= b->sp - 64; k--) {
        uint32_t i = b->stack[k];
        const an_hnode *x = node(b, i);
        bool match = x->tag == tag;
        if (match && tag == AN_HT_UNKNOWN) {
            an_span nm = {b->p + ns, nn};
            an_span xn = an_htree_name(b->t, i);
            match = nm.n == xn.n;
            for (size_t j = 0; match && j < nm.n; j++)
                match = an_lower((unsigned char)nm.p[j]) ==
                        an_lower((unsigned char)xn.p[j]);
        }
        if (match) {
            pop_to(b, k, e, true);
            return;
        }
        if (an__htag_flags(x->tag) & AN_HF_SPECIAL)
            return;
        if (b->foreign && x->tag != AN_HT_UNKNOWN)
            return; /* do not close HTML elements from inside svg */
    }
}

/* Store an attribute of the element being read. */
static void add_attr(builder *b, uint32_t ns, uint32_t nl, uint32_t vs,
                     uint32_t vl)
{
    an_htree *t = b->t;
    if (b->oom)
        return;
    an_hattr *v = an_arena_vec(b->a, t->attrs, &b->acap, t->nattrs + 1,
                               sizeof *v);
    if (!v) {
        b->oom = 1;
        return;
    }
    t->attrs = v;
    v[t->nattrs++] = (an_hattr){ns, nl, vs, vl};
}

/*
** Read a start or end tag at p[i] == '<' whose name starts at p[i+off].
** Returns the offset just past the tag, or 0 when the input ends inside
** the tag (the tag is then dropped).
*/
static uint32_t read_tag(builder *b, uint32_t i, uint32_t off, bool end)
{
    const char *p = b->p;
    uint32_t n = b->n;
    uint32_t ns = i + off, k = ns;
    while (k < n && !is_ws((unsigned char)p[k]) && p[k] != '/' && p[k] != '>')
        k++;
    uint32_t nn = k - ns;
    uint32_t a0 = (uint32_t)b->t->nattrs, na = 0;
    bool selfclose = false;
    for (;;) {
        while (k < n && (is_ws((unsigned char)p[k]) || p[k] == '/')) {
            selfclose = p[k] == '/' && k + 1 < n && p[k + 1] == '>';
            k++;
        }
        if (k >= n)
            return 0;
        if (p[k] == '>') {
            k++;
            break;
        }
        selfclose = false;
        uint32_t an = k;
        k++; /* the first character may be '=' */
        while (k < n && !is_ws((unsigned char)p[k]) && p[k] != '/' &&
               p[k] != '>' && p[k] != '=')
            k++;
        uint32_t al = k - an, vs = k, vl = 0;
        while (k < n && is_ws((unsigned char)p[k]))
            k++;
        if (k < n && p[k] == '=') {
            k++;
            while (k < n && is_ws((unsigned char)p[k]))
                k++;
            if (k >= n)
                return 0;
            if (p[k] == '"' || p[k] == '\'') {
                const char *q = memchr(p + k + 1, p[k], n - k - 1);
                if (!q)
                    return 0;
                vs = k + 1;
                vl = (uint32_t)(q - p) - vs;
                k = (uint32_t)(q - p) + 1;
            } else {
                vs = k;
                while (k < n && !is_ws((unsigned char)p[k]) && p[k] != '>')
                    k++;
                vl = k - vs;
            }
        }
        if (!end && na < AN_HTREE_MAX_ATTRS) {
            add_attr(b, an, al, vs, vl);
            na++;
        }
    }
    int tag = an__htag_lookup(p + ns, nn);
    if (end) {
        end_tag(b, tag, i, k, ns, nn);
        return k;
    }
    size_t before = b->t->nnodes;
    start_tag(b, tag, i, k, ns, nn, a0, na, selfclose);
    if ((an__htag_flags(tag) & AN_HF_RAW) && b->t->nnodes > before) {
        const an_hnode *x = &b->t->nodes[before];
        if (x->tag == tag && x->end > k)
            return x->end; /* resume after the raw text and its end tag */
    }
    return k;
}

/* Offset past a comment starting at p[i] == '<', "<!--" at i. */
static uint32_t skip_comment(const builder *b, uint32_t i)
{
    const char *p = b->p;
    uint32_t n = b->n, k = i + 4;
    if (k < n && p[k] == '>')
        return k + 1; /* <!--> */
    if (k + 1 < n && p[k] == '-' && p[k + 1] == '>')
        return k + 2; /* <!---> */
    while (k < n) {
        const char *d = memchr(p + k, '-', n - k);
        if (!d)
            return n;
        k = (uint32_t)(d - p);
        if (k + 2 < n && p[k + 1] == '-' && p[k + 2] == '>')
            return k + 3;
        if (k + 3 < n && p[k + 1] == '-' && p[k + 2] == '!' && p[k + 3] == '>')
            return k + 4;
        k++;
    }
    return n;
}

/* Offset past a bogus comment or doctype: the next '>' or the end. */
static uint32_t skip_to_gt(const builder *b, uint32_t i)
{
    const char *gt = memchr(b->p + i, '>', b->n - i);
    return gt ? (uint32_t)(gt - b->p) + 1 : b->n;
}

int an_htree_parse(an_arena *a, const char *p, size_t n, an_htree *t)
{
    memset(t, 0, sizeof *t);
    if (n >= UINT32_MAX)
        return AN_ERANGE;
    builder *b = an_arena_alloc(a, sizeof *b);
    if (!b)
        return AN_ENOMEM;
    memset(b, 0, sizeof *b);
    b->a = a;
    b->t = t;
    b->p = p;
    b->n = (uint32_t)n;
    t->src = p;
    t->n = n;
    /* A first guess at the sizes keeps the arrays from being copied. */
    size_t guess = n / 48 + 16;
    b->ncap = guess;
    t->nodes = an_arena_array(a, guess, sizeof *t->nodes);
    b->acap = guess / 2 + 8;
    t->attrs = an_arena_array(a, b->acap, sizeof *t->attrs);
    if (!t->nodes || !t->attrs)
        return AN_ENOMEM;
    t->nnodes = 1;
    memset(&t->nodes[0], 0, sizeof t->nodes[0]);
    t->nodes[0].tag = AN_HT_DOCUMENT;
    t->nodes[0].end = (uint32_t)n;
    b->stack[0] = 0;
    b->sp = 1;

    uint32_t i = 0, text = 0, len = (uint32_t)n;
    while (i < len && !b->oom) {
        const char *lt = memchr(p + i, '<', len - i);
        if (!lt)
            break;
        uint32_t j = (uint32_t)(lt - p);
        if (j + 1 >= len)
            break; /* a '<' at the very end is text */
        unsigned char c = (unsigned char)p[j + 1];
        uint32_t next;
        if (is_alpha(c)) {
            add_text(b, text, j, 0);
            next = read_tag(b, j, 1, false);
        } else if (c == '/') {
            if (j + 2 < len && is_alpha((unsigned char)p[j + 2])) {
                add_text(b, text, j, 0);
                next = read_tag(b, j, 2, true);
            } else if (j + 2 < len && p[j + 2] == '>') {
                add_text(b, text, j, 0);
                next = j + 3; /* "</>" is nothing */
            } else if (j + 2 >= len) {
                break;
            } else {
                add_text(b, text, j, 0);
                next = skip_to_gt(b, j);
            }
        } else if (c == '!') {
            add_text(b, text, j, 0);
            if (j + 3 < len && p[j + 2] == '-' && p[j + 3] == '-')
                next = skip_comment(b, j);
            else
                next = skip_to_gt(b, j);
        } else if (c == '?') {
            add_text(b, text, j, 0);
            next = skip_to_gt(b, j);
        } else {
            i = j + 1; /* a literal '<': part of the text */
            continue;
        }
        if (next == 0) { /* the input ends inside a tag: drop it */
            text = len;
            i = len;
            break;
        }
        i = text = next;
    }
    if (text < len)
        add_text(b, text, len, 0);
    pop_to(b, 1, (uint32_t)n, false);
    if (b->oom)
        return AN_ENOMEM;
    return AN_OK;
}

an_span an_htree_attr(const an_htree *t, uint32_t i, const char *name,
                      bool *found)
{
    size_t ln = strlen(name);
    const an_hnode *x = &t->nodes[i];
    for (uint32_t k = 0; k < x->nattr; k++) {
        const an_hattr *at = &t->attrs[x->attr + k];
        if (at->nlen != ln)
            continue;
        const char *s = t->src + at->name;
        size_t j = 0;
        while (j < ln && an_lower((unsigned char)s[j]) == name[j])
            j++;
        if (j == ln) {
            if (found)
                *found = true;
            return (an_span){t->src + at->val, at->vlen};
        }
    }
    if (found)
        *found = false;
    return (an_span){NULL, 0};
}

an_span an_htree_name(const an_htree *t, uint32_t i)
{
    const an_hnode *x = &t->nodes[i];
    if (x->tag == AN_HT_TEXT || x->tag == AN_HT_DOCUMENT)
        return (an_span){NULL, 0};
    const char *p = t->src;
    size_t k = x->start + 1, e = t->n;
    size_t s = k;
    while (k < e && !is_ws((unsigned char)p[k]) && p[k] != '/' && p[k] != '>')
        k++;
    return (an_span){p + s, k - s};
}
