#!/usr/bin/env bash
# Dumps the class-data-sharing archive for a Jib-built trainyard image.
#
#   .ci/cds-train.sh RUN IMAGE LAYERDIR    (RUN: "docker run", or "podman ... run ..." with flags)
#
# Runs .ci/cds-train-inside.sh in IMAGE and leaves the archive at LAYERDIR/app/cds/trainyard.jsa.
# LAYERDIR is trainyard-cli/target/cds-layer, one of the Jib extra directories in trainyard-cli/pom.xml:
# the second Jib pass (same sources, same jlink runtime, reproducible layers, same base digest) adds
# it to an otherwise identical image, whose entrypoint names /app/cds/trainyard.jsa. The archive is
# only valid for the JVM and the exact classpath files it was dumped with. Used by .ci/image-lib.sh
# and .github/workflows/publish.yml.
set -euo pipefail
run_container=$1 image=$2 layerdir=$3
outdir=$(mktemp -d)
trap '[ -n "${KEEP_CDS_WORK:-}" ] || rm -rf "$outdir"' EXIT
chmod 755 "$outdir"
rm -rf "$layerdir"

cp "$(dirname "$0")/cds-train-inside.sh" "$outdir/train.sh"
# shellcheck disable=SC2086  # RUN carries the engine's own flags
$run_container --rm --network=none -v "$outdir":/cds --workdir /tmp --entrypoint sh "$image" /cds/train.sh /cds @/app/jib-classpath-file /app/jvm.args --dynamic
[ -s "$outdir/trainyard.jsa" ] || { tail -20 "$outdir/example.log" "$outdir/dump.log" >&2; echo "cds-train: no archive" >&2; exit 1; }
mkdir -p "$layerdir/app/cds"
cp "$outdir/trainyard.jsa" "$layerdir/app/cds/trainyard.jsa"
chmod 644 "$layerdir/app/cds/trainyard.jsa"
echo "cds-train: $(du -h "$outdir/trainyard.jsa" | cut -f1) archive" >&2
