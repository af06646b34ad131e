#!/usr/bin/env bash
# Time from `dotnet run --project src/Outturn.Web` to the first page served, when nothing has changed since the last
# build (the issue's "starting again" case), side by side with `dotnet run --no-build` (the app's own start, no
# build checks) as the baseline. A warm-up run first builds the Debug output and creates the demo database in a
# scratch HOME, so every timed run finds both up to date. Usage: bench/first-page.sh [RUNS] (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
port=5199
export HOME="$(mktemp -d)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

first_page() {
  local start end pid
  start=$(date +%s.%N)
  dotnet run --project src/Outturn.Web "$@" --urls "http://127.0.0.1:$port" > "$HOME/run.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 "$pid" 2>/dev/null || { cat "$HOME/run.log"; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  pkill -f "Outturn.Web.*--urls http://127.0.0.1:$port" || true
  wait "$pid" 2>/dev/null || true
  echo "$end - $start" | bc
}

first_page > /dev/null # warm-up: builds, migrates, loads the demo
full=() bare=()
for _ in $(seq "$runs"); do
  full+=("$(first_page)")
  bare+=("$(first_page --no-build)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "dotnet run (nothing changed): ${full[*]} s; median $(median "${full[@]}") s"
echo "dotnet run --no-build:        ${bare[*]} s; median $(median "${bare[@]}") s"
echo "ratio of medians: $(echo "scale=2; $(median "${full[@]}") / $(median "${bare[@]}")" | bc)"
rm -rf "$HOME"
