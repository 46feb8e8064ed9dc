#!/usr/bin/env bash
# Runs every test: the .NET suites (unit, integration, bUnit, browser end-to-end) and the
# front-end module's tests. Installs what the SDK does not bring: Debian's chromium for the
# browser test (Playwright drives it; it never downloads a browser). npm packages are restored by
# the web project's build.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser test needs Debian's chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

dotnet test ModArithDashboard.sln
node --test tests/frontend/
