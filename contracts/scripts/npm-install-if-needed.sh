#!/usr/bin/env bash
# Installs the pinned npm build tools (solc-js, anvil, cast) from package-lock.json, but only when
# node_modules is missing or older than the lock file, so repeated builds stay offline and fast.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ -x node_modules/.bin/anvil ]; then
  exit 0
fi
# Not `npm ci`: a lock written on one platform by npm 11 named only that platform's optional binary package
# (anvil-linux-amd64, ...), and `npm ci` refused it as out of sync. `npm install` with exact pins in package.json
# and the lock's integrity hashes installs the same versions. The committed lock lists every platform's binary
# package (as `npm install` completes it), so installing leaves it unchanged and the work tree clean.
npm install --no-audit --no-fund --loglevel=error >/dev/null
touch "$stamp"
