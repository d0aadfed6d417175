#!/usr/bin/env python3
"""news_judged.py - score `annals code` events on real news against the
events judged by hand (tests/data/code/news_judged.tsv, news_heldout.tsv,
aeb_judged.tsv: the 2019 pages of ../shared/eval/extraction-aeb/html, with
--docs aeb_tuning_docs.txt or aeb_heldout_docs.txt for a half; its text
column is '-', read the sentences with `annals code` on the pages).

    tools/news_judged.py EVENTS.jsonl JUDGED.tsv [JUDGED2.tsv ...]
        [--docs FILE]      only the documents listed (one id a line)
        [--scope all|judged-sentences]
        [--unjudged OUT]   write the events nobody judged, as TSV lines
                           with the verdict '?' to fill in
        [--list wrong|right|all|missed]  print the events of that verdict
                           (missed: the right events known in scope that
                           the events do not hold)

An event is keyed by (doc, sentence, source, target, CAMEO code) as in
the judged files.  Precision counts an event nobody judged as wrong (and
prints how many those are); "right known" counts the right events of the
judged files in scope (every coder version's right events judged so far),
"found" how many of them the events hold: a floor on recall.
"""
import collections
import json
import sys


def load_judged(paths):
    j = {}
    for p in paths:
        for line in open(p, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 6:
                continue
            key = tuple(f[:5])
            mod = f[8] if len(f) > 8 else ""
            j.setdefault(key, {})[mod] = (f[5], f[6] if len(f) > 6 else "",
                                          f[7] if len(f) > 7 else "")
    return j


def verdict(judged, key, modality):
    """The judgment of an event printed with `modality`: a line recorded
    with that modality, else one that recorded none, else None."""
    v = judged.get(key)
    if not v:
        return None
    return v.get(modality) or v.get("")


def main():
    args = sys.argv[1:]
    docs = None
    scope = "all"
    unjudged_out = None
    listing = None
    pos = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--docs":
            docs = set(l.strip() for l in open(args[i + 1]) if l.strip() and not l.startswith("#"))
            i += 2
        elif a == "--scope":
            scope = args[i + 1]
            i += 2
        elif a == "--unjudged":
            unjudged_out = args[i + 1]
            i += 2
        elif a == "--list":
            listing = args[i + 1]
            i += 2
        else:
            pos.append(a)
            i += 1
    if len(pos) < 2:
        sys.exit(__doc__)
    events = [json.loads(l) for l in open(pos[0], encoding="utf-8") if l.strip()]
    judged = load_judged(pos[1:])
    jsent = set((k[0], k[1]) for k in judged)
    if docs is None:
        docs_in = set(k[0] for k in judged)
    else:
        docs_in = docs
    right = wrong = unj = 0
    classes = collections.Counter()
    found_right = set()
    unjudged = []
    seen = set()
    for e in events:
        d = e["doc_id"]
        if d not in docs_in:
            continue
        s = str(e["sentence"])
        if scope == "judged-sentences" and (d, s) not in jsent:
            continue
        key = (d, s, e["source"]["code"], e["target"]["code"] if e.get("target") else "-",
               e["cameo"])
        if key in seen:
            continue
        seen.add(key)
        v = verdict(judged, key, e.get("modality", ""))
        if v is None:
            unj += 1
            unjudged.append((key, e))
            if listing in ("all", "unjudged"):
                print("?", "?", "\t".join(key), e.get("modality", ""), e["text"][:200], sep="\t")
            continue
        if v[0] == "1":
            right += 1
            found_right.add(key)
        else:
            wrong += 1
            classes[v[1]] += 1
        if listing == "all" or (listing == "wrong" and v[0] != "1") or (listing == "right" and v[0] == "1"):
            print(v[0], v[1], "\t".join(key), e.get("modality", ""), v[2][:200], sep="\t")
    known = set(k for k, vs in judged.items() if any(v[0] == "1" for v in vs.values()) and
                k[0] in docs_in and (scope == "all" or (k[0], k[1]) in jsent))
    n = right + wrong + unj
    print(f"events {n}: right {right}, wrong {wrong}, not judged {unj}; "
          f"precision {right / n if n else 0:.3f} "
          f"(of the judged {right / (right + wrong) if right + wrong else 0:.3f}); "
          f"right known {len(known)}, found {len(found_right)}")
    print("wrong by class: " + ", ".join(f"{c} {k}" for c, k in classes.most_common()))
    if listing == "missed":
        for k in sorted(known - found_right, key=lambda k: (k[0], int(k[1]) if k[1].isdigit() else 0)):
            v = next(v for v in judged[k].values() if v[0] == "1")
            print("missed", "\t".join(k), v[2][:200], sep="\t")
    if unjudged_out:
        with open(unjudged_out, "w", encoding="utf-8") as f:
            for key, e in unjudged:
                f.write("\t".join(key) + "\t?\t?\t" + e["text"].replace("\t", " ").replace("\n", " ") +
                        "\t" + e.get("modality", "") + "\n")


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit(0)
