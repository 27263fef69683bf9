#!/usr/bin/env python3
"""The before/after table of compare.sh: for every benchmark, the median time of each side
(CPU time; wall time where the benchmark measures wall time), after / before, and the memory
counters. Standard library only.
    python3 benchmarks/compare.py OUT_DIR   (OUT_DIR/before/*.json, OUT_DIR/after/*.json)"""
import json
import pathlib
import sys

SCALE = {'ns': 1, 'us': 1e3, 'ms': 1e6, 's': 1e9}
MEMORY = ('model_B_per_task', 'heap_peak_B_per_task')


def medians(side_dir):
    rows = {}
    for f in sorted(side_dir.glob('*.json')):
        for b in json.loads(f.read_text()).get('benchmarks', []):
            if b.get('aggregate_name') == 'median':
                # bench_load measures process CPU time after the change (its second thread):
                # the same benchmark under both names.
                rows[b['run_name'].replace('/process_time', '')] = b
    return rows


def seconds(b):
    wall = '/real_time' in b['run_name'] or 'manual_time' in b['run_name']
    return b['real_time' if wall else 'cpu_time'] * SCALE[b.get('time_unit', 'ns')]


def text(ns):
    for unit, size in (('s', 1e9), ('ms', 1e6), ('µs', 1e3)):
        if ns >= size:
            return f'{ns / size:.3g} {unit}'
    return f'{ns:.3g} ns'


def memory(b, a):
    out = []
    for k in MEMORY:
        if k in b or k in a:
            out.append(f"{k} {b.get(k, float('nan')):.1f} → {a.get(k, float('nan')):.1f}")
    return '; '.join(out)


def main(out):
    before, after = medians(out / 'before'), medians(out / 'after')
    print('| benchmark | before | after | after / before | memory |')
    print('|---|---|---|---|---|')
    for name, b in before.items():
        a = after.get(name)
        if a is None:
            print(f'| `{name}` | {text(seconds(b))} | – | – | |')
            continue
        print(f'| `{name}` | {text(seconds(b))} | {text(seconds(a))} | {seconds(a) / seconds(b):.2f} | {memory(b, a)} |')


if __name__ == '__main__':
    main(pathlib.Path(sys.argv[1]))
