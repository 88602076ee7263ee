#!/usr/bin/env bash
# Line coverage of the package's own sources after `swift test --enable-code-coverage`, and a floor that fails.
#
#   swift test --enable-code-coverage [--scratch-path DIR]
#   bash scripts/coverage.sh [--scratch-path DIR]         # COVERAGE_FLOOR=90 by default
#
# Prints llvm-cov's per-file report and the total; exits 1 below the floor, 2 if the test binary or profile is missing.
# Counted: the library targets (Sources/SystemZero*). Left out: test files, the executable target (its commands run as
# child processes of the CLI tests) and everything under a build folder (.build/, .build-*/: dependencies' checkouts).
set -euo pipefail
cd "$(dirname "$0")/.."

floor="${COVERAGE_FLOOR:-90}"
bin="$(swift build --show-bin-path "$@")"
xctest="$(find "$bin" -maxdepth 1 -name '*PackageTests.xctest' | head -n 1)"
profdata="$bin/codecov/default.profdata"
if [[ -z "$xctest" || ! -f "$profdata" ]]; then
    echo "coverage: no test binary or $profdata under $bin; run 'swift test --enable-code-coverage $*' first" >&2
    exit 2
fi
# On macOS the test bundle's binary is inside it.
if [[ -d "$xctest" ]]; then xctest="$xctest/Contents/MacOS/$(basename "$xctest" .xctest)"; fi

# The toolchain's llvm-cov reads the toolchain's profile format; a system llvm-cov may not.
llvm_cov="$(dirname "$(readlink -f "$(command -v swift)")")/llvm-cov"
if [[ ! -x "$llvm_cov" ]]; then llvm_cov="$(command -v llvm-cov || true)"; fi

report="$("$llvm_cov" report "$xctest" -instr-profile="$profdata" -ignore-filename-regex='(\.build[^/]*|Tests|Sources/systemzero)/')"
echo "$report"
# TOTAL line columns: regions, missed, cover, functions, missed, executed, lines, missed, cover, … → field 10.
total="$(awk '$1 == "TOTAL" { gsub("%", "", $10); print $10 }' <<<"$report")"
if [[ -z "$total" ]]; then
    echo "coverage: no TOTAL line in llvm-cov's report" >&2
    exit 2
fi
if awk -v t="$total" -v f="$floor" 'BEGIN { exit !(t + 0 < f + 0) }'; then
    echo "coverage: FAIL: line coverage ${total}% is below the floor of ${floor}%"
    exit 1
fi
echo "coverage: ok: line coverage ${total}% (floor ${floor}%)"
