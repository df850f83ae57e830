#!/bin/sh
# MAC-Dev zh-en (literary chapters, hand-aligned): `hutong align --input lines
# --format beads` scored with `hutong eval align` must keep strict F1 above a
# floor (published: Gale-Church 0.49, hunalign 0.61, Bertalign 0.91), and the
# beads must cover every line of both files exactly once.
set -u
: "${HUTONG:?}" "${HT_SRCDIR:?}"
macdev="$HT_SRCDIR/../shared/gold/mac-dev-zh-en"
dict="$HT_SRCDIR/../shared/resources/cedict_ts.u8"
if [ ! -d "$macdev" ] || [ ! -f "$dict" ]; then
	echo "SKIP: needs ../shared/gold/mac-dev-zh-en and ../shared/resources/cedict_ts.u8"
	exit 77
fi
FLOOR=${MACDEV_F1_FLOOR:-0.85}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
"$HUTONG" align --input lines --from zh --to en --dict "$dict" --format beads \
	-o "$tmp/001.beads" "$macdev/zh/001" "$macdev/en/001" 2>"$tmp/err" ||
	{ echo "FAIL: align: $(cat "$tmp/err")"; exit 1; }
[ ! -s "$tmp/err" ] || { echo "FAIL: unexpected stderr: $(cat "$tmp/err")"; fail=1; }

# every line of both files in exactly one bead, in order
nzh=$(wc -l <"$macdev/zh/001")
nen=$(wc -l <"$macdev/en/001")
sed 's/^\[\([0-9,]*\)\]:\[\([0-9,]*\)\]$/\1|\2/' "$tmp/001.beads" | awk -F'|' -v n1="$nzh" -v n2="$nen" '
function take(s, side,   k, ids, i) {
	k = split(s, ids, ",")
	for (i = 1; i <= k; i++) if (ids[i] != next_id[side]++) bad = 1
}
NF != 2 { bad = 1 }
{ take($1, 1); take($2, 2) }
END {
	if (bad || next_id[1] != n1 || next_id[2] != n2) {
		printf "beads cover %d/%d and %d/%d lines, in order: %s\n", next_id[1], n1, next_id[2], n2, bad ? "no" : "yes"
		exit 1
	}
}' || { echo "FAIL: beads do not cover every line once"; fail=1; }

"$HUTONG" eval align --json "$macdev/gold/001.align" "$tmp/001.beads" >"$tmp/score" ||
	{ echo "FAIL: eval align"; exit 1; }
f1=$(sed 's/.*"strict":{[^}]*"f1":\([0-9.]*\)}.*/\1/' "$tmp/score")
echo "MAC-Dev 001 strict F1 $f1 (floor $FLOOR)"
awk -v f="$f1" -v floor="$FLOOR" 'BEGIN { exit !(f + 0 >= floor + 0) }' || { echo "FAIL: F1 $f1 < $FLOOR"; fail=1; }
exit $fail
