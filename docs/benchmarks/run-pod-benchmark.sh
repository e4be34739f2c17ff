#!/usr/bin/env bash
# Pod benchmark (docs/benchmarks.md): a pod change on the (simulated) Kubernetes API server ->
# observation on Kafka -> status-api -> GET /public/status/{slug} through the gateway, N changes.
# Usage: docs/benchmarks/run-pod-benchmark.sh [changes=200] [spacing-ms=1200] (0: each change right after the last is seen)
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "loadavg: $(cat /proc/loadavg)"
./mvnw -q -o -pl launcher -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=PodLatencyBenchmarkTests \
  -Dbeacon.benchmark.pod-changes="${1:-200}" -Dbeacon.benchmark.pod-change-spacing-ms="${2:-1200}" -Dspring-javaformat.skip=true
cat launcher/target/pod-benchmark-*.txt
echo "loadavg: $(cat /proc/loadavg)"
