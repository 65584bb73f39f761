#!/usr/bin/env bash
# Compiles the benchmarks in bench/src against the fat jar into bench/out.
# Run one with: java -cp target/vigil.jar:bench/out io.vigil.bench.<Name>
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/vigil.jar ] || [ -n "$(find src conf -newer target/vigil.jar -type f | head -1)" ]; then
  mvn -B -q package -DskipTests
fi
rm -rf bench/out && mkdir -p bench/out
javac -d bench/out -cp target/vigil.jar $(find bench/src -name '*.java')
