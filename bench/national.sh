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
OUTTURN_BENCH_POSTGRES="$BENCH_POSTGRES" \
  dotnet bench/Outturn.Bench/bin/Release/net10.0/Outturn.Bench.dll national "$RUNS" "$PG_ROWS"
dotnet bench/Outturn.Bench/bin/Release/net10.0/Outturn.Bench.dll national "$RUNS" "$SQLITE_ROWS"
