#!/usr/bin/env bash
# The plain-git way to answer "which release branches are not merged back?": branches that
# `git branch --no-merged` lists are checked with `git cherry`; no '+' line means every commit is
# on main by patch id. Prints one TSV line per branch: name, status, how.
set -euo pipefail
main=${1:-main}
pattern=${2:-release/*}
declare -A unmerged=()
while read -r b; do unmerged[$b]=1; done < <(git branch --no-merged "$main" --list "$pattern" --format='%(refname:short)')
git branch --list "$pattern" --format='%(refname:short)' | while read -r b; do
  if [[ -z ${unmerged[$b]:-} ]]; then
    printf '%s\tmerged\tancestry\n' "$b"
    continue
  fi
  cherry=$(git cherry "$main" "$b")
  plus=$(grep -c '^+' <<<"$cherry" || true)
  minus=$(grep -c '^-' <<<"$cherry" || true)
  if [[ $plus -eq 0 ]]; then
    printf '%s\tmerged\tcherry-pick\n' "$b"
  elif [[ $minus -gt 0 ]]; then
    printf '%s\tpartial\t\n' "$b"
  else
    printf '%s\tunmerged\t\n' "$b"
  fi
done
