#!/usr/bin/env bash
# The container image test: builds the image the action runs (Jib, two passes for the class-data-
# sharing archive, the jlink-made runtime) on a local Debian base made with debootstrap, then runs it exactly as the GitHub Actions runner runs a
# container action, and checks every command that works offline, including that the launcher
# ./trainyard writes the same outputs from the same inputs.
#
# The runner's way (actions/runner ContainerActionHandler), reproduced here:
#   docker run --rm --workdir /github/workspace -e INPUT_<NAME> (every declared input, hyphens kept)
#     -e GITHUB_* -e HOME=/github/home ... -v <temp>/_github_home:/github/home
#     -v <temp>/_github_workflow:/github/workflow -v <temp>/_runner_file_commands:/github/file_commands
#     -v <checkout>:/github/workspace IMAGE <runs.args>
# with the checkout and the file-command files owned by the runner's user (uid 1001), not root.
#
# Needs root (apt-get, debootstrap, rootful podman). Caches under ~/.cache/trainyard (or
# $TRAINYARD_CACHE). Usage: .ci/image-test.sh [--no-build]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=image-lib.sh
source "$ROOT/.ci/image-lib.sh"

build=true
[ "${1:-}" = --no-build ] && build=false
started=$(date +%s)

ensure_tools
command -v node >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
"$ROOT/.ci/validate-actions.sh"
TOOLS=$(ls -d "$CACHE_DIR"/lint-* | head -1)
cp "$ROOT/.ci/lint/runner-env.mjs" "$TOOLS/"

ensure_base
if $build; then
  build_image_with_cds
fi

VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)
RUNNER_UID=1001
LOCKED_UID=1002
TOKEN=ghs_imagetestnotarealtoken000000000000
WORK=$(mktemp -d /tmp/trainyard-image-test.XXXXXX)
chmod 755 "$WORK"
keep_work=false
s3proxy_pid=
cleanup() {
  [ -n "$s3proxy_pid" ] && kill "$s3proxy_pid" 2>/dev/null
  $keep_work || rm -rf "$WORK"
}
trap cleanup EXIT
RESULTS="$WORK/results"
mkdir -p "$RESULTS"

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; shift; for line in "$@"; do printf '      %s\n' "$line"; done; }
# check NAME COMMAND...: passes when COMMAND succeeds.
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name" "failed: $*"; fi; }
has_command() { grep -Eq "^  $1( |$)" "$RESULTS/help.out"; }

# ---- the runner's folders -------------------------------------------------------------------
# new_runner DIR: the runner's temp folders and a workspace, owned by the runner's uid.
new_runner() {
  local dir=$1
  mkdir -p "$dir/_temp/_github_home" "$dir/_temp/_github_workflow" "$dir/_temp/_runner_file_commands" "$dir/workspace"
  echo '{"ref":"refs/heads/main","repository":{"full_name":"acme/widgets"}}' > "$dir/_temp/_github_workflow/event.json"
}
RUNNER="$WORK/runner"
new_runner "$RUNNER"
WS="$RUNNER/workspace"

# github_env WORKSPACE HOME FILES ID: the runner's GITHUB_* variables, NUL-separated.
github_env() {
  local workspace=$1 home=$2 files=$3 id=$4 sha
  sha=$(git -c safe.directory='*' -C "$WS" rev-parse -q --verify HEAD 2>/dev/null || echo 0000000000000000000000000000000000000000)
  printf '%s\0' CI=true GITHUB_ACTIONS=true HOME="$home" GITHUB_WORKSPACE="$workspace" \
    GITHUB_REPOSITORY=acme/widgets GITHUB_REPOSITORY_OWNER=acme GITHUB_SERVER_URL=https://github.com \
    GITHUB_API_URL=http://127.0.0.1:9 GITHUB_GRAPHQL_URL=http://127.0.0.1:9/graphql \
    GITHUB_SHA="$sha" GITHUB_REF=refs/heads/main GITHUB_REF_NAME=main GITHUB_REF_TYPE=branch \
    GITHUB_EVENT_NAME=workflow_dispatch GITHUB_EVENT_PATH="${home%/*}/workflow/event.json" \
    GITHUB_WORKFLOW=release GITHUB_JOB=release GITHUB_ACTION=trainyard GITHUB_ACTOR=octocat \
    GITHUB_RUN_ID=4242 GITHUB_RUN_NUMBER=7 GITHUB_RUN_ATTEMPT=1 RUNNER_OS=Linux RUNNER_ARCH=X64 \
    RUNNER_NAME="GitHub Actions 2" RUNNER_TEMP=/home/runner/work/_temp RUNNER_TOOL_CACHE=/opt/hostedtoolcache \
    GITHUB_OUTPUT="$files/set_output_$id" GITHUB_STEP_SUMMARY="$files/step_summary_$id" \
    GITHUB_ENV="$files/set_env_$id" GITHUB_PATH="$files/add_path_$id" GITHUB_STATE="$files/save_state_$id"
}

# run_step ID [--user UID:GID] [--workspace DIR] [--host-network] COMMAND [input=value]...
# Runs the image like the runner runs `uses: trainyard-dev/trainyard` with `command: COMMAND` and
# the given `with:` inputs, plus the variables in STEP_ENV (a step's `env:`, or what an earlier
# step exported). Leaves RESULTS/ID.{rc,out,err,output,summary}.
STEP_ENV=()
run_step() {
  local id=$1; shift
  local extra=() workspace=$WS network=none
  while true; do
    case $1 in
      --user) extra+=(--user "$2"); shift 2 ;;
      --workspace) workspace=$2; shift 2 ;;
      --host-network) network=host; shift ;;
      *) break ;;
    esac
  done
  for entry in "${STEP_ENV[@]}"; do extra+=(-e "$entry"); done
  local command=$1; shift
  local files="$RUNNER/_temp/_runner_file_commands"
  for f in set_output step_summary set_env add_path save_state; do : > "$files/${f}_$id"; done
  chown -R "$RUNNER_UID:$RUNNER_UID" "$files"
  local env_args=() entry
  while IFS= read -r -d '' entry; do env_args+=(-e "$entry"); done < <(
    node "$TOOLS/runner-env.mjs" "$ROOT/action.yml" "$TOKEN" "command=$command" "$@"
    github_env /github/workspace /github/home /github/file_commands "$id")
  set +e
  # shellcheck disable=SC2086
  $PODMAN_RUN --rm --network="$network" --name "trainyard-test-$id" --workdir /github/workspace "${extra[@]}" \
    "${env_args[@]}" \
    -v "$RUNNER/_temp/_github_home":/github/home -v "$RUNNER/_temp/_github_workflow":/github/workflow \
    -v "$files":/github/file_commands -v "$workspace":/github/workspace \
    "$IMAGE" "$command" > "$RESULTS/$id.out" 2> "$RESULTS/$id.err"
  echo $? > "$RESULTS/$id.rc"
  set -e
  cp "$files/set_output_$id" "$RESULTS/$id.output"
  cp "$files/step_summary_$id" "$RESULTS/$id.summary"
}

# run_launcher ID COMMAND [input=value]...: the same step through ./trainyard on this machine, in a
# copy of the workspace, with the same inputs and variables. Leaves RESULTS/ID.launcher.*.
run_launcher() {
  local id=$1 command=$2; shift 2
  local dir="$WORK/launcher-$id"
  new_runner "$dir"
  rm -rf "$dir/workspace" && cp -a "$WS" "$dir/workspace"
  local files="$dir/_temp/_runner_file_commands"
  for f in set_output step_summary set_env add_path save_state; do : > "$files/${f}_$id"; done
  local env_args=(PATH="$PATH" "${STEP_ENV[@]}") entry
  [ -n "${JAVA_HOME:-}" ] && env_args+=(JAVA_HOME="$JAVA_HOME")
  while IFS= read -r -d '' entry; do env_args+=("$entry"); done < <(
    node "$TOOLS/runner-env.mjs" "$ROOT/action.yml" "$TOKEN" "command=$command" "$@"
    github_env "$dir/workspace" "$dir/_temp/_github_home" "$files" "$id")
  set +e
  (cd "$dir/workspace" && env -i "${env_args[@]}" "$ROOT/trainyard" "$command") \
    > "$RESULTS/$id.launcher.out" 2> "$RESULTS/$id.launcher.err"
  echo $? > "$RESULTS/$id.launcher.rc"
  set -e
  sed "s:$dir/workspace:/github/workspace:g" "$files/set_output_$id" > "$RESULTS/$id.launcher.output"
  sed "s:$dir/workspace:/github/workspace:g" "$files/step_summary_$id" > "$RESULTS/$id.launcher.summary"
  sed -i "s:$dir/workspace:/github/workspace:g" "$RESULTS/$id.launcher.out" "$RESULTS/$id.launcher.err"
}

rc() { cat "$RESULTS/$1.rc"; }
# output ID NAME: a step output as the runner would read it from the GITHUB_OUTPUT file.
output() {
  awk -v name="$2" '
    !inside && index($0, name "<<") == 1 { delim = substr($0, length(name) + 3); inside = 1; value = ""; n = 0; next }
    inside && $0 == delim { inside = 0; print value; exit }
    inside { value = (n++ ? value "\n" : "") $0 }
    !inside && index($0, name "=") == 1 { print substr($0, length(name) + 2); exit }
  ' "$RESULTS/$1.output"
}
# Random output delimiters and wall-clock instants (the only timestamps with fractions of a second)
# differ between any two runs.
normalized() {
  sed -E 's/ghadelimiter_[0-9a-f]+/ghadelimiter_X/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]+Z/INSTANT/g' "$1"
}
# same_as_launcher ID: exit code, stdout, outputs and summary equal between image and launcher.
same_as_launcher() {
  local id=$1 problems=()
  [ "$(rc "$id")" = "$(cat "$RESULTS/$id.launcher.rc")" ] \
    || problems+=("exit code: image $(rc "$id"), launcher $(cat "$RESULTS/$id.launcher.rc")")
  for part in out output summary; do
    if ! diff -u <(normalized "$RESULTS/$id.$part") <(normalized "$RESULTS/$id.launcher.$part") > "$RESULTS/$id.$part.diff"; then
      problems+=("$part differs:" "$(head -20 "$RESULTS/$id.$part.diff")")
    fi
  done
  if [ ${#problems[@]} -eq 0 ]; then pass "$id: launcher writes the same exit code, stdout, outputs and summary"
  else fail "$id: launcher differs from the image" "${problems[@]}"; fi
}
first_error_line() { grep -m1 '^trainyard: ' "$RESULTS/$1.err" || true; }
error_lines() { grep -c '^trainyard: ' "$RESULTS/$1.err" || true; }

echo "== image"
podman_ image inspect "$IMAGE" > "$RESULTS/inspect.json"
size=$(jq '.[0].Size' "$RESULTS/inspect.json")
app_layers=$(podman_ history --format '{{.Size}} {{.CreatedBy}}' "$IMAGE" | grep -c jib-maven-plugin || true)
echo "image $IMAGE: $((size / 1000000)) MB in all, $app_layers Jib layers:"
podman_ history --format '  {{.Size}}\t{{.CreatedBy}}' "$IMAGE"
label() { jq -r --arg k "$1" '.[0].Config.Labels[$k] // ""' "$RESULTS/inspect.json"; }
check "label org.opencontainers.image.version is $VERSION" test "$(label org.opencontainers.image.version)" = "$VERSION"
for key in source description revision title; do
  check "label org.opencontainers.image.$key is set" test -n "$(label "org.opencontainers.image.$key")"
done
check "working directory is /github/workspace" test "$(jq -r '.[0].Config.WorkingDir' "$RESULTS/inspect.json")" = /github/workspace
check "runs as the image's default user (root), as GitHub requires" test -z "$(jq -r '.[0].Config.User // ""' "$RESULTS/inspect.json")"
check "entrypoint is java in C.UTF-8 with the flags file and the CLI main class" \
  bash -c "jq -r '.[0].Config.Entrypoint | join(\" \")' '$RESULTS/inspect.json' | grep -Eq '^/usr/bin/env LC_ALL=C\.UTF-8 java @/app/jvm\.args .* dev\.trainyard\.cli\.Main$'"
$PODMAN_RUN --rm --network=none --entrypoint cat "$IMAGE" /app/jvm.args > "$RESULTS/jvm.args" 2>&1 || true
check "the image's /app/jvm.args is the repository's one list of JVM flags" \
  cmp -s "$RESULTS/jvm.args" "$ROOT/trainyard-cli/src/main/jib/app/jvm.args"

echo "== class-data sharing"
set +e
$PODMAN_RUN --rm --network=none -e JAVA_TOOL_OPTIONS=-Xshare:on "$IMAGE" --version > "$RESULTS/cds.out" 2>&1
cds_rc=$?
$PODMAN_RUN --rm --network=none -e JAVA_TOOL_OPTIONS=-Xlog:class+load=info "$IMAGE" --version > "$RESULTS/cds-log.out" 2>&1
set -e
check "the AppCDS archive maps (-Xshare:on starts)" test "$cds_rc" = 0
check "the CLI's classes come from the archive" grep -q 'dev.trainyard.cli.Main source: shared objects file' "$RESULTS/cds-log.out"
$PODMAN_RUN --rm --network=none --entrypoint sh "$IMAGE" -c 'command -v java; java --list-modules' > "$RESULTS/runtime.out" 2>&1 || true
check "java is the jlink-made runtime at /opt/java/openjdk" test "$(head -1 "$RESULTS/runtime.out")" = /opt/java/openjdk/bin/java
check "the runtime has only the modules .ci/jlink.sh names (no java.desktop)" \
  bash -c "! grep -q '^java.desktop@' '$RESULTS/runtime.out' && grep -q '^java.net.http@' '$RESULTS/runtime.out'"

echo "== runner-like runs: --version and --help"
new_runner "$RUNNER"
chown -R "$RUNNER_UID:$RUNNER_UID" "$RUNNER"
run_step version --version
check "--version exits 0" test "$(rc version)" = 0
check "--version names $VERSION" grep -qx "trainyard $VERSION" "$RESULTS/version.out"
run_step help --help
check "--help exits 0" test "$(rc help)" = 0
check "--help lists the config command" has_command config

echo "== one clear line for each refusal"
run_step no-command ""
check "empty 'command' input: exit 2" test "$(rc no-command)" = 2
check "empty 'command' input: one error line naming the input" \
  test "$(first_error_line no-command)" = "trainyard: error: the action input 'command' is required but empty"
check "empty 'command' input: an error annotation for the run page" \
  grep -q "^::error::the action input 'command' is required but empty" "$RESULTS/no-command.out"

LOCKED="$WORK/locked/workspace"
mkdir -p "$LOCKED" && echo x > "$LOCKED/file" && chown -R "$RUNNER_UID:$RUNNER_UID" "$WORK/locked" && chmod 700 "$LOCKED"
run_step locked --user "$LOCKED_UID:$LOCKED_UID" --workspace "$LOCKED" config
check "unreadable workspace: exit 2" test "$(rc locked)" = 2
check "unreadable workspace: one line with path and uids" test "$(first_error_line locked)" = \
  "trainyard: error: cannot read the workspace /github/workspace (owner uid $RUNNER_UID, trainyard runs as uid $LOCKED_UID)"
check "unreadable workspace: exactly one error line" test "$(error_lines locked)" = 1

echo "== config in a workspace owned by uid $RUNNER_UID"
cat > "$WS/.trainyard.yml" <<'EOF'
github:
  repository: acme/widgets
EOF
chown -R "$RUNNER_UID:$RUNNER_UID" "$WS"
run_step config config args=--json
run_launcher config config args=--json
check "config --json exits 0" test "$(rc config)" = 0
check "config --json prints the file's repository" \
  test "$(jq -r '.github.repository' "$RESULTS/config.out")" = acme/widgets
same_as_launcher config

echo "== the example repository as the checkout (owned by uid $RUNNER_UID)"
rm -rf "$WS" && mkdir -p "$WS"
check "example: the launcher creates the example repository" \
  bash -c '"$1" example "$2" > "$3" 2>&1' _ "$ROOT/trainyard" "$WS" "$RESULTS/example-host.out"
# The same command in the image, into an empty workspace owned by the runner: the same history.
EXAMPLE_WS="$WORK/example-ws"
mkdir -p "$EXAMPLE_WS" && chown "$RUNNER_UID:$RUNNER_UID" "$EXAMPLE_WS"
run_step example --workspace "$EXAMPLE_WS" example args=yard
check "example in the image: exit 0" test "$(rc example)" = 0
refs() { git -c safe.directory='*' -C "$1" for-each-ref --format='%(refname) %(objectname)'; }
refs "$WS" > "$RESULTS/example-host.refs"
refs "$EXAMPLE_WS/yard" > "$RESULTS/example-image.refs" 2>/dev/null || true
check "example in the image: the same refs and commits as the launcher's" \
  diff "$RESULTS/example-host.refs" "$RESULTS/example-image.refs"
chown -R "$RUNNER_UID:$RUNNER_UID" "$WS"
# The host's git refuses a checkout owned by another user ("dubious ownership"); JGit in the image
# has no such check, which the runs below rely on.
git_ws() { git -c safe.directory='*' -C "$WS" "$@"; }
ws_state() { (cd "$WS" && git_ws for-each-ref --format='%(refname) %(objectname)' && git_ws status --porcelain && find . -not -uid "$RUNNER_UID" | head -5); }
ws_state > "$RESULTS/ws-before"

if has_command next-version; then
  run_step next-version next-version args=--json
  run_launcher next-version next-version args=--json
  check "next-version --json: exit 0" test "$(rc next-version)" = 0
  nv_version=$(jq -r .version "$RESULTS/next-version.out" 2>/dev/null || true)
  nv_previous=$(jq -r .previousTag "$RESULTS/next-version.out" 2>/dev/null || true)
  check "next-version --json: a version" test -n "$nv_version"
  check "next-version: output 'version' equals the JSON" test "$(output next-version version)" = "$nv_version"
  check "next-version: output 'tag' equals the JSON" test "$(output next-version tag)" = "$(jq -r .tag "$RESULTS/next-version.out")"
  check "next-version: output 'branch' equals the JSON" test "$(output next-version branch)" = "$(jq -r '.branch // ""' "$RESULTS/next-version.out")"
  check "next-version: output 'previous-tag' equals the JSON" test "$(output next-version previous-tag)" = "$nv_previous"
  same_as_launcher next-version

  # Not root: the workspace owner, as with `options: --user 1001` or a rootless engine.
  run_step next-version-owner --user "$RUNNER_UID:$RUNNER_UID" next-version args=--json
  check "next-version as the workspace owner (uid $RUNNER_UID): the same version" \
    test "$(jq -r .version "$RESULTS/next-version-owner.out" 2>/dev/null)" = "$nv_version"
fi

if has_command changelog && [ -n "${nv_previous:-}" ]; then
  run_step changelog changelog "args=--from $nv_previous"
  run_launcher changelog changelog "args=--from $nv_previous"
  check "changelog --from $nv_previous: exit 0" test "$(rc changelog)" = 0
  subject=$(git_ws log -1 --format=%s HEAD | sed -E 's/^[a-z]+(\([^)]*\))?!?: //; s/ \(#[0-9]+\)$//')
  check "changelog: output 'changelog' has the newest commit ('$subject')" \
    bash -c "grep -qF -- \"\$1\" \"\$2\"" _ "$subject" "$RESULTS/changelog.output"
  same_as_launcher changelog
fi

if has_command cut; then
  run_step cut cut dry-run=true
  run_launcher cut cut dry-run=true
  check "cut --dry-run: exit 0" test "$(rc cut)" = 0
  check "cut --dry-run: output 'version' is next-version's" test "$(output cut version)" = "${nv_version:-?}"
  check "cut --dry-run: output 'tag'" test -n "$(output cut tag)"
  check "cut --dry-run: output 'compare-url' points at the repository" \
    bash -c "[[ \"\$1\" == https://github.com/* ]]" _ "$(output cut compare-url)"
  check "cut --dry-run: a step summary" test -s "$RESULTS/cut.summary"
  ws_state > "$RESULTS/ws-after-cut"
  check "cut --dry-run: refs, work tree and file owners unchanged" diff -q "$RESULTS/ws-before" "$RESULTS/ws-after-cut"
  same_as_launcher cut

  # action.yml tells the CLI whether `token` is still the workflow's own (whose pushes start nothing).
  run_step cut-default-token cut dry-run=true push=true
  check "cut --push with the default token: one warning that no tag workflow will start" \
    bash -c "grep -c '^::warning::--push would push .* own GITHUB_TOKEN: GitHub starts no workflow' \"\$1\" | grep -qx 1" \
    _ "$RESULTS/cut-default-token.out"
  run_step cut-app-token cut dry-run=true push=true token=ghs_appinstallationtokennotreal0000
  check "cut --push with another token: no such warning" \
    bash -c "test \"\$1\" = 0 && ! grep -q 'GitHub starts no workflow' \"\$2\"" _ "$(rc cut-app-token)" "$RESULTS/cut-app-token.out"
fi

if has_command publish-release; then
  # Refused before any remote call: the runner passes every declared input, so an empty `version` arrives as "".
  run_step publish-no-version publish-release
  check "publish-release without version: exit 2, one error line naming --version" \
    bash -c "test \"\$1\" = 2 && grep -c '^trainyard: ' \"\$2\" | grep -qx 1 && grep -q '^trainyard: error: --version is required' \"\$2\"" \
    _ "$(rc publish-no-version)" "$RESULTS/publish-no-version.err"
fi

if has_command deploy-order; then
  run_step deploy-order deploy-order env=production args=--json
  run_launcher deploy-order deploy-order env=production args=--json
  check "deploy-order --env production --json: exit 0" test "$(rc deploy-order)" = 0
  check "deploy-order: auth-server first, content-server last" \
    test "$(jq -r '(.order | first) + " " + (.order | last)' "$RESULTS/deploy-order.out" 2>/dev/null)" = "auth-server content-server"
  check "deploy-order: output 'order' equals the JSON" \
    test "$(output deploy-order order)" = "$(jq -c .order "$RESULTS/deploy-order.out" 2>/dev/null)"
  check "deploy-order: output 'matrix' has one entry per service" \
    test "$(output deploy-order matrix | jq '.include | length' 2>/dev/null)" = "$(jq '.order | length' "$RESULTS/deploy-order.out" 2>/dev/null)"
  check "deploy-order: output 'fail-fast' is true in production" test "$(output deploy-order fail-fast)" = true
  check "deploy-order: the step summary draws the waves" grep -q '^flowchart LR' "$RESULTS/deploy-order.summary"
  same_as_launcher deploy-order
fi

if has_command verify-deploy; then
  # No network in the container: the example's endpoints cannot be reached, so the tag is not live.
  run_step verify-deploy verify-deploy env=stage version=v1.3.1 timeout=0 all=true
  check "verify-deploy with unreachable endpoints: exit 1" test "$(rc verify-deploy)" = 1
  check "verify-deploy: output 'live' is false" test "$(output verify-deploy live)" = false
  run_step verify-deploy-no-version verify-deploy env=stage
  check "verify-deploy without a version: exit 2" test "$(rc verify-deploy-no-version)" = 2
  check "verify-deploy without a version: one error line naming --version" \
    bash -c "grep -c '^trainyard: ' \"\$1\" | grep -qx 1 && grep -q '^trainyard: error: no version' \"\$1\" && grep -q -- '--version' \"\$1\"" \
    _ "$RESULTS/verify-deploy-no-version.err"
fi

if has_command merge-back; then
  # --offline: the git answer only; with a token merge-back would also ask GitHub about squash merges.
  run_step merge-back merge-back "args=--json --offline"
  run_launcher merge-back merge-back "args=--json --offline"
  stale=$(jq -r .stale "$RESULTS/merge-back.out" 2>/dev/null || true)
  check "merge-back --json: refs checked" test "$(jq '.refs | length' "$RESULTS/merge-back.out" 2>/dev/null || echo 0)" -gt 0
  check "merge-back --json: exit $([ "${stale:-0}" -gt 0 ] && echo 1 || echo 0) for $stale stale refs" \
    test "$(rc merge-back)" = "$([ "${stale:-0}" -gt 0 ] && echo 1 || echo 0)"
  check "merge-back: output 'stale-count' equals the JSON" test "$(output merge-back stale-count)" = "$stale"
  same_as_launcher merge-back

  run_step merge-back-no-token merge-back tracking-issue=true token=
  check "missing token (merge-back --tracking-issue): exit 2" test "$(rc merge-back-no-token)" = 2
  check "missing token: one error line naming the token" \
    bash -c "grep -c '^trainyard: ' \"\$1\" | grep -qx 1 && grep -q '^trainyard: error: .*token' \"\$1\"" _ "$RESULTS/merge-back-no-token.err"
fi

if has_command deploy-bug; then
  # Offline and without a Bugzilla key: the dry run asks no tracker and prints the comment that
  # train 3's request would get for its patch release v1.3.1.
  run_step deploy-bug deploy-bug dry-run=true version=v1.3.1 args=--json
  run_launcher deploy-bug deploy-bug dry-run=true version=v1.3.1 args=--json
  check "deploy-bug --dry-run: exit 0" test "$(rc deploy-bug)" = 0
  check "deploy-bug --dry-run: output 'action' is would-comment" test "$(output deploy-bug action)" = would-comment
  check "deploy-bug --json: the body is the patch's comment" \
    bash -c "jq -r .body \"\$1\" | grep -q '^Please deploy yard patch release v1.3.1 to stage.'" _ "$RESULTS/deploy-bug.out"
  same_as_launcher deploy-bug

  run_step deploy-bug-no-key deploy-bug version=v1.3.0 bugzilla-api-key=
  check "deploy-bug without a key: exit 2" test "$(rc deploy-bug-no-key)" = 2
  check "deploy-bug without a key: one error line naming BUGZILLA_API_KEY" \
    bash -c "grep -c '^trainyard: ' \"\$1\" | grep -qx 1 && grep -q '^trainyard: error: .*BUGZILLA_API_KEY' \"\$1\"" _ "$RESULTS/deploy-bug-no-key.err"
fi

if has_command verify-ci; then
  # No network in the container: without a token verify-ci warns once, then fails as a remote error.
  run_step verify-ci verify-ci token=
  check "verify-ci without token, offline: exit 3 (remote)" test "$(rc verify-ci)" = 3
  check "verify-ci without token: one warning line about the token" \
    bash -c "grep -c '^::warning::no GitHub token' \"\$1\" | grep -qx 1" _ "$RESULTS/verify-ci.out"
  check "verify-ci offline: one error line" test "$(error_lines verify-ci)" = 1
fi

S3PROXY_JAR="$ROOT/trainyard-core/target/s3proxy/s3proxy.jar"
if has_command upload-assets && [ ! -f "$S3PROXY_JAR" ]; then
  echo "SKIP  upload-assets: $S3PROXY_JAR is missing (it is copied by trainyard-core's test build)"
elif has_command upload-assets; then
  echo "== upload-assets against a local S3 server (s3proxy on 127.0.0.1; the container shares the host's network)"
  s3_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo 19876)
  cat > "$WORK/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=imagetest
s3proxy.credential=imagetestsecret
jclouds.provider=transient
jclouds.identity=imagetest
jclouds.credential=imagetestsecret
EOF
  java -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 &
  s3proxy_pid=$!
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$s3_port/" && break
    sleep 0.5
  done
  # What aws-actions/configure-aws-credentials exports into the job: the SDK's default chain reads it.
  STEP_ENV=(AWS_ACCESS_KEY_ID=imagetest AWS_SECRET_ACCESS_KEY=imagetestsecret AWS_REGION=us-east-1)
  s3() {
    curl -s --fail --aws-sigv4 "aws:amz:us-east-1:s3" --user imagetest:imagetestsecret \
      -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@"
  }
  check "s3proxy: the bucket is created" s3 -o /dev/null -X PUT "http://127.0.0.1:$s3_port/cdn-bucket"
  # The example checkout has an assets folder of its own; these checks count exactly the two files below.
  rm -rf "$WS/assets"
  mkdir -p "$WS/assets/product-icons" "$WS/assets/legal"
  printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' > "$WS/assets/product-icons/fox.svg"
  printf '%%PDF-1.4\n%% legal\n' > "$WS/assets/legal/terms.pdf"
  chown -R "$RUNNER_UID:$RUNNER_UID" "$WS/assets"
  upload_inputs=(source=assets target=s3://cdn-bucket/static cdn-url=https://cdn.example.org
    "args=--endpoint http://127.0.0.1:$s3_port --path-style --cache-control public,max-age=86400")
  bucket_has_key() { bucket_keys | grep -qxF "$1"; }
  bucket_keys() {
    s3 "http://127.0.0.1:$s3_port/cdn-bucket?list-type=2" | grep -o '<Key>[^<]*</Key>' | sed 's/<[^>]*>//g' | sort
  }

  run_step upload-dry --host-network upload-assets dry-run=true "${upload_inputs[@]}"
  run_launcher upload-dry upload-assets dry-run=true "${upload_inputs[@]}"
  check "upload-assets --dry-run: exit 0" test "$(rc upload-dry)" = 0
  check "upload-assets --dry-run: output 'uploaded-count' is 2 (planned)" test "$(output upload-dry uploaded-count)" = 2
  check "upload-assets --dry-run: the bucket stays empty" test -z "$(bucket_keys)"
  same_as_launcher upload-dry

  run_step upload --host-network upload-assets "${upload_inputs[@]}"
  check "upload-assets: exit 0" test "$(rc upload)" = 0
  check "upload-assets: output 'uploaded-count' is 2" test "$(output upload uploaded-count)" = 2
  # Besides the files, upload-assets keeps its header manifest (.trainyard-assets.json) under the prefix.
  check "upload-assets: the objects are in the bucket under the prefix" \
    test "$(bucket_keys | grep -v '/\.trainyard-assets\.json$' | tr '\n' ' ')" = "static/legal/terms.pdf static/product-icons/fox.svg "
  check "upload-assets: nothing outside the prefix" test -z "$(bucket_keys | grep -v '^static/')"
  check "upload-assets: output 'urls' lists the CDN URLs" \
    grep -q 'https://cdn.example.org/static/product-icons/fox.svg' "$RESULTS/upload.output"

  run_step upload-again --host-network upload-assets "${upload_inputs[@]}"
  check "upload-assets again: nothing uploaded (content unchanged)" test "$(output upload-again uploaded-count)" = 0
  check "upload-assets again: output 'unchanged-count' is 2" test "$(output upload-again unchanged-count)" = 2

  # Issue 16: under LC_ALL=C, Java 17 reads non-ASCII file names as '?' marks (no JVM flag changes
  # that); the image entrypoint and the launcher run the JVM in C.UTF-8, so the key stays the name.
  printf '<svg>u</svg>\n' > "$WS/assets/product-icons/$(printf '\303\274n\303\257.svg')"
  chown -R "$RUNNER_UID:$RUNNER_UID" "$WS/assets"
  STEP_ENV+=(LC_ALL=C LANG=C)
  run_step upload-c-dry --host-network upload-assets dry-run=true "${upload_inputs[@]}"
  run_launcher upload-c-dry upload-assets dry-run=true "${upload_inputs[@]}"
  check "LC_ALL=C, upload-assets --dry-run: exit 0" test "$(rc upload-c-dry)" = 0
  check "LC_ALL=C, upload-assets --dry-run: the key of the non-ASCII name is its UTF-8 name" \
    grep -q "static/product-icons/$(printf '\303\274n\303\257.svg')" "$RESULTS/upload-c-dry.out"
  same_as_launcher upload-c-dry
  run_step upload-c --host-network upload-assets "${upload_inputs[@]}"
  check "LC_ALL=C, upload-assets: exit 0" test "$(rc upload-c)" = 0
  check "LC_ALL=C, upload-assets: the bucket holds the object under its UTF-8 name" \
    bucket_has_key "static/product-icons/$(printf '\303\274n\303\257.svg')"
  STEP_ENV=()
fi

if has_command rehearse; then
  echo "== rehearse --example: the README's first command, offline, in a workspace owned by uid $RUNNER_UID"
  ws_state > "$RESULTS/ws-before-rehearse"
  run_step rehearse rehearse "args=--example --json"
  run_launcher rehearse rehearse "args=--example --json"
  check "rehearse --example: exit 0" test "$(rc rehearse)" = 0
  check "rehearse --example --json: ok" test "$(jq -r .ok "$RESULTS/rehearse.out" 2>/dev/null)" = true
  check "rehearse --example: the cut plan is v1.4.0" test "$(jq -r .cut.tag "$RESULTS/rehearse.out" 2>/dev/null)" = v1.4.0
  check "rehearse --example: auth first, content last" \
    test "$(jq -r '[.deployOrder.services[].name] | join(",")' "$RESULTS/rehearse.out" 2>/dev/null)" = auth-server,sync-server,content-server
  check "rehearse --example: the asset plan for the local folder target" \
    test "$(jq -r '.assets.target + " " + (.assets.upload | length | tostring)' "$RESULTS/rehearse.out" 2>/dev/null)" = "file://build/cdn 3"
  check "rehearse --example: the deployment request copies the release owner" \
    test "$(jq -r .deploymentRequest.cc "$RESULTS/rehearse.out" 2>/dev/null)" = "Grace Hopper <grace@example.invalid>"
  check "rehearse: output 'ok' is true" test "$(output rehearse ok)" = true
  check "rehearse: a step summary" grep -q 'Release rehearsal' "$RESULTS/rehearse.summary"
  ws_state > "$RESULTS/ws-after-rehearse"
  check "rehearse --example: the workspace is unchanged" diff -q "$RESULTS/ws-before-rehearse" "$RESULTS/ws-after-rehearse"
  same_as_launcher rehearse
  run_step rehearse-owner --user "$RUNNER_UID:$RUNNER_UID" rehearse args=--example
  check "rehearse --example as the workspace owner (uid $RUNNER_UID): exit 0" test "$(rc rehearse-owner)" = 0
  check "rehearse --example as uid $RUNNER_UID: nothing stops the release" \
    grep -qx 'rehearsal: nothing stops this release' "$RESULTS/rehearse-owner.out"
fi

for command in cut publish-release next-version changelog verify-ci deploy-order verify-deploy upload-assets merge-back deploy-bug example preflight rehearse owner; do
  check "trainyard --help lists $command" has_command "$command"
done

elapsed=$(( $(date +%s) - started ))
if [ "$failed" -eq 0 ]; then
  echo "image-test: all $passed checks passed in ${elapsed}s"
else
  echo "image-test: $failed of $((passed + failed)) checks FAILED in ${elapsed}s (outputs in $RESULTS)"
  keep_work=true
  exit 1
fi
