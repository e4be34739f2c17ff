#!/usr/bin/env bash
# Pod benchmark (docs/benchmarks.md): a pod change on the (simulated) Kubernetes API server ->
# observation on Kafka -> status-api -> GET /public/status/{slug} through the gateway, N changes.
# Usage: docs/benchmarks/run-pod-benchmark.sh [changes=200]
set -euo pipefail
cd "$(dirname "$0")/../.."
uptime
./mvnw -q -o -pl launcher -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=PodLatencyBenchmarkTests \
  -Dbeacon.benchmark.pod-changes="${1:-200}" -Dspring-javaformat.skip=true
cat launcher/target/pod-benchmark.txt
uptime
