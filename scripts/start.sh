#!/usr/bin/env bash
# npm start: install what is missing, then run the whole system (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
echo "[start] building the web app (apps/web → apps/web/dist)"
npm run -s build:web
exec node -r @swc-node/register scripts/dev-stack.ts
