# Sourced by run.sh and capacity.sh (needs $root): what the suite still has to do with the messages it accepted.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
java_bin="$( (ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)/bin/java"
kafka_cp="$(ls -d "$root"/.pharos/cache/kafka-*/libs | head -1)/*"
lag() { # events not yet consumed by the services that follow a message
  "$java_bin" -cp "$kafka_cp" "$root/benchmarks/faults/Lag.java" localhost:9092 ticket-service analytics-service survey-service \
    2>/dev/null | awk '{s += $2} END {print s + 0}'
}
outboxes() { # events written but not yet published, in every service's outbox
  local db
  for db in ticket channel survey analytics; do
    as_pg psql -h "$root/.pharos/run/postgres" -U postgres -d "$db" -qAt -c 'SELECT count(*) FROM outbox_event'
  done | awk '{s += $1} END {print s + 0}'
}
pending() { echo $(($(lag) + $(outboxes))); } # a backlog hides in the outboxes too, not only in Kafka
