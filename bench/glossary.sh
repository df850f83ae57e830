#!/bin/sh
# Time and peak memory of glossary builds:
#  1. the whole UNPC devset (4,000 units x 6 languages) as the five zh-X glossaries;
#  2. a 10x input (the SDG + devset zh-en units, ten times over: 44,550 units).
# usage: bench/glossary.sh [HUTONG] [SHARED_DIR]    (target: 10x under 5 s and 500 MB)
# hutong uses one thread per processor (the 10x zh-en build is also timed on
# one).  CPU time is printed too: on a shared machine wall time includes waiting.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
hutong=${1:-$here/hutong}
shared=${2:-$here/../shared}
[ -x "$hutong" ] || { echo "glossary.sh: build hutong first ($hutong)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "glossary.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$here/bench/make-bitext.sh" "$shared" "$tmp"
measure() { # LABEL UNITS ARGS...: run, then print seconds, units/s and peak RSS
	label=$1 units=$2
	shift 2
	/usr/bin/time -v "$hutong" glossary "$@" -o "$tmp/out.tsv" 2>"$tmp/time" >/dev/null
	awk -v label="$label" -v units="$units" -v entries="$(wc -l <"$tmp/out.tsv")" '
		/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/Maximum resident set size/ { kb = $NF }
		/User time/ { user = $NF }
		/System time/ { sys = $NF }
		END { printf "%-34s %6d units %6d entries %6.2f s wall (%5.2f s CPU) %7.0f units/s %6.1f MB peak\n",
			label, units, entries, s, user + sys, (s > 0 ? units / s : 0), kb / 1024 }' "$tmp/time"
}
total=0
for x in en fr es ru ar; do
	measure "devset zh-$x" 4000 --from zh --to $x "$tmp/unpc.zh-$x.tsv"
done
i=0
while [ $i -lt 10 ]; do cat "$tmp/sdg-unpc.zh-en.tsv"; i=$((i + 1)); done >"$tmp/x10.zh-en.tsv"
measure "10x SDG+devset zh-en" "$(wc -l <"$tmp/x10.zh-en.tsv")" --from zh --to en "$tmp/x10.zh-en.tsv"
measure "10x SDG+devset zh-en, 1 thread" "$(wc -l <"$tmp/x10.zh-en.tsv")" --threads 1 --from zh --to en "$tmp/x10.zh-en.tsv"
i=0
while [ $i -lt 10 ]; do cat "$tmp/unpc.zh-ru.tsv"; i=$((i + 1)); done >"$tmp/x10.zh-ru.tsv"
measure "10x devset zh-ru (longest text)" 40000 --from zh --to ru "$tmp/x10.zh-ru.tsv"
