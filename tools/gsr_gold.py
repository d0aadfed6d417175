#!/usr/bin/env python3
"""gsr_gold.py - turn a PETRARCH validation XML (the GSR sample) into the
gold JSONL that ../shared/tools/score_events.py reads, and the documents
as JSONL for `annals code`.

    tools/gsr_gold.py [GSR.xml] GOLD.jsonl DOCS.jsonl
    build/annals code DOCS.jsonl > EVENTS.jsonl
    ../shared/tools/score_events.py GOLD.jsonl EVENTS.jsonl

Each record becomes one document {"id","date","text"}; its expected
codings become gold events {"type": PLOVER type of the CAMEO code (the
scorer's own root table), "src": [source country], "tgt": [target
country]} (a country is the first three letters of a code, as the scorer
compares them).  Records that expect no event get an empty list.
"""
import json
import re
import sys

ROOT = {"02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
        "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "ACCUSE",
        "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
        "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
        "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}
SPECIAL = {"087": "RETREAT", "0871": "RETREAT", "0872": "RETREAT",
           "0873": "RETREAT", "0874": "RETREAT", "081": "CONCEDE",
           "084": "RETREAT", "0841": "RETREAT", "0842": "RETREAT"}


def records(path):
    raw = open(path, encoding="utf-8").read()
    raw = "\n".join(l for l in raw.splitlines() if not l.startswith("#"))
    raw = re.sub(r"<Sentence([^>]*)/>", r"<Sentence\1>", raw)
    for m in re.finditer(r"<Sentence([^>]*)>(.*?)(?=<Sentence|</Sentences>)",
                         raw, re.S):
        attrs = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', m.group(1)))
        body = m.group(2)
        t = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not t:
            continue
        evs = []
        for ev in re.finditer(r"<EventCoding([^>]*)>", body):
            a = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', ev.group(1)))
            code = a.get("eventcode", "")
            if not code:
                continue
            typ = SPECIAL.get(code) or ROOT.get(code[:2])
            if not typ:
                continue
            e = {"type": typ, "src": [a.get("sourcecode", "")[:3]]}
            tgt = a.get("targetcode", "")
            if tgt and not tgt.startswith("---"):
                e["tgt"] = [tgt[:3]]
            evs.append(e)
        d = attrs.get("date", "")
        date = "%s-%s-%s" % (d[:4], d[4:6], d[6:8]) if len(d) == 8 else None
        text = " ".join(t.group(1).split())
        yield attrs.get("id", "?"), date, text, evs


def main():
    args = sys.argv[1:]
    src = args.pop(0) if len(args) == 3 else \
        "../shared/eval/petrarch2-gsr/PETR2_GSR_validation.xml"
    gold, docs = args
    with open(gold, "w") as g, open(docs, "w") as d:
        for rid, date, text, evs in records(src):
            g.write(json.dumps({"id": rid, "date": date, "text": text,
                                "events": evs}) + "\n")
            doc = {"id": rid, "text": text}
            if date:
                doc["date"] = date
            d.write(json.dumps(doc) + "\n")


if __name__ == "__main__":
    main()
