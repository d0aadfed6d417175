/*
** gdelt.c - rows of the GDELT 2.0 event table (61 columns) and mentions
** table (16 columns), tab-separated, in the column order of the GDELT
** Event Codebook V2.0.
**
** Where annals has no value the field is empty (as GDELT leaves it):
** actor geography (annals places the action, not each actor: Geo_Type
** 0), ADM2 codes, and ADM1 codes below the country (the FIPS country code
** is given).  Dates: Day is the event date, or when the event is undated
** the date of its first article, or the date it was added.  FeatureID is
** the GeoNames id for a city and the FIPS code for a country.
** Confidence (mentions) is annals' own: 100, less 30 when an actor came
** from coreference, 10 when one is a bare sector word ("police"), 10
** when there is no target and 20 when the mention is not asserted;
** never below 10.
*/
#include <stdio.h>

#include "export_int.h"
#include "annals/store.h"

/* Append a tab then a string field. */
static void tab_str(an_buf *b, const char *s)
{
    an_buf_addc(b, '\t');
    an__tsv_field(b, s);
}

/* Upper-cased ASCII copy of a name into a field. */
static void tab_upper(an_buf *b, const char *s)
{
    an_buf_addc(b, '\t');
    for (; s && *s; s++) {
        char c = *s;
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
        an_buf_addc(b, (char)(c >= 'a' && c <= 'z' ? c - 32 : c));
    }
}

/* The ten actor fields for one actor. */
static void actor_fields(an_buf *b, const char *code, const char *name)
{
    an_cameo_actor a;
    an_cameo_actor_split(code, &a);
    tab_str(b, code);
    tab_upper(b, code && *code ? name : "");
    tab_str(b, a.country);
    tab_str(b, a.known_group);
    tab_str(b, a.ethnic);
    tab_str(b, a.religion1);
    tab_str(b, a.religion2);
    tab_str(b, a.type1);
    tab_str(b, a.type2);
    tab_str(b, a.type3);
}

/* Eight empty geography fields (Geo_Type 0). */
static void no_geo(an_buf *b)
{
    an_buf_adds(b, "\t0\t\t\t\t\t\t\t");
}

/* The eight ActionGeo fields from the event's place. */
static void action_geo(an_buf *b, const an_store_event *ev)
{
    if (!ev->has_place) {
        no_geo(b);
        return;
    }
    const an_country *c = an__country(ev->place_country);
    const char *fips = c && c->fips[0] ? c->fips : "";
    bool country = ev->geonames_id == 0;
    int type = country ? 1 : !strcmp(ev->place_country, "USA") ? 3 : 4;
    an_buf_printf(b, "\t%d\t", type);
    /* "City, State, Country" for places, the country name for countries */
    if (country) {
        an__tsv_field(b, c ? c->name : ev->place_name);
    } else {
        an__tsv_field(b, ev->place_name);
        if (ev->place_admin1[0]) {
            an_buf_adds(b, ", ");
            an__tsv_field(b, ev->place_admin1);
        }
        if (c) {
            an_buf_adds(b, ", ");
            an__tsv_field(b, c->name);
        }
    }
    tab_str(b, fips);          /* CountryCode */
    tab_str(b, fips);          /* ADM1Code: the country only */
    an_buf_addc(b, '\t');      /* ADM2Code */
    an_buf_printf(b, "\t%.4f\t%.4f\t", ev->lat, ev->lon);
    if (country)
        an__tsv_field(b, fips);
    else
        an_buf_printf(b, "%u", ev->geonames_id);
}

/* The base code (3 digits) and root (2 digits) of a CAMEO code. */
static void code_parts(const char *code, char base[5], char root[3])
{
    size_t n = strlen(code);
    snprintf(base, 5, "%.*s", (int)(n > 3 ? 3 : n), code);
    snprintf(root, 3, "%.2s", code);
}

void an_export_gdelt_event(an_buf *b, const an_store_event *ev)
{
    an_date d = ev->date;
    if (!d.year)
        d = ev->first_seen;
    if (!d.year) {
        int64_t t = ev->added < 0 ? 0 : ev->added > 253402300799LL
                                            ? 253402300799LL
                                            : ev->added;
        d = an_date_from_days((int32_t)(t / 86400));
    }
    double frac = (d.month * 30 + d.day) / 365.0;
    an_buf_printf(b, "%lld\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f",
                  (long long)ev->id, d.year, d.month, d.day, d.year, d.month,
                  d.year, d.year + frac);
    actor_fields(b, ev->source, ev->source_name);
    actor_fields(b, ev->target, ev->target_name);
    char base[5], root[3];
    code_parts(ev->cameo, base, root);
    an_buf_printf(b, "\t%d", ev->is_root ? 1 : 0);
    tab_str(b, ev->cameo);
    tab_str(b, base);
    tab_str(b, root);
    an_buf_printf(b, "\t%d\t%.1f\t%d\t%d\t%d\t%.4f", ev->quad_class,
                  ev->goldstein, ev->num_mentions, ev->num_sources,
                  ev->num_articles, ev->avg_tone);
    no_geo(b); /* Actor1Geo */
    no_geo(b); /* Actor2Geo */
    action_geo(b, ev);
    an_buf_addc(b, '\t');
    an__timestamp(b, ev->added);
    tab_str(b, ev->source_url[0] ? ev->source_url : ev->doc_id);
    an_buf_addc(b, '\n');
}

/* annals' confidence in a mention (see the file comment). */
static int confidence(const an_store_mention *m)
{
    int c = 100;
    if (m->source_how == 5 || m->target_how == 5) /* AN_ACTOR_COREF */
        c -= 30;
    if (m->source_how == 4 || m->target_how == 4) /* AN_ACTOR_AGENT */
        c -= 10;
    if (!m->target[0])
        c -= 10;
    if (m->modality != 0)
        c -= 20;
    return c < 10 ? 10 : c;
}

void an_export_gdelt_mention(an_buf *b, const an_store_mention *m)
{
    an_buf_printf(b, "%lld\t", (long long)m->event);
    an__timestamp(b, m->event_added);
    an_buf_addc(b, '\t');
    an__timestamp(b, m->doc_added);
    an_buf_printf(b, "\t%d", m->url[0] ? 1 : 2);
    tab_str(b, m->source_name);
    tab_str(b, m->url[0] ? m->url : m->doc_id);
    an_buf_printf(b, "\t%u\t%lld\t%lld\t%lld\t%d\t%d\t%lld\t%.4f\t\t\n",
                  m->sent + 1, (long long)m->source_char,
                  (long long)m->target_char, (long long)m->action_char,
                  m->source_how != 5 && m->target_how != 5, confidence(m),
                  (long long)m->doc_chars, m->doc_tone);
}
