-- wrk: take a case in (validation, routing, durable write) at a random unit in [UNIT_LO, UNIT_HI].
local token = os.getenv("WEIGE_TOKEN")
local lo, hi = tonumber(os.getenv("UNIT_LO")), tonumber(os.getenv("UNIT_HI"))
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local unit = math.random(lo, hi)
  local body = '{"category_id":102,"channel":"walk_in","description":"楼上狗叫扰民 bench","place_id":' .. unit .. '}'
  return wrk.format("POST", "/api/v1/cases",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
