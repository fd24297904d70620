# libpq is loaded at the first PostgreSQL connection, never at start-up
# (drivers/postgres/pq.h): a SQLite command does not load it, a PostgreSQL
# URL does, and a libpq that cannot be loaded (TIDE_LIBPQ naming a missing
# file, or a library without libpq's functions) is a clear error naming the
# library and how to install it. No server is needed: the library is loaded
# before the connection is tried (to a port nobody listens on).
. "$(dirname "$0")/lib.sh"
mkdir -p migrations
pg_url="postgres://tide@127.0.0.1:1/nowhere?connect_timeout=2"

t "a SQLite command does not load libpq"
LD_DEBUG=libs tide --url sqlite:app.db migration:pending
expect_rc 0
expect_out "calling init"          # LD_DEBUG did report the libraries loaded
expect_no "libpq"

t "a PostgreSQL URL loads libpq, then tries to connect"
LD_DEBUG=libs tide --url "$pg_url" migration:pending
expect_rc 1
expect_out "libpq.so.5"
expect_out "cannot connect to PostgreSQL"

t "TIDE_LIBPQ naming a missing file: what, and how to fix it"
TIDE_LIBPQ=/nonexistent/libpq.so.5 tide --url "$pg_url" migration:pending
expect_rc 1
expect_out "PostgreSQL needs libpq, which could not be loaded: /nonexistent/libpq.so.5"
expect_out "apt-get install libpq5"
expect_out "TIDE_LIBPQ"

t "TIDE_LIBPQ naming a library that is not libpq"
TIDE_LIBPQ=libsqlite3.so.0 tide --url "$pg_url" migration:pending
expect_rc 1
expect_out "libsqlite3.so.0 is not the libpq tide needs: it lacks PQ"

t "SQLite works with no libpq at all"
TIDE_LIBPQ=/nonexistent/libpq.so.5 tide --url sqlite:app.db migration:pending
expect_rc 0

finish
