#!/usr/bin/env bash
# Every benchmark in one go against the running suite (./pharos up), with one table of figures
# against their goals and the values BENCHMARKS.md records (benchmarks/recorded.tsv).
#
#   benchmarks/run-all.sh --quick    each benchmark briefly (about 15 minutes on 2 cores, 4 of them ticket
#                                    creation's warm-up, kept as long as in a full run so that its figures
#                                    compare with the recorded ones; the first run also loads analytics'
#                                    million tickets, about 6 minutes more)
#   benchmarks/run-all.sh            each benchmark with its own defaults (the documented methods)
#
# Writes benchmarks/results/quick.json (or full.json) as {name: {value, unit, goal, met}} and each
# benchmark's output to benchmarks/results/NAME.log. Fails (exit 1) when a figure is worse than half
# its recorded value (a time more than twice it), or a benchmark does not run; goals not met do not
# fail the run: the last line says how many are, "benchmarks: M of N goals met".
# Figures from a quick run are short and noisy; BENCHMARKS.md records full runs on a quiet machine.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode=full
case "${1:-}" in
  --quick) mode=quick ;;
  "") ;;
  *) echo "usage: benchmarks/run-all.sh [--quick]" >&2; exit 2 ;;
esac
results="$here/results"
mkdir -p "$results"
figures="$results/$mode.tsv"
: >"$figures"
failed=()

for tool in wrk pgbench node python3 curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (wrk: apt-get install wrk)" >&2; exit 1; }
done
for port in 8081 8082 8083 8084 4000; do
  curl -sf -o /dev/null "http://localhost:$port/$([[ $port == 4000 ]] && echo readiness || echo q/health/ready)" \
    || { echo "the suite is not (fully) up: ./pharos up (port $port does not answer)" >&2; exit 1; }
done

quick() { [[ $mode == quick ]]; }
figure() { printf '%s\t%s\n' "$1" "$2" >>"$figures"; } # NAME VALUE
field() { grep -o "$1= *[0-9.]*" | head -1 | cut -d= -f2 | tr -d ' '; } # KEY: the number after KEY= on stdin

bench() { # NAME COMMAND...: runs it with its output in results/NAME.log
  local name=$1 start rc; shift
  echo "== $name: ${*/#$root\//}"
  start=$(date +%s)
  "$@" >"$results/$name.log" 2>&1
  rc=$?
  echo "   $(($(date +%s) - start)) s, exit $rc"
  if [[ $rc -ne 0 ]]; then failed+=("$name"); tail -5 "$results/$name.log" | sed 's/^/   | /'; fi
  return $rc
}

if bench ticket-create "$here/ticket-create/run.sh" $(quick && echo 10 32 || echo 20 8 32 64); then
  rest=$(grep '^connections=32 ' "$results/ticket-create.log")
  pg=$(grep '^clients=32 ' "$results/ticket-create.log" | field tps)
  figure ticket-create.rate "$(field rps <<<"$rest")"
  figure ticket-create.p99 "$(field p99_ms <<<"$rest")"
  figure ticket-create.share-of-pgbench "$(python3 -c "print(round(100 * $(field rps <<<"$rest") / $pg, 1))")"
  figure ticket-create.cpu-per-create "$(field cpu_ms_per_create <<<"$rest")"
  figure ticket-create.consumer-lag "$(field consumer_lag_at_end <<<"$rest")"
fi

if bench inbound-webhooks "$here/inbound-webhooks/run.sh" $(quick && echo 10 32 || echo 20 8 32 64); then
  line=$(grep '^connections=32 ' "$results/inbound-webhooks.log")
  figure inbound-webhooks.rate "$(field rps <<<"$line")"
  figure inbound-webhooks.p99 "$(field p99_ms <<<"$line")"
fi

if LOAD=$(quick && echo auto || echo 1) bench analytics "$here/analytics/run.sh" $(quick && echo 5000 30 || echo 20000 300); then
  log="$results/analytics.log"
  figure analytics.events-applied "$(grep -o '[0-9]* events/s' "$log" | head -1 | cut -d' ' -f1)"
  figure analytics.kpis-by-channel.p95 "$(grep 'kpis (September, by channel)' "$log" | field p95)"
  figure analytics.scorecard.p95 "$(grep 'scorecard (September' "$log" | field p95)"
fi

if bench gateway "$here/gateway/run.sh" $(quick && echo 300 100 || echo 2000 300); then
  figure gateway.overhead.p99 "$(grep 'overhead, two subgraphs' "$results/gateway.log" | grep -o 'p99 -\?[0-9.]*' | cut -d' ' -f2)"
fi

if bench sla-monitor "$here/sla-monitor/run.sh" $(quick && echo 20000 || echo 100000); then
  figure sla-monitor.rate "$(grep RESULT "$results/sla-monitor.log" | field clocks_per_second)"
fi

if bench ticket-import "$here/ticket-import/run.sh" 1000; then
  figure ticket-import.thread-1000 "$(grep RESULT "$results/ticket-import.log" | tail -1 | field seconds)"
fi

if bench bulk-import "$here/bulk-import/run.sh" $(quick && echo 2000 500 2 || echo 200000 2000 2); then
  figure bulk-import.rate "$(grep 'RESULT tickets=' "$results/bulk-import.log" | field tickets_per_second)"
  figure bulk-import.catch-up "$(grep 'RESULT rss_max' "$results/bulk-import.log" | field caught_up_after_import_seconds)"
fi

if bench attachments "$here/attachments/run.sh" $(quick && echo 10 4 1 || echo 40 8 4); then
  figure attachments.upload-20mib "$(grep 'upload 20 MB x1 ' "$results/attachments.log" | field wall)"
  figure attachments.download-20mib "$(grep 'download 20 MB x1 ' "$results/attachments.log" | field wall)"
fi

if WARM_UP=$(quick && echo 60 || echo 180) bench end-to-end "$here/end-to-end/run.sh" $(quick && echo 20 100 20 || echo 60 100 100); then
  for name in webhook-to-inbox solve-to-live-counters solve-to-reports; do
    figure "end-to-end.$name.p99" "$(grep "RESULT $name " "$results/end-to-end.log" | field p99_ms)"
  done
fi

# after end-to-end, whose warm-up compiled the inbound path
if bench capacity "$here/end-to-end/capacity.sh" $(quick && echo 20 100 || echo 60 100); then
  figure end-to-end.cpu-per-message "$(grep 'process=all ' "$results/capacity.log" | field ms)"
fi

python3 "$here/summary.py" "$here/recorded.tsv" "$figures" "$results/$mode.json" "${failed[@]}"
