#!/usr/bin/env bash
# Installs what riskloop needs to build, test and run on Debian 12, and only what is missing:
# a second run does nothing. Run as root, or as a user who may use sudo.
set -euo pipefail

cd "$(dirname "$0")/.."

# Debian 12 package names (docs: ARCHITECTURE.md, section 7). Boost by its versioned names only.
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev libboost-math1.81-dev
  nlohmann-json3-dev libsimdjson-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql-15
  libsodium-dev libssl-dev libcli11-dev libfmt-dev libspdlog-dev libexpected-dev
  libgtest-dev libgmock-dev libbenchmark-dev librapidcheck-dev
  libtbb-dev zlib1g-dev fonts-dejavu-core
  fonts-noto-cjk libharfbuzz-dev libfreetype-dev  # PDF report: CJK fonts, subsets
  libicu-dev  # Unicode: UAX #14 line breaks, NFC, terminal width of CJK text, pinyin order
  libxlsxwriter-dev libminizip-dev libpugixml-dev libkainjow-mustache-dev libcmark-dev
  chromium poppler-utils wrk curl  # browser tests; pdftotext/pdfinfo read the PDF report back
  jq  # the record command test reads `list --format json` and `show --format json`
  clang libclang-rt-14-dev  # make fuzz: clang-14 and its libFuzzer and sanitizer runtimes
)

say() { echo "setup-deps: $*"; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    say "need root to run: $*  (run as root, or install sudo)" >&2
    exit 1
  fi
}

installed() {
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]
}

install_debian_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
  done
  # Node: the image may bring its own node and npm; Debian's npm would conflict with them.
  if ! command -v npm >/dev/null; then
    installed nodejs || missing+=(nodejs)
    missing+=(npm)
  fi
  if ((${#missing[@]} == 0)); then
    say "all Debian packages present"
    return
  fi
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# npm packages of the browser tests, pinned by tests/browser/package-lock.json. Nothing to do
# until that suite exists, or when node_modules is already up to date with the lock file.
# npm packages of one directory, from its lock file; skipped when node_modules is up to date.
install_npm_packages() {
  local dir=$1
  [[ -f $dir/package.json ]] || return 0
  local stamp=$dir/node_modules/.package-lock.json
  if [[ -f $stamp && ! $dir/package.json -nt $stamp &&
        (! -f $dir/package-lock.json || ! $dir/package-lock.json -nt $stamp) ]]; then
    say "npm packages in $dir present"
    return
  fi
  say "installing npm packages in $dir"
  if [[ -f $dir/package-lock.json ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
  else
    (cd "$dir" && npm install --no-audit --no-fund)
  fi
}

install_debian_packages
install_npm_packages web           # htmx, embedded in the server binary by the build
install_npm_packages tests/browser # playwright-core, drives Debian's chromium
