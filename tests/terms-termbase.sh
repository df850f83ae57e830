#!/bin/sh
# Termbases as input and output: the once-occurring seed terms are all
# listed with a small termbase of them; the termbase equivalent wins in a
# glossary (the statistical one noted); a six-language termbase (TBX v3
# valid against the TBX core schema, CSV with one column per language,
# per-pair TSV); bad termbases get clear errors and leave no output.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
seed="$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
die() { echo "FAIL: $*"; fail=1; }

once="小岛屿发展中国家 最不发达国家 过境国 千年发展目标 多边开发银行 区域贸易协定 多式联运 边境管理 互操作性 数字经济 非物质文化遗产 减少灾害风险 包容性增长 利益攸关方"
{ printf 'zh\ten\n'; for t in $once; do printf '%s\tx\n' "$t"; done; } >"$tmp/tb.tsv"
"$HUTONG" terms "$seed" --limit 0 >"$tmp/plain" || die "terms failed"
"$HUTONG" terms "$seed" --limit 0 --termbase "$tmp/tb.tsv" >"$tmp/known" || die "terms --termbase failed"
found=0
for t in $once; do
	grep -q "^$t	" "$tmp/plain" && found=$((found + 1))
	grep -q "^$t	1	.*	termbase$" "$tmp/known" || die "$t not listed as a known term: $(grep "^$t	" "$tmp/known")"
done
echo "once-occurring seed terms: $found of 14 without a termbase, $(grep -c '	termbase$' "$tmp/known") with it"

# bad termbases: exit 3, the file named, nothing written
printf 'just words\n' >"$tmp/words.txt"
"$HUTONG" terms "$seed" --termbase "$tmp/words.txt" -o "$tmp/o1" 2>"$tmp/err"; test $? -eq 3 || die "not a termbase: want exit 3"
grep -q 'words.txt:1: not a termbase' "$tmp/err" || die "message: $(cat "$tmp/err")"
printf '<?xml version="1.0"?>\n<martif type="TBX"><text><body><termEntry>\n<langSet><tig><term>x</term></tig></langSet></termEntry></body></text></martif>\n' >"$tmp/nolang.tbx"
"$HUTONG" terms "$seed" --termbase "$tmp/nolang.tbx" -o "$tmp/o2" 2>"$tmp/err"; test $? -eq 3 || die "TBX without languages: want exit 3"
grep -q 'nolang.tbx:3: <langSet> without xml:lang' "$tmp/err" || die "message: $(cat "$tmp/err")"
printf 'fr,en\n"paix,peace\nguerre,war\n' >"$tmp/open.csv"
"$HUTONG" terms "$seed" --termbase "$tmp/open.csv" 2>"$tmp/err"; test $? -eq 3 || die "unterminated quote: want exit 3"
grep -q 'open.csv:2: quoted field never closed' "$tmp/err" || die "message: $(cat "$tmp/err")"
printf 'fr\ten\npaix\tpeace\n' >"$tmp/fr.tsv"
"$HUTONG" terms "$seed" --termbase "$tmp/fr.tsv" -o "$tmp/o3" 2>"$tmp/err"; test $? -eq 3 || die "other languages: want exit 3"
grep -q "fr.tsv: the termbase has no 'zh' terms (its languages: fr, en)" "$tmp/err" || die "message: $(cat "$tmp/err")"
test ! -e "$tmp/o1" && test ! -e "$tmp/o2" && test ! -e "$tmp/o3" || die "an output was written after an error"

shared="$HT_SRCDIR/../shared"
if [ ! -r "$shared/corpora/unpc-devset/UNv1.0.devset.zh" ] || [ ! -r "$shared/corpora/sdg/global_goals.6lang.tsv" ]; then
	echo "glossary part skipped: ../shared corpora are absent"
	exit $fail
fi
sh "$HT_SRCDIR/bench/make-bitext.sh" "$shared" "$tmp" || exit 1
printf 'zh\ten\n专家小组\tPanel of Experts\n多式联运\tmultimodal transport\n' >"$tmp/tb2.tsv"
"$HUTONG" glossary --from zh --to en "$tmp/sdg.zh-en.tsv" "$tmp/unpc.zh-en.tsv" --termbase "$tmp/tb2.tsv" -o "$tmp/en.tsv" || die "glossary --termbase failed"
grep -q '^专家小组	Panel of Experts	termbase, attested; statistical equivalent: Panel; ' "$tmp/en.tsv" ||
	die "专家小组: $(grep '^专家小组	' "$tmp/en.tsv")"
"$HUTONG" glossary --from zh --to fr "$tmp/sdg-unpc.zh-fr.tsv" --termbase "$tmp/tb2.tsv" -o "$tmp/fr.out" 2>"$tmp/err"
test $? -eq 3 && test ! -e "$tmp/fr.out" || die "termbase without fr: want exit 3 and no output"

"$HUTONG" glossary --pivot zh "$tmp"/sdg-unpc.zh-en.tsv "$tmp"/sdg-unpc.zh-fr.tsv "$tmp"/sdg-unpc.zh-es.tsv \
	"$tmp"/sdg-unpc.zh-ru.tsv "$tmp"/sdg-unpc.zh-ar.tsv -o "$tmp/tb.tbx" --pairs "$tmp/pairs" || die "--pivot failed"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --relaxng "$shared/schemas/TBXcoreStructV03.rng" "$tmp/tb.tbx" 2>/dev/null || die "TBX v3 not valid"
fi
test "$(grep -c '<langSec xml:lang="ru">' "$tmp/tb.tbx")" -gt 100 || die "few Russian langSecs"
for x in en fr es ru ar; do test -s "$tmp/pairs/zh-$x.tsv" || die "no pairs/zh-$x.tsv"; done
"$HUTONG" glossary --pivot zh "$tmp"/sdg-unpc.zh-en.tsv "$tmp"/sdg-unpc.zh-ru.tsv --format csv --bom -o "$tmp/tb.csv" || die "csv failed"
head -c 3 "$tmp/tb.csv" | od -An -tx1 | grep -q 'ef bb bf' || die "no BOM"
grep -q 'zh,en,ru,status,frequency,example' "$tmp/tb.csv" || die "CSV header: $(head -1 "$tmp/tb.csv")"
grep -q '^安全理事会,Security Council,Совет Безопасности,' "$tmp/tb.csv" || die "安全理事会 row: $(grep '^安全理事会,' "$tmp/tb.csv")"
grep -q '^会员国,Member States,государства-члены,' "$tmp/tb.csv" || die "会员国 row: $(grep '^会员国,' "$tmp/tb.csv")"
# the negation stays: landlocked is "not having access to the sea"
grep '^内陆发展中国家,' "$tmp/tb.csv" | grep -q 'не имеющ' || die "内陆发展中国家 lost не: $(grep '^内陆发展中国家,' "$tmp/tb.csv")"
exit $fail
