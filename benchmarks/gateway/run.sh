#!/usr/bin/env bash
# The gateway's p50/p99 overhead over direct subgraph calls for an agent's inbox (25 tickets with
# requester and satisfaction). Needs the whole suite (./pharos up). Makes sure acme has at least
# 25 tickets, some with a survey answer, then runs run.mjs as Anna.
#   benchmarks/gateway/run.sh [REQUESTS] [WARMUP]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
token() {
  curl -sf -d grant_type=password -d client_id=pharos-console -d "username=$1" -d "password=$1" \
    http://localhost:8180/realms/pharos/protocol/openid-connect/token | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
integrator=$(curl -sf -d grant_type=client_credentials -d client_id=acme-integrator -d client_secret=acme-integrator-secret \
  http://localhost:8180/realms/pharos/protocol/openid-connect/token | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
for i in $(seq 1 25); do # 25 more tickets of the inbox's first page, half of them answered by a survey
  id=$(curl -sf -H "Authorization: Bearer $integrator" -H 'content-type: application/json' http://localhost:8081/api/v1/tickets \
    -d "{\"subject\":\"Benchmark $i\",\"channel\":\"email\",\"requester\":{\"name\":\"Bench $i\",\"email\":\"bench-$i@example.test\"},\"message\":{\"text\":\"hello\"}}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  if (( i % 2 == 0 )); then
    curl -sf -o /dev/null -H "Authorization: Bearer $integrator" -H 'content-type: application/x-ndjson' http://localhost:8083/api/v1/responses/import \
      --data-binary "{\"type\":\"csat\",\"score\":$(( i % 5 + 1 )),\"ticketId\":\"$id\",\"respondedAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"externalId\":\"bench-$id\"}"
  fi
done
cd "$here/../../deploy/gateway" # graphql tooling's node_modules are not needed: fetch is built into node
node "$here/run.mjs" "$(token anna)" "${1:-2000}" "${2:-300}"
