#!/usr/bin/env bash
# `npm run demo`: build the reference Gin API, then run the local quality gate
# against it (tollgate starts and stops the API itself) and print the report path.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
node bin/tollgate.js generate
exec node bin/tollgate.js gate --env local "$@"
