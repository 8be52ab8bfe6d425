#!/usr/bin/env bash
# Runs Weir's benchmarks side by side with Node 20 and rewrites benchmarks/RESULTS.md.
#   benchmarks/run.sh            full run (< 30 min on 2 cores)
#   benchmarks/run.sh --quick    quick run (< 5 min) to check the harness
# Other options go to benchmarks/harness/bench.py (--rounds N, --skip-micro, --skip-macro).
# The jars are rebuilt only when a source is newer than them (--rebuild forces it).
# Needs JDK 17, Maven, node 20, python3; wrk for the file-server scenario.
set -euo pipefail
cd "$(dirname "$0")/.."

rebuild=0
args=()
for a in "$@"; do
  if [ "$a" = "--rebuild" ]; then rebuild=1; else args+=("$a"); fi
done

stale() { # stale JAR DIR... : whether JAR is missing or older than a file under DIR...
  local jar=$1; shift
  [ "$rebuild" = 1 ] || [ ! -f "$jar" ] \
    || [ -n "$(find "$@" pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

if stale benchmarks/target/benchmarks.jar streams-api/src streams-nio/src streams-api/pom.xml \
    streams-nio/pom.xml benchmarks/src benchmarks/pom.xml; then
  echo "run.sh: building streams-api, streams-nio and the JMH jar ..." >&2
  mvn -q -o install -DskipTests -pl streams-api,streams-nio
  mvn -q -o package -pl benchmarks
fi
extra=()
if stale samples/target/weir-samples.jar streams-api/src streams-nio/src samples/src \
    streams-api/pom.xml streams-nio/pom.xml samples/pom.xml; then
  echo "run.sh: building the samples jar ..." >&2
  if ! mvn -q -o package -DskipTests -pl samples -am; then
    echo "run.sh: the samples jar did not build; macro scenarios will be marked not run" >&2
    extra=(--no-samples)
  fi
fi

exec python3 benchmarks/harness/bench.py "${extra[@]}" "${args[@]}"
