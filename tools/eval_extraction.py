#!/usr/bin/env python3
"""eval_extraction.py - score annals' main-text extraction on the AEB pages.

usage: tools/eval_extraction.py [--pages N] [--keep PRED.json]

Runs `annals text --json` on ../shared/eval/extraction-aeb/html (doc_id is
the page id), writes the scorer's PRED.json ({id: {"articleBody": text}}),
and prints the line of ../shared/tools/score_extraction.py.  With --pages N
it also lists the N worst pages by F1 (the same shingle metric, per page) to
guide work on the extractor.  Environment: ANNALS_BIN (default
build/annals), ANNALS_SHARED (default ../shared).
"""
import collections, json, os, re, subprocess, sys, tempfile

TOK = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    t = TOK.findall(text or "")
    return collections.Counter(tuple(t[i:i + n])
                               for i in range(max(1, len(t) - n + 1))
                               if t[i:i + n])


def page_scores(true, pred):
    a, b = shingles(true), shingles(pred)
    tp = sum((a & b).values())
    fp = sum((b - a).values())
    fn = sum((a - b).values())
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    args = sys.argv[1:]
    worst = 0
    keep = None
    while args:
        a = args.pop(0)
        if a == "--pages":
            worst = int(args.pop(0))
        elif a == "--keep":
            keep = args.pop(0)
        else:
            sys.exit(__doc__)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    shared = os.environ.get("ANNALS_SHARED", os.path.join(root, "..", "shared"))
    binary = os.environ.get("ANNALS_BIN", os.path.join(root, "build", "annals"))
    html = os.path.join(shared, "eval", "extraction-aeb", "html")
    gt_path = os.path.join(shared, "eval", "extraction-aeb", "ground-truth.json")
    run = subprocess.run([binary, "text", "--json", "-q", html],
                         stdout=subprocess.PIPE, check=False)
    pred = {}
    for line in run.stdout.decode("utf-8").splitlines():
        d = json.loads(line)
        pred[d["doc_id"]] = {"articleBody": d["text"]}
    out = keep or tempfile.mkstemp(suffix=".json")[1]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(pred, f, ensure_ascii=False)
    subprocess.run([sys.executable,
                    os.path.join(shared, "tools", "score_extraction.py"), out,
                    gt_path], check=True)
    if worst:
        gt = json.load(open(gt_path, encoding="utf-8"))
        rows = []
        for k, v in gt.items():
            body = pred.get(k, {}).get("articleBody", "")
            p, r, f = page_scores(v["articleBody"], body)
            rows.append((f, p, r, k, v.get("url", "")))
        rows.sort()
        for f, p, r, k, u in rows[:worst]:
            print(f"{f:.3f} p={p:.3f} r={r:.3f} {k[:12]} {u}")
    if not keep:
        os.unlink(out)


if __name__ == "__main__":
    main()
