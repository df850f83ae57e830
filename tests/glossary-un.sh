#!/bin/sh
# hutong glossary over the SDG tables + the UNPC devset (two pooled TSV
# inputs) finds the official equivalents of ten UN terms in English, and the
# same machinery pairs zh with fr, es, ru and ar.
set -u
shared="$HT_SRCDIR/../shared"
if [ ! -r "$shared/corpora/unpc-devset/UNv1.0.devset.zh" ] || [ ! -r "$shared/corpora/sdg/global_goals.6lang.tsv" ]; then
	echo "SKIP: ../shared corpora are absent"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$HT_SRCDIR/bench/make-bitext.sh" "$shared" "$tmp" || exit 1
fail=0
has_pair() { # FILE SOURCE TARGET
	if ! awk -F '\t' -v s="$2" -v t="$3" '$1 == s && $2 == t { found = 1 } END { exit !found }' "$1"; then
		echo "FAIL: $1 lacks '$2' = '$3'; it has: $(awk -F '\t' -v s="$2" '$1 == s' "$1")"
		fail=1
	fi
}
"$HUTONG" glossary --from zh --to en "$tmp/sdg.zh-en.tsv" "$tmp/unpc.zh-en.tsv" -o "$tmp/en.tsv" || exit 1
has_pair "$tmp/en.tsv" 可持续发展 "sustainable development"
has_pair "$tmp/en.tsv" 最不发达国家 "least developed countries"
has_pair "$tmp/en.tsv" 小岛屿发展中国家 "small island developing States"
has_pair "$tmp/en.tsv" 内陆发展中国家 "landlocked developing countries"
has_pair "$tmp/en.tsv" 气候变化 "climate change"
has_pair "$tmp/en.tsv" 官方发展援助 "official development assistance"
has_pair "$tmp/en.tsv" 减少灾害风险 "disaster risk reduction"
has_pair "$tmp/en.tsv" 会员国 "Member States"
has_pair "$tmp/en.tsv" 安全理事会 "Security Council"
has_pair "$tmp/en.tsv" 民间社会 "civil society"
# entries carry frequency, score and an example in the OmegaT comment
# pairing runs on several threads; the glossary must not depend on how many
"$HUTONG" glossary --threads 1 --from zh --to en "$tmp/sdg.zh-en.tsv" "$tmp/unpc.zh-en.tsv" -o "$tmp/en1.tsv" || exit 1
"$HUTONG" glossary --threads 3 --from zh --to en "$tmp/sdg.zh-en.tsv" "$tmp/unpc.zh-en.tsv" -o "$tmp/en3.tsv" || exit 1
cmp -s "$tmp/en1.tsv" "$tmp/en.tsv" && cmp -s "$tmp/en3.tsv" "$tmp/en.tsv" ||
	{ echo "FAIL: the glossary differs with 1, 3 and the default number of threads"; fail=1; }
grep -q '^会员国	Member States	frequency [0-9]*; Dice 0\.[0-9]*; confidence 0\.[0-9]*; e\.g\. ' "$tmp/en.tsv" ||
	{ echo "FAIL: no statistics in the comment"; fail=1; }

# the other way, Chinese targets extend over whole characters: not 全理事会
awk -F '\t' '{ print $2 "\t" $1 }' "$tmp/sdg-unpc.zh-en.tsv" >"$tmp/sdg-unpc.en-zh.tsv"
"$HUTONG" glossary --from en --to zh "$tmp/sdg-unpc.en-zh.tsv" -o "$tmp/en-zh.tsv" || exit 1
has_pair "$tmp/en-zh.tsv" "Security Council" 安全理事会
has_pair "$tmp/en-zh.tsv" "sustainable development" 可持续发展

"$HUTONG" glossary --from zh --to fr "$tmp/sdg-unpc.zh-fr.tsv" -o "$tmp/fr.tsv" || exit 1
has_pair "$tmp/fr.tsv" 安全理事会 "Conseil de sécurité"
has_pair "$tmp/fr.tsv" 会员国 "États Membres"
"$HUTONG" glossary --from zh --to es "$tmp/sdg-unpc.zh-es.tsv" -o "$tmp/es.tsv" || exit 1
has_pair "$tmp/es.tsv" 民间社会 "sociedad civil"
# Russian and Arabic: inflected forms are grouped; the shown form is one of them
"$HUTONG" glossary --from zh --to ru "$tmp/sdg-unpc.zh-ru.tsv" -o "$tmp/ru.tsv" || exit 1
awk -F '\t' '$1 == "安全理事会" && $2 ~ /^Совет[а-я]* Безопасности$/ { f = 1 } END { exit !f }' "$tmp/ru.tsv" ||
	{ echo "FAIL: ru 安全理事会: $(grep '^安全理事会	' "$tmp/ru.tsv")"; fail=1; }
"$HUTONG" glossary --from zh --to ar "$tmp/sdg-unpc.zh-ar.tsv" -o "$tmp/ar.tsv" || exit 1
has_pair "$tmp/ar.tsv" 民间社会 "المجتمع المدني"
has_pair "$tmp/ar.tsv" 小岛屿发展中国家 "الدول الجزرية الصغيرة النامية"
exit $fail
