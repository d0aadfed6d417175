/*
** fuzz_model.c - libFuzzer harness for the model image loaders (tagger,
** lemmatiser, parser).
**
** The first input byte picks the loader; the rest is the image.  When the
** image is long enough to have a header, the harness writes the right
** file size and checksum into it (the loader would refuse anything else),
** so the fuzzer reaches the section and table checks behind them.  A
** model that opens is then used on a fixed sentence: every offset it
** reads must have been checked.
**
**   make fuzz && build/fuzz/fuzz_model -max_total_time=60 CORPUS_DIR
** Seeds: the shipped images with a leading byte 0 (pos), 1 (lemma), 2 (dep).
*/
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "base/arena.h"
#include "dep/dep.h"
#include "pos/lemma.h"
#include "pos/pos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int which = data[0] % 3;
    size_t n = size - 1;
    uint8_t *img = malloc(n ? n : 1);
    if (!img)
        return 0;
    memcpy(img, data + 1, n);
    if (n >= 64) {
        uint64_t sz = n, sum = XXH64(img + 64, n - 64, 0);
        memcpy(img + 40, &sz, 8);
        memcpy(img + 48, &sum, 8);
    }
    an_span w[4] = {{"Rebels", 6}, {"met", 3}, {"Obama", 5}, {".", 1}};
    uint8_t up[4] = {AN_UPOS_NOUN, AN_UPOS_VERB, AN_UPOS_PROPN, AN_UPOS_PUNCT};
    uint8_t xp[4] = {AN_XPOS_NNS, AN_XPOS_VBD, AN_XPOS_NNP, AN_XPOS_PERIOD};
    int32_t head[4];
    uint8_t rel[4];
    an_arena a;
    an_arena_init(&a);
    an_err err;
    if (which == 0) {
        an_pos *m;
        if (an_pos_from_memory(img, n, &m, &err) == AN_OK) {
            an_pos_tag(m, &a, w, 4, up, xp);
            an_pos_close(m);
        }
    } else if (which == 1) {
        an_lemma *m;
        if (an_lemma_from_memory(img, n, &m, &err) == AN_OK) {
            for (int i = 0; i < 4; i++)
                an_lemma_get(m, &a, w[i], xp[i], i == 0);
            an_lemma_close(m);
        }
    } else {
        an_dep *m;
        if (an_dep_from_memory(img, n, &m, &err) == AN_OK) {
            an_dep_parse(m, &a, w, up, xp, 4, 0, head, rel);
            an_dep_close(m);
        }
    }
    an_arena_fini(&a);
    free(img);
    return 0;
}
