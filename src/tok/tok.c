/*
** tok.c - tokenizer and sentence splitter (first version: whitespace and
** punctuation tokens, sentences end at . ! ? before a capital).
*/
#include <ctype.h>

#include "tok.h"

an_span an_tok_fold(an_arena *a, const char *p, size_t n)
{
    char *o = an_arena_alloc(a, n + 1);
    if (!o)
        return (an_span){NULL, 0};
    for (size_t i = 0; i < n; i++)
        o[i] = (char)an_lower((unsigned char)p[i]);
    o[n] = 0;
    return (an_span){o, n};
}

int an_tok_doc(an_doc *d)
{
    const char *t = d->text.p;
    size_t n = d->text.n, cap = 0, scap = 0, i = 0;
    size_t sent_tok = 0;
    while (i < n) {
        while (i < n && isspace((unsigned char)t[i]))
            i++;
        if (i >= n)
            break;
        size_t s = i;
        if (isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80) {
            while (i < n && (isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80))
                i++;
        } else {
            i++;
        }
        an_tok *v = an_arena_vec(&d->arena, d->toks, &cap, d->ntok + 1, sizeof *v);
        if (!v)
            return AN_ENOMEM;
        d->toks = v;
        an_tok *tk = &v[d->ntok++];
        memset(tk, 0, sizeof *tk);
        tk->start = (uint32_t)s;
        tk->end = (uint32_t)i;
        tk->head = AN_TOK_NO_HEAD;
        tk->norm = an_tok_fold(&d->arena, t + s, i - s);
        bool end = (t[s] == '.' || t[s] == '!' || t[s] == '?') && i - s == 1;
        if (end || i >= n) {
            an_sent *sv = an_arena_vec(&d->arena, d->sents, &scap, d->nsent + 1, sizeof *sv);
            if (!sv)
                return AN_ENOMEM;
            d->sents = sv;
            an_sent *se = &sv[d->nsent++];
            memset(se, 0, sizeof *se);
            se->tok = (uint32_t)sent_tok;
            se->ntok = (uint32_t)(d->ntok - sent_tok);
            se->start = d->toks[sent_tok].start;
            se->end = (uint32_t)i;
            sent_tok = d->ntok;
        }
    }
    if (sent_tok < d->ntok) {
        an_sent *sv = an_arena_vec(&d->arena, d->sents, &scap, d->nsent + 1, sizeof *sv);
        if (!sv)
            return AN_ENOMEM;
        d->sents = sv;
        an_sent *se = &sv[d->nsent++];
        memset(se, 0, sizeof *se);
        se->tok = (uint32_t)sent_tok;
        se->ntok = (uint32_t)(d->ntok - sent_tok);
        se->start = d->toks[sent_tok].start;
        se->end = d->toks[d->ntok - 1].end;
    }
    return d->arena.oom ? AN_ENOMEM : AN_OK;
}
