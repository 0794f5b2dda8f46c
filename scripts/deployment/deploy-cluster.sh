#!/usr/bin/env bash
# Installs or upgrades Switchback on one cluster: writes its secrets into the cluster, runs
# `helm upgrade --install --atomic --wait` (a failed upgrade rolls itself back) and waits for every rollout.
# deploy-cluster.yml runs it for each cluster (staging; production's primary, then its failover);
# deploy-staging.sh runs it for a person.
#
#   scripts/deployment/deploy-cluster.sh CLUSTER COMMIT [--context KUBE_CONTEXT]
#
#   CLUSTER   names deploy/CLUSTER.env: the cluster's identifiers (project, cluster, registry, values file,
#             namespace, Switchback's cluster name and the clusters it switches with)
#   COMMIT    the full commit SHA whose images (IMAGE_REGISTRY/switchback-<service>:COMMIT) to run
#   --context the kubectl context to use; without it, the current context must be GKE's name for the
#             cluster of the file (gke_<GCP_PROJECT>_<GKE_LOCATION>_<GKE_CLUSTER>), so that staging's
#             settings never land on another cluster
#
# Secrets come from the environment and go into the cluster through stdin, never arguments or the log:
#   SWITCHBACK_BUILD_LISTENER_TRUST  the build-listener's trust file (YAML under switchback.build-listener:), required
#   KAFKA_SASL_JAAS_CONFIG, KAFKA_CA_CERT  Kafka's credentials and CA, when the values file uses them
# Needs kubectl and helm.
set -euo pipefail

usage() {
  sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ "$#" -ge 2 ] || usage
cluster="$1"
commit="$2"
shift 2
context=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --context) context="${2:?--context needs a value}"; shift 2 ;;
    *) echo "deploy-cluster: unknown argument '$1'" >&2; usage ;;
  esac
done

cd "$(dirname "$0")/../.."
file="deploy/$cluster.env"
if [ ! -f "$file" ]; then
  known=()
  for f in deploy/*.env; do known+=("$(basename "$f" .env)"); done
  echo "deploy-cluster: no $file; the clusters are: ${known[*]}" >&2
  exit 2
fi
if ! [[ "$commit" =~ ^[0-9a-f]{40}$ ]]; then
  echo "deploy-cluster: COMMIT must be a full 40-character SHA, got '$commit'" >&2
  exit 2
fi

# the file's KEY=value lines, read as data (never sourced)
declare -A config=()
while IFS='=' read -r key value; do
  config["$key"]="$value"
done < <(grep -E '^[A-Z][A-Z0-9_]*=' "$file")
setting() {
  if [ -z "${config[$1]+set}" ]; then
    echo "deploy-cluster: $file has no $1" >&2
    exit 2
  fi
  printf '%s' "${config[$1]}"
}
namespace="$(setting SWITCHBACK_NAMESPACE)"

expected="gke_$(setting GCP_PROJECT)_$(setting GKE_LOCATION)_$(setting GKE_CLUSTER)"
if [ -z "$context" ]; then
  current="$(kubectl config current-context)"
  if [ "$current" != "$expected" ]; then
    echo "deploy-cluster: kubectl's context is '$current', not $cluster's ($expected); get the cluster's credentials" \
      "or name the context with --context" >&2
    exit 1
  fi
  context="$current"
fi
kubectl=(kubectl --context "$context")
helm=(helm --kube-context "$context")

trust="${SWITCHBACK_BUILD_LISTENER_TRUST:-}"
if [ -z "$trust" ]; then
  echo "deploy-cluster: SWITCHBACK_BUILD_LISTENER_TRUST is not set (the build-listener's trust file)" >&2
  exit 1
fi
if ! grep -qE '^switchback(:|\.build-listener:)' <<<"$trust"; then
  echo "deploy-cluster: SWITCHBACK_BUILD_LISTENER_TRUST must be YAML whose top-level key is switchback: (build-listener: ...)" >&2
  exit 1
fi

"${kubectl[@]}" create namespace "$namespace" --dry-run=client -o yaml | "${kubectl[@]}" apply -f -
apply_secret() {
  "${kubectl[@]}" -n "$namespace" create secret generic "$1" --from-file="$2=/dev/stdin" \
    --dry-run=client -o yaml | "${kubectl[@]}" apply -f -
}
printf '%s\n' "$trust" | apply_secret switchback-build-listener-trust trust.yml
# a changed trust file changes the pod template, so the build-listener restarts and reads it
trust_revision="$(printf '%s\n' "$trust" | sha256sum | cut -c1-16)"
if [ -n "${KAFKA_SASL_JAAS_CONFIG:-}" ]; then
  printf '%s' "$KAFKA_SASL_JAAS_CONFIG" | apply_secret switchback-kafka sasl.jaas.config
fi
if [ -n "${KAFKA_CA_CERT:-}" ]; then
  printf '%s\n' "$KAFKA_CA_CERT" | apply_secret switchback-kafka-ca ca.crt
fi

# the clusters this one switches with, comma-separated in the file, as releases.switchWith[i]
followers=()
IFS=',' read -ra names <<<"$(setting SWITCHBACK_SWITCH_WITH)"
for i in "${!names[@]}"; do followers+=(--set "releases.switchWith[$i]=${names[$i]}"); done
# the rollback drill's workload, where the file names its image (staging)
drill=()
drill_image="$(setting SWITCHBACK_DRILL_IMAGE)"
if [ -n "$drill_image" ]; then drill=(--set drillWorkload.enabled=true --set drillWorkload.image="$drill_image"); fi
"${helm[@]}" upgrade --install switchback charts/switchback --namespace "$namespace" \
  --values "$(setting HELM_VALUES)" --set image.registry="$(setting IMAGE_REGISTRY)" --set image.tag="$commit" \
  --set cluster="$(setting SWITCHBACK_CLUSTER)" --set releases.switchAfter="$(setting SWITCHBACK_SWITCH_AFTER)" \
  "${followers[@]}" "${drill[@]}" --set buildListener.trust.revision="$trust_revision" \
  --atomic --wait --timeout 10m --history-max 20

for service in build-listener deployer health-monitor rollback-controller console; do
  "${kubectl[@]}" -n "$namespace" rollout status "deployment/switchback-$service" --timeout=5m
done
"${helm[@]}" -n "$namespace" history switchback --max 3
echo "deploy-cluster: Switchback ${commit:0:7} is running on $cluster ($context)"
