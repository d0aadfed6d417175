/*
** norm.c - matching forms and the character-level token flags.
**
** The matching form ("norm") of a token is what dictionaries and models
** look words up by: NFC, full Unicode case folding, default-ignorable
** characters dropped, and the typographic variants of quotes, dashes,
** spaces and the ellipsis folded to their ASCII forms, so that "Kyiv’s",
** "KYIV'S" and "kyiv's" meet.
**
** Most news tokens are ASCII, so the ASCII case is handled here byte by
** byte and never calls utf8proc; a token that is ASCII without capitals
** (about three tokens in four) is its own norm and costs no copy.  Other
** tokens go through utf8proc: our ASCII folds first (they are not in
** Unicode's case folding), then decomposition with case folding, then
** recomposition to NFC.
*/
#include <utf8proc.h>

#include "../base/utf8.h"
#include "tok_int.h"

/*
** Classes of ASCII bytes (AN__C_*); bytes >= 0x80 are AN__C_HIGH.  The
** table is const, so it lives in read-only memory.
*/
#define U AN__C_UPPER
#define L AN__C_LOWER
#define D AN__C_DIGIT
#define S AN__C_SPACE
#define N AN__C_NL
#define P AN__C_PUNCT
#define H AN__C_HIGH
#define X 0
const uint8_t an__tok_cls[256] = {
    /* 00 */ X, X, X, X, X, X, X, X, X, S, N, S, N, S, X, X,
    /* 10 */ X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    /* 20 */ S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    /* 30 */ D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
    /* 40 */ P, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    /* 50 */ U, U, U, U, U, U, U, U, U, U, U, P, P, P, P, P,
    /* 60 */ P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    /* 70 */ L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, X,
    /* 80 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    /* 90 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    /* a0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    /* b0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    /* c0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    /* d0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    /* e0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    /* f0 */ H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef U
#undef L
#undef D
#undef S
#undef N
#undef P
#undef H
#undef X

int an__tok_ucls(int32_t cp)
{
    if (cp < 0x80)
        return an__tok_cls[cp];
    switch (cp) {
    case 0x85: case 0x2028: case 0x2029:
        return AN__C_NL;
    case 0x200B: case 0xFEFF: case 0x180E:
        return AN__C_SPACE; /* zero-width space, BOM */
    case 0xAD: case 0x200C: case 0x200D: case 0x2060:
        return AN__C_JOIN;  /* soft hyphen, ZWNJ, ZWJ, word joiner */
    default:
        break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return AN__C_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return AN__C_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return AN__C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return AN__C_MARK;
    case UTF8PROC_CATEGORY_ND:
        return AN__C_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return AN__C_LETTER; /* Roman numerals, superscripts: word parts */
    case UTF8PROC_CATEGORY_ZS:
        return AN__C_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return AN__C_NL;
    case UTF8PROC_CATEGORY_CC:
        return AN__C_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return AN__C_JOIN;
    default:
        return AN__C_PUNCT; /* P*, S*, private use, unassigned */
    }
}

/*
** Our ASCII folds of one code point: writes the replacement into out[]
** and returns its length, or returns 0 when the code point is not one of
** them.
*/
static int ascii_fold(int32_t cp, char out[3])
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x02BC:
        out[0] = '\'';
        return 1;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
        out[0] = '"';
        return 1;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212:
        out[0] = '-';
        return 1;
    case 0x2026:
        out[0] = out[1] = out[2] = '.';
        return 3;
    default:
        break;
    }
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
        cp == 0x202F || cp == 0x205F || cp == 0x3000) {
        out[0] = ' ';
        return 1;
    }
    return 0;
}

/*
** The Unicode path of the fold.  First our ASCII folds into a UTF-8
** buffer, then utf8proc: canonical decomposition with full case folding
** and without default ignorables, then recomposition (NFC), encoded back
** to UTF-8.  Buffers up to a few hundred bytes are on the stack; longer
** tokens borrow the arena.
*/
static an_span fold_unicode(an_arena *a, const char *p, size_t n)
{
    enum { SMALL = 256 };
    uint8_t sbuf[SMALL];
    int32_t scp[SMALL];
    /* Each fold is no longer than what it replaces, but an invalid byte
       (which valid input never has) becomes U+FFFD, three bytes. */
    size_t cap8 = n * 3 + 4;
    uint8_t *b8 = cap8 <= SMALL ? sbuf : an_arena_alloc(a, cap8);
    if (!b8)
        return (an_span){NULL, 0};
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = an_utf8_decode(p + i, n - i, &cp);
        if (k <= 0) { /* cannot happen for valid input; keep U+FFFD */
            k = 1;
            cp = 0xFFFD;
        }
        char r[3];
        int rn = ascii_fold(cp, r);
        if (rn) {
            memcpy(b8 + m, r, (size_t)rn);
            m += (size_t)rn;
        } else {
            m += (size_t)an_utf8_encode(cp, (char *)b8 + m);
        }
        i += (size_t)k;
    }
    utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                            UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
    int32_t *cps = scp;
    utf8proc_ssize_t cap = SMALL;
    utf8proc_ssize_t len = utf8proc_decompose(b8, (utf8proc_ssize_t)m, cps,
                                              cap, opt);
    if (len > cap) {
        cap = len;
        cps = an_arena_array(a, (size_t)cap + 1, sizeof *cps);
        if (!cps)
            return (an_span){NULL, 0};
        len = utf8proc_decompose(b8, (utf8proc_ssize_t)m, cps, cap, opt);
    }
    if (len < 0 || len > cap) /* invalid input: cannot happen */
        return (an_span){an_arena_dup(a, p, n), n};
    /* Re-encoding needs room for one more byte than the code points take
       as UTF-32; the small buffer always has it only when len < SMALL. */
    if (cps == scp && len >= SMALL) {
        int32_t *big = an_arena_array(a, (size_t)len + 1, sizeof *big);
        if (!big)
            return (an_span){NULL, 0};
        memcpy(big, cps, (size_t)len * sizeof *big);
        cps = big;
    }
    utf8proc_ssize_t bytes = utf8proc_reencode(cps, len, opt);
    if (bytes < 0)
        return (an_span){an_arena_dup(a, p, n), n};
    const char *out = (const char *)cps;
    if ((size_t)bytes == n && memcmp(out, p, n) == 0)
        return (an_span){p, n};
    char *o = an_arena_dup(a, out, (size_t)bytes);
    return (an_span){o, o ? (size_t)bytes : 0};
}

an_span an_tok_fold(an_arena *a, const char *p, size_t n)
{
    uint16_t flags;
    an_span s;
    if (an__tok_norm(a, p, n, &s, &flags) != AN_OK)
        return (an_span){NULL, 0};
    return s;
}

int an__tok_norm(an_arena *a, const char *p, size_t n, an_span *norm,
                 uint16_t *flags)
{
    const uint8_t *u = (const uint8_t *)p;
    unsigned all = 0;       /* union of the classes seen */
    unsigned nupper = 0, ncased = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = an__tok_cls[u[i]];
        all |= c;
        nupper += (c & AN__C_UPPER) != 0;
        ncased += (c & (AN__C_UPPER | AN__C_LOWER)) != 0;
    }
    uint16_t f = 0;
    if (AN_LIKELY(!(all & AN__C_HIGH))) {
        if (n && (an__tok_cls[u[0]] & AN__C_UPPER))
            f |= AN_TOK_CAP;
        if (nupper >= 2 && nupper == ncased)
            f |= AN_TOK_ALLCAPS;
        if (all & AN__C_DIGIT)
            f |= AN_TOK_DIGIT;
        if (n && !(all & (AN__C_UPPER | AN__C_LOWER | AN__C_DIGIT)))
            f |= AN_TOK_PUNCT;
        *flags = f;
        if (!nupper) {
            *norm = (an_span){p, n};
            return AN_OK;
        }
        char *o = an_arena_alloc(a, n + 1);
        if (!o) {
            *norm = (an_span){NULL, 0};
            return AN_ENOMEM;
        }
        for (size_t i = 0; i < n; i++)
            o[i] = (char)an_lower(u[i]);
        o[n] = 0;
        *norm = (an_span){o, n};
        return AN_OK;
    }
    /* Some non-ASCII: classify code point by code point. */
    all = 0;
    nupper = ncased = 0;
    unsigned punct_only = 1, first = 1;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = an_utf8_decode(p + i, n - i, &cp);
        if (k <= 0)
            k = 1;
        unsigned c = (unsigned)an__tok_ucls(cp);
        if (first && (c & AN__C_UPPER))
            f |= AN_TOK_CAP;
        first = 0;
        nupper += (c & AN__C_UPPER) != 0;
        ncased += (c & (AN__C_UPPER | AN__C_LOWER)) != 0;
        if (c & AN__C_DIGIT)
            f |= AN_TOK_DIGIT;
        if (!(c & AN__C_PUNCT))
            punct_only = 0;
        i += (size_t)k;
    }
    if (nupper >= 2 && nupper == ncased)
        f |= AN_TOK_ALLCAPS;
    if (punct_only && n)
        f |= AN_TOK_PUNCT;
    *flags = f;
    *norm = fold_unicode(a, p, n);
    return norm->p || !n ? AN_OK : AN_ENOMEM;
}
