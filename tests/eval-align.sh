#!/bin/sh
# hutong eval align: scores of hand-made bead lists, JSON, ladders, exit codes.
set -u
HUTONG=${HUTONG:-./hutong}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ht-eval-align.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }

printf '[0]:[0]\n[1]:[1, 2]\n[2,3]:[3]\n[]:[4]\n[4]:[5]\n' > "$tmp/gold"
printf '[0]:[0]\n[1]:[1]\n[]:[2]\n[2, 3]:[3]\n[4]:[4,5]\n' > "$tmp/test"
# by hand: strict P 2/5 R 2/4, lax P 4/5 R 4/4
out=$("$HUTONG" eval align "$tmp/gold" "$tmp/test") || fail "exit $?"
echo "$out" | grep -q '^  precision  0.4000    0.8000$' || fail "precision: $out"
echo "$out" | grep -q '^  recall     0.5000    1.0000$' || fail "recall: $out"
echo "$out" | grep -q '^  F1         0.4444    0.8889$' || fail "F1: $out"

json=$("$HUTONG" eval align --json "$tmp/gold" "$tmp/test" "$tmp/gold" "$tmp/gold") || fail "json exit $?"
case $json in
*'"pairs":2,"test_beads":10,"gold_beads":8,"strict":{"precision":0.700000,"recall":0.750000'*) ;;
*) fail "pooled json: $json" ;;
esac
echo "$json" | python3 -m json.tool > /dev/null 2>&1 || ! command -v python3 > /dev/null || fail "not JSON: $json"

# a ladder gold: rungs 0 0 / 1 1 / 3 2 / 3 3 = [0]:[0] [1,2]:[1] []:[2]
printf '0 0\n1\t1\n3 2\n3 3\n' > "$tmp/ladder"
printf '[0]:[0]\n[1,2]:[1]\n[]:[2]\n' > "$tmp/same"
"$HUTONG" eval align "$tmp/ladder" "$tmp/same" | grep -q '^  F1         1.0000    1.0000$' || fail "ladder"

# misuse, bad data, missing file
"$HUTONG" eval align "$tmp/gold" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] || fail "odd file count: exit $rc"
printf '[0]:[0]\n[1]-[1]\n' > "$tmp/bad"
"$HUTONG" eval align "$tmp/gold" "$tmp/bad" 2> "$tmp/err"; rc=$?
[ $rc -eq 3 ] || fail "bad data: exit $rc"
grep -q "^hutong: $tmp/bad:2: " "$tmp/err" || fail "bad data message: $(cat "$tmp/err")"
"$HUTONG" eval align "$tmp/gold" "$tmp/nonexistent" 2> "$tmp/err"; rc=$?
[ $rc -eq 4 ] || fail "missing file: exit $rc"
grep -q "nonexistent" "$tmp/err" || fail "missing file message: $(cat "$tmp/err")"
"$HUTONG" eval align --bogus "$tmp/gold" "$tmp/test" 2> /dev/null; rc=$?
[ $rc -eq 2 ] || fail "unknown option: exit $rc"
echo "PASS"
