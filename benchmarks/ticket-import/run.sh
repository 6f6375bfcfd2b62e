#!/usr/bin/env bash
# History import: one ticket per size with that many messages through the public NDJSON import
# (POST /api/v1/tickets/import, acme's integrator), timed per request, each after the suite has
# consumed the events of the one before; the imported rows are deleted from ticket-service
# afterwards. Needs the suite up (./pharos up).
#   benchmarks/ticket-import/run.sh [SIZE ...]   (default 100 1000 3000 10000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pg_socket="$root/.pharos/run/postgres"
[[ -d "$pg_socket" ]] || pg_socket="/var/tmp/pharos-$(printf '%s' "$root" | md5sum | cut -c1-12)/postgres"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { as_pg psql -h "$pg_socket" -U postgres -d ticket -qAt -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
  sql <<'SQL'
CREATE TEMP TABLE bench AS SELECT id, requester_id FROM ticket WHERE tenant = 'acme' AND external_id LIKE 'bench-import-%';
DELETE FROM message WHERE ticket_id IN (SELECT id FROM bench);
DELETE FROM audit_entry WHERE ticket_id IN (SELECT id FROM bench);
DELETE FROM ticket_sla WHERE ticket_id IN (SELECT id FROM bench);
DELETE FROM ticket_sla_step WHERE ticket_id IN (SELECT id FROM bench);
DELETE FROM ticket WHERE id IN (SELECT id FROM bench);
DELETE FROM customer_identity WHERE customer_id IN (SELECT requester_id FROM bench);
DELETE FROM customer WHERE id IN (SELECT requester_id FROM bench);
SQL
}
curl -sf -o /dev/null http://localhost:8081/q/health/ready || { echo "ticket-service is not up (./pharos up)"; exit 1; }
trap cleanup EXIT
[[ $# -gt 0 ]] || set -- 100 1000 3000 10000
# the rest of the suite consumes every imported event: let it finish before the next size, so each
# import has the (two-core) machine to itself
settle() {
  while [[ $(sql -c "SELECT count(*) FROM outbox_event") -gt 0 ]]; do sleep 1; done
  sleep 15
}
python3 "$here/import.py" 300 >/dev/null # warm-up: the service's first imports run cold code
for size in "$@"; do
  settle
  python3 "$here/import.py" "$size"
done
