/*
** actor.c - CAMEO actor codes split into the fields GDELT publishes, and
** the country table lookup.
**
** A CAMEO actor code is a string of 3-letter parts ("USAGOV", "IGOUNO",
** "SYRREBMUS").  Each part is classified, left to right:
**   - a country (ISO 3166-1 alpha-3), a CAMEO region ("AFR", "MEA", ...)
**     or a historical state ("USR", "YUG") fills CountryCode (the first
**     one only);
**   - a role or sector ("GOV", "MIL", "REB", "IGO", "NGO", ...) fills the
**     next of Type1..Type3;
**   - a religion ("CHR", "MOS", "SUN", ...) fills Religion1, Religion2;
**   - an ethnic group from a short list fills EthnicCode;
**   - anything else is taken as a known group ("UNO", "EEC", "NAT") and
**     fills KnownGroupCode (the first one only).
** The lists are the parts the Phoenix/CAMEO dictionaries use; the ethnic
** list is partial.
*/
#include <stdio.h>
#include <stdlib.h>

#include "export_int.h"

static const char *const regions[] = {
    "AFR", "ASA", "BLK", "CAF", "CAS", "CAU", "CFR", "CRB", "CSK", "DDR",
    "EAF", "EEU", "EIN", "EUR", "KSV", "LAM", "MDT", "MEA", "NAF", "NMR",
    "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "USR", "WAF", "WEU", "WST",
    "YUG",
};

static const char *const types[] = {
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV",
    "HLH", "HRI", "IGO", "IMG", "INS", "INT", "JUD", "LAB", "LEG", "MED",
    "MIL", "MNC", "MOD", "NGM", "NGO", "OPP", "PTY", "RAD", "REB", "REF",
    "REL", "SEP", "SET", "SPY", "UAF", "UIS",
};

static const char *const religions[] = {
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX",
    "HIN", "ITH", "JAN", "JEW", "MOS", "MRM", "MUS", "NRM", "PAG", "PRO",
    "SHI", "SHN", "SIK", "SUF", "SUN", "TAO", "UDI", "ZRO",
};

static const char *const ethnic[] = {
    "BER", "HAZ", "HUT", "KUR", "PAS", "TAM", "TUT", "UIG",
};

static int cmp_code(const void *key, const void *elem)
{
    return strncmp(key, *(const char *const *)elem, 3);
}

static bool in_set(const char *part, const char *const *set, size_t n)
{
    return bsearch(part, set, n, sizeof *set, cmp_code) != NULL;
}

static int cmp_country(const void *key, const void *elem)
{
    return strncmp(key, ((const an_country *)elem)->iso3, 3);
}

const an_country *an__country(const char *iso3)
{
    if (!iso3 || strlen(iso3) != 3)
        return NULL;
    return bsearch(iso3, an__countries, an__ncountries, sizeof *an__countries,
                   cmp_country);
}

const char *an_country_fips(const char *iso3)
{
    const an_country *c = an__country(iso3);
    return c && c->fips[0] ? c->fips : NULL;
}

static void put(char dst[4], const char *part)
{
    memcpy(dst, part, 3);
    dst[3] = 0;
}

void an_cameo_actor_split(const char *code, an_cameo_actor *out)
{
    memset(out, 0, sizeof *out);
    if (!code)
        return;
    size_t n = strlen(code);
    int ntype = 0, nrel = 0;
    for (size_t i = 0; i + 3 <= n; i += 3) {
        char part[4];
        bool upper = true;
        for (int k = 0; k < 3; k++) {
            part[k] = code[i + k];
            upper &= part[k] >= 'A' && part[k] <= 'Z';
        }
        part[3] = 0;
        if (!upper)
            break; /* not a CAMEO code past this point */
        if (!out->country[0] &&
            (an__country(part) || in_set(part, regions, AN_COUNT(regions))))
            put(out->country, part);
        else if (in_set(part, types, AN_COUNT(types))) {
            if (ntype < 3)
                put(ntype == 0 ? out->type1 : ntype == 1 ? out->type2
                                                         : out->type3,
                    part);
            ntype++;
        } else if (in_set(part, religions, AN_COUNT(religions))) {
            if (nrel < 2)
                put(nrel == 0 ? out->religion1 : out->religion2, part);
            nrel++;
        } else if (in_set(part, ethnic, AN_COUNT(ethnic))) {
            if (!out->ethnic[0])
                put(out->ethnic, part);
        } else if (!out->known_group[0] && !an__country(part) &&
                   !in_set(part, regions, AN_COUNT(regions))) {
            put(out->known_group, part);
        }
    }
}

void an__tsv_field(an_buf *b, const char *s)
{
    for (; s && *s; s++)
        an_buf_addc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

void an__timestamp(an_buf *b, int64_t t)
{
    if (t < 0)
        t = 0;
    if (t > 253402300799LL) /* 9999-12-31 23:59:59 */
        t = 253402300799LL;
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t sec = t - days * 86400;
    an_date d = an_date_from_days((int32_t)days);
    an_buf_printf(b, "%04d%02d%02d%02d%02d%02d", d.year, d.month, d.day,
                  (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
}

const char *an__modality_name(int m)
{
    switch (m) {
    case AN_MOD_ASSERTED: return "asserted";
    case AN_MOD_PLANNED: return "planned";
    case AN_MOD_NEGATED: return "negated";
    case AN_MOD_HYPOTHETICAL: return "hypothetical";
    default: return "unknown";
    }
}
