# Sourced by run.sh and ab.sh. The JIT takes minutes, not seconds, to compile the create path: on this
# 2-core machine ticket-service's CPU per create falls from ~16 ms in the first 20 s of load to ~2–3 ms after
# three to four minutes (2026-12-07), so a 30 s warm-up measured compilation more than the service. The
# warm-up is therefore long (WARM_UP seconds, 240 unless set) and prints its CPU per create per 20 s window,
# so whoever reads a result sees whether it had settled.
#   warm_up URL PID CONNECTIONS      (needs token() and $here)
warm_up() {
  local url=$1 pid=$2 connections=$3 total=${WARM_UP:-240} spent=0 before used result requests windows=""
  while ((spent < total)); do
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    result=$(TOKEN=$(token) wrk -t2 -c"$connections" -d20s --timeout 30s -s "$here/create.lua" "$url" | grep RESULT)
    used=$(($(awk '{print $14 + $15}' "/proc/$pid/stat") - before))
    requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")
    windows+=" $(awk -v t="$used" -v r="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", r ? 1000 * t / hz / r : 0}')"
    spent=$((spent + 20))
  done
  echo "warm-up ${total}s at ${connections} connections, ms of CPU per create per 20 s:${windows}"
}
