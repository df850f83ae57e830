#!/bin/sh
# Lookup latency: 2,000 lookups (glossary terms of every language, and random
# 2-6 character strings: pieces of units and letters that match nothing) in
# one process, then the same in 8 processes at once, on the store that
# bench/build.sh makes (devset + SDG + seed).
#   bench/lookup.sh [N]          (target: median <= 1 ms, p99 <= 10 ms)
# STORE=FILE uses another store.  Each lookup is timed alone, JSON included.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-2000}
prog=$here/bench/bench-lookup
[ -x "$prog" ] || make -C "$here" -s bench/bench-lookup
store=${STORE:-${OUT:-/tmp/hutong-bench-build}/hutong.db}
[ -r "$store" ] || sh "$here/bench/build.sh" >/dev/null
echo "store: $store"
echo "one process:"
"$prog" "$store" "$n" 1 | sed 's/^/  /'
echo "8 processes at once:"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for k in 1 2 3 4 5 6 7 8; do
	"$prog" "$store" "$n" "$k" >"$tmp/$k" &
done
wait
sed 's/^/  /' "$tmp"/[1-8]
awk '{ for (i = 1; i < NF; i++) { if ($i == "median") m[NR] = $(i + 1); if ($i == "p99") p[NR] = $(i + 1) } }
	END { mm = 0; pp = 0; for (k in m) { if (m[k] > mm) mm = m[k]; if (p[k] > pp) pp = p[k] }
	      printf "  worst of the 8: median %.3f ms, p99 %.3f ms\n", mm, pp }' "$tmp"/[1-8]
