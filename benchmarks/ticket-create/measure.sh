# Sourced by run.sh and ab.sh: ticket-service's CPU per create, and the warm-up before a measurement.
# The JIT takes minutes, not seconds, to compile the create path: on this 2-core machine ticket-service's CPU per
# create falls from ~16 ms in the first 20 s of load to ~2–3 ms after three to four minutes (2026-12-07), so a
# 30 s warm-up measured compilation more than the service. The warm-up is therefore long (WARM_UP seconds, 240
# unless set) and prints its CPU per create per 20 s window, so whoever reads a result sees whether it had settled.

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # PID: user + system time, in clock ticks

ms_per_create() { # TICKS REQUESTS: the process time spent per create, in ms
  awk -v t="$1" -v r="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", r ? 1000 * t / hz / r : 0}'
}

requests_of() { sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$1"; } # a RESULT line of create.lua

#   warm_up URL PID CONNECTIONS      (needs token() and $here)
warm_up() {
  local url=$1 pid=$2 connections=$3 total=${WARM_UP:-240} spent=0 before result windows=""
  while ((spent < total)); do
    before=$(cpu_ticks "$pid")
    result=$(TOKEN=$(token) wrk -t2 -c"$connections" -d20s --timeout 30s -s "$here/create.lua" "$url" | grep RESULT)
    windows+=" $(ms_per_create $(($(cpu_ticks "$pid") - before)) "$(requests_of "$result")")"
    spent=$((spent + 20))
  done
  echo "warm-up ${total}s at ${connections} connections, ms of CPU per create per 20 s:${windows}"
}
