#!/bin/sh
# Regenerates the committed sample populations (2,000 persons, seed 2025, as_of 2025-12-31) with
# `caregap generate`. Run from the repository root after building (`make setup` or
# `npx tsc -p tsconfig.build.json`). The output is deterministic: rerunning changes no byte.
set -eu
for format in events claims; do
  # generate replaces only its own earlier output (generation.json), so no rm -rf here.
  node bin/caregap.js generate --persons 2000 --seed 2025 --format "$format" --as-of 2025-12-31 --gzip --threads 2 --out "sample-data/$format"
done
