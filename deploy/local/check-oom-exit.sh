#!/usr/bin/env bash
# Shows that a service started by ./pharos exits on OutOfMemoryError instead of lingering
# half-dead: starts ticket-service the normal way (./pharos revive, i.e. start_service) with a heap
# too small for its load (PHAROS_SERVICE_HEAP), sends it a few 9 MB creates at once and waits for
# the JVM to go. Needs the infrastructure up and ticket-service stopped; takes ~40 s.
# Without -XX:+ExitOnOutOfMemoryError the same JVM stays alive and /q/health/live times out.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="${PHAROS_HOME:-$ROOT/.pharos}/run"
(exec 3<>/dev/tcp/127.0.0.1/8081) 2>/dev/null && { echo "ticket-service runs on :8081; stop it first: ./pharos services-down ticket-service"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

PHAROS_SERVICE_HEAP="-Xms16m -Xmx40m" "$ROOT/pharos" revive ticket-service
pid=$(cat "$RUN/pids/ticket-service.pid")
log="$RUN/logs/ticket-service.log"
token=$(curl -sf -d grant_type=client_credentials -d client_id=acme-integrator -d client_secret=acme-integrator-secret \
  http://localhost:8180/realms/pharos/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
python3 -c "import json; print(json.dumps({'subject': 'x' * 9_000_000, 'channel': 'email',
  'requester': {'email': 'oom@example.test'}, 'message': {'text': 'out of memory'}}))" >"$work/big.json"
start=$(date +%s)
for _ in 1 2 3 4 5 6; do
  curl -s -o /dev/null -m 30 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary @"$work/big.json" http://localhost:8081/api/v1/tickets &
done
wait || true
for _ in $(seq 1 30); do
  ps -p "$pid" >/dev/null 2>&1 || break
  sleep 1
done
if ps -p "$pid" >/dev/null 2>&1; then
  echo "FAIL: ticket-service (pid $pid) still runs $(($(date +%s) - start))s after running out of memory"
  kill -9 "$pid"; "$ROOT/pharos" services-down ticket-service >/dev/null
  exit 1
fi
grep -m1 "Terminating due to java.lang.OutOfMemoryError" "$log"
echo "OK: ticket-service (pid $pid) exited $(($(date +%s) - start))s after the first oversized request"
"$ROOT/pharos" services-down ticket-service >/dev/null # forget the pid: stopped on purpose
