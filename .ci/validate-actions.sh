#!/usr/bin/env bash
# Validates action.yml, .github/workflows and examples/workflows (.ci/lint/validate-actions.mjs)
# and lints the Dockerfile. The checkers come from npm, pinned by .ci/lint/package-lock.json and
# installed once into the cache folder.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE_DIR=${TRAINYARD_CACHE:-$HOME/.cache/trainyard}
key=$(sha256sum "$ROOT/.ci/lint/package-lock.json" | cut -c1-12)
tools="$CACHE_DIR/lint-$key"
if [ ! -d "$tools/node_modules" ]; then
  command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
  mkdir -p "$tools"
  cp "$ROOT/.ci/lint/package.json" "$ROOT/.ci/lint/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --silent)
fi
cp "$ROOT/.ci/lint/validate-actions.mjs" "$tools/"

# The image tag in action.yml is the release this branch becomes: the project version without -SNAPSHOT.
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)
(cd "$ROOT" && node "$tools/validate-actions.mjs" "$ROOT" "${version%-SNAPSHOT}")

lint_dockerfile() { "$tools/node_modules/.bin/dockerfile-utils" lint "$1" 2>&1 || true; }
out=$(lint_dockerfile "$ROOT/Dockerfile")
if [ -n "$out" ]; then echo "FAIL  Dockerfile"; echo "$out"; exit 1; fi
echo "ok    Dockerfile (dockerfile-utils lint)"
broken=$(mktemp)
sed 's/^WORKDIR /WROKDIR /' "$ROOT/Dockerfile" > "$broken"
out=$(lint_dockerfile "$broken"); rm -f "$broken"
if [ -z "$out" ]; then echo "FAIL  self-test: dockerfile-utils accepted an unknown instruction"; exit 1; fi
echo "ok    self-test: dockerfile-utils rejects an unknown instruction"

# One base for both builds: a Dependabot bump of the Dockerfile must reach the pom too.
pom_base=$(sed -n '/<from>/,/<\/from>/s:.*<image>\([^<]*\)</image>.*:\1:p' "$ROOT/trainyard-cli/pom.xml")
docker_base=$(sed -n 's/^ARG BASE_IMAGE=//p' "$ROOT/Dockerfile")
if [ -z "$pom_base" ] || [ "$pom_base" != "$docker_base" ]; then
  echo "FAIL  base image: trainyard-cli/pom.xml has '$pom_base', Dockerfile has '$docker_base'"; exit 1
fi
case $pom_base in
  *@sha256:????????????????????????????????????????????????????????????????) ;;
  *) echo "FAIL  base image '$pom_base' is not pinned by digest"; exit 1 ;;
esac
echo "ok    the Dockerfile and the Jib build use the same base image ($pom_base)"
# One Java for the runtime both builds make with jlink (.ci/jlink.sh): the Dockerfile's JDK image,
# the pom's trainyard.image.jdk and the publish workflow's setup-java.
pom_jdk=$(sed -n 's:.*<trainyard.image.jdk>/usr/lib/jvm/temurin-\([0-9]*\)-jdk-amd64</trainyard.image.jdk>.*:\1:p' "$ROOT/trainyard-cli/pom.xml")
docker_jdk=$(sed -n 's/^ARG RUNTIME_JDK_IMAGE=eclipse-temurin:\([0-9]*\)-jdk@sha256:.*/\1/p' "$ROOT/Dockerfile")
publish_jdk=$(grep -o 'JAVA_HOME_[0-9]*_X64' "$ROOT/.github/workflows/publish.yml" | sed 's/JAVA_HOME_\([0-9]*\)_X64/\1/' | sort -u)
if [ -z "$pom_jdk" ] || [ "$pom_jdk" != "$docker_jdk" ] || [ "$pom_jdk" != "$publish_jdk" ]; then
  echo "FAIL  runtime JDK: pom '$pom_jdk', Dockerfile '$docker_jdk', publish.yml '$publish_jdk'"; exit 1
fi
echo "ok    the image's runtime is jlinked from Temurin $pom_jdk in the pom, the Dockerfile and publish.yml"
