#!/bin/sh
# Rebuilding redoes only what depends on changed inputs: an unchanged corpus
# rewrites no output, a changed document rewrites its TMX and the corpus-wide
# outputs but no other document's TMX, a removed document takes its TMX with it.
set -u
. "$HT_SRCDIR/tests/build-lib.sh"
make_corpus "$work/corpus"
out=$work/out
"$HUTONG" build "$work/corpus" --out "$out" >"$work/s1" 2>&1 || fail "first build: $(cat "$work/s1")"
fingerprint "$out" | grep -v -e hutong.db -e report.md >"$work/f1"

# nothing changed: every output but the store and the report is the same file
"$HUTONG" build "$work/corpus" --out "$out" >"$work/s2" 2>&1 || fail "second build: $(cat "$work/s2")"
grep -q "(0 built, 4 kept unchanged, 0 removed)" "$work/s2" || fail "unchanged rebuild: $(head -1 "$work/s2")"
fingerprint "$out" | grep -v -e hutong.db -e report.md >"$work/f2"
cmp -s "$work/f1" "$work/f2" || fail "an unchanged rebuild rewrote outputs: $(diff "$work/f1" "$work/f2" | head -5)"

# one line of the French devset changes
sed -i '7s/.*/Une phrase qui change : développement durable./' "$work/corpus/unpc/devset.fr"
"$HUTONG" build "$work/corpus" --out "$out" >"$work/s3" 2>&1 || fail "third build: $(cat "$work/s3")"
grep -q "(1 built, 3 kept unchanged, 0 removed)" "$work/s3" || fail "after one change: $(head -1 "$work/s3")"
fingerprint "$out" | grep -v -e hutong.db -e report.md >"$work/f3"
for f in ./tmx/udhr.tmx ./tmx/goals.tmx; do
	[ "$(grep "^$f " "$work/f1")" = "$(grep "^$f " "$work/f3")" ] || fail "$f was rewritten although its inputs did not change"
done
[ "$(grep "^./tmx/devset.tmx " "$work/f1")" != "$(grep "^./tmx/devset.tmx " "$work/f3")" ] ||
	fail "tmx/devset.tmx was not rewritten"
grep -q "Une phrase qui change" "$out/tmx/devset.tmx" || fail "tmx/devset.tmx lacks the new line"
grep -q "Une phrase qui change" "$out/tmx/corpus.tmx" || fail "tmx/corpus.tmx lacks the new line"
"$HUTONG" lookup --db "$out/hutong.db" --format json "Une phrase qui change" >"$work/q.json"
py "assert r['total'] == 1 and r['concordance'][0]['unit'] == 'L7', r" "$work/q.json" ||
	fail "the store does not have the changed line"

# a document removed: its TMX and its units go
rm "$work/corpus/sdg/goals.tsv"
"$HUTONG" build "$work/corpus" --out "$out" >"$work/s4" 2>&1 || fail "fourth build: $(cat "$work/s4")"
grep -q "(0 built, 3 kept unchanged, 1 removed)" "$work/s4" || fail "after a removal: $(head -1 "$work/s4")"
[ ! -e "$out/tmx/goals.tmx" ] || fail "tmx/goals.tmx of a removed document is still there"
"$HUTONG" lookup --db "$out/hutong.db" --format json --from en "No poverty" >"$work/q2.json"
py "assert all(h['doc'] != 'goals' for h in r['concordance']), r" "$work/q2.json" ||
	fail "the store still has the removed document"
echo "unchanged: 0 outputs rewritten; one line changed: 1 document rebuilt; one removed: its TMX gone"
