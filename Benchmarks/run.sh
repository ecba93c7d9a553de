#!/usr/bin/env bash
# Builds ramguard and the benchmarks in release mode and prints every figure of BENCHMARKS.md, then the
# SubmitWorkflowJob submission figures (SubmitBenchmarks).
# Usage: Benchmarks/run.sh [--quick]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
# SwiftPM can keep a stale build description when files were added to the path dependency.
rm -f "$here"/.build/*/release/description.json "$root"/.build/*/release/description.json
"$root/scripts/ensure-deps"
# The binary users get from scripts/example: static Swift runtime (see BENCHMARKS.md, one check).
static=(-c release --static-swift-stdlib)
(cd "$root" && swift build "${static[@]}" --product ramguard >/dev/null && swift build "${static[@]}" --product ramguard-cloud >/dev/null)
(cd "$here" && swift build -c release >/dev/null)
bin="$(cd "$root" && swift build "${static[@]}" --show-bin-path)"
benchbin="$(cd "$here" && swift build -c release --show-bin-path)"
"$benchbin/RamguardBenchmarks" --ramguard "$bin/ramguard" "$@"
# Signed SubmitWorkflowJob submissions/s against the emulator over loopback (only --quick is passed on:
# the other options of RamguardBenchmarks, such as --only, name its own sections).
submit_args=()
for arg in "$@"; do
    if [ "$arg" = "--quick" ]; then submit_args+=(--quick); fi
done
echo
"$benchbin/SubmitBenchmarks" --ramguard "$bin/ramguard" ${submit_args[@]+"${submit_args[@]}"}
