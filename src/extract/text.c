/*
** text.c - plain-text documents (first version: copies the text; the
** boilerplate and dateline rules are still to come).
*/
#include "extract.h"

int an_extract_text(an_arena *a, const char *p, size_t n, an_textb *tb,
                    an_extract *out, an_err *err)
{
    (void)a;
    (void)err;
    memset(out, 0, sizeof *out);
    an_textb_copy(tb, 0, p, n);
    return tb->oom ? AN_ENOMEM : AN_OK;
}
