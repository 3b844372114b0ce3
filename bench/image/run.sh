#!/usr/bin/env bash
# Start-up of the container image: what every workflow step pays before trainyard does any work.
# Builds the image as .ci/image-test.sh does (Jib, offline JRE 17 base, AppCDS second pass), then
# times `podman run` of `--version` and of a small real command (`next-version --json` in a mounted
# repository) with hyperfine, for the JVM flags the image ships and for the steps towards them.
# Writes bench/image/RESULTS.md.   Usage: bench/image/run.sh [--no-build] [RUNS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../../.ci/image-lib.sh
source "$ROOT/.ci/image-lib.sh"
build=true
[ "${1:-}" = --no-build ] && { build=false; shift; }
RUNS=${1:-15}

ensure_tools
command -v hyperfine >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
ensure_base
$build && build_image_with_cds

WORK="$ROOT/bench/work/image"
repo="$WORK/repo"
# REPORT_ONLY=1 rewrites RESULTS.md from the last run's hyperfine.json.
if [ -z "${REPORT_ONLY:-}" ]; then
  rm -rf "$WORK" && mkdir -p "$WORK"
  "$ROOT/trainyard" example "$repo" > /dev/null || die "trainyard example"
fi
repo_kind="the repository made by \`trainyard example\`"

cp=@/app/jib-classpath-file
main=dev.trainyard.cli.Main
run="$PODMAN_RUN --rm --network=none -v $repo:/github/workspace --workdir /github/workspace"
# label|java flags (the entrypoint is replaced by `java FLAGS -cp ... Main`)
variants=(
  "no CDS at all (-Xshare:off)|-Xshare:off"
  "JVM defaults (JDK's default CDS archive)|"
  "+ C1 only, serial GC, no perf data|-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
  "+ AppCDS archive = the shipped entrypoint|-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -XX:SharedArchiveFile=/app/cds/trainyard.jsa"
)

commands=()
names=()
commands+=("$run --entrypoint /bin/true $IMAGE")
names+=("(container only: /bin/true)")
for command in "--version" "next-version --json"; do
  for variant in "${variants[@]}"; do
    flags=${variant#*|}
    commands+=("$run --entrypoint java $IMAGE $flags -Duser.home=/github/home -cp $cp $main $command")
    names+=("$command: ${variant%%|*}")
  done
done
# The image exactly as the runner starts it (its own entrypoint).
commands+=("$run $IMAGE --version" "$run $IMAGE next-version --json")
names+=("--version: image entrypoint as shipped" "next-version --json: image entrypoint as shipped")

# Names first (as --command-name=..., since they start with dashes), then the commands in order.
hf_args=()
for i in "${!commands[@]}"; do hf_args+=("--command-name=trainyard ${names[$i]}"); done
hf_args+=(--)
hf_args+=("${commands[@]}")
if [ -z "${REPORT_ONLY:-}" ]; then
  cut -d' ' -f1-3 /proc/loadavg > "$WORK/load-before"
  hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$WORK/hyperfine.json" "${hf_args[@]}" > "$WORK/hyperfine.log" 2>&1
  cut -d' ' -f1-3 /proc/loadavg > "$WORK/load-after"
fi
load_before=$(cat "$WORK/load-before")
load_after=$(cat "$WORK/load-after")

size=$(podman_ image inspect "$IMAGE" --format '{{.Size}}')
layers=$(podman_ history --format '| {{.Size}} | {{.CreatedBy}} |' "$IMAGE")
jsa=$(podman_ history --format '{{.Size}}' "$IMAGE" | sed -n 1p)

{
  echo "# Container image start-up"
  echo
  echo "One run of \`bench/image/run.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, load average $load_before before,"
  echo "$load_after after: the machine was shared with other builds, so compare rows, not absolute times)."
  echo "Every row is a full \`podman run --rm --network=none\` of the image built by Jib with the offline"
  echo "JRE 17 base (Debian bookworm, OpenJDK $($PODMAN_RUN --rm --network=none --entrypoint java "$IMAGE" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.runtime.version = //p')),"
  echo "$RUNS runs after 2 warm-ups with hyperfine. The small real command is \`next-version --json\` in"
  echo "$repo_kind, mounted at /github/workspace."
  echo
  echo "| what | median | mean ± σ | vs JVM defaults |"
  echo "|---|---:|---:|---:|"
  jq -r '
    .results as $r
    | ($r | map({key: .command, value: .median}) | from_entries) as $m
    | $r[]
    | .command as $c
    | (if ($c | startswith("trainyard --version")) then $m["trainyard --version: JVM defaults (JDK'"'"'s default CDS archive)"]
       elif ($c | startswith("trainyard next-version")) then $m["trainyard next-version --json: JVM defaults (JDK'"'"'s default CDS archive)"]
       else null end) as $base
    | "| \($c) | \(.median * 1000 | round) ms | \(.mean * 1000 | round) ± \(.stddev * 1000 | round) ms | "
      + (if $base then "\(.median / $base * 100 | round) %" else "" end) + " |"' "$WORK/hyperfine.json"
  echo
  echo "Image: $((size / 1000000)) MB in all with the test base; trainyard's own layers, newest first"
  echo "(the first is the AppCDS archive, $jsa):"
  echo
  echo "| size | layer |"
  echo "|---:|---|"
  echo "$layers"
  echo
  echo "Commands (IMAGE = $IMAGE, REPO = the repository above):"
  echo
  echo '```'
  echo "podman --runtime /usr/sbin/runc --cgroup-manager=cgroupfs run --rm --network=none \\"
  echo "  --ulimit nofile=20000:20000 --ulimit nproc=1024:1024 -v REPO:/github/workspace --workdir /github/workspace \\"
  echo "  --entrypoint java IMAGE FLAGS -Duser.home=/github/home -cp @/app/jib-classpath-file dev.trainyard.cli.Main ARGS"
  echo '```'
  echo
  echo "with FLAGS per row:"
  echo
  for variant in "${variants[@]}"; do echo "- ${variant%%|*}: \`${variant#*|}\`"; done
  echo
  echo "The \"as shipped\" rows run the image's own entrypoint (the last FLAGS plus \`-Duser.home\`)."
  cat "$ROOT/bench/image/notes.md"
} > "$ROOT/bench/image/RESULTS.md"
cat "$ROOT/bench/image/RESULTS.md"
