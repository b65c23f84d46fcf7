#!/usr/bin/env bash
# Installs what a fresh clone lacks: npm packages and the reference API binaries.
# Safe to run again; it does nothing (and says nothing) when everything is in place.
# Each slow step says what it does before it starts: a first `go build` downloads
# Gin and its modules and can take a minute or two, which looked like a hang.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "tollgate: installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
if ! command -v go >/dev/null 2>&1; then
  echo "tollgate: Go is required to build the reference APIs (examples/*/); install Go 1.25+" >&2
  exit 2
fi
for mod in examples/*/go.mod; do
  dir=$(dirname "$mod")
  name=$(basename "$dir")
  bin="$dir/bin/$name"
  # Up to date: the binary is newer than every Go source, go.mod and go.sum.
  if [ -x "$bin" ] && [ -z "$(find "$dir" \( -name '*.go' -o -name go.mod -o -name go.sum \) -newer "$bin" -print -quit)" ]; then
    continue
  fi
  if [ -x "$bin" ]; then
    echo "tollgate: rebuilding $dir (go build; its sources changed)" >&2
  else
    echo "tollgate: building $dir (go build; the first build downloads Gin and its modules, a minute or two)" >&2
  fi
  started=$SECONDS
  (cd "$dir" && go build -o "bin/$name" .)
  touch "$bin" # go build leaves an up-to-date binary untouched; its mtime marks this check
  echo "tollgate: built $bin in $((SECONDS - started))s" >&2
done
