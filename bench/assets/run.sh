#!/usr/bin/env bash
# upload-assets benchmark: trainyard vs `aws s3 sync` vs `rclone sync` on the same local S3 server
# (s3proxy, in-memory store) behind a recording proxy that counts every request.
# Scenarios: (a) first upload (into a new, empty bucket each run), (b) re-run after every mtime
# changed (a fresh checkout), (c) one file changed. Writes bench/assets/RESULTS.md.
#
#   bench/assets/run.sh            # RUNS=3 repetitions of each scenario by default
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=$ROOT/bench/work/assets
TREE=$WORK/tree
RUNS=${RUNS:-3}
S3_PORT=${S3_PORT:-18291}
PROXY_PORT=${PROXY_PORT:-18292}
ENDPOINT=http://127.0.0.1:$PROXY_PORT
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_CONFIG_FILE=$WORK/no-aws-config AWS_SHARED_CREDENTIALS_FILE=$WORK/no-aws-credentials
mkdir -p "$WORK"

log() { printf '\n=== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)" >&2; }

apt_updated=false
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    if [[ $apt_updated == false ]]; then apt-get update -qq; apt_updated=true; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}
log "peers"
need aws awscli
need rclone rclone
need hyperfine hyperfine
need curl curl

log "build"
./mvnw -q -B -ntp package -DskipTests
# A rebuilt jar makes the launcher train its class-data-sharing archive in the background on the next
# run (about 20 s of CPU): do that now, so no measured run shares the cores with it.
./trainyard --version >/dev/null
while [[ -e trainyard-cli/target/cds.lock ]]; do sleep 1; done
S3PROXY_JAR=$ROOT/trainyard-core/target/s3proxy/s3proxy.jar
PROXY_CP=$ROOT/trainyard-core/target/test-classes

if [[ ! -f $TREE/.complete ]]; then
  log "asset tree"
  rm -rf "$TREE"
  python3 bench/assets/make_tree.py "$TREE"
  touch "$TREE/.complete"
  # Write the new tree out now, not during the first measured run.
  sync
fi
FILES=$(find "$TREE" -type f ! -name .complete | wc -l)
TREE_MB=$(du -sm --exclude=.complete "$TREE" | cut -f1)

pids=()
stop_server() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_server EXIT

start_server() {
  cat > "$WORK/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$AWS_ACCESS_KEY_ID
s3proxy.credential=$AWS_SECRET_ACCESS_KEY
jclouds.provider=transient
jclouds.identity=$AWS_ACCESS_KEY_ID
jclouds.credential=$AWS_SECRET_ACCESS_KEY
PROPS
  java -Xmx3g -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 &
  pids+=($!)
  java -cp "$PROXY_CP" dev.trainyard.assets.testing.RecordingProxy "$S3_PORT" "$PROXY_PORT" > "$WORK/proxy.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    if curl -s "http://127.0.0.1:$S3_PORT/" >/dev/null 2>&1 && curl -s "$ENDPOINT/__recording/summary" >/dev/null 2>&1; then
      new_bucket
      return
    fi
    sleep 0.2
  done
  echo "server did not start" >&2; cat "$WORK/s3proxy.log" >&2; exit 1
}

# Each first-upload run gets a new empty bucket; the tools read its name from $WORK/bucket.
# (A script, not an exported function: hyperfine's sh drops exported bash functions.)
cat > "$WORK/new-bucket.sh" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
name="bench-\$(date +%s%N)"
aws --endpoint-url "$ENDPOINT" s3 mb "s3://\$name" >/dev/null
echo "\$name" > "$WORK/bucket"
SCRIPT
chmod +x "$WORK/new-bucket.sh"
new_bucket() { "$WORK/new-bucket.sh"; }

reset_counts() { curl -s -X POST "$ENDPOINT/__recording/reset" >/dev/null; }
# count NAME: the named counter of the recording proxy (0 when absent)
count() { curl -s "$ENDPOINT/__recording/summary" | awk -v k="$1" '$1==k {print $2; f=1} END {if (!f) print 0}'; }

TRAINYARD="$ROOT/trainyard upload-assets --source $TREE --target s3://\$(cat $WORK/bucket) --endpoint $ENDPOINT --path-style --json"
AWS="aws --endpoint-url $ENDPOINT --only-show-errors s3 sync $TREE s3://\$(cat $WORK/bucket) --exclude .complete"
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT=$ENDPOINT \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY \
  RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true RCLONE_CONFIG_BENCH_REGION=us-east-1
RCLONE="env -u AWS_CA_BUNDLE rclone sync $TREE bench:\$(cat $WORK/bucket) --exclude .complete"
RCLONE_CHECKSUM="$RCLONE --checksum"

# A fresh checkout: every file gets the current time (later than the objects' LastModified).
TOUCH_ALL="find $TREE -type f -exec touch {} +"
CHANGED=$TREE/product-icons/set-07/icon-0007.png
CHANGE_ONE="python3 -c \"import os; f=open('$CHANGED','r+b'); b=bytearray(f.read()); b[0]^=0xFF; f.seek(0); f.write(b); f.close()\""

results=$WORK/results.tsv
: > "$results"
record() { # tool scenario hyperfine-json [runs]
  local per_run=${4:-1}
  local total body bytes
  total=$(count TOTAL); body=$(( $(count PutObject) + $(count UploadPart) )); bytes=$(count BODY_BYTES)
  printf '%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t%.2f\n' "$1" "$2" "$(mean_of "$3")" \
    $(( total / per_run )) $(( body / per_run )) $(( bytes / per_run )) \
    $(( $(count CopyObject) / per_run )) $(( $(count HeadObject) / per_run )) "$(cpu_of "$3")" >> "$results"
  curl -s "$ENDPOINT/__recording/summary" | sed "s/^/  [$1 $2] /" >&2
}

mean_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$1"; }
# The tool's own CPU time (user + system, mean per run), steadier than wall time on a shared machine.
cpu_of() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(r['user'] + r['system'])" "$1"; }

bench_tool() { # name command
  local name=$1 cmd=$2
  log "$name"
  start_server
  reset_counts
  hyperfine --runs "$RUNS" --prepare "$WORK/new-bucket.sh" --export-json "$WORK/$name-a.json" --style basic "$cmd" >&2
  # Every run but the last left a full bucket behind; the last one is what (b) and (c) re-sync.
  record "$name" a "$WORK/$name-a.json" "$RUNS"

  reset_counts
  hyperfine --runs "$RUNS" --prepare "$TOUCH_ALL" --export-json "$WORK/$name-b.json" --style basic "$cmd" >&2
  record "$name" b "$WORK/$name-b.json" "$RUNS"

  reset_counts
  hyperfine --runs "$RUNS" --prepare "$CHANGE_ONE" --export-json "$WORK/$name-c.json" --style basic "$cmd" >&2
  record "$name" c "$WORK/$name-c.json" "$RUNS"
  stop_server
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
bench_tool trainyard "$TRAINYARD"
bench_tool aws-cli "$AWS"
bench_tool rclone "$RCLONE"
bench_tool rclone-checksum "$RCLONE_CHECKSUM"

python3 bench/assets/report.py "$results" "$FILES" "$TREE_MB" "$RUNS" \
  "$(aws --version 2>&1 | head -1)" "$(rclone version 2>/dev/null | head -1)" "$(java -version 2>&1 | head -1)" \
  "$(nproc)" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" > bench/assets/RESULTS.md
log "wrote bench/assets/RESULTS.md"
cat bench/assets/RESULTS.md
