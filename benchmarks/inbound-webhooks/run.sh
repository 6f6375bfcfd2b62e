#!/usr/bin/env bash
# Inbound webhooks accepted durably: WhatsApp Cloud API messages (X-Hub-Signature-256 checked on
# the raw body, provider id deduplicated, published to Kafka with acks=all before the 200) posted
# by wrk to channel-gateway. Needs the suite up (./pharos up), wrk, python3. ticket-service is
# stopped meanwhile and its consumer groups skip the benchmark's messages, so no ticket is made.
#   benchmarks/inbound-webhooks/run.sh [SECONDS] [CONNECTIONS...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=${1:-20}
shift || true
connections=("$@")
[[ $# -eq 0 ]] && connections=(8 32 64)
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
pg_socket="$root/.pharos/run/postgres"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
java_bin="$( (ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)/bin/java"
kafka_cp="$(ls -d "$root"/.pharos/cache/kafka-*/libs | head -1)/*"

admin=$(curl -sf -d grant_type=password -d client_id=pharos-console -d username=alex -d password=alex \
  http://localhost:8180/realms/pharos/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
channel='{"id":"bench-whatsapp","type":"WHATSAPP","name":"Benchmark WhatsApp","address":"+302101234599",
  "settings":{"phoneNumberId":"106540352249999"},"secrets":{"webhookSecret":"bench-whatsapp-secret"},"enabled":true}'
curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$channel" \
  http://localhost:8082/api/v1/channels || curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d "$channel" http://localhost:8082/api/v1/channels/bench-whatsapp

"$root/pharos" services-down ticket-service >/dev/null
payloads="$(mktemp)"
trap 'rm -f "$payloads"' EXIT
python3 "$here/payloads.py" 150000 bench-whatsapp-secret "$payloads"
before=$(as_pg psql -h "$pg_socket" -U postgres -d channel -tAc "SELECT count(*) FROM inbound_receipt WHERE channel_id = 'bench-whatsapp'")

echo "== POST /webhooks/meta/bench-whatsapp (signed, each message new), ${seconds}s per run after a 20 s warm-up"
PAYLOADS="$payloads" wrk -t2 -c32 -d20s -s "$here/webhook.lua" http://localhost:8082 | grep RESULT | sed 's/^/warm-up /'
for c in "${connections[@]}"; do
  python3 "$here/payloads.py" 150000 bench-whatsapp-secret "$payloads"
  printf 'connections=%-3s ' "$c"
  PAYLOADS="$payloads" wrk -t2 -c"$c" -d"${seconds}s" --latency -s "$here/webhook.lua" http://localhost:8082 | grep RESULT
done

after=$(as_pg psql -h "$pg_socket" -U postgres -d channel -tAc "SELECT count(*) FROM inbound_receipt WHERE channel_id = 'bench-whatsapp'")
echo "== receipts recorded during the runs: $((after - before)) (each one after its event was acknowledged by Kafka)"

for group in ticket-service ticket-service-test; do
  "$java_bin" -cp "$kafka_cp" "$here/SkipBacklog.java" localhost:9092 "$group" pharos.channel.inbound 2>/dev/null || true
done
"$root/pharos" services-up ticket-service >/dev/null
