#!/usr/bin/env bash
# SLA monitor throughput: seeds N open tickets (tenant bench-sla), each with a first-response clock
# whose warning and due instants have passed and a resolution clock not yet due, then measures how
# fast the running ticket-service's SlaMonitor signals them (lock, mark, two outbox events each).
# Needs the suite up (./pharos up).   benchmarks/sla-monitor/run.sh [N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n=${1:-100000}
pg_socket="$root/.pharos/run/postgres"
[[ -d "$pg_socket" ]] || pg_socket="/var/tmp/pharos-$(printf '%s' "$root" | md5sum | cut -c1-12)/postgres"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { as_pg psql -h "$pg_socket" -U postgres -d ticket -qAt -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
  sql -c "DELETE FROM outbox_event WHERE tenant = 'bench-sla'; DELETE FROM ticket_sla WHERE tenant = 'bench-sla';
          DELETE FROM ticket WHERE tenant = 'bench-sla'; DELETE FROM customer WHERE tenant = 'bench-sla';"
}
curl -sf -o /dev/null http://localhost:8081/q/health/ready || { echo "ticket-service is not up (./pharos up)"; exit 1; }
cleanup
echo "== seeding $n open tickets with clocks (first response overdue, resolution running)"
sql <<SQL
INSERT INTO customer (id, tenant, name, created_at, updated_at) VALUES ('00000000-0000-0000-0000-00000000be00', 'bench-sla', 'Bench', now(), now());
INSERT INTO ticket (id, tenant, number, subject, status, priority, channel, requester_id, created_at, updated_at)
SELECT md5('bench-sla' || i)::uuid, 'bench-sla', i, 'bench ' || i, 'OPEN', 'NORMAL', 'EMAIL', '00000000-0000-0000-0000-00000000be00',
       now() - interval '2 hours', now() - interval '2 hours'
FROM generate_series(1, $n) i;
INSERT INTO ticket_sla (ticket_id, target, tenant, policy_id, policy_name, target_seconds, business, state, running_since, started_at,
                        due_at, warn_at, updated_at)
SELECT md5('bench-sla' || i)::uuid, t.target, 'bench-sla', '00000000-0000-0000-0000-00000000be01', 'bench', 3600, false, 'ACTIVE',
       now() - interval '2 hours', now() - interval '2 hours',
       CASE t.target WHEN 'FIRST_RESPONSE' THEN now() - interval '1 hour' ELSE now() + interval '1 day' END,
       CASE t.target WHEN 'FIRST_RESPONSE' THEN now() - interval '90 minutes' ELSE now() + interval '12 hours' END, now()
FROM generate_series(1, $n) i CROSS JOIN (VALUES ('FIRST_RESPONSE'), ('RESOLUTION')) t(target);
ANALYZE ticket_sla;
SQL
start=$(date +%s.%N)
while true; do
  left=$(sql -c "SELECT count(*) FROM ticket_sla WHERE tenant = 'bench-sla' AND target = 'FIRST_RESPONSE' AND NOT breached")
  [[ "$left" -eq 0 ]] && break
  sleep 1
done
end=$(date +%s.%N)
events=$(sql -c "SELECT count(*) FROM outbox_event WHERE tenant = 'bench-sla'" || echo "?")
still=$(sql -c "SELECT count(*) FROM ticket_sla WHERE tenant = 'bench-sla' AND target = 'RESOLUTION' AND (warned OR breached)")
awk -v s="$start" -v e="$end" -v n="$n" -v ev="$events" -v st="$still" 'BEGIN {
  d = e - s; printf "RESULT clocks_signalled=%d seconds=%.1f clocks_per_second=%.0f outbox_events_left=%s resolution_clocks_touched=%s\n", n, d, n / d, ev, st }'
cleanup
