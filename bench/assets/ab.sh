#!/usr/bin/env bash
# A/B for upload-assets while developing: two trainyard launchers (say, a clone at the previous
# commit and this checkout), interleaved through bench/lib/ab.sh on the benchmark's tree, straight
# to s3proxy (NET=direct) or through the delay proxy (NET=wan: 20 ms, 500 Mbit/s).
#
#   bench/assets/ab.sh 10 b /tmp/before/trainyard ./trainyard
#
# Scenario a: first upload (the bucket is emptied before each run, untimed); b: no-op after every
# mtime changed (the bucket is filled once by B first). Prints the medians and the load average;
# VERBOSE=1 also prints B's phase timings (upload-assets --verbose) from one extra run.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
if [[ $# -ne 4 ]]; then
  echo "usage: $0 RUNS a|b TRAINYARD_A TRAINYARD_B" >&2
  exit 2
fi
runs=$1 scenario=$2 a=$3 b=$4
NET=${NET:-direct}
WORK=$ROOT/bench/work/assets-ab
TREE=$ROOT/bench/work/assets/tree
S3_PORT=18295 WAN_PORT=18296
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=$WORK/none AWS_SHARED_CREDENTIALS_FILE=$WORK/none NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
mkdir -p "$WORK/classes"
[[ -f $TREE/.complete ]] || { rm -rf "$TREE"; python3 bench/assets/make_tree.py "$TREE"; touch "$TREE/.complete"; }

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
# shellcheck source=../lib/s3proxy.sh
source bench/lib/s3proxy.sh
start_s3proxy "$S3_PORT" "$WORK"
port=$S3_PORT
if [[ $NET == wan ]]; then
  javac -d "$WORK/classes" bench/lib/DelayProxy.java
  java -XX:+UseSerialGC -Xmx256m -cp "$WORK/classes" DelayProxy "$WAN_PORT" "127.0.0.1:$S3_PORT" 20 500 > "$WORK/wan.log" 2>&1 &
  pids+=($!)
  port=$WAN_PORT
fi
for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break; sleep 0.2; done
aws --endpoint-url "http://127.0.0.1:$S3_PORT" s3 mb s3://ab-bench >/dev/null

args="upload-assets --source $TREE --target s3://ab-bench --endpoint http://127.0.0.1:$port --path-style --json"
case $scenario in
  a) export PREPARE="aws --endpoint-url http://127.0.0.1:$S3_PORT s3 rm --recursive --quiet s3://ab-bench" ;;
  b) "$b" $args > /dev/null
     export PREPARE="find $TREE -type f ! -name .complete -exec touch {} +" ;;
  *) echo "scenario a or b" >&2; exit 2 ;;
esac
bench/lib/ab.sh "$runs" "$a $args" "$b $args"
if [[ -n ${VERBOSE:-} ]]; then
  bash -c "$PREPARE"
  "$b" $args --verbose 2>&1 >/dev/null | grep -E 'phases|found|listed' || true
fi
