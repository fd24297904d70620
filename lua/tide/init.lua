-- tide: the module users require. Connection handles and the runner come
-- from the native core (tide.core); the schema DSL and the data-transform
-- toolkit join here as they are built.
local core = require "tide.core"

local tide = {
  version = core.version,
  Error = core.Error,
}

--- tide.connect(url) -> db: a database handle (tide.Conn).
function tide.connect(url)
  return core.connect(url)
end

-- A tide.open configuration split into what core.open takes: the
-- configuration (a path, or a table without db and module), the handle.
local function split(config)
  if type(config) ~= "table" then
    return config
  end
  local copy, db = {}, config.db
  for k, v in pairs(config) do
    if k ~= "db" and k ~= "module" then copy[k] = v end
  end
  return copy, db
end

--- tide.open(config) -> migrator
-- config: the path of a tide.lua, or a table shaped like one (SPEC 2), which
-- may also carry `db` (an open handle to run on, joining its transaction)
-- and `module` (a module of the configuration).
function tide.open(config)
  local copy, db = split(config)
  if type(config) == "table" and config.module ~= nil then
    -- the module name travels next to the configuration, not inside it
    copy = setmetatable(copy, { __index = { module = config.module } })
  end
  return core.open(copy, db)
end

--- tide.createDatabase(url) -> created: makes the database when it is missing.
tide.createDatabase = core.create_database

--- tide.configUrl(config) -> url: the database URL tide.open(config) would
-- connect to (TIDE_DATABASE_URL, else the configuration's), without connecting.
function tide.configUrl(config)
  return core.config_url((split(config)))
end

--- tide.refreshDatabase(config): the database made when missing, everything
-- tide covers dropped, the definitions created (a clean database for tests).
function tide.refreshDatabase(config)
  -- a given handle means the database exists; otherwise its URL says which
  if type(config) ~= "table" or not config.db then
    tide.createDatabase(tide.configUrl(config))
  end
  local mig <close> = tide.open(config)
  mig:refreshDatabase()
end

--- tide.blob(s): marks a string to be bound as binary data.
tide.blob = core.blob

--- tide.maskUrl(url): the URL with its password replaced by ***.
tide.maskUrl = core.mask_url

return tide
