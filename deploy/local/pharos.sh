#!/usr/bin/env bash
# The Pharos local runtime: real PostgreSQL, Kafka (KRaft), Keycloak, a mail server and an S3 API
# (S3Proxy, the attachment store) started as plain processes (no Docker), then the four services. Called through ./pharos.
#
#   ./pharos up            start everything (idempotent), wait until healthy, print the URLs
#   ./pharos down          stop exactly what `up` started (recorded PIDs)
#   ./pharos reset         down, then forget all data (PostgreSQL, Kafka, Keycloak): the next
#                          `up` starts from the demo state; downloads and builds are kept
#   ./pharos status        what runs, on which port
#   ./pharos logs NAME     follow one component's log (postgres, kafka, keycloak, mail, s3, <service>)
#   ./pharos test          every test: infrastructure up if needed, ./mvnw verify, then back down
#   ./pharos infra-up      only the infrastructure (what the tests need)
#   ./pharos services-up|services-down [NAME...]   only the services (used by system-tests)
#   ./pharos gateway-up|gateway-down               only the federation gateway (port 4000)
#   ./pharos revive NAME...  start again what died (postgres, kafka, a service), without building
#   ./pharos outbox SERVICE list|show ID|replay ID|discard ID REASON        parked outbox rows
#   ./pharos dead-letters SERVICE list|show ID|replay ID|discard ID REASON  parked consumed records
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${PHAROS_HOME:-$ROOT/.pharos}"
CACHE="$STATE/cache"
RUN="$STATE/run"
PIDS="$RUN/pids"
LOGS="$RUN/logs"

# versions are pinned once, in the root pom's properties
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1; }
KAFKA_VERSION=$(pom_property kafka.version)
KEYCLOAK_VERSION=$(pom_property keycloak.version)
GREENMAIL_VERSION=$(pom_property greenmail.version)
S3PROXY_VERSION=$(pom_property s3proxy.version)

PG_PORT=5432
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
KEYCLOAK_PORT=8180
SMTP_PORT=3025
IMAP_PORT=3143
# the attachment store's S3 API (S3Proxy over a directory); the services' local credentials
S3_PORT=9000
S3_ACCESS_KEY=pharos-local
S3_SECRET_KEY=pharos-local-secret
GATEWAY_PORT=4000
# where channel-gateway sends WhatsApp/Messenger, SMS and Telegram replies locally: no provider is
# reachable from a laptop, so a stand-in may listen here (the system tests start one)
PROVIDER_SANDBOX_PORT=8089
GATEWAY_DIR="$ROOT/deploy/gateway"

# service name, port, database (and database user)
SERVICES=(
  "ticket-service 8081 ticket"
  "channel-gateway 8082 channel"
  "survey-service 8083 survey"
  "analytics-service 8084 analytics"
)
INFRA=(postgres kafka keycloak mail s3)
# mailboxes created up front; GreenMail creates any other on first delivery (password = address)
MAILBOXES=(support@acme.test anna@acme.test nikos@acme.test sofia@acme.test alex@acme.test
  gina@globex.test support@globex.test eleni@example.test)

STARTED_AT=$(date +%s)

# ---------------------------------------------------------------- output

say() { printf '==> [%3ss] %s\n' "$(($(date +%s) - STARTED_AT))" "$*"; }
fail() { printf 'pharos: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- JDKs

java_major() { # JAVA_BIN -> major version, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

# find_jdk MIN [PREFERRED_MAX]: a JDK home with MIN <= version; among several, the newest one
# not above PREFERRED_MAX if any, else the newest. JAVA_HOME first, then the JDKs installed beside
# the default java (e.g. /usr/lib/jvm/*).
find_jdk() {
  local min=$1 max=${2:-999} best="" best_v=0 fallback="" fallback_v=0 home v
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    local default_home
    default_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$default_home")
    for home in "$(dirname "$default_home")"/*; do candidates+=("$home"); done
  fi
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [[ -d "$home" ]] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || continue
    v=$(java_major "$home/bin/java") || continue
    [[ -n "$v" && "$v" -ge "$min" ]] || continue
    if [[ "$v" -le "$max" && "$v" -gt "$best_v" ]]; then best=$home; best_v=$v; fi
    if [[ "$v" -gt "$fallback_v" ]]; then fallback=$home; fallback_v=$v; fi
  done
  if [[ -n "$best" ]]; then echo "$best"; elif [[ -n "$fallback" ]]; then echo "$fallback"; else return 1; fi
}

resolve_jdks() {
  [[ -n "${SERVICE_JDK:-}" ]] && return 0
  SERVICE_JDK=$(find_jdk 21) || fail "no JDK 21 or newer found. Pharos needs one: install e.g. openjdk-21-jdk \
or Temurin 21/25 under /usr/lib/jvm, or point JAVA_HOME at it. Looked at JAVA_HOME, the default java and /usr/lib/jvm."
  # Keycloak 26.4 supports JDK 17 and 21: prefer one of those, take a newer one if that is all there is
  KEYCLOAK_JDK=$(find_jdk 17 21) || KEYCLOAK_JDK=$SERVICE_JDK
  export SERVICE_JDK KEYCLOAK_JDK
}

mvnw() { JAVA_HOME="$SERVICE_JDK" "$ROOT/mvnw" "$@"; }

# ---------------------------------------------------------------- processes and ports

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_of() { [[ -f "$PIDS/$1.pid" ]] && cat "$PIDS/$1.pid"; }

running() {
  local pid
  pid=$(pid_of "$1" 2>/dev/null) || return 1
  [[ -n "$pid" ]] && alive "$pid"
}

require_free_port() { # NAME PORT
  if port_open "$2"; then
    fail "port $2 (needed by $1) is already taken by another process. Stop it, or run './pharos down' if it is an earlier Pharos run."
  fi
}

close_inherited_fds() {
  local fd
  for fd in /proc/self/fd/*; do
    fd=${fd##*/}
    [[ $fd -gt 2 ]] && eval "exec $fd>&-" 2>/dev/null
  done
  return 0
}

start_process() { # NAME COMMAND... : detached, in its own process group, output to its log
  local name=$1; shift
  mkdir -p "$PIDS" "$LOGS"
  # descriptors above stderr are closed: a daemon must not keep its caller's locks or pipes open
  (close_inherited_fds; exec setsid "$@") >>"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! >"$PIDS/$name.pid"
}

alive() { # PID: running, and not a zombie waiting to be reaped
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n "$stat" && "$stat" != Z* ]]
}

stop_processes() { # NAME... : TERM to every process group at once, then wait (KILL after 30 s)
  local name pid waited=0 pending=()
  for name in "$@"; do
    pid=$(pid_of "$name" 2>/dev/null) || continue
    if [[ -n "$pid" ]] && alive "$pid"; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      pending+=("$name:$pid")
    else
      rm -f "$PIDS/$name.pid"
    fi
  done
  for entry in "${pending[@]}"; do
    name=${entry%%:*}; pid=${entry##*:}
    while alive "$pid"; do
      sleep 0.2; waited=$((waited + 1))
      if [[ $waited -ge 150 ]]; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
    done
    rm -f "$PIDS/$name.pid"
    say "$name stopped"
  done
}

stop_process() { stop_processes "$1"; }

wait_until() { # NAME TIMEOUT_SECONDS COMMAND... : progress every 10 s, log tail on failure
  local name=$1 timeout=$2 start waited; shift 2
  start=$(date +%s)
  until "$@" >/dev/null 2>&1; do
    waited=$(($(date +%s) - start))
    if ! running "$name" && [[ "$name" != postgres ]]; then
      tail -n 40 "$LOGS/$name.log" >&2 || true
      fail "$name exited while starting; its log is $LOGS/$name.log"
    fi
    if [[ $waited -ge $timeout ]]; then
      tail -n 40 "$LOGS/$name.log" >&2 || true
      fail "$name not ready after ${timeout}s; its log is $LOGS/$name.log"
    fi
    if [[ $waited -gt 0 && $((waited % 10)) -eq 0 ]]; then say "  still waiting for $name (${waited}s)"; fi
    sleep 1
  done
  say "$name ready after $(($(date +%s) - start))s"
}

# ---------------------------------------------------------------- downloads (once, into the cache)

fetch() {
  local kafka_libs="$CACHE/kafka-$KAFKA_VERSION/libs" kc_zip="$CACHE/downloads/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [[ ! -f "$kafka_libs/kafka_2.13-$KAFKA_VERSION.jar" || ! -f "$kc_zip" \
        || ! -f "$CACHE/downloads/greenmail-standalone-$GREENMAIL_VERSION.jar" \
        || ! -f "$CACHE/downloads/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" ]]; then
    say "fetching Kafka $KAFKA_VERSION, Keycloak $KEYCLOAK_VERSION, GreenMail $GREENMAIL_VERSION and S3Proxy $S3PROXY_VERSION from Maven Central (once)"
    mvnw -B -q -f "$ROOT/deploy/local/pom.xml" package -Dpharos.cache="$CACHE" -Dkafka.version="$KAFKA_VERSION" \
      -Dkeycloak.version="$KEYCLOAK_VERSION" -Dgreenmail.version="$GREENMAIL_VERSION" -Ds3proxy.version="$S3PROXY_VERSION" \
      || fail "download failed (see the Maven output above)"
  fi
  if [[ ! -x "$CACHE/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ]]; then
    say "unpacking Keycloak $KEYCLOAK_VERSION"
    rm -rf "$CACHE/keycloak-$KEYCLOAK_VERSION"
    unzip -q "$kc_zip" -d "$CACHE" || fail "cannot unpack $kc_zip (is unzip installed?)"
  fi
}

# ---------------------------------------------------------------- PostgreSQL

as_postgres() { # the Debian binaries refuse to run as root: run them as the postgres user then
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_dir() {
  # the data directory must be reachable by the postgres user; a clone inside a private (0700)
  # directory is not, so fall back to a per-checkout directory under /var/tmp
  local dir="$RUN/postgres"
  if [[ $(id -u) -eq 0 ]]; then
    mkdir -p "$RUN"
    if ! runuser -u postgres -- test -x "$RUN" 2>/dev/null; then
      dir="/var/tmp/pharos-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)/postgres"
    fi
  fi
  echo "$dir"
}

pg_ready() { as_postgres pg_ctl -D "$(pg_dir)/data" status >/dev/null 2>&1 && port_open $PG_PORT; }

psql_admin() { as_postgres psql -h "$(pg_dir)" -p $PG_PORT -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

start_postgres() {
  local dir
  dir=$(pg_dir)
  if pg_ready; then say "postgres already running"; return 0; fi
  command -v initdb >/dev/null || fail "PostgreSQL server binaries (initdb, pg_ctl, postgres) are not on PATH: install postgresql-15"
  require_free_port postgres $PG_PORT
  mkdir -p "$dir" "$LOGS"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir" "$(dirname "$dir")"
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    say "postgres: creating a cluster in $dir/data"
    as_postgres initdb -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C >"$LOGS/postgres-initdb.log" 2>&1 || fail "initdb failed: see $LOGS/postgres-initdb.log"
  fi
  say "starting postgres on :$PG_PORT"
  (close_inherited_fds; as_postgres pg_ctl -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
    -o "-p $PG_PORT -k $dir -c listen_addresses=localhost -c max_connections=300 -c shared_buffers=256MB -c fsync=on -c shared_preload_libraries=pg_stat_statements" \
    >/dev/null) || { tail -n 30 "$dir/postgres.log" >&2; fail "postgres did not start"; }
  ln -sf "$dir/postgres.log" "$LOGS/postgres.log"
  head -1 "$dir/data/postmaster.pid" >"$PIDS/postgres.pid"
  wait_until postgres 60 pg_ready
  create_databases
}

create_databases() {
  local entry name port db
  for entry in "${SERVICES[@]}"; do
    read -r name port db <<<"$entry"
    # local-only credentials: user = password = database name
    psql_admin -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$db') THEN
                     CREATE ROLE $db LOGIN PASSWORD '$db'; END IF; END \$\$;"
    for d in "$db" "${db}_test"; do
      if [[ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$d'")" ]]; then
        psql_admin -c "CREATE DATABASE $d OWNER $db"
      fi
    done
  done
  # which statements cost what, across every database: SELECT ... FROM pg_stat_statements in database postgres
  psql_admin -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
  say "postgres: databases ticket, channel, survey, analytics (and *_test) ready"
}

stop_postgres() {
  local dir
  dir=$(pg_dir)
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_postgres pg_ctl -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    say "postgres stopped"
  fi
  rm -f "$PIDS/postgres.pid"
}

# ---------------------------------------------------------------- Kafka (KRaft, single node)

kafka_classpath() { echo "$CACHE/kafka-$KAFKA_VERSION/libs/*"; }

start_kafka() {
  if running kafka; then say "kafka already running"; return 0; fi
  require_free_port kafka $KAFKA_PORT
  require_free_port kafka-controller $KAFKA_CONTROLLER_PORT
  local dir="$RUN/kafka" java="$SERVICE_JDK/bin/java"
  mkdir -p "$dir"
  sed "s#@DATA@#$dir/data#" "$ROOT/deploy/local/kafka/server.properties.template" >"$dir/server.properties"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    say "kafka: formatting storage (KRaft, standalone controller)"
    local cluster_id
    cluster_id=$("$java" -cp "$(kafka_classpath)" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    "$java" -cp "$(kafka_classpath)" -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" --standalone \
      >>"$LOGS/kafka.log" 2>&1 || fail "kafka storage format failed: see $LOGS/kafka.log"
  fi
  say "starting kafka on :$KAFKA_PORT"
  start_process kafka "$java" -Xms128m -Xmx512m -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
    -cp "$(kafka_classpath)" kafka.Kafka "$dir/server.properties"
  wait_until kafka 90 port_open $KAFKA_PORT
  create_topics
}

create_topics() {
  local tries=0
  until "$SERVICE_JDK/bin/java" -cp "$(kafka_classpath)" -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
      "$ROOT/deploy/local/kafka/CreateTopics.java" "localhost:$KAFKA_PORT" "$ROOT/deploy/local/kafka/topics.txt" \
      >>"$LOGS/kafka-topics.log" 2>&1; do
    tries=$((tries + 1))
    [[ $tries -ge 10 ]] && fail "could not create the Kafka topics: see $LOGS/kafka-topics.log"
    sleep 2
  done
  say "kafka: $(tail -1 "$LOGS/kafka-topics.log")"
}

# ---------------------------------------------------------------- Keycloak (embedded store, realm imported)

keycloak_ready() { curl -sf -o /dev/null "http://localhost:$KEYCLOAK_PORT/realms/pharos/.well-known/openid-configuration"; }

start_keycloak() {
  if running keycloak; then say "keycloak already running"; return 0; fi
  require_free_port keycloak $KEYCLOAK_PORT
  local home="$CACHE/keycloak-$KEYCLOAK_VERSION" realm="$ROOT/deploy/keycloak/pharos-realm.json" sum
  mkdir -p "$home/data/import"
  # the dev H2 store keeps an imported realm and skips re-import: start clean when the realm changed
  sum=$(md5sum "$realm" | cut -d' ' -f1)
  if [[ "$(cat "$home/data/realm.md5" 2>/dev/null)" != "$sum" ]]; then
    rm -rf "$home/data/h2"
    cp "$realm" "$home/data/import/pharos-realm.json"
    echo "$sum" >"$home/data/realm.md5"
  fi
  # an optimized build once (embedded file store, local caches) starts twice as fast as start-dev
  if [[ ! -f "$home/lib/quarkus/.pharos-built" ]]; then
    say "keycloak: one-time optimized build"
    JAVA_HOME="$KEYCLOAK_JDK" "$home/bin/kc.sh" build --db=dev-file --health-enabled=false \
      >>"$LOGS/keycloak.log" 2>&1 || fail "keycloak build failed: see $LOGS/keycloak.log"
    touch "$home/lib/quarkus/.pharos-built"
  fi
  say "starting keycloak on :$KEYCLOAK_PORT (JDK $(java_major "$KEYCLOAK_JDK/bin/java"), realm pharos)"
  # local only: plain HTTP on localhost, bootstrap admin admin/admin
  JAVA_HOME="$KEYCLOAK_JDK" JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    start_process keycloak "$home/bin/kc.sh" start --optimized --http-enabled=true --http-port=$KEYCLOAK_PORT \
      --hostname-strict=false --cache=local --import-realm --log-level=info,org.keycloak.events:warn
  wait_until keycloak 180 keycloak_ready
}

# ---------------------------------------------------------------- mail (GreenMail standalone)

start_mail() {
  if running mail; then say "mail already running"; return 0; fi
  require_free_port mail-smtp $SMTP_PORT
  require_free_port mail-imap $IMAP_PORT
  local users="" box
  # GreenMail reads local-part:password@domain; the password of every mailbox is its address
  for box in "${MAILBOXES[@]}"; do users+="${users:+,}${box%@*}:${box}@${box#*@}"; done
  say "starting mail server (SMTP :$SMTP_PORT, IMAP :$IMAP_PORT)"
  start_process mail "$SERVICE_JDK/bin/java" -Xms32m -Xmx128m \
    -Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap -Dgreenmail.hostname=127.0.0.1 \
    -Dgreenmail.users="$users" -Dgreenmail.users.login=email \
    -jar "$CACHE/downloads/greenmail-standalone-$GREENMAIL_VERSION.jar"
  wait_until mail 60 bash -c "(exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT) && (exec 3<>/dev/tcp/127.0.0.1/$IMAP_PORT)"
}

# ---------------------------------------------------------------- the attachment store (S3Proxy)

# S3Proxy serves the S3 API over a directory: the services talk to it exactly as to S3 in production
start_s3() {
  if running s3; then say "s3 already running"; return 0; fi
  require_free_port s3 $S3_PORT
  mkdir -p "$RUN/s3/data"
  cat >"$RUN/s3/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$RUN/s3/data
EOF
  say "starting the attachment store (S3 API :$S3_PORT, files in $RUN/s3/data)"
  start_process s3 "$SERVICE_JDK/bin/java" -Xms32m -Xmx256m \
    -jar "$CACHE/downloads/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" --properties "$RUN/s3/s3proxy.properties"
  wait_until s3 60 port_open $S3_PORT
}

# ---------------------------------------------------------------- the four services

service_jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

services_stale() { # any service whose jar is missing or older than its sources (or commons)
  local entry name port db jar
  for entry in "${SERVICES[@]}"; do
    read -r name port db <<<"$entry"
    jar=$(service_jar "$name")
    [[ -f "$jar" ]] || return 0
    [[ -n "$(find "$ROOT/$name/src/main" "$ROOT/$name/pom.xml" "$ROOT/commons/src/main" "$ROOT/attachments/src/main" "$ROOT/contracts/src/main" "$ROOT/pom.xml" \
             -newer "$jar" -type f -print -quit)" ]] && return 0
  done
  return 1
}

build_services() {
  if services_stale; then
    say "building the services (./mvnw package -DskipTests)"
    mvnw -B -q package -DskipTests -pl ticket-service,channel-gateway,survey-service,analytics-service -am \
      || fail "the build failed (see the Maven output above)"
    say "services built"
  fi
}

service_ready() { curl -sf -o /dev/null "http://localhost:$1/q/health/ready"; }

# heap per service, sized from measured RSS (deploy/local/README.md, "Memory"); PHAROS_SERVICE_HEAP
# (e.g. -Xmx24m) overrides it for every service, to try out how a service behaves short of memory
service_heap() {
  if [[ -n "${PHAROS_SERVICE_HEAP:-}" ]]; then echo "$PHAROS_SERVICE_HEAP"; return; fi
  case "$1" in
    ticket-service|analytics-service) echo "-Xms64m -Xmx384m" ;; # bulk work: imports, projection rebuilds
    *) echo "-Xms64m -Xmx256m" ;;
  esac
}

start_service() { # NAME PORT DB
  local name=$1 port=$2 db=$3 lock
  mkdir -p "$PIDS"
  # one start at a time per service: the watchdog and a services-up after a crash must not both
  # start one (the second JVM's pid would replace the first's, leaving an untracked process on the port)
  exec {lock}>"$PIDS/$name.lock"
  flock "$lock"
  if running "$name"; then say "$name already running"; exec {lock}>&-; return 0; fi
  require_free_port "$name" "$port"
  # started on purpose: the watchdog looks after it (again)
  rm -f "$PIDS/$name.stopped" "$PIDS/$name.gave-up"
  say "starting $name on :$port"
  # the prod profile with local secrets; GraphQL introspection on, as a developer's tools (and the
  # GraphQL-over-HTTP audit) expect it here: deployments keep the profile's default, off
  HTTP_PORT=$port DB_HOST=localhost DB_PORT=$PG_PORT DB_NAME=$db DB_USER=$db DB_PASSWORD=$db \
    KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT \
    OIDC_AUTH_SERVER_URL="http://localhost:$KEYCLOAK_PORT/realms/pharos" \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    SURVEY_TOKEN_SECRET="${SURVEY_TOKEN_SECRET:-local-only-survey-link-secret-0123456789}" \
    IDENTITY_TOKEN_SECRET="${IDENTITY_TOKEN_SECRET:-local-only-identity-link-secret-0123456789}" \
    GRAPHQL_INTROSPECTION="${GRAPHQL_INTROSPECTION:-true}" \
    KEYCLOAK_URL="http://localhost:$KEYCLOAK_PORT" KEYCLOAK_ADMIN_CLIENT_SECRET="$name-secret" \
    PHAROS_SEED_DEMO=true CHANNEL_SECRET_KEY="${CHANNEL_SECRET_KEY:-cGhhcm9zLWxvY2FsLW9ubHktY2hhbm5lbC1rZXktMzI=}" \
    SMTP_HOST=localhost SMTP_PORT=$SMTP_PORT \
    S3_ENDPOINT="http://localhost:$S3_PORT" S3_ACCESS_KEY=$S3_ACCESS_KEY S3_SECRET_KEY=$S3_SECRET_KEY ATTACHMENT_CREATE_BUCKET=true \
    ATTACHMENT_LINK_SECRET="${ATTACHMENT_LINK_SECRET:-local-only-attachment-link-secret-0123456789}" \
    PHAROS_OUTBOUND_ALLOW="${PHAROS_OUTBOUND_ALLOW:-localhost:$IMAP_PORT,localhost:$SMTP_PORT,localhost:$PROVIDER_SANDBOX_PORT}" \
    META_GRAPH_URL="${META_GRAPH_URL:-http://localhost:$PROVIDER_SANDBOX_PORT/meta/v21.0}" \
    TWILIO_API_URL="${TWILIO_API_URL:-http://localhost:$PROVIDER_SANDBOX_PORT/twilio}" \
    TELEGRAM_API_URL="${TELEGRAM_API_URL:-http://localhost:$PROVIDER_SANDBOX_PORT/telegram}" \
    start_process "$name" "$SERVICE_JDK/bin/java" $(service_heap "$name") -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
      -jar "$(service_jar "$name")"
  date +%s >"$PIDS/$name.started"
  exec {lock}>&-
}

selected_services() { # the SERVICES entries named in "$@", or all of them
  local entry name port db wanted
  for entry in "${SERVICES[@]}"; do
    read -r name port db <<<"$entry"
    if [[ $# -eq 0 ]]; then echo "$entry"; continue; fi
    for wanted in "$@"; do [[ "$wanted" == "$name" ]] && echo "$entry"; done
  done
  return 0 # (not the status of the last comparison: callers run under set -e)
}

services_up() { # [NAME...]
  resolve_jdks
  build_services
  local entry name port db entries
  mapfile -t entries < <(selected_services "$@")
  [[ ${#entries[@]} -gt 0 ]] || fail "no such service: $*"
  for entry in "${entries[@]}"; do
    read -r name port db <<<"$entry"
    running "$name" || rm -f "$PIDS/$name.restarts" # restarts count from the last services-up
    start_service "$name" "$port" "$db"
  done
  for entry in "${entries[@]}"; do read -r name port db <<<"$entry"; wait_until "$name" 120 service_ready "$port"; done
  watchdog_up
}

services_down() { # [NAME...]
  local entry name port db entries
  mapfile -t entries < <(selected_services "$@")
  local names=()
  # stopped on purpose: the watchdog must not bring these back (all of them: the watchdog goes first)
  [[ $# -eq 0 ]] && stop_processes watchdog
  for entry in "${entries[@]}"; do
    read -r name port db <<<"$entry"
    names+=("$name")
    [[ -d "$PIDS" ]] && touch "$PIDS/$name.stopped"
  done
  if [[ ${#names[@]} -gt 0 ]]; then stop_processes "${names[@]}"; fi
}

# ---------------------------------------------------------------- watchdog (restarts a service that died)
#
# One background process (pid in $PIDS/watchdog.pid, log in $LOGS/watchdog.log), started by
# services-up/up and stopped by services-down/down. Every WATCHDOG_INTERVAL seconds it looks at each
# service that has a pid file: a dead pid means the service died (kill -9, OutOfMemoryError, crash),
# and it is started again the normal way (start_service). A service stopped on purpose has no pid
# file (or a .stopped marker while it stops) and is left alone. A service that dies within
# WATCHDOG_FAST seconds of its start is a fast failure: the next start waits 2, 4, 8, ... s, and after
# WATCHDOG_MAX_FAST of them in a row the watchdog gives up (.gave-up marker, ./pharos status says so).
WATCHDOG_INTERVAL=${PHAROS_WATCHDOG_INTERVAL:-2}
WATCHDOG_FAST=${PHAROS_WATCHDOG_FAST:-60}
WATCHDOG_MAX_FAST=${PHAROS_WATCHDOG_MAX_FAST:-5}

watchdog_up() {
  if running watchdog; then return 0; fi
  start_process watchdog bash "${BASH_SOURCE[0]}" watchdog-run
  say "watchdog started (restarts a service that dies; log $LOGS/watchdog.log)"
}

watchdog_log() { # NAME MESSAGE: into the watchdog's log and the service's own
  local line
  line="$(date -u +%FT%TZ) pharos watchdog: $2"
  echo "$line"
  echo "$line" >>"$LOGS/$1.log"
}

watchdog_run() {
  resolve_jdks
  local entry name port db pid now started fast restarts
  declare -A fails=() not_before=()
  echo "$(date -u +%FT%TZ) pharos watchdog: watching ${#SERVICES[@]} services every ${WATCHDOG_INTERVAL}s"
  while true; do
    for entry in "${SERVICES[@]}"; do
      read -r name port db <<<"$entry"
      pid=$(pid_of "$name" 2>/dev/null) || continue # never started, or stopped on purpose
      [[ -n "$pid" && ! -f "$PIDS/$name.stopped" && ! -f "$PIDS/$name.gave-up" ]] || continue
      if alive "$pid"; then unset "not_before[$name]"; continue; fi # (maybe started again by someone else)
      now=$(date +%s)
      if [[ -z "${not_before[$name]:-}" ]]; then # first look at this death
        started=$(cat "$PIDS/$name.started" 2>/dev/null || echo 0)
        if [[ $((now - started)) -lt $WATCHDOG_FAST ]]; then fails[$name]=$((${fails[$name]:-0} + 1)); else fails[$name]=0; fi
        fast=${fails[$name]}
        if [[ $fast -ge $WATCHDOG_MAX_FAST ]]; then
          echo "$now $fast" >"$PIDS/$name.gave-up"
          watchdog_log "$name" "GAVE UP on $name: it died $fast times within ${WATCHDOG_FAST}s of starting; see this log, fix it, then ./pharos services-up $name"
          continue
        fi
        not_before[$name]=$((now + (fast > 0 ? 1 << fast : 0)))
        watchdog_log "$name" "$name (pid $pid) is dead; restarting it$([[ $fast -gt 0 ]] && echo " in $((1 << fast))s (fast failure $fast of $WATCHDOG_MAX_FAST)")"
      fi
      [[ $now -ge ${not_before[$name]} ]] || continue
      unset "not_before[$name]"
      if (start_service "$name" "$port" "$db") >>"$LOGS/watchdog.log" 2>&1; then
        restarts=$(($(cat "$PIDS/$name.restarts" 2>/dev/null || echo 0) + 1))
        echo "$restarts" >"$PIDS/$name.restarts"
        watchdog_log "$name" "$name restarted as pid $(pid_of "$name") (restart $restarts since services-up)"
      else
        watchdog_log "$name" "could not start $name again; retrying"
        date +%s >"$PIDS/$name.started" # counts as a fast failure next round
      fi
    done
    sleep "$WATCHDOG_INTERVAL"
  done
}

# ---------------------------------------------------------------- federation gateway

gateway_ready() { curl -sf -o /dev/null "http://localhost:$GATEWAY_PORT/readiness"; }

gateway_tooling() { # Hive Gateway and the composer, pinned by deploy/gateway/package-lock.json
  if [[ ! -x "$GATEWAY_DIR/node_modules/.bin/hive-gateway" || "$GATEWAY_DIR/package-lock.json" -nt "$GATEWAY_DIR/node_modules" ]]; then
    say "installing the gateway (npm ci in deploy/gateway)"
    (cd "$GATEWAY_DIR" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in deploy/gateway failed"
    touch "$GATEWAY_DIR/node_modules"
  fi
}

compose_local_supergraph() { # the checked-in subgraphs, routed to the services on localhost
  local entry name port db var args=()
  for entry in "${SERVICES[@]}"; do
    read -r name port db <<<"$entry"
    [[ -f "$GATEWAY_DIR/subgraphs/$name.graphql" ]] || continue
    var="ROUTING_URL_$(echo "$name" | tr 'a-z-' 'A-Z_')"
    export "$var=http://localhost:$port/graphql"
    args+=("$name=subgraphs/$name.graphql")
  done
  (cd "$GATEWAY_DIR" && node compose.mjs --out "$RUN/supergraph.graphql" "${args[@]}") >>"$LOGS/gateway.log" 2>&1 \
    || fail "composing the supergraph failed; see $LOGS/gateway.log"
}

gateway_up() {
  if running gateway; then say "gateway already running"; return 0; fi
  require_free_port gateway $GATEWAY_PORT
  gateway_tooling
  mkdir -p "$PIDS" "$LOGS"
  compose_local_supergraph
  say "starting the federation gateway on :$GATEWAY_PORT"
  (cd "$GATEWAY_DIR" && PHAROS_SUPERGRAPH="$RUN/supergraph.graphql" PORT=$GATEWAY_PORT NO_COLOR=1 \
    start_process gateway "$GATEWAY_DIR/node_modules/.bin/hive-gateway" supergraph)
  wait_until gateway 60 gateway_ready
}

# ---------------------------------------------------------------- commands

infra_up() {
  resolve_jdks
  fetch
  mkdir -p "$PIDS" "$LOGS"
  start_postgres
  start_kafka
  start_keycloak
  start_mail
  start_s3
}

infra_running() { pg_ready && running kafka && running keycloak && running mail && running s3; }

cmd_up() {
  say "Pharos: starting the local suite (state in $STATE)"
  infra_up
  services_up
  gateway_up
  say "all up in $(($(date +%s) - STARTED_AT))s"
  cat <<EOF

  GraphQL (federated)     http://localhost:$GATEWAY_PORT/graphql
  GraphQL (per service)   http://localhost:8081/graphql  ... :8084/graphql
  ticket-service          http://localhost:8081/q/swagger-ui
  channel-gateway         http://localhost:8082    survey-service http://localhost:8083
  analytics-service       http://localhost:8084
  Keycloak                http://localhost:$KEYCLOAK_PORT  (admin / admin, realm pharos)
  Kafka                   localhost:$KAFKA_PORT          PostgreSQL localhost:$PG_PORT
  Mail                    SMTP localhost:$SMTP_PORT, IMAP localhost:$IMAP_PORT
  Attachment store (S3)   http://localhost:$S3_PORT  (access key $S3_ACCESS_KEY, bucket pharos-attachments)

  A token for the acme integrator, and who it is:
    TOKEN=\$(curl -s -d grant_type=client_credentials -d client_id=acme-integrator \\
      -d client_secret=acme-integrator-secret \\
      http://localhost:$KEYCLOAK_PORT/realms/pharos/protocol/openid-connect/token | jq -r .access_token)
    curl -H "Authorization: Bearer \$TOKEN" http://localhost:8081/api/v1/me
  An agent (password = user name): -d grant_type=password -d client_id=pharos-console -d username=anna -d password=anna

EOF
}

cmd_down() {
  stop_processes gateway
  services_down
  stop_processes s3 mail keycloak kafka
  stop_postgres
  say "down"
}

cmd_reset() {
  cmd_down
  # kafka's log and the databases go together: offsets and outbox positions refer to each other
  rm -rf "$(pg_dir)" "$RUN/kafka" "$RUN/s3/data" "$CACHE/keycloak-$KEYCLOAK_VERSION/data/h2" "$CACHE/keycloak-$KEYCLOAK_VERSION/data/realm.md5"
  say "reset: PostgreSQL, Kafka, Keycloak and attachment data removed; ./pharos up starts from the demo state"
}

cmd_status() {
  local entry name port db state dead=()
  printf '%-18s %-8s %-22s %-10s %s\n' COMPONENT PID PORTS STATE RESTARTS
  row() { # NAME PORTS CHECK...
    local n=$1 p=$2 pid restarts=""; shift 2
    pid=$(pid_of "$n" 2>/dev/null || true)
    if "$@" >/dev/null 2>&1; then state=up; elif running "$n"; then state=starting
    elif [[ -n "$pid" && ! -f "$PIDS/$n.stopped" ]]; then state=DEAD; dead+=("$n") # died, was not stopped
    else state=down; pid=-; fi
    [[ -f "$PIDS/$n.restarts" ]] && restarts=$(cat "$PIDS/$n.restarts")
    printf '%-18s %-8s %-22s %-10s %s\n' "$n" "${pid:--}" "$p" "$state" "$restarts"
  }
  row postgres $PG_PORT pg_ready
  row kafka "$KAFKA_PORT,$KAFKA_CONTROLLER_PORT" port_open $KAFKA_PORT
  row keycloak $KEYCLOAK_PORT keycloak_ready
  row mail "$SMTP_PORT,$IMAP_PORT" port_open $SMTP_PORT
  row s3 $S3_PORT port_open $S3_PORT
  for entry in "${SERVICES[@]}"; do read -r name port db <<<"$entry"; row "$name" "$port" service_ready "$port"; done
  row gateway $GATEWAY_PORT gateway_ready
  row watchdog - running watchdog
  for name in "${dead[@]}"; do
    if [[ -f "$PIDS/$name.gave-up" ]]; then
      printf '!! %s is DEAD and the watchdog GAVE UP on it (died %s times right after starting): see %s\n' \
        "$name" "$(cut -d' ' -f2 "$PIDS/$name.gave-up")" "$LOGS/$name.log" >&2
    elif [[ "$name" == watchdog ]]; then
      printf '!! the watchdog is DEAD: dead services stay dead; ./pharos services-up starts it again\n' >&2
    elif running watchdog; then
      printf '!! %s is DEAD; the watchdog is restarting it (see %s)\n' "$name" "$LOGS/watchdog.log" >&2
    else
      printf '!! %s is DEAD and nothing restarts it: ./pharos revive %s (or ./pharos services-up)\n' "$name" "$name" >&2
    fi
  done
}

cmd_logs() {
  local name=${1:-}
  [[ -n "$name" ]] || fail "usage: ./pharos logs NAME (postgres, kafka, keycloak, mail, s3, ticket-service, channel-gateway, survey-service, analytics-service)"
  [[ -e "$LOGS/$name.log" ]] || fail "no log for '$name' in $LOGS"
  tail -n 200 -F "$LOGS/$name.log"
}

ensure_browser() { # the survey page is tested in Debian's headless Chromium
  command -v chromium >/dev/null && command -v chromedriver >/dev/null && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing Debian's chromium and chromium-driver (browser tests of the survey page)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >"$LOGS/apt-chromium.log" 2>&1 \
      || { apt-get update -q >>"$LOGS/apt-chromium.log" 2>&1 && \
           DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >>"$LOGS/apt-chromium.log" 2>&1; } \
      || fail "could not install chromium (see $LOGS/apt-chromium.log)"
  else
    fail "the tests need Chromium and its driver: sudo apt-get install chromium chromium-driver"
  fi
}

cmd_test() {
  local started=() c rc=0
  resolve_jdks
  say "Pharos tests: JDK $(java_major "$SERVICE_JDK/bin/java") at $SERVICE_JDK"
  fetch
  mkdir -p "$PIDS" "$LOGS"
  ensure_browser
  pg_ready || { start_postgres; started+=(postgres); }
  running kafka || { start_kafka; started+=(kafka); }
  running keycloak || { start_keycloak; started+=(keycloak); }
  running mail || { start_mail; started+=(mail); }
  running s3 || { start_s3; started+=(s3); }
  create_databases
  say "running ./mvnw verify over the whole reactor"
  mvnw -B verify "$@" || rc=$?
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    c=${started[$i]}
    if [[ $c == postgres ]]; then stop_postgres; else stop_process "$c"; fi
  done
  say "tests finished with exit code $rc in $(($(date +%s) - STARTED_AT))s"
  return $rc
}

# start again what died (postgres, kafka, keycloak, mail, s3, a service), without building: a crash
# needs the same jar back, not a new one (the fault campaign, benchmarks/faults, uses it)
cmd_revive() {
  local name entry n port db
  resolve_jdks
  mkdir -p "$PIDS" "$LOGS"
  for name in "$@"; do
    case "$name" in
      postgres) start_postgres ;;
      kafka) start_kafka ;;
      keycloak) start_keycloak ;;
      mail) start_mail ;;
      s3) start_s3 ;;
      *)
        entry=$(selected_services "$name")
        [[ -n "$entry" ]] || fail "no such component: $name"
        read -r n port db <<<"$entry"
        start_service "$n" "$port" "$db"
        wait_until "$n" 120 service_ready "$port" ;;
    esac
  done
}

operator_token() { # the platform operator's token (client pharos-operator: role platform-admin, no tenant)
  curl -sf -d grant_type=client_credentials -d client_id=pharos-operator -d client_secret=pharos-operator-secret \
    "http://localhost:$KEYCLOAK_PORT/realms/pharos/protocol/openid-connect/token" | jq -er .access_token \
    || fail "no operator token from Keycloak on port $KEYCLOAK_PORT (is it up?)"
}

# the platform operator's view of a service's parked outbox rows (events its relay could not
# publish): list, show, replay after a fix, discard with a reason; token of client pharos-operator
cmd_outbox() { # SERVICE list|show ID|replay ID|discard ID REASON...
  local service=${1:-} action=${2:-} id=${3:-} entry n port db token base reason
  entry=$(selected_services "$service" 2>/dev/null || true)
  [[ -n "$service" && -n "$entry" && -n "$action" ]] \
    || fail "usage: ./pharos outbox SERVICE list [STATUS] | show ID | replay ID | discard ID REASON  (SERVICE: ticket-service, channel-gateway, survey-service, analytics-service)"
  read -r n port db <<<"$entry"
  token=$(operator_token)
  base="http://localhost:$port/api/v1/admin/outbox/parked"
  case "$action" in
    list) curl -sS -H "Authorization: Bearer $token" "$base${id:+?status=$id}" \
            | jq -r 'if type != "array" then . else
                       (["ID","STATUS","TENANT","TYPE","KEY","SIZE","TRIES","WAITING","LAST TRY","ERROR"] | @tsv),
                       (.[] | [.id, .status, .tenant, .type, .key, .size, .attempts, .waiting, .lastTry, (.error | .[0:80])] | @tsv) end' ;;
    show) [[ -n "$id" ]] || fail "usage: ./pharos outbox $n show ID"
          curl -sS -H "Authorization: Bearer $token" "$base/$id" | jq . ;;
    replay) [[ -n "$id" ]] || fail "usage: ./pharos outbox $n replay ID"
            curl -sS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
              -d '{"reason":"replayed with ./pharos"}' "$base/$id/replay" | jq . ;;
    discard) shift 3 || true; reason="$*"
             [[ -n "$id" && -n "$reason" ]] || fail "usage: ./pharos outbox $n discard ID REASON (the reason is kept with the row)"
             curl -sS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
               -d "$(jq -n --arg r "$reason" '{reason: $r}')" "$base/$id/discard" | jq . ;;
    *) fail "unknown outbox action '$action': list, show, replay, discard" ;;
  esac
}

# the platform operator's view of a service's dead letters (Kafka records its consumers could not
# process, parked in its dead_letter table): list, show with the original record, replay through the
# consumer after a fix, discard with a reason; token of client pharos-operator
cmd_dead_letters() { # SERVICE list [STATUS] [CHANNEL] | show ID | replay ID | discard ID REASON...
  local service=${1:-} action=${2:-} id=${3:-} entry n port db token base reason
  entry=$(selected_services "$service" 2>/dev/null || true)
  [[ -n "$service" && -n "$entry" && -n "$action" ]] \
    || fail "usage: ./pharos dead-letters SERVICE list [STATUS] [CHANNEL] | show ID | replay ID | discard ID REASON  (SERVICE: ticket-service, channel-gateway, survey-service, analytics-service)"
  read -r n port db <<<"$entry"
  token=$(operator_token)
  base="http://localhost:$port/api/v1/admin/dead-letters"
  case "$action" in
    list) curl -sS -G -H "Authorization: Bearer $token" --data-urlencode "status=${3:-parked}" ${4:+--data-urlencode "channel=$4"} \
            --data-urlencode limit=100 "$base" \
            | jq -r 'if .items == null then . else
                       (["ID","STATUS","CHANNEL","TENANT","TYPE","KEY","TRIES","FIRST FAILED","REASON"] | @tsv),
                       (.items[] | [.id, .status, .channel, .tenant, .eventType, .key, .attempts, .firstFailedAt, ((.reason // "") | .[0:80])] | @tsv),
                       (if .next then "(more: " + .next + ")" else empty end) end' ;;
    show) [[ -n "$id" ]] || fail "usage: ./pharos dead-letters $n show ID"
          curl -sS -H "Authorization: Bearer $token" "$base/$id" | jq . ;;
    replay) [[ -n "$id" ]] || fail "usage: ./pharos dead-letters $n replay ID"
            curl -sS -X POST -H "Authorization: Bearer $token" "$base/$id/replay" | jq . ;;
    discard) shift 3 || true; reason="$*"
             [[ -n "$id" && -n "$reason" ]] || fail "usage: ./pharos dead-letters $n discard ID REASON (the reason is kept with the row)"
             curl -sS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
               -d "$(jq -n --arg r "$reason" '{reason: $r}')" "$base/$id/discard" | jq . ;;
    *) fail "unknown dead-letters action '$action': list, show, replay, discard" ;;
  esac
}

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

main() {
  local cmd=${1:-help}
  shift || true
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down ;;
    reset) cmd_reset ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    test) cmd_test "$@" ;;
    infra-up) infra_up ;;
    services-up) services_up "$@" ;;
    services-down) services_down "$@" ;;
    watchdog-run) watchdog_run ;; # internal: the watchdog process that services-up starts
    gateway-up) gateway_up ;;
    gateway-down) stop_processes gateway ;;
    revive) cmd_revive "$@" ;;
    outbox) cmd_outbox "$@" ;;
    dead-letters) cmd_dead_letters "$@" ;;
    help|-h|--help) usage ;;
    *) echo "pharos: unknown command '$cmd'" >&2; usage >&2; exit 2 ;;
  esac
}

main "$@"
