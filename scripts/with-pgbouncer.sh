#!/usr/bin/env bash
# Runs a command with DATABASE_URL going through a PgBouncer of its own in transaction mode (as
# Supabase's transaction pooler behaves: no session state between transactions, no LISTEN) and
# DATABASE_DIRECT_URL going straight to the server, then stops PgBouncer.
#
#   scripts/with-pgbouncer.sh pnpm --filter @zatten/api test
#
# PgBouncer (Debian package `pgbouncer`) listens on a free port with a generated configuration
# in a temporary directory, in front of PGBOUNCER_UPSTREAM (default 127.0.0.1:5432, trust auth
# for the postgres user); every database name is passed through to the server.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: scripts/with-pgbouncer.sh <command> [args...]" >&2
  exit 2
fi
bouncer=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
if [ ! -x "$bouncer" ]; then
  echo "with-pgbouncer: pgbouncer is not installed (apt-get install pgbouncer)" >&2
  exit 1
fi

upstream=${PGBOUNCER_UPSTREAM:-127.0.0.1:5432}
upstream_host=${upstream%:*}
upstream_port=${upstream##*:}
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dir=$(mktemp -d -t zatten-pgbouncer.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$upstream_host port=$upstream_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 2000
default_pool_size = 10
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
EOF
echo '"postgres" ""' >"$dir/userlist.txt"
chmod 755 "$dir"
chmod 644 "$dir/pgbouncer.ini" "$dir/userlist.txt"

# PgBouncer refuses to run as root; it switches to an unprivileged user instead.
as_user=()
if [ "$(id -u)" = 0 ]; then
  touch "$dir/pgbouncer.log"
  chown nobody "$dir/pgbouncer.log"
  as_user=(-u nobody)
fi
"$bouncer" "${as_user[@]}" "$dir/pgbouncer.ini" >"$dir/stderr.log" 2>&1 &
pid=$!

for _ in $(seq 1 50); do
  if pg_isready -q -h 127.0.0.1 -p "$port" -d postgres 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "with-pgbouncer: pgbouncer did not start:" >&2
    cat "$dir/stderr.log" "$dir/pgbouncer.log" >&2 2>/dev/null || true
    exit 1
  fi
  sleep 0.1
done
echo "with-pgbouncer: PgBouncer $("$bouncer" --version | head -1 | cut -d' ' -f2) (transaction mode) on 127.0.0.1:$port in front of $upstream"

status=0
DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" \
  DATABASE_DIRECT_URL="postgres://postgres@$upstream/postgres" \
  "$@" || status=$?
if [ "$status" -ne 0 ] && [ -n "${PGBOUNCER_SHOW_LOG:-}" ]; then
  tail -50 "$dir/pgbouncer.log" >&2 || true
fi
exit "$status"
