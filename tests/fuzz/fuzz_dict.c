/*
** fuzz_dict.c - libFuzzer harness for the dictionary module: the source
** parsers (every format, PETRARCH and TABARI word rules), the compiler,
** and the image loader with its checks.
**
** The first input byte picks the format and the word rules; the rest is
** the source.  The compiled image is opened and looked up.  An input that
** starts with "ANNALSIM" is instead taken as an image: its size and
** checksum fields are fixed up so that the loader's own section checks,
** not the checksum, decide.
**
**   make fuzz && build/fuzz/fuzz_dict -max_total_time=60 corpus/
*/
#include <stdlib.h>
#include <xxhash.h>

#include "annals/dict.h"
#include "dict/dict.h"

/*
** Recognise actors in `text` with dictionary `d` (tokens from a TEXT-level
** engine made once; the harness may keep state, the library does not).
*/
static void actors(const an_dict *d, const char *text, size_t n)
{
    static an_engine *eng;
    static an_worker *w;
    static an_doc *doc;
    if (!eng) {
        an_engine_opts eo = {0};
        eo.level = AN_LEVEL_TEXT;
        if (an_engine_open(&eo, &eng, NULL) != AN_OK ||
            an_worker_new(eng, &w, NULL) != AN_OK || an_doc_new(&doc) != AN_OK)
            abort();
    }
    an_input *in;
    if (an_input_new(&in, AN_FMT_TEXT, "f", "2020-01-01", text, n) != AN_OK)
        return;
    an_worker_process(w, in, doc);
    an_dict_actors(d, doc);
    size_t k;
    const an_actor_mention *m = an_doc_actors(doc, &k);
    for (size_t i = 0; i < k; i++)
        if (m[i].antecedent >= (int32_t)k || m[i].tok + m[i].ntok > 1u << 30)
            abort();
}

static void poke(const an_dict *d)
{
    an_dtok t[4];
    const char *w[] = {"arnor", "the", "president", "police"};
    for (int i = 0; i < 4; i++)
        an_dict_tok(d, w[i], strlen(w[i]), &t[i]);
    const uint32_t *v;
    const an_dtrie *tries[] = {&d->actor_t, &d->agent_t, &d->discard_t,
                               &d->issue_t};
    for (int k = 0; k < 4; k++)
        for (size_t i = 0; i < 4; i++)
            if (an_dict_match(tries[k], t, i, 4, 3, &v) && k == 0)
                an_dict_actor_code(d, v[v[0]], 18000);
    for (uint32_t a = 0; a < d->meta.nactors && a < 64; a++)
        an_dict_actor_code(d, a, INT32_MIN);
    for (uint32_t i = 0; i < 4; i++)
        for (const an_dvform *f = an_dict_vform(d, t[i].word); f;
             f = an_dict_vform_next(d, f))
            (void)an_dict_str(d, f->lemma);
    an_cameo_info ci;
    an_dict_cameo_lookup(d, "0251", &ci);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 64 && memcmp(data, "ANNALSIM", 8) == 0) {
        uint8_t *p = malloc(size);
        if (!p)
            return 0;
        memcpy(p, data, size);
        uint64_t n = size, h = XXH64(p + 64, size - 64, 0);
        memcpy(p + 40, &n, 8);
        memcpy(p + 48, &h, 8);
        an_dict *d;
        if (an_dict_from_memory(p, size, &d, NULL) == AN_OK) {
            poke(d);
            an_dict_close(d);
        }
        free(p);
        return 0;
    }
    if (size < 1)
        return 0;
    int fmt = 1 + data[0] % (AN_DF_COUNT - 1);
    int tabari = (data[0] >> 4) & 1;
    an_dbuild *b;
    if (an__dbuild_new(&b, NULL, NULL) != AN_OK)
        return 0;
    an__dbuild_add(b, "fuzz", fmt, tabari, (const char *)data + 1, size - 1);
    an_buf img;
    an_buf_init(&img);
    if (an__dbuild_finish(b, &img, NULL) == AN_OK) {
        an_dict *d;
        if (an_dict_from_memory(img.p, img.n, &d, NULL) == AN_OK) {
            poke(d);
            actors(d, (const char *)data + 1, size - 1);
            an_dict_close(d);
        } else {
            abort(); /* the compiler wrote an image its loader refuses */
        }
    }
    an_buf_fini(&img);
    an__dbuild_free(b);
    return 0;
}
