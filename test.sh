#!/usr/bin/env bash
# Runs every test: the .NET suites (unit, integration, bUnit, browser end-to-end), the
# front-end module's tests and the Python client's tests. Installs what the SDK does not bring:
# Debian's chromium for the browser test (Playwright drives it; it never downloads a browser) and
# Debian's python3 for the Python client. npm packages are restored by the web project's build.
# The last line says whether everything passed; any failing suite fails the script.
set -euo pipefail
cd "$(dirname "$0")"
trap 'echo "test.sh: FAILED (see the failing suite above)" >&2' ERR

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser test needs Debian's chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

if [ ! -x /usr/bin/python3 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
  else
    echo "The Python client tests need Debian's python3: sudo apt-get install -y python3" >&2
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
