#!/usr/bin/env bash
# Debian packages the tests need besides Python: headless Chromium and its
# driver (browser test of the chat widget), PostgreSQL and Redis (the test with
# two Rasa servers sharing a conversation store and a lock store).
# Installs what is missing when run as root; otherwise says what is missing.
# Called by `make test` (scripts/test.sh) before the tests run.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)

if [ "${#need[@]}" -eq 0 ]; then
  echo "System packages present: chromium, chromedriver, redis-server, postgresql."
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "warning: missing Debian packages: ${need[*]}." >&2
  echo "         Not root, so they are not installed; the tests that need them are skipped with this reason." >&2
  echo "         Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 0
fi

echo "Installing Debian packages: ${need[*]} (about 30 s)..."
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; then
  echo "Installed: ${need[*]}."
else
  echo "warning: could not install ${need[*]} (no package mirror?); the tests that need them are skipped with this reason." >&2
fi
