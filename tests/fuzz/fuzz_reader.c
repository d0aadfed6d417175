/*
** fuzz_reader.c - libFuzzer harness for the readers and the text stage:
** the first byte chooses the format (text, HTML, JSONL, WARC; gzip is
** detected by magic), the rest is read as a file of that format and every
** input is processed by a worker into a document.
*/
#include <stddef.h>
#include <stdint.h>

#include "annals/annals.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    static const char *const names[] = {"f.txt", "f.html", "f.jsonl", "f.warc"};
    if (n < 1)
        return 0;
    const char *name = names[data[0] & 3];
    an_engine_opts eo = {0};
    an_engine *eng;
    if (an_engine_open(&eo, &eng, NULL) != AN_OK)
        return 0;
    an_worker *w;
    an_doc *doc;
    an_reader *r;
    an_reader_opts ro = {0};
    ro.max_doc_bytes = 1 << 20;
    if (an_worker_new(eng, &w, NULL) != AN_OK || an_doc_new(&doc) != AN_OK ||
        an_reader_new_memory(&ro, name, data + 1, n - 1, &r, NULL) != AN_OK)
        __builtin_trap();
    an_input *in;
    while (an_reader_next(r, &in) == 1)
        an_worker_process(w, in, doc);
    an_reader_free(r);
    an_doc_free(doc);
    an_worker_free(w);
    an_engine_close(eng);
    return 0;
}
