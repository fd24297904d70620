# The checksums' cache (runner/sumcache.h, issue 20): migration:list and
# migration:up's "changed since it was executed" check take an executed
# migration's checksum from $XDG_CACHE_HOME/tide/checksums-* when its file's
# stat is the one remembered, instead of reading the file; anything else
# (an edit, a corrupt or unwritable cache, a file just written) gives the
# same answers as reading every file. migration:validate never uses it.
. "$(dirname "$0")/lib.sh"
export XDG_CACHE_HOME="$work/cache"
N=1100    # from 1,024 files the stats are taken on two threads (tide_sumcache_prestat)

# project DIR N: N applied trivial migrations, their files settled (older
# than the two seconds within which a file is not remembered)
project() {
  local p=$1 n=$2 i
  mkdir -p "$p/migrations"
  for ((i = 1; i <= n; i++)); do
    printf 'return { up = function(m) m:addSql("select %d") end, down = function(m) end }\n' "$((i % 10))" \
      > "$p/migrations/Migration2025$(printf '%010d' "$i")_m$i.lua"
  done
}
project "$work/p" $N
project "$work/small" 20
sleep 3
cd "$work/p"
U="sqlite:$work/p/app.db"
tide --url "$U" migration:up; expect_rc 0
cache() { ls "$XDG_CACHE_HOME"/tide/checksums-* 2>/dev/null; }
# The cache's records (runner/sumcache.c: after the header line, per file
# 64 hex digits, seven 8-byte numbers, a 2-byte length, the name and a NUL),
# read with perl (Debian's perl-base is always there):
#   records FILE           one line per record: "SUM NAME"
#   zero_sum FILE NAME     the record of NAME (or the first, NAME "") given a sum of zeros
records() {
  perl -e 'local $/; open my $f, "<:raw", $ARGV[0] or exit 1; my $t = <$f>;
    my $p = index($t, "\n") + 1; while ($p < length $t) {
      my $len = unpack("S", substr($t, $p + 120, 2)); print substr($t, $p, 64), " ", substr($t, $p + 122, $len), "\n";
      $p += 123 + $len; }' "$1"
}
zero_sum() {
  perl -e 'local $/; open my $f, "<:raw", $ARGV[0] or exit 1; my $t = <$f>; close $f;
    my $p = index($t, "\n") + 1; while ($p < length $t) {
      my $len = unpack("S", substr($t, $p + 120, 2));
      if ($ARGV[1] eq "" || substr($t, $p + 122, $len) eq $ARGV[1]) { substr($t, $p, 64) = "0" x 64; last }
      $p += 123 + $len; }
    open $f, ">:raw", $ARGV[0] or exit 1; print $f $t;' "$1" "$2"
}

t "migration:list with $N executed migrations writes the cache, one record per file"
tide --url "$U" migration:list; expect_rc 0; expect_no "file changed"
[ -n "$(cache)" ] || bad "no cache file under $XDG_CACHE_HOME/tide"
[ "$(records "$(cache)" | wc -l)" = "$N" ] || bad "the cache has $(records "$(cache)" | wc -l) records, expected $N"
records "$(cache)" | grep -qx "$(sha256sum migrations/Migration20250000000007_m7.lua | cut -c1-64) Migration20250000000007_m7.lua" ||
  bad "m7's record is not its checksum and name: $(records "$(cache)" | grep _m7.lua)"
head -n 1 "$(cache)" | grep -qx "tide checksums 2 $work/p/migrations" || bad "header: $(head -n 1 "$(cache)")"

t "the cache is read instead of a file whose stat it remembers (validate reads the file)"
f=migrations/Migration20250000000007_m7.lua
zero_sum "$(cache)" Migration20250000000007_m7.lua
tide --url "$U" migration:list; expect_rc 0
printf '%s\n' "$stdout" | grep -q '_m7 .*applied, file changed$' || bad "m7 is not reported changed"
[ "$(printf '%s\n' "$stdout" | grep -c 'file changed')" = 1 ] || bad "another file is reported changed"
tide --url "$U" migration:validate; expect_rc 0; expect_out "Every executed migration matches its file."

t "an edited file (same size) is read again and reported changed"
rm -rf "$XDG_CACHE_HOME"; tide --url "$U" migration:list; expect_rc 0
sed -i 's/select 3/select 4/' migrations/Migration20250000000013_m13.lua
tide --url "$U" migration:list; expect_rc 0; expect_out "applied, file changed"
printf '%s\n' "$stdout" | grep -q '_m13 .*applied, file changed$' || bad "m13 is not reported changed"
t "a file changed within two seconds is not remembered"
grep -q "Migration20250000000013_m13.lua" "$(cache)" && bad "the cache remembers a file just written"
tide --url "$U" migration:up; expect_rc 0
expect_out "migration Migration20250000000013_m13 changed since it was executed"
tide --url "$U" migration:validate; expect_rc 1; expect_out "changed  Migration20250000000013_m13"
sed -i 's/select 4/select 3/' migrations/Migration20250000000013_m13.lua
tide --url "$U" migration:list; expect_rc 0; expect_no "file changed"

t "a corrupt cache is ignored and written again"
printf 'tide checksums 2 %s\nnot a record\n' "$work/p/migrations" > "$(cache)"
tide --url "$U" migration:list; expect_rc 0; expect_no "file changed"; expect_no "warning"
[ "$(records "$(cache)" | wc -l)" -ge $((N - 1)) ] || bad "the corrupt cache was not written again"   # m13: just written
printf '\0\1garbage' > "$(cache)"
tide --url "$U" migration:list; expect_rc 0; expect_no "file changed"
head -c 17 "$(cache)" | grep -q "tide checksums 2" || bad "the garbage cache was not written again"

t "another folder's cache (same file name) is ignored"
sed -i "1s|.*|tide checksums 2 /elsewhere/migrations|" "$(cache)"
zero_sum "$(cache)" ""
tide --url "$U" migration:list; expect_rc 0; expect_no "file changed"

t "a missing file is still reported missing"
mv migrations/Migration20250000000020_m20.lua "$work/m20.lua"
tide --url "$U" migration:list; expect_rc 0; expect_out "file missing"
mv "$work/m20.lua" migrations/Migration20250000000020_m20.lua

t "a cache that cannot be written changes nothing"
XDG_CACHE_HOME=/proc/tide-no-cache tide --url "$U" migration:list; expect_rc 0; expect_no "file changed"
expect_no "tide:"
XDG_CACHE_HOME=relative HOME=/proc/none tide --url "$U" migration:list; expect_rc 0; expect_no "tide:"
[ -e relative ] && bad "a relative XDG_CACHE_HOME was used"

t "no cache for a folder of fewer than 256 executed migrations"
rm -rf "$XDG_CACHE_HOME"; cd "$work/small"
tide --url "sqlite:$work/small/app.db" migration:up; expect_rc 0
tide --url "sqlite:$work/small/app.db" migration:list; expect_rc 0
[ -z "$(cache)" ] || bad "a cache was written for 20 migrations"

finish
