#!/bin/sh
# One document without an official version: dictionary suggestions from
# CC-CEDICT, every entry marked as a suggestion.
set -u
dict="$HT_SRCDIR/../shared/resources/cedict_ts.u8"
[ -r "$dict" ] || dict="$HT_SRCDIR/corpora/fetched/cedict_ts.u8"
if [ ! -r "$dict" ]; then
	echo "SKIP: no CC-CEDICT (../shared/resources or corpora/fetched)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
seed="$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
"$HUTONG" glossary --from zh --to en --dict "$dict" "$seed" --format jsonl -o "$tmp/s.jsonl" || exit 1
[ -s "$tmp/s.jsonl" ] || { echo "FAIL: no suggestions"; exit 1; }
if grep -v -q '"suggestion":true' "$tmp/s.jsonl"; then
	echo "FAIL: an entry is not marked as a suggestion: $(grep -v '"suggestion":true' "$tmp/s.jsonl" | head -1)"
	fail=1
fi
grep -q '"source":"可持续发展","target":"sustainable development"' "$tmp/s.jsonl" ||
	{ echo "FAIL: 可持续发展: $(grep '可持续发展"' "$tmp/s.jsonl")"; fail=1; }
# TSV labels them in the comment
"$HUTONG" glossary --dict "$dict" "$seed" -o "$tmp/s.tsv" || exit 1
awk -F '\t' '$3 !~ /^suggestion/ { bad = 1 } END { exit bad }' "$tmp/s.tsv" ||
	{ echo "FAIL: TSV comments do not say suggestion"; fail=1; }
exit $fail
