#!/usr/bin/env bash
# Bounded fuzzing for CI: fuzz/run.sh [SECONDS] (default 60). Run from anywhere.
#
# Starts from the seeds in fuzz/seeds (never modified); new inputs go to a
# throw-away folder. A crash stops the run with a non-zero exit and leaves the
# input in fuzz/crashes/, to be added to tests/test_fuzz_regressions.py.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
mkdir -p fuzz/crashes

# -seed: the same mutations for the same code; -timeout: one input may take 10 s;
# -rss_limit_mb: a memory blow-up is a crash too. Log noise stays in the log.
.venv/bin/python fuzz/fuzz_readmelint.py \
    -max_total_time="$seconds" -seed=20240219 -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix=fuzz/crashes/ \
    "$corpus" fuzz/seeds
