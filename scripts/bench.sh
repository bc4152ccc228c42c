#!/bin/sh
# bench.sh - `make bench`: speed and memory figures (issue 11). See scripts/bench.py.
cd "$(dirname "$0")/.." || exit 1
exec python3 scripts/bench.py "$@"
