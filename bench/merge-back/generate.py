#!/usr/bin/env python3
"""Writes a git fast-import stream for a release-heavy repository, plus its ground truth.

Usage: generate.py STREAM_FILE TRUTH_FILE [TOTAL_COMMITS] [RELEASE_BRANCHES]

Main is a long history of one-line edits across a 2,000-file tree. Release branches are cut from
main along the way, get 1-4 commits of their own, and later reach main (or not) in one of these
ways, which is the ground truth the benchmark scores against:

  merge        a merge commit on main                          merged / ancestry
  ff           the branch never moved past a main commit      merged / ancestry
  cherry-pick  each branch commit re-applied on main          merged / cherry-pick
  squash       one main commit with the branch's whole change merged / squash
  resolved     a squash whose conflicts were resolved: the    merged / squash
               branch's change plus extra lines in its files
  partial      all but the last branch commit cherry-picked   partial
  unmerged     nothing                                        unmerged
"""
import json
import random
import sys

STREAM, TRUTH = sys.argv[1], sys.argv[2]
TOTAL = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
BRANCHES = int(sys.argv[4]) if len(sys.argv) > 4 else 300
FILES = 2000
LINES = 30
MIX = [("merge", 20), ("ff", 10), ("cherry-pick", 20), ("squash", 20), ("resolved", 7), ("partial", 13), ("unmerged", 10)]
EXPECTED = {
    "merge": ("merged", "ancestry"), "ff": ("merged", "ancestry"), "cherry-pick": ("merged", "cherry-pick"),
    "squash": ("merged", "squash"), "resolved": ("merged", "squash"), "partial": ("partial", None),
    "unmerged": ("unmerged", None),
}
AUTHORS = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Ken Thompson",
           "Margaret Hamilton", "Donald Knuth", "Frances Allen", "John Backus"]

rnd = random.Random(20261121)
kinds = []
for kind, weight in MIX:
    kinds += [kind] * weight
kinds = [kinds[i % len(kinds)] for i in range(BRANCHES)]
rnd.shuffle(kinds)

branch_commit_counts = [rnd.randint(2, 4) if k == "partial" else rnd.randint(1, 4) for k in kinds]
# Main commits so that everything adds up to TOTAL: branch commits, plus one main commit per
# merge/squash/resolved event and one per cherry-picked commit.
extra = 0
for k, n in zip(kinds, branch_commit_counts):
    if k == "ff":
        continue
    extra += n
    if k in ("merge", "squash", "resolved"):
        extra += 1
    elif k == "cherry-pick":
        extra += n
    elif k == "partial":
        extra += n - 1
main_edits = TOTAL - extra

files = {f"src/m{i % 50:02d}/f{i:04d}.txt": [f"file {i} line {k}" for k in range(LINES)] for i in range(FILES)}
out = open(STREAM, "w", encoding="utf-8")
mark = 0
clock = 1_600_000_000


def data(text):
    raw = text.encode("utf-8")
    return f"data {len(raw)}\n{text}"


def commit(ref, message, changes, parent=None, merge=None, author=None):
    """changes: list of (path, content) pairs; returns the new mark."""
    global mark, clock
    mark += 1
    clock += 600
    who = author or rnd.choice(AUTHORS)
    email = who.lower().replace(" ", ".") + "@example.com"
    out.write(f"commit {ref}\nmark :{mark}\n")
    out.write(f"author {who} <{email}> {clock} +0000\ncommitter {who} <{email}> {clock} +0000\n")
    out.write(data(message + "\n") + "\n")
    if parent is not None:
        out.write(f"from :{parent}\n")
    if merge is not None:
        out.write(f"merge :{merge}\n")
    for path, content in changes:
        out.write(f"M 100644 inline {path}\n{data(content)}\n")
    out.write("\n")
    return mark


# Initial tree.
main_tip = commit("refs/heads/main", "chore: initial import", [(p, "\n".join(l) + "\n") for p, l in files.items()],
                  author="Ada Lovelace")
paths = sorted(files)
branch_points = sorted(rnd.sample(range(1, main_edits - 600), BRANCHES))
events = {}  # main edit index -> list of actions to run after that edit
truth = {}
pending_cut = {}
for b, point in enumerate(branch_points):
    pending_cut.setdefault(point, []).append(b)


def branch_changes(b, j):
    return [(f"rel/r{b:03d}/c{j}.txt", "".join(f"release {b} change {j} line {k}\n" for k in range(5)))]


for i in range(1, main_edits + 1):
    path = rnd.choice(paths)
    lines = files[path]
    lines[rnd.randrange(LINES)] = f"edit {i} of {path}"
    main_tip = commit("refs/heads/main", f"feat: edit {i}", [(path, "\n".join(lines) + "\n")], parent=main_tip)
    for b in pending_cut.get(i, []):
        kind = kinds[b]
        name = f"release/{b:03d}"
        truth[name] = {"kind": kind, "status": EXPECTED[kind][0], "how": EXPECTED[kind][1]}
        if kind == "ff":
            out.write(f"reset refs/heads/{name}\nfrom :{main_tip}\n\n")
            continue
        tip = main_tip
        commits = []
        for j in range(branch_commit_counts[b]):
            changes = branch_changes(b, j)
            tip = commit(f"refs/heads/{name}", f"fix: release {b} change {j}", changes, parent=tip)
            commits.append(changes)
        later = i + rnd.randint(20, 500)
        events.setdefault(later, []).append((b, kind, tip, commits))
    for b, kind, tip, commits in events.pop(i, []):
        everything = [c for cs in commits for c in cs]
        if kind == "merge":
            main_tip = commit("refs/heads/main", f"Merge release/{b:03d} into main", everything, parent=main_tip,
                              merge=tip)
        elif kind == "cherry-pick":
            for j, changes in enumerate(commits):
                main_tip = commit("refs/heads/main", f"fix: release {b} change {j} (cherry picked)", changes,
                                  parent=main_tip)
        elif kind == "partial":
            for j, changes in enumerate(commits[:-1]):
                main_tip = commit("refs/heads/main", f"fix: release {b} change {j} (cherry picked)", changes,
                                  parent=main_tip)
        elif kind == "squash":
            main_tip = commit("refs/heads/main", f"Release {b} (#{1000 + b})", everything, parent=main_tip)
        elif kind == "resolved":
            resolved = [(p, c + f"resolved conflict for release {b}\n") for p, c in everything]
            main_tip = commit("refs/heads/main", f"Release {b} (#{1000 + b})", resolved, parent=main_tip)
# Events scheduled past the end of main happen at the end.
for later in sorted(events):
    for b, kind, tip, commits in events[later]:
        everything = [c for cs in commits for c in cs]
        main_tip = commit("refs/heads/main", f"Release {b} (#{1000 + b})", everything, parent=main_tip)
out.close()
json.dump({"commits": mark, "branches": truth}, open(TRUTH, "w"), indent=1, sort_keys=True)
print(f"{mark} commits, {len(truth)} release branches", file=sys.stderr)
