#!/usr/bin/env bash
# make demo: runs the example migrations of migrations/ against an embedded
# SQLite database (demo/demo.db, per tide.lua), then shows the result.
set -euo pipefail
tide=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
mkdir -p demo
rm -f demo/demo.db demo/demo.db.tide-lock
step() { echo; echo "\$ tide $*"; "$tide" "$@"; }
step --version
step migration:pending
step migration:up
step migration:list
step migration:down
step migration:up
step seeder:run
step run examples/report.lua
