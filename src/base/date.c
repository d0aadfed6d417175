/*
** date.c - calendar arithmetic and parsing of the date forms found in
** news metadata and datelines.
**
** Parsing splits the input into number and word tokens and recognises the
** patterns year-month-day (ISO), day month year and month day year
** (written, RFC 2822).  Weekday names, clock times, AM/PM and time zones
** may surround a date and are skipped; any other word makes
** an_date_parse() fail, so that "Page 3 of 12" is not read as a date.
*/
#include <ctype.h>

#include "base.h"

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december"};

static const char *const weekday_names[7] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday"};

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

static bool valid_ymd(int y, int m, int d)
{
    return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(y, m);
}

int32_t an_date_days(an_date dt)
{
    /* Days from civil (Howard Hinnant's algorithm). */
    int y = dt.year, m = dt.month ? dt.month : 1, d = dt.day ? dt.day : 1;
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

an_date an_date_from_days(int32_t z)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    an_date r = {(int16_t)(y + (m <= 2)), (int8_t)m, (int8_t)d};
    return r;
}

int an_date_weekday(an_date d)
{
    int32_t days = an_date_days(d); /* 1970-01-01 was a Thursday (3) */
    int w = (int)((days % 7 + 7 + 3) % 7);
    return w;
}

void an_date_format(an_date d, char buf[11])
{
    int y = d.year < 0 ? 0 : d.year > 9999 ? 9999 : d.year;
    int m = d.month < 0 || d.month > 12 ? 0 : d.month;
    int dd = d.day < 0 || d.day > 31 ? 0 : d.day;
    char *o = buf;
    *o++ = (char)('0' + y / 1000);
    *o++ = (char)('0' + y / 100 % 10);
    *o++ = (char)('0' + y / 10 % 10);
    *o++ = (char)('0' + y % 10);
    if (m) {
        *o++ = '-';
        *o++ = (char)('0' + m / 10);
        *o++ = (char)('0' + m % 10);
        if (dd) {
            *o++ = '-';
            *o++ = (char)('0' + dd / 10);
            *o++ = (char)('0' + dd % 10);
        }
    }
    *o = 0;
}

/* ---- tokens ---- */

enum { T_NUM, T_MONTH, T_WEEKDAY, T_SKIP, T_WORD, T_SEP };

typedef struct dtok {
    int type;
    int val;       /* number value, month 1..12 */
    int ndig;      /* digits of a number */
    size_t start, end;
    char sep;      /* for T_SEP: the character */
} dtok;

/* Match a word (lower-cased into w) against month names and abbrev. */
static int month_of(const char *w, size_t n)
{
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++) {
        size_t ln = strlen(month_names[i]);
        if (n == ln && memcmp(w, month_names[i], n) == 0)
            return i + 1;
        if (n == 3 && memcmp(w, month_names[i], 3) == 0)
            return i + 1;
    }
    if (n == 4 && memcmp(w, "sept", 4) == 0)
        return 9;
    return 0;
}

static int weekday_of(const char *w, size_t n)
{
    if (n < 3)
        return 0;
    for (int i = 0; i < 7; i++) {
        size_t ln = strlen(weekday_names[i]);
        if (n == ln && memcmp(w, weekday_names[i], n) == 0)
            return i + 1;
        if (n == 3 && memcmp(w, weekday_names[i], 3) == 0)
            return i + 1;
    }
    if ((n == 4 && (memcmp(w, "tues", 4) == 0 || memcmp(w, "thur", 4) == 0)) ||
        (n == 5 && memcmp(w, "thurs", 5) == 0))
        return 1;
    return 0;
}

static bool skip_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "am", "pm", "a", "p", "m", "t", "z", "at", "on", "gmt", "utc", "est",
        "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest",
        "eet", "eest", "ist", "jst", "msk", "aest", "aedt", "hkt", "sgt",
        "st", "nd", "rd", "th", "of", "the", "updated", "published",
        "posted", "last", "modified", "first", "originally", "story",
        "created", "edited", "time", "date", "hrs", "et", "ct", "pt", "mt",
        "akst", "akdt", "hst", "hkt", "wib", "wat", "cat", "eat", "sast",
        "nzst", "nzdt", "kst", "pht", "ict", "gst", "ast", "adt", "wet",
        "west", "update", "release", "released", "for", "immediate",
        "issued", "printed", "uhr", "h"};
    for (size_t i = 0; i < AN_COUNT(words); i++)
        if (strlen(words[i]) == n && memcmp(w, words[i], n) == 0)
            return true;
    return false;
}

/* Split p[0..n) into at most `max` tokens; returns the count. */
static size_t lex(const char *p, size_t n, dtok *t, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        unsigned char c = (unsigned char)p[i];
        if (isdigit(c)) {
            size_t j = i;
            long v = 0;
            while (j < n && isdigit((unsigned char)p[j])) {
                if (v < 100000000)
                    v = v * 10 + (p[j] - '0');
                j++;
            }
            t[k++] = (dtok){T_NUM, (int)v, (int)(j - i), i, j, 0};
            i = j;
        } else if (isalpha(c)) {
            size_t j = i;
            char w[16];
            size_t wn = 0;
            while (j < n && isalpha((unsigned char)p[j])) {
                if (wn < sizeof w)
                    w[wn] = (char)an_lower((unsigned char)p[j]);
                wn++;
                j++;
            }
            dtok d = {T_WORD, 0, 0, i, j, 0};
            if (wn <= sizeof w) {
                int m = month_of(w, wn);
                if (m) {
                    d.type = T_MONTH;
                    d.val = m;
                } else if (weekday_of(w, wn)) {
                    d.type = T_WEEKDAY;
                } else if (skip_word(w, wn)) {
                    d.type = T_SKIP;
                }
            }
            t[k++] = d;
            i = j;
        } else if (c == '|' || c == '@') {
            t[k++] = (dtok){T_SEP, 0, 0, i, i + 1, ','};
            i++;
        } else if (c == '-' || c == '/' || c == '.' || c == ':' || c == '+' ||
                   c == ',') {
            t[k++] = (dtok){T_SEP, 0, 0, i, i + 1, (char)c};
            i++;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                   c == '(' || c == ')') {
            i++;
        } else {
            t[k++] = (dtok){T_WORD, 0, 0, i, i + 1, 0};
            i++;
        }
    }
    return k;
}

static bool is_sep(const dtok *t, char c)
{
    return t->type == T_SEP && t->sep == c;
}

/*
** Try to read a date starting at token i.  On success sets *out, *used
** (tokens consumed) and returns true.
*/
static bool match_at(const dtok *t, size_t k, size_t i, an_date *out,
                     size_t *used, bool allow_md)
{
    int y, m, d;
    /* ISO: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD */
    if (i + 4 < k && t[i].type == T_NUM && t[i].ndig == 4 &&
        t[i + 1].type == T_SEP && t[i + 2].type == T_NUM &&
        t[i + 3].type == T_SEP && t[i + 3].sep == t[i + 1].sep &&
        t[i + 4].type == T_NUM && t[i + 2].ndig <= 2 && t[i + 4].ndig <= 2 &&
        (t[i + 1].sep == '-' || t[i + 1].sep == '/' || t[i + 1].sep == '.')) {
        y = t[i].val; m = t[i + 2].val; d = t[i + 4].val;
        if (valid_ymd(y, m, d)) {
            *out = (an_date){(int16_t)y, (int8_t)m, (int8_t)d};
            *used = 5;
            return true;
        }
    }
    /* Compact ISO: YYYYMMDD */
    if (i < k && t[i].type == T_NUM && t[i].ndig == 8) {
        y = t[i].val / 10000; m = t[i].val / 100 % 100; d = t[i].val % 100;
        if (valid_ymd(y, m, d)) {
            *out = (an_date){(int16_t)y, (int8_t)m, (int8_t)d};
            *used = 1;
            return true;
        }
    }
    /* Numeric M/D/YYYY (US order unless the first number exceeds 12). */
    if (i + 4 < k && t[i].type == T_NUM && t[i].ndig <= 2 &&
        is_sep(&t[i + 1], '/') && t[i + 2].type == T_NUM && t[i + 2].ndig <= 2 &&
        is_sep(&t[i + 3], '/') && t[i + 4].type == T_NUM && t[i + 4].ndig == 4) {
        m = t[i].val; d = t[i + 2].val; y = t[i + 4].val;
        if (m > 12) { int x = m; m = d; d = x; }
        if (valid_ymd(y, m, d)) {
            *out = (an_date){(int16_t)y, (int8_t)m, (int8_t)d};
            *used = 5;
            return true;
        }
    }
    /* Day Month Year: "18 March 2025", "17 Mar 2025", "18-Mar-2025" */
    if (i + 2 < k && t[i].type == T_NUM && t[i].ndig <= 2) {
        size_t j = i + 1;
        if (j < k && t[j].type == T_SKIP) j++;           /* 18th */
        if (j < k && t[j].type == T_SKIP) j++;           /* of */
        if (j < k && (is_sep(&t[j], '-') || is_sep(&t[j], '.'))) j++;
        if (j < k && t[j].type == T_MONTH) {
            size_t q = j + 1;
            if (q < k && (is_sep(&t[q], '.') || is_sep(&t[q], ',') ||
                          is_sep(&t[q], '-')))
                q++;
            if (q < k && t[q].type == T_NUM && t[q].ndig == 4) {
                y = t[q].val; m = t[j].val; d = t[i].val;
                if (valid_ymd(y, m, d)) {
                    *out = (an_date){(int16_t)y, (int8_t)m, (int8_t)d};
                    *used = q + 1 - i;
                    return true;
                }
            }
        }
    }
    /* Month Day, Year: "March 18, 2025", "Mar. 18 2025", "March 18th, 2025" */
    if (i + 2 < k && t[i].type == T_MONTH) {
        size_t j = i + 1;
        if (j < k && is_sep(&t[j], '.')) j++;
        if (j < k && t[j].type == T_NUM && t[j].ndig <= 2) {
            size_t q = j + 1;
            if (q < k && t[q].type == T_SKIP) q++;        /* th */
            if (q < k && is_sep(&t[q], ',')) q++;
            if (q < k && t[q].type == T_NUM && t[q].ndig == 4) {
                y = t[q].val; m = t[i].val; d = t[j].val;
                if (valid_ymd(y, m, d)) {
                    *out = (an_date){(int16_t)y, (int8_t)m, (int8_t)d};
                    *used = q + 1 - i;
                    return true;
                }
            }
        }
    }
    if (!allow_md)
        return false;
    /* Month and day without a year: "March 18", "Mar. 18th", "18 March". */
    if (i + 1 < k && t[i].type == T_MONTH) {
        size_t j = i + 1;
        if (j < k && is_sep(&t[j], '.')) j++;
        if (j < k && t[j].type == T_NUM && t[j].ndig <= 2 &&
            valid_ymd(2000, t[i].val, t[j].val)) {
            size_t q = j + 1;
            if (q < k && t[q].type == T_SKIP && t[q].end - t[q].start == 2)
                q++; /* 18th */
            *out = (an_date){0, (int8_t)t[i].val, (int8_t)t[j].val};
            *used = q - i;
            return true;
        }
    }
    if (i + 1 < k && t[i].type == T_NUM && t[i].ndig <= 2) {
        size_t j = i + 1;
        if (j < k && t[j].type == T_SKIP) j++;           /* 18th */
        if (j < k && t[j].type == T_SKIP) j++;           /* of */
        if (j < k && t[j].type == T_MONTH &&
            valid_ymd(2000, t[j].val, t[i].val)) {
            *out = (an_date){0, (int8_t)t[j].val, (int8_t)t[i].val};
            *used = j + 1 - i;
            return true;
        }
    }
    return false;
}

/* Length of a clock time "10:45", "9: 56", "05. 51", "6:07:15" at token
   i (numbers of at most two digits joined by ':' or '.'), or 0. */
static size_t time_at(const dtok *t, size_t k, size_t i)
{
    if (!(i + 2 < k && t[i].type == T_NUM && t[i].ndig <= 2 &&
          (is_sep(&t[i + 1], ':') || is_sep(&t[i + 1], '.')) &&
          t[i + 2].type == T_NUM && t[i + 2].ndig == 2))
        return 0;
    size_t n = 3;
    if (i + 4 < k && is_sep(&t[i + 3], ':') && t[i + 4].type == T_NUM &&
        t[i + 4].ndig == 2)
        n = 5;
    return n;
}

#define MAX_DTOK 64

/* an_date_parse, optionally accepting a month and day without year. */
static int parse(const char *p, size_t n, an_date *out, bool allow_md)
{
    dtok t[MAX_DTOK];
    if (n > 200)
        return AN_EFORMAT;
    size_t k = lex(p, n, t, MAX_DTOK);
    if (k == MAX_DTOK)
        return AN_EFORMAT;
    bool found = false;
    for (size_t i = 0; i < k;) {
        size_t used;
        if (!found && match_at(t, k, i, out, &used, allow_md)) {
            found = true;
            i += used;
            continue;
        }
        /* Everything around the date must be weekday, time or zone. */
        if (t[i].type == T_WORD || (t[i].type == T_MONTH && !found))
            return AN_EFORMAT;
        if (t[i].type == T_NUM && !found) {
            /* A number before the date is only allowed as part of a time. */
            size_t tl = time_at(t, k, i);
            if (!tl)
                return AN_EFORMAT;
            i += tl;
            continue;
        }
        i++;
    }
    return found ? AN_OK : AN_EFORMAT;
}

int an_date_parse(const char *p, size_t n, an_date *out)
{
    return parse(p, n, out, false);
}

int an__date_parse_md(const char *p, size_t n, an_date *out)
{
    return parse(p, n, out, true);
}

int an_date_find(const char *p, size_t n, an_date *out, size_t *start,
                 size_t *end)
{
    /* Scan in windows so that long texts need no big token array. */
    size_t pos = 0;
    while (pos < n) {
        size_t win = AN_MIN(n - pos, (size_t)400);
        /* Do not cut a window in the middle of a word or number. */
        if (pos + win < n)
            while (win > 200 && p[pos + win] != ' ' && p[pos + win] != '\n')
                win--;
        dtok t[MAX_DTOK * 4];
        size_t k = lex(p + pos, win, t, AN_COUNT(t));
        for (size_t i = 0; i < k; i++) {
            size_t used;
            if (match_at(t, k, i, out, &used, false)) {
                *start = pos + t[i].start;
                *end = pos + t[i + used - 1].end;
                return AN_OK;
            }
        }
        if (pos + win >= n)
            break;
        pos += win > 100 ? win - 100 : win; /* overlap windows */
    }
    return AN_ENOENT;
}
