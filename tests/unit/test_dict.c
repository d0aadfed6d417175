/*
** test_dict.c - the dictionary module: source parsers (PETRARCH2, TABARI,
** annals), error reporting with file and line, the compiled image and
** its checks, date-ranged codes, verb forms and patterns, CAMEO tables,
** and the shipped dictionary set (which must compile to the committed
** image).
*/
#include <stdlib.h>

#include "annals/dict.h"
#include "base/image.h"
#include "dict/dict.h"
#include "test.h"

/* Diagnostics collected from a compile. */
typedef struct diags {
    int n;
    char text[64][200];
} diags;

static void collect(void *ctx, int sev, const char *file, uint64_t line,
                    const char *msg)
{
    diags *d = ctx;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (d->n < 64)
        snprintf(d->text[d->n++], sizeof d->text[0], "%s:%llu:%s: %s", base,
                 (unsigned long long)line, sev == AN_SEV_ERROR ? "E" : "W", msg);
}

static bool has_diag(const diags *d, const char *needle)
{
    for (int i = 0; i < d->n; i++)
        if (strstr(d->text[i], needle))
            return true;
    return false;
}

/* Write `text` to <tmp>/name and return the path (static buffer per slot). */
static const char *tmpfile_with(const char *name, const char *text)
{
    static char paths[8][512];
    static int slot;
    char *p = paths[slot++ % 8];
    snprintf(p, 512, "%s/%s", an_test_tmpdir(), name);
    if (an_test_write_file(p, text, strlen(text)) != 0)
        return NULL;
    return p;
}

/* Compile sources into an image in memory and open it. */
static an_dict *compile_open(const char *const *srcs, size_t n, diags *dg,
                             an_buf *img)
{
    char out[512];
    snprintf(out, sizeof out, "%s/test.dict", an_test_tmpdir());
    an_dict_stats st;
    an_err err;
    if (an_dict_compile(srcs, n, out, collect, dg, &st, &err) != AN_OK) {
        fprintf(stderr, "compile: %s\n", err.msg);
        return NULL;
    }
    size_t len;
    char *p = an_test_read_file(out, &len);
    if (!p)
        return NULL;
    an_buf_init(img);
    an_buf_add(img, p, len);
    free(p);
    an_dict *d;
    if (an_dict_from_memory(img->p, img->n, &d, &err) != AN_OK) {
        fprintf(stderr, "open: %s\n", err.msg);
        return NULL;
    }
    return d;
}

static const char actors_src[] =
    "# test actors\n"
    "ARNOR [ARN]\n"
    "+ARNORIAN\n"
    "GONDOR_  # a comment\n"
    "+MINAS_TIRITH\n"
    "\t[GON]\n"
    "GOLLUM\n"
    "+SMEAGOL\n"
    "\t[HOB < 950601]\n"
    "\t[HOBGOV 950601 - 990815]\n"
    "\t[HOBREB > 990816]\n"
    "DONALD_TRUMP [USABUS ..2017-01-20] [USAGOV 2017-01-20..2021-01-20] "
    "[USAELI 2021-01-20..2025-01-20] [USAGOV 2025-01-20..]\n"
    "+TRUMP\n"
    "KOFI_ANNAN [IGOUNO 970101-061231] [ELI]\n"
    "BROKEN_DATE [XYZ 2013-13-01..]\n"             /* line 15: bad date */
    "NO_CODE\n"                                    /* line 16: no code */
    "MISSING [ABC 990101\n"                        /* line 17: missing ] */
    "[DEF]\n"                                      /* line 18: code for MISSING */
    "<!-- a comment\n"
    "spanning lines -->\n"
    "@kind capital\n"
    "MINAS_ANOR [GONGOV]\n"
    "@kind wizard\n";                              /* line 23: bad kind */

AN_TEST(dict_actor_dates_and_errors)
{
    const char *src = tmpfile_with("t.actors.txt", actors_src);
    ASSERT(src);
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(&src, 1, &dg, &img);
    ASSERT(d);
    char code[32];
    an_date day = {2000, 1, 1};
    ASSERT_EQ(an_dict_actor_lookup(d, "Arnor", day, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "ARN");
    ASSERT_EQ(an_dict_actor_lookup(d, "arnorian", day, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "ARN");
    ASSERT_EQ(an_dict_actor_lookup(d, "Minas Tirith", day, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "GON");
    /* Date ranges: < before, A-B from A up to B, > from A on. */
    an_date d1 = {1995, 5, 31}, d2 = {1995, 6, 1}, d3 = {1999, 8, 16};
    ASSERT_EQ(an_dict_actor_lookup(d, "Smeagol", d1, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "HOB");
    ASSERT_EQ(an_dict_actor_lookup(d, "Smeagol", d2, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "HOBGOV");
    ASSERT_EQ(an_dict_actor_lookup(d, "Gollum", d3, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "HOBREB");
    /* Trump: USAGOV 2017-01-20..2021-01-20 and from 2025-01-20. */
    struct { an_date d; const char *code; } tr[] = {
        {{2016, 11, 9}, "USABUS"}, {{2017, 1, 19}, "USABUS"},
        {{2017, 1, 20}, "USAGOV"}, {{2021, 1, 19}, "USAGOV"},
        {{2021, 1, 20}, "USAELI"}, {{2025, 1, 19}, "USAELI"},
        {{2025, 1, 20}, "USAGOV"}, {{2026, 6, 1}, "USAGOV"}};
    for (size_t i = 0; i < AN_COUNT(tr); i++) {
        ASSERT_EQ(an_dict_actor_lookup(d, "Trump", tr[i].d, code, sizeof code),
                  AN_OK);
        ASSERT_STR_EQ(code, tr[i].code);
    }
    /* Undated default after the dated codes; no date: the undated one. */
    an_date d4 = {2010, 1, 1}, none = {0, 0, 0};
    ASSERT_EQ(an_dict_actor_lookup(d, "Kofi Annan", d4, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "ELI");
    ASSERT_EQ(an_dict_actor_lookup(d, "Kofi Annan", none, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "ELI");
    /* No date and only dated codes: the latest start. */
    ASSERT_EQ(an_dict_actor_lookup(d, "Trump", none, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "USAGOV");
    ASSERT_EQ(an_dict_actor_lookup(d, "Minas Anor", day, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "GONGOV");
    ASSERT_EQ(d->actors[0].kind, AN_DK_ANY);
    ASSERT_EQ(an_dict_actor_lookup(d, "Gandalf", day, code, sizeof code), AN_ENOENT);
    /* Every problem is reported with its line. */
    ASSERT(has_diag(&dg, "t.actors.txt:15:E: invalid date range"));
    ASSERT(has_diag(&dg, "t.actors.txt:16:W: actor \"NO_CODE\" has no code"));
    ASSERT(has_diag(&dg, "t.actors.txt:17:E: missing ']'"));
    ASSERT(has_diag(&dg, "t.actors.txt:23:E: unknown kind"));
    ASSERT_EQ(an_dict_actor_lookup(d, "Missing", day, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "DEF");
    an_dict_close(d);
    an_buf_fini(&img);
}

AN_TEST(dict_later_definition_wins)
{
    const char *a = tmpfile_with("10.a.actors.txt",
                                 "RUSSIA [RUS]\n+MOSCOW\n+RUSSIAN\n");
    const char *b = tmpfile_with("20.b.actors.txt",
                                 "@kind capital\nMOSCOW [RUSGOV]\n");
    const char *srcs[] = {a, b};
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(srcs, 2, &dg, &img);
    ASSERT(d);
    char code[32];
    an_date day = {2020, 1, 1};
    ASSERT_EQ(an_dict_actor_lookup(d, "Moscow", day, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "RUSGOV");
    ASSERT_EQ(an_dict_actor_lookup(d, "Russian", day, code, sizeof code), AN_OK);
    ASSERT_STR_EQ(code, "RUS");
    an_dict_close(d);
    an_buf_fini(&img);
}

AN_TEST(dict_agents_plurals_and_markers)
{
    const char *src = tmpfile_with("t.agents.txt",
        "!PERSON! = MAN, MEN, WOMAN\n"
        "POLICE {} [~COP]\n"
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n"
        "AUTHORITY [~GOV]\n"
        "CONGRESS!PERSON! [~LEG]\n"
        "HUMAN_RIGHTS_BODY [NGO~]\n"
        "NOCODE\n"
        "BAD!MARK! [~X]\n");
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(&src, 1, &dg, &img);
    ASSERT(d);
    struct { const char *w[3]; int n; const char *code; int prefix; } cases[] = {
        {{"police"}, 1, "COP", 0},
        {{"attorneys", "general"}, 2, "GOV", 0},
        {{"authorities"}, 1, "GOV", 0},
        {{"congressmen"}, 1, "LEG", 0},
        {{"congresswoman"}, 1, "LEG", 0},
        {{"human", "rights", "body"}, 3, "NGO", 1},
        {{"human", "rights", "bodies"}, 3, "NGO", 1},
    };
    for (size_t c = 0; c < AN_COUNT(cases); c++) {
        an_dtok t[3];
        for (int i = 0; i < cases[c].n; i++)
            an_dict_tok(d, cases[c].w[i], strlen(cases[c].w[i]), &t[i]);
        const uint32_t *v;
        size_t k = an_dict_match(&d->agent_t, t, 0, (size_t)cases[c].n, 0, &v);
        if (k != (size_t)cases[c].n)
            FAIL("agent %s not matched", cases[c].w[0]);
        const an_dagent *g = &d->agents[v[v[0]]];
        ASSERT_STR_EQ(an_dict_str(d, g->code), cases[c].code);
        ASSERT_EQ(g->prefix, cases[c].prefix);
    }
    /* "police" has no plural ({}); "polices" is not an agent. */
    an_dtok t;
    an_dict_tok(d, "polices", 7, &t);
    ASSERT_EQ(t.word, AN_DICT_NONE);
    ASSERT(has_diag(&dg, "t.agents.txt:7:E: agent without a code"));
    ASSERT(has_diag(&dg, "t.agents.txt:8:E: undefined substitution marker"));
    an_dict_close(d);
    an_buf_fini(&img);
}

static const char verbs_src[] =
    "&CURRENCY\n"
    "+DOLLAR\n"
    "+SWISS_FRANC\n"
    "+KRONER_\n"
    "&AUX_\n"
    "+WILL\n"
    "--- GRANT [070] ---\n"
    "GRANT\n"
    "GIVE {GAVE GIVEN GIVING}  # irregular\n"
    "+HAND_OVER [071]\n"
    "RE_+ARREST\n"
    "- * &CURRENCY [071]\n"
    "- $ * (TO +) [072:073]\n"
    "- &AUX * {MILITARY AID} [074]\n"
    "- * &UNDEFINED [075]\n"                        /* line 15 */
    "- * NO CODE\n"                                 /* line 16 */
    "- NO VERB MARKER [076]\n"                      /* line 17 */
    "~ a (a b ATTACK) SAY = a b 015\n";

AN_TEST(dict_verbs_forms_patterns_synsets)
{
    const char *src = tmpfile_with("t.verbs.txt", verbs_src);
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(&src, 1, &dg, &img);
    ASSERT(d);
    ASSERT_EQ(d->meta.nblocks, 1);
    ASSERT_STR_EQ(an_dict_str(d, d->blocks[0].name), "GRANT");
    ASSERT_STR_EQ(an_dict_str(d, d->blocks[0].code), "070");
    /* Regular forms of GRANT; only the listed forms of GIVE. */
    const char *yes[] = {"grant", "grants", "granted", "granting", "give",
                         "gave", "given", "giving", "hand", "handed", "arrest"};
    for (size_t i = 0; i < AN_COUNT(yes); i++) {
        uint32_t w = an_dict_word(d, yes[i], strlen(yes[i]));
        if (!an_dict_vform(d, w))
            FAIL("no verb form for %s", yes[i]);
    }
    uint32_t gives = an_dict_word(d, "gives", 5);
    ASSERT(!an_dict_vform(d, gives));
    /* Multi-word verbs keep their other words: "hand over", "re arrest". */
    const an_dvform *f = an_dict_vform(d, an_dict_word(d, "handing", 7));
    ASSERT(f);
    ASSERT_EQ(f->nbefore, 0);
    ASSERT_EQ(f->nafter, 1);
    ASSERT_EQ(f->words[0], an_dict_word(d, "over", 4));
    ASSERT_STR_EQ(an_dict_str(d, f->code), "071");
    f = an_dict_vform(d, an_dict_word(d, "arrested", 8));
    ASSERT(f);
    ASSERT_EQ(f->nbefore, 1);
    ASSERT_EQ(f->words[0], an_dict_word(d, "re", 2));
    ASSERT_STR_EQ(an_dict_str(d, f->code), "070");
    /* Patterns: three good ones, three reported. */
    ASSERT_EQ(d->meta.npats, 3);
    const an_dpat *p = &d->pats[1];
    ASSERT_STR_EQ(an_dict_str(d, p->code), "072");
    ASSERT_STR_EQ(an_dict_str(d, p->code2), "073");
    const an_delem *e = d->elems + p->elem;
    int kinds[] = {AN_DE_SOURCE, AN_DE_VERB, AN_DE_POPEN, AN_DE_WORD,
                   AN_DE_TARGET, AN_DE_PCLOSE};
    ASSERT_EQ(p->nelem, AN_COUNT(kinds));
    for (size_t i = 0; i < AN_COUNT(kinds); i++)
        ASSERT_EQ(e[i].kind, kinds[i]);
    ASSERT_EQ(p->verb, 1);
    ASSERT_EQ(e[3].val, an_dict_word(d, "to", 2));
    /* Synsets: plurals generated except for '_' members and sets. */
    ASSERT_EQ(d->meta.nsyns, 2);
    ASSERT_EQ(d->syns[0].nphr, 5); /* dollar(s), swiss franc(s), kroner */
    ASSERT_EQ(d->syns[1].nphr, 1); /* will (no plurals: &AUX_) */
    ASSERT(has_diag(&dg, "t.verbs.txt:15:E: undefined synset &UNDEFINED"));
    ASSERT(has_diag(&dg, "t.verbs.txt:16:E: pattern without a code"));
    ASSERT(has_diag(&dg, "t.verbs.txt:17:E: pattern without the verb marker"));
    ASSERT_EQ(d->meta.nxforms, 1);
    /* The readable dump writes the patterns back in their syntax. */
    an_buf o;
    an_buf_init(&o);
    ASSERT_EQ(an_dict_verb_dump(d, "gave", &o), AN_OK);
    ASSERT_CONTAINS(o.p, "verb GIVE of block GRANT [070]");
    ASSERT_CONTAINS(o.p, "- * &CURRENCY  [071]");
    ASSERT_CONTAINS(o.p, "- $ * (to +)  [072:073]");
    ASSERT_CONTAINS(o.p, "- &AUX * {military aid}  [074]");
    an_buf_clear(&o);
    ASSERT_EQ(an_dict_verb_dump(d, "handing", &o), AN_OK);
    ASSERT_CONTAINS(o.p, "multi-word: [handing] over");
    ASSERT_EQ(an_dict_verb_dump(d, "table", &o), AN_ENOENT);
    an_buf_fini(&o);
    an_dict_close(d);
    an_buf_fini(&img);
}

AN_TEST(dict_tabari_stems_and_gaps)
{
    const char *src = tmpfile_with("t.actors",
        "ARGENTIN  [ARG]\n"
        "AL_GORE  [AGR]\n"
        "AL GORE  [TEN]\n"
        "LIBYA_  [LBY]\n");
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(&src, 1, &dg, &img);
    ASSERT(d);
    ASSERT(d->meta.nstems > 0);
    const char *words[] = {"argentina", "al", "gore", "al", "the", "weasel",
                           "gore", "libyan", "libya"};
    an_dtok t[9];
    for (int i = 0; i < 9; i++)
        an_dict_tok(d, words[i], strlen(words[i]), &t[i]);
    const uint32_t *v;
    /* A stem matches the words it begins. */
    ASSERT_EQ(an_dict_match(&d->actor_t, t, 0, 9, 3, &v), 1);
    ASSERT_STR_EQ(an_dict_actor_code(d, v[1], INT32_MIN), "ARG");
    /* "AL_GORE" needs consecutive words; "AL GORE" allows a gap. */
    ASSERT_EQ(an_dict_match(&d->actor_t, t, 1, 9, 3, &v), 2);
    ASSERT_STR_EQ(an_dict_actor_code(d, v[v[0]], INT32_MIN), "AGR");
    ASSERT_EQ(an_dict_match(&d->actor_t, t, 3, 9, 3, &v), 4);
    ASSERT_STR_EQ(an_dict_actor_code(d, v[v[0]], INT32_MIN), "TEN");
    /* "LIBYA_" is exact. */
    ASSERT_EQ(an_dict_match(&d->actor_t, t, 7, 9, 3, &v), 0);
    ASSERT_EQ(an_dict_match(&d->actor_t, t, 8, 9, 3, &v), 1);
    an_dict_close(d);
    an_buf_fini(&img);
}

AN_TEST(dict_discards_and_issues)
{
    const char *a = tmpfile_with("t.discards.txt",
                                 "BASEBALL\n+WORLD CUP\nACADEMY_AWARD_ # x\n");
    const char *b = tmpfile_with("t.issues.txt",
        "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"
        "n:school [SCHOOLS]\n"
        "pre+k [EARLY]\n"
        "~financial literacy\n"
        "no code here\n"
        "</ISSUE>\n");
    const char *srcs[] = {a, b};
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(srcs, 2, &dg, &img);
    ASSERT(d);
    ASSERT_EQ(d->meta.ndiscards, 3);
    ASSERT_EQ(d->discards[1].story, 1);
    ASSERT_EQ(d->discards[2].exact, 1);
    /* Tokens as the text layer makes them: "pre-k" stays one word, and
       the compiler tokenizes dictionary phrases the same way. */
    const char *w[] = {"schools", "pre-k"};
    an_dtok t[2];
    for (int i = 0; i < 2; i++)
        an_dict_tok(d, w[i], strlen(w[i]), &t[i]);
    const uint32_t *v;
    ASSERT_EQ(an_dict_match(&d->issue_t, t, 0, 2, 0, &v), 1);
    ASSERT_STR_EQ(an_dict_str(d, d->issues[v[1]].code), "SCHOOLS");
    ASSERT_STR_EQ(an_dict_str(d, d->issues[v[1]].category), "EDUCATION");
    ASSERT_EQ(an_dict_match(&d->issue_t, t, 1, 2, 0, &v), 1);
    ASSERT_EQ(d->issues[2].exclude, 1);
    ASSERT(has_diag(&dg, "t.issues.txt:5:E: issue phrase without a code"));
    an_dict_close(d);
    an_buf_fini(&img);
}

AN_TEST(dict_cameo_tables)
{
    const char *a = tmpfile_with("t.eventcodes.txt",
        "CAMEOEVENTCODE\tEVENTDESCRIPTION\n01\tMAKE PUBLIC STATEMENT\n"
        "036\tExpress intent to meet\n0361\tSub code\n190\tUse force\n"
        "X1\tbad\n");
    const char *b = tmpfile_with("t.goldsteinscale.txt",
        "CAMEOEVENTCODE\tGOLDSTEINSCALE\n036\t4.0\n190\t-10.0\n0361\tabc\n");
    const char *c = tmpfile_with("t.plover.txt",
        "# comment\n03: AGREE\n036: AGREE,  , diplomatic # Express intent\n"
        "190: ASSAULT, , military # force\n");
    const char *srcs[] = {a, b, c};
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(srcs, 3, &dg, &img);
    ASSERT(d);
    an_cameo_info ci;
    ASSERT_EQ(an_dict_cameo_lookup(d, "036", &ci), AN_OK);
    ASSERT_STR_EQ(ci.name, "Express intent to meet");
    ASSERT_EQ((int)(ci.goldstein * 10), 40);
    ASSERT_EQ(ci.quad_class, 1);
    ASSERT_STR_EQ(ci.plover_event, "AGREE");
    ASSERT_STR_EQ(ci.plover_context, "diplomatic");
    /* An unmapped sub-code takes its parent's PLOVER mapping. */
    ASSERT_EQ(an_dict_cameo_lookup(d, "0361", &ci), AN_OK);
    ASSERT_STR_EQ(ci.plover_event, "AGREE");
    ASSERT_EQ(an_dict_cameo_lookup(d, "190", &ci), AN_OK);
    ASSERT_EQ(ci.quad_class, 4);
    ASSERT_EQ(an_dict_cameo_lookup(d, "999", &ci), AN_ENOENT);
    ASSERT(has_diag(&dg, "t.eventcodes.txt:6:E: bad CAMEO code"));
    ASSERT(has_diag(&dg, "t.goldsteinscale.txt:4:E: bad Goldstein"));
    ASSERT_EQ(an_cameo_quad_class("0874"), 2);
    ASSERT_EQ(an_cameo_quad_class("112"), 3);
    ASSERT_EQ(an_cameo_quad_class("2042"), 4);
    ASSERT_EQ(an_cameo_quad_class("21"), 0);
    ASSERT_EQ(an_cameo_quad_class(""), 0);
    an_dict_close(d);
    an_buf_fini(&img);
}

AN_TEST(dict_image_corruption_refused)
{
    const char *src = tmpfile_with("c.actors.txt", actors_src);
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(&src, 1, &dg, &img);
    ASSERT(d);
    an_dict_close(d);
    an_err err;
    /* Truncated, flipped and empty images are refused with a message. */
    ASSERT_NE(an_dict_from_memory(img.p, img.n / 2, &d, &err), AN_OK);
    ASSERT(!d);
    img.p[img.n - 5] ^= 0x55;
    ASSERT_NE(an_dict_from_memory(img.p, img.n, &d, &err), AN_OK);
    ASSERT_CONTAINS(err.msg, "checksum");
    ASSERT_NE(an_dict_from_memory(img.p, 10, &d, &err), AN_OK);
    an_buf_fini(&img);
    /* An image of another dictionary version. */
    an_image_writer *w;
    ASSERT_EQ(an_image_writer_new("dict", 99, &w), AN_OK);
    an_buf other;
    an_buf_init(&other);
    ASSERT_EQ(an_image_writer_to_buf(w, &other), AN_OK);
    an_image_writer_free(w);
    ASSERT_EQ(an_dict_from_memory(other.p, other.n, &d, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "version 99");
    an_buf_fini(&other);
    /* A file that does not exist. */
    ASSERT_EQ(an_dict_open("/nonexistent/x.dict", &d, &err), AN_ENOENT);
}

AN_TEST(dict_garbage_sources_do_not_crash)
{
    /* Every format over bytes that are not a dictionary. */
    static const char junk[] =
        "[[[[ ]]]\n+\n+ [\n---\n--- [ ---\n- * [\n- ( { | } ) * [1:\n&\n&_\n"
        "{ } \n- }{ * [0]\n\xff\xfe\x00zz\n!A! =\nX {Y [~]\n~~\n<ISSUE\n"
        "0: ,,,\n\t\t\t[A 99-99]\n[B >]\n[C <]\n[D ..]\n";
    const char *names[] = {"g.actors.txt", "g.agents.txt", "g.verbs.txt",
                           "g.discards.txt", "g.issues.txt", "g.verbs",
                           "g.eventcodes.txt", "g.goldstein.txt", "g.plover.txt",
                           "g.actors"};
    for (size_t i = 0; i < AN_COUNT(names); i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", an_test_tmpdir(), names[i]);
        ASSERT_EQ(an_test_write_file(path, junk, sizeof junk - 1), 0);
        const char *s = path;
        diags dg = {0};
        an_buf img;
        an_dict *d = compile_open(&s, 1, &dg, &img);
        if (!d)
            FAIL("garbage %s: no image", names[i]);
        ASSERT(dg.n > 0);
        an_dict_close(d);
        an_buf_fini(&img);
    }
}

/* ---- the peers' dictionaries and the shipped set ---- */

AN_TEST(dict_peer_dictionaries_compile)
{
    char a[512], b[512], c[512], e[512];
    if (!an_test_shared_path("eval/petrarch2-unittest", a, sizeof a) ||
        !an_test_shared_path("eval/tabari-validate/TABARI.Demo.actors", b, sizeof b) ||
        !an_test_shared_path("eval/tabari-validate/TABARI.Demo.verbs", c, sizeof c) ||
        !an_test_shared_path("eval/tabari-validate/Validate.agents", e, sizeof e))
        AN_SKIP("../shared not found");
    const char *petr[] = {a};
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(petr, 1, &dg, &img);
    ASSERT(d);
    for (int i = 0; i < dg.n; i++)
        if (strstr(dg.text[i], ":E:"))
            FAIL("PETRARCH validation dictionaries: %s", dg.text[i]);
    ASSERT(d->meta.npats > 300);
    ASSERT(d->meta.nactors > 100);
    an_dict_close(d);
    an_buf_fini(&img);
    const char *tab[] = {b, c, e};
    dg.n = 0;
    d = compile_open(tab, 3, &dg, &img);
    ASSERT(d);
    for (int i = 0; i < dg.n; i++)
        if (strstr(dg.text[i], ":E:"))
            FAIL("TABARI validation dictionaries: %s", dg.text[i]);
    ASSERT(d->meta.nstems > 0);
    ASSERT(d->meta.nblocks > 200);
    an_dict_close(d);
    an_buf_fini(&img);
}

AN_TEST(dict_shipped_image_is_current)
{
    /* The committed image must be what the committed sources compile to:
       recompile with `annals dict compile -o data/dict/annals.dict
       data/dict/src` when this fails. */
    const char *src = "data/dict/src";
    diags dg = {0};
    an_buf img;
    an_dict *d = compile_open(&src, 1, &dg, &img);
    ASSERT(d);
    size_t n;
    char *committed = an_test_read_file("data/dict/annals.dict", &n);
    ASSERT(committed);
    bool same = n == img.n && memcmp(committed, img.p, n) == 0;
    free(committed);
    if (!same)
        FAIL("data/dict/annals.dict is stale: recompile it from data/dict/src");
    /* The set covers what it promises. */
    ASSERT(d->meta.nactors > 25000);
    ASSERT(d->meta.nblocks >= 397);
    ASSERT(d->meta.npats >= 4600);
    ASSERT(d->meta.ncameo >= 300);
    an_dict_close(d);
    an_buf_fini(&img);
}

AN_TEST(dict_shipped_leaders)
{
    an_dict *d;
    an_err err;
    if (an_dict_open("data/dict/annals.dict", &d, &err) != AN_OK)
        FAIL("%s", err.msg);
    struct { const char *who; an_date on; const char *code; } c[] = {
        {"Donald Trump", {2017, 1, 20}, "USAGOV"},
        {"Trump", {2020, 7, 1}, "USAGOV"},
        {"Trump", {2021, 1, 20}, "USAELI"},
        {"President Trump", {2025, 1, 20}, "USAGOV"},
        {"Joe Biden", {2021, 1, 20}, "USAGOV"},
        {"Volodymyr Zelenskyy", {2019, 5, 20}, "UKRGOV"},
        {"Zelensky", {2022, 2, 24}, "UKRGOV"},
        {"Zelenskiy", {2025, 3, 1}, "UKRGOV"},
        {"Petro Poroshenko", {2019, 5, 19}, "UKRGOV"},
        {"Vladimir Putin", {2023, 1, 1}, "RUSGOV"},
        {"Lavrov", {2023, 1, 1}, "RUSGOV"},
        {"Erdogan", {2020, 1, 1}, "TURGOV"},
        {"Erdoğan", {2020, 1, 1}, "TURGOV"},
        {"Netanyahu", {2022, 1, 1}, "ISROPP"},
        {"Netanyahu", {2024, 1, 1}, "ISRGOV"},
        {"Khamenei", {2024, 1, 1}, "IRNGOV"},
        {"Raisi", {2022, 1, 1}, "IRNGOV"},
        {"Pezeshkian", {2025, 1, 1}, "IRNGOV"},
        {"Rouhani", {2018, 1, 1}, "IRNGOV"},
        {"Mohammed bin Salman", {2023, 1, 1}, "SAUGOV"},
        {"Xi Jinping", {2023, 1, 1}, "CHNGOV"},
        {"Narendra Modi", {2023, 1, 1}, "INDGOV"},
        {"Olaf Scholz", {2023, 1, 1}, "DEUGOV"},
        {"Emmanuel Macron", {2023, 1, 1}, "FRAGOV"},
        {"Keir Starmer", {2025, 1, 1}, "GBRGOV"},
        {"Antonio Guterres", {2023, 1, 1}, "IGOUNO"},
        {"Mark Rutte", {2025, 1, 1}, "IGOWSTNAT"},
        {"Ursula von der Leyen", {2023, 1, 1}, "IGOEUREEC"},
        {"Mahmoud Abbas", {2023, 1, 1}, "PSEGOV"},
        {"Kyiv", {2023, 1, 1}, "UKRGOV"},
        {"Moscow", {2023, 1, 1}, "RUSGOV"},
        {"Kremlin", {2023, 1, 1}, "RUSGOV"},
        {"Ukrainian", {2023, 1, 1}, "UKR"},
    };
    for (size_t i = 0; i < AN_COUNT(c); i++) {
        char code[32];
        if (an_dict_actor_lookup(d, c[i].who, c[i].on, code, sizeof code) != AN_OK)
            FAIL("%s: not found", c[i].who);
        if (strcmp(code, c[i].code))
            FAIL("%s on %d-%02d-%02d: %s, expected %s", c[i].who, c[i].on.year,
                 c[i].on.month, c[i].on.day, code, c[i].code);
    }
    /* Zelenskyy has no code before his inauguration. */
    char code[32];
    an_date before = {2019, 5, 19};
    ASSERT_EQ(an_dict_actor_lookup(d, "Zelenskyy", before, code, sizeof code),
              AN_ENOENT);
    an_cameo_info ci;
    ASSERT_EQ(an_dict_cameo_lookup(d, "0251", &ci), AN_OK);
    ASSERT_EQ(ci.quad_class, 1);
    ASSERT_EQ(an_dict_cameo_lookup(d, "190", &ci), AN_OK);
    ASSERT_STR_EQ(ci.plover_event, "ASSAULT");
    ASSERT_EQ((int)ci.goldstein, -10);
    an_dict_close(d);
}
