#!/usr/bin/env bash
# Ticket creation throughput: Pharos over REST (wrk) versus the same transaction straight into
# PostgreSQL (pgbench). Needs the suite up (./pharos up), wrk and pgbench. Loopback only.
# Per run it also reports ticket-service's CPU per create (its own process time over the run divided
# by the creates: the figure load on the machine disturbs least, so a costlier create path shows
# even on a busy machine) and the consumers' lag on its events when the run ends; pgbench runs only
# once the consumers have caught up, so PostgreSQL is measured on a quiet suite.
#   benchmarks/ticket-create/run.sh [SECONDS] [CONNECTIONS...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=${1:-20}
shift || true
connections=("${@:-8 32 64}")
[[ $# -eq 0 ]] && connections=(8 32 64)
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
pg_socket="$root/.pharos/run/postgres"
[[ -d "$pg_socket" ]] || pg_socket="/var/tmp/pharos-$(printf '%s' "$root" | md5sum | cut -c1-12)/postgres"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

java_bin="$( (ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)/bin/java"
kafka_cp="$(ls -d "$root"/.pharos/cache/kafka-*/libs | head -1)/*"
lag() { "$java_bin" -cp "$kafka_cp" "$root/benchmarks/faults/Lag.java" localhost:9092 analytics-service survey-service channel-gateway 2>/dev/null \
  | awk '{s += $2} END {print s + 0}'; }
service_pid=$(cat "$root/.pharos/run/pids/ticket-service.pid")
source "$here/measure.sh"

token() {
  curl -sf -d grant_type=client_credentials -d client_id=acme-integrator -d client_secret=acme-integrator-secret \
    http://localhost:8180/realms/pharos/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

echo "== Pharos REST: POST /api/v1/tickets (new requester each time), ${seconds}s per run"
warm_up http://localhost:8081 "$service_pid" 32
for c in "${connections[@]}"; do
  printf 'connections=%-3s ' "$c"
  before=$(cpu_ticks "$service_pid")
  result=$(TOKEN=$(token) wrk -t2 -c"$c" -d"${seconds}s" --timeout 30s --latency -s "$here/create.lua" http://localhost:8081 | grep RESULT)
  used=$(($(cpu_ticks "$service_pid") - before))
  echo "$result cpu_ms_per_create=$(ms_per_create "$used" "$(requests_of "$result")") consumer_lag_at_end=$(lag)"
done

echo "== waiting for the consumers (analytics, surveys, channels) to catch up before pgbench"
waited=$(date +%s)
until [[ $(lag) -eq 0 ]]; do sleep 2; [[ $(($(date +%s) - waited)) -lt 900 ]] || { echo "   still behind after 15 min; pgbench runs anyway"; break; }; done
echo "   caught up after $(($(date +%s) - waited)) s"

echo "== PostgreSQL direct: the same transaction with pgbench, ${seconds}s per run"
for c in "${connections[@]}"; do
  printf 'clients=%-3s ' "$c"
  as_pg pgbench -h "$pg_socket" -U postgres -n -c "$c" -j 2 -T "$seconds" -f "$here/pgbench-create.sql" ticket 2>/dev/null \
    | awk '/^tps/ {tps=$3} /latency average/ {avg=$4} END {printf "tps=%.1f latency_avg_ms=%s\n", tps, avg}'
done
# the bench rows are tenant 'bench' and outbox events nobody needs: remove them
as_pg psql -h "$pg_socket" -U postgres -d ticket -qc "DELETE FROM outbox_event WHERE tenant = 'bench'; DELETE FROM ticket_sla WHERE tenant = 'bench'; DELETE FROM ticket_sla_step WHERE tenant = 'bench'; DELETE FROM audit_entry WHERE tenant = 'bench'; DELETE FROM message WHERE tenant = 'bench'; DELETE FROM ticket WHERE tenant = 'bench'; DELETE FROM customer_identity WHERE tenant = 'bench'; DELETE FROM customer WHERE tenant = 'bench';"
