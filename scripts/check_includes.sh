#!/usr/bin/env bash
# check_includes.sh — the #include graph of src/ and drivers/ against the
# arrows ARCHITECTURE.md allows (its block "include rules"): a file of a
# room may include its own room's headers, tide.h, and the headers of the
# rooms its rule lists (a room, or one header written room/file.h);
# nothing else. Every folder of src/ must have a rule.
# Exit 1 naming each file:line that breaks a rule. Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# The rules: lines "room -> room room ..." between the markers.
declare -A allowed
while read -r room arrow rest; do
  [ "$arrow" = "->" ] || continue
  allowed[$room]=" $rest "
done < <(sed -n '/<!-- include rules: begin -->/,/<!-- include rules: end -->/p' ARCHITECTURE.md)
if [ ${#allowed[@]} -eq 0 ]; then
  echo "check_includes: no include rules found in ARCHITECTURE.md" >&2
  exit 1
fi

bad=0
fail() { echo "check_includes: $1" >&2; bad=1; }

for dir in src/*/; do
  room=$(basename "$dir")
  [ -n "${allowed[$room]+x}" ] || fail "src/$room/ is a room without a rule in ARCHITECTURE.md"
done

room_of() {   # a source file's room: drivers, or the folder under src/
  case "$1" in
    drivers/*) echo drivers ;;
    src/*/*) local r=${1#src/}; echo "${r%%/*}" ;;
    *) echo top ;;
  esac
}

while IFS= read -r file; do
  from=$(room_of "$file")
  [ "$from" = top ] && continue
  while IFS=: read -r line inc; do
    target=${inc#*\"}; target=${target%%\"*}
    [ "$target" = tide.h ] && continue
    if [[ "$target" != */* ]]; then
      # a bare name: a header beside the file, or drivers/'s shared ones
      if [ -e "$(dirname "$file")/$target" ] || { [ "$from" = drivers ] && [ -e "drivers/$target" ]; }; then
        continue
      fi
      fail "$file:$line: #include \"$target\" names no room (write \"room/$target\")"
      continue
    fi
    to=${target%%/*}
    [ "$to" = "$from" ] && continue
    if [ ! -e "src/$target" ]; then
      fail "$file:$line: #include \"$target\": no such header under src/"
    elif [[ "${allowed[$from]:-}" != *" $to "* && "${allowed[$from]:-}" != *" $target "* ]]; then
      fail "$file:$line: $from may not include $to ($target); ARCHITECTURE.md's include rules allow $from ->${allowed[$from]:- nothing}"
    fi
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" | sed 's/:/:/')
done < <(git ls-files --cached --others --exclude-standard src drivers | grep -E '\.(c|h)$')

if [ $bad -ne 0 ]; then
  echo "check_includes: FAILED (fix the include, or change the design in ARCHITECTURE.md and say why)" >&2
  exit 1
fi
echo "check_includes: every #include follows ARCHITECTURE.md's rules"
