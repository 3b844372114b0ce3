#!/usr/bin/env bash
# Changelog benchmark: trainyard vs git-cliff vs JReleaser on the last release of a generated
# 50,000-commit, 1,000-tag repository. Builds what it needs, installs the peers (apt, npm, Maven
# Central), checks that every tool lists the same commits, times them with hyperfine and writes
# bench/changelog/RESULTS.md.
#
#   bench/changelog/run.sh            # everything
#   RUNS=5 JRELEASER_RUNS=2 bench/changelog/run.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$root/bench/.cache"
work="$root/bench/work/changelog"
repo="$work/repo"
runs="${RUNS:-20}"
jreleaser_runs="${JRELEASER_RUNS:-3}"
jreleaser_version="1.23.0"
java_opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
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
rm -f "$work/trainyard-cli.json" "$work/trainyard-next-version.json"
java $java_opts "$core_cp_arg" dev.trainyard.changelog.ChangelogBenchMain "$repo" "$from" "$to" fxa >"$work/trainyard-core.json"
(cd "$repo" && "$cliff" -c "$here/cliff.toml" --context "$from..$to" 2>/dev/null) >"$work/git-cliff.json"
cp "$repo/target/jreleaser/release/CHANGELOG.md" "$work/jreleaser.md"
cli_changelog_cmd=""
cli_next_cmd=""
if cli_has changelog; then
  (cd "$repo" && "$root/trainyard" changelog --from "$from" --to "$to" --json) >"$work/trainyard-cli.json"
  cli_changelog_cmd="cd '$repo' && '$root/trainyard' changelog --from $from --to $to --json"
fi
if cli_has next-version; then
  (cd "$repo" && "$root/trainyard" next-version --json) >"$work/trainyard-next-version.json" || true
  cli_next_cmd="cd '$repo' && '$root/trainyard' next-version --json"
fi
python3 "$here/compare.py" "$work" >"$work/compare.md"
cat "$work/compare.md" >&2

# ---------------------------------------------------------------- timing
log "timing ($runs runs each; JReleaser $jreleaser_runs)"
echo "before timing: $(cut -d' ' -f1-3 /proc/loadavg)" >"$work/load.txt"
cmds=(-n "trainyard core (test-scope main)" "java $java_opts '$core_cp_arg' dev.trainyard.changelog.ChangelogBenchMain '$repo' $from $to fxa")
cmds+=(-n "trainyard core, JGit default config discovery" "java -Dbench.jgitDiscovery $java_opts '$core_cp_arg' dev.trainyard.changelog.ChangelogBenchMain '$repo' $from $to fxa")
[[ -n "$cli_changelog_cmd" ]] && cmds+=(-n "trainyard changelog --json (CLI)" "$cli_changelog_cmd")
[[ -n "$cli_next_cmd" ]] && cmds+=(-n "trainyard next-version --json (CLI)" "$cli_next_cmd")
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
