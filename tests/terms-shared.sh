#!/bin/sh
# `hutong terms` on the SDG tables and the UNPC development set of ../shared,
# one language at a time; skipped when ../shared is absent.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
shared="$HT_SRCDIR/../shared/corpora"
if [ ! -d "$shared/sdg" ] || [ ! -d "$shared/unpc-devset" ]; then
	echo "SKIP: ../shared/corpora is absent"
	exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
sdg="$shared/sdg/global_goals.6lang.tsv $shared/sdg/global_targets.6lang.tsv $shared/sdg/global_indicators.6lang.tsv"

# expect LANG TOP TERM...: every TERM is among the TOP best of the SDG tables
# and the development set together
expect() {
	lang=$1 top=$2
	shift 2
	# shellcheck disable=SC2086
	"$HUTONG" terms --lang "$lang" --limit "$top" $sdg "$shared/unpc-devset/UNv1.0.devset.$lang" \
		| cut -f1 >"$tmp/$lang" || { echo "FAIL: $lang run"; fail=1; return; }
	for t in "$@"; do
		grep -qx -- "$t" "$tmp/$lang" || { echo "FAIL: $lang: '$t' not in the top $top"; fail=1; }
	done
}
expect en 80 "sustainable development" "least developed countries" "small island developing States" \
	"climate change" "developing countries" "Member States"
expect fr 80 "développement durable" "pays les moins avancés" "pays en développement" \
	"petits États insulaires en développement"
expect es 80 "desarrollo sostenible" "países menos adelantados" "países en desarrollo" \
	"pequeños Estados insulares en desarrollo"
expect ru 80 "устойчивого развития" "наименее развитых стран" "развивающихся стран"
expect ar 80 "التنمية المستدامة" "البلدان النامية" "أقل البلدان نمواً"
expect zh 100 "可持续发展" "发展中国家" "最不发达国家" "小岛屿发展中国家"
# the seed with CC-CEDICT (--dict): the targets still hold
seed="$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
cedict="$HT_SRCDIR/../shared/resources/cedict_ts.u8"
if [ -f "$cedict" ]; then
	"$HUTONG" terms --dict "$cedict" --limit 30 "$seed" | cut -f1 >"$tmp/dict" || { echo "FAIL: --dict run"; fail=1; }
	r=$(grep -nx 互联互通 "$tmp/dict" | cut -d: -f1)
	test -n "$r" && test "$r" -le 3 || { echo "FAIL: --dict: 互联互通 ranks '${r:-absent}'"; fail=1; }
	r=$(grep -nx 内陆发展中国家 "$tmp/dict" | cut -d: -f1)
	test -n "$r" && test "$r" -le 20 || { echo "FAIL: --dict: 内陆发展中国家 ranks '${r:-absent}'"; fail=1; }
	for f in 联互通 互联互 可持续发 持续发展 和可持续 亚和南亚 中亚和南亚 加强 性以及; do
		grep -qx -- "$f" "$tmp/dict" && { echo "FAIL: --dict: fragment $f in the top 30"; fail=1; }
	done
fi
exit $fail
