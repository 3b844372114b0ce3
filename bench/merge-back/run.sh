#!/usr/bin/env bash
# Benchmark: trainyard merge-back vs a plain-git script (git branch --no-merged + git cherry per
# branch) on a generated repository of 20,000 commits and 300 release branches with a known mix of
# merged, fast-forwarded, cherry-picked, squashed, conflict-resolved squashes, partial and unmerged.
# Writes bench/merge-back/RESULTS.md. Run from anywhere: bash bench/merge-back/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/bench/work/merge-back"
commits=${COMMITS:-20000}
branches=${BRANCHES:-300}
runs=${RUNS:-3}

need() {
  command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}
need git git
need python3 python3
need hyperfine hyperfine

rm -rf "$work" && mkdir -p "$work"
echo "== generating $commits commits, $branches release branches"
python3 "$here/generate.py" "$work/stream.fi" "$work/truth.json" "$commits" "$branches"
git init -q -b main "$work/repo"
git -C "$work/repo" fast-import --quiet < "$work/stream.fi"
git -C "$work/repo" checkout -q main
git -C "$work/repo" gc -q

echo "== building trainyard"
(cd "$root" && ./mvnw -q -B package -DskipTests)

trainyard_cmd="$root/trainyard merge-back --all --branches 'release/*' --tags 'no-tags-*' --stale-after 100000d --json > $work/trainyard.json"
plain_cmd="bash $here/plain-git.sh main 'release/*' > $work/plain.tsv"

echo "== timing ($runs runs each)"
cd "$work/repo"
hyperfine --style basic --runs "$runs" --export-json "$work/timing.json" \
  -n trainyard "$trainyard_cmd" -n plain-git "$plain_cmd"

python3 "$here/trainyard-verdicts.py" < "$work/trainyard.json" > "$work/trainyard.tsv"
python3 "$here/score.py" "$work/truth.json" "$work/trainyard.tsv" > "$work/trainyard.score.json"
python3 "$here/score.py" "$work/truth.json" "$work/plain.tsv" > "$work/plain.score.json"

python3 - "$work" "$commits" "$branches" "$runs" > "$here/RESULTS.md" <<'PY'
import json, platform, subprocess, sys
work, commits, branches, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
timing = {r["command"]: r for r in json.load(open(f"{work}/timing.json"))["results"]}
ty, pg = json.load(open(f"{work}/trainyard.score.json")), json.load(open(f"{work}/plain.score.json"))
truth = json.load(open(f"{work}/truth.json"))
git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
load = open("/proc/loadavg").read().split()[:3]
t, p = timing["trainyard"], timing["plain-git"]
print("# merge-back benchmark\n")
print(f"Generated repository: {truth['commits']} commits, {len(truth['branches'])} release branches "
      "(`bench/merge-back/generate.py`, fixed seed). Command: `bash bench/merge-back/run.sh`.\n")
print("| tool | mean wall time (s) | min | max | status correct | status+how correct |")
print("|---|---|---|---|---|---|")
for name, r, s in (("trainyard merge-back", t, ty), ("git branch --no-merged + git cherry", p, pg)):
    print(f"| {name} | {r['mean']:.2f} | {r['min']:.2f} | {r['max']:.2f} | {s['status_correct']}/{s['total']} | "
          f"{s['how_correct']}/{s['total']} |")
print(f"\nRatio: plain-git takes {p['mean'] / t['mean']:.1f}x trainyard's wall time ({runs} runs each, hyperfine).\n")
print("Per kind of merge-back (status correct / total):\n")
print("| kind | truth | trainyard | plain git |")
print("|---|---|---|---|")
for kind in sorted(ty["by_kind"]):
    tk, pk = ty["by_kind"][kind], pg["by_kind"][kind]
    expected = next(v for v in truth["branches"].values() if v["kind"] == kind)
    wrong = lambda k: "" if not k["wrong_as"] else " (wrong: " + ", ".join(f"{n} as {w}" for w, n in k["wrong_as"].items()) + ")"
    print(f"| {kind} | {expected['status']}{' / ' + expected['how'] if expected['how'] else ''} | "
          f"{tk['status_correct']}/{tk['total']}{wrong(tk)} | {pk['status_correct']}/{pk['total']}{wrong(pk)} |")
print("\nNotes: the 'status+how' misses of trainyard are squash merges of single-commit branches, which it "
      "reports as `cherry-pick`: one commit re-applied as one commit is the same fact either way. The plain-git "
      "script calls every squash merge of a multi-commit branch, and every squash whose conflicts were resolved, "
      "unmerged; `git cherry` runs once per unmerged branch and re-reads main since that branch's merge base "
      "each time, which is where its time goes.")
print(f"\nMachine: {platform.machine()}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
      f"load average at the end {' '.join(load)} (other builds were running); {git}; {java}; trainyard run through "
      "its launcher (`./trainyard`, C1-only JIT flags as shipped), JVM start-up included.")
PY
cat "$here/RESULTS.md"
