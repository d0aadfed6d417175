/*
** textb.c - text builder with an offset map back to the input.
*/
#include "textb.h"
#include "utf8.h"

void an_textb_init(an_textb *tb, an_arena *a)
{
    memset(tb, 0, sizeof *tb);
    tb->a = a;
    tb->first_bad = UINT64_MAX;
}

static int reserve(an_textb *tb, size_t extra)
{
    if (tb->oom)
        return 0;
    if (extra > UINT32_MAX - tb->n - 1) { /* offsets are 32-bit */
        tb->oom = 1;
        return 0;
    }
    char *p = an_arena_vec(tb->a, tb->p, &tb->cap, tb->n + extra + 1, 1);
    if (!p) {
        tb->oom = 1;
        return 0;
    }
    tb->p = p;
    return 1;
}

/* Record that text [n0, tb->n) came from input at `raw`. */
static void add_seg(an_textb *tb, size_t n0, uint32_t raw, int copied)
{
    if (tb->n == n0)
        return;
    uint32_t len = (uint32_t)(tb->n - n0);
    if (tb->nseg) {
        an_seg *last = &tb->segs[tb->nseg - 1];
        if (copied && last->copied && last->text + last->len == n0 &&
            last->raw + last->len == raw) {
            last->len += len;
            return;
        }
    }
    an_seg *s = an_arena_vec(tb->a, tb->segs, &tb->segcap, tb->nseg + 1,
                             sizeof *s);
    if (!s) {
        tb->oom = 1;
        return;
    }
    tb->segs = s;
    s[tb->nseg++] = (an_seg){(uint32_t)n0, raw, len, (uint32_t)copied};
}

static void note_bad(an_textb *tb, uint64_t raw)
{
    if (tb->first_bad == UINT64_MAX)
        tb->first_bad = raw;
}

void an_textb_copy(an_textb *tb, uint32_t raw, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* Longest run that needs no repair. */
        size_t j = i;
        while (j < n) {
            unsigned char c = (unsigned char)p[j];
            if (c >= 0x20 && c < 0x80) {
                j++;
                continue;
            }
            if (c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                j++;
                continue;
            }
            if (c < 0x80)
                break; /* control byte */
            int k = an_utf8_seq_len(p + j, n - j);
            if (k == 0)
                break;
            j += (size_t)k;
        }
        if (j > i) {
            if (!reserve(tb, j - i))
                return;
            size_t n0 = tb->n;
            memcpy(tb->p + tb->n, p + i, j - i);
            tb->n += j - i;
            add_seg(tb, n0, raw + (uint32_t)i, 1);
            i = j;
        }
        if (i < n) {
            unsigned char c = (unsigned char)p[i];
            note_bad(tb, raw + (uint64_t)i);
            if (c < 0x80) {
                tb->nctl++;
                an_textb_synth(tb, raw + (uint32_t)i, " ", 1);
            } else {
                tb->nbad++;
                an_textb_synth(tb, raw + (uint32_t)i, "\xEF\xBF\xBD", 3);
            }
            i++;
        }
    }
}

void an_textb_synth(an_textb *tb, uint32_t raw, const char *p, size_t n)
{
    if (n == 0 || !reserve(tb, n))
        return;
    size_t n0 = tb->n;
    memcpy(tb->p + tb->n, p, n);
    tb->n += n;
    add_seg(tb, n0, raw, 0);
}

int an_textb_finish(an_textb *tb, an_span *text, an_seg **segs,
                    size_t *nseg)
{
    if (!reserve(tb, 0))
        return AN_ENOMEM;
    tb->p[tb->n] = 0;
    text->p = tb->p;
    text->n = tb->n;
    *segs = tb->segs;
    *nseg = tb->nseg;
    return tb->oom ? AN_ENOMEM : AN_OK;
}

uint32_t an_seg_map(const an_seg *segs, size_t nseg, uint32_t off)
{
    size_t lo = 0, hi = nseg;
    while (lo < hi) { /* last segment with text <= off */
        size_t mid = lo + (hi - lo) / 2;
        if (segs[mid].text <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return nseg ? segs[0].raw : UINT32_MAX;
    const an_seg *s = &segs[lo - 1];
    if (s->copied && off - s->text < s->len)
        return s->raw + (off - s->text);
    return s->raw;
}
