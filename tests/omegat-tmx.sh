#!/bin/sh
# Acceptance: OmegaT 3.6 loads a TMX written by hutong (tests/tm-convert, i.e.
# ht_tm_read_tsv + ht_tm_write_tmx) from tm/auto/ and fills, in console mode,
# exactly the source segments that the TMX holds, in English.  A truncated TMX
# beside it proves that the log check sees a TMX OmegaT could not load.
set -eu
. "$HT_SRCDIR/tests/omegat-lib.sh"

proj=$work/proj
make_project "$proj"
sdg_titles >"$work/titles.tsv"
[ "$(wc -l <"$work/titles.tsv")" -eq 17 ] || fail "expected the 17 SDG goal titles"

# goals 1-15 in the TMX; 16 and 17 are not, and must stay untranslated
head -n 15 "$work/titles.tsv" >"$work/pairs.tsv"
"$convert" zh en "$work/pairs.tsv" "$proj/tm/auto/hutong.tmx"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --dtdvalid "$shared/schemas/tmx14.dtd" "$proj/tm/auto/hutong.tmx" 2>"$work/xmllint.err" ||
		fail "xmllint rejects the TMX: $(cat "$work/xmllint.err")"
	[ ! -s "$work/xmllint.err" ] || fail "xmllint complains: $(cat "$work/xmllint.err")"
fi
# the negative control, in tm/ (reference TMX, not auto-applied)
head -c 300 "$proj/tm/auto/hutong.tmx" >"$proj/tm/truncated.tmx"

# source: one title a paragraph, blank lines between
cut -f1 "$work/titles.tsv" | sed 'G' >"$proj/source/doc.txt"

run_omegat "$proj" "$work/omegat.log"
log=$work/omegat.log

grep -q "truncated.tmx" "$log" && grep -q "TF_TM_LOAD_ERROR" "$log" ||
	fail "the truncated TMX was not reported: the log check cannot see load errors"
grep -q "Reading TMX file .*hutong.tmx" "$log" || fail "OmegaT did not read hutong.tmx"
if grep "TF_TM_LOAD_ERROR\|Error:" "$log" | grep -v "truncated.tmx" | grep -q "hutong.tmx"; then
	fail "OmegaT could not load hutong.tmx: $(grep -A3 'TF_TM_LOAD_ERROR' "$log")"
fi
[ -f "$proj/target/doc.txt" ] || fail "OmegaT wrote no target/doc.txt"

# expected: English for goals 1-15, the Chinese source for 16 and 17
{ head -n 15 "$work/titles.tsv" | cut -f2; tail -n 2 "$work/titles.tsv" | cut -f1; } >"$work/expected"
grep -v '^$' "$proj/target/doc.txt" >"$work/got" || true
if ! cmp -s "$work/expected" "$work/got"; then
	diff "$work/expected" "$work/got" || true
	fail "target/doc.txt differs from the expected translations"
fi
echo "OmegaT filled 15 of 17 segments from hutong's TMX, left 2 untranslated, and reported the truncated TMX"
