#!/usr/bin/env bash
# The fault campaign (issue 18): sustained mixed traffic against the running suite while each
# service is killed (SIGKILL) in turn, the Kafka broker is killed and PostgreSQL crashes (immediate
# shutdown); then, once the pipeline is quiet, every accepted request's effect must exist exactly
# once. See benchmarks/faults/README.md.
#
#   benchmarks/faults/run.sh [--quick]
#
# Uses the running suite (./pharos up, or infra-up + services-up: the federation gateway is not
# needed); when a service or the infrastructure is not up it runs ./pharos infra-up and
# services-up first (which may build). Starts a provider sandbox on :8089 unless something listens
# there. Restarts what it kills: a ./pharos watchdog gets 25 s (services; 8 s for Kafka and
# PostgreSQL, which it does not watch today) to do it, then `./pharos revive NAME`.
# It leaves the suite running. Needs python3, psql and a JDK 21+ (the one ./pharos uses).
# --quick: about 5 minutes (2 cores), each fault once. Default (full): more load, each fault twice, ~12-14 minutes.
# Last line: faults: accepted=N lost=L duplicated=D wrong_kpi=K ; exit code 0 only when L = D = K = 0.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
state="${PHAROS_HOME:-$root/.pharos}"
pids="$state/run/pids"
logs="$state/run/logs"

quick=false
[[ "${1:-}" == --quick ]] && quick=true
if $quick; then
  rate=4; rounds=1; warmup=20; gap=10; tail_traffic=30; quiet_timeout=150
else
  rate=7; rounds=2; warmup=30; gap=20; tail_traffic=60; quiet_timeout=300
fi
faults=(ticket-service channel-gateway survey-service analytics-service kafka postgres)
services=("ticket-service 8081" "channel-gateway 8082" "survey-service 8083" "analytics-service 8084")
groups=(ticket-service channel-gateway channel-gateway-acknowledgements survey-service analytics-service)

t0=$(date +%s)
say() { printf 'faults [%4ss] %s\n' "$(($(date +%s) - t0))" "$*"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ready() { curl -sf -o /dev/null --max-time 3 "http://localhost:$1/q/health/ready"; }
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [[ -n "$s" && "$s" != Z* ]]; }
pid_of() { cat "$pids/$1.pid" 2>/dev/null || true; }
java_bin="$( (ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)/bin/java"
[[ -x "$java_bin" ]] || java_bin=java
kafka_cp="$(ls -d "$state"/cache/kafka-*/libs 2>/dev/null | head -1)/*"

all_ready() { local s; for s in "${services[@]}"; do ready "${s#* }" || return 1; done; }
suite_up() { all_ready && port_open 5432 && port_open 9092 && port_open 8180; }

# ---------------------------------------------------------------- the suite and the provider sandbox

if ! suite_up; then
  say "the suite is not (fully) up: ./pharos infra-up services-up"
  "$root/pharos" infra-up >/dev/null
  "$root/pharos" services-up >/dev/null
fi
run=$(date +%s)
work="$state/run/faults/$run"
mkdir -p "$work"
sandbox_pid=""
if port_open 8089; then
  say "something listens on :8089 already: using it as the provider sandbox (sends to providers are not counted)"
else
  python3 "$here/sandbox.py" 8089 "$work/sandbox.jsonl" &
  sandbox_pid=$!
fi
driver_pid=""
cleanup() {
  [[ -n "$driver_pid" ]] && kill "$driver_pid" 2>/dev/null || true
  [[ -n "$sandbox_pid" ]] && kill "$sandbox_pid" 2>/dev/null || true
}
trap cleanup EXIT
declare -A log_start
for s in "${services[@]}"; do n=${s% *}; log_start[$n]=$(stat -c %s "$logs/$n.log" 2>/dev/null || echo 0); done

# ---------------------------------------------------------------- faults

wait_for() { # SECONDS COMMAND... : true once COMMAND holds
  local until=$(($(date +%s) + $1)); shift
  until "$@"; do [[ $(date +%s) -ge $until ]] && return 1; sleep 1; done
}

new_pid_up() { # NAME OLD_PID PORT : restarted (by a watchdog) and answering
  local p; p=$(pid_of "$1")
  [[ -n "$p" && "$p" != "$2" ]] && alive "$p" && port_open "$3"
}

revive() { # NAME OLD_PID PORT WAIT : give a watchdog WAIT s, else start it ourselves
  local name=$1 old=$2 port=$3 began p
  began=$(date +%s)
  if wait_for "$4" new_pid_up "$name" "$old" "$port"; then
    say "  $name restarted by the watchdog after $(($(date +%s) - began))s"
  elif p=$(pid_of "$name") && [[ -n "$p" && "$p" != "$old" ]] && alive "$p"; then
    say "  $name restarted by the watchdog (pid $p), not listening yet after $(($(date +%s) - began))s"
  else
    "$root/pharos" revive "$name" >>"$work/revive.log" 2>&1 || say "  ./pharos revive $name failed (see $work/revive.log)"
    say "  $name restarted by ./pharos revive after $(($(date +%s) - began))s"
  fi
}

inject() { # FAULT
  local name=$1 pid port began
  began=$(date +%s)
  case "$name" in
    kafka)
      pid=$(pid_of kafka)
      say "kill -9 the Kafka broker (pid $pid)"
      kill -KILL "$pid" 2>/dev/null || true
      wait_for 30 bash -c "! (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null" || true
      revive kafka "$pid" 9092 8 ;;
    postgres)
      pid=$(pid_of postgres)
      # SIGQUIT to the postmaster is PostgreSQL's immediate shutdown: every backend gone, no checkpoint, recovery at start
      say "crash PostgreSQL (immediate shutdown, postmaster pid $pid)"
      kill -QUIT "$pid" 2>/dev/null || true
      wait_for 30 bash -c "! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null" || true
      wait_for 30 bash -c "! kill -0 $pid 2>/dev/null" || true
      revive postgres "$pid" 5432 8 ;;
    *)
      pid=$(pid_of "$name")
      for s in "${services[@]}"; do if [[ ${s% *} == "$name" ]]; then port=${s#* }; fi; done
      say "kill -9 $name (pid $pid)"
      kill -KILL "$pid" 2>/dev/null || true
      wait_for 30 bash -c "! kill -0 $pid 2>/dev/null" || true
      revive "$name" "$pid" "$port" 25 ;;
  esac
  if wait_for 180 all_ready; then
    say "  all services ready again $(($(date +%s) - began))s after the fault"
  else
    local s; for s in "${services[@]}"; do if ! ready "${s#* }"; then say "  ${s% *} NOT ready 180s after the fault"; fi; done
  fi
}

say "run $run: traffic at ~$rate operations/s, faults: ${faults[*]} (x$rounds); files in $work"
python3 "$here/driver.py" "$run" 3600 "$rate" "$work/ledger.jsonl" "$work/stop" >"$work/driver.log" 2>"$work/driver.err" &
driver_pid=$!
sleep "$warmup"
for ((round = 1; round <= rounds; round++)); do
  for f in "${faults[@]}"; do
    inject "$f"
    sleep "$gap"
  done
done
sleep "$tail_traffic"
touch "$work/stop"
say "traffic stopped; the clients finish what they retry and the customers answer their last surveys"
wait "$driver_pid" || true
driver_pid=""
grep 'driver: done' "$work/driver.log" | sed 's/^/  /' || true

# ---------------------------------------------------------------- quiescence

outbox_rows() { # the rows waiting in the four services' outboxes (not those held behind a parked row: they wait for an operator)
  local db total=0 n
  for db in ticket channel survey analytics; do
    n=$(PGPASSWORD=$db psql -h localhost -U $db -d $db -qAtX -c \
      "SELECT CASE WHEN to_regclass('outbox_event') IS NULL THEN 0
              WHEN to_regclass('outbox_parked') IS NULL THEN (SELECT count(*) FROM outbox_event)
              ELSE (SELECT count(*) FROM outbox_event e WHERE NOT EXISTS (SELECT 1 FROM outbox_parked p
                    WHERE p.status = 'parked' AND p.tenant = e.tenant AND p.message_key = e.message_key)) END" 2>/dev/null) || return 1
    total=$((total + n))
  done
  echo "$total"
}
lag() { "$java_bin" -cp "$kafka_cp" "$here/Lag.java" localhost:9092 "${groups[@]}" 2>/dev/null | awk '{s += $2} END {print s + 0}'; }
quiet() {
  local o l
  o=$(outbox_rows) || return 1
  l=$(lag) || return 1
  [[ "$o" == 0 && "$l" == 0 ]] && return 0
  say "  waiting: outbox rows $o, consumer lag $l"
  return 1
}
began=$(date +%s)
if wait_for "$quiet_timeout" quiet && sleep 5 && quiet; then
  say "quiet after $(($(date +%s) - began))s (outboxes empty, consumer lag 0)"
else
  say "NOT quiet after ${quiet_timeout}s: outbox rows $(outbox_rows || echo '?'), consumer lag $(lag || echo '?'); checking anyway"
fi

# ---------------------------------------------------------------- what the services logged meanwhile

for s in "${services[@]}"; do
  n=${s% *}
  f="$logs/$n.log"
  [[ -f "$f" ]] || continue
  tail -c +"$((${log_start[$n]} + 1))" "$f" >"$work/$n.log" 2>/dev/null || true
  errors=$(grep -c -E ' ERROR ' "$work/$n.log" || true)
  dlq=$(grep -c -i -E 'dead.?letter|dlq' "$work/$n.log" || true)
  say "$n log during the run: $errors ERROR lines, $dlq mentioning dead letters (copy: $work/$n.log)"
done

python3 "$here/check.py" "$run" "$work/ledger.jsonl" "$work/sandbox.jsonl" | tee "$work/result.txt"
exit "${PIPESTATUS[0]}"
