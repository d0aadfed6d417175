#!/bin/sh
# demo.sh - the main job on the bundled sample of real news: code it into
# an SQLite event store, check the store, list its stories and print the
# timeline of its events.
#
# Until the event coder lands, documents are stored (with their
# near-duplicates and stories) but carry no events, so the timeline says
# so; the same commands print events once the coder writes mentions.
set -e
cd "$(dirname "$0")/.."
sample=data/sample/news-sample.jsonl
db=${ANNALS_DEMO_DB:-build/demo-events.sqlite}
rm -f "$db" "$db-wal" "$db-shm"

echo "== annals code --db $db $sample"
build/annals code --stats --db "$db" "$sample"

echo
echo "== annals code --db $db $sample   (again: nothing new is added)"
build/annals code --db "$db" "$sample"

echo
echo "== annals export --db $db --check"
build/annals export --db "$db" --check

echo
echo "== annals timeline --db $db --stories --min-articles 3"
build/annals timeline --db "$db" --stories --min-articles 3

echo
echo "== annals timeline --db $db"
build/annals timeline --db "$db"
