#!/usr/bin/env bash
# Makes the Java runtime of the container image with jlink: only the modules trainyard's jars use,
# without debug symbols, man pages or headers, with the JDK's default class-data-sharing archive
# (the base of the image's own archive, see .ci/cds-train.sh).
#
#   .ci/jlink.sh JDK OUTDIR [EMPTYDIR]
#
# JDK: a Temurin 25 JDK (/usr/lib/jvm/temurin-25-jdk-amd64 on the build machines, setup-java's
# JAVA_HOME_25_X64 in .github/workflows/publish.yml, /opt/java/openjdk in the Dockerfile's build
# stage). Temurin builds run on any glibc Linux since 2.17, so the runtime runs on the Debian base.
# OUTDIR is made again only when the JDK or the module list changed (a stamp file beside it): the
# image's class-data archive is only valid for the runtime it was dumped with, so the two Jib passes
# of .ci/image-lib.sh and the publish workflow must add the same runtime.
# EMPTYDIR: an empty folder made too (trainyard-cli/pom.xml's first-pass archive folder: Jib needs
# every extra directory to exist).
set -euo pipefail
jdk=$1 out=$2
[ -n "${3:-}" ] && mkdir -p "$3"
[ -x "$jdk/bin/jlink" ] || { echo "jlink.sh: no JDK with jlink at $jdk (trainyard-cli/pom.xml: -Dtrainyard.image.jdk=PATH)" >&2; exit 1; }
# What jdeps finds in trainyard's jars (jdeps --print-module-deps over trainyard-cli/target/lib),
# less java.desktop (only commons-lang3's and Jackson's optional java.beans uses, which trainyard
# never reaches: the image test runs every command without it) and java.compiler (annotations only);
# jdk.charsets for the legacy encodings a commit may declare.
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.unsupported,jdk.charsets
# --strip-java-debug-attributes, not --strip-debug: that also strips native symbols with objcopy,
# which a JDK image need not have (eclipse-temurin:25-jdk has none) and Temurin's libraries carry
# none to strip (the runtime comes out byte for byte the same).
options="--strip-java-debug-attributes --no-man-pages --no-header-files --generate-cds-archive"
stamp="$out.stamp"
want=$(printf '%s\n%s\n%s\n' "$("$jdk/bin/java" -version 2>&1 | tail -1)" "$modules" "$options")
if [ -d "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "jlink: $out is up to date" >&2
  exit 0
fi
rm -rf "$out" "$stamp"
"$jdk/bin/jlink" --add-modules "$modules" $options --output "$out"
# The archive for heaps over 32 GB: trainyard never runs with one.
rm -f "$out"/lib/server/classes_nocoops.jsa
# legal/ links every module's licence files to java.base's: copies, so image layers carry files.
find "$out" -type l | while read -r link; do
  target=$(readlink -f "$link")
  rm "$link" && cp "$target" "$link"
done
printf '%s\n' "$want" > "$stamp"
echo "jlink: $out ($(du -sh "$out" | cut -f1), modules $modules)" >&2
