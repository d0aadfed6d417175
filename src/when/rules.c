/*
** rules.c - recognising a time expression at a unit and normalising it.
**
** Each rule reads units from a position and, when it matches, describes
** the expression as a `spec`: what the words fix (year, month, day,
** weekday, season, offset from the reference, duration) and what is left
** to the reference date and the tense.  The longest match wins; resolve()
** then turns the spec into a TimeML value and the calendar days it covers.
**
** Conventions follow TimeML as TempEval-3 annotates news: the span holds
** determiners and modifiers ("the past two years", "early December",
** "almost seven years") but not prepositions ("on Friday" -> "Friday");
** underspecified dates are anchored to the document date, their direction
** decided by tense; "last week" is a DATE (the week), "the past two years"
** a DURATION.
*/
#include <stdio.h>
#include <stdlib.h>

#include "when_int.h"
#include "when_lex.h"

/* What the words of an expression fix. */
enum {
    K_FIXED = 1, /* value given in full (durations, sets, *_REF) */
    K_ABS,       /* the year is given (month, day, season, quarter maybe) */
    K_NOYEAR,    /* month (and day), season or quarter without a year */
    K_WDAY,      /* a weekday */
    K_RELDAY,    /* today, yesterday, tomorrow: off days */
    K_DEICT,     /* this/last/next week, month, year...: off units */
    K_AGO        /* N units ago (off < 0) or from now (off > 0) */
};

/* Granularities. */
enum {
    G_DAY = 1, G_WEEK, G_WEEKEND, G_MONTH, G_QUARTER, G_SEASON, G_YEAR,
    G_DECADE, G_CENTURY
};

typedef struct spec {
    int type, mod;
    int kind;
    int y, m, d;   /* given parts, 0 when not given */
    int gran;
    int off, unit; /* for K_RELDAY, K_DEICT, K_AGO */
    int wday;      /* 0..6 for K_WDAY */
    int dir;       /* -1 strictly before, +1 strictly after, 0 by tense */
    int q;         /* season (S_*) or quarter 1..4 */
    int part;      /* part of day (P_*), 0 none */
    int hh, mm;    /* clock time, hh < 0 when none */
    char fixed[28];
} spec;

typedef struct M {
    const an_doc *doc;
    const an__tu *u;
    size_t n;
    int force;
} M;

/* ---- unit helpers ---- */

static int cls(const M *m, size_t i) { return i < m->n ? m->u[i].cls : -1; }
static int val(const M *m, size_t i) { return i < m->n ? m->u[i].val : 0; }

static bool is_w(const M *m, size_t i, const char *w)
{
    return i < m->n && !strcmp(m->u[i].w, w);
}

/* Unit i is the punctuation mark c. */
static bool is_p(const M *m, size_t i, char c)
{
    return i < m->n && m->u[i].len == 1 && m->u[i].w[0] == c;
}

/* Unit i touches the unit before it (no space between). */
static bool glued(const M *m, size_t i)
{
    return i < m->n && !m->u[i].sp;
}

static bool is_alpha_unit(const M *m, size_t i)
{
    return i < m->n && m->u[i].num < 0 &&
           ((m->u[i].w[0] >= 'a' && m->u[i].w[0] <= 'z') ||
            (unsigned char)m->u[i].w[0] >= 0x80);
}

/* The word before unit i (i > 0), or "" at the start. */
static const char *prev_w(const M *m, size_t i)
{
    return i > 0 ? m->u[i - 1].w : "";
}

static bool in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(w, *list))
            return true;
    return false;
}

static const char *const date_preps[] = {
    "in", "on", "since", "until", "till", "by", "of", "during", "from",
    "through", "before", "after", "last", "next", "this", "early", "late",
    "mid", "-", "between", "and", "to", "or", "every", "each", "around",
    NULL};

/*
** A number at unit i: digits (up to 6), number words ("twenty - four",
** "twenty four", "a hundred"), with *val set.  Returns units used or 0.
*/
static size_t p_number(const M *m, size_t i, int *v)
{
    if (cls(m, i) == C_DIGITS && m->u[i].ndig <= 6) {
        /* "1,000": digits, comma, three digits, glued. */
        size_t k = 1;
        int x = m->u[i].num;
        while (is_p(m, i + k, ',') && glued(m, i + k) &&
               cls(m, i + k + 1) == C_DIGITS && m->u[i + k + 1].ndig == 3 &&
               glued(m, i + k + 1) && x < 1000000) {
            x = x * 1000 + m->u[i + k + 1].num;
            k += 2;
        }
        /* "3.5": not a whole number; refuse. */
        if (is_p(m, i + k, '.') && glued(m, i + k) &&
            cls(m, i + k + 1) == C_DIGITS && glued(m, i + k + 1))
            return 0;
        *v = x;
        return k;
    }
    if (cls(m, i) != C_NUMW)
        return 0;
    int x = val(m, i);
    size_t k = 1;
    if (x >= 20 && x <= 90 && x % 10 == 0) {
        size_t j = i + 1;
        if (is_p(m, j, '-') && glued(m, j))
            j++;
        if (cls(m, j) == C_NUMW && val(m, j) < 10) {
            x += val(m, j);
            k = j - i + 1;
        }
    }
    if (cls(m, i + k) == C_NUMW && val(m, i + k) == 100) {
        x *= 100;
        k++;
    }
    *v = x;
    return k;
}

/* Month name at i, with an optional glued "." after an abbreviation. */
static size_t p_month(const M *m, size_t i, int *mo, bool *abbr)
{
    int c = cls(m, i);
    if (c != C_MONTH && c != C_MONABBR)
        return 0;
    *mo = val(m, i);
    *abbr = c == C_MONABBR;
    if (*abbr && is_p(m, i + 1, '.') && glued(m, i + 1))
        return 2;
    return 1;
}

/* Day of month at i: "17", "17th"; *d set. */
static size_t p_day(const M *m, size_t i, int *d)
{
    int c = cls(m, i);
    int x;
    if (c == C_DIGITS && m->u[i].ndig <= 2)
        x = m->u[i].num;
    else if (c == C_ORDNUM)
        x = val(m, i);
    else
        return 0;
    if (x < 1 || x > 31)
        return 0;
    /* "17-year", "17:00": not a day. */
    if (i + 1 < m->n && glued(m, i + 1) &&
        (is_p(m, i + 1, ':') || is_p(m, i + 1, '-') || is_p(m, i + 1, '%')))
        return 0;
    *d = x;
    return 1;
}

/* A four-digit year at i (1000..2199). */
static size_t p_year(const M *m, size_t i, int *y)
{
    if (cls(m, i) != C_DIGITS || m->u[i].ndig != 4)
        return 0;
    int x = m->u[i].num;
    if (x < 1000 || x > 2199)
        return 0;
    if (i + 1 < m->n && glued(m, i + 1) &&
        (is_p(m, i + 1, '%') || is_p(m, i + 1, ',')) &&
        cls(m, i + 2) == C_DIGITS)
        return 0;
    *y = x;
    return 1;
}

static void spec_init(spec *s)
{
    memset(s, 0, sizeof *s);
    s->type = AN_TIMEX_DATE;
    s->hh = -1;
}

/* ---- the date core ---- */

/*
** A clock time at i: "8:30", "15:00", "8 p.m.", "8pm", "10:30 a.m. GMT".
** Sets hh/mm; *dur is set for "3:07:35" without am/pm (a race time).
*/
static size_t p_clock(const M *m, size_t i, int *hh, int *mm, bool *dur,
                      char *durv)
{
    *dur = false;
    size_t k = i;
    int h, mi = 0, se = -1;
    bool colon = false;
    if (cls(m, k) == C_DIGITS && m->u[k].ndig <= 2) {
        h = m->u[k].num;
        k++;
        if (is_p(m, k, ':') && glued(m, k) && cls(m, k + 1) == C_DIGITS &&
            m->u[k + 1].ndig == 2 && glued(m, k + 1)) {
            mi = m->u[k + 1].num;
            k += 2;
            colon = true;
            if (is_p(m, k, ':') && glued(m, k) && cls(m, k + 1) == C_DIGITS &&
                m->u[k + 1].ndig == 2 && glued(m, k + 1)) {
                se = m->u[k + 1].num;
                k += 2;
            }
        }
    } else {
        /* "8pm", "10am" as one unit. */
        if (i >= m->n)
            return 0;
        const char *w = m->u[i].w;
        char *end;
        long x = strtol(w, &end, 10);
        if (end == w || end - w > 2 || (strcmp(end, "am") && strcmp(end, "pm")))
            return 0;
        h = (int)x;
        if (h < 1 || h > 12)
            return 0;
        *hh = (h % 12) + (end[0] == 'p' ? 12 : 0);
        *mm = 0;
        k = i + 1;
        if (cls(m, k) == C_TZ)
            k++;
        return k - i;
    }
    /* am / pm: "pm", "p.m.", "p. m." */
    int ampm = -1;
    if (cls(m, k) == C_AMPM) {
        ampm = val(m, k);
        k++;
        if (is_p(m, k, '.') && glued(m, k))
            k++;
    } else if ((is_w(m, k, "a") || is_w(m, k, "p")) && is_p(m, k + 1, '.') &&
               is_w(m, k + 2, "m")) {
        ampm = is_w(m, k, "p") ? 12 : 0;
        k += 3;
        if (is_p(m, k, '.') && glued(m, k))
            k++;
    }
    bool tz = false;
    if (cls(m, k) == C_TZ) {
        tz = true;
        k++;
    }
    if (ampm < 0 && !colon)
        return 0;
    if (ampm >= 0 && (h < 1 || h > 12))
        return 0;
    if (h > 24 || mi > 59 || se > 59)
        return 0;
    if (se >= 0 && ampm < 0 && !tz) {
        *dur = true;
        if (mi || se)
            snprintf(durv, 28, "PT%dH%dM%dS", h % 100, mi % 100, se % 100);
        else
            snprintf(durv, 28, "PT%dH", h % 100);
        return k - i;
    }
    if (ampm >= 0)
        h = h % 12 + ampm;
    *hh = h;
    *mm = mi;
    return k - i;
}

/* Part of day after a date: "morning", "night", "afternoon". */
static size_t p_part_after(const M *m, size_t i, spec *s)
{
    if (cls(m, i) == C_PART && val(m, i) <= P_NI && val(m, i) >= P_MO) {
        s->part = val(m, i);
        s->type = AN_TIMEX_TIME;
        return 1;
    }
    return 0;
}

/* "at 8 p.m.", "8 p.m." after a date. */
static size_t p_time_after(const M *m, size_t i, spec *s)
{
    size_t k = i;
    if (is_w(m, k, "at"))
        k++;
    int hh, mm;
    bool dur;
    char durv[28];
    size_t c = p_clock(m, k, &hh, &mm, &dur, durv);
    if (!c || dur)
        return 0;
    s->hh = hh;
    s->mm = mm;
    s->type = AN_TIMEX_TIME;
    return k + c - i;
}

/*
** Month `mo`, day `d`, read up to token j, and an optional "[,] year"
** after it into *s; returns the token after the date.
*/
static size_t month_day(const M *m, size_t j, int mo, int d, spec *s)
{
    int y;
    spec_init(s);
    s->m = mo;
    s->d = d;
    s->kind = K_NOYEAR;
    s->gran = G_DAY;
    size_t jj = j + is_p(m, j, ',');
    if (p_year(m, jj, &y)) {
        s->y = y;
        s->kind = K_ABS;
        j = jj + 1;
    }
    return j;
}

/*
** Written dates: [weekday [,]] month day [[,] year] | [weekday [,]] [the]
** day [of] month [[,] year] | month [of|,] year | weekday | month alone.
*/
static size_t r_written(const M *m, size_t i, spec *s)
{
    size_t k = i;
    int wd = -1;
    if (cls(m, k) == C_WDAY || (cls(m, k) == C_WDABBR && is_p(m, k + 1, '.'))) {
        wd = val(m, k);
        k += cls(m, k) == C_WDABBR ? 2 : 1;
        if (is_p(m, k, ','))
            k++;
    }
    int mo, d, y;
    bool abbr;
    size_t c;
    /* month day [, year] */
    if ((c = p_month(m, k, &mo, &abbr)) && p_day(m, k + c, &d)) {
        return month_day(m, k + c + 1, mo, d, s) - i;
    }
    /* [the] day [of] month [year] */
    size_t k2 = k;
    if (cls(m, k2) == C_THE)
        k2++;
    if (p_day(m, k2, &d)) {
        size_t j = k2 + 1;
        if (is_w(m, j, "of"))
            j++;
        if ((c = p_month(m, j, &mo, &abbr)))
            return month_day(m, j + c, mo, d, s) - i;
    }
    if (wd >= 0) {
        spec_init(s);
        s->kind = K_WDAY;
        s->wday = wd;
        s->gran = G_DAY;
        size_t j = k;
        /* k is past an optional comma; give it back. */
        if (j > i && is_p(m, j - 1, ','))
            j--;
        if (!m->force && i < m->n && !m->u[i].cap && m->u[i].cls == C_WDAY)
            return 0;
        return j - i;
    }
    /* month [of|,] year | month alone */
    if ((c = p_month(m, k, &mo, &abbr))) {
        size_t j = k + c;
        size_t jj = j;
        if (is_w(m, jj, "of") || is_p(m, jj, ','))
            jj++;
        spec_init(s);
        s->m = mo;
        s->gran = G_MONTH;
        if (p_year(m, jj, &y)) {
            s->y = y;
            s->kind = K_ABS;
            return jj + 1 - i;
        }
        if (m->force) {
            s->kind = K_NOYEAR;
            return j - i;
        }
        if (abbr || !m->u[k].cap)
            return 0;
        /* "May" and "March" alone need a date preposition before them. */
        if ((mo == 5 || mo == 3) && !in_list(prev_w(m, k), date_preps))
            return 0;
        /* A capitalised month at the start of a sentence, then a verb-like
           word, is too risky only for May/March, handled above. */
        s->kind = K_NOYEAR;
        return j - i;
    }
    return 0;
}

/* Numeric dates: 2025-03-17, 2025/03/17, 03/17/2025, 17.03.2025. */
static size_t r_numeric(const M *m, size_t i, spec *s)
{
    if (cls(m, i) != C_DIGITS)
        return 0;
    const an__tu *u = m->u;
    if (i + 4 >= m->n)
        return 0;
    char sep = u[i + 1].w[0];
    if (u[i + 1].len != 1 || (sep != '-' && sep != '/' && sep != '.'))
        return 0;
    if (!is_p(m, i + 3, sep) || !glued(m, i + 1) || !glued(m, i + 2) ||
        !glued(m, i + 3) || !glued(m, i + 4) || cls(m, i + 2) != C_DIGITS ||
        cls(m, i + 4) != C_DIGITS)
        return 0;
    int a = u[i].num, b = u[i + 2].num, c = u[i + 4].num;
    int y, mo, d;
    if (u[i].ndig == 4 && sep != '.') {
        y = a;
        mo = b;
        d = c;
    } else if (u[i + 4].ndig == 4 && u[i].ndig <= 2 && u[i + 2].ndig <= 2) {
        y = c;
        if (sep == '.' || a > 12) {
            d = a;
            mo = b;
        } else {
            mo = a;
            d = b;
        }
    } else {
        return 0;
    }
    if (y < 1000 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return 0;
    /* Part of a longer number ("2025-03-17-4")? */
    if (i + 5 < m->n && glued(m, i + 5) && (is_p(m, i + 5, sep) ||
                                            cls(m, i + 5) == C_DIGITS))
        return 0;
    spec_init(s);
    s->kind = K_ABS;
    s->y = y;
    s->m = mo;
    s->d = d;
    s->gran = G_DAY;
    return 5;
}

/* Years, decades, centuries, seasons with a year, quarters. */
static size_t r_year(const M *m, size_t i, spec *s)
{
    size_t k = i;
    bool the = false;
    if (cls(m, k) == C_THE) {
        the = true;
        k++;
    }
    int y;
    /* Decades: "the 1990s", "the '90s", "1990s". */
    size_t kk = k;
    if (is_p(m, kk, '\'') || is_p(m, kk, '`'))
        kk++;
    if (cls(m, kk) == C_DECADES) {
        int dv = val(m, kk);
        if (dv < 100)
            dv += dv >= 30 ? 1900 : 2000;
        if (dv % 10 == 0 && dv >= 1000 && dv <= 2190) {
            spec_init(s);
            s->kind = K_ABS;
            s->y = dv;
            s->gran = G_DECADE;
            return kk + 1 - i;
        }
    }
    /* Centuries: "the 20th century", "the twentieth century". */
    if ((cls(m, k) == C_ORDNUM || cls(m, k) == C_ORDW) &&
        cls(m, k + 1) == C_UNIT && (val(m, k + 1) & U_MASK) == U_CENTURY) {
        int c = val(m, k);
        if (c >= 1 && c <= 22) {
            spec_init(s);
            s->kind = K_ABS;
            s->y = (c - 1) * 100;
            s->gran = G_CENTURY;
            return k + 2 - i;
        }
    }
    /* Quarters: "the first quarter [of 2012]", "fourth-quarter", "Q3". */
    if ((cls(m, k) == C_ORDW || cls(m, k) == C_ORDNUM) && val(m, k) >= 1 &&
        val(m, k) <= 4) {
        size_t j = k + 1;
        if (is_p(m, j, '-') && glued(m, j))
            j++;
        if (cls(m, j) == C_UNIT && val(m, j) == U_QUARTER) {
            spec_init(s);
            s->q = val(m, k);
            s->gran = G_QUARTER;
            s->kind = K_NOYEAR;
            j++;
            size_t jj = j;
            if (is_w(m, jj, "of"))
                jj++;
            if (cls(m, jj) == C_FISCAL)
                jj++;
            if (p_year(m, jj, &y)) {
                s->y = y;
                s->kind = K_ABS;
                j = jj + 1;
            }
            return j - i;
        }
    }
    if (the)
        return 0;
    /* Seasons with a year: "summer 2012", "the summer of 2012" handled by
       the caller's "the"; "winter of 1999". */
    if (cls(m, k) == C_SEASON) {
        size_t j = k + 1;
        if (is_w(m, j, "of"))
            j++;
        if (p_year(m, j, &y)) {
            spec_init(s);
            s->kind = K_ABS;
            s->y = y;
            s->q = val(m, k);
            s->gran = G_SEASON;
            return j + 1 - i;
        }
        return 0;
    }
    /* "fiscal 2011", plain years. */
    size_t j = k;
    bool fiscal = false;
    if (cls(m, j) == C_FISCAL) {
        fiscal = true;
        j++;
    }
    if (!p_year(m, j, &y))
        return 0;
    if (!m->force && !fiscal) {
        const char *pw = prev_w(m, j);
        if (j > 0 && (is_p(m, j - 1, '$') || is_p(m, j - 1, '#')))
            return 0;
        if (is_p(m, j + 1, '%') || is_w(m, j + 1, "percent"))
            return 0;
        if ((y < 1900 || y > 2100) && !in_list(pw, date_preps))
            return 0;
        /* "2010 people": a lower-case plural noun right after. */
        if (is_alpha_unit(m, j + 1) && m->u[j + 1].sp &&
            cls(m, j + 1) == C_NONE) {
            const an__tu *nx = &m->u[j + 1];
            static const char *const plurals[] = {"people", "men", "women",
                                                  "children", "police", NULL};
            if (((nx->len > 3 && nx->w[nx->len - 1] == 's' &&
                  nx->w[nx->len - 2] != 's') || in_list(nx->w, plurals)) &&
                !in_list(pw, date_preps))
                return 0;
        }
        /* Part of an address, score or a longer figure: "1,2010". */
        if (j > 0 && glued(m, j) && (is_p(m, j - 1, ',') || is_p(m, j - 1, '.')))
            return 0;
    }
    spec_init(s);
    s->kind = K_ABS;
    s->y = y;
    s->gran = G_YEAR;
    return j + 1 - i;
}

/* Seasons, holidays and relative days. */
static size_t r_named(const M *m, size_t i, spec *s)
{
    int c = cls(m, i);
    if (c == C_RELDAY) {
        spec_init(s);
        s->kind = K_RELDAY;
        s->gran = G_DAY;
        int v = val(m, i);
        if (v == 10) {
            s->off = 0;
            s->part = P_NI;
            s->type = AN_TIMEX_TIME;
            return 1;
        }
        s->off = v;
        size_t k = i + 1;
        k += p_part_after(m, k, s);
        return k - i;
    }
    if (c == C_HOLI) {
        spec_init(s);
        s->kind = K_NOYEAR;
        s->gran = G_DAY;
        if (val(m, i) == 1) {
            s->m = 12;
            s->d = 25;
            if (is_w(m, i + 1, "eve")) {
                s->d = 24;
                return 2;
            }
            if (is_w(m, i + 1, "day"))
                return 2;
        } else {
            s->m = 10;
            s->d = 31;
        }
        if (!m->force && !m->u[i].cap)
            return 0;
        return 1;
    }
    /* "New Year's Day", "New Year's Eve" */
    if (is_w(m, i, "new") && is_w(m, i + 1, "year") && is_p(m, i + 2, '\'') &&
        is_w(m, i + 3, "s") && (is_w(m, i + 4, "day") || is_w(m, i + 4, "eve"))) {
        spec_init(s);
        s->kind = K_NOYEAR;
        s->gran = G_DAY;
        bool eve = is_w(m, i + 4, "eve");
        s->m = eve ? 12 : 1;
        s->d = eve ? 31 : 1;
        return 5;
    }
    /* A season after "in", "during", "over", "since", "until", "by". */
    if (c == C_SEASON) {
        static const char *const preps[] = {"in", "during", "over", "since",
                                            "until", "by", "the", NULL};
        if (!m->force && !in_list(prev_w(m, i), preps))
            return 0;
        /* "the fall of Kabul": not a season. */
        if (!m->force && val(m, i) == S_FA && is_w(m, i + 1, "of"))
            return 0;
        spec_init(s);
        s->kind = K_NOYEAR;
        s->q = val(m, i);
        s->gran = G_SEASON;
        return 1;
    }
    return 0;
}

/* Deictic expressions: this/last/next week, month, year; last May; next
   Friday; last summer; this morning; last night. */
static size_t r_deictic(const M *m, size_t i, spec *s)
{
    size_t k = i;
    bool the = false;
    if (cls(m, k) == C_THE) {
        the = true;
        k++;
    }
    if (cls(m, k) != C_DEICT)
        return 0;
    int dv = val(m, k);
    int off;
    switch (dv) {
    case D_THIS: off = 0; break;
    case D_LAST: case D_PAST: off = -1; break;
    case D_NEXT: case D_COMING: case D_FOLLOWING: off = 1; break;
    default: return 0;
    }
    if (the && dv == D_THIS)
        return 0;
    size_t j = k + 1;
    if (cls(m, j) == C_FISCAL)
        j++;
    int c = cls(m, j), v = val(m, j);
    spec_init(s);
    if (c == C_UNIT && !(v & U_PLURAL)) {
        int un = v & U_MASK;
        if (un == U_DECADE || un == U_CENTURY) {
            if (the && off != 0) {
                /* "the next decade": a duration. */
                s->kind = K_FIXED;
                s->type = AN_TIMEX_DURATION;
                snprintf(s->fixed, sizeof s->fixed, "P%dY",
                         un == U_DECADE ? 10 : 100);
                return j + 1 - i;
            }
        }
        if (un == U_DAY || un == U_HOUR || un == U_MIN || un == U_SEC ||
            un == U_FORTNIGHT)
            return 0;
        if (dv == D_FOLLOWING)
            return 0; /* relative to an event, not to the document */
        s->kind = K_DEICT;
        s->off = off;
        s->unit = un;
        return j + 1 - i;
    }
    if (the)
        return 0;
    if (c == C_MONTH) {
        s->kind = K_NOYEAR;
        s->m = v;
        s->gran = G_MONTH;
        s->dir = off;
        return j + 1 - i;
    }
    if (c == C_WDAY) {
        s->kind = K_WDAY;
        s->wday = v;
        s->gran = G_DAY;
        s->dir = off;
        size_t e = j + 1;
        e += p_part_after(m, e, s);
        return e - i;
    }
    if (c == C_SEASON) {
        s->kind = K_NOYEAR;
        s->q = v;
        s->gran = G_SEASON;
        s->dir = off;
        return j + 1 - i;
    }
    if (c == C_PART && (dv == D_THIS || dv == D_LAST) && v >= P_MO &&
        v <= P_NI) {
        /* "this morning" is today; "last night" is the evening before. */
        s->kind = K_RELDAY;
        s->gran = G_DAY;
        s->off = dv == D_LAST ? -1 : 0;
        s->part = v;
        s->type = AN_TIMEX_TIME;
        return j + 1 - i;
    }
    return 0;
}

/* N units ago / from now. */
static size_t r_ago(const M *m, size_t i, spec *s)
{
    size_t k = i;
    if (cls(m, k) == C_APPROX)
        k++;
    int nv = 0;
    size_t c;
    bool x = false;
    if ((c = p_number(m, k, &nv))) {
        k += c;
    } else if (cls(m, k) == C_A) {
        nv = 1;
        k++;
        if (cls(m, k) == C_FEW) {
            x = true;
            k++;
        }
    } else if (cls(m, k) == C_FEW) {
        x = true;
        k++;
    } else if (cls(m, k) == C_UNIT && (val(m, k) & U_PLURAL) &&
               cls(m, k + 1) == C_AGO) {
        x = true; /* "years ago" */
    } else {
        return 0;
    }
    if (is_p(m, k, '-') && glued(m, k))
        k++;
    if (cls(m, k) != C_UNIT)
        return 0;
    int un = val(m, k) & U_MASK;
    k++;
    int dir;
    if (cls(m, k) == C_AGO) {
        dir = -1;
        k++;
    } else if (is_w(m, k, "from") && is_w(m, k + 1, "now")) {
        dir = 1;
        k += 2;
    } else {
        return 0;
    }
    spec_init(s);
    if (x) {
        s->kind = K_FIXED;
        snprintf(s->fixed, sizeof s->fixed, "%s",
                 dir < 0 ? "PAST_REF" : "FUTURE_REF");
        return k - i;
    }
    s->kind = K_AGO;
    s->off = dir * nv;
    s->unit = un;
    return k - i;
}

/* Duration value for n (or -1: X) units. */
static void dur_value(char *out, int n, int un)
{
    char num[16];
    if (n < 0)
        snprintf(num, sizeof num, "X");
    else
        snprintf(num, sizeof num, "%d", n);
    switch (un) {
    case U_SEC: snprintf(out, 28, "PT%sS", num); break;
    case U_MIN: snprintf(out, 28, "PT%sM", num); break;
    case U_HOUR: snprintf(out, 28, "PT%sH", num); break;
    case U_DAY: snprintf(out, 28, "P%sD", num); break;
    case U_WEEK: snprintf(out, 28, "P%sW", num); break;
    case U_WEEKEND: snprintf(out, 28, "P%sWE", num); break;
    case U_FORTNIGHT:
        if (n < 0)
            snprintf(out, 28, "PXW");
        else
            snprintf(out, 28, "P%dW", 2 * n);
        break;
    case U_MONTH: snprintf(out, 28, "P%sM", num); break;
    case U_QUARTER:
        if (n < 0)
            snprintf(out, 28, "PXQ");
        else
            snprintf(out, 28, "P%dM", 3 * n);
        break;
    case U_YEAR: snprintf(out, 28, "P%sY", num); break;
    case U_DECADE:
        if (n < 0)
            snprintf(out, 28, "PXDE");
        else
            snprintf(out, 28, "P%dY", 10 * n);
        break;
    default:
        if (n < 0)
            snprintf(out, 28, "PXCE");
        else
            snprintf(out, 28, "P%dY", 100 * n);
        break;
    }
}

/*
** Durations: [the] [past|last|next|coming|first|recent] [about|almost]
** (N|a|several|a few) [-] unit[s] ['], and a bare plural unit after "for",
** "in", "over", "within".
*/
static size_t r_duration(const M *m, size_t i, spec *s)
{
    size_t k = i;
    bool the = false, deict = false;
    int mod = 0;
    if (cls(m, k) == C_THE) {
        the = true;
        k++;
    }
    if (cls(m, k) == C_DEICT && val(m, k) != D_THIS) {
        deict = true;
        k++;
    } else if (the && cls(m, k) == C_ORDW && val(m, k) == 1) {
        k++; /* "the first 100 days" */
        deict = true;
    }
    if (cls(m, k) == C_APPROX) {
        mod = val(m, k);
        k++;
    }
    /* "a mere 24 hours" */
    if (cls(m, k) == C_A && is_w(m, k + 1, "mere")) {
        k += 2;
    }
    int nv = -1;
    size_t c;
    bool have_num = false;
    if ((c = p_number(m, k, &nv))) {
        k += c;
        have_num = true;
    } else if (cls(m, k) == C_A) {
        if (cls(m, k + 1) == C_FEW) {
            nv = val(m, k + 1) ? val(m, k + 1) : -1;
            k += 2;
            if (is_w(m, k, "of"))
                k++;
        } else {
            nv = 1;
            k++;
        }
        have_num = true;
    } else if (cls(m, k) == C_FEW) {
        nv = -1;
        k++;
        have_num = true;
    }
    if (is_p(m, k, '-') && glued(m, k) && have_num)
        k++;
    if (cls(m, k) != C_UNIT)
        return 0;
    int uv = val(m, k);
    int un = uv & U_MASK;
    bool plural = uv & U_PLURAL;
    k++;
    if (!have_num) {
        if (!plural)
            return 0;
        /* Bare plurals: "recent weeks", "the past months", "for years". */
        if (!deict) {
            static const char *const lic[] = {"for", "in", "over", "within",
                                              "after", NULL};
            if (!m->force && (the || !in_list(prev_w(m, i), lic)))
                return 0;
            /* "in years" is fine, "in days of" less so: accept. */
        }
    } else if (nv == 1 && plural && cls(m, k - 2) == C_A) {
        return 0; /* "a days"? no */
    }
    if (cls(m, k) == C_AGO)
        return 0; /* r_ago takes it */
    /* "five-year-old", "a 30-year-old man": an age, not a duration. */
    if (is_p(m, k, '-') && glued(m, k) && is_w(m, k + 1, "old"))
        return 0;
    /* "the past" / "the next" without a number before a singular unit is
       a deictic date ("the last week"), left to r_deictic. */
    if (deict && !have_num && !plural)
        return 0;
    if (have_num && nv == 1 && the && !deict)
        return 0;
    /* A year-like bare number before a unit: "2010 years"? keep. */
    /* Possessive "five years'". */
    if (is_p(m, k, '\'') && glued(m, k) && plural &&
        !(k + 1 < m->n && is_w(m, k + 1, "s") && glued(m, k + 1)))
        k++;
    if (!have_num && deict && cls(m, i + (the ? 1 : 0)) == C_DEICT &&
        val(m, i + (the ? 1 : 0)) == D_FOLLOWING && !plural)
        return 0;
    spec_init(s);
    s->kind = K_FIXED;
    s->type = AN_TIMEX_DURATION;
    s->mod = mod;
    dur_value(s->fixed, have_num ? nv : -1, un);
    return k - i;
}

/* Sets: every/each + unit/weekday/part of day; daily, weekly, annually. */
static size_t r_set(const M *m, size_t i, spec *s)
{
    int c = cls(m, i);
    if (c == C_FREQ) {
        /* Adverbial use only: "the daily newspaper" is not a set. */
        if (!m->force && is_alpha_unit(m, i + 1) && cls(m, i + 1) == C_NONE &&
            m->u[i + 1].sp) {
            static const char *const fw[] = {
                "and", "or", "but", "in", "on", "at", "by", "for", "since",
                "to", "from", "with", "until", "during", "over", NULL};
            if (!in_list(m->u[i + 1].w, fw))
                return 0;
        }
        spec_init(s);
        s->kind = K_FIXED;
        s->type = AN_TIMEX_SET;
        static const char *const fv[] = {"", "PT1H", "P1D", "P1W", "P1M",
                                         "P3M", "P1Y"};
        int v = val(m, i);
        snprintf(s->fixed, sizeof s->fixed, "%s",
                 v >= 1 && v <= 6 ? fv[v] : "P1D");
        return 1;
    }
    if (c != C_EVERY)
        return 0;
    size_t k = i + 1;
    if (is_w(m, k, "other"))
        k++;
    int cc = cls(m, k), v = val(m, k);
    spec_init(s);
    s->kind = K_FIXED;
    s->type = AN_TIMEX_SET;
    if (cc == C_UNIT && !(v & U_PLURAL)) {
        dur_value(s->fixed, 1, v & U_MASK);
        return k + 1 - i;
    }
    if (cc == C_WDAY) {
        snprintf(s->fixed, sizeof s->fixed, "XXXX-WXX-%d", v + 1);
        return k + 1 - i;
    }
    if (cc == C_PART && v >= P_MO && v <= P_NI) {
        static const char *const pc[] = {"", "MO", "AF", "EV", "NI"};
        snprintf(s->fixed, sizeof s->fixed, "XXXX-XX-XXT%s", pc[v]);
        return k + 1 - i;
    }
    if (cc == C_MONTH) {
        snprintf(s->fixed, sizeof s->fixed, "XXXX-%02d", v);
        return k + 1 - i;
    }
    if (cc == C_SEASON) {
        static const char *const sc[] = {"", "SP", "SU", "FA", "WI"};
        snprintf(s->fixed, sizeof s->fixed, "XXXX-%s", sc[v]);
        return k + 1 - i;
    }
    return 0;
}

/* Clock times, with a date after them ("15:00 GMT Saturday"). */
static size_t r_time(const M *m, size_t i, spec *s)
{
    int hh = -1, mm = 0;
    bool dur;
    char durv[28];
    size_t c = p_clock(m, i, &hh, &mm, &dur, durv);
    if (!c) {
        int pv = cls(m, i) == C_PART ? val(m, i) : 0;
        if (pv != P_NOON && pv != P_MIDNIGHT)
            return 0;
        static const char *const preps[] = {"at", "by", "until", "before",
                                            "after", "from", "around", NULL};
        if (!m->force && !in_list(prev_w(m, i), preps))
            return 0;
        hh = pv == P_NOON ? 12 : 24;
        c = 1;
    }
    spec_init(s);
    if (dur) {
        s->kind = K_FIXED;
        s->type = AN_TIMEX_DURATION;
        memcpy(s->fixed, durv, sizeof s->fixed);
        return c;
    }
    /* A date after it: "15:00 GMT Saturday", "8 p.m. on Friday". */
    size_t k = i + c;
    if (is_w(m, k, "on"))
        k++;
    spec d;
    size_t dc = r_written(m, k, &d);
    if (!dc)
        dc = r_named(m, k, &d);
    if (dc && d.gran == G_DAY) {
        *s = d;
        c = k + dc - i;
    } else {
        s->kind = K_RELDAY; /* the same day as the reference */
        s->off = 0;
        s->gran = G_DAY;
    }
    s->type = AN_TIMEX_TIME;
    s->hh = hh;
    s->mm = mm;
    return c;
}

/* PRESENT_REF, PAST_REF, FUTURE_REF words. */
static size_t r_ref(const M *m, size_t i, spec *s)
{
    const char *v = NULL;
    size_t len = 0;
    if (cls(m, i) == C_PRES) {
        v = "PRESENT_REF";
        len = 1;
    } else if (cls(m, i) == C_THE && (is_w(m, i + 1, "past") ||
                                      is_w(m, i + 1, "future"))) {
        /* "the past" / "the future" not followed by a number or unit. */
        int c = cls(m, i + 2);
        if (c == C_DIGITS || c == C_NUMW || c == C_FEW || c == C_UNIT ||
            c == C_A || c == C_SEASON || c == C_MONTH || c == C_WDAY)
            return 0;
        if (is_w(m, i + 1, "future") && is_alpha_unit(m, i + 2) &&
            cls(m, i + 2) == C_NONE && m->u[i + 2].sp &&
            !is_w(m, i + 2, "and") && !is_w(m, i + 2, "or"))
            return 0; /* "the future president" */
        v = is_w(m, i + 1, "past") ? "PAST_REF" : "FUTURE_REF";
        len = 2;
    } else if (is_w(m, i, "recently") || is_w(m, i, "formerly")) {
        v = "PAST_REF";
        len = 1;
    } else if (is_w(m, i, "at") && cls(m, i + 1) == C_THE &&
               is_w(m, i + 2, "time") && !is_w(m, i + 3, "of")) {
        v = "PAST_REF";
        len = 3;
    } else if (is_w(m, i, "these") && is_w(m, i + 1, "days")) {
        v = "PRESENT_REF";
        len = 2;
    }
    if (!v)
        return 0;
    spec_init(s);
    s->kind = K_FIXED;
    snprintf(s->fixed, sizeof s->fixed, "%s", v);
    return len;
}

/* The date core: every rule that yields a date, longest first. */
static size_t date_core(const M *m, size_t i, spec *s)
{
    size_t best = 0;
    spec t;
    size_t (*const rules[])(const M *, size_t, spec *) = {
        r_numeric, r_written, r_year, r_named, r_deictic};
    for (size_t r = 0; r < AN_COUNT(rules); r++) {
        size_t c = rules[r](m, i, &t);
        if (c > best) {
            best = c;
            *s = t;
        }
    }
    return best;
}

/* Modifier prefixes: early, late, mid-, the end of, the beginning of. */
static size_t r_modified(const M *m, size_t i, spec *s)
{
    size_t k = i;
    int mod = 0;
    if (cls(m, k) == C_MODW && (val(m, k) == AN_TMOD_START ||
                                val(m, k) == AN_TMOD_END ||
                                val(m, k) == AN_TMOD_MID) &&
        !is_w(m, k, "end") && !is_w(m, k, "beginning") &&
        !is_w(m, k, "start") && !is_w(m, k, "middle")) {
        mod = val(m, k);
        k++;
        if (is_p(m, k, '-') && glued(m, k))
            k++;
    } else {
        size_t j = k;
        if (cls(m, j) == C_THE)
            j++;
        if (cls(m, j) == C_MODW && (is_w(m, j, "end") ||
                                    is_w(m, j, "beginning") ||
                                    is_w(m, j, "start") ||
                                    is_w(m, j, "middle")) &&
            is_w(m, j + 1, "of")) {
            mod = val(m, j);
            k = j + 2;
            if (cls(m, k) == C_THE && cls(m, k + 1) == C_UNIT &&
                (val(m, k + 1) == U_YEAR || val(m, k + 1) == U_MONTH ||
                 val(m, k + 1) == U_WEEK)) {
                /* "the end of the year": this year, month, week. */
                spec_init(s);
                s->kind = K_DEICT;
                s->off = 0;
                s->unit = val(m, k + 1);
                s->mod = mod;
                return k + 2 - i;
            }
            if (cls(m, k) == C_UNIT && val(m, k) == U_YEAR) {
                spec_init(s);
                s->kind = K_DEICT;
                s->off = 0;
                s->unit = U_YEAR;
                s->mod = mod;
                return k + 1 - i;
            }
        }
    }
    if (!mod)
        return 0;
    spec t;
    size_t c = date_core(m, k, &t);
    if (!c) {
        /* "early last July": the deictic needs the modifier skipped. */
        return 0;
    }
    if (t.gran == G_DAY && t.kind != K_WDAY)
        return 0; /* "late March 3"? leave it */
    if (t.kind == K_WDAY || t.kind == K_RELDAY) {
        /* "early Monday": a time of that day. */
        t.part = mod == AN_TMOD_START ? P_MO : mod == AN_TMOD_END ? P_NI : 0;
        if (t.part)
            t.type = AN_TIMEX_TIME;
    } else {
        t.mod = mod;
    }
    *s = t;
    return k + c - i;
}

/* ---- resolution ---- */

static int season_of_month(int mo)
{
    return mo >= 3 && mo <= 5 ? S_SP : mo >= 6 && mo <= 8 ? S_SU
         : mo >= 9 && mo <= 11 ? S_FA : S_WI;
}

/* Days in a month. */
static int mdays(int y, int mo)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mo == 2 && leap ? 29 : d[(mo - 1) % 12];
}

static an_date mkdate(int y, int mo, int d)
{
    an_date r = {(int16_t)y, (int8_t)mo, (int8_t)d};
    return r;
}

static an_date add_days(an_date d, int k)
{
    return an_date_from_days(an_date_days(d) + k);
}

/* ISO week of a date: *wy the week's year, returns the week number. */
static int iso_week(an_date d, int *wy)
{
    int wd = an_date_weekday(d);
    an_date th = add_days(d, 3 - wd);
    *wy = th.year;
    int doy = an_date_days(th) - an_date_days(mkdate(th.year, 1, 1));
    return doy / 7 + 1;
}

/*
** Pick a year for an underspecified (month, day) / season / quarter given
** as a comparable key: key(y) for candidate year y, ref key r.  dir -1:
** latest before r; +1: earliest after; 0 with tense: past -> latest <= r,
** future -> earliest >= r, else the nearest.
*/
static int pick_year(int ry, long (*key)(int y, const spec *s), const spec *s,
                     long r, int dir, int tense)
{
    long kp = key(ry, s), kprev = key(ry - 1, s), knext = key(ry + 1, s);
    if (dir < 0)
        return kp < r ? ry : ry - 1;
    if (dir > 0)
        return kp > r ? ry : ry + 1;
    if (tense == AN_TENSE_PAST)
        return kp <= r ? ry : ry - 1;
    if (tense == AN_TENSE_FUTURE)
        return kp >= r ? ry : ry + 1;
    /* Nearest of the three candidates; ties go to the past. */
    long dp = labs(kp - r), db = labs(r - kprev), dn = labs(knext - r);
    if (db < dp && db <= dn)
        return ry - 1;
    if (dn < dp && dn < db)
        return ry + 1;
    return ry;
}

/* Keys in days (month/day), or month index for month/season/quarter. */
static long key_md(int y, const spec *s)
{
    if (s->d)
        return an_date_days(mkdate(y, s->m, AN_MIN(s->d, mdays(y, s->m))));
    return (long)y * 12 + s->m - 1;
}

static long key_season(int y, const spec *s)
{
    static const int start[] = {0, 3, 6, 9, 12};
    return (long)y * 12 + start[s->q] - 1 + 1; /* middle month */
}

static long key_quarter(int y, const spec *s)
{
    return (long)y * 12 + (s->q - 1) * 3 + 1;
}

/* Append the time part of a spec to value v. */
static void add_time(char *v, size_t cap, const spec *s)
{
    size_t n = strlen(v);
    if (s->hh >= 0)
        snprintf(v + n, cap - n, "T%02d:%02d", s->hh, s->mm);
    else if (s->part >= P_MO && s->part <= P_NI) {
        static const char *const pc[] = {"", "MO", "AF", "EV", "NI"};
        snprintf(v + n, cap - n, "T%s", pc[s->part]);
    }
}

/* Format a resolved period and its extent. */
static void put_period(an_timex *tx, int gran, int y, int mo, int d, int q,
                       const spec *s)
{
    char *v = tx->value;
    size_t cap = sizeof tx->value;
    static const char *const sc[] = {"", "SP", "SU", "FA", "WI"};
    switch (gran) {
    case G_DAY:
        snprintf(v, cap, "%04d-%02d-%02d", y, mo, d);
        add_time(v, cap, s);
        tx->lo = tx->hi = mkdate(y, mo, d);
        break;
    case G_MONTH:
        snprintf(v, cap, "%04d-%02d", y, mo);
        tx->lo = mkdate(y, mo, 1);
        tx->hi = mkdate(y, mo, mdays(y, mo));
        break;
    case G_YEAR:
        snprintf(v, cap, "%04d", y);
        tx->lo = mkdate(y, 1, 1);
        tx->hi = mkdate(y, 12, 31);
        break;
    case G_SEASON:
        snprintf(v, cap, "%04d-%s", y, sc[q]);
        {
            static const int sm[] = {0, 3, 6, 9, 12};
            tx->lo = mkdate(y, sm[q], 1);
            an_date end = q == S_WI ? mkdate(y + 1, 2, mdays(y + 1, 2))
                                    : mkdate(y, sm[q] + 2, mdays(y, sm[q] + 2));
            tx->hi = end;
        }
        break;
    case G_QUARTER:
        snprintf(v, cap, "%04d-Q%d", y, q);
        tx->lo = mkdate(y, (q - 1) * 3 + 1, 1);
        tx->hi = mkdate(y, q * 3, mdays(y, q * 3));
        break;
    case G_DECADE:
        snprintf(v, cap, "%03d", y / 10);
        tx->lo = mkdate(y / 10 * 10, 1, 1);
        tx->hi = mkdate(y / 10 * 10 + 9, 12, 31);
        break;
    case G_CENTURY:
        snprintf(v, cap, "%02d", y / 100);
        tx->lo = mkdate(y / 100 * 100, 1, 1);
        tx->hi = mkdate(y / 100 * 100 + 99, 12, 31);
        break;
    default:
        break;
    }
}

/* Put a week (gran G_WEEK or G_WEEKEND) holding date d. */
static void put_week(an_timex *tx, an_date d, bool weekend)
{
    int wy;
    int w = iso_week(d, &wy);
    snprintf(tx->value, sizeof tx->value, weekend ? "%04d-W%02d-WE"
                                                  : "%04d-W%02d", wy, w);
    an_date mon = add_days(d, -an_date_weekday(d));
    tx->lo = weekend ? add_days(mon, 5) : mon;
    tx->hi = add_days(mon, 6);
}

/* Resolve a spec against the reference date (ref.year == 0: none). */
static void resolve(const spec *s, an_date ref, int tense, an_timex *tx)
{
    memset(tx->value, 0, sizeof tx->value);
    memset(&tx->lo, 0, sizeof tx->lo);
    memset(&tx->hi, 0, sizeof tx->hi);
    tx->type = (uint8_t)s->type;
    tx->mod = (uint8_t)s->mod;
    tx->tense = (uint8_t)tense;
    tx->anchor = AN_TANCHOR_NONE;
    bool have = ref.year > 0 && ref.month > 0 && ref.day > 0;
    char *v = tx->value;
    size_t cap = sizeof tx->value;
    static const char *const sc[] = {"", "SP", "SU", "FA", "WI"};
    switch (s->kind) {
    case K_FIXED:
        memcpy(v, s->fixed, cap);
        v[cap - 1] = 0;
        return;
    case K_ABS:
        if (s->gran == G_DAY && s->d > mdays(s->y, s->m)) {
            snprintf(v, cap, "%04d-%02d", s->y, s->m);
            return;
        }
        put_period(tx, s->gran, s->y, s->m, s->d, s->q, s);
        return;
    default:
        break;
    }
    if (!have) {
        tx->anchor = AN_TANCHOR_UNRESOLVED;
        switch (s->kind) {
        case K_NOYEAR:
            if (s->gran == G_DAY)
                snprintf(v, cap, "XXXX-%02d-%02d", s->m, s->d);
            else if (s->gran == G_MONTH)
                snprintf(v, cap, "XXXX-%02d", s->m);
            else if (s->gran == G_SEASON)
                snprintf(v, cap, "XXXX-%s", sc[s->q]);
            else
                snprintf(v, cap, "XXXX-Q%d", s->q);
            break;
        case K_WDAY:
            snprintf(v, cap, "XXXX-WXX-%d", s->wday + 1);
            break;
        case K_DEICT:
            snprintf(v, cap, "%s", s->unit == U_WEEK ? "XXXX-WXX"
                                 : s->unit == U_MONTH ? "XXXX-XX" : "XXXX");
            break;
        default:
            snprintf(v, cap, "XXXX-XX-XX");
            break;
        }
        add_time(v, cap, s);
        return;
    }
    tx->anchor = AN_TANCHOR_DOCUMENT;
    switch (s->kind) {
    case K_RELDAY: {
        an_date d = add_days(ref, s->off);
        put_period(tx, G_DAY, d.year, d.month, d.day, 0, s);
        return;
    }
    case K_WDAY: {
        int rw = an_date_weekday(ref);
        int back = (rw - s->wday + 7) % 7;   /* days back to it, 0..6 */
        int fwd = (s->wday - rw + 7) % 7;    /* days forward, 0..6 */
        int k;
        if (s->dir < 0)
            k = back ? -back : -7;
        else if (s->dir > 0)
            k = fwd ? fwd : 7;
        else if (tense == AN_TENSE_FUTURE)
            k = fwd;
        else
            k = -back;
        an_date d = add_days(ref, k);
        put_period(tx, G_DAY, d.year, d.month, d.day, 0, s);
        return;
    }
    case K_NOYEAR: {
        int y;
        if (s->gran == G_SEASON) {
            spec t = *s;
            t.q = season_of_month(ref.month);
            int ry = ref.month <= 2 ? ref.year - 1 : ref.year;
            long r = key_season(ry, &t);
            if (s->dir == 0 && tense == AN_TENSE_UNKNOWN && t.q == s->q)
                y = ry;
            else
                y = pick_year(ref.year, key_season, s, r, s->dir, tense);
            put_period(tx, G_SEASON, y, 0, 0, s->q, s);
        } else if (s->gran == G_QUARTER) {
            long r = (long)ref.year * 12 + ref.month - 1;
            /* A quarter is reported after it ends: default to the past. */
            int t = tense == AN_TENSE_UNKNOWN ? AN_TENSE_PAST : tense;
            y = pick_year(ref.year, key_quarter, s, r, s->dir, t);
            put_period(tx, G_QUARTER, y, 0, 0, s->q, s);
        } else {
            long r = s->d ? an_date_days(ref) : (long)ref.year * 12 + ref.month - 1;
            y = pick_year(ref.year, key_md, s, r, s->dir, tense);
            put_period(tx, s->gran, y, s->m, s->d ? AN_MIN(s->d, mdays(y, s->m)) : 0,
                       0, s);
        }
        return;
    }
    case K_DEICT: {
        switch (s->unit) {
        case U_WEEK:
        case U_WEEKEND:
            put_week(tx, add_days(ref, 7 * s->off), s->unit == U_WEEKEND);
            return;
        case U_MONTH: {
            int mi = ref.year * 12 + ref.month - 1 + s->off;
            put_period(tx, G_MONTH, mi / 12, mi % 12 + 1, 0, 0, s);
            return;
        }
        case U_QUARTER: {
            int qi = ref.year * 4 + (ref.month - 1) / 3 + s->off;
            put_period(tx, G_QUARTER, qi / 4, 0, 0, qi % 4 + 1, s);
            return;
        }
        case U_DECADE:
            put_period(tx, G_DECADE, ref.year + 10 * s->off, 0, 0, 0, s);
            return;
        case U_CENTURY:
            put_period(tx, G_CENTURY, ref.year + 100 * s->off, 0, 0, 0, s);
            return;
        default:
            put_period(tx, G_YEAR, ref.year + s->off, 0, 0, 0, s);
            return;
        }
    }
    case K_AGO: {
        switch (s->unit) {
        case U_YEAR:
            put_period(tx, G_YEAR, ref.year + s->off, 0, 0, 0, s);
            return;
        case U_DECADE:
            put_period(tx, G_YEAR, ref.year + 10 * s->off, 0, 0, 0, s);
            return;
        case U_CENTURY:
            put_period(tx, G_CENTURY, ref.year + 100 * s->off, 0, 0, 0, s);
            return;
        case U_MONTH: {
            int mi = ref.year * 12 + ref.month - 1 + s->off;
            put_period(tx, G_MONTH, mi / 12, mi % 12 + 1, 0, 0, s);
            return;
        }
        case U_QUARTER: {
            int mi = ref.year * 12 + ref.month - 1 + 3 * s->off;
            put_period(tx, G_MONTH, mi / 12, mi % 12 + 1, 0, 0, s);
            return;
        }
        case U_WEEK:
        case U_WEEKEND:
        case U_FORTNIGHT: {
            int k = 7 * s->off * (s->unit == U_FORTNIGHT ? 2 : 1);
            an_date d = add_days(ref, k);
            put_period(tx, G_DAY, d.year, d.month, d.day, 0, s);
            return;
        }
        case U_DAY: {
            an_date d = add_days(ref, s->off);
            put_period(tx, G_DAY, d.year, d.month, d.day, 0, s);
            return;
        }
        default:
            put_period(tx, G_DAY, ref.year, ref.month, ref.day, 0, s);
            return;
        }
    }
    default:
        snprintf(v, cap, "XXXX");
        return;
    }
}

int an__when_match(const an_doc *doc, const an__tu *u, size_t n, size_t i,
                   int tense, int force, an_timex *tx)
{
    M m = {doc, u, n, force};
    size_t (*const rules[])(const M *, size_t, spec *) = {
        r_modified, r_time, r_ago, r_duration, r_set, r_ref, date_core};
    size_t best = 0;
    spec s, t;
    for (size_t r = 0; r < AN_COUNT(rules); r++) {
        size_t c = rules[r](&m, i, &t);
        if (c > best) {
            best = c;
            s = t;
        }
    }
    if (!best)
        return 0;
    /* A date followed by a time: "Friday at 8 p.m.", "March 3 morning". */
    if (s.type == AN_TIMEX_DATE && s.gran == G_DAY && s.part == 0 &&
        s.hh < 0 && (s.kind == K_ABS || s.kind == K_NOYEAR ||
                     s.kind == K_WDAY || s.kind == K_RELDAY)) {
        size_t c = p_part_after(&m, i + best, &s);
        if (!c)
            c = p_time_after(&m, i + best, &s);
        best += c;
    }
    /* Mod from the words before: "more than a week", "less than". */
    if (s.type == AN_TIMEX_DURATION && !s.mod && i >= 2 &&
        is_w(&m, i - 1, "than")) {
        if (is_w(&m, i - 2, "more"))
            s.mod = AN_TMOD_MORE_THAN;
        else if (is_w(&m, i - 2, "less") || is_w(&m, i - 2, "fewer"))
            s.mod = AN_TMOD_LESS_THAN;
    }
    int ten = tense;
    if (ten == AN_TENSE_UNKNOWN && !force && (s.kind == K_NOYEAR ||
                                               s.kind == K_WDAY)) {
        uint32_t t0 = u[i].tok, t1 = u[i + best - 1].tok + 1;
        /* Sentence of the first token. */
        size_t si = AN__TOK_FIND(doc->sents, doc->nsent, t0);
        if (si >= doc->nsent)
            si = 0;
        if (doc->nsent)
            ten = an_when_tense_cues(doc, (uint32_t)si, t0, t1 - t0);
    }
    resolve(&s, doc->date, ten, tx);
    return (int)best;
}
