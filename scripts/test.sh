#!/usr/bin/env bash
# npm test: install what is missing, type-check, lint, then the unit, workflow, integration and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
echo "== typecheck"; npm run -s typecheck
echo "== lint"; npx eslint .
echo "== unit tests"; npx jest --selectProjects unit
echo "== workflow tests (Temporal dev server, activities faked)"; npx jest --selectProjects workflow --runInBand
echo "== integration tests (MariaDB, Temporal dev server, simulators, worker, API)"; npx jest --selectProjects integration --runInBand
echo "== browser tests (the web app in Debian's Chromium on the same stack)"; npx jest --selectProjects browser --runInBand
