#!/bin/sh
# Throughput (MB/s of input per CPU second) and peak memory of `hutong segment`
# on the six UNPC devset languages (one sentence a line, read as paragraphs),
# on a 100 MB input built from them, and of the PDF-text reader on the seed
# repeated to 20 MB.  Inputs are generated in a temporary
# folder and removed.  Usage: bench/segment.sh [HUTONG] [--input MODE] [--mb N]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
hutong=${HUTONG:-$here/hutong}
# time the program itself, not libtool's wrapper script around it
if [ -z "${HUTONG:-}" ] && [ -x "$here/.libs/hutong" ]; then
	hutong=$here/.libs/hutong
	LD_LIBRARY_PATH=$here/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
fi
mode=paragraphs
big_mb=100
while [ $# -gt 0 ]; do
	case $1 in
	--input) mode=$2; shift 2 ;;
	--mb) big_mb=$2; shift 2 ;;
	*) hutong=$1; shift ;;
	esac
done
devset=$here/../shared/corpora/unpc-devset
[ -r "$devset/UNv1.0.devset.en" ] || { echo "bench: $devset is absent" >&2; exit 77; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure LABEL FILE LANG: one run, prints MB, CPU s, MB/s, peak RSS and its ratio to the input
measure() {
	label=$1 file=$2 lang=$3
	bytes=$(wc -c <"$file")
	/usr/bin/time -v "$hutong" segment --input "$mode" --lang "$lang" "$file" >"$tmp/out" 2>"$tmp/time" || {
		cat "$tmp/time" >&2
		exit 1
	}
	awk -v label="$label" -v bytes="$bytes" -v out="$(wc -c <"$tmp/out")" '
		/User time/ { user = $NF } /System time/ { sys = $NF }
		/Maximum resident set size/ { rss = $NF }
		/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = t[n] + (n > 1 ? t[n-1] * 60 : 0) }
		END {
			mb = bytes / 1e6; cpu = user + sys; if (cpu < 0.01) cpu = 0.01
			printf "%-14s %8.1f MB %7.2f s cpu %6.2f s wall %8.1f MB/s %8.1f MB peak (%.1fx input)\n",
				label, mb, cpu, wall, mb / cpu, rss / 1024, rss * 1024 / bytes
		}' "$tmp/time"
}

echo "hutong segment --input $mode --format jsonl ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
for l in zh en fr es ru ar; do
	# twenty copies of the devset: long enough to time, short enough for a shared machine
	f=$tmp/devset.$l
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat "$devset/UNv1.0.devset.$l"; done >"$f"
	measure "devset.$l x20" "$f" "$l"
	rm -f "$f"
done
big=$tmp/big.txt
: >"$big"
while [ "$(wc -c <"$big")" -lt $((big_mb * 1000000)) ]; do
	cat "$devset"/UNv1.0.devset.zh "$devset"/UNv1.0.devset.en "$devset"/UNv1.0.devset.fr \
		"$devset"/UNv1.0.devset.es "$devset"/UNv1.0.devset.ru "$devset"/UNv1.0.devset.ar >>"$big"
done
measure "mixed ${big_mb}MB" "$big" en
rm -f "$big"
# the PDF-text reader on the seed repeated to about 20 MB (joins, footnotes, links)
seed=$here/corpora/A_RES_76_295.zh.txt
i=0
while [ $i -lt 2500 ]; do cat "$seed"; i=$((i + 1)); done >"$tmp/seed.txt"
mode=pdftext
measure "seed x2500" "$tmp/seed.txt" zh
