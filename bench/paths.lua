-- wrk: GET one of the paths in PATHS (separated by spaces, already URL-encoded),
-- round-robin, signed in with WEIGE_TOKEN. The inbox pages, the full-text
-- searches and the dashboard's rates all go through this.
local token = os.getenv("WEIGE_TOKEN")
local paths = {}
for p in string.gmatch(os.getenv("PATHS"), "%S+") do paths[#paths + 1] = p end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Authorization"] = "Bearer " .. token})
end
