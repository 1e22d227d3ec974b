-- Adds the bearer token from the environment to every request.
local token = os.getenv("BENCH_TOKEN")
wrk.headers["Authorization"] = "Bearer " .. (token or "")
