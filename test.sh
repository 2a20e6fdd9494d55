#!/usr/bin/env bash
# KnowledgeHub's one test command: installs what the tests need when it is missing, builds the solution
# with warnings as errors, checks the EF model has no un-migrated changes, runs every test project
# (domain, component, integration, end-to-end in Chromium) and prints one closing line
# "N passed, N failed" summed from the TRX files. Exits non-zero when a test failed or none ran.
set -euo pipefail
cd "$(dirname "$0")"

# 1. Debian packages: Chromium for Playwright, a CJK font, libgomp1 for LightGbm, poppler-utils for PDFs.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
for pkg in fonts-wqy-microhei libgomp1 poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Local .NET tools (dotnet-ef), restore and a warnings-as-errors Release build.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build KnowledgeHub.sln -c Release -warnaserror -nologo -v quiet

# 3. The EF Core model and the committed migrations agree.
dotnet ef migrations has-pending-model-changes --project KnowledgeHub.Domain --configuration Release --no-build

# 4. Every test project, each into its own TRX file.
results="$PWD/TestResults"
rm -rf "$results"
status=0
for project in KnowledgeHub.Tests KnowledgeHub.E2E; do
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$project.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

# 5. One closing line from the TRX counters.
passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed))); total=$((total + $(get total)))
done
echo "$passed passed, $failed failed"
if [ "$total" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then exit 1; fi
