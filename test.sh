#!/usr/bin/env bash
# Runs every test: the .NET suites (unit, integration, bUnit, browser end-to-end, the cluster mode
# with real PostgreSQL/Redis/worker processes) and the front-end module's tests. Installs what the
# SDK does not bring: Debian's chromium for the browser tests (Playwright drives it; it never
# downloads a browser), and postgresql + redis-server for the cluster tests (the tests start their
# own instances on free loopback ports with temp data folders and stop them; the packages' own
# services are not used). npm packages are restored by the web project's build.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need Debian packages: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

dotnet test ModArithDashboard.sln
node --test tests/frontend/
