#!/bin/sh
# demo.sh - the main job on the bundled sample of real news: code it into
# an SQLite event store, check the store, list its stories, print the
# timeline of its dated events (undated ones are left out by --from), and
# end with the timeline of the biggest story that holds events.
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
echo "== annals timeline --db $db --from 1900-01-01   (the dated events)"
build/annals timeline --db "$db" --from 1900-01-01

# The first story listed (the biggest) that holds events:
# "story ID  DATES  N articles  N events  TITLE".
story=$(build/annals timeline --db "$db" --stories --min-articles 3 |
        awk '$6 > 0 { print $2; exit }')
if [ -n "$story" ]; then
    echo
    echo "== annals timeline --db $db --story $story"
    build/annals timeline --db "$db" --story "$story"
fi
