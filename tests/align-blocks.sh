#!/bin/sh
# A block of sentences that one version lacks must come out as a run of 1-0
# (or 0-1) beads, not spread over the beads around it as 1-3 and 1-4 beads of
# unrelated sentences.  From the first 2,000 sentence pairs of the UN devset
# (fr-ru and zh-fr, no dictionary): source sentences 500-599 are left out of
# the target and target sentences 1300-1339 out of the source.  A block may
# slide by a sentence or two where its edge meets unrelated sentences.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
dev="$HT_SRCDIR/../shared/corpora/unpc-devset"
if [ ! -r "$dev/UNv1.0.devset.fr" ]; then
	echo "SKIP: needs ../shared/corpora/unpc-devset"
	exit 77
fi
FLOOR=0.99
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for pair in "fr ru" "zh fr"; do
	set -- $pair
	paste -d '\t' "$dev/UNv1.0.devset.$1" "$dev/UNv1.0.devset.$2" | head -n 2000 |
		awk -F '\t' -v S="$tmp/src" -v T="$tmp/tgt" -v G="$tmp/gold" '
	{ n = NR - 1 }
	n >= 500 && n < 600 { print $1 > S; printf "[%d]:[]\n", s++ > G; next }
	n >= 1300 && n < 1340 { print $2 > T; printf "[]:[%d]\n", t++ > G; next }
	{ print $1 > S; print $2 > T; printf "[%d]:[%d]\n", s++, t++ > G }'
	"$HUTONG" align --input lines --from "$1" --to "$2" --format beads -o "$tmp/beads" \
		"$tmp/src" "$tmp/tgt" 2>"$tmp/err" || { echo "FAIL: $1-$2: $(cat "$tmp/err")"; exit 1; }
	# the blocks, bead by bead
	kept=$(grep -c '^\[5[0-9][0-9]\]:\[\]$' "$tmp/beads")
	added=$(grep -c '^\[\]:\[12[0-3][0-9]\]$' "$tmp/beads") # 1300-1339, less the 100 above
	echo "$1-$2: $kept of 100 source-only sentences as 1-0 beads, $added of 40 target-only as 0-1"
	[ "$kept" -ge 95 ] && [ "$added" -ge 38 ] || { echo "FAIL: $1-$2: a block spread over other beads"; fail=1; }
	"$HUTONG" eval align --json "$tmp/gold" "$tmp/beads" >"$tmp/score" || { echo "FAIL: eval align"; exit 1; }
	f1=$(sed 's/.*"strict":{[^}]*"f1":\([0-9.]*\)}.*/\1/' "$tmp/score")
	echo "$1-$2: strict F1 $f1 (floor $FLOOR)"
	awk -v f="$f1" -v floor="$FLOOR" 'BEGIN { exit !(f + 0 >= floor + 0) }' ||
		{ echo "FAIL: $1-$2: F1 $f1 < $FLOOR"; fail=1; }
done
exit $fail
