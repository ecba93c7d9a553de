#!/usr/bin/env bash
# Builds ramguard and the benchmarks in release mode and prints every figure of BENCHMARKS.md.
# Usage: Benchmarks/run.sh [--quick]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
(cd "$root" && swift build -c release --product ramguard >/dev/null)
(cd "$here" && swift build -c release >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)"
"$(cd "$here" && swift build -c release --show-bin-path)/RamguardBenchmarks" --ramguard "$bin/ramguard" "$@"
