#!/usr/bin/env bash
# Sourced by the benchmarks that need PostgreSQL (bench/dashboard.sh, bench/national.sh): a throwaway cluster on
# loopback port $PGPORT with durable settings, as a server would run (fsync on), owned by the postgres user when run
# as root (initdb refuses root), stopped and removed when the script exits. Sets PGBIN, PGDIR and BENCH_POSTGRES.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
PGDIR=$(mktemp -d /tmp/outturn-bench-pg.XXXXXX)
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$PGDIR" postgres
  chown postgres "$PGDIR"
  RUNAS=(runuser -u postgres --)
fi
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" --auth=trust --username=outturn -E UTF8 >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_wal_size=4GB -c shared_buffers=1GB" start >/dev/null
cleanup() { "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
chmod 755 /tmp || true
BENCH_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=outturn;Database=postgres"
