#!/usr/bin/env bash
# Runs every fuzz target for a short time (FUZZTIME, default 10s each; a
# count such as 5000x also works and is what CI uses).
# Fuzz targets must never panic and must keep their invariants.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-10s}"
status=0
while IFS= read -r line; do
  file="${line%%:*}"
  name="$(sed -E 's/^.*func (Fuzz[A-Za-z0-9_]+).*/\1/' <<<"$line")"
  pkg="./$(dirname "$file")"
  echo "fuzz $pkg $name ($fuzztime)"
  if ! go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime"; then
    status=1
  fi
done < <(git ls-files '*_test.go' | xargs grep -H '^func Fuzz' || true)
exit $status
