#!/bin/sh
# Time and peak memory of `hutong terms` on the UNPC devset of each language,
# once (4,000 units) and ten times over (40,000 units).
# usage: bench/terms.sh [HUTONG] [SHARED_DIR]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
hutong=${1:-$here/hutong}
shared=${2:-$here/../shared}
dev=$shared/corpora/unpc-devset
[ -x "$hutong" ] || { echo "terms.sh: build hutong first ($hutong)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "terms.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }
[ -d "$dev" ] || { echo "terms.sh: $dev is absent" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure() { # LABEL LANG FILE: run, then print seconds (wall, CPU), units/s, MB/s and peak RSS
	label=$1 lang=$2 file=$3
	/usr/bin/time -v "$hutong" terms --lang "$lang" --input lines --limit 0 "$file" \
		2>"$tmp/time" >"$tmp/out.tsv"
	awk -v label="$label" -v units="$(wc -l <"$file")" -v bytes="$(wc -c <"$file")" \
		-v cands="$(wc -l <"$tmp/out.tsv")" '
		/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/User time/ { u = $NF } /System time/ { sy = $NF }
		/Maximum resident set size/ { kb = $NF }
		END { cpu = u + sy; printf "%-14s %6d units %7d candidates %6.2f s wall %6.2f s cpu %8.0f units/s %5.2f MB/s %7.1f MB peak\n",
			label, units, cands, s, cpu, (cpu > 0 ? units / cpu : 0), (cpu > 0 ? bytes / cpu / 1048576 : 0), kb / 1024 }' "$tmp/time"
}
for l in zh en fr es ru ar; do
	measure "devset $l" $l "$dev/UNv1.0.devset.$l"
done
for l in zh en fr es ru ar; do
	i=0
	while [ $i -lt 10 ]; do cat "$dev/UNv1.0.devset.$l"; i=$((i + 1)); done >"$tmp/x10.$l"
	measure "10x devset $l" $l "$tmp/x10.$l"
done
# Unpunctuated Chinese in one line (issue: time must grow linearly): the
# devset's Han characters only, repeated to 5 MB and 20 MB.
for mb in 5 20; do
	perl -CSD -pe 's/[^\x{4e00}-\x{9fff}]//g' <"$dev/UNv1.0.devset.zh" >"$tmp/han"
	: >"$tmp/np$mb"
	while [ "$(wc -c <"$tmp/np$mb")" -lt $((mb * 1000000)) ]; do cat "$tmp/han" >>"$tmp/np$mb"; done
	measure "unpunct. ${mb} MB" zh "$tmp/np$mb"
done
