-- tide: the module users require. Connection handles come from the native
-- core (tide.core); the runner, schema DSL and toolkit join here as they are
-- built.
local core = require "tide.core"

local tide = {
  version = core.version,
  Error = core.Error,
}

--- tide.connect(url) -> db: a database handle (tide.Conn).
function tide.connect(url)
  return core.connect(url)
end

--- tide.blob(s): marks a string to be bound as binary data.
tide.blob = core.blob

--- tide.maskUrl(url): the URL with its password replaced by ***.
tide.maskUrl = core.mask_url

return tide
