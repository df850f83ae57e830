#!/bin/sh
# A small corpus end to end: hutong build reads the three kinds of input,
# writes TMX valid against the TMX 1.4 DTD, OmegaT glossaries that OmegaT's
# own reader loads, a report, and a store that hutong lookup answers from.
set -u
. "$HT_SRCDIR/tests/build-lib.sh"
make_corpus "$work/corpus"
out=$work/out
"$HUTONG" build "$work/corpus" --out "$out" >"$work/summary" 2>"$work/err" ||
	fail "build exited $?: $(cat "$work/err")"
grep -q "4 documents (4 built, 0 kept unchanged, 0 removed)" "$work/summary" ||
	fail "summary: $(head -1 "$work/summary")"
[ ! -s "$work/err" ] || fail "a quiet run wrote to stderr: $(cat "$work/err")"

# TMX: one file per document with two languages or more, and the corpus
for f in udhr devset goals corpus; do
	[ -s "$out/tmx/$f.tmx" ] || fail "no tmx/$f.tmx"
done
[ ! -e "$out/tmx/A_RES_76_295.tmx" ] || fail "a document in one language got a TMX"
if command -v xmllint >/dev/null 2>&1; then
	for f in "$out"/tmx/*.tmx; do
		xmllint --noout --dtdvalid "$shared/schemas/tmx14.dtd" "$f" 2>"$work/xmllint" ||
			fail "$f is not valid TMX 1.4: $(head -3 "$work/xmllint")"
	done
fi
for l in zh en fr; do
	grep -q "<tuv xml:lang=\"$l\">" "$out/tmx/udhr.tmx" || fail "tmx/udhr.tmx has no $l segments"
done
# the UDHR's preamble in three languages in one unit, the original first
python3 - "$out/tmx/udhr.tmx" <<'PY' || fail "tmx/udhr.tmx does not join the versions"
import sys, xml.etree.ElementTree as ET
L = '{http://www.w3.org/XML/1998/namespace}lang'
tus = ET.parse(sys.argv[1]).getroot().iter('tu')
full = [tu for tu in tus if [t.get(L) for t in tu.findall('tuv')] == ['zh', 'en', 'fr']]
hit = [tu for tu in full if '人权' in tu.find('tuv/seg').text and
       'human rights' in tu.findall('tuv')[1].find('seg').text and
       "droits de l" in tu.findall('tuv')[2].find('seg').text]
sys.exit(0 if len(full) > 40 and hit else 1)
PY
# the line-parallel corpus keeps its lines and their source documents
n=$(grep -c "<tu>" "$out/tmx/devset.tmx")
[ "$n" -eq 400 ] || fail "tmx/devset.tmx has $n units, the corpus 400 lines"
grep -q '<prop type="x-unit">L1</prop>' "$out/tmx/devset.tmx" || fail "devset units are not named by line"

# glossaries for every pair with the original, TSV (OmegaT) and CSV
for p in zh-en zh-fr zh-es zh-ru zh-ar; do
	[ -s "$out/glossary/$p.utf8" ] && [ -s "$out/glossary/$p.csv" ] || fail "no glossary $p"
done
grep -qi "^可持续发展	sustainable development	" "$out/glossary/zh-en.utf8" ||
	fail "zh-en.utf8 lacks 可持续发展 = sustainable development"
grep -q "^可持续发展	développement durable	" "$out/glossary/zh-fr.utf8" ||
	fail "zh-fr.utf8 lacks 可持续发展 = développement durable"

# one termbase in every language: TBX v3 valid against the TBX core schema, and CSV
[ -s "$out/glossary/termbase.tbx" ] && [ -s "$out/glossary/termbase.csv" ] || fail "no termbase"
if command -v xmllint >/dev/null 2>&1 && [ -r "$shared/schemas/TBXcoreStructV03.rng" ]; then
	xmllint --noout --relaxng "$shared/schemas/TBXcoreStructV03.rng" "$out/glossary/termbase.tbx" 2>"$work/xmllint" ||
		fail "termbase.tbx is not valid TBX v3: $(head -3 "$work/xmllint")"
fi
head -1 "$out/glossary/termbase.csv" | grep -q "^zh,en,fr,es,ru,ar," || fail "termbase.csv header: $(head -1 "$out/glossary/termbase.csv")"
grep -qi "^可持续发展,sustainable development,développement durable," "$out/glossary/termbase.csv" ||
	fail "termbase.csv lacks 可持续发展 in English and French"

# the report
for s in "## Documents" "## Beads per language and type" "## The 20 lowest-confidence units" \
	"## Top terms" "## Glossaries" "## Problems"; do
	grep -q "^$s" "$out/report.md" || fail "report.md has no section '$s'"
done
grep -q "^| udhr | document | zh | en fr zh | " "$out/report.md" || fail "report.md does not list udhr"

# the store, read-only, answers a lookup
"$HUTONG" lookup --db "$out/hutong.db" --format json 可持续发展 >"$work/q.json" || fail "lookup exited $?"
py "
e = r['entries'][0]
assert e['match'] == 'exact', e
terms = {t['lang']: t['term'] for t in e['terms']}
assert terms['zh'] == '可持续发展' and terms['en'].lower() == 'sustainable development', terms
assert r['total'] >= 5 and r['concordance'], r['total']
h = r['concordance'][0]
t = h['text']
assert [t['text'][a:b] for a, b in t['marks']][0] == '可持续发展', t
" "$work/q.json" || fail "lookup of 可持续发展: $(head -c 600 "$work/q.json")"

# OmegaT's own glossary readers load what hutong wrote
if [ -r "${OMEGAT_JAR:-/usr/share/omegat/OmegaT.jar}" ] && command -v java >/dev/null 2>&1; then
	mine=$work
	. "$HT_SRCDIR/tests/omegat-lib.sh" # it makes its own $work
	trap 'rm -rf "$work" "$mine"' EXIT
	proj=$work/proj
	make_project "$proj"
	sdg_titles | cut -f1 | sed 'G' >"$proj/source/doc.txt"
	cp "$out/glossary/zh-en.utf8" "$out/glossary/zh-en.csv" "$proj/glossary/"
	run_omegat "$proj" "$work/omegat.log" "$HT_SRCDIR/tests/omegat-glossary.groovy"
	grep -q GLOSSERROR "$work/omegat.log" && fail "OmegaT: $(grep GLOSSERROR "$work/omegat.log")"
	want=$(wc -l <"$out/glossary/zh-en.utf8")
	grep -q "^GLOSSFILE zh-en.utf8 entries=$want\$" "$work/omegat.log" ||
		fail "OmegaT read $(grep 'GLOSSFILE zh-en.utf8' "$work/omegat.log"), the file has $want entries"
	grep -q "^GLOSSFILE zh-en.csv entries=$((want + 1))\$" "$work/omegat.log" ||
		fail "OmegaT read $(grep 'GLOSSFILE zh-en.csv' "$work/omegat.log") from the CSV"
	grep -qF "GLOSSHIT zh-en.utf8	" "$work/omegat.log" || fail "OmegaT matched no glossary entry in the SDG titles"
	echo "OmegaT read zh-en.utf8 and zh-en.csv ($want entries)"
else
	echo "(OmegaT is not installed: its glossary check is skipped)"
fi
echo "built $(head -1 "${mine:-$work}/summary")"
