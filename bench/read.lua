-- wrk: read a random case by id in [LO, HI].
local token = os.getenv("WEIGE_TOKEN")
local lo, hi = tonumber(os.getenv("LO")), tonumber(os.getenv("HI"))
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  return wrk.format("GET", "/api/v1/cases/" .. math.random(lo, hi), {["Authorization"] = "Bearer " .. token})
end
