#!/usr/bin/env bash
# Runs every test of the workspace: unit, integration against loopback servers, the trybuild
# compile-fail suite, doctests, and the conformance suite (tests/tests/conformance.rs), which
# checks each request and answer against the OpenAPI spec with Stoplight Prism.
#
# Prism is an npm package, pinned in package.json / package-lock.json and installed locally
# (node_modules/, never globally) with `npm ci` when it is missing or the lock file changed.
# Needs Node.js >= 18.20 with npm, and the specs in ../shared/openapi beside the repository.
#
# The official Telnyx Python SDK, pinned in scripts/python-sdk-requirements.txt, is installed
# into a virtual environment at .venv-sdk/ (never globally) when it is missing or the
# requirements file changed; cli/tests/sandbox_server.rs drives the sandbox with it. Needs
# Python >= 3.9 with the venv module (Debian: 'apt-get install python3-venv').
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
command -v python3 >/dev/null 2>&1 ||
  fail "'python3' is not on PATH. The sandbox tests drive the server with the official Python SDK: install Python >= 3.9 with the venv module (e.g. 'apt-get install python3 python3-venv') and run this again."
command -v cargo >/dev/null 2>&1 ||
  fail "'cargo' is not on PATH: this project needs the Rust toolchain pinned in rust-toolchain.toml."

stamp=node_modules/.package-lock.json # written by npm at each install
if [[ ! -x node_modules/.bin/prism || ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
  printf '==> npm ci (Stoplight Prism, pinned in package-lock.json)\n'
  npm ci --no-audit --no-fund ||
    fail "'npm ci' failed: Prism could not be installed from package-lock.json (is the npm registry reachable?)."
fi

venv=.venv-sdk
requirements=scripts/python-sdk-requirements.txt
venv_stamp=$venv/.installed # touched after each successful install
if [[ ! -x $venv/bin/python || ! -f $venv_stamp || $requirements -nt $venv_stamp ]]; then
  printf '==> pip install -r %s (the official Python SDK, into %s/)\n' "$requirements" "$venv"
  rm -rf "$venv"
  python3 -m venv "$venv" ||
    fail "'python3 -m venv $venv' failed: the venv module is missing (Debian: 'apt-get install python3-venv')."
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" ||
    fail "'pip install -r $requirements' failed: the Python SDK could not be installed (is the PyPI registry reachable?)."
  touch "$venv_stamp"
fi

printf '==> cargo test --workspace --all-features %s\n' "$*"
exec cargo test --workspace --all-features "$@"
