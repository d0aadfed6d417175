/*
** sent.c - the sentence splitter.
**
** Every boundary between two tokens is first put to rules
** (an__sent_rule), which answer yes, no, or "ask the model".
**
** Layout: a blank line ends a sentence; a single line break ends one too
** (headlines, date lines, bullet lists), unless the text is hard-wrapped
** prose or the next line carries on in lower case.  A line without
** sentence-final punctuation that shares its paragraph with other lines
** (a headline, a byline above the text) is one sentence.
**
** E-mail (EWT has much of it): a header "Kay Mann 04/26/2001 07:17 AM"
** is a sentence of its own, split from the name before it and the text
** after it; a closing formula ("Thanks,", "Best regards,") ends a
** sentence before the sender's name; after an e-mail address or a URL
** the model decides even where the prose rules below would say no.
**
** Prose (news): no sentence ends before a lower-case word after a word
** or after punctuation that does not end sentences; nor between two
** words on one line of edited prose (a text whose long lines end with
** . ! ?), nor between two words of a sentence that has a word in lower
** case when . ! ? comes later in its paragraph ("Felt steered || The
** Post"); nor after a comma, unless the sentence so far is a greeting
** or names ("Hi Mike, || I wanted"); nor inside a run of capitalised
** words that starts a sentence; nor before punctuation attached to the
** token before, after a title ("Gen."), after a bullet, before an agency
** tag ("(Reuters) -"), between a date and its time or a number and
** AM/PM, between two hyphens written for a dash.  Quotation marks stay
** with their quotation: none ends just after an opening mark or before a
** closing one, nor between a word and a quotation mark; a mark that ends
** its line, or a straight single quote standing apart after a sentence's
** end, closes.  A sentence made only of a quotation mark joins the one
** before it (or the next, when written against its word).
**
** The rest - about one boundary in eight in news - is decided by an
** averaged perceptron trained on UD English EWT (tools/train_sent.c ->
** sent_model.c).  Its features look at the tokens around the boundary:
** their matching forms, shapes ("Xx.", "X.X.", "dd"; punctuation by its
** norm, so curly quotes look straight), flags (abbreviation, quoted,
** space after), how long the current sentence already is, how far the
** next . ! ? and the paragraph end are, how punctuated the document is,
** where in its paragraph the boundary is, whether it is inside brackets,
** whether the next word repeats the first of the sentence (lists), and
** what a lexicon from EWT train says of the next word (mostly written in
** lower case, so a capital marks a sentence start: "Take", "Thanks"; how
** often it starts a sentence).  Boundaries between two words on one line
** get a smaller set of features, which keeps the frequent case cheap.
**
** Decoding is greedy, left to right; the length feature uses the
** decisions already taken.  Features are 64-bit hashes; the model is an
** open-addressing table of 16-bit fingerprints and 8-bit weights, so an
** unknown feature costs a probe or two and (but for a rare fingerprint
** clash) weighs nothing.
*/
#include "tok_int.h"

/* ---- hashing ---- */

/* Hash of a byte string (FNV-1a, byte order independent). */
static uint64_t hbytes(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/*
** One feature: template `tid` over up to three values (which are hashes
** or small numbers).  Three multiplications spread the inputs, one
** multiply-xorshift round finishes; the model table uses the low bits
** for the slot and the top 16 for the fingerprint.
*/
static inline uint64_t feat(uint64_t tid, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t h = (tid << 56) ^ (a * 0xC2B2AE3D27D4EB4FULL) ^
                 (b * 0x165667B19E3779F9ULL) ^ ((c + tid) * 0x27D4EB2F165667C5ULL);
    h ^= h >> 31;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 29;
    return h;
}

/* ---- token descriptions ---- */

/*
** The shape of a token: X for a capital, x for a small letter, d for a
** digit, the character itself for ASCII punctuation, o for other
** characters; runs of one class longer than two are cut to two, and the
** whole to 8 characters.  "Smith" -> "Xxx", "U.S." -> "X.X.", "1,000" ->
** "d,dd".
*/
static uint64_t shape_hash(const char *p, size_t n, uint8_t *lower)
{
    char s[8];
    size_t k = 0;
    char prev = 0;
    int run = 0;
    *lower = 0;
    /* Fast path: ASCII letters, all small but maybe the first ("said",
       "Washington"), the commonest shapes. */
    if (n && (uint8_t)p[0] < 0x80 && (an__tok_cls[(uint8_t)p[0]] &
                                      (AN__C_UPPER | AN__C_LOWER))) {
        size_t q = 1;
        while (q < n && (an__tok_cls[(uint8_t)p[q]] & AN__C_LOWER))
            q++;
        if (q == n) {
            bool up = an__tok_cls[(uint8_t)p[0]] & AN__C_UPPER;
            *lower = !up;
            size_t m = 0;
            if (up)
                s[m++] = 'X';
            size_t small = up ? n - 1 : n;
            for (size_t r = 0; r < small && r < 2; r++)
                s[m++] = 'x';
            return hbytes(s, m);
        }
    }
    for (size_t i = 0; i < n && k < sizeof s;) {
        uint8_t c = (uint8_t)p[i];
        char ch;
        size_t len = 1;
        unsigned cl;
        if (c < 0x80) {
            cl = an__tok_cls[c];
        } else {
            int32_t cp = 0;
            len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (len > n - i)
                len = n - i;
            /* decode without checks: the text is valid UTF-8 */
            cp = len == 1 ? c : (c & (0xFF >> (len + 1)));
            for (size_t q = 1; q < len; q++)
                cp = (cp << 6) | ((uint8_t)p[i + q] & 0x3F);
            cl = (unsigned)an__tok_ucls(cp);
        }
        if (cl & AN__C_UPPER)
            ch = 'X';
        else if (cl & (AN__C_LOWER | AN__C_LETTER))
            ch = 'x';
        else if (cl & AN__C_DIGIT)
            ch = 'd';
        else if (c < 0x80)
            ch = (char)c;
        else
            ch = 'o';
        if (i == 0 && (cl & AN__C_LOWER))
            *lower = 1;
        i += len;
        if (cl & AN__C_MARK)
            continue;
        run = ch == prev ? run + 1 : 1;
        prev = ch;
        if (run <= 2)
            s[k++] = ch;
    }
    return hbytes(s, k);
}

/*
** The description of token i (the edge of the text when !valid or out of
** range), from the context's small cache when it was made recently.
*/
static const an__sent_tdesc *describe(an__sent_ctx *c, size_t i, bool valid)
{
    static const an__sent_tdesc edge = {0x5eed, 0x5eed, 0, 0, 0, 0, SIZE_MAX};
    if (!valid || i >= c->ntok)
        return &edge;
    an__sent_tdesc *d = &c->desc[i & 3];
    if (d->tok == i)
        return d;
    const an_tok *t = &c->toks[i];
    size_t fl = t->norm.n < 24 ? t->norm.n : 24;
    uint8_t lower;
    d->form = hbytes(t->norm.p, fl);
    if ((t->flags & AN_TOK_PUNCT) && t->norm.n) {
        /* punctuation by its norm, so curly quotes and dashes look like
           the straight ones EWT mostly has */
        d->shape = shape_hash(t->norm.p, t->norm.n, &lower);
        d->last = (uint8_t)t->norm.p[t->norm.n - 1];
    } else {
        d->shape = shape_hash(c->p + t->start, t->end - t->start, &lower);
        d->last = t->end > t->start ? (uint8_t)c->p[t->end - 1] : 0;
    }
    d->flags = t->flags;
    d->len = (uint8_t)AN_MIN(t->end - t->start, (uint32_t)255);
    d->lex = -1;
    d->tok = i;
    return d;
}

uint64_t an__sent_form_hash(const char *p, size_t n)
{
    return hbytes(p, n < 24 ? n : 24);
}

/*
** The lexicon value of token i (AN__SENT_LEX_* bits; 0 for a word EWT
** train does not know), looked up once per description.  Token i must
** have just been described (describe(c, i, ...)).
*/
static unsigned lexval(an__sent_ctx *c, size_t i)
{
    if (i >= c->ntok || !c->m || !c->m->lex)
        return 0;
    an__sent_tdesc *d = &c->desc[i & 3];
    if (d->tok != i)
        return 0;
    if (d->lex >= 0)
        return (unsigned)d->lex;
    unsigned v = 0;
    uint32_t key = an__sent_lexkey(d->form), mask = c->m->lexmask;
    uint32_t slot = (uint32_t)d->form & mask;
    for (uint32_t probe = 0; probe <= mask; probe++) {
        uint32_t k = c->m->lex[slot];
        if (k == key) {
            v = c->m->lexval ? c->m->lexval[slot] : AN__SENT_LEX_LOWER;
            break;
        }
        if (k == 0)
            break;
        slot = (slot + 1) & mask;
    }
    d->lex = (int16_t)v;
    return v;
}

/*
** What the lexicon says of a capitalised token: 1 when its word is mostly
** written in lower case (so the capital suggests a sentence start: "Take",
** "Thanks"), 2 when it is not (names), 0 when it is not capitalised.
*/
static uint64_t lexclass(uint16_t flags, unsigned lex)
{
    if (!(flags & AN_TOK_CAP) || (flags & AN_TOK_ALLCAPS))
        return 0;
    return (lex & AN__SENT_LEX_LOWER) ? 1 : 2;
}



/* ---- rules ---- */

/* True when the token is exactly the bytes s[0..n). */
static inline bool tok_is_n(const an__sent_ctx *c, const an_tok *t,
                            const char *s, size_t n)
{
    return t->end - t->start == n && memcmp(c->p + t->start, s, n) == 0;
}

/* True when the token is exactly the string literal `lit`. */
#define tok_is(c, t, lit) tok_is_n((c), (t), (lit), sizeof(lit) - 1)

/* Class of the first character of a token. */
static inline unsigned first_cls(const an__sent_ctx *c, const an_tok *t)
{
    uint8_t b = (uint8_t)c->p[t->start];
    if (b < 0x80)
        return an__tok_cls[b];
    int32_t cp = 0;
    size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (len > t->end - t->start)
        return 0;
    cp = b & (0xFF >> (len + 1));
    for (size_t q = 1; q < len; q++)
        cp = (cp << 6) | ((uint8_t)c->p[t->start + q] & 0x3F);
    return (unsigned)an__tok_ucls(cp);
}

static bool quote_mark(const an__sent_ctx *c, const an_tok *t);
static bool closing_formula(const an__sent_ctx *c, size_t i);

/* The lexicon value (AN__SENT_LEX_*) of a token's norm; 0 if unknown. */
static unsigned lex_of(const an__sent_ctx *c, const an_tok *t)
{
    if (!c->m || !c->m->lex)
        return 0;
    uint64_t h = an__sent_form_hash(t->norm.p, t->norm.n);
    uint32_t key = an__sent_lexkey(h), mask = c->m->lexmask;
    uint32_t slot = (uint32_t)h & mask;
    for (uint32_t probe = 0; probe <= mask; probe++) {
        uint32_t k = c->m->lex[slot];
        if (k == key)
            return c->m->lexval ? c->m->lexval[slot] : AN__SENT_LEX_LOWER;
        if (k == 0)
            break;
        slot = (slot + 1) & mask;
    }
    return 0;
}

/* A word of a word list (at most 15 bytes, NUL-padded). */
typedef char an__word[16];

static bool norm_in(const an_tok *t, const an__word *w, size_t nw);

/* norm_in() over a static list. */
#define NORM_IN(t, list) norm_in((t), (list), sizeof(list) / sizeof *(list))

/* Words of a greeting ("Hi Mike,", "Dear all,"). */
static const an__word greetings[] = {
    "hi", "hello", "dear", "hey", "greetings", "good", "morning", "afternoon",
    "evening", "all", "everyone", "team", "folks", "guys", "sir", "madam",
    "gentlemen", "ladies", "friends"
};

/* The state of the sentence so far (AN__SENT_ST_*) after token i. */
static inline unsigned state_next(const an__sent_ctx *c, size_t i, bool first,
                                  unsigned st)
{
    const an_tok *t = &c->toks[i];
    if (first)
        st = AN__SENT_ST_CAPS | AN__SENT_ST_NAMES |
             (i > 0 && closing_formula(c, i - 1) ? AN__SENT_ST_SIG : 0);
    if (!(t->flags & AN_TOK_CAP))
        st &= ~(unsigned)AN__SENT_ST_CAPS;
    /* names, titles and greetings only: "Hi Mike", "Dear Dr. Harris" */
    if ((st & AN__SENT_ST_NAMES) &&
        !(t->flags & AN_TOK_PUNCT) &&
        (!(t->flags & AN_TOK_CAP) ||
         (!(t->flags & AN_TOK_ABBREV) && (lex_of(c, t) & AN__SENT_LEX_LOWER) &&
          !NORM_IN(t, greetings))))
        st &= ~(unsigned)AN__SENT_ST_NAMES;
    if (!(t->flags & AN_TOK_PUNCT)) {
        st |= AN__SENT_ST_WORD;
        if (!(st & AN__SENT_ST_PROSE) &&
            !(t->flags & (AN_TOK_URL | AN_TOK_EMAIL)) &&
            (first_cls(c, t) & AN__C_LOWER))
            st |= AN__SENT_ST_PROSE;
    } else if (!(st & AN__SENT_ST_QUOTE) && quote_mark(c, t)) {
        st |= AN__SENT_ST_QUOTE;
    }
    return st;
}

unsigned an__sent_state(const an__sent_ctx *c, size_t i, bool first,
                        unsigned st)
{
    return state_next(c, i, first, st);
}

/* A bullet that starts a line: - * + • · or "1." / "1)" / "a)". */
static bool bullet(const an__sent_ctx *c, size_t i)
{
    const an_tok *t = &c->toks[i];
    if (tok_is(c, t, "-") || tok_is(c, t, "*") || tok_is(c, t, "+") ||
        tok_is(c, t, "\xE2\x80\xA2") || tok_is(c, t, "\xC2\xB7") ||
        tok_is(c, t, "\xE2\x80\x93") || tok_is(c, t, "\xE2\x80\x94"))
        return true;
    if (i + 1 < c->ntok && t->end - t->start <= 2 &&
        (tok_is(c, &c->toks[i + 1], ".") || tok_is(c, &c->toks[i + 1], ")")) &&
        !(c->toks[i + 1].flags & AN_TOK_NEWLINE_BEFORE))
        return true;
    return false;
}

static bool terminal(const an__sent_ctx *c, const an_tok *t);

/*
** Edited prose (news, most web articles): a text of two lines or more
** whose lines of 16 tokens or more end with sentence-final punctuation
** (maybe followed by closing quotes or brackets) at least 80% of the
** time, have one such mark every 30 tokens or fewer, and have at most 5%
** of their tokens in stretches of more than 60 tokens without one.  In
** such text a sentence does not end between two words on one line; in
** e-mail, lists and chat it may.  (One-line texts are left to the model,
** which also sees this flag.)
*/
static bool edited_prose(const an__sent_ctx *c)
{
    size_t lines = 0, good = 0, ls = 0, nterm = 0, ltoks = 0, runon = 0;
    size_t all = 0;
    const an_tok *t = c->toks;
    for (size_t i = 0; i < c->ntok; i++) {
        if (i + 1 < c->ntok && !(t[i + 1].flags & AN_TOK_NEWLINE_BEFORE))
            continue;
        all++;
        size_t len = i - ls + 1;
        if (len >= 16) {
            lines++;
            size_t k = i;
            while (k > ls && (t[k].flags & AN_TOK_PUNCT) && !terminal(c, &t[k]))
                k--;
            good += terminal(c, &t[k]);
            ltoks += len;
            size_t stretch = 0;
            for (size_t q = ls; q <= i; q++) {
                if (terminal(c, &t[q])) {
                    nterm++;
                    if (stretch > 60)
                        runon += stretch;
                    stretch = 0;
                } else {
                    stretch++;
                }
            }
            if (stretch > 60)
                runon += stretch;
        }
        ls = i + 1;
    }
    return all >= 2 && lines && nterm >= 2 && good * 10 >= lines * 8 &&
           nterm * 30 >= ltoks && runon * 20 <= ltoks;
}

void an__sent_ctx_init(an__sent_ctx *c, const an__sent_model *m,
                       const char *p, size_t n, const an_tok *toks,
                       size_t ntok)
{
    c->m = m;
    c->p = p;
    c->n = n;
    c->toks = toks;
    c->ntok = ntok;
    for (int k = 0; k < 4; k++)
        c->desc[k].tok = SIZE_MAX;
    c->term_from = c->term_at = c->para_from = c->para_at = 0;
    c->scan_at = c->para_begin = 0;
    c->paren = 0;
    c->ln_from = c->ln_to = 0;
    c->ln_bare = false;
    /* Hard-wrapped prose breaks lines inside sentences, so many of its
       single line breaks come before a lower-case word. */
    size_t breaks = 0, soft = 0;
    for (size_t i = 1; i < ntok; i++) {
        uint16_t f = toks[i].flags;
        if (!(f & AN_TOK_NEWLINE_BEFORE) || (f & AN_TOK_PARA_START))
            continue;
        breaks++;
        if ((first_cls(c, &toks[i]) & AN__C_LOWER) &&
            !(toks[i - 1].flags & AN_TOK_PUNCT))
            soft++;
    }
    c->wrapped = soft >= 2 && soft * 4 >= breaks;
    /* Edited prose (news) ends nearly every paragraph with . ! or ? and
       has one every 15-30 tokens; e-mail and chat text much less often.
       The model conjoins this style with its other evidence. */
    size_t paras = 0, pend = 0, nterm = 0;
    for (size_t i = 0; i < ntok; i++) {
        if (terminal(c, &toks[i]))
            nterm++;
        if (i + 1 == ntok || (toks[i + 1].flags & AN_TOK_PARA_START)) {
            paras++;
            size_t k = i;
            while (k > 0 && (toks[k].flags & AN_TOK_PUNCT) && !terminal(c, &toks[k]))
                k--; /* closing quotes and brackets */
            pend += terminal(c, &toks[k]);
        }
    }
    c->edited = edited_prose(c);
    int s = 0;
    if (ntok >= 8) {
        double per = nterm ? (double)ntok / (double)nterm : 1e9;
        s = per <= 25 ? 2 : per <= 50 ? 1 : 0;
        if (paras >= 2 && pend * 2 >= paras && s < 3)
            s++;
    } else {
        s = 4;
    }
    c->style = s;
}

/* True when the norm of token t is one of the NUL-separated words. */
static bool norm_in(const an_tok *t, const an__word *w, size_t nw)
{
    size_t n = t->norm.n;
    if (!n || n > 15)
        return false;
    const char *p = t->norm.p;
    for (size_t k = 0; k < nw; k++)
        if (w[k][0] == p[0] && w[k][n] == 0 && memcmp(w[k], p, n) == 0)
            return true;
    return false;
}

/*
** "in the U.S. The talks": an abbreviation that ends a sentence, seen
** from the next word - a capitalised word that mostly starts sentences.
** Titles ("Mr.", "Gen.") and initials ("J.") are followed by names, so
** they do not count; EWT has too few such cases for the model to learn.
*/
/* Quotation marks that only open: “ „ « `` ‘ ‚ */
static bool opening_mark(const an__sent_ctx *c, const an_tok *t)
{
    uint8_t b0 = (uint8_t)c->p[t->start];
    if (b0 != 0xE2 && b0 != 0xC2 && b0 != '`')
        return false;
    return tok_is(c, t, "\xE2\x80\x9C") || tok_is(c, t, "\xE2\x80\x9E") ||
           tok_is(c, t, "\xC2\xAB") || tok_is(c, t, "``") ||
           tok_is(c, t, "\xE2\x80\x98") || tok_is(c, t, "\xE2\x80\x9A");
}

/* Double quotation marks that only close: ” » '' */
static bool closing_mark(const an__sent_ctx *c, const an_tok *t)
{
    uint8_t b0 = (uint8_t)c->p[t->start];
    if (b0 != 0xE2 && b0 != 0xC2 && b0 != '\'')
        return false;
    return tok_is(c, t, "\xE2\x80\x9D") || tok_is(c, t, "\xC2\xBB") ||
           tok_is(c, t, "''") || tok_is(c, t, "\xE2\x80\x99");
}

/* Any quotation mark: straight, curly, guillemet, `` and ''. */
static bool quote_mark(const an__sent_ctx *c, const an_tok *t)
{
    if (!(t->flags & AN_TOK_PUNCT) || t->end - t->start > 3)
        return false;
    uint8_t b0 = (uint8_t)c->p[t->start];
    if (b0 != '"' && b0 != '\'' && b0 != '`' && b0 != 0xC2 && b0 != 0xE2)
        return false;
    return tok_is(c, t, "\"") || tok_is(c, t, "'") || tok_is(c, t, "``") ||
           tok_is(c, t, "''") || opening_mark(c, t) || closing_mark(c, t) ||
           tok_is(c, t, "\xE2\x80\x98") || tok_is(c, t, "\xE2\x80\x99");
}

/* Titles: abbreviations that come before a name. */
static const an__word titles[] = {
    "mr.", "mrs.", "ms.", "dr.", "drs.", "prof.", "gen.", "lt.", "col.",
    "maj.", "capt.", "sgt.", "cpl.", "gov.", "sen.", "rep.", "rev.", "st.",
    "mt.", "ft.", "messrs.", "adm.", "cmdr.", "fr.", "pres.", "hon.", "supt.",
    "insp.", "det.", "amb."
};

/* "No." before a number. */
static const an__word number_abbrev[] = {
    "no."
};

/* Words that mostly start a sentence when capitalised after an abbreviation. */
static const an__word starters[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but",
    "and", "so", "this", "that", "these", "those", "there", "his", "her",
    "its", "their", "our", "in", "on", "at", "for", "if", "when", "while",
    "after", "before", "however", "meanwhile", "also", "yet", "still", "then",
    "what", "who", "why", "how", "where", "some", "many", "most", "officials",
    "both", "earlier", "last", "since"
};

/* Titles: abbreviations that come before a name. */
static bool title(const an_tok *b)
{
    return NORM_IN(b, titles);
}

static bool abbrev_then_starter(const an__sent_ctx *c, const an_tok *b,
                                const an_tok *nx)
{
    if (!(b->flags & AN_TOK_ABBREV) || !(nx->flags & AN_TOK_CAP) ||
        b->end - b->start < 3)
        return false;
    if (title(b) || NORM_IN(b, number_abbrev))
        return false;
    (void)c;
    return NORM_IN(nx, starters);
}

/*
** A news agency tag in a dateline: "( Reuters ) -" from token i on
** ("KYIV, March 18 (Reuters) - Ukraine said ...").
*/
static bool agency_tag(const an__sent_ctx *c, size_t i)
{
    if (i + 3 >= c->ntok || !tok_is(c, &c->toks[i], "(") ||
        !(c->toks[i + 1].flags & AN_TOK_CAP) ||
        !tok_is(c, &c->toks[i + 2], ")"))
        return false;
    const an_tok *d = &c->toks[i + 3];
    return tok_is(c, d, "-") || tok_is(c, d, "--") || tok_is(c, d, ":") ||
           tok_is(c, d, "\xE2\x80\x94") || tok_is(c, d, "\xE2\x80\x93");
}

static void lookahead(an__sent_ctx *c, size_t i, size_t *term, size_t *para);

/*
** Whether token i is on a line without sentence-final punctuation that
** shares its paragraph with other lines: a headline, a byline, a date or
** a label above the text ("Colts Beat Chiefs 20-13 To Clinch Playoff
** Berth").  Such a line is one sentence.  Judged once per line.
*/
static bool bare_line(an__sent_ctx *c, size_t i)
{
    if (i >= c->ln_from && i < c->ln_to)
        return c->ln_bare;
    const an_tok *t = c->toks;
    size_t a = i, b = i + 1;
    while (a > 0 && !(t[a].flags & AN_TOK_NEWLINE_BEFORE))
        a--;
    while (b < c->ntok && !(t[b].flags & AN_TOK_NEWLINE_BEFORE))
        b++;
    bool term = false;
    for (size_t k = a; k < b && !term; k++)
        term = terminal(c, &t[k]);
    c->ln_from = a;
    c->ln_to = b;
    c->ln_bare = !term && (!(t[a].flags & AN_TOK_PARA_START) ||
                           (b < c->ntok && !(t[b].flags & AN_TOK_PARA_START)));
    if (a == 0 && b < c->ntok && (t[b].flags & AN_TOK_PARA_START))
        c->ln_bare = false; /* the first line is its own paragraph */
    return c->ln_bare;
}

/* True when sentence-final punctuation comes later in the paragraph. */
static bool prose_para(an__sent_ctx *c, size_t i)
{
    size_t term, para;
    lookahead(c, i, &term, &para);
    return c->term_at < c->para_at;
}

/* True when token t is a numeric date: "04/26/2001", "10/08/99". */
static bool num_date(const an__sent_ctx *c, const an_tok *t)
{
    size_t n = t->end - t->start, k = 0, parts = 0, digits = 0;
    if (n < 6 || n > 10 || !(t->flags & AN_TOK_DIGIT))
        return false;
    for (; k < n; k++) {
        char ch = c->p[t->start + k];
        if (ch >= '0' && ch <= '9') {
            if (++digits > 4)
                return false;
        } else if (ch == '/' && digits >= 1 && digits <= 2 && parts < 2) {
            parts++;
            digits = 0;
        } else {
            return false;
        }
    }
    return parts == 2 && digits >= 2;
}

/* True when token t is a clock time: "07:17", "03:14:14". */
static bool clock_time(const an__sent_ctx *c, const an_tok *t)
{
    size_t n = t->end - t->start;
    if (n < 4 || n > 8 || !(t->flags & AN_TOK_DIGIT))
        return false;
    const char *p = c->p + t->start;
    size_t colon = p[1] == ':' ? 1 : p[2] == ':' ? 2 : 0;
    if (!colon)
        return false;
    for (size_t k = 0; k < n; k++) {
        bool digit = p[k] >= '0' && p[k] <= '9';
        if (k == colon || (n > colon + 3 && k == colon + 3)) {
            if (p[k] != ':')
                return false;
        } else if (!digit) {
            return false;
        }
    }
    return n == colon + 3 || n == colon + 6;
}

/* What may follow a clock time in the same sentence. */
static const an__word time_zones[] = {
    "am", "pm", "a.m.", "p.m.", "et", "est", "edt", "ct", "cst", "cdt", "mt",
    "mst", "mdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
    "eastern", "central", "pacific", "mountain"
};

/* True when token t is "AM" or "PM" (any case). */
static inline bool ampm(const an__sent_ctx *c, const an_tok *t)
{
    if (t->end - t->start != 2)
        return false;
    char a = c->p[t->start], m = c->p[t->start + 1];
    return (a == 'a' || a == 'A' || a == 'p' || a == 'P') &&
           (m == 'm' || m == 'M');
}

/*
** The header of a forwarded or quoted e-mail: "Kay Mann 04/26/2001 07:17
** AM Will you ...", "<x@y.com> on 10/08/99 08:52:13 AM Thanks".  A
** sentence ends before the date (after a name, an address or a bracket)
** and after the time (with its AM/PM), unless a time zone follows.
** News never writes dates and times so; in EWT train the end after the
** time is marked 153 times out of 153.
*/
static bool header_break(const an__sent_ctx *c, size_t i)
{
    const an_tok *t = c->toks, *b = &t[i], *nx = &t[i + 1];
    if ((nx->flags & AN_TOK_DIGIT) && i + 2 < c->ntok &&
        (b->flags & (AN_TOK_CAP | AN_TOK_ALLCAPS | AN_TOK_EMAIL) ||
         tok_is(c, b, ">")) &&
        num_date(c, nx) && clock_time(c, &t[i + 2]))
        return true;
    size_t k = i; /* the time */
    if (ampm(c, b))
        k = i - (i > 0);
    if (k < 1 || !clock_time(c, &t[k]) || !num_date(c, &t[k - 1]))
        return false;
    if (nx->flags & AN_TOK_PUNCT)
        return false;
    return !NORM_IN(nx, time_zones);
}

/* Last words of closing formulas ("Best regards", "Thank you"). */
static const an__word formula_ends[] = {
    "regards", "wishes", "you", "care", "thanks"
};

/* First words before them. */
static const an__word formula_heads[] = {
    "best", "kind", "kindest", "warm", "warmest", "many", "thank", "take",
    "with", "all"
};

/* "With best regards". */
static const an__word with_word[] = {
    "with"
};

/* First words of closing formulas. */
static const an__word formula_words[] = {
    "thanks", "regards", "sincerely", "cheers", "best", "thank", "take",
    "kind", "kindest", "warm", "warmest", "many", "rgds", "thx",
    "respectfully", "cordially", "yours", "love", "all", "with"
};

/* Formula words that need another word ("Thank you", not "Thank"). */
static const an__word formula_parts[] = {
    "thank", "take", "all", "with", "many", "kind", "warm"
};

/*
** "Thanks, || Sean": a comma after the closing formula of a letter or an
** e-mail ("Thanks", "Regards", "Best regards", "Sincerely", "Take care")
** that starts its sentence, before a capitalised word (the sender's name,
** which EWT makes a sentence of its own).
*/
static bool closing_formula(const an__sent_ctx *c, size_t i)
{
    const an_tok *t = c->toks;
    if (!tok_is(c, &t[i], ",") || i < 1 || i + 1 >= c->ntok ||
        !(t[i + 1].flags & AN_TOK_CAP) || (t[i + 1].flags & AN_TOK_PUNCT))
        return false;
    size_t k = i - 1; /* the first word of the formula */
    if (NORM_IN(&t[k], formula_ends))
        k -= k > 0 && NORM_IN(&t[k - 1], formula_heads);
    if (k < i - 1 && NORM_IN(&t[k], with_word) == false && k > 0 &&
        NORM_IN(&t[k - 1], with_word))
        k--; /* "With best regards" */
    if (!NORM_IN(&t[k], formula_words))
        return false;
    if (NORM_IN(&t[k], formula_parts) &&
        k == i - 1)
        return false; /* "Thank," alone is no formula */
    /* the formula starts its sentence */
    return k == 0 || (t[k].flags & AN_TOK_NEWLINE_BEFORE) ||
           ((t[k - 1].flags & AN_TOK_PUNCT) &&
            (terminal(c, &t[k - 1]) || tok_is(c, &t[k - 1], ")")));
}

/* True when token t is a URL with its scheme or "www.". */
static bool full_url(const an__sent_ctx *c, const an_tok *t)
{
    size_t n = t->end - t->start;
    const char *p = c->p + t->start;
    return (n > 7 && memcmp(p, "http", 4) == 0) ||
           (n > 4 && memcmp(p, "www.", 4) == 0) ||
           (n > 6 && memcmp(p, "ftp://", 6) == 0);
}

/*
** The commonest case, decided before an__sent_rule(): a word (not a
** number, nor AM/PM), then a word in lower case on the same line is no
** boundary.  an__sent_rule() answers the same.
*/
static inline bool plain_no(const an__sent_ctx *c, size_t i)
{
    const an_tok *b = &c->toks[i], *nx = &c->toks[i + 1];
    if ((nx->flags & (AN_TOK_PARA_START | AN_TOK_NEWLINE_BEFORE |
                      AN_TOK_URL | AN_TOK_EMAIL)) ||
        (b->flags & (AN_TOK_PUNCT | AN_TOK_ABBREV | AN_TOK_DIGIT |
                     AN_TOK_URL | AN_TOK_EMAIL)) ||
        ampm(c, b))
        return false;
    uint8_t ch = (uint8_t)c->p[nx->start];
    return ch >= 'a' && ch <= 'z';
}

/* True when token i is a closing mark or bracket after the end of a
   sentence: ".\"" ".)" "?']". */
static bool after_end(const an__sent_ctx *c, size_t i)
{
    while (i > 0 && (c->toks[i].flags & AN_TOK_PUNCT) &&
           !terminal(c, &c->toks[i]))
        i--;
    return terminal(c, &c->toks[i]);
}

int an__sent_rule(an__sent_ctx *c, size_t i, unsigned st)
{
    bool caps = st & AN__SENT_ST_CAPS;
    const an_tok *b = &c->toks[i], *nx = &c->toks[i + 1];
    uint16_t nf = nx->flags;
    if (nf & AN_TOK_PARA_START)
        return AN__SENT_YES;
    unsigned first = first_cls(c, nx);
    if (nf & AN_TOK_NEWLINE_BEFORE) {
        if (c->wrapped)
            return bullet(c, i + 1) ? AN__SENT_YES : AN__SENT_ASK;
        if (first & AN__C_LOWER)
            return AN__SENT_ASK;
        if (tok_is(c, b, ",") || tok_is(c, b, "(") || tok_is(c, b, "[") ||
            tok_is(c, b, "&") || tok_is(c, b, "\xE2\x80\x9C") ||
            tok_is(c, b, "\xE2\x80\x98") || tok_is(c, b, "\xC2\xAB") ||
            (tok_is(c, b, "\"") && (nf & AN_TOK_QUOTED)))
            return AN__SENT_ASK; /* the line ends inside a phrase */
        return AN__SENT_YES;
    }
    /* after an e-mail address or a URL with its scheme, a word: in e-mail
       and web text the address often ends its sentence without a full
       stop (the model decides; a bare domain, "EW.com", is a name) */
    if ((b->flags & (AN_TOK_URL | AN_TOK_EMAIL)) && !(nf & AN_TOK_PUNCT) &&
        ((b->flags & AN_TOK_EMAIL) || full_url(c, b)))
        return AN__SENT_ASK;
    /* the commonest case first: a word, then a lower-case word (but for
       the end of an e-mail header: "08:28 AM || have you heard") */
    if ((first & AN__C_LOWER) && !(nf & (AN_TOK_URL | AN_TOK_EMAIL)) &&
        !(b->flags & (AN_TOK_PUNCT | AN_TOK_ABBREV)))
        return (b->flags & AN_TOK_DIGIT || ampm(c, b)) && header_break(c, i)
                   ? AN__SENT_YES
                   : AN__SENT_NO;
    if (tok_is(c, b, ",") && closing_formula(c, i))
        return AN__SENT_YES;
    /* after a comma on one line, only a greeting or the name of the
       person addressed ends a sentence ("Hi Mike, || I wanted") */
    if (!(st & AN__SENT_ST_NAMES) && tok_is(c, b, ","))
        return AN__SENT_NO;
    /* e-mail headers: "Kay Mann || 04/26/2001 07:17 AM || Will you" */
    if ((b->flags & AN_TOK_DIGIT) || (nf & AN_TOK_DIGIT) || ampm(c, b)) {
        if (header_break(c, i))
            return AN__SENT_YES;
        /* a date stays with its time, a time with its AM or PM */
        if ((b->flags & AN_TOK_DIGIT) &&
            (ampm(c, nx) || (clock_time(c, nx) && num_date(c, b))))
            return AN__SENT_NO;
    }
    /* punctuation attached to the token before: "fight." "Inc.," - the
       sentence may end after it, not before */
    if (!(b->flags & AN_TOK_SPACE_AFTER) && (nf & AN_TOK_PUNCT))
        return AN__SENT_NO;
    /* after a bullet that starts a line; before an agency tag */
    if ((b->flags & AN_TOK_NEWLINE_BEFORE) && bullet(c, i))
        return AN__SENT_NO;
    if (i > 0 && (c->toks[i - 1].flags & AN_TOK_NEWLINE_BEFORE) &&
        (tok_is(c, b, ".") || tok_is(c, b, ")")) && bullet(c, i - 1))
        return AN__SENT_NO; /* "1. Troops withdrew" */
    if (agency_tag(c, i + 1) || (i >= 2 && agency_tag(c, i - 2)) ||
        (i >= 3 && agency_tag(c, i - 3)))
        return AN__SENT_NO; /* "GENEVA (AP) - Talks": inside the tag */
    /* a quotation mark stays with its quotation: no sentence ends just
       before a closing mark or just after an opening one, even when the
       marks stand apart ("girl . \" While", "said . \" We"); a straight
       mark standing apart closes when the token before it is quoted */
    if (closing_mark(c, nx) || opening_mark(c, b))
        return AN__SENT_NO;
    if ((b->flags & AN_TOK_QUOTED) && (nf & AN_TOK_SPACE_AFTER) &&
        tok_is(c, nx, "\""))
        return AN__SENT_NO;
    if ((nf & AN_TOK_QUOTED) && (b->flags & AN_TOK_SPACE_AFTER) &&
        tok_is(c, b, "\"") && i > 0 &&
        (c->toks[i - 1].flags & AN_TOK_SPACE_AFTER))
        return AN__SENT_NO;
    /* a word, then a quotation mark: the quotation goes on the sentence
       ("Ortiz \"not only exemplified", "Her \"Dark Angel\" image") */
    if (!(b->flags & (AN_TOK_PUNCT | AN_TOK_ABBREV)) && quote_mark(c, nx))
        return AN__SENT_NO;
    /* a quotation mark that ends its line closes a quotation; so does a
       straight single quote standing apart after a sentence's end
       ("shot. ' The mother") */
    if (quote_mark(c, nx) &&
        (i + 2 == c->ntok ||
         (c->toks[i + 2].flags & AN_TOK_NEWLINE_BEFORE) ||
         (tok_is(c, nx, "'") && (nf & AN_TOK_SPACE_AFTER) &&
          (b->flags & AN_TOK_PUNCT))))
        return AN__SENT_NO;
    /* two words on one line of edited prose */
    if (c->edited && !(b->flags & (AN_TOK_PUNCT | AN_TOK_ABBREV)))
        return AN__SENT_NO;
    if (bare_line(c, i))
        return AN__SENT_NO;
    /* a sentence with a word in lower case, in a paragraph whose
       sentences end with punctuation, ends with punctuation too */
    if ((st & AN__SENT_ST_PROSE) &&
        !(b->flags & (AN_TOK_PUNCT | AN_TOK_ABBREV)) && prose_para(c, i))
        return AN__SENT_NO;
    /* inside a run of capitalised words that starts the sentence ("Chris
       Ivory was", "Microsoft Issues Emergency Patch"): EWT ends such runs
       in lists and signatures, news text almost never */
    if (caps && (b->flags & AN_TOK_CAP) && (nf & AN_TOK_CAP) &&
        !(b->flags & AN_TOK_PUNCT) && !(st & AN__SENT_ST_SIG))
        return AN__SENT_NO;
    /* a title before a name: "Mrs. Lynda", "Gen. Smith" */
    if ((b->flags & AN_TOK_ABBREV) && (nf & AN_TOK_CAP) && title(b))
        return AN__SENT_NO;
    /* a dash written as two ("Teixeira - - who") */
    if (tok_is(c, b, "-") && tok_is(c, nx, "-"))
        return AN__SENT_NO;
    if (tok_is(c, nx, ",") || tok_is(c, nx, ";") || tok_is(c, nx, ")") ||
        tok_is(c, nx, "]") || tok_is(c, nx, "}") || tok_is(c, nx, "%"))
        return AN__SENT_NO;
    /* a lower-case word after a comma, bracket, dash, slash ... */
    if ((first & AN__C_LOWER) && !(nf & (AN_TOK_URL | AN_TOK_EMAIL)) &&
        (tok_is(c, b, ",") || tok_is(c, b, "(") || tok_is(c, b, "-") ||
         tok_is(c, b, ";") || tok_is(c, b, "&") || tok_is(c, b, "/") ||
         tok_is(c, b, "[") || tok_is(c, b, "--") ||
         tok_is(c, b, "\xE2\x80\x94") || tok_is(c, b, "\xE2\x80\x93")))
        return AN__SENT_NO;
    /* ... or after any other mark that does not follow the end of a
       sentence ("[police] || commissioner", "Oscars(R) || for") */
    if ((first & AN__C_LOWER) && !(nf & (AN_TOK_URL | AN_TOK_EMAIL)) &&
        (b->flags & AN_TOK_PUNCT) && !terminal(c, b) && !after_end(c, i))
        return AN__SENT_NO;
    if (abbrev_then_starter(c, b, nx))
        return AN__SENT_YES;
    return AN__SENT_ASK;
}

/* ---- features ---- */

/* Bucket of a count: 1, 2, 3, 4-5, 6-9, 10-19, 20+. */
static uint64_t bucket(size_t k)
{
    return k <= 3 ? k : k <= 5 ? 4 : k <= 9 ? 5 : k <= 19 ? 6 : 7;
}

/* True for a token of sentence-final punctuation: . ! ? runs, an ellipsis. */
static bool terminal(const an__sent_ctx *c, const an_tok *t)
{
    if (!(t->flags & AN_TOK_PUNCT))
        return false;
    uint8_t b = (uint8_t)c->p[t->start];
    return b == '.' || b == '!' || b == '?' ||
           (b == 0xE2 && t->end - t->start == 3 &&
            (uint8_t)c->p[t->start + 1] == 0x80 &&
            (uint8_t)c->p[t->start + 2] == 0xA6);
}

/*
** Looking ahead from token i + 1: how many tokens to the next
** sentence-final punctuation in the paragraph (*term) and to its end
** (*para), each at most 32.  Positions found are remembered in the
** context, so a left-to-right pass looks at each token about once.
*/
static void lookahead(an__sent_ctx *c, size_t i, size_t *term, size_t *para)
{
    size_t from = i + 1;
    if (from < c->term_from || c->term_at < from) {
        size_t k = from;
        while (k < c->ntok && !terminal(c, &c->toks[k]))
            k++;
        c->term_at = k;
    }
    c->term_from = from;
    if (from < c->para_from || c->para_at <= from) {
        size_t k = from + 1;
        while (k < c->ntok && !(c->toks[k].flags & AN_TOK_PARA_START))
            k++;
        c->para_at = k; /* the next paragraph's first token, or ntok */
    }
    c->para_from = from;
    size_t dt = c->term_at - from, dp = c->para_at - from;
    /* only punctuation inside the paragraph counts */
    *term = c->term_at >= c->para_at || dt > 32 ? 32 : dt;
    *para = dp > 32 ? 32 : dp;
}

/* True when two tokens have the same norm. */
static inline bool same_norm(const an_tok *a, const an_tok *b)
{
    return a->norm.n == b->norm.n && memcmp(a->norm.p, b->norm.p, a->norm.n) == 0;
}

/*
** Bring the paragraph start and the bracket depth up to token i
** (included).  Calls come in increasing order of i, so each token is
** looked at once; an earlier i starts again from the beginning.
*/
static void scan_to(an__sent_ctx *c, size_t i)
{
    if (i + 1 < c->scan_at) {
        c->scan_at = c->para_begin = 0;
        c->paren = 0;
    }
    for (; c->scan_at <= i; c->scan_at++) {
        const an_tok *t = &c->toks[c->scan_at];
        if (t->flags & AN_TOK_PARA_START) {
            c->para_begin = c->scan_at;
            c->paren = 0;
        }
        if (t->end - t->start == 1 && (t->flags & AN_TOK_PUNCT)) {
            char ch = c->p[t->start];
            if (ch == '(' || ch == '[')
                c->paren++;
            else if ((ch == ')' || ch == ']') && c->paren > 0)
                c->paren--;
        }
    }
}

size_t an__sent_features(an__sent_ctx *c, size_t i, size_t since,
                         uint64_t *f)
{
    const an__sent_tdesc B = *describe(c, i, true);
    const an__sent_tdesc C = *describe(c, i + 1, true);
    const uint16_t FM = AN_TOK_CAP | AN_TOK_ALLCAPS | AN_TOK_PUNCT |
                        AN_TOK_DIGIT | AN_TOK_ABBREV | AN_TOK_QUOTED |
                        AN_TOK_URL | AN_TOK_EMAIL;
    uint64_t bf = B.flags & FM, cf = C.flags & FM;
    uint64_t gap = (B.flags & AN_TOK_SPACE_AFTER ? 1 : 0) |
                   (C.flags & AN_TOK_NEWLINE_BEFORE ? 2 : 0) |
                   (uint64_t)(c->wrapped ? 4 : 0);
    uint64_t sb = bucket(since);
    size_t k = 0;
    size_t term, para;
    if (!(B.flags & (AN_TOK_PUNCT | AN_TOK_ABBREV)) &&
        !(C.flags & AN_TOK_NEWLINE_BEFORE)) {
        /* A word, then a capitalised word or a number, on one line: a
           sentence ends here only in unedited text (e-mail signatures,
           lists, headlines run together).  A smaller set of the
           features, on the two tokens only, keeps these frequent cases
           (names: "Prime Minister Boris Johnson") cheap. */
        lookahead(c, i, &term, &para);
        uint64_t tb = bucket(term), pb = bucket(para);
        uint64_t st = (uint64_t)c->style;
        f[k++] = feat(1, 0, 0, 0);
        f[k++] = feat(2, B.form, 0, 0);
        f[k++] = feat(3, C.form, 0, 0);
        f[k++] = feat(10, B.shape, C.shape, 0);
        f[k++] = feat(16, sb, B.shape, 0);
        f[k++] = feat(27, tb, bf, cf);
        f[k++] = feat(28, pb, bf, cf);
        f[k++] = feat(34, st, tb, pb);
        uint64_t lc = lexclass(C.flags, lexval(c, i + 1));
        f[k++] = feat(40, lc, bf, cf);
        f[k++] = feat(41, lc, B.shape, 0);
        f[k++] = feat(42, (uint64_t)c->edited, bf, cf);
        f[k++] = feat(43, (uint64_t)c->edited, B.shape, C.shape);
        f[k++] = feat(44, (uint64_t)c->edited, sb, 0);
        /* a list: the next word repeats the first of the sentence
           ("1 cup of flour || 1 cup of ...", "Game 9: ... || Game 10") or
           has its shape */
        const an_tok *t0 = &c->toks[i + 1 - since], *cn = &c->toks[i + 1];
        uint64_t rep = same_norm(t0, cn) ? 2
                       : describe(c, i + 1 - since, true)->shape == C.shape
                           ? 1
                           : 0;
        f[k++] = feat(70, rep, bf, cf);
        f[k++] = feat(71, rep, sb, 0);
        return k;
    }
    const an__sent_tdesc A = *describe(c, i - 1, i > 0);
    const an__sent_tdesc D = *describe(c, i + 2, true);
    f[k++] = feat(1, 0, 0, 0); /* bias */
    f[k++] = feat(2, B.form, 0, 0);
    f[k++] = feat(3, C.form, 0, 0);
    f[k++] = feat(6, B.form, C.form, 0);
    f[k++] = feat(8, B.shape, 0, 0);
    f[k++] = feat(9, C.shape, 0, 0);
    f[k++] = feat(10, B.shape, C.shape, 0);
    f[k++] = feat(14, gap, bf, cf);
    f[k++] = feat(15, sb, 0, 0);
    f[k++] = feat(16, sb, B.shape, 0);
    f[k++] = feat(17, bf, cf, 0);
    f[k++] = feat(18, B.last, cf, gap);
    f[k++] = feat(20, A.form, B.form, C.shape);
    f[k++] = feat(21, C.shape, D.shape, 0);
    f[k++] = feat(23, gap, B.shape, C.shape);
    f[k++] = feat(25, A.shape, B.form, 0);
    lookahead(c, i, &term, &para);
    uint64_t tb = bucket(term), pb = bucket(para);
    f[k++] = feat(27, tb, bf, cf);
    f[k++] = feat(28, pb, bf, cf);
    f[k++] = feat(29, tb, pb, 0);
    uint64_t st = (uint64_t)c->style;
    f[k++] = feat(32, st, bf, cf);
    f[k++] = feat(34, st, tb, pb);
    unsigned lx = lexval(c, i + 1);
    uint64_t lc = lexclass(C.flags, lx);
    f[k++] = feat(40, lc, bf, cf);
    f[k++] = feat(41, lc, B.shape, 0);
    scan_to(c, i);
    uint64_t stc = (lx & AN__SENT_LEX_START_MASK) >> AN__SENT_LEX_START_SHIFT;
    uint64_t pp = bucket(i + 1 - c->para_begin);
    uint64_t first = i + 1 - since == c->para_begin;
    uint64_t par = c->paren > 0;
    f[k++] = feat(50, stc, bf, cf);
    f[k++] = feat(51, stc, B.shape, 0);
    f[k++] = feat(52, C.form, D.shape, 0);
    f[k++] = feat(53, A.form, B.form, 0);
    f[k++] = feat(54, pp, first, bf);
    f[k++] = feat(55, par, B.shape, C.shape);
    f[k++] = feat(56, sb, lc, cf);
    /* a list: the next token repeats the first of the sentence */
    uint64_t rep = same_norm(&c->toks[i + 1 - since], &c->toks[i + 1]) ? 2 : 0;
    f[k++] = feat(70, rep, bf, cf);
    f[k++] = feat(71, rep, sb, 0);
    return k;
}

uint64_t an__sent_bias_feature(void)
{
    return feat(1, 0, 0, 0);
}

/* ---- the model ---- */

float an__sent_score(const an__sent_model *m, const uint64_t *f, size_t nf)
{
    int32_t s = 0;
    const uint32_t mask = m->mask;
    for (size_t k = 0; k < nf; k++) {
        uint16_t fp = an__sent_fp(f[k]);
        uint32_t slot = (uint32_t)f[k] & mask;
        for (uint32_t probe = 0; probe <= mask; probe++) {
            uint16_t key = m->keys[slot];
            if (key == fp) {
                s += m->w[slot];
                break;
            }
            if (key == 0)
                break;
            slot = (slot + 1) & mask;
        }
    }
    return (float)s * m->scale;
}

/* ---- splitting ---- */

/* Append sentence [t0, t1] (token indices, inclusive). */
static int push_sent(an_arena *a, an_sent **v, size_t *n, size_t *cap,
                     const an_tok *toks, size_t t0, size_t t1)
{
    if (*n == *cap) {
        an_sent *nv = an_arena_vec(a, *v, cap, *n + 1, sizeof *nv);
        if (!nv)
            return AN_ENOMEM;
        *v = nv;
    }
    an_sent *s = &(*v)[(*n)++];
    s->start = toks[t0].start;
    s->end = toks[t1].end;
    s->tok = (uint32_t)t0;
    s->ntok = (uint32_t)(t1 - t0 + 1);
    s->flags = 0;
    return AN_OK;
}

int an__sent_split(const an__sent_model *m, an_arena *a, const char *p,
                   size_t n, const an_tok *toks, size_t ntok, an_sent **sents,
                   size_t *nsent)
{
    *sents = NULL;
    *nsent = 0;
    if (!ntok)
        return AN_OK;
    an__sent_ctx c;
    an__sent_ctx_init(&c, m, p, n, toks, ntok);
    size_t cap = ntok / 12 + 4, ns = 0, t0 = 0;
    an_sent *v = an_arena_array(a, cap, sizeof *v);
    if (!v)
        return AN_ENOMEM;
    uint64_t f[AN__SENT_MAXF];
    unsigned st = 0; /* what the sentence so far is (AN__SENT_ST_*) */
    for (size_t i = 0; i + 1 < ntok; i++) {
        st = state_next(&c, i, i == t0, st);
        int r = plain_no(&c, i) ? AN__SENT_NO : an__sent_rule(&c, i, st);
        if (r == AN__SENT_ASK) {
            size_t nf = an__sent_features(&c, i, i - t0 + 1, f);
            r = an__sent_score(m, f, nf) > 0 ? AN__SENT_YES : AN__SENT_NO;
        }
        if (r != AN__SENT_YES)
            continue;
        if (!(st & AN__SENT_ST_WORD) && (st & AN__SENT_ST_QUOTE)) {
            /* a quotation mark alone: it closes the sentence before it
               on the same line, unless it is written against the next
               word, which it opens */
            if (ns > 0 && !(toks[t0].flags & AN_TOK_NEWLINE_BEFORE) &&
                (toks[i].flags & AN_TOK_SPACE_AFTER)) {
                v[ns - 1].end = toks[i].end;
                v[ns - 1].ntok = (uint32_t)(i + 1 - v[ns - 1].tok);
                t0 = i + 1;
            }
            continue;
        }
        if (push_sent(a, &v, &ns, &cap, toks, t0, i) != AN_OK)
            return AN_ENOMEM;
        t0 = i + 1;
    }
    st = an__sent_state(&c, ntok - 1, ntok - 1 == t0, st);
    if (ns > 0 && !(st & AN__SENT_ST_WORD) && (st & AN__SENT_ST_QUOTE) &&
        !(toks[t0].flags & AN_TOK_NEWLINE_BEFORE)) {
        v[ns - 1].end = toks[ntok - 1].end;
        v[ns - 1].ntok = (uint32_t)(ntok - v[ns - 1].tok);
    } else if (push_sent(a, &v, &ns, &cap, toks, t0, ntok - 1) != AN_OK) {
        return AN_ENOMEM;
    }
    *sents = v;
    *nsent = ns;
    return AN_OK;
}

int an_tok_split(an_arena *a, const char *p, size_t n, const an_tok *toks,
                 size_t ntok, an_sent **sents, size_t *nsent)
{
    return an__sent_split(&an__sent_model_ewt, a, p, n, toks, ntok, sents,
                          nsent);
}
