/*
** lex.c - the words of time expressions and the units the rules read.
**
** The lexicon is a sorted constant table searched by bisection; each word
** has a class (month, weekday, number word, unit of time, ...) and a value
** within it.  an__when_units() splits document tokens into units and
** gives each its class once, so the rules only compare small integers.
*/
#include <stdlib.h>

#include "when_int.h"
#include "when_lex.h"

typedef struct lexw {
    const char *w;
    uint8_t cls;
    int16_t val;
} lexw;

/* Sorted by strcmp order; tests check the order. */
static const lexw lexicon[] = {
    {"a", C_A, 1},
    {"about", C_APPROX, AN_TMOD_APPROX},
    {"afternoon", C_PART, P_AF},
    {"ago", C_AGO, 0},
    {"almost", C_APPROX, AN_TMOD_LESS_THAN},
    {"am", C_AMPM, 0},
    {"an", C_A, 1},
    {"annually", C_FREQ, F_YEAR},
    {"approximately", C_APPROX, AN_TMOD_APPROX},
    {"apr", C_MONABBR, 4},
    {"april", C_MONTH, 4},
    {"around", C_APPROX, AN_TMOD_APPROX},
    {"aug", C_MONABBR, 8},
    {"august", C_MONTH, 8},
    {"autumn", C_SEASON, S_FA},
    {"beginning", C_MODW, AN_TMOD_START},
    {"bst", C_TZ, 0},
    {"centuries", C_UNIT, U_CENTURY | U_PLURAL},
    {"century", C_UNIT, U_CENTURY},
    {"cet", C_TZ, 0},
    {"christmas", C_HOLI, 1},
    {"coming", C_DEICT, D_COMING},
    {"couple", C_FEW, 2},
    {"current", C_DEICT, D_THIS},
    {"currently", C_PRES, 0},
    {"daily", C_FREQ, F_DAY},
    {"dawn", C_PART, P_MO},
    {"day", C_UNIT, U_DAY},
    {"days", C_UNIT, U_DAY | U_PLURAL},
    {"dec", C_MONABBR, 12},
    {"decade", C_UNIT, U_DECADE},
    {"decades", C_UNIT, U_DECADE | U_PLURAL},
    {"december", C_MONTH, 12},
    {"dozen", C_NUMW, 12},
    {"each", C_EVERY, 0},
    {"earlier", C_LATER, -1},
    {"early", C_MODW, AN_TMOD_START},
    {"edt", C_TZ, 0},
    {"eight", C_NUMW, 8},
    {"eighteen", C_NUMW, 18},
    {"eighth", C_ORDW, 8},
    {"eighty", C_NUMW, 80},
    {"eleven", C_NUMW, 11},
    {"eleventh", C_ORDW, 11},
    {"end", C_MODW, AN_TMOD_END},
    {"est", C_TZ, 0},
    {"evening", C_PART, P_EV},
    {"every", C_EVERY, 0},
    {"fall", C_SEASON, S_FA},
    {"feb", C_MONABBR, 2},
    {"february", C_MONTH, 2},
    {"few", C_FEW, 0},
    {"fifteen", C_NUMW, 15},
    {"fifth", C_ORDW, 5},
    {"fifty", C_NUMW, 50},
    {"first", C_ORDW, 1},
    {"fiscal", C_FISCAL, 0},
    {"five", C_NUMW, 5},
    {"following", C_DEICT, D_FOLLOWING},
    {"fortnight", C_UNIT, U_FORTNIGHT},
    {"forty", C_NUMW, 40},
    {"four", C_NUMW, 4},
    {"fourteen", C_NUMW, 14},
    {"fourth", C_ORDW, 4},
    {"fri", C_WDABBR, 4},
    {"friday", C_WDAY, 4},
    {"gmt", C_TZ, 0},
    {"halloween", C_HOLI, 2},
    {"hour", C_UNIT, U_HOUR},
    {"hourly", C_FREQ, F_HOUR},
    {"hours", C_UNIT, U_HOUR | U_PLURAL},
    {"hundred", C_NUMW, 100},
    {"jan", C_MONABBR, 1},
    {"january", C_MONTH, 1},
    {"jul", C_MONABBR, 7},
    {"july", C_MONTH, 7},
    {"jun", C_MONABBR, 6},
    {"june", C_MONTH, 6},
    {"last", C_DEICT, D_LAST},
    {"late", C_MODW, AN_TMOD_END},
    {"later", C_LATER, 1},
    {"many", C_FEW, 0},
    {"mar", C_MONABBR, 3},
    {"march", C_MONTH, 3},
    {"may", C_MONTH, 5},
    {"mid", C_MODW, AN_TMOD_MID},
    {"middle", C_MODW, AN_TMOD_MID},
    {"midnight", C_PART, P_MIDNIGHT},
    {"minute", C_UNIT, U_MIN},
    {"minutes", C_UNIT, U_MIN | U_PLURAL},
    {"mon", C_WDABBR, 0},
    {"monday", C_WDAY, 0},
    {"month", C_UNIT, U_MONTH},
    {"monthly", C_FREQ, F_MONTH},
    {"months", C_UNIT, U_MONTH | U_PLURAL},
    {"morning", C_PART, P_MO},
    {"nearly", C_APPROX, AN_TMOD_LESS_THAN},
    {"next", C_DEICT, D_NEXT},
    {"night", C_PART, P_NI},
    {"nine", C_NUMW, 9},
    {"nineteen", C_NUMW, 19},
    {"ninety", C_NUMW, 90},
    {"ninth", C_ORDW, 9},
    {"noon", C_PART, P_NOON},
    {"nov", C_MONABBR, 11},
    {"november", C_MONTH, 11},
    {"now", C_PRES, 0},
    {"nowadays", C_PRES, 0},
    {"oct", C_MONABBR, 10},
    {"october", C_MONTH, 10},
    {"one", C_NUMW, 1},
    {"overnight", C_PART, P_NI},
    {"past", C_DEICT, D_PAST},
    {"pdt", C_TZ, 0},
    {"pm", C_AMPM, 12},
    {"presently", C_PRES, 0},
    {"previous", C_DEICT, D_LAST},
    {"pst", C_TZ, 0},
    {"quarter", C_UNIT, U_QUARTER},
    {"quarterly", C_FREQ, F_QUARTER},
    {"quarters", C_UNIT, U_QUARTER | U_PLURAL},
    {"recent", C_DEICT, D_RECENT},
    {"roughly", C_APPROX, AN_TMOD_APPROX},
    {"sat", C_WDABBR, 5},
    {"saturday", C_WDAY, 5},
    {"second", C_ORDW, 2},
    {"seconds", C_UNIT, U_SEC | U_PLURAL},
    {"sep", C_MONABBR, 9},
    {"sept", C_MONABBR, 9},
    {"september", C_MONTH, 9},
    {"seven", C_NUMW, 7},
    {"seventeen", C_NUMW, 17},
    {"seventh", C_ORDW, 7},
    {"seventy", C_NUMW, 70},
    {"several", C_FEW, 0},
    {"six", C_NUMW, 6},
    {"sixteen", C_NUMW, 16},
    {"sixth", C_ORDW, 6},
    {"sixty", C_NUMW, 60},
    {"spring", C_SEASON, S_SP},
    {"start", C_MODW, AN_TMOD_START},
    {"summer", C_SEASON, S_SU},
    {"sun", C_WDABBR, 6},
    {"sunday", C_WDAY, 6},
    {"ten", C_NUMW, 10},
    {"tenth", C_ORDW, 10},
    {"the", C_THE, 0},
    {"third", C_ORDW, 3},
    {"thirteen", C_NUMW, 13},
    {"thirty", C_NUMW, 30},
    {"this", C_DEICT, D_THIS},
    {"three", C_NUMW, 3},
    {"thu", C_WDABBR, 3},
    {"thurs", C_WDABBR, 3},
    {"thursday", C_WDAY, 3},
    {"today", C_RELDAY, 0},
    {"tomorrow", C_RELDAY, 1},
    {"tonight", C_RELDAY, 10},
    {"tue", C_WDABBR, 1},
    {"tues", C_WDABBR, 1},
    {"tuesday", C_WDAY, 1},
    {"twelve", C_NUMW, 12},
    {"twentieth", C_ORDW, 20},
    {"twenty", C_NUMW, 20},
    {"two", C_NUMW, 2},
    {"upcoming", C_DEICT, D_COMING},
    {"utc", C_TZ, 0},
    {"wed", C_WDABBR, 2},
    {"wednesday", C_WDAY, 2},
    {"week", C_UNIT, U_WEEK},
    {"weekend", C_UNIT, U_WEEKEND},
    {"weekends", C_UNIT, U_WEEKEND | U_PLURAL},
    {"weekly", C_FREQ, F_WEEK},
    {"weeks", C_UNIT, U_WEEK | U_PLURAL},
    {"winter", C_SEASON, S_WI},
    {"year", C_UNIT, U_YEAR},
    {"yearly", C_FREQ, F_YEAR},
    {"years", C_UNIT, U_YEAR | U_PLURAL},
    {"yesterday", C_RELDAY, -1},
};

static int cmp_lex(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const lexw *)e)->w);
}

/* Look a lower-case word up; returns the entry or NULL. */
static const lexw *lex_find(const char *w)
{
    return bsearch(w, lexicon, AN_COUNT(lexicon), sizeof lexicon[0], cmp_lex);
}

int an__when_lex_sorted(void)
{
    for (size_t i = 1; i < AN_COUNT(lexicon); i++)
        if (strcmp(lexicon[i - 1].w, lexicon[i].w) >= 0)
            return 0;
    return 1;
}

static bool is_alnum_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

static bool is_space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Fill a unit's class from its text. */
static void classify(an__tu *u)
{
    u->cls = C_NONE;
    u->val = 0;
    if (u->num >= 0) {
        u->cls = C_DIGITS;
        return;
    }
    /* Ordinal digits: "17th", "1st", "22nd", "3rd". */
    size_t k = 0;
    while (k < u->len && u->w[k] >= '0' && u->w[k] <= '9')
        k++;
    if (k > 0 && k <= 3 && k + 2 == u->len) {
        const char *s = u->w + k;
        if (!strcmp(s, "st") || !strcmp(s, "nd") || !strcmp(s, "rd") ||
            !strcmp(s, "th")) {
            u->cls = C_ORDNUM;
            u->val = (int16_t)atoi(u->w);
            return;
        }
    }
    /* Decades: "1990s", "90s". */
    if ((k == 4 || k == 2) && k + 1 == u->len && u->w[k] == 's') {
        u->cls = C_DECADES;
        u->val = (int16_t)atoi(u->w);
        return;
    }
    const lexw *e = lex_find(u->w);
    if (e) {
        u->cls = e->cls;
        u->val = e->val;
    }
}

long an__when_units(const an_doc *d, uint32_t tok0, uint32_t tok1,
                    an_arena *a, an__tu **out)
{
    *out = NULL;
    if (tok1 > d->ntok)
        tok1 = (uint32_t)d->ntok;
    size_t cap = 0, n = 0;
    an__tu *v = NULL;
    const char *t = d->text.p;
    uint32_t prev_end = 0;
    for (uint32_t ti = tok0; ti < tok1; ti++) {
        const an_tok *tk = &d->toks[ti];
        uint32_t s = tk->start, e = tk->end;
        if (e > d->text.n || s > e)
            continue;
        bool first = true;
        while (s < e) {
            uint32_t j = s;
            if (is_alnum_byte((unsigned char)t[s])) {
                while (j < e && is_alnum_byte((unsigned char)t[j]))
                    j++;
            } else {
                j = s + 1;
                /* Keep a multi-byte punctuation character whole. */
                while (j < e && ((unsigned char)t[j] & 0xC0) == 0x80)
                    j++;
            }
            v = an_arena_vec(a, v, &cap, n + 1, sizeof *v);
            if (!v)
                return -1;
            an__tu *u = &v[n++];
            memset(u, 0, sizeof *u);
            u->start = s;
            u->end = j;
            u->tok = ti;
            u->sp = first && (n == 1 || prev_end < s);
            if (first && ti > 0 && prev_end < s) {
                for (uint32_t q = prev_end; q < s; q++)
                    if (t[q] == '\n')
                        u->nl = 1;
            }
            /* Whitespace inside a token (should not happen) also counts. */
            if (!first && s > 0 && is_space_byte((unsigned char)t[s - 1]))
                u->sp = 1;
            size_t len = j - s;
            u->len = (uint8_t)AN_MIN(len, sizeof u->w - 1);
            bool digits = len <= 9;
            for (size_t q = 0; q < u->len; q++) {
                unsigned char c = (unsigned char)t[s + q];
                u->w[q] = (char)an_lower(c);
                if (c < '0' || c > '9')
                    digits = false;
            }
            u->w[u->len] = 0;
            u->cap = t[s] >= 'A' && t[s] <= 'Z';
            u->num = -1;
            if (digits && len > 0) {
                int32_t x = 0;
                for (size_t q = 0; q < len; q++)
                    x = x * 10 + (t[s + q] - '0');
                u->num = x;
                u->ndig = (uint8_t)len;
            }
            classify(u);
            s = j;
            first = false;
        }
        prev_end = tk->end;
    }
    *out = v;
    return (long)n;
}
