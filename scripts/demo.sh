#!/usr/bin/env bash
# make demo: run the example against an embedded SQLite database (demo/demo.db).
set -euo pipefail
tide=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
mkdir -p demo
rm -f demo/demo.db demo/demo.db.tide-lock
echo "== tide --version"; "$tide" --version
echo "== tide debug (the resolved configuration)"; TIDE_DATABASE_URL=sqlite:demo/demo.db "$tide" debug
echo "== tide run examples/tour.lua"; TIDE_DATABASE_URL=sqlite:demo/demo.db "$tide" run examples/tour.lua
