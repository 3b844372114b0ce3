#!/usr/bin/env bash
# verify-deploy for 20 services whose versions flip at staggered times, beside a naive loop that
# polls every service every interval: time from the last flip to the verdict (real time) and
# request counts (a separate pass in simulated time). Needs only the JDK; writes RESULTS.md here.
# Timed: run it alone on the machine (the project's helpers wrap it in
# `bench/verify-deploy/run.sh`).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q -B -pl trainyard-core -am test \
  -Dtest=VerifyDeployBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtrainyard.bench.out="$root/bench/verify-deploy/RESULTS.md" "$@"
cat "$root/bench/verify-deploy/RESULTS.md"
