#!/usr/bin/env bash
# Bounded fuzzing: fuzz/run.sh [RUNS] (default 20000 inputs, what a developer runs before
# landing; CI runs 5000 to stay within its ten minutes). Run from anywhere.
#
# CI runs a fixed number of inputs from a fixed seed with a fixed hash seed, so
# the same code fuzzes the same way on every machine: CI fails on a crash that a
# developer can reproduce, never on a lucky mutation. To explore further, run
# longer with other seeds, for example:
#     .venv/bin/python fuzz/fuzz_readmelint.py -max_total_time=3600 -seed=7 CORPUS fuzz/seeds
#
# Starts from the seeds in fuzz/seeds (never modified); new inputs go to a
# throw-away folder. A crash stops the run with a non-zero exit and leaves the
# input in fuzz/crashes/, to be added to tests/test_contract.py.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20000}"
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
mkdir -p fuzz/crashes

# -seed and PYTHONHASHSEED: the same mutations and the same coverage for the same
# code; -timeout: one input may take 10 s; -rss_limit_mb: a memory blow-up is a
# crash too.
PYTHONHASHSEED=0 .venv/bin/python fuzz/fuzz_readmelint.py \
    -runs="$runs" -seed=20240219 -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix=fuzz/crashes/ \
    "$corpus" fuzz/seeds
