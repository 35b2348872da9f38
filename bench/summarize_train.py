#!/usr/bin/env python3
"""Summarises the results file of bench/train-vs-pytorch.sh: images/s per side and mode (median and
range over the rounds) and issue 12's ratios (DJL fp32 / PyTorch fp32 >= 1.0; DJL fastest / PyTorch
fastest >= 0.9)."""
import json
import statistics
import sys

MODES = ("fp32", "fp32-cl", "bf16-autocast")
SIDES = ("pytorch", "djl")


def main(path):
    runs = {}
    failed = {}
    info = {}
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("failed"):
                failed.setdefault((r["side"], r["mode"]), 0)
                failed[(r["side"], r["mode"])] += 1
                continue
            res = r["result"]
            runs.setdefault((r["side"], res["mode"]), []).append(res["imagesPerSecond"])
            info[r["side"]] = res
    if not runs:
        sys.exit("summarize_train.py: no successful runs in " + path)

    medians = {k: statistics.median(v) for k, v in runs.items()}
    any_info = next(iter(info.values()))
    print()
    print("%s, batch %d, %d threads, %d warm-up + %d timed steps per run; data: %s"
          % (any_info["design"], any_info["batch"], any_info["threads"], any_info["warmup"], any_info["steps"],
             any_info["data"]))
    for side in SIDES:
        if side in info:
            extra = (" (torch %s)" % info[side]["torch"]) if "torch" in info[side] else ""
            print("  %-7s malloc %s%s" % (side, info[side]["allocator"], extra))
    print()
    print("%-14s %-8s %10s %19s %7s" % ("mode", "side", "img/s", "range", "rounds"))
    for mode in MODES:
        for side in SIDES:
            key = (side, mode)
            if key in runs:
                v = runs[key]
                print("%-14s %-8s %10.0f %9.0f - %7.0f %7d" % (mode, side, medians[key], min(v), max(v), len(v)))
            elif key in failed:
                print("%-14s %-8s %10s %19s %7d" % (mode, side, "failed", "", failed[key]))
    print()
    ratio("DJL fp32 / PyTorch fp32", medians.get(("djl", "fp32")), medians.get(("pytorch", "fp32")), 1.0)
    djl = [(medians[k], k[1]) for k in medians if k[0] == "djl"]
    torch = [(medians[k], k[1]) for k in medians if k[0] == "pytorch"]
    if djl and torch:
        best_djl, best_torch = max(djl), max(torch)
        ratio("DJL fastest (%s) / PyTorch fastest (%s)" % (best_djl[1], best_torch[1]), best_djl[0], best_torch[0], 0.9)
    for mode in MODES:
        if ("djl", mode) in medians and ("pytorch", mode) in medians:
            ratio("DJL %s / PyTorch %s" % (mode, mode), medians[("djl", mode)], medians[("pytorch", mode)], None)


def ratio(name, a, b, target):
    if a is None or b is None:
        print("%-64s n/a" % name)
        return
    r = a / b
    verdict = "" if target is None else ("  target >= %.1f: %s" % (target, "met" if r >= target else "NOT met"))
    print("%-64s %5.2f%s" % (name, r, verdict))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: summarize_train.py RESULTS.jsonl")
    main(sys.argv[1])
