/*
** fuzz_pipeline.c - libFuzzer harness for the whole pipeline on text: the
** input is one plain-text document (with a fixed document date) that goes
** through tokens, sentences, tags, parse, actors, time expressions,
** places and the coder with the shipped models, dictionary and gazetteer
** (run from the repository root: the engine reads ./data).  The engine is
** opened once; each input gets a fresh document.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "annals/annals.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static an_engine *engine(void)
{
    static an_engine *eng; /* harness state, not library state */
    if (!eng) {
        an_engine_opts eo = {0};
        eo.level = AN_LEVEL_CODE;
        eo.data_dir = "data";
        if (an_engine_open(&eo, &eng, NULL) != AN_OK)
            abort(); /* run from the repository root */
    }
    return eng;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    an_engine *eng = engine();
    an_worker *w;
    an_doc *doc;
    an_input *in;
    if (an_worker_new(eng, &w, NULL) != AN_OK || an_doc_new(&doc) != AN_OK)
        __builtin_trap();
    if (an_input_new(&in, AN_FMT_TEXT, "fuzz", "2025-03-18", (const char *)data,
                     n) == AN_OK) {
        an_worker_process(w, in, doc);
        an_buf out;
        an_buf_init(&out);
        an_out_events_json(&out, doc);
        an_buf_fini(&out);
    }
    an_doc_free(doc);
    an_worker_free(w);
    return 0;
}
