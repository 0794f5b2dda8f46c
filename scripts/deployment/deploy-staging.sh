#!/usr/bin/env bash
# Ships a commit of Switchback to staging by hand, the way staging-deploy.yml does after CI passed on main:
# builds and pushes the five images (build-all.sh), then installs the chart on staging's cluster
# (deploy-cluster.sh staging). Staging's identifiers are in deploy/staging.env.
#
#   scripts/deployment/deploy-staging.sh [COMMIT] [--context KUBE_CONTEXT] [--no-build]
#
#   COMMIT      the full SHA to ship (default: HEAD, which must be clean and pushed: an image is named by
#               the commit it was built from, so a build of uncommitted work would lie)
#   --context   the kubectl context of staging's cluster (default: gke_<project>_<location>_<cluster>,
#               which `gcloud container clusters get-credentials` creates)
#   --no-build  the images of COMMIT are already in the registry (staging-deploy.yml built them)
#   --skip-tests  build without running the tests (CI already ran them on COMMIT)
#
# Needs: gcloud authenticated as someone allowed to push to the registry and deploy to staging, kubectl,
# helm, a JDK 17+, and SWITCHBACK_BUILD_LISTENER_TRUST (the trust file) in the environment.
set -euo pipefail

usage() {
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

commit=""
build=true
build_options=(--push)
context=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --context) context=(--context "${2:?--context needs a value}"); shift 2 ;;
    --no-build) build=false; shift ;;
    --skip-tests) build_options+=(--skip-tests); shift ;;
    -h | --help) usage ;;
    -*) echo "deploy-staging: unknown argument '$1'" >&2; usage ;;
    *) commit="$1"; shift ;;
  esac
done

here="$(dirname "$0")"
cd "$here/../.."
if [ -z "$commit" ]; then
  if [ -n "$(git status --porcelain)" ]; then
    echo "deploy-staging: the work tree has changes; commit and push them, or name a COMMIT" >&2
    exit 1
  fi
  commit="$(git rev-parse HEAD)"
fi
registry="$(grep -E '^IMAGE_REGISTRY=' deploy/staging.env | cut -d= -f2-)"

if [ "$build" = true ]; then
  gcloud auth configure-docker "${registry%%/*}" --quiet
  git -c advice.detachedHead=false worktree add --force "${TMPDIR:-/tmp}/switchback-$commit" "$commit"
  trap 'git worktree remove --force "${TMPDIR:-/tmp}/switchback-$commit"' EXIT
  "${TMPDIR:-/tmp}/switchback-$commit/scripts/deployment/build-all.sh" --registry "$registry" --tag "$commit" \
    "${build_options[@]}"
fi
scripts/deployment/deploy-cluster.sh staging "$commit" "${context[@]}"
