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
PGPORT=55498
# shellcheck source=bench/pg-cluster.sh
source bench/pg-cluster.sh
OUTTURN_BENCH_POSTGRES="$BENCH_POSTGRES" \
  dotnet bench/Outturn.Bench/bin/Release/net10.0/Outturn.Bench.dll dashboard "$REQUESTS" "$MEASURES" "$MONTHS" \
  "$SECONDS_UNDER_LOAD"
