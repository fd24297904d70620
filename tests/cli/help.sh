# tide --help, tide man and tide completion bash: all generated from the one
# command table, so every command shows up everywhere.
. "$(dirname "$0")/lib.sh"

t "tide --help lists every command of the SPEC"
tide --help; expect_rc 0
for c in migration:create migration:up migration:down migration:list migration:pending \
         migration:check migration:fresh migration:validate migration:resolve migration:log \
         migration:unlog migration:test migration:lint schema:create schema:update schema:drop \
         schema:fresh schema:inspect schema:diff schema:drift seeder:run seeder:create run \
         db:generate db:migrate db:rollback man completion; do
  expect_out "  $c "
done
commands=$(printf '%s\n' "$stdout" | sed -n '/^commands:/,/^$/p' | awk 'NF && $1 != "commands:" {print $1}')
[ "$(printf '%s\n' "$commands" | wc -l)" -ge 29 ] || bad "too few commands in --help: $commands"

t "tide man has every command of tide --help, and the sections of a man page"
tide man; expect_rc 0
printf '%s\n' "$stdout" > tide.1
for c in $commands; do
  grep -qF "\\fB$(printf '%s' "$c" | sed 's/-/\\-/g')\\fR" tide.1 || bad "man page lacks command $c"
done
for s in NAME SYNOPSIS DESCRIPTION COMMANDS "GLOBAL OPTIONS" ENVIRONMENT "EXIT STATUS" FILES; do
  grep -qx "\\.SH \"\\?$s\"\\?" tide.1 || bad "man page lacks section $s"
done
grep -q '^\.TH TIDE 1 ' tide.1 || bad "no .TH header"
for e in TIDE_CONFIG TIDE_DATABASE_URL TIDE_VERBOSE NO_COLOR tide.lua; do
  grep -qF "$e" tide.1 || bad "man page lacks $e"
done
for o in config url module json verbose help version; do
  grep -qF "\\-\\-$o" tide.1 || bad "man page lacks --$o"
done
if command -v groff >/dev/null 2>&1; then
  warn=$(groff -man -Tutf8 -z -ww tide.1 2>&1) || bad "groff failed: $warn"
  [ -z "$warn" ] || bad "groff warns: $warn"
elif command -v man >/dev/null 2>&1; then
  warn=$(man --warnings -l tide.1 2>&1 >/dev/null) || bad "man failed: $warn"
  [ -z "$warn" ] || bad "man warns: $warn"
else
  echo "  (neither groff nor man installed: the structure was checked with grep only)"
fi
tide man extra; expect_rc 2

t "tide completion bash is valid bash"
tide completion bash; expect_rc 0
printf '%s\n' "$stdout" > tide.bash
bash -n tide.bash || bad "bash -n rejects the script"
grep -q '^complete -F _tide tide$' tide.bash || bad "no complete -F _tide tide"
tide completion; expect_rc 2
tide completion zsh; expect_rc 2

# complete WORDS...: the replies for the last word, sorted, one per line.
complete_() {
  bash -c '. ./tide.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _tide
           printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$@"
}
expect_reply() { case $'\n'"$got"$'\n' in *$'\n'"$1"$'\n'*) ;; *) bad "no '$1' in: $got" ;; esac; }
reply_no() { case $'\n'"$got"$'\n' in *$'\n'"$1"$'\n'*) bad "'$1' in: $got" ;; esac; }

t "completion: command names"
got=$(complete_ tide migration:u); expect_reply migration:up; expect_reply migration:unlog
reply_no migration:down
got=$(complete_ tide db:); expect_reply db:generate; expect_reply db:migrate; expect_reply db:rollback
got=$(complete_ tide --url sqlite:x.db ''); expect_reply migration:up; expect_reply man

t "completion: a command's options, parsed from its usage"
got=$(complete_ tide migration:up --d); expect_reply --dry-run
got=$(complete_ tide migration:up --); expect_reply --from; expect_reply --allow-out-of-order
expect_reply --json; expect_reply --module; reply_no --blank
got=$(complete_ tide schema:update --no); expect_reply --no-drop-tables
got=$(complete_ tide schema:inspect --format ''); expect_reply lua; expect_reply json
got=$(complete_ tide completion ''); expect_reply bash

t "completion: words split at ':' (as bash does) are rejoined"
got=$(complete_ tide migration : u); expect_reply up; expect_reply unlog

t "every option of every usage line is offered"
while read -r name usage; do
  for o in $(printf '%s\n' "$usage" | grep -oE -- '--[a-z][a-z-]*'); do
    got=$(complete_ tide "$name" "$o"); expect_reply "$o"
  done
done < <(tide --help >/dev/null; for c in $commands; do
           "$TIDE_BIN" "$c" --help | sed -n '1s/^usage: tide //p'; done)

t "a misspelt command or option gets the closest; a word far from all gets none"
tide migraton:up; expect_rc 2
expect_out "unknown command 'migraton:up'; did you mean 'migration:up'?"
tide migration:up --dry-rn; expect_rc 2
expect_out "unknown option '--dry-rn' for migration:up; did you mean '--dry-run'?"
tide migration:up --dry-rn=1; expect_rc 2
expect_out "did you mean '--dry-run'?"
tide frobnicate; expect_rc 2
expect_out "unknown command 'frobnicate'"; expect_no "did you mean"
[ ! -e tide.db ] || bad "a misspelt command created tide.db"

t "every command's --help describes each option of its usage line and gives two examples or more"
for c in $commands; do
  tide "$c" --help; expect_rc 0
  usage=$(printf '%s\n' "$stdout" | sed -n 's/^usage: tide [^ ]* //p')
  opts=$(printf '%s\n' "$stdout" | sed -n '/^options:$/,/^$/p')
  for o in $(printf '%s\n' "$usage" | grep -o -- '--[a-z-]*' | sort -u); do
    printf '%s\n' "$opts" | grep -q -- "^  $o\b" || bad "$c --help does not describe $o"
    printf '%s\n' "$opts" | grep -A1 -- "^  $o\b" | grep -q '[^ ]   *[a-z(]\|^    *[a-z(]' \
      || bad "$c --help: $o has no description"
  done
  n=$(printf '%s\n' "$stdout" | sed -n '/^examples:$/,/^$/p' | grep -c '^  [a-z]')
  [ "$n" -ge 2 ] || bad "$c --help gives $n examples"
done
tide migration:up --help
expect_out "  --dry-run                run inside a transaction that is rolled back, printing the SQL"
expect_out "  tide migration:up --dry-run"$'\n'"      see the SQL, change nothing"

t "the man page carries each command's options and examples"
tide man; printf '%s\n' "$stdout" > tide.1
grep -c '^Examples:$' tide.1 | grep -qx "$(printf '%s\n' "$commands" | wc -l)" || bad "not every command has examples in the man page"
grep -qF '\fBtide migration:up \-\-dry\-run\fR \(em see the SQL, change nothing' tide.1 || bad "man page lacks migration:up's example"
grep -qF 'start at migration X' tide.1 || bad "man page lacks --from's description"

finish
