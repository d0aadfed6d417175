/*
** dict.h - the dictionary module: CAMEO/PLOVER dictionaries read from the
** PETRARCH2, TABARI and annals text formats, compiled into one immutable
** image, and looked up in place.
**
** Two halves share this header.
**
**   Compile time (an_dbuild, compile.c and the src_*.c parsers): source
**   files are parsed line by line into a builder that interns words and
**   strings, resolves synsets, generates verb forms and plurals, applies
**   "the later definition of a phrase wins", and serialises everything
**   into an image of kind "dict" (see docs/file-formats.md).  Problems are
**   reported through a callback with file and line; a broken entry is
**   skipped, never fatal.
**
**   Run time (an_dict, dict.c): the image is mapped, every section is
**   checked once (sizes, indices, string offsets), and from then on the
**   accessors index the sections without further checks.  The dictionary
**   is immutable and shared by every thread.
**
** Words.  Every dictionary word is split and folded by the library's own
** tokenizer (an_tok_doc + an_tok_fold), so a phrase matches exactly the
** token sequence the same words produce in a document.  Word ids index the
** "words" lexicon; TABARI stems (words that match any token they begin)
** get ids after the exact words.  Phrases are stored in tries whose edges
** are keyed by (word id << 1 | gap), gap meaning "other tokens may come
** before this word" (TABARI's blank connector).
*/
#ifndef AN_DICT_H
#define AN_DICT_H

#include "../base/base.h"
#include "../base/map.h"
#include "annals/dict.h"

/* ------------------------------------------------------------------ */
/* Image layout (little-endian; every struct has a fixed size)        */
/* ------------------------------------------------------------------ */

#define AN_DICT_KIND "dict"
#define AN_DICT_VERSION 1
#define AN_DICT_NONE UINT32_MAX   /* "no word", "no string" */
#define AN_DICT_DAY_MIN INT32_MIN /* open start of a date range */
#define AN_DICT_DAY_MAX INT32_MAX /* open end of a date range */
#define AN_DICT_MAX_PHRASE 48     /* words in one phrase */

/** Counts and settings ("meta" section). */
typedef struct an_dmeta {
    uint32_t nwords;     /* exact words (ids 0..nwords-1) */
    uint32_t nstems;     /* stems (ids nwords..nwords+nstems-1) */
    uint32_t nactors, ncodes, nagents, ndiscards, nissues;
    uint32_t nblocks, npats, nelems, nsyns, nsphr, nvforms;
    uint32_t ncameo, nfiles, nxforms;
    uint32_t stemlens_lo, stemlens_hi; /* bit k: a stem of k bytes exists */
    uint32_t maxstem;    /* longest stem in bytes */
    uint32_t reserved[13];
} an_dmeta;
static_assert(sizeof(an_dmeta) == 128, "an_dmeta is 128 bytes");

/** Per-word flags ("wflags" section, one byte per word and stem id). */
enum an_dword_flag {
    AN_DW_ACTOR = 1 << 0,   /* starts an actor phrase */
    AN_DW_AGENT = 1 << 1,   /* starts an agent phrase */
    AN_DW_VERB = 1 << 2,    /* is (the verb word of) a verb form */
    AN_DW_DISCARD = 1 << 3, /* starts a discard phrase */
    AN_DW_ISSUE = 1 << 4,   /* starts an issue phrase */
    AN_DW_SYN = 1 << 5      /* appears in a synset */
};

/** Trie node; `val` is 0 or 1 + offset of [count, v1, v2...] in vals. */
typedef struct an_dnode {
    uint32_t edge;  /* first edge */
    uint32_t nedge; /* edges, sorted by key */
    uint32_t val;   /* values ending here */
} an_dnode;
static_assert(sizeof(an_dnode) == 12, "an_dnode is 12 bytes");

/** Trie edge: key = word id << 1 | gap. */
typedef struct an_dedge {
    uint32_t key;
    uint32_t child;
} an_dedge;
static_assert(sizeof(an_dedge) == 8, "an_dedge is 8 bytes");

/** Kinds of actor entries (what the name is). */
enum an_dactor_kind {
    AN_DK_ANY = 0,      /* not said (PETRARCH/TABARI files) */
    AN_DK_PERSON = 1,   /* a person */
    AN_DK_COUNTRY = 2,  /* a country name */
    AN_DK_CAPITAL = 3,  /* a capital or seat of government used for it */
    AN_DK_DEMONYM = 4,  /* a nationality adjective or demonym */
    AN_DK_ORG = 5,      /* an organisation or institution */
    AN_DK_COUNT
};

/** One actor entry: its codes are codes[code .. code+ncode). */
typedef struct an_dactor {
    uint32_t name;   /* string: the entry's head phrase as written */
    uint32_t code;   /* first date-ranged code */
    uint16_t ncode;
    uint8_t kind;    /* enum an_dactor_kind */
    uint8_t flags;   /* reserved */
    uint32_t file;   /* index into files */
    uint32_t line;   /* line of the head phrase */
} an_dactor;
static_assert(sizeof(an_dactor) == 20, "an_dactor is 20 bytes");

/** A code valid on days [from, to) (days since 1970-01-01). */
typedef struct an_dcode {
    uint32_t code; /* string: "USAGOV" */
    int32_t from;  /* AN_DICT_DAY_MIN when open */
    int32_t to;    /* AN_DICT_DAY_MAX when open */
} an_dcode;
static_assert(sizeof(an_dcode) == 12, "an_dcode is 12 bytes");

/** Agent entry: "[~GOV]" (suffix) or "[NGO~]" (prefix). */
typedef struct an_dagent {
    uint32_t code;   /* string without the ~: "GOV" */
    uint8_t prefix;  /* 1 when the code goes before the actor's code */
    uint8_t pad[3];
    uint32_t file, line;
} an_dagent;
static_assert(sizeof(an_dagent) == 16, "an_dagent is 16 bytes");

/** Discard phrase: the sentence (or the whole story) is not coded. */
typedef struct an_ddiscard {
    uint8_t story;   /* 1: discard the whole story ('+' lines) */
    uint8_t exact;   /* 1: trailing '_': the phrase must end at a word */
    uint8_t pad[2];
    uint32_t file, line;
} an_ddiscard;
static_assert(sizeof(an_ddiscard) == 12, "an_ddiscard is 12 bytes");

/** Issue phrase with its code and category. */
typedef struct an_dissue {
    uint32_t code;     /* string: "EDUCATION_REFORM"; NONE for exclusions */
    uint32_t category; /* string: CATEGORY of the <ISSUE> block, or NONE */
    uint8_t exclude;   /* 0 code, 1 '~' sentence exclusion, 2 '~~' story */
    uint8_t pad[3];
    uint32_t file, line;
} an_dissue;
static_assert(sizeof(an_dissue) == 20, "an_dissue is 20 bytes");

/** A verb block ("--- NAME [CODE] ---", or one TABARI verb root). */
typedef struct an_dblock {
    uint32_t name;    /* string: "ACCELERATE" */
    uint32_t code;    /* string: the block's default code, "---" for none */
    uint32_t pat;     /* first pattern */
    uint32_t npat;
    uint32_t file, line;
} an_dblock;
static_assert(sizeof(an_dblock) == 24, "an_dblock is 24 bytes");

/** A verb pattern; elems[elem .. elem+nelem) with the verb at `verb`. */
typedef struct an_dpat {
    uint32_t code;    /* string: the event code ("042"), may be "---" */
    uint32_t code2;   /* string after ':' ("043": reverse event), or NONE */
    uint32_t elem;
    uint16_t nelem;
    uint16_t verb;    /* index (within the pattern) of the '*' element */
    uint32_t block;
    uint32_t file, line;
} an_dpat;
static_assert(sizeof(an_dpat) == 28, "an_dpat is 28 bytes");

/** Pattern and synset elements. */
enum an_delem_kind {
    AN_DE_WORD = 1,     /* val: word id (a stem id when AN_DEF_STEM) */
    AN_DE_SYN = 2,      /* val: synset index ("&NAME") */
    AN_DE_VERB = 3,     /* '*': the verb */
    AN_DE_SOURCE = 4,   /* '$' */
    AN_DE_TARGET = 5,   /* '+' */
    AN_DE_SKIP = 6,     /* '^': skip a noun phrase */
    AN_DE_COMPOUND = 7, /* '%': compound actor (both sides) */
    AN_DE_ATTRIB = 8,   /* '@': attribution */
    AN_DE_POPEN = 9,    /* '(' prepositional phrase */
    AN_DE_PCLOSE = 10,  /* ')' */
    AN_DE_GOPEN = 11,   /* '{' noun phrase, or alternatives when ALT */
    AN_DE_GSEP = 12,    /* '|' between alternatives */
    AN_DE_GCLOSE = 13   /* '}' */
};
enum an_delem_flag {
    AN_DEF_GAP = 1 << 0,  /* other words may come before (blank, not '_') */
    AN_DEF_STEM = 1 << 1, /* a stem: matches words it begins (TABARI) */
    AN_DEF_ALT = 1 << 2   /* on GOPEN/GCLOSE: the group is { a | b } */
};
typedef struct an_delem {
    uint8_t kind;   /* enum an_delem_kind */
    uint8_t flags;  /* enum an_delem_flag */
    uint16_t pad;
    uint32_t val;
} an_delem;
static_assert(sizeof(an_delem) == 8, "an_delem is 8 bytes");

/** A synset: phrases sphr[phr .. phr+nphr). */
typedef struct an_dsyn {
    uint32_t name;   /* string without '&': "CURRENCY" */
    uint32_t phr;
    uint32_t nphr;
    uint32_t file, line;
} an_dsyn;
static_assert(sizeof(an_dsyn) == 20, "an_dsyn is 20 bytes");

/** One synset phrase: elems[elem .. elem+nelem). */
typedef struct an_dsphr {
    uint32_t elem;
    uint16_t nelem;
    uint16_t plural; /* 1 when generated as the plural of a member */
} an_dsphr;
static_assert(sizeof(an_dsphr) == 8, "an_dsphr is 8 bytes");

/**
 * A verb form: the token word `word` is a form of the verb `lemma` in
 * block `block`; multi-word verbs also need words[0..nbefore) just before
 * it and words[nbefore..nbefore+nafter) just after it ("cordon off").
 * Forms are chained per word: vfidx[word] = 1 + first form, `next` = 1 +
 * the next form of the same word, 0 at the end.
 */
typedef struct an_dvform {
    uint32_t word;    /* the verb's own word (exact or stem id) */
    uint32_t block;
    uint32_t code;    /* string: the form's code (its own or the block's) */
    uint32_t lemma;   /* string: the base form as written ("SPEED") */
    uint32_t next;
    uint8_t nbefore, nafter;
    uint16_t flags;   /* reserved */
    uint32_t words[4];/* before..., after... (NONE when unused) */
    uint32_t file, line;
} an_dvform;
static_assert(sizeof(an_dvform) == 48, "an_dvform is 48 bytes");
#define AN_DICT_VFORM_WORDS 4

/** One CAMEO event code with its names and PLOVER mapping. */
typedef struct an_dcameo {
    char code[8];       /* "0251", NUL-padded */
    uint32_t name;      /* string */
    float goldstein;
    uint8_t quad;       /* 1..4, 0 when unknown */
    uint8_t has_gold;   /* 1 when goldstein was listed */
    uint16_t pad;
    uint32_t plover_event, plover_mode, plover_context; /* strings ("" none) */
} an_dcameo;
static_assert(sizeof(an_dcameo) == 32, "an_dcameo is 32 bytes");

/* ------------------------------------------------------------------ */
/* Run time                                                            */
/* ------------------------------------------------------------------ */

/** A trie inside the image. */
typedef struct an_dtrie {
    const an_dnode *nodes;
    uint32_t nnodes;
    const an_dedge *edges;
    uint32_t nedges;
    const uint32_t *vals;
    uint32_t nvals;
    int gaps;              /* some edge allows a gap (TABARI blanks) */
} an_dtrie;

/** The opened dictionary; immutable once an_dict_open returns. */
struct an_dict {
    void *img;                 /* an_image * (owned) */
    an_dmeta meta;
    an_lex words, stems;       /* word -> id, stem -> id */
    const uint8_t *wflags;     /* nwords + nstems */
    const char *strs;          /* string pool */
    uint32_t nstrs;
    const uint32_t *files;     /* strings: source file names */
    an_dtrie actor_t, agent_t, discard_t, issue_t;
    const an_dactor *actors;
    const an_dcode *codes;
    const an_dagent *agents;
    const an_ddiscard *discards;
    const an_dissue *issues;
    const an_dblock *blocks;
    const an_dpat *pats;
    const an_delem *elems;
    const an_dsyn *syns;
    const an_dsphr *sphr;
    const an_dvform *vforms;
    const uint32_t *vfidx;     /* nwords + nstems */
    const an_dcameo *cameo;
    const uint32_t *xforms;    /* strings: PETRARCH transformation lines */
};

/** A string of the pool (never NULL; "" for AN_DICT_NONE). */
static inline const char *an_dict_str(const an_dict *d, uint32_t off)
{
    return off < d->nstrs ? d->strs + off : "";
}

/** Word id of a folded token form, or AN_DICT_NONE. */
uint32_t an_dict_word(const an_dict *d, const char *p, size_t n);

/**
 * Stem ids matching a folded token (stems that begin it), at most `max`,
 * written to out[]; returns how many.  Zero when the set has no stems.
 */
size_t an_dict_stems(const an_dict *d, const char *p, size_t n,
                     uint32_t *out, size_t max);

/** Per-word flags (enum an_dword_flag); 0 for AN_DICT_NONE. */
static inline uint8_t an_dict_wflags(const an_dict *d, uint32_t w)
{
    return w < d->meta.nwords + d->meta.nstems ? d->wflags[w] : 0;
}

/**
 * A token as the matchers see it: its exact word id (or NONE) and the
 * stem ids it begins with.
 */
typedef struct an_dtok {
    uint32_t word;
    uint8_t nstem;
    uint8_t pad[3];
    uint32_t stem[3];
} an_dtok;

/** Fill an_dtok for a folded token. */
void an_dict_tok(const an_dict *d, const char *p, size_t n, an_dtok *t);

/**
 * Longest match of a trie's phrases starting at toks[i] (toks[0..n)).
 * Blank-connected (gap) words may skip up to `maxgap` tokens.  Returns the
 * number of tokens covered (0 when nothing matched) and sets *vals to the
 * value list [count, v...] of the match.
 */
size_t an_dict_match(const an_dtrie *t, const an_dtok *toks, size_t i,
                     size_t n, size_t maxgap, const uint32_t **vals);

/**
 * The code of actor `a` on day `day` (days since 1970-01-01; INT32_MIN
 * when the document has no date).  The first dated code whose range holds
 * the day wins; else the first undated code; with no date, the undated
 * code, else the dated code that starts last.  Returns the code string or
 * NULL when the actor has no code for that day.
 */
const char *an_dict_actor_code(const an_dict *d, uint32_t a, int32_t day);

/** CAMEO entry for an event code ("0251"), or NULL. */
const an_dcameo *an_dict_cameo(const an_dict *d, const char *code);

/** First verb form of word id `w` (NULL when none); then follow ->next. */
static inline const an_dvform *an_dict_vform(const an_dict *d, uint32_t w)
{
    if (w >= d->meta.nwords + d->meta.nstems || !d->vfidx[w])
        return NULL;
    return &d->vforms[d->vfidx[w] - 1];
}
static inline const an_dvform *an_dict_vform_next(const an_dict *d,
                                                 const an_dvform *f)
{
    return f->next ? &d->vforms[f->next - 1] : NULL;
}

/** Open an image held in memory (kept alive by the caller). */
int an_dict_from_memory(const void *p, size_t n, an_dict **out, an_err *err);

/* ------------------------------------------------------------------ */
/* Compile time                                                        */
/* ------------------------------------------------------------------ */

typedef struct an_dbuild an_dbuild;

/** Source formats. */
enum an_dfmt {
    AN_DF_AUTO = 0,
    AN_DF_VERBS,      /* PETRARCH verb patterns (CAMEO.2.0.txt) */
    AN_DF_ACTORS,     /* actors (PETRARCH, TABARI and annals) */
    AN_DF_AGENTS,     /* agents */
    AN_DF_DISCARDS,   /* discard phrases */
    AN_DF_ISSUES,     /* issue phrases */
    AN_DF_TVERBS,     /* TABARI .verbs */
    AN_DF_CAMEO,      /* CAMEO.eventcodes.txt */
    AN_DF_GOLDSTEIN,  /* CAMEO.goldsteinscale.txt */
    AN_DF_PLOVER,     /* CAMEO2PLOVER */
    AN_DF_COUNT
};

/** Guess a source file's format from its name; AN_DF_AUTO when unknown. */
int an__dict_guess(const char *path);
/** Name of a format ("verbs", "actors", ...). */
const char *an__dict_fmt_name(int fmt);

int an__dbuild_new(an_dbuild **out, an_dict_diag_fn fn, void *ctx);
void an__dbuild_free(an_dbuild *b);
/**
 * Parse one source (bytes p[0..n), named `name` for messages) of format
 * `fmt` into the builder.  `tabari` selects TABARI word semantics (stems
 * and blank gaps).  Syntax errors are reported and skipped; the return is
 * AN_OK unless memory ran out.
 */
int an__dbuild_add(an_dbuild *b, const char *name, int fmt, int tabari,
                   const char *p, size_t n);
/** Serialise into an image (appended to out). */
int an__dbuild_finish(an_dbuild *b, an_buf *out, an_err *err);
/** Errors and warnings reported so far. */
void an__dbuild_counts(const an_dbuild *b, size_t *nerr, size_t *nwarn);

/* ---- shared by the parsers (compile.c) ---- */

/** Report a problem at line `line` of the current file. */
void an__db_diag(an_dbuild *b, int sev, uint64_t line, const char *fmt, ...)
    AN_PRINTF(4, 5);
/** Intern a string; returns its offset in the pool. */
uint32_t an__db_str(an_dbuild *b, const char *p, size_t n);

#endif /* AN_DICT_H */
