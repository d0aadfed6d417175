/*
** train.c - an_nlp_train(): read the treebanks, then train the tagger
** (with jackknifed tags of the training set for the parser), build the
** lemmatiser and train the parser, writing one image each.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "../pos/pos.h"
#include "train.h"

void an__tlog(const an__tctx *t, const char *fmt, ...)
{
    if (!t->o->log)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    t->o->log(t->o->log_ctx, msg);
}

int an__dev_tags(const an__tctx *t, const an_cu_corpus *dev, uint8_t *upos,
                 uint8_t *xpos)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", t->o->out_dir, AN_NLP_POS_FILE);
    an_pos *m = NULL;
    an_err err;
    if (an_pos_open(path, &m, &err) != AN_OK) {
        an__tlog(t, "parser: no tagger (%s): gold tags on dev", err.msg);
        for (size_t i = 0; i < dev->nword; i++) {
            upos[i] = dev->words[i].upos;
            xpos[i] = dev->words[i].xpos;
        }
        return AN_OK;
    }
    an_arena a;
    an_arena_init(&a);
    int rc = AN_OK;
    for (size_t s = 0; s < dev->nsent && rc == AN_OK; s++) {
        const an_cu_sent *se = &dev->sents[s];
        an_span *f = an_arena_array(&a, se->nword + 1, sizeof *f);
        if (!f) {
            rc = AN_ENOMEM;
            break;
        }
        for (uint32_t i = 0; i < se->nword; i++)
            f[i] = dev->words[se->word + i].form;
        rc = an_pos_tag(m, &a, f, se->nword, upos + se->word,
                        xpos + se->word);
        an_arena_reset(&a);
    }
    an_arena_fini(&a);
    an_pos_close(m);
    return rc;
}

/* The jackknife cache: "ANJK", u64 word count, the UPOS bytes, the XPOS
   bytes.  Returns 1 when it was read and matches. */
static int jk_load(const char *path, size_t nword, uint8_t *up, uint8_t *xp)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return 0;
    char magic[4];
    uint64_t n = 0;
    int ok = fread(magic, 1, 4, f) == 4 && memcmp(magic, "ANJK", 4) == 0 &&
             fread(&n, 8, 1, f) == 1 && n == nword &&
             fread(up, 1, nword, f) == nword &&
             fread(xp, 1, nword, f) == nword && fgetc(f) == EOF;
    fclose(f);
    for (size_t i = 0; ok && i < nword; i++)
        ok = up[i] < AN_UPOS_COUNT && xp[i] < AN_XPOS_COUNT;
    return ok;
}

static void jk_save(const char *path, size_t nword, const uint8_t *up,
                    const uint8_t *xp)
{
    FILE *f = path ? fopen(path, "wb") : NULL;
    if (!f)
        return;
    uint64_t n = nword;
    fwrite("ANJK", 1, 4, f);
    fwrite(&n, 8, 1, f);
    fwrite(up, 1, nword, f);
    fwrite(xp, 1, nword, f);
    fclose(f);
}

int an_nlp_train(const an_nlp_train_opts *opts, an_err *err)
{
    if (!opts || !opts->train || !opts->out_dir)
        return an_err_set(err, AN_EINVAL,
                          "training needs a treebank and an output directory");
    an__tctx t = {opts, opts->seed ? opts->seed : 0x616e6e616c73ull};
    int parts = opts->parts ? opts->parts
                            : AN_NLP_POS | AN_NLP_LEMMA | AN_NLP_DEP;
    an_cu_corpus tr, dev;
    memset(&dev, 0, sizeof dev);
    int rc = an_conllu_read(&tr, opts->train, err);
    if (rc != AN_OK)
        return rc;
    if (opts->dev && (rc = an_conllu_read(&dev, opts->dev, err)) != AN_OK) {
        an_conllu_fini(&tr);
        return rc;
    }
    an__tlog(&t, "read %s: %zu sentences, %zu words", opts->train, tr.nsent,
             tr.nword);
    char path[4096];
    uint8_t *up = NULL, *xp = NULL;
    if (parts & AN_NLP_DEP) {
        up = malloc(tr.nword + 1);
        xp = malloc(tr.nword + 1);
        if (!up || !xp)
            rc = an_err_set(err, AN_ENOMEM, "out of memory");
    }
    if (rc == AN_OK && (parts & AN_NLP_LEMMA)) {
        snprintf(path, sizeof path, "%s/%s", opts->out_dir, AN_NLP_LEMMA_FILE);
        rc = an__train_lemma(&t, &tr, path, err);
    }
    bool cached = up && jk_load(opts->jk_cache, tr.nword, up, xp);
    if (cached)
        an__tlog(&t, "jackknifed tags read from %s", opts->jk_cache);
    if (rc == AN_OK && (parts & AN_NLP_POS)) {
        snprintf(path, sizeof path, "%s/%s", opts->out_dir, AN_NLP_POS_FILE);
        rc = an__train_pos(&t, &tr, opts->dev ? &dev : NULL, path,
                           cached ? NULL : up, cached ? NULL : xp, err);
    } else if (rc == AN_OK && up && !cached) {
        /* The parser alone: train a tagger only for jackknifing. */
        rc = an__train_pos(&t, &tr, NULL, NULL, up, xp, err);
    }
    if (rc == AN_OK && up && !cached && opts->jk_cache)
        jk_save(opts->jk_cache, tr.nword, up, xp);
    if (rc == AN_OK && (parts & AN_NLP_DEP)) {
        snprintf(path, sizeof path, "%s/%s", opts->out_dir, AN_NLP_DEP_FILE);
        rc = an__train_dep(&t, &tr, up, xp, opts->dev ? &dev : NULL, path,
                           err);
    }
    free(up);
    free(xp);
    an_conllu_fini(&tr);
    an_conllu_fini(&dev);
    return rc;
}
