/*
** dedup.c - document signatures: MinHash of word shingles for finding
** near-duplicate articles, and a vocabulary signature for stories.
**
** Words are runs of ASCII letters and digits or of non-ASCII bytes, with
** ASCII letters lower-cased.  A shingle is 4 consecutive words.  The
** MinHash signature keeps, for each of 128 hash functions, the smallest
** hash over the document's shingles;
** the fraction of equal values between two signatures estimates the
** Jaccard similarity of their shingle sets (standard error about
** 0.044 at 0.5).  Hash function k is (x ^ seed_k) * mult_k over the
** shingle's XXH3 hash x, keeping the high 32 bits.  The LSH index stores 16 band keys a document, each a
** hash of 3 consecutive values: two documents with similarity 0.5 share
** at least one band with probability 0.88, at 0.7 with 0.999, at 0.2
** with 0.12.  Candidates that share a band are then compared on all 128
** values, and the threshold AN_DUP_THRESHOLD (0.5) decides.
**
** The vocabulary signature is the set of the document's 64 most frequent
** content words (three letters or more, not in a short stopword list),
** kept as sorted 32-bit hashes; story.c compares these by Jaccard.
*/
#include <stdlib.h>

#include "store_int.h"

/* SplitMix64's finaliser: a fast, well-mixing 64-bit permutation. */
static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static inline bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* English function words and reporting verbs left out of vocabularies
   (sorted, for binary search). */
static const char *const stopwords[] = {
    "about", "after", "again", "against", "all", "also", "and", "any", "are",
    "because", "been", "before", "being", "between", "both", "but", "can",
    "could", "did", "does", "down", "during", "each", "for", "from", "had",
    "has", "have", "her", "here", "hers", "him", "his", "how", "into", "its",
    "just", "more", "most", "not", "now", "off", "once", "one", "only",
    "other", "our", "out", "over", "own", "said", "same", "say", "says",
    "she", "should", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through",
    "told", "too", "two", "under", "until", "very", "was", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "year", "years", "you", "your",
};

/* Counting table for content words (open addressing, fixed size). */
#define VOCAB_SLOTS 4096
typedef struct vocab_slot {
    uint64_t hash;   /* 0 = empty */
    uint32_t count;
    uint32_t first;  /* word index of the first occurrence */
} vocab_slot;

static int cmp_slot(const void *a, const void *b)
{
    const vocab_slot *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

void an__docsig(const char *p, size_t n, an_docsig *sig)
{
    memset(sig, 0, sizeof *sig);
    if (!p)
        n = 0;
    /* hash function k: (x ^ seed_k) * mult_k, x the shingle's XXH3 hash;
       the high bits of the product depend on every bit of x */
    uint64_t seeds[AN_DUP_K], mults[AN_DUP_K];
    uint64_t sd = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < AN_DUP_K; i++) {
        sd += 0x9e3779b97f4a7c15ULL;
        seeds[i] = mix64(sd);
        mults[i] = mix64(sd ^ 0x5851f42d4c957f2dULL) | 1;
    }
    uint64_t mins[AN_DUP_K];
    for (int i = 0; i < AN_DUP_K; i++)
        mins[i] = UINT64_MAX;
    /* the table: a power of two, at least twice the words the text can
       hold, at most VOCAB_SLOTS */
    size_t vslots = 64;
    while (vslots < VOCAB_SLOTS && vslots < n / 2)
        vslots *= 2;
    vocab_slot *vocab = calloc(vslots, sizeof *vocab);
    size_t nvocab = 0;
    uint64_t ring[AN_DUP_SHINGLE];
    size_t nwords = 0, nsh = 0;
    char w[64];
    size_t i = 0;
    while (p && i < n) {
        while (i < n && !word_byte((unsigned char)p[i]))
            i++;
        if (i >= n)
            break;
        size_t start = i, wn = 0;
        bool letters = false;
        while (i < n && word_byte((unsigned char)p[i])) {
            unsigned char c = (unsigned char)p[i];
            if (wn < sizeof w)
                w[wn++] = (char)an_lower(c);
            letters |= !(c >= '0' && c <= '9');
            i++;
        }
        uint64_t h = an_hash(w, wn) ^ (uint64_t)(i - start);
        ring[nwords % AN_DUP_SHINGLE] = h;
        nwords++;
        if (nwords >= AN_DUP_SHINGLE) {
            uint64_t sh[AN_DUP_SHINGLE];
            for (size_t k = 0; k < AN_DUP_SHINGLE; k++)
                sh[k] = ring[(nwords + k) % AN_DUP_SHINGLE];
            uint64_t x = an_hash(sh, sizeof sh);
            for (int k = 0; k < AN_DUP_K; k++) {
                uint64_t v = (x ^ seeds[k]) * mults[k];
                if (v < mins[k])
                    mins[k] = v;
            }
            nsh++;
        }
        /* content words for the vocabulary */
        if (vocab && letters && i - start >= 3 && i - start <= sizeof w &&
            !an_in_sorted(stopwords, AN_COUNT(stopwords), w, wn) && nvocab < vslots / 2) {
            uint64_t vh = h | 1;
            size_t slot = (size_t)(vh & (vslots - 1));
            while (vocab[slot].hash && vocab[slot].hash != vh)
                slot = (slot + 1) & (vslots - 1);
            if (!vocab[slot].hash) {
                vocab[slot].hash = vh;
                vocab[slot].first = (uint32_t)AN_MIN(nwords, (size_t)UINT32_MAX);
                nvocab++;
            }
            vocab[slot].count++;
        }
    }
    sig->has_minhash = nsh >= AN_DUP_MIN_SHINGLES;
    for (int k = 0; k < AN_DUP_K; k++)
        sig->minhash[k] = (uint32_t)(mins[k] >> 32);
    an__minhash_bands(sig->minhash, sig->bands);
    if (vocab) {
        size_t m = 0;
        for (size_t k = 0; k < vslots; k++)
            if (vocab[k].hash)
                vocab[m++] = vocab[k];
        qsort(vocab, m, sizeof *vocab, cmp_slot);
        size_t nt = AN_MIN(m, (size_t)AN_STORY_TERMS);
        for (size_t k = 0; k < nt; k++)
            sig->terms[k] = (uint32_t)(vocab[k].hash >> 32);
        qsort(sig->terms, nt, sizeof *sig->terms, cmp_u32);
        size_t u = 0;
        for (size_t k = 0; k < nt; k++)
            if (u == 0 || sig->terms[u - 1] != sig->terms[k])
                sig->terms[u++] = sig->terms[k];
        sig->nterms = u;
        free(vocab);
    }
}

void an__minhash_bands(const uint32_t *minhash, int64_t *bands)
{
    for (int b = 0; b < AN_DUP_BANDS; b++) {
        uint32_t band[AN_DUP_ROWS + 1];
        band[0] = (uint32_t)b;
        memcpy(band + 1, minhash + b * AN_DUP_ROWS, AN_DUP_ROWS * sizeof *band);
        bands[b] = (int64_t)an_hash(band, sizeof band);
    }
}

double an__minhash_sim(const uint32_t *a, const uint32_t *b)
{
    int eq = 0;
    for (int k = 0; k < AN_DUP_K; k++)
        eq += a[k] == b[k];
    return (double)eq / AN_DUP_K;
}

double an__terms_sim(const uint32_t *a, size_t na, const uint32_t *b,
                     size_t nb)
{
    size_t inter = an_u32_common(a, na, b, nb);
    size_t uni = na + nb - inter;
    return uni ? (double)inter / (double)uni : 0.0;
}

size_t an__u32_blob(const void *blob, int bytes, uint32_t *out, size_t max)
{
    if (!blob || bytes <= 0)
        return 0;
    const unsigned char *p = blob;
    size_t n = AN_MIN((size_t)bytes / 4, max);
    for (size_t i = 0; i < n; i++)
        out[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
                 (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
    return n;
}

void an__u32_pack(const uint32_t *v, size_t n, unsigned char *buf)
{
    for (size_t i = 0; i < n; i++) {
        buf[4 * i] = (unsigned char)v[i];
        buf[4 * i + 1] = (unsigned char)(v[i] >> 8);
        buf[4 * i + 2] = (unsigned char)(v[i] >> 16);
        buf[4 * i + 3] = (unsigned char)(v[i] >> 24);
    }
}

/* A candidate and how many bands it shares. */
typedef struct cand {
    int64_t doc;
    int hits;
} cand;

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->hits != y->hits)
        return x->hits > y->hits ? -1 : 1;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

#define MAX_CANDS 512
#define MAX_VERIFY 64

int an__dedup_find(an_store *s, int64_t doc, const an_docsig *sig,
                   int64_t *dup, double *sim, an_err *err)
{
    *dup = 0;
    *sim = 0;
    /* one query for the 16 bands: a row per band shared */
    sqlite3_stmt *st;
    int rc = an__multi(s, MK_BAND_FIND, AN_DUP_BANDS, &st, err);
    if (rc != AN_OK)
        return rc;
    cand *cs = malloc(MAX_CANDS * sizeof *cs);
    if (!cs)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    for (int b = 0; b < AN_DUP_BANDS; b++)
        sqlite3_bind_int64(st, b + 1, sig->bands[b]);
    sqlite3_bind_int64(st, AN_DUP_BANDS + 1, doc);
    size_t nc = 0;
    int sr;
    while ((sr = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t d = sqlite3_column_int64(st, 0);
        size_t k = 0;
        while (k < nc && cs[k].doc != d)
            k++;
        if (k < nc)
            cs[k].hits++;
        else if (nc < MAX_CANDS)
            cs[nc++] = (cand){d, 1};
    }
    sqlite3_reset(st);
    if (sr != SQLITE_DONE)
        rc = an__store_sqlerr(s, sr, err, "finding duplicates");
    qsort(cs, nc, sizeof *cs, cmp_cand);
    if (nc > MAX_VERIFY)
        nc = MAX_VERIFY;
    int64_t best = 0, best_root = 0;
    double best_sim = 0;
    if (rc == AN_OK && nc) {
        /* compare the best placed candidates on all values */
        rc = an__multi(s, MK_DOC_SIG, nc, &st, err);
        for (size_t k = 0; rc == AN_OK && k < nc; k++)
            sqlite3_bind_int64(st, (int)k + 1, cs[k].doc);
        while (rc == AN_OK && (sr = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(st, 0);
            uint32_t other[AN_DUP_K];
            size_t got = an__u32_blob(sqlite3_column_blob(st, 1),
                                      sqlite3_column_bytes(st, 1), other,
                                      AN_DUP_K);
            if (got != AN_DUP_K)
                continue;
            double x = an__minhash_sim(sig->minhash, other);
            if (x > best_sim || (x == best_sim && id < best)) {
                best_sim = x;
                best = id;
                best_root = sqlite3_column_int64(st, 2);
            }
        }
        if (rc == AN_OK && sr != SQLITE_DONE)
            rc = an__store_sqlerr(s, sr, err, "reading signatures");
        sqlite3_reset(st); /* NULL is a no-op */
    }
    free(cs);
    if (rc == AN_OK && best && best_sim >= AN_DUP_THRESHOLD) {
        *dup = best_root ? best_root : best;
        *sim = best_sim;
    }
    return rc;
}

int an__dedup_index(an_store *s, int64_t doc, const an_docsig *sig,
                    an_err *err)
{
    sqlite3_stmt *st;
    int rc = an__multi(s, MK_BAND_INSERT, AN_DUP_BANDS, &st, err);
    if (rc != AN_OK)
        return rc;
    for (int b = 0; b < AN_DUP_BANDS; b++)
        sqlite3_bind_int64(st, b + 1, sig->bands[b]);
    sqlite3_bind_int64(st, AN_DUP_BANDS + 1, doc);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? AN_OK
                             : an__store_sqlerr(s, rc, err, "indexing bands");
}
