#!/usr/bin/env bash
# Ticket creation, one build against another on the same machine in the same minutes: each commit's
# ticket-service is built in a throw-away work tree (package, never installed), started alone on port 8091
# against a fresh database of its own and the running infrastructure (./pharos infra-up), warmed up, then
# loaded with wrk; reported per commit and round: creates/s, p50/p99 and ticket-service's own CPU per create
# (process time over the run / creates), the figure least disturbed by whatever else the machine does.
# Rounds alternate the commits, so a machine that slows down does so for both.
# With -p ASPROF (async-profiler's asprof) each measured run is also sampled (CPU, 1 ms), written in collapsed stacks
# beside the logs ($AB_WORK/ticket_ab_<sha>.r<round>.collapsed) for a flame graph or a grep.
#   benchmarks/ticket-create/ab.sh [-r ROUNDS] [-s SECONDS] [-c CONNECTIONS] [-p ASPROF] COMMIT...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds=2 seconds=30 connections=8 asprof=
while getopts r:s:c:p: o; do case $o in r) rounds=$OPTARG ;; s) seconds=$OPTARG ;; c) connections=$OPTARG ;; p) asprof=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || { echo "usage: $0 [-r ROUNDS] [-s SECONDS] [-c CONNECTIONS] [-p ASPROF] COMMIT..."; exit 2; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
# the builds measured here publish their events to the infrastructure's Kafka, for tenant acme: the suite's consumers
# must not take them in (its analytics would count a million tickets that do not exist), so they are skipped at the end
for port in 8081 8082 8083 8084; do
  ! curl -sf -o /dev/null "http://localhost:$port/q/health/live" || { echo "stop the suite's services first (./pharos services-down)"; exit 1; }
done
pg_socket="$root/.pharos/run/postgres"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
java_home="$( (ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)"
work="${AB_WORK:-/var/tmp/pharos-ab}"
mkdir -p "$work"
token() {
  curl -sf -d grant_type=client_credentials -d client_id=acme-integrator -d client_secret=acme-integrator-secret \
    http://localhost:8180/realms/pharos/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

source "$here/measure.sh"
declare -A jar
for commit in "$@"; do
  sha=$(git -C "$root" rev-parse --short "$commit")
  tree="$work/$sha"
  if [[ ! -f "$tree/ticket-service/target/quarkus-app/quarkus-run.jar" ]]; then
    echo "== building ticket-service at $sha"
    rm -rf "$tree"; git -C "$root" worktree prune; git -C "$root" worktree add -q --detach "$tree" "$sha"
    (cd "$tree" && JAVA_HOME="$java_home" ./mvnw -B -q package -DskipTests -pl ticket-service -am)
  fi
  jar[$commit]="$tree/ticket-service/target/quarkus-app/quarkus-run.jar"
done

run_one() { # COMMIT ROUND
  local commit=$1 db="ticket_ab_$(git -C "$root" rev-parse --short "$1")" pid log
  as_pg psql -h "$pg_socket" -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db OWNER ticket"
  log="$work/$db.log"
  HTTP_PORT=8091 DB_NAME=$db DB_USER=ticket DB_PASSWORD=ticket KAFKA_BOOTSTRAP_SERVERS=localhost:9092 \
    OIDC_AUTH_SERVER_URL=http://localhost:8180/realms/pharos KEYCLOAK_URL=http://localhost:8180 \
    KEYCLOAK_ADMIN_CLIENT_SECRET=ticket-service-secret QUARKUS_LOG_CONSOLE_JSON_ENABLED=false PHAROS_SEED_DEMO=true \
    IDENTITY_TOKEN_SECRET=local-only-identity-link-secret-0123456789 ATTACHMENT_LINK_SECRET=local-only-attachment-link-secret-0123456789 \
    S3_ENDPOINT=http://localhost:9000 S3_ACCESS_KEY=pharos-local S3_SECRET_KEY=pharos-local-secret ATTACHMENT_CREATE_BUCKET=true \
    "$java_home/bin/java" -Xms64m -Xmx384m -XX:+UseSerialGC -jar "${jar[$commit]}" >"$log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null http://localhost:8091/q/health/ready; do
    kill -0 $pid 2>/dev/null || { echo "$commit did not start (see $log)"; return 1; }; sleep 1
  done
  warm_up http://localhost:8091 "$pid" "$connections" >"$work/$db.r$2.warm-up"
  local before used result
  before=$(cpu_ticks "$pid")
  local sampler=
  if [[ -n $asprof ]]; then
    "$asprof" -d "$seconds" -e cpu -i 1ms -o collapsed -f "$work/$db.r$2.collapsed" $pid >/dev/null 2>&1 & sampler=$!
  fi
  result=$(TOKEN=$(token) wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s --latency -s "$here/create.lua" http://localhost:8091 | grep RESULT)
  used=$(($(cpu_ticks "$pid") - before))
  [[ -z $sampler ]] || wait $sampler || true
  printf 'commit=%s round=%s %s cpu_ms_per_create=%s load=%s\n  %s\n' "$(git -C "$root" rev-parse --short "$commit")" "$2" "${result#RESULT }" \
    "$(ms_per_create "$used" "$(requests_of "$result")")" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$(cat "$work/$db.r$2.warm-up")"
  kill $pid; wait $pid 2>/dev/null || true
  as_pg psql -h "$pg_socket" -U postgres -qc "DROP DATABASE IF EXISTS $db"
}

for round in $(seq 1 "$rounds"); do
  for commit in "$@"; do run_one "$commit" "$round"; done
done

kafka_cp="$(ls -d "$root"/.pharos/cache/kafka-*/libs | head -1)/*"
for group in analytics-service survey-service channel-gateway; do
  "$java_home/bin/java" -cp "$kafka_cp" "$root/benchmarks/inbound-webhooks/SkipBacklog.java" localhost:9092 "$group" pharos.ticket.events
done
