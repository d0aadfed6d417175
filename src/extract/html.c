/*
** html.c - main-text extraction from HTML pages.
**
** The page is parsed by htree.c into a node array in document order.
** Then, with no recursion (forward passes go top-down, backward passes
** bottom-up):
**
**  1. Hard drops: elements that never hold article text (script, style,
**     nav, aside, footer, form controls, svg, figures and captions,
**     hidden elements) are marked with everything below them.
**  2. Text statistics: every text node belongs to its nearest block
**     element ("block"); each block gets its own text length and the part
**     of it inside links; subtrees sum them, and the text of "good"
**     blocks (long, few links).
**  3. Soft drops: elements whose class, id or role names boilerplate
**     (share bars, related links, comments, newsletter sign-ups, cookie
**     banners, bylines, ads), page headers and forms, lists of teaser
**     cards ("More stories") and lists of <article>s nested in an
**     <article> are dropped, unless they hold half of the page's good
**     text (nine tenths for comment sections).
**  4. The container: blocks are scored (long, link-poor text for its
**     length; link lists and fragments against), and each block's score
**     goes to its element, its parent and, decreasing, to four more
**     ancestors, as readability does.  The element with the highest such
**     score, scaled by its link density, is the core; it is widened to an
**     ancestor when that ancestor holds more scoring elements of the
**     core's own class (an article split into chunks by ads or promos).
**     A marked article body (itemprop=articleBody) holding a fair share
**     of the score takes precedence.
**  5. Inside the container, blocks that are link lists or known
**     boilerplate lines are skipped, a leading heading that repeats the
**     title is skipped, and the text is written through the an_textb:
**     copied runs keep their input offsets; decoded references,
**     collapsed spaces and paragraph breaks ("\n\n") are synthesised
**     with the offset of their origin.
*/
#include "extract_int.h"

/* Per-node data of the extraction passes (parallel to the node array). */
typedef struct xnode {
    uint32_t own;     /* text chars whose nearest block is this node */
    uint32_t ownlnk;  /* of those, inside links */
    uint32_t txt;     /* text chars in the subtree (not dropped) */
    uint32_t lnk;     /* of those, inside links */
    uint32_t good;    /* chars of good blocks in the subtree */
    int32_t score;    /* content score of the subtree */
    float conc;       /* score of blocks near the element (readability) */
    uint32_t block;   /* nearest block element (self for blocks) */
    uint16_t punct;   /* sentence punctuation in own text (saturating) */
    uint8_t drop;     /* DROP_* reasons, inherited downwards */
    uint8_t cls;      /* CLS_* class/id verdict of this element */
    uint8_t inlink;   /* inside an <a> */
    uint8_t keep;     /* block: its own text is written */
    uint8_t inart;    /* inside an <article> */
    uint8_t hlink;    /* holds a heading that is a link (a headline) */
} xnode;

enum { DROP_HARD = 1, DROP_SOFT = 2 };
enum { CLS_NEG = 1, CLS_STRONG = 2, CLS_POS = 4, CLS_BODY = 8, CLS_EMBED = 16 };

/* ---- class and id words ---- */

/*
** Words of class and id values, sorted bytewise (checked by
** an__html_words_sorted in the unit tests): boilerplate (NEG; STRONG for
** comment sections, dropped even when big), article bodies (POS), and
** embedded quotations such as tweets (EMBED), which are kept even when
** another word of the same value says boilerplate.
*/
typedef struct cword {
    const char *w;
    uint8_t n;
    uint8_t cls;
} cword;

#define W(s, c) {s, (uint8_t)(sizeof(s) - 1), (uint8_t)(c)}
static const cword class_words[] = {
    W("ad", CLS_NEG),
    W("ads", CLS_NEG),
    W("adsense", CLS_NEG),
    W("adslot", CLS_NEG),
    W("adunit", CLS_NEG),
    W("advert", CLS_NEG),
    W("advertisement", CLS_NEG),
    W("advertising", CLS_NEG),
    W("article", CLS_POS),
    W("articlebody", CLS_POS),
    W("author", CLS_NEG),
    W("authors", CLS_NEG),
    W("banner", CLS_NEG),
    W("bio", CLS_NEG),
    W("body", CLS_POS),
    W("breadcrumb", CLS_NEG),
    W("breadcrumbs", CLS_NEG),
    W("byline", CLS_NEG),
    W("bylines", CLS_NEG),
    W("caption", CLS_NEG),
    W("captions", CLS_NEG),
    W("carousel", CLS_NEG),
    W("comment", CLS_NEG | CLS_STRONG),
    W("commentlist", CLS_NEG | CLS_STRONG),
    W("comments", CLS_NEG | CLS_STRONG),
    W("consent", CLS_NEG),
    W("content", CLS_POS),
    W("contributor", CLS_NEG),
    W("cookie", CLS_NEG),
    W("cookies", CLS_NEG),
    W("credit", CLS_NEG),
    W("credits", CLS_NEG),
    W("dfp", CLS_NEG),
    W("disqus", CLS_NEG | CLS_STRONG),
    W("donate", CLS_NEG),
    W("entry", CLS_POS),
    W("footer", CLS_NEG),
    W("gdpr", CLS_NEG),
    W("hidden", CLS_NEG),
    W("hide", CLS_NEG),
    W("login", CLS_NEG),
    W("main", CLS_POS),
    W("masthead", CLS_NEG),
    W("menu", CLS_NEG),
    W("modal", CLS_NEG),
    W("nav", CLS_NEG),
    W("navbar", CLS_NEG),
    W("navigation", CLS_NEG),
    W("newsletter", CLS_NEG),
    W("newsletters", CLS_NEG),
    W("outbrain", CLS_NEG | CLS_STRONG),
    W("pagination", CLS_NEG),
    W("popular", CLS_NEG),
    W("popup", CLS_NEG),
    W("post", CLS_POS),
    W("promo", CLS_NEG),
    W("promoted", CLS_NEG),
    W("promotion", CLS_NEG),
    W("recommended", CLS_NEG),
    W("related", CLS_NEG),
    W("relatedposts", CLS_NEG),
    W("respond", CLS_NEG | CLS_STRONG),
    W("share", CLS_NEG),
    W("sharebar", CLS_NEG),
    W("shares", CLS_NEG),
    W("sharing", CLS_NEG),
    W("sidebar", CLS_NEG),
    W("signup", CLS_NEG),
    W("skip", CLS_NEG),
    W("sponsor", CLS_NEG),
    W("sponsored", CLS_NEG),
    W("story", CLS_POS),
    W("storybody", CLS_POS),
    W("subscribe", CLS_NEG),
    W("subscription", CLS_NEG),
    W("taboola", CLS_NEG | CLS_STRONG),
    W("tags", CLS_NEG),
    W("text", CLS_POS),
    W("toolbar", CLS_NEG),
    W("trending", CLS_NEG),
    W("tweet", CLS_EMBED),
    W("widget", CLS_NEG),
    W("widgets", CLS_NEG),
};
#undef W

/* Flags of a lower-case word, by bisection. */
static unsigned word_class(const char *w, size_t n)
{
    size_t lo = 0, hi = AN_COUNT(class_words);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const cword *c = &class_words[mid];
        int r = memcmp(w, c->w, AN_MIN(n, (size_t)c->n));
        if (r == 0)
            r = n < c->n ? -1 : n > c->n ? 1 : 0;
        if (r == 0)
            return c->cls;
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

bool an__html_words_sorted(void)
{
    for (size_t i = 1; i < AN_COUNT(class_words); i++) {
        const cword *x = &class_words[i - 1], *y = &class_words[i];
        int r = memcmp(x->w, y->w, AN_MIN(x->n, y->n));
        if (r > 0 || (r == 0 && x->n >= y->n))
            return false;
        if (word_class(y->w, y->n) != y->cls)
            return false;
    }
    return true;
}

static inline bool is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static inline bool is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static inline bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/*
** Classify an attribute value by its words: split at anything but
** letters and digits and at lower-to-upper case changes ("shareTools"),
** lower-case each word and look it up.
*/
static unsigned classify_words(const char *p, size_t n)
{
    unsigned r = 0;
    size_t i = 0;
    n = AN_MIN(n, (size_t)512);
    while (i < n) {
        while (i < n && !is_lower((unsigned char)p[i]) &&
               !is_upper((unsigned char)p[i]) && !is_digit((unsigned char)p[i]))
            i++;
        size_t s = i;
        char w[24];
        size_t wn = 0;
        while (i < n) {
            unsigned char c = (unsigned char)p[i];
            if (!is_lower(c) && !is_upper(c) && !is_digit(c))
                break;
            if (i > s && is_upper(c) && is_lower((unsigned char)p[i - 1]))
                break;
            if (wn < sizeof w)
                w[wn] = (char)an_lower(c);
            wn++;
            i++;
        }
        if (wn == 0 || wn > sizeof w)
            continue;
        r |= word_class(w, wn);
    }
    return r;
}

/* True when span s contains the lower-case ASCII string lit (any case). */
static bool span_icontains(an_span s, const char *lit)
{
    size_t ln = strlen(lit);
    if (s.n < ln)
        return false;
    for (size_t i = 0; i + ln <= s.n; i++) {
        size_t j = 0;
        while (j < ln && an_lower((unsigned char)s.p[i + j]) == lit[j])
            j++;
        if (j == ln)
            return true;
    }
    return false;
}

/* Hidden by attribute or inline style. */
static bool is_hidden(const an_htree *t, uint32_t i)
{
    bool f;
    an_htree_attr(t, i, "hidden", &f);
    if (f)
        return true;
    an_span ah = an_htree_attr(t, i, "aria-hidden", &f);
    if (f && an_span_ieq(ah, "true") && t->nodes[i].tag != AN_HT_SPAN)
        return true;
    an_span st = an_htree_attr(t, i, "style", &f);
    if (f && st.n < 1024) {
        char buf[1024];
        size_t k = 0;
        for (size_t j = 0; j < st.n; j++)
            if (st.p[j] != ' ')
                buf[k++] = (char)an_lower((unsigned char)st.p[j]);
        an_span s = {buf, k};
        if (span_icontains(s, "display:none") ||
            span_icontains(s, "visibility:hidden"))
            return true;
    }
    return false;
}

/* Class verdict of element i from class, id, role and itemprop. */
static unsigned classify(const an_htree *t, uint32_t i)
{
    const an_hnode *x = &t->nodes[i];
    if (!x->nattr)
        return 0;
    bool f;
    unsigned r = 0;
    an_span v = an_htree_attr(t, i, "class", &f);
    if (f)
        r |= classify_words(v.p, v.n);
    v = an_htree_attr(t, i, "id", &f);
    if (f)
        r |= classify_words(v.p, v.n);
    v = an_htree_attr(t, i, "itemprop", &f);
    if (f && span_icontains(v, "articlebody"))
        r |= CLS_BODY | CLS_POS;
    v = an_htree_attr(t, i, "role", &f);
    if (f) {
        if (an_span_ieq(v, "navigation") || an_span_ieq(v, "banner") ||
            an_span_ieq(v, "contentinfo") || an_span_ieq(v, "complementary") ||
            an_span_ieq(v, "dialog") || an_span_ieq(v, "alertdialog") ||
            an_span_ieq(v, "menu") || an_span_ieq(v, "menubar") ||
            an_span_ieq(v, "search") || an_span_ieq(v, "toolbar"))
            r |= CLS_NEG;
        else if (an_span_ieq(v, "main") || an_span_ieq(v, "article"))
            r |= CLS_POS;
    }
    if (r & CLS_EMBED)
        r &= ~(unsigned)(CLS_NEG | CLS_STRONG);
    return r;
}

/* Elements that never hold article text. */
static bool hard_drop_tag(int tag)
{
    switch (tag) {
    case AN_HT_SCRIPT: case AN_HT_STYLE: case AN_HT_NOSCRIPT:
    case AN_HT_TEMPLATE: case AN_HT_IFRAME: case AN_HT_SVG: case AN_HT_MATH:
    case AN_HT_CANVAS: case AN_HT_OBJECT: case AN_HT_EMBED:
    case AN_HT_AUDIO: case AN_HT_VIDEO: case AN_HT_SELECT:
    case AN_HT_OPTION: case AN_HT_TEXTAREA: case AN_HT_BUTTON:
    case AN_HT_INPUT: case AN_HT_LABEL: case AN_HT_HEAD: case AN_HT_TITLE:
    case AN_HT_NOEMBED: case AN_HT_NOFRAMES: case AN_HT_XMP:
    case AN_HT_FIGCAPTION: case AN_HT_FIGURE: case AN_HT_NAV:
    case AN_HT_ASIDE: case AN_HT_FOOTER: case AN_HT_DIALOG: case AN_HT_MAP:
    case AN_HT_FRAMESET: case AN_HT_APPLET: case AN_HT_PLAINTEXT:
        return true;
    default:
        return false;
    }
}

/* ---- text measures ---- */

static inline bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Characters (not bytes) of visible text, and sentence punctuation. */
static void measure(const char *p, size_t n, uint32_t *chars,
                    uint32_t *punct)
{
    uint32_t c = 0, q = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)p[i];
        if (b < 0x80) {
            if (!is_space(b))
                c++;
            if (b == '.' || b == ',' || b == '!' || b == '?' || b == ';')
                q++;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
    }
    *chars = c;
    *punct = q;
}

/* ---- writing text ---- */

typedef struct writer {
    an_textb *tb;
    const char *src;
    int brk;          /* pending break: 0, 1 ("\n") or 2 ("\n\n") */
    uint32_t brk_at;  /* input offset the break stands for */
    bool space;       /* a space is pending */
    uint32_t space_at;
    bool any;         /* text written so far */
    int pre;          /* open <pre> elements: line ends are kept */
} writer;

/* Ask for a line (k = 1) or paragraph (k = 2) break before the next
   visible text; nothing at the start of the text. */
static void want_break(writer *w, int k, uint32_t at)
{
    if (!w->any)
        return;
    if (k > w->brk) {
        w->brk = k;
        w->brk_at = at;
    }
    w->space = false;
}

/*
** The edge (start or end) of an element at input offset `at`: blocks
** break paragraphs, except that the cells of a table row are joined by
** spaces and its rows by line breaks, so a row reads as one line.
*/
static void block_edge(writer *w, int tag, uint32_t at)
{
    if (tag == AN_HT_TD || tag == AN_HT_TH) {
        if (w->any && !w->brk && !w->space) {
            w->space = true;
            w->space_at = at;
        }
    } else if (tag == AN_HT_TR) {
        want_break(w, 1, at);
    } else if (an__htag_flags(tag) & AN_HF_BLOCK) {
        want_break(w, 2, at);
    }
}

/* Write what is pending before a visible character at `at`. */
static void flush_pending(writer *w)
{
    if (w->brk) {
        an_textb_synth(w->tb, w->brk_at, "\n\n", (size_t)w->brk);
        w->brk = 0;
        w->space = false;
    } else if (w->space) {
        an_textb_synth(w->tb, w->space_at, " ", 1);
        w->space = false;
    }
}

/*
** Write text p[s..e) of the page: runs of visible characters separated by
** single spaces are copied as they are; other white space collapses to
** one (synthesised) space; character references are decoded.
*/
static void write_text(writer *w, uint32_t s, uint32_t e)
{
    const char *p = w->src;
    uint32_t i = s;
    while (i < e) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\n' && w->pre) {
            want_break(w, w->brk ? 2 : 1, i);
            i++;
            continue;
        }
        if (is_space(c) || (c == 0xC2 && i + 1 < e &&
                            (unsigned char)p[i + 1] == 0xA0)) {
            if (w->any && !w->brk && !w->space) {
                w->space = true;
                w->space_at = i;
            }
            i += c == 0xC2 ? 2 : 1;
            continue;
        }
        if (c == '&') {
            char buf[8];
            size_t ol;
            size_t used = an__html_entity(p + i, e - i, buf, &ol);
            if (used) {
                if (ol == 2 && (unsigned char)buf[0] == 0xC2 &&
                    (unsigned char)buf[1] == 0xA0) { /* &nbsp; */
                    if (w->any && !w->brk && !w->space) {
                        w->space = true;
                        w->space_at = i;
                    }
                } else {
                    flush_pending(w);
                    an_textb_synth(w->tb, i, buf, ol);
                    w->any = true;
                }
                i += (uint32_t)used;
                continue;
            }
        }
        /* A run of visible characters and single spaces. */
        uint32_t j = i + 1;
        while (j < e) {
            unsigned char d = (unsigned char)p[j];
            if (d == '&' || d == 0xC2)
                break;
            if (is_space(d)) {
                if (d == ' ' && j + 1 < e && !is_space((unsigned char)p[j + 1]) &&
                    p[j + 1] != '&' && (unsigned char)p[j + 1] != 0xC2) {
                    j++;
                    continue;
                }
                break;
            }
            j++;
        }
        flush_pending(w);
        an_textb_copy(w->tb, i, p + i, j - i);
        w->any = true;
        i = j;
    }
}

#ifdef AN_EXTRACT_DEBUG
#include <stdio.h>
/* Development aid (cc -DAN_EXTRACT_DEBUG): the container's ancestry and
   the elements with the highest scores, on stderr. */
static void debug_dump(const an_htree *t, const xnode *xs, uint32_t best,
                       uint32_t body)
{
    fprintf(stderr, "best %u body %u\n", best, body);
    for (uint32_t i = 1; i < t->nnodes; i++)
        if (xs[i].drop == DROP_SOFT && !xs[t->nodes[i].parent].drop) {
            bool f;
            an_span nm = an_htree_name(t, i);
            an_span c = an_htree_attr(t, i, "class", &f);
            fprintf(stderr, "  - soft drop %u <%.*s class=%.*s> txt=%u\n", i,
                    (int)nm.n, nm.p, (int)AN_MIN(c.n, 60u), c.p, xs[i].txt);
        }
    for (uint32_t i = best; i; i = t->nodes[i].parent) {
        bool f;
        an_span nm = an_htree_name(t, i);
        an_span c = an_htree_attr(t, i, "class", &f);
        an_span id = an_htree_attr(t, i, "id", &f);
        fprintf(stderr, "  ^ %u <%.*s class=%.*s id=%.*s> score=%d conc=%.0f "
                "txt=%u lnk=%u\n", i, (int)nm.n, nm.p, (int)AN_MIN(c.n, 60u),
                c.p, (int)AN_MIN(id.n, 40u), id.p, xs[i].score, xs[i].conc,
                xs[i].txt, xs[i].lnk);
    }
    for (uint32_t i = 1; i < t->nnodes; i++) {
        if (t->nodes[i].tag == AN_HT_TEXT || xs[i].conc < xs[best].conc / 4)
            continue;
        bool f;
        an_span nm = an_htree_name(t, i);
        an_span c = an_htree_attr(t, i, "class", &f);
        fprintf(stderr, "  * %u <%.*s class=%.*s> score=%d conc=%.0f own=%u "
                "d=%d\n", i, (int)nm.n, nm.p, (int)AN_MIN(c.n, 60u), c.p,
                xs[i].score, xs[i].conc, xs[i].own, t->nodes[i].depth);
    }
}
#endif

/*
** A list of teasers: at least three element children, most of them
** "cards" with a link of some length and little text (a headline link
** and a one-line summary), as in "More stories" boxes and feeds.
*/
static bool teaser_list(const an_htree *t, const xnode *xs, uint32_t i)
{
    unsigned kids = 0, cards = 0;
    uint32_t card_txt = 0;
    for (uint32_t c = t->nodes[i].first; c; c = t->nodes[c].next) {
        if (t->nodes[c].tag == AN_HT_TEXT || xs[c].drop || !xs[c].txt)
            continue;
        kids++;
        if ((xs[c].lnk >= 15 && xs[c].txt <= 700 &&
             xs[c].lnk * 5 >= xs[c].txt) ||
            (xs[c].hlink && xs[c].txt <= 1000)) {
            cards++;
            card_txt += xs[c].txt;
        }
    }
    if (cards < 3 || cards * 5 < kids * 3 ||
        (uint64_t)card_txt * 10 < (uint64_t)xs[i].txt * 8)
        return false;
    /* A list among the paragraphs of an article is part of it. */
    uint32_t p = t->nodes[i].parent;
    for (uint32_t c = t->nodes[p].first; c; c = t->nodes[c].next)
        if (t->nodes[c].tag == AN_HT_P && xs[c].txt >= 50 &&
            xs[c].lnk * 4 < xs[c].txt)
            return false;
    return true;
}

/* An <article> with an <article> sibling: one of a list of stories. */
static bool repeated_article(const an_htree *t, uint32_t i)
{
    uint32_t p = t->nodes[i].parent;
    for (uint32_t c = t->nodes[p].first; c; c = t->nodes[c].next)
        if (c != i && t->nodes[c].tag == AN_HT_ARTICLE)
            return true;
    return false;
}

/* Index of the last descendant of node i (subtrees are contiguous). */
static uint32_t subtree_end(const an_htree *t, uint32_t i)
{
    for (uint32_t a = i; a; a = t->nodes[a].parent)
        if (t->nodes[a].next)
            return t->nodes[a].next - 1;
    return (uint32_t)t->nnodes - 1;
}

/* Equality of the class attributes of two elements (both non-empty). */
static bool same_class(const an_htree *t, uint32_t i, uint32_t j)
{
    bool fi, fj;
    an_span a = an_htree_attr(t, i, "class", &fi);
    an_span b = an_htree_attr(t, j, "class", &fj);
    return fi && fj && a.n && a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/*
** An article split into chunks (by ads, pull quotes, "read more" boxes)
** leaves its text in several sibling containers of the same class.  From
** the core container, climb at most six levels to the highest ancestor
** that holds another scoring element with the class of the core or of
** one of its ancestors below that level.
*/
static uint32_t widen(const an_htree *t, const xnode *xs, uint32_t core)
{
    uint32_t best = core;
    uint32_t chain[2];
    size_t nchain = 0;
    uint32_t c = core;
    for (int level = 0; level < 6; level++) {
        if (nchain < 2)
            chain[nchain++] = c;
        uint32_t a = t->nodes[c].parent;
        if (!a || t->nodes[a].tag == AN_HT_BODY || t->nodes[a].tag == AN_HT_HTML)
            break;
        uint32_t s0 = c, s1 = subtree_end(t, c);
        uint32_t e = subtree_end(t, a);
        bool found = false;
        for (uint32_t j = a + 1; j <= e && !found; j++) {
            if (j >= s0 && j <= s1) {
                j = s1;
                continue;
            }
            if (t->nodes[j].tag == AN_HT_TEXT || xs[j].drop ||
                xs[j].score < 50 || !t->nodes[j].nattr)
                continue;
            for (size_t k = 0; k < nchain && !found; k++)
                found = t->nodes[j].tag == t->nodes[chain[k]].tag &&
                        same_class(t, j, chain[k]);
#ifdef AN_EXTRACT_DEBUG
            if (found)
                fprintf(stderr, "similar %u\n", j);
#endif
        }
#ifdef AN_EXTRACT_DEBUG
        if (found)
            fprintf(stderr, "widen to %u (score %d, was %d)\n", a, xs[a].score,
                    xs[best].score);
#endif
        if (found && xs[a].score * 10 >= xs[best].score * 11)
            best = a;
        c = a;
    }
    return best;
}

/* Case-insensitive (ASCII) equality of the first n bytes. */
static bool prefix_ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (an_lower((unsigned char)a[i]) != an_lower((unsigned char)b[i]))
            return false;
    return true;
}

/*
** The headline is metadata, not body text: a heading (h1, h2) that
** comes before any text of the container and repeats the title is
** dropped.
*/
static void drop_headline(an_arena *scratch, const an_htree *t, xnode *xs,
                          uint32_t from, uint32_t last, an_span title)
{
    for (uint32_t i = from; i <= last; i++) {
        const an_hnode *x = &t->nodes[i];
        if (xs[i].drop)
            continue;
        if (x->tag == AN_HT_TEXT) {
            if (xs[xs[i].block].keep && xs[i].txt)
                return; /* text came first */
            continue;
        }
        if (x->tag != AN_HT_H1 && x->tag != AN_HT_H2)
            continue;
        char buf[512];
        size_t k = 0;
        uint32_t e = subtree_end(t, i);
        for (uint32_t j = i + 1; j <= e && k < sizeof buf; j++) {
            const an_hnode *y = &t->nodes[j];
            if (y->tag != AN_HT_TEXT || xs[j].drop)
                continue;
            size_t m = AN_MIN((size_t)(y->end - y->start), sizeof buf - k);
            memcpy(buf + k, t->src + y->start, m);
            k += m;
        }
        an_span h = an__extract_clean(scratch, buf, k);
        size_t m = AN_MIN(h.n, title.n);
        if (h.n && (h.n == title.n || m >= 20) && prefix_ieq(h.p, title.p, m))
            xs[i].drop = DROP_SOFT;
        return;
    }
}

/* ---- the passes ---- */

/* Score of one block for choosing the container. */
static int32_t block_value(const an_htree *t, uint32_t i, const xnode *x)
{
    uint32_t len = x->own, lnk = x->ownlnk;
    if (len == 0)
        return 0;
    int tag = t->nodes[i].tag;
    uint32_t plain = len - AN_MIN(lnk, len);
    if (lnk * 2 > len)
        return -(int32_t)len; /* a link list */
    if (tag == AN_HT_LI || tag == AN_HT_TD || tag == AN_HT_DT ||
        tag == AN_HT_DD || (an__htag_flags(tag) & AN_HF_HEADING)) {
        if (len < 60)
            return 0;
        return (int32_t)(plain / 2);
    }
    if (len < 25)
        return -(int32_t)(len / 2);
    if (len < 80 && x->punct == 0)
        return 0;
    return (int32_t)plain;
}

/* True when block i is written: not a link list, not boilerplate. */
static bool block_keep(const xnode *x)
{
    uint32_t len = x->own, lnk = x->ownlnk;
    if (len == 0)
        return false;
    if (lnk * 2 > len && !(len > 200 && lnk * 4 < len * 3))
        return false;
    return true;
}

/*
** Mark short blocks inside the container whose text is a known
** boilerplate line ("Advertisement", "Share this:").  A first pass sizes
** each short block's text (at most 254 bytes), a second copies it into
** one pool, so memory stays proportional to the short text itself.
*/
static int drop_boiler_blocks(an_arena *scratch, const an_htree *t,
                              xnode *xs, uint32_t from, uint32_t last)
{
    enum { CAP = 254 };
    uint32_t n = last - from + 1;
    uint32_t *off = an_arena_zalloc(scratch, ((size_t)n + 1) * sizeof *off);
    if (!off)
        return AN_ENOMEM;
    /* Pass A: bytes wanted per block (index relative to `from`). */
    for (uint32_t i = from; i <= last; i++) {
        const an_hnode *y = &t->nodes[i];
        if (y->tag != AN_HT_TEXT || xs[i].drop)
            continue;
        uint32_t b = xs[i].block;
        if (b < from || b > last || !xs[b].keep || xs[b].own > 120)
            continue;
        uint32_t *o = &off[b - from + 1];
        *o = AN_MIN((uint32_t)CAP, *o + (y->end - y->start) + 1);
    }
    for (uint32_t k = 1; k <= n; k++)
        off[k] += off[k - 1];
    char *pool = an_arena_alloc(scratch, (size_t)off[n] + 1);
    uint16_t *len = an_arena_zalloc(scratch, (size_t)n * sizeof *len);
    if (!pool || !len)
        return AN_ENOMEM;
    /* Pass B: copy. */
    for (uint32_t i = from; i <= last; i++) {
        const an_hnode *y = &t->nodes[i];
        if (y->tag != AN_HT_TEXT || xs[i].drop)
            continue;
        uint32_t b = xs[i].block;
        if (b < from || b > last || !xs[b].keep || xs[b].own > 120)
            continue;
        uint32_t k = b - from, room = off[k + 1] - off[k];
        if (len[k] >= room)
            continue;
        size_t m = AN_MIN((size_t)(y->end - y->start), (size_t)(room - len[k]));
        memcpy(pool + off[k] + len[k], t->src + y->start, m);
        len[k] = (uint16_t)(len[k] + m);
        if (len[k] < room)
            pool[off[k] + len[k]++] = ' ';
    }
    for (uint32_t k = 0; k < n; k++)
        if (len[k] && an__extract_boiler_line(pool + off[k], len[k]))
            xs[from + k].keep = 0;
    return AN_OK;
}

int an_extract_html(an_arena *a, an_arena *scratch, const char *html,
                    size_t n, an_textb *tb, an_extract *out, an_err *err)
{
    memset(out, 0, sizeof *out);
    if (!scratch)
        scratch = a;
    an_htree t;
    int rc = an_htree_parse(scratch, html, n, &t);
    if (rc == AN_ERANGE)
        return an_err_set(err, rc, "page too large for the HTML parser");
    if (rc != AN_OK)
        return an_err_set(err, AN_ENOMEM, "out of memory parsing HTML");
    uint32_t nn = (uint32_t)t.nnodes;
    xnode *xs = an_arena_zalloc(scratch, (size_t)nn * sizeof *xs);
    if (!xs)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    const an_hnode *nd = t.nodes;

    /* Pass 1 (forward): hard drops, classes, links, owning blocks. */
    for (uint32_t i = 1; i < nn; i++) {
        const an_hnode *x = &nd[i];
        xnode *xi = &xs[i];
        const xnode *xp = &xs[x->parent];
        xi->drop = xp->drop & DROP_HARD;
        xi->inlink = xp->inlink;
        /* Nearest block element, inherited top-down (no walks up). */
        xi->block = (an__htag_flags(x->tag) & AN_HF_BLOCK) ? i : xp->block;
        if (x->tag == AN_HT_TEXT) {
            if (x->flags & AN_HN_RAWTXT)
                xi->drop = DROP_HARD;
            xi->block = xp->block;
            continue;
        }
        if (hard_drop_tag(x->tag) || is_hidden(&t, i))
            xi->drop = DROP_HARD;
        if (x->tag == AN_HT_A)
            xi->inlink = 1;
        xi->cls = (uint8_t)classify(&t, i);
    }

    /* Pass 2 (backward): own text of blocks, subtree sums of good text. */
    for (uint32_t i = nn; i-- > 1;) {
        const an_hnode *x = &nd[i];
        xnode *xi = &xs[i];
        if (x->tag == AN_HT_TEXT) {
            if (xi->drop)
                continue;
            uint32_t c, q;
            measure(t.src + x->start, x->end - x->start, &c, &q);
            xnode *b = &xs[xi->block];
            b->own += c;
            b->punct = (uint16_t)AN_MIN(65535u, b->punct + q);
            if (xi->inlink)
                b->ownlnk += c;
            xi->txt = c;
            xi->lnk = xi->inlink ? c : 0;
        } else if (!xi->drop) {
            int32_t v = block_value(&t, i, xi);
            if (v > 0)
                xi->good += (uint32_t)v;
        }
        if (!xi->drop) {
            if ((an__htag_flags(x->tag) & AN_HF_HEADING) && xi->txt >= 10 &&
                xi->lnk * 2 >= xi->txt)
                xi->hlink = 1;
            xnode *xp = &xs[x->parent];
            xp->txt += xi->txt;
            xp->lnk += xi->lnk;
            xp->good += xi->good;
            xp->hlink |= xi->hlink;
        }
    }
    uint32_t total_good = xs[0].good;

    /* Pass 3 (forward): soft drops by class, id and role. */
    for (uint32_t i = 1; i < nn; i++) {
        const an_hnode *x = &nd[i];
        xnode *xi = &xs[i];
        if (xs[x->parent].drop)
            xi->drop |= xs[x->parent].drop;
        if (xi->drop || x->tag == AN_HT_TEXT)
            continue;
        xi->inart = xs[x->parent].inart || nd[x->parent].tag == AN_HT_ARTICLE;
        bool neg = (xi->cls & CLS_NEG) != 0;
        if (x->tag == AN_HT_HEADER || x->tag == AN_HT_FORM)
            neg = true;
        if ((!(xi->cls & CLS_POS) && teaser_list(&t, xs, i)) ||
            (x->tag == AN_HT_ARTICLE && xi->inart &&
             repeated_article(&t, i)))
            neg = true;
#ifdef AN_EXTRACT_DEBUG
        if (neg) fprintf(stderr, "neg %u cls=%d teaser=%d inart=%d good=%u total=%u\n", i, xi->cls, teaser_list(&t, xs, i), xi->inart, xi->good, total_good);
#endif
        if (neg) {
            bool strong = (xi->cls & CLS_STRONG) != 0;
            if (strong ? xi->good * 10 < total_good * 9
                       : xi->good * 2 < total_good)
                xi->drop = DROP_SOFT;
        }
    }

    /* Pass 4 (backward): scores with the drops applied. */
    for (uint32_t i = 0; i < nn; i++) {
        xs[i].own = xs[i].ownlnk = 0;
        xs[i].punct = 0;
        xs[i].score = 0;
    }
    for (uint32_t i = nn; i-- > 1;) {
        const an_hnode *x = &nd[i];
        xnode *xi = &xs[i];
        if (xi->drop)
            continue;
        if (x->tag == AN_HT_TEXT) {
            uint32_t c, q;
            measure(t.src + x->start, x->end - x->start, &c, &q);
            xnode *b = &xs[xi->block];
            b->own += c;
            b->punct = (uint16_t)AN_MIN(65535u, b->punct + q);
            if (xi->inlink)
                b->ownlnk += c;
            continue;
        }
        int32_t v = block_value(&t, i, xi);
        xi->score += v;
        xs[x->parent].score += xi->score;
        xi->txt = xi->own;
        xi->lnk = xi->ownlnk;
        for (uint32_t c = x->first; c; c = nd[c].next)
            if (nd[c].tag != AN_HT_TEXT && !xs[c].drop) {
                xi->txt += xs[c].txt;
                xi->lnk += xs[c].lnk;
            }
        if (v > 0) {
            /* Readability's propagation: the block, its parent fully,
               the grandparent half, then a third, a sixth ... */
            static const float w[] = {1.0f, 1.0f, 0.5f, 1.0f / 6, 1.0f / 9,
                                      1.0f / 12};
            uint32_t up = i;
            for (size_t k = 0; k < AN_COUNT(w) && up; k++) {
                xs[up].conc += (float)v * w[k];
                up = nd[up].parent;
            }
        }
    }
    uint32_t core = 0;
    float core_score = 0;
    for (uint32_t i = 1; i < nn; i++) {
        if (xs[i].drop || nd[i].tag == AN_HT_TEXT || !xs[i].txt)
            continue;
        float c = xs[i].conc * (1.0f - (float)xs[i].lnk / (float)xs[i].txt);
        if (c > core_score) {
            core = i;
            core_score = c;
        }
    }
    /* The container: the core, widened to sibling chunks; a marked
       article body (itemprop=articleBody, or the common ancestor of
       several) instead when it holds a fair share of that. */
    uint32_t best = core ? widen(&t, xs, core) : 0;
    uint32_t body = 0;
    for (uint32_t i = 1; i < nn; i++) {
        if (!(xs[i].cls & CLS_BODY) || xs[i].drop || xs[i].score <= 0)
            continue;
        if (!body) {
            body = i;
            continue;
        }
        uint32_t x = body, y = i;
        while (x != y) {
            if (x > y)
                x = nd[x].parent;
            else
                y = nd[y].parent;
        }
        body = x;
    }
#ifdef AN_EXTRACT_DEBUG
    debug_dump(&t, xs, best, body);
#endif
    if (body && xs[body].score * 4 >= xs[best].score)
        best = body;

    /* Block decisions inside the container. */
    uint32_t last = best ? subtree_end(&t, best) : nn - 1;
    for (uint32_t i = best; i <= last; i++) {
        if (nd[i].tag == AN_HT_TEXT || xs[i].drop)
            continue;
        xs[i].keep = block_keep(&xs[i]);
    }
    if (drop_boiler_blocks(scratch, &t, xs, best, last) != AN_OK)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    for (uint32_t i = best; i <= last; i++)
        if (nd[i].tag != AN_HT_TEXT && !xs[i].drop && xs[i].own && !xs[i].keep)
            out->nlines_dropped++;
    an__extract_meta(a, scratch, &t, out);
    if (out->title.n)
        drop_headline(scratch, &t, xs, best, last, out->title);

    /* Pass 5: write the container's text (pre-order walk). */
    writer w = {tb, t.src, 0, 0, false, 0, false, 0};
    uint32_t i = best ? best : 0;
    uint32_t root = i;
    while (1) {
        const an_hnode *x = &nd[i];
        bool descend = false;
        if (!xs[i].drop) {
            if (x->tag == AN_HT_TEXT) {
                if (xs[xs[i].block].keep)
                    write_text(&w, x->start, x->end);
            } else {
                if (x->tag == AN_HT_BR)
                    want_break(&w, w.brk ? 2 : 1, x->start);
                else
                    block_edge(&w, x->tag, x->start);
                descend = x->first != 0;
                if (descend && x->tag == AN_HT_PRE)
                    w.pre++;
            }
        }
        if (descend) {
            i = x->first;
            continue;
        }
        /* Leave i, then climb until a next sibling exists. */
        for (;;) {
            if (i == root)
                goto done;
            const an_hnode *y = &nd[i];
            if (y->tag != AN_HT_TEXT && !xs[i].drop) {
                block_edge(&w, y->tag, y->end ? y->end - 1 : 0);
                if (y->tag == AN_HT_PRE && y->first && w.pre)
                    w.pre--;
            }
            if (y->next) {
                i = y->next;
                break;
            }
            i = y->parent;
        }
    }
done:
    return tb->oom ? an_err_set(err, AN_ENOMEM, "out of memory") : AN_OK;
}
