#!/bin/sh
# Four shards built through GNU parallel and merged give the outputs of a
# one-shot build: the glossaries byte for byte, and the TMX files.  Shards of
# other settings, or a document in two shards with other content, are refused.
set -u
. "$HT_SRCDIR/tests/build-lib.sh"
command -v parallel >/dev/null 2>&1 || skip "GNU parallel is not installed (apt-get install parallel)"
make_corpus "$work/corpus"
# more documents than shards: the UDHR also as four single-language pieces
for l in en fr; do
	mkdir -p "$work/corpus/more"
	cp "$work/corpus/udhr/udhr.zh.xml" "$work/corpus/more/udhr-$l.zh.xml"
	cp "$work/corpus/udhr/udhr.$l.xml" "$work/corpus/more/udhr-$l.$l.xml"
done
"$HUTONG" build "$work/corpus" --out "$work/one" >"$work/s1" 2>&1 || fail "one-shot build: $(cat "$work/s1")"

parallel --will-cite --halt now,fail=1 "\"$HUTONG\" build \"$work/corpus\" --out \"$work/shard{}\" --shard {}/4 >\"$work/log{}\" 2>&1" ::: 1 2 3 4 ||
	fail "a shard failed: $(cat "$work"/log*)"
total=0
for k in 1 2 3 4; do
	n=$(sed -n 's/^hutong build: \([0-9]*\) documents.*/\1/p' "$work/log$k")
	total=$((total + n))
done
[ "$total" -eq 6 ] || fail "the shards hold $total documents, the corpus 6"
"$HUTONG" merge "$work"/shard1 "$work"/shard2 "$work"/shard3 "$work"/shard4 --out "$work/merged" >"$work/m" 2>&1 ||
	fail "merge: $(cat "$work/m")"
grep -q "^hutong merge: 6 documents" "$work/m" || fail "merge summary: $(head -1 "$work/m")"

n=0
for f in "$work"/one/glossary/* "$work"/one/tmx/*; do
	rel=${f#"$work"/one/}
	cmp -s "$f" "$work/merged/$rel" || fail "$rel differs between the one-shot and the merged build"
	n=$((n + 1))
done
[ "$n" -ge 12 ] || fail "only $n outputs compared"
[ "$(ls "$work/merged/glossary" | wc -l)" = "$(ls "$work/one/glossary" | wc -l)" ] || fail "glossary files differ in number"

# the merged store answers as the one-shot one
for db in one merged; do
	"$HUTONG" lookup --db "$work/$db/hutong.db" --format json --limit 1000 可持续发展 |
		python3 -c "import json,sys; r=json.load(sys.stdin); print(r['total'], sorted((h['doc'],h['unit']) for h in r['concordance']))" >"$work/$db.q"
done
cmp -s "$work/one.q" "$work/merged.q" || fail "the merged store answers otherwise"

# a shard of another corpus version: the same NAME with other content is refused
sed -i '1s/.*/autre chose/' "$work/corpus/unpc/devset.fr"
"$HUTONG" build "$work/corpus" --out "$work/other" >/dev/null 2>&1 || fail "build of the changed corpus failed"
"$HUTONG" merge "$work/shard1" "$work/shard2" "$work/shard3" "$work/shard4" "$work/other" --out "$work/bad" >"$work/bad.log" 2>&1
rc=$?
[ $rc -eq 3 ] || fail "merging a document with other content exited $rc, not 3"
grep -q "document devset is in another store too, with other content" "$work/bad.log" || fail "message: $(cat "$work/bad.log")"
[ ! -e "$work/bad/hutong.db" ] || fail "a failed merge left a store"
"$HUTONG" build "$work/corpus" --original fr --out "$work/fr" --shard 1/2 >/dev/null 2>&1
"$HUTONG" merge "$work/shard1" "$work/fr" --out "$work/bad2" >"$work/bad2.log" 2>&1
[ $? -eq 3 ] && grep -q "shards must share their settings" "$work/bad2.log" || fail "shards of other settings: $(cat "$work/bad2.log")"
echo "4 shards through GNU parallel, merged: $n outputs identical to the one-shot build"
