#!/usr/bin/env bash
# npm test: install what is missing, type-check, lint, then the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
echo "== typecheck"; npx tsc -p tsconfig.json --noEmit
echo "== lint"; npx eslint .
echo "== unit tests"; npx jest --selectProjects unit
echo "== workflow tests (Temporal dev server, activities faked)"; npx jest --selectProjects workflow --runInBand
echo "== integration tests (MariaDB, Temporal dev server, simulators, worker, API)"; npx jest --selectProjects integration --runInBand
