#!/usr/bin/env bash
# What one inbound message costs the whole suite (issue 27, goal 4): RATE signed WhatsApp webhooks a second for
# SECONDS (send.mjs, each opening a ticket), then a wait until ticket-service, analytics and surveys have consumed
# everything; prints each process's CPU per message (user + system, from /proc; PostgreSQL summed over its
# processes) and each database's transactions per message; "caught up" means no event unconsumed and none in an outbox. The machine's cores divided by the total is the
# most messages a second the suite can take here. Start from a drained suite that has had a warm-up (the JIT
# needs minutes: run this twice, or after run.sh), with the channel run.sh creates. Loopback only.
#   benchmarks/end-to-end/capacity.sh [SECONDS] [RATE]     (default 60 100)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=${1:-60}
rate=${2:-100}
messages=$((seconds * rate))
. "$here/pending.sh"
ticks() { # one line per process: NAME CLOCK_TICKS
  local name pid
  for name in ticket-service channel-gateway survey-service analytics-service kafka; do
    pid=$(cat "$root/.pharos/run/pids/$name.pid")
    echo "$name $(awk '{print $14 + $15}' "/proc/$pid/stat")"
  done
  echo "postgres $(for pid in $(pgrep -u postgres -x postgres); do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true; done | awk '{s += $1} END {print s}')"
}
transactions() {
  as_pg psql -h "$root/.pharos/run/postgres" -U postgres -d postgres -qAt -F ' ' -c "SELECT datname, xact_commit + xact_rollback
    FROM pg_stat_database WHERE datname IN ('ticket', 'channel', 'survey', 'analytics') ORDER BY 1"
}
[[ $(pending) == 0 ]] || { echo "the suite is behind (outboxes or consumers): wait until it has caught up"; exit 1; }
before=$(ticks); xacts=$(transactions); start=$(date +%s)
WEBHOOK_SECRET=bench-whatsapp-secret node "$here/send.mjs" "$seconds" "$rate"
echo "at the end of the sending: $(lag) events unconsumed, $(outboxes) in outboxes"
while [[ $(pending) != 0 ]]; do sleep 2; done
echo "caught up $(($(date +%s) - start - seconds)) s after"
join <(echo "$before") <(ticks) | awk -v n="$messages" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" '
  { cpu = ($3 - $2) / hz; total += cpu; printf "RESULT cpu-per-message process=%s ms=%.2f\n", $1, 1000 * cpu / n }
  END { printf "RESULT cpu-per-message process=all ms=%.2f ceiling_per_s=%.0f\n", 1000 * total / n, cores * n / total }'
join <(echo "$xacts") <(transactions) | awk -v n="$messages" '{printf "RESULT transactions-per-message database=%s n=%.1f\n", $1, ($3 - $2) / n}'
