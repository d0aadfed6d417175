#!/bin/sh
# demo.sh - the main job on the bundled sample: read real news, code it,
# and show the result.  (Grows with the pipeline: today it prints the
# extracted sentences of the first documents; the SQLite store and the
# timeline come with the store stage.)
set -e
cd "$(dirname "$0")/.."
sample=data/sample/news-sample.jsonl
echo "== annals text $sample (first 3 documents)"
build/annals text --stats "$sample" | awk 'BEGIN{d=0} /^$/{d++; print; if (d==3) exit; next} {print}'
