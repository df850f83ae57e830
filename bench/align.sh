#!/bin/sh
# Throughput and peak memory of the sentence aligner on large zh-en pairs.
#
# Builds pairs of N sentences a side (default 100000 and 1000000) from the
# 4,000 sentences of the UN Parallel Corpus devset (../shared/corpora/unpc-devset),
# repeated, with about 5 % of the pairs turned into 2-1 or 1-2 beads (two
# sentences of one side joined into one line) and 2 % of the sentences dropped
# from one side, in a temporary folder; aligns them with CC-CEDICT and prints
# wall time, sentences per second, peak memory, and the strict F1 against the
# known alignment of the generated pair.
#
# usage: bench/align.sh [N ...]
# The aligner is tests/align-lines (make check builds it); set ALIGN_CMD to a
# command taking "SRC TGT" and printing beads to use another one, e.g.
#   ALIGN_CMD="./hutong align --input lines --format beads --from zh --to en --dict D"
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${HT_SHARED:-$top/../shared}
dev=$shared/corpora/unpc-devset
dict=$shared/resources/cedict_ts.u8
[ -r "$dev/UNv1.0.devset.zh" ] || { echo "bench/align.sh: $dev is absent" >&2; exit 1; }
[ -x "$top/hutong" ] || { echo "bench/align.sh: build hutong first (make)" >&2; exit 1; }
[ -x "$top/tests/align-lines" ] || (cd "$top" && make -s tests/align-lines)
cmd=${ALIGN_CMD:-"$top/tests/align-lines -d $dict -f zh -t en"}
[ $# -gt 0 ] || set -- 100000 1000000
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ht-bench-align.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# make_pair N: $tmp/zh, $tmp/en and the gold beads $tmp/gold
make_pair() {
	paste -d '\t' "$dev/UNv1.0.devset.zh" "$dev/UNv1.0.devset.en" | awk -F '\t' -v N="$1" \
		-v ZH="$tmp/zh" -v EN="$tmp/en" -v GOLD="$tmp/gold" '
	{ zh[NR - 1] = $1; en[NR - 1] = $2 }
	END {
		srand(42); m = NR; i = 0; s = 0; t = 0
		while (s < N && t < N) {
			a = i % m; b = (i + 1) % m; r = rand()
			if (r < 0.025) {          # two zh sentences on one line: 1-2
				print zh[a] zh[b] > ZH; print en[a] > EN; print en[b] > EN
				printf "[%d]:[%d,%d]\n", s, t, t + 1 > GOLD; s += 1; t += 2; i += 2
			} else if (r < 0.05) {    # two en sentences on one line: 2-1
				print zh[a] > ZH; print zh[b] > ZH; print en[a] " " en[b] > EN
				printf "[%d,%d]:[%d]\n", s, s + 1, t > GOLD; s += 2; t += 1; i += 2
			} else if (r < 0.06) {    # dropped from en: 1-0
				print zh[a] > ZH; printf "[%d]:[]\n", s > GOLD; s++; i++
			} else if (r < 0.07) {    # dropped from zh: 0-1
				print en[a] > EN; printf "[]:[%d]\n", t > GOLD; t++; i++
			} else {
				print zh[a] > ZH; print en[a] > EN
				printf "[%d]:[%d]\n", s, t > GOLD; s++; t++; i++
			}
		}
	}'
}

for n in "$@"; do
	make_pair "$n"
	ns=$(wc -l < "$tmp/zh"); nt=$(wc -l < "$tmp/en")
	/usr/bin/time -v $cmd "$tmp/zh" "$tmp/en" > "$tmp/beads" 2> "$tmp/time"
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$tmp/time" | awk '{ s += $1 } END { print s }')
	secs=$(echo "$wall" | awk -F: '{ s = 0; for (k = 1; k <= NF; k++) s = s * 60 + $k; print s }')
	f1=$("$top/hutong" eval align --json "$tmp/gold" "$tmp/beads" |
		sed 's/.*"strict":{[^}]*"f1":\([0-9.]*\)}.*/\1/')
	echo "$ns zh / $nt en sentences: wall ${secs}s (CPU ${cpu}s)," \
		"$(awk -v n="$ns" -v m="$nt" -v s="$secs" 'BEGIN { printf "%.0f", (n + m) / (s > 0 ? s : 0.01) }') sentences/s," \
		"peak $((kb / 1024)) MB, strict F1 $f1"
done
