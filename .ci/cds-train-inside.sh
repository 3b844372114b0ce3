#!/bin/sh
# Makes a class-data-sharing archive of trainyard for exactly this JVM and classpath, in one of two
# shapes:
#
#   cds-train-inside.sh OUTDIR CLASSPATH FLAGS            static: the launcher ./trainyard's
#   cds-train-inside.sh OUTDIR CLASSPATH FLAGS --dynamic  dynamic: the container images'
#
# (CLASSPATH as given to java -cp, @argfile allowed; FLAGS: the JVM flags file, /app/jvm.args in an
# image.) Static: runs typical commands with -XX:DumpLoadedClassList, merges the lists and dumps a
# static archive of all their classes (about 50 MB). Dynamic: runs ONE command, `next-version
# --json` in the repository `trainyard example` makes, with -XX:ArchiveClassesAtExit: an archive of
# the classes it loads beyond the runtime's own archive (about 15 MB; 4 MB compressed), which is
# what the image's size budget allows (bench/image/RESULTS.md). The images run it inside the image
# (.ci/cds-train.sh for Jib's, the Dockerfile's last stage).
#
# Trains and dumps with trainyard's own JVM flags (the one list in FLAGS), in the C.UTF-8 locale, as
# the image entrypoint and the launcher run. A command that fails (or does not exist yet) still
# counts for the classes it loaded.
set -u
out=$1 cp=$2 flags=$3 shape=${4:-}
export LC_ALL=C.UTF-8
mkdir -p "$out"
if [ "$shape" = --dynamic ]; then
  work=$(mktemp -d)
  java @"$flags" -cp "$cp" dev.trainyard.cli.Main example "$work/example" > "$out/example.log" 2>&1
  cd "$work/example" || exit 1
  java @"$flags" -XX:ErrorFile="$out/hs_err_%p.log" -XX:ArchiveClassesAtExit="$out/trainyard.jsa" \
    -cp "$cp" dev.trainyard.cli.Main next-version --json > "$out/dump.log" 2>&1
  cd /
  rm -rf "$work"
  exit 0
fi
n=0
run() {
  run_main dev.trainyard.cli.Main "$@"
}
run_main() {
  n=$((n + 1))
  main=$1
  shift
  java @"$flags" -Xshare:off -XX:ErrorFile="$out/hs_err_%p.log" \
    -XX:DumpLoadedClassList="$out/$n.lst" -cp "$cp" "$main" "$@" >/dev/null 2>&1 || true
}
run --version
run --help
run config
for command in cut next-version changelog verify-ci upload-assets merge-back example config; do
  run "$command" --help
done
work=$(mktemp -d)
run example "$work/example"
if [ -d "$work/example/.git" ]; then
  cd "$work/example"
  run next-version --json
  run changelog --from HEAD~2
  run cut --dry-run
  run merge-back --json --offline
  mkdir -p "$work/assets" && echo '<svg/>' > "$work/assets/a.svg"
  run upload-assets --source "$work/assets" --target s3://bucket/p --endpoint http://127.0.0.1:9 --dry-run --json
  # A clone's objects are packed, the example's are loose: JGit reads packs with classes (pack
  # index, window cache) the runs above never load. Where git is installed, pack and read again.
  if command -v git >/dev/null 2>&1 && git gc -q >/dev/null 2>&1; then
    run next-version --json
    run changelog --from HEAD~2 --json
  fi
  cd /
fi
rm -rf "$work"
# upload-assets against a loopback bucket in the same JVM, an upload and then a no-op: the classes of
# a real S3 reply (about a thousand the dry run above never reaches) load from the archive too.
run_main dev.trainyard.cli.training.S3RoundTrip
# Keep the first occurrence in load order (a lambda proxy line must follow its class). JDK 17's
# dump crashes on lambda proxies of classes it cannot archive: JGit's jar is signed and picocli is
# compiled for Java 5, so their lambda proxies are left out (their classes load from the jars).
# So are trainyard's lambdas that implement a picocli interface: making them at dump time links
# the Java 5 interface, which the dump then skips ("Old class has been linked"), and with it every
# class that implements it; a run would load those from the jar, waiting on the class path.
# Newer JDKs (25) number every class line ("java/lang/Object id: 0") and refuse a list in which
# two runs gave one class different numbers; the numbers only matter for classes of other class
# loaders, which these lists do not have, so they are dropped before merging.
i=1 lists=""
while [ "$i" -le "$n" ]; do
  [ -f "$out/$i.lst" ] && lists="$lists $out/$i.lst"
  i=$((i + 1))
done
# shellcheck disable=SC2086
sed -E 's/^([^@# ]+) id: [0-9]+$/\1/' $lists | awk '!seen[$0]++' | grep -v -E '^@lambda-proxy ((org/eclipse/jgit|picocli)/|[^ ]+ [^ ]+ [^ ]*\)Lpicocli/)' > "$out/classes.lst"
rm -f $lists
java @"$flags" -XX:ErrorFile="$out/hs_err_%p.log" -Xshare:dump -XX:SharedClassListFile="$out/classes.lst" -XX:SharedArchiveFile="$out/trainyard.jsa" \
  -cp "$cp" > "$out/dump.log" 2>&1
