#!/usr/bin/env python3
"""Draws time against tasks (log-log) per strategy from Google Benchmark JSON, as an SVG, and
prints a Markdown table of the medians (ns per task) with their ratios. Beside the chart it
draws stages.svg (the chart's directory), ns per task against tasks for each stage of the
pipeline: a flat line is a linear stage (issue 13: "every stage linear from 10k to 10M").

    python3 benchmarks/plot.py benchmarks/results benchmarks/chart.svg

Reads every *.json in the results directory (written with --benchmark_out_format=json). Uses the
median aggregate when the runs were repeated, else the single run; CPU time, except for the
benchmarks measured in wall time (their names end in /real_time or /manual_time). Python 3
standard library only.
"""
import json
import math
import pathlib
import sys

# The series drawn, in legend order: (benchmark family, label).
SERIES = [
    ("streaming/records", "streaming over compact records (floor)"),
    ("streaming/model", "streaming over the model's rows"),
    ("flat/sweep", "flat post-order sweep"),
    ("flat/from_model", "rollup_units (flat, from the model)"),
    ("parallel/tbb", "TBB by province + merge (wall)"),
    ("recursive", "recursive"),
    ("bgl/dfs", "Boost.Graph depth_first_search"),
    ("merge/34_partials", "merge of 34 province partials"),
    ("incremental/full_rebuild", "incremental engine, full build"),
    ("sqlite/cte_grouped", "SQLite recursive CTE, grouped first"),
    ("sqlite/cte_join", "SQLite recursive CTE, joined"),
]
# The stages of the pipeline, drawn per task: (benchmark family, label, per task). The
# incremental update is one update whatever N, so it is drawn per update: flat means O(1).
STAGES = [
    ("load/csv_dir", "load: CSV directory to model", True),
    ("flat/from_model", "rollup_units, from the model", True),
    ("flat/sweep", "flat post-order sweep", True),
    ("streaming/records", "streaming over compact records (floor)", True),
    ("schedule/ours_compile_and_run", "schedule: network compile + run", True),
    ("schedule/ours_run", "schedule: run (network compiled)", True),
    ("incremental/update", "one incremental update (per update)", False),
    ("series/52_weekly", "series of 52 weekly rollups", True),
    ("e2e/plangraph", "end to end: CSV to rollup CSV (wall)", True),
]
COLOURS = ["#7f7f7f", "#bcbd22", "#1f77b4", "#17becf", "#2ca02c", "#ff7f0e", "#d62728",
           "#9467bd", "#8c564b", "#e377c2", "#000000"]
UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def family_and_size(run_name):
    """'flat/sweep/1000000' -> ('flat/sweep', 1000000); suffixes like /real_time dropped."""
    parts = [p for p in run_name.split("/") if not p.endswith("_time") and not p.startswith("iterations:")]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].isdigit():
            return "/".join(parts[:i]), int(parts[i])
    return "/".join(parts), None


MEMORY = {}  # {family: {tasks: {counter: value}}} from the medians, for the memory table


def load(results_dir):
    """{family: {tasks: ns per iteration}} from the medians (or single runs)."""
    medians, singles = {}, {}
    for path in sorted(pathlib.Path(results_dir).glob("*.json")):
        doc = json.loads(path.read_text())
        if not isinstance(doc, dict) or "benchmarks" not in doc:
            continue  # not Google Benchmark's output (compile_cost.py writes compile.json here)
        for b in doc["benchmarks"]:
            if b.get("error_occurred"):
                continue
            name = b.get("run_name", b["name"])
            family, tasks = family_and_size(name)
            if tasks is None:
                continue
            wall = name.endswith("real_time") or name.endswith("manual_time")
            ns = b["real_time" if wall else "cpu_time"] * UNIT_NS[b.get("time_unit", "ns")]
            if b.get("run_type") == "aggregate":
                if b.get("aggregate_name") == "median":
                    medians.setdefault(family, {})[tasks] = ns
                    MEMORY.setdefault(family, {})[tasks] = {
                        k: b[k] for k in ("heap_peak_B_per_task", "model_B_per_task", "network_B_per_task",
                                          "sqlite_B_per_task", "bytes_per_second") if k in b}
            else:
                singles.setdefault(family, {}).setdefault(tasks, ns)
    for family, runs in singles.items():
        for tasks, ns in runs.items():
            medians.setdefault(family, {}).setdefault(tasks, ns)
    return medians


def svg(series, out_path, title, y_label, slope_guide):
    """A log-log chart: series is [(label, colour, {tasks: ns})]; slope_guide draws a slope-1
    line (cost proportional to N), for charts of total time."""
    width, height = 960, 600
    left, right, top, bottom = 80, 330, 40, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = [n for _, _, points in series for n in points]
    ys = [t for _, _, points in series for t in points.values()]
    x_lo, x_hi = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y_lo, y_hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    x_hi = max(x_hi, x_lo + 1)
    y_hi = max(y_hi, y_lo + 1)

    def px(n):
        return left + (math.log10(n) - x_lo) / (x_hi - x_lo) * plot_w

    def py(ns):
        return top + plot_h - (math.log10(ns) - y_lo) / (y_hi - y_lo) * plot_h

    def time_label(ns):
        for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3), ("ns", 1.0)):
            if ns >= scale:
                return f"{ns / scale:g} {unit}"
        return f"{ns:g} ns"

    def count_label(n):
        return {1e3: "1k", 1e4: "10k", 1e5: "100k", 1e6: "1M", 1e7: "10M", 1e8: "100M"}.get(n, f"{n:g}")

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="24" font-size="15">{title}</text>']
    for e in range(x_lo, x_hi + 1):
        x = px(10 ** e)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{count_label(10.0 ** e)}</text>')
    for e in range(y_lo, y_hi + 1):
        y = py(10 ** e)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{time_label(10.0 ** e)}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 18}" text-anchor="middle">tasks (N)</text>')
    out.append(f'<text transform="translate(18,{top + plot_h / 2}) rotate(-90)" text-anchor="middle">'
               f'{y_label}</text>')
    legend = [(label, colour, "") for label, colour, _ in series]
    if slope_guide:
        gx0, gx1 = 10 ** x_lo, 10 ** x_hi
        gy0 = 10 ** (y_lo + 0.3)
        gy1 = gy0 * gx1 / gx0
        if gy1 > 10 ** y_hi:
            gx1 = gx0 * 10 ** y_hi / gy0
            gy1 = 10 ** y_hi
        out.append(f'<line x1="{px(gx0):.1f}" y1="{py(gy0):.1f}" x2="{px(gx1):.1f}" y2="{py(gy1):.1f}" '
                   f'stroke="#999" stroke-dasharray="6,4"/>')
        legend.append(("slope 1 (cost ∝ N)", "#999", ' stroke-dasharray="6,4"'))
    for label, colour, points in series:
        points = sorted(points.items())
        path = " ".join(f"{px(n):.1f},{py(t):.1f}" for n, t in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for n, t in points:
            out.append(f'<circle cx="{px(n):.1f}" cy="{py(t):.1f}" r="3" fill="{colour}"/>')
    for i, (label, colour, dash) in enumerate(legend):
        ly = top + 10 + 20 * i
        lx = left + plot_w + 20
        out.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" stroke="{colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{lx + 30}" y="{ly + 4}">{label}</text>')
    out.append("</svg>")
    pathlib.Path(out_path).write_text("\n".join(out) + "\n")


def rollup_chart(data, out_path):
    series = [(label, c, data[f]) for (f, label), c in zip(SERIES, COLOURS) if f in data]
    svg(series, out_path, "Full rollup of the national model: time against tasks (log–log, medians)",
        "time per full rollup (CPU; TBB wall)", slope_guide=True)


def stages_chart(data, out_path):
    series = [(label, c, {n: t / n if per_task else t for n, t in data[f].items()})
              for (f, label, per_task), c in zip(STAGES, COLOURS) if f in data]
    if series:
        svg(series, out_path, "Every stage per task against tasks (log–log, medians): flat = linear",
            "ns per task (CPU; end to end wall)", slope_guide=False)


def table(data):
    """Markdown: ns per task for every family and size, then the ratios the targets name."""
    sizes = sorted({n for runs in data.values() for n in runs})
    lines = ["| benchmark | " + " | ".join(f"{n:,}" for n in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    for family in sorted(data):
        cells = []
        for n in sizes:
            t = data[family].get(n)
            cells.append("" if t is None else f"{t / n:.3g}" if not family.startswith("incremental/update")
                         and not family.startswith("incremental/model_setter") else f"{t:.0f} ns/update")
        lines.append(f"| `{family}` | " + " | ".join(cells) + " |")
    print("ns per task (medians):\n" + "\n".join(lines))

    def ratio(a, b, n):
        if n in data.get(a, {}) and n in data.get(b, {}):
            return data[a][n] / data[b][n]
        return None

    print("\nmemory (bytes per task; MB/s for loading):")
    for family in sorted(MEMORY):
        cells = []
        for n in sizes:
            counters = MEMORY[family].get(n)
            if counters:
                shown = ", ".join(f"{k.replace('_B_per_task', '')} {v / 1e6 if k == 'bytes_per_second' else v:.3g}"
                                  for k, v in counters.items())
                cells.append(f"{n:,}: {shown}")
        print(f"- `{family}`: " + "; ".join(cells))

    print("\nratios:")
    for a, b in [("flat/sweep", "streaming/records"), ("flat/from_model", "streaming/model"),
                 ("recursive", "flat/sweep"), ("bgl/dfs", "flat/sweep"), ("parallel/tbb", "flat/sweep"),
                 ("sqlite/cte_join", "sqlite/flat_sweep"), ("sqlite/cte_grouped", "sqlite/flat_sweep"),
                 ("sqlite/cte_join", "sqlite/flat_from_model"), ("sqlite/cte_grouped", "sqlite/flat_from_model"),
                 ("merge/34_partials", "merge/flat_rollup"),
                 ("incremental/full_recompute", "incremental/update"),
                 ("schedule/bgl_dag_shortest_paths", "schedule/ours_run"),
                 ("schedule/bgl_dag_shortest_paths", "schedule/ours_compile_and_run")]:
        cells = []
        for n in sizes:
            r = ratio(a, b, n)
            cells.append(f"{n:,}: {r:.3g}×" if r is not None else None)
        cells = [c for c in cells if c]
        if cells:
            print(f"- `{a}` / `{b}`: " + ", ".join(cells))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data = load(sys.argv[1])
    if not data:
        sys.exit(f"no benchmark results in {sys.argv[1]}")
    rollup_chart(data, sys.argv[2])
    stages_chart(data, pathlib.Path(sys.argv[2]).with_name("stages.svg"))
    table(data)


if __name__ == "__main__":
    main()
