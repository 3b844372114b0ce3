#!/usr/bin/env bash
# Interleaved A/B timing: runs command A, then B, N times over, so a change in the machine's load
# hits both alike (hyperfine runs all of A before B). Prints the median wall and CPU time of each,
# and the load average before and after. The first WARMUP rounds (default 1) run A and B but are
# not counted. PREPARE, if set, runs (untimed) before every run; a failing command stops the comparison.
#
#   bench/lib/ab.sh 15 '/tmp/before/trainyard next-version --json' './trainyard next-version --json'
#   PREPARE='find tree -type f -exec touch {} +' bench/lib/ab.sh 10 'A ...' 'B ...'
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 RUNS 'COMMAND A' 'COMMAND B'" >&2
  exit 2
fi
runs=$1 a=$2 b=$3
times=$(mktemp)
trap 'rm -f "$times"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
warmup=${WARMUP:-1}
for ((i = -warmup; i < runs; i++)); do
  for side in A B; do
    [[ -n ${PREPARE:-} ]] && bash -c "$PREPARE" >/dev/null 2>&1
    command=$a
    [[ $side == B ]] && command=$b
    label=$side
    (( i < 0 )) && label=warmup
    /usr/bin/time -f "$label %e %U %S" -a -o "$times" bash -c "$command" >/dev/null 2>&1 \
      || { echo "$side failed: $command" >&2; exit 1; }
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$times" "$a" "$b" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line[:2] in ("A ", "B ")]
for label, command in (("A", sys.argv[2]), ("B", sys.argv[3])):
    runs = [(float(r[1]), float(r[2]) + float(r[3])) for r in rows if r[0] == label]
    print(f"{label}: wall median {statistics.median(w for w, _ in runs):.2f} s (min {min(w for w, _ in runs):.2f}),"
          f" CPU median {statistics.median(c for _, c in runs):.2f} s, {len(runs)} runs: {command}")
PY
