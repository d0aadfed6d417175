/*
** fuzz_json.c - libFuzzer harness for the JSON parser (JSONL lines,
** JSON-LD).  Build with `make fuzz`; run build/fuzz/fuzz_json CORPUS_DIR.
*/
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    an_arena a;
    an_arena_init(&a);
    an_json *v;
    an_err err;
    if (an_json_parse(&a, (const char *)data, n, &v, &err) == AN_OK) {
        an_json_get(v, "id");
        an_json_get_str(v, "text");
    }
    an_arena_fini(&a);
    return 0;
}
