#!/usr/bin/env bash
# Builds Switchback's images with Jib: the four services and the console, each tagged with the commit it was
# built from. staging-deploy.yml runs it once per service (--service, --push); a person runs it to build them all.
#
#   scripts/deployment/build-all.sh --registry REGISTRY --tag TAG [--service NAME]... [--push] [--skip-tests]
#
#   --registry  where the images go: REGISTRY/switchback-<service>:TAG (deploy/<cluster>.env's IMAGE_REGISTRY)
#   --tag       the image tag; Switchback's workflows use the full commit SHA (default: git rev-parse HEAD)
#   --service   one of build-listener, deployer, health-monitor, rollback-controller, console; repeatable;
#               none = all five
#   --push      push to the registry (jib:build; needs `gcloud auth configure-docker` or a docker login);
#               without it each image is written to <service>/target/jib-image.tar (jib:buildTar), no
#               registry and no Docker engine needed, only the base image's registry
#   --skip-tests  build the jars without running the tests (CI already ran them on this commit)
#
# Jib's version and settings (base image, user, JVM flags) come from the parent pom's pluginManagement.
set -euo pipefail

SERVICES=(build-listener deployer health-monitor rollback-controller console)

usage() {
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

registry=""
tag=""
push=false
skip_tests=false
services=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --registry) registry="${2:?--registry needs a value}"; shift 2 ;;
    --tag) tag="${2:?--tag needs a value}"; shift 2 ;;
    --service) services+=("${2:?--service needs a value}"); shift 2 ;;
    --push) push=true; shift ;;
    --skip-tests) skip_tests=true; shift ;;
    -h | --help) usage ;;
    *) echo "build-all: unknown argument '$1'" >&2; usage ;;
  esac
done

cd "$(dirname "$0")/../.."
[ -n "$registry" ] || { echo "build-all: --registry is required (e.g. the IMAGE_REGISTRY of deploy/staging.env)" >&2; exit 2; }
[ -n "$tag" ] || tag="$(git rev-parse HEAD)"
if ! [[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then
  echo "build-all: '$tag' is not a valid image tag" >&2
  exit 2
fi
[ "${#services[@]}" -gt 0 ] || services=("${SERVICES[@]}")
for service in "${services[@]}"; do
  if ! printf '%s\n' "${SERVICES[@]}" | grep -qx -- "$service"; then
    echo "build-all: unknown service '$service'; the services are ${SERVICES[*]}" >&2
    exit 2
  fi
done

modules="$(IFS=,; echo "${services[*]}")"
install=(./mvnw -B -ntp -pl "$modules" -am install)
if [ "$skip_tests" = true ]; then
  install+=(-DskipTests)
fi
echo "build-all: ${install[*]}"
"${install[@]}"

goal=buildTar
[ "$push" = true ] && goal=build
for service in "${services[@]}"; do
  image="$registry/switchback-$service:$tag"
  echo "build-all: $service -> $image ($goal)"
  ./mvnw -B -ntp -pl "$service" "com.google.cloud.tools:jib-maven-plugin:$goal" -Djib.to.image="$image"
done
