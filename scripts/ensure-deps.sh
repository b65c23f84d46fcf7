#!/usr/bin/env bash
# Installs what a fresh clone lacks: npm packages and the reference API binaries.
# Safe to run again; it does nothing when everything is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "tollgate: installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
if ! command -v go >/dev/null 2>&1; then
  echo "tollgate: Go is required to build the reference APIs (examples/albums-api, examples/admin-api); install Go 1.25+" >&2
  exit 2
fi
(cd examples/albums-api && go build -o bin/albums-api .)
(cd examples/admin-api && go build -o bin/admin-api .)
