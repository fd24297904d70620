-- create_floor.lua FILE: the floor of tests/bench/create_bench.sh: FILE run by
-- plain lua5.4 with a do-nothing tide.schema (its methods only record their name).
local names, n = {}, 0
local function rec(k) n = n + 1; names[n] = k end
local obj = setmetatable({}, { __index = function(self, k) return function(...) rec(k); return self end end,
                               __call = function(self, ...) return self end })
package.preload["tide.schema"] = function()
  return setmetatable({}, { __index = function(_, k) return function(...) rec(k); return obj end end })
end
dofile(arg[1])
