#!/bin/sh
# hutong eval glossary: counts on the UNTERM country names (reference columns
# chosen by header name) against a glossary with known faults, --corpus, and
# the error paths.
set -eu
: "${HUTONG:?}" "${HT_SRCDIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
ref=$HT_SRCDIR/../shared/corpora/unterm-names/unterm_country_names.zh-en.tsv
[ -r "$ref" ] || { echo "SKIP: ../shared is absent"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ht-eval-glossary-XXXXXX")
trap 'rm -rf "$work"' EXIT

# A glossary of the 195 names with four faults: 阿富汗 in lower case, 阿尔巴尼亚
# wrong, 阿尔及利亚 missing, 安道尔 with a wrong first entry before the right one.
awk -F'\t' 'NR > 1 { print $3 "\t" $4 "\tfrequency 1" }' "$ref" >"$work/all.tsv"
[ "$(wc -l <"$work/all.tsv")" -eq 195 ] || fail "expected 195 country names"
awk -F'\t' -v OFS='\t' '
	$1 == "阿富汗" { $2 = "afghanistan" }
	$1 == "阿尔巴尼亚" { $2 = "Armenia" }
	$1 == "阿尔及利亚" { next }
	$1 == "安道尔" { print $1, "Andorra la Vella", "" }
	{ print }' "$work/all.tsv" >"$work/glossary.txt"

"$HUTONG" eval glossary --json --columns zh_short,en_short "$ref" "$work/glossary.txt" >"$work/out.json"
for want in '"pairs":195' '"covered":194' '"exact_any":192' '"exact_first":191' '"fold_any":193' \
	'"fold_first":192' '"recall_fold":0.9897' \
	'{"source":"阿尔巴尼亚","expected":"Albania","glossary":"Armenia"}' \
	'{"source":"阿尔及利亚","expected":"Algeria","glossary":null}'; do
	grep -qF "$want" "$work/out.json" || fail "missing $want in $(cat "$work/out.json")"
done
# the case-only difference is right ignoring case, so it is not a miss
! grep -qF '"source":"阿富汗"' "$work/out.json" || fail "阿富汗 listed as a miss"

# the same by column numbers, text output, misses capped
"$HUTONG" eval glossary --columns 3,4 --header --misses 1 "$ref" "$work/glossary.txt" >"$work/out.txt"
grep -q '^reference pairs: 195$' "$work/out.txt" || fail "text: $(cat "$work/out.txt")"
grep -q '^right target, ignoring case: 193 any entry, 192 first entry$' "$work/out.txt" || fail "text: $(cat "$work/out.txt")"
[ "$(grep -c '^  ' "$work/out.txt")" -eq 1 ] || fail "--misses 1 listed $(grep -c '^  ' "$work/out.txt")"

# --strip-article: UNTERM's "Netherlands (the)" is matched by "Netherlands"
sed 's/ (the)\t/\t/' "$work/all.tsv" >"$work/no-the.txt"
grep -q '^荷兰	Netherlands	' "$work/no-the.txt" || fail "sed did not drop (the)"
"$HUTONG" eval glossary --json --columns zh_short,en_short "$ref" "$work/no-the.txt" | grep -q '"fold_any":195' &&
	fail "without --strip-article, 'Netherlands' should not match 'Netherlands (the)'"
"$HUTONG" eval glossary --json --strip-article --columns zh_short,en_short "$ref" "$work/no-the.txt" |
	grep -qF '"pairs":195,"covered":195,"exact_any":195' || fail "--strip-article"

# --corpus: only the names that occur in the corpus count
printf '阿富汗和阿尔巴尼亚的代表发了言。\tThe representatives of Afghanistan and Albania spoke.\n' >"$work/corpus.tsv"
"$HUTONG" eval glossary --json --columns zh_short,en_short --corpus "$work/corpus.tsv" "$ref" "$work/glossary.txt" >"$work/c.json"
grep -qF '"reference_rows":195,"pairs":2,"covered":2,"exact_any":0,"exact_first":0,"fold_any":1' "$work/c.json" ||
	fail "--corpus: $(cat "$work/c.json")"
# English side, whole words: "Mali" is not found inside "Somalia"
printf 'Mali\t马里\nSomalia\t索马里\n' >"$work/en-ref.tsv"
printf 'Somalia\t索马里\n' >"$work/en-gloss.tsv"
printf 'x\tSomalia asked.\n' >"$work/en-corpus.tsv"
"$HUTONG" eval glossary --json --corpus "$work/en-corpus.tsv" --corpus-lang qab "$work/en-ref.tsv" "$work/en-gloss.tsv" >"$work/w.json"
grep -qF '"pairs":1,"covered":1,"exact_any":1' "$work/w.json" || fail "whole words: $(cat "$work/w.json")"

# errors: usage 2, bad data 3 naming FILE:LINE, missing file 4
expect() { # CODE PATTERN CMD...
	code=$1 pat=$2
	shift 2
	set +e
	"$@" >/dev/null 2>"$work/err"
	rc=$?
	set -e
	[ "$rc" -eq "$code" ] || fail "$*: exit $rc, expected $code ($(cat "$work/err"))"
	grep -q "$pat" "$work/err" || fail "$*: stderr '$(cat "$work/err")' lacks '$pat'"
}
expect 2 "wants REFERENCE and GLOSSARY" "$HUTONG" eval glossary "$ref"
expect 2 "no column named 'zh'" "$HUTONG" eval glossary --columns zh,en "$ref" "$work/glossary.txt"
expect 2 "invalid --columns" "$HUTONG" eval glossary --columns 3 "$ref" "$work/glossary.txt"
expect 2 "needs --corpus" "$HUTONG" eval glossary --corpus-lang zh "$ref" "$work/glossary.txt"
expect 4 "absent.tsv" "$HUTONG" eval glossary "$work/absent.tsv" "$work/glossary.txt"
printf '互联互通\tconnectivity\n' >"$work/ref2.tsv"
printf '互联互通\tconnectivity\nno tab here\n' >"$work/bad.txt"
expect 3 "bad.txt:2: no tab between source and target" "$HUTONG" eval glossary "$work/ref2.tsv" "$work/bad.txt"
expect 3 "ref2.tsv:1: no column 4" "$HUTONG" eval glossary --columns 1,4 "$work/ref2.tsv" "$work/bad.txt"
printf 'ok\377\tx\n' >"$work/utf8.txt"
expect 3 "utf8.txt: byte 2: invalid UTF-8" "$HUTONG" eval glossary "$work/ref2.tsv" "$work/utf8.txt"

# repeated reference rows (same keys) count once
printf '互联互通\tconnectivity\n互联互通\tConnectivity\n互联互通\tconnectivity\n' >"$work/rep.tsv"
"$HUTONG" eval glossary --json "$work/rep.tsv" "$work/ref2.tsv" | grep -qF '"pairs":1,"covered":1,"exact_any":1' ||
	fail "repeated reference rows"

# the CSV glossary format hutong writes is read too
printf 'zh,en,frequency\r\n互联互通,"connectivity",3\r\n"内陆, 发展","x ""y""",1\r\n' >"$work/g.csv"
printf '互联互通\tconnectivity\n内陆, 发展\tx "y"\n' >"$work/ref3.tsv"
"$HUTONG" eval glossary --json "$work/ref3.tsv" "$work/g.csv" | grep -qF '"pairs":2,"covered":2,"exact_any":2' ||
	fail "CSV glossary not read"
echo "eval glossary: counts, --corpus, CSV and error paths as expected"
