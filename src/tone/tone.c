/*
** tone.c - a document tone score from a small English word list.
**
** tone = 100 * (positive words - negative words) / all words, the same
** scale as GDELT's AvgTone (-100..100, news usually -10..10).  The lists
** below were written for annals: common words of news reports that carry
** a clear positive or negative sense (agreement, aid, peace; attack,
** killed, crisis), in the inflected forms news uses.
**
** Limits: a bag of words, English only; no negation ("not good" counts as
** positive), no intensity, no sense disambiguation ("fire" the verb and
** the noun), and conflict vocabulary dominates, so reports of violence
** score negative even when their framing is hopeful.  It is a coarse
** signal for sorting and filtering, not a sentiment model.
*/
#include "tone.h"

#include "annals/store.h"

/* Both lists sorted (byte order) for binary search. */
static const char *const positive[] = {
    "accord", "accords", "achieve", "achieved", "achievement", "agree",
    "agreed", "agreement", "agreements", "aid", "applaud", "applauded",
    "appreciate", "appreciated", "approve", "approved", "assist",
    "assistance", "benefit", "benefits", "best", "better", "boost",
    "boosted", "calm", "ceasefire", "celebrate", "celebrated",
    "celebration", "collaborate", "collaboration", "commend", "commended",
    "compromise", "confidence", "congratulate", "congratulated",
    "constructive", "cooperate", "cooperated", "cooperation", "cordial",
    "deal", "democracy", "democratic", "donate", "donated", "donation",
    "ease", "eased", "effective", "encourage", "encouraged", "encouraging",
    "friendly", "friendship", "gain", "gained", "gains", "generous", "good",
    "great", "growth", "happy", "heal", "help", "helped", "helping", "hope",
    "hoped", "hopeful", "hopes", "improve", "improved", "improvement",
    "improving", "innovation", "justice", "liberate", "liberated",
    "negotiate", "negotiated", "optimism", "optimistic", "partner",
    "partnership", "peace", "peaceful", "positive", "praise", "praised",
    "progress", "prosper", "prosperity", "protect", "protected",
    "reconcile", "reconciliation", "recover", "recovered", "recovery",
    "release", "released", "relief", "rescue", "rescued", "resolve",
    "resolved", "respect", "restore", "restored", "reunite", "safe",
    "safety", "secure", "settle", "settled", "solidarity", "solution",
    "stability", "stable", "strengthen", "strong", "succeed", "succeeded",
    "success", "successful", "support", "supported", "supporting",
    "supports", "thank", "thanked", "treaty", "truce", "trust", "unity",
    "victory", "welcome", "welcomed", "win", "won",
};

static const char *const negative[] = {
    "abduct", "abducted", "abuse", "abused", "accuse", "accused", "accuses",
    "afraid", "aggression", "alarm", "anger", "angry", "arrest", "arrested",
    "arrests", "assault", "assaulted", "attack", "attacked", "attacks",
    "ban", "banned", "battle", "bomb", "bombed", "bombing", "bombings",
    "bombs", "casualties", "catastrophe", "clash", "clashed", "clashes",
    "collapse", "collapsed", "condemn", "condemned", "conflict",
    "corruption", "crash", "crashed", "crime", "crimes", "crisis",
    "critical", "criticise", "criticised", "criticism", "criticize",
    "criticized", "damage", "damaged", "danger", "dangerous", "dead",
    "deadly", "death", "deaths", "defeat", "defeated", "denied", "denounce",
    "denounced", "deny", "destroy", "destroyed", "destruction", "die",
    "died", "disaster", "dispute", "drown", "drowned", "earthquake",
    "evacuate", "evacuated", "execute", "executed", "explosion", "fail",
    "failed", "failure", "famine", "fear", "feared", "fears", "fight",
    "fighting", "fire", "fired", "fled", "flee", "flood", "flooding",
    "fraud", "grief", "guilty", "harm", "hostage", "hostages", "hostile",
    "hurt", "illegal", "injured", "injuries", "injury", "invade", "invaded",
    "invasion", "jail", "jailed", "kidnap", "kidnapped", "kill", "killed",
    "killing", "killings", "kills", "loss", "losses", "lost", "massacre",
    "murder", "murdered", "pirate", "pirates", "poverty", "prison",
    "protest", "protesters", "protests", "punish", "reject", "rejected",
    "retaliate", "riot", "riots", "sanction", "sanctions", "scandal",
    "seize", "seized", "shelling", "shoot", "shooting", "shot", "siege",
    "slam", "slammed", "strike", "strikes", "suicide", "suspect",
    "suspected", "terror", "terrorism", "terrorist", "terrorists", "threat",
    "threaten", "threatened", "threatens", "threats", "torture", "tortured",
    "tragedy", "tragic", "victim", "victims", "violence", "violent", "war",
    "warn", "warned", "weapons", "wound", "wounded",
};

double an_tone(const char *p, size_t n)
{
    size_t words = 0;
    long score = 0;
    char w[24];
    size_t i = 0;
    while (p && i < n) {
        unsigned char c = (unsigned char)p[i];
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alpha && !(c >= '0' && c <= '9') && c < 0x80) {
            i++;
            continue;
        }
        size_t wn = 0;
        bool plain = true;
        while (i < n) {
            c = (unsigned char)p[i];
            bool a = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!a && !(c >= '0' && c <= '9') && c < 0x80)
                break;
            if (!a)
                plain = false;
            if (wn < sizeof w)
                w[wn] = (char)an_lower(c);
            wn++;
            i++;
        }
        words++;
        if (!plain || wn > sizeof w)
            continue;
        if (an_in_sorted(positive, AN_COUNT(positive), w, wn))
            score++;
        else if (an_in_sorted(negative, AN_COUNT(negative), w, wn))
            score--;
    }
    return words ? 100.0 * (double)score / (double)words : 0.0;
}

int an__tone_selfcheck(void)
{
    int bad = 0;
    for (size_t i = 0; i < AN_COUNT(positive); i++) {
        const char *w = positive[i];
        bad += !an_in_sorted(positive, AN_COUNT(positive), w, strlen(w));
        bad += an_in_sorted(negative, AN_COUNT(negative), w, strlen(w));
    }
    for (size_t i = 0; i < AN_COUNT(negative); i++) {
        const char *w = negative[i];
        bad += !an_in_sorted(negative, AN_COUNT(negative), w, strlen(w));
    }
    return bad;
}
