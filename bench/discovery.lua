-- wrk script for bench/discovery: every request is a filtered, price-sorted, paged search with its own mix of
-- filters, so the service cannot answer from one cached page. At the end it prints one machine-readable line:
--   BENCH requests=N seconds=S rps=R p50_ms=X p90_ms=Y p99_ms=Z max_ms=M non2xx=K errors=E
-- Environment: BENCH_LIMIT (page size, default 20). No response() callback: it would make wrk parse every
-- response in Lua, stealing CPU from the server on a 2-core machine (non-2xx are counted by wrk itself).

local countries = {"SE", "US", "DE", "FR", "NL", "PL", "FI", "GB", "CA", "JP", "SG", "BR", "AU", "CH", "NO"}
local cpus = {1, 2, 2, 4, 4, 8}
local mems = {1, 2, 4, 4, 8, 16}
local platforms = {"x86_64", "arm64"}
local limit = os.getenv("BENCH_LIMIT") or "20"

local paths = {}
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
  -- 2,000 distinct queries per thread, cycled
  for i = 1, 2000 do
    local q = "/api/v1/advertisements?cpu=" .. cpus[math.random(#cpus)]
      .. "&memory=" .. mems[math.random(#mems)]
    local r = math.random(10)
    if r <= 8 then
      q = q .. "&country=" .. countries[math.random(#countries)]
    end
    if math.random(4) == 1 then
      q = q .. "&platform=" .. platforms[math.random(#platforms)]
    end
    if math.random(5) == 1 then
      q = q .. "&max_usd_per_month=" .. (20 + math.random(60))
    end
    q = q .. "&sort=price&limit=" .. limit
    if math.random(5) == 1 then
      q = q .. "&offset=" .. (20 * math.random(3))
    end
    paths[i] = q
  end
  n = 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, e.status, errors))
end
