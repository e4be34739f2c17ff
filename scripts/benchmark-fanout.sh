#!/usr/bin/env bash
# The notifier's fan-out benchmark (docs/benchmarks.md): one incident update to 10,000 confirmed
# email subscribers through a minimal loopback SMTP server and to 10,000 loopback webhooks.
# Everything runs on this machine and on loopback only. Results: notifier-service/target/benchmark-fanout.txt
#   scripts/benchmark-fanout.sh                 # 10,000 subscribers per channel
#   SUBSCRIBERS=1000 scripts/benchmark-fanout.sh
#   RECEIVERS=1 scripts/benchmark-fanout.sh     # every webhook on one receiver (one host lane); default 10
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load before: $(uptime)"
./mvnw -q -o -pl notifier-service -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='FanOutBenchmarkTests' -Dbeacon.benchmark=true \
  -Dbeacon.benchmark.subscribers="${SUBSCRIBERS:-10000}" -Dbeacon.benchmark.receivers="${RECEIVERS:-10}"
echo "load after: $(uptime)"
cat notifier-service/target/benchmark-fanout.txt
