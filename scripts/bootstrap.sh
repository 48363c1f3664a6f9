#!/usr/bin/env bash
# One entry point for a fresh machine: `npm run demo` and `npm test` (and .ci/run) call this.
#   bash scripts/bootstrap.sh demo   set up, build, and serve the demo page
#   bash scripts/bootstrap.sh test   set up, build, and run the whole test suite
# It installs what is missing (pnpm, dependencies, and for tests Chromium, Firefox ESR, WebKitGTK's
# WebDriver, xvfb and redis-server from Debian) and never downloads a model: models come from
# ../shared/models or $SUPPORT_BOT_MODELS.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0
mode="${1:-test}"

log() { printf '\n\033[1m[support-bot] %s\033[0m\n' "$*" >&2; }

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION"
    npm install --global --no-audit --no-fund "pnpm@$PNPM_VERSION" >&2
  fi
}

ensure_apt() {
  # $1 = command to look for, $2.. = Debian packages providing it
  local cmd="$1"; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  log "installing $* from Debian"
  if [ "$(id -u)" -ne 0 ]; then
    echo "[support-bot] Failed to find $cmd: it is not installed and this user cannot apt-get. Please run: sudo apt-get install -y $*" >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

check_models() {
  local dir="${SUPPORT_BOT_MODELS:-$(pwd)/../shared/models}"
  if [ ! -f "$dir/Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx" ]; then
    echo "[support-bot] Failed to find the models in $dir. Please put them in ../shared/models beside the repository or set SUPPORT_BOT_MODELS (see README: Models)." >&2
    exit 1
  fi
  SUPPORT_BOT_MODELS="$(cd "$dir" && pwd)"
  export SUPPORT_BOT_MODELS
}

ensure_pnpm
log "installing dependencies"
pnpm install --frozen-lockfile >&2
check_models
log "building"
pnpm run build >&2

case "$mode" in
  test)
    ensure_apt chromium chromium
    ensure_apt redis-server redis-server
    # The cross-browser smoke suite (tests/e2e/cross-browser): Firefox ESR, and WebKitGTK's
    # WebDriver (its libwebkit2gtk dependency brings MiniBrowser) on a virtual display.
    ensure_apt firefox-esr firefox-esr
    ensure_apt WebKitWebDriver webkit2gtk-driver
    ensure_apt xvfb-run xvfb
    log "lint and type-check"
    pnpm run check >&2
    log "consumer check: pack, lint and install the packages as npm users get them"
    node scripts/consumer-check.mjs --built >&2
    log "running the test suite"
    exec pnpm exec vitest run
    ;;
  demo)
    log "starting the demo"
    exec pnpm --filter @support-bot/example-script-tag run start
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh [test|demo]" >&2
    exit 2
    ;;
esac
