#!/usr/bin/env bash
# Runs Weir's benchmarks side by side with Node 20 and rewrites benchmarks/RESULTS.md.
#   benchmarks/run.sh            full run (< 30 min on 2 cores)
#   benchmarks/run.sh --quick    quick run (< 5 min) to check the harness
# Other options go to benchmarks/harness/bench.py (--rounds N, --skip-micro, --skip-macro).
# Needs JDK 17, Maven, node 20, python3; wrk for the file-server scenario.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "run.sh: building streams-api, streams-nio, benchmarks and samples ..." >&2
mvn -q -o install -DskipTests -pl streams-api,streams-nio -am
mvn -q -o package -pl benchmarks
extra=()
if ! mvn -q -o package -DskipTests -pl samples -am; then
  echo "run.sh: the samples jar did not build; macro scenarios will be marked not run" >&2
  extra=(--no-samples)
fi

exec python3 benchmarks/harness/bench.py "${extra[@]}" "$@"
