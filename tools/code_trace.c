/*
** code_trace.c - a developer's look inside the event coder: code one
** sentence (or each line of a file) the way `annals code` does and print
** the coder's trace (units, frames, patterns, roles, drops) next to the
** events.
**
**   build/tools/code_trace [--date YYYY-MM-DD] [--words] [--data DIR]
**                          "sentence" | -f FILE
**
** The document goes through the engine at AN_LEVEL_CODE (tokens, tags,
** when/where, actors, prefilter, on-demand parse); the coder is then run
** again on the processed document with a trace buffer, the same options
** the worker uses (strict, parse on demand) and the engine's dictionary.
** --words codes from word order only (no tags, no parse).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annals/annals.h"
#include "code/code.h"
#include "dep/nlp.h"
#include "doc/doc_int.h"
#include "engine/engine_int.h"

typedef struct tctx {
    const an_engine *eng;
    an_arena nlp;
} tctx;

static int parse_cb(void *ctx, an_doc *d, size_t si)
{
    tctx *t = ctx;
    return an_dep_parse_sent(t->eng->nlp, &t->nlp, d, si, AN_LEVEL_PARSE);
}

static void one(const an_engine *eng, an_worker *w, an_doc *doc, const char *date,
                const char *text, int words)
{
    an_input *in;
    if (an_input_new(&in, AN_FMT_TEXT, "trace", date, text, strlen(text)) != AN_OK)
        return;
    an_worker_process(w, in, doc);
    size_t n;
    const an_mention *m = an_doc_mentions(doc, &n);
    printf("> %s\n", text);
    for (size_t i = 0; i < n; i++)
        printf("  engine: %s %s %s %s\n", m[i].source.code,
               m[i].target.code ? m[i].target.code : "---", m[i].cameo,
               an_modality_name(m[i].modality));
    tctx t = {eng, {0}};
    an_arena_init(&t.nlp);
    an_arena scratch;
    an_arena_init(&scratch);
    an_buf tr;
    an_buf_init(&tr);
    an_code_opts co;
    memset(&co, 0, sizeof co);
    co.strict = 1;
    co.gaz = eng->gaz;
    co.trace = &tr;
    if (words)
        co.roles = AN_ROLES_WORDS;
    else if (eng->nlp && eng->nlp->dep) {
        co.parse = parse_cb;
        co.parse_ctx = &t;
    }
    an_code_doc(eng->dict, doc, &scratch, &co);
    fwrite(tr.p, 1, tr.n, stdout);
    m = an_doc_mentions(doc, &n);
    for (size_t i = 0; i < n; i++)
        printf("  trace run: %s %s %s %s\n", m[i].source.code,
               m[i].target.code ? m[i].target.code : "---", m[i].cameo,
               an_modality_name(m[i].modality));
    an_buf_fini(&tr);
    an_arena_fini(&scratch);
    an_arena_fini(&t.nlp);
}

int main(int argc, char **argv)
{
    const char *date = "2025-03-18", *data = "data", *file = NULL, *text = NULL;
    int words = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--date") && i + 1 < argc)
            date = argv[++i];
        else if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "-f") && i + 1 < argc)
            file = argv[++i];
        else if (!strcmp(argv[i], "--words"))
            words = 1;
        else
            text = argv[i];
    }
    if (!text && !file) {
        fprintf(stderr, "usage: code_trace [--date D] [--words] [--data DIR] "
                        "\"sentence\" | -f FILE\n");
        return 2;
    }
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = data;
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "code_trace: %s\n", err.msg);
        return 1;
    }
    an_worker *w;
    an_doc *doc;
    if (an_worker_new(eng, &w, &err) != AN_OK || an_doc_new(&doc) != AN_OK) {
        fprintf(stderr, "code_trace: out of memory\n");
        return 1;
    }
    if (text) {
        one(eng, w, doc, date, text, words);
    } else {
        FILE *f = fopen(file, "r");
        char line[8192];
        while (f && fgets(line, sizeof line, f)) {
            line[strcspn(line, "\n")] = 0;
            if (line[0])
                one(eng, w, doc, date, line, words);
        }
        if (f)
            fclose(f);
    }
    an_doc_free(doc);
    an_worker_free(w);
    an_engine_close(eng);
    return 0;
}
