/*
** doc.h - the document data model of annals: inputs as read, and the
** processed document with its text, sentences and tokens.
**
** An `an_input` is one document as a reader found it: its bytes and the
** metadata its container carried (a JSONL line, a WARC record, a file
** name).  A worker turns it into an `an_doc`: the main text (boilerplate
** removed, valid UTF-8), sentences and tokens, and, as later stages run,
** tags, a parse and events.  Every span of a document is a byte range into
** its text; the text keeps a map back to the original input bytes.
**
** The plain-data records (an_sent, an_tok, an_span, an_date) are visible
** structs; the document itself is opaque and read through accessors.
*/
#ifndef ANNALS_DOC_H
#define ANNALS_DOC_H

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A byte range that does not own its bytes; not NUL-terminated. */
typedef struct an_span {
    const char *p; /* first byte (may be NULL when n == 0) */
    size_t n;      /* number of bytes */
} an_span;

/** A calendar date; zero fields mean "unknown". */
typedef struct an_date {
    int16_t year;  /* e.g. 2025; 0 when the date is unknown */
    int8_t month;  /* 1..12, or 0 when only the year is known */
    int8_t day;    /* 1..31, or 0 when only year and month are known */
} an_date;

/** Where a document's date came from. */
enum an_date_source {
    AN_DATE_NONE = 0,     /* no date: events stay undated */
    AN_DATE_INPUT = 1,    /* given with the input (JSONL "date", option) */
    AN_DATE_META = 2,     /* HTML metadata: meta tags, JSON-LD, <time> */
    AN_DATE_DATELINE = 3, /* a dateline in the text ("KYIV, March 18 -") */
    AN_DATE_HTTP = 4      /* the HTTP/WARC record date */
};

/** Input formats. */
enum an_format {
    AN_FMT_AUTO = 0, /* decide from the file name, then from the content */
    AN_FMT_TEXT = 1, /* plain text */
    AN_FMT_HTML = 2, /* an HTML page */
    AN_FMT_JSONL = 3,/* one JSON object a line */
    AN_FMT_WARC = 4  /* WARC records holding HTTP responses */
};

/** Severity of a diagnostic. */
enum an_severity {
    AN_SEV_WARNING = 1, /* the document was read, with repairs */
    AN_SEV_ERROR = 2    /* the document (or record) could not be read */
};

/**
 * One message about an input: which file, which line or record, what.
 * `line` is the 1-based line of a JSONL file or text file, or the 1-based
 * record number of a WARC file, or 0 when the whole file is meant.
 */
typedef struct an_diag {
    int severity;        /* enum an_severity */
    int code;            /* enum an_status */
    const char *origin;  /* file path, "-" for standard input */
    uint64_t line;       /* line or record number, 0 if none */
    const char *msg;     /* the message, NUL-terminated */
} an_diag;

/* ------------------------------------------------------------------ */
/* Inputs                                                              */
/* ------------------------------------------------------------------ */

/**
 * One input document as read, before any processing.  Strings are spans
 * into memory owned by the input (n == 0 when absent).  A reader that
 * fails to read a record still produces an input, with `error` set, so
 * that failures travel in order with the documents and are counted.
 */
typedef struct an_input {
    const char *origin;  /* file path or "-"; owned by the input */
    uint64_t line;       /* line (JSONL) or record (WARC) number, or 0 */
    uint64_t seq;        /* sequence number in the run, from 0 */
    int format;          /* AN_FMT_TEXT or AN_FMT_HTML: what `body` is */
    an_span id;          /* document id (JSONL "id"); may be empty */
    an_span url;         /* URL of the page, if known */
    an_span outlet;      /* outlet / source name, if known */
    an_span date;        /* date as given by the container, unparsed */
    an_span title;       /* title, if given by the container */
    an_span body;        /* the document bytes (text or HTML) */
    an_span charset;     /* declared charset (HTTP header), if any */
    an_span fetched;     /* crawl date (WARC-Date), unparsed, if any */
    int error;           /* AN_OK, or why the record could not be read */
    const char *errmsg;  /* message when error != AN_OK */
    int warning;         /* AN_OK, or a repair the reader made */
    const char *warnmsg; /* message when warning != AN_OK */
} an_input;

/**
 * Make an input that owns copies of the given bytes (a convenience for
 * embedding programs and tests).  `format` is AN_FMT_TEXT or AN_FMT_HTML;
 * `id` and `date` may be NULL.  Free with an_input_free().
 */
AN_API int an_input_new(an_input **out, int format, const char *id,
                        const char *date, const char *body, size_t n);

/** Free an input made by a reader or an_input_new(); NULL is a no-op. */
AN_API void an_input_free(an_input *in);

/* ------------------------------------------------------------------ */
/* Token-level annotations                                             */
/* ------------------------------------------------------------------ */

/** Universal part-of-speech tags. */
enum an_upos {
    AN_UPOS_NONE = 0,
    AN_UPOS_ADJ, AN_UPOS_ADP, AN_UPOS_ADV, AN_UPOS_AUX, AN_UPOS_CCONJ,
    AN_UPOS_DET, AN_UPOS_INTJ, AN_UPOS_NOUN, AN_UPOS_NUM, AN_UPOS_PART,
    AN_UPOS_PRON, AN_UPOS_PROPN, AN_UPOS_PUNCT, AN_UPOS_SCONJ, AN_UPOS_SYM,
    AN_UPOS_VERB, AN_UPOS_X,
    AN_UPOS_COUNT
};

/** Penn Treebank tags as used by UD English (XPOS column). */
enum an_xpos {
    AN_XPOS_NONE = 0,
    AN_XPOS_CC, AN_XPOS_CD, AN_XPOS_DT, AN_XPOS_EX, AN_XPOS_FW, AN_XPOS_IN,
    AN_XPOS_JJ, AN_XPOS_JJR, AN_XPOS_JJS, AN_XPOS_LS, AN_XPOS_MD, AN_XPOS_NN,
    AN_XPOS_NNS, AN_XPOS_NNP, AN_XPOS_NNPS, AN_XPOS_PDT, AN_XPOS_POS,
    AN_XPOS_PRP, AN_XPOS_PRPS, AN_XPOS_RB, AN_XPOS_RBR, AN_XPOS_RBS,
    AN_XPOS_RP, AN_XPOS_SYM, AN_XPOS_TO, AN_XPOS_UH, AN_XPOS_VB, AN_XPOS_VBD,
    AN_XPOS_VBG, AN_XPOS_VBN, AN_XPOS_VBP, AN_XPOS_VBZ, AN_XPOS_WDT,
    AN_XPOS_WP, AN_XPOS_WPS, AN_XPOS_WRB,
    AN_XPOS_COMMA,   /* , */
    AN_XPOS_PERIOD,  /* . */
    AN_XPOS_COLON,   /* : */
    AN_XPOS_LQUOTE,  /* `` */
    AN_XPOS_RQUOTE,  /* '' */
    AN_XPOS_LRB,     /* -LRB- */
    AN_XPOS_RRB,     /* -RRB- */
    AN_XPOS_HYPH, AN_XPOS_NFP, AN_XPOS_ADD, AN_XPOS_AFX, AN_XPOS_GW,
    AN_XPOS_XX,
    AN_XPOS_DOLLAR,  /* $ */
    AN_XPOS_HASH,    /* # */
    AN_XPOS_COUNT
};

/** Universal Dependencies relations, with the subtypes of UD English. */
enum an_deprel {
    AN_DEP_NONE = 0,
    AN_DEP_ACL, AN_DEP_ACL_RELCL, AN_DEP_ADVCL, AN_DEP_ADVCL_RELCL,
    AN_DEP_ADVMOD, AN_DEP_AMOD, AN_DEP_APPOS, AN_DEP_AUX, AN_DEP_AUX_PASS,
    AN_DEP_CASE, AN_DEP_CC, AN_DEP_CC_PRECONJ, AN_DEP_CCOMP, AN_DEP_CLF,
    AN_DEP_COMPOUND, AN_DEP_COMPOUND_PRT, AN_DEP_CONJ, AN_DEP_COP,
    AN_DEP_CSUBJ, AN_DEP_CSUBJ_OUTER, AN_DEP_CSUBJ_PASS, AN_DEP_DEP,
    AN_DEP_DET, AN_DEP_DET_PREDET, AN_DEP_DISCOURSE, AN_DEP_DISLOCATED,
    AN_DEP_EXPL, AN_DEP_FIXED, AN_DEP_FLAT, AN_DEP_GOESWITH, AN_DEP_IOBJ,
    AN_DEP_LIST, AN_DEP_MARK, AN_DEP_NMOD, AN_DEP_NMOD_DESC,
    AN_DEP_NMOD_POSS, AN_DEP_NMOD_UNMARKED, AN_DEP_NSUBJ,
    AN_DEP_NSUBJ_OUTER, AN_DEP_NSUBJ_PASS, AN_DEP_NUMMOD, AN_DEP_OBJ,
    AN_DEP_OBL, AN_DEP_OBL_AGENT, AN_DEP_OBL_UNMARKED, AN_DEP_ORPHAN,
    AN_DEP_PARATAXIS, AN_DEP_PUNCT, AN_DEP_REPARANDUM, AN_DEP_ROOT,
    AN_DEP_VOCATIVE, AN_DEP_XCOMP,
    AN_DEP_NMOD_TMOD, AN_DEP_NMOD_NPMOD, AN_DEP_OBL_TMOD, AN_DEP_OBL_NPMOD,
    AN_DEP_COUNT
};

/** Names of tags and relations ("PROPN", "NNP", "nsubj:pass"); "_" for 0. */
AN_API const char *an_upos_name(int upos);
AN_API const char *an_xpos_name(int xpos);
AN_API const char *an_deprel_name(int deprel);
/** Inverse lookups; return 0 (the NONE value) for an unknown name. */
AN_API int an_upos_from_name(const char *p, size_t n);
AN_API int an_xpos_from_name(const char *p, size_t n);
AN_API int an_deprel_from_name(const char *p, size_t n);

/** Token flags. */
enum an_tok_flag {
    AN_TOK_SPACE_AFTER = 1 << 0, /* whitespace follows the token */
    AN_TOK_NEWLINE_BEFORE = 1 << 1, /* a line break precedes it */
    AN_TOK_PARA_START = 1 << 2,  /* first token of a paragraph */
    AN_TOK_CAP = 1 << 3,         /* first letter upper-case */
    AN_TOK_ALLCAPS = 1 << 4,     /* every letter upper-case (2+ letters) */
    AN_TOK_DIGIT = 1 << 5,       /* contains a digit */
    AN_TOK_PUNCT = 1 << 6,       /* only punctuation or symbols */
    AN_TOK_QUOTED = 1 << 7,      /* inside quotation marks */
    AN_TOK_URL = 1 << 8,         /* a URL */
    AN_TOK_EMAIL = 1 << 9,       /* an e-mail address */
    AN_TOK_ABBREV = 1 << 10      /* an abbreviation ending in '.' */
};

/**
 * One token.  `start`/`end` are byte offsets into the document text.
 * `norm` is the matching form (NFC, case-folded, curly quotes and dashes
 * folded to ASCII).  Tagging fills upos/xpos/lemma; parsing fills
 * head/deprel, where `head` is the 0-based index of the head token within
 * the sentence, -1 for the root, and AN_TOK_NO_HEAD when unparsed.
 */
typedef struct an_tok {
    uint32_t start, end;   /* bytes [start, end) of the token in the text */
    an_span norm;          /* matching form; owned by the document */
    an_span lemma;         /* lemma; empty until tagged */
    int32_t head;          /* head index in the sentence, -1 root */
    uint16_t flags;        /* enum an_tok_flag bits */
    uint8_t upos;          /* enum an_upos */
    uint8_t xpos;          /* enum an_xpos */
    uint8_t deprel;        /* enum an_deprel */
    uint8_t pad_[3];
} an_tok;

#define AN_TOK_NO_HEAD (-2)

/** Sentence flags. */
enum an_sent_flag {
    AN_SENT_TAGGED = 1 << 0,    /* upos/xpos/lemma are set */
    AN_SENT_PARSED = 1 << 1,    /* head/deprel are set */
    AN_SENT_CANDIDATE = 1 << 2, /* may hold an event (prefilter) */
    AN_SENT_TITLE = 1 << 3      /* the document title / headline */
};

/** One sentence: a byte range of the text and a range of tokens. */
typedef struct an_sent {
    uint32_t start, end;  /* bytes [start, end) in the text */
    uint32_t tok;         /* index of the first token in the document */
    uint32_t ntok;        /* number of tokens */
    uint32_t flags;       /* enum an_sent_flag bits */
} an_sent;

/**
 * A piece of the map from text offsets back to input bytes: text bytes
 * [text, text+len) came from input bytes starting at `raw` (a copy when
 * `copied`, else synthesised, such as a decoded entity or a paragraph break
 * standing for markup at `raw`).
 */
typedef struct an_seg {
    uint32_t text;   /* offset in the text */
    uint32_t raw;    /* offset in the input body */
    uint32_t len;    /* bytes of text */
    uint32_t copied; /* 1 if the bytes are identical to the input's */
} an_seg;

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

typedef struct an_doc an_doc;

/**
 * Make an empty document with its own arena.  A document is reused across
 * inputs with an_doc_reset(), which frees everything it held in O(1)
 * (arena reset) and frees its input.  Free with an_doc_free().
 */
AN_API int an_doc_new(an_doc **out);
AN_API void an_doc_reset(an_doc *doc);
AN_API void an_doc_free(an_doc *doc);

/** The input the document was made from (owned by the document). */
AN_API const an_input *an_doc_input(const an_doc *doc);
/** Identity and metadata.  Spans stay valid until the next reset. */
AN_API an_span an_doc_id(const an_doc *doc);
AN_API an_span an_doc_url(const an_doc *doc);
AN_API an_span an_doc_outlet(const an_doc *doc);
AN_API an_span an_doc_title(const an_doc *doc);
AN_API an_date an_doc_date(const an_doc *doc, int *source);
/** The main text (valid UTF-8) and its map back to input bytes. */
AN_API an_span an_doc_text(const an_doc *doc);
/**
 * A hash of the document's id, metadata and main text as read, and of the
 * engine's fingerprint: documents of equal input hash come out of the
 * pipeline the same.  0 until the text is extracted.
 */
AN_API uint64_t an_doc_input_hash(const an_doc *doc);
/** True when an_run's skip callback left the document after its text. */
AN_API int an_doc_skipped(const an_doc *doc);
AN_API const an_seg *an_doc_segments(const an_doc *doc, size_t *n);
/** Sentences and tokens (arrays owned by the document). */
AN_API const an_sent *an_doc_sentences(const an_doc *doc, size_t *n);
AN_API const an_tok *an_doc_tokens(const an_doc *doc, size_t *n);
/** Diagnostics recorded while processing the document. */
AN_API const an_diag *an_doc_diags(const an_doc *doc, size_t *n);
/** Worst severity recorded: 0, AN_SEV_WARNING or AN_SEV_ERROR. */
AN_API int an_doc_severity(const an_doc *doc);
/**
 * Map a text byte offset back to an offset in the input body; returns
 * UINT32_MAX when the offset has no source (should not happen).
 */
AN_API uint32_t an_doc_raw_offset(const an_doc *doc, uint32_t text_off);

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

/**
 * Parse a date in the forms news metadata uses: ISO 8601 ("2025-03-18",
 * "2025-03-18T10:00:00Z"), RFC 2822 ("Tue, 18 Mar 2025 10:00:00 GMT"),
 * and written dates ("March 18, 2025", "18 March 2025", "17 Mar 2025, Mon",
 * "Mar. 18, 2025").  Returns AN_OK and fills `out`, or AN_EFORMAT.
 * Leading and trailing junk is not accepted; see an_date_find() for that.
 */
AN_API int an_date_parse(const char *p, size_t n, an_date *out);

/**
 * Find the first complete written date (year, month and day) in a text
 * and return its byte range in *start and *end.  Returns AN_OK or AN_ENOENT.
 */
AN_API int an_date_find(const char *p, size_t n, an_date *out,
                        size_t *start, size_t *end);

/** Format as "YYYY-MM-DD" ("YYYY-MM" / "YYYY" when partial) into buf[11]. */
AN_API void an_date_format(an_date d, char buf[11]);

/** Days since 1970-01-01 for a full date (proleptic Gregorian). */
AN_API int32_t an_date_days(an_date d);
/** Inverse of an_date_days(). */
AN_API an_date an_date_from_days(int32_t days);
/** Day of week, 0 = Monday .. 6 = Sunday, for a full date. */
AN_API int an_date_weekday(an_date d);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_DOC_H */
