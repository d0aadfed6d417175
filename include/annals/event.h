/*
** event.h - coded events: one an_mention for each event a sentence reports.
**
** A mention names its source and target actors (CAMEO actor codes), the
** action (CAMEO event code with its PLOVER event, mode and context,
** Goldstein score and quad class), its modality, its date and place, and
** the evidence (sentence index and byte span in the document text).  The
** store merges mentions of one event across sentences, articles and
** outlets.  All strings are NUL-terminated and owned by the document (or
** by the engine's read-only tables); they live until the document resets.
*/
#ifndef ANNALS_EVENT_H
#define ANNALS_EVENT_H

#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How an actor was recognised. */
enum an_actor_how {
    AN_ACTOR_NONE = 0,
    AN_ACTOR_NAME = 1,        /* a dictionary entry ("Vladimir Putin") */
    AN_ACTOR_TITLE = 2,       /* title + nationality ("Ukrainian President X") */
    AN_ACTOR_COUNTRY = 3,     /* country, capital or demonym ("Kyiv", "Russian forces") */
    AN_ACTOR_AGENT = 4,       /* a sector word alone ("police", "rebels") */
    AN_ACTOR_COREF = 5        /* refers back ("the president", "he") */
};

/** One actor of a mention. */
typedef struct an_actor_ref {
    const char *code;      /* CAMEO actor code, e.g. "USAGOV"; NULL if none */
    char country[4];       /* country part ("USA"), "" when not a country */
    const char *sector;    /* sector part ("GOV", "MIL"), "" when none */
    const char *text;      /* the words naming it in the text */
    uint32_t start, end;   /* their bytes in the document text */
    uint8_t how;           /* enum an_actor_how */
} an_actor_ref;

/** Modality of a mention. */
enum an_modality {
    AN_MOD_ASSERTED = 0,   /* reported as having happened */
    AN_MOD_PLANNED = 1,    /* future, scheduled or intended ("will meet") */
    AN_MOD_NEGATED = 2,    /* said not to have happened ("did not agree") */
    AN_MOD_HYPOTHETICAL = 3 /* conditional or possible ("could attack") */
};

/** Where a mention's date came from. */
enum an_event_date_source {
    AN_EDATE_NONE = 0,        /* no date: the document has none either */
    AN_EDATE_EXPRESSION = 1,  /* a time expression attached to the verb */
    AN_EDATE_DOCUMENT = 2     /* the document's date */
};

/** Where a mention's place came from. */
enum an_place_source {
    AN_PLACE_NONE = 0,
    AN_PLACE_SENTENCE = 1,    /* a place mention near the verb */
    AN_PLACE_DOCUMENT = 2     /* the document's country focus */
};

/** A place. */
typedef struct an_place {
    const char *name;      /* place name as in the gazetteer */
    char country[4];       /* ISO 3166-1 alpha-3, or "" */
    const char *admin1;    /* first-level subdivision name, or "" */
    double lat, lon;       /* WGS84 degrees */
    uint32_t geonames_id;  /* GeoNames id, 0 for a country-level place */
    uint32_t start, end;   /* bytes of the place mention in the text */
    uint8_t source;        /* enum an_place_source */
} an_place;

/** One coded event in one sentence. */
typedef struct an_mention {
    uint32_t sent;            /* sentence index in the document */
    uint32_t n;               /* index of the mention within its sentence */
    an_actor_ref source;      /* who acts */
    an_actor_ref target;      /* acted upon; target.code NULL when none */
    char cameo[8];            /* CAMEO event code, e.g. "041" */
    const char *plover_event; /* PLOVER event type, e.g. "CONSULT" */
    const char *plover_mode;  /* PLOVER mode, "" when none */
    const char *plover_context; /* PLOVER contexts, comma-separated, "" */
    double goldstein;         /* Goldstein scale value, -10..10 */
    int quad_class;           /* 1 verbal coop, 2 material coop, 3 verbal
                                 conflict, 4 material conflict */
    int modality;             /* enum an_modality */
    an_date date;             /* event date, zeros when undated */
    int date_source;          /* enum an_event_date_source */
    uint32_t date_start, date_end; /* bytes of the time expression, if any */
    an_place place;           /* place; place.source == 0 when none */
    uint32_t span_start, span_end; /* evidence: the sentence's bytes */
    uint32_t verb;            /* token index of the event's verb */
    const char *verb_text;    /* the verb phrase as matched */
} an_mention;

/** The document's mentions, in sentence order (owned by the document). */
AN_API const an_mention *an_doc_mentions(const an_doc *doc, size_t *n);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_EVENT_H */
