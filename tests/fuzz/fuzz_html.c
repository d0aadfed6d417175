/*
** fuzz_html.c - libFuzzer harness for main-text extraction: the HTML tree
** builder, the scoring passes, metadata (meta tags, JSON-LD) and the
** plain-text rules, all on the same bytes.  Besides memory errors it
** checks what callers rely on: the text is valid UTF-8 without NUL, and
** the offset map covers the text and points inside the input.
**
** Build with `make fuzz`; run build/fuzz/fuzz_html tests/fuzz/seeds_html.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/utf8.h"
#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static void check(const char *in, size_t n, an_textb *tb)
{
    an_span text;
    an_seg *segs;
    size_t nseg;
    if (an_textb_finish(tb, &text, &segs, &nseg) != AN_OK)
        return;
    if (an_utf8_valid_prefix(text.p, text.n) != text.n ||
        memchr(text.p, 0, text.n))
        abort();
    size_t at = 0;
    for (size_t i = 0; i < nseg; i++) {
        if (segs[i].text != at || (n && segs[i].raw >= n))
            abort();
        if (segs[i].copied &&
            (segs[i].raw + (size_t)segs[i].len > n ||
             memcmp(text.p + at, in + segs[i].raw, segs[i].len) != 0))
            abort();
        at += segs[i].len;
    }
    if (at != text.n)
        abort();
}

static void check_span(an_span s)
{
    if (s.n && an_utf8_valid_prefix(s.p, s.n) != s.n)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    const char *p = (const char *)data;
    an_arena a, s;
    an_arena_init(&a);
    an_arena_init(&s);
    an_textb tb;
    an_textb_init(&tb, &a);
    an_extract ex;
    an_err err;
    if (an_extract_html(&a, &s, p, n, &tb, &ex, &err) == AN_OK) {
        check(p, n, &tb);
        check_span(ex.title);
        check_span(ex.outlet);
        check_span(ex.author);
    }
    an_arena_reset(&a);
    an_textb_init(&tb, &a);
    if (an_extract_text(&a, p, n, &tb, &ex, &err) == AN_OK)
        check(p, n, &tb);
    an_arena_fini(&a);
    an_arena_fini(&s);
    return 0;
}
