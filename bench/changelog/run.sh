#!/usr/bin/env bash
# Changelog benchmark: trainyard vs git-cliff vs JReleaser on the last release of a generated
# 50,000-commit, 1,000-tag repository. Builds what it needs, installs the peers (apt, npm, Maven
# Central), checks that every tool lists the same commits, times them with hyperfine and writes
# bench/changelog/RESULTS.md.
#
#   bench/changelog/run.sh            # everything
#   RUNS=10 JRELEASER_RUNS=2 bench/changelog/run.sh
#
# The CLI rows also report the work after start-up: every run prints one timing line on stderr
# (TRAINYARD_JAVA_OPTS=-Dtrainyard.timing=true, see trainyard-cli's StartupTiming): the time from
# entering main to the exit call, and the subcommand's share of it. When a Java 25 JDK is found
# (JAVA25_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64), the CLI rows run on it too, through the
# launcher's JAVA_HOME, each JDK with its own trained class-data archive.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$root/bench/.cache"
work="$root/bench/work/changelog"
repo="$work/repo"
runs="${RUNS:-20}"
java25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jreleaser_runs="${JRELEASER_RUNS:-3}"
jreleaser_version="1.23.0"
# The core rows run with the CLI's own JVM flags (the one list of them).
java_opts="@$root/trainyard-cli/src/main/jib/app/jvm.args"
mkdir -p "$cache" "$work"

log() { printf '\n==> %s\n' "$*" >&2; }

# ---------------------------------------------------------------- peers
# shellcheck source=../lib/peers.sh
source "$root/bench/lib/peers.sh"
ensure_hyperfine
ensure_git_cliff

# ---------------------------------------------------------------- trainyard
log "building trainyard"
(cd "$root" && ./mvnw -q -B -DskipTests package >/dev/null)
(cd "$root" && ./mvnw -q -B -pl trainyard-core test-compile >/dev/null)
(cd "$root" && ./mvnw -q -B -pl trainyard-core dependency:build-classpath \
  -Dmdep.outputFile="$work/core.classpath" >/dev/null)
# Only the jars the changelog path loads (JGit, Jackson, SLF4J): the core's full test classpath also
# holds the AWS and Google SDKs, and every class lookup would walk past them.
deps=$(tr ':' '\n' <"$work/core.classpath" \
  | grep -E '/(org\.eclipse\.jgit-[0-9]|JavaEWAH|commons-codec|slf4j-(api|nop)|jackson-(core|databind|annotations)-)' | paste -sd:)
printf -- '-cp %s\n' "$root/trainyard-core/target/classes:$root/trainyard-core/target/test-classes:$deps" >"$work/core-cp.args"
core_cp_arg="@$work/core-cp.args"
cli_has() { [[ -x "$root/trainyard" ]] && "$root/trainyard" --help 2>/dev/null | grep -qE "^  $1 "; }
# Runs the launcher once with JAVA_HOME=$1 (empty: the java on the PATH) and waits until the
# class-data archive it trains in the background is there, so that no timed run trains or misses it.
trained_archive() {
  local dir="$root/trainyard-cli/target/cds" i
  [[ -n "$1" ]] && dir="$dir-jdk-${1//[^A-Za-z0-9._-]/_}"
  (cd "$repo" && env ${1:+JAVA_HOME="$1"} "$root/trainyard" --version >/dev/null)
  for ((i = 0; i < 900; i++)); do
    [[ -s "$dir/trainyard.jsa" && "$dir/trainyard.jsa" -nt "$root/trainyard-cli/target/trainyard-cli.jar" && ! -e "$dir.lock" ]] && return 0
    sleep 1
  done
  echo "no class-data archive appeared in $dir" >&2
  return 1
}

# ---------------------------------------------------------------- repository
if [[ ! -f "$repo/.generated" || "$here/GenRepo.java" -nt "$repo/.generated" ]]; then
  log "generating the repository (git fast-import)"
  rm -rf "$repo"
  git init -q -b main "$repo"
  start=$(date +%s.%N)
  java "$here/GenRepo.java" | git -C "$repo" fast-import --quiet
  git -C "$repo" remote add origin https://github.com/example/bench.git
  git -C "$repo" checkout -q main
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "generated in %.1f s\n", e - s }' >"$repo/.generated"
fi
commits=$(git -C "$repo" rev-list --count --all)
tags=$(git -C "$repo" tag | wc -l)
last_trains=$(git -C "$repo" tag -l 'v1.*' --sort=-v:refname | awk '/^v1\.[0-9]+\.0$/ && n < 2 { print; n++ }')
to=$(sed -n 1p <<<"$last_trains")
from=$(sed -n 2p <<<"$last_trains")
range_commits=$(git -C "$repo" rev-list --count "$from..$to")
log "repository: $commits commits, $tags tags; range $from..$to has $range_commits commits"

# ---------------------------------------------------------------- JReleaser (Maven plugin)
cp "$here/jreleaser/pom.xml" "$here/jreleaser/jreleaser.yml" "$repo/"
# Maven takes the nearest folder with .mvn as the project root; without this one it would pick
# trainyard's checkout and JReleaser would read the wrong repository.
mkdir -p "$repo/.mvn"
export BENCH_PREVIOUS_TAG="$from"
version="${to#v}"
jreleaser_cmd="cd '$repo' && BENCH_PREVIOUS_TAG=$from mvn -B -q -o -Dbench.version=$version org.jreleaser:jreleaser-maven-plugin:$jreleaser_version:changelog"
log "resolving the JReleaser Maven plugin (first run downloads it)"
(cd "$repo" && mvn -B -q -Dbench.version="$version" "org.jreleaser:jreleaser-maven-plugin:$jreleaser_version:changelog" >"$work/jreleaser.log" 2>&1) \
  || { cat "$work/jreleaser.log" >&2; exit 1; }
maven_baseline_cmd="cd '$repo' && mvn -B -q -o -Dbench.version=$version validate"

# ---------------------------------------------------------------- same entries?
log "comparing entry sets"
rm -f "$work/trainyard-cli.json" "$work/trainyard-cli-25.json" "$work/trainyard-next-version.json"
java $java_opts "$core_cp_arg" dev.trainyard.changelog.ChangelogBenchMain "$repo" "$from" "$to" fxa >"$work/trainyard-core.json"
(cd "$repo" && "$cliff" -c "$here/cliff.toml" --context "$from..$to" 2>/dev/null) >"$work/git-cliff.json"
cp "$repo/target/jreleaser/release/CHANGELOG.md" "$work/jreleaser.md"
# CLI rows: name, then command; each run appends its timing line to timing-N.txt (timing.tsv: name, file).
cli_rows=()
rm -f "$work"/timing-*.txt "$work/timing.tsv"
add_cli_row() { # NAME JAVA_HOME(or empty) ARGS...
  local name=$1 home=$2 file="$work/timing-$(( ${#cli_rows[@]} / 2 + 1 )).txt"
  shift 2
  cli_rows+=("$name" "cd '$repo' && ${home:+JAVA_HOME='$home' }TRAINYARD_JAVA_OPTS=-Dtrainyard.timing=true '$root/trainyard' $* 2>>'$file'")
  printf '%s\t%s\n' "$name" "$file" >>"$work/timing.tsv"
}
jdks=("")
[[ -x "$java25/bin/java" ]] && jdks+=("$java25")
for home in "${jdks[@]}"; do
  label=""
  [[ -n "$home" ]] && label=", Java $("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk '/java.version =/ {print $3}')"
  trained_archive "$home"
  if cli_has changelog; then
    (cd "$repo" && env ${home:+JAVA_HOME="$home"} "$root/trainyard" changelog --from "$from" --to "$to" --json) >"$work/trainyard-cli${home:+-25}.json"
    add_cli_row "trainyard changelog --json (CLI$label)" "$home" changelog --from "$from" --to "$to" --json
  fi
  if cli_has next-version; then
    (cd "$repo" && env ${home:+JAVA_HOME="$home"} "$root/trainyard" next-version --json) >"$work/trainyard-next-version.json" || true
    add_cli_row "trainyard next-version --json (CLI$label)" "$home" next-version --json
  fi
done
python3 "$here/compare.py" "$work" >"$work/compare.md"
cat "$work/compare.md" >&2

# ---------------------------------------------------------------- timing
log "timing ($runs runs each; JReleaser $jreleaser_runs)"
echo "before timing: $(cut -d' ' -f1-3 /proc/loadavg)" >"$work/load.txt"
cmds=(-n "trainyard core (test-scope main)" "java $java_opts '$core_cp_arg' dev.trainyard.changelog.ChangelogBenchMain '$repo' $from $to fxa")
cmds+=(-n "trainyard core, JGit default config discovery" "java -Dbench.jgitDiscovery $java_opts '$core_cp_arg' dev.trainyard.changelog.ChangelogBenchMain '$repo' $from $to fxa")
for ((i = 0; i < ${#cli_rows[@]}; i += 2)); do cmds+=(-n "${cli_rows[i]}" "${cli_rows[i+1]}"); done
cmds+=(-n "git-cliff (binary)" "cd '$repo' && '$cliff' -c '$here/cliff.toml' $from..$to")
cmds+=(-n "git-cliff (npm wrapper)" "cd '$repo' && '$cache/npm/node_modules/.bin/git-cliff' -c '$here/cliff.toml' $from..$to")
{
  for ((i = 0; i < ${#cmds[@]}; i += 3)); do printf '# %s\n%s\n' "${cmds[i+1]}" "${cmds[i+2]}"; done
  printf '# JReleaser changelog (Maven plugin)\n%s\n# Maven start alone (baseline)\n%s\n' "$jreleaser_cmd" "$maven_baseline_cmd"
} >"$work/commands.txt"
cp "$here/NOTES.md" "$work/notes.md"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/fast.json" "${cmds[@]}" >&2
hyperfine --style basic --runs "$jreleaser_runs" --export-json "$work/slow.json" \
  -n "JReleaser changelog (Maven plugin)" "$jreleaser_cmd" \
  -n "Maven start alone (baseline)" "$maven_baseline_cmd" >&2

echo "after timing: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/load.txt"
python3 "$here/report.py" "$work" "$here/RESULTS.md" \
  "$commits" "$tags" "$from" "$to" "$range_commits" "$runs" "$jreleaser_runs" "$jreleaser_version" \
  "$("$cliff" --version | awk '{print $2}')" "$(java -version 2>&1 | head -1)"
log "wrote $here/RESULTS.md"
