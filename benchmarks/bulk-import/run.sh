#!/usr/bin/env bash
# Bulk history import (issue 27, goal 3): TICKETS tickets of three messages and a solve each through
# POST /api/v1/tickets/import (bulk.py), with ticket-service's resident memory and the consumers' lag
# on its events sampled every 5 s meanwhile, and the time the rest of the suite needs to catch up
# afterwards. The imported tickets are deleted from ticket-service at the end (analytics and
# survey-service keep their facts of 2001, which no report of today reads). Needs the suite up.
#   benchmarks/bulk-import/run.sh [TICKETS] [PER_REQUEST] [PARALLEL]     (default 200000 2000 2)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tickets=${1:-200000}
per_request=${2:-2000}
parallel=${3:-2}
run=$(date +%s)
pg_socket="$root/.pharos/run/postgres"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { as_pg psql -h "$pg_socket" -U postgres -d ticket -qAt -v ON_ERROR_STOP=1 "$@"; }
java_bin="$( (ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)/bin/java"
kafka_cp="$(ls -d "$root"/.pharos/cache/kafka-*/libs | head -1)/*"
groups=(analytics-service survey-service)
lag() { "$java_bin" -cp "$kafka_cp" "$root/benchmarks/faults/Lag.java" localhost:9092 "${groups[@]}" 2>/dev/null | awk '{s += $2} END {print s + 0}'; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$(cat "$root/.pharos/run/pids/ticket-service.pid")/status"; }
curl -sf -o /dev/null http://localhost:8081/q/health/ready || { echo "ticket-service is not up (./pharos up)"; exit 1; }

cleanup() {
  sql <<SQL
CREATE TEMP TABLE bench AS SELECT id FROM ticket WHERE tenant = 'acme' AND external_id LIKE 'bulk-$run-%';
DELETE FROM message WHERE ticket_id IN (SELECT id FROM bench);
DELETE FROM audit_entry WHERE ticket_id IN (SELECT id FROM bench);
DELETE FROM ticket_sla WHERE ticket_id IN (SELECT id FROM bench);
DELETE FROM ticket_sla_step WHERE ticket_id IN (SELECT id FROM bench);
DELETE FROM ticket WHERE id IN (SELECT id FROM bench);
SQL
}
trap cleanup EXIT

samples="$(mktemp)"
(while true; do printf '%s %s %s\n' "$(date +%s)" "$(rss_mib)" "$(lag)" >>"$samples"; sleep 5; done) &
sampler=$!
trap 'rc=$?; kill $sampler 2>/dev/null || true; rm -f "$samples"; cleanup; exit $rc' EXIT

echo "== importing $tickets tickets ($per_request per request, $parallel at once)"
start=$(date +%s)
python3 "$here/bulk.py" "$tickets" "$per_request" "$parallel" "$run"
ended=$(date +%s)
echo "== the rest of the suite catching up (consumer lag of ${groups[*]} on their topics)"
until [[ $(lag) -eq 0 ]]; do sleep 2; [[ $(($(date +%s) - ended)) -lt 1800 ]] || { echo "   still behind after 30 min"; break; }; done
caught=$(date +%s)
kill $sampler 2>/dev/null || true
echo "== ticket-service RSS (MiB) and consumer lag (events) every 5 s during the import:"
awk -v s="$start" -v e="$ended" '$1 <= e {printf "  %4d s  rss=%s  lag=%s\n", $1 - s, $2, $3}' "$samples"
awk -v s="$start" -v e="$ended" -v c="$caught" '$1 <= e { if ($2 > rss) rss = $2; if (min == "" || $2 < min) min = $2; if ($3 > lag) lag = $3 }
  END {printf "RESULT rss_max_mib=%d rss_min_mib=%d lag_max_events=%d caught_up_after_import_seconds=%d\n", rss, min, lag, c - e}' "$samples"
