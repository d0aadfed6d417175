/*
** inputs.c - the input hashes of the stored documents, read once before a
** run so that the workers can leave out, before coding them, documents
** stored from the same input by the same engine (an_skip_fn).
**
** An open-addressing table of (hash of the document key, input hash),
** immutable once loaded, so any number of threads may look it up.
*/
#include <stdlib.h>

#include "store_int.h"

struct an_store_inputs {
    uint64_t *key;   /* hash of the doc key, 0: empty slot */
    uint64_t *input; /* its input hash */
    size_t mask;
    size_t n;
};

/* The table's key of a document id (never 0). */
static uint64_t id_key(const void *p, size_t n)
{
    uint64_t k = an_hash(p, n);
    return k ? k : 1;
}

void an_store_inputs_free(an_store_inputs *t)
{
    if (!t)
        return;
    free(t->key);
    free(t->input);
    free(t);
}

/* Put (k, h) in a table with room; a repeated key keeps the last. */
static void put(an_store_inputs *t, uint64_t k, uint64_t h)
{
    size_t i = (size_t)k & t->mask;
    while (t->key[i] && t->key[i] != k)
        i = (i + 1) & t->mask;
    t->n += !t->key[i];
    t->key[i] = k;
    t->input[i] = h;
}

/* Make room for one more entry: the table stays at most half full. */
static int reserve(an_store_inputs *t)
{
    size_t cap = t->mask + 1;
    if (t->key && (t->n + 1) * 2 <= cap)
        return AN_OK;
    an_store_inputs old = *t;
    cap = t->key ? cap * 2 : 1024;
    t->key = calloc(cap, sizeof *t->key);
    t->input = calloc(cap, sizeof *t->input);
    if (!t->key || !t->input) {
        free(t->key);
        free(t->input);
        *t = old;
        return AN_ENOMEM;
    }
    t->mask = cap - 1;
    t->n = 0;
    for (size_t i = 0; old.key && i <= old.mask; i++)
        if (old.key[i])
            put(t, old.key[i], old.input[i]);
    free(old.key);
    free(old.input);
    return AN_OK;
}

int an_store_inputs_load(an_store *s, an_store_inputs **out, an_err *err)
{
    *out = NULL;
    an_store_inputs *t = calloc(1, sizeof *t);
    if (!t || reserve(t) != AN_OK) {
        an_store_inputs_free(t);
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT doc_key, input_hash FROM documents "
                                "WHERE input_hash IS NOT NULL",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) {
        an_store_inputs_free(t);
        return an__store_sqlerr(s, rc, err, "reading input hashes");
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (reserve(t) != AN_OK) {
            sqlite3_finalize(st);
            an_store_inputs_free(t);
            return an_err_set(err, AN_ENOMEM, "out of memory");
        }
        const void *p = sqlite3_column_blob(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        put(t, id_key(p, n), (uint64_t)sqlite3_column_int64(st, 1));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        an_store_inputs_free(t);
        return an__store_sqlerr(s, rc, err, "reading input hashes");
    }
    *out = t;
    return AN_OK;
}

int an_store_inputs_has(const an_store_inputs *t, an_span id, uint64_t input)
{
    if (!t || !input)
        return 0;
    uint64_t k = id_key(id.p, id.n);
    size_t i = (size_t)k & t->mask;
    while (t->key[i]) {
        if (t->key[i] == k)
            return t->input[i] == input;
        i = (i + 1) & t->mask;
    }
    return 0;
}

size_t an_store_inputs_count(const an_store_inputs *t)
{
    return t ? t->n : 0;
}
