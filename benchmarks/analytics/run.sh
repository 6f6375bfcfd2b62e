#!/usr/bin/env bash
# analytics-service over one million tickets: events applied per second (a stream of ticket events
# into a database that already holds a year of one million tickets), and the scorecard's latency
# from the rollups against the same KPIs computed by a plain SQL query over the raw facts.
# Needs the local runtime (./pharos infra-up) and the built service (./pharos up or ./mvnw package).
#   benchmarks/analytics/run.sh [TICKETS_STREAMED] [REQUESTS]
# LOAD=0 keeps the database of the last run (no reload, no event stream): latencies only.
# LOAD=auto loads the million only into an empty database, then streams as usual (run-all.sh --quick).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
streamed=${1:-20000}
requests=${2:-300}
pg_socket="$root/.pharos/run/postgres"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_bench() { as_pg psql -h "$pg_socket" -U postgres -d analytics_bench "$@"; }
java_bin="$( (ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)/bin/java"
kafka_cp="$(ls -d "$root"/.pharos/cache/kafka-*/libs | head -1)/*"
jar="$root/analytics-service/target/quarkus-app/quarkus-run.jar"
[[ -f "$jar" ]] || { echo "build the service first (./pharos up)"; exit 1; }
port=8094
run=$(date +%s)

as_pg psql -h "$pg_socket" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'analytics_bench'" | grep -q 1 \
  || as_pg psql -h "$pg_socket" -U postgres -c "CREATE DATABASE analytics_bench OWNER analytics" >/dev/null
log="$root/.pharos/run/logs/analytics-bench.log"
HTTP_PORT=$port DB_NAME=analytics_bench DB_USER=analytics DB_PASSWORD=analytics KAFKA_BOOTSTRAP_SERVERS=localhost:9092 \
  OIDC_AUTH_SERVER_URL=http://localhost:8180/realms/pharos KEYCLOAK_URL=http://localhost:8180 KEYCLOAK_ADMIN_CLIENT_SECRET=analytics-service-secret \
  QUARKUS_LOG_CONSOLE_JSON_ENABLED=false DIGEST_CRON=off GAUGE_REFRESH=off \
  MP_MESSAGING_INCOMING_TICKET_EVENTS_TOPIC=pharos.bench.ticket.events MP_MESSAGING_INCOMING_TICKET_EVENTS_GROUP_ID=analytics-bench-$run \
  MP_MESSAGING_INCOMING_SURVEY_EVENTS_TOPIC=pharos.bench.survey.events MP_MESSAGING_INCOMING_SURVEY_EVENTS_GROUP_ID=analytics-bench-$run \
  "$java_bin" -Xms256m -Xmx1g -XX:+UseSerialGC -jar "$jar" >"$log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://localhost:$port/q/health/ready"; do sleep 1; done

load=${LOAD:-1}
if [[ "$load" == auto ]]; then
  [[ $(psql_bench -tAc "SELECT count(*) >= 1000000 FROM ticket_fact") == t ]] && load=kept || load=1
fi
if [[ "$load" == 1 || "$load" == kept ]]; then
if [[ "$load" == 1 ]]; then
echo "== loading one million tickets (and their messages, solves, 180k survey responses, 200k customers, rollups) by SQL"
start=$(date +%s)
psql_bench -q -f "$here/generate.sql"
echo "   loaded in $(($(date +%s) - start)) s; database $(psql_bench -tAc "SELECT pg_size_pretty(pg_database_size('analytics_bench'))")"
else
echo "== the million tickets of an earlier run are kept ($(psql_bench -tAc "SELECT count(*) FROM ticket_fact") tickets); its applied events are forgotten"
psql_bench -qc "TRUNCATE processed_event"
fi

echo "== events applied per second: $streamed tickets' events streamed into it"
events=$("$java_bin" -cp "$kafka_cp" "$here/Publish.java" localhost:9092 pharos.bench.ticket.events "$streamed" 2>/dev/null)
until [[ $(psql_bench -tAc "SELECT count(*) FROM processed_event") -ge $events ]]; do sleep 1; done
psql_bench -tAc "SELECT format('   %s events applied in %s s: %s events/s', count(*), round(extract(epoch FROM max(processed_at) - min(processed_at))::numeric, 1),
  round(count(*) / extract(epoch FROM max(processed_at) - min(processed_at))::numeric)) FROM processed_event"
fi

token=$(curl -sf -d grant_type=password -d client_id=pharos-console -d username=sofia -d password=sofia \
  http://localhost:8180/realms/pharos/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
measure() { # NAME URL: p50/p90/p95/p99 of REQUESTS sequential requests after 30 warm-ups
  local name=$1 url=$2 times
  for _ in $(seq 30); do curl -sf -o /dev/null -H "Authorization: Bearer $token" "$url"; done
  times=$(for _ in $(seq "$requests"); do curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url"; done)
  python3 -c '
import sys, math
t = sorted(float(x) * 1000 for x in sys.stdin.read().split())
q = lambda p: t[max(0, math.ceil(p / 100 * len(t)) - 1)]
print(f"   {sys.argv[1]}: n={len(t)} p50={q(50):.1f} ms p90={q(90):.1f} ms p95={q(95):.1f} ms p99={q(99):.1f} ms")' "$name" <<<"$times"
}
month="from=2026-08-31T21:00:00Z&to=2026-09-30T21:00:00Z"
echo "== from the rollups, over HTTP (sequential requests, token checked each time)"
measure "GET /api/v1/scorecard (September, with the August trend)" "http://localhost:$port/api/v1/scorecard?$month"
measure "GET /api/v1/kpis (September, ungrouped)" "http://localhost:$port/api/v1/kpis?$month"
measure "GET /api/v1/kpis (September, by channel)" "http://localhost:$port/api/v1/kpis?$month&groupBy=channel"
measure "GET /api/v1/kpis (September, by team)" "http://localhost:$port/api/v1/kpis?$month&groupBy=team"
measure "GET /api/v1/kpis (September, by agent)" "http://localhost:$port/api/v1/kpis?$month&groupBy=agent"
measure "GET /api/v1/scorecard (the whole year)" "http://localhost:$port/api/v1/scorecard?from=2025-10-31T22:00:00Z&to=2026-10-31T22:00:00Z"

echo "== the same KPIs by a plain SQL query over the raw facts (psql, 20 runs)"
for _ in $(seq 20); do psql_bench -qAt -c '\timing on' -f "$here/plain-kpis.sql" | grep -o 'Time: [0-9.]*' | cut -d' ' -f2; done | python3 -c '
import sys, math
t = sorted(float(x) for x in sys.stdin.read().split())
q = lambda p: t[max(0, math.ceil(p / 100 * len(t)) - 1)]
print(f"   plain SQL (September): n={len(t)} p50={q(50):.1f} ms p95={q(95):.1f} ms")'
