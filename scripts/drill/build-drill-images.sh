#!/usr/bin/env bash
# Builds and pushes the rollback drill's two images of the drill workload (the sandbox's sample application,
# io.switchback.sandbox.SampleWorkloadMain) with Jib: a healthy one, REGISTRY/switchback-drill:TAG (also tagged
# `healthy`, the image deploy/staging.env starts the chart's drill workload with), and a faulty one,
# REGISTRY/switchback-drill:TAG-FAULT. A container cannot see its own image, so each is built with its reference in
# WORKLOAD_IMAGE: the workload behaves as that tag says (WorkloadBehaviour: errors-50 fails half the requests,
# crash-after-5 crash-loops, ...). rollback-drill.yml runs it; prints healthy=... and faulty=... for $GITHUB_OUTPUT.
#
#   scripts/drill/build-drill-images.sh --registry REGISTRY --tag TAG [--fault errors-50]
set -euo pipefail

registry="" tag="" fault=errors-50
while [ "$#" -gt 0 ]; do
  [ "$#" -ge 2 ] || { echo "usage: $0 --registry REGISTRY --tag TAG [--fault FAULT]" >&2; exit 2; }
  case "$1" in
    --registry) registry="$2" ;;
    --tag) tag="$2" ;;
    --fault) fault="$2" ;;
    *) echo "build-drill-images: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift 2
done
if [ -z "$registry" ] || ! [[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,60}$ ]] || ! [[ "$fault" =~ ^[a-z0-9.-]{1,40}$ ]]; then
  echo "build-drill-images: --registry, an image --tag (e.g. drill-123: no fault word in it) and a --fault are needed" >&2
  exit 2
fi

cd "$(dirname "$0")/../.."
healthy="$registry/switchback-drill:$tag"
faulty="$registry/switchback-drill:$tag-$fault"
./mvnw -B -ntp -pl sandbox -am -DskipTests install >&2
jib() {
  ./mvnw -B -ntp -pl sandbox com.google.cloud.tools:jib-maven-plugin:build -Djib.to.image="$1" \
    -Djib.container.mainClass=io.switchback.sandbox.SampleWorkloadMain \
    -Djib.container.environment="WORKLOAD_IMAGE=$1" "${@:2}" >&2
}
jib "$healthy" -Djib.to.tags=healthy
jib "$faulty"
echo "healthy=$healthy"
echo "faulty=$faulty"
