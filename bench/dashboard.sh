#!/usr/bin/env bash
# The committee dashboard benchmark (docs/benchmarks.md) on SQLite and, side by side in the same run, on PostgreSQL in a
# throwaway cluster on loopback, each holding the same 10,000,000 values.
# Usage: bash bench/dashboard.sh [requests] [measures] [months] [seconds at 8 at a time]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-30}
MEASURES=${2:-10000}
MONTHS=${3:-1000}
SECONDS_UNDER_LOAD=${4:-30}
dotnet build bench/Outturn.Bench -c Release -nologo -v q -clp:ErrorsOnly
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
PGDIR=$(mktemp -d /tmp/outturn-bench-pg.XXXXXX)
PGPORT=55498
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$PGDIR" postgres
  chown postgres "$PGDIR"
  RUNAS=(runuser -u postgres --)
fi
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" --auth=trust --username=outturn -E UTF8 >/dev/null
# Durable settings as a server would run (fsync on): the baseline and the importer write under the same ones.
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_wal_size=4GB -c shared_buffers=1GB" start >/dev/null
cleanup() { "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
chmod 755 /tmp || true
OUTTURN_BENCH_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=outturn;Database=postgres" \
  dotnet bench/Outturn.Bench/bin/Release/net10.0/Outturn.Bench.dll dashboard "$REQUESTS" "$MEASURES" "$MONTHS" \
  "$SECONDS_UNDER_LOAD"
