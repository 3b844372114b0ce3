#!/usr/bin/env bash
# The container image: its compressed size, and the start-up every workflow step pays before
# trainyard does any work. Builds the image as .ci/image-test.sh does (Jib, the jlink-made Java 25
# runtime on the offline Debian base, the class-data-sharing archive in a second pass), then times
# `podman run` of `--version` and of a small real command (`next-version --json` in a mounted
# repository) with hyperfine, for the image as shipped and for the start-up archives it could carry
# instead; then the JVM's own CPU time inside one container; then the compressed layer sizes.
# Writes bench/image/RESULTS.md.
#
#   bench/image/run.sh [--no-build] [RUNS]
#
# BASELINE_IMAGE=REF (optional): an image of an earlier shape, already loaded into podman (for
# example main's, built with its .ci/image-lib.sh under TRAINYARD_TEST_IMAGE=REF), timed in the
# same run as "before"; BASELINE_TAR=PATH its jib-image.tar, for its layer sizes; BASELINE_NOTE, a
# few words on what it is, for the report (e.g. "main at 3582db1, the same shape").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../../.ci/image-lib.sh
source "$ROOT/.ci/image-lib.sh"
build=true
[ "${1:-}" = --no-build ] && { build=false; shift; }
RUNS=${1:-15}
CPU_RUNS=10
BASELINE_IMAGE=${BASELINE_IMAGE:-}
BASELINE_TAR=${BASELINE_TAR:-}

ensure_tools
command -v hyperfine >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
ensure_base
$build && build_image_with_cds
TAR="$ROOT/trainyard-cli/target/jib-image.tar"

WORK="$ROOT/bench/work/image"
repo="$WORK/repo"
cds="$WORK/archives"
rm -rf "$WORK" && mkdir -p "$WORK" "$cds"
chmod 777 "$cds"
"$ROOT/trainyard" example "$repo" > /dev/null || die "trainyard example"

cp=@/app/jib-classpath-file
main=dev.trainyard.cli.Main
run="$PODMAN_RUN --rm --network=none -v $repo:/github/workspace --workdir /github/workspace"
# jvm.args without -Xshare:auto, which Java 25 refuses beside the AOT cache flags.
aot_flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Dfile.encoding=UTF-8"

# The alternatives to the shipped archive, made in the image itself: a dynamic archive of
# `--version` alone, and Java 25's ahead-of-time cache (JEP 483/514/515) of `next-version --json`.
$run -v "$cds":/cds --entrypoint java "$IMAGE" @/app/jvm.args -Duser.home=/github/home \
  -XX:ArchiveClassesAtExit=/cds/version.jsa -cp $cp $main --version > /dev/null 2>&1 || die "version archive"
$run -v "$cds":/cds --entrypoint java "$IMAGE" $aot_flags -Duser.home=/github/home \
  -XX:AOTCacheOutput=/cds/next-version.aot -cp $cp $main next-version --json > /dev/null 2>&1 || die "AOT cache"
$run --entrypoint cat "$IMAGE" /app/cds/trainyard.jsa > "$cds/shipped.jsa"
gz() { gzip -6 -c "$1" | wc -c | awk '{printf "%.1f MB", $1 / 1000000}'; }
raw() { stat -c %s "$1" | awk '{printf "%.1f MB", $1 / 1000000}'; }

# label|java arguments before -cp (the entrypoint is replaced by `java ARGS -cp ... Main`)
variants=(
  "runtime's archive only (JDK classes)|@/app/jvm.args -Duser.home=/github/home"
  "+ trainyard archive of next-version = as shipped|@/app/jvm.args -Duser.home=/github/home -XX:SharedArchiveFile=/app/cds/trainyard.jsa"
  "+ trainyard archive of --version instead|@/app/jvm.args -Duser.home=/github/home -XX:SharedArchiveFile=/cds/version.jsa"
  "Java 25 AOT cache of next-version instead|$aot_flags -Duser.home=/github/home -XX:AOTCache=/cds/next-version.aot"
)
commands=() names=()
commands+=("$run --entrypoint /bin/true $IMAGE"); names+=("(container only: /bin/true)")
for command in "--version" "next-version --json"; do
  if [ -n "$BASELINE_IMAGE" ]; then
    commands+=("$run $BASELINE_IMAGE $command"); names+=("$command: BEFORE ($BASELINE_IMAGE), as shipped")
  fi
  commands+=("$run $IMAGE $command"); names+=("$command: AFTER, image entrypoint as shipped")
  for variant in "${variants[@]}"; do
    # the shipped archive's row is the entrypoint's row above
    [[ ${variant%%|*} == *"as shipped"* ]] && continue
    commands+=("$run -v $cds:/cds --entrypoint java $IMAGE ${variant#*|} -cp $cp $main $command")
    names+=("$command: AFTER, ${variant%%|*}")
  done
done
hf_args=()
for i in "${!commands[@]}"; do hf_args+=("--command-name=trainyard ${names[$i]}"); done
hf_args+=(-- "${commands[@]}")

cut -d' ' -f1-3 /proc/loadavg > "$WORK/load-before"
hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$WORK/hyperfine.json" "${hf_args[@]}" > "$WORK/hyperfine.log" 2>&1

# CPU: podman's own process does not include the container's, so the JVM's user+system time is
# taken inside one container: CPU_RUNS runs of the command in a bash loop under `time`.
cpu_row() { # IMAGE LABEL JAVA-ARGS COMMAND...
  local image=$1 label=$2 args=$3; shift 3
  local out
  out=$($run -v "$cds":/cds --entrypoint bash "$image" -c \
    "TIMEFORMAT='%R %U %S'; time (for i in \$(seq $CPU_RUNS); do LC_ALL=C.UTF-8 java $args -cp $cp $main $* > /dev/null 2>&1; done)" 2>&1 | tail -1)
  echo "$out" | awk -v label="$label" -v n="$CPU_RUNS" '{printf "| %s | %.0f ms | %.0f ms |\n", label, $1 * 1000 / n, ($2 + $3) * 1000 / n}'
}
{
  for command in "--version" "next-version --json"; do
    if [ -n "$BASELINE_IMAGE" ]; then
      cpu_row "$BASELINE_IMAGE" "$command: BEFORE, as shipped" "@/app/jvm.args -Duser.home=/github/home -XX:SharedArchiveFile=/app/cds/trainyard.jsa" $command
    fi
    for variant in "${variants[@]}"; do
      cpu_row "$IMAGE" "$command: AFTER, ${variant%%|*}" "${variant#*|}" $command
    done
  done
} > "$WORK/cpu.md"
# BEFORE and AFTER as shipped, alternately (one pair after the other, PAIRS times), so a neighbour's
# load falls on both alike: the ratio this run reports.
PAIRS=${PAIRS:-10}
: > "$WORK/pairs.md"
if [ -n "$BASELINE_IMAGE" ]; then
  median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
  for command in "--version" "next-version --json"; do
    : > "$WORK/pairs-before" && : > "$WORK/pairs-after"
    for i in $(seq $((PAIRS + 1))); do
      for side in before after; do
        image=$IMAGE; [ $side = before ] && image=$BASELINE_IMAGE
        start=$(date +%s%N)
        $run "$image" $command > /dev/null 2>&1
        # the first pair is a warm-up
        [ "$i" -gt 1 ] && echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$WORK/pairs-$side"
      done
    done
    before=$(median < "$WORK/pairs-before") after=$(median < "$WORK/pairs-after")
    printf '| %s | %s ms | %s ms | %s |\n' "$command" "$before" "$after" "$(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.2f", a / b}')" >> "$WORK/pairs.md"
  done
fi
cut -d' ' -f1-3 /proc/loadavg > "$WORK/load-after"

# Compressed layer sizes, as a registry stores them: the .tar.gz blobs in Jib's tarball.
layers_md() { # JIB-TAR
  local dir
  dir=$(mktemp -d)
  tar -C "$dir" -xf "$1"
  jq -r '.[0].Layers[]' "$dir/manifest.json" > "$dir/layers"
  jq -r '.history[] | select(.empty_layer != true) | (.comment // .created_by // "") ' "$dir/$(jq -r '.[0].Config' "$dir/manifest.json")" > "$dir/comments"
  paste -d'|' "$dir/layers" "$dir/comments" | while IFS='|' read -r layer comment; do
    printf '| %s | %s | %s: %s |\n' "$(stat -c %s "$dir/$layer" | awk '{printf "%.2f MB", $1 / 1000000}')" \
      "$(gzip -dc "$dir/$layer" | wc -c | awk '{printf "%.1f MB", $1 / 1000000}')" "${comment:0:40}" \
      "$(tar -tzf "$dir/$layer" | grep -v '/$' | head -1 | sed 's:^\./::; s:^/::' | cut -d/ -f1-3)"
  done
  rm -rf "$dir"
}

load_before=$(cat "$WORK/load-before")
load_after=$(cat "$WORK/load-after")
version() { $PODMAN_RUN --rm --network=none --entrypoint java "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.runtime.version = //p'; }

{
  echo "# Container image: size and start-up"
  echo
  echo "One run of \`bench/image/run.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, load average $load_before before,"
  echo "$load_after after: the machine was shared with other builds, so compare rows of this run, not"
  echo "absolute times). AFTER is this tree's image: debian bookworm (debootstrap minbase, the offline"
  echo "stand-in for debian:bookworm-slim), a jlink-made runtime of Temurin $(version "$IMAGE"), trainyard's jars"
  echo "and a dynamic class-data-sharing archive of \`next-version --json\`."
  [ -n "$BASELINE_IMAGE" ] && echo "BEFORE is an earlier image ($BASELINE_IMAGE, Java $(version "$BASELINE_IMAGE"))${BASELINE_NOTE:+: $BASELINE_NOTE}."
  echo "The small real command is \`next-version --json\` in the repository made by \`trainyard example\`,"
  echo "mounted at /github/workspace."
  echo
  if [ -s "$WORK/pairs.md" ]; then
    echo "## BEFORE and AFTER as shipped, alternately: \`podman run --rm --network=none IMAGE ARGS\`"
    echo
    echo "Median wall time of $PAIRS pairs (after one warm-up pair); each pair runs BEFORE, then AFTER."
    echo
    echo "| command | BEFORE | AFTER | AFTER / BEFORE |"
    echo "|---|---:|---:|---:|"
    cat "$WORK/pairs.md"
    echo
  fi
  echo "## Wall time of \`podman run --rm --network=none\` ($RUNS runs after 2 warm-ups, hyperfine)"
  echo
  echo "| what | median | mean ± σ |"
  echo "|---|---:|---:|"
  jq -r '.results[] | "| \(.command) | \(.median * 1000 | round) ms | \(.mean * 1000 | round) ± \(.stddev * 1000 | round) ms |"' "$WORK/hyperfine.json"
  echo
  echo "## The JVM inside one container: wall and CPU (user + system) per run, mean of $CPU_RUNS"
  echo
  echo "| what | wall | CPU |"
  echo "|---|---:|---:|"
  cat "$WORK/cpu.md"
  echo
  echo "## Start-up archives (uncompressed, gzip -6)"
  echo
  echo "| archive | size | compressed |"
  echo "|---|---:|---:|"
  echo "| shipped: dynamic archive of next-version --json | $(raw "$cds/shipped.jsa") | $(gz "$cds/shipped.jsa") |"
  echo "| dynamic archive of --version | $(raw "$cds/version.jsa") | $(gz "$cds/version.jsa") |"
  echo "| Java 25 AOT cache of next-version --json | $(raw "$cds/next-version.aot") | $(gz "$cds/next-version.aot") |"
  echo
  echo "## Layers (AFTER), oldest first: compressed as pushed, and unpacked"
  echo
  echo "| compressed | unpacked | layer: first file |"
  echo "|---:|---:|---|"
  layers_md "$TAR"
  if [ -n "$BASELINE_TAR" ]; then
    echo
    echo "## Layers (BEFORE), oldest first"
    echo
    echo "| compressed | unpacked | layer: first file |"
    echo "|---:|---:|---|"
    layers_md "$BASELINE_TAR"
  fi
  echo
  echo "Commands (IMAGE = $IMAGE, REPO = the repository above):"
  echo
  echo '```'
  echo "podman --runtime /usr/sbin/runc --cgroup-manager=cgroupfs run --rm --network=none \\"
  echo "  --ulimit nofile=20000:20000 --ulimit nproc=1024:1024 -v REPO:/github/workspace --workdir /github/workspace \\"
  echo "  --entrypoint java IMAGE ARGS -cp @/app/jib-classpath-file dev.trainyard.cli.Main --version   # or next-version --json"
  echo '```'
  echo
  echo "with ARGS per row:"
  echo
  for variant in "${variants[@]}"; do echo "- ${variant%%|*}: \`${variant#*|}\`"; done
  echo
  echo "The \"as shipped\" rows run the image's own entrypoint. The CPU table runs the same java command"
  echo "$CPU_RUNS times in \`bash -c 'time (for ...)'\` inside one container."
  cat "$ROOT/bench/image/notes.md"
} > "$ROOT/bench/image/RESULTS.md"
cat "$ROOT/bench/image/RESULTS.md"
