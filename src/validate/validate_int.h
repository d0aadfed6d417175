/*
** validate_int.h - the suite model shared by the readers (petrarch.c,
** tabari.c) and the runner (validate.c).
**
** A reader turns a suite file into records: id, date, text, expected
** events, the options in force when the record is read, and whether the
** record is a test at all (TABARI's option records are not).  Strings live
** in the suite's arena.
*/
#ifndef AN_VALIDATE_INT_H
#define AN_VALIDATE_INT_H

#include "../base/arena.h"
#include "../base/base.h"
#include "annals/validate.h"

/** One expected (or produced) event. */
typedef struct vevent {
    const char *src, *tgt, *code; /* "---" for a missing target */
} vevent;

/** Options in force for a record (the peers' settings annals follows). */
typedef struct vopts {
    int require_dyad;       /* PETRARCH: events need a target (default 1) */
    int dyad_set;           /* a <Config> gave require_dyad */
    int new_actor_length;   /* PETRARCH: unknown noun phrases as actors */
    int comma[6];           /* min, max, bmin, bmax, emin, emax (words) */
    int comma_set;          /* a COMMA/comma_* setting was given */
    int code_all;           /* TABARI CODE ALL */
    int code_sentence;      /* TABARI CODE BY SENTENCE */
    int default_src;        /* TABARI DEFAULT SOURCE/TARGET set */
    int convert_agent;      /* TABARI SET: CONVERT AGENT = TRUE */
    int min_words;          /* TABARI SET: MINIMUM WORDS (default 8) */
    int forward;            /* TABARI FORWARD: set */
    int time_shift;         /* TABARI SET: TIME SHIFT = TRUE */
    int fbis;               /* TABARI SET: FBIS = TRUE */
    int yyyy;               /* TABARI SET: YYYY = TRUE */
    int complex_noactprior; /* TABARI COMPLEX ... NOACTPRIOR */
    int complex_verbs;      /* TABARI COMPLEX VERBS[n] */
    int complex_conj;       /* TABARI COMPLEX CONJ[n] */
} vopts;

/** Record kinds. */
enum { VR_TEST = 0, VR_OPTION = 1, VR_PEER = 2 };

typedef struct vrec {
    const char *id;
    an_date date;
    const char *text;
    vevent *exp;
    size_t nexp;
    int kind;               /* VR_* */
    const char *reason;     /* VR_PEER: why; VR_OPTION: the option text */
    uint64_t line;          /* line of the record in the suite file */
    vopts o;
} vrec;

typedef struct vsuite {
    an_arena arena;
    int kind;               /* enum an_suite_kind */
    const char *path;       /* the suite (records) file */
    const char *dir;        /* its directory */
    int penn;               /* PETRARCH records carry Penn trees (PETRARCH2,
                               exact words), not CoNLL-U (UniversalPetrarch) */
    const char **dicts;     /* resolved dictionary paths, compile order */
    size_t ndicts;
    vrec *r;
    size_t n, cap;
} vsuite;

/** Add a record (zeroed) to the suite; NULL when out of memory. */
vrec *an__vs_add(vsuite *s);
/** Copy a string into the suite's arena ("" on failure). */
const char *an__vs_dup(vsuite *s, const char *p, size_t n);
/** Add an expected event to record r; returns AN_OK or AN_ENOMEM. */
int an__vs_expect(vsuite *s, vrec *r, const char *src, const char *tgt,
                  const char *code);
/** Find a dictionary file named `name` (suite dir, then dirs); adds it. */
int an__vs_dict(vsuite *s, const char *name, const an_validate_opts *o,
                an_err *err);

/** Read whole file into a NUL-terminated heap buffer. */
int an__vs_slurp(const char *path, char **out, size_t *n, an_err *err);

/** The readers. */
int an__vs_read_petrarch(vsuite *s, const char *p, size_t n,
                         const an_validate_opts *o, an_err *err);
int an__vs_read_tabari(vsuite *s, const char *project,
                       const an_validate_opts *o, an_err *err);

#endif /* AN_VALIDATE_INT_H */
