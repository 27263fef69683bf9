#!/usr/bin/env bash
# Before and after, side by side: every executable of run-all.sh (and bench_dated) from two
# Release builds, the old one then the new one back to back, with run-all.sh's flags, so both
# columns see the same machine state. Then compare.py prints the table.
#   benchmarks/compare.sh BEFORE_BUILD_DIR AFTER_BUILD_DIR OUT_DIR
# BENCH_NAMES="rollup incremental" narrows it to those executables.
set -euo pipefail
before=${1:?usage: benchmarks/compare.sh BEFORE_BUILD_DIR AFTER_BUILD_DIR OUT_DIR}
after=${2:?}; out=${3:?}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/before" "$out/after"
for name in ${BENCH_NAMES:-rollup incremental sqlite merge schedule load series end_to_end dated}; do
  for side in before after; do
    if [ "$side" = before ]; then build=$before; else build=$after; fi
    t0=$(date +%s)
    "$build/benchmarks/$name/bench_$name" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
      --benchmark_min_time=0.2 --benchmark_out="$out/$side/$name.json" --benchmark_out_format=json >/dev/null
    echo "$side bench_$name: $(( $(date +%s) - t0 )) s" >&2
  done
done
python3 "$here/compare.py" "$out" > "$out/table.md"
echo "table: $out/table.md" >&2
