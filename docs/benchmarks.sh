#!/usr/bin/env bash
# Reruns the benchmarks of docs/benchmarks.md (status-api: history read, rollup storage, ingest
# through Kafka) against the tests' embedded Kafka and PostgreSQL, on loopback only, and prints
# the figures. Options: BEACON_BENCH_OBSERVATIONS (20000), BEACON_BENCH_APPS (10 applications of 50
# components), BEACON_BENCH_SECONDS (240: the ingest waits at most this long).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p status-api-service/target
echo "machine: $(nproc) cores; $(uptime)"
./mvnw -q -pl status-api-service -am verify -Dspring-javaformat.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=HistoryBenchmarks \
  -Dbeacon.bench.observations="${BEACON_BENCH_OBSERVATIONS:-20000}" \
  -Dbeacon.bench.apps="${BEACON_BENCH_APPS:-10}" \
  -Dbeacon.bench.seconds="${BEACON_BENCH_SECONDS:-240}" > status-api-service/target/benchmarks.log 2>&1 || {
  echo "benchmark run failed; see status-api-service/target/benchmarks.log"; exit 1; }
grep -h "^BENCHMARK" status-api-service/target/surefire-reports/*HistoryBenchmarks-output.txt
echo "after: $(uptime)"
