#!/usr/bin/env bash
# Runs every test: the .NET suites (unit, integration, bUnit, browser end-to-end, the cluster mode
# with real PostgreSQL/Redis/worker processes), the front-end module's tests and the Python client's
# tests. Installs what the SDK does not bring: Debian's chromium for the browser tests (Playwright
# drives it; it never downloads a browser), postgresql + redis-server for the cluster tests (the
# tests start their own instances on free loopback ports with temp data folders and stop them; the
# packages' own services are not used) and python3 for the Python client. npm packages are restored
# by the web project's build. The last line says whether everything passed; any failing suite fails
# the script.
set -euo pipefail
cd "$(dirname "$0")"
trap 'echo "test.sh: FAILED (see the failing suite above)" >&2' ERR

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/bin/python3 ] || missing+=(python3)
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
# The Python client (standard library only) against a real dashboard process started from the
# build above, on a free loopback port with its own data folder and access token.
MODARITH_WEB_DLL="$PWD/src/ModArith.Web/bin/Debug/net10.0/ModArith.Web.dll" \
  /usr/bin/python3 -m unittest discover -s clients/python/tests -t clients/python
echo "test.sh: all tests passed (.NET, front-end, Python client)"
