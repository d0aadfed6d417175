/*
** api.c - the coder's public entry points (annals/code.h).
*/
#include "../actor/actor.h"
#include "annals/code.h"
#include "code.h"

const char *an_modality_name(int m)
{
    return an_code_modality_name(m);
}

int an_code_with(const an_dict *d, an_doc *doc, const an_coder_opts *o)
{
    if (!d || !doc)
        return AN_EINVAL;
    an_coder_opts def = {0};
    if (!o)
        o = &def;
    int rc = an_actor_doc(d, doc, &doc->arena);
    if (rc != AN_OK)
        return rc;
    an_code_opts co;
    memset(&co, 0, sizeof co);
    co.keep_negated = o->keep_negated;
    co.allow_no_target = o->allow_no_target;
    co.roles = o->first_actor ? AN_ROLES_FIRST : AN_ROLES_AUTO;
    co.code_all = o->code_all;
    co.no_prefilter = 1;
    co.plus_default = o->plus_default;
    co.blank_discards = o->blank_discards;
    co.exact_words = o->exact_words;
    co.tabari_codes = o->tabari;
    co.complex_verbs = o->complex_verbs;
    co.complex_conj = o->complex_conj;
    co.noactprior = o->noactprior;
    co.trace = o->trace;
    if (o->comma_set) {
        co.comma_set = 1;
        co.comma_min = o->comma[0];
        co.comma_max = o->comma[1];
        co.comma_bmin = o->comma[2];
        co.comma_bmax = o->comma[3];
        co.comma_emin = o->comma[4];
        co.comma_emax = o->comma[5];
    }
    return an_code_doc(d, doc, &doc->arena, &co);
}
