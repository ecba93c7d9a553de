#!/usr/bin/env bash
# Builds ramguard and the benchmarks in release mode and prints every figure of BENCHMARKS.md.
# Usage: Benchmarks/run.sh [--quick]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
# SwiftPM can keep a stale build description when files were added to the path dependency.
rm -f "$here"/.build/*/release/description.json "$root"/.build/*/release/description.json
(cd "$root" && swift build -c release --product ramguard >/dev/null)
(cd "$here" && swift build -c release >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)"
"$(cd "$here" && swift build -c release --show-bin-path)/RamguardBenchmarks" --ramguard "$bin/ramguard" "$@"
