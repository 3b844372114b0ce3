#!/usr/bin/env bash
# Builds the Dockerfile (the from-source image, see its header) with podman against local bases made
# offline: the Debian base of .ci/image-lib.sh, a JDK 17 build stage made with debootstrap, and a
# runtime stage with this machine's Temurin 25 JDK (TEMURIN25, /usr/lib/jvm/temurin-25-jdk-amd64 by
# default) at /opt/java/openjdk, as in eclipse-temurin:25-jdk. Then checks the result starts, uses its class-data-sharing
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
base_ref="localhost/trainyard-debian-base:$BASE_KEY"

temurin=${TEMURIN25:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$temurin/bin/jlink" ] || die "no Temurin 25 JDK at $temurin (set TEMURIN25)"
runtime_ref="localhost/trainyard-temurin25-jdk:$BASE_KEY"
if ! podman_ image exists "$runtime_ref"; then
  log "runtime JDK stage: the Debian base + $temurin at /opt/java/openjdk"
  podman_ build -q -t "$runtime_ref" -f - "$temurin" >/dev/null <<DOCKERFILE || die "runtime JDK stage"
FROM $base_ref
COPY . /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
DOCKERFILE
fi

jdk_key=$(printf '%s|openjdk-17-jdk-headless|v2' "$BASE_SUITE" | sha256sum | cut -c1-12)
jdk_ref="localhost/trainyard-jdk-base:$jdk_key"
if ! podman_ image exists "$jdk_ref"; then
  rootfs=$(mktemp -d "$CACHE_DIR/rootfs.XXXXXX")
  log "JDK base: debootstrap $BASE_SUITE + openjdk-17-jdk-headless"
  debootstrap --variant=minbase --include=openjdk-17-jdk-headless,ca-certificates "$BASE_SUITE" "$rootfs" \
    "$BASE_MIRROR" > "$CACHE_DIR/debootstrap-jdk.log" 2>&1 || die "debootstrap (JDK)"
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/*
  # The Maven wrapper in the build stage must trust what this machine trusts (a machine behind a
  # TLS-inspecting proxy has its own CA in the store).
  [ -f /etc/ssl/certs/java/cacerts ] && cp /etc/ssl/certs/java/cacerts "$rootfs/etc/ssl/certs/java/cacerts"
  tar -C "$rootfs" -c . | podman_ import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' - "$jdk_ref" >/dev/null
  rm -rf "$rootfs"
fi

image=localhost/trainyard-dockerfile-test:latest
log "podman build (Maven downloads the dependencies on the first run)"
podman_ build -q --network=host --ulimit nofile=20000:20000 --ulimit nproc=1024:1024 \
  --build-arg JDK_IMAGE="$jdk_ref" --build-arg RUNTIME_JDK_IMAGE="$runtime_ref" --build-arg BASE_IMAGE="$base_ref" \
  -t "$image" "$ROOT" >/dev/null \
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
