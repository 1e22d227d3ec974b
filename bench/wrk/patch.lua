-- PATCH /v1/sessions/{id} {"name": ...} spread over the session ids listed (one per line) in BENCH_IDS_FILE.
local token = os.getenv("BENCH_TOKEN")
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS_FILE")) do ids[#ids + 1] = line end
counter = 0 -- global: setup() below gives each thread its own start

-- wrk runs each thread in its own Lua state, all starting at counter 0: without an offset per thread, the threads
-- (two in run.sh) rename the same session at the same moment, which real traffic rarely does.
local threads = 0
setup = function(thread)
  thread:set("counter", threads * math.floor(#ids / 2))
  threads = threads + 1
end

request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  return wrk.format("PATCH", "/v1/sessions/" .. id,
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"name":"bench ' .. counter .. '"}')
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("non2xx_or_errors %d\n", errors))
end
