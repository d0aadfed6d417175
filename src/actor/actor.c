/*
** actor.c - actor recognition: dictionary names, country + agent
** composition, compound groups and surface coreference (see actor.h).
**
** Design notes.  Each sentence's tokens are looked up once (word id and
** stems) into a scratch array; the actor and agent tries are only walked
** from tokens whose word can start a phrase (the word flags), so a
** sentence without candidates costs one hash lookup a token.  Mentions
** are appended to an arena vector of the document.
*/
#include <stdio.h>
#include <utf8proc.h>

#include "../base/utf8.h"
#include "actor.h"

#define MAX_GAP 3          /* tokens a TABARI blank may skip */
#define MAX_NAME_TOKENS 3  /* unknown capitalised words after a title */
#define COREF_SENTS 3      /* how far back pronouns look (sentences) */
#define MAX_ADJ 3          /* words between "X's" and its agent */

/* Per-mention notes used while grouping (actx.ext). */
enum {
    FL_SPLIT = 1,  /* one part of a compound code ("FRO/BIL/SAM") */
    FL_AFTER = 2,  /* country + agent after it ("US activists") */
    FL_BEFORE = 4  /* agent + of/in/from + actor ("lawmakers in X") */
};

typedef struct actx {
    const an_dict *d;
    an_doc *doc;
    int32_t day;
    an_actor_mention *m;
    size_t n, cap;
    struct mext { uint8_t fl; uint32_t ag; } *ext; /* per mention (below) */
    size_t extcap;
    /* Surnames introduced by title mentions: token norm -> mention. */
    struct { an_span norm; uint32_t mention; } names[64];
    size_t nnames;
    /* Surnames of leaders seen with another given name ("Timothy
       Morrison"): no longer the leader in this document (other_person). */
    an_span others[32];
    size_t nothers;
} actx;

/* Is this 3-letter prefix a country part of a CAMEO code? */
static bool country_part(const char *c)
{
    static const char *const non[] = {"IGO", "NGO", "NGM", "MNC", "IMG",
                                      "UIS", "INT", "---", "UAF", "REB",
                                      "MIL", "GOV", "COP", "OPP", "CVL"};
    for (int i = 0; i < 3; i++)
        if (c[i] < 'A' || c[i] > 'Z')
            return false;
    for (size_t i = 0; i < AN_COUNT(non); i++)
        if (!memcmp(c, non[i], 3))
            return false;
    return true;
}

/* Fill ref.country and ref.sector from ref.code. */
static void split_code(an_actor_ref *r)
{
    r->country[0] = 0;
    r->sector = "";
    if (!r->code)
        return;
    size_t n = strlen(r->code);
    if (n >= 3 && country_part(r->code)) {
        memcpy(r->country, r->code, 3);
        r->country[3] = 0;
        r->sector = r->code + 3;
    } else if (n >= 3 && !memcmp(r->code, "---", 3)) {
        r->sector = r->code + 3;
    } else {
        r->sector = r->code;
    }
}

static an_actor_mention *add(actx *x, uint32_t sent, uint32_t tok,
                             uint32_t ntok, const char *code, uint8_t how,
                             uint32_t entry)
{
    an_actor_mention *v = an_arena_vec(&x->doc->arena, x->m, &x->cap,
                                       x->n + 1, sizeof *v);
    if (!v)
        return NULL;
    x->m = v;
    an_actor_mention *m = &v[x->n];
    memset(m, 0, sizeof *m);
    const an_tok *t = x->doc->toks;
    m->sent = sent;
    m->tok = tok;
    m->ntok = ntok;
    m->entry = entry;
    m->group = (uint32_t)x->n;
    m->antecedent = -1;
    m->ref.start = t[tok].start;
    m->ref.end = t[tok + ntok - 1].end;
    m->ref.text = an_arena_dup(&x->doc->arena, x->doc->text.p + m->ref.start,
                               m->ref.end - m->ref.start);
    m->ref.code = code ? an_arena_dup(&x->doc->arena, code, strlen(code)) : NULL;
    m->ref.how = how;
    if (!m->ref.text || (code && !m->ref.code))
        return NULL;
    split_code(&m->ref);
    struct mext *e = an_arena_vec(&x->doc->arena, x->ext, &x->extcap, x->n + 1,
                                  sizeof *e);
    if (!e)
        return NULL;
    x->ext = e;
    e[x->n].fl = 0;
    e[x->n].ag = UINT32_MAX;
    x->n++;
    return m;
}

/*
** Add a dictionary actor; a compound code ("FRO/BIL/SAM", TABARI) gives
** one mention per part over the same words, grouped as a compound.
*/
static an_actor_mention *add_split(actx *x, uint32_t sent, uint32_t tok,
                                   uint32_t ntok, const char *code,
                                   uint8_t how, uint32_t entry)
{
    if (!code || !strchr(code, '/'))
        return add(x, sent, tok, ntok, code, how, entry);
    an_actor_mention *m = NULL;
    const char *p = code;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        char part[64];
        if (k >= sizeof part)
            k = sizeof part - 1;
        memcpy(part, p, k);
        part[k] = 0;
        if (k) {
            if (!(m = add(x, sent, tok, ntok, part, how, entry)))
                return NULL;
            x->ext[x->n - 1].fl |= FL_SPLIT;
        }
        p = e ? e + 1 : p + k;
    }
    return m;
}

/* Replace a mention's code by `code` (arena copy). */
static int recode(actx *x, an_actor_mention *m, const char *code)
{
    char *c = an_arena_dup(&x->doc->arena, code, strlen(code));
    if (!c)
        return AN_ENOMEM;
    m->ref.code = c;
    split_code(&m->ref);
    return AN_OK;
}

/*
** A person-like actor: its kind says so, or (Phoenix entries carry no
** kind) its codes are dated and the one of the day is more than a bare
** country ("UKRAINE" has dated codes too, but they are country codes).
*/
static bool is_person_on(const an_dict *d, uint32_t a, int32_t day)
{
    if (a >= d->meta.nactors)
        return false;
    const an_dactor *ac = &d->actors[a];
    if (ac->kind == AN_DK_PERSON)
        return true;
    if (ac->kind != AN_DK_ANY)
        return false;
    bool dated = false;
    for (int i = 0; i < ac->ncode && !dated; i++) {
        const an_dcode *c = &d->codes[ac->code + i];
        dated = c->from != AN_DICT_DAY_MIN || c->to != AN_DICT_DAY_MAX;
    }
    if (!dated)
        return false;
    const char *code = an_dict_actor_code(d, a, day);
    return !code || strlen(code) > 3;
}

/* A country-level code (three letters, a country) that agents refine. */
static bool country_level(const an_dict *d, uint32_t a, const char *code)
{
    if (!code || strlen(code) != 3 || !country_part(code))
        return false;
    uint8_t k = a < d->meta.nactors ? d->actors[a].kind : AN_DK_ANY;
    return k == AN_DK_ANY || k == AN_DK_COUNTRY || k == AN_DK_DEMONYM ||
           k == AN_DK_CAPITAL;
}

/* Actor code + agent code, as the agent's position says. */
static void compose(char *out, size_t cap, const char *actor,
                    const an_dict *d, uint32_t agent)
{
    const an_dagent *g = &d->agents[agent];
    const char *ac = an_dict_str(d, g->code);
    size_t an = strlen(actor), gn = strlen(ac);
    /* An agent the code already holds is not added again ("White House
       officials": USAGOV, "Amnesty activists": NGM). */
    bool has = gn && an >= gn &&
               (g->prefix ? !strncmp(actor, ac, gn)
                          : (!strcmp(actor + an - gn, ac) ||
                             (an >= 3 + gn && !strncmp(actor + 3, ac, gn))));
    if (has)
        snprintf(out, cap, "%s", actor);
    else if (g->prefix)
        snprintf(out, cap, "%s%s", ac, actor);
    else
        snprintf(out, cap, "%s%s", actor, ac);
}

static bool is_norm(const an_tok *t, const char *w)
{
    return an_span_eq(t->norm, w);
}

/*
** Does the token start with an upper-case letter?  The tokenizer's
** AN_TOK_CAP flag when it sets it, else the text itself.
*/
static bool is_cap(const an_doc *doc, const an_tok *t)
{
    if (t->flags & AN_TOK_CAP)
        return true;
    if (t->end <= t->start)
        return false;
    int32_t cp;
    int k = an_utf8_decode(doc->text.p + t->start, t->end - t->start, &cp);
    return k > 0 && utf8proc_isupper(cp);
}

/* Are all the letters of the token upper-case (at least one)? */
static bool all_caps(const an_doc *doc, const an_tok *t)
{
    if (t->flags & AN_TOK_ALLCAPS)
        return true;
    bool letter = false;
    for (uint32_t i = t->start; i < t->end; i++) {
        char c = doc->text.p[i];
        if (c >= 'a' && c <= 'z')
            return false;
        letter |= c >= 'A' && c <= 'Z';
    }
    return letter;
}

/* Is token k of the sentence (tk[0..n)) the word "former"? */
static bool former_at(const an_tok *tk, size_t k, size_t n)
{
    return k < n && an_span_eq(tk[k].norm, "former");
}

/* Capitalised words that are not names: dates and sentence glue. */
static bool not_name(const an_tok *t)
{
    static const char *const w[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
        "the", "on", "in", "at", "and", "said", "says", "told", "has", "had",
        "was", "is", "will", "would", "who", "of", "for", "to", "with"};
    for (size_t i = 0; i < AN_COUNT(w); i++)
        if (an_span_eq(t->norm, w[i]))
            return true;
    return false;
}

/*
** The name after a title: capitalised tokens (hyphen-joined ones count as
** one name, "Abdul-Mahdi"), at most MAX_NAME_TOKENS words.  Returns the
** number of tokens.
*/
static size_t name_run(const an_doc *doc, size_t j, size_t end)
{
    size_t k = 0, words = 0;
    while (j + k < end && words < MAX_NAME_TOKENS) {
        const an_tok *t = &doc->toks[j + k];
        if (an_span_eq(t->norm, "-") && k > 0 && j + k + 1 < end &&
            is_cap(doc, &doc->toks[j + k + 1]) &&
            t->start == doc->toks[j + k - 1].end) {
            k++;
            continue;
        }
        if (!is_cap(doc, t) || not_name(t))
            break;
        k++;
        words++;
    }
    return k;
}

/* Does `text` contain the (folded, ASCII) word w, ignoring case? */
static bool contains_word(const char *text, an_span w)
{
    size_t n = strlen(text);
    for (size_t i = 0; w.n && i + w.n <= n; i++) {
        size_t k = 0;
        while (k < w.n && an_lower((unsigned char)text[i + k]) ==
                              (unsigned char)w.p[k])
            k++;
        if (k == w.n)
            return true;
    }
    return false;
}

/* Words that may stand capitalised before a surname without being a
   given name: titles, honorifics and sentence openers. */
static bool title_or_glue(an_span w)
{
    static const char *const t[] = {
        "president", "minister", "premier", "chancellor", "secretary", "senator",
        "sen", "rep", "representative", "gov", "governor", "general", "gen", "mr",
        "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "king", "queen", "prince",
        "princess", "ambassador", "envoy", "leader", "chairman", "chair", "speaker",
        "spokesman", "spokeswoman", "judge", "justice", "mayor", "pm", "vice",
        "deputy", "former", "acting", "premier", "sheikh", "emir", "sultan",
        "ayatollah", "pope", "cardinal", "bishop", "rabbi", "imam", "colonel",
        "col", "lt", "captain", "capt", "admiral", "adm", "commander", "marshal",
        "professor", "prof", "chief", "director", "counsel", "attorney", "candidate",
        "nominee", "when", "while", "after", "before", "but", "and", "if", "as",
        "then", "so", "yet", "because", "although", "though", "since", "now",
        "today", "yesterday", "also", "still", "meanwhile", "however", "here",
        "there", "why", "how", "what", "where", "that", "this", "with", "without",
        "under", "like", "unlike", "even", "only", "both", "neither", "nor", "or",
        "said", "says", "says", "by", "from", "against", "about", "until", "unless",
        "whether", "once", "dear", "thanks", "not", "did", "does", "do", "can",
        "could", "should", "let", "asked", "ask", "tell", "told", "mister",
        "madam", "comrade", "brother", "uncle", "saint", "st", "san", "team",
        "camp", "house", "white", "state", "republican", "democrat", "democratic",
        "conservative", "labour", "liberal", "new", "old", "young", "elder",
        "junior", "senior", "later", "earlier", "first", "last", "next", "finally",
        "instead", "again", "indeed", "perhaps", "maybe", "recently", "previously",
        "currently", "soon", "already", "afterwards", "tonight", "tomorrow",
        "last", "nevertheless", "nonetheless", "besides", "otherwise", "thus",
        "therefore", "hence", "moreover", "furthermore", "additionally", "separately",
        "likewise", "similarly", "ultimately", "eventually", "initially", "originally",
        "apparently", "clearly", "obviously", "certainly", "surely", "actually",
        "really", "just", "never", "always", "often", "sometimes", "once", "twice",
        "in", "at", "on", "of", "for", "to", "a", "an", "the", "his", "her", "their",
        "its", "our", "my", "your", "we", "they", "he", "she", "it", "i", "you",
        "did", "had", "has", "have", "was", "were", "is", "are", "will", "would"};
    for (size_t i = 0; i < AN_COUNT(t); i++)
        if (an_span_eq(w, t[i]))
            return true;
    return false;
}

static bool an_span_eq2(an_span a, an_span b)
{
    return a.n == b.n && (!a.n || !memcmp(a.p, b.p, a.n));
}

/* Is the span made of letters only (ASCII or not), at least two? */
static bool letters(an_span w)
{
    if (w.n < 2)
        return false;
    for (size_t i = 0; i < w.n; i++) {
        unsigned char c = (unsigned char)w.p[i];
        if (c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z'))
            return false;
    }
    return true;
}

/* Does the head phrase `head` ("SCOTT_MORRISON") start with the word w
   (folded), and hold more than one word? */
static bool head_first_word(const char *head, an_span w, bool *multi)
{
    size_t k = 0;
    while (head[k] && head[k] != '_' && head[k] != ' ')
        k++;
    *multi = head[k] && head[k + 1] && head[k + 1] != '_';
    if (k != w.n)
        return false;
    for (size_t i = 0; i < k; i++)
        if (an_lower((unsigned char)head[i]) != (unsigned char)w.p[i])
            return false;
    return true;
}

/*
** A one-word alias of a person, a surname ("Morrison" for Scott
** Morrison), names someone else when another given name stands before
** it ("Timothy Morrison"): a capitalised word of letters that is no
** title, agent, month or sentence glue and not the first word of the
** entry's head phrase.  The surname then names no leader in the rest of
** the document either ("Castor asked Morrison").  Returns true when the
** match at token i (sentence tokens tk[0..n)) is such a surname.
*/
static bool other_person(actx *x, const an_tok *tk, const an_dtok *dt, size_t i,
                         size_t n, uint32_t a)
{
    const an_dict *d = x->d;
    for (size_t k = 0; k < x->nothers; k++)
        if (an_span_eq2(x->others[k], tk[i].norm))
            return true;
    if (!i)
        return false;
    const an_tok *g = &tk[i - 1];
    bool multi = false;
    const char *head = an_dict_str(d, d->actors[a].name);
    if (!head || head_first_word(head, g->norm, &multi) || !multi)
        return false;
    if (!is_cap(x->doc, g) || all_caps(x->doc, g) || !letters(g->norm) ||
        not_name(g) || title_or_glue(g->norm))
        return false;
    const uint32_t *gv;
    if (an_dict_match(&d->agent_t, dt, i - 1, n, 0, &gv) ||
        (an_dict_wflags(d, dt[i - 1].word) & AN_DW_VERB))
        return false;
    bool known = false;
    for (size_t k = 0; k < x->nothers; k++)
        known |= an_span_eq2(x->others[k], tk[i].norm);
    if (!known && x->nothers < AN_COUNT(x->others))
        x->others[x->nothers++] = tk[i].norm;
    return true;
}

/*
** A token no dictionary phrase covers: "he"/"she" refer to the last
** person-like actor of the last few sentences; a capitalised token equal
** to the surname of a title-introduced person refers to that person.
*/
static int try_coref(actx *x, uint32_t si, size_t tok)
{
    const an_tok *t = &x->doc->toks[tok];
    int target = -1;
    if (is_norm(t, "he") || is_norm(t, "she")) {
        for (size_t k = x->n; k-- > 0;) {
            const an_actor_mention *p = &x->m[k];
            if (p->sent + COREF_SENTS < si)
                break;
            if (!p->ref.code)
                continue;
            size_t r = k;
            while (x->m[r].antecedent >= 0)
                r = (size_t)x->m[r].antecedent;
            const an_actor_mention *q = &x->m[r];
            if (q->ref.how == AN_ACTOR_TITLE || is_person_on(x->d, q->entry, x->day)) {
                target = (int)k;
                break;
            }
        }
    } else if (is_norm(t, "it") || is_norm(t, "they")) {
        /* "it"/"they": the last actor that is not a person, in this or
           the previous sentence. */
        for (size_t k = x->n; k-- > 0;) {
            const an_actor_mention *p = &x->m[k];
            if (p->sent + 1 < si)
                break;
            if (!p->ref.code || p->ref.how == AN_ACTOR_AGENT ||
                is_person_on(x->d, p->entry, x->day) || p->ref.how == AN_ACTOR_COREF)
                continue;
            target = (int)k;
            break;
        }
    } else if (is_cap(x->doc, t)) {
        for (size_t k = 0; k < x->nnames; k++)
            if (x->names[k].norm.n == t->norm.n &&
                !memcmp(x->names[k].norm.p, t->norm.p, t->norm.n))
                target = (int)x->names[k].mention;
    }
    if (target < 0)
        return AN_OK;
    while (x->m[target].antecedent >= 0)
        target = x->m[target].antecedent;
    const an_actor_mention *p = &x->m[target];
    const char *code = p->ref.code;
    uint32_t entry = p->entry;
    an_actor_mention *m = add(x, si, (uint32_t)tok, 1, code, AN_ACTOR_COREF,
                              entry);
    if (!m)
        return AN_ENOMEM;
    m->antecedent = target;
    return AN_OK;
}

static int do_sentence(actx *x, uint32_t si, an_dtok *dt)
{
    const an_dict *d = x->d;
    an_doc *doc = x->doc;
    const an_sent *s = &doc->sents[si];
    size_t base = s->tok, n = s->ntok;
    const an_tok *tk = doc->toks + base;
    size_t first = x->n;
    for (size_t i = 0; i < n; i++)
        an_dict_tok(d, tk[i].norm.p, tk[i].norm.n, &dt[i]);
    size_t i = 0;
    while (i < n) {
        uint8_t wf = an_dict_wflags(d, dt[i].word);
        for (size_t q = 0; q < dt[i].nstem; q++)
            wf |= an_dict_wflags(d, dt[i].stem[q]);
        if (!(wf & (AN_DW_ACTOR | AN_DW_AGENT))) {
            if (try_coref(x, si, base + i) != AN_OK)
                return AN_ENOMEM;
            i++;
            continue;
        }
        const uint32_t *av = NULL, *gv = NULL;
        size_t la = (wf & AN_DW_ACTOR) ? an_dict_match(&d->actor_t, dt, i, n, MAX_GAP, &av) : 0;
        size_t lg = (wf & AN_DW_AGENT) ? an_dict_match(&d->agent_t, dt, i, n, MAX_GAP, &gv) : 0;
        char buf[64];
        /* A one-word name of three letters or fewer ("US", "UN", "IT") is
           an abbreviation: the text must write it in capitals, or "us"
           would be the United States. */
        if (la == 1 && tk[i].norm.n <= 3 && !all_caps(doc, &tk[i]))
            la = 0;
        if (la == 1 && is_person_on(d, av[av[0]], x->day) &&
            other_person(x, tk, dt, i, n, av[av[0]]))
            la = 0;
        /* The leader named in full again: the surname is theirs again
           ("Hunter Biden ... Joe Biden ... Biden said"). */
        if (la >= 2 && is_person_on(d, av[av[0]], x->day))
            for (size_t k = 0; k < x->nothers; k++)
                if (an_span_eq2(x->others[k], tk[i + la - 1].norm))
                    x->others[k] = x->others[--x->nothers];
        if (la && la >= lg) {
            uint32_t a = av[av[0]]; /* the last value: the latest definition */
            const char *code = an_dict_actor_code(d, a, x->day);
            size_t end = i + la;
            uint8_t how = AN_ACTOR_NAME;
            uint8_t kind = d->actors[a].kind;
            if (kind == AN_DK_COUNTRY || kind == AN_DK_DEMONYM ||
                kind == AN_DK_CAPITAL)
                how = AN_ACTOR_COUNTRY;
            /* "Ukraine 's president", "Russian forces", "Ukrainian
               President X". */
            if (code && (country_level(d, a, code) ||
                         (!is_person_on(d, a, x->day) && strlen(code) <= 9))) {
                size_t j = end;
                if (j + 1 < n && is_norm(&tk[j], "'") && is_norm(&tk[j + 1], "s"))
                    j += 2;
                else if (j < n && is_norm(&tk[j], "'s"))
                    j += 1;
                if (j > end && former_at(tk, j, n))
                    j++; /* "Arnor's former ..." */
                else if (j == end && former_at(tk, j, n))
                    j++; /* "Arnor former security officials" */
                const uint32_t *g2;
                size_t l2 = j < n ? an_dict_match(&d->agent_t, dt, j, n, 0, &g2) : 0;
                /* "Ithilen's awful and evil minister": after a possessive,
                   a few words that are not verbs, actors or punctuation
                   may come before the agent. */
                if (!l2 && j > end) {
                    for (size_t k = j; k < n && k < j + MAX_ADJ; k++) {
                        uint8_t f = an_dict_wflags(d, dt[k].word);
                        const uint32_t *ign;
                        if ((f & AN_DW_VERB) ||
                            ((f & AN_DW_ACTOR) &&
                             an_dict_match(&d->actor_t, dt, k, n, 0, &ign)) ||
                            (tk[k].norm.n && !((unsigned char)tk[k].norm.p[0] >= 0x80 ||
                              (tk[k].norm.p[0] >= 'a' && tk[k].norm.p[0] <= 'z'))))
                            break;
                        if ((l2 = an_dict_match(&d->agent_t, dt, k + 1, n, 0, &g2))) {
                            j = k + 1;
                            break;
                        }
                    }
                }
                if (l2) {
                    /* A known person after the title is more specific. */
                    const uint32_t *p2;
                    size_t k = j + l2;
                    size_t lp = k < n ? an_dict_match(&d->actor_t, dt, k, n, 0, &p2) : 0;
                    if (lp && is_person_on(d, p2[p2[0]], x->day) &&
                        an_dict_actor_code(d, p2[p2[0]], x->day)) {
                        uint32_t pa = p2[p2[0]];
                        if (!add(x, si, (uint32_t)(base + i), (uint32_t)(k + lp - i),
                                 an_dict_actor_code(d, pa, x->day), AN_ACTOR_NAME, pa))
                            return AN_ENOMEM;
                        i = k + lp;
                        continue;
                    }
                    /* "the Indian Navy warship", "Israeli army
                       spokesman": a second agent right after the first
                       belongs to the same actor. */
                    const uint32_t *g5;
                    size_t l5 = k < n ? an_dict_match(&d->agent_t, dt, k, n, 0, &g5) : 0;
                    if (l5 && !d->agents[g5[g5[0]]].prefix)
                        k += l5;
                    /* "former" makes the office an elite one (ELI), as
                       TABARI and PETRARCH code it. */
                    if ((i && former_at(tk, i - 1, n)) || (j && former_at(tk, j - 1, n)))
                        snprintf(buf, sizeof buf, "%sELI", code);
                    else
                        compose(buf, sizeof buf, code, d, g2[g2[0]]);
                    size_t nr = name_run(doc, base + k, base + n);
                    /* A title with a name, or a government office, is a
                       title; "Russian forces" is a country actor. */
                    const char *gs = an_dict_str(d, d->agents[g2[g2[0]]].code);
                    uint8_t how2 = (nr || !strncmp(gs, "GOV", 3))
                                       ? AN_ACTOR_TITLE : AN_ACTOR_COUNTRY;
                    an_actor_mention *m = add(x, si, (uint32_t)(base + i),
                                              (uint32_t)(k + nr - i), buf,
                                              how2, a);
                    if (!m)
                        return AN_ENOMEM;
                    x->ext[x->n - 1].fl |= FL_AFTER;
                    x->ext[x->n - 1].ag = g2[g2[0]];
                    if (nr && x->nnames < AN_COUNT(x->names)) {
                        x->names[x->nnames].norm = tk[k + nr - 1].norm;
                        x->names[x->nnames++].mention = (uint32_t)(x->n - 1);
                    }
                    i = k + nr;
                    continue;
                }
            }
            /* An entry with no code on this date is not an actor then. */
            if (code && !add_split(x, si, (uint32_t)(base + i), (uint32_t)la,
                                   code, how, a))
                return AN_ENOMEM;
            i = end;
            continue;
        }
        if (lg) {
            uint32_t g = gv[gv[0]];
            size_t j = i + lg;
            const an_dagent *ga = &d->agents[g];
            /* "MSF Arnor (diplomat)": a prefix agent before an actor. */
            if (ga->prefix && j < n) {
                const uint32_t *a2, *g3;
                size_t l2 = an_dict_match(&d->actor_t, dt, j, n, 0, &a2);
                const char *c2 = l2 ? an_dict_actor_code(d, a2[a2[0]], x->day) : NULL;
                if (c2 && !is_person_on(d, a2[a2[0]], x->day)) {
                    compose(buf, sizeof buf, c2, d, g);
                    size_t end = j + l2;
                    size_t l3 = end < n ? an_dict_match(&d->agent_t, dt, end, n, 0, &g3) : 0;
                    if (l3 && !d->agents[g3[g3[0]]].prefix) {
                        char b2[64];
                        compose(b2, sizeof b2, buf, d, g3[g3[0]]);
                        memcpy(buf, b2, sizeof buf);
                        end += l3;
                    }
                    if (!add(x, si, (uint32_t)(base + i), (uint32_t)(end - i), buf,
                             AN_ACTOR_TITLE, a2[a2[0]]))
                        return AN_ENOMEM;
                    i = end;
                    continue;
                }
            }
            /* "President Michel Suleiman", "Foreign Minister Lavrov": a
               title right before a person, or before an actor already
               coded with the title's sector, is part of that actor. */
            if (j < n && !ga->prefix) {
                const uint32_t *a2;
                size_t l2 = an_dict_match(&d->actor_t, dt, j, n, 0, &a2);
                const char *c2 = l2 ? an_dict_actor_code(d, a2[a2[0]], x->day) : NULL;
                const char *gs = an_dict_str(d, ga->code);
                if (c2 && (is_person_on(d, a2[a2[0]], x->day) ||
                           (strlen(c2) > 3 && *gs && strstr(c2 + 3, gs)))) {
                    if (!add(x, si, (uint32_t)(base + i), (uint32_t)(j + l2 - i), c2,
                             AN_ACTOR_NAME, a2[a2[0]]))
                        return AN_ENOMEM;
                    i = j + l2;
                    continue;
                }
            }
            /* "President of Ukraine", "soldiers from Gondor", "a court in
               Guyana": agent + of/from/in + actor.  After "in"/"from" only
               a country counts, and a capital there stands for its
               country. */
            /* "a spokesperson for the British Foreign Office" speaks for
               it: "for" after a spokesperson reads as "of" (not after
               other agents: "the UN envoy for Syria" is the UN's). */
            const an_span gh = tk[i + lg - 1].norm;
            bool spokes = gh.n > 6 && !memcmp(gh.p, "spokes", 6);
            bool of = j + 1 < n && (is_norm(&tk[j], "of") || (spokes && is_norm(&tk[j], "for")));
            if (j + 1 < n && (of || is_norm(&tk[j], "from") || is_norm(&tk[j], "in"))) {
                const uint32_t *a2;
                /* "the mayor of the northern West Bank city": "the" and two
                   lower-case words that are not verbs may come first. */
                size_t at = j + 1;
                if (at < n && is_norm(&tk[at], "the"))
                    at++;
                size_t l2 = an_dict_match(&d->actor_t, dt, at, n, 0, &a2);
                for (size_t sk = 0; !l2 && sk < 2 && at < n; sk++) {
                    unsigned char c0 = tk[at].norm.n ? (unsigned char)tk[at].norm.p[0] : 0;
                    if ((an_dict_wflags(d, dt[at].word) & (AN_DW_VERB | AN_DW_AGENT)) ||
                        is_cap(doc, &tk[at]) || c0 < 'a' || c0 > 'z')
                        break;
                    at++;
                    l2 = at < n ? an_dict_match(&d->actor_t, dt, at, n, 0, &a2) : 0;
                }
                l2 = l2 ? l2 + (at - (j + 1)) : 0;
                uint32_t ae = l2 ? a2[a2[0]] : UINT32_MAX;
                const char *c2 = l2 ? an_dict_actor_code(d, ae, x->day) : NULL;
                char cc[8];
                if (c2 && !of && d->actors[ae].kind == AN_DK_CAPITAL &&
                    strlen(c2) > 3 && country_part(c2)) {
                    memcpy(cc, c2, 3);
                    cc[3] = 0;
                    c2 = cc;
                }
                /* "a spokesperson for the Los Angeles Superior Court": a
                   name going on past the actor found is another body. */
                bool sfor = spokes && is_norm(&tk[j], "for");
                size_t ne = j + 1 + l2;
                const uint32_t *g6;
                size_t l6 = sfor && l2 && ne < n ? an_dict_match(&d->agent_t, dt, ne, n, 0, &g6) : 0;
                if (l6 && (d->agents[g6[g6[0]]].prefix || !c2 || !country_level(d, ae, c2)))
                    l6 = 0;
                bool sfor_stop = sfor && l2 && ne < n && is_cap(doc, &tk[ne]) && !l6;
                if (c2 && !sfor_stop && !is_person_on(d, ae, x->day) &&
                    (country_level(d, ae, c2) || (of && strlen(c2) <= 6) ||
                     (strlen(c2) <= 6 && country_part(c2)))) {
                    if (i && former_at(tk, i - 1, n))
                        snprintf(buf, sizeof buf, "%sELI", c2);
                    else if (sfor)
                        snprintf(buf, sizeof buf, "%s", c2); /* the body's own code */
                    else
                        compose(buf, sizeof buf, c2, d, g);
                    /* "leaders of Egypt's Muslim Brotherhood": an agent
                       after the actor's possessive adds its sector. */
                    size_t e = j + 1 + l2;
                    size_t pe = e + 1 < n && is_norm(&tk[e], "'") && is_norm(&tk[e + 1], "s")
                                    ? e + 2
                                    : e < n && is_norm(&tk[e], "'s") ? e + 1 : e;
                    const uint32_t *g4;
                    size_t l4 = pe > e && pe < n ? an_dict_match(&d->agent_t, dt, pe, n, 0, &g4) : 0;
                    if (l4 && !d->agents[g4[g4[0]]].prefix) {
                        char b2[64];
                        compose(b2, sizeof b2, buf, d, g4[g4[0]]);
                        memcpy(buf, b2, sizeof buf);
                        e = pe + l4;
                    }
                    /* "for the British Foreign Office": the country and
                       the office after it. */
                    if (l6 && e == ne) {
                        char b4[64];
                        compose(b4, sizeof b4, buf, d, g6[g6[0]]);
                        memcpy(buf, b4, sizeof buf);
                        e = ne + l6;
                    }
                    /* A spokesperson for a country speaks for its government. */
                    if (sfor && strlen(buf) == 3) {
                        char b3[64];
                        compose(b3, sizeof b3, buf, d, g);
                        memcpy(buf, b3, sizeof buf);
                    }
                    if (!add(x, si, (uint32_t)(base + i), (uint32_t)(e - i),
                             buf, AN_ACTOR_TITLE, ae))
                        return AN_ENOMEM;
                    x->ext[x->n - 1].fl |= FL_BEFORE;
                    x->ext[x->n - 1].ag = g;
                    i = e;
                    continue;
                }
            }
            /* "the president": refers back to a fitting actor. */
            bool the = i > 0 && is_norm(&tk[i - 1], "the");
            const char *gc = an_dict_str(d, d->agents[g].code);
            if (the) {
                for (size_t k = x->n; k-- > 0;) {
                    const an_actor_mention *p = &x->m[k];
                    if (p->ref.how == AN_ACTOR_AGENT || !p->ref.code ||
                        !p->ref.country[0] || si - p->sent > 20)
                        continue;
                    /* A person with that sector, or a title naming the same
                       office ("Ukraine's foreign minister" for "the
                       minister"; not "French officials" for "the
                       president"). */
                    const an_span head = tk[i + lg - 1].norm;
                    bool fits = is_person_on(d, p->entry, x->day) ||
                                (p->ref.how == AN_ACTOR_TITLE &&
                                 contains_word(p->ref.text, head));
                    if (strncmp(p->ref.sector, gc, strlen(gc)) != 0 || !fits)
                        continue;
                    an_actor_mention *m = add(x, si, (uint32_t)(base + i - 1),
                                              (uint32_t)(lg + 1), p->ref.code,
                                              AN_ACTOR_COREF, p->entry);
                    if (!m)
                        return AN_ENOMEM;
                    m->antecedent = (int32_t)k;
                    goto next_agent;
                }
            }
            snprintf(buf, sizeof buf, "---%s",
                     i && former_at(tk, i - 1, n) ? "ELI" : gc);
            if (!add(x, si, (uint32_t)(base + i), (uint32_t)lg, buf,
                     AN_ACTOR_AGENT, UINT32_MAX))
                return AN_ENOMEM;
        next_agent:
            i = j;
            continue;
        }
        if (try_coref(x, si, base + i) != AN_OK)
            return AN_ENOMEM;
        i++;
    }
    for (size_t a = first; a < x->n; a++)
        x->m[a].group = (uint32_t)a;
    /* Compound groups: "A, B and C" (only commas and one conjunction), and
       the parts of a compound code. */
    for (size_t a = first; a + 1 < x->n; a++) {
        an_actor_mention *p = &x->m[a], *q = &x->m[a + 1];
        if ((x->ext[a + 1].fl & FL_SPLIT) && q->tok == p->tok) {
            q->group = p->group;
            continue;
        }
        size_t from = p->tok + p->ntok, to = q->tok;
        if (to < from || to - from > 3 || to == from)
            continue;
        bool ok = true, conj = false;
        for (size_t t = from; t < to && ok; t++) {
            const an_tok *w = &doc->toks[t];
            if (is_norm(w, ",") || is_norm(w, "&"))
                continue;
            if (is_norm(w, "and") || is_norm(w, "or")) {
                conj = true;
                continue;
            }
            ok = false;
        }
        if (ok && (conj || is_norm(&doc->toks[from], ",")))
            q->group = p->group;
    }
    /* A comma-only chain that never reaches a conjunction is an apposition
       ("Arnor, the biggest partner,"), not a compound: undo it. */
    for (size_t a = first; a < x->n;) {
        size_t b = a + 1;
        while (b < x->n && x->m[b].group == x->m[a].group)
            b++;
        bool conj = false;
        for (size_t c = a; c + 1 < b; c++) {
            if (x->ext[c + 1].fl & FL_SPLIT && x->m[c + 1].tok == x->m[c].tok) {
                conj = true;
                continue;
            }
            for (size_t t = x->m[c].tok + x->m[c].ntok; t < x->m[c + 1].tok; t++)
                conj |= is_norm(&doc->toks[t], "and") || is_norm(&doc->toks[t], "or");
        }
        if (!conj) {
            for (size_t c = a; c < b; c++)
                x->m[c].group = (uint32_t)c;
            a = b;
            continue;
        }
        /* Share an agent over the compound: "US and British activists"
           (the last member's), "lawmakers in Fornost and Gondor" (the
           first member's) go to the bare country members. */
        uint32_t ag = UINT32_MAX;
        if (x->ext[b - 1].fl & FL_AFTER)
            ag = x->ext[b - 1].ag;
        else if (x->ext[a].fl & FL_BEFORE)
            ag = x->ext[a].ag;
        if (ag != UINT32_MAX) {
            for (size_t c = a; c < b; c++) {
                an_actor_mention *m = &x->m[c];
                if (x->ext[c].ag != UINT32_MAX || !m->ref.code ||
                    (x->ext[c].fl & FL_SPLIT) || is_person_on(d, m->entry, x->day) ||
                    strlen(m->ref.code) != 3 || !country_part(m->ref.code))
                    continue;
                char buf[64];
                compose(buf, sizeof buf, m->ref.code, d, ag);
                if (recode(x, m, buf) != AN_OK)
                    return AN_ENOMEM;
                x->ext[c].ag = ag;
            }
        }
        a = b;
    }
    return AN_OK;
}

int an_actor_doc(const an_dict *d, an_doc *doc, an_arena *scratch)
{
    actx x;
    memset(&x, 0, sizeof x);
    x.d = d;
    x.doc = doc;
    x.day = INT32_MIN;
    if (doc->date.year) {
        an_date dt = doc->date;
        if (!dt.month)
            dt.month = 7;
        if (!dt.day)
            dt.day = 1;
        x.day = an_date_days(dt);
    }
    size_t maxn = 0;
    for (size_t i = 0; i < doc->nsent; i++)
        maxn = AN_MAX(maxn, (size_t)doc->sents[i].ntok);
    an_dtok *dt = an_arena_array(scratch, maxn ? maxn : 1, sizeof *dt);
    if (!dt)
        return AN_ENOMEM;
    for (size_t i = 0; i < doc->nsent; i++)
        if (do_sentence(&x, (uint32_t)i, dt) != AN_OK)
            return AN_ENOMEM;
    doc->actors = x.m;
    doc->nactor = x.n;
    return AN_OK;
}

int an_dict_actors(const an_dict *d, an_doc *doc)
{
    if (!d || !doc)
        return AN_EINVAL;
    return an_actor_doc(d, doc, &doc->arena);
}

const an_actor_mention *an_doc_actors(const an_doc *doc, size_t *n)
{
    *n = doc->nactor;
    return doc->actors;
}
