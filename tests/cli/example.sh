# The example project of migrations/ (what make demo runs), on SQLite: up,
# down to zero, up again, and the example scripts.
. "$(dirname "$0")/lib.sh"
src=$TIDE_SOURCE_DIR
cp -r "$src/migrations" "$src/examples" .
URL="sqlite:$work/example.db"

t "the example history applies, reverts to zero and applies again"
tide --url "$URL" migration:up; expect_rc 0; expect_out "4 migrations applied."; expect_out "split the names of 3 users"
tide --url "$URL" migration:down --to 0; expect_rc 0; expect_out "4 migrations reverted."
tide --url "$URL" migration:up; expect_rc 0; expect_out "4 migrations applied."

t "the example scripts run"
tide --url "$URL" run examples/report.lua; expect_rc 0; expect_out "Grace      Brewster Hopper       2      51.90"
tide --url "sqlite:$work/tour.db" run examples/tour.lua; expect_rc 0; expect_out "transaction rolled back: true"

finish
