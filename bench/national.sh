#!/usr/bin/env bash
# The national-scale benchmark (docs/benchmarks.md): PostgreSQL in a throwaway cluster on loopback, then SQLite.
# Usage: bash bench/national.sh [runs] [postgres rows] [sqlite rows]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
PG_ROWS=${2:-4000000}
SQLITE_ROWS=${3:-50000}
dotnet build bench/Outturn.Bench -c Release -nologo -v q -clp:ErrorsOnly
PGPORT=55499
# shellcheck source=bench/pg-cluster.sh
source bench/pg-cluster.sh
# The build, and then the PostgreSQL run, leave the one-minute load average above 1 for a minute or so: each run
# first waits (three minutes at most) for the machine to be quiet, so that it can be compared with another run (the
# benchmark reports the load it started at).
quiet() { for _ in $(seq 36); do awk '{ exit !($1 <= 1.0) }' /proc/loadavg && break; sleep 5; done; }
quiet
OUTTURN_BENCH_POSTGRES="$BENCH_POSTGRES" \
  dotnet bench/Outturn.Bench/bin/Release/net10.0/Outturn.Bench.dll national "$RUNS" "$PG_ROWS"
quiet
dotnet bench/Outturn.Bench/bin/Release/net10.0/Outturn.Bench.dll national "$RUNS" "$SQLITE_ROWS"
