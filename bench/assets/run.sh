#!/usr/bin/env bash
# upload-assets benchmark: trainyard vs `aws s3 sync` vs `rclone sync` (default and --checksum) on the
# same S3 server (s3proxy, in-memory store) and the same 5,000-file tree.
#
# Timed runs go straight to the server, or through bench/lib/DelayProxy.java (which only delays and
# paces bytes) on three networks:
#   direct  the tools talk to s3proxy on loopback, nothing in between;
#   zero    through the delay proxy with no delay and no cap: the proxy's own cost;
#   wan     through the delay proxy with a 20 ms round trip and 500 Mbit/s each way, like a runner
#           and a bucket in a nearby region.
# Request counts come from a separate, untimed pass through trainyard's recording proxy.
# Scenarios: (a) first upload into a new empty bucket, (b) no-op re-run after every mtime changed
# (a fresh checkout), (c) one file changed. Rounds are interleaved (round r runs every network and
# tool once, in an order rotated each round). Round 0 is the warm-up (the server's JIT, the page
# cache): every tool once, straight to the server, reported on its own and kept out of the medians.
# Then ROUNDS measured rounds of direct and zero, the first WAN_ROUNDS of which also run wan. zero
# runs ZERO_TOOLS only (it measures the proxy, not the tools); wan runs every tool alike, scenarios
# WAN_SCENARIOS (one file changed costs the same as the no-op there). Every timed run records wall
# time, the tool's CPU (user + system, its child processes included) and the load average at its start.
#
# Writes bench/assets/RESULTS.md and the upload-assets rows of docs/benchmarks.md. The whole run,
# build included, took 21 minutes on a quiet 2-core machine (2026-11-29):
#
#   bench/assets/run.sh
#   SCALE=0.1 ROUNDS=1 NETWORKS=direct TOOLS="trainyard rclone-checksum" bench/assets/run.sh  # a quick look
#
# Environment: ROUNDS (measured rounds after the warm-up, default 3), WAN_ROUNDS (default 1),
# NETWORKS, TOOLS, ZERO_TOOLS, SCENARIOS, WAN_SCENARIOS, SCALE (tree size factor, default 1: see
# make_tree.py), COUNTS=0 to skip the request-count pass, NO_BUILD=1 to use the current build,
# NO_DOCS=1 to leave docs/benchmarks.md alone (runs other than the full default never touch it).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# The command as run, with the settings it was given, for the report.
overrides=""
for v in SCALE ROUNDS WAN_ROUNDS NETWORKS TOOLS ZERO_TOOLS SCENARIOS WAN_SCENARIOS COUNTS WAN_RTT_MS WAN_MBIT; do
  [[ -n ${!v+x} ]] && overrides+="$v='${!v}' "
done
WORK=$ROOT/bench/work/assets
SCALE=${SCALE:-1}
TREE=$WORK/tree
[[ $SCALE == 1 ]] || TREE=$WORK/tree-x$SCALE
ROUNDS=${ROUNDS:-3}
WAN_ROUNDS=${WAN_ROUNDS:-1}
ALL_NETWORKS="direct zero wan"
ALL_TOOLS="trainyard aws-cli rclone rclone-checksum"
NETWORKS=${NETWORKS:-$ALL_NETWORKS}
TOOLS=${TOOLS:-$ALL_TOOLS}
SCENARIOS=${SCENARIOS:-a b c}
ZERO_TOOLS=${ZERO_TOOLS:-trainyard rclone-checksum}
WAN_SCENARIOS=${WAN_SCENARIOS:-a b}
COUNTS=${COUNTS:-1}
WAN_RTT_MS=${WAN_RTT_MS:-20}
WAN_MBIT=${WAN_MBIT:-500}
S3_PORT=18291 REC_PORT=18292 ZERO_PORT=18293 WAN_PORT=18294
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_CONFIG_FILE=$WORK/no-aws-config AWS_SHARED_CREDENTIALS_FILE=$WORK/no-aws-credentials
# Loopback must never go through a proxy the machine may set.
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
mkdir -p "$WORK"
started=$(date +%s)

log() { printf '\n=== %s (%s, load %s)\n' "$*" "$(date -u +%H:%M:%S)" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2; }
die() { echo "bench/assets: $*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 && return
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
log "peers"
need aws awscli
need rclone rclone
need curl curl
[[ -x /usr/bin/time ]] || need /usr/bin/time time

if [[ -z ${NO_BUILD:-} ]]; then
  log "build"
  ./mvnw -q -B -ntp package -DskipTests
fi
# A rebuilt jar makes the launcher train its class-data-sharing archive in the background on the next
# run (about 20 s of CPU): do that now, so no measured run shares the cores with it.
./trainyard --version >/dev/null
while [[ -e trainyard-cli/target/cds.lock ]]; do sleep 1; done
S3PROXY_JAR=$ROOT/trainyard-core/target/s3proxy/s3proxy.jar
[[ -f $S3PROXY_JAR ]] || die "$S3PROXY_JAR is missing (./mvnw package copies it)"
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" bench/lib/DelayProxy.java

if [[ ! -f $TREE/.complete ]]; then
  log "asset tree"
  rm -rf "$TREE"
  python3 bench/assets/make_tree.py "$TREE" "$SCALE"
  touch "$TREE/.complete"
  sync
fi
FILES=$(find "$TREE" -type f ! -name .complete | wc -l)
TREE_MB=$(du -sm --exclude=.complete "$TREE" | cut -f1)

pids=()
stop_servers() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_servers EXIT

log "servers"
# shellcheck source=../lib/s3proxy.sh
source bench/lib/s3proxy.sh
start_s3proxy "$S3_PORT" "$WORK"
java -cp "$ROOT/trainyard-core/target/test-classes" dev.trainyard.assets.testing.RecordingProxy "$S3_PORT" "$REC_PORT" > "$WORK/recorder.log" 2>&1 &
pids+=($!)
java -XX:+UseSerialGC -Xmx256m -cp "$WORK/classes" DelayProxy "$ZERO_PORT" "127.0.0.1:$S3_PORT" 0 0 > "$WORK/zero.log" 2>&1 &
pids+=($!)
java -XX:+UseSerialGC -Xmx256m -cp "$WORK/classes" DelayProxy "$WAN_PORT" "127.0.0.1:$S3_PORT" "$WAN_RTT_MS" "$WAN_MBIT" > "$WORK/wan.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do
  if curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && curl -s -o /dev/null "http://127.0.0.1:$REC_PORT/__recording/summary" \
      && curl -s -o /dev/null "http://127.0.0.1:$WAN_PORT/"; then
    break
  fi
  sleep 0.2
done
curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" || { cat "$WORK/s3proxy.log" >&2; die "s3proxy did not start"; }

port_of() {
  case $1 in direct) echo "$S3_PORT" ;; zero) echo "$ZERO_PORT" ;; wan) echo "$WAN_PORT" ;; rec) echo "$REC_PORT" ;; esac
}
for net in direct zero wan rec; do
  upper=${net^^}
  export "RCLONE_CONFIG_BENCH${upper}_TYPE=s3" "RCLONE_CONFIG_BENCH${upper}_PROVIDER=Other" \
    "RCLONE_CONFIG_BENCH${upper}_ENDPOINT=http://127.0.0.1:$(port_of "$net")" \
    "RCLONE_CONFIG_BENCH${upper}_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID" \
    "RCLONE_CONFIG_BENCH${upper}_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY" \
    "RCLONE_CONFIG_BENCH${upper}_FORCE_PATH_STYLE=true" "RCLONE_CONFIG_BENCH${upper}_REGION=us-east-1"
done

# tool_command TOOL NETWORK BUCKET: the command line, each tool with its defaults.
tool_command() {
  local endpoint="http://127.0.0.1:$(port_of "$2")"
  case $1 in
    trainyard) echo "$ROOT/trainyard upload-assets --source $TREE --target s3://$3 --endpoint $endpoint --path-style --json" ;;
    aws-cli) echo "aws --endpoint-url $endpoint --only-show-errors s3 sync $TREE s3://$3 --exclude .complete" ;;
    rclone) echo "env -u AWS_CA_BUNDLE rclone sync $TREE bench$2:$3 --exclude .complete" ;;
    rclone-checksum) echo "env -u AWS_CA_BUNDLE rclone sync --checksum $TREE bench$2:$3 --exclude .complete" ;;
  esac
}

# Untimed helpers, straight to the server.
aws_direct() { aws --endpoint-url "http://127.0.0.1:$S3_PORT" "$@"; }
new_bucket() { local name="bench-$(date +%s%N)"; aws_direct s3 mb "s3://$name" >/dev/null; echo "$name"; }
drop_bucket() { aws_direct s3 rb --force "s3://$1" >/dev/null; }
# A fresh checkout: every file gets the current time (later than the objects' LastModified).
touch_all() { find "$TREE" -type f ! -name .complete -exec touch {} +; }
CHANGED=$TREE/product-icons/set-07/icon-0007.png
flip_byte() { python3 -c "import sys; f=open(sys.argv[1],'r+b'); b=bytearray(f.read()); b[0]^=0xFF; f.seek(0); f.write(b); f.close()" "$CHANGED"; }

TIMES=$WORK/times.tsv
COUNTS_TSV=$WORK/counts.tsv
: > "$TIMES"
# measure NETWORK SCENARIO TOOL ROUND COMMAND: one timed run; a failed run stops the benchmark.
measure() {
  local load out=$WORK/run.out
  load=$(cut -d' ' -f1 /proc/loadavg)
  if ! /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" bash -c "$5" > "$out" 2>&1; then
    tail -20 "$out" >&2
    die "$3 failed in ($2) on $1: $5"
  fi
  read -r wall user sys < <(tail -1 "$WORK/time.txt")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$wall" "$(echo "$user + $sys" | bc)" "$load" >> "$TIMES"
  printf '  %-6s (%s) %-16s round %s: %6.2f s wall, %6.2f s CPU (load %s)\n' "$1" "$2" "$3" "$4" "$wall" "$(echo "$user + $sys" | bc)" "$load" >&2
}
in_list() { [[ " $2 " == *" $1 "* ]]; }

# sequence NETWORK TOOL ROUND: (a), (b), (c) for one tool on one network, in a bucket of its own.
sequence() {
  local net=$1 tool=$2 round=$3 bucket cmd scenarios=$SCENARIOS
  [[ $net == wan ]] && scenarios=$WAN_SCENARIOS
  has() { in_list "$1" "$scenarios"; }
  bucket=$(new_bucket)
  cmd=$(tool_command "$tool" "$net" "$bucket")
  if has a; then measure "$net" a "$tool" "$round" "$cmd"; else bash -c "$cmd" > /dev/null 2>&1; fi
  touch_all
  if has b; then measure "$net" b "$tool" "$round" "$cmd"; fi
  if has c; then
    flip_byte
    measure "$net" c "$tool" "$round" "$cmd"
    flip_byte
  fi
  drop_bucket "$bucket"
}

command -v bc >/dev/null || need bc bc
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
read -r -a tools <<< "$TOOLS"
for ((round = 0; round <= ROUNDS; round++)); do
  log "round $round of $ROUNDS$([[ $round == 0 ]] && echo ' (warm-up)')"
  for net in $NETWORKS; do
    [[ $round == 0 && $net != "${NETWORKS%% *}" ]] && continue # the warm-up: the first network only
    [[ $net == wan ]] && (( round > WAN_ROUNDS )) && continue
    for ((i = 0; i < ${#tools[@]}; i++)); do
      tool=${tools[$(( (i + round) % ${#tools[@]} ))]}
      [[ $net == zero ]] && ! in_list "$tool" "$ZERO_TOOLS" && continue
      sequence "$net" "$tool" "$round"
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

: > "$COUNTS_TSV"
if [[ $COUNTS == 1 ]]; then
  log "request counts (untimed, through the recording proxy)"
  rec="http://127.0.0.1:$REC_PORT/__recording"
  count_into() { # TOOL SCENARIO
    curl -s "$rec/summary" | awk -v t="$1" -v s="$2" '{print t "\t" s "\t" $1 "\t" $2}' >> "$COUNTS_TSV"
    curl -s -X POST "$rec/reset" > /dev/null
  }
  for tool in $TOOLS; do
    bucket=$(new_bucket)
    cmd=$(tool_command "$tool" rec "$bucket")
    curl -s -X POST "$rec/reset" > /dev/null
    bash -c "$cmd" > /dev/null 2>&1 || die "$tool failed in the count pass (a)"
    count_into "$tool" a
    touch_all
    bash -c "$cmd" > /dev/null 2>&1 || die "$tool failed in the count pass (b)"
    count_into "$tool" b
    flip_byte
    bash -c "$cmd" > /dev/null 2>&1 || die "$tool failed in the count pass (c)"
    flip_byte
    count_into "$tool" c
    drop_bucket "$bucket"
  done
fi
stop_servers

full_run=false
[[ $NETWORKS == "$ALL_NETWORKS" && $TOOLS == "$ALL_TOOLS" && $SCENARIOS == "a b c" && $COUNTS == 1 && $SCALE == 1 \
  && $ROUNDS -ge 3 ]] && full_run=true
elapsed=$(( $(date +%s) - started ))
python3 bench/assets/report.py \
  --times "$TIMES" --counts "$COUNTS_TSV" --command "${overrides:+env $overrides}bench/assets/run.sh" --files "$FILES" --tree-mb "$TREE_MB" --rounds "$ROUNDS" --wan-rounds "$WAN_ROUNDS" \
  --rtt "$WAN_RTT_MS" --mbit "$WAN_MBIT" --load-before "$load_before" --load-after "$load_after" \
  --elapsed "$elapsed" --cores "$(nproc)" --commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- trainyard-core trainyard-cli || echo '+changes')" \
  --versions "$(java -version 2>&1 | head -1); $(aws --version 2>&1 | head -1 | cut -d' ' -f1); $(rclone version 2>/dev/null | head -1)" \
  --results bench/assets/RESULTS.md --doc-rows "$WORK/doc-rows.md" $($full_run || echo --partial)
if $full_run && [[ -z ${NO_DOCS:-} ]]; then
  python3 bench/lib/splice.py docs/benchmarks.md assets "$WORK/doc-rows.md"
  log "wrote bench/assets/RESULTS.md and the upload-assets rows of docs/benchmarks.md (${elapsed}s)"
else
  log "partial run: wrote bench/assets/RESULTS.md only (${elapsed}s)"
fi
cat bench/assets/RESULTS.md
