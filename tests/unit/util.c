/*
** util.c - helpers shared by the unit tests: files, temporary
** directories, running the annals binary, processing a document.
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

const char *an_test_shared(void)
{
    const char *s = getenv("ANNALS_SHARED");
    if (!s || !*s)
        s = "../shared";
    struct stat st;
    return stat(s, &st) == 0 && S_ISDIR(st.st_mode) ? s : NULL;
}

const char *an_test_shared_path(const char *rel, char *buf, size_t n)
{
    const char *s = an_test_shared();
    if (!s)
        return NULL;
    snprintf(buf, n, "%s/%s", s, rel);
    struct stat st;
    return stat(buf, &st) == 0 ? buf : NULL;
}

const char *an_test_bin(void)
{
    const char *b = getenv("ANNALS_BIN");
    return b && *b ? b : "build/annals";
}

static char tmpdir[256];

/* Remove the temporary directory when the runner exits. */
static void remove_tmpdir(void)
{
    if (tmpdir[0] && !getenv("ANNALS_KEEP_TMP")) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", tmpdir);
    }
}

const char *an_test_tmpdir(void)
{
    char *dir = tmpdir;
    if (!dir[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(dir, sizeof tmpdir, "%s/annals-test-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(2);
        }
        atexit(remove_tmpdir);
    }
    return dir;
}

int an_test_write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t k = n ? fwrite(p, 1, n, f) : 0;
    return (fclose(f) == 0 && k == n) ? 0 : -1;
}

const char *an_test_write_repeated(const char *name, const char *text, int times,
                                   char *path, size_t cap)
{
    an_buf b;
    an_buf_init(&b);
    for (int i = 0; i < times; i++)
        an_buf_adds(&b, text);
    snprintf(path, cap, "%s/%s", an_test_tmpdir(), name);
    int rc = b.oom ? -1 : an_test_write_file(path, b.p, b.n);
    an_buf_fini(&b);
    return rc == 0 ? path : NULL;
}

char *an_test_read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, len = 0;
    char *p = malloc(cap + 1);
    while (p) {
        size_t k = fread(p + len, 1, cap - len, f);
        len += k;
        if (len < cap)
            break;
        char *np = realloc(p, cap * 2 + 1);
        if (!np) {
            free(p);
            p = NULL;
            break;
        }
        p = np;
        cap *= 2;
    }
    fclose(f);
    if (p) {
        p[len] = 0;
        if (n)
            *n = len;
    }
    return p;
}

int an_test_run(const char *cmdline, char **out, char **err)
{
    char of[512], ef[512];
    const char *d = an_test_tmpdir();
    static unsigned counter;
    counter++;
    snprintf(of, sizeof of, "%s/run%u.out", d, counter);
    snprintf(ef, sizeof ef, "%s/run%u.err", d, counter);
    size_t n = strlen(cmdline) + 2 * sizeof of + 32;
    char *full = malloc(n);
    if (!full)
        return -1;
    snprintf(full, n, "%s >'%s' 2>'%s'", cmdline, of, ef);
    int st = system(full);
    free(full);
    if (out)
        *out = an_test_read_file(of, NULL);
    if (err)
        *err = an_test_read_file(ef, NULL);
    remove(of);
    remove(ef);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

an_doc *an_test_process(int level, int format, const char *id,
                        const char *date, const char *body)
{
    an_engine_opts eo = {0};
    eo.level = level;
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "engine: %s\n", err.msg);
        return NULL;
    }
    an_worker *w;
    an_doc *d;
    an_input *in;
    if (an_worker_new(eng, &w, &err) != AN_OK || an_doc_new(&d) != AN_OK)
        return NULL;
    if (an_input_new(&in, format, id, date, body, strlen(body)) != AN_OK)
        return NULL;
    an_worker_process(w, in, d);
    an_worker_free(w);
    an_engine_close(eng);
    return d;
}

int an_test_is_tree(const int32_t *head, size_t n)
{
    size_t roots = 0;
    for (size_t i = 0; i < n; i++) {
        if (head[i] == -1) {
            roots++;
            continue;
        }
        if (head[i] < 0 || (size_t)head[i] >= n || head[i] == (int32_t)i)
            return 0;
        int32_t k = (int32_t)i;
        size_t steps = 0;
        while (k >= 0 && steps++ <= n)
            k = head[k];
        if (k != -1)
            return 0; /* a cycle */
    }
    return roots == 1;
}

char *an_test_train_twice(an_nlp_train_opts *o, const char *name, size_t *n)
{
    char dir[2][512], path[2][600];
    for (int r = 0; r < 2; r++) {
        snprintf(dir[r], sizeof dir[r], "%s/%s%d", an_test_tmpdir(), name, r);
        if (mkdir(dir[r], 0777) != 0 && errno != EEXIST)
            return NULL;
        o->out_dir = dir[r];
        an_err err;
        if (an_nlp_train(o, &err) != AN_OK) {
            fprintf(stderr, "an_test_train_twice: %s\n", err.msg);
            return NULL;
        }
        snprintf(path[r], sizeof path[r], "%s/%s", dir[r], AN_NLP_DEP_FILE);
    }
    size_t n0 = 0, n1 = 0;
    char *b0 = an_test_read_file(path[0], &n0);
    char *b1 = an_test_read_file(path[1], &n1);
    int same = b0 && b1 && n0 > 0 && n0 == n1 && memcmp(b0, b1, n0) == 0;
    free(b1);
    if (!same) {
        free(b0);
        return NULL;
    }
    *n = n0;
    return b0;
}
