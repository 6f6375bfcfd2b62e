-- Each wrk thread posts its own slice of the pre-signed webhooks, never the same message twice.
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(os.getenv("THREADS") or "2")
  requests_list = {}
  local i = 0
  for line in io.lines(os.getenv("PAYLOADS")) do
    if i % n == id then
      local tab = line:find("\t")
      table.insert(requests_list, { line:sub(1, tab - 1), line:sub(tab + 1) })
    end
    i = i + 1
  end
  next_index = 1
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local r = requests_list[next_index]
  if r == nil then
    error("out of pre-signed payloads: generate more")
  end
  next_index = next_index + 1
  wrk.headers["X-Hub-Signature-256"] = r[1]
  return wrk.format("POST", "/webhooks/meta/bench-whatsapp", nil, r[2])
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d errors=%d rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000))
end
