#!/usr/bin/env bash
# Public read path benchmark (docs/benchmarks.md, "Public edge"): wrk against the gateway's
# /public/status/{slug} and /status/{slug}/api/v2/summary.json for a page with 50 components, and the
# same wrk against Debian's nginx serving the very same bytes as static files. Loopback only.
#
#   bench/edge-benchmark.sh            # builds the local run if needed, starts it, measures, stops it
#
# Needs: wrk and nginx (apt-get install wrk nginx-light), a JDK 17+. Ports (override with env):
# services PORT_BASE..+4 (8100-8104), demo application PORT_BASE+5, management MANAGEMENT_BASE..+4
# (9100-9104), nginx NGINX_PORT (18080).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT_BASE=${PORT_BASE:-8100}
MANAGEMENT_BASE=${MANAGEMENT_BASE:-9100}
GATEWAY_PORT=$PORT_BASE
NGINX_PORT=${NGINX_PORT:-18080}
DURATION=${DURATION:-30s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
SLUG=bench50
APP=b3e10000-0000-4000-8000-000000000050
WORK=$(mktemp -d /tmp/beacon-bench.XXXXXX)
RESULTS=${RESULTS:-bench/results/edge-$(date -u +%Y%m%dT%H%M%SZ).txt}
mkdir -p "$(dirname "$RESULTS")"

for tool in wrk nginx java curl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nginx-light)"; exit 1; }
done

if [ ! -f launcher/target/beacon-local.jar ]; then
  ./mvnw -q -DskipTests package
fi

BEACON_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  [ -n "$BEACON_PID" ] && kill "$BEACON_PID" 2>/dev/null && wait "$BEACON_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# the local run, on the ports given to this benchmark, without the per-address rate limit (one
# wrk client is one address: the limit would answer 429 to nearly every request)
GATEWAY_PORT=$GATEWAY_PORT STATUS_API_PORT=$((PORT_BASE + 1)) INCIDENT_PORT=$((PORT_BASE + 2)) \
NOTIFIER_PORT=$((PORT_BASE + 3)) COLLECTOR_PORT=$((PORT_BASE + 4)) \
BEACON_RATE_LIMIT_ENABLED=false \
  java ${JAVA_OPTS:-} -Dbeacon.demo.port=$((PORT_BASE + 5)) \
    -Dbeacon.management-port.gateway=$MANAGEMENT_BASE -Dbeacon.management-port.status-api=$((MANAGEMENT_BASE + 1)) \
    -Dbeacon.management-port.incident=$((MANAGEMENT_BASE + 2)) -Dbeacon.management-port.notifier=$((MANAGEMENT_BASE + 3)) \
    -Dbeacon.management-port.collector=$((MANAGEMENT_BASE + 4)) \
    -jar launcher/target/beacon-local.jar > "$WORK/beacon.log" 2>&1 &
BEACON_PID=$!
echo "waiting for the local run (log: $WORK/beacon.log) ..."
# a loaded machine may need minutes (STARTUP_TIMEOUT seconds)
for _ in $(seq 1 "${STARTUP_TIMEOUT:-900}"); do
  grep -q "Beacon is running" "$WORK/beacon.log" && break
  kill -0 "$BEACON_PID" 2>/dev/null || { cat "$WORK/beacon.log"; exit 1; }
  sleep 1
done
grep -q "Beacon is running" "$WORK/beacon.log" || { tail -50 "$WORK/beacon.log"; echo "the local run did not start"; exit 1; }
TOKEN=$(grep -A1 "API token for this run" "$WORK/beacon.log" | tail -1 | tr -d ' ')

# a page with 50 components in 5 groups (no checks: each shows unknown, which is what matters
# here: the document's size and shape)
python3 - "$APP" "$SLUG" > "$WORK/app.json" <<'PY'
import json, sys
app, slug = sys.argv[1], sys.argv[2]
components = [{"name": f"Component {i:02d}", "group": f"Group {i // 10}"} for i in range(50)]
print(json.dumps({"id": app, "slug": slug, "name": "Benchmark (50 components)", "public": True,
                  "components": components}))
PY
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data @"$WORK/app.json" "http://127.0.0.1:$GATEWAY_PORT/api/applications"
for _ in $(seq 1 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/public/status/$SLUG" && break
  sleep 1
done

# the same bytes for nginx, at the same paths
mkdir -p "$WORK/www/public/status" "$WORK/www/status/$SLUG/api/v2"
curl -sf -o "$WORK/www/public/status/$SLUG" "http://127.0.0.1:$GATEWAY_PORT/public/status/$SLUG"
curl -sf -o "$WORK/www/status/$SLUG/api/v2/summary.json" \
  "http://127.0.0.1:$GATEWAY_PORT/status/$SLUG/api/v2/summary.json"
# nginx's workers run as an unprivileged user: let them read the files
chmod -R a+rX "$WORK"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  sendfile on;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
sleep 1

run() {
  local name=$1 url=$2
  echo "== $name: $url" | tee -a "$RESULTS"
  # every answer must be a 200 with the page's bytes: fail loudly otherwise
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] || { echo "$url does not answer 200"; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" | tee -a "$RESULTS"
}
{
  echo "# Beacon public edge benchmark, $(date -u +%FT%TZ), $(nproc) cores"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# document: $(wc -c < "$WORK/www/public/status/$SLUG") bytes, summary.json: $(wc -c < "$WORK/www/status/$SLUG/api/v2/summary.json") bytes"
} | tee "$RESULTS"
# warm-up: the JIT compiles the read path under load first (on a loaded 2-core machine this takes
# a minute; measured cold, the gateway spends most of its CPU in the compiler threads)
WARMUP=${WARMUP:-60s}
wrk -t"$THREADS" -c16 -d"$WARMUP" "http://127.0.0.1:$GATEWAY_PORT/public/status/$SLUG" > /dev/null
wrk -t"$THREADS" -c16 -d"$WARMUP" "http://127.0.0.1:$GATEWAY_PORT/status/$SLUG/api/v2/summary.json" > /dev/null
run "gateway /public/status/$SLUG" "http://127.0.0.1:$GATEWAY_PORT/public/status/$SLUG"
run "gateway summary.json" "http://127.0.0.1:$GATEWAY_PORT/status/$SLUG/api/v2/summary.json"
run "nginx /public/status/$SLUG" "http://127.0.0.1:$NGINX_PORT/public/status/$SLUG"
run "nginx summary.json" "http://127.0.0.1:$NGINX_PORT/status/$SLUG/api/v2/summary.json"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS"
echo "results: $RESULTS"
