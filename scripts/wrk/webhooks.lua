-- wrk script: posts pre-signed Shopify webhooks from per-thread corpus files.
--
-- Usage: wrk -t2 -c64 -d60s --latency -s webhooks.lua URL -- CORPUS_PREFIX SHOP_DOMAIN ACK_PREFIX
-- Thread k reads CORPUS_PREFIX-k.tsv: lines "topic<TAB>webhook id<TAB>hmac<TAB>body".
-- Every acknowledged webhook id (200 with its id echoed back) is appended to ACK_PREFIX-k.txt,
-- so the caller can check each one against the database.
--
-- wrk runs one Lua state per thread; ids come from the corpus (unique per line) plus a per-thread
-- pass number, never from math.random, which would repeat across threads.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  corpus_prefix = args[1]
  domain = args[2]
  ack_prefix = args[3]
  corpus_path = corpus_prefix .. "-" .. id .. ".tsv"
  corpus = assert(io.open(corpus_path, "r"))
  acks = assert(io.open(ack_prefix .. "-" .. id .. ".txt", "w"))
  acks:setvbuf("line")
  pass = 0
  sent = 0
  ok = 0
  non200 = 0
end

function request()
  local line = corpus:read("*l")
  if line == nil then
    corpus:close()
    corpus = assert(io.open(corpus_path, "r"))
    pass = pass + 1
    line = corpus:read("*l")
  end
  local topic, wid, hmac, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
  if pass > 0 then wid = wid .. "-pass" .. pass end
  sent = sent + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-Shopify-Topic"] = topic,
    ["X-Shopify-Shop-Domain"] = domain,
    ["X-Shopify-Webhook-Id"] = wid,
    ["X-Shopify-Hmac-Sha256"] = hmac,
    ["X-Shopify-API-Version"] = "2026-04",
  }
  return wrk.format("POST", "/webhooks/shopify", headers, body)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    local wid = body:match('"webhook_id":"([^"]*)"')
    if wid then acks:write(wid, "\n") end
  else
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_non200, total_sent = 0, 0, 0
  for _, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_non200 = total_non200 + t:get("non200")
    total_sent = total_sent + t:get("sent")
  end
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT sent=%d ok=%d non200=%d completed=%d duration_s=%.3f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    total_sent, total_ok, total_non200, summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout))
end
