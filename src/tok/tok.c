/*
** tok.c - the tokenizer: UTF-8 text to tokens with byte offsets, matching
** forms and flags.
**
** One left-to-right pass.  White space is skipped (counting line breaks
** for NEWLINE_BEFORE and PARA_START); at each other position the first
** rule that applies makes the next token:
**
**   URL ("http://", "https://", "ftp://", "www.", "mailto:"), up to white
**     space or a bracket or quote, without trailing punctuation;
**   emoticon (":-)", ";)", "<3", ...) between spaces or punctuation;
**   @handle and #hashtag;
**   word: letters, digits and marks, joined by the connectors that stay
**     inside a word - "." before a letter or digit ("3.5", "Amazon.com",
**     "U.S"), "," in digit groups ("1,000"), "-" ("30-day"), ":" and "/"
**     between digits ("14:57", "4/14/00"), "&" between capitals ("AT&T"),
**     "_", an apostrophe that is not a clitic ("O'Brien"), "$" after a
**     currency prefix ("US$40") and a final "%" ("40%"); a word may also
**     take a leading "$", "€", "£", "¥" ("$40") or "." (".5"), an e-mail
**     tail ("@enron.com") and a final "." when it is an abbreviation
**     ("Mr.", "U.S.", "J.", "No. 1");
**   clitics are cut off as UD English does ("do|n't", "Kyiv|'s",
**     "I|'m", "can|not", "gon|na");
**   runs of the same punctuation stay one token ("...", "--", "?!",
**     "!!!", "====", "``"); every other punctuation mark, quote, bracket
**     or symbol is a token of its own.
**
** The AN_TOK_OPT_UD option turns off what annals keeps whole but EWT
** splits (hyphens other than after prefixes and between digits, "$40",
** "40%").  Flags are set as tokens are emitted: the character flags of a
** word from the classes its scan saw, SPACE_AFTER from the next byte,
** QUOTED from the quotation marks emitted so far.
*/
#include "../base/utf8.h"
#include "tok_int.h"

/* Tokenizer state. */
typedef struct tz {
    an_arena *a;
    const char *p;        /* the text */
    const uint8_t *u;     /* the same, unsigned */
    size_t n;
    unsigned opts;        /* AN_TOK_OPT_* */
    an_tok *v;            /* tokens so far (arena) */
    size_t nt, cap;
    uint16_t pending;     /* NEWLINE_BEFORE / PARA_START for the next token */
    int oom;
    int dq, sq;           /* inside double / single quotation marks */
} tz;

/* ---- characters ---- */

/* Class and byte length of the character at i (i < n). */
static inline unsigned cls_at(const tz *z, size_t i, int *len)
{
    unsigned c = an__tok_cls[z->u[i]];
    if (AN_LIKELY(!(c & AN__C_HIGH))) {
        *len = 1;
        return c;
    }
    int32_t cp;
    int k = an_utf8_decode(z->p + i, z->n - i, &cp);
    if (k <= 0) {
        *len = 1;
        return AN__C_PUNCT;
    }
    *len = k;
    return (unsigned)an__tok_ucls(cp);
}

/* Code point at i and its length (1 for an invalid byte, as U+FFFD). */
static inline int32_t cp_at(const tz *z, size_t i, int *len)
{
    if (z->u[i] < 0x80) {
        *len = 1;
        return z->u[i];
    }
    int32_t cp;
    int k = an_utf8_decode(z->p + i, z->n - i, &cp);
    *len = k > 0 ? k : 1;
    return cp;
}

/* Class of the character at i, or 0 at the end of the text. */
static inline unsigned cls_or0(const tz *z, size_t i)
{
    int len;
    return i < z->n ? cls_at(z, i, &len) : 0;
}

/* Class of the character that ends just before i (0 at the start). */
static unsigned cls_before(const tz *z, size_t i)
{
    if (i == 0)
        return 0;
    size_t k = i - 1;
    while (k > 0 && (z->u[k] & 0xC0) == 0x80 && i - k < 4)
        k--;
    int len;
    return cls_at(z, k, &len);
}

/* True for the apostrophes: ' U+2019 U+02BC; sets the byte length. */
static inline bool apostrophe_at(const tz *z, size_t i, int *len)
{
    const uint8_t *u = z->u;
    if (u[i] == '\'') {
        *len = 1;
        return true;
    }
    if (i + 2 < z->n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
        u[i + 2] == 0x99) {
        *len = 3;
        return true;
    }
    if (i + 1 < z->n && u[i] == 0xCA && u[i + 1] == 0xBC) {
        *len = 2;
        return true;
    }
    return false;
}

/* True for the hyphens inside words: - U+2010 U+2011. */
static inline bool hyphen_at(const tz *z, size_t i, int *len)
{
    const uint8_t *u = z->u;
    if (u[i] == '-') {
        *len = 1;
        return true;
    }
    if (i + 2 < z->n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
        (u[i + 2] == 0x90 || u[i + 2] == 0x91)) {
        *len = 3;
        return true;
    }
    return false;
}

/* Case-insensitive comparison of p[0..n) with a lower-case literal. */
static bool ieq(const char *p, size_t n, const char *lit)
{
    for (size_t i = 0; i < n; i++)
        if (!lit[i] || an_lower((unsigned char)p[i]) != (unsigned char)lit[i])
            return false;
    return lit[n] == 0;
}

/* ---- emitting tokens ---- */

/* Kind of quotation mark a token is (see mark_quote()). */
enum { Q_NONE, Q_DOUBLE, Q_DOPEN, Q_DCLOSE, Q_SOPEN, Q_SCLOSE };

static int quote_kind(const char *p, size_t n);

/* A new token slot [s, e), or NULL when out of memory. */
static inline an_tok *slot(tz *z, size_t s, size_t e)
{
    if (AN_UNLIKELY(z->nt == z->cap)) {
        an_tok *v = an_arena_vec(z->a, z->v, &z->cap, z->nt + 1, sizeof *v);
        if (!v) {
            z->oom = 1;
            return NULL;
        }
        z->v = v;
    }
    an_tok *t = &z->v[z->nt++];
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)s;
    t->end = (uint32_t)e;
    t->head = AN_TOK_NO_HEAD;
    return t;
}

/*
** The flags every token gets from its surroundings: the pending line
** flags, SPACE_AFTER, and QUOTED.  Quotation marks are followed as they
** are emitted: straight double quotes toggle, curly ones open and close,
** a single quote closes only a single quote that is open, and a
** paragraph starts outside quotes (news repeats the opening mark on each
** paragraph of a long quotation and closes only the last).  The marks
** themselves are not QUOTED.
*/
static inline uint16_t context_flags(tz *z, size_t s, size_t e, uint16_t f)
{
    f |= z->pending;
    z->pending = 0;
    if (f & AN_TOK_PARA_START)
        z->dq = z->sq = 0;
    if (e < z->n && (cls_or0(z, e) & (AN__C_SPACE | AN__C_NL)))
        f |= AN_TOK_SPACE_AFTER;
    int q = (f & AN_TOK_PUNCT) ? quote_kind(z->p + s, e - s) : Q_NONE;
    switch (q) {
    case Q_DOUBLE: z->dq = !z->dq; break;
    case Q_DOPEN: z->dq = 1; break;
    case Q_DCLOSE: z->dq = 0; break;
    case Q_SOPEN: z->sq = 1; break;
    case Q_SCLOSE: z->sq = 0; break;
    default:
        if (z->dq || z->sq)
            f |= AN_TOK_QUOTED;
        break;
    }
    return f;
}

/* Append token [s, e) with extra flags; the norm and flags from its bytes. */
static void emit(tz *z, size_t s, size_t e, uint16_t extra)
{
    an_tok *t = slot(z, s, e);
    if (!t)
        return;
    uint16_t f;
    if (an__tok_norm(z->a, z->p + s, e - s, &t->norm, &f) != AN_OK)
        z->oom = 1;
    t->flags = context_flags(z, s, e, f | extra);
}

/*
** Append the word [s, e) whose characters have the classes `acc` (with
** AN__C_HIGH when any byte is not ASCII): an ASCII word gets its norm and
** flags without another look at its bytes, unless it has capitals.
*/
static void emit_word(tz *z, size_t s, size_t e, unsigned acc, uint16_t extra)
{
    if (acc & AN__C_HIGH) {
        emit(z, s, e, extra);
        return;
    }
    an_tok *t = slot(z, s, e);
    if (!t)
        return;
    const uint8_t *u = z->u;
    uint16_t f = extra;
    if (acc & AN__C_DIGIT)
        f |= AN_TOK_DIGIT;
    if (!(acc & AN__C_UPPER)) {
        t->norm = (an_span){z->p + s, e - s};
    } else {
        if (an__tok_cls[u[s]] & AN__C_UPPER)
            f |= AN_TOK_CAP;
        char *o = an_arena_alloc(z->a, e - s + 1);
        if (!o) {
            z->oom = 1;
            return;
        }
        unsigned nup = 0;
        for (size_t k = s; k < e; k++) {
            nup += (an__tok_cls[u[k]] & AN__C_UPPER) != 0;
            o[k - s] = (char)an_lower(u[k]);
        }
        o[e - s] = 0;
        t->norm = (an_span){o, e - s};
        if (!(acc & AN__C_LOWER) && nup >= 2)
            f |= AN_TOK_ALLCAPS;
    }
    t->flags = context_flags(z, s, e, f);
}

/* ---- URLs, e-mail, handles ---- */

/* Length of a URL scheme or "www." prefix at i, or 0. */
static size_t url_prefix(const tz *z, size_t i)
{
    const char *p = z->p + i;
    size_t r = z->n - i;
    if (r < 5)
        return 0;
    char c1 = (char)(p[1] | 0x20);
    if (c1 != 't' && c1 != 'w' && c1 != 'a') /* hTtp fTp wWw mAilto */
        return 0;
    static const char *const pre[] = {"http://", "https://", "ftp://",
                                      "mailto:", "www."};
    static const uint8_t len[] = {7, 8, 6, 7, 4};
    for (size_t k = 0; k < AN_COUNT(pre); k++) {
        size_t m = len[k];
        if (r > m && ieq(p, m, pre[k]) &&
            (an__tok_cls[(uint8_t)p[m]] & (AN__C_UPPER | AN__C_LOWER |
                                           AN__C_DIGIT)))
            return m;
    }
    return 0;
}

/*
** End of a URL that starts at i: up to white space, an angle bracket, a
** double quote or a curly quote, then without trailing punctuation and
** without closing brackets that do not close anything inside it.
*/
static size_t url_end(const tz *z, size_t i)
{
    const uint8_t *u = z->u;
    size_t j = i;
    while (j < z->n) {
        uint8_t c = u[j];
        if (c < 0x80) {
            if ((an__tok_cls[c] & (AN__C_SPACE | AN__C_NL)) || c == '<' ||
                c == '>' || c == '"' || c == '`' || c < 0x20)
                break;
            j++;
            continue;
        }
        int len;
        int32_t cp = cp_at(z, j, &len);
        unsigned cl = (unsigned)an__tok_ucls(cp);
        if ((cl & (AN__C_SPACE | AN__C_NL)) ||
            (cp >= 0x2018 && cp <= 0x201F) || cp == 0xAB || cp == 0xBB)
            break;
        j += (size_t)len;
    }
    /* brackets opened minus closed inside, for ( [ { */
    long depth[3] = {0, 0, 0};
    static const char open[3] = {'(', '[', '{'}, close[3] = {')', ']', '}'};
    for (size_t k = i; k < j; k++)
        for (int b = 0; b < 3; b++)
            depth[b] += (u[k] == open[b]) - (u[k] == close[b]);
    for (;;) {
        if (j <= i + 1)
            break;
        uint8_t c = u[j - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
            c == '?' || c == '\'' || c == '*') {
            j--;
            continue;
        }
        int b = c == ')' ? 0 : c == ']' ? 1 : c == '}' ? 2 : -1;
        if (b >= 0 && depth[b] < 0) {
            depth[b]++; /* a closing bracket that closes nothing inside */
            j--;
            continue;
        }
        break;
    }
    return j;
}

/* Last dot-segment of [s, e): letters only, 2..6 long -> its length. */
static size_t tld_len(const tz *z, size_t s, size_t e)
{
    size_t k = e;
    while (k > s && (an__tok_cls[z->u[k - 1]] & (AN__C_UPPER | AN__C_LOWER)))
        k--;
    if (k == s || z->u[k - 1] != '.')
        return 0;
    size_t m = e - k;
    return m >= 2 && m <= 6 ? m : 0;
}

/* True when [s, e) ends in a top-level domain common in news text. */
static bool known_tld(const tz *z, size_t s, size_t e)
{
    size_t m = tld_len(z, s, e);
    if (!m)
        return false;
    static const char *const tld[] = {
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz",
        "io",  "co",  "uk",  "us",  "ca",  "au",  "de",  "fr",   "ru",
        "ua",  "in",  "cn",  "jp",  "eu",  "it",  "es",  "nl",   "ch",
        "be",  "se",  "no",  "il",  "ir",  "pk",  "za",  "ng",   "ke",
        "br",  "mx",  "ar",  "tv",  "me",  "ly",  "news"};
    for (size_t k = 0; k < AN_COUNT(tld); k++)
        if (ieq(z->p + e - m, m, tld[k]))
            return true;
    return false;
}

/* True when the letters at k are a known top-level domain ending the
   word: "Newsfeed.Com" stays one token. */
static bool tld_follows(const tz *z, size_t k)
{
    size_t m = k;
    while (m < z->n && m - k < 7 &&
           (an__tok_cls[z->u[m]] & (AN__C_UPPER | AN__C_LOWER)))
        m++;
    if (m < z->n && (an__tok_cls[z->u[m]] & AN__C_WORD))
        return false;
    return k > 0 && known_tld(z, k - 1, m);
}

/*
** The domain of an e-mail address after the '@' at j: letters, digits,
** '-' and '.', starting with a letter or digit, without trailing dots or
** hyphens.  Returns its end, or j when there is none.
*/
static size_t email_domain(const tz *z, size_t j, bool *dotted)
{
    const uint8_t *u = z->u;
    size_t k = j + 1;
    *dotted = false;
    if (k >= z->n || !(an__tok_cls[u[k]] & (AN__C_UPPER | AN__C_LOWER |
                                             AN__C_DIGIT)))
        return j;
    while (k < z->n && ((an__tok_cls[u[k]] & (AN__C_UPPER | AN__C_LOWER |
                                               AN__C_DIGIT)) ||
                        u[k] == '-' || u[k] == '.'))
        k++;
    while (k > j + 1 && (u[k - 1] == '.' || u[k - 1] == '-'))
        k--;
    for (size_t q = j + 1; q < k; q++)
        if (u[q] == '.')
            *dotted = true;
    return k;
}

/* ---- abbreviations ---- */

/*
** Words that keep their final '.': mode 'i' in any case, 'c' only when
** capitalised (they are words too: "Sat", "Wash"), 'n' only before a
** number ("No. 5", "Art. 3", "pp. 12").
*/
typedef struct abbrev {
    const char *w;
    char mode;
} abbrev;

/* Sorted by word (a unit test checks): looked up by binary search. */
static const abbrev abbrevs[] = {
    {"adm", 'c'}, {"al", 'i'}, {"ala", 'c'}, {"amb", 'c'}, {"approx", 'i'},
    {"apr", 'i'}, {"ariz", 'c'}, {"ark", 'c'}, {"art", 'n'}, {"assn", 'i'},
    {"atty", 'i'}, {"aug", 'i'}, {"ave", 'c'}, {"blvd", 'i'}, {"brig", 'c'},
    {"bros", 'i'}, {"ca", 'n'}, {"calif", 'c'}, {"capt", 'i'}, {"cdr", 'c'},
    {"cf", 'i'}, {"ch", 'n'}, {"chap", 'n'}, {"cie", 'c'}, {"cmdr", 'i'},
    {"co", 'c'}, {"col", 'c'}, {"colo", 'c'}, {"conn", 'c'}, {"corp", 'i'},
    {"cpl", 'i'}, {"dec", 'c'}, {"del", 'c'}, {"dept", 'i'}, {"det", 'c'},
    {"dr", 'i'}, {"ed", 'c'}, {"eds", 'c'}, {"est", 'c'}, {"etc", 'i'},
    {"ext", 'n'}, {"feb", 'i'}, {"fig", 'n'}, {"figs", 'n'}, {"fla", 'c'},
    {"fr", 'c'}, {"fri", 'c'}, {"ft", 'i'}, {"ga", 'c'}, {"gen", 'c'},
    {"gens", 'c'}, {"gov", 'c'}, {"govt", 'i'}, {"hon", 'c'}, {"hwy", 'i'},
    {"ibid", 'i'}, {"ill", 'c'}, {"inc", 'i'}, {"ind", 'c'}, {"insp", 'c'},
    {"jan", 'c'}, {"jr", 'i'}, {"jul", 'c'}, {"jun", 'c'}, {"kan", 'c'},
    {"kans", 'c'}, {"ky", 'c'}, {"la", 'c'}, {"lt", 'i'}, {"ltd", 'i'},
    {"maj", 'c'}, {"mar", 'c'}, {"mass", 'c'}, {"md", 'c'}, {"messrs", 'i'},
    {"mich", 'c'}, {"minn", 'c'}, {"miss", 'c'}, {"mlle", 'c'}, {"mme", 'c'},
    {"mmes", 'i'}, {"mo", 'c'}, {"mon", 'c'}, {"mont", 'c'}, {"mr", 'i'},
    {"mrs", 'i'}, {"ms", 'i'}, {"mt", 'i'}, {"neb", 'c'}, {"nev", 'c'},
    {"no", 'n'}, {"nos", 'n'}, {"nov", 'i'}, {"oct", 'i'}, {"okla", 'c'},
    {"op", 'n'}, {"ore", 'c'}, {"p", 'n'}, {"pa", 'c'}, {"para", 'n'},
    {"plc", 'c'}, {"pp", 'n'}, {"pres", 'c'}, {"prof", 'c'}, {"pvt", 'i'},
    {"rd", 'c'}, {"rep", 'c'}, {"reps", 'c'}, {"rev", 'c'}, {"sat", 'c'},
    {"sec", 'n'}, {"sen", 'c'}, {"sens", 'c'}, {"sep", 'c'}, {"sept", 'i'},
    {"sgt", 'i'}, {"sr", 'i'}, {"st", 'i'}, {"ste", 'c'}, {"sun", 'c'},
    {"supt", 'i'}, {"tel", 'i'}, {"tenn", 'c'}, {"tex", 'c'}, {"thu", 'c'},
    {"thur", 'c'}, {"thurs", 'c'}, {"tue", 'c'}, {"tues", 'c'}, {"univ", 'i'},
    {"v", 'i'}, {"va", 'c'}, {"viz", 'i'}, {"vol", 'n'}, {"vols", 'n'},
    {"vs", 'i'}, {"vt", 'c'}, {"wash", 'c'}, {"wed", 'c'}, {"wis", 'c'},
    {"wyo", 'c'}};

bool an__tok_abbrevs_sorted(void)
{
    for (size_t k = 1; k < AN_COUNT(abbrevs); k++)
        if (strcmp(abbrevs[k - 1].w, abbrevs[k].w) >= 0)
            return false;
    return true;
}

/* True when the next non-space character after i is a digit. */
static bool number_follows(const tz *z, size_t i)
{
    while (i < z->n && (an__tok_cls[z->u[i]] & AN__C_SPACE))
        i++;
    return i < z->n && (an__tok_cls[z->u[i]] & AN__C_DIGIT);
}

/*
** Whether the word [s, e), followed by '.' at e, keeps the period:
** dotted letter groups ("U.S", "e.g", "Ph.D"), a single capital (an
** initial) and the listed abbreviations.
*/
static bool keeps_period(const tz *z, size_t s, size_t e, unsigned dots,
                         unsigned acc, unsigned hyph, size_t maxseg)
{
    const uint8_t *u = z->u;
    if ((acc & AN__C_DIGIT) || hyph || !(acc & AN__C_ALPHA))
        return false;
    if (dots)
        return maxseg <= 2;
    if (e - s == 1 && (an__tok_cls[u[s]] & AN__C_UPPER))
        return true;
    if (e - s > 6)
        return false;
    char w[8];
    size_t len = e - s;
    for (size_t k = 0; k < len; k++) {
        if (u[s + k] >= 0x80)
            return false;
        w[k] = (char)an_lower(u[s + k]);
    }
    w[len] = 0;
    size_t lo = 0, hi = AN_COUNT(abbrevs);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w, abbrevs[mid].w);
        if (c == 0) {
            const abbrev *ab = &abbrevs[mid];
            if (ab->mode == 'c')
                return an__tok_cls[u[s]] & AN__C_UPPER;
            if (ab->mode == 'n')
                return number_follows(z, e + 1);
            return true;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

/* ---- clitics ---- */

/* True when p[0..n) (lower-cased) is a clitic that follows an apostrophe. */
static bool apostrophe_clitic(const char *p, size_t n)
{
    return ieq(p, n, "s") || ieq(p, n, "m") || ieq(p, n, "d") ||
           ieq(p, n, "ll") || ieq(p, n, "re") || ieq(p, n, "ve");
}

/*
** Whole words that UD English splits without an apostrophe: the length
** of the first part, or 0.  The apostrophe-less negations ("dont") are
** common in web text; "its" and "wont" are left alone (they are words).
*/
static size_t word_split(const char *p, size_t n)
{
    switch (n) {
    case 2:
        return ieq(p, n, "im") ? 1 : 0;
    case 4:
        return ieq(p, n, "dont") || ieq(p, n, "cant") || ieq(p, n, "isnt") ||
               ieq(p, n, "aint") ? 2 : 0;
    case 5:
        return ieq(p, n, "gonna") || ieq(p, n, "gotta") ||
               ieq(p, n, "wanna") || ieq(p, n, "lemme") ||
               ieq(p, n, "gimme") || ieq(p, n, "didnt") ||
               ieq(p, n, "wasnt") || ieq(p, n, "arent") ||
               ieq(p, n, "hasnt") || ieq(p, n, "hadnt") ? 3 : 0;
    case 6:
        if (ieq(p, n, "cannot"))
            return 3;
        return ieq(p, n, "doesnt") || ieq(p, n, "werent") ||
               ieq(p, n, "havent") ? 4 : 0;
    case 7:
        return ieq(p, n, "couldnt") || ieq(p, n, "wouldnt") ? 5 : 0;
    case 8:
        return ieq(p, n, "shouldnt") ? 6 : 0;
    default:
        return 0;
    }
}

/* Prefixes after which UD English keeps a hyphen inside the word. */
static bool ud_prefix(const char *p, size_t n)
{
    static const char *const pre[] = {
        "e",    "co",    "pre",   "post",  "non",   "re",    "semi",
        "pro",  "multi", "mid",   "ex",    "anti",  "over",  "under",
        "mis",  "inter", "intra", "counter", "cross", "sub",  "super",
        "trans", "ultra", "mini", "micro", "neo",   "pseudo", "quasi",
        "bi",   "tri",   "un",    "de",    "vice",  "x"};
    if (n > 7)
        return false;
    for (size_t k = 0; k < AN_COUNT(pre); k++)
        if (ieq(p, n, pre[k]))
            return true;
    return false;
}

/* True for the letters that stay on a number: ordinals, decades. */
static bool number_suffix(const char *p, size_t n)
{
    return ieq(p, n, "st") || ieq(p, n, "nd") || ieq(p, n, "rd") ||
           ieq(p, n, "th") || ieq(p, n, "s") || ieq(p, n, "x");
}

/*
** UD English keeps telephone numbers and dates whole ("713-853-3989",
** "11-20-2000", "646-8420") but splits ranges ("13 - 17"): with the
** hyphen at j inside a token starting at s, true when the chain of digit
** groups has two hyphens or more, or is a 3-4 digit telephone number.
*/
static bool ud_number_chain(const tz *z, size_t s, size_t j)
{
    const uint8_t *u = z->u;
    size_t k = s, groups = 0, len[2] = {0, 0};
    for (;;) {
        size_t g = k;
        while (k < z->n && (an__tok_cls[u[k]] & AN__C_DIGIT))
            k++;
        if (k == g)
            return false; /* not digits only */
        if (groups < 2)
            len[groups] = k - g;
        if (++groups >= 3)
            break; /* long enough to be a number, and no need to look on */
        if (k + 1 < z->n && u[k] == '-' &&
            (an__tok_cls[u[k + 1]] & AN__C_DIGIT)) {
            k++;
            continue;
        }
        break;
    }
    (void)j;
    return groups >= 3 || (groups == 2 && len[0] == 3 && len[1] == 4);
}

/* ---- words ---- */

/*
** A word starting at i (token start s <= i: a currency sign or '.' may
** come first).  Emits one to three tokens and returns where the next
** token starts.  What the rules need to know about the word is kept as
** unions of character classes (of the whole word and of the current
** dot-separated segment) rather than counts, to keep the inner loop short.
*/
static size_t word(tz *z, size_t s, size_t i)
{
    const uint8_t *u = z->u;
    const size_t n = z->n;
    const bool ud = z->opts & AN_TOK_OPT_UD;
    size_t j = i, seg = s, part = s, maxseg = 0;
    unsigned acc = 0, segacc = 0; /* classes in the word / the segment */
    unsigned dots = 0, hyph = 0, apos = 0, conn = 0;
    uint16_t extra = 0;
    for (;;) {
        /* a run of word characters */
        while (j < n) {
            unsigned c = an__tok_cls[u[j]];
            if (AN_LIKELY(c & (AN__C_UPPER | AN__C_LOWER | AN__C_DIGIT))) {
                segacc |= c;
                j++;
            } else if (c & AN__C_HIGH) {
                int len;
                unsigned uc = cls_at(z, j, &len);
                if (!(uc & (AN__C_WORD | AN__C_MARK | AN__C_JOIN)))
                    break;
                segacc |= uc | AN__C_HIGH;
                j += (size_t)len;
            } else {
                break;
            }
        }
        acc |= segacc;
        if (j >= n)
            break;
        /* a connector?  (White space, the commonest end, is no.) */
        uint8_t c = u[j];
        if (an__tok_cls[c] & (AN__C_SPACE | AN__C_NL))
            break;
        int cl;
        unsigned next;
        if (c == '.') {
            next = cls_or0(z, j + 1);
            if (!ud && dots && j - seg == 1 && j + 2 < n && u[j + 1] == '-' &&
                (cls_or0(z, j + 2) & AN__C_ALPHA)) {
                j += 2; /* "U.S.-led": the abbreviation keeps its period */
                part = j;
                hyph++;
                conn++;
                segacc = 0;
                continue;
            }
            if (!(next & AN__C_WORD))
                break;
            /* "said.The": a lower-case word, a period, a capitalised
               word - two words run together, not a name. */
            if (j - seg >= 2 && (segacc & AN__C_LOWER) &&
                (next & AN__C_UPPER) && (cls_or0(z, j + 2) & AN__C_LOWER) &&
                !tld_follows(z, j + 1))
                break;
            if (j - seg > maxseg)
                maxseg = j - seg;
            j++;
            seg = j;
            dots++;
            conn++;
            segacc = 0;
            continue;
        }
        if (c == ',') {
            /* digit groups: "1,000", "1,000,000" */
            if (j > i && (an__tok_cls[u[j - 1]] & AN__C_DIGIT) &&
                (cls_or0(z, j + 1) & AN__C_DIGIT) &&
                (cls_or0(z, j + 2) & AN__C_DIGIT) &&
                (cls_or0(z, j + 3) & AN__C_DIGIT) &&
                !(cls_or0(z, j + 4) & AN__C_WORD)) {
                j++;
                conn++;
                continue;
            }
            break;
        }
        if (hyphen_at(z, j, &cl)) {
            next = cls_or0(z, j + (size_t)cl);
            if (!(next & AN__C_WORD))
                break;
            if (ud) {
                bool digits_both = (cls_before(z, j) & AN__C_DIGIT) &&
                                   (next & AN__C_DIGIT);
                /* (a second hyphen in a chain of digits settles it) */
                if (digits_both ? !(hyph || ud_number_chain(z, s, j))
                                : !ud_prefix(z->p + part, j - part))
                    break;
            }
            j += (size_t)cl;
            part = j;
            hyph++;
            conn++;
            if (cl > 1)
                acc |= AN__C_HIGH;
            continue;
        }
        if (apostrophe_at(z, j, &cl)) {
            size_t k = j + (size_t)cl, m = k;
            while (m < n && (an__tok_cls[u[m]] & (AN__C_UPPER | AN__C_LOWER)))
                m++;
            bool ends = m > k && !(cls_or0(z, m) & (AN__C_WORD | AN__C_MARK));
            if (ends && apostrophe_clitic(z->p + k, m - k)) {
                emit(z, s, j, 0);
                emit(z, j, m, 0);
                return m;
            }
            if (ends && m - k == 1 && (u[k] | 0x20) == 't' && j - s >= 2 &&
                (u[j - 1] | 0x20) == 'n') {
                emit(z, s, j - 1, 0);
                emit(z, j - 1, m, 0);
                return m;
            }
            if (m > k && !apos) { /* O'Brien, d'Ivoire, rock'n'roll */
                apos = 1;
                conn++;
                for (size_t q = k; q < m; q++)
                    segacc |= an__tok_cls[u[q]];
                if (cl > 1)
                    segacc |= AN__C_HIGH;
                j = m;
                continue;
            }
            break;
        }
        if (c == '/' || c == ':') {
            if ((cls_before(z, j) & AN__C_DIGIT) &&
                (cls_or0(z, j + 1) & AN__C_DIGIT)) {
                j++;
                conn++;
                continue;
            }
            if (c == '/' && j == s + 1 &&
                (an__tok_cls[u[s]] & (AN__C_UPPER | AN__C_LOWER))) {
                /* "b/c", "w/o", "w/": a letter and a slash */
                j++;
                conn++;
                if (cls_or0(z, j) & AN__C_ALPHA)
                    continue;
                break;
            }
            break;
        }
        if (c == '&') {
            if (j > i && (an__tok_cls[u[j - 1]] & AN__C_UPPER) &&
                (cls_or0(z, j + 1) & AN__C_UPPER)) {
                j++;
                conn++;
                continue;
            }
            break;
        }
        if (c == '_') {
            if (cls_or0(z, j + 1) & AN__C_WORD) {
                j++;
                conn++;
                continue;
            }
            break;
        }
        if (c == '@') {
            bool dotted;
            size_t e = email_domain(z, j, &dotted);
            if (e > j + 1) {
                emit(z, s, e, dotted ? AN_TOK_EMAIL : 0);
                return e;
            }
            break;
        }
        if (c == '$' && !ud) {
            /* "US$40", "HK$5": a prefix of capitals, then an amount. */
            if (j - s <= 3 && s == i && acc == AN__C_UPPER && !conn &&
                (cls_or0(z, j + 1) & AN__C_DIGIT)) {
                j++;
                conn++;
                continue;
            }
            break;
        }
        if (c == '%' && !ud) {
            if (an__tok_cls[u[j - 1]] & AN__C_DIGIT)
                j++;
            break;
        }
        break;
    }
    size_t e = j;
    if (dots && e - seg > maxseg)
        maxseg = e - seg;
    /* Dotted words with a path are web addresses: "nytimes.com/2020/x". */
    if (dots && e < n && u[e] == '/' && tld_len(z, s, e)) {
        e = url_end(z, s);
        emit(z, s, e, AN_TOK_URL);
        return e;
    }
    if (dots && !(acc & AN__C_DIGIT) && known_tld(z, s, e))
        extra |= AN_TOK_URL;
    /* A final period that belongs to the word ("Inc.." is "Inc." and a
       period, "Inc..." is "Inc" and an ellipsis). */
    if (e < n && u[e] == '.' && !(e + 2 < n && u[e + 1] == '.' &&
                                  u[e + 2] == '.') &&
        !(extra & AN_TOK_URL) &&
        keeps_period(z, s, e, dots, acc, hyph, maxseg)) {
        emit(z, s, e + 1, AN_TOK_ABBREV);
        return e + 1;
    }
    /* A number with a unit or a multiplier: "5pm" -> "5" "pm", "10km",
       "3bn"; ordinals and decades stay whole ("4th", "1990s"). */
    if ((acc & AN__C_DIGIT) && (acc & AN__C_LOWER) && !hyph && !apos &&
        !(extra & AN_TOK_URL)) {
        size_t k = i;
        while (k < e && ((an__tok_cls[u[k]] & AN__C_DIGIT) ||
                         ((u[k] == '.' || u[k] == ',') && k > i &&
                          k + 1 < e && (an__tok_cls[u[k + 1]] & AN__C_DIGIT))))
            k++;
        size_t q = k;
        while (q < e && (an__tok_cls[u[q]] & AN__C_LOWER))
            q++;
        if (k > i && q == e && k < e && !number_suffix(z->p + k, e - k)) {
            emit(z, s, k, 0);
            emit(z, k, e, 0);
            return e;
        }
    }
    /* Clitics without an apostrophe: "cannot", "gonna", "dont". */
    if (!conn && s == i && !(acc & ~(AN__C_UPPER | AN__C_LOWER)) &&
        e - s <= 8) {
        size_t k = word_split(z->p + s, e - s);
        if (k && !(e < n && apostrophe_at(z, e, &(int){0}))) {
            emit(z, s, s + k, 0);
            emit(z, s + k, e, 0);
            return e;
        }
    }
    /* a leading currency sign or '.' is ASCII unless it is "€", "£" */
    emit_word(z, s, e, s < i && u[s] >= 0x80 ? acc | AN__C_HIGH : acc, extra);
    return e;
}

/* ---- punctuation ---- */

/* Emoticons recognised between spaces or punctuation. */
static const char *const emoticons[] = {
    ":-)", ":)", ":-(", ":(", ":-D", ":D", ":-P", ":P", ":-p", ":p",
    ";-)", ";)", ";-(", ";(", ";D", ":'(", ":')", ":-/", ":/", ":-|", ":|",
    ":-O", ":O", ":-o", ":o", ":-*", ":*", ":]", ":[", ":-]", ":-[", ":>",
    ":-S", ":S", ":$", ":@", "=)", "=(", "=D", "=P", "<3", "</3", "^_^",
    "^^", "-_-", ">:(", ">:-(", "8-)"};

/* Length of an emoticon at i, or 0. */
static size_t emoticon(const tz *z, size_t i)
{
    unsigned before = cls_before(z, i);
    if (before & (AN__C_WORD | AN__C_MARK))
        return 0;
    for (size_t k = 0; k < AN_COUNT(emoticons); k++) {
        size_t m = strlen(emoticons[k]);
        if (z->n - i < m || memcmp(z->p + i, emoticons[k], m) != 0)
            continue;
        size_t e = i + m;
        uint8_t last = z->u[e - 1];
        if (last == ')' || last == '(' || last == 'D' || last == 'P')
            while (e < z->n && z->u[e] == last) /* ":))", ":DD" */
                e++;
        uint8_t nx = e < z->n ? z->u[e] : ' ';
        unsigned nc = cls_or0(z, e);
        if (e >= z->n || (nc & (AN__C_SPACE | AN__C_NL)) || nx == '.' ||
            nx == ',' || nx == '!' || nx == '?' || nx == ';')
            return e - i;
    }
    return 0;
}

/* True for code points that extend an emoji before them. */
static bool emoji_extender(int32_t cp)
{
    return cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3 ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
}

/* True for currency signs that may lead an amount. */
static bool currency(int32_t cp)
{
    return cp == '$' || cp == 0xA3 || cp == 0xA5 || cp == 0x20AC ||
           cp == 0x20B9 || cp == 0x20BD || cp == 0x20B4 || cp == 0x20A9;
}

/*
** A token starting with a non-word character at i.  Returns where the
** next token starts.
*/
static size_t punct(tz *z, size_t i)
{
    const uint8_t *u = z->u;
    const bool ud = z->opts & AN_TOK_OPT_UD;
    uint8_t c = u[i];
    int len;
    int32_t cp = cp_at(z, i, &len);
    size_t j = i + (size_t)len;
    if (c == ':' || c == ';' || c == '=' || c == '<' || c == '^' ||
        c == '>' || (c == '-' && j < z->n && u[j] == '_')) {
        size_t m = emoticon(z, i);
        if (m) {
            emit(z, i, i + m, 0);
            return i + m;
        }
    }
    switch (c) {
    case '.':
        if (j < z->n && (an__tok_cls[u[j]] & AN__C_DIGIT) &&
            !(cls_before(z, i) & AN__C_WORD))
            return word(z, i, j); /* ".5" */
        /* fall through: runs of periods are one token */
    case '!': case '?':
        while (j < z->n && (u[j] == c || (c != '.' && (u[j] == '!' ||
                                                      u[j] == '?'))))
            j++;
        emit(z, i, j, 0);
        return j;
    case '$':
        if (ud || !(j < z->n && (an__tok_cls[u[j]] & AN__C_DIGIT))) {
            while (j < z->n && u[j] == '$')
                j++; /* "$$$" */
            emit(z, i, j, 0);
            return j;
        }
        break;
    case '-': case '=': case '*': case '_': case '~': case '+': case '>':
    case '<': case '#': case '/': case '\\': case '|': case '`': case '^':
        if (c == '#' && j < z->n && (cls_or0(z, j) & AN__C_ALPHA)) {
            size_t k = j; /* #hashtag */
            while (k < z->n) {
                int l2;
                unsigned cc = cls_at(z, k, &l2);
                if (!(cc & (AN__C_WORD | AN__C_MARK)) && u[k] != '_')
                    break;
                k += (size_t)l2;
            }
            emit(z, i, k, 0);
            return k;
        }
        while (j < z->n && u[j] == c)
            j++;
        emit(z, i, j, 0);
        return j;
    case '\'':
        if (j < z->n && u[j] == '\'')
            j++; /* '' closing quote */
        emit(z, i, j, 0);
        return j;
    case '@':
        if (j < z->n && ((an__tok_cls[u[j]] & (AN__C_UPPER | AN__C_LOWER |
                                               AN__C_DIGIT)) || u[j] == '_') &&
            !(cls_before(z, i) & AN__C_WORD)) {
            size_t k = j; /* @handle */
            while (k < z->n && ((an__tok_cls[u[k]] &
                                 (AN__C_UPPER | AN__C_LOWER | AN__C_DIGIT)) ||
                                u[k] == '_'))
                k++;
            emit(z, i, k, 0);
            return k;
        }
        break;
    default:
        break;
    }
    /* "$40", "€5": an amount with its currency sign. */
    if (!ud && currency(cp) && j < z->n && (an__tok_cls[u[j]] & AN__C_DIGIT))
        return word(z, i, j);
    if (cp == 0x2026) { /* … */
        emit(z, i, j, 0);
        return j;
    }
    if (c >= 0x80) {
        unsigned cl = (unsigned)an__tok_ucls(cp);
        if (cl & AN__C_PUNCT) {
            /* An emoji with its modifiers, a ZWJ sequence or a flag. */
            bool ri = cp >= 0x1F1E6 && cp <= 0x1F1FF;
            while (j < z->n) {
                int l2;
                int32_t nx = cp_at(z, j, &l2);
                if (emoji_extender(nx)) {
                    j += (size_t)l2;
                } else if (nx == 0x200D && j + (size_t)l2 < z->n) {
                    int l3;
                    int32_t after = cp_at(z, j + (size_t)l2, &l3);
                    if (!(an__tok_ucls(after) & AN__C_PUNCT) || after < 0x2000)
                        break;
                    j += (size_t)l2 + (size_t)l3;
                } else if (ri && nx >= 0x1F1E6 && nx <= 0x1F1FF) {
                    j += (size_t)l2;
                    ri = false;
                } else {
                    break;
                }
            }
        } else {
            /* A mark or format character with nothing before it. */
            while (j < z->n) {
                int l2;
                unsigned c2 = cls_at(z, j, &l2);
                if (!(c2 & (AN__C_MARK | AN__C_JOIN)))
                    break;
                j += (size_t)l2;
            }
        }
    }
    emit(z, i, j, 0);
    return j;
}

/* ---- quotes ---- */


static int quote_kind(const char *p, size_t n)
{
    if (n == 1)
        return p[0] == '"' ? Q_DOUBLE : p[0] == '\'' ? Q_SCLOSE : Q_NONE;
    if (n == 2) {
        if (p[0] == '`' && p[1] == '`')
            return Q_DOPEN;
        if (p[0] == '\'' && p[1] == '\'')
            return Q_DCLOSE;
        if ((uint8_t)p[0] == 0xC2 && (uint8_t)p[1] == 0xAB)
            return Q_DOPEN;  /* « */
        if ((uint8_t)p[0] == 0xC2 && (uint8_t)p[1] == 0xBB)
            return Q_DCLOSE; /* » */
        return Q_NONE;
    }
    if (n == 3 && (uint8_t)p[0] == 0xE2 && (uint8_t)p[1] == 0x80) {
        switch ((uint8_t)p[2]) {
        case 0x9C: case 0x9E: case 0x9F: return Q_DOPEN;  /* “ „ ‟ */
        case 0x9D: return Q_DCLOSE;                       /* ” */
        case 0x98: case 0x9A: case 0x9B: return Q_SOPEN;  /* ‘ ‚ ‛ */
        case 0x99: return Q_SCLOSE;                       /* ’ */
        default: return Q_NONE;
        }
    }
    return Q_NONE;
}

/* ---- the passes ---- */

int an_tok_text(an_arena *a, const char *p, size_t n, unsigned opts,
                an_tok **toks, size_t *ntok)
{
    *toks = NULL;
    *ntok = 0;
    if (n >= UINT32_MAX)
        return AN_ERANGE;
    tz z = {a, p, (const uint8_t *)p, n, opts, NULL, 0, 0, 0, 0, 0, 0};
    /* News text has a token every five or six bytes; start a little
       lower (blank text need not cost much) and let the array grow. */
    z.cap = n / 8 + 16;
    z.v = an_arena_array(a, z.cap, sizeof *z.v);
    if (!z.v)
        return AN_ENOMEM;
    unsigned lines = 2; /* the text starts a paragraph */
    size_t i = 0;
    while (i < n && !z.oom) {
        uint8_t c = z.u[i];
        unsigned cl = an__tok_cls[c];
        if (cl & (AN__C_SPACE | AN__C_NL)) {
            if (c == '\n' || (c == '\r' && !(i + 1 < n && z.u[i + 1] == '\n')))
                lines++;
            else if (c == '\f')
                lines += 2;
            i++;
            continue;
        }
        int len = 1;
        if (cl & AN__C_HIGH) {
            int32_t cp = cp_at(&z, i, &len);
            unsigned uc = (unsigned)an__tok_ucls(cp);
            if (uc & (AN__C_SPACE | AN__C_NL)) {
                if (cp == 0x2029)
                    lines += 2;
                else if (uc & AN__C_NL)
                    lines++;
                i += (size_t)len;
                continue;
            }
            cl = uc;
        }
        if (lines) {
            z.pending = AN_TOK_NEWLINE_BEFORE;
            if (lines >= 2)
                z.pending |= AN_TOK_PARA_START;
            lines = 0;
        }
        if (cl & (AN__C_UPPER | AN__C_LOWER | AN__C_DIGIT)) {
            size_t m;
            if ((c | 0x20) == 'h' || (c | 0x20) == 'w' || (c | 0x20) == 'f' ||
                (c | 0x20) == 'm') {
                if ((m = url_prefix(&z, i)) != 0) {
                    size_t e = url_end(&z, i);
                    emit(&z, i, e, AN_TOK_URL);
                    i = e;
                    continue;
                }
            }
            i = word(&z, i, i);
        } else if (cl & (AN__C_LETTER)) {
            i = word(&z, i, i);
        } else {
            i = punct(&z, i);
        }
    }
    if (z.oom)
        return AN_ENOMEM;
    *toks = z.v;
    *ntok = z.nt;
    return AN_OK;
}

int an_tok_spans(an_arena *a, const char *p, size_t n, const uint32_t *spans,
                 size_t count, an_tok **toks)
{
    *toks = NULL;
    if (n >= UINT32_MAX)
        return AN_ERANGE;
    if (!count)
        return AN_OK;
    an_tok *v = an_arena_array(a, count, sizeof *v);
    if (!v)
        return AN_ENOMEM;
    tz z = {a, p, (const uint8_t *)p, n, 0, v, 0, count, 0, 0, 0, 0};
    size_t prev = 0;
    for (size_t k = 0; k < count; k++) {
        uint32_t s = spans[2 * k], e = spans[2 * k + 1];
        if (s < prev || e < s || e > n)
            return AN_EINVAL;
        unsigned lines = k == 0 ? 2 : 0;
        for (size_t q = prev; q < s;) {
            int len;
            int32_t cp = cp_at(&z, q, &len);
            if (cp == '\n' || (cp == '\r' && !(q + 1 < n && p[q + 1] == '\n')) ||
                cp == 0x85 || cp == 0x2028)
                lines++;
            else if (cp == '\f' || cp == 0x2029)
                lines += 2;
            q += (size_t)len;
        }
        z.pending = lines ? AN_TOK_NEWLINE_BEFORE : 0;
        if (lines >= 2)
            z.pending |= AN_TOK_PARA_START;
        uint16_t extra = 0;
        size_t len = e - s;
        if (len > 1 && p[e - 1] == '.') {
            bool alpha = false;
            for (size_t q = s; q < e; q++)
                alpha = alpha || (an__tok_cls[(uint8_t)p[q]] &
                                  (AN__C_UPPER | AN__C_LOWER));
            if (alpha)
                extra |= AN_TOK_ABBREV;
        }
        if (url_prefix(&z, s) && url_prefix(&z, s) < len)
            extra |= AN_TOK_URL;
        const char *at = memchr(p + s, '@', len);
        if (at && at > p + s && at < p + e - 1 && memchr(at, '.', (size_t)(p + e - at)))
            extra |= AN_TOK_EMAIL;
        emit(&z, s, e, extra);
        if (z.oom)
            return AN_ENOMEM;
        prev = e;
    }
    *toks = v;
    return AN_OK;
}

int an_tok_doc(an_doc *d)
{
    d->toks = NULL;
    d->ntok = 0;
    d->sents = NULL;
    d->nsent = 0;
    an_tok *t;
    size_t nt;
    int rc = an_tok_text(&d->arena, d->text.p, d->text.n, 0, &t, &nt);
    if (rc != AN_OK)
        return rc == AN_ERANGE ? AN_ENOMEM : rc;
    an_sent *s;
    size_t ns;
    rc = an_tok_split(&d->arena, d->text.p, d->text.n, t, nt, &s, &ns);
    if (rc != AN_OK)
        return rc;
    d->toks = t;
    d->ntok = nt;
    d->sents = s;
    d->nsent = ns;
    return AN_OK;
}
