#!/usr/bin/env bash
# Regenerates specs/albums.swagger.{yaml,json} from the swag annotations with a pinned swag.
# The output is kept exactly as swag writes it (main.Album names, no schemes): it is
# tollgate's real-world Swagger 2.0 sample. docs.go is not kept; the server does not use swag.
#   ./gen-swagger.sh          write the specs
#   ./gen-swagger.sh --check  fail if the committed specs differ from a fresh generation
set -euo pipefail
SWAG_VERSION=v1.16.6
here=$(cd "$(dirname "$0")" && pwd)
specs="$here/../../specs"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$here"
go run "github.com/swaggo/swag/cmd/swag@${SWAG_VERSION}" init -q -g main.go -o "$out" --outputTypes yaml,json
if [[ "${1:-}" == "--check" ]]; then
  diff -u "$specs/albums.swagger.yaml" "$out/swagger.yaml"
  diff -u "$specs/albums.swagger.json" "$out/swagger.json"
  echo "swagger specs are up to date"
else
  cp "$out/swagger.yaml" "$specs/albums.swagger.yaml"
  cp "$out/swagger.json" "$specs/albums.swagger.json"
fi
