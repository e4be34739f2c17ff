#!/usr/bin/env bash
# Probe benchmark (docs/benchmarks.md): N HTTP checks at an interval against a loopback target
# server in its own process, through the collector's real scheduler and prober.
# Usage: docs/benchmarks/run-probe-benchmark.sh [checks=10000] [interval-seconds=30] [measured-seconds=120]
set -euo pipefail
cd "$(dirname "$0")/../.."
CHECKS=${1:-10000}
INTERVAL=${2:-30}
SECONDS_MEASURED=${3:-120}
PORT=${BEACON_BENCHMARK_PORT:-8135}
uptime
java docs/benchmarks/LoopbackTarget.java "$PORT" &
TARGET=$!
trap 'kill $TARGET' EXIT
sleep 3
./mvnw -q -o -pl collector-service -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ProbeBenchmarkTests \
  -Dbeacon.benchmark.target-port="$PORT" -Dbeacon.benchmark.checks="$CHECKS" \
  -Dbeacon.benchmark.interval-seconds="$INTERVAL" -Dbeacon.benchmark.seconds="$SECONDS_MEASURED" \
  -Dspring-javaformat.skip=true
cat "collector-service/target/probe-benchmark-$CHECKS.txt"
uptime
