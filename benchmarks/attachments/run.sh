#!/usr/bin/env bash
# Attachment upload and download throughput through ticket-service: POST /api/v1/attachments
# (multipart; type detection, SHA-256, the S3 put) and GET of the signed downloadUrl (S3 get,
# headers), for 1 MB and 20 MB files of random bytes (each file new, so every upload is stored,
# never deduplicated). Needs the suite up (./pharos up) and curl. Loopback only.
#   benchmarks/attachments/run.sh [ROUNDS_1MB] [ROUNDS_20MB] [PARALLEL]
set -euo pipefail
rounds_small=${1:-40}
rounds_large=${2:-8}
parallel=${3:-4}
api=http://localhost:8081
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

token() {
  curl -sf -d grant_type=client_credentials -d client_id=acme-integrator -d client_secret=acme-integrator-secret \
    http://localhost:8180/realms/pharos/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

upload() { # FILE TIMES_FILE: the response (with its downloadUrl) lands beside the file
  curl -sf -H "Authorization: Bearer $TOKEN" -F "file=@$1;type=application/octet-stream" -o "$1.json" \
    -w '%{time_total}\n' "$api/api/v1/attachments" >>"$2"
}

download() { # URL TIMES_FILE
  curl -sf -o /dev/null -w '%{time_total} %{size_download}\n' "$1" >>"$2"
}

report() { # LABEL MB COUNT SECONDS_FILE WALL CONCURRENCY
  # wall: files / elapsed time of the batch, the harness's curl start-up included; transfer: curl's own times
  sort -n "$4" | awk -v label="$1" -v mb="$2" -v n="$3" -v wall="$5" -v c="$6" '{ t[NR] = $1; s += $1 } END {
      p95 = int(NR * 0.95); if (p95 < 1) p95 = 1;
      printf "%-22s n=%-3d MB/s wall=%6.1f transfer=%6.1f  p50=%6.0f ms  p95=%6.0f ms\n", label, n, n * mb / wall,
        n * mb * c / s, t[int((NR + 1) / 2)] * 1000, t[p95] * 1000 }'
}

run() { # MB ROUNDS CONCURRENCY
  local mb=$1 n=$2 c=$3 i start end
  for ((i = 0; i < n; i++)); do head -c $((mb * 1024 * 1024)) /dev/urandom >"$work/f-$mb-$c-$i.bin"; done
  : >"$work/up-$mb-$c"; : >"$work/down-$mb-$c"
  start=$(date +%s.%N)
  for ((i = 0; i < n; i++)); do
    upload "$work/f-$mb-$c-$i.bin" "$work/up-$mb-$c" &
    (( (i + 1) % c == 0 )) && wait
  done
  wait
  end=$(date +%s.%N)
  report "upload ${mb} MB x$c" "$mb" "$n" "$work/up-$mb-$c" "$(echo "$end - $start" | bc)" "$c"
  start=$(date +%s.%N)
  for ((i = 0; i < n; i++)); do
    download "$(sed 's/.*"downloadUrl":"\([^"]*\)".*/\1/' "$work/f-$mb-$c-$i.bin.json")" "$work/down-$mb-$c" &
    (( (i + 1) % c == 0 )) && wait
  done
  wait
  end=$(date +%s.%N)
  report "download ${mb} MB x$c" "$mb" "$n" "$work/down-$mb-$c" "$(echo "$end - $start" | bc)" "$c"
  rm -f "$work"/f-$mb-$c-*.bin
}

TOKEN=$(token)
echo "== warm-up (10 x 1 MB)"; run 1 10 1 >/dev/null
for c in 1 "$parallel"; do
  TOKEN=$(token)
  run 1 "$rounds_small" "$c"
  run 20 "$rounds_large" "$c"
done
