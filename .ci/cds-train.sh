#!/usr/bin/env bash
# Dumps the class-data-sharing archive for a Jib-built trainyard image.
#
#   .ci/cds-train.sh RUN IMAGE LAYERDIR    (RUN: "docker run", or "podman ... run ..." with flags)
#
# Runs typical commands inside IMAGE with -XX:DumpLoadedClassList, merges the lists and dumps a
# static archive to LAYERDIR/app/cds/trainyard.jsa, ready for -Djib.extraDirectories.paths=LAYERDIR. The archive is only valid for the JVM and the exact
# classpath files it was dumped with, so the second Jib pass (same sources, reproducible layers,
# same base digest) adds it to an otherwise identical image; the JVM flags in trainyard-cli/pom.xml
# point at /app/cds/trainyard.jsa. Used by .ci/image-test.sh and .github/workflows/publish.yml.
set -euo pipefail
run_container=$1 image=$2 layerdir=$3
outdir=$(mktemp -d)
trap '[ -n "${KEEP_CDS_WORK:-}" ] || rm -rf "$outdir"' EXIT
chmod 755 "$outdir"
rm -rf "$layerdir"

# Inside the image: every command a workflow step is likely to run, each in its own JVM so the
# merged list covers their classes. A command that does not exist yet just fails here; the run
# still counts for the classes loaded up to the failure.
cat > "$outdir/train.sh" <<'EOF'
set -u
cp=@/app/jib-classpath-file
n=0
run() {
  n=$((n + 1))
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:off -XX:DumpLoadedClassList=/cds/$n.lst \
    -cp "$cp" dev.trainyard.cli.Main "$@" >/dev/null 2>&1 || true
}
run --version
run --help
run config
for command in cut next-version changelog verify-ci upload-assets merge-back config; do
  run "$command" --help
done
run example /tmp/example
if [ -d /tmp/example/.git ]; then
  cd /tmp/example
  run next-version --json
  run changelog
  run cut --dry-run
  run merge-back --json
  mkdir -p /tmp/assets && echo '<svg/>' > /tmp/assets/a.svg
  run upload-assets --source /tmp/assets --target s3://bucket/p --dry-run --json
fi
# Keep the first occurrence in load order (a lambda proxy line must follow its class). JDK 17's
# dump crashes on lambda proxies of classes it cannot archive: JGit's jar is signed and picocli is
# compiled for Java 5, so their lambda proxies are left out (their classes load from the jars).
cd /cds
awk '!seen[$0]++' $(ls [0-9]*.lst | sort -n) | grep -v -E '^@lambda-proxy (org/eclipse/jgit|picocli)/' > /cds/classes.lst
java -Xshare:dump -XX:SharedClassListFile=/cds/classes.lst -XX:SharedArchiveFile=/cds/trainyard.jsa \
  -cp "$cp" > /cds/dump.log 2>&1
EOF

# shellcheck disable=SC2086  # RUN carries the engine's own flags
$run_container --rm --network=none -v "$outdir":/cds --entrypoint bash "$image" /cds/train.sh
[ -s "$outdir/trainyard.jsa" ] || { tail -20 "$outdir/dump.log" >&2; echo "cds-train: no archive" >&2; exit 1; }
mkdir -p "$layerdir/app/cds"
cp "$outdir/trainyard.jsa" "$layerdir/app/cds/trainyard.jsa"
chmod 644 "$layerdir/app/cds/trainyard.jsa"
echo "cds-train: $(wc -l < "$outdir/classes.lst") classes, $(du -h "$outdir/trainyard.jsa" | cut -f1) archive" >&2
