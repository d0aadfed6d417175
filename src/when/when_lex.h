/*
** when_lex.h - word classes and values of the time lexicon (lex.c), read
** by the rules (when.c).
*/
#ifndef AN_WHEN_LEX_H
#define AN_WHEN_LEX_H

/* Word classes of units. */
enum {
    C_NONE = 0,
    C_DIGITS,   /* an all-digit run (num, ndig) */
    C_ORDNUM,   /* "17th": val = 17 */
    C_DECADES,  /* "1990s" / "90s": val = 1990 / 90 */
    C_MONTH,    /* val 1..12 */
    C_MONABBR,  /* "feb": val 1..12 */
    C_WDAY,     /* val 0 Monday .. 6 Sunday */
    C_WDABBR,   /* "fri" */
    C_NUMW,     /* number word: val */
    C_ORDW,     /* ordinal word: val */
    C_UNIT,     /* unit of time: val = U_* | U_PLURAL */
    C_PART,     /* part of day: val = P_* */
    C_SEASON,   /* val = S_* */
    C_RELDAY,   /* today 0, yesterday -1, tomorrow 1, tonight 10 */
    C_PRES,     /* now, currently: PRESENT_REF */
    C_DEICT,    /* this, last, next, past, ...: val = D_* */
    C_MODW,     /* early, late, mid, end, beginning: val = AN_TMOD_* */
    C_FREQ,     /* daily, weekly, annually: val = F_* */
    C_EVERY,    /* every, each */
    C_AGO,      /* ago */
    C_LATER,    /* later (+1), earlier (-1) */
    C_APPROX,   /* about, almost: val = AN_TMOD_* */
    C_FEW,      /* several, few, many, couple: val (2 for couple) */
    C_THE,      /* the */
    C_A,        /* a, an */
    C_HOLI,     /* holiday: 1 Christmas, 2 Halloween */
    C_FISCAL,   /* fiscal */
    C_AMPM,     /* am 0, pm 12 */
    C_TZ        /* time zone abbreviation */
};

/* Units of time. */
enum {
    U_SEC = 1, U_MIN, U_HOUR, U_DAY, U_WEEK, U_WEEKEND, U_FORTNIGHT,
    U_MONTH, U_QUARTER, U_YEAR, U_DECADE, U_CENTURY,
    U_MASK = 0x0F,
    U_PLURAL = 0x10
};

/* Parts of the day. */
enum { P_MO = 1, P_AF, P_EV, P_NI, P_NOON, P_MIDNIGHT };

/* Seasons. */
enum { S_SP = 1, S_SU, S_FA, S_WI };

/* Deictic words. */
enum {
    D_THIS = 1, D_LAST, D_NEXT, D_PAST, D_COMING, D_FOLLOWING, D_RECENT
};

/* Frequencies. */
enum { F_HOUR = 1, F_DAY, F_WEEK, F_MONTH, F_QUARTER, F_YEAR };

/** 1 when the lexicon is sorted (a unit test checks it). */
int an__when_lex_sorted(void);

#endif /* AN_WHEN_LEX_H */
