#!/usr/bin/env bash
# End to end through the running suite (./pharos up, the gateway included): a customer's WhatsApp
# message until the ticket is in an agent's inbox query through the gateway, at RATE webhooks per
# second for SECONDS; then SOLVES tickets solved one at a time until the live counters and today's
# figures show each (see run.mjs). Loopback only; tickets are made in tenant acme (channel
# bench-whatsapp, as benchmarks/inbound-webhooks uses). First the suite is warmed up: webhooks at RATE for WARM_UP
# seconds (default 180; send.mjs, not timed), then a wait until ticket-service, analytics and surveys have consumed
# them, because the JIT needs minutes to compile the paths a message takes (BENCHMARKS.md, 2026-12-07, later).
#   benchmarks/end-to-end/run.sh [SECONDS] [RATE] [SOLVES]     (default 60 100 100)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/pending.sh"
token() { # USER: a password grant of the console's client
  curl -sf -d grant_type=password -d client_id=pharos-console -d "username=$1" -d "password=$1" \
    http://localhost:8180/realms/pharos/protocol/openid-connect/token | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
admin=$(token alex)
channel='{"id":"bench-whatsapp","type":"WHATSAPP","name":"Benchmark WhatsApp","address":"+302101234599",
  "settings":{"phoneNumberId":"106540352249999"},"secrets":{"webhookSecret":"bench-whatsapp-secret"},"enabled":true}'
curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$channel" \
  http://localhost:8082/api/v1/channels || curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d "$channel" http://localhost:8082/api/v1/channels/bench-whatsapp
integrator=$(curl -sf -d grant_type=client_credentials -d client_id=acme-integrator -d client_secret=acme-integrator-secret \
  http://localhost:8180/realms/pharos/protocol/openid-connect/token | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
warm_up=${WARM_UP:-180}
if ((warm_up > 0)); then
  WEBHOOK_SECRET=bench-whatsapp-secret node "$here/send.mjs" "$warm_up" "${2:-100}" | sed 's/^/warm-up: /'
  waited=0
  while [[ $(pending) != 0 ]] && ((waited < 600)); do sleep 2; waited=$((waited + 2)); done
  echo "warm-up: the consumers caught up ${waited} s after"
fi
WEBHOOK_SECRET=bench-whatsapp-secret AGENT_TOKEN=$(token anna) SUPERVISOR_TOKEN=$(token sofia) INTEGRATOR_TOKEN=$integrator \
  node "$here/run.mjs" "${1:-60}" "${2:-100}" "${3:-100}"
