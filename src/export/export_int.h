/*
** export_int.h - names shared by the export files: the country table
** (generated, countries.c) and the field helpers of the writers.
*/
#ifndef AN_EXPORT_INT_H
#define AN_EXPORT_INT_H

#include "../base/base.h"

/* One country: ISO 3166-1 alpha-3, FIPS 10-4 ("" when none), name. */
typedef struct an_country {
    const char *iso3;
    const char *fips;
    const char *name;
} an_country;

extern const an_country an__countries[];
extern const size_t an__ncountries;

/* The country with ISO alpha-3 code `iso3`, or NULL. */
const an_country *an__country(const char *iso3);

/* Append a field for a tab-separated table: tabs and line breaks become
   spaces. */
void an__tsv_field(an_buf *b, const char *s);

/* Append YYYYMMDDHHMMSS (UTC) for a Unix time. */
void an__timestamp(an_buf *b, int64_t t);

/* Name of a modality ("asserted", "planned", ...). */
const char *an__modality_name(int m);

#endif /* AN_EXPORT_INT_H */
