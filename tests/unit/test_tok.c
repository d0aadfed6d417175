/*
** test_tok.c - the text layer: matching forms, tokens (strings, offsets,
** flags), sentences, and the EWT evaluation.
**
** Most tests compare the tokens of a text, written as "a|b|c" (each
** token's bytes taken from the text by its offsets, so the offsets are
** checked too), or its sentences, one per line (each sentence's bytes
** from its offsets).
*/
#include <stdlib.h>

#include "base/arena.h"
#include "test.h"
#include "tok/tok_int.h"

/* "a|b|c": the tokens of `text` (arena string). */
static const char *toks(an_arena *a, const char *text, unsigned opts)
{
    an_tok *t;
    size_t nt;
    if (an_tok_text(a, text, strlen(text), opts, &t, &nt) != AN_OK)
        return "(error)";
    an_buf b;
    an_buf_init(&b);
    for (size_t i = 0; i < nt; i++) {
        if (i)
            an_buf_addc(&b, '|');
        an_buf_add(&b, text + t[i].start, t[i].end - t[i].start);
    }
    const char *r = an_arena_dup(a, b.p ? b.p : "", b.n);
    an_buf_fini(&b);
    return r;
}

/* The norms of the tokens of `text`, "a|b|c". */
static const char *norms(an_arena *a, const char *text)
{
    an_tok *t;
    size_t nt;
    if (an_tok_text(a, text, strlen(text), 0, &t, &nt) != AN_OK)
        return "(error)";
    an_buf b;
    an_buf_init(&b);
    for (size_t i = 0; i < nt; i++) {
        if (i)
            an_buf_addc(&b, '|');
        an_buf_add(&b, t[i].norm.p, t[i].norm.n);
    }
    const char *r = an_arena_dup(a, b.p ? b.p : "", b.n);
    an_buf_fini(&b);
    return r;
}

/* The sentences of `text`, one per line. */
static const char *sents(an_arena *a, const char *text)
{
    an_tok *t;
    size_t nt;
    an_sent *s;
    size_t ns;
    size_t n = strlen(text);
    if (an_tok_text(a, text, n, 0, &t, &nt) != AN_OK ||
        an_tok_split(a, text, n, t, nt, &s, &ns) != AN_OK)
        return "(error)";
    an_buf b;
    an_buf_init(&b);
    for (size_t i = 0; i < ns; i++) {
        if (i)
            an_buf_addc(&b, '\n');
        an_buf_add(&b, text + s[i].start, s[i].end - s[i].start);
    }
    const char *r = an_arena_dup(a, b.p ? b.p : "", b.n);
    an_buf_fini(&b);
    return r;
}

/* Find the token whose bytes are `w` (the first one). */
static const an_tok *find(const an_tok *t, size_t nt, const char *text,
                          const char *w)
{
    for (size_t i = 0; i < nt; i++)
        if (t[i].end - t[i].start == strlen(w) &&
            memcmp(text + t[i].start, w, strlen(w)) == 0)
            return &t[i];
    return NULL;
}

/* ---- matching forms ---- */

AN_TEST(tok_fold_ascii_fast_path)
{
    an_arena a;
    an_arena_init(&a);
    const char *s = "already folded";
    an_span f = an_tok_fold(&a, s, 7);
    ASSERT(f.p == s); /* no copy for lower-case ASCII */
    ASSERT_EQ(f.n, 7);
    f = an_tok_fold(&a, "KyIV's", 6);
    ASSERT_SPAN_EQ(f, "kyiv's");
    ASSERT_EQ(f.p[f.n], 0); /* copies are NUL-terminated */
    f = an_tok_fold(&a, "", 0);
    ASSERT_EQ(f.n, 0);
    an_arena_fini(&a);
}

AN_TEST(tok_fold_unicode)
{
    an_arena a;
    an_arena_init(&a);
    struct {
        const char *in, *out;
    } c[] = {
        {"Kyiv\xE2\x80\x99s", "kyiv's"},              /* ’ */
        {"\xE2\x80\x98x\xE2\x80\x9B\xE2\x80\x9A\xE2\x80\xB2", "'x'''"},
        {"\xE2\x80\x9CHi\xE2\x80\x9D", "\"hi\""},      /* “ ” */
        {"\xE2\x80\x9E\xE2\x80\x9F\xE2\x80\xB3", "\"\"\""},
        {"a\xE2\x80\x90" "b\xE2\x80\x91" "c\xE2\x80\x92" "d\xE2\x80\x93"
         "e\xE2\x80\x94" "f\xE2\x80\x95" "g\xE2\x88\x92" "h",
         "a-b-c-d-e-f-g-h"},                           /* dashes, minus */
        {"a\xC2\xA0" "b\xE2\x80\xAF" "c", "a b c"},    /* NBSP, NNBSP */
        {"Wait\xE2\x80\xA6", "wait..."},               /* … */
        {"Stra\xC3\x9F" "e", "strasse"},               /* full folding */
        {"e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9"},   /* NFC: e + U+0301 */
        {"\xC3\x89LYS\xC3\x89" "E", "\xC3\xA9lys\xC3\xA9" "e"},
        {"Ukrai\xC2\xAD" "ne", "ukraine"},             /* soft hyphen */
        {"\xCE\xA3\xCE\x91\xCE\xA3", "\xCF\x83\xCE\xB1\xCF\x83"}, /* ΣΑΣ */
        {"\xD0\x9A\xD0\x98\xD0\x87\xD0\x92", "\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2"},
    };
    for (size_t i = 0; i < AN_COUNT(c); i++) {
        an_span f = an_tok_fold(&a, c[i].in, strlen(c[i].in));
        ASSERT_SPAN_EQ(f, c[i].out);
    }
    /* already-folded non-ASCII is returned as is */
    const char *k = "\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2";
    an_span f = an_tok_fold(&a, k, strlen(k));
    ASSERT(f.p == k);
    an_arena_fini(&a);
}

AN_TEST(tok_norms_of_tokens)
{
    an_arena a;
    an_arena_init(&a);
    ASSERT_STR_EQ(norms(&a, "KYIV\xE2\x80\x99S \xE2\x80\x9CWar\xE2\x80\x9D"),
                  "kyiv|'s|\"|war|\"");
    ASSERT_STR_EQ(norms(&a, "Don\xE2\x80\x99t"), "do|n't");
    an_arena_fini(&a);
}

/* ---- tokens ---- */

AN_TEST(tok_abbreviations)
{
    an_arena a;
    an_arena_init(&a);
    ASSERT_STR_EQ(toks(&a, "Mr. Smith and Dr. Jones met Gen. Lee.", 0),
                  "Mr.|Smith|and|Dr.|Jones|met|Gen.|Lee|.");
    ASSERT_STR_EQ(toks(&a, "the U.S. Army and the U.K. on Jan. 5 and Feb. 6",
                       0),
                  "the|U.S.|Army|and|the|U.K.|on|Jan.|5|and|Feb.|6");
    ASSERT_STR_EQ(toks(&a, "St. Petersburg, No. 1, e.g. this, i.e. that", 0),
                  "St.|Petersburg|,|No.|1|,|e.g.|this|,|i.e.|that");
    /* "No" is only an abbreviation before a number */
    ASSERT_STR_EQ(toks(&a, "He said No. Then left.", 0),
                  "He|said|No|.|Then|left|.");
    /* initials; lists of capitalised abbreviations need capitals */
    ASSERT_STR_EQ(toks(&a, "J. R. R. Tolkien", 0), "J.|R.|R.|Tolkien");
    ASSERT_STR_EQ(toks(&a, "He fell ill. Springfield, Ill. is", 0),
                  "He|fell|ill|.|Springfield|,|Ill.|is");
    ASSERT_STR_EQ(toks(&a, "at 5 p.m. Apple Inc. said etc. and so on", 0),
                  "at|5|p.m.|Apple|Inc.|said|etc.|and|so|on");
    ASSERT_STR_EQ(toks(&a, "Ph.D. U.S.-led Apple Inc.. Wait...", 0),
                  "Ph.D.|U.S.-led|Apple|Inc.|.|Wait|...");
    ASSERT_STR_EQ(toks(&a, "Roe v. Wade, Calif. and Sat. vs. sat. Newsfeed.Com "
                           "said.The", 0),
                  "Roe|v.|Wade|,|Calif.|and|Sat.|vs.|sat|.|Newsfeed.Com|said|"
                  ".|The");
    ASSERT(an__tok_abbrevs_sorted());
    an_tok *t;
    size_t nt;
    const char *s = "Mr. Smith";
    ASSERT_EQ(an_tok_text(&a, s, strlen(s), 0, &t, &nt), AN_OK);
    ASSERT_EQ(nt, 2);
    ASSERT_EQ(t[0].start, 0);
    ASSERT_EQ(t[0].end, 3);
    ASSERT(t[0].flags & AN_TOK_ABBREV);
    ASSERT(!(t[1].flags & AN_TOK_ABBREV));
    an_arena_fini(&a);
}

AN_TEST(tok_numbers)
{
    an_arena a;
    an_arena_init(&a);
    ASSERT_STR_EQ(toks(&a, "1,000 troops, 3.5 percent, $40 and 40% in a "
                           "30-day truce.", 0),
                  "1,000|troops|,|3.5|percent|,|$40|and|40%|in|a|30-day|"
                  "truce|.");
    ASSERT_STR_EQ(toks(&a, "US$40 \xE2\x82\xAC" "5 \xC2\xA3" "3.2bn "
                           "1,000,000.50 .5 at 14:57 on 4/14/00", 0),
                  "US$40|\xE2\x82\xAC" "5|\xC2\xA3" "3.2|bn|1,000,000.50|.5|"
                  "at|14:57|on|4/14/00");
    ASSERT_STR_EQ(toks(&a, "5pm 10km the 1990s the 4th 3,5 1,2,3", 0),
                  "5|pm|10|km|the|1990s|the|4th|3|,|5|1|,|2|,|3");
    ASSERT_STR_EQ(toks(&a, "Kyiv-based well-known e-mail AT&T $ 5", 0),
                  "Kyiv-based|well-known|e-mail|AT&T|$|5");
    /* offsets of a whole amount */
    an_tok *t;
    size_t nt;
    const char *s = "paid $40.5 million";
    ASSERT_EQ(an_tok_text(&a, s, strlen(s), 0, &t, &nt), AN_OK);
    ASSERT_EQ(nt, 3);
    ASSERT_EQ(t[1].start, 5);
    ASSERT_EQ(t[1].end, 10);
    ASSERT(t[1].flags & AN_TOK_DIGIT);
    an_arena_fini(&a);
}

AN_TEST(tok_clitics)
{
    an_arena a;
    an_arena_init(&a);
    ASSERT_STR_EQ(toks(&a, "Kyiv's forces don't know; we'll see, I'm sure.",
                       0),
                  "Kyiv|'s|forces|do|n't|know|;|we|'ll|see|,|I|'m|sure|.");
    ASSERT_STR_EQ(toks(&a, "Kyiv\xE2\x80\x99s can\xE2\x80\x99t", 0),
                  "Kyiv|\xE2\x80\x99s|ca|n\xE2\x80\x99t");
    ASSERT_STR_EQ(toks(&a, "cannot gonna gotta wanna won't DON'T they're "
                           "I've he'd", 0),
                  "can|not|gon|na|got|ta|wan|na|wo|n't|DO|N'T|they|'re|I|"
                  "'ve|he|'d");
    ASSERT_STR_EQ(toks(&a, "O'Brien of Cote d'Ivoire, the farmers' union",
                       0),
                  "O'Brien|of|Cote|d'Ivoire|,|the|farmers|'|union");
    ASSERT_STR_EQ(toks(&a, "dont cant im its", 0), "do|nt|ca|nt|i|m|its");
    an_tok *t;
    size_t nt;
    const char *s = "don't";
    ASSERT_EQ(an_tok_text(&a, s, strlen(s), 0, &t, &nt), AN_OK);
    ASSERT_EQ(nt, 2);
    ASSERT_EQ(t[0].end, 2);
    ASSERT_EQ(t[1].start, 2);
    ASSERT_EQ(t[1].end, 5);
    ASSERT(!(t[0].flags & AN_TOK_SPACE_AFTER));
    an_arena_fini(&a);
}

AN_TEST(tok_web_tokens)
{
    an_arena a;
    an_arena_init(&a);
    ASSERT_STR_EQ(toks(&a, "See https://www.reuters.com/world/a-b_c?x=1&y=2. "
                           "(also www.bbc.co.uk/news) or nytimes.com/2020/x,",
                       0),
                  "See|https://www.reuters.com/world/a-b_c?x=1&y=2|.|(|also|"
                  "www.bbc.co.uk/news|)|or|nytimes.com/2020/x|,");
    ASSERT_STR_EQ(toks(&a, "(http://en.wikipedia.org/wiki/Foo_(bar))", 0),
                  "(|http://en.wikipedia.org/wiki/Foo_(bar)|)");
    ASSERT_STR_EQ(toks(&a, "Write to john.doe@example.com. @UN_News #Ukraine "
                           "#1", 0),
                  "Write|to|john.doe@example.com|.|@UN_News|#Ukraine|#|1");
    ASSERT_STR_EQ(toks(&a, "Great :) sad :-( love <3 ok :D, Note:Do", 0),
                  "Great|:)|sad|:-(|love|<3|ok|:D|,|Note|:|Do");
    an_tok *t;
    size_t nt;
    const char *s = "mail bob@ex.org at http://x.org now";
    ASSERT_EQ(an_tok_text(&a, s, strlen(s), 0, &t, &nt), AN_OK);
    const an_tok *e = find(t, nt, s, "bob@ex.org");
    const an_tok *u = find(t, nt, s, "http://x.org");
    ASSERT(e && u);
    ASSERT(e->flags & AN_TOK_EMAIL);
    ASSERT(u->flags & AN_TOK_URL);
    ASSERT(!(e->flags & AN_TOK_URL));
    an_arena_fini(&a);
}

AN_TEST(tok_punctuation)
{
    an_arena a;
    an_arena_init(&a);
    ASSERT_STR_EQ(toks(&a, "Wait... what?! No!!! (yes) [x] {y} \"q\" 'r'", 0),
                  "Wait|...|what|?!|No|!!!|(|yes|)|[|x|]|{|y|}|\"|q|\"|'|r|'");
    ASSERT_STR_EQ(toks(&a, "war--peace war \xE2\x80\x94 peace 1990\xE2\x80\x93"
                           "95 a\xE2\x80\xA6", 0),
                  "war|--|peace|war|\xE2\x80\x94|peace|1990|\xE2\x80\x93|95|"
                  "a|\xE2\x80\xA6");
    ASSERT_STR_EQ(toks(&a, "\xE2\x80\x9CWe will\xE2\x80\x9D, \xC2\xAB" "ceasefire"
                           "\xC2\xBB ``x'' ====", 0),
                  "\xE2\x80\x9C|We|will|\xE2\x80\x9D|,|\xC2\xAB|ceasefire|"
                  "\xC2\xBB|``|x|''|====");
    ASSERT_STR_EQ(toks(&a, "a+b 3*4 and/or x=y b/c w/o", 0),
                  "a|+|b|3|*|4|and|/|or|x|=|y|b/c|w/o");
    an_arena_fini(&a);
}

AN_TEST(tok_unicode_words)
{
    an_arena a;
    an_arena_init(&a);
    /* Cyrillic, combining marks, an emoji with a skin tone, a flag */
    ASSERT_STR_EQ(toks(&a, "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 e\xCC\x81t\xC3\xA9 "
                           "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD ok "
                           "\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6!", 0),
                  "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2|e\xCC\x81t\xC3\xA9|"
                  "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD|ok|"
                  "\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6|!");
    /* NBSP and other spaces separate tokens */
    ASSERT_STR_EQ(toks(&a, "a\xC2\xA0" "b\xE2\x80\x89" "c\xE3\x80\x80" "d", 0),
                  "a|b|c|d");
    an_arena_fini(&a);
}

AN_TEST(tok_flags)
{
    an_arena a;
    an_arena_init(&a);
    const char *s = "NATO said \"we go\" to U.S.\nNext line\n\n  New para, 3rd";
    an_tok *t;
    size_t nt;
    ASSERT_EQ(an_tok_text(&a, s, strlen(s), 0, &t, &nt), AN_OK);
    const an_tok *nato = find(t, nt, s, "NATO"), *said = find(t, nt, s, "said");
    const an_tok *we = find(t, nt, s, "we"), *q = find(t, nt, s, "\"");
    const an_tok *to = find(t, nt, s, "to"), *us = find(t, nt, s, "U.S.");
    const an_tok *next = find(t, nt, s, "Next"), *np = find(t, nt, s, "New");
    const an_tok *comma = find(t, nt, s, ","), *third = find(t, nt, s, "3rd");
    ASSERT(nato && said && we && q && to && us && next && np && comma && third);
    ASSERT_EQ(nato->flags, AN_TOK_SPACE_AFTER | AN_TOK_NEWLINE_BEFORE |
                               AN_TOK_PARA_START | AN_TOK_CAP | AN_TOK_ALLCAPS);
    ASSERT_EQ(said->flags, AN_TOK_SPACE_AFTER);
    ASSERT_EQ(we->flags, AN_TOK_SPACE_AFTER | AN_TOK_QUOTED);
    ASSERT_EQ(q->flags, AN_TOK_PUNCT); /* the marks are not QUOTED */
    ASSERT_EQ(to->flags, AN_TOK_SPACE_AFTER);
    ASSERT_EQ(us->flags, AN_TOK_SPACE_AFTER | AN_TOK_CAP | AN_TOK_ALLCAPS |
                             AN_TOK_ABBREV);
    ASSERT_EQ(next->flags, AN_TOK_SPACE_AFTER | AN_TOK_NEWLINE_BEFORE |
                               AN_TOK_CAP);
    ASSERT_EQ(np->flags, AN_TOK_SPACE_AFTER | AN_TOK_NEWLINE_BEFORE |
                             AN_TOK_PARA_START | AN_TOK_CAP);
    ASSERT_EQ(comma->flags, AN_TOK_SPACE_AFTER | AN_TOK_PUNCT);
    ASSERT_EQ(third->flags, AN_TOK_DIGIT); /* last token: no space after */
    for (size_t i = 0; i < nt; i++) {
        ASSERT_EQ(t[i].head, AN_TOK_NO_HEAD);
        ASSERT_EQ(t[i].upos, 0);
        ASSERT_EQ(t[i].xpos, 0);
        ASSERT_EQ(t[i].lemma.n, 0);
    }
    /* quotes: curly pairs, and a paragraph resets an unclosed quote */
    s = "\xE2\x80\x9CWe\xE2\x80\x9D ok \"open\n\nout";
    ASSERT_EQ(an_tok_text(&a, s, strlen(s), 0, &t, &nt), AN_OK);
    ASSERT_EQ(nt, 7);
    ASSERT(t[1].flags & AN_TOK_QUOTED);
    ASSERT(!(t[3].flags & AN_TOK_QUOTED));
    ASSERT(t[5].flags & AN_TOK_QUOTED);
    ASSERT(!(t[6].flags & AN_TOK_QUOTED));
    an_arena_fini(&a);
}

AN_TEST(tok_ud_option)
{
    an_arena a;
    an_arena_init(&a);
    ASSERT_STR_EQ(toks(&a, "a 30-day truce by e-mail, non-stop, $40 and 40% "
                           "on 713-853-3989 in 13-17", AN_TOK_OPT_UD),
                  "a|30|-|day|truce|by|e-mail|,|non-stop|,|$|40|and|40|%|on|"
                  "713-853-3989|in|13|-|17");
    ASSERT_STR_EQ(toks(&a, "U.S.-led", AN_TOK_OPT_UD), "U.S.|-|led");
    an_arena_fini(&a);
}

AN_TEST(tok_empty_and_blank)
{
    an_arena a;
    an_arena_init(&a);
    an_tok *t;
    size_t nt;
    an_sent *s;
    size_t ns;
    ASSERT_EQ(an_tok_text(&a, "", 0, 0, &t, &nt), AN_OK);
    ASSERT_EQ(nt, 0);
    ASSERT_EQ(an_tok_split(&a, "", 0, t, nt, &s, &ns), AN_OK);
    ASSERT_EQ(ns, 0);
    ASSERT_EQ(an_tok_text(&a, " \n\t\xC2\xA0\n ", 6, 0, &t, &nt), AN_OK);
    ASSERT_EQ(nt, 0);
    an_arena_fini(&a);
}

/* Invariants that must hold for any input, valid UTF-8 or not. */
static int check_invariants(an_arena *a, const char *p, size_t n)
{
    an_tok *t;
    size_t nt;
    an_sent *s;
    size_t ns;
    if (an_tok_text(a, p, n, 0, &t, &nt) != AN_OK)
        return 1;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].start >= t[i].end || t[i].end > n)
            return 2;
        if (i && t[i].start < t[i - 1].end)
            return 3;
        if (t[i].norm.n && !t[i].norm.p)
            return 4;
    }
    if (an_tok_split(a, p, n, t, nt, &s, &ns) != AN_OK)
        return 5;
    size_t next = 0;
    for (size_t k = 0; k < ns; k++) {
        if (s[k].tok != next || !s[k].ntok)
            return 6;
        next += s[k].ntok;
        if (s[k].start != t[s[k].tok].start ||
            s[k].end != t[s[k].tok + s[k].ntok - 1].end)
            return 7;
    }
    if (next != nt)
        return 8;
    if (an_tok_text(a, p, n, AN_TOK_OPT_UD, &t, &nt) != AN_OK)
        return 9;
    return 0;
}

AN_TEST(tok_random_input_invariants)
{
    an_arena a;
    an_arena_init(&a);
    static const char *const pieces[] = {
        "a", "Z", "1", ".", ",", "'", "\xE2\x80\x99", "-", "\xE2\x80\x94",
        " ", "\n", "\n\n", "$", "%", "@", "#", ":", ")", "(", "\"", "http://",
        "www.", "\xCC\x81", "\xF0\x9F\x98\x80", "\xC2\xA0", "\xFF", "\xE2\x80",
        "n't", "s", "Mr", "U.S", "...", "?", "!", "/", "&", "_", "<3", "\t",
        "\xD0\x9A", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xAD", "\xEF\xBB\xBF"};
    uint64_t r = 12345;
    char buf[512];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        int parts = (int)(r % 60);
        for (int k = 0; k < parts; k++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *pc = pieces[(r >> 33) % AN_COUNT(pieces)];
            size_t m = strlen(pc);
            if (n + m >= sizeof buf)
                break;
            memcpy(buf + n, pc, m);
            n += m;
        }
        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        an_arena_reset(&a);
        int rc = check_invariants(&a, buf, n);
        if (rc)
            FAIL("invariant %d broken on \"%.*s\"", rc, (int)n, buf);
    }
    an_arena_fini(&a);
}

/*
** Long runs that a careless rule would scan again and again (a quadratic
** rule makes this test run for minutes instead of a fraction of a
** second; bench_tok measures the speed).
*/
AN_TEST(tok_pathological_inputs)
{
    an_arena a;
    an_arena_init(&a);
    size_t n = 1 << 18;
    char *p = malloc(n + 64);
    ASSERT(p != NULL);
    struct {
        const char *head, *fill, *tail;
    } c[] = {
        {"", "a", ""},                      /* one huge word */
        {"http://x.org/", ")", ""},        /* a URL with closing brackets */
        {"", "1-", "1"},                    /* a chain of numbers */
        {"", "...", ""},                    /* dots */
        {"", "No. ", "5"},                  /* abbreviations */
        {"", "â", ""},           /* apostrophes */
        {"", "Ì", ""},               /* combining marks */
        {"", "ÿ", ""},                   /* invalid bytes */
        {"", "x@", "y.com"},                /* at signs */
        {"", "U.", "S."},                   /* initials */
    };
    for (size_t k = 0; k < AN_COUNT(c); k++) {
        size_t m = 0, hl = strlen(c[k].head), fl = strlen(c[k].fill);
        memcpy(p, c[k].head, hl);
        m = hl;
        while (m + fl + 16 < n) {
            memcpy(p + m, c[k].fill, fl);
            m += fl;
        }
        memcpy(p + m, c[k].tail, strlen(c[k].tail));
        m += strlen(c[k].tail);
        for (unsigned opts = 0; opts < 2; opts++) {
            an_arena_reset(&a);
            an_tok *t;
            size_t nt;
            an_sent *s;
            size_t ns;
            ASSERT_EQ(an_tok_text(&a, p, m, opts, &t, &nt), AN_OK);
            ASSERT_EQ(an_tok_split(&a, p, m, t, nt, &s, &ns), AN_OK);
            ASSERT(nt > 0 && ns > 0);
            ASSERT_EQ(s[ns - 1].tok + s[ns - 1].ntok, nt);
        }
    }
    free(p);
    an_arena_fini(&a);
}

AN_TEST(tok_spans_from_gold_tokens)
{
    an_arena a;
    an_arena_init(&a);
    const char *s = "He said \"U.S. won't\"\n\nOK";
    uint32_t sp[] = {0, 2, 3, 7, 8, 9, 9, 13, 14, 16, 16, 19, 19, 20, 22, 24};
    an_tok *t;
    ASSERT_EQ(an_tok_spans(&a, s, strlen(s), sp, 8, &t), AN_OK);
    ASSERT(t[0].flags & AN_TOK_PARA_START);
    ASSERT(t[0].flags & AN_TOK_CAP);
    ASSERT(!(t[2].flags & AN_TOK_SPACE_AFTER));
    ASSERT(t[3].flags & AN_TOK_ABBREV);
    ASSERT(t[3].flags & AN_TOK_QUOTED);
    ASSERT_SPAN_EQ(t[3].norm, "u.s.");
    ASSERT_SPAN_EQ(t[5].norm, "n't");
    ASSERT(t[7].flags & AN_TOK_PARA_START);
    ASSERT(t[7].flags & AN_TOK_ALLCAPS);
    an_sent *se;
    size_t ns;
    ASSERT_EQ(an_tok_split(&a, s, strlen(s), t, 8, &se, &ns), AN_OK);
    ASSERT_EQ(ns, 2);
    ASSERT_EQ(se[1].tok, 7);
    uint32_t bad[] = {3, 7, 0, 2};
    ASSERT_EQ(an_tok_spans(&a, s, strlen(s), bad, 2, &t), AN_EINVAL);
    uint32_t out[] = {0, 200};
    ASSERT_EQ(an_tok_spans(&a, s, strlen(s), out, 1, &t), AN_EINVAL);
    an_arena_fini(&a);
}

/* ---- sentences ---- */

AN_TEST(sent_news_cases)
{
    an_arena a;
    an_arena_init(&a);
    ASSERT_STR_EQ(sents(&a, "Mr. Smith met Dr. Jones. They talked."),
                  "Mr. Smith met Dr. Jones.\nThey talked.");
    ASSERT_STR_EQ(sents(&a, "He joined the U.S. Army in 1990. He left."),
                  "He joined the U.S. Army in 1990.\nHe left.");
    ASSERT_STR_EQ(sents(&a, "Troops arrived in the U.S. The talks failed."),
                  "Troops arrived in the U.S.\nThe talks failed.");
    ASSERT_STR_EQ(sents(&a, "J. R. R. Tolkien wrote it. Others read it."),
                  "J. R. R. Tolkien wrote it.\nOthers read it.");
    ASSERT_STR_EQ(sents(&a, "Resolution No. 5 passed by 3.5 percent. It "
                            "was close."),
                  "Resolution No. 5 passed by 3.5 percent.\nIt was close.");
    ASSERT_STR_EQ(sents(&a, "He said: \"We will fight.\" Then he left."),
                  "He said: \"We will fight.\"\nThen he left.");
    ASSERT_STR_EQ(sents(&a, "\xE2\x80\x9CWe will fight,\xE2\x80\x9D he said. "
                            "\xE2\x80\x9CWe will win.\xE2\x80\x9D"),
                  "\xE2\x80\x9CWe will fight,\xE2\x80\x9D he said.\n"
                  "\xE2\x80\x9CWe will win.\xE2\x80\x9D");
    ASSERT_STR_EQ(sents(&a, "The deal (signed in May) holds. (It was late.) "
                            "Talks go on."),
                  "The deal (signed in May) holds.\n(It was late.)\n"
                  "Talks go on.");
    ASSERT_STR_EQ(sents(&a, "KYIV, March 18 (Reuters) - Ukraine said on "
                            "Tuesday it had shot down 20 drones. Russia "
                            "denied it."),
                  "KYIV, March 18 (Reuters) - Ukraine said on Tuesday it had "
                  "shot down 20 drones.\nRussia denied it.");
    ASSERT_STR_EQ(sents(&a, "GENEVA (AP) \xE2\x80\x94 Talks resumed. "
                            "LONDON, May 2 - Prices rose."),
                  "GENEVA (AP) \xE2\x80\x94 Talks resumed.\nLONDON, May 2 - "
                  "Prices rose.");
    ASSERT_STR_EQ(sents(&a, "Is it over?! Nobody knows. Wait... He came "
                            "back!"),
                  "Is it over?!\nNobody knows.\nWait...\nHe came back!");
    ASSERT_STR_EQ(sents(&a, "The talks with Gen. Smith and Mrs. Lynda Jones "
                            "of St. Louis ended. Sen. Lee left."),
                  "The talks with Gen. Smith and Mrs. Lynda Jones of St. Louis "
                  "ended.\nSen. Lee left.");
    ASSERT_STR_EQ(sents(&a, "Microsoft Issues Emergency Patch\nChris Ivory "
                            "was placed on injured reserve Tuesday."),
                  "Microsoft Issues Emergency Patch\nChris Ivory was placed "
                  "on injured reserve Tuesday.");
    ASSERT_STR_EQ(sents(&a, "Apple shares fell on Monday as the S&P 500 index "
                            "dropped, analysts said. Former Microsoft CEO Bill "
                            "Gates spoke.\nThe defending Super Bowl champion "
                            "New Orleans Saints lost, the team said."),
                  "Apple shares fell on Monday as the S&P 500 index dropped, "
                  "analysts said.\nFormer Microsoft CEO Bill Gates spoke.\n"
                  "The defending Super Bowl champion New Orleans Saints lost, "
                  "the team said.");
    ASSERT_STR_EQ(sents(&a, "Shares rose 2% on Monday. Apple Inc. gained "
                            "most."),
                  "Shares rose 2% on Monday.\nApple Inc. gained most.");
    an_arena_fini(&a);
}

AN_TEST(sent_layout)
{
    an_arena a;
    an_arena_init(&a);
    /* headline and date line on their own lines */
    ASSERT_STR_EQ(sents(&a, "Ukraine says it downed 20 drones\nMarch 18, 2025\n"
                            "KYIV - Ukraine said on Tuesday it shot down 20 "
                            "drones."),
                  "Ukraine says it downed 20 drones\nMarch 18, 2025\n"
                  "KYIV - Ukraine said on Tuesday it shot down 20 drones.");
    /* bullet lists */
    ASSERT_STR_EQ(sents(&a, "Key points:\n- Troops withdrew\n- Talks resume "
                            "Monday\n* Aid arrives\n\xE2\x80\xA2 Prices rose"),
                  "Key points:\n- Troops withdrew\n- Talks resume Monday\n"
                  "* Aid arrives\n\xE2\x80\xA2 Prices rose");
    ASSERT_STR_EQ(sents(&a, "Steps:\n1. Talks begin\n2) Troops leave\n"
                            "3. Aid flows."),
                  "Steps:\n1. Talks begin\n2) Troops leave\n3. Aid flows.");
    /* a blank line always ends a sentence */
    ASSERT_STR_EQ(sents(&a, "First paragraph without a stop\n\nSecond one"),
                  "First paragraph without a stop\nSecond one");
    /* hard-wrapped prose: single line breaks do not end sentences */
    ASSERT_STR_EQ(sents(&a, "The minister said on Tuesday that the talks\n"
                            "would resume next week in Geneva, and that\n"
                            "both sides had agreed to a ceasefire. Russia\n"
                            "did not comment on the report."),
                  "The minister said on Tuesday that the talks\nwould resume "
                  "next week in Geneva, and that\nboth sides had agreed to a "
                  "ceasefire.\nRussia\ndid not comment on the report.");
    an_arena_fini(&a);
}

/* The rules for e-mail and web text (EWT) and those that keep news
   sentences whole. */
AN_TEST(sent_mail_and_news_rules)
{
    an_arena a;
    an_arena_init(&a);
    /* e-mail headers: a sentence ends before the date and after the time */
    ASSERT_STR_EQ(sents(&a, "Kay Mann 04/26/2001 07:17 AM Will you send it? "
                            "Thanks."),
                  "Kay Mann\n04/26/2001 07:17 AM\nWill you send it?\nThanks.");
    ASSERT_STR_EQ(sents(&a, "<kay@x.com> on 10/08/99 08:52:13 AM Thanks for "
                            "the note."),
                  "<kay@x.com> on 10/08/99 08:52:13 AM\nThanks for the note.");
    ASSERT_STR_EQ(sents(&a, "Sara Shackleton 03/02/2001 02:10 PM we need the "
                            "draft."),
                  "Sara Shackleton\n03/02/2001 02:10 PM\nwe need the draft.");
    /* ... but a time zone goes on, and prose has no such header */
    ASSERT_STR_EQ(sents(&a, "The call is at 10:00 AM EST on Monday."),
                  "The call is at 10:00 AM EST on Monday.");
    /* closing formulas and the sender's name */
    ASSERT_STR_EQ(sents(&a, "Can you call me? Thanks, Sean"),
                  "Can you call me?\nThanks,\nSean");
    ASSERT_STR_EQ(sents(&a, "I will be there. Best regards, Dale"),
                  "I will be there.\nBest regards,\nDale");
    /* a line without a full stop among others is one sentence (a
       headline above the text) */
    ASSERT_STR_EQ(sents(&a, "Colts Beat Chiefs 20-13 To Clinch Playoff Berth\n"
                            "December 23\nThe Colts won on Sunday."),
                  "Colts Beat Chiefs 20-13 To Clinch Playoff Berth\n"
                  "December 23\nThe Colts won on Sunday.");
    /* prose: no sentence ends between two words when a full stop comes
       later in the paragraph, nor after a comma but for a greeting */
    ASSERT_STR_EQ(sents(&a, "Garrard threw for a career-high 329 yards, but he "
                            "fumbled late. He left."),
                  "Garrard threw for a career-high 329 yards, but he fumbled "
                  "late.\nHe left.");
    ASSERT_STR_EQ(sents(&a, "Felt steered The Post to a story. It ran."),
                  "Felt steered The Post to a story.\nIt ran.");
    ASSERT_STR_EQ(sents(&a, "In January, Internet services were cut. However, "
                            "Brand and Iguodala struggled."),
                  "In January, Internet services were cut.\nHowever, Brand and "
                  "Iguodala struggled.");
    /* quotation marks: after a word they go on; at the end of a line or
       standing apart after a full stop they close */
    ASSERT_STR_EQ(sents(&a, "Ortiz \"not only exemplified\" it, Smith said. "
                            "Her \"Dark Angel\" image sold."),
                  "Ortiz \"not only exemplified\" it, Smith said.\nHer \"Dark "
                  "Angel\" image sold.");
    ASSERT_STR_EQ(sents(&a, "It was a very personal relationship. \""),
                  "It was a very personal relationship. \"");
    ASSERT_STR_EQ(sents(&a, "They said, 'close your door. ' He stayed inside."),
                  "They said, 'close your door. '\nHe stayed inside.");
    ASSERT_STR_EQ(sents(&a, "Police said the crowd was large. "
                            "\xE2\x80\x98 Stay down. \xE2\x80\x99\nMore."),
                  "Police said the crowd was large.\n"
                  "\xE2\x80\x98 Stay down. \xE2\x80\x99\nMore.");
    /* a dash written as two hyphens; a lower-case word after a bracket */
    ASSERT_STR_EQ(sents(&a, "Teixeira - - who turns 29 - - could go. He "
                            "signed."),
                  "Teixeira - - who turns 29 - - could go.\nHe signed.");
    ASSERT_STR_EQ(sents(&a, "The mayor and the [police] commissioner should "
                            "come. They did."),
                  "The mayor and the [police] commissioner should come.\n"
                  "They did.");
    an_arena_fini(&a);
}

/* A sentence made only of a quotation mark joins the sentence before it
   (a model that ends a sentence wherever the rules let it). */
AN_TEST(sent_lone_quote_merged)
{
    an_arena a;
    an_arena_init(&a);
    uint64_t h = an__sent_bias_feature();
    uint16_t keys[2] = {0, 0};
    int8_t w[2] = {0, 0};
    keys[h & 1] = an__sent_fp(h);
    w[h & 1] = 1;
    an__sent_model yes = {1u, 1u, 1.0f, keys, w, 0u, NULL, NULL};
    /* a straight single quote standing apart after the sentence's end
       closes it; written against a word it opens the next sentence */
    const char *text = "We went. ' Then we ate. 'Now go.";
    size_t n = strlen(text), nt, ns;
    an_tok *t;
    an_sent *s;
    ASSERT_EQ(an_tok_text(&a, text, n, 0, &t, &nt), AN_OK);
    ASSERT_EQ(an__sent_split(&yes, &a, text, n, t, nt, &s, &ns), AN_OK);
    ASSERT_EQ(ns, 3);
    ASSERT_EQ(s[0].end, 10); /* "We went. '" */
    ASSERT_EQ(s[1].start, 11);
    ASSERT_EQ(s[1].end, 23); /* "Then we ate." */
    ASSERT_EQ(s[2].start, 24); /* "'Now go." */
    an_arena_fini(&a);
}

AN_TEST(sent_doc_pipeline)
{
    an_doc *d = an_test_process(AN_LEVEL_TEXT, AN_FMT_TEXT, "t1", NULL,
                                "Mr. Smith went to Washington. He met the "
                                "U.S. president.\n\nNew paragraph here");
    ASSERT(d != NULL);
    size_t nt, ns;
    const an_tok *t = an_doc_tokens(d, &nt);
    const an_sent *s = an_doc_sentences(d, &ns);
    ASSERT_EQ(ns, 3);
    ASSERT_EQ(s[0].tok, 0);
    ASSERT_EQ(s[0].ntok, 6);
    ASSERT_EQ(s[1].tok, 6);
    ASSERT_EQ(s[2].tok + s[2].ntok, nt);
    an_span text = an_doc_text(d);
    ASSERT_EQ(t[0].end, 3);
    ASSERT(memcmp(text.p + s[1].start, "He met", 6) == 0);
    ASSERT(t[nt - 3].flags & AN_TOK_PARA_START);
    an_doc_free(d);
}

/* ---- EWT evaluation ---- */

/* Read a CoNLL-U file of ../shared into the arena (NULL when absent). */
static an_tok_gold *ewt(an_arena *a, const char *part, int join, size_t *nd)
{
    char path[512], rel[64];
    snprintf(rel, sizeof rel, "data/ud-ewt/en_ewt-ud-%s.conllu", part);
    if (!an_test_shared_path(rel, path, sizeof path))
        return NULL;
    size_t n;
    char *p = an_test_read_file(path, &n);
    if (!p)
        return NULL;
    char *keep = an_arena_dup(a, p, n);
    free(p);
    an_tok_gold *docs = NULL;
    if (!keep || an_tok_gold_read(a, keep, n, join, &docs, nd, NULL, NULL))
        return NULL;
    return docs;
}

AN_TEST(tok_gold_reader)
{
    an_arena a;
    an_arena_init(&a);
    const char *c =
        "# newdoc id = d1\n# newpar\n# text = I can't go.\n"
        "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
        "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_\n"
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
        "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n"
        "# text = Yes\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n\n"
        "# newpar\n# text = OK\n1\tOK\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"
        "# newdoc id = d2\n# text = Hi\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n";
    an_tok_gold *g;
    size_t nd, un;
    ASSERT_EQ(an_tok_gold_read(&a, c, strlen(c), AN_TOK_JOIN_PARA, &g, &nd,
                               &un, NULL), AN_OK);
    ASSERT_EQ(nd, 2);
    ASSERT_EQ(un, 0);
    ASSERT_STR_EQ(g[0].text, "I can't go. Yes\n\nOK");
    ASSERT_EQ(g[0].nsent, 3);
    ASSERT_EQ(g[0].sent_end[0], 11);
    ASSERT_EQ(g[0].sent_end[1], 15);
    ASSERT_EQ(g[0].nword, 7);
    ASSERT_EQ(g[0].words[2], 2);  /* "ca" */
    ASSERT_EQ(g[0].words[3], 4);
    ASSERT_EQ(g[0].words[4], 4);  /* "n't" */
    ASSERT_EQ(g[0].words[5], 7);
    ASSERT_EQ(an_tok_gold_read(&a, c, strlen(c), AN_TOK_JOIN_SPACE, &g, &nd,
                               NULL, NULL), AN_OK);
    ASSERT_STR_EQ(g[0].text, "I can't go. Yes OK");
    an_tok_score sc;
    ASSERT_EQ(an_tok_eval(g, nd, 0, &sc, NULL, 0), AN_OK);
    ASSERT_EQ(sc.gold_sents, 4);
    ASSERT_EQ(sc.gold_words, 8);
    ASSERT_EQ(sc.tok_match, 8);
    /* errors name the line */
    const char *bad = "# text = x\n1\tx\tx\n";
    an_err err;
    an_err_clear(&err);
    ASSERT_EQ(an_tok_gold_read(&a, bad, strlen(bad), 0, &g, &nd, NULL, &err),
              AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "line 2");
    an_arena_fini(&a);
}

AN_TEST(tok_ewt_test_scores)
{
    if (!an_test_shared())
        AN_SKIP("no ../shared");
    an_arena a;
    an_arena_init(&a);
    size_t np, ns;
    an_tok_gold *gp = ewt(&a, "test", AN_TOK_JOIN_PARA, &np);
    an_tok_gold *gs = ewt(&a, "test", AN_TOK_JOIN_SPACE, &ns);
    if (!gp || !gs) {
        an_arena_fini(&a);
        AN_SKIP("EWT test file missing");
    }
    ASSERT_EQ(np, 316);
    an_tok_score p, s, u;
    ASSERT_EQ(an_tok_eval(gp, np, 0, &p, NULL, 0), AN_OK);
    ASSERT_EQ(an_tok_eval(gs, ns, 0, &s, NULL, 0), AN_OK);
    ASSERT_EQ(an_tok_eval(gp, np, AN_TOK_OPT_UD, &u, NULL, 0), AN_OK);
    ASSERT_EQ(p.gold_sents, 2077);
    fprintf(stderr,
            "  EWT test: sentence ends F1 %.4f, internal boundaries F1 %.4f "
            "(P %.4f R %.4f) [paragraphs]; %.4f / %.4f [one line]; "
            "tokens F1 %.4f (UD option) %.4f (default)\n",
            p.sent_f1, p.bound_f1, p.bound_p, p.bound_r, s.sent_f1,
            s.bound_f1, u.tok_f1, p.tok_f1);
    /* floors a little under the figures measured when the model was
       made (0.9543, 0.9458, 0.8932, 0.9880): the training is
       deterministic, so a drop means the rules or features changed */
    ASSERT_GE(p.sent_f1, 0.952);
    ASSERT_GE(p.bound_f1, 0.943);
    ASSERT_GE(s.sent_f1, 0.890);
    ASSERT_GE(u.tok_f1, 0.985);
    an_arena_fini(&a);
}
