#!/usr/bin/env python3
"""eval_actors.py - how many of the actors the peers' suites expect does
annals' actor recognition find, each suite with its own dictionaries.

    tools/eval_actors.py [--shared ../shared] [--bin build/annals] [-v]

For every record of the PETRARCH2 unit tests (PETR.Validate.*), the TABARI
validation suite (TABARI.Demo.*, Validate.agents) and the PETRARCH2 GSR
sample (Phoenix dictionaries), the script compiles the suite's
dictionaries, runs `annals dict actors` on the record's text and date, and
counts the expected source and target codes (of the expected events) that
appear among the recognised actors' codes.  An expected code counts once
per record.  This measures actor recognition only, not event coding.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def petr_records(path):
    """(id, date, text, expected codes) from a PETRARCH validation XML."""
    raw = open(path, encoding="utf-8").read()
    # The GSR file has '#' comment lines outside the XML elements.
    raw = "\n".join(l for l in raw.splitlines() if not l.startswith("#"))
    raw = re.sub(r"<Sentence([^>]*)/>", r"<Sentence\1>", raw)
    out = []
    for m in re.finditer(r"<Sentence([^>]*)>(.*?)(?=<Sentence|</Sentences>)",
                         raw, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        body = m.group(2)
        t = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not t:
            continue
        codes = set()
        for ev in re.finditer(r"<EventCoding([^>]*)>", body):
            a = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', ev.group(1)))
            for k in ("sourcecode", "targetcode"):
                c = a.get(k, "")
                if c and c != "---" and not c.startswith("---"):
                    codes.add(c)
        d = attrs.get("date", "")
        date = "%s-%s-%s" % (d[:4], d[4:6], d[6:8]) if len(d) == 8 else None
        out.append((attrs.get("id", "?"), date, " ".join(t.group(1).split()),
                    codes))
    return out


def tabari_records(path):
    """(id, date, text, expected codes) from TABARI's Validate.text."""
    lines = open(path, encoding="latin-1").read().split("\n")
    out = []
    i = 0
    head = re.compile(r"^(\d{6})\s+(?:\d{6}\s+)?(\S+)\s*$")
    while i < len(lines):
        m = head.match(lines[i])
        if not m:
            i += 1
            continue
        date6, rid = m.group(1), m.group(2)
        i += 1
        text = []
        while i < len(lines) and "/*" not in lines[i]:
            text.append(lines[i])
            i += 1
        tail = ""
        if i < len(lines):
            pre, _, rest = lines[i].partition("/*")
            text.append(pre)
            tail = rest
            while "*/" not in tail and i + 1 < len(lines):
                i += 1
                tail += "\n" + lines[i]
        i += 1
        codes = set()
        for ev in re.finditer(r"\{([^}]*)\}", tail):
            parts = [p.strip() for p in ev.group(1).split("/")]
            if len(parts) >= 3:
                for c in parts[:2]:
                    if c and c not in ("---", "***") and re.match(r"^[A-Z0-9]+$", c):
                        codes.add(c)
        yy = int(date6[:2])
        year = (2000 if yy <= 30 else 1900) + yy
        date = "%d-%s-%s" % (year, date6[2:4], date6[4:6])
        out.append((rid, date, " ".join(" ".join(text).split()), codes))
    return out


def run(bin_, dicts, records, repo, verbose, name):
    tmp = tempfile.mkdtemp(prefix="annals-eval-")
    try:
        os.makedirs(os.path.join(tmp, "dict"))
        gaz = os.path.join(os.path.abspath(repo), "data", "gazetteer")
        if os.path.isdir(gaz):
            os.symlink(gaz, os.path.join(tmp, "gazetteer"))
        img = os.path.join(tmp, "dict", "annals.dict")
        subprocess.run([bin_, "dict", "compile", "-q", "-o", img] + dicts,
                       check=False, stderr=subprocess.DEVNULL)
        docs = os.path.join(tmp, "docs.jsonl")
        with open(docs, "w", encoding="utf-8") as f:
            for k, (rid, date, text, _) in enumerate(records):
                o = {"id": "%d" % k, "text": text}
                if date:
                    o["date"] = date
                f.write(json.dumps(o) + "\n")
        res = subprocess.run([bin_, "dict", "actors", "--data", tmp, "-q",
                              "--threads", "1", docs],
                             capture_output=True, text=True)
        found = {}
        for line in res.stdout.splitlines():
            d = json.loads(line)
            found[d["doc_id"]] = {a["code"] for a in d["actors"] if a["code"]}
        want = got = 0
        for k, (rid, _, text, codes) in enumerate(records):
            f = found.get("%d" % k, set())
            for c in codes:
                want += 1
                if c in f:
                    got += 1
                elif verbose:
                    print("  %s %s: missing %s (found %s) | %s" %
                          (name, rid, c, " ".join(sorted(f)), text[:100]))
        print("%-22s %4d records, %4d expected actor codes, %4d found: %.1f%%"
              % (name, len(records), want, got, 100.0 * got / max(want, 1)))
    finally:
        shutil.rmtree(tmp)


def main():
    args = sys.argv[1:]
    shared = "../shared"
    bin_ = "build/annals"
    verbose = "-v" in args
    if "--shared" in args:
        shared = args[args.index("--shared") + 1]
    if "--bin" in args:
        bin_ = args[args.index("--bin") + 1]
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ut = os.path.join(shared, "eval", "petrarch2-unittest")
    tv = os.path.join(shared, "eval", "tabari-validate")
    gsr = os.path.join(shared, "eval", "petrarch2-gsr")
    pet = os.path.join(shared, "data", "petrarch")
    run(bin_, [ut], petr_records(os.path.join(ut, "PETR.UnitTest.records.xml")),
        repo, verbose, "petrarch2-unittest")
    run(bin_, [os.path.join(tv, f) for f in
               ("TABARI.Demo.actors", "TABARI.Demo.verbs", "Validate.agents")],
        tabari_records(os.path.join(tv, "Validate.text")), repo, verbose,
        "tabari-validate")
    run(bin_, [pet], petr_records(os.path.join(gsr, "PETR2_GSR_validation.xml")),
        repo, verbose, "petrarch2-gsr (Phoenix)")


if __name__ == "__main__":
    main()
