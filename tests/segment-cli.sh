#!/bin/sh
# `hutong segment` from the command line: input modes, formats, exit codes
# and messages on bad input (invalid UTF-8, binary, empty, UTF-16, a 10 MB
# line, misuse, unwritable output).
set -u
: "${HUTONG:=./hutong}" "${HT_SRCDIR:=.}"
seed="$HT_SRCDIR/corpora/A_RES_76_295.zh.txt"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }

# run EXPECTED_EXIT ARGS...: output in $tmp/out, stderr in $tmp/err
run() {
	want=$1
	shift
	"$HUTONG" segment "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || { bad "segment $*: exit $got, wanted $want; stderr: $(cat "$tmp/err")"; return 1; }
	return 0
}
has() { grep -qF -- "$2" "$1" || { bad "$1 lacks '$2'"; return 1; }; }
hasnt() { ! grep -qF -- "$2" "$1" || { bad "$1 has '$2'"; return 1; }; }

# --- formats on the seed
run 0 "$seed" --format text && has "$tmp/out" "[p6] title  label 76/295." &&
	has "$tmp/out" "[fn4] footnote  label 4" && has "$tmp/out" "notes 2" &&
	has "$tmp/out" "https://undocs.org/ch/A/75/948  -> A/75/948" &&
	has "$tmp/out" "dropped (3 pieces" && has "$tmp/out" "37 paragraphs, 4 footnotes, 7 links" &&
	ok "text format shows kinds, labels, notes, footnotes, links and drops"
run 0 "$seed" --format lines && {
	# 41 paragraphs of one sentence each (placeholder splitter) or more
	[ "$(grep -c . "$tmp/out")" -ge 41 ] || bad "lines: too few sentences"
	hasnt "$tmp/out" "76/295." && hasnt "$tmp/out" "{" && ok "lines format"
	head -1 "$tmp/out" | grep -qx "第七十六届会议" || bad "lines: first line"
	sed -n 2p "$tmp/out" | grep -qx "" || bad "lines: no empty line between paragraphs"
}
run 0 "$seed" && {
	[ "$(grep -c '"id":' "$tmp/out")" -eq 41 ] || bad "jsonl: 41 paragraph objects expected"
	tail -1 "$tmp/out" | grep -q '^{"document":' || bad "jsonl: last object describes the document"
	has "$tmp/out" '"label":"17."' && ok "jsonl format"
}
"$HUTONG" segment "$seed" >"$tmp/stdout.jsonl" 2>/dev/null
run 0 "$seed" -o "$tmp/seed.jsonl" && [ ! -s "$tmp/out" ] && cmp -s "$tmp/seed.jsonl" "$tmp/stdout.jsonl" &&
	ok "-o writes the same output to a file" || bad "-o output differs"

# --- input modes
printf '1. First sentence. Second sentence.\n\n三、第二段。\n(a) Item one.\n76/295. Title\n' >"$tmp/lines.txt"
run 0 "$tmp/lines.txt" --input lines --lang en && {
	has "$tmp/out" '"label":"1.","text":"First sentence. Second sentence.","notes":[],"sentences":["First sentence. Second sentence."]}'
	has "$tmp/out" '"label":"三、","text":"第二段。"'
	has "$tmp/out" '"label":"(a)","text":"Item one."'
	has "$tmp/out" '"input":"lines","paragraphs":4' && ok "--input lines: one sentence a line, labels out"
}
run 0 "$tmp/lines.txt" --input lines --lang en --format lines &&
	[ "$(cat "$tmp/out")" = "$(printf 'First sentence. Second sentence.\n第二段。\nItem one.\nTitle')" ] &&
	ok "--input lines --format lines gives the lines back without labels" || bad "lines round trip: $(cat "$tmp/out")"
run 0 "$tmp/lines.txt" --input paragraphs --lang en && has "$tmp/out" '"input":"paragraphs","paragraphs":4' &&
	ok "--input paragraphs"
printf 'A sentence that ends.\nAnother one here.\nAnd a third.\n' | "$HUTONG" segment - --lang en >"$tmp/out" 2>"$tmp/err"
has "$tmp/out" '"input":"paragraphs","paragraphs":3' && has "$tmp/err" "read as paragraphs" &&
	ok "auto reads one paragraph a line as paragraphs"

# --- language
run 0 "$seed" --lang zh && has "$tmp/out" '"lang":"zh","lang_source":"option"' && ok "--lang"
run 2 "$seed" --lang 'z!' && has "$tmp/err" "hutong: " && ok "bad --lang is misuse"
cp "$seed" "$tmp/doc.txt"
run 0 "$tmp/doc.txt" && has "$tmp/err" "language" && has "$tmp/out" '"lang_source":"detected"' &&
	ok "detected language is noted on stderr"

# --- bad input
printf 'abc\n\377def\n' >"$tmp/bad.txt"
run 3 "$tmp/bad.txt" && [ "$(cat "$tmp/err")" = "hutong: $tmp/bad.txt: byte 4: invalid UTF-8" ] &&
	ok "invalid UTF-8: exit 3 and the byte" || bad "invalid UTF-8 message: $(cat "$tmp/err")"
run 0 "$tmp/bad.txt" --repair --input lines && has "$tmp/err" "repaired 1 invalid UTF-8 byte" &&
	has "$tmp/out" '"text":"�def"' && ok "--repair"
: >"$tmp/empty.txt"
run 0 "$tmp/empty.txt" && [ "$(grep -c '"id":' "$tmp/out")" -eq 0 ] && has "$tmp/out" '"paragraphs":0' &&
	ok "empty file: no paragraphs, exit 0"
printf '\177ELF\002\001\001\000\000\000\003\000>\000\001\000\000\000\220\377\300\n' >"$tmp/binary"
run 3 "$tmp/binary" && has "$tmp/err" "invalid UTF-8" && ok "binary file: exit 3"
run 0 "$tmp/binary" --repair --format text && has "$tmp/err" "repaired" && ok "binary file with --repair"
printf '\377\376\055\116\001\116\n\000' >"$tmp/utf16.txt" # UTF-16LE 中丁
run 0 "$tmp/utf16.txt" --input lines && has "$tmp/out" '"text":"中丁"' && ok "UTF-16 with a BOM"
printf '\357\273\2771. Line one.\r\nLine two.\r\n' >"$tmp/crlf.txt"
run 0 "$tmp/crlf.txt" --input lines && has "$tmp/out" '"label":"1.","text":"Line one."' &&
	hasnt "$tmp/out" '\r' && ok "BOM dropped, CRLF accepted"
# a 10 MB line: no crash, no hang, every byte kept
awk 'BEGIN { s = "word "; for (i = 0; i < 21; i++) s = s s; printf "%s\n", s }' >"$tmp/long.txt"
run 0 "$tmp/long.txt" --format lines --lang en && [ "$(wc -c <"$tmp/out")" -ge 10000000 ] &&
	ok "10 MB line" || bad "10 MB line output: $(wc -c <"$tmp/out")"

# --- misuse and I/O
run 2 && has "$tmp/err" "which file" && ok "no file is misuse"
run 2 "$seed" --format xml && has "$tmp/err" "invalid --format 'xml'" && ok "bad format"
run 2 "$seed" --input pdf && has "$tmp/err" "invalid --input 'pdf'" && ok "bad input mode"
run 2 "$seed" --bogus && has "$tmp/err" "unknown option" && ok "unknown option"
run 2 "$seed" "$seed" && ok "two files are misuse"
run 4 "$tmp/missing.txt" && has "$tmp/err" "missing.txt" && ok "missing file: exit 4"
run 4 "$seed" -o "$tmp/no/such/dir/out.jsonl" && ok "unwritable output: exit 4"
"$HUTONG" segment --help >"$tmp/out" 2>&1 && has "$tmp/out" "usage: hutong segment" && ok "--help"
exit $fail
