#!/usr/bin/env bash
# Fuzz further than CI does: fuzz/hunt.sh HASHSEED ... (for example `fuzz/hunt.sh $(seq 1 20)`).
#
# CI's run (fuzz/run.sh) always uses hash seed 0. Python's hash seed changes the
# coverage atheris sees (set and dict order), so the same -seed explores other
# inputs under another hash seed: a cheap way to search wider while each run stays
# replayable. 26,000 inputs per hash seed, about two minutes each; crashes land in
# fuzz/crashes/h<SEED>-crash-<sha1>. Shrink one with fuzz/minimize.py, then add it to
# tests/test_contract.py.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/crashes
for hash_seed in "$@"; do
    corpus="$(mktemp -d)"
    PYTHONHASHSEED="$hash_seed" .venv/bin/python fuzz/fuzz_readmelint.py \
        -runs=26000 -seed=20240219 -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -artifact_prefix="fuzz/crashes/h$hash_seed-" "$corpus" fuzz/seeds \
        > "fuzz/crashes/h$hash_seed.log" 2>&1
    echo "hash seed $hash_seed: exit $? (log: fuzz/crashes/h$hash_seed.log)"
    rm -rf "$corpus"
done
