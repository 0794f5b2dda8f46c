#!/usr/bin/env bash
# Runs a service's tests with a line-coverage gate, the way Switchback's release runs them:
#
#   scripts/release/test-with-coverage.sh LANGUAGE THRESHOLD
#
# in the service's directory. LANGUAGE is python, typescript or rust; THRESHOLD the minimum line
# coverage in percent (0-100, decimals allowed). Exits 0 when the tests pass with enough coverage;
# 1 when a test fails or the coverage is below THRESHOLD; 2 on a bad argument; 3, with one line saying
# what to install, when the language's toolchain is missing (callers may skip on 3 locally, not in CI).
#
#   python      python3 -m pytest --cov --cov-report=term-missing --cov-fail-under=THRESHOLD
#               (pytest-cov; set PYTHON for another interpreter; the service's pyproject.toml says what
#               --cov measures)
#   typescript  npm ci, then npx jest --ci --coverage --coverageThreshold={"global":{"lines":THRESHOLD}}
#   rust        cargo test built with -C instrument-coverage, its profiles merged by llvm-profdata and
#               measured by llvm-cov (no cargo-llvm-cov needed). Needs a rustc with its profiler runtime
#               (rustup's; on Debian 12 rustc-web, not rustc 1.63) and the LLVM tools of rustc's LLVM
#               version: rustup's llvm-tools-preview component, or llvm-profdata-N/llvm-cov-N for LLVM N
#               (Debian 12: the llvm-N of rustc-web's LLVM, which `rustc --version --verbose` names).
#               CARGO_NET_OFFLINE=true keeps cargo off the network.
#
# Called by the reusable workflow .github/workflows/service-release.yml (its test job) and by the
# delivery-checks test ExampleServicesIT, which runs it on examples/{python,typescript,rust}.
set -euo pipefail

usage() {
  echo "usage: $0 python|typescript|rust THRESHOLD (minimum line coverage, 0-100)" >&2
  exit 2
}

[ "$#" -eq 2 ] || usage
language=$1
threshold=$2

if ! [[ "$threshold" =~ ^[0-9]+([.][0-9]+)?$ ]] || ! awk -v t="$threshold" 'BEGIN { exit !(t <= 100) }'; then
  echo "error: THRESHOLD must be a number from 0 to 100, got '$threshold'" >&2
  exit 2
fi

# Prints one field of the JSON on stdin (a jq path such as .a[0].b); jq where installed, else python3.
json_field() {
  if command -v jq >/dev/null 2>&1; then
    jq -r "$1"
  else
    python3 -c '
import functools, json, re, sys
path = re.findall(r"\.(\w+)|\[(\d+)\]", sys.argv[1])
value = functools.reduce(lambda v, p: v[int(p[1])] if p[1] else v[p[0]], path, json.load(sys.stdin))
print(value)' "$1"
  fi
}

# The executables of cargo's JSON messages on stdin that are test binaries, one a line.
test_executables() {
  if command -v jq >/dev/null 2>&1; then
    jq -r 'select(.reason == "compiler-artifact" and .profile.test and .executable != null) | .executable'
  else
    python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line) if line.startswith("{") else {}
    if message.get("reason") == "compiler-artifact" and message["profile"]["test"] and message.get("executable"):
        print(message["executable"])'
  fi
}

# Exits 3 with what to install unless every command named is on the PATH.
require() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "error: $tool not found: install the $language toolchain ($*)" >&2
      exit 3
    fi
  done
}

# The LLVM major version a tool reports (`llvm-cov --version`), empty if none.
llvm_major() {
  "$@" 2>/dev/null | sed -n 's/.*LLVM version \([0-9][0-9]*\).*/\1/p' | head -n 1
}

# Checks that rustc can instrument (its profiler runtime, which Debian's rustc 1.63 lacks), then finds
# llvm-profdata and llvm-cov for rustc's LLVM: rustup's llvm-tools-preview, then llvm-*-<major> (Debian
# and Ubuntu's packages), then plain llvm-* if their version matches. Sets profdata and llvm_cov.
find_llvm_tools() {
  local rustc=${RUSTC:-rustc} sysroot host major bin
  require cargo "$rustc"
  sysroot=$("$rustc" --print sysroot)
  host=$("$rustc" -vV | sed -n 's/^host: //p')
  major=$("$rustc" -vV | sed -n 's/^LLVM version: \([0-9][0-9]*\).*/\1/p')
  if ! compgen -G "$sysroot/lib/rustlib/$host/lib/libprofiler_builtins-*" >/dev/null; then
    echo "error: $rustc $("$rustc" --version | cut -d' ' -f2) has no profiler runtime (profiler_builtins) for -C instrument-coverage: use rustup's toolchain, or Debian 12's rustc-web and cargo-web with the llvm-N of its LLVM" >&2
    exit 3
  fi
  bin="$sysroot/lib/rustlib/$host/bin"
  if [ -x "$bin/llvm-profdata" ] && [ -x "$bin/llvm-cov" ]; then
    profdata="$bin/llvm-profdata"
    llvm_cov="$bin/llvm-cov"
  elif [ -n "$major" ] && command -v "llvm-profdata-$major" >/dev/null && command -v "llvm-cov-$major" >/dev/null; then
    profdata="llvm-profdata-$major"
    llvm_cov="llvm-cov-$major"
  elif [ -n "$major" ] && [ "$(llvm_major llvm-profdata merge --version)" = "$major" ] &&
    [ "$(llvm_major llvm-cov --version)" = "$major" ]; then
    profdata=llvm-profdata
    llvm_cov=llvm-cov
  else
    echo "error: no llvm-profdata/llvm-cov for rustc's LLVM ${major:-?} ($rustc $("$rustc" --version | cut -d' ' -f2)): run 'rustup component add llvm-tools-preview' or install llvm-profdata-${major:-N} and llvm-cov-${major:-N}" >&2
    exit 3
  fi
}

# Removed on exit: the raw and merged profiles of a rust run.
profiles=""
cleanup() {
  if [ -n "$profiles" ]; then rm -rf "$profiles"; fi
}
trap cleanup EXIT

run_rust() {
  local profdata llvm_cov percent ignore here
  local -a executables objects
  find_llvm_tools
  echo "==> rust: cargo test with line coverage >= $threshold% ($profdata, $llvm_cov)"

  # Instrumented builds go to their own target directory, so they do not invalidate the usual one.
  export CARGO_TARGET_DIR="$PWD/target/coverage"
  export RUSTFLAGS="${RUSTFLAGS:-} -C instrument-coverage"
  mkdir -p "$CARGO_TARGET_DIR"
  profiles=$(mktemp -d "$CARGO_TARGET_DIR/profiles.XXXXXX")
  export LLVM_PROFILE_FILE="$profiles/%p-%m.profraw"

  # Build and run the tests, then ask cargo (nothing left to build) which binaries they were.
  cargo test --workspace --all-features
  mapfile -t executables < <(cargo test --workspace --all-features --no-run --message-format=json | test_executables)
  if [ "${#executables[@]}" -eq 0 ]; then
    echo "error: cargo reported no test binaries" >&2
    exit 1
  fi
  "$profdata" merge -sparse -o "$profiles/merged.profdata" "$profiles"/*.profraw
  objects=()
  for executable in "${executables[@]}"; do
    objects+=(-object "$executable")
  done

  # Measured: the service's own sources, src/ and the unit tests in them. Left out, as cargo-llvm-cov
  # leaves them out: dependencies (~/.cargo/registry, ~/.cargo/git), the standard library (/rustc/<hash> in
  # rustup's builds, /usr/src/rustc-* in Debian's, rustup's toolchains), files generated under target/,
  # and the integration tests in tests/ (they still run and cover src/).
  here=$(printf '%s' "$PWD" | sed 's/[][\\.*^$?+(){}|]/\\&/g')
  ignore="/\\.cargo/(registry|git)/|/rustc/[0-9a-f]+/|/usr/src/rustc-[0-9][^/]*/|/\\.rustup/toolchains/|^$here/(target|tests)/"
  "$llvm_cov" report --instr-profile="$profiles/merged.profdata" --ignore-filename-regex="$ignore" "${objects[@]}"
  percent=$("$llvm_cov" export --summary-only --format=text --instr-profile="$profiles/merged.profdata" \
    --ignore-filename-regex="$ignore" "${objects[@]}" | json_field '.data[0].totals.lines.percent')

  if awk -v p="$percent" -v t="$threshold" 'BEGIN { exit !(p + 0 >= t + 0) }'; then
    awk -v p="$percent" -v t="$threshold" 'BEGIN { printf "Line coverage %.2f%% (threshold %s%%)\n", p, t }'
  else
    awk -v p="$percent" -v t="$threshold" \
      'BEGIN { printf "error: line coverage %.2f%% is below the threshold of %s%%\n", p, t }' >&2
    exit 1
  fi
}

case "$language" in
  python)
    if ! "${PYTHON:-python3}" -c 'import pytest, pytest_cov' >/dev/null 2>&1; then
      echo "error: ${PYTHON:-python3} has no pytest and pytest-cov: install them (pip install pytest pytest-cov)" >&2
      exit 3
    fi
    echo "==> python: pytest with line coverage >= $threshold%"
    "${PYTHON:-python3}" -m pytest --cov --cov-report=term-missing --cov-fail-under="$threshold"
    ;;
  typescript)
    require node npm npx
    echo "==> typescript: Jest with line coverage >= $threshold%"
    npm ci
    npx jest --ci --coverage --coverageThreshold="{\"global\":{\"lines\":$threshold}}"
    ;;
  rust)
    run_rust
    ;;
  *)
    echo "error: LANGUAGE must be python, typescript or rust, got '$language'" >&2
    exit 2
    ;;
esac
