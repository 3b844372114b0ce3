#!/usr/bin/env python3
"""Turns bench/assets/run.sh's times and counts into bench/assets/RESULTS.md and the doc rows."""
import argparse
import statistics
from collections import defaultdict

p = argparse.ArgumentParser()
for name in ("command", "times", "counts", "files", "tree-mb", "rounds", "wan-rounds", "rtt", "mbit", "load-before", "load-after",
             "elapsed", "cores", "commit", "versions", "results", "doc-rows"):
    p.add_argument("--" + name, required=True)
p.add_argument("--partial", action="store_true")
a = p.parse_args()

TOOLS = ["trainyard", "aws-cli", "rclone", "rclone-checksum"]
TOOL_NAMES = {"trainyard": "trainyard", "aws-cli": "aws s3 sync", "rclone": "rclone sync",
              "rclone-checksum": "rclone sync --checksum"}
SCENARIOS = {"a": "(a) first upload", "b": "(b) no-op, every mtime new", "c": "(c) one file changed"}
NETWORKS = {"direct": "straight to s3proxy on loopback",
            "zero": "through the delay proxy, no delay (the proxy's own cost)",
            "wan": f"through the delay proxy: {a.rtt} ms round trip, {a.mbit} Mbit/s each way"}

runs = defaultdict(list)      # (net, scen, tool) -> [(wall, cpu, load)] measured rounds
warmup = {}                   # (net, scen, tool) -> (wall, cpu, load)
for line in open(a.times):
    net, scen, tool, rnd, wall, cpu, load = line.rstrip("\n").split("\t")
    row = (float(wall), float(cpu), float(load))
    if rnd == "0":
        warmup[(net, scen, tool)] = row
    else:
        runs[(net, scen, tool)].append(row)
counts = defaultdict(dict)    # (tool, scen) -> {op: n}
for line in open(a.counts):
    tool, scen, op, n = line.rstrip("\n").split("\t")
    counts[(tool, scen)][op] = int(n)

nets = [n for n in NETWORKS if any(k[0] == n for k in runs)]
tools = [t for t in TOOLS if any(k[2] == t for k in runs)]
scens = [s for s in SCENARIOS if any(k[1] == s for k in runs)]


def med(key, i):
    values = [r[i] for r in runs.get(key, [])]
    return statistics.median(values) if values else None


def fmt(x, digits=2):
    return "-" if x is None else f"{x:.{digits}f}"


def ratio(x, y):
    return "-" if x is None or not y else f"{x / y:.2f}"


def spread(key):
    values = [r[0] for r in runs.get(key, [])]
    return f"{min(values):.2f}-{max(values):.2f}" if len(values) > 1 else "-"


out = ["# upload-assets benchmark", ""]
out.append(f"Tree: {a.files} files, {a.tree_mb} MB (icons of 1-50 KiB, PDFs of 1-5 MiB, two 20 MiB files),")
out.append("made by `bench/assets/make_tree.py`. Server: s3proxy 4.1.0, in-memory store, on loopback. Every tool")
out.append("with its defaults (trainyard 16 parallel requests, aws-cli 10, rclone 4 transfers and 8 checkers).")
out.append("")
out.append(f"Command: `{a.command}`{' (a partial run: see the tables)' if a.partial else ''};")
out.append(f"a warm-up round (every tool once, {nets[0] if nets else '-'}), then {a.rounds} measured rounds, interleaved (each round runs")
out.append("every network and tool once, the tools in an order rotated per round); zero runs only in the measured")
out.append(f"rounds and wan only in the first {a.wan_rounds} of them. {a.elapsed} s in all. trainyard {a.commit}; {a.versions}.")
out.append(f"Machine: {a.cores} cores, load average {a.load_before} before and {a.load_after} after the run.")
out.append("")
out.append("Wall and CPU are medians of the measured rounds; CPU is the tool's own user + system time (child")
out.append("processes included), steadier than wall time when the machine is shared. \"load\" is the median")
out.append("1-minute load average when the runs started (the server and proxy add their own load during a")
out.append("run). The warm-up column is round 0, kept out of the medians: the server's JIT warms up in it.")
out.append("")
for net in nets:
    out.append(f"## {net}: {NETWORKS[net]}")
    out.append("")
    out.append("| scenario | tool | runs | wall s | range | CPU s | load | warm-up wall s | wall vs trainyard |")
    out.append("|---|---|---:|---:|---|---:|---:|---:|---:|")
    for scen in scens:
        base = med((net, scen, "trainyard"), 0)
        for tool in tools:
            key = (net, scen, tool)
            if key not in runs:
                continue
            w = warmup.get(key)
            out.append(f"| {SCENARIOS[scen]} | {TOOL_NAMES[tool]} | {len(runs[key])} | {fmt(med(key, 0))} | {spread(key)} | {fmt(med(key, 1))} | "
                       f"{fmt(med(key, 2), 1)} | {fmt(w[0]) if w else '-'} | {ratio(med(key, 0), base)} |")
    out.append("")

if "zero" in nets and "direct" in nets:
    out.append("## The delay proxy's own cost")
    out.append("")
    out.append("The same runs through the proxy with no delay and no cap, against straight to the server: what")
    out.append("the proxy adds by itself (forwarding every byte through two more sockets and two threads per")
    out.append("direction). The wan rows include this cost.")
    out.append("")
    out.append("| scenario | tool | direct wall s | zero-delay wall s | added s | added % |")
    out.append("|---|---|---:|---:|---:|---:|")
    for scen in scens:
        for tool in tools:
            d, z = med(("direct", scen, tool), 0), med(("zero", scen, tool), 0)
            if d is None or z is None:
                continue
            out.append(f"| {SCENARIOS[scen]} | {TOOL_NAMES[tool]} | {d:.2f} | {z:.2f} | {z - d:+.2f} | {100 * (z - d) / d:+.0f} % |")
    out.append("")

if counts:
    out.append("## Requests (separate untimed pass through the recording proxy)")
    out.append("")
    out.append("| scenario | tool | requests | body PUTs | body MB | copies | HEADs | lists | GETs |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for scen in SCENARIOS:
        for tool in TOOLS:
            c = counts.get((tool, scen))
            if not c:
                continue
            bodies = c.get("PutObject", 0) + c.get("UploadPart", 0)
            out.append(f"| {SCENARIOS[scen]} | {TOOL_NAMES[tool]} | {c.get('TOTAL', 0)} | {bodies} | "
                       f"{c.get('BODY_BYTES', 0) / 1e6:.1f} | {c.get('CopyObject', 0)} | {c.get('HeadObject', 0)} | "
                       f"{c.get('ListObjectsV2', 0) + c.get('ListObjects', 0)} | {c.get('GetObject', 0)} |")
    out.append("")

# Targets of issue 15 (benchmarks, not tests).
targets = []


def check(label, ok, detail):
    targets.append(f"- {label}: {detail}: **{'met' if ok else 'NOT met'}**")


def m(net, scen, tool):
    return med((net, scen, tool), 0)


if all(m("direct", "a", t) for t in ("trainyard", "rclone")):
    t, r = m("direct", "a", "trainyard"), m("direct", "a", "rclone")
    check("loopback first upload at most rclone's time", t <= r, f"trainyard {t:.2f} s, rclone {r:.2f} s ({t / r:.2f}x)")
if all(m("direct", "b", t) for t in ("trainyard", "rclone-checksum")):
    t, r = m("direct", "b", "trainyard"), m("direct", "b", "rclone-checksum")
    check("loopback no-op after a fresh checkout at most `rclone sync --checksum`'s time", t <= r,
          f"trainyard {t:.2f} s, rclone --checksum {r:.2f} s ({t / r:.2f}x)")
if all(m("wan", "a", t) for t in ("trainyard", "rclone", "aws-cli")):
    t, r, w = m("wan", "a", "trainyard"), m("wan", "a", "rclone"), m("wan", "a", "aws-cli")
    check(f"{a.rtt} ms round trip: first upload at most half of rclone's default time and below aws-cli's",
          t <= 0.5 * r and t < w, f"trainyard {t:.2f} s, rclone {r:.2f} s ({t / r:.2f}x), aws-cli {w:.2f} s ({t / w:.2f}x)")
if targets:
    out.append("## Targets (issue 15)")
    out.append("")
    out.extend(targets)
    out.append("")
open(a.results, "w").write("\n".join(out))

# The rows docs/benchmarks.md shows: wall (CPU) per tool and scenario, per network, and the targets.
doc = []
doc.append(f"One run of `{a.command}` (medians of {a.rounds} interleaved rounds after a warm-up")
doc.append(f"round, wan {a.wan_rounds}; load average {a.load_before} before, {a.load_after} after; {a.elapsed} s). Wall time, the tool's CPU")
doc.append("time in brackets. Details, ranges, the warm-up round and the proxy's own cost:")
doc.append("[bench/assets/RESULTS.md](../bench/assets/RESULTS.md).")
doc.append("")
header = "| network | scenario | " + " | ".join(TOOL_NAMES[t] for t in tools) + " |"
doc.append(header)
doc.append("|---|---|" + "---:|" * len(tools))
for net in nets:
    for scen in scens:
        cells = []
        for tool in tools:
            w, c = med((net, scen, tool), 0), med((net, scen, tool), 1)
            cells.append("-" if w is None else f"{w:.2f} s ({c:.2f})")
        doc.append(f"| {net} | {SCENARIOS[scen]} | " + " | ".join(cells) + " |")
doc.append("")
doc.append(f"direct = straight to s3proxy on loopback; zero = through bench/lib/DelayProxy.java with no delay (its own")
doc.append(f"cost); wan = through it with a {a.rtt} ms round trip and {a.mbit} Mbit/s each way.")
if counts:
    c = counts.get(("trainyard", "b"), {})
    k = counts.get(("rclone-checksum", "b"), {})
    doc.append(f"Requests (untimed pass): no-op re-run trainyard {c.get('TOTAL', '?')}, rclone --checksum {k.get('TOTAL', '?')}, "
               f"rclone {counts.get(('rclone', 'b'), {}).get('TOTAL', '?')}, aws-cli {counts.get(('aws-cli', 'b'), {}).get('TOTAL', '?')} "
               f"(aws-cli re-uploads every file whose mtime is newer).")
doc.append("")
doc.extend(targets)
open(a.doc_rows, "w").write("\n".join(doc) + "\n")
