-- wrk script for throughput: replays complete, pre-signed HTTP requests from per-thread files.
--
-- Usage: wrk -t2 -c64 -d60s --latency -s webhooks-fast.lua URL -- CORPUS_PREFIX
-- Thread k reads CORPUS_PREFIX-k.http: records "<length>\n<raw HTTP request>", written by
-- `storewise simulate --format http`. The script does nothing per request but read bytes, so the
-- load generator takes as little of the machine's two cores as it can. It defines no response()
-- callback (wrk then skips parsing bodies); non-2xx answers are counted by wrk itself.
-- The corpus must be large enough not to wrap within the run: a wrapped request repeats a webhook
-- id, which Storewise answers 200 as a duplicate without storing anything.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  corpus_path = args[1] .. "-" .. id .. ".http"
  corpus = assert(io.open(corpus_path, "rb"))
  sent = 0
  wrapped = 0
end

function request()
  local length = corpus:read("*l")
  if length == nil then
    corpus:close()
    corpus = assert(io.open(corpus_path, "rb"))
    wrapped = wrapped + 1
    length = corpus:read("*l")
  end
  sent = sent + 1
  return corpus:read(tonumber(length))
end

function done(summary, latency, requests)
  local total_sent, total_wrapped = 0, 0
  for _, t in ipairs(threads) do
    total_sent = total_sent + t:get("sent")
    total_wrapped = total_wrapped + t:get("wrapped")
  end
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT sent=%d completed=%d non2xx=%d wrapped=%d duration_s=%.3f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    total_sent, summary.requests, e.status, total_wrapped, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout))
end
