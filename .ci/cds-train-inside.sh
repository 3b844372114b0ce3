#!/bin/sh
# Runs inside a trainyard image (the Jib one via .ci/cds-train.sh, the Dockerfile's in its last
# stage): runs typical commands with -XX:DumpLoadedClassList, merges the lists and dumps a static
# class-data-sharing archive for exactly this JVM and classpath.
#
#   cds-train-inside.sh OUTDIR CLASSPATH FLAGS  (CLASSPATH as given to java -cp, @argfile allowed;
#                                                FLAGS: the JVM flags file, /app/jvm.args in an image)
#
# Trains and dumps with trainyard's own JVM flags (the one list in FLAGS). Runs in the C.UTF-8
# locale, as the image entrypoint and the launcher do. A command that fails (or does not exist yet)
# still counts for the classes it loaded.
set -u
out=$1 cp=$2 flags=$3
export LC_ALL=C.UTF-8
mkdir -p "$out"
n=0
run() {
  n=$((n + 1))
  java @"$flags" -Xshare:off -XX:ErrorFile="$out/hs_err_%p.log" \
    -XX:DumpLoadedClassList="$out/$n.lst" -cp "$cp" dev.trainyard.cli.Main "$@" >/dev/null 2>&1 || true
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
  cd /
fi
rm -rf "$work"
# Keep the first occurrence in load order (a lambda proxy line must follow its class). JDK 17's
# dump crashes on lambda proxies of classes it cannot archive: JGit's jar is signed and picocli is
# compiled for Java 5, so their lambda proxies are left out (their classes load from the jars).
# Newer JDKs (25) number every class line ("java/lang/Object id: 0") and refuse a list in which
# two runs gave one class different numbers; the numbers only matter for classes of other class
# loaders, which these lists do not have, so they are dropped before merging.
i=1 lists=""
while [ "$i" -le "$n" ]; do
  [ -f "$out/$i.lst" ] && lists="$lists $out/$i.lst"
  i=$((i + 1))
done
# shellcheck disable=SC2086
sed -E 's/^([^@# ]+) id: [0-9]+$/\1/' $lists | awk '!seen[$0]++' | grep -v -E '^@lambda-proxy (org/eclipse/jgit|picocli)/' > "$out/classes.lst"
rm -f $lists
java @"$flags" -XX:ErrorFile="$out/hs_err_%p.log" -Xshare:dump -XX:SharedClassListFile="$out/classes.lst" -XX:SharedArchiveFile="$out/trainyard.jsa" \
  -cp "$cp" > "$out/dump.log" 2>&1
