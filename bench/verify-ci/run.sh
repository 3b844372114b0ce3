#!/usr/bin/env bash
# Measures requests and rate-limit units that verify-ci spends waiting, against the approach of the
# popular wait actions, on the same WireMock GitHub. Needs only the JDK; writes RESULTS.md here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q -B -pl trainyard-core -am test \
  -Dtest=VerifyCiBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtrainyard.bench.out="$root/bench/verify-ci/RESULTS.md"
cat "$root/bench/verify-ci/RESULTS.md"
