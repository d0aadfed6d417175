/*
** test_extract.c - main-text extraction and page metadata (src/extract):
** the HTML tree builder, each boilerplate rule, each metadata source, the
** plain-text rules and datelines, hostile pages (deep nesting, huge
** attributes, NUL bytes, invalid UTF-8, not HTML at all), the offset map,
** and the accuracy floor on the AEB benchmark pages in ../shared.
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdlib.h>
#include <utf8proc.h>
#include <xxhash.h>
#include <zlib.h>

#include "base/json.h"
#include "base/utf8.h"
#include "extract/extract.h"
#include "extract/extract_int.h"
#include "extract/htree.h"
#include "test.h"

/* ---- helpers ---- */

/* One extraction: arenas, the text and its map, the metadata. */
typedef struct xr {
    an_arena a, s;
    an_span text;
    an_seg *segs;
    size_t nseg;
    an_extract ex;
    int rc;
    const char *in;
    size_t n;
} xr;

static void xr_html(xr *r, const char *html, size_t n)
{
    an_arena_init(&r->a);
    an_arena_init(&r->s);
    an_textb tb;
    an_textb_init(&tb, &r->a);
    an_err err;
    r->in = html;
    r->n = n;
    r->rc = an_extract_html(&r->a, &r->s, html, n, &tb, &r->ex, &err);
    if (an_textb_finish(&tb, &r->text, &r->segs, &r->nseg) != AN_OK)
        r->rc = AN_ENOMEM;
}

static void xr_text(xr *r, const char *p, size_t n)
{
    an_arena_init(&r->a);
    an_arena_init(&r->s);
    an_textb tb;
    an_textb_init(&tb, &r->a);
    an_err err;
    r->in = p;
    r->n = n;
    r->rc = an_extract_text(&r->a, p, n, &tb, &r->ex, &err);
    if (an_textb_finish(&tb, &r->text, &r->segs, &r->nseg) != AN_OK)
        r->rc = AN_ENOMEM;
}

static void xr_fini(xr *r)
{
    an_arena_fini(&r->a);
    an_arena_fini(&r->s);
}

/* Extract HTML given as a string; the text is returned (arena). */
static const char *html_text(xr *r, const char *html)
{
    xr_html(r, html, strlen(html));
    return r->text.p;
}

/*
** The offset map is sound: segments cover the text in order, copied
** segments repeat input bytes exactly, and every offset is inside the
** input.  The text is valid UTF-8 without NUL.
*/
static int map_ok(const xr *r)
{
    size_t at = 0;
    for (size_t i = 0; i < r->nseg; i++) {
        const an_seg *s = &r->segs[i];
        if (s->text != at)
            return 0;
        at += s->len;
        if (r->n && s->raw >= r->n)
            return 0;
        if (s->copied && (s->raw + (size_t)s->len > r->n ||
                          memcmp(r->text.p + s->text, r->in + s->raw,
                                 s->len) != 0))
            return 0;
    }
    if (at != r->text.n)
        return 0;
    if (an_utf8_valid_prefix(r->text.p, r->text.n) != r->text.n)
        return 0;
    return memchr(r->text.p, 0, r->text.n) == NULL;
}

static char *read_fixture(const char *name, size_t *n)
{
    char path[256];
    snprintf(path, sizeof path, "tests/data/extract/%s", name);
    return an_test_read_file(path, n);
}

/* ---- the tree builder ---- */

static int tag_of_text_parent(const an_htree *t, const char *txt)
{
    for (size_t i = 0; i < t->nnodes; i++) {
        const an_hnode *x = &t->nodes[i];
        if (x->tag == AN_HT_TEXT && x->end - x->start == strlen(txt) &&
            memcmp(t->src + x->start, txt, strlen(txt)) == 0)
            return t->nodes[x->parent].tag;
    }
    return -1;
}

AN_TEST(htree_implied_ends_and_raw_text)
{
    an_arena a;
    an_arena_init(&a);
    an_htree t;
    const char *h = "<!DOCTYPE html><html><body><p>one<div>two</div>"
                    "<ul><li>a<li>b</ul><script>if (a < b) x = '</p>';"
                    "</script><!-- a comment <p> --><P CLASS='x y'>three"
                    "<table><tr><td>c1<td>c2</table><br/>four</p>"
                    "<svg><path d='M0'/><title>svgt</title></svg>tail";
    ASSERT_EQ(an_htree_parse(&a, h, strlen(h), &t), AN_OK);
    ASSERT_EQ(tag_of_text_parent(&t, "one"), AN_HT_P);
    ASSERT_EQ(tag_of_text_parent(&t, "two"), AN_HT_DIV);
    ASSERT_EQ(tag_of_text_parent(&t, "a"), AN_HT_LI);
    ASSERT_EQ(tag_of_text_parent(&t, "b"), AN_HT_LI);
    ASSERT_EQ(tag_of_text_parent(&t, "c2"), AN_HT_TD);
    ASSERT_EQ(tag_of_text_parent(&t, "if (a < b) x = '</p>';"), AN_HT_SCRIPT);
    ASSERT_EQ(tag_of_text_parent(&t, "three"), AN_HT_P);
    ASSERT_EQ(tag_of_text_parent(&t, "svgt"), AN_HT_TITLE);
    /* The <div> closed the first <p>: "two" is not inside a p. */
    for (size_t i = 0; i < t.nnodes; i++) {
        if (t.nodes[i].tag != AN_HT_DIV)
            continue;
        ASSERT_EQ(t.nodes[t.nodes[i].parent].tag, AN_HT_BODY);
    }
    /* Attributes: names in any case, raw values. */
    for (uint32_t i = 0; i < t.nnodes; i++) {
        bool f;
        an_span c = an_htree_attr(&t, i, "class", &f);
        if (f) {
            ASSERT_SPAN_EQ(c, "x y");
            ASSERT_EQ(t.nodes[i].tag, AN_HT_P);
        }
    }
    /* The comment's "<p>" made no element. */
    size_t np = 0;
    for (size_t i = 0; i < t.nnodes; i++)
        np += t.nodes[i].tag == AN_HT_P;
    ASSERT_EQ(np, 2);
    an_arena_fini(&a);
}

AN_TEST(htree_tag_names_sorted)
{
    /* Every known tag is found by its name, in any case. */
    const char *names[] = {"a", "ARTICLE", "Blockquote", "figcaption", "h6",
                           "head", "noscript", "plaintext", "tbody", "xmp",
                           "wbr", "svg"};
    int tags[] = {AN_HT_A, AN_HT_ARTICLE, AN_HT_BLOCKQUOTE, AN_HT_FIGCAPTION,
                  AN_HT_H6, AN_HT_HEAD, AN_HT_NOSCRIPT, AN_HT_PLAINTEXT,
                  AN_HT_TBODY, AN_HT_XMP, AN_HT_WBR, AN_HT_SVG};
    for (size_t i = 0; i < AN_COUNT(names); i++)
        ASSERT_EQ(an__htag_lookup(names[i], strlen(names[i])), tags[i]);
    ASSERT_EQ(an__htag_lookup("amp-img", 7), AN_HT_UNKNOWN);
    ASSERT_EQ(an__htag_lookup("", 0), AN_HT_UNKNOWN);
    ASSERT_EQ(an__htag_lookup("averyveryverylongtagname", 24), AN_HT_UNKNOWN);
}

AN_TEST(html_class_words_sorted)
{
    ASSERT(an__html_words_sorted());
}

AN_TEST(html_entities)
{
    char out[8];
    size_t ol;
    ASSERT_EQ(an__html_entity("&amp;", 5, out, &ol), 5);
    ASSERT_EQ(ol, 1);
    ASSERT_EQ(out[0], '&');
    ASSERT_EQ(an__html_entity("&#8217;x", 8, out, &ol), 7);
    ASSERT(ol == 3 && memcmp(out, "\xe2\x80\x99", 3) == 0);
    ASSERT_EQ(an__html_entity("&#x2014;", 8, out, &ol), 8);
    ASSERT(ol == 3 && memcmp(out, "\xe2\x80\x94", 3) == 0);
    /* Windows-1252 numbers mean what the page meant. */
    ASSERT_EQ(an__html_entity("&#146;", 6, out, &ol), 6);
    ASSERT(ol == 3 && memcmp(out, "\xe2\x80\x99", 3) == 0);
    ASSERT_EQ(an__html_entity("&#0;", 4, out, &ol), 4);
    ASSERT(ol == 3 && memcmp(out, "\xef\xbf\xbd", 3) == 0);
    ASSERT_EQ(an__html_entity("&#99999999;", 11, out, &ol), 11);
    ASSERT(ol == 3 && memcmp(out, "\xef\xbf\xbd", 3) == 0);
    ASSERT_EQ(an__html_entity("&eacute;", 8, out, &ol), 8);
    ASSERT(ol == 2 && memcmp(out, "\xc3\xa9", 2) == 0);
    ASSERT_EQ(an__html_entity("&amp x", 6, out, &ol), 4); /* legacy */
    ASSERT_EQ(an__html_entity("&notanentity;", 13, out, &ol), 0);
    ASSERT_EQ(an__html_entity("&copyright", 10, out, &ol), 0);
    ASSERT_EQ(an__html_entity("&", 1, out, &ol), 0);
    char buf[64];
    size_t k = an__html_decode("Tom &amp; Jerry&#39;s &lt;b&gt;", 31, buf,
                               sizeof buf);
    ASSERT_EQ(k, 17);
    ASSERT(memcmp(buf, "Tom & Jerry's <b>", 17) == 0);
}

/* ---- main text: the whole fixture page ---- */

AN_TEST(extract_fixture_article)
{
    size_t n;
    char *html = read_fixture("article.html", &n);
    ASSERT(html);
    xr r;
    xr_html(&r, html, n);
    ASSERT_EQ(r.rc, AN_OK);
    ASSERT(map_ok(&r));
    const char *t = r.text.p;
    /* All four paragraphs, in order, separated by blank lines. */
    ASSERT(strncmp(t, "PORT AVEL, May 6 (Courier) - Dock workers", 41) == 0);
    ASSERT_CONTAINS(t, "container ships.\n\nThe union said");
    ASSERT_CONTAINS(t, "\xe2\x80\x9cpatience is not endless\xe2\x80\x9d");
    ASSERT_CONTAINS(t, "an agenda & a timetable");
    ASSERT_CONTAINS(t, "the port\xe2\x80\x99s own statistics office.");
    /* Boilerplate of every kind is gone. */
    const char *gone[] = {"Skip to main content", "cookies", "Home",
                          "By Mira Tollan", "Share on", "Cranes",
                          "Advertisement", "Related", "Strike closes",
                          "morning briefing", "Ports", "Leave a Reply",
                          "email address", "far too long", "All rights",
                          "Privacy", "margin", "Harbour talks resume"};
    for (size_t i = 0; i < AN_COUNT(gone); i++)
        if (strstr(t, gone[i]))
            FAIL("boilerplate \"%s\" kept in:\n%s", gone[i], t);
    /* Metadata. */
    ASSERT_SPAN_EQ(r.ex.title, "Harbour talks resume in Port Avel");
    ASSERT_SPAN_EQ(r.ex.url, "https://courier.example.org/world/harbour-talks-resume");
    ASSERT_SPAN_EQ(r.ex.outlet, "The Avel Courier");
    ASSERT_SPAN_EQ(r.ex.author, "Mira Tollan");
    ASSERT_SPAN_EQ(r.ex.lang, "en-GB");
    ASSERT_EQ(r.ex.date_source, AN_DATE_META);
    ASSERT_EQ(r.ex.date.year, 2024);
    ASSERT_EQ(r.ex.date.month, 5);
    ASSERT_EQ(r.ex.date.day, 7);
    xr_fini(&r);
    free(html);
}

AN_TEST(extract_split_article_and_teasers)
{
    size_t n;
    char *html = read_fixture("split.html", &n);
    ASSERT(html);
    xr r;
    xr_html(&r, html, n);
    ASSERT_EQ(r.rc, AN_OK);
    ASSERT(map_ok(&r));
    /* Both chunks of the article, not the promo, menu or teaser cards. */
    ASSERT(strncmp(r.text.p, "The night ferry", 15) == 0);
    ASSERT_CONTAINS(r.text.p, "replaced.");
    ASSERT_CONTAINS(r.text.p, "Local councils on both islands");
    ASSERT(!strstr(r.text.p, "Subscribe"));
    ASSERT(!strstr(r.text.p, "Home"));
    ASSERT(!strstr(r.text.p, "tide gauge"));
    ASSERT(!strstr(r.text.p, "Stalls reopen"));
    /* <title> without its site tail; parsely date. */
    ASSERT_SPAN_EQ(r.ex.title, "Night ferries: a timetable in two parts");
    ASSERT_EQ(r.ex.date.year, 2023);
    ASSERT_EQ(r.ex.date.month, 11);
    ASSERT_EQ(r.ex.date.day, 2);
    xr_fini(&r);
    free(html);
}

/* ---- main text: one rule at a time ---- */

#define LONG1 "The council voted on Tuesday to build a new bridge over the river, " \
              "after ten years of debate about its cost and its route."
#define LONG2 "Work is expected to start next spring and to last two years, the " \
              "mayor said, adding that the old ferry would keep running."
#define LONG3 "Residents of the east bank, who now drive forty minutes to reach " \
              "the hospital, welcomed the decision at a public meeting."

/* A page whose article is LONG1..LONG3 plus `extra` inside the article
   container and `outside` elsewhere in the body. */
static const char *page(char *buf, size_t cap, const char *extra,
                        const char *outside)
{
    snprintf(buf, cap,
             "<html><head><title>Bridge vote</title></head><body>%s"
             "<div class=\"content\"><p>" LONG1 "</p>%s<p>" LONG2 "</p>"
             "<p>" LONG3 "</p></div></body></html>",
             outside, extra);
    return buf;
}

static int kept(const char *extra, const char *outside, const char *needle)
{
    static char buf[8192];
    xr r;
    const char *t = html_text(&r, page(buf, sizeof buf, extra, outside));
    int ok = r.rc == AN_OK && strstr(t, LONG1) && strstr(t, LONG3);
    int has = ok && strstr(t, needle) != NULL;
    if (ok && !map_ok(&r))
        ok = 0;
    xr_fini(&r);
    return ok ? has : -1;
}

AN_TEST(rule_drops_elements_by_tag)
{
    ASSERT_EQ(kept("<nav><a href=/>Home</a> <a href=/w>World news today</a></nav>", "", "World news"), 0);
    ASSERT_EQ(kept("<aside><p>A long aside paragraph that is not part of the story at all, honestly.</p></aside>", "", "aside paragraph"), 0);
    ASSERT_EQ(kept("<footer>Footer words here</footer>", "", "Footer"), 0);
    ASSERT_EQ(kept("<script>var bridgeScript = 1;</script>", "", "bridgeScript"), 0);
    ASSERT_EQ(kept("<style>.bridgeStyle{}</style>", "", "bridgeStyle"), 0);
    ASSERT_EQ(kept("<noscript>Please enable scripting</noscript>", "", "enable"), 0);
    ASSERT_EQ(kept("<form><label>Your name</label><input><button>Send now</button></form>", "", "Send now"), 0);
    ASSERT_EQ(kept("<figure><img src=x><figcaption>The bridge site in May, photographed from the hill</figcaption></figure>", "", "photographed"), 0);
    ASSERT_EQ(kept("<select><option>Choose a city</option></select>", "", "Choose"), 0);
    ASSERT_EQ(kept("<iframe src=x>Frame text</iframe>", "", "Frame"), 0);
    /* Ordinary inline markup stays. */
    ASSERT_EQ(kept("<p>An <b>important</b> <a href=/x>detail</a> of the plan was the toll, which the council rejected.</p>", "", "An important detail of the plan"), 1);
}

AN_TEST(rule_drops_hidden_elements)
{
    ASSERT_EQ(kept("<div style=\"display: none\">Hidden words in a box</div>", "", "Hidden"), 0);
    ASSERT_EQ(kept("<div style=\"visibility:hidden\">Invisible words</div>", "", "Invisible"), 0);
    ASSERT_EQ(kept("<div hidden>Hidden attribute words</div>", "", "attribute"), 0);
    ASSERT_EQ(kept("<div aria-hidden=\"true\">Aria hidden words</div>", "", "Aria"), 0);
}

AN_TEST(rule_drops_by_class_and_role)
{
    const char *boxes[][2] = {
        {"<div class=\"share-buttons\">Share this story with friends</div>", "friends"},
        {"<div class=\"social-links\"><a href=/f>Facebook page</a> <a href=/t>Twitter feed</a></div>", "Twitter"},
        {"<div class=\"related-articles\"><p>Another bridge story from last year that was quite long indeed.</p></div>", "Another bridge"},
        {"<div id=\"comments\"><p>I think this bridge is a waste of money and time, to be honest with you.</p></div>", "waste of money"},
        {"<div class=\"newsletter-box\">Get our free newsletter daily</div>", "free newsletter"},
        {"<div class=\"cookie-notice\">This site stores small files</div>", "small files"},
        {"<div class=\"byline\">By A. Writer, staff reporter</div>", "staff reporter"},
        {"<div class=\"ad-container\">Buy shoes online cheap</div>", "shoes"},
        {"<div class=\"sidebar\">Most read this week</div>", "Most read"},
        {"<div class=\"breadcrumbs\">News / Local / Roads</div>", "Roads"},
        {"<div class=\"sharingTools\">Email or print</div>", "Email or"},
        {"<div role=\"navigation\">Go elsewhere on the site</div>", "elsewhere"},
        {"<div role=\"complementary\">Extra boxed material</div>", "boxed"},
        {"<div class=\"tags\">Bridges Rivers Councils</div>", "Rivers"},
    };
    for (size_t i = 0; i < AN_COUNT(boxes); i++)
        if (kept(boxes[i][0], "", boxes[i][1]) != 0)
            FAIL("kept \"%s\" from %s", boxes[i][1], boxes[i][0]);
    /* Quoted tweets are part of the story, even in a "social" box. */
    ASSERT_EQ(kept("<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>The bridge vote is a great day for the east bank and its people.</p></blockquote></div>", "", "great day"), 1);
    /* A class word inside another word does not count ("adopted"). */
    ASSERT_EQ(kept("<p class=\"adopted-text\">The plan adopted in May sets a budget of forty million for the first phase.</p>", "", "adopted in May"), 1);
}

AN_TEST(rule_drops_link_lists_and_boiler_lines)
{
    ASSERT_EQ(kept("<ul><li><a href=/1>Roads</a></li><li><a href=/2>Rail</a></li><li><a href=/3>Ferries</a></li></ul>", "", "Ferries"), 0);
    ASSERT_EQ(kept("<p><a href=/more>Read more about bridges</a></p>", "", "Read more"), 0);
    ASSERT_EQ(kept("<p>Advertisement</p>", "", "Advertisement"), 0);
    ASSERT_EQ(kept("<p>Share this:</p>", "", "Share"), 0);
    ASSERT_EQ(kept("<p>Skip to main content</p>", "", "Skip"), 0);
    ASSERT_EQ(kept("<h3>Leave a Reply</h3>", "", "Leave"), 0);
    ASSERT_EQ(kept("<p>Your email address will not be published. Required fields are marked *</p>", "", "email address"), 0);
    ASSERT_EQ(kept("<p>Copyright 2024 The Paper. All rights reserved.</p>", "", "Copyright"), 0);
    ASSERT_EQ(kept("<p>We use cookies to give you the best experience.</p>", "", "cookies"), 0);
    ASSERT_EQ(kept("<p>Related: Bridge costs rise again</p>", "", "Bridge costs"), 0);
    ASSERT_EQ(kept("<p>Follow us on Twitter</p>", "", "Twitter"), 0);
    /* A paragraph that only mentions such words is kept. */
    ASSERT_EQ(kept("<p>The mayor said she would share the plans with residents and follow their advice on the route.</p>", "", "share the plans"), 1);
}

AN_TEST(rule_prefers_article_body_and_skips_chrome)
{
    char buf[4096];
    /* Long text outside the marked body (a site-wide blurb) is ignored. */
    snprintf(buf, sizeof buf,
             "<body><div class=\"about\"><p>" LONG2 " " LONG3 " " LONG1
             "</p></div><div itemprop=\"articleBody\"><p>" LONG1
             "</p></div></body>");
    xr r;
    const char *t = html_text(&r, buf);
    ASSERT_STR_EQ(t, LONG1);
    xr_fini(&r);
    /* Teaser cards beside the article do not join it. */
    snprintf(buf, sizeof buf,
             "<body><div class=\"story\"><p>" LONG1 "</p><p>" LONG2 "</p></div>"
             "<div class=\"more\"><div><a href=/1>First other story with a long headline</a> Its summary.</div>"
             "<div><a href=/2>Second other story with a long headline</a> Its summary.</div>"
             "<div><a href=/3>Third other story with a long headline</a> Its summary.</div></div></body>");
    t = html_text(&r, buf);
    ASSERT_STR_EQ(t, LONG1 "\n\n" LONG2);
    xr_fini(&r);
    /* A list among the article's paragraphs is part of it. */
    snprintf(buf, sizeof buf,
             "<body><div class=\"story\"><p>" LONG1 "</p><ol>"
             "<li><a href=/1>Tolls were rejected</a> by nine votes to four.</li>"
             "<li><a href=/2>The route was fixed</a> after a survey.</li>"
             "<li><a href=/3>The budget was raised</a> by a tenth.</li></ol>"
             "<p>" LONG2 "</p></div></body>");
    t = html_text(&r, buf);
    ASSERT_CONTAINS(t, "Tolls were rejected by nine votes to four.");
    xr_fini(&r);
    /* Nested lists of <article>s (related posts) are not the story. */
    snprintf(buf, sizeof buf,
             "<body><article><p>" LONG1 "</p></article><article><h3>More</h3>"
             "<article><p>" LONG2 "</p></article><article><p>" LONG3
             "</p></article></article></body>");
    t = html_text(&r, buf);
    ASSERT_STR_EQ(t, LONG1);
    xr_fini(&r);
}

AN_TEST(text_layout_and_offsets)
{
    xr r;
    const char *t = html_text(&r,
        "<div><p>  First   line\n of  text.<br>Second &amp; last "
        "line&nbsp;here. </p><p>Next<br><br>para&#46;</p>"
        "<h2>A heading</h2><p>" LONG1 "</p></div>");
    ASSERT_STR_EQ(t, "First line of text.\nSecond & last line here.\n\n"
                     "Next\n\npara.\n\nA heading\n\n" LONG1);
    ASSERT(map_ok(&r));
    xr_fini(&r);
    /* A table row reads as one line. */
    t = html_text(&r, "<table><tr><th>Pos</th><th>Driver</th></tr><tr><td>1"
                      "</td><td>Kyle <b>Busch</b></td></tr></table><p>After.</p>");
    ASSERT_STR_EQ(t, "Pos Driver\n1 Kyle Busch\n\nAfter.");
    xr_fini(&r);
    /* Preformatted text keeps its lines. */
    t = html_text(&r, "<pre>line one\nline  two\n\nline three</pre>");
    ASSERT_STR_EQ(t, "line one\nline two\n\nline three");
    ASSERT(map_ok(&r));
    xr_fini(&r);
    t = html_text(&r,
        "<div><p>  First   line\n of  text.<br>Second &amp; last "
        "line&nbsp;here. </p><p>Next<br><br>para&#46;</p>"
        "<h2>A heading</h2><p>" LONG1 "</p></div>");
    /* "line" after "Second &amp; last " maps back to its input bytes. */
    const char *w = strstr(t, "last line");
    uint32_t raw = an_seg_map(r.segs, r.nseg, (uint32_t)(w - t + 5));
    ASSERT(memcmp(r.in + raw, "line", 4) == 0);
    /* The decoded '&' maps to its reference. */
    const char *amp = strchr(t, '&');
    raw = an_seg_map(r.segs, r.nseg, (uint32_t)(amp - t));
    ASSERT(memcmp(r.in + raw, "&amp;", 5) == 0);
    xr_fini(&r);
}

/* ---- metadata sources ---- */

static void meta_of(xr *r, const char *head, const char *body)
{
    static char buf[8192];
    snprintf(buf, sizeof buf,
             "<html><head>%s</head><body>%s<div><p>" LONG1 "</p></div></body>"
             "</html>", head, body);
    xr_html(r, buf, strlen(buf));
}

static int date_is(const an_extract *e, int y, int m, int d)
{
    return e->date_source == AN_DATE_META && e->date.year == y &&
           e->date.month == m && e->date.day == d;
}

AN_TEST(meta_dates_each_source)
{
    struct { const char *head, *body; int y, m, d; } cases[] = {
        {"<meta property=\"article:published_time\" content=\"2021-02-03T10:00:00Z\">", "", 2021, 2, 3},
        {"<meta property=\"og:published_time\" content=\"2021-02-04\">", "", 2021, 2, 4},
        {"<meta name=\"DC.date.issued\" content=\"2021-02-05\">", "", 2021, 2, 5},
        {"<meta name=\"dcterms.created\" content=\"2021-02-06\">", "", 2021, 2, 6},
        {"<meta name=\"parsely-pub-date\" content=\"2021-02-07T08:00:00Z\">", "", 2021, 2, 7},
        {"<meta name=\"sailthru.date\" content=\"2021-02-08 08:00:00\">", "", 2021, 2, 8},
        {"<meta name=\"pubdate\" content=\"20210209\">", "", 2021, 2, 9},
        {"<meta itemprop=\"datePublished\" content=\"2021-02-10\">", "", 2021, 2, 10},
        {"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2021-02-11T00:00:00+01:00\"}</script>", "", 2021, 2, 11},
        {"<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\"},{\"@type\":[\"Article\"],\"datePublished\":\"2021-02-12\"}]}</script>", "", 2021, 2, 12},
        {"", "<span itemprop=\"datePublished\">February 13, 2021</span>", 2021, 2, 13},
        {"", "<time datetime=\"2021-02-14T09:00\" pubdate>Sunday</time>", 2021, 2, 14},
        {"", "<time datetime=\"2021-02-15\">Monday</time>", 2021, 2, 15},
        {"<link rel=\"canonical\" href=\"https://x.example/news/2021/02/16/story\">", "", 2021, 2, 16},
        /* JSON-LD wins over meta tags; raw newlines inside strings are
           tolerated. */
        {"<meta property=\"article:published_time\" content=\"2021-01-01\">"
         "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"a\nb\",\"datePublished\":\"2021-02-17\"}</script>", "", 2021, 2, 17},
    };
    for (size_t i = 0; i < AN_COUNT(cases); i++) {
        xr r;
        meta_of(&r, cases[i].head, cases[i].body);
        int ok = r.rc == AN_OK && date_is(&r.ex, cases[i].y, cases[i].m, cases[i].d);
        int y = r.ex.date.year, m = r.ex.date.month, d = r.ex.date.day;
        xr_fini(&r);
        if (!ok)
            FAIL("case %zu: got %d-%d-%d", i, y, m, d);
    }
    /* No date anywhere: none, not an invented one. */
    xr r;
    meta_of(&r, "<meta name=\"description\" content=\"2021-02-18\">", "");
    ASSERT_EQ(r.ex.date_source, AN_DATE_NONE);
    ASSERT_EQ(r.ex.date.year, 0);
    xr_fini(&r);
    /* Broken JSON-LD is skipped, the next source used. */
    meta_of(&r, "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                "\"datePublished\": </script><meta name=\"date\" content=\"2021-02-19\">", "");
    ASSERT(date_is(&r.ex, 2021, 2, 19));
    xr_fini(&r);
}

AN_TEST(meta_title_url_outlet)
{
    xr r;
    meta_of(&r, "<title>Bridge vote &amp; tolls | City Paper</title>"
                "<meta property=\"og:site_name\" content=\"City Paper\">", "");
    ASSERT_SPAN_EQ(r.ex.title, "Bridge vote & tolls");
    ASSERT_SPAN_EQ(r.ex.outlet, "City Paper");
    xr_fini(&r);
    /* og:title first; twitter:title, h1 and <title> after it. */
    meta_of(&r, "<title>T</title><meta name=\"twitter:title\" content=\"Tw\">"
                "<meta property=\"og:title\" content=\"  Og   title \">", "<h1>H</h1>");
    ASSERT_SPAN_EQ(r.ex.title, "Og title");
    xr_fini(&r);
    meta_of(&r, "<title>T is the page title</title>", "<h1>The <i>real</i> headline</h1>");
    ASSERT_SPAN_EQ(r.ex.title, "The real headline");
    xr_fini(&r);
    meta_of(&r, "<script type=\"application/ld+json\">[{\"@type\":\"BlogPosting\","
                "\"headline\":\"LD headline\",\"publisher\":{\"name\":\"LD Press\"},"
                "\"author\":[{\"name\":\"Ann Lee\"}],\"mainEntityOfPage\":"
                "{\"@id\":\"https://ld.example/p/1\"}}]</script>", "");
    ASSERT_SPAN_EQ(r.ex.title, "LD headline");
    ASSERT_SPAN_EQ(r.ex.outlet, "LD Press");
    ASSERT_SPAN_EQ(r.ex.author, "Ann Lee");
    ASSERT_SPAN_EQ(r.ex.url, "https://ld.example/p/1");
    xr_fini(&r);
    /* The canonical link wins over og:url; a relative one does not. */
    meta_of(&r, "<meta property=\"og:url\" content=\"https://www.og.example/a\">"
                "<link rel=\"canonical\" href=\"/relative\">", "");
    ASSERT_SPAN_EQ(r.ex.url, "https://www.og.example/a");
    /* No outlet named: the host, without www. */
    ASSERT_SPAN_EQ(r.ex.outlet, "og.example");
    xr_fini(&r);
    meta_of(&r, "<meta name=\"application-name\" content=\"App Name\">", "");
    ASSERT_SPAN_EQ(r.ex.outlet, "App Name");
    xr_fini(&r);
}

/* ---- hostile pages ---- */

static char *repeat(const char *a, size_t na, const char *mid, const char *b,
                    size_t nb, size_t *len)
{
    size_t la = strlen(a), lm = strlen(mid), lb = strlen(b);
    size_t n = la * na + lm + lb * nb;
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < na; i++, k += la)
        memcpy(p + k, a, la);
    memcpy(p + k, mid, lm);
    k += lm;
    for (size_t i = 0; i < nb; i++, k += lb)
        memcpy(p + k, b, lb);
    p[k] = 0;
    *len = k;
    return p;
}

AN_TEST(hostile_deep_nesting)
{
    /* 10,000 and 1,000,000 nested elements, closed and unclosed. */
    size_t sizes[] = {10000, 1000000};
    for (size_t s = 0; s < AN_COUNT(sizes); s++) {
        size_t n;
        char *p = repeat("<div>", sizes[s], "<p>" LONG1 "</p>", "</div>",
                         sizes[s], &n);
        ASSERT(p);
        xr r;
        xr_html(&r, p, n);
        ASSERT_EQ(r.rc, AN_OK);
        ASSERT_CONTAINS(r.text.p, LONG1);
        ASSERT(map_ok(&r));
        xr_fini(&r);
        free(p);
        p = repeat("<span><b>", sizes[s], LONG2, "", 0, &n);
        ASSERT(p);
        xr_html(&r, p, n);
        ASSERT_EQ(r.rc, AN_OK);
        ASSERT_CONTAINS(r.text.p, LONG2);
        xr_fini(&r);
        free(p);
    }
}

AN_TEST(hostile_wide_and_deep)
{
    /* Many elements under a deep stack: each must cost O(1), not a walk
       of the stack (these would take minutes if they did). */
    const char *deep[] = {"<span>", "<x-a>", "<b>"};
    const char *many[] = {"<div>x", "<br>x", "</x-b>", "<li>x", "<td>x",
                          "</p>", "<a>x", "<p>x</span>"};
    for (size_t d = 0; d < AN_COUNT(deep); d++)
        for (size_t m = 0; m < AN_COUNT(many); m++) {
            size_t n;
            char *p = repeat(deep[d], 500, "", many[m], 100000, &n);
            ASSERT(p);
            xr r;
            xr_html(&r, p, n);
            int ok = r.rc == AN_OK && map_ok(&r);
            xr_fini(&r);
            free(p);
            if (!ok)
                FAIL("%s x 500, %s x 100000", deep[d], many[m]);
        }
}

AN_TEST(hostile_bytes_and_shapes)
{
    /* Empty, whitespace, not HTML, truncated markup. */
    const char *pages[] = {
        "", " ", "<", "</", "<!", "<!--", "<a", "<a href=\"", "<p x='",
        "<<<<>>>>", "</p></p></div>", "<![CDATA[ x ]]>", "<?xml version='1.0'?>",
        "just some words, not HTML at all",
        "<script>never closed", "<title>untitled", "<plaintext><p>raw",
        "&#xFFFFFFFF; &#; &; &#x; &#55296;", "<table><td>cell<tr><p>x</table>",
        "<svg><p>in svg</svg>", "<html><body><body><html><head></head>",
    };
    for (size_t i = 0; i < AN_COUNT(pages); i++) {
        xr r;
        xr_html(&r, pages[i], strlen(pages[i]));
        int ok = r.rc == AN_OK && map_ok(&r);
        xr_fini(&r);
        if (!ok)
            FAIL("page %zu: \"%s\"", i, pages[i]);
    }
    /* NUL bytes and invalid UTF-8 inside text and attributes. */
    static const char bad[] = "<html><head><title>Ti\x00tle \xff\xfe</title>"
        "<meta property=\"og:title\" content=\"Bad \xc3\x28 title\x00\"></head>"
        "<body><p>" LONG1 " \x00 and \xe2\x82 broken \xff bytes.</p></body></html>";
    xr r;
    xr_html(&r, bad, sizeof bad - 1);
    ASSERT_EQ(r.rc, AN_OK);
    ASSERT(map_ok(&r));
    ASSERT_CONTAINS(r.text.p, "broken");
    ASSERT_EQ(an_utf8_valid_prefix(r.ex.title.p, r.ex.title.n), r.ex.title.n);
    xr_fini(&r);
    /* Binary noise. */
    char noise[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof noise; i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (char)(x >> 16);
        if (i % 50 == 0)
            noise[i] = '<';
    }
    xr_html(&r, noise, sizeof noise);
    ASSERT_EQ(r.rc, AN_OK);
    ASSERT(map_ok(&r));
    xr_fini(&r);
}

AN_TEST(hostile_huge_attributes)
{
    size_t n;
    /* A 1 MB attribute value, 100,000 attributes, an unclosed quote. */
    char *big = repeat("<div class=\"", 1, "", "x", 1 << 20, &n);
    ASSERT(big);
    size_t bn = n;
    char *p = malloc(bn + 400);
    ASSERT(p);
    memcpy(p, big, bn);
    int k = snprintf(p + bn, 400, "\"><p>%s</p></div>", LONG1);
    xr r;
    xr_html(&r, p, bn + (size_t)k);
    ASSERT_EQ(r.rc, AN_OK);
    ASSERT_CONTAINS(r.text.p, LONG1);
    xr_fini(&r);
    free(p);
    free(big);
    char *many = repeat("<p", 1, "", " a=b", 100000, &n);
    ASSERT(many);
    char *q = malloc(n + 300);
    ASSERT(q);
    memcpy(q, many, n);
    k = snprintf(q + n, 300, ">%s</p><div title=\"never closed>%s", LONG2, LONG3);
    xr_html(&r, q, n + (size_t)k);
    ASSERT_EQ(r.rc, AN_OK);
    ASSERT_CONTAINS(r.text.p, LONG2);
    ASSERT(!strstr(r.text.p, "never")); /* the tag cut off by the end */
    xr_fini(&r);
    free(q);
    free(many);
}

/* ---- plain text ---- */

AN_TEST(text_fixture_url_title_dateline)
{
    size_t n;
    char *p = read_fixture("lohan.txt", &n);
    ASSERT(p);
    xr r;
    xr_text(&r, p, n);
    ASSERT_EQ(r.rc, AN_OK);
    ASSERT(map_ok(&r));
    ASSERT_STR_EQ(r.text.p,
                  "Actor checks into clinic ahead of court date\n"
                  "The actor checked into a treatment clinic on Thursday, her "
                  "lawyer said, a day before a court deadline.\n\n\n"
                  "The court had ordered a 90-day stay after a conviction last "
                  "year.\n");
    ASSERT_SPAN_EQ(r.ex.url, "http://news.example.com/2013/05/03/actor-checks-in");
    ASSERT_SPAN_EQ(r.ex.title, "Actor checks into clinic ahead of court date");
    ASSERT_EQ(r.ex.date_source, AN_DATE_DATELINE);
    ASSERT_EQ(r.ex.date.year, 2013);
    ASSERT_EQ(r.ex.date.month, 5);
    ASSERT_EQ(r.ex.date.day, 3);
    xr_fini(&r);
    free(p);
    p = read_fixture("kyiv.txt", &n);
    ASSERT(p);
    xr_text(&r, p, n);
    ASSERT(map_ok(&r));
    ASSERT(!strstr(r.text.p, "Follow us"));
    ASSERT(!strstr(r.text.p, "Related"));
    ASSERT(strncmp(r.text.p, "KYIV, March 18 (Reuters) - Ukraine", 34) == 0);
    /* The dateline has no year: it comes from "18 March 2025" below. */
    ASSERT_EQ(r.ex.date_source, AN_DATE_DATELINE);
    ASSERT_EQ(r.ex.date.year, 2025);
    ASSERT_EQ(r.ex.date.month, 3);
    ASSERT_EQ(r.ex.date.day, 18);
    xr_fini(&r);
    free(p);
}

static int text_date(const char *s, int *y, int *m, int *d)
{
    xr r;
    xr_text(&r, s, strlen(s));
    int src = r.ex.date_source;
    *y = r.ex.date.year;
    *m = r.ex.date.month;
    *d = r.ex.date.day;
    xr_fini(&r);
    return src;
}

AN_TEST(text_dates)
{
    int y, m, d;
    ASSERT_EQ(text_date("17 Mar 2025, Mon\nThe minister resigned.\n", &y, &m, &d), AN_DATE_DATELINE);
    ASSERT(y == 2025 && m == 3 && d == 17);
    ASSERT_EQ(text_date("Thu, 10 Nov 2011 02: 45 PM\nTroops left.\n", &y, &m, &d), AN_DATE_DATELINE);
    ASSERT(y == 2011 && m == 11 && d == 10);
    ASSERT_EQ(text_date("Title of it\nMay 03, 2013\nBody.\n", &y, &m, &d), AN_DATE_DATELINE);
    ASSERT(y == 2013 && m == 5 && d == 3);
    ASSERT_EQ(text_date("WASHINGTON, DC, April 28, 2009 (ENS) -- The agency said.\n", &y, &m, &d), AN_DATE_DATELINE);
    ASSERT(y == 2009 && m == 4 && d == 28);
    ASSERT_EQ(text_date("NEW YORK, Jan. 5, 2020 \xe2\x80\x94 Stocks fell.\n", &y, &m, &d), AN_DATE_DATELINE);
    ASSERT(y == 2020 && m == 1 && d == 5);
    /* A yearless dateline and no complete date anywhere: unknown. */
    ASSERT_EQ(text_date("KYIV, March 18 (Reuters) - Talks went on.\n", &y, &m, &d), AN_DATE_NONE);
    ASSERT_EQ(y, 0);
    /* Year from context, across the year boundary. */
    ASSERT_EQ(text_date("PARIS, Dec. 31 (AFP) - Fireworks. On 2 January 2020 it rained.\n", &y, &m, &d), AN_DATE_DATELINE);
    ASSERT(y == 2019 && m == 12 && d == 31);
    /* A sentence that starts with a place and a date is not a dateline. */
    ASSERT_EQ(text_date("Berlin, March 3 was a cold day in the city.\n", &y, &m, &d), AN_DATE_NONE);
    /* A date inside a sentence is not the document date. */
    ASSERT_EQ(text_date("The treaty was signed on 4 May 1949 in London.\n", &y, &m, &d), AN_DATE_NONE);
    /* A date line deep in the text does not date the document, and
       stays (it heads a timeline entry). */
    ASSERT_EQ(text_date("a\nb\nc\nd\ne\nf\ng\nMay 03, 2013\n", &y, &m, &d), AN_DATE_NONE);
    xr r;
    const char *tl = "a\nb\nc\nd\ne\nf\ng\nMay 03, 2013\nTroops left.\n";
    xr_text(&r, tl, strlen(tl));
    ASSERT_STR_EQ(r.text.p, tl);
    xr_fini(&r);
}

AN_TEST(text_boilerplate_lines)
{
    const char *lines[] = {
        "Skip to main content", "Leave a Reply",
        "Your email address will not be published.",
        "Required fields are marked *", "Source: Reuters", "Share this:",
        "Click to share on Facebook (Opens in new window)",
        "We use cookies to ensure that we give you the best experience.",
        "Advertisement", "Related: More on the strike", "Follow us on Twitter",
        "Copyright 2020 Some Paper Ltd.", "\xc2\xa9 2020 Some Paper",
        "All rights reserved.", "Updated 5: 40 p. m. ET", "Image copyright AFP",
    };
    for (size_t i = 0; i < AN_COUNT(lines); i++) {
        char buf[512];
        snprintf(buf, sizeof buf, "The strike ended on Friday.\n%s\nTalks resume.\n",
                 lines[i]);
        xr r;
        xr_text(&r, buf, strlen(buf));
        int ok = r.rc == AN_OK && map_ok(&r) &&
                 strcmp(r.text.p, "The strike ended on Friday.\nTalks resume.\n") == 0;
        xr_fini(&r);
        if (!ok)
            FAIL("line not dropped: \"%s\"", lines[i]);
    }
    /* Lines that merely mention such words stay. */
    const char *keep[] = {
        "Sources said the talks would resume.",
        "The company said it would share the data with regulators next week.",
        "Advertisement revenue fell by a third last year, the report said.",
    };
    for (size_t i = 0; i < AN_COUNT(keep); i++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s\n", keep[i]);
        xr r;
        xr_text(&r, buf, strlen(buf));
        int ok = strcmp(r.text.p, buf) == 0;
        xr_fini(&r);
        if (!ok)
            FAIL("line dropped: \"%s\"", keep[i]);
    }
    /* Everything after a comment marker late in the text goes. */
    xr r;
    const char *c = "The strike ended on Friday after nine days, the union said.\n"
                    "Talks resume next week in the capital.\n"
                    "Leave a Comment\nName *\nGreat article!\n";
    xr_text(&r, c, strlen(c));
    ASSERT_STR_EQ(r.text.p, "The strike ended on Friday after nine days, the union "
                            "said.\nTalks resume next week in the capital.\n");
    xr_fini(&r);
}

AN_TEST(date_parser_forms)
{
    struct { const char *s; int y, m, d; } ok[] = {
        {"Published: July 29, 2004", 2004, 7, 29},
        {"UPDATED: FRIDAY, MAY 3, 2013, 9: 56 AM", 2013, 5, 3},
        {"May 2, 2013 | 5: 03pm", 2013, 5, 2},
        {"12: 52 p. m. EDT May 2, 2013", 2013, 5, 2},
        {"First Published: June 13, 2013 4: 59 PM EDT", 2013, 6, 13},
        {"Story Created: Aug 7, 2012 at 9: 56 AM AKDT", 2012, 8, 7},
        {"Sat Nov 12 2011, 01: 19 hrs", 2011, 11, 12},
        {"9: 53 AM, MON 22 JUL 2013", 2013, 7, 22},
    };
    for (size_t i = 0; i < AN_COUNT(ok); i++) {
        an_date dt;
        if (an_date_parse(ok[i].s, strlen(ok[i].s), &dt) != AN_OK ||
            dt.year != ok[i].y || dt.month != ok[i].m || dt.day != ok[i].d)
            FAIL("\"%s\"", ok[i].s);
    }
    an_date dt;
    ASSERT_EQ(an_date_parse("12 Angry Men May 2, 2013", 24, &dt), AN_EFORMAT);
    ASSERT_EQ(an_date_parse("March 18", 8, &dt), AN_EFORMAT);
    ASSERT_EQ(an__date_parse_md("March 18", 8, &dt), AN_OK);
    ASSERT(dt.year == 0 && dt.month == 3 && dt.day == 18);
    ASSERT_EQ(an__date_parse_md("18th of March", 13, &dt), AN_OK);
    ASSERT(dt.year == 0 && dt.month == 3 && dt.day == 18);
    ASSERT_EQ(an__date_parse_md("February 30", 11, &dt), AN_EFORMAT);
    ASSERT_EQ(an__date_parse_md("March 18, 2025", 14, &dt), AN_OK);
    ASSERT_EQ(dt.year, 2025);
}

/* ---- through the engine ---- */

AN_TEST(extract_through_worker)
{
    size_t n;
    char *html = read_fixture("article.html", &n);
    ASSERT(html);
    an_doc *d = an_test_process(AN_LEVEL_TEXT, AN_FMT_HTML, "a", NULL, html);
    free(html);
    ASSERT(d);
    an_buf b;
    an_buf_init(&b);
    an_out_text_json(&b, d, 0);
    ASSERT(!b.oom);
    an_buf_addc(&b, 0);
    ASSERT_CONTAINS(b.p, "\"title\":\"Harbour talks resume in Port Avel\"");
    ASSERT_CONTAINS(b.p, "\"date\":\"2024-05-07\",\"date_source\":\"metadata\"");
    ASSERT_CONTAINS(b.p, "\"outlet\":\"The Avel Courier\"");
    an_buf_fini(&b);
    an_doc_free(d);
}

/* ---- accuracy on the AEB benchmark ---- */

/*
** The benchmark's metric (../shared/tools/score_extraction.py): word
** tokens (\w+: Unicode letters, digits and '_'), 4-token shingles with
** counts, per-page precision and recall averaged over pages, F1 of the
** means.  Shingles are compared by their 64-bit hashes.
*/
static bool is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
               (cp >= 'A' && cp <= 'Z') || cp == '_';
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Hashes of the 4-token shingles of a text (heap array, sorted). */
static uint64_t *shingles(const char *p, size_t n, size_t *count)
{
    size_t ntok = 0, cap = 256;
    uint64_t *tok = malloc(cap * sizeof *tok);
    size_t i = 0;
    while (tok && i < n) {
        int32_t cp;
        int l = an_utf8_decode(p + i, n - i, &cp);
        if (l <= 0)
            l = 1;
        if (!is_word_cp(cp)) {
            i += (size_t)l;
            continue;
        }
        size_t s = i;
        while (i < n) {
            l = an_utf8_decode(p + i, n - i, &cp);
            if (l <= 0 || !is_word_cp(cp))
                break;
            i += (size_t)l;
        }
        if (ntok == cap) {
            uint64_t *t2 = realloc(tok, cap * 2 * sizeof *tok);
            if (!t2) {
                free(tok);
                return NULL;
            }
            tok = t2;
            cap *= 2;
        }
        tok[ntok++] = XXH3_64bits(p + s, i - s);
    }
    if (!tok)
        return NULL;
    size_t ns = ntok >= 4 ? ntok - 3 : (ntok ? 1 : 0);
    uint64_t *sh = malloc((ns ? ns : 1) * sizeof *sh);
    for (size_t k = 0; sh && k < ns; k++) {
        size_t w = AN_MIN((size_t)4, ntok - k);
        sh[k] = XXH3_64bits(tok + k, w * sizeof *tok);
    }
    free(tok);
    if (!sh)
        return NULL;
    *count = ns;
    return sh;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* tp, fp, fn of one page (multiset intersection of shingles). */
static void page_counts(const char *gold, size_t gn, const char *pred,
                        size_t pn, double *tp, double *fp, double *fn)
{
    size_t na, nb;
    uint64_t *a = shingles(gold, gn, &na), *b = shingles(pred, pn, &nb);
    *tp = *fp = *fn = 0;
    if (a && b) {
        qsort(a, na, sizeof *a, cmp_u64);
        qsort(b, nb, sizeof *b, cmp_u64);
        size_t i = 0, j = 0, t = 0;
        while (i < na && j < nb) {
            if (a[i] == b[j]) {
                t++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        *tp = (double)t;
        *fp = (double)(nb - t);
        *fn = (double)(na - t);
    }
    free(a);
    free(b);
}

static char *gunzip_file(const char *path, size_t *n)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    while (p) {
        if (len == cap) {
            char *q = realloc(p, cap * 2);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
        int k = gzread(f, p + len, (unsigned)(cap - len));
        if (k <= 0)
            break;
        len += (size_t)k;
    }
    gzclose(f);
    *n = len;
    return p;
}

AN_TEST(extract_aeb_benchmark_floor)
{
    char gtp[512], dirp[512];
    if (!an_test_shared_path("eval/extraction-aeb/ground-truth.json", gtp,
                             sizeof gtp) ||
        !an_test_shared_path("eval/extraction-aeb/html", dirp, sizeof dirp))
        AN_SKIP("../shared/eval/extraction-aeb not found");
    size_t gn;
    char *gtxt = an_test_read_file(gtp, &gn);
    ASSERT(gtxt);
    an_arena ja;
    an_arena_init(&ja);
    an_json *gt;
    an_err err;
    ASSERT_EQ(an_json_parse(&ja, gtxt, gn, &gt, &err), AN_OK);
    ASSERT_EQ(gt->type, AN_JSON_OBJECT);
    double psum = 0, rsum = 0;
    size_t pn = 0, rn = 0, pages = 0;
    for (size_t i = 0; i < gt->n; i++) {
        an_span body = an_json_get_str(&gt->items[i], "articleBody");
        char path[1024];
        snprintf(path, sizeof path, "%s/%.*s.html.gz", dirp,
                 (int)gt->keys[i].n, gt->keys[i].p);
        size_t hn;
        char *html = gunzip_file(path, &hn);
        if (!html)
            FAIL("cannot read %s", path);
        xr r;
        xr_html(&r, html, hn);
        ASSERT_EQ(r.rc, AN_OK);
        double tp, fp, fn;
        page_counts(body.p, body.n, r.text.p, r.text.n, &tp, &fp, &fn);
        xr_fini(&r);
        free(html);
        pages++;
        if (tp + fp > 0) {
            psum += (fp == 0 && fn == 0) ? 1.0 : tp / (tp + fp);
            pn++;
        }
        if (tp + fn > 0) {
            rsum += (fp == 0 && fn == 0) ? 1.0 : tp / (tp + fn);
            rn++;
        }
    }
    double p = pn ? psum / (double)pn : 0, rc = rn ? rsum / (double)rn : 0;
    double f1 = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
    fprintf(stderr, "  aeb: %zu pages F1=%.3f precision=%.3f recall=%.3f\n",
            pages, f1, p, rc);
    ASSERT_EQ(pages, 181);
    ASSERT_GE(f1, 0.960);
    an_arena_fini(&ja);
    free(gtxt);
}
