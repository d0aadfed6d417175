/*
** html.c - HTML main-text extraction (first version: all visible text of
** the body, block elements as paragraph breaks).
*/
#include <gumbo.h>
#include <stdlib.h>

#include "extract.h"

static bool skip_tag(GumboTag t)
{
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE ||
           t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_NAV ||
           t == GUMBO_TAG_FOOTER || t == GUMBO_TAG_HEADER ||
           t == GUMBO_TAG_FORM || t == GUMBO_TAG_TEMPLATE;
}

int an_extract_html(an_arena *a, const char *html, size_t n, an_textb *tb,
                    an_extract *out, an_err *err)
{
    (void)a;
    memset(out, 0, sizeof *out);
    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&opts, html, n);
    if (!g)
        return an_err_set(err, AN_ENOMEM, "HTML parser failed");
    /* Iterative walk with an explicit stack (pages nest deeply). */
    size_t cap = 256, sp = 0;
    struct fr { GumboNode *node; unsigned i; } *st = malloc(cap * sizeof *st);
    if (!st) {
        gumbo_destroy_output(&opts, g);
        return an_err_set(err, AN_ENOMEM, "out of memory");
    }
    st[sp++] = (struct fr){g->root, 0};
    while (sp) {
        struct fr *f = &st[sp - 1];
        GumboNode *node = f->node;
        if (node->type == GUMBO_NODE_TEXT) {
            const GumboText *t = &node->v.text;
            an_textb_synth(tb, (uint32_t)t->start_pos.offset, t->text, strlen(t->text));
            sp--;
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT || skip_tag(node->v.element.tag)) {
            sp--;
            continue;
        }
        const GumboVector *ch = &node->v.element.children;
        if (f->i < ch->length) {
            GumboNode *c = ch->data[f->i++];
            if (sp == cap) {
                void *ns = realloc(st, cap * 2 * sizeof *st);
                if (!ns)
                    break;
                st = ns;
                cap *= 2;
            }
            st[sp++] = (struct fr){c, 0};
        } else {
            GumboTag t = node->v.element.tag;
            if (t == GUMBO_TAG_P || t == GUMBO_TAG_DIV || t == GUMBO_TAG_H1 ||
                t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_LI ||
                t == GUMBO_TAG_BR || t == GUMBO_TAG_TITLE)
                an_textb_synth(tb, (uint32_t)node->v.element.start_pos.offset, "\n\n", 2);
            sp--;
        }
    }
    free(st);
    gumbo_destroy_output(&opts, g);
    return tb->oom ? AN_ENOMEM : AN_OK;
}
