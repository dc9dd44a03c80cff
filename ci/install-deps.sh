#!/usr/bin/env bash
# Installs the Debian 12 packages slabref's build, tests, proofs, fuzzers,
# stress runs and benchmarks need, and only those that are missing.
set -euo pipefail

pkgs=(build-essential clang libclang-rt-14-dev llvm python3 valgrind
      frama-c-base why3 z3 cvc4 cvc5 afl++ spin
      qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross
      libjemalloc-dev libgoogle-perftools-dev libmimalloc-dev)

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "ci/install-deps.sh: installing ${missing[*]}"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
