/*
** code_news.c - a developer's tool for judging the coder on real news:
** code documents the way `annals code` does, or with other coder options,
** and print the events as JSON lines, or the coder's trace of chosen
** sentences.
**
**   build/tools/code_news [OPTIONS] FILE...
**     --ids FILE       only the documents whose ids are listed (one a line)
**     --loose          without the news precision rules (an_code_opts.strict
**                      off: the peers' semantics), for a pool of candidate
**                      events to judge (recall)
**     --parse-all      parse every candidate sentence (not on demand)
**     --keep-negated   print negated events too
**     --no-target      print events without a target too
**     --trace DOC:SENT print the coder's trace of that sentence (repeatable)
**     --diag           print one TSV line an event instead of JSON: doc,
**                      sentence, source, target, code, modality, verb
**                      phrase, the verb's UPOS, XPOS, relation and head
**                      word, and whether the sentence was parsed
**     --data DIR       models and dictionaries (default: data)
**
** Each document goes through the engine at AN_LEVEL_CODE (tokens,
** when/where, actors, prefilter, on-demand parse); with any option that
** changes the coding, the coder is run again on the processed document
** with those options.  tools/news_judged.py scores the output against
** the judged files of tests/data/code.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annals/annals.h"
#include "annals/code.h"
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

/* Is id (n bytes) listed in ids[0..nid)? */
static int listed(char **ids, size_t nid, const char *id, size_t n)
{
    for (size_t i = 0; i < nid; i++)
        if (strlen(ids[i]) == n && !memcmp(ids[i], id, n))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *data = "data", *idfile = NULL;
    const char *paths[64];
    size_t npath = 0;
    const char *traces[2048];
    size_t ntrace = 0;
    int loose = 0, parse_all = 0, keep_neg = 0, no_target = 0, diag = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--ids") && i + 1 < argc)
            idfile = argv[++i];
        else if (!strcmp(argv[i], "--trace") && i + 1 < argc && ntrace < 2048)
            traces[ntrace++] = argv[++i];
        else if (!strcmp(argv[i], "--diag"))
            diag = 1;
        else if (!strcmp(argv[i], "--loose"))
            loose = 1;
        else if (!strcmp(argv[i], "--parse-all"))
            parse_all = 1;
        else if (!strcmp(argv[i], "--keep-negated"))
            keep_neg = 1;
        else if (!strcmp(argv[i], "--no-target"))
            no_target = 1;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "code_news: unknown option %s\n", argv[i]);
            return 2;
        } else if (npath < 64)
            paths[npath++] = argv[i];
    }
    if (!npath) {
        fprintf(stderr, "usage: code_news [--ids FILE] [--loose] [--parse-all] "
                        "[--keep-negated] [--no-target] [--trace DOC:SENT] "
                        "[--data DIR] FILE...\n");
        return 2;
    }
    char **ids = NULL;
    size_t nid = 0;
    if (idfile) {
        FILE *f = fopen(idfile, "r");
        if (!f) {
            fprintf(stderr, "code_news: cannot read %s\n", idfile);
            return 1;
        }
        char line[512];
        size_t cap = 0;
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\r\n")] = 0;
            if (!line[0] || line[0] == '#')
                continue;
            if (nid == cap) {
                cap = cap ? cap * 2 : 256;
                char **v = realloc(ids, cap * sizeof *v);
                if (!v)
                    return 1;
                ids = v;
            }
            ids[nid++] = strdup(line);
        }
        fclose(f);
    }
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = data;
    an_engine *eng;
    an_err err;
    if (an_engine_open(&eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "code_news: %s\n", err.msg);
        return 1;
    }
    an_worker *w;
    an_doc *doc;
    an_reader *r;
    if (an_worker_new(eng, &w, &err) != AN_OK || an_doc_new(&doc) != AN_OK ||
        an_reader_new(NULL, paths, npath, &r, &err) != AN_OK) {
        fprintf(stderr, "code_news: cannot start\n");
        return 1;
    }
    tctx t = {eng, {0}};
    an_arena_init(&t.nlp);
    an_arena scratch;
    an_arena_init(&scratch);
    an_buf out, tr;
    an_buf_init(&out);
    an_buf_init(&tr);
    an_input *in;
    int recode = loose || parse_all || keep_neg || no_target || ntrace;
    while (an_reader_next(r, &in) == 1) {
        if (ids && !listed(ids, nid, in->id.p, in->id.n)) {
            an_input_free(in);
            continue;
        }
        if (an_worker_process(w, in, doc) != AN_OK)
            continue;
        an_span id = an_doc_id(doc);
        if (recode) {
            an_code_opts co;
            memset(&co, 0, sizeof co);
            co.strict = !loose;
            co.gaz = eng->gaz;
            co.keep_negated = keep_neg;
            co.allow_no_target = no_target;
            if (eng->nlp && eng->nlp->dep) {
                co.parse = parse_cb;
                co.parse_ctx = &t;
            }
            for (size_t i = 0; i < doc->nsent; i++) {
                bool cand = an__code_candidate(eng->dict, doc, i, no_target);
                if (parse_all && cand && co.parse && !(doc->sents[i].flags & AN_SENT_PARSED))
                    co.parse(co.parse_ctx, doc, i);
            }
            co.marked = 1;
            /* Trace only the sentences asked for: code them alone. */
            for (size_t k = 0; k < ntrace; k++) {
                const char *c = strrchr(traces[k], ':');
                if (!c || (size_t)(c - traces[k]) != id.n || memcmp(traces[k], id.p, id.n))
                    continue;
                size_t si = (size_t)atol(c + 1);
                if (si >= doc->nsent)
                    continue;
                an_code_opts c2 = co;
                c2.trace = &tr;
                c2.no_prefilter = 1;
                size_t keep = doc->nmention;
                const an_sent *se = &doc->sents[si];
                printf("> %.*s:%zu %.*s\n", (int)id.n, id.p, si,
                       (int)(se->end - se->start), doc->text.p + se->start);
                if (!(doc->sents[si].flags & AN_SENT_PARSED) && c2.parse)
                    c2.parse(c2.parse_ctx, doc, si);
                an_code_sentence(eng->dict, doc, si, &scratch, &c2);
                fwrite(tr.p, 1, tr.n, stdout);
                tr.n = 0;
                for (size_t m = keep; m < doc->nmention; m++) {
                    const an_mention *x = &doc->mentions[m];
                    printf("  event: %s %s %s %s\n", x->source.code,
                           x->target.code ? x->target.code : "---", x->cameo,
                           an_modality_name(x->modality));
                }
                doc->nmention = keep;
            }
            if (ntrace)
                continue;
            an_code_doc(eng->dict, doc, &scratch, &co);
            an_arena_reset(&scratch);
        }
        if (diag) {
            for (size_t m = 0; m < doc->nmention; m++) {
                const an_mention *x = &doc->mentions[m];
                const an_sent *se = &doc->sents[x->sent];
                const an_tok *vt = &doc->toks[x->verb];
                int32_t h = vt->head;
                an_span hw = {"-", 1};
                if (h >= 0 && (uint32_t)h < se->ntok)
                    hw = doc->toks[se->tok + (uint32_t)h].norm;
                printf("%.*s\t%u\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.*s\t%s\n",
                       (int)id.n, id.p, x->sent, x->source.code,
                       x->target.code ? x->target.code : "-", x->cameo,
                       an_modality_name(x->modality), x->verb_text,
                       an_upos_name(vt->upos), an_xpos_name(vt->xpos),
                       an_deprel_name(vt->deprel), (int)hw.n, hw.p,
                       (se->flags & AN_SENT_PARSED) ? "parsed" : "words");
            }
            continue;
        }
        out.n = 0;
        an_out_events_json(&out, doc);
        fwrite(out.p, 1, out.n, stdout);
    }
    an_buf_fini(&out);
    an_buf_fini(&tr);
    an_arena_fini(&scratch);
    an_arena_fini(&t.nlp);
    an_reader_free(r);
    an_doc_free(doc);
    an_worker_free(w);
    an_engine_close(eng);
    for (size_t i = 0; i < nid; i++)
        free(ids[i]);
    free(ids);
    return 0;
}
