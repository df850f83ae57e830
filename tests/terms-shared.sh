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
exit $fail
