#!/usr/bin/env bash
# Runs every test against real SQLite and a real PostgreSQL server, real headless Chromium and poppler for reports,
# and a real SMTP server (aiosmtpd, started on loopback by the tests that send email), which this script installs
# (Debian's packages) if missing; PostgreSQL is started on loopback in a throwaway cluster. Ends with
# "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need+=(python3-aiosmtpd)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A private PostgreSQL cluster on a loopback port, owned by the postgres user (initdb refuses root).
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
# The first free port from 55432 (a server left running by an earlier run must not stop this one).
PGPORT=${OUTTURN_PG_PORT:-$(python3 -c '
import socket
for port in range(55432, 55532):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
')}
PGDIR=$(mktemp -d /tmp/outturn-pg.XXXXXX)
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$PGDIR" postgres
  chown postgres "$PGDIR"
  RUNAS=(runuser -u postgres --)
fi
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" --auth=trust --username=outturn -E UTF8 >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
cleanup() { "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
export OUTTURN_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=outturn;Database=postgres;Pooling=true"

# Every web host a test starts would hold inotify instances for its file watchers (128 per user by default); polling
# watchers hold none, and no test changes a watched file.
export DOTNET_USE_POLLING_FILE_WATCHER=true

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
dotnet build Outturn.slnx -c Release -nologo -v q -clp:ErrorsOnly
status=0
dotnet test Outturn.slnx -c Release --no-build -nologo -v q -m:4 --logger "trx" --results-directory "$RESULTS" || status=$?

# Totals from the TRX files that the test runs wrote.
python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    skipped += int(c.get("notExecuted")) + int(c.get("inconclusive"))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
