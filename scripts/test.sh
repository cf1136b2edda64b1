#!/usr/bin/env bash
# Runs every test of the workspace: unit, integration against loopback servers, the trybuild
# compile-fail suite, doctests, and the conformance suite (tests/tests/conformance.rs), which
# checks each request and answer against the OpenAPI spec with Stoplight Prism.
#
# Prism is an npm package, pinned in package.json / package-lock.json and installed locally
# (node_modules/, never globally) with `npm ci` when it is missing or the lock file changed.
# Needs Node.js >= 18.20 with npm, and the specs in ../shared/openapi beside the repository.
#
# Extra arguments go to `cargo test`:
#   bash scripts/test.sh -p telnyx-porting-tests --test conformance
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  printf 'scripts/test.sh: %s\n' "$*" >&2
  exit 1
}

for tool in node npm npx; do
  command -v "$tool" >/dev/null 2>&1 ||
    fail "'$tool' is not on PATH. The conformance suite runs Stoplight Prism, an npm package: install Node.js >= 18.20 with npm (e.g. 'apt-get install nodejs npm') and run this again."
done
command -v cargo >/dev/null 2>&1 ||
  fail "'cargo' is not on PATH: this project needs the Rust toolchain pinned in rust-toolchain.toml."

stamp=node_modules/.package-lock.json # written by npm at each install
if [[ ! -x node_modules/.bin/prism || ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
  printf '==> npm ci (Stoplight Prism, pinned in package-lock.json)\n'
  npm ci --no-audit --no-fund ||
    fail "'npm ci' failed: Prism could not be installed from package-lock.json (is the npm registry reachable?)."
fi

printf '==> cargo test --workspace --all-features %s\n' "$*"
exec cargo test --workspace --all-features "$@"
