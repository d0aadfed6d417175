/*
** where.c - place mentions of a document (stub, filled below).
*/
#include "../doc/doc_int.h"

const an_place_mention *an_doc_places(const an_doc *d, size_t *n)
{
    *n = d->nplace;
    return d->places;
}

const char *an_doc_country_focus(const an_doc *d)
{
    return d->focus;
}
