#!/usr/bin/env bash
# Every test of the solution, with what they need installed first:
# - Azurite (npm, pinned in package-lock.json), started by the tests themselves on loopback;
# - Debian's chromium (the dashboard test drives it headless) and python3-aiosmtpd (the alert tests' SMTP server),
#   installed with apt-get when missing (as root, or through sudo);
# - NuGet packages and the Bicep CLI package, restored by dotnet test.
# Extra arguments go to `dotnet test` (e.g. --filter, --logger).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need+=(python3-aiosmtpd)
if [ "${#need[@]}" -gt 0 ]; then
  echo "== installing ${need[*]} (apt-get)"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

echo "== npm ci (Azurite, DSFR)"
# Azurite 3.37 declares Node.js >= 22 (package.json "engines"); it runs on 20 with npm's EBADENGINE warning.
node_major=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')
if [ -z "$node_major" ]; then
  echo "Node.js is missing: install Node.js 22 or newer (Azurite, the storage emulator the tests start, needs it)." >&2
  exit 1
elif [ "$node_major" -lt 22 ]; then
  echo "warning: Node.js $(node --version) is older than Azurite's stated requirement (>= 22); the tests may still run, upgrade when you can." >&2
fi
# The DSFR (@gouvfr/dsfr) asks its users to accept its terms of use at install: this dashboard is for ANCT, a
# State service, which is what those terms are for.
DSFR_ACCEPT_LICENSE=1 npm ci --no-audit --no-fund

echo "== dotnet test"
dotnet test Impact.sln "$@"
