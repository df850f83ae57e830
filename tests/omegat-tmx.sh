#!/bin/sh
# Acceptance: OmegaT 3.6 loads TMX written by hutong (tests/tm-convert, i.e.
# ht_tm_read_tsv or ht_tm_add_* + ht_tm_write_tmx; a zh-en one and a
# six-language one) from tm/auto/ and fills, in console mode, exactly the
# source segments that the TMX hold, in English.  A truncated TMX
# beside it proves that the log check sees a TMX OmegaT could not load.
set -eu
. "$HT_SRCDIR/tests/omegat-lib.sh"

proj=$work/proj
make_project "$proj"
sdg_titles >"$work/titles.tsv"
[ "$(wc -l <"$work/titles.tsv")" -eq 17 ] || fail "expected the 17 SDG goal titles"

# goals 1-12 in a zh-en TMX, goals 13-15 in a six-language TMX (zh, en, fr,
# es, ru, ar: OmegaT must take the English tuv); 16 and 17 are in neither and
# must stay untranslated
head -n 12 "$work/titles.tsv" >"$work/pairs.tsv"
"$convert" zh en "$work/pairs.tsv" "$proj/tm/auto/hutong.tmx"
awk -F'\t' 'NR == 1 || $1 ~ /^1[345]-title$/' "$shared/corpora/sdg/global_goals.6lang.tsv" >"$work/six.tsv"
[ "$(wc -l <"$work/six.tsv")" -eq 4 ] || fail "expected a header and goals 13-15 in six languages"
"$convert" --table "$work/six.tsv" "$proj/tm/auto/hutong-6.tmx"
grep -q 'xml:lang="ar"' "$proj/tm/auto/hutong-6.tmx" || fail "the six-language TMX lacks Arabic"
if command -v xmllint >/dev/null 2>&1; then
	for f in hutong.tmx hutong-6.tmx; do
		xmllint --noout --dtdvalid "$shared/schemas/tmx14.dtd" "$proj/tm/auto/$f" 2>"$work/xmllint.err" ||
			fail "xmllint rejects $f: $(cat "$work/xmllint.err")"
		[ ! -s "$work/xmllint.err" ] || fail "xmllint complains about $f: $(cat "$work/xmllint.err")"
	done
fi
# the negative control, in tm/ (reference TMX, not auto-applied)
head -c 300 "$proj/tm/auto/hutong.tmx" >"$proj/tm/truncated.tmx"

# source: one title a paragraph, blank lines between
cut -f1 "$work/titles.tsv" | sed 'G' >"$proj/source/doc.txt"

run_omegat "$proj" "$work/omegat.log"
log=$work/omegat.log

grep -q "truncated.tmx" "$log" && grep -q "TF_TM_LOAD_ERROR" "$log" ||
	fail "the truncated TMX was not reported: the log check cannot see load errors"
for f in hutong.tmx hutong-6.tmx; do
	grep -q "Reading TMX file .*/$f " "$log" || fail "OmegaT did not read $f"
done
if grep "TF_TM_LOAD_ERROR" "$log" | grep -q "hutong"; then
	fail "OmegaT could not load hutong's TMX: $(grep -A3 'TF_TM_LOAD_ERROR' "$log")"
fi
[ -f "$proj/target/doc.txt" ] || fail "OmegaT wrote no target/doc.txt"

# expected: English for goals 1-15, the Chinese source for 16 and 17
{ head -n 15 "$work/titles.tsv" | cut -f2; tail -n 2 "$work/titles.tsv" | cut -f1; } >"$work/expected"
grep -v '^$' "$proj/target/doc.txt" >"$work/got" || true
if ! cmp -s "$work/expected" "$work/got"; then
	diff "$work/expected" "$work/got" || true
	fail "target/doc.txt differs from the expected translations"
fi
# and hutong reads back what OmegaT writes: its project TMX (a DOCTYPE naming a
# DTD that is not there, zh-CN/en-US tags, comments) holds the 15 translations
[ -f "$proj/proj-level2.tmx" ] || fail "OmegaT wrote no proj-level2.tmx"
"$convert" --tmx-to-tsv "$proj/proj-level2.tmx" >"$work/back.tsv" || fail "hutong cannot read OmegaT's TMX"
[ "$(head -n 1 "$work/back.tsv")" = "langs	zh-CN	en-US" ] || fail "OmegaT's TMX read as $(head -n 1 "$work/back.tsv")"
tail -n +2 "$work/back.tsv" | sort >"$work/back.sorted"
head -n 15 "$work/titles.tsv" | sort >"$work/want.sorted"
cmp -s "$work/back.sorted" "$work/want.sorted" || { diff "$work/want.sorted" "$work/back.sorted" || true; fail "OmegaT's TMX read back differs"; }
echo "OmegaT filled 15 of 17 segments from hutong's zh-en and six-language TMX, left 2 untranslated, reported the truncated TMX; hutong read OmegaT's project TMX back"
