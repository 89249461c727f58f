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
# The DSFR (@gouvfr/dsfr) asks its users to accept its terms of use at install: this dashboard is for ANCT, a
# State service, which is what those terms are for.
DSFR_ACCEPT_LICENSE=1 npm ci --no-audit --no-fund

echo "== dotnet test"
dotnet test Impact.sln "$@"
