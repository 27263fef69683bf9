#!/usr/bin/env python3
"""What the library's own code costs a user's compile (issue 13).

Compiles two translation units with each compiler, side by side, best of N runs (CPU time):
  umbrella  `#include <plangraph/plangraph.hpp>`, nothing else;
  base      every standard, Boost and system header the umbrella's own headers include
            (their `#include <...>` lines), nothing else.
The ratio umbrella / base is the library's cost over what it depends on (goal: <= 1.5).
Usage: benchmarks/compile_cost.py [--runs N] [--out FILE.json] [COMPILER ...]
(default compilers: g++ clang++; flags -std=c++20 -O0 -c, as a user's Debug build).
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE = os.path.join(HERE, "..", "include")
FLAGS = ["-std=c++20", "-O0", "-c", "-o", os.devnull]


def umbrella_headers(compiler):
    """The plangraph headers the umbrella pulls in, as paths under include/."""
    deps = subprocess.run([compiler, "-std=c++20", "-MM", "-I", INCLUDE,
                           os.path.join(INCLUDE, "plangraph", "plangraph.hpp")],
                          check=True, capture_output=True, text=True).stdout
    paths = deps.replace("\\\n", " ").split(":", 1)[1].split()
    return [p for p in paths if os.path.abspath(p).startswith(os.path.abspath(INCLUDE))]


def outside_includes(headers):
    """The `#include <...>` lines of those headers that name no plangraph header."""
    found = set()
    for h in headers:
        with open(h, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\s*#\s*include\s*<([^>]+)>", line)
                if m and not m.group(1).startswith("plangraph/"):
                    found.add(m.group(1))
    return sorted(found)


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def best_time(compiler, source, runs):
    """The compiler's CPU time (user + system), best of `runs`: on a shared machine, CPU time
    moves far less with the load than wall time does."""
    best = None
    for _ in range(runs):
        start = cpu_seconds()
        subprocess.run([compiler, *FLAGS, "-I", INCLUDE, source], check=True)
        elapsed = cpu_seconds() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out")
    ap.add_argument("compilers", nargs="*", default=["g++", "clang++"])
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        umbrella = os.path.join(tmp, "umbrella.cpp")
        base = os.path.join(tmp, "base.cpp")
        with open(umbrella, "w") as f:
            f.write("#include <plangraph/plangraph.hpp>\n")
        includes = outside_includes(umbrella_headers(args.compilers[0]))
        with open(base, "w") as f:
            f.writelines(f"#include <{h}>\n" for h in includes)
        for cc in args.compilers:
            u = best_time(cc, umbrella, args.runs)
            b = best_time(cc, base, args.runs)
            results.append({"compiler": cc, "umbrella_s": round(u, 3), "base_s": round(b, 3),
                            "ratio": round(u / b, 2), "outside_headers": len(includes)})
            print(f"{cc:10} umbrella {u:6.2f} s CPU   its {len(includes)} outside headers {b:6.2f} s   "
                  f"ratio {u / b:4.2f}", file=sys.stderr)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
