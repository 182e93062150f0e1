-- wrk script for bench/http's write mix: nine reads for every write, on one connection pool.
-- The reads rotate over the cheap questions (a partnership, a country's partnerships, the partner
-- page); every tenth request logs an activity (POST /api/v1/activities), which invalidates them.
-- bench/http writes the paths, the token and the body into mix-config.lua before wrk starts.
dofile(os.getenv("AMITY_MIX_CONFIG"))

local n = 0
local writes, reads = 0, 0

request = function()
    n = n + 1
    local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
    if n % 10 == 0 then
        writes = writes + 1
        return wrk.format("POST", "/api/v1/activities", headers, body)
    end
    reads = reads + 1
    return wrk.format("GET", reads_paths[(n % #reads_paths) + 1], headers)
end
