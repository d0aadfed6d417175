/*
** tags.c - names of part-of-speech tags and dependency relations.
*/
#include "../base/base.h"

static const char *const upos_names[AN_UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

static const char *const xpos_names[AN_XPOS_COUNT] = {
    "_", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD",
    "NN", "NNS", "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR",
    "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
    "WDT", "WP", "WP$", "WRB", ",", ".", ":", "``", "''", "-LRB-", "-RRB-",
    "HYPH", "NFP", "ADD", "AFX", "GW", "XX", "$", "#"};

static const char *const dep_names[AN_DEP_COUNT] = {
    "_", "acl", "acl:relcl", "advcl", "advcl:relcl", "advmod", "amod",
    "appos", "aux", "aux:pass", "case", "cc", "cc:preconj", "ccomp", "clf",
    "compound", "compound:prt", "conj", "cop", "csubj", "csubj:outer",
    "csubj:pass", "dep", "det", "det:predet", "discourse", "dislocated",
    "expl", "fixed", "flat", "goeswith", "iobj", "list", "mark", "nmod",
    "nmod:desc", "nmod:poss", "nmod:unmarked", "nsubj", "nsubj:outer",
    "nsubj:pass", "nummod", "obj", "obl", "obl:agent", "obl:unmarked",
    "orphan", "parataxis", "punct", "reparandum", "root", "vocative",
    "xcomp", "nmod:tmod", "nmod:npmod", "obl:tmod", "obl:npmod"};

static const char *name_of(const char *const *names, int count, int i)
{
    return i >= 0 && i < count ? names[i] : "_";
}

static int find(const char *const *names, int count, const char *p, size_t n)
{
    for (int i = 1; i < count; i++)
        if (strlen(names[i]) == n && memcmp(names[i], p, n) == 0)
            return i;
    return 0;
}

const char *an_upos_name(int i) { return name_of(upos_names, AN_UPOS_COUNT, i); }
const char *an_xpos_name(int i) { return name_of(xpos_names, AN_XPOS_COUNT, i); }
const char *an_deprel_name(int i) { return name_of(dep_names, AN_DEP_COUNT, i); }

int an_upos_from_name(const char *p, size_t n)
{
    return find(upos_names, AN_UPOS_COUNT, p, n);
}

int an_xpos_from_name(const char *p, size_t n)
{
    return find(xpos_names, AN_XPOS_COUNT, p, n);
}

int an_deprel_from_name(const char *p, size_t n)
{
    return find(dep_names, AN_DEP_COUNT, p, n);
}
