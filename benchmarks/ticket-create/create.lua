-- wrk script: POST /api/v1/tickets with a new requester every time (the common case of a
-- first contact: customer + identity + ticket + message + audit + outbox in one transaction)
local counter = 0
local thread_id = 0
local token = os.getenv("TOKEN")

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  math.randomseed(os.time() + id)
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"subject":"Order %d-%d not delivered","channel":"email","priority":"normal",' ..
    '"requester":{"name":"Bench","email":"bench-%d-%d-%d@example.test"},' ..
    '"message":{"text":"Where is my order?"},"tags":["bench"]}',
    id, counter, id, counter, math.random(1, 1000000000))
  return wrk.format("POST", "/api/v1/tickets",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

function done(summary, latency, requests)
  -- timeouts are reported: a request wrk gave up on is in no percentile, so many of them make the latencies look better
  io.write(string.format("RESULT requests=%d errors_status=%d timeouts=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.errors.timeout, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
