#!/bin/sh
# Runs inside a trainyard image (the Jib one via .ci/cds-train.sh, the Dockerfile's in its last
# stage): makes the image's class-data-sharing archive, a dynamic archive of the classes one typical
# command loads, on top of the Java runtime's own archive (lib/server/classes.jsa, made by jlink),
# for exactly this JVM and classpath.
#
#   cds-train-inside.sh OUTDIR CLASSPATH FLAGS  (CLASSPATH as given to java -cp, @argfile allowed;
#                                                FLAGS: the JVM flags file, /app/jvm.args in an image)
#
# Trains and dumps with trainyard's own JVM flags (the one list in FLAGS), in the C.UTF-8 locale, as
# the image entrypoint and the launcher run. The training command is `next-version --json` in the
# repository `trainyard example` makes: it loads the command line, the configuration, JGit's
# repository access and the JSON output that most commands share (bench/image/RESULTS.md weighs
# this against an archive of `--version` alone and against Java 25's AOT cache, which takes one run
# too but carries every JDK class again). A dynamic archive comes from one run; the JVM writes it
# when that run exits.
set -u
out=$1 cp=$2 flags=$3
export LC_ALL=C.UTF-8
mkdir -p "$out"
work=$(mktemp -d)
java @"$flags" -cp "$cp" dev.trainyard.cli.Main example "$work/example" > "$out/example.log" 2>&1
cd "$work/example" || exit 1
java @"$flags" -XX:ErrorFile="$out/hs_err_%p.log" -XX:ArchiveClassesAtExit="$out/trainyard.jsa" \
  -cp "$cp" dev.trainyard.cli.Main next-version --json > "$out/dump.log" 2>&1
cd /
rm -rf "$work"
