/*
** test.h - a tiny unit-test framework.
**
** AN_TEST(name) { ... } defines a test that registers itself at start-up.
** ASSERT_* macros print both operands and the location on failure and end
** the test; they are never compiled out.  AN_SKIP("why") ends a test as
** skipped (for tests that need ../shared and find it absent).
*/
#ifndef AN_TEST_H
#define AN_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "annals/annals.h"

typedef struct an_test {
    const char *name;
    const char *file;
    void (*fn)(struct an_test *t);
    int failed;
    int skipped;
    struct an_test *next;
} an_test;

void an_test_register(an_test *t);
void an_test_fail(an_test *t, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define AN_TEST(name)                                                        \
    static void test_##name(an_test *t_);                                    \
    static an_test test_rec_##name = {#name, __FILE__, test_##name, 0, 0, 0}; \
    __attribute__((constructor)) static void test_reg_##name(void)           \
    {                                                                        \
        an_test_register(&test_rec_##name);                                  \
    }                                                                        \
    static void test_##name(an_test *t_)

#define FAIL(...)                                                            \
    do {                                                                     \
        an_test_fail(t_, __FILE__, __LINE__, __VA_ARGS__);                   \
        return;                                                              \
    } while (0)

#define AN_SKIP(why)                                                         \
    do {                                                                     \
        t_->skipped = 1;                                                     \
        fprintf(stderr, "  skip %s: %s\n", t_->name, why);                   \
        return;                                                              \
    } while (0)

#define ASSERT(c)                                                            \
    do {                                                                     \
        if (!(c))                                                            \
            FAIL("assertion failed: %s", #c);                                \
    } while (0)

#define ASSERT_EQ(a, b)                                                      \
    do {                                                                     \
        long long a_ = (long long)(a), b_ = (long long)(b);                  \
        if (a_ != b_)                                                        \
            FAIL("%s == %s: %lld != %lld", #a, #b, a_, b_);                  \
    } while (0)

#define ASSERT_NE(a, b)                                                      \
    do {                                                                     \
        long long a_ = (long long)(a), b_ = (long long)(b);                  \
        if (a_ == b_)                                                        \
            FAIL("%s != %s: both %lld", #a, #b, a_);                         \
    } while (0)

#define ASSERT_GE(a, b)                                                      \
    do {                                                                     \
        double a_ = (double)(a), b_ = (double)(b);                           \
        if (!(a_ >= b_))                                                     \
            FAIL("%s >= %s: %g < %g", #a, #b, a_, b_);                       \
    } while (0)

#define ASSERT_STR_EQ(a, b)                                                  \
    do {                                                                     \
        const char *a_ = (a), *b_ = (b);                                     \
        if (!a_ || !b_ || strcmp(a_, b_) != 0)                               \
            FAIL("%s == %s:\n    \"%s\"\n != \"%s\"", #a, #b,                \
                 a_ ? a_ : "(null)", b_ ? b_ : "(null)");                    \
    } while (0)

/* Compare a span with a string. */
#define ASSERT_SPAN_EQ(s, lit)                                               \
    do {                                                                     \
        an_span s_ = (s);                                                    \
        const char *l_ = (lit);                                              \
        if (s_.n != strlen(l_) || (s_.n && memcmp(s_.p, l_, s_.n) != 0))     \
            FAIL("%s == \"%s\": got \"%.*s\"", #s, l_, (int)s_.n,            \
                 s_.p ? s_.p : "");                                          \
    } while (0)

#define ASSERT_CONTAINS(hay, needle)                                         \
    do {                                                                     \
        const char *h_ = (hay), *n_ = (needle);                              \
        if (!h_ || !strstr(h_, n_))                                          \
            FAIL("%s contains \"%s\":\n    got \"%.300s\"", #hay, n_,        \
                 h_ ? h_ : "(null)");                                        \
    } while (0)

/* ---- helpers shared by tests (tests/unit/util.c) ---- */

/** Path of ../shared (env ANNALS_SHARED, default "../shared"), or NULL
    when the directory is absent. */
const char *an_test_shared(void);

/** Path of a file under the shared directory into buf, or NULL if absent. */
const char *an_test_shared_path(const char *rel, char *buf, size_t n);

/** Path of the annals binary under test (env ANNALS_BIN or build/annals). */
const char *an_test_bin(void);

/** A fresh temporary directory for this test run (created once). */
const char *an_test_tmpdir(void);

/** Write bytes to a file; returns 0 on success. */
int an_test_write_file(const char *path, const void *p, size_t n);

/**
 * Write `text` `times` times over into the file `name` of the temporary
 * directory, its path into path[0..cap); returns path, or NULL on error.
 */
const char *an_test_write_repeated(const char *name, const char *text, int times,
                                   char *path, size_t cap);

/* Two CoNLL-U sentences the tagger and parser tests both train on. */
#define AN_TEST_TINY_CONLLU \
        "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n" \
        "2\trebels\trebel\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n" \
        "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n" \
        "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n" \
        "5\tminister\tminister\tNOUN\tNN\t_\t3\tobj\t_\tSpaceAfter=No\n" \
        "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n" \
        "\n" \
        "1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n" \
        "2\twithdrew\twithdraw\tVERB\tVBD\t_\t0\troot\t_\t_\n" \
        "3\tfrom\tfrom\tADP\tIN\t_\t5\tcase\t_\t_\n" \
        "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n" \
        "5\ttown\ttown\tNOUN\tNN\t_\t2\tobl\t_\tSpaceAfter=No\n" \
        "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n" \
        "\n"


/**
 * Whether head[0..n) (-1 for the root) is one tree: exactly one word on
 * the root, every other head in range and no cycle.
 */
int an_test_is_tree(const int32_t *head, size_t n);

/**
 * Train with *o twice, into TMPDIR/<name>0 and <name>1 (o->out_dir is
 * set here), and return the first run's parser image (heap, *n bytes;
 * the caller frees it) when both runs succeed and wrote the same bytes;
 * NULL otherwise.
 */
char *an_test_train_twice(an_nlp_train_opts *o, const char *name, size_t *n);

/** Read a whole file into a heap buffer (NUL-terminated); NULL on error. */
char *an_test_read_file(const char *path, size_t *n);

/**
 * Run a shell command line with stdout and stderr captured into heap
 * strings (caller frees); returns the exit status (or -1).
 */
int an_test_run(const char *cmdline, char **out, char **err);

/** Process one input in a fresh engine at `level`; caller frees the doc. */
an_doc *an_test_process(int level, int format, const char *id,
                        const char *date, const char *body);

#endif /* AN_TEST_H */
