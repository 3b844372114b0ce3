#!/usr/bin/env python3
"""Scores a verdict TSV (branch, status, how) against the generator's ground truth.

Usage: score.py TRUTH_JSON VERDICT_TSV  -> prints JSON {status_correct, how_correct, total, by_kind}
"""
import json
import sys

truth = json.load(open(sys.argv[1]))["branches"]
verdicts = {}
for line in open(sys.argv[2]):
    parts = line.rstrip("\n").split("\t")
    if len(parts) >= 2:
        verdicts[parts[0]] = (parts[1], parts[2] if len(parts) > 2 and parts[2] else None)
by_kind = {}
status_ok = how_ok = 0
for name, t in truth.items():
    got = verdicts.get(name, ("missing", None))
    s_ok = got[0] == t["status"]
    h_ok = s_ok and got[1] == t["how"]
    status_ok += s_ok
    how_ok += h_ok
    k = by_kind.setdefault(t["kind"], {"total": 0, "status_correct": 0, "wrong_as": {}})
    k["total"] += 1
    k["status_correct"] += s_ok
    if not s_ok:
        k["wrong_as"][got[0]] = k["wrong_as"].get(got[0], 0) + 1
print(json.dumps({"total": len(truth), "status_correct": status_ok, "how_correct": how_ok, "by_kind": by_kind},
                 sort_keys=True))
