/*
** runner.c - runs the registered tests (all, or those whose name contains
** one of the arguments) and ends with "N passed, N failed".
*/
#include <stdarg.h>
#include <stdlib.h>

#include "test.h"

static an_test *tests_head;

void an_test_register(an_test *t)
{
    t->next = tests_head;
    tests_head = t;
}

void an_test_fail(an_test *t, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    t->failed = 1;
    fprintf(stderr, "FAIL %s (%s:%d): ", t->name, file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int cmp_test(const void *a, const void *b)
{
    const an_test *x = *(an_test *const *)a, *y = *(an_test *const *)b;
    int c = strcmp(x->file, y->file);
    return c ? c : strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
    size_t n = 0;
    for (an_test *t = tests_head; t; t = t->next)
        n++;
    an_test **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return 2;
    n = 0;
    for (an_test *t = tests_head; t; t = t->next)
        v[n++] = t;
    qsort(v, n, sizeof *v, cmp_test);
    int passed = 0, failed = 0, skipped = 0;
    for (size_t i = 0; i < n; i++) {
        an_test *t = v[i];
        if (argc > 1) {
            int match = 0;
            for (int a = 1; a < argc; a++)
                if (strstr(t->name, argv[a]) || strstr(t->file, argv[a]))
                    match = 1;
            if (!match)
                continue;
        }
        t->fn(t);
        if (t->failed)
            failed++;
        else if (t->skipped)
            skipped++;
        else
            passed++;
    }
    free(v);
    if (skipped)
        printf("%d skipped\n", skipped);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
