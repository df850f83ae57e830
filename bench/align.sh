#!/bin/sh
# Throughput and peak memory of the sentence aligner on large pairs.
#
# Builds pairs of N sentences a side (default 100000 and 1000000) from the
# 4,000 sentences of the UN Parallel Corpus devset (../shared/corpora/unpc-devset),
# repeated, with about 5 % of the pairs turned into 2-1 or 1-2 beads (two
# sentences of one side joined into one line) and 2 % of the sentences dropped
# from one side, in a temporary folder; aligns them (zh-en with CC-CEDICT) and
# prints wall time, sentences per second, peak memory, and the strict F1
# against the known alignment of the generated pair.
#
# usage: bench/align.sh [N ...]
# LANGS="fr ru" takes another pair of the six devset languages (default
# "zh en"; only zh-en has a dictionary).  BLOCKS=P also drops, at a share P of
# the steps, a block of 20 to 149 consecutive sentences from one side (a
# section one version lacks), e.g. BLOCKS=0.0015 LANGS="fr ru" bench/align.sh 20000.
# The aligner is tests/align-lines (make check builds it); set ALIGN_CMD to a
# command taking "SRC TGT" and printing beads to use another one, e.g.
#   ALIGN_CMD="./hutong align --input lines --format beads --from zh --to en --dict D"
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${HT_SHARED:-$top/../shared}
dev=$shared/corpora/unpc-devset
export HUTONG_DATA="${HUTONG_DATA:-$shared/resources}" # CC-CEDICT for --dict auto
[ -r "$dev/UNv1.0.devset.zh" ] || { echo "bench/align.sh: $dev is absent" >&2; exit 1; }
[ -x "$top/hutong" ] || { echo "bench/align.sh: build hutong first (make)" >&2; exit 1; }
[ -x "$top/tests/align-lines" ] || (cd "$top" && make -s tests/align-lines)
set -- ${LANGS:-zh en} "$@"
l1=$1 l2=$2
shift 2
[ -r "$dev/UNv1.0.devset.$l1" ] && [ -r "$dev/UNv1.0.devset.$l2" ] && [ "$l1" != "$l2" ] ||
	{ echo "bench/align.sh: LANGS must be two of ar en es fr ru zh" >&2; exit 2; }
# DICT: what --dict takes (default auto: CC-CEDICT for zh-en, FreeDict or a
# composition through English for the others; none for no dictionary)
cmd=${ALIGN_CMD:-"$top/tests/align-lines -d ${DICT:-auto} -f $l1 -t $l2"}
[ $# -gt 0 ] || set -- 100000 1000000
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ht-bench-align.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# join_with LANG: what joins two sentences of LANG on one line
join_with() { [ "$1" = zh ] || printf ' '; }

# make_pair N: $tmp/src, $tmp/tgt and the gold beads $tmp/gold
make_pair() {
	paste -d '\t' "$dev/UNv1.0.devset.$l1" "$dev/UNv1.0.devset.$l2" | awk -F '\t' -v N="$1" \
		-v SRC="$tmp/src" -v TGT="$tmp/tgt" -v GOLD="$tmp/gold" -v BLOCKS="${BLOCKS:-0}" \
		-v SJOIN="$(join_with "$l1")" -v TJOIN="$(join_with "$l2")" '
	{ src[NR - 1] = $1; tgt[NR - 1] = $2 }
	END {
		srand(42); m = NR; i = 0; s = 0; t = 0
		while (s < N && t < N) {
			a = i % m; b = (i + 1) % m; r = rand()
			if (r < BLOCKS) {         # a block one side lacks
				len = 20 + int(rand() * 130); src_side = rand() < 0.5
				for (k = 0; k < len; k++) {
					a = (i + k) % m
					if (src_side) { print src[a] > SRC; printf "[%d]:[]\n", s > GOLD; s++ }
					else { print tgt[a] > TGT; printf "[]:[%d]\n", t > GOLD; t++ }
				}
				i += len
			} else if (r < 0.025) {   # two source sentences on one line: 1-2
				print src[a] SJOIN src[b] > SRC; print tgt[a] > TGT; print tgt[b] > TGT
				printf "[%d]:[%d,%d]\n", s, t, t + 1 > GOLD; s += 1; t += 2; i += 2
			} else if (r < 0.05) {    # two target sentences on one line: 2-1
				print src[a] > SRC; print src[b] > SRC; print tgt[a] TJOIN tgt[b] > TGT
				printf "[%d,%d]:[%d]\n", s, s + 1, t > GOLD; s += 2; t += 1; i += 2
			} else if (r < 0.06) {    # dropped from the target: 1-0
				print src[a] > SRC; printf "[%d]:[]\n", s > GOLD; s++; i++
			} else if (r < 0.07) {    # dropped from the source: 0-1
				print tgt[a] > TGT; printf "[]:[%d]\n", t > GOLD; t++; i++
			} else {
				print src[a] > SRC; print tgt[a] > TGT
				printf "[%d]:[%d]\n", s, t > GOLD; s++; t++; i++
			}
		}
	}'
}

for n in "$@"; do
	make_pair "$n"
	ns=$(wc -l < "$tmp/src"); nt=$(wc -l < "$tmp/tgt")
	/usr/bin/time -v $cmd "$tmp/src" "$tmp/tgt" > "$tmp/beads" 2> "$tmp/time"
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$tmp/time" | awk '{ s += $1 } END { print s }')
	secs=$(echo "$wall" | awk -F: '{ s = 0; for (k = 1; k <= NF; k++) s = s * 60 + $k; print s }')
	f1=$("$top/hutong" eval align --json "$tmp/gold" "$tmp/beads" |
		sed 's/.*"strict":{[^}]*"f1":\([0-9.]*\)}.*/\1/')
	echo "$ns $l1 / $nt $l2 sentences: wall ${secs}s (CPU ${cpu}s)," \
		"$(awk -v n="$ns" -v m="$nt" -v s="$secs" 'BEGIN { printf "%.0f", (n + m) / (s > 0 ? s : 0.01) }') sentences/s," \
		"peak $((kb / 1024)) MB, strict F1 $f1"
done
