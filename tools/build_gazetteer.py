#!/usr/bin/env python3
"""build_gazetteer.py - compile the compact gazetteer image data/gazetteer/gazetteer.img.

Sources (see data/README.md for licences):
  SHARED/data/gazetteer/cities1000.txt       GeoNames cities (CC BY 4.0)
  SHARED/data/gazetteer/world-countries.json mledoze/countries (ODbL 1.0)
  SHARED/data/gazetteer/iso_3166-2.json      Debian iso-codes (LGPL-2.1+)
  SHARED/data/ud-ewt/en_ewt-ud-train.conllu  only to learn which names are
                                             common English words

What is kept, and why (the image must stay a few MB):
  - every country, with its common and official names, English alternate
    spellings, a few news aliases written here (Britain, Holland, Burma...)
    and its English demonyms (singular and plural), flagged as demonyms;
  - seas, gulfs, straits and lakes (WATER, written here), with no country;
  - first-level subdivisions (ISO 3166-2 entries without a parent), with
    "<seat> region/province/oblast/governorate/state" forms when the
    subdivision is matched to a GeoNames admin1 group through its seat;
  - cities with population >= MIN_POP, and every capital and first- or
    second-order administrative seat (PPLC, PPLA, PPLA2) of any size;
  - for each city its name and ASCII name; alternate names only for cities
    with population >= ALT_POP or capitals/first-order seats, and only
    Latin-script ones without digits (English news spells foreign places
    with Latin letters: Kiev/Kyiv/Kyjiw, Odessa/Odesa, Kharkov/Kharkiv) of
    four letters or more ("Sam" for Damascus is a first name);
    alternates that are lower-case English words are dropped, names that
    are common words are flagged so the tagger asks for capitals and context;
  - no subdivision named by a geographic word (GEO_WORDS) and no place
    named like a continent (BLOCKED).

Keys are folded like the tagger folds text: NFD, combining marks removed,
case-folded.  The image layout is documented in src/where/gaz.c.

usage: tools/build_gazetteer.py [--shared DIR] [--out FILE]
"""
import argparse
import collections
import json
import math
import os
import struct
import sys
import unicodedata

MIN_POP = 5000
ALT_POP = 50000
KIND_CITY, KIND_CAPITAL, KIND_REGION, KIND_COUNTRY, KIND_WATER = 1, 2, 3, 4, 5
F_ALT, F_DEMONYM, F_COMMON, F_ABBR = 1, 2, 4, 8
FCODES = {'PPL': 0, 'PPLA': 1, 'PPLA2': 2, 'PPLA3': 3, 'PPLA4': 3, 'PPLC': 4}

# English news names missing from the country data (hand-written).
ALIASES = {
    'GBR': ['Britain', 'Great Britain', 'England'],
    'NLD': ['Holland', 'The Netherlands'],
    'MMR': ['Burma'],
    'CZE': ['Czech Republic'],
    'COD': ['DR Congo', 'DRC', 'Democratic Republic of Congo',
            'Congo-Kinshasa'],
    'COG': ['Congo-Brazzaville', 'Republic of Congo'],
    'PRK': ['North Korea'],
    'KOR': ['South Korea'],
    'USA': ['America', 'U.S.', 'U.S.A.', 'United States'],
    'ARE': ['UAE', 'U.A.E.', 'Emirates'],
    'TUR': ['Turkey', 'Turkiye'],
    'SYR': ['Syria'],
    'RUS': ['Russian Federation'],
    'IRN': ['Persia'],
    'VAT': ['Vatican', 'Holy See'],
    'PSE': ['Palestinian Territories', 'Palestinian territories'],
    'TWN': ['Taiwan'],
    'MKD': ['Macedonia'],
    'SWZ': ['Swaziland'],
    'CPV': ['Cape Verde'],
    'TLS': ['East Timor'],
    'CIV': ['Ivory Coast'],
}
# Demonyms missing or only in plural use.
DEMONYM_EXTRA = {
    'GBR': ['Briton', 'Britons', 'English', 'Scottish', 'Welsh'],
    'USA': ['Americans', 'U.S.'],
    'ISR': ['Israelis'],
    'PSE': ['Palestinians'],
    'NLD': ['Dutch'],
    'CHN': ['Chinese'],
    'JPN': ['Japanese'],
}
# Subdivision names that are geographic words ("Gulf" of Papua New Guinea,
# "Western" of Fiji, "Southern" of Botswana): in English news these words
# name no subdivision, so they are not keys.
GEO_WORDS = {'central', 'centrale', 'centre', 'coast', 'delta', 'east',
             'eastern', 'gulf', 'lakes', 'littoral', 'midlands', 'north',
             'north-west', 'northern', 'plateau', 'plateaux', 'savanes',
             'savannah', 'south', 'south-west', 'southern', 'west', 'western',
             'capital', 'islands', 'interior', 'upper', 'lower',
             'west coast', 'east coast', 'north coast', 'south coast'}
# Continents and world regions: no entry of their own, and never a town of
# the same name ("Asia" in the Philippines, "Europa").
BLOCKED = {'asia', 'europe', 'europa', 'africa', 'oceania', 'antarctica',
           'middle east', 'latin america', 'north america', 'south america',
           'central america', 'caribbean', 'balkans', 'scandinavia',
           'eurasia', 'arctic',
           # names of actors that are also names of towns: "the White
           # House" (White House, Tennessee), "Hamas" (an alternate name
           # of Hamm)
           'white house', 'hamas'}
# Territories news names as places of events, with no ISO subdivision of
# their own ("an air strike in the Gaza Strip"): regions of their country,
# names and rough centre points written by hand for this project.
TERRITORIES = [
    ('Gaza Strip', 31.42, 34.36, 'PSE'),
    ('West Bank', 31.95, 35.25, 'PSE'),
]
# Seas, gulfs, straits and lakes where news events happen ("pirates
# captured in the Gulf of Aden"): no country; names and approximate centre
# points written by hand for this project.
WATER = [
    ('Gulf of Aden', 12.0, 48.0, []),
    ('Red Sea', 20.0, 38.5, []),
    ('Black Sea', 43.0, 34.0, []),
    ('Mediterranean Sea', 35.0, 18.0, []),
    ('Persian Gulf', 26.5, 52.0, ['Arabian Gulf']),
    ('Arabian Sea', 15.0, 65.0, []),
    ('Strait of Hormuz', 26.6, 56.3, ['Hormuz Strait']),
    ('Gulf of Oman', 24.5, 58.5, []),
    ('Indian Ocean', -20.0, 80.0, []),
    ('Atlantic Ocean', 0.0, -30.0, []),
    ('Pacific Ocean', 0.0, -160.0, []),
    ('Arctic Ocean', 85.0, 0.0, []),
    ('South China Sea', 12.0, 113.0, []),
    ('East China Sea', 29.0, 125.0, []),
    ('Yellow Sea', 35.0, 123.0, []),
    ('Sea of Japan', 40.0, 135.0, []),
    ('Taiwan Strait', 24.0, 119.5, []),
    ('Strait of Malacca', 4.0, 100.0, ['Malacca Strait']),
    ('Bay of Bengal', 15.0, 88.0, []),
    ('Gulf of Thailand', 10.0, 102.0, []),
    ('Baltic Sea', 58.0, 20.0, []),
    ('North Sea', 56.0, 3.0, []),
    ('English Channel', 50.2, -1.0, []),
    ('Caspian Sea', 41.5, 50.5, []),
    ('Sea of Azov', 46.0, 36.5, []),
    ('Kerch Strait', 45.3, 36.5, []),
    ('Aegean Sea', 39.0, 25.0, []),
    ('Adriatic Sea', 43.0, 15.0, []),
    ('Ionian Sea', 38.5, 18.5, []),
    ('Gulf of Mexico', 25.0, -90.0, []),
    ('Caribbean Sea', 15.0, -75.0, []),
    ('Gulf of Guinea', 2.0, 3.0, []),
    ('Bab el-Mandeb', 12.6, 43.4, ['Bab al-Mandab']),
    ('Mozambique Channel', -18.0, 41.0, []),
    ('Coral Sea', -18.0, 155.0, []),
    ('Tasman Sea', -40.0, 160.0, []),
    ('Barents Sea', 74.0, 40.0, []),
    ('Bering Sea', 58.0, -178.0, []),
    ('Gulf of Finland', 60.0, 26.0, []),
    ('Sea of Marmara', 40.7, 28.2, []),
    ('Dead Sea', 31.5, 35.5, []),
    ('Lake Victoria', -1.0, 33.0, []),
    ('Lake Chad', 13.0, 14.5, []),
]
# Words that stand for a place type after a region's seat name.
REGION_WORDS = ['region', 'province', 'oblast', 'governorate', 'state',
                'prefecture', 'county', 'district']


def fold(s):
    s = unicodedata.normalize('NFD', s)
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn')
    s = s.casefold()
    s = s.replace('\u2019', "'").replace('\u2018', "'").replace('\u02bc', "'")
    return ' '.join(s.split())


def latin(s):
    for ch in s:
        o = ord(ch)
        if o < 0x80:
            continue
        if 0xC0 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF or ch in '\u2019\u02bb\u02bc\u2018':
            continue
        return False
    return True


def english_vocab(path):
    """Lower-case word forms of EWT train seen at least twice in lower case,
    and more often lower- than upper-case."""
    low, cap = collections.Counter(), collections.Counter()
    if not os.path.exists(path):
        return set()
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line or line[0] == '#' or line == '\n':
                continue
            cols = line.split('\t')
            if len(cols) < 2 or '-' in cols[0] or '.' in cols[0]:
                continue
            w = cols[1]
            if w.islower():
                low[w] += 1
            elif w[:1].isupper():
                cap[w.lower()] += 1
    return {w for w, n in low.items() if n >= 2 and n >= cap[w]}


def xxh64(data, seed=0):
    """XXH64 of bytes (the image checksum)."""
    P1, P2, P3, P4, P5 = (11400714785074694791, 14029467366897019727,
                          1609587929392839161, 9650029242287828579,
                          2870177450012600261)
    M = (1 << 64) - 1

    def rotl(x, r):
        return ((x << r) | (x >> (64 - r))) & M

    def rnd(acc, lane):
        acc = (acc + lane * P2) & M
        return (rotl(acc, 31) * P1) & M

    def merge(acc, v):
        acc ^= rnd(0, v)
        return (acc * P1 + P4) & M

    n = len(data)
    i = 0
    if n >= 32:
        v1 = (seed + P1 + P2) & M
        v2 = (seed + P2) & M
        v3 = seed & M
        v4 = (seed - P1) & M
        lanes = struct.unpack_from('<%dQ' % ((n // 32) * 4), data, 0)
        for k in range(0, len(lanes), 4):
            v1 = rnd(v1, lanes[k])
            v2 = rnd(v2, lanes[k + 1])
            v3 = rnd(v3, lanes[k + 2])
            v4 = rnd(v4, lanes[k + 3])
        i = (n // 32) * 32
        h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) & M
        h = merge(h, v1)
        h = merge(h, v2)
        h = merge(h, v3)
        h = merge(h, v4)
    else:
        h = (seed + P5) & M
    h = (h + n) & M
    while i + 8 <= n:
        (k1,) = struct.unpack_from('<Q', data, i)
        h ^= rnd(0, k1)
        h = (rotl(h, 27) * P1 + P4) & M
        i += 8
    if i + 4 <= n:
        (k1,) = struct.unpack_from('<I', data, i)
        h ^= (k1 * P1) & M
        h = (rotl(h, 23) * P2 + P3) & M
        i += 4
    while i < n:
        h ^= (data[i] * P5) & M
        h = (rotl(h, 11) * P1) & M
        i += 1
    h ^= h >> 33
    h = (h * P2) & M
    h ^= h >> 29
    h = (h * P3) & M
    h ^= h >> 32
    return h


def image(kind, kind_version, sections):
    """The annals image container (docs/file-formats.md)."""
    hdr_len = 64 + 32 * len(sections)
    off = (hdr_len + 15) & ~15
    table, body = b'', b''
    pos = off
    for name, data in sections:
        table += struct.pack('<16sQQ', name.encode(), pos, len(data))
        pad = (-len(data)) & 15
        body += data + b'\0' * pad
        pos += len(data) + pad
    pre = table + b'\0' * (off - hdr_len) + body
    size = 64 + len(pre)
    head = struct.pack('<8sII16sIIQQQ', b'ANNALSIM', 1, 0x01020304,
                       kind.encode(), kind_version, len(sections), size,
                       xxh64(pre), 0)
    assert len(head) == 64
    return head + pre


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--shared', default=os.path.join(here, '..', '..', 'shared'))
    ap.add_argument('--out', default=os.path.join(here, '..', 'data', 'gazetteer',
                                                  'gazetteer.img'))
    a = ap.parse_args()
    g = os.path.join(a.shared, 'data', 'gazetteer')
    vocab = english_vocab(os.path.join(a.shared, 'data', 'ud-ewt',
                                       'en_ewt-ud-train.conllu'))

    strings = bytearray(b'\0')
    str_off = {'': 0}

    def sref(s):
        if s not in str_off:
            str_off[s] = len(strings)
            strings.extend(s.encode('utf-8') + b'\0')
        return str_off[s]

    entries = []   # [gid, lat, lon, name, admin1, country, kind, popq, fcode]
    keys = collections.defaultdict(list)   # folded key -> [(entry, flags)]

    def add_key(name, e, flags):
        k = fold(name)
        if len(k) < 2 or len(k.encode()) > 200 or k.count(' ') >= 8:
            return
        if k in BLOCKED or (k in GEO_WORDS and entries[e][6] == KIND_REGION):
            return
        if len(k) < 3 and not flags & F_ABBR:
            return
        if ' ' not in k and k in vocab and not flags & F_ABBR:
            if flags & F_ALT and not flags & (F_DEMONYM | F_ABBR):
                return
            flags |= F_COMMON
        lst = keys[k]
        for i, (x, f) in enumerate(lst):
            if x == e:
                lst[i] = (x, f & flags)
                return
        lst.append((e, flags))

    def popq(p):
        return min(255, int(round(math.log2(p + 1) * 8))) if p > 0 else 0

    # ---- countries ----
    countries = json.load(open(os.path.join(g, 'world-countries.json'),
                               encoding='utf-8'))
    countries.sort(key=lambda c: c['cca3'])
    cidx = {}
    crec = []
    for c in countries:
        i = len(crec)
        cidx[c['cca2']] = i
        lat, lon = (c.get('latlng') or [0, 0])[:2]
        e = len(entries)
        entries.append([0, lat, lon, sref(c['name']['common']), 0xFFFF, i,
                        KIND_COUNTRY, 255, 5])
        crec.append([c['cca2'], c['cca3'], e, 0xFFFFFFFF])
        add_key(c['name']['common'], e, 0)
        add_key(c['name']['official'], e, F_ALT)
        for s in c.get('altSpellings', []):
            if len(s) <= 3 and s.isupper():
                if s != c['cca2'] or s in ('UK', 'US'):
                    add_key(s, e, F_ALT | F_ABBR)
                continue
            if latin(s):
                add_key(s, e, F_ALT)
        for s in ALIASES.get(c['cca3'], []):
            ab = F_ABBR if s.replace('.', '').isupper() else 0
            add_key(s, e, F_ALT | ab)
        dem = c.get('demonyms', {}).get('eng', {})
        forms = {dem.get('m', ''), dem.get('f', '')} - {''}
        for s in list(forms):
            if s.endswith(('an', 'i')):
                forms.add(s + 's')
        forms |= set(DEMONYM_EXTRA.get(c['cca3'], []))
        if not c.get('independent', True) and c['cca3'] not in DEMONYM_EXTRA:
            forms = set()   # "American", "French": the country, not a territory
        for s in forms:
            add_key(s, e, F_DEMONYM | (F_ABBR if s.replace('.', '').isupper() else 0))

    # ---- cities ----
    groups = collections.defaultdict(list)   # (cc, admin1) -> rows
    rows = []
    with open(os.path.join(g, 'cities1000.txt'), encoding='utf-8') as f:
        for line in f:
            r = line.rstrip('\n').split('\t')
            if len(r) < 15 or r[8] not in cidx:
                continue
            rows.append(r)
            groups[(r[8], r[10])].append(r)

    # ---- first-level subdivisions, matched to GeoNames admin1 groups ----
    iso = json.load(open(os.path.join(g, 'iso_3166-2.json'),
                         encoding='utf-8'))['3166-2']
    iso_first = collections.defaultdict(list)
    for s in iso:
        if 'parent' in s:
            continue
        cc = s['code'].split('-')[0]
        if cc in cidx:
            iso_first[cc].append(s)

    def seat_of(rs):
        best = None
        for r in rs:
            rank = (r[7] in ('PPLA', 'PPLC'), int(r[14] or 0))
            if best is None or rank > best[0]:
                best = (rank, r)
        return best[1]

    def similar(a, b):
        a, b = fold(a), fold(b)
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        return n >= 4 and n >= 0.6 * min(len(a.split()[0]), len(b.split()[0]))

    admin = []          # [name_off, country, entry]
    admin_of = {}       # (cc, a1) -> admin index
    for cc, subs in iso_first.items():
        taken = set()
        for (gcc, a1), rs in groups.items():
            if gcc != cc or not a1:
                continue
            seat = seat_of(rs)
            match = None
            direct = [s for s in subs if s['code'] == cc + '-' + a1]
            if cc == 'US' and direct:
                match = direct[0]   # GeoNames uses the ISO/USPS state codes
            elif direct and similar(direct[0]['name'], seat[2]):
                match = direct[0]
            else:
                cands = [s for s in subs if similar(s['name'], seat[2]) or
                         similar(s['name'], seat[1])]
                if len(cands) == 1:
                    match = cands[0]
            if not match or match['code'] in taken:
                continue
            taken.add(match['code'])
            e = len(entries)
            entries.append([0, float(seat[4]), float(seat[5]), sref(match['name']),
                            len(admin), cidx[cc], KIND_REGION, popq(
                                sum(int(r[14] or 0) for r in rs)), 5])
            admin_of[(cc, a1)] = len(admin)
            admin.append([sref(match['name']), cidx[cc], e])
            add_key(match['name'], e, 0)
            base = fold(seat[2])
            for w in REGION_WORDS:
                add_key(base + ' ' + w, e, F_ALT)
    # Subdivisions matched to no group: still names of places, at the
    # country's coordinates, with no admin record of their own.
    for cc, subs in iso_first.items():
        for s in subs:
            k = fold(s['name'])
            if any(entries[x][6] == KIND_REGION and entries[x][5] == cidx[cc]
                   for x, _ in keys.get(k, [])):
                continue
            c = crec[cidx[cc]]
            ce = entries[c[2]]
            e = len(entries)
            entries.append([0, ce[1], ce[2], sref(s['name']), 0xFFFF, cidx[cc],
                            KIND_REGION, 0, 5])
            add_key(s['name'], e, 0)

    # ---- cities ----
    n_city = 0
    for r in rows:
        pop = int(r[14] or 0)
        fc = r[7]
        if pop < MIN_POP and fc not in ('PPLC', 'PPLA', 'PPLA2'):
            continue
        cc = r[8]
        kind = KIND_CAPITAL if fc == 'PPLC' else KIND_CITY
        e = len(entries)
        entries.append([int(r[0]), float(r[4]), float(r[5]), sref(r[1]),
                        admin_of.get((cc, r[10]), 0xFFFF), cidx[cc], kind,
                        popq(pop), FCODES.get(fc, 5)])
        n_city += 1
        if kind == KIND_CAPITAL:
            crec[cidx[cc]][3] = e
        add_key(r[1], e, 0)
        add_key(r[2], e, 0)
        if pop >= ALT_POP or fc in ('PPLC', 'PPLA'):
            for s in r[3].split(','):
                s = s.strip()
                if (len(s) < 4 or not latin(s) or any(ch.isdigit() for ch in s)
                        or (len(s) <= 4 and s.isupper()) or '(' in s):
                    continue
                # A short alternate that does not start like the name is
                # another language's name that English reads as a word or
                # a person ("Yida" for Jeddah, "Chin" for Jinzhou); "Kiev"
                # for Kyiv stays.
                if len(s) <= 5 and fold(s)[:1] != fold(r[2])[:1]:
                    continue
                add_key(s, e, F_ALT)

    # ---- territories ----
    c3 = {cc3: i for i, (cc2, cc3, ce, cap) in enumerate(crec)}
    for name, lat, lon, cc3 in TERRITORIES:
        e = len(entries)
        entries.append([0, lat, lon, sref(name), 0xFFFF, c3[cc3], KIND_REGION,
                        0, 5])
        add_key(name, e, 0)

    # ---- seas, gulfs and straits ----
    for name, lat, lon, alts in WATER:
        e = len(entries)
        entries.append([0, lat, lon, sref(name), 0xFFFF, 0xFF, KIND_WATER, 0, 5])
        add_key(name, e, 0)
        for s in alts:
            add_key(s, e, F_ALT)

    # ---- serialise ----
    ent = bytearray()
    for gid, lat, lon, name, a1, c, kind, pq, fc in entries:
        ent += struct.pack('<IiiIHBBBBH', gid, int(round(lat * 1e5)),
                           int(round(lon * 1e5)), name, a1, c, kind, pq, fc, 0)
    cou = bytearray()
    for cc2, cc3, e, cap in crec:
        cou += struct.pack('<2s3sBHII', cc2.encode(), cc3.encode(), 0, 0, e, cap)
    adm = bytearray()
    for name, c, e in admin:
        adm += struct.pack('<IIBBH', name, e, c, 0, 0)
    korder = sorted(keys, key=lambda k: k.encode('utf-8'))
    post = []
    kt = bytearray()
    maxw = 1
    for k in korder:
        lst = keys[k]
        # Most populous first, countries and regions before cities.
        lst.sort(key=lambda xf: (-entries[xf[0]][6] if entries[xf[0]][6] >= 3 else 0,
                                 -entries[xf[0]][7]))
        kt += struct.pack('<II', sref(k), len(post))
        post.append(len(lst))
        for x, fl in lst:
            post.append((x << 8) | fl)
        maxw = max(maxw, len(k.split(' ')))
    meta = struct.pack('<8I', len(entries), len(korder), len(crec), len(admin),
                       len(post), maxw, len(strings), 0)
    sections = [('meta', meta), ('entries', bytes(ent)), ('countries', bytes(cou)),
                ('admin1', bytes(adm)), ('keys', bytes(kt)),
                ('post', struct.pack('<%dI' % len(post), *post)),
                ('strings', bytes(strings))]
    img = image('gaz', 2, sections)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(img)
    os.replace(tmp, a.out)
    print('%s: %d bytes; %d entries (%d countries, %d matched regions, %d '
          'cities, %d seas), %d keys, %d postings, %d string bytes'
          % (a.out, len(img), len(entries), len(crec), len(admin), n_city,
             len(WATER),
             len(korder), len(post), len(strings)), file=sys.stderr)


if __name__ == '__main__':
    main()
