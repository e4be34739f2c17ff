#!/usr/bin/env bash
# Probe benchmark (docs/benchmarks.md): N HTTP checks at an interval against a loopback target
# server in its own process, through the collector's real scheduler and prober.
# Usage: docs/benchmarks/run-probe-benchmark.sh [checks=10000] [interval-seconds=30] [measured-seconds=120]
set -euo pipefail
cd "$(dirname "$0")/../.."
CHECKS=${1:-10000}
INTERVAL=${2:-30}
SECONDS_MEASURED=${3:-120}
PORT=${BEACON_BENCHMARK_PORT:-18135}
echo "loadavg before: $(cat /proc/loadavg)"
java docs/benchmarks/LoopbackTarget.java "$PORT" > target/loopback-target.log 2>&1 &
TARGET=$!
trap 'kill $TARGET' EXIT
until grep -q 'Loopback target' target/loopback-target.log; do sleep 0.5; done
# the target's CPU time (clock ticks), to show it is not the bottleneck
target_ticks() { awk '{print $14 + $15}' "/proc/$TARGET/stat"; }
TICKS_BEFORE=$(target_ticks)
./mvnw -q -o -pl collector-service -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ProbeBenchmarkTests \
  -Dbeacon.benchmark.target-port="$PORT" -Dbeacon.benchmark.checks="$CHECKS" \
  -Dbeacon.benchmark.interval-seconds="$INTERVAL" -Dbeacon.benchmark.seconds="$SECONDS_MEASURED" \
  -Dspring-javaformat.skip=true
cat "collector-service/target/probe-benchmark-$CHECKS.txt"
echo "target CPU over the whole run (warm-up included): $(( ($(target_ticks) - TICKS_BEFORE) * 10 )) ms"
echo "loadavg after: $(cat /proc/loadavg)"
