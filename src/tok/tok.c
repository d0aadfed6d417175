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
** "40%").  After the pass, a second short pass marks quoted tokens.
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
    size_t k = strlen(lit);
    if (k != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (an_lower((unsigned char)p[i]) != (unsigned char)lit[i])
            return false;
    return true;
}

/* ---- emitting tokens ---- */

/* Append token [s, e) with extra flags; sets SPACE_AFTER from the text. */
static void emit(tz *z, size_t s, size_t e, uint16_t extra)
{
    if (AN_UNLIKELY(z->nt == z->cap)) {
        an_tok *v = an_arena_vec(z->a, z->v, &z->cap, z->nt + 1, sizeof *v);
        if (!v) {
            z->oom = 1;
            return;
        }
        z->v = v;
    }
    an_tok *t = &z->v[z->nt++];
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)s;
    t->end = (uint32_t)e;
    t->head = AN_TOK_NO_HEAD;
    uint16_t f;
    if (an__tok_norm(z->a, z->p + s, e - s, &t->norm, &f) != AN_OK)
        z->oom = 1;
    f |= extra | z->pending;
    z->pending = 0;
    if (e < z->n && (cls_or0(z, e) & (AN__C_SPACE | AN__C_NL)))
        f |= AN_TOK_SPACE_AFTER;
    t->flags = f;
}

/* ---- URLs, e-mail, handles ---- */

/* Length of a URL scheme or "www." prefix at i, or 0. */
static size_t url_prefix(const tz *z, size_t i)
{
    const char *p = z->p + i;
    size_t r = z->n - i;
    static const char *const pre[] = {"http://", "https://", "ftp://",
                                      "mailto:", "www."};
    for (size_t k = 0; k < AN_COUNT(pre); k++) {
        size_t m = strlen(pre[k]);
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
    for (;;) {
        if (j <= i + 1)
            break;
        uint8_t c = u[j - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
            c == '?' || c == '\'' || c == '*') {
            j--;
            continue;
        }
        if (c == ')' || c == ']' || c == '}') {
            uint8_t o = c == ')' ? '(' : c == ']' ? '[' : '{';
            int depth = 0;
            for (size_t k = i; k < j; k++)
                depth += (u[k] == o) - (u[k] == c);
            if (depth < 0) {
                j--;
                continue;
            }
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

static const abbrev abbrevs[] = {
    /* titles and ranks */
    {"mr", 'i'}, {"mrs", 'i'}, {"ms", 'i'}, {"messrs", 'i'}, {"mmes", 'i'},
    {"dr", 'i'}, {"prof", 'c'}, {"gen", 'c'}, {"lt", 'i'}, {"col", 'c'},
    {"maj", 'c'}, {"capt", 'i'}, {"cmdr", 'i'}, {"cdr", 'c'}, {"adm", 'c'},
    {"brig", 'c'}, {"sgt", 'i'}, {"cpl", 'i'}, {"pvt", 'i'}, {"gov", 'c'},
    {"govt", 'i'}, {"sen", 'c'}, {"sens", 'c'}, {"rep", 'c'}, {"reps", 'c'},
    {"rev", 'c'}, {"hon", 'c'}, {"pres", 'c'}, {"supt", 'i'}, {"insp", 'c'},
    {"det", 'c'}, {"fr", 'c'}, {"sr", 'i'}, {"jr", 'i'}, {"mme", 'c'},
    {"mlle", 'c'}, {"amb", 'c'}, {"atty", 'i'}, {"gens", 'c'},
    {"st", 'i'}, {"ste", 'c'}, {"mt", 'i'}, {"ft", 'i'},
    /* companies */
    {"inc", 'i'}, {"corp", 'i'}, {"co", 'c'}, {"ltd", 'i'}, {"bros", 'i'},
    {"plc", 'c'}, {"cie", 'c'}, {"dept", 'i'}, {"univ", 'i'}, {"assn", 'i'},
    {"ave", 'c'}, {"blvd", 'i'}, {"rd", 'c'}, {"hwy", 'i'},
    /* months and days */
    {"jan", 'c'}, {"feb", 'i'}, {"mar", 'c'}, {"apr", 'i'}, {"jun", 'c'},
    {"jul", 'c'}, {"aug", 'i'}, {"sep", 'c'}, {"sept", 'i'}, {"oct", 'i'},
    {"nov", 'i'}, {"dec", 'c'}, {"mon", 'c'}, {"tue", 'c'}, {"tues", 'c'},
    {"wed", 'c'}, {"thu", 'c'}, {"thur", 'c'}, {"thurs", 'c'}, {"fri", 'c'},
    {"sat", 'c'}, {"sun", 'c'},
    /* U.S. states (AP style) */
    {"ala", 'c'}, {"ariz", 'c'}, {"ark", 'c'}, {"calif", 'c'}, {"colo", 'c'},
    {"conn", 'c'}, {"del", 'c'}, {"fla", 'c'}, {"ga", 'c'}, {"ill", 'c'},
    {"ind", 'c'}, {"kan", 'c'}, {"kans", 'c'}, {"ky", 'c'}, {"la", 'c'},
    {"md", 'c'}, {"mass", 'c'}, {"mich", 'c'}, {"minn", 'c'}, {"miss", 'c'},
    {"mo", 'c'}, {"mont", 'c'}, {"neb", 'c'}, {"nev", 'c'}, {"okla", 'c'},
    {"ore", 'c'}, {"pa", 'c'}, {"tenn", 'c'}, {"tex", 'c'}, {"va", 'c'},
    {"vt", 'c'}, {"wash", 'c'}, {"wis", 'c'}, {"wyo", 'c'},
    /* Latin and references */
    {"etc", 'i'}, {"vs", 'i'}, {"v", 'i'}, {"al", 'i'}, {"approx", 'i'},
    {"cf", 'i'}, {"viz", 'i'}, {"ibid", 'i'}, {"ca", 'n'}, {"est", 'c'},
    {"no", 'n'}, {"nos", 'n'}, {"art", 'n'}, {"para", 'n'}, {"pp", 'n'},
    {"p", 'n'}, {"fig", 'n'}, {"figs", 'n'}, {"ch", 'n'}, {"chap", 'n'},
    {"sec", 'n'}, {"vol", 'n'}, {"vols", 'n'}, {"op", 'n'}, {"ed", 'c'},
    {"eds", 'c'}, {"tel", 'i'}, {"ext", 'n'}, {"approx", 'i'}};

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
                         unsigned letters, unsigned digits, unsigned hyph,
                         size_t maxseg)
{
    const uint8_t *u = z->u;
    if (digits || hyph || !letters)
        return false;
    if (dots)
        return maxseg <= 2;
    if (e - s == 1)
        return an__tok_cls[u[s]] & AN__C_UPPER;
    if (e - s > 6)
        return false;
    for (size_t k = 0; k < AN_COUNT(abbrevs); k++) {
        const abbrev *ab = &abbrevs[k];
        if (!ieq(z->p + s, e - s, ab->w))
            continue;
        if (ab->mode == 'c')
            return an__tok_cls[u[s]] & AN__C_UPPER;
        if (ab->mode == 'n')
            return number_follows(z, e + 1);
        return true;
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
    if (n < 4 || n > 8)
        return n == 2 && ieq(p, n, "im") ? 1 : 0;
    static const struct {
        const char *w;
        uint8_t k;
    } sp[] = {{"cannot", 3}, {"gonna", 3}, {"gotta", 3}, {"wanna", 3},
              {"lemme", 3},  {"gimme", 3}, {"dont", 2},  {"didnt", 3},
              {"doesnt", 4}, {"cant", 2},  {"isnt", 2},  {"wasnt", 3},
              {"arent", 3},  {"werent", 4}, {"couldnt", 5}, {"wouldnt", 5},
              {"shouldnt", 6}, {"havent", 4}, {"hasnt", 3}, {"hadnt", 3},
              {"aint", 2}};
    for (size_t k = 0; k < AN_COUNT(sp); k++)
        if (ieq(p, n, sp[k].w))
            return sp[k].k;
    return 0;
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
        groups++;
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
** token starts.
*/
static size_t word(tz *z, size_t s, size_t i)
{
    const uint8_t *u = z->u;
    const bool ud = z->opts & AN_TOK_OPT_UD;
    size_t j = i, seg = s, part = s, maxseg = 0;
    unsigned letters = 0, digits = 0, dots = 0, hyph = 0, lower_in_seg = 0;
    unsigned letters_in_seg = 0, only_letters = 1, apos = 0;
    uint16_t extra = 0;
    for (;;) {
        /* a run of word characters */
        while (j < z->n) {
            unsigned c = an__tok_cls[u[j]];
            if (c & (AN__C_UPPER | AN__C_LOWER)) {
                letters++;
                letters_in_seg++;
                lower_in_seg |= c & AN__C_LOWER;
                j++;
            } else if (c & AN__C_DIGIT) {
                digits++;
                only_letters = 0;
                j++;
            } else if (c & AN__C_HIGH) {
                int len;
                unsigned uc = cls_at(z, j, &len);
                if (uc & AN__C_ALPHA) {
                    letters++;
                    letters_in_seg++;
                    lower_in_seg |= uc & AN__C_LOWER;
                } else if (uc & AN__C_DIGIT) {
                    digits++;
                    only_letters = 0;
                } else if (!(uc & (AN__C_MARK | AN__C_JOIN))) {
                    break;
                }
                j += (size_t)len;
            } else {
                break;
            }
        }
        if (j >= z->n)
            break;
        /* a connector? */
        uint8_t c = u[j];
        int cl;
        unsigned next;
        if (c == '.') {
            next = cls_or0(z, j + 1);
            if (!ud && dots && letters_in_seg == 1 && j + 2 < z->n &&
                u[j + 1] == '-' && (cls_or0(z, j + 2) & AN__C_ALPHA)) {
                j += 2; /* "U.S.-led": the abbreviation keeps its period */
                part = j;
                hyph++;
                letters_in_seg = lower_in_seg = 0;
                continue;
            }
            if (!(next & AN__C_WORD))
                break;
            /* "said.The": a lower-case word, a period, a capitalised
               word - two words run together, not a name. */
            if (letters_in_seg >= 2 && lower_in_seg && (next & AN__C_UPPER) &&
                (cls_or0(z, j + 2) & AN__C_LOWER))
                break;
            size_t segl = j - seg;
            if (segl > maxseg)
                maxseg = segl;
            j++;
            seg = j;
            dots++;
            only_letters = 0;
            letters_in_seg = lower_in_seg = 0;
            continue;
        }
        if (c == ',') {
            if (j > i && (an__tok_cls[u[j - 1]] & AN__C_DIGIT) &&
                j + 3 < z->n && (an__tok_cls[u[j + 1]] & AN__C_DIGIT) &&
                (an__tok_cls[u[j + 2]] & AN__C_DIGIT) &&
                (an__tok_cls[u[j + 3]] & AN__C_DIGIT) &&
                !(cls_or0(z, j + 4) & AN__C_WORD)) {
                j++;
                continue;
            }
            if (j > i && (an__tok_cls[u[j - 1]] & AN__C_DIGIT) &&
                j + 3 == z->n && (an__tok_cls[u[j + 1]] & AN__C_DIGIT) &&
                (an__tok_cls[u[j + 2]] & AN__C_DIGIT)) {
                j++; /* "1,000" at the very end of the text */
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
                if (digits_both ? !ud_number_chain(z, s, j)
                                : !ud_prefix(z->p + part, j - part))
                    break;
            }
            j += (size_t)cl;
            part = j;
            hyph++;
            only_letters = 0;
            continue;
        }
        if (apostrophe_at(z, j, &cl)) {
            size_t k = j + (size_t)cl, m = k;
            while (m < z->n && (an__tok_cls[u[m]] & (AN__C_UPPER | AN__C_LOWER)))
                m++;
            bool ends = m > k && !(cls_or0(z, m) & (AN__C_WORD | AN__C_MARK));
            if (ends && apostrophe_clitic(z->p + k, m - k)) {
                if (j > s) {
                    emit(z, s, j, 0);
                    emit(z, j, m, 0);
                    return m;
                }
                break;
            }
            if (ends && ieq(z->p + k, m - k, "t") && j - s >= 2 &&
                (u[j - 1] == 'n' || u[j - 1] == 'N')) {
                emit(z, s, j - 1, 0);
                emit(z, j - 1, m, 0);
                return m;
            }
            if (m > k && !apos) { /* O'Brien, d'Ivoire, rock'n'roll */
                apos = 1;
                j = m;
                letters += (unsigned)(m - k);
                only_letters = 0;
                continue;
            }
            break;
        }
        if (c == '/' || c == ':') {
            if ((cls_before(z, j) & AN__C_DIGIT) &&
                (cls_or0(z, j + 1) & AN__C_DIGIT)) {
                j++;
                only_letters = 0;
                continue;
            }
            if (c == '/' && j == s + 1 && (an__tok_cls[u[s]] &
                                           (AN__C_UPPER | AN__C_LOWER))) {
                /* "b/c", "w/o", "w/": a letter and a slash */
                j++;
                only_letters = 0;
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
                only_letters = 0;
                continue;
            }
            break;
        }
        if (c == '_') {
            if (cls_or0(z, j + 1) & AN__C_WORD) {
                j++;
                only_letters = 0;
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
            if (j - s <= 3 && letters == j - s && digits == 0 &&
                (cls_or0(z, j + 1) & AN__C_DIGIT)) {
                bool caps = true;
                for (size_t q = s; q < j; q++)
                    caps = caps && (an__tok_cls[u[q]] & AN__C_UPPER);
                if (caps) {
                    j++;
                    only_letters = 0;
                    continue;
                }
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
    size_t segl = e - seg;
    if (segl > maxseg && dots)
        maxseg = segl;
    /* Dotted words with a path are web addresses: "nytimes.com/2020/x". */
    if (dots && e < z->n && u[e] == '/' && tld_len(z, s, e)) {
        e = url_end(z, s);
        emit(z, s, e, AN_TOK_URL);
        return e;
    }
    if (dots && !digits && known_tld(z, s, e))
        extra |= AN_TOK_URL;
    /* A final period that belongs to the word ("Inc.." is "Inc." and a
       period, "Inc..." is "Inc" and an ellipsis). */
    if (e < z->n && u[e] == '.' &&
        !(e + 2 < z->n && u[e + 1] == '.' && u[e + 2] == '.') &&
        !(extra & AN_TOK_URL) &&
        keeps_period(z, s, e, dots, letters, digits, hyph, maxseg)) {
        emit(z, s, e + 1, AN_TOK_ABBREV);
        return e + 1;
    }
    /* A number with a unit or a multiplier: "5pm" -> "5" "pm", "10km",
       "3bn"; ordinals and decades stay whole ("4th", "1990s"). */
    if (digits && letters && !hyph && !apos && !(extra & AN_TOK_URL)) {
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
    if (only_letters && s == i) {
        size_t k = word_split(z->p + s, e - s);
        if (k && !(e < z->n && apostrophe_at(z, e, &(int){0}))) {
            emit(z, s, s + k, 0);
            emit(z, s + k, e, 0);
            return e;
        }
    }
    emit(z, s, e, extra);
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

/* Kind of quotation mark a token is. */
enum { Q_NONE, Q_DOUBLE, Q_DOPEN, Q_DCLOSE, Q_SOPEN, Q_SCLOSE };

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

/*
** Mark the tokens between quotation marks (not the marks) as QUOTED.
** Straight double quotes toggle; curly ones open and close; a single
** quote closes only a single quote that is open.  A paragraph starts
** outside quotes (news repeats the opening mark on each paragraph of a
** long quotation and closes only the last).
*/
static void mark_quotes(const char *p, an_tok *t, size_t nt)
{
    int dq = 0, sq = 0;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].flags & AN_TOK_PARA_START)
            dq = sq = 0;
        int q = (t[i].flags & AN_TOK_PUNCT)
                    ? quote_kind(p + t[i].start, t[i].end - t[i].start)
                    : Q_NONE;
        switch (q) {
        case Q_DOUBLE: dq = !dq; break;
        case Q_DOPEN: dq = 1; break;
        case Q_DCLOSE: dq = 0; break;
        case Q_SOPEN: sq = 1; break;
        case Q_SCLOSE: sq = 0; break;
        default:
            if (dq || sq)
                t[i].flags |= AN_TOK_QUOTED;
            break;
        }
    }
}

/* ---- the passes ---- */

int an_tok_text(an_arena *a, const char *p, size_t n, unsigned opts,
                an_tok **toks, size_t *ntok)
{
    *toks = NULL;
    *ntok = 0;
    if (n >= UINT32_MAX)
        return AN_ERANGE;
    tz z = {a, p, (const uint8_t *)p, n, opts, NULL, 0, 0, 0, 0};
    /* Most news text has a token every five or six bytes. */
    z.cap = n / 5 + 16;
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
    mark_quotes(p, z.v, z.nt);
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
    tz z = {a, p, (const uint8_t *)p, n, 0, v, 0, count, 0, 0};
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
    mark_quotes(p, v, count);
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
