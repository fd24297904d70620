#!/usr/bin/env bash
# check_dialect.sh — dialect knowledge lives in drivers/ and nowhere else
# (ARCHITECTURE, "Rules of the house"). Fails, naming file:line, when code
# under src/ or lua/ compares a dialect's name, picks a driver by name, or
# holds catalog SQL; the core asks the driver (its caps and operations)
# instead. Comments are ignored. No build needed.
#   scripts/check_dialect.sh [ROOT]     (default: the checkout holding this script)
set -euo pipefail
root=${1:-"$(cd "$(dirname "$0")/.." && pwd)"}
cd "$root"

# Allowed uses, each "path|regex over the code of a line|why it is generic",
# e.g. "src/cli/cli_help.c|sqlite:PATH|help text listing the URL forms".
# None is needed today: help text and URL examples are not comparisons.
# Keep it short.
allow=(
)

# Each file's code with comments blanked, as "path:line:code" (strings kept).
strip_comments() {
  awk '
    FNR == 1 { lua = FILENAME ~ /\.lua$/; blk = 0; str = ""; lng = -1 }
    function long_open(s, i,   j) {           # "[", "="*, "[" at i: the level, else -1
      if (substr(s, i, 1) != "[") return -1
      for (j = i + 1; substr(s, j, 1) == "="; j++) ;
      return substr(s, j, 1) == "[" ? j - i - 1 : -1
    }
    {
      s = $0; out = ""; n = length(s); i = 1
      str = lua ? "" : str                     # a Lua short string ends with its line
      while (i <= n) {
        c = substr(s, i, 1); c2 = substr(s, i, 2)
        if (blk) {                             # C block comment
          if (c2 == "*/") { blk = 0; out = out "  "; i += 2 } else { out = out " "; i++ }
        } else if (lng >= 0) {                 # Lua long string or long comment
          close_ = "]" substr("==========", 1, lng) "]"
          if (substr(s, i, length(close_)) == close_) {
            out = out (lngc ? sprintf("%" length(close_) "s", "") : close_)
            i += length(close_); lng = -1
          } else { out = out (lngc ? " " : c); i++ }
        } else if (str != "") {                # inside a quoted string
          if (c == "\\") { out = out c2; i += 2 }
          else { out = out c; i++; if (c == str) str = "" }
        } else if (!lua && c2 == "/*") { blk = 1; out = out "  "; i += 2 }
        else if (!lua && c2 == "//") { break }
        else if (lua && c2 == "--") {
          lv = long_open(s, i + 2)
          if (lv < 0) break
          lng = lv; lngc = 1; i += lv + 4; out = out sprintf("%" (lv + 4) "s", "")
        } else if (lua && (lv = long_open(s, i)) >= 0) {
          lng = lv; lngc = 0; out = out substr(s, i, lv + 2); i += lv + 2
        } else if (c == "\"" || c == "\047") { str = c; out = out c; i++ }
        else { out = out c; i++ }
      }
      if (out ~ /[^ \t]/) print FILENAME ":" FNR ":" out
    }' "$@"
}

# rule name, then an extended regex over the code (case-sensitive unless -i).
rules=(
  "a dialect's name compared or named in code|(^|[^\\\\])[\"'](sqlite|postgres|postgresql)[\"']"
  "a URL scheme compared|(cmp|strstr|==|~=|:match|:find|:sub)[^;]*[\"'](sqlite|postgres|postgresql):"
  "db.dialect compared|\\.dialect[[:space:]]*[=~]=|[=~]=[[:space:]]*[A-Za-z_.:]*\\.dialect([^A-Za-z_]|$)"
  "a driver picked by name|&[[:space:]]*tide_[a-z]+_driver\\b"
  "-i|catalog SQL|sqlite_(master|schema|temp_master)|pragma_[a-z]|(^|[^#[:alnum:]_])pragma[[:space:]]+[a-z_]+|pg_catalog|information_schema|(^|[^[:alnum:]_])pg_[a-z]+|(create|drop)[[:space:]]+database"
)

dirs=()
for d in src lua; do [[ -d $d ]] && dirs+=("$d"); done
((${#dirs[@]})) || { echo "check_dialect: no src/ or lua/ under $root" >&2; exit 2; }
mapfile -t files < <(find "${dirs[@]}" -type f \( -name '*.c' -o -name '*.h' -o -name '*.lua' \) \
                       -not -path '*/drivers/*' | LC_ALL=C sort)
code=$(strip_comments "${files[@]}")
bad=0
for rule in "${rules[@]}"; do
  flags=(-E)
  if [[ $rule == -i\|* ]]; then flags+=(-i); rule=${rule#-i|}; fi
  name=${rule%%|*}
  hits=$(grep "${flags[@]}" -- "^[^:]*:[0-9]*:.*(${rule#*|})" <<<"$code" || true)
  for entry in "${allow[@]}"; do
    [[ -n $hits ]] || break
    IFS='|' read -r path re _ <<<"$entry"
    hits=$(grep -Ev -- "^${path//./\\.}:[0-9]+:.*(${re})" <<<"$hits" || true)
  done
  [[ -n $hits ]] || continue
  bad=1
  while IFS= read -r hit; do
    IFS=: read -r f l text <<<"$hit"
    echo "$f:$l: $name: $(sed 's/^[[:space:]]*//; s/[[:space:]]*$//' <<<"$text")" >&2
  done <<<"$hits"
done
if ((bad)); then
  echo "check_dialect: dialect knowledge outside drivers/ (ask the driver: tide_driver_can, its" \
       "operations; or, for a generic use, add an allow entry with its reason)" >&2
  exit 1
fi
echo "check_dialect: ok (${#files[@]} files)"
