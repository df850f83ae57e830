#!/bin/sh
# Throughput and peak memory of the TMX writer and reader (ht_tm_read_tsv +
# ht_tm_write_tmx, then ht_tm_read_tmx), on the UN Parallel Corpus devset's
# zh-en sentences repeated REPEAT times (default 25: 100,000 units).
#   make tests/tm-convert && bench/tmx.sh [REPEAT]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dev=$top/../shared/corpora/unpc-devset
convert=${TM_CONVERT:-$top/tests/tm-convert}
[ -d "$dev" ] || { echo "bench/tmx.sh: ../shared is absent" >&2; exit 1; }
[ -x "$convert" ] || { echo "bench/tmx.sh: build tests/tm-convert first (make tests/tm-convert)" >&2; exit 1; }
repeat=${1:-25}
work=$(mktemp -d "${TMPDIR:-/tmp}/ht-bench-tmx-XXXXXX")
trap 'rm -rf "$work"' EXIT

paste "$dev/UNv1.0.devset.zh" "$dev/UNv1.0.devset.en" >"$work/one.tsv"
i=0
while [ "$i" -lt "$repeat" ]; do cat "$work/one.tsv"; i=$((i + 1)); done >"$work/pairs.tsv"
units=$(wc -l <"$work/pairs.tsv")

measure() { # LABEL CMD...: wall time and peak memory from /usr/bin/time -v
	label=$1
	shift
	/usr/bin/time -v "$@" 2>"$work/time" >/dev/null
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
	user=$(sed -n 's/.*User time (seconds): //p' "$work/time")
	sys=$(sed -n 's/.*System time (seconds): //p' "$work/time")
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
	rate=$(awk -v n="$units" -v c="$cpu" 'BEGIN { printf "%.0f", (c > 0 ? n / c : 0) }')
	echo "$label	$wall	$cpu	$rate	$rss"
}
mb() { awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

echo "units: $units (zh-en), TSV $(mb "$work/pairs.tsv") MB"
echo "step	wall	cpu_s	units/cpu_s	peak_rss_kB   (wall time depends on the machine's load; cpu is user+sys)"
measure "tsv->tmx" "$convert" zh en "$work/pairs.tsv" "$work/out.tmx"
echo "TMX $(mb "$work/out.tmx") MB"
measure "read tmx" "$convert" --tmx-to-tsv "$work/out.tmx"
