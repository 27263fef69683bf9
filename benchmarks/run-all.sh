#!/usr/bin/env bash
# Runs every benchmark executable at the default sizes, writing Google Benchmark JSON into
# benchmarks/results/, then draws benchmarks/chart.svg and benchmarks/stages.svg. Usage:
# benchmarks/run-all.sh BUILD_DIR (a Release build with the bench_* targets built). Extra
# arguments go to every executable; PLANGRAPH_BENCH_LARGEST=10000000 in the environment takes
# the executables that stop at 1M up to 10M (README.md, "Commands").
# Last, compile_cost.py: the umbrella header's compile time against its own outside includes.
set -euo pipefail
build=${1:?usage: benchmarks/run-all.sh BUILD_DIR [benchmark options]}
shift
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/results"
start=$(date +%s)
for name in rollup incremental sqlite merge schedule load series end_to_end; do
  t0=$(date +%s)
  "$build/benchmarks/$name/bench_$name" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true --benchmark_min_time=0.2 \
    --benchmark_out="$here/results/$name.json" --benchmark_out_format=json "$@"
  echo "bench_$name: $(( $(date +%s) - t0 )) s" >&2
done
t0=$(date +%s)
python3 "$here/compile_cost.py" --out "$here/results/compile.json"
echo "compile_cost: $(( $(date +%s) - t0 )) s" >&2
echo "whole suite: $(( $(date +%s) - start )) s" >&2
python3 "$here/plot.py" "$here/results" "$here/chart.svg"
