/*
** whenwhere.h - when and where: time expressions and place mentions of a
** document, and the TempEval-3 evaluation of the time tagger.
**
** At level AN_LEVEL_CODE the worker tags every document's time
** expressions (normalised as TimeML TIMEX3 values against the document
** date) and its place mentions (resolved against the gazetteer, with the
** document's country focus).  The event coder attaches one of each to every
** event; programs read the lists through the accessors below.  Records are
** plain data owned by the document and valid until it is reset.
*/
#ifndef ANNALS_WHENWHERE_H
#define ANNALS_WHENWHERE_H

#include "doc.h"
#include "out.h"

#ifdef __cplusplus
extern "C" {
#endif

/** TIMEX3 types. */
enum an_timex_type {
    AN_TIMEX_DATE = 1,     /* a calendar date or period: "March 17", "2010" */
    AN_TIMEX_TIME = 2,     /* a time of day: "8 p.m.", "Friday afternoon" */
    AN_TIMEX_DURATION = 3, /* a length of time: "three years", "48 hours" */
    AN_TIMEX_SET = 4       /* a recurrence: "every morning", "annually" */
};

/** TIMEX3 modifiers (the mod attribute). */
enum an_timex_mod {
    AN_TMOD_NONE = 0,
    AN_TMOD_START = 1,     /* "early December" */
    AN_TMOD_MID = 2,       /* "mid-March" */
    AN_TMOD_END = 3,       /* "late July", "the end of the year" */
    AN_TMOD_APPROX = 4,    /* "about three years" */
    AN_TMOD_LESS_THAN = 5, /* "almost seven years" */
    AN_TMOD_MORE_THAN = 6  /* "more than a week" */
};

/** How a time expression's value was anchored. */
enum an_timex_anchor {
    AN_TANCHOR_NONE = 0,     /* absolute ("17 March 2025") or a duration */
    AN_TANCHOR_DOCUMENT = 1, /* relative to the document date ("Monday") */
    AN_TANCHOR_UNRESOLVED = 2 /* relative, but the document has no date:
                                 the value keeps X placeholders */
};

/** Tense that decides the direction of an underspecified date. */
enum an_tense {
    AN_TENSE_UNKNOWN = 0,
    AN_TENSE_PAST = 1,
    AN_TENSE_PRESENT = 2,
    AN_TENSE_FUTURE = 3
};

/** One time expression of a document. */
typedef struct an_timex {
    uint32_t sent;          /* sentence index */
    uint32_t tok, ntok;     /* document tokens covering it */
    uint32_t start, end;    /* bytes [start, end) in the document text */
    uint8_t type;           /* enum an_timex_type */
    uint8_t mod;            /* enum an_timex_mod */
    uint8_t anchor;         /* enum an_timex_anchor */
    uint8_t tense;          /* enum an_tense used to resolve it */
    char value[28];         /* TimeML value: "2025-03-17", "2025-W12",
                               "P3D", "PRESENT_REF", "XXXX-03-17", ... */
    an_date lo, hi;         /* the calendar days it covers (DATE/TIME);
                               zeros when it has no calendar extent */
} an_timex;

/** The document's time expressions in text order (owned by the document). */
AN_API const an_timex *an_doc_timexes(const an_doc *doc, size_t *n);

/** Name of a TIMEX3 type ("DATE"...) or mod ("START"...); "" for none. */
AN_API const char *an_timex_type_name(int type);
AN_API const char *an_timex_mod_name(int mod);

/** What a place mention stands for in its sentence. */
enum an_place_role {
    AN_PLACE_ROLE_EVENT = 0,    /* a place where something may happen */
    AN_PLACE_ROLE_ORIGIN = 1,   /* where someone comes from: "a Kyiv man",
                                   "Luann Johnson, of Burnsville", "Mark
                                   Warner from Virginia", "born in Lviv" */
    AN_PLACE_ROLE_TITLE = 2,    /* a legislator's seat: "Washington
                                   senator", "a Kansas representative" */
    AN_PLACE_ROLE_ACTOR = 3,    /* inside an organisation's name ("Bank of
                                   England") or a country naming an actor
                                   ("U.S. officials", "U.S. dollar") */
    AN_PLACE_ROLE_DATELINE = 4  /* the dateline: "KYIV, March 18 (Reuters) -" */
};

/** One place mention of a document. */
typedef struct an_place_mention {
    uint32_t sent;          /* sentence index */
    uint32_t tok, ntok;     /* document tokens of the mention */
    uint32_t start, end;    /* bytes in the document text */
    uint32_t entry;         /* gazetteer entry chosen */
    const char *name;       /* its name (gazetteer, read-only) */
    char country[4];        /* ISO 3166-1 alpha-3 of the place, or "" */
    const char *admin1;     /* first-level subdivision, or "" */
    double lat, lon;        /* WGS84 degrees */
    uint32_t geonames_id;   /* GeoNames id; 0 for countries and regions */
    uint8_t kind;           /* 1 city, 2 capital, 3 region, 4 country,
                               5 sea, gulf, strait or lake (no country) */
    uint8_t demonym;        /* 1 when the words were a demonym ("Syrian"):
                               country evidence, not a place of events */
    uint8_t role;           /* enum an_place_role; only AN_PLACE_ROLE_EVENT
                               mentions are places of their sentence's
                               events (all are country evidence) */
} an_place_mention;

/** The document's place mentions in text order (owned by the document). */
AN_API const an_place_mention *an_doc_places(const an_doc *doc, size_t *n);

/**
 * The document's country focus: ISO alpha-3 of the country its places
 * point to most, or "" when none (pointer owned by the document).
 */
AN_API const char *an_doc_country_focus(const an_doc *doc);

/**
 * The document's main place: the dateline's place, else the city or
 * region its places concentrate on (at least twice, and at least half of
 * the place mentions in the focus country, or named where the lead
 * sentence happens), else nothing.  Fills *out (gazetteer strings) and
 * returns 1 when there is one; 0 leaves *out zeroed.
 */
AN_API int an_doc_main_place(const an_doc *doc, an_place_mention *out);

/* ------------------------------------------------------------------ */
/* TempEval-3 evaluation                                               */
/* ------------------------------------------------------------------ */

/** Scores of the time tagger against TimeML files (TempEval-3 metrics). */
typedef struct an_timex_scores {
    unsigned files;         /* .tml files read */
    unsigned gold, sys;     /* expressions in the gold files and found */
    unsigned strict;        /* found with exactly the gold span */
    unsigned relaxed;       /* found overlapping a gold span (1:1) */
    unsigned type_ok;       /* relaxed matches with the gold type */
    unsigned value_ok;      /* relaxed matches with the gold value */
    double strict_p, strict_r, strict_f1;
    double relaxed_p, relaxed_r, relaxed_f1;
    double type_f1, value_f1; /* attribute F1: 2*correct / (gold + sys) */
} an_timex_scores;

/**
 * Run the time tagger over every .tml file of directory `dir` (TimeML with
 * TIMEX3 tags in <TEXT> and the document creation time in <DCT>), and
 * score it as TempEval-3 does.  When `details` is not NULL, one line per
 * error (missed, spurious, wrong value) is appended to it.  Returns AN_OK,
 * or an error (unreadable directory or file, malformed TimeML) in `err`
 * naming the file and line.
 */
AN_API int an_timex_eval(const char *dir, an_timex_scores *out,
                         an_buf *details, an_err *err);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_WHENWHERE_H */
