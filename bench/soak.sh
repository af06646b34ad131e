#!/usr/bin/env bash
# The soak benchmark (docs/benchmarks.md): the web app on SQLite, then two instances on PostgreSQL in a throwaway
# cluster on loopback, each soaked at a steady rate of visitors' requests with a figure entered every second; half way
# through the PostgreSQL soak the cluster is restarted (pg_ctl restart -m fast), as an operator would.
# Usage: bash bench/soak.sh [seconds] [requests per second] [requests per second on PostgreSQL]
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK_SECONDS=${1:-600}
RATE=${2:-200}
PG_RATE=${3:-$RATE}
dotnet build bench/Outturn.Bench -c Release -nologo -v q -clp:ErrorsOnly
PGPORT=55497
# shellcheck source=bench/pg-cluster.sh
source bench/pg-cluster.sh
OUTTURN_BENCH_POSTGRES="$BENCH_POSTGRES" \
  OUTTURN_BENCH_PG_RESTART="${RUNAS[*]} $PGBIN/pg_ctl -D $PGDIR/data -l $PGDIR/log -m fast -w restart >/dev/null" \
  dotnet bench/Outturn.Bench/bin/Release/net10.0/Outturn.Bench.dll soak "$SOAK_SECONDS" "$RATE" "$PG_RATE"
