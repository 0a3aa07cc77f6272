-- wrk: record a screening outcome for a random household task in [LO, HI].
local token = os.getenv("WEIGE_TOKEN")
local lo, hi = tonumber(os.getenv("LO")), tonumber(os.getenv("HI"))
local outcomes = {"not_at_home", "refused"}
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local id = math.random(lo, hi)
  local body = '{"outcome":"' .. outcomes[math.random(1, 2)] .. '","data":{"health":"normal"},"note":"bench"}'
  return wrk.format("POST", "/api/v1/screening-tasks/" .. id,
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
