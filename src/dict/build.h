/*
** build.h - the dictionary builder's layout, shared by compile.c and the
** source parsers (src_actors.c, src_verbs.c, src_cameo.c).
**
** The builder owns growable arrays (heap) of everything the image will
** hold.  Words are interned as they are seen; a phrase is a run of keys in
** `keys`, key = raw id << 2 | stem << 1 | gap, where the raw id of a stem
** indexes `stems` and is turned into its final id (after the exact words)
** when the image is written.  Phrase tables map the phrase's key bytes to
** its entry so that a later definition replaces an earlier one.
*/
#ifndef AN_DICT_BUILD_H
#define AN_DICT_BUILD_H

#include "dict.h"

/* A growable array of T. */
#define AN_VEC(T) struct { T *v; size_t n, cap; }

/** Make room for one more element; returns the new slot or NULL (oom). */
void *an__db_vpush(an_dbuild *b, void **v, size_t *n, size_t *cap,
                   size_t size);
#define AN_VPUSH(b, vec) \
    ((__typeof__((vec).v))an__db_vpush((b), (void **)&(vec).v, &(vec).n, \
                                       &(vec).cap, sizeof *(vec).v))

/** One phrase of a table: keys[off .. off+n) -> val. */
typedef struct an_dbphr {
    uint32_t off, n;
    uint32_t val;
    const uint32_t *k; /* set when the table is sorted */
} an_dbphr;

/** A phrase table: entries plus the map used for "later wins". */
typedef struct an_dbtab {
    AN_VEC(an_dbphr) e;
    an_map m;        /* phrase key bytes -> index in e */
    uint8_t flag;    /* enum an_dword_flag set on the first word */
} an_dbtab;

/** A verb form under construction (words are raw keys >> 2 ids). */
typedef struct an_dbvform {
    an_dvform f;     /* word/words hold raw ids with bit 31 = stem */
} an_dbvform;

#define AN_DB_STEMBIT 0x80000000u

struct an_dbuild {
    an_dict_diag_fn fn;
    void *ctx;
    const char *file;     /* current file name (for messages) */
    uint32_t file_idx;
    int tabari;           /* TABARI word semantics for this file */
    size_t nerr, nwarn;
    int oom;
    an_map words, stems, strmap, synmap, cameomap;
    an_buf pool;          /* strings */
    an_doc *tdoc;         /* scratch document for tokenizing phrases */
    AN_VEC(uint32_t) keys;
    an_dbtab actor_t, agent_t, discard_t, issue_t;
    AN_VEC(an_dactor) actors;
    AN_VEC(an_dcode) codes;
    AN_VEC(an_dagent) agents;
    AN_VEC(an_ddiscard) discards;
    AN_VEC(an_dissue) issues;
    AN_VEC(an_dblock) blocks;
    AN_VEC(an_dpat) pats;
    AN_VEC(an_delem) elems;
    AN_VEC(an_dsyn) syns;
    AN_VEC(an_dsphr) sphr;
    AN_VEC(an_dbvform) vforms;
    AN_VEC(an_dcameo) cameo;
    AN_VEC(uint32_t) files;
    AN_VEC(uint32_t) xforms;
};

/**
 * Turn phrase text (words separated by blanks or '_', as the dictionary
 * files write them) into keys appended to b->keys.  TABARI semantics:
 * a word not ended by '_' (or '=') is a stem and a blank lets other words
 * come between; otherwise every word is exact and consecutive.
 * `force_exact` turns stems off (PETRARCH files).  Returns the number of
 * keys (0 for an empty phrase; -1 on error, reported).
 */
int an__db_phrase(an_dbuild *b, uint64_t line, const char *p, size_t n,
                  int force_exact);

/**
 * Tokenize one raw word (no blanks or '_') and append a key per token;
 * only the last token can be a stem, the first takes `gap`.  Returns the
 * number of keys added.
 */
int an__db_rawword(an_dbuild *b, const char *p, size_t n, int stem, int gap);

/**
 * Replace the last word of buf[0..n) (capacity cap) by its regular English
 * plural ("Y" -> "IES", "S/X/Z/CH/SH" -> +"ES", else +"S"), keeping the
 * case.  Returns the new length, or 0 when it cannot.
 */
size_t an__db_plural(char *buf, size_t n, size_t cap);

/** Key of one word (already split): exact id, or stem id with stem=1. */
uint32_t an__db_word(an_dbuild *b, const char *p, size_t n, int stem);

/**
 * Add phrase keys[off .. off+n) to a table with value `val`.  A phrase
 * already present is redirected to `val` (the later definition wins);
 * returns 1 when it replaced a phrase, 0 when new, -1 out of memory.
 */
int an__db_tab_add(an_dbuild *b, an_dbtab *t, uint32_t off, uint32_t n,
                   uint32_t val);

/** Find a synset by name (without '&'); -1 when undefined. */
int64_t an__db_syn_find(an_dbuild *b, const char *p, size_t n);

/* Parsers (src_*.c). */
int an__db_parse_actors(an_dbuild *b, const char *p, size_t n);
int an__db_parse_agents(an_dbuild *b, const char *p, size_t n);
int an__db_parse_discards(an_dbuild *b, const char *p, size_t n);
int an__db_parse_issues(an_dbuild *b, const char *p, size_t n);
int an__db_parse_verbs(an_dbuild *b, const char *p, size_t n);
int an__db_parse_cameo(an_dbuild *b, int fmt, const char *p, size_t n);

/* ---- the line reader shared by the text formats (src_lines.c) ---- */

/** One logical line with comments removed and blanks trimmed. */
typedef struct an_dline {
    const char *p;     /* content (not NUL-terminated) */
    size_t n;
    uint64_t no;       /* 1-based line number */
    int indented;      /* the raw line began with a blank or tab */
} an_dline;

typedef struct an_dlines {
    const char *p, *end;
    uint64_t no;
    int in_xml_comment;  /* inside <!-- ... --> */
    int finished;        /* saw "~~FINISH" */
} an_dlines;

void an__dl_init(an_dlines *r, const char *p, size_t n);
/**
 * Next non-empty line: "<!-- -->" comments, "#" and ";" comments (outside
 * [...]) and "//" lines are removed; "~~FINISH" ends the file.  Returns 1,
 * or 0 at the end.
 */
int an__dl_next(an_dlines *r, an_dline *out);

/** Trim blanks at both ends of a span. */
an_span an__dl_trim(const char *p, size_t n);

#endif /* AN_DICT_BUILD_H */
