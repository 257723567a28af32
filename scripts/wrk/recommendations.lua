-- wrk script for recommendation serving: GET /api/v1/recommendations/products/<id> for random
-- products, or (MODE=cart) GET /api/v1/recommendations/cart?items=a,b,c with three random products.
--
-- Usage: wrk -t2 -c20 -d30s --latency -s recommendations.lua URL -- IDS_FILE TOKEN MODE DELAY_MS
-- IDS_FILE holds one product id a line; TOKEN is the shop's API token; MODE is "product" or "cart";
-- DELAY_MS (0 = closed loop) is each connection's think time before its next request, so the
-- offered load is about connections × 1000 / (DELAY_MS + latency) requests/s. wrk measures latency
-- from sending a request, so the think time is not in the percentiles.
-- Requests are built up front; each call picks one at random.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local ids_path, token, mode = args[1], args[2], args[3] or "product"
  think = tonumber(args[4] or "0")
  assert(ids_path and token, "usage: -- IDS_FILE TOKEN [product|cart] [DELAY_MS]")
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  local ids = {}
  for line in io.lines(ids_path) do
    local product = line:match("^%s*(%d+)%s*$")
    if product then table.insert(ids, product) end
  end
  assert(#ids > 0, "no product ids in " .. ids_path)
  math.randomseed(os.time() + id * 7919)
  requests = {}
  for i = 1, 2000 do
    local path
    if mode == "cart" then
      path = "/api/v1/recommendations/cart?items=" .. ids[math.random(#ids)] .. "," .. ids[math.random(#ids)]
        .. "," .. ids[math.random(#ids)]
    else
      path = "/api/v1/recommendations/products/" .. ids[math.random(#ids)]
    end
    requests[i] = wrk.format("GET", path, headers)
  end
  sent = 0
end

function request()
  sent = sent + 1
  return requests[math.random(#requests)]
end

function delay()
  return think
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
