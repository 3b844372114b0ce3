# Sourced by bench scripts: installs the peers they compare against. Needs $cache and log().

ensure_hyperfine() {
  if ! command -v hyperfine >/dev/null; then
    log "installing hyperfine (apt)"
    apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
  fi
}

# Sets $cliff to the git-cliff binary shipped inside its npm package.
ensure_git_cliff() {
  cliff="$cache/npm/node_modules/git-cliff-linux-x64/bin/git-cliff"
  if [[ ! -x "$cliff" ]]; then
    log "installing git-cliff (npm)"
    mkdir -p "$cache/npm"
    (cd "$cache/npm" && npm install --silent --no-audit --no-fund git-cliff >/dev/null)
  fi
}
