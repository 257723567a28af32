-- wrk script for the clienteling profile: GET /api/v1/customers/<id> for random scored customers.
--
-- Usage: wrk -t2 -c16 -d30s --latency -s customer-profile.lua URL -- IDS_FILE TOKEN
-- IDS_FILE holds one customer id a line (the scored customers); TOKEN is the shop's API token.
-- Each thread seeds its own generator, builds every request up front and picks one at random
-- per call, so the load generator spends as little of the two cores as it can. Non-2xx answers
-- are counted by wrk itself (summary.errors.status).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local ids_path, token = args[1], args[2]
  assert(ids_path and token, "usage: -- IDS_FILE TOKEN")
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  requests = {}
  for line in io.lines(ids_path) do
    local customer = line:match("^%s*(%d+)%s*$")
    if customer then
      table.insert(requests, wrk.format("GET", "/api/v1/customers/" .. customer, headers))
    end
  end
  assert(#requests > 0, "no customer ids in " .. ids_path)
  math.randomseed(os.time() + id * 7919)
  sent = 0
end

function request()
  sent = sent + 1
  return requests[math.random(#requests)]
end

function done(summary, latency, requests)
  local total_sent = 0
  for _, t in ipairs(threads) do
    total_sent = total_sent + t:get("sent")
  end
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT sent=%d completed=%d non2xx=%d duration_s=%.3f rate=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    total_sent, summary.requests, e.status, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout))
end
