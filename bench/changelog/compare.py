"""Checks that trainyard, git-cliff and JReleaser list the same commits for the benchmark range.

Usage: python3 compare.py WORKDIR  (reads the outputs run.sh saved there, prints Markdown)
"""
import json
import os
import re
import sys

work = sys.argv[1]


def trainyard(name):
    path = os.path.join(work, name)
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return None
    with open(path) as f:
        data = json.load(f)
    return {e["hash"] for e in data["entries"]}


def git_cliff():
    with open(os.path.join(work, "git-cliff.json")) as f:
        releases = json.load(f)
    return {c["id"] for r in releases for c in r["commits"]}


def jreleaser():
    with open(os.path.join(work, "jreleaser.md")) as f:
        return set(re.findall(r"^- ([0-9a-f]{40}) ", f.read(), re.M))


reference = trainyard("trainyard-core.json")
rows = [("trainyard core", reference), ("trainyard CLI", trainyard("trainyard-cli.json"))]
if os.path.exists(os.path.join(work, "trainyard-cli-25.json")):
    rows.append(("trainyard CLI, Java 25", trainyard("trainyard-cli-25.json")))
rows += [("git-cliff", git_cliff()), ("JReleaser", jreleaser())]
print("| tool | entries | same set as trainyard core |")
print("|---|---:|---|")
for name, entries in rows:
    if entries is None:
        print(f"| {name} | not run | - |")
        continue
    if entries == reference:
        verdict = "yes"
    else:
        verdict = f"no: {len(entries - reference)} extra, {len(reference - entries)} missing"
    print(f"| {name} | {len(entries)} | {verdict} |")

next_version = os.path.join(work, "trainyard-next-version.json")
if os.path.exists(next_version) and os.path.getsize(next_version) > 0:
    with open(next_version) as f:
        nv = json.load(f)
    print()
    print(f"`trainyard next-version --json` on the same repository: version `{nv.get('version')}`, tag "
          f"`{nv.get('tag')}`, previous tag `{nv.get('previousTag')}`, branch `{nv.get('branch')}` "
          "(the `-feature`, `-private` and `release-0.K` tags next to the trains were not taken for releases).")
