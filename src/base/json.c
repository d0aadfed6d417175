/*
** json.c - iterative JSON parser into an arena.
**
** Containers are parsed with an explicit stack of frames; each frame
** collects its children in a temporary arena vector and, when closed,
** they are in place (arena vectors never move earlier allocations of
** other frames because each child vector belongs to one frame).
*/
#include <math.h>
#include <stdlib.h>

#include "json.h"
#include "utf8.h"

typedef struct frame {
    an_json *v;       /* the container being filled */
    an_json *items;   /* children so far */
    an_span *keys;    /* keys so far (objects) */
    size_t n, cap, kcap;
} frame;

typedef struct parser {
    an_arena *a;
    const char *p, *end, *start;
    an_err *err;
} parser;

static int fail(parser *ps, const char *what)
{
    return an_err_set(ps->err, AN_EFORMAT, "%s at column %zu", what,
                      (size_t)(ps->p - ps->start) + 1);
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int hex4(const char *p, int32_t *out)
{
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char)p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return 0;
    }
    *out = v;
    return 1;
}

/* Parse a string starting at the opening quote. */
static int parse_string(parser *ps, an_span *out)
{
    const char *p = ps->p + 1;
    /* First pass: find the end and whether escapes occur. */
    const char *q = p;
    int esc = 0;
    while (q < ps->end && *q != '"') {
        unsigned char c = (unsigned char)*q;
        if (c < 0x20) {
            ps->p = q;
            return fail(ps, "control character in string");
        }
        if (c == '\\') {
            esc = 1;
            q++;
            if (q >= ps->end)
                break;
        }
        q++;
    }
    if (q >= ps->end) {
        ps->p = q;
        return fail(ps, "unterminated string");
    }
    size_t len = (size_t)(q - p);
    if (!esc) {
        out->p = p; /* points into the input, which outlives the tree */
        out->n = len;
        ps->p = q + 1;
        return AN_OK;
    }
    char *o = an_arena_alloc(ps->a, len + 1);
    if (!o)
        return an_err_set(ps->err, AN_ENOMEM, "out of memory");
    char *w = o;
    while (p < q) {
        if (*p != '\\') {
            *w++ = *p++;
            continue;
        }
        p++;
        switch (*p) {
        case '"': *w++ = '"'; p++; break;
        case '\\': *w++ = '\\'; p++; break;
        case '/': *w++ = '/'; p++; break;
        case 'b': *w++ = '\b'; p++; break;
        case 'f': *w++ = '\f'; p++; break;
        case 'n': *w++ = '\n'; p++; break;
        case 'r': *w++ = '\r'; p++; break;
        case 't': *w++ = '\t'; p++; break;
        case 'u': {
            int32_t cp;
            if (q - p < 5 || !hex4(p + 1, &cp)) {
                ps->p = p;
                return fail(ps, "bad \\u escape");
            }
            p += 5;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                int32_t lo;
                if (q - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
                    hex4(p + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            w += an_utf8_encode(cp, w);
            break;
        }
        default:
            ps->p = p;
            return fail(ps, "bad escape in string");
        }
    }
    *w = 0;
    out->p = o;
    out->n = (size_t)(w - o);
    ps->p = q + 1;
    return AN_OK;
}

static int parse_number(parser *ps, an_json *v)
{
    const char *s = ps->p, *p = s;
    if (p < ps->end && *p == '-')
        p++;
    if (p >= ps->end)
        return fail(ps, "bad number");
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (p < ps->end && *p >= '0' && *p <= '9') p++;
    } else {
        return fail(ps, "unexpected character");
    }
    if (p < ps->end && *p == '.') {
        p++;
        if (p >= ps->end || *p < '0' || *p > '9')
            return fail(ps, "bad number");
        while (p < ps->end && *p >= '0' && *p <= '9') p++;
    }
    if (p < ps->end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < ps->end && (*p == '+' || *p == '-')) p++;
        if (p >= ps->end || *p < '0' || *p > '9')
            return fail(ps, "bad number");
        while (p < ps->end && *p >= '0' && *p <= '9') p++;
    }
    char tmp[64];
    size_t len = (size_t)(p - s);
    v->type = AN_JSON_NUMBER;
    v->str.p = s;
    v->str.n = len;
    if (len < sizeof tmp) {
        memcpy(tmp, s, len);
        tmp[len] = 0;
        v->num = strtod(tmp, NULL);
    } else {
        v->num = NAN; /* absurdly long; keep the text */
    }
    ps->p = p;
    return AN_OK;
}

static int lit(parser *ps, const char *word, int type, an_json *v)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, "unexpected character");
    ps->p += n;
    v->type = type;
    return AN_OK;
}

/* Append a child slot to frame f and return it. */
static an_json *push_child(parser *ps, frame *f)
{
    an_json *it = an_arena_vec(ps->a, f->items, &f->cap, f->n + 1, sizeof *it);
    if (!it)
        return NULL;
    f->items = it;
    memset(&it[f->n], 0, sizeof *it);
    return &it[f->n++];
}

int an_json_parse(an_arena *a, const char *p, size_t n, an_json **out,
                  an_err *err)
{
    parser ps = {a, p, p + n, p, err};
    frame stack[AN_JSON_MAX_DEPTH];
    int depth = 0;
    an_json *root = an_arena_zalloc(a, sizeof *root);
    if (!root)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    an_json *slot = root; /* where the next value goes */
    int rc;

    for (;;) {
        skip_ws(&ps);
        if (ps.p >= ps.end)
            return fail(&ps, depth ? "unexpected end of input" : "empty input");
        /* Parse one value into *slot. */
        char c = *ps.p;
        if (c == '{' || c == '[') {
            if (depth == AN_JSON_MAX_DEPTH)
                return an_err_set(err, AN_ERANGE, "nesting deeper than %d at column %zu",
                                  AN_JSON_MAX_DEPTH, (size_t)(ps.p - p) + 1);
            slot->type = c == '{' ? AN_JSON_OBJECT : AN_JSON_ARRAY;
            frame *f = &stack[depth++];
            memset(f, 0, sizeof *f);
            f->v = slot;
            ps.p++;
            skip_ws(&ps);
            if (ps.p < ps.end && *ps.p == (c == '{' ? '}' : ']')) {
                ps.p++;
                depth--;
                goto closed;
            }
            goto next_member;
        } else if (c == '"') {
            slot->type = AN_JSON_STRING;
            if ((rc = parse_string(&ps, &slot->str)) != AN_OK)
                return rc;
        } else if (c == 't') {
            if ((rc = lit(&ps, "true", AN_JSON_TRUE, slot)) != AN_OK) return rc;
        } else if (c == 'f') {
            if ((rc = lit(&ps, "false", AN_JSON_FALSE, slot)) != AN_OK) return rc;
        } else if (c == 'n') {
            if ((rc = lit(&ps, "null", AN_JSON_NULL, slot)) != AN_OK) return rc;
        } else {
            if ((rc = parse_number(&ps, slot)) != AN_OK) return rc;
        }

    closed:
        /* A value is complete; continue the enclosing container. */
        for (;;) {
            if (depth == 0) {
                skip_ws(&ps);
                if (ps.p != ps.end)
                    return fail(&ps, "trailing characters after JSON value");
                *out = root;
                return AN_OK;
            }
            frame *f = &stack[depth - 1];
            skip_ws(&ps);
            if (ps.p >= ps.end)
                return fail(&ps, "unexpected end of input");
            char close = f->v->type == AN_JSON_OBJECT ? '}' : ']';
            if (*ps.p == ',') {
                ps.p++;
                break; /* next member */
            }
            if (*ps.p != close)
                return fail(&ps, f->v->type == AN_JSON_OBJECT
                                     ? "expected ',' or '}'"
                                     : "expected ',' or ']'");
            ps.p++;
            f->v->n = f->n;
            f->v->items = f->items;
            f->v->keys = f->keys;
            depth--;
        }

    next_member : {
        frame *f = &stack[depth - 1];
        if (f->v->type == AN_JSON_OBJECT) {
            skip_ws(&ps);
            if (ps.p >= ps.end || *ps.p != '"')
                return fail(&ps, "expected a string key");
            an_span *k = an_arena_vec(a, f->keys, &f->kcap, f->n + 1, sizeof *k);
            if (!k)
                return an_err_set(err, AN_ENOMEM, "out of memory");
            f->keys = k;
            if ((rc = parse_string(&ps, &k[f->n])) != AN_OK)
                return rc;
            skip_ws(&ps);
            if (ps.p >= ps.end || *ps.p != ':')
                return fail(&ps, "expected ':'");
            ps.p++;
        }
        slot = push_child(&ps, f);
        if (!slot)
            return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    }
}

const an_json *an_json_get(const an_json *o, const char *key)
{
    if (!o || o->type != AN_JSON_OBJECT)
        return NULL;
    size_t kn = strlen(key);
    /* Last duplicate wins, as in most parsers. */
    for (size_t i = o->n; i-- > 0;)
        if (o->keys[i].n == kn && memcmp(o->keys[i].p, key, kn) == 0)
            return &o->items[i];
    return NULL;
}

an_span an_json_get_str(const an_json *o, const char *key)
{
    const an_json *v = an_json_get(o, key);
    if (v && v->type == AN_JSON_STRING)
        return v->str;
    return (an_span){NULL, 0};
}
