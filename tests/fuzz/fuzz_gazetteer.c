/*
** fuzz_gazetteer.c - libFuzzer harness for the gazetteer loader: any bytes
** given to an_gaz_from_memory() must be refused or give an image whose
** lookups and entries stay in bounds.  The checksum is recomputed so the
** fuzzer reaches the gazetteer's own checks, not only the container's.
*/
#include <stdlib.h>
#include <string.h>

#include "where/where.h"
#include <xxhash.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *p = malloc(size ? size : 1);
    if (!p)
        return 0;
    memcpy(p, data, size);
    if (size >= 64) {
        /* Make the container's size and checksum right. */
        uint64_t n = size;
        memcpy(p + 40, &n, 8);
        uint64_t h = XXH64(p + 64, size - 64, 0);
        memcpy(p + 48, &h, 8);
    }
    an_gaz *g;
    an_err err;
    if (an_gaz_from_memory(p, size, &g, &err) == AN_OK) {
        const uint32_t *post;
        static const char *const keys[] = {"a", "aland", "kyiv", "zz", ""};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            uint32_t c = an_gaz_lookup(g, keys[i], strlen(keys[i]), &post);
            for (uint32_t k = 0; k < c; k++) {
                an_gaz_entry e;
                an_gaz_entry_get(g, post[k] >> 8, &e);
                (void)strlen(e.name);
                (void)strlen(e.admin1);
            }
            (void)an_gaz_has_prefix(g, keys[i], strlen(keys[i]));
        }
        for (uint32_t i = 0; i < an_gaz_nentries(g) && i < 1000; i++) {
            an_gaz_entry e;
            an_gaz_entry_get(g, i, &e);
            (void)strlen(e.name);
        }
        an_gaz_close(g);
    }
    free(p);
    return 0;
}
