#!/usr/bin/env bash
# Installs what the project needs on a fresh machine, once: npm packages, the Temporal CLI, Mailpit,
# OCR language data, Chromium for the browser tests, and a running MariaDB. Sourced by start.sh, test.sh and .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PATH="$PATH:$HOME/go/bin:/usr/local/go/bin"
# onnxruntime-node ships its CPU binary; its install script only fetches CUDA files, which cannot be had here.
export ONNXRUNTIME_NODE_INSTALL=skip

log() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  # npm install, not npm ci: the lock holds only this platform's optional packages (the registry
  # here serves no others) and npm ci refuses such a lock; npm install keeps to it all the same.
  npm install --no-audit --no-fund
fi

if ! command -v temporal >/dev/null 2>&1; then
  log "installing the Temporal CLI (go install …/temporal@v1.5.1, a few minutes the first time)"
  go install github.com/temporalio/cli/cmd/temporal@v1.5.1
fi

if ! command -v mailpit >/dev/null 2>&1; then
  log "installing Mailpit, the e-mail catcher (go install …/mailpit@v1.33.1)"
  go install github.com/axllent/mailpit@v1.33.1
fi

apt_missing=()
# chromium: the browser tests drive Debian's Chromium (playwright-core with executablePath; no browser download).
for pkg in tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-kaz fonts-dejavu-core fonts-ocr-b chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || apt_missing+=("$pkg")
done
if [ ${#apt_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${apt_missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
  else
    log "missing Debian packages (install them as root): ${apt_missing[*]}"
  fi
fi

# The local MariaDB, unless DATABASE_URL points elsewhere.
if [ -z "${DATABASE_URL:-}" ] || [[ "$DATABASE_URL" == *"@127.0.0.1"* || "$DATABASE_URL" == *"@localhost"* ]]; then
  if ! mysqladmin --host=127.0.0.1 --user=root ping >/dev/null 2>&1; then
    if [ -x /usr/sbin/mariadbd ] && command -v start-stop-daemon >/dev/null; then
      log "starting MariaDB"
      start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
      for _ in $(seq 1 60); do mysqladmin --host=127.0.0.1 --user=root ping >/dev/null 2>&1 && break; sleep 1; done
    fi
    mysqladmin --host=127.0.0.1 --user=root ping >/dev/null 2>&1 || { log "MariaDB is not reachable at 127.0.0.1:3306"; exit 1; }
  fi
fi
