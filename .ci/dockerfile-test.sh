#!/usr/bin/env bash
# Builds the Dockerfile (the from-source image, see its header) with podman against local JDK and
# JRE bases made with debootstrap, then checks the result starts, uses its class-data-sharing
# archive and runs a command in a mounted workspace. Needs root and Maven Central (the build stage
# runs the Maven wrapper). Not part of .ci/image-test.sh: it adds minutes for an image nobody
# publishes; run it when the Dockerfile changes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=image-lib.sh
source "$ROOT/.ci/image-lib.sh"
ensure_tools
ensure_base
podman_ load -q -i "$BASE_TAR" >/dev/null
jre_ref="localhost/trainyard-jre-base:$BASE_KEY"

jdk_key=$(printf '%s|openjdk-17-jdk-headless|v1' "$BASE_SUITE" | sha256sum | cut -c1-12)
jdk_ref="localhost/trainyard-jdk-base:$jdk_key"
if ! podman_ image exists "$jdk_ref"; then
  rootfs=$(mktemp -d "$CACHE_DIR/rootfs.XXXXXX")
  log "JDK base: debootstrap $BASE_SUITE + openjdk-17-jdk-headless"
  debootstrap --variant=minbase --include=openjdk-17-jdk-headless,ca-certificates "$BASE_SUITE" "$rootfs" \
    "$BASE_MIRROR" > "$CACHE_DIR/debootstrap-jdk.log" 2>&1 || die "debootstrap (JDK)"
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman_ import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' - "$jdk_ref" >/dev/null
  rm -rf "$rootfs"
fi

image=localhost/trainyard-dockerfile-test:latest
log "podman build (Maven downloads the dependencies on the first run)"
podman_ build -q --network=host --ulimit nofile=20000:20000 --ulimit nproc=1024:1024 \
  --build-arg JDK_IMAGE="$jdk_ref" --build-arg JRE_IMAGE="$jre_ref" -t "$image" "$ROOT" >/dev/null \
  || die "podman build"

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)
run=($PODMAN_RUN --rm --network=none)
"${run[@]}" "$image" --version | grep -qx "trainyard $version" || die "--version"
"${run[@]}" -e JAVA_TOOL_OPTIONS=-Xshare:on "$image" --version >/dev/null 2>&1 || die "the CDS archive does not map"
ws=$(mktemp -d)
trap 'rm -rf "$ws"' EXIT
"${run[@]}" -v "$ws":/github/workspace "$image" example /github/workspace/yard >/dev/null 2>&1 \
  || log "example failed (see trainyard example); checking config only"
"${run[@]}" -v "$ws":/github/workspace "$image" config --json | jq -e . >/dev/null || die "config --json"
log "Dockerfile image OK: $(podman_ image inspect "$image" --format '{{.Size}}' | awk '{printf "%d MB", $1/1000000}')"
