#!/bin/sh
# Acceptance: OmegaT 3.6 reads the glossaries hutong writes (OmegaT TSV, TBX v2,
# CSV) with its own readers, in a headless project, and their entries match the
# source segments that contain the terms (the glossary pane's matching; see
# tests/omegat-glossary.groovy).  TBX v3 is not tested here: OmegaT 3.6 reads
# only TBX v2 (martif); v3 is checked against the RELAX NG schema in
# tests/test-glossary-formats.
set -eu
. "$HT_SRCDIR/tests/omegat-lib.sh"

proj=$work/proj
make_project "$proj"
sdg_titles | cut -f1 | sed 'G' >"$proj/source/doc.txt"

# term pairs found in the SDG goal titles, one dictionary suggestion, and one
# term that occurs in no segment
cat >"$work/terms.tsv" <<'TERMS'
可持续发展	sustainable development	9	0.912	0.95	global_goals.6lang.tsv	14-title	0
性别平等	gender equality	1	1.000	0.9	global_goals.6lang.tsv	5-title	0
粮食安全	food security	1	1.000	0.9	global_goals.6lang.tsv	2-title	0
气候变化	climate change	1	1.000	0.9	global_goals.6lang.tsv	13-title	0
生物多样性	biodiversity	1	1.000	0.9	global_goals.6lang.tsv	15-title	0
荒漠化	desertification	0	0	0.5			1
互联互通	connectivity	3	0.800	0.8	A_RES_76_295.zh.txt	p12	0
TERMS
"$convert" --glossary tsv zh en "$work/terms.tsv" "$proj/glossary/hutong.txt"
"$convert" --glossary tbx zh en "$work/terms.tsv" "$proj/glossary/hutong.tbx"
"$convert" --glossary csv zh en "$work/terms.tsv" "$proj/glossary/hutong.csv"

run_omegat "$proj" "$work/omegat.log" "$HT_SRCDIR/tests/omegat-glossary.groovy"
[ -n "${HT_KEEP_LOG:-}" ] && cp "$work/omegat.log" "$HT_KEEP_LOG"
log=$work/omegat.log
if grep -q "GLOSSERROR" "$log"; then
	grep "GLOSSERROR" "$log"
	fail "OmegaT could not read a glossary"
fi

for f in hutong.txt hutong.tbx hutong.csv; do
	n=7
	[ $f = hutong.csv ] && n=8 # OmegaT reads a CSV header row as an entry
	grep -q "^GLOSSFILE $f entries=$n\$" "$log" ||
		fail "$f: OmegaT read $(grep "^GLOSSFILE $f" "$log" || echo nothing), expected $n entries"
	# every pair comes back as written
	cut -f1,2 "$work/terms.tsv" | while IFS= read -r pair; do
		grep -qF "GLOSS $f	$pair	" "$log" || fail "$f: OmegaT did not read the pair '$pair'"
	done
	# the pane's matching finds each term in exactly the segments that contain it
	cut -f1,2 "$work/terms.tsv" | while IFS='	' read -r src tgt; do
		want=$(grep -cF "$src" "$proj/source/doc.txt" || true)
		got=$(grep -F "GLOSSHIT $f	" "$log" | grep -cF "	$src	$tgt" || true)
		[ "$want" = "$got" ] || fail "$f: '$src' matches $got segments in OmegaT, $want contain it"
	done
done
# the comment carries the statistics, the example and the suggestion label
grep -qF "GLOSS hutong.txt	可持续发展	sustainable development	frequency 9; Dice 0.912; confidence 0.950; e.g. global_goals.6lang.tsv 14-title" "$log" ||
	fail "hutong.txt: the comment of 可持续发展 is not what OmegaT shows"
grep -F "GLOSS hutong.txt	荒漠化	" "$log" | grep -q "suggestion" || fail "hutong.txt: the suggestion is not labelled"
grep -F "GLOSS hutong.tbx	可持续发展	" "$log" | grep -qF "frequency 9; Dice 0.912; confidence 0.950 | example: global_goals.6lang.tsv 14-title" ||
	fail "hutong.tbx: the notes of 可持续发展 are not what OmegaT shows"
grep -F "GLOSS hutong.tbx	荒漠化	" "$log" | grep -q "suggestion" || fail "hutong.tbx: the suggestion is not labelled"
hits=$(grep -c "^GLOSSHIT hutong.txt" "$log" || true)
echo "OmegaT read the TSV, TBX v2 and CSV glossaries (7 entries each) and matched $hits term occurrences in the SDG titles"
