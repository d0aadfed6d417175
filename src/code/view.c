/*
** view.c - the coder's view of one sentence: dictionary word ids of the
** tokens, token classes, actor units, verb candidates and their frames.
**
** Frames come from the dependency parse when the sentence is parsed, and
** from word order otherwise (see frames_words and frames_parse).  The
** word-order rules are a shallow parse in the spirit of TABARI: the verb
** group (auxiliaries, modals, negation, "to", verb-group adverbs) is read
** backwards from the verb, clauses are split at semicolons, subordinating
** words, relative pronouns, the complement of reporting verbs ("said
** that"), coordinated verb phrases ("and promised") and a trailing
** attribution (", a senior official said on Saturday").
*/
#include "code_int.h"
#include "../base/utf8.h"

/* ---- word lists (folded forms) ---- */

#define IN(w, list) AN_SPAN_IN((w), (list))

static const char *const BE[] = {"is", "are", "was", "were", "be", "been",
                                 "being", "am", "'s", "'re", "'m", "get",
                                 "gets", "got", "gotten"};
static const char *const HAVE[] = {"has", "have", "had", "having", "'ve", "'d"};
static const char *const DO[] = {"do", "does", "did"};
static const char *const FUTURE[] = {"will", "'ll", "shall", "wo"};
static const char *const COND[] = {"would", "could", "may", "might", "should",
                                   "must", "can", "ca", "ought"};
static const char *const NEG[] = {"not", "n't", "never"};
static const char *const GROUP_ADV[] = {
    "also", "again", "now", "already", "recently", "reportedly", "then",
    "just", "still", "yet", "ever", "even", "about", "soon", "further",
    "jointly", "formally", "officially", "finally", "once", "first",
    "allegedly", "repeatedly", "previously", "later", "immediately",
    "quickly", "swiftly", "subsequently", "apparently", "reluctantly",
    "openly", "publicly", "sharply", "strongly", "firmly", "effectively",
    "unexpectedly", "certainly", "really", "indeed", "most", "only",
    "always", "often", "largely", "partly", "briefly", "directly",
    "heavily", "fiercely", "unjustly", "loudly", "boldly", "widely"};
/* Words after which a verb-like word is a noun ("the restore"). */
static const char *const DET[] = {"the", "a", "an"};
static const char *const POSSESSIVE[] = {"its", "their", "his", "her", "our",
                                         "my", "your"};
/* Prepositions (and words that open a phrase an actor hides in). */
static const char *const PREP[] = {
    "of", "in", "with", "from", "by", "at", "to", "for", "on", "into",
    "against", "between", "among", "over", "under", "after", "before",
    "about", "as", "that", "which", "who", "than", "via", "near"};
static const char *const REPORT[] = {
    "said", "says", "say", "saying", "told", "tells", "tell", "telling",
    "added", "adds", "noted", "notes", "stated", "announced", "announces",
    "claimed", "claims", "reported", "reports", "insisted", "insists",
    "argued", "argues", "asserted", "asserts", "declared", "declares",
    "believe", "believes", "believed", "think", "thinks", "thought",
    "indicated", "indicates", "suggested", "suggests", "acknowledged",
    "maintained", "contended", "confirmed",
    "confirms", "explained", "stressed", "recalled"};
/* Verbs of saying (the REPORT words minus believing and thinking). */
static const char *const SPEECH[] = {
    "said", "says", "say", "saying", "told", "tells", "tell", "telling",
    "added", "adds", "noted", "notes", "stated", "announced", "announces",
    "claimed", "claims", "reported", "reports", "insisted", "insists",
    "argued", "argues", "asserted", "asserts", "declared", "declares",
    "indicated", "indicates", "acknowledged", "maintained", "contended",
    "confirmed", "confirms", "explained", "stressed", "recalled", "adding", "noting",
    "stating", "stressing", "insisting", "claiming", "arguing", "declaring",
    "explaining", "announcing", "confirming", "recalling", "asserting"};
/* Words that open a subordinate clause. */
static const char *const SUBORD[] = {
    "after", "before", "when", "while", "until", "unless", "because",
    "since", "although", "though", "whereas", "whether", "if", "once",
    "where", "so"};
static const char *const RELPRON[] = {"who", "which", "whom", "whose"};
static const char *const COORD[] = {"and", "but", "or", "while", "yet"};
/* Planning words before "to" + verb: "is scheduled to meet". */
static const char *const PLAN[] = {
    "scheduled", "planned", "plans", "plan", "planning", "intends",
    "intend", "intended", "expected", "expects", "expect", "set", "due",
    "going", "about", "ready", "prepared", "aims", "aim", "hopes", "hope",
    "wants", "want", "wanted", "seeks", "seek", "sought", "vowed", "vows",
    "pledged", "pledges", "promised", "promises", "agreed", "agrees",
    "decided", "decides", "offered", "offers", "threatened", "threatens",
    "poised", "likely", "slated"};

static bool is_neg(an_span w)
{
    return IN(w, NEG);
}

/* Is token i a negation: "not", "n't", "never", but not the "not" of
   "not only ... but"? */
static bool neg_at(const csent *s, uint32_t i)
{
    return is_neg(s->tk[i].norm) &&
           !(i + 1 < s->n && an_span_eq(s->tk[i].norm, "not") &&
             an_span_eq(s->tk[i + 1].norm, "only"));
}

bool an__code_is_neg_word(const an_dict *d, uint32_t w)
{
    static const char *const neg[] = {"not", "n't", "never"};
    for (size_t i = 0; i < AN_COUNT(neg); i++)
        if (an_dict_word(d, neg[i], strlen(neg[i])) == w)
            return true;
    return false;
}

/* A token that is only punctuation. */
static bool punct(const an_tok *t)
{
    return (t->flags & AN_TOK_PUNCT) != 0;
}

/* An -ly adverb that is not a dictionary verb ("strongly", not "supply"). */
static bool ly_adverb(const csent *s, uint32_t i)
{
    an_span w = s->tk[i].norm;
    if (w.n < 5 || w.p[w.n - 2] != 'l' || w.p[w.n - 1] != 'y')
        return false;
    if (s->tk[i].flags & AN_TOK_CAP)
        return false;
    uint8_t f = an_dict_wflags(s->d, s->dt[i].word);
    return !(f & AN_DW_VERB);
}

/* May token i be part of a verb group before a verb? */
static bool group_word(const csent *s, uint32_t i)
{
    const an_tok *t = &s->tk[i];
    if (s->parsed) {
        uint8_t r = t->deprel;
        if (r == AN_DEP_AUX || r == AN_DEP_AUX_PASS)
            return true;
        if (r == AN_DEP_ADVMOD && (t->upos == AN_UPOS_ADV || t->upos == AN_UPOS_PART))
            return true;
        if (r == AN_DEP_MARK && an_span_eq(t->norm, "to"))
            return true;
    }
    an_span w = t->norm;
    return IN(w, BE) || IN(w, HAVE) || IN(w, DO) || IN(w, FUTURE) ||
           IN(w, COND) || IN(w, NEG) || IN(w, GROUP_ADV) ||
           an_span_eq(w, "to") || ly_adverb(s, i);
}

/* ---- units ---- */

static int build_units(csent *s, size_t a0, size_t a1)
{
    const an_actor_mention *am = s->doc->actors;
    size_t cnt = a1 - a0;
    s->mem = an_arena_array(s->mem_arena, cnt ? cnt : 1, sizeof *s->mem);
    s->u = an_arena_array(s->mem_arena, cnt ? cnt : 1, sizeof *s->u);
    if (!s->mem || !s->u)
        return AN_ENOMEM;
    s->nu = s->nmem = 0;
    /* Members of one group are contiguous in text order except when a
       group skips over an apposition; collect group by group. */
    bool *used = an_arena_zalloc(s->mem_arena, cnt ? cnt : 1);
    if (!used)
        return AN_ENOMEM;
    for (size_t i = a0; i < a1; i++) {
        if (used[i - a0] || !am[i].ref.code || !strcmp(am[i].ref.code, "---"))
            continue;
        uint32_t g = am[i].group;
        cunit *u = &s->u[s->nu];
        u->m0 = (uint32_t)s->nmem;
        u->nm = 0;
        u->lo = UINT32_MAX;
        u->hi = 0;
        for (size_t j = i; j < a1; j++) {
            if (used[j - a0] || am[j].group != g || !am[j].ref.code ||
                !strcmp(am[j].ref.code, "---"))
                continue;
            used[j - a0] = true;
            s->mem[s->nmem++] = &am[j];
            u->nm++;
            uint32_t lo = am[j].tok - s->base, hi = lo + am[j].ntok;
            if (lo < u->lo)
                u->lo = lo;
            if (hi > u->hi)
                u->hi = hi;
        }
        if (u->hi > s->n || u->lo >= u->hi)
            continue;
        /* Units must not overlap: a later overlapping one is dropped. */
        bool clash = false;
        for (uint32_t t = u->lo; t < u->hi; t++)
            clash |= s->unit_in[t] >= 0;
        if (clash) {
            s->nmem -= u->nm;
            continue;
        }
        u->ncodes = 0;
        for (uint32_t k = 0; k < u->nm; k++) {
            bool dup = false;
            for (uint32_t q = 0; q < k; q++)
                dup |= !strcmp(s->mem[u->m0 + q]->ref.code, s->mem[u->m0 + k]->ref.code);
            u->ncodes += !dup;
        }
        for (uint32_t t = u->lo; t < u->hi; t++) {
            s->unit_in[t] = (int32_t)s->nu;
            s->fl[t] |= CT_UNIT;
        }
        s->unit_at[u->lo] = (int32_t)s->nu;
        s->nu++;
    }
    return AN_OK;
}

/* ---- what is no actor in news (strict) ---- */

/* Remove unit k from the sentence's units (its tokens stay words). */
static void drop_unit(csent *s, size_t k)
{
    cunit *u = &s->u[k];
    for (uint32_t t = u->lo; t < u->hi; t++) {
        if (s->unit_in[t] == (int32_t)k) {
            s->unit_in[t] = -1;
            s->fl[t] &= (uint16_t)~CT_UNIT;
        }
        if (s->unit_at[t] == (int32_t)k)
            s->unit_at[t] = -1;
    }
}

/* Prepositions that say where something happens. */
static bool locative(an_span w)
{
    static const char *const loc[] = {"in", "at", "near", "outside", "inside",
                                      "throughout", "across", "around", "within",
                                      "off"};
    return IN(w, loc);
}

/* A personal pronoun. */
static bool pronoun_norm(an_span w)
{
    static const char *const p[] = {"he", "she", "it", "they", "we", "him", "her", "them"};
    return IN(w, p);
}

/* A word naming a city ("the capital, Athens"). */
static bool city_word(an_span w)
{
    return an_span_eq(w, "capital") || an_span_eq(w, "city") || an_span_eq(w, "town");
}

/* Heads of geographic names before "of" ("the Gulf of Aden"). */
static bool geo_head(an_span w)
{
    static const char *const g[] = {"gulf", "sea", "bay", "strait", "straits", "horn",
                                    "cape", "coast", "port", "lake", "isle", "island",
                                    "islands", "mount", "river", "valley", "ocean",
                                    "peninsula", "province", "state", "region",
                                    "district", "county", "city", "republic"};
    return IN(w, g);
}

/* Nouns of places a country or city may own ("Greece's second largest
   city", "Iran's south-western province"). */
static bool place_noun(an_span w)
{
    static const char *const g[] = {"city", "cities", "capital", "town", "towns",
                                    "village", "villages", "province", "provinces",
                                    "region", "regions", "district", "districts",
                                    "county", "coast", "coastline", "island", "islands",
                                    "port", "ports", "border", "borders", "territory",
                                    "airspace", "waters", "streets", "outskirts"};
    return IN(w, g);
}

/* Sectors that stand for actors of political events on their own; others
   ("customers", "website", "company", "passengers") without a country are
   background, not actors (strict). */
static bool political_sector(const char *sec)
{
    static const char *const ok[] = {"COP", "MIL", "REB", "INS", "UAF", "OPP",
                                     "SPY", "GOV", "LEG", "JUD", "PTY", "CRM",
                                     "REF", "ELI", "IGO", "NGO", "MOD", "RAD",
                                     "SEP", "MUS", "CVL", "PPL"};
    for (size_t i = 0; i < AN_COUNT(ok); i++)
        if (!strncmp(sec, ok[i], 3))
            return true;
    return false;
}

/*
** News precision (an_code_opts.strict): actor units that are no actors
** of the events in the sentence.
**   - a city or capital named where something happens ("talks in Doha",
**     "a store in central Paris"), or inside a geographic name ("the Gulf
**     of Aden"): a place, not its government;
**   - a country or region named where something happens is kept, marked,
**     and is a target only of force ("attacks in Gaza");
**   - a nationality adjective on a noun of land or sea ("Somali
**     waters", "the Somali coast");
**   - a bare sector word of no political kind ("customers", "website"),
**     and one owned by a pronoun ("its commandos": the subject's own).
*/
static void strict_units(csent *s)
{
    size_t np;
    const an_place_mention *pl = an_doc_places(s->doc, &np);
    for (size_t k = 0; k < s->nu; k++) {
        cunit *u = &s->u[k];
        u->where = 0;
        /* The place it is, if the gazetteer read one over its words. */
        int kind = 0;
        bool gz_dem = false; /* the gazetteer read a demonym over it */
        for (size_t i = 0; i < np; i++) {
            if (pl[i].sent != s->si)
                continue;
            uint32_t a = pl[i].tok - s->base, b = a + pl[i].ntok;
            if (pl[i].demonym) {
                gz_dem |= a <= u->lo && b >= u->hi;
                continue;
            }
            if (a < u->hi && b > u->lo)
                kind = pl[i].kind;
        }
        bool capital = false, demonym = false, bare = true, lower = true;
        for (uint32_t t = u->lo; t < u->hi && lower; t++) {
            const an_tok *tt = &s->tk[t];
            const char *tp = s->doc->text.p + tt->start;
            for (uint32_t b = 0; b < tt->end - tt->start && lower; b++)
                lower = !(tp[b] >= 'A' && tp[b] <= 'Z');
        }
        /* Pronouns for actors ("he", "they"): only for an actor named in
           the same sentence ("Obama said he would not ..."); across
           sentences the guess is too often wrong for news. */
        bool far_pronoun = false;
        for (uint32_t m = 0; m < u->nm; m++) {
            const an_actor_mention *am = s->mem[u->m0 + m];
            if (am->ref.how != AN_ACTOR_COREF)
                continue;
            lower = false;
            size_t na;
            const an_actor_mention *all = an_doc_actors(s->doc, &na);
            bool pron = u->hi - u->lo == 1 && pronoun_norm(s->tk[u->lo].norm);
            far_pronoun |= pron && (am->antecedent < 0 || (size_t)am->antecedent >= na ||
                                    all[am->antecedent].sent != s->si);
        }
        if (far_pronoun) {
            drop_unit(s, k);
            continue;
        }
        for (uint32_t m = 0; m < u->nm; m++) {
            const an_actor_mention *am = s->mem[u->m0 + m];
            if (am->entry < s->d->meta.nactors) {
                capital |= s->d->actors[am->entry].kind == AN_DK_CAPITAL;
                demonym |= s->d->actors[am->entry].kind == AN_DK_DEMONYM &&
                           !am->ref.sector[0];
            }
            bare &= !strncmp(am->ref.code, "---", 3);
        }
        /* What stands before it: prepositions through "the", adjectives
           and a geographic head with "of" ("the Gulf of Aden", "the
           streets of Athens", "the centre of the capital, Athens"). */
        uint32_t j = u->lo;
        bool geo = false;
        static const char *const urban[] = {"streets", "street", "centre", "center",
                                            "outskirts", "suburbs", "heart", "capital",
                                            "city", "town", "area", "areas", "parts",
                                            "part", "north", "south", "east", "west"};
        while (j > 0) {
            an_span w = s->tk[j - 1].norm;
            if (an_span_eq(w, ",") && j > 1 && city_word(s->tk[j - 2].norm)) {
                geo = true; /* "the capital, Athens" */
                j -= 2;
                continue;
            }
            if (an_span_eq(w, "of") && j > 1 && IN(s->tk[j - 2].norm, urban)) {
                geo = true;
                j -= 2;
                continue;
            }
            if (an_span_eq(w, "the") || an_span_eq(w, "central") || an_span_eq(w, "northern") ||
                an_span_eq(w, "southern") || an_span_eq(w, "eastern") ||
                an_span_eq(w, "western") || an_span_eq(w, "downtown")) {
                j--;
                continue;
            }
            if (an_span_eq(w, "of") && j > 1 && geo_head(s->tk[j - 2].norm) &&
                (s->tk[j - 2].flags & AN_TOK_CAP)) {
                geo = true;
                j -= 2;
                continue;
            }
            break;
        }
        /* "near Seattle, Washington": a place name after a town and a
           comma is the town's state or country, a place ("Juba, Mr.
           Kiir" is not). */
        if (u->lo >= 2 && an_span_eq(s->tk[u->lo - 1].norm, ",") && (capital || kind)) {
            for (size_t i = 0; i < np && !geo; i++) {
                if (pl[i].sent != s->si || pl[i].demonym || pl[i].tok < s->base)
                    continue;
                uint32_t a = pl[i].tok - s->base;
                geo = a + pl[i].ntok == u->lo - 1 && (pl[i].kind == 1 || pl[i].kind == 2);
            }
        }
        /* "Deutsche Bank of Germany": a country after "of" that an actor
           before it already belongs to names where that actor is from. */
        if (u->lo >= 2 && an_span_eq(s->tk[u->lo - 1].norm, "of") && u->nm >= 1 &&
            s->unit_in[u->lo - 2] >= 0 && (size_t)s->unit_in[u->lo - 2] != k) {
            const cunit *o = &s->u[s->unit_in[u->lo - 2]];
            const char *cc = s->mem[u->m0]->ref.code;
            bool own = strlen(cc) == 3 && u->nm == 1;
            bool shared = false;
            for (uint32_t m = 0; m < o->nm && own && !shared; m++) {
                const char *oc = s->mem[o->m0 + m]->ref.code;
                for (size_t q = 0; oc && q + 3 <= strlen(oc) && !shared; q += 3)
                    shared = !memcmp(oc + q, cc, 3); /* DEUGOV, MNCDEU */
            }
            if (own && shared) {
                drop_unit(s, k);
                continue;
            }
        }
        /* "molotov cocktails", "turkey": a name written in lower case in
           a sentence that is not is a common word. */
        if (lower && !bare && !s->allcaps && !demonym) {
            drop_unit(s, k);
            continue;
        }
        bool loc = j > 0 && locative(s->tk[j - 1].norm);
        bool city = capital || kind == 1 || kind == 2;
        /* "an Athens branch", "Athens underground stations": a city on a
           noun is where, not who; "US$ 30 billion" is money. */
        bool modifier = false, money = false;
        if (u->hi < s->n) {
            const an_tok *t = &s->tk[u->hi];
            money = an_span_eq(t->norm, "$");
            modifier = city && !(t->flags & (AN_TOK_PUNCT | AN_TOK_CAP | AN_TOK_DIGIT)) &&
                       s->unit_in[u->hi] < 0 &&
                       (s->tagged ? t->upos == AN_UPOS_NOUN || t->upos == AN_UPOS_ADJ
                                  : !(an_dict_wflags(s->d, s->dt[u->hi].word) & AN_DW_VERB) &&
                                        !IN(t->norm, PREP) && !IN(t->norm, COORD) &&
                                        !IN(t->norm, BE) && !IN(t->norm, HAVE) &&
                                        !IN(t->norm, FUTURE) && !IN(t->norm, COND) &&
                                        !IN(t->norm, REPORT));
        }
        /* "in Greece's second largest city", "Sudan's South Kordofan
           region", "Indonesia's northwestern province of Aceh": the owner
           of a place noun names where, not who: after "in", "at", ...
           no actor; elsewhere a place (the target of force only). */
        bool owner_of_place = false;
        if (u->hi + 1 < s->n && an_span_eq(s->tk[u->hi].norm, "'s")) {
            for (uint32_t q = u->hi + 1; q < s->n && q < u->hi + 5; q++) {
                if (place_noun(s->tk[q].norm)) {
                    owner_of_place = true;
                    break;
                }
                if (s->unit_in[q] >= 0 || (s->fl[q] & CT_PUNCT))
                    break;
            }
        }
        if (geo || (loc && city) || modifier || money || (loc && owner_of_place)) {
            drop_unit(s, k);
            continue;
        }
        /* A city or region coded as its bare country ("Oklahoma has
           convicted"): a place, which force may hit ("attacked Kharkiv")
           but which does nothing itself (its government would carry a
           sector). */
        if ((kind == 1 || kind == 3) && !capital && u->nm == 1 &&
            strlen(s->mem[u->m0]->ref.code) == 3)
            u->where = 1;
        if ((loc && (kind == 3 || kind == 4)) || owner_of_place)
            u->where = 1; /* "moved into Gaza's second largest city": force may
                             hit a place */
        /* "Somali waters", "the Somali coast": nationalities on a place
           noun name no actor. */
        bool all_dem = demonym || (gz_dem && u->nm == 1 &&
                                   strlen(s->mem[u->m0]->ref.code) == 3);
        for (uint32_t m = 0; m < u->nm && all_dem && !gz_dem; m++) {
            const an_actor_mention *am = s->mem[u->m0 + m];
            all_dem = am->entry < s->d->meta.nactors &&
                      s->d->actors[am->entry].kind == AN_DK_DEMONYM && !am->ref.sector[0];
        }
        if (all_dem && u->hi < s->n) {
            const an_tok *t = &s->tk[u->hi];
            an_span w = t->norm;
            static const char *const stop[] = {"and", "or", "of", "in", "to", "'s"};
            /* Land and sea: the nationality names a place ("Ukrainian
               drones attacked", by contrast, names the actor). */
            static const char *const land[] = {
                "waters", "water", "coast", "coastline", "coasts", "territory",
                "territories", "soil", "airspace", "border", "borders", "shores",
                "shore", "side", "capital", "city", "cities", "town", "towns",
                "village", "villages", "port", "ports", "province", "region",
                "countryside", "mainland", "island", "islands", "seas", "sea-borne"};
            (void)stop;
            bool noun = IN(w, land);
            if (noun) {
                drop_unit(s, k);
                continue;
            }
        }
        if (bare) {
            const char *sec = s->mem[u->m0]->ref.code + 3;
            /* "its (marine) commandos": back over lower-case words. */
            uint32_t b = u->lo;
            while (b > 0 && b + 2 > u->lo && !(s->tk[b - 1].flags & (AN_TOK_CAP | AN_TOK_PUNCT)) &&
                   !IN(s->tk[b - 1].norm, POSSESSIVE) && !IN(s->tk[b - 1].norm, PREP) &&
                   !IN(s->tk[b - 1].norm, DET))
                b--;
            bool own = b > 0 && IN(s->tk[b - 1].norm, POSSESSIVE);
            if (!political_sector(sec) || own)
                drop_unit(s, k);
        }
    }
}

/* ---- compounds ---- */


/*
** May the tokens [a, b) join two actors of a compound?  Commas and one
** conjunction ("and", "or", "nor", "&"), articles and lower-case words
** that are neither verbs nor prepositions ("Fornost and the evil awful
** Gondor").  *conj tells whether a conjunction was seen.
*/
static bool joiner(const csent *s, uint32_t a, uint32_t b, bool *conj, bool *comma)
{
    *conj = *comma = false;
    if (b <= a || b - a > 5)
        return false;
    uint32_t words = 0;
    for (uint32_t i = a; i < b; i++) {
        an_span w = s->tk[i].norm;
        if (an_span_eq(w, ",")) {
            *comma = true;
            continue;
        }
        if (an_span_eq(w, "and") || an_span_eq(w, "or") || an_span_eq(w, "nor") ||
            an_span_eq(w, "&")) {
            if (*conj)
                return false;
            *conj = true;
            continue;
        }
        if (an_span_eq(w, "the") || an_span_eq(w, "a") || an_span_eq(w, "an")) {
            words++;
            continue;
        }
        const an_tok *t = &s->tk[i];
        if ((t->flags & (AN_TOK_PUNCT | AN_TOK_DIGIT)) || (t->flags & AN_TOK_CAP) ||
            IN(w, PREP) || IN(w, REPORT))
            return false;
        uint8_t wf = an_dict_wflags(s->d, s->dt[i].word);
        if (wf & AN_DW_VERB)
            return false;
        if (s->parsed && t->upos != AN_UPOS_ADJ && t->upos != AN_UPOS_ADV)
            return false;
        words++;
    }
    return words <= 3 && (*conj || *comma);
}

/* Is a token of [b0, b1) a "conj" dependent of a token of [a0, a1)? */
static bool conj_linked(const csent *s, uint32_t a0, uint32_t a1, uint32_t b0,
                        uint32_t b1)
{
    for (uint32_t t = b0; t < b1; t++) {
        int32_t h = s->tk[t].head;
        if (s->tk[t].deprel == AN_DEP_CONJ && h >= (int32_t)a0 && h < (int32_t)a1)
            return true;
    }
    return false;
}

/*
** Regroup the sentence's actors into compounds.  The actor stage groups
** actors separated only by commas and a conjunction; here a compound may
** also hold articles and adjectives between its members ("Evil Mordor,
** the awful Fornost, and good Gondor"), "neither ... nor", and it closes
** after the member that follows its conjunction ("between Calenardhon
** and Gondor, and Gondor and Dagolath" is two compounds).  With a parse,
** members are joined by "conj" arcs instead.
*/
static int regroup(csent *s)
{
    if (s->nu < 2 && (s->nu == 0 || s->u[0].nm < 2))
        return AN_OK;
    /* Atoms: the mentions of one token span (a compound code gives
       several). */
    size_t na = 0;
    uint32_t *alo = an_arena_array(s->mem_arena, s->nmem + 1, sizeof *alo);
    uint32_t *ahi = an_arena_array(s->mem_arena, s->nmem + 1, sizeof *ahi);
    uint32_t *am0 = an_arena_array(s->mem_arena, s->nmem + 1, sizeof *am0);
    uint32_t *anm = an_arena_array(s->mem_arena, s->nmem + 1, sizeof *anm);
    const an_actor_mention **mem2 = an_arena_array(s->mem_arena, s->nmem + 1, sizeof *mem2);
    cunit *u2 = an_arena_array(s->mem_arena, s->nmem + 1, sizeof *u2);
    if (!alo || !ahi || !am0 || !anm || !mem2 || !u2)
        return AN_ENOMEM;
    /* Members in token order. */
    size_t nm = 0;
    for (size_t k = 0; k < s->nu; k++)
        for (uint32_t j = 0; j < s->u[k].nm; j++)
            mem2[nm++] = s->mem[s->u[k].m0 + j];
    for (size_t i = 1; i < nm; i++) {
        const an_actor_mention *x = mem2[i];
        size_t j = i;
        while (j > 0 && mem2[j - 1]->tok > x->tok) {
            mem2[j] = mem2[j - 1];
            j--;
        }
        mem2[j] = x;
    }
    for (size_t i = 0; i < nm;) {
        size_t j = i + 1;
        while (j < nm && mem2[j]->tok == mem2[i]->tok && mem2[j]->ntok == mem2[i]->ntok)
            j++;
        alo[na] = mem2[i]->tok - s->base;
        ahi[na] = alo[na] + mem2[i]->ntok;
        am0[na] = (uint32_t)i;
        anm[na] = (uint32_t)(j - i);
        na++;
        i = j;
    }
    /* Chains of atoms. */
    size_t nu = 0, at = 0;
    while (at < na) {
        size_t b = at + 1;
        bool seen = false;
        /* "neither A nor B" */
        while (b < na) {
            bool conj, comma;
            if (s->parsed && (conj_linked(s, alo[b - 1], ahi[b - 1], alo[b], ahi[b]) ||
                              conj_linked(s, alo[at], ahi[at], alo[b], ahi[b]))) {
                /* UD hangs every conjunct on the first one; a compound
                   still closes after the member that follows its
                   conjunction ("between A and B, and C and D"). */
                bool c2, m2;
                bool j2 = joiner(s, ahi[b - 1], alo[b], &c2, &m2);
                if (seen && j2 && (c2 || m2))
                    break;
                seen |= j2 && c2;
                b++;
                continue;
            }
            if (!joiner(s, ahi[b - 1], alo[b], &conj, &comma))
                break;
            if (seen && (conj || comma))
                break;
            seen |= conj;
            b++;
        }
        if (!seen)
            b = at + 1;
        /* Keep the actor stage's own grouping when it is larger (it
           knows agent sharing such as "lawmakers in Fornost and Gondor"). */
        cunit *u = &u2[nu++];
        u->lo = alo[at];
        u->hi = ahi[b - 1];
        u->m0 = am0[at];
        u->nm = am0[b - 1] + anm[b - 1] - am0[at];
        at = b;
    }
    /* Adopt the new units unless they would split a unit of the actor
       stage in a way the chain rule does not explain (keep theirs). */
    for (uint32_t t = 0; t < s->n; t++) {
        s->unit_in[t] = s->unit_at[t] = -1;
        s->fl[t] &= (uint16_t)~CT_UNIT;
    }
    s->mem = mem2;
    s->u = u2;
    s->nu = 0;
    for (size_t k = 0; k < nu; k++) {
        cunit *u = &u2[k];
        bool clash = false;
        for (uint32_t t = u->lo; t < u->hi; t++)
            clash |= s->unit_in[t] >= 0;
        if (clash)
            continue;
        u->ncodes = 0;
        for (uint32_t x = 0; x < u->nm; x++) {
            bool dup = false;
            for (uint32_t q = 0; q < x; q++)
                dup |= !strcmp(s->mem[u->m0 + q]->ref.code, s->mem[u->m0 + x]->ref.code);
            u->ncodes += !dup;
        }
        s->u[s->nu] = *u;
        for (uint32_t t = u->lo; t < u->hi; t++) {
            s->unit_in[t] = (int32_t)s->nu;
            s->fl[t] |= CT_UNIT;
        }
        s->unit_at[u->lo] = (int32_t)s->nu;
        s->nu++;
    }
    return AN_OK;
}

/* ---- verb candidates ---- */

/* Is the verb form from a TABARI .verbs file? */
static bool is_tabari_form(const an_dict *d, const an_dvform *v)
{
    if (v->file >= d->meta.nfiles)
        return false;
    const char *f = an_dict_str(d, d->files[v->file]);
    size_t n = strlen(f);
    return n > 6 && !strcmp(f + n - 6, ".verbs");
}

/* Do the words a multi-word form needs stand around token i? Returns the
   phrase span in *lo, *hi. */
static bool form_fits(const csent *s, uint32_t i, const an_dvform *f,
                      uint32_t *lo, uint32_t *hi)
{
    uint32_t nb = f->nbefore, na = f->nafter;
    if (nb + na > AN_DICT_VFORM_WORDS || i < nb || i + 1 + na > s->n)
        return false;
    for (uint32_t k = 0; k < nb; k++) {
        const an_dtok *t = &s->dt[i - nb + k];
        uint32_t w = f->words[k];
        bool ok = t->word == w;
        for (size_t q = 0; q < t->nstem && !ok; q++)
            ok = t->stem[q] == w;
        if (!ok)
            return false;
    }
    /* The words after the verb follow it directly ("cordoned off"); in
       TABARI's verb phrases ("DEATH TOLL RISEN") a few words may come
       between ("death toll has risen"). */
    uint32_t maxgap = s->tabari_verbs && is_tabari_form(s->d, f) ? 3 : 0;
    uint32_t j = i + 1;
    for (uint32_t k = 0; k < na; k++, j++) {
        bool ok = false;
        for (uint32_t g = 0; g <= maxgap && j < s->n && !ok; g++, j += !ok) {
            const an_dtok *t = &s->dt[j];
            uint32_t w = f->words[nb + k];
            ok = t->word == w;
            for (size_t q = 0; q < t->nstem && !ok; q++)
                ok = t->stem[q] == w;
            if (!ok && (s->fl[j] & CT_PUNCT))
                break;
        }
        if (!ok)
            return false;
    }
    *lo = i - nb;
    *hi = j;
    return true;
}

/* Is token i a verb, as far as word order can tell? */
static bool verb_by_words(const csent *s, uint32_t i)
{
    const an_tok *t = &s->tk[i];
    if (s->fl[i] & (CT_UNIT | CT_PUNCT | CT_HOLE))
        return false;
    /* "the restore": a determiner right before makes it a noun; so does
       a possessive after it ("donate's"). */
    if (i > 0 && IN(s->tk[i - 1].norm, DET))
        return false;
    if (i + 1 < s->n && an_span_eq(s->tk[i + 1].norm, "'s") &&
        s->tk[i + 1].start == t->end)
        return false;
    /* Outside TABARI's emulation (which codes "its resumption"), a word
       right after a possessive ("their meeting"), a preposition other
       than "to" ("in favor", "for talks") or a number ("two attacks") is a
       noun. */
    if (s->o->roles != AN_ROLES_FIRST && i > 0) {
        const an_tok *p = &s->tk[i - 1];
        an_span w = p->norm;
        if (IN(w, POSSESSIVE) || (IN(w, PREP) && !an_span_eq(w, "to") &&
                                  !an_span_eq(w, "that") && !an_span_eq(w, "who") &&
                                  !an_span_eq(w, "which")) ||
            ((p->flags & AN_TOK_DIGIT) && !(p->flags & AN_TOK_PUNCT)))
            return false;
    }
    /* "an anti- Gondor parade", "the Russian building": an actor used as
       a modifier inside a noun phrase opened by an article. */
    if (s->o->roles != AN_ROLES_FIRST && i > 0 && s->unit_in[i - 1] >= 0) {
        const cunit *u = &s->u[s->unit_in[i - 1]];
        uint32_t j = u->lo, mods = 0;
        while (j > 0 && mods < 2 && !IN(s->tk[j - 1].norm, DET)) {
            an_span w = s->tk[j - 1].norm;
            if (!(w.n > 1 && w.p[w.n - 1] == '-'))
                break;
            j--;
            mods++;
        }
        bool demonym = u->hi - u->lo == 1 && u->nm == 1 &&
                       s->mem[u->m0]->entry < s->d->meta.nactors &&
                       s->d->actors[s->mem[u->m0]->entry].kind == AN_DK_DEMONYM;
        if (j > 0 && IN(s->tk[j - 1].norm, DET) && (mods || demonym))
            return false;
    }
    /* "about To Restore": a capitalised word inside a sentence that is not
       written in capitals is a name or a title, not a verb. */
    if (i > 0 && (t->flags & AN_TOK_CAP) && !s->allcaps &&
        !(s->tk[i - 1].flags & AN_TOK_PUNCT))
        return false;
    return true;
}

/*
** Is token i a verb only in form: "according to", or (parsed) a
** participle used as an adjective before its noun ("a telephoned bomb
** threat", "a failed bid", "America's leading spokesperson") or as part
** of a compound noun?  Such a word names no act.
*/
static bool verb_in_form_only(const csent *s, uint32_t i)
{
    const an_tok *t = &s->tk[i];
    if (an_span_eq(t->norm, "according") && i + 1 < s->n && an_span_eq(s->tk[i + 1].norm, "to"))
        return true;
    /* News: "built on occupied Palestinian land", "from the besieged
       city", "their detained leaders": a past participle right after a
       preposition, an article or a possessive, before a word, modifies
       what follows (a finite verb never stands there). */
    if (s->o->strict && i > 0 && i + 1 < s->n &&
        (t->xpos == AN_XPOS_VBN || t->xpos == AN_XPOS_VBD) &&
        !(s->tk[i + 1].flags & AN_TOK_PUNCT)) {
        /* ... also with an adverb between: "with diametrically opposed
           ideologies", "the newly elected parliament". */
        uint32_t b = i - 1;
        if (b > 0 && s->tk[b].xpos == AN_XPOS_RB && !IN(s->tk[b].norm, NEG))
            b--;
        an_span w = s->tk[b].norm;
        if (IN(w, DET) || IN(w, POSSESSIVE) ||
            (IN(w, PREP) && !an_span_eq(w, "to") && !an_span_eq(w, "that") &&
             !an_span_eq(w, "which") && !an_span_eq(w, "who") && !an_span_eq(w, "as") &&
             !an_span_eq(w, "than")))
            return true;
    }
    /* "put alleged terrorist mastermind Osama Bin Laden on the list",
       "accused doctor killer James Kopp": these participles before a noun
       (amod) qualify it; the accusation is no act of the sentence. */
    if (s->parsed && t->deprel == AN_DEP_AMOD && t->head > (int32_t)i) {
        static const char *const q[] = {"alleged", "accused", "suspected", "convicted",
                                        "purported", "reputed", "presumed", "wanted"};
        for (size_t k = 0; k < sizeof q / sizeof q[0]; k++)
            if (an_span_eq(t->norm, q[k]))
                return true;
    }
    /* "within striking distance of Iraq", "a ruling party": a gerund
       that modifies the common noun right after it (amod, compound) is
       an adjective, when that noun is no actor. */
    if (s->o->strict && s->parsed && t->xpos == AN_XPOS_VBG && i + 1 < s->n &&
        (t->deprel == AN_DEP_AMOD || t->deprel == AN_DEP_COMPOUND) &&
        t->head == (int32_t)i + 1 && s->tk[i + 1].upos == AN_UPOS_NOUN &&
        !(s->fl[i + 1] & CT_UNIT))
        return true;
    /* "a group called the International Working Group", "a ship named
       Grace 1": a participle of naming on the noun before it names that
       noun, whatever CAMEO's patterns of "call" say. */
    if (s->parsed && i > 0 && t->xpos == AN_XPOS_VBN && t->deprel == AN_DEP_ACL &&
        (s->tk[i - 1].upos == AN_UPOS_NOUN || s->tk[i - 1].upos == AN_UPOS_PROPN)) {
        static const char *const nm[] = {"called", "named", "dubbed", "titled", "entitled",
                                         "nicknamed", "labelled", "labeled", "known"};
        for (size_t k = 0; k < sizeof nm / sizeof nm[0]; k++)
            if (an_span_eq(t->norm, nm[k]))
                return true;
    }
    if (!s->parsed || (t->deprel != AN_DEP_AMOD && t->deprel != AN_DEP_COMPOUND) ||
        t->head <= (int32_t)i || (uint32_t)t->head >= s->n)
        return false;
    /* Inside a noun phrase: its noun has a determiner, possessor or
       modifier before the participle.  "Russian police arrested students"
       parsed as arrested <-amod- students is a misparse of a verb. */
    for (uint32_t d = 0; d < i; d++) {
        uint8_t r = s->tk[d].deprel;
        if (s->tk[d].head == t->head &&
            (r == AN_DEP_DET || r == AN_DEP_NMOD_POSS || r == AN_DEP_AMOD || r == AN_DEP_NUMMOD))
            return true;
    }
    return false;
}

/* Is token i a verb by its tag (and, parsed, an auxiliary heading its own
   clause)? */
static bool verb_by_parse(const csent *s, uint32_t i)
{
    const an_tok *t = &s->tk[i];
    if (s->fl[i] & (CT_UNIT | CT_HOLE))
        return false;
    if (verb_in_form_only(s, i))
        return false;
    return t->upos == AN_UPOS_VERB ||
           (s->parsed && t->upos == AN_UPOS_AUX && t->deprel != AN_DEP_AUX &&
            t->deprel != AN_DEP_AUX_PASS && t->deprel != AN_DEP_COP);
}


/*
** A dictionary verb form the tagger did not tag as a verb, where that tag
** is implausible and word order reads a verb ("Ethiopia departs from
** Libya" tagged NNS, "Russia shells Kharkiv" tagged NNS):
**   - parsed: the word heads a subject (nsubj) and no copula, so it is
**     used as a predicate whatever its tag;
**   - tagged only: an actor stands right before it (auxiliaries and
**     adverbs may come between) and nothing tagged as a verb comes
**     between the start of its clause and it, so the clause would have
**     no verb at all.
** Only nouns, proper nouns, adjectives and unknown words are reconsidered.
*/
static bool verb_by_fallback(const csent *s, uint32_t i)
{
    const an_tok *t = &s->tk[i];
    if (s->fl[i] & (CT_UNIT | CT_HOLE | CT_PUNCT))
        return false;
    if (t->upos != AN_UPOS_NOUN && t->upos != AN_UPOS_PROPN &&
        t->upos != AN_UPOS_ADJ && t->upos != AN_UPOS_X)
        return false;
    if (!verb_by_words(s, i))
        return false;
    if (s->parsed) {
        bool subj = false, cop = false;
        for (uint32_t c = 0; c < s->n; c++) {
            if (s->tk[c].head != (int32_t)i)
                continue;
            uint8_t r = s->tk[c].deprel;
            subj |= r == AN_DEP_NSUBJ && c < i && s->unit_in[c] >= 0;
            cop |= r == AN_DEP_COP || r == AN_DEP_CASE || r == AN_DEP_DET ||
                   r == AN_DEP_NMOD_POSS;
        }
        if (subj && !cop)
            return true;
        /* With a parse, the word-order reading below only when the
           tagger found no verb in the whole sentence (a headline). */
        for (uint32_t j = 0; j < s->n; j++)
            if (s->tk[j].upos == AN_UPOS_VERB)
                return false;
    }
    uint32_t g = i;
    while (g > 0 && group_word(s, g - 1) && !(s->fl[g - 1] & CT_UNIT))
        g--;
    if (g == 0 || s->unit_in[g - 1] < 0)
        return false;
    for (uint32_t j = g; j-- > 0;) {
        an_span w = s->tk[j].norm;
        if (an_span_eq(w, ";") || an_span_eq(w, ":") || IN(w, SUBORD) || IN(w, RELPRON))
            break;
        if (s->tk[j].upos == AN_UPOS_VERB || s->tk[j].upos == AN_UPOS_AUX)
            return false;
    }
    return true;
}

enum { FORMS_ALL = 0, FORMS_ENDINGS = 1 };

static void add_forms(const csent *s, cframe *f, uint32_t w, uint32_t i,
                      uint32_t *lo, uint32_t *hi, int which)
{
    for (const an_dvform *v = an_dict_vform(s->d, w); v && f->nforms < AN_COUNT(f->forms);
         v = an_dict_vform_next(s->d, v)) {
        uint32_t a, b;
        if (v->block >= s->d->meta.nblocks || !form_fits(s, i, v, &a, &b))
            continue;
        if (which == FORMS_ENDINGS && !(v->flags & AN_DVF_ENDINGS))
            continue;
        bool dup = false;
        for (uint32_t k = 0; k < f->nforms; k++)
            dup |= f->forms[k] == v;
        if (dup)
            continue;
        /* Prefer the longest phrase for the frame's span. */
        if (b - a > *hi - *lo) {
            *lo = a;
            *hi = b;
        }
        f->forms[f->nforms++] = v;
    }
}

/*
** Forms reached through the token's base form: its lemma when the
** sentence is tagged (any dictionary), and for TABARI words written
** "WORD_" the regular endings read backwards (departs, departed,
** departing, departen -> depart; deplored -> deplore).
*/
static void base_forms(const csent *s, cframe *f, uint32_t i)
{
    an_span w = s->tk[i].norm;
    if (s->tagged && s->tk[i].lemma.n && f->nforms == 0) {
        uint32_t id = an_dict_word(s->d, s->tk[i].lemma.p, s->tk[i].lemma.n);
        if (id != AN_DICT_NONE)
            add_forms(s, f, id, i, &f->vlo, &f->vhi, FORMS_ALL);
    }
    if (!s->tabari_verbs || w.n < 4 || w.n > 60)
        return;
    static const char *const ends[] = {"ing", "es", "ed", "en", "s", "d"};
    for (size_t k = 0; k < AN_COUNT(ends); k++) {
        size_t el = strlen(ends[k]);
        if (w.n <= el + 2 || memcmp(w.p + w.n - el, ends[k], el) != 0)
            continue;
        uint32_t id = an_dict_word(s->d, w.p, w.n - el);
        if (id != AN_DICT_NONE)
            add_forms(s, f, id, i, &f->vlo, &f->vhi, FORMS_ENDINGS);
        /* "deploring" -> "deplore" */
        if (!strcmp(ends[k], "ing")) {
            char b[64];
            memcpy(b, w.p, w.n - 3);
            b[w.n - 3] = 'e';
            id = an_dict_word(s->d, b, w.n - 2);
            if (id != AN_DICT_NONE)
                add_forms(s, f, id, i, &f->vlo, &f->vhi, FORMS_ENDINGS);
        }
    }
}

/* ---- frames from word order ---- */

static bool is_w(const csent *s, uint32_t i, const char *w)
{
    return i < s->n && an_span_eq(s->tk[i].norm, w);
}

/*
** Clause segmentation in word order.  hard[i] marks a boundary before
** token i that windows do not cross (";", VP and clause coordination, a
** trailing attribution); soft[i] a boundary before i that starts a new
** clause for subjects and for the one-event-per-clause rule (subordinate
** and relative clauses, the complement of a reporting verb).
*/
static void segment(csent *s, uint8_t *hard, uint8_t *soft, const int32_t *fr_at)
{
    uint32_t n = s->n;
    for (uint32_t i = 0; i < n; i++) {
        an_span w = s->tk[i].norm;
        if (an_span_eq(w, ";") || (an_span_eq(w, ":") && i > 2 && i + 3 < n)) {
            if (i + 1 < n)
                hard[i + 1] = soft[i + 1] = 1;
            continue;
        }
        if (s->fl[i] & CT_UNIT)
            continue;
        if (IN(w, SUBORD) || IN(w, RELPRON) ||
            (an_span_eq(w, "that") && i > 0 && !(s->fl[i - 1] & CT_VERB) &&
             !IN(s->tk[i - 1].norm, REPORT))) {
            /* Only a clause when a verb follows before the next comma. */
            for (uint32_t j = i + 1; j < n && j < i + 25; j++) {
                if (punct(&s->tk[j]) && !an_span_eq(s->tk[j].norm, "-"))
                    break;
                if (fr_at[j] >= 0 || (s->parsed ? s->tk[j].upos == AN_UPOS_VERB : false)) {
                    soft[i] = 1;
                    break;
                }
            }
            continue;
        }
        /* After a reporting verb: "said (that) Y attacked Z". */
        if (IN(w, REPORT) && i + 1 < n && !(s->fl[i] & CT_UNIT) &&
            !(s->tk[i].flags & AN_TOK_CAP)) {
            uint32_t j = i + 1;
            if (is_w(s, j, "that"))
                j++;
            /* A verb must follow, with something before it. */
            for (uint32_t k = j + 1; k < n && k < j + 20; k++) {
                if (an_span_eq(s->tk[k].norm, ";"))
                    break;
                if (fr_at[k] >= 0) {
                    soft[j] = 1;
                    break;
                }
            }
            continue;
        }
        /* Coordination: "and" (", and") followed by a verb group, or by
           an actor and a verb. */
        if ((IN(w, COORD) && !an_span_eq(w, "while")) && i > 0) {
            uint32_t j = i + 1;
            while (j < n && group_word(s, j))
                j++;
            if (j < n && fr_at[j] >= 0 && j > i) {
                hard[i] = soft[i] = 1;
                continue;
            }
            if (j < n && s->unit_at[j] >= 0) {
                /* "and then it requested that Elrond assist": an actor
                   and, a few words on, a verb. */
                for (uint32_t k = s->u[s->unit_at[j]].hi; k < n && k < j + 10; k++) {
                    an_span wk = s->tk[k].norm;
                    if (IN(wk, COORD) || an_span_eq(wk, ",") || an_span_eq(wk, ";"))
                        break;
                    if (fr_at[k] >= 0) {
                        hard[i] = soft[i] = 1;
                        break;
                    }
                }
            }
        }
    }
    /* Trailing attribution: ", NP said (on Saturday)." or ", said NP"
       (TABARI has no such rule: its comma rule drops short ones). */
    for (uint32_t i = n; i-- > 1 && s->o->roles != AN_ROLES_FIRST;) {
        if (!an_span_eq(s->tk[i].norm, ","))
            continue;
        uint32_t r = n;
        while (r > i + 1 && punct(&s->tk[r - 1]))
            r--;
        if (r - i > 24)
            break;
        bool rep = false, other_verb = false;
        for (uint32_t j = i + 1; j < r; j++) {
            if (IN(s->tk[j].norm, REPORT))
                rep = true;
            else if (fr_at[j] >= 0 && !(s->fl[j] & CT_AUX))
                other_verb = true;
            if (IN(s->tk[j].norm, SUBORD) || an_span_eq(s->tk[j].norm, "that"))
                other_verb = true;
        }
        if (rep && !other_verb) {
            hard[i + 1] = soft[i + 1] = 1;
            break;
        }
        if (other_verb)
            break;
    }
}

/*
** Fill the frame's verb group, modality, negation and passive from the
** words before the verb (and "to be" chains).
*/
static void verb_group(csent *s, cframe *f)
{
    uint32_t g = f->vlo;
    bool be = false, future = false, cond = false, neg = false, to = false;
    while (g > 0 && group_word(s, g - 1) && !(s->fl[g - 1] & CT_HOLE)) {
        an_span w = s->tk[g - 1].norm;
        if (IN(w, BE))
            be = true;
        if (IN(w, FUTURE))
            future = true;
        if (IN(w, COND))
            cond = true;
        if (neg_at(s, g - 1))
            neg = true;
        if (an_span_eq(w, "to"))
            to = true;
        s->fl[g - 1] |= CT_AUX;
        if (neg_at(s, g - 1))
            s->fl[g - 1] |= CT_NEG;
        g--;
    }
    f->glo = g;
    /* "is scheduled to meet", "plans to attack": the word before "to". */
    if (to && g > 0 && IN(s->tk[g - 1].norm, PLAN))
        future = true;
    if (to && g > 1 && an_span_eq(s->tk[g - 1].norm, "about"))
        future = true;
    f->neg = neg;
    f->mod = future ? AN_MOD_PLANNED : cond ? AN_MOD_HYPOTHETICAL : AN_MOD_ASSERTED;
    /* "is to visit": BE + to */
    if (!future && to && be)
        f->mod = AN_MOD_PLANNED;
    /* Passive: a form of "be" in the group right before a participle. */
    an_span v = s->tk[f->v].norm;
    bool part = s->parsed ? s->tk[f->v].xpos == AN_XPOS_VBN
                          : (v.n > 3 && ((v.p[v.n - 2] == 'e' && v.p[v.n - 1] == 'd') ||
                                         (v.p[v.n - 2] == 'e' && v.p[v.n - 1] == 'n') ||
                                         (v.p[v.n - 2] == 'w' && v.p[v.n - 1] == 'n') ||
                                         an_span_eq(v, "shot") || an_span_eq(v, "hit") ||
                                         an_span_eq(v, "held") || an_span_eq(v, "struck") ||
                                         an_span_eq(v, "seized") || an_span_eq(v, "met") ||
                                         an_span_eq(v, "told") || an_span_eq(v, "sent") ||
                                         an_span_eq(v, "caught") || an_span_eq(v, "fought")));
    bool bewait = false;
    for (uint32_t k = g; k < f->vlo; k++)
        if (IN(s->tk[k].norm, BE) && !an_span_eq(s->tk[k].norm, "being"))
            bewait = true;
        else if (an_span_eq(s->tk[k].norm, "being") || an_span_eq(s->tk[k].norm, "been"))
            bewait = true;
    /* "has been/was" + participle, but not "is about to", "was going". */
    if (bewait && part && !to)
        f->passive = 1;
    f->report = IN(v, REPORT);
    f->speech = IN(v, SPEECH);
}

/* The nearest unit ending before token `at` and at or after `lo`. */
static int32_t unit_before(const csent *s, uint32_t at, uint32_t lo)
{
    for (uint32_t k = at; k-- > lo;) {
        if (s->fl[k] & CT_HOLE)
            continue;
        if (s->unit_in[k] >= 0)
            return s->unit_in[k];
    }
    return -1;
}

/* Is unit u the object of a preposition ("between Radagast")? */
static bool in_pp(const csent *s, uint32_t u)
{
    uint32_t j = s->u[u].lo;
    while (j > 0 && (IN(s->tk[j - 1].norm, DET) || an_span_eq(s->tk[j - 1].norm, "'s")))
        j--;
    return j > 0 && IN(s->tk[j - 1].norm, PREP);
}

static void frames_words(csent *s, const int32_t *fr_at)
{
    uint32_t n = s->n;
    uint8_t *hard = an_arena_zalloc(s->mem_arena, n + 1);
    uint8_t *soft = an_arena_zalloc(s->mem_arena, n + 1);
    if (!hard || !soft)
        return;
    for (size_t k = 0; k < s->nf; k++)
        verb_group(s, &s->f[k]);
    segment(s, hard, soft, fr_at);
    /* Clause ids and window ends. */
    uint32_t *clause = an_arena_array(s->mem_arena, n ? n : 1, sizeof *clause);
    uint32_t *seg_end = an_arena_array(s->mem_arena, n ? n : 1, sizeof *seg_end);
    uint32_t *seg_start = an_arena_array(s->mem_arena, n ? n : 1, sizeof *seg_start);
    uint32_t *cl_start = an_arena_array(s->mem_arena, n ? n : 1, sizeof *cl_start);
    if (!clause || !seg_end || !seg_start || !cl_start)
        return;
    uint32_t c = 0, ss = 0, cs = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (i && soft[i]) {
            c++;
            cs = i;
        }
        if (i && hard[i])
            ss = i;
        clause[i] = c;
        seg_start[i] = ss;
        cl_start[i] = cs;
    }
    uint32_t se = n;
    for (uint32_t i = n; i-- > 0;) {
        seg_end[i] = se;
        if (hard[i])
            se = i;
    }
    for (size_t k = 0; k < s->nf; k++) {
        cframe *f = &s->f[k];
        f->clause = clause[f->v];
        f->seg = seg_start[f->v];
        f->lo = 0;
        /* The upper window runs back over everything before the verb in
           the sentence except past a semicolon. */
        for (uint32_t i = f->v; i-- > 0;)
            if (an_span_eq(s->tk[i].norm, ";")) {
                f->lo = i + 1;
                break;
            }
        f->hi = seg_end[f->v];
        /* Subject. */
        f->subj = -1;
        uint32_t g = f->glo;
        uint32_t p = g;
        while (p > 0 && (s->fl[p - 1] & CT_HOLE))
            p--;
        if (p > 0 && s->unit_in[p - 1] >= 0 && p - 1 >= cl_start[f->v]) {
            f->subj = s->unit_in[p - 1];
        } else if (p > 0 && (IN(s->tk[p - 1].norm, COORD) ||
                             an_span_eq(s->tk[p - 1].norm, ",")) &&
                   k > 0 && s->f[k - 1].v < f->v) {
            f->coord = 1;
            f->head = (int32_t)(k - 1);
            f->rel = REL_CONJ;
        } else if (cl_start[f->v] > 0 && p > 0 &&
                   IN(s->tk[cl_start[f->v]].norm, RELPRON)) {
            /* "Al-Qaeda, who shot at ...": the unit before the pronoun. */
            f->subj = unit_before(s, cl_start[f->v], seg_start[f->v]);
        } else {
            f->subj = unit_before(s, g, cl_start[f->v]);
            /* PETRARCH reads the subject off the tree: an actor inside a
               prepositional phrase ("Gollum, centre of a row between
               Radagast, called") is not it when another actor is. */
            if (s->o->roles != AN_ROLES_FIRST && f->subj >= 0 &&
                in_pp(s, (uint32_t)f->subj)) {
                int32_t other = -1;
                for (uint32_t j = s->u[f->subj].lo; j-- > cl_start[f->v];) {
                    int32_t u = s->unit_in[j];
                    if (u >= 0 && !(s->fl[j] & CT_HOLE) && !in_pp(s, (uint32_t)u)) {
                        other = u;
                        break;
                    }
                }
                /* With no other actor the actor of the prepositional
                   phrase stands for its head, as PETRARCH reads its trees
                   ("Opponents of Rwanda's Senate protested", "A report
                   released in the Rwandan capital alleged"). */
                if (other >= 0)
                    f->subj = other;
            }
        }
        /* Passive agent: "by" + unit after the verb. */
        f->agent = -1;
        if (f->passive) {
            /* "by" + (articles, adjectives) + actor, within the clause
               ("was blown up over Ukraine by ... rebels"). */
            for (uint32_t j = f->vhi; j + 1 < f->hi && j < f->vhi + 16; j++) {
                if (!is_w(s, j, "by"))
                    continue;
                for (uint32_t q = j + 1; q < f->hi && q <= j + 4; q++) {
                    if (s->unit_at[q] >= 0) {
                        f->agent = s->unit_at[q];
                        break;
                    }
                    if ((s->fl[q] & (CT_PUNCT | CT_VERB)) || IN(s->tk[q].norm, PREP))
                        break;
                }
                if (f->agent >= 0)
                    break;
            }
        }
        /* Object: the first unit after the verb phrase in the window. */
        f->obj = -1;
        for (uint32_t j = f->vhi; j < f->hi; j++)
            if (s->unit_at[j] >= 0 && !(s->fl[j] & CT_HOLE) &&
                s->unit_at[j] != f->agent) {
                f->obj = s->unit_at[j];
                break;
            }
        /* "agreed to lift", "prepared to attend": a verb whose group
           starts with "to" right after another verb is its xcomp. */
        if (f->head < 0 && k > 0 && f->glo < f->vlo && is_w(s, f->glo, "to")) {
            const cframe *h = &s->f[k - 1];
            if (h->vhi <= f->glo && f->glo - h->vhi <= 3 &&
                clause[h->v] == clause[f->v]) {
                f->head = (int32_t)(k - 1);
                f->rel = REL_XCOMP;
            }
        }
        /* Frames after a reporting verb in the same segment depend on it. */
        if (f->head < 0) {
            for (size_t q = k; q-- > 0;) {
                const cframe *h = &s->f[q];
                if (h->report && h->v < f->v && seg_start[h->v] == seg_start[f->v] &&
                    clause[h->v] != clause[f->v]) {
                    f->head = (int32_t)q;
                    f->rel = REL_CCOMP;
                    break;
                }
            }
        }
    }
}

/* ---- frames from the parse ---- */

/* Sentence index of the head of token i, or -1. */
static int32_t head_of(const csent *s, uint32_t i)
{
    int32_t h = s->tk[i].head;
    return (h >= 0 && (uint32_t)h < s->n) ? h : -1;
}

/* Is token i in the subtree of token r (by following heads)? */
static bool in_subtree(const csent *s, uint32_t i, uint32_t r)
{
    int32_t x = (int32_t)i;
    for (uint32_t steps = 0; x >= 0 && steps <= s->n; steps++) {
        if ((uint32_t)x == r)
            return true;
        x = head_of(s, (uint32_t)x);
    }
    return false;
}

/* Is token i in the noun phrase of token r: reached from i by following
   heads through nominal relations only (not through a clause hung on a
   noun: "one of its own tanks firing on a building being used by Israeli
   troops" holds no actor of "one")? */
static bool in_phrase(const csent *s, uint32_t i, uint32_t r)
{
    int32_t x = (int32_t)i;
    for (uint32_t steps = 0; x >= 0 && steps <= s->n; steps++) {
        if ((uint32_t)x == r)
            return true;
        switch (s->tk[x].deprel) {
        case AN_DEP_ACL:
        case AN_DEP_ACL_RELCL:
        case AN_DEP_ADVCL:
        case AN_DEP_ADVCL_RELCL:
        case AN_DEP_CCOMP:
        case AN_DEP_XCOMP:
        case AN_DEP_PARATAXIS:
        case AN_DEP_CSUBJ:
        case AN_DEP_CSUBJ_PASS:
            return false;
        default:
            break;
        }
        x = s->tk[x].head;
        if (x >= (int32_t)s->n)
            return false;
    }
    return false;
}

/* The unit a dependent stands for: the unit covering it, else the first
   unit in its noun phrase (in text order); outside news (strict) the
   first unit anywhere in its subtree, as before. */
static int32_t unit_of_dep(const csent *s, uint32_t c)
{
    if (s->unit_in[c] >= 0)
        return s->unit_in[c];
    bool phrase = s->o->strict;
    for (uint32_t j = 0; j < s->n; j++)
        if (s->unit_at[j] >= 0 && (phrase ? in_phrase(s, j, c) : in_subtree(s, j, c)))
            return s->unit_at[j];
    return -1;
}

/*
** Refine the word-order frames of a parsed sentence with its parse: the
** parse's subject (nsubj, nsubj:pass; through xcomp and conj chains when
** the verb has none), passive voice and by-agent, negation and modals
** among the verb's dependents, and the head frame of an xcomp, ccomp or
** conj verb.  The windows, clauses and objects stay those of word order,
** which the peers' dictionaries were written for; the parse decides which
** tokens are verbs (the candidates) and who their subjects are.
*/
/* The dependent of token x with relation r (the first), or -1. */
static int32_t dep_of(const csent *s, uint32_t x, uint8_t r)
{
    for (uint32_t c = 0; c < s->n; c++)
        if (head_of(s, c) == (int32_t)x && s->tk[c].deprel == r)
            return (int32_t)c;
    return -1;
}

/*
** Is the parse around verb token v plausible: does the parser use it as
** a clause head (root, complement, adverbial, relative, coordinated...)?
** A verb the parser hangs as a modifier or argument of a noun ("Russian
** police arrested students" parsed as police <-amod- arrested) is read
** in word order instead.
*/
static bool parse_plausible(const csent *s, uint32_t v)
{
    int32_t h = head_of(s, v);
    if (h < 0)
        return true;
    if (s->tk[v].deprel == AN_DEP_CONJ && h < (int32_t)v) {
        /* A coordinated verb needs its conjunction or a comma before it
           ("A report released Tuesday in the capital alleged ..." parsed
           as released <-conj- alleged is a misreading). */
        bool link = false;
        for (uint32_t j = (uint32_t)h + 1; j < v && !link; j++)
            link = s->tk[j].deprel == AN_DEP_CC ||
                   ((s->fl[j] & CT_PUNCT) && head_of(s, j) == (int32_t)v);
        if (!link)
            return false;
    }
    if (s->tk[v].deprel == AN_DEP_ACL &&
        (s->tk[v].xpos == AN_XPOS_VBN || s->tk[v].xpos == AN_XPOS_VBD) &&
        (dep_of(s, v, AN_DEP_OBJ) >= 0 || head_of(s, (uint32_t)h) < 0))
        return false; /* "Russian forces attacked Kharkiv" read as a
                         participle on "forces" taking an object, or on a
                         noun that is the root: a sentence with no verb */
    switch (s->tk[v].deprel) {
    case AN_DEP_ROOT:
    case AN_DEP_CCOMP:
    case AN_DEP_XCOMP:
    case AN_DEP_ADVCL:
    case AN_DEP_ADVCL_RELCL:
    case AN_DEP_CONJ:
    case AN_DEP_PARATAXIS:
    case AN_DEP_ACL:
    case AN_DEP_ACL_RELCL:
    case AN_DEP_CSUBJ:
    case AN_DEP_CSUBJ_PASS:
    case AN_DEP_LIST:
    case AN_DEP_DEP:
        return true;
    default:
        return false;
    }
}

/* The actor unit a nominal token stands for: the unit covering it, else
   the first unit in its subtree; -1 when it holds none. */
static int32_t nominal_unit(const csent *s, int32_t c)
{
    return c < 0 ? -1 : unit_of_dep(s, (uint32_t)c);
}

/* Nouns that stand for the actor that modifies them ("the Israeli side",
   "the Palestinian delegation", "Russian officials"). */
static bool standin_noun(an_span w)
{
    static const char *const l[] = {
        "side", "sides", "delegation", "delegations", "team", "teams", "group",
        "groups", "mission", "missions", "embassy", "embassies", "consulate",
        "administration", "leadership", "regime", "coalition", "alliance", "bloc",
        "cabinet", "government", "governments", "authorities", "authority", "army",
        "armies", "navy", "forces", "force", "troops", "unit", "units", "contingent",
        "crew", "crews", "members", "member", "representatives", "representative",
        "officials", "official", "spokesman", "spokeswoman", "spokesperson", "envoy",
        "envoys", "ambassador", "leader", "leaders", "head", "chief", "president",
        "minister", "ministry", "office", "agency", "police", "military", "militants",
        "fighters", "rebels", "soldiers", "parliament", "court", "prosecutors",
        "committee", "council", "commission", "party", "parties", "movement",
        "organization", "organisation", "network", "faction", "wing", "battalion",
        "brigade", "squad", "company", "firm", "people", "citizens", "residents",
        "protesters", "protestors", "demonstrators", "workers", "students",
        "nationals", "man", "men", "woman", "women", "gunmen", "pirates", "commandos",
        "marines", "sailors", "guards", "staff", "diplomats", "negotiators",
        "lawmakers", "legislators", "senators", "judges", "judge", "investigators",
        "inspectors", "observers", "peacekeepers", "monitors", "coast", "guard",
        "state", "states", "country", "countries", "nation", "nations", "department",
        "departments", "ministries", "agencies", "offices",
        "protester", "protestor", "demonstrator", "soldier", "militant", "fighter",
        "rebel", "worker", "student", "diplomat", "lawmaker", "legislator", "senator",
        "investigator", "inspector", "observer", "peacekeeper", "citizen", "resident",
        "national", "gunman", "pirate", "commando", "marine", "sailor", "activist",
        "activists", "policeman", "policemen", "officer", "officers", "agent", "agents",
        /* quantities: "hundreds of UN troops", "dozens of protesters" */
        "hundreds", "thousands", "dozens", "scores", "millions", "tens", "number",
        "numbers", "majority", "rest", "some", "many", "most", "several", "half",
        "all", "both", "each", "none", "one", "two", "three", "four", "five"};
    return AN_SPAN_IN(w, l);
}

/* Weapons, vehicles and attacks: the actor that modifies them acts
   through them, in the use of force ("Israeli bombs hit a school"). */
bool an__code_tool_noun(an_span w)
{
    static const char *const l[] = {
        "ship", "ships", "vessel", "vessels", "warship", "warships", "boat", "boats",
        "frigate", "frigates", "destroyer", "submarine", "gunboat", "gunboats", "plane",
        "planes", "aircraft", "jet", "jets", "warplane", "warplanes", "helicopter",
        "helicopters", "gunship", "gunships", "drone", "drones", "bomber", "bombers",
        "tank", "tanks", "missile", "missiles", "rocket", "rockets", "shell", "shells",
        "bomb", "bombs", "mortar", "mortars", "artillery", "gunfire", "fire", "strike",
        "strikes", "airstrike", "airstrikes", "raid", "raids", "attack", "attacks",
        "offensive", "assault", "operation", "operations", "bombardment", "shelling",
        "barrage", "invasion", "incursion", "blockade", "war", "campaign", "convoy",
        "patrol", "patrols", "sniper", "snipers", "bullet", "bullets", "grenade",
        "grenades", "shelling", "onslaught", "crackdown"};
    return AN_SPAN_IN(w, l);
}

/*
** How unit u stands in the noun phrase headed by token t, the subject or
** agent the parse gives a verb: the phrase itself, or a stand-in noun
** for it ("the Israeli side"), an apposition or a conjunct (NP_ACTOR); a
** modifier of a weapon, vehicle or attack (NP_TOOL); a modifier of any
** other common noun (NP_OTHER: "the Greek crisis underlined", "Felt's
** leaks helped").  Names (proper nouns) and pronouns head their own
** phrases.
*/
static uint8_t np_link(const csent *s, int32_t t, int32_t u)
{
    if (t < 0 || u < 0 || (uint32_t)t >= s->n || s->unit_in[t] == u)
        return NP_ACTOR;
    const an_tok *h = &s->tk[t];
    if (h->upos != AN_UPOS_NOUN || standin_noun(h->norm))
        return NP_ACTOR;
    const cunit *x = &s->u[u];
    bool under = false;
    for (uint32_t k = x->lo; k < x->hi && !under; k++) {
        int32_t c = (int32_t)k;
        for (uint32_t steps = 0; steps < 8 && c >= 0 && c != t; steps++) {
            int32_t up = head_of(s, (uint32_t)c);
            uint8_t r = s->tk[c].deprel;
            if (up >= (int32_t)x->lo && up < (int32_t)x->hi) {
                c = up;
                continue;
            }
            if (r == AN_DEP_APPOS || r == AN_DEP_CONJ || r == AN_DEP_FLAT ||
                r == AN_DEP_LIST)
                return NP_ACTOR;
            c = up;
        }
        under = c == t;
    }
    if (!under)
        return NP_ACTOR;
    return an__code_tool_noun(h->norm) ? NP_TOOL : NP_OTHER;
}

static bool pronoun_word(an_span w)
{
    static const char *const p[] = {"he", "she", "it", "they", "we", "i", "you"};
    return IN(w, p);
}

static bool relative_word(an_span w)
{
    static const char *const p[] = {"which", "who", "that", "whom", "whose"};
    return IN(w, p);
}

/* Nouns of intention before an infinitive ("plans to", "a decision to"):
   what follows is planned; other nouns ("ability to", "efforts to") make
   it a possibility. */
static bool plan_noun(an_span w)
{
    static const char *const l[] = {
        "plan", "plans", "decision", "decisions", "pledge", "pledges", "promise",
        "promises", "commitment", "commitments", "intention", "intentions", "vow",
        "agreement", "agreements", "deal", "resolution", "order", "orders",
        "proposal", "proposals", "scheme", "programme", "program", "strategy"};
    return AN_SPAN_IN(w, l);
}

/* Is token x a non-finite dependent of its head: an xcomp, a "to"
   infinitive or a participle as an adverbial clause, or a conjunct with
   no subject and no auxiliary of its own? */
static bool nonfinite_dep(const csent *s, uint32_t x)
{
    uint8_t r = s->tk[x].deprel;
    if (r == AN_DEP_XCOMP)
        return true;
    bool subj = dep_of(s, x, AN_DEP_NSUBJ) >= 0 || dep_of(s, x, AN_DEP_NSUBJ_PASS) >= 0;
    if (r == AN_DEP_ADVCL && !subj) {
        int32_t mk = dep_of(s, x, AN_DEP_MARK);
        return (mk >= 0 && an_span_eq(s->tk[mk].norm, "to")) ||
               (mk < 0 && s->tk[x].xpos == AN_XPOS_VBG) ||
               (mk >= 0 && an_span_eq(s->tk[mk].norm, "by"));
    }
    if (r == AN_DEP_CONJ && !subj)
        return dep_of(s, x, AN_DEP_AUX) < 0;
    return false;
}

/* The modality of a verb token from its own dependents: "will", a
   modal, "if"; asserted when none. */
static int tok_modality(const csent *s, uint32_t t)
{
    int m = AN_MOD_ASSERTED;
    for (uint32_t c = 0; c < s->n; c++) {
        if (head_of(s, c) != (int32_t)t)
            continue;
        uint8_t r = s->tk[c].deprel;
        an_span w = s->tk[c].norm;
        if (r == AN_DEP_AUX && IN(w, FUTURE))
            return AN_MOD_PLANNED;
        if (r == AN_DEP_AUX && IN(w, COND))
            m = AN_MOD_HYPOTHETICAL;
        if (r == AN_DEP_MARK && (an_span_eq(w, "if") || an_span_eq(w, "whether") ||
                                 an_span_eq(w, "unless")))
            m = AN_MOD_HYPOTHETICAL;
    }
    if (s->tk[t].deprel == AN_DEP_XCOMP && head_of(s, t) >= 0 &&
        IN(s->tk[head_of(s, t)].norm, PLAN))
        return AN_MOD_PLANNED;
    return m;
}

/*
** Refine the word-order frames of a parsed sentence with its parse, for
** every verb the parse attaches plausibly (parse_plausible):
**   - subject: the actor of its nsubj (nsubj:pass) subtree; a subject
**     that holds no actor ("such a step enjoyed support") means no
**     subject, whatever word order guessed; a relative pronoun stands for
**     the noun the relative clause hangs on; a participle modifying a
**     noun ("civilians imprisoned for ...", "troops fighting in ...") has
**     that noun as its subject (the patient of a passive participle);
**     without one, the subject comes through xcomp (from the head's
**     object when it has one: "asked Obama to help", else its subject)
**     and conj chains;
**   - passive voice and by-agent, negation and modals among the verb's
**     dependents, and the head frame of an xcomp, ccomp or conj verb.
** Windows and clauses start as those of word order (parse_windows then
** narrows what follows the verb to its own clause).
*/
static void frames_overlay(csent *s, const int32_t *fr_at)
{
    uint32_t n = s->n;
    for (size_t k = 0; k < s->nf; k++) {
        cframe *f = &s->f[k];
        uint32_t v = f->v;
        if (!parse_plausible(s, v))
            continue;
        int32_t subj = -1, agent = -1, nsubj_tok = -1, subj_tok = -1, agent_tok = -1;
        bool future = false, cond = false, neg = false, passive = false;
        for (uint32_t c = 0; c < n; c++) {
            if (head_of(s, c) != (int32_t)v)
                continue;
            const an_tok *t = &s->tk[c];
            uint8_t r = t->deprel;
            an_span w = t->norm;
            if (r == AN_DEP_AUX || r == AN_DEP_AUX_PASS || r == AN_DEP_MARK ||
                (r == AN_DEP_ADVMOD && neg_at(s, c))) {
                future |= IN(w, FUTURE);
                cond |= IN(w, COND);
                if (neg_at(s, c)) {
                    neg = true;
                    s->fl[c] |= CT_NEG;
                }
            }
            if (r == AN_DEP_AUX_PASS || r == AN_DEP_NSUBJ_PASS)
                passive = true;
            /* "Rice was to ask": the outer subject of a copular clause
               when there is no other. */
            if (r == AN_DEP_NSUBJ_OUTER && nsubj_tok < 0 && dep_of(s, v, AN_DEP_NSUBJ) < 0 &&
                dep_of(s, v, AN_DEP_NSUBJ_PASS) < 0)
                r = AN_DEP_NSUBJ;
            if ((r == AN_DEP_NSUBJ || r == AN_DEP_NSUBJ_PASS) && nsubj_tok < 0) {
                nsubj_tok = (int32_t)c;
                subj = unit_of_dep(s, c);
                subj_tok = (int32_t)c;
            } else if (r == AN_DEP_OBL_AGENT) {
                agent = unit_of_dep(s, c);
                agent_tok = (int32_t)c;
            } else if (r == AN_DEP_OBL && c > v) {
                for (uint32_t q = 0; q < n; q++)
                    if (head_of(s, q) == (int32_t)c && s->tk[q].deprel == AN_DEP_CASE &&
                        an_span_eq(s->tk[q].norm, "by")) {
                        agent = unit_of_dep(s, c);
                        agent_tok = (int32_t)c;
                    }
            }
        }
        uint8_t r = s->tk[v].deprel;
        int32_t h = head_of(s, v);
        bool subj_known = nsubj_tok >= 0;
        if (nsubj_tok >= 0 && subj < 0 && h >= 0 &&
            relative_word(s->tk[nsubj_tok].norm) &&
            (r == AN_DEP_ACL_RELCL || r == AN_DEP_ADVCL_RELCL)) {
            subj = nominal_unit(s, h); /* "Moscow, which have resisted" */
            subj_tok = h;
        }
        if (nsubj_tok >= 0 && subj < 0 && pronoun_word(s->tk[nsubj_tok].norm))
            subj_known = false; /* an unresolved "they": decided below */
        if (nsubj_tok >= 0 && subj < 0 && f->subj >= 0 &&
            s->u[f->subj].hi <= (uint32_t)nsubj_tok) {
            /* The parse's subject holds no actor, but word order's is in
               the same noun phrase by the tags ("the official news agency
               WFNA said", parsed with "agency" elsewhere). */
            bool np = true;
            for (uint32_t j = s->u[f->subj].hi; j < (uint32_t)nsubj_tok && np; j++) {
                uint8_t up = s->tk[j].upos;
                np = up == AN_UPOS_NOUN || up == AN_UPOS_PROPN || up == AN_UPOS_ADJ ||
                     up == AN_UPOS_NUM;
            }
            if (np) {
                subj = f->subj;
                subj_tok = -1;
            }
        }
        if (nsubj_tok < 0 && h >= 0 && r == AN_DEP_ACL) {
            /* A participle on a noun: the noun is its subject, the
               patient of a passive one. */
            subj = nominal_unit(s, h);
            subj_known = true;
            /* "the decision of the EU to add": the noun's owner acts;
               "civilians imprisoned for": the noun itself. */
            int32_t mk = dep_of(s, v, AN_DEP_MARK);
            bool inf = mk >= 0 && an_span_eq(s->tk[mk].norm, "to");
            subj_tok = inf ? -1 : h;
            /* A participle on its noun, tagged VBD or VBN ("air carriers
               banned in the EU"), is passive. */
            if (!inf && (s->tk[v].xpos == AN_XPOS_VBN || s->tk[v].xpos == AN_XPOS_VBD))
                passive = true;
        }
        /* A subject through xcomp and conj ("is scheduled to meet",
           "condemned ... and promised"); an xcomp under a verb with an
           object is controlled by that object ("asked Obama to help"). */
        uint32_t x = v;
        for (uint32_t steps = 0; steps < 8 && !subj_known; steps++) {
            uint8_t rx = s->tk[x].deprel;
            int32_t hx = head_of(s, x);
            int32_t mk = dep_of(s, x, AN_DEP_MARK);
            if (rx == AN_DEP_ADVCL && mk >= 0 && an_span_eq(s->tk[mk].norm, "to"))
                rx = AN_DEP_XCOMP; /* "to" + verb hung as an adverbial */
            /* News: a participle clause shares its verb's subject
               ("Indian commandos boarded the boat, seizing 12 pirates",
               "after receiving signals"). */
            if (s->o->strict && rx == AN_DEP_ADVCL && s->tk[x].xpos == AN_XPOS_VBG &&
                (mk < 0 || !IN(s->tk[mk].norm, SUBORD) || an_span_eq(s->tk[mk].norm, "after") ||
                 an_span_eq(s->tk[mk].norm, "before") || an_span_eq(s->tk[mk].norm, "while")))
                rx = AN_DEP_CONJ;
            if (hx < 0 || (rx != AN_DEP_XCOMP && rx != AN_DEP_CONJ))
                break;
            x = (uint32_t)hx;
            if (rx == AN_DEP_XCOMP) {
                int32_t o = dep_of(s, x, AN_DEP_OBJ);
                if (o < 0)
                    o = dep_of(s, x, AN_DEP_IOBJ);
                if (o >= 0 && o < (int32_t)v && nominal_unit(s, o) >= 0) {
                    subj = nominal_unit(s, o);
                    subj_tok = o;
                    subj_known = true;
                    break;
                }
            }
            int32_t c = dep_of(s, x, AN_DEP_NSUBJ);
            if (c < 0)
                c = dep_of(s, x, AN_DEP_NSUBJ_PASS);
            if (c >= 0) {
                subj = nominal_unit(s, c);
                subj_tok = c;
                subj_known = subj >= 0 || !pronoun_word(s->tk[c].norm);
                if (subj_known)
                    break;
            }
        }
        if (subj_known || subj >= 0) {
            f->subj = subj != agent ? subj : -1;
            f->subj_mod = np_link(s, subj_tok, f->subj);
        }
        f->subj_none = nsubj_tok >= 0 && subj < 0 && !pronoun_word(s->tk[nsubj_tok].norm) &&
                       !relative_word(s->tk[nsubj_tok].norm);
        f->pron = nsubj_tok >= 0 && pronoun_word(s->tk[nsubj_tok].norm) && subj < 0;
        if (passive)
            f->passive = 1;
        if (agent >= 0 && f->passive) {
            f->agent = agent;
            f->agent_mod = np_link(s, agent_tok, agent);
        }
        if (neg)
            f->neg = 1;
        if (future)
            f->mod = AN_MOD_PLANNED;
        else if (cond && f->mod == AN_MOD_ASSERTED)
            f->mod = AN_MOD_HYPOTHETICAL;
        /* The head frame: the parse's, not word order's guess. */
        if (!f->coord) {
            f->head = -1;
            f->rel = REL_NONE;
        }
        /* An infinitive hung as an adverbial ("asking Obama to help
           Iran" parsed with advcl) is the verb's complement all the same. */
        bool to_inf = r == AN_DEP_ADVCL && dep_of(s, v, AN_DEP_MARK) >= 0 &&
                      an_span_eq(s->tk[dep_of(s, v, AN_DEP_MARK)].norm, "to");
        if (h >= 0 && fr_at[h] >= 0 &&
            (r == AN_DEP_XCOMP || r == AN_DEP_CCOMP || r == AN_DEP_CONJ || to_inf)) {
            f->head = fr_at[h];
            f->rel = r == AN_DEP_XCOMP || to_inf ? REL_XCOMP
                     : r == AN_DEP_CCOMP ? REL_CCOMP : REL_CONJ;
            if (r == AN_DEP_CONJ && !subj_known && subj < 0) {
                f->coord = 1;
                f->subj = -1;
            }
        }
        /* "is scheduled to speak": an xcomp under a planning word. */
        if (r == AN_DEP_XCOMP && h >= 0 && IN(s->tk[h].norm, PLAN))
            f->mod = AN_MOD_PLANNED;
        /* "if the US intended to attack", "whether it will": a condition
           or a question asserts nothing. */
        int32_t mk = dep_of(s, v, AN_DEP_MARK);
        if (mk >= 0 && (an_span_eq(s->tk[mk].norm, "if") || an_span_eq(s->tk[mk].norm, "whether") ||
                        an_span_eq(s->tk[mk].norm, "unless")))
            f->mod = AN_MOD_HYPOTHETICAL;
        /* An infinitive on a noun is an intention or a possibility, not
           an act: "Papandreou's plans to push through", "Israel's ability
           to wage". */
        if (r == AN_DEP_ACL && h >= 0 && mk >= 0 && an_span_eq(s->tk[mk].norm, "to") &&
            f->mod == AN_MOD_ASSERTED)
            f->mod = plan_noun(s->tk[h].norm) ? AN_MOD_PLANNED : AN_MOD_HYPOTHETICAL;
    }
    /* What a non-finite clause says shares the modality of the verb it
       depends on: "could stop the assault by ending its attacks", "are
       expected to move swiftly to reassure residents". */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < s->nf; k++) {
            cframe *f = &s->f[k];
            if (f->mod != AN_MOD_ASSERTED || !parse_plausible(s, f->v))
                continue;
            uint32_t x = f->v;
            for (uint32_t steps = 0; steps < 6; steps++) {
                int32_t hx = head_of(s, x);
                if (hx < 0 || !nonfinite_dep(s, x))
                    break;
                int m = fr_at[hx] >= 0 ? s->f[fr_at[hx]].mod : tok_modality(s, (uint32_t)hx);
                if (m == AN_MOD_PLANNED || m == AN_MOD_HYPOTHETICAL) {
                    f->mod = (uint8_t)m;
                    break;
                }
                if (fr_at[hx] >= 0)
                    break;
                x = (uint32_t)hx;
            }
        }
    /* Clauses from the parse: a verb heads its own clause unless it is
       the xcomp of another ("agreed to lift"), an infinitive of purpose
       ("sent a team to help") or a participle or infinitive on a noun
       ("efforts to stop", "victims killed by"), which belong to the
       clause of the verb above them. */
    uint32_t *wclause = an_arena_array(s->mem_arena, s->nf ? s->nf : 1, sizeof *wclause);
    if (!wclause)
        return;
    for (size_t k = 0; k < s->nf; k++)
        wclause[k] = s->f[k].clause;
    for (size_t k = 0; k < s->nf; k++) {
        cframe *f = &s->f[k];
        if (!parse_plausible(s, f->v)) {
            /* A verb the parse does not read as a clause head joins the
               clause of the closest verb before it in its word-order
               clause ("an Islamic State target" tagged VERB). */
            for (size_t q = k; q-- > 0;)
                if (wclause[q] == wclause[k] && parse_plausible(s, s->f[q].v)) {
                    f->clause = s->f[q].clause;
                    break;
                }
            continue;
        }
        uint32_t x = f->v;
        for (uint32_t steps = 0; steps < n; steps++) {
            uint8_t r = s->tk[x].deprel;
            int32_t h = head_of(s, x);
            if (h < 0)
                break;
            bool to = false;
            for (uint32_t c = 0; c < n && !to; c++)
                to = head_of(s, c) == (int32_t)x && s->tk[c].deprel == AN_DEP_MARK &&
                     an_span_eq(s->tk[c].norm, "to");
            /* Non-finite adverbials: "to help", "by promoting". */
            bool nonfinite = r == AN_DEP_ADVCL && dep_of(s, x, AN_DEP_NSUBJ) < 0 &&
                             dep_of(s, x, AN_DEP_NSUBJ_PASS) < 0 &&
                             (to || s->tk[x].xpos == AN_XPOS_VBG);
            if (!(r == AN_DEP_XCOMP || r == AN_DEP_ACL || nonfinite))
                break;
            x = (uint32_t)h;
            /* From a noun ("efforts to stop") up to its verb. */
            while (s->tk[x].upos != AN_UPOS_VERB && s->tk[x].upos != AN_UPOS_AUX &&
                   head_of(s, x) >= 0 && steps++ < n)
                x = (uint32_t)head_of(s, x);
        }
        f->clause = 1000000u + x;
    }
    /* "Obama and Putin said they will attack": a pronoun subject nothing
       resolved, in what a verb of saying reports, is the speaker. */
    for (size_t k = 0; k < s->nf; k++) {
        cframe *f = &s->f[k];
        if (f->pron && f->head >= 0 && (size_t)f->head != k &&
            (f->rel == REL_CCOMP || f->rel == REL_XCOMP) && s->f[f->head].report) {
            f->subj = s->f[f->head].subj;
            f->subj_mod = s->f[f->head].subj_mod;
        }
    }
}

/* Does dependent c open a clause of its own (a complement, adverbial
   clause, a coordinated or paratactic verb) headed by a verb of the
   dictionary, which codes what is in it? */
static bool clausal(const csent *s, uint32_t c)
{
    if (!(s->fl[c] & CT_VERB)) {
        /* A verb out of the coder's sight (in a dropped insert: ", an AFP
           correspondent said, two weeks after ...") still closes off its
           adverbial or paratactic clause. */
        uint8_t r = s->tk[c].deprel;
        return s->tk[c].upos == AN_UPOS_VERB && (s->fl[c] & CT_HOLE) &&
               (r == AN_DEP_PARATAXIS || r == AN_DEP_ADVCL);
    }
    switch (s->tk[c].deprel) {
    case AN_DEP_CCOMP:
    case AN_DEP_ADVCL:
    case AN_DEP_ADVCL_RELCL:
    case AN_DEP_PARATAXIS:
    case AN_DEP_CSUBJ:
    case AN_DEP_CSUBJ_PASS:
    case AN_DEP_LIST:
        return true;
    case AN_DEP_XCOMP:
    case AN_DEP_CONJ:
        return true;
    default:
        return false;
    }
}

/*
** What a verb's patterns and roles may see after it, in a parsed
** sentence: the tokens of its own clause, its subtree minus the clauses
** hanging off it ("said he would not provide support" keeps "support" out
** of SAY's patterns; "held talks with X, offering military support" keeps
** "support" out of HOLD's).  Word-order windows stay the outer bound.
*/
static int parse_windows(csent *s)
{
    uint32_t n = s->n;
    for (size_t k = 0; k < s->nf; k++) {
        cframe *f = &s->f[k];
        /* A verb misattached as a conjunct still heads its own subtree. */
        f->misparsed = !parse_plausible(s, f->v);
        if (f->misparsed && s->tk[f->v].deprel != AN_DEP_CONJ)
            continue;
        uint8_t *vis = an_arena_zalloc(s->mem_arena, n ? n : 1);
        if (!vis)
            return AN_ENOMEM;
        for (uint32_t t = f->vhi; t < f->hi && t < n; t++) {
            int32_t x = (int32_t)t;
            uint8_t lv = 2; /* own clause until a clause border is passed */
            for (uint32_t steps = 0; steps <= n && x >= 0; steps++) {
                if ((uint32_t)x == f->v)
                    break;
                if (clausal(s, (uint32_t)x)) {
                    /* Only complement clauses stay in reach (level 1:
                       for a target nothing closer gives). */
                    if (s->tk[x].deprel != AN_DEP_CCOMP || f->speech) {
                        lv = 0;
                        break;
                    }
                    lv = 1;
                }
                x = head_of(s, (uint32_t)x);
            }
            vis[t] = x >= 0 && (uint32_t)x == f->v ? lv : 0;
        }
        f->vis = vis;
        /* The object: the first unit of the verb's own clause after it. */
        f->obj = -1;
        for (uint32_t j = f->vhi; j < f->hi; j++)
            if (s->unit_at[j] >= 0 && !an__code_hidden(s, f, j) &&
                s->unit_at[j] != f->agent) {
                f->obj = s->unit_at[j];
                break;
            }
    }
    return AN_OK;
}

/* ---- comma-delimited inserts (word-order mode) ---- */

/* Words (tokens that are not punctuation) in [a, b). */
static uint32_t words_in(const csent *s, uint32_t a, uint32_t b)
{
    uint32_t k = 0;
    for (uint32_t i = a; i < b && i < s->n; i++)
        k += !(s->fl[i] & CT_PUNCT);
    return k;
}

static void mark_hole(csent *s, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b && i < s->n; i++)
        s->fl[i] |= CT_HOLE;
}

/*
** TABARI's (and PETRARCH's) comma rule: a stretch between two commas
** with min..max words is an insert ("Osgiliath, the state's fiercest
** foe,") and is dropped; so is the stretch after the last comma with
** emin..emax words (", a senior official said on Saturday") and, when
** bmax > 0, the one before the first comma.  Commas inside an actor
** unit ("Britain, France and Germany") do not count.
*/
static void comma_holes(csent *s)
{
    const an_code_opts *o = s->o;
    int mn = 2, mx = 8, bmn = 0, bmx = 0, emn = 2, emx = 8;
    if (o->comma_set) {
        mn = o->comma_min;
        mx = o->comma_max;
        bmn = o->comma_bmin;
        bmx = o->comma_bmax;
        emn = o->comma_emin;
        emx = o->comma_emax;
    }
    uint32_t c[64], nc = 0;
    for (uint32_t i = 0; i < s->n && nc < AN_COUNT(c); i++) {
        if (!an_span_eq(s->tk[i].norm, ","))
            continue;
        /* A comma between members of a compound is no clause border. */
        int32_t u = s->unit_in[i];
        if (u >= 0 && s->u[u].nm > 1 && s->mem[s->u[u].m0]->tok !=
                                            s->mem[s->u[u].m0 + s->u[u].nm - 1]->tok)
            continue;
        (void)0;
        c[nc++] = i;
    }
    if (!nc)
        return;
    uint32_t end = s->n;
    while (end > 0 && (s->fl[end - 1] & CT_PUNCT))
        end--;
    /* The stretch after the last comma is a terminal clause only when the
       sentence ends with its full stop. */
    bool stop = end < s->n && (an_span_eq(s->tk[s->n - 1].norm, ".") ||
                               an_span_eq(s->tk[s->n - 1].norm, "!") ||
                               an_span_eq(s->tk[s->n - 1].norm, "?"));
    if (bmx > 0) {
        uint32_t w = words_in(s, 0, c[0]);
        if ((int)w >= bmn && (int)w <= bmx)
            mark_hole(s, 0, c[0] + 1);
    }
    for (uint32_t k = 0; k + 1 < nc; k++) {
        uint32_t w = words_in(s, c[k] + 1, c[k + 1]);
        if (mx > 0 && (int)w >= mn && (int)w <= mx)
            mark_hole(s, c[k] + 1, c[k + 1] + 1);
    }
    /* The terminal stretch goes only when it is an attribution or holds
       no verb: ", attacked Gondor." is the main clause, not an insert. */
    uint32_t last = c[nc - 1];
    if (last < end && stop) {
        uint32_t w = words_in(s, last + 1, end);
        bool verb = false, report = false;
        for (uint32_t i = last + 1; i < end; i++) {
            report |= IN(s->tk[i].norm, REPORT);
            uint8_t wf = an_dict_wflags(s->d, s->dt[i].word);
            for (size_t q = 0; q < s->dt[i].nstem; q++)
                wf |= an_dict_wflags(s->d, s->dt[i].stem[q]);
            verb |= (wf & AN_DW_VERB) && (!s->parsed || s->tk[i].upos == AN_UPOS_VERB);
        }
        if (emx > 0 && (int)w >= emn && (int)w <= emx && (report || !verb))
            mark_hole(s, last, end);
    }
    /* An actor a dropped stretch cuts into was read across the comma
       ("Radagast, the Brown"): it is gone with the stretch. */
    for (size_t k = 0; k < s->nu; k++) {
        cunit *u = &s->u[k];
        bool cut = false;
        for (uint32_t t = u->lo; t < u->hi; t++)
            cut |= (s->fl[t] & CT_HOLE) != 0;
        if (!cut)
            continue;
        for (uint32_t t = u->lo; t < u->hi; t++) {
            s->unit_in[t] = -1;
            s->unit_at[t] = -1;
            s->fl[t] &= (uint16_t)~CT_UNIT;
        }
    }
}

/*
** The word id of the singular of a plural token ("assurances" ->
** "assurance", "parties" -> "party", "crosses" -> "cross"), or NONE; lets
** PETRARCH pattern words, written in the singular, match plurals.
*/
static uint32_t plural_base(const an_dict *d, an_span w)
{
    if (w.n < 4 || w.n > 60 || w.p[w.n - 1] != 's' || w.p[w.n - 2] == 's')
        return AN_DICT_NONE;
    uint32_t id = an_dict_word(d, w.p, w.n - 1);
    if (id != AN_DICT_NONE)
        return id;
    char b[64];
    if (w.n > 4 && w.p[w.n - 3] == 'i' && w.p[w.n - 2] == 'e') {
        memcpy(b, w.p, w.n - 3);
        b[w.n - 3] = 'y';
        return an_dict_word(d, b, w.n - 2);
    }
    if (w.p[w.n - 2] == 'e')
        return an_dict_word(d, w.p, w.n - 2);
    return AN_DICT_NONE;
}

/* ---- the view ---- */

int an__code_view(csent *s)
{
    an_doc *doc = s->doc;
    const an_sent *se = &doc->sents[s->si];
    s->base = se->tok;
    s->n = se->ntok;
    s->tk = doc->toks + s->base;
    /* TABARI has neither tags nor a parse: every word of its verb
       dictionary that word order allows is a verb ("an anti-Gondor
       parade" codes PARADE), and its suites expect exactly that, so its
       emulation (first-actor roles) reads the sentence in word order. */
    bool words_only = s->o->roles == AN_ROLES_WORDS || s->o->roles == AN_ROLES_FIRST;
    s->parsed = (se->flags & AN_SENT_PARSED) != 0 && !words_only;
    s->tagged = (se->flags & AN_SENT_TAGGED) != 0 && !words_only;
    uint32_t n = s->n;
    s->dt = an_arena_array(s->mem_arena, n ? n : 1, sizeof *s->dt);
    s->pbase = an_arena_array(s->mem_arena, n ? n : 1, sizeof *s->pbase);
    s->fl = an_arena_zalloc(s->mem_arena, (n ? n : 1) * sizeof *s->fl);
    s->unit_at = an_arena_array(s->mem_arena, n ? n : 1, sizeof *s->unit_at);
    s->unit_in = an_arena_array(s->mem_arena, n ? n : 1, sizeof *s->unit_in);
    if (!s->dt || !s->fl || !s->unit_at || !s->unit_in || !s->pbase)
        return AN_ENOMEM;
    size_t caps = 0, letters = 0;
    for (uint32_t i = 0; i < n; i++) {
        an_dict_tok(s->d, s->tk[i].norm.p, s->tk[i].norm.n, &s->dt[i]);
        s->pbase[i] = plural_base(s->d, s->tk[i].norm);
        if (s->dt[i].word != AN_DICT_NONE)
            an__code_add_word(s, s->dt[i].word);
        if (s->pbase[i] != AN_DICT_NONE)
            an__code_add_word(s, s->pbase[i]);
        s->unit_at[i] = s->unit_in[i] = -1;
        if (punct(&s->tk[i]))
            s->fl[i] |= CT_PUNCT;
        if (!(s->tk[i].flags & AN_TOK_PUNCT)) {
            letters++;
            caps += (s->tk[i].flags & AN_TOK_ALLCAPS) != 0;
        }
    }
    s->allcaps = letters && caps * 2 > letters;
    s->syn_state = an_arena_zalloc(s->mem_arena, s->d->meta.nsyns + 1);
    if (!s->syn_state)
        return AN_ENOMEM;
    s->plural_ok = s->o->roles != AN_ROLES_FIRST && !s->o->exact_words;
    s->tabari_verbs = false;
    for (uint32_t k = 0; k < s->d->meta.nfiles && !s->tabari_verbs; k++) {
        const char *fn = an_dict_str(s->d, s->d->files[k]);
        size_t fl = strlen(fn);
        s->tabari_verbs = fl > 6 && !strcmp(fn + fl - 6, ".verbs");
    }
    /* Actors of this sentence. */
    size_t a0 = 0, a1 = 0, na;
    const an_actor_mention *am = an_doc_actors(doc, &na);
    while (a0 < na && am[a0].sent < s->si)
        a0++;
    a1 = a0;
    while (a1 < na && am[a1].sent == s->si)
        a1++;
    if (build_units(s, a0, a1) != AN_OK || regroup(s) != AN_OK)
        return AN_ENOMEM;
    comma_holes(s);
    if (s->o->strict)
        strict_units(s);
    /* Verb candidates and their frames. */
    int32_t *fr_at = an_arena_array(s->mem_arena, n ? n : 1, sizeof *fr_at);
    s->f = an_arena_array(s->mem_arena, n ? n : 1, sizeof *s->f);
    if (!fr_at || !s->f)
        return AN_ENOMEM;
    s->nf = 0;
    for (uint32_t i = 0; i < n; i++) {
        fr_at[i] = -1;
        const an_dtok *t = &s->dt[i];
        uint8_t wf = an_dict_wflags(s->d, t->word);
        for (size_t q = 0; q < t->nstem; q++)
            wf |= an_dict_wflags(s->d, t->stem[q]);
        if (!(wf & AN_DW_VERB) && !s->tk[i].lemma.n && !s->tabari_verbs)
            continue;
        bool by_tag = false;
        if (s->parsed || s->tagged) {
            by_tag = verb_by_parse(s, i) || verb_by_fallback(s, i);
            if (!by_tag && (s->fl[i] & (CT_UNIT | CT_HOLE | CT_PUNCT)))
                continue;
        } else if (!verb_by_words(s, i)) {
            continue;
        }
        cframe *f = &s->f[s->nf];
        memset(f, 0, sizeof *f);
        f->v = i;
        f->vlo = i;
        f->vhi = i + 1;
        f->head = -1;
        add_forms(s, f, t->word, i, &f->vlo, &f->vhi, FORMS_ALL);
        for (size_t q = 0; q < t->nstem; q++)
            add_forms(s, f, t->stem[q], i, &f->vlo, &f->vhi, FORMS_ALL);
        base_forms(s, f, i);
        if (!f->nforms)
            continue;
        /* "wire tap" (WIRE_+TAP) tagged VERB NOUN: a multi-word verb is a
           verb when another word of its phrase is tagged as one. */
        if ((s->parsed || s->tagged) && !by_tag) {
            bool other = false;
            for (uint32_t j = f->vlo; j < f->vhi && !other; j++)
                other = j != i && s->tk[j].upos == AN_UPOS_VERB;
            if (!other)
                continue;
        }
        fr_at[i] = (int32_t)s->nf;
        s->fl[i] |= CT_VERB;
        s->nf++;
    }
    /* A multi-word verb swallows the candidates inside it ("break down"). */
    for (size_t k = 0; k < s->nf; k++) {
        cframe *f = &s->f[k];
        for (uint32_t j = f->vlo; j < f->vhi; j++)
            if (j != f->v && fr_at[j] >= 0) {
                const cframe *g = &s->f[fr_at[j]];
                if (g->vhi - g->vlo < f->vhi - f->vlo) {
                    s->fl[j] &= (uint16_t)~CT_VERB;
                }
            }
    }
    size_t w = 0;
    for (size_t k = 0; k < s->nf; k++)
        if (s->fl[s->f[k].v] & CT_VERB)
            s->f[w++] = s->f[k];
    s->nf = w;
    for (uint32_t i = 0; i < n; i++)
        fr_at[i] = -1;
    for (size_t k = 0; k < s->nf; k++)
        fr_at[s->f[k].v] = (int32_t)k;
    /* An auxiliary the dictionary also lists as a verb ("should",
       "have", "will") before another verb is coded only through one of
       its patterns (TABARI's "SUGGESTED + * DEMAND ..." under SHOULD);
       otherwise it is part of the next verb's group. */
    if (!s->parsed) {
        for (size_t k = 0; k + 1 < s->nf; k++) {
            uint32_t v = s->f[k].v;
            an_span wv = s->tk[v].norm;
            if (!(IN(wv, BE) || IN(wv, HAVE) || IN(wv, DO) || IN(wv, FUTURE) ||
                  IN(wv, COND)))
                continue;
            uint32_t j = s->f[k].vhi;
            while (j < n && group_word(s, j) && fr_at[j] < 0)
                j++;
            if (j < n && fr_at[j] >= 0)
                s->f[k].auxlike = 1;
        }
    }
    frames_words(s, fr_at);
    if (s->parsed) {
        frames_overlay(s, fr_at);
        if (parse_windows(s) != AN_OK)
            return AN_ENOMEM;
    }
    return AN_OK;
}
