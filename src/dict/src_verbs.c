/*
** src_verbs.c - parsers for verb dictionaries: PETRARCH2 (CAMEO.2.0.txt,
** PETR.Validate.verbs.txt) and TABARI (.verbs).
**
** PETRARCH2 layout:
**
**     &CURRENCY                      synset: "+" lines follow
**     +DOLLAR
**     --- GRANT  [070] ---           a verb block with its default code
**     GIVE {GAVE GIVEN GIVING}       verbs; irregular forms in {...}
**     +CORDON_OFF                    multi-word verb, '+' marks the verb
**     - * &CURRENCY  [071]           patterns: words before and after '*'
**     ~ a (a b ATTACK) SAY = a b 015 transformations (kept as text)
**
** TABARI layout: <SYNSETS> and <TIME> sections, then one verb a line
** ("ABANDON [345]", "APPRECIATE POSITION [042]"), its forms on a "{...}"
** line, its patterns under it; words are stems unless ended by '_'.
**
** Pattern elements: words, &synsets, '*' verb, '$' source, '+' target,
** '^' skip, '%' compound, '@' attribution, (prepositional phrases),
** {noun phrases} and TABARI {a | b} alternatives; '_' joins two elements
** that must be consecutive, a blank lets other words come between.
** Codes: "[042]", "[042:043]" (second event, target to source), "[:173]".
*/
#include <stdio.h>
#include <stdlib.h>

#include "build.h"

typedef struct vstate {
    int64_t block;     /* current block, -1 none */
    int64_t syn;       /* current synset while reading '+' lines, -1 */
    int syn_noplural;
    int in_time;       /* TABARI <TIME> section */
    uint32_t lemma;    /* first verb of the block (string) */
    uint64_t last_root_line; /* TABARI: line of the last root (for forms) */
    uint32_t last_code;
} vstate;

static bool sep(char c)
{
    return c == ' ' || c == '\t' || c == '_';
}

static an_delem *push_elem(an_dbuild *b, uint8_t kind, uint8_t flags,
                           uint32_t val)
{
    an_delem *e = AN_VPUSH(b, b->elems);
    if (e) {
        e->kind = kind;
        e->flags = flags;
        e->val = val;
    }
    return e;
}

/*
** Parse pattern or synset text p[0..n) into elements appended to
** b->elems.  *verb gets the index of '*' (relative), or -1 when absent.
** Returns the element count, or -1 after reporting an error (the elements
** are then removed).
*/
static int parse_elems(an_dbuild *b, uint64_t line, const char *p, size_t n,
                       int *verb)
{
    size_t start = b->elems.n;
    int gap = 0, first = 1;
    int64_t open[8];
    int nopen = 0, alt[8];
    *verb = -1;
    size_t i = 0;
    while (i < n) {
        char c = p[i];
        if (c == ' ' || c == '\t') {
            gap = 1;
            i++;
            continue;
        }
        if (c == '_') {
            i++;
            continue;
        }
        uint8_t fl = (uint8_t)((gap && !first) ? AN_DEF_GAP : 0);
        gap = 0;
        first = 0;
        uint8_t kind = 0;
        switch (c) {
        case '*': kind = AN_DE_VERB; break;
        case '$': kind = AN_DE_SOURCE; break;
        case '+': kind = AN_DE_TARGET; break;
        case '^': kind = AN_DE_SKIP; break;
        case '%': kind = AN_DE_COMPOUND; break;
        case '@': kind = AN_DE_ATTRIB; break;
        case '(': kind = AN_DE_POPEN; break;
        case ')': kind = AN_DE_PCLOSE; break;
        case '|': kind = AN_DE_GSEP; break;
        default: break;
        }
        if (kind) {
            if (kind == AN_DE_VERB) {
                if (*verb >= 0) {
                    an__db_diag(b, AN_SEV_ERROR, line, "two verb markers '*'");
                    goto fail;
                }
                *verb = (int)(b->elems.n - start);
            }
            if (kind == AN_DE_GSEP) {
                if (!nopen) {
                    an__db_diag(b, AN_SEV_ERROR, line, "'|' outside {...}");
                    goto fail;
                }
                alt[nopen - 1] = 1;
            }
            if (!push_elem(b, kind, fl, 0))
                goto fail;
            i++;
            continue;
        }
        if (c == '{') {
            if (nopen == 8) {
                an__db_diag(b, AN_SEV_ERROR, line, "{...} nested too deeply");
                goto fail;
            }
            open[nopen] = (int64_t)b->elems.n;
            alt[nopen++] = 0;
            if (!push_elem(b, AN_DE_GOPEN, fl, 0))
                goto fail;
            i++;
            continue;
        }
        if (c == '}') {
            if (!nopen) {
                an__db_diag(b, AN_SEV_ERROR, line, "'}' without '{'");
                goto fail;
            }
            nopen--;
            uint8_t af = alt[nopen] ? AN_DEF_ALT : 0;
            b->elems.v[open[nopen]].flags |= af;
            if (!push_elem(b, AN_DE_GCLOSE, (uint8_t)(fl | af), 0))
                goto fail;
            i++;
            continue;
        }
        if (c == '&') {
            size_t s = ++i;
            while (i < n && ((p[i] >= 'A' && p[i] <= 'Z') ||
                             (p[i] >= 'a' && p[i] <= 'z') ||
                             (p[i] >= '0' && p[i] <= '9') || p[i] == '_'))
                i++;
            /* The longest defined name: "&TIETYPES_RELATIONS" is the
               synset TIETYPES followed by the word RELATIONS. */
            size_t e = i;
            int64_t syn = -1;
            while (e > s) {
                size_t k = e;
                while (k > s && p[k - 1] == '_')
                    k--;
                syn = an__db_syn_find(b, p + s, k - s);
                if (syn >= 0)
                    break;
                while (e > s && p[e - 1] != '_')
                    e--;
                while (e > s && p[e - 1] == '_')
                    e--;
            }
            if (syn < 0) {
                an__db_diag(b, AN_SEV_ERROR, line, "undefined synset &%.*s",
                            (int)(i - s), p + s);
                goto fail;
            }
            if (!push_elem(b, AN_DE_SYN, fl, (uint32_t)syn))
                goto fail;
            i = e;
            continue;
        }
        /* A word. */
        size_t s = i;
        while (i < n && !sep(p[i]) && !strchr("(){}|*$^%@&[+", p[i]))
            i++;
        if (i == s) {
            i++;
            continue;
        }
        size_t e = i;
        int stem = b->tabari && !(i < n && p[i] == '_');
        if (e > s && p[e - 1] == '~') {
            e--;
            stem = 1;
        }
        if (e > s && p[e - 1] == '=') {
            e--;
            stem = 0;
        }
        size_t k0 = b->keys.n;
        int k = an__db_rawword(b, p + s, e - s, stem, 0);
        for (int j = 0; j < k; j++) {
            uint32_t key = b->keys.v[k0 + (size_t)j];
            uint8_t f = (uint8_t)((j == 0 ? fl : 0) | ((key & 2) ? AN_DEF_STEM : 0));
            if (!push_elem(b, AN_DE_WORD, f, key >> 2))
                goto fail;
        }
        b->keys.n = k0; /* the keys were only needed for the ids */
    }
    if (nopen) {
        an__db_diag(b, AN_SEV_ERROR, line, "missing '}'");
        goto fail;
    }
    if (b->elems.n - start > UINT16_MAX) {
        an__db_diag(b, AN_SEV_ERROR, line, "pattern too long");
        goto fail;
    }
    return (int)(b->elems.n - start);
fail:
    b->elems.n = start;
    return -1;
}

/* Split "[A:B]" contents into two strings (NONE when absent). */
static int parse_vcode(an_dbuild *b, uint64_t line, const char *p, size_t n,
                       uint32_t *code, uint32_t *code2)
{
    an_span s = an__dl_trim(p, n);
    const char *colon = memchr(s.p, ':', s.n);
    an_span a = s, z = {NULL, 0};
    if (colon) {
        a = an__dl_trim(s.p, (size_t)(colon - s.p));
        z = an__dl_trim(colon + 1, (size_t)(s.p + s.n - colon - 1));
    }
    if (!a.n && !z.n) {
        an__db_diag(b, AN_SEV_ERROR, line, "empty code in [...]");
        return -1;
    }
    for (size_t i = 0; i < a.n; i++)
        if (a.p[i] == ' ' || a.p[i] == '\t' || a.p[i] == '[') {
            an__db_diag(b, AN_SEV_ERROR, line, "invalid code \"%.*s\"",
                        (int)AN_MIN(s.n, (size_t)30), s.p);
            return -1;
        }
    *code = a.n ? an__db_str(b, a.p, a.n) : 0;
    *code2 = z.n ? an__db_str(b, z.p, z.n) : AN_DICT_NONE;
    return 0;
}

/* Find the last "[...]" of a line; returns 1 with its span, or 0. */
static int last_bracket(const char *p, size_t n, an_span *inside, size_t *at)
{
    for (size_t i = n; i-- > 0;) {
        if (p[i] == '[') {
            const char *c = memchr(p + i, ']', n - i);
            if (!c)
                return -1;
            *inside = (an_span){p + i + 1, (size_t)(c - p - i - 1)};
            *at = i;
            return 1;
        }
    }
    return 0;
}

static int new_block(an_dbuild *b, vstate *st, uint64_t line, an_span name,
                     uint32_t code)
{
    an_dblock *bl = AN_VPUSH(b, b->blocks);
    if (!bl)
        return -1;
    bl->name = an__db_str(b, name.p, name.n);
    bl->code = code;
    bl->pat = (uint32_t)b->pats.n;
    bl->npat = 0;
    bl->file = b->file_idx;
    bl->line = (uint32_t)AN_MIN(line, (uint64_t)UINT32_MAX);
    st->block = (int64_t)(b->blocks.n - 1);
    st->lemma = AN_DICT_NONE;
    return 0;
}

/* Pattern line "- PRE * POST [CODE]". */
static void pattern_line(an_dbuild *b, vstate *st, uint64_t line,
                         const char *p, size_t n)
{
    if (st->block < 0) {
        an__db_diag(b, AN_SEV_ERROR, line, "pattern before any verb");
        return;
    }
    an_span code;
    size_t at;
    int rb = last_bracket(p, n, &code, &at);
    if (rb <= 0) {
        an__db_diag(b, AN_SEV_ERROR, line, rb < 0 ? "missing ']'" :
                    "pattern without a code [...]");
        return;
    }
    uint32_t c1, c2;
    if (parse_vcode(b, line, code.p, code.n, &c1, &c2) != 0)
        return;
    int verb;
    size_t e0 = b->elems.n;
    int ne = parse_elems(b, line, p + 1, at - 1, &verb);
    if (ne < 0)
        return;
    if (verb < 0) {
        an__db_diag(b, AN_SEV_ERROR, line, "pattern without the verb marker '*'");
        b->elems.n = e0;
        return;
    }
    an_dblock *bl = &b->blocks.v[st->block];
    if (bl->pat + bl->npat != b->pats.n) {
        /* Patterns of a block must be contiguous: a block reopened after
           another started (TABARI forms lines do not do this). */
        an__db_diag(b, AN_SEV_ERROR, line, "pattern outside its verb block");
        b->elems.n = e0;
        return;
    }
    an_dpat *pt = AN_VPUSH(b, b->pats);
    if (!pt)
        return;
    pt->code = c1;
    pt->code2 = c2;
    pt->elem = (uint32_t)e0;
    pt->nelem = (uint16_t)ne;
    pt->verb = (uint16_t)verb;
    pt->block = (uint32_t)st->block;
    pt->file = b->file_idx;
    pt->line = (uint32_t)AN_MIN(line, (uint64_t)UINT32_MAX);
    b->blocks.v[st->block].npat++;
}

/* Append "s", "ed" and "ing" forms of w[0..n) (upper or lower case). */
static int regular_forms(const char *w, size_t n, char out[3][96],
                         size_t len[3])
{
    if (n == 0 || n > 80)
        return 0;
    bool up = w[n - 1] >= 'A' && w[n - 1] <= 'Z';
    char last = (char)an_lower((unsigned char)w[n - 1]);
    char prev = n > 1 ? (char)an_lower((unsigned char)w[n - 2]) : 0;
    bool cons_y = last == 'y' && prev && !strchr("aeiou", prev);
    const char *s, *ed, *ing;
    size_t cut_s = 0, cut_ed = 0, cut_ing = 0;
    if (cons_y) {
        s = "ies"; ed = "ied"; ing = "ying";
        cut_s = cut_ed = 1;
    } else if (last == 's' || last == 'x' || last == 'z' ||
               (last == 'h' && (prev == 's' || prev == 'c'))) {
        s = "es"; ed = "ed"; ing = "ing";
    } else if (last == 'e') {
        s = "s"; ed = "d";
        if (prev == 'i') {
            ing = "ying";
            cut_ing = 2;
        } else if (prev == 'e' || prev == 'y' || prev == 'o') {
            ing = "ing";
        } else {
            ing = "ing";
            cut_ing = 1;
        }
    } else {
        s = "s"; ed = "ed"; ing = "ing";
    }
    const char *suf[3] = {s, ed, ing};
    size_t cut[3] = {cut_s, cut_ed, cut_ing};
    for (int i = 0; i < 3; i++) {
        size_t k = n - cut[i];
        memcpy(out[i], w, k);
        size_t sl = strlen(suf[i]);
        for (size_t j = 0; j < sl; j++)
            out[i][k + j] = up ? (char)(suf[i][j] - 32) : suf[i][j];
        len[i] = k + sl;
    }
    return 3;
}

/*
** Add one verb form written like "+CORDONED_OFF", "RE_+ARREST", "GIVE"
** (PETRARCH) or "CALLED_ON" (first word is the verb).  Returns 0 or -1.
*/
static int add_form(an_dbuild *b, vstate *st, uint64_t line, const char *p,
                    size_t n, uint32_t code, uint32_t lemma)
{
    /* Split into words at '_' and blanks; find the '+' word. */
    an_span w[AN_DICT_VFORM_WORDS + 2];
    int nw = 0, vi = -1;
    size_t i = 0;
    while (i < n) {
        while (i < n && sep(p[i]))
            i++;
        if (i >= n)
            break;
        size_t s = i;
        while (i < n && !sep(p[i]))
            i++;
        if (nw == AN_DICT_VFORM_WORDS + 1) {
            an__db_diag(b, AN_SEV_ERROR, line, "multi-word verb too long");
            return -1;
        }
        if (p[s] == '+') {
            if (vi >= 0) {
                an__db_diag(b, AN_SEV_ERROR, line, "two '+' in a verb");
                return -1;
            }
            vi = nw;
            s++;
        }
        w[nw++] = (an_span){p + s, i - s};
    }
    if (nw == 0)
        return -1;
    if (vi < 0)
        vi = 0;
    an_dbvform *f = AN_VPUSH(b, b->vforms);
    if (!f)
        return -1;
    f->f.block = (uint32_t)st->block;
    f->f.code = code;
    f->f.lemma = lemma;
    f->f.file = b->file_idx;
    f->f.line = (uint32_t)AN_MIN(line, (uint64_t)UINT32_MAX);
    for (int j = 0; j < AN_DICT_VFORM_WORDS; j++)
        f->f.words[j] = AN_DICT_NONE;
    int nb = 0, na = 0;
    f->f.word = AN_DICT_NONE;
    for (int j = 0; j < nw; j++) {
        an_span t = w[j];
        int stem = b->tabari;
        if (t.n && (t.p[t.n - 1] == '=' || t.p[t.n - 1] == '~'))
            t.n--;
        /* In TABARI, a word followed by '_' is exact. */
        if (b->tabari && (j + 1 < nw || (t.p + t.n < p + n && t.p[t.n] == '_')))
            stem = 0;
        size_t k0 = b->keys.n;
        int k = an__db_rawword(b, t.p, t.n, stem, 0);
        for (int m = 0; m < k; m++) {
            uint32_t key = b->keys.v[k0 + (size_t)m];
            uint32_t id = (key >> 2) | ((key & 2) ? AN_DB_STEMBIT : 0);
            bool is_verb = j == vi && m == k - 1;
            if (is_verb) {
                f->f.word = id;
            } else if (nb + na < AN_DICT_VFORM_WORDS) {
                if (j < vi || (j == vi && m < k - 1))
                    f->f.words[nb++] = id;
                else
                    f->f.words[nb + na++] = id;
            } else {
                an__db_diag(b, AN_SEV_ERROR, line, "multi-word verb too long");
                b->keys.n = k0;
                b->vforms.n--;
                return -1;
            }
        }
        b->keys.n = k0;
    }
    /* words[] holds the before words then the after words. */
    f->f.nbefore = (uint8_t)nb;
    f->f.nafter = (uint8_t)na;
    if (f->f.word == AN_DICT_NONE) {
        b->vforms.n--;
        return -1;
    }
    return 0;
}

/* A verb line: "WORD {FORMS} [CODE]" inside a block (PETRARCH). */
static void verb_line(an_dbuild *b, vstate *st, uint64_t line, const char *p,
                      size_t n)
{
    uint32_t code = st->block >= 0 ? b->blocks.v[st->block].code : 0;
    an_span cs;
    size_t at = n;
    int rb = last_bracket(p, n, &cs, &at);
    if (rb < 0) {
        an__db_diag(b, AN_SEV_ERROR, line, "missing ']'");
        return;
    }
    if (rb > 0) {
        uint32_t c2;
        if (parse_vcode(b, line, cs.p, cs.n, &code, &c2) != 0)
            return;
    } else {
        at = n;
    }
    an_span text = an__dl_trim(p, at);
    const char *ob = memchr(text.p, '{', text.n);
    an_span head = ob ? an__dl_trim(text.p, (size_t)(ob - text.p)) : text;
    if (!head.n) {
        an__db_diag(b, AN_SEV_ERROR, line, "verb line without a verb");
        return;
    }
    if (b->tabari) {
        /* One root a line: a new block named after it. */
        if (rb <= 0) {
            an__db_diag(b, AN_SEV_ERROR, line, "verb without a code [...]");
            return;
        }
        if (new_block(b, st, line, head, code) != 0)
            return;
    } else if (st->block < 0) {
        an__db_diag(b, AN_SEV_ERROR, line, "verb outside a '--- NAME ---' block");
        return;
    }
    /* The head may carry a comment-less second token (PETRARCH: only the
       first word is the verb unless it is a multi-word verb). */
    an_span first = head;
    if (!b->tabari) {
        const char *bl = memchr(head.p, ' ', head.n);
        if (bl)
            first = an__dl_trim(head.p, (size_t)(bl - head.p));
    }
    uint32_t lemma = an__db_str(b, first.p, first.n);
    if (st->lemma == AN_DICT_NONE)
        st->lemma = lemma;
    if (!b->tabari && memchr(first.p, '_', first.n) &&
        !memchr(first.p, '+', first.n))
        an__db_diag(b, AN_SEV_WARNING, line, "multi-word verb without '+': "
                    "the first word is taken as the verb");
    if (add_form(b, st, line, first.p, first.n, code, lemma) != 0)
        return;
    st->last_code = code;
    st->last_root_line = line;
    if (ob) {
        const char *cb = memchr(ob, '}', (size_t)(text.p + text.n - ob));
        if (!cb) {
            an__db_diag(b, AN_SEV_ERROR, line, "missing '}'");
            return;
        }
        const char *s = ob + 1;
        while (s < cb) {
            while (s < cb && (*s == ' ' || *s == '\t'))
                s++;
            const char *e = s;
            while (e < cb && *e != ' ' && *e != '\t')
                e++;
            if (e > s)
                add_form(b, st, line, s, (size_t)(e - s), code, lemma);
            s = e;
        }
        return;
    }
    if (b->tabari)
        return; /* stems cover the inflections */
    /* Regular forms of the '+' word (or the only word). */
    const char *plus = memchr(first.p, '+', first.n);
    size_t ws = plus ? (size_t)(plus - first.p) + 1 : 0, we = ws;
    while (we < first.n && first.p[we] != '_')
        we++;
    char forms[3][96];
    size_t len[3];
    int nf = regular_forms(first.p + ws, we - ws, forms, len);
    for (int i = 0; i < nf; i++) {
        char buf[256];
        size_t pre = plus ? ws : 0;
        size_t post = first.n - we;
        if (pre + len[i] + post >= sizeof buf)
            continue;
        memcpy(buf, first.p, pre);
        memcpy(buf + pre, forms[i], len[i]);
        memcpy(buf + pre + len[i], first.p + we, post);
        add_form(b, st, line, buf, pre + len[i] + post, code, lemma);
    }
}

/* A synset member line "+WORDS" of the current synset. */
static void syn_member(an_dbuild *b, vstate *st, uint64_t line, const char *p,
                       size_t n)
{
    an_dsyn *sy = &b->syns.v[st->syn];
    if (sy->phr + sy->nphr != b->sphr.n) {
        an__db_diag(b, AN_SEV_ERROR, line, "synset member out of place");
        return;
    }
    an_span t = an__dl_trim(p, n);
    for (int pass = 0; pass < 2; pass++) {
        char buf[256];
        size_t bn = AN_MIN(t.n, sizeof buf - 8);
        memcpy(buf, t.p, bn);
        if (pass == 1) {
            /* The plural, unless the set or the member says not to. */
            size_t lw = bn;
            while (lw && buf[lw - 1] != ' ' && buf[lw - 1] != '_')
                lw--;
            if (st->syn_noplural || !bn || buf[bn - 1] == '_' ||
                buf[lw] == '&' ||
                !((buf[bn - 1] >= 'A' && buf[bn - 1] <= 'Z') ||
                  (buf[bn - 1] >= 'a' && buf[bn - 1] <= 'z')) ||
                memchr(buf, '{', bn))
                break;
            bn = an__db_plural(buf, bn, sizeof buf);
            if (!bn)
                break;
        }
        int verb;
        size_t e0 = b->elems.n;
        int ne = parse_elems(b, line, buf, bn, &verb);
        if (ne <= 0) {
            if (ne == 0)
                an__db_diag(b, AN_SEV_ERROR, line, "empty synset member");
            return;
        }
        if (verb >= 0) {
            an__db_diag(b, AN_SEV_ERROR, line, "'*' in a synset member");
            b->elems.n = e0;
            return;
        }
        an_dsphr *ph = AN_VPUSH(b, b->sphr);
        if (!ph)
            return;
        ph->elem = (uint32_t)e0;
        ph->nelem = (uint16_t)ne;
        ph->plural = (uint16_t)pass;
        b->syns.v[st->syn].nphr++;
    }
}

int an__db_parse_verbs(an_dbuild *b, const char *p, size_t n)
{
    an_dlines r;
    an_dline l;
    vstate st;
    memset(&st, 0, sizeof st);
    st.block = -1;
    st.syn = -1;
    st.lemma = AN_DICT_NONE;
    an__dl_init(&r, p, n);
    while (an__dl_next(&r, &l) && !b->oom) {
        const char *s = l.p;
        size_t sn = l.n;
        if (s[0] == '<') {
            if (sn >= 6 && an_span_ieq((an_span){s, 6}, "<time>"))
                st.in_time = 1;
            else if (sn >= 7 && an_span_ieq((an_span){s, 7}, "</time>"))
                st.in_time = 0;
            st.syn = -1;
            continue;
        }
        if (st.in_time)
            continue;
        if (s[0] == '+' && st.syn >= 0) {
            syn_member(b, &st, l.no, s + 1, sn - 1);
            continue;
        }
        st.syn = -1;
        if (s[0] == '&') {
            an_span name = an__dl_trim(s + 1, sn - 1);
            int noplural = name.n && name.p[name.n - 1] == '_';
            while (name.n && name.p[name.n - 1] == '_')
                name.n--;
            if (!name.n || memchr(name.p, ' ', name.n)) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "bad synset name");
                continue;
            }
            an_dsyn *sy = AN_VPUSH(b, b->syns);
            if (!sy)
                break;
            sy->name = an__db_str(b, name.p, name.n);
            sy->phr = (uint32_t)b->sphr.n;
            sy->file = b->file_idx;
            sy->line = (uint32_t)AN_MIN(l.no, (uint64_t)UINT32_MAX);
            int added = 0;
            uint32_t *v = an_map_put(&b->synmap, name.p, name.n,
                                     (uint32_t)(b->syns.n - 1), &added);
            if (!v) {
                b->oom = 1;
                break;
            }
            if (!added) {
                an__db_diag(b, AN_SEV_WARNING, l.no, "synset &%.*s redefined",
                            (int)name.n, name.p);
                *v = (uint32_t)(b->syns.n - 1);
            }
            st.syn = (int64_t)(b->syns.n - 1);
            st.syn_noplural = noplural;
            continue;
        }
        if (sn >= 3 && memcmp(s, "---", 3) == 0) {
            /* --- NAME [CODE] --- */
            an_span body = {s, sn};
            while (body.n && body.p[0] == '-')
                body.p++, body.n--;
            while (body.n && body.p[body.n - 1] == '-')
                body.n--;
            body = an__dl_trim(body.p, body.n);
            const char *ob = memchr(body.p, '[', body.n);
            an_span name = an__dl_trim(body.p, ob ? (size_t)(ob - body.p) : body.n);
            uint32_t code = an__db_str(b, "---", 3);
            if (ob) {
                const char *cb = memchr(ob, ']', (size_t)(body.p + body.n - ob));
                if (!cb) {
                    an__db_diag(b, AN_SEV_ERROR, l.no, "missing ']'");
                    st.block = -1;
                    continue;
                }
                uint32_t c2;
                if (parse_vcode(b, l.no, ob + 1, (size_t)(cb - ob - 1), &code, &c2) != 0)
                    code = an__db_str(b, "---", 3);
                if (memchr(cb, '[', (size_t)(body.p + body.n - cb)))
                    an__db_diag(b, AN_SEV_WARNING, l.no, "block with two codes: "
                                "the first is used");
            }
            if (!name.n) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "block without a name");
                st.block = -1;
                continue;
            }
            new_block(b, &st, l.no, name, code);
            continue;
        }
        if (s[0] == '-') {
            pattern_line(b, &st, l.no, s, sn);
            continue;
        }
        if (s[0] == '~') {
            uint32_t *x = AN_VPUSH(b, b->xforms);
            if (x)
                *x = an__db_str(b, s, sn);
            continue;
        }
        if (s[0] == '{') {
            /* TABARI: forms of the last root. */
            if (!b->tabari || st.block < 0 || st.last_root_line == 0) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "verb forms without a verb");
                continue;
            }
            const char *cb = memchr(s, '}', sn);
            if (!cb) {
                an__db_diag(b, AN_SEV_ERROR, l.no, "missing '}'");
                continue;
            }
            const char *q = s + 1;
            while (q < cb) {
                while (q < cb && (*q == ' ' || *q == '\t'))
                    q++;
                const char *e = q;
                while (e < cb && *e != ' ' && *e != '\t')
                    e++;
                if (e > q)
                    add_form(b, &st, l.no, q, (size_t)(e - q), st.last_code,
                             st.lemma);
                q = e;
            }
            continue;
        }
        verb_line(b, &st, l.no, s, sn);
    }
    return b->oom ? AN_ENOMEM : AN_OK;
}
