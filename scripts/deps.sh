#!/usr/bin/env bash
# Installs with apt-get whatever tide needs and is missing.
#   scripts/deps.sh build   what building and the demo need
#   scripts/deps.sh test    that, plus the PostgreSQL server and test tools
#   scripts/deps.sh fuzz    that, plus clang and its libFuzzer (make fuzz only:
#                           make test replays the fuzz corpora with gcc)
set -euo pipefail

build_pkgs=(gcc make cmake pkg-config lua5.4 liblua5.4-dev lua-cjson libsqlite3-dev sqlite3 libpq-dev nettle-dev)
test_pkgs=(postgresql pgbouncer libcmocka-dev lua-busted valgrind luarocks graphviz)
fuzz_pkgs=(clang libclang-rt-14-dev)

want=("${build_pkgs[@]}")
case "${1:-build}" in
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  fuzz) want+=("${test_pkgs[@]}" "${fuzz_pkgs[@]}") ;;
  *) echo "deps: build, test or fuzz, not '$1'" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "deps: missing packages ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
