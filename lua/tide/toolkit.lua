-- tide.toolkit: the methods of a migration's `m` that are written in Lua
-- (SPEC 7). The context looks a method up here when it is not one of its
-- native ones; each method lives in its own module, loaded on first use.
--   m:backfill{...}   tide.backfill
local sources = {
  backfill = "tide.backfill",
}

local toolkit = {}

-- The names of the Lua methods, for "did you mean" on a misspelt one.
function toolkit.names()
  local out = {}
  for name in pairs(sources) do out[#out + 1] = name end
  table.sort(out)
  return out
end

-- The method `name`, or nil when there is none.
function toolkit.method(name)
  local mod = sources[name]
  if not mod then return nil end
  return require(mod)
end

return toolkit
