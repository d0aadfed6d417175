/*
** boiler.c - boilerplate phrases shared by the HTML and plain-text
** extractors, and string cleaning for metadata.
**
** A line (or a short HTML block) is boilerplate when, lower-cased with
** its white space collapsed, it equals one of the `whole` phrases, starts
** with one of the `prefix` phrases, or contains one of the `inside`
** phrases.  Only short lines are tested (callers check the length), so a
** paragraph that merely mentions cookies is never dropped.
*/
#include "../base/utf8.h"
#include "extract_int.h"

/* Lines that are boilerplate when they are the whole line (trailing
   punctuation and spaces ignored). */
static const char *const whole[] = {
    "ad", "ads", "advert", "adverts", "advertisement", "advertisements",
    "advertising",
    "article continues below", "article continues below advertisement",
    "cancel reply", "click to expand", "comments", "continue reading",
    "continue reading below", "continue reading the main story",
    "email", "facebook", "follow us", "leave a comment", "leave a reply",
    "like this", "linkedin", "loading", "more", "next", "next article",
    "next post", "pinterest", "post navigation", "previous",
    "previous article", "previous post", "print", "read more", "reddit",
    "related", "related articles", "related content", "related coverage",
    "related news", "related posts", "related stories", "reply",
    "scroll to continue", "see also", "share", "share this",
    "share this article", "share this page", "share this post",
    "share this story", "sign up", "skip", "skip navigation",
    "skip to content", "skip to main content", "skip to navigation",
    "sponsored", "sponsored content", "story continues below",
    "story continues below advertisement", "subscribe", "tweet",
    "twitter", "whatsapp", "you may also like"};

/* Lines that are boilerplate when they start with one of these. */
static const char *const prefix[] = {
    "(c) ", "all rights reserved", "also read:", "by clicking",
    "click here",
    "by continuing to use", "by subscribing", "click here to subscribe",
    "click to email", "click to print", "click to share on",
    "copyright ", "download our app", "filed under:", "follow us on ",
    "get our newsletter", "get the latest", "like us on facebook",
    "more from ", "most popular", "most read", "posted in ",
    "read also:", "read more:", "recommended for you", "related:",
    "required fields are marked", "see also:", "share on ",
    "share this:", "sign up for", "subscribe to ", "tagged:", "tags:",
    "this site uses cookies", "we use cookies", "you might also like",
    "your email address will not be published",
    "\xc2\xa9"}; /* the copyright sign */

/* Lines that are boilerplate when they contain one of these. */
static const char *const inside[] = {
    "all rights reserved", "cookie policy", "enable javascript",
    "javascript is disabled", "requires javascript", "use of cookies",
    "uses cookies", "your browser does not support"};

/* Lower-case p[0..n) with white space collapsed and ends trimmed of
   spaces and of the punctuation ":.!|>-" into w; returns the length. */
static size_t normalise(const char *p, size_t n, char *w, size_t cap)
{
    size_t k = 0;
    bool sp = false;
    for (size_t i = 0; i < n && k < cap; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            sp = k > 0;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)p[i + 1] == 0xA0) {
            sp = k > 0; /* no-break space */
            i++;
            continue;
        }
        if (sp && k < cap) {
            w[k++] = ' ';
            sp = false;
        }
        if (k < cap)
            w[k++] = (char)an_lower(c);
    }
    while (k && strchr(" :.!|>-\xe2\x80\xa6", w[k - 1]) && w[k - 1])
        k--;
    return k;
}

bool an__extract_boiler_line(const char *s, size_t n)
{
    char w[160];
    if (n > 400)
        return false;
    size_t k = normalise(s, n, w, sizeof w);
    if (k == 0 || k >= sizeof w)
        return false;
    for (size_t i = 0; i < AN_COUNT(whole); i++)
        if (strlen(whole[i]) == k && memcmp(whole[i], w, k) == 0)
            return true;
    /* Prefix phrases ending in ':' may have lost it to the trimming. */
    for (size_t i = 0; i < AN_COUNT(prefix); i++) {
        size_t pl = strlen(prefix[i]);
        if (pl <= k && memcmp(prefix[i], w, pl) == 0)
            return true;
        if (pl - 1 == k && (prefix[i][pl - 1] == ':' || prefix[i][pl - 1] == ' ') &&
            memcmp(prefix[i], w, k) == 0)
            return true;
    }
    for (size_t i = 0; i < AN_COUNT(inside); i++) {
        size_t pl = strlen(inside[i]);
        for (size_t j = 0; j + pl <= k; j++)
            if (memcmp(inside[i], w + j, pl) == 0)
                return true;
    }
    return false;
}

an_span an__extract_clean(an_arena *a, const char *p, size_t n)
{
    an_span none = {NULL, 0};
    if (!p || n == 0)
        return none;
    n = AN_MIN(n, (size_t)4096);
    char *o = an_arena_alloc(a, n + 1);
    if (!o)
        return none;
    size_t k = 0;
    bool sp = false;
    for (size_t i = 0; i < n;) {
        char buf[8];
        const char *c = p + i;
        size_t cl = 1, used = 1;
        if (p[i] == '&') {
            size_t el;
            size_t u = an__html_entity(p + i, n - i, buf, &el);
            if (u) {
                c = buf;
                cl = el;
                used = u;
            }
        }
        i += used;
        unsigned char c0 = (unsigned char)c[0];
        bool ws = (cl == 1 && (c0 == ' ' || c0 == '\t' || c0 == '\n' ||
                               c0 == '\r' || c0 == '\f')) ||
                  (cl == 2 && c0 == 0xC2 && (unsigned char)c[1] == 0xA0);
        if (!ws && cl == 1 && c0 == 0xC2 && i < n &&
            (unsigned char)p[i] == 0xA0) {
            ws = true; /* a raw no-break space */
            i++;
        }
        if (ws || (cl == 1 && c0 < 0x20)) {
            sp = k > 0;
            continue;
        }
        if (sp) {
            if (k + 1 > n)
                break;
            o[k++] = ' ';
            sp = false;
        }
        if (k + cl > n) /* references never grow the text; be safe */
            break;
        memcpy(o + k, c, cl);
        k += cl;
    }
    /* Keep valid UTF-8 only (attributes may hold anything). */
    size_t v = 0;
    for (size_t r = 0; r < k;) {
        int l = an_utf8_seq_len(o + r, k - r);
        if (l == 0) {
            r++; /* drop an invalid byte */
            continue;
        }
        memmove(o + v, o + r, (size_t)l);
        v += (size_t)l;
        r += (size_t)l;
    }
    while (v && o[v - 1] == ' ')
        v--;
    o[v] = 0;
    return v ? (an_span){o, v} : none;
}
