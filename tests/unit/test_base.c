/*
** test_base.c - arena, buffer, UTF-8, text builder, JSON, maps, images,
** dates.
*/
#include <stdlib.h>

#include "base/arena.h"
#include "base/image.h"
#include "base/json.h"
#include "base/map.h"
#include "base/textb.h"
#include "base/utf8.h"
#include "test.h"

AN_TEST(arena_alloc_reset_grow)
{
    an_arena a;
    an_arena_init(&a);
    char *p = an_arena_alloc(&a, 10);
    ASSERT(p != NULL);
    ASSERT_EQ((uintptr_t)p % 16, 0);
    memcpy(p, "0123456789", 10);
    char *q = an_arena_grow(&a, p, 10, 5000);
    ASSERT(q == p); /* last allocation grows in place */
    ASSERT(memcmp(q, "0123456789", 10) == 0);
    void *big = an_arena_alloc(&a, 10 << 20); /* a block of its own */
    ASSERT(big != NULL);
    memset(big, 1, 10 << 20);
    char *r = an_arena_alloc(&a, 16);
    ASSERT(r != NULL);
    int *v = NULL;
    size_t cap = 0;
    for (int i = 0; i < 100000; i++) {
        v = an_arena_vec(&a, v, &cap, (size_t)i + 1, sizeof *v);
        ASSERT(v != NULL);
        v[i] = i;
    }
    for (int i = 0; i < 100000; i++)
        ASSERT_EQ(v[i], i);
    an_arena_reset(&a);
    ASSERT_EQ(an_arena_used(&a), 0);
    ASSERT(an_arena_alloc(&a, 100) != NULL);
    an_arena_fini(&a);
}

AN_TEST(buf_json_escapes_and_repairs)
{
    an_buf b;
    an_buf_init(&b);
    an_buf_json_str(&b, "a\"b\\c\n\x01\xff\xe2\x80\x9c", 11);
    ASSERT_STR_EQ(b.p, "\"a\\\"b\\\\c\\n\\u0001\xEF\xBF\xBD\xe2\x80\x9c\"");
    an_buf_clear(&b);
    an_buf_printf(&b, "%d-%s", 42, "x");
    ASSERT_STR_EQ(b.p, "42-x");
    an_buf_fini(&b);
}

AN_TEST(utf8_validation)
{
    ASSERT_EQ(an_utf8_seq_len("a", 1), 1);
    ASSERT_EQ(an_utf8_seq_len("\xC3\xA9", 2), 2);
    ASSERT_EQ(an_utf8_seq_len("\xC0\x80", 2), 0);       /* overlong */
    ASSERT_EQ(an_utf8_seq_len("\xED\xA0\x80", 3), 0);   /* surrogate */
    ASSERT_EQ(an_utf8_seq_len("\xF4\x90\x80\x80", 4), 0); /* > U+10FFFF */
    ASSERT_EQ(an_utf8_seq_len("\xE2\x80", 2), 0);       /* truncated */
    ASSERT_EQ(an_utf8_valid_prefix("hello world \xC3\xA9 ok\xFFzz", 21), 17);
    int32_t cp;
    ASSERT_EQ(an_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    ASSERT_EQ(cp, 0x1F600);
}

AN_TEST(textb_repairs_and_maps_offsets)
{
    an_arena a;
    an_arena_init(&a);
    an_textb tb;
    an_textb_init(&tb, &a);
    /* input: "ab\xFFcd\0e" at raw offset 100 */
    an_textb_copy(&tb, 100, "ab\xFF" "cd\0e", 7);
    an_textb_synth(&tb, 200, "\n\n", 2);
    an_textb_copy(&tb, 300, "xyz", 3);
    an_span text;
    an_seg *segs;
    size_t nseg;
    ASSERT_EQ(an_textb_finish(&tb, &text, &segs, &nseg), AN_OK);
    ASSERT_SPAN_EQ(text, "ab\xEF\xBF\xBD" "cd e\n\nxyz");
    ASSERT_EQ(tb.nbad, 1);
    ASSERT_EQ(tb.nctl, 1);
    ASSERT_EQ(tb.first_bad, 102);
    ASSERT_EQ(an_seg_map(segs, nseg, 0), 100);
    ASSERT_EQ(an_seg_map(segs, nseg, 1), 101);
    ASSERT_EQ(an_seg_map(segs, nseg, 3), 102); /* inside U+FFFD */
    ASSERT_EQ(an_seg_map(segs, nseg, 5), 103); /* 'c' */
    ASSERT_EQ(an_seg_map(segs, nseg, 9), 200);
    ASSERT_EQ(an_seg_map(segs, nseg, 11), 300);
    ASSERT_EQ(an_seg_map(segs, nseg, 13), 302);
    an_arena_fini(&a);
}

AN_TEST(json_parses_and_rejects)
{
    an_arena a;
    an_arena_init(&a);
    an_json *v;
    an_err err;
    const char *s = "{\"id\": \"x1\", \"n\": -1.5e2, \"a\": [1, true, null, {\"k\": \"\\u00e9\\ud83d\\ude00\\n\"}], \"e\": {}}";
    ASSERT_EQ(an_json_parse(&a, s, strlen(s), &v, &err), AN_OK);
    ASSERT_EQ(v->type, AN_JSON_OBJECT);
    ASSERT_SPAN_EQ(an_json_get_str(v, "id"), "x1");
    ASSERT(an_json_get(v, "n")->num == -150.0);
    const an_json *arr = an_json_get(v, "a");
    ASSERT_EQ(arr->n, 4);
    ASSERT_EQ(arr->items[1].type, AN_JSON_TRUE);
    ASSERT_SPAN_EQ(an_json_get_str(&arr->items[3], "k"), "\xC3\xA9\xF0\x9F\x98\x80\n");
    ASSERT_EQ(an_json_get(v, "e")->n, 0);
    const char *bad[] = {"{\"a\":1,}", "{\"a\" 1}", "[1 2]", "\"abc", "{}x",
                         "", "tru", "01", "{\"a\":\"\x01\"}", "[-]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        an_err_clear(&err);
        if (an_json_parse(&a, bad[i], strlen(bad[i]), &v, &err) == AN_OK)
            FAIL("accepted bad JSON #%zu: %s", i, bad[i]);
        ASSERT(err.msg[0] != 0);
    }
    /* Deep nesting is refused, not a crash. */
    size_t depth = 100000;
    char *deep = malloc(depth * 2);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    ASSERT_EQ(an_json_parse(&a, deep, depth * 2, &v, &err), AN_ERANGE);
    free(deep);
    an_arena_fini(&a);
}

AN_TEST(map_and_frozen_lexicon)
{
    an_map m;
    an_map_init(&m);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "key%d", i);
        ASSERT(an_map_put(&m, key, (size_t)n, (uint32_t)i * 3, NULL) != NULL);
    }
    int added = -1;
    an_map_put(&m, "key7", 4, 99, &added);
    ASSERT_EQ(added, 0);
    ASSERT_EQ(*an_map_get(&m, "key7", 4), 21);
    an_buf b;
    an_buf_init(&b);
    ASSERT_EQ(an_lex_write(&m, &b), AN_OK);
    an_lex lx;
    ASSERT_EQ(an_lex_open(&lx, b.p, b.n, NULL), AN_OK);
    ASSERT_EQ(an_lex_count(&lx), 5000);
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "key%d", i);
        uint32_t v;
        ASSERT(an_lex_get(&lx, key, (size_t)n, &v));
        ASSERT_EQ(v, (uint32_t)i * 3);
    }
    uint32_t v;
    ASSERT(!an_lex_get(&lx, "nope", 4, &v));
    /* A corrupt table gives "not found" or an error, never a crash. */
    for (size_t i = 16; i < b.n; i += 7)
        b.p[i] ^= 0x5A;
    if (an_lex_open(&lx, b.p, b.n, NULL) == AN_OK)
        for (int i = 0; i < 5000; i++) {
            int n = snprintf(key, sizeof key, "key%d", i);
            an_lex_get(&lx, key, (size_t)n, &v);
        }
    an_buf_fini(&b);
    an_map_fini(&m);
}

AN_TEST(image_roundtrip_and_corruption)
{
    an_image_writer *w;
    ASSERT_EQ(an_image_writer_new("test", 7, &w), AN_OK);
    ASSERT_EQ(an_image_writer_add(w, "alpha", "hello", 5), AN_OK);
    ASSERT_EQ(an_image_writer_add(w, "beta", "world!!", 7), AN_OK);
    an_buf b;
    an_buf_init(&b);
    ASSERT_EQ(an_image_writer_to_buf(w, &b), AN_OK);
    an_image_writer_free(w);
    an_image *img;
    an_err err;
    ASSERT_EQ(an_image_from_memory(b.p, b.n, "test", &img, &err), AN_OK);
    ASSERT_EQ(an_image_kind_version(img), 7);
    an_span s;
    ASSERT_EQ(an_image_section(img, "beta", &s), AN_OK);
    ASSERT_SPAN_EQ(s, "world!!");
    ASSERT_EQ(an_image_section(img, "gamma", &s), AN_ENOENT);
    an_image_close(img);
    ASSERT_EQ(an_image_from_memory(b.p, b.n, "other", &img, &err), AN_EFORMAT);
    ASSERT_EQ(an_image_from_memory(b.p, b.n - 1, "test", &img, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "size");
    b.p[b.n - 20] ^= 1;
    ASSERT_EQ(an_image_from_memory(b.p, b.n, "test", &img, &err), AN_EFORMAT);
    ASSERT_CONTAINS(err.msg, "checksum");
    an_buf_fini(&b);
}

static int parse_ok(const char *s, int y, int m, int d)
{
    an_date dt;
    if (an_date_parse(s, strlen(s), &dt) != AN_OK)
        return 0;
    return dt.year == y && dt.month == m && dt.day == d;
}

AN_TEST(date_parsing)
{
    ASSERT(parse_ok("2025-03-18", 2025, 3, 18));
    ASSERT(parse_ok("2025-03-18T10:00:00Z", 2025, 3, 18));
    ASSERT(parse_ok("2025-03-18T10:00:00+02:00", 2025, 3, 18));
    ASSERT(parse_ok("Tue, 18 Mar 2025 10:00:00 GMT", 2025, 3, 18));
    ASSERT(parse_ok("March 18, 2025", 2025, 3, 18));
    ASSERT(parse_ok("Mar. 18, 2025", 2025, 3, 18));
    ASSERT(parse_ok("18 March 2025", 2025, 3, 18));
    ASSERT(parse_ok("17 Mar 2025, Mon", 2025, 3, 17));
    ASSERT(parse_ok("Monday, March 17th, 2025 at 5:30 pm EST", 2025, 3, 17));
    ASSERT(parse_ok("20250318", 2025, 3, 18));
    ASSERT(parse_ok("3/18/2025", 2025, 3, 18));
    ASSERT(parse_ok("18/3/2025", 2025, 3, 18));
    ASSERT(!parse_ok("2025-02-30", 2025, 2, 30));
    an_date dt;
    ASSERT_EQ(an_date_parse("Page 3 of 12", 12, &dt), AN_EFORMAT);
    ASSERT_EQ(an_date_parse("yesterday", 9, &dt), AN_EFORMAT);
    const char *txt = "KYIV, March 18 (Reuters) - Ukraine said on 19 March 2025 that";
    size_t s, e;
    ASSERT_EQ(an_date_find(txt, strlen(txt), &dt, &s, &e), AN_OK);
    ASSERT_EQ(dt.day, 19);
    ASSERT_EQ(s, 43);
    char buf[11];
    an_date_format(dt, buf);
    ASSERT_STR_EQ(buf, "2025-03-19");
    an_date x = {2024, 2, 29};
    ASSERT_EQ(an_date_days(x), 19782);
    an_date y = an_date_from_days(an_date_days(x) + 1);
    ASSERT_EQ(y.month, 3);
    ASSERT_EQ(y.day, 1);
    ASSERT_EQ(an_date_weekday((an_date){2025, 3, 17}), 0); /* Monday */
}
