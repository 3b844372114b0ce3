#!/usr/bin/env python3
"""Turns `trainyard merge-back --json` output (stdin) into the same TSV as plain-git.sh."""
import json
import sys

for ref in json.load(sys.stdin)["refs"]:
    name = ref["ref"].removeprefix("refs/heads/").removeprefix("refs/remotes/origin/")
    print(f"{name}\t{ref['status']}\t{ref['how'] or ''}")
