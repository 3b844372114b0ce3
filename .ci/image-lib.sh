# Shared by .ci/image-test.sh and bench/image/run.sh: the tools, the offline base image and the
# Jib build. Source it; it defines functions and variables and runs nothing by itself.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
CACHE_DIR=${TRAINYARD_CACHE:-$HOME/.cache/trainyard}
IMAGE=${TRAINYARD_TEST_IMAGE:-localhost/trainyard-image-test:latest}

# The registry base (debian:bookworm-slim in trainyard-cli/pom.xml) cannot be pulled here, so the
# test builds the same Debian release's minimal root file system with debootstrap. Like the published
# image, it has no Java: Jib adds the jlink-made runtime (.ci/jlink.sh) from the JDK in
# trainyard-cli/pom.xml's trainyard.image.jdk. The cache key is the recipe itself: change the suite
# or the variant and a new base is built.
BASE_SUITE=bookworm
BASE_VARIANT=minbase
BASE_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BASE_KEY=$(printf '%s|%s|v2' "$BASE_SUITE" "$BASE_VARIANT" | sha256sum | cut -c1-12)
BASE_TAR="$CACHE_DIR/debian-base-$BASE_KEY.tar"

log() { printf '[image] %s\n' "$*" >&2; }
die() { printf '[image] FAILED: %s\n' "$*" >&2; exit 1; }

# runc with cgroupfs: crun fails on this kind of machine (rlimits, hybrid cgroups), and runc needs
# explicit rlimits here.
PODMAN="podman --runtime /usr/sbin/runc --cgroup-manager=cgroupfs"
PODMAN_RUN="$PODMAN run --ulimit nofile=20000:20000 --ulimit nproc=1024:1024"
podman_() { $PODMAN "$@"; }

ensure_tools() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  [ -x /usr/sbin/runc ] || missing+=(runc)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v jq >/dev/null || missing+=(jq)
  command -v git >/dev/null || missing+=(git)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    [ "$(id -u)" = 0 ] || die "need root to install ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_base() {
  if [ -s "$BASE_TAR" ]; then
    log "base image: cached $BASE_TAR"
    return
  fi
  mkdir -p "$CACHE_DIR"
  local rootfs
  rootfs=$(mktemp -d "$CACHE_DIR/rootfs.XXXXXX")
  log "base image: debootstrap --variant=$BASE_VARIANT $BASE_SUITE (about a minute)"
  debootstrap --variant="$BASE_VARIANT" "$BASE_SUITE" "$rootfs" "$BASE_MIRROR" \
    > "$CACHE_DIR/debootstrap.log" 2>&1 || { tail -20 "$CACHE_DIR/debootstrap.log" >&2; die "debootstrap"; }
  # Leave out what debian:bookworm-slim does not carry, so the image size is comparable.
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*
  local base_ref="localhost/trainyard-debian-base:$BASE_KEY"
  tar -C "$rootfs" -c . | podman_ import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$base_ref" >/dev/null
  podman_ save --format docker-archive -o "$BASE_TAR.tmp" "$base_ref" >/dev/null
  mv "$BASE_TAR.tmp" "$BASE_TAR"
  rm -rf "$rootfs"
  log "base image: $BASE_TAR ($(du -h "$BASE_TAR" | cut -f1))"
}

# Builds the image with Jib as published, except for the base, and loads it into podman.
# Extra arguments go to Maven.
build_image() {
  log "jib: building $IMAGE"
  (cd "$ROOT" && ./mvnw -B -q -Pimage-tar -pl trainyard-cli -am package -DskipTests \
      -Djib.from.image="tar://$BASE_TAR" -Djib.to.image="$IMAGE" \
      -Dtrainyard.revision="$(git -C "$ROOT" rev-parse -q --verify HEAD 2>/dev/null || echo unknown)" "$@") \
    || die "jib build"
  podman_ load -q -i "$ROOT/trainyard-cli/target/jib-image.tar" >/dev/null || die "podman load"
}

# The published shape: Jib pass 1 (no archive), class-data-sharing archive dumped in that image
# into trainyard-cli/target/cds-layer, Jib pass 2 with it as an extra layer (see .ci/cds-train.sh).
build_image_with_cds() {
  rm -rf "$ROOT/trainyard-cli/target/cds-layer"
  build_image
  "$ROOT/.ci/cds-train.sh" "$PODMAN_RUN" \
    "$IMAGE" "$ROOT/trainyard-cli/target/cds-layer" || die "cds training"
  build_image -Dtrainyard.cds.layer="$ROOT/trainyard-cli/target/cds-layer"
}

