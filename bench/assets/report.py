#!/usr/bin/env python3
"""Turns the benchmark's results.tsv into bench/assets/RESULTS.md."""
import sys

path, files, tree_mb, runs, aws_version, rclone_version, java_version, cores = sys.argv[1:9]
load_before, load_after = (sys.argv[9:11] + ["?", "?"])[:2]
rows = {}
for line in open(path):
    tool, scenario, seconds, total, body, body_bytes, copies, heads, cpu = line.rstrip("\n").split("\t")
    rows[(tool, scenario)] = dict(s=float(seconds), total=int(total), body=int(body), bytes=int(body_bytes),
                                  copies=int(copies), heads=int(heads), cpu=float(cpu))
tools = [t for t in ("trainyard", "aws-cli", "rclone", "rclone-checksum") if (t, "a") in rows]
names = {"a": "(a) first upload", "b": "(b) re-run, every mtime new", "c": "(c) one file changed"}


def ratio(x, y):
    return "-" if y == 0 else f"{x / y:.2f}"


out = []
out.append("# upload-assets benchmark\n")
out.append(f"Tree: {files} files, {tree_mb} MB (4,950 icons of 1-50 KiB, 48 PDFs of 1-5 MiB, two 20 MiB files).")
out.append("Server: s3proxy 4.1.0 (in-memory store) on loopback behind trainyard's recording proxy, which")
out.append("counts every request; all tools go through the same proxy. Tools run with their defaults")
out.append("(trainyard 16 parallel requests, aws-cli 10, rclone 4 transfers / 8 checkers).")
out.append(f"Machine: {cores} cores (load average {load_before} before, {load_after} after);")
out.append(f"{java_version}; {aws_version}; {rclone_version}.")
out.append(f"Each row is the mean of {runs} hyperfine runs (request counts per run); (a) starts each run")
out.append("with a new empty bucket. Absolute times vary with the machine's load; the ratios are what to read.")
out.append("CPU s is the tool's own user + system time per run (the S3 server and the proxy share the same")
out.append("cores, so a tool's CPU per request slows everyone); it is steadier than wall time under load.\n")
out.append(f"Command: `{'' if runs == '3' else 'RUNS=' + runs + ' '}bench/assets/run.sh`\n")
out.append("| scenario | tool | wall s | CPU s | requests | body PUTs | body MB | copies | HEADs | time vs trainyard | requests vs trainyard |")
out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for scenario in "abc":
    base = rows.get(("trainyard", scenario))
    for tool in tools:
        r = rows[(tool, scenario)]
        out.append(f"| {names[scenario]} | {tool} | {r['s']:.2f} | {r['cpu']:.2f} | {r['total']} | {r['body']} | {r['bytes'] / 1e6:.1f} | "
                   f"{r['copies']} | {r['heads']} | {ratio(r['s'], base['s'])} | {ratio(r['total'], base['total'])} |")
out.append("")
t = {k: v for k, v in rows.items() if k[0] == "trainyard"}
aws = {k[1]: v for k, v in rows.items() if k[0] == "aws-cli"}
rcl = {k[1]: v for k, v in rows.items() if k[0] == "rclone"}
out.append("## Targets (issue 5)\n")
a, b, c = t[("trainyard", "a")], t[("trainyard", "b")], t[("trainyard", "c")]
if aws and rcl:
    ok_a = a["s"] <= rcl["a"]["s"] and a["s"] <= 0.5 * aws["a"]["s"]
    out.append(f"- (a) at most rclone's time and half of aws-cli's: trainyard {a['s']:.2f} s, rclone {rcl['a']['s']:.2f} s, "
               f"aws-cli {aws['a']['s']:.2f} s (ratio to aws-cli {a['s'] / aws['a']['s']:.2f}): **{'met' if ok_a else 'NOT met'}**")
    ok_b = b["body"] == 0 and b["bytes"] == 0 and b["s"] <= 0.3 * aws["b"]["s"]
    out.append(f"- (b) zero bodies and at most 0.3 of aws-cli's time: {b['body']} body PUTs, {b['bytes']} bytes, "
               f"ratio to aws-cli {b['s'] / aws['b']['s']:.2f}: **{'met' if ok_b else 'NOT met'}**")
    ok_c = c["body"] == 1
    out.append(f"- (c) exactly one PUT: {c['body']} body PUT(s): **{'met' if ok_c else 'NOT met'}**")
print("\n".join(out))
