#!/usr/bin/env bash
# The rollback drill: ships a deliberately faulty build through the real build path and checks that Switchback
# rolls it back within the RTO. "Rollback procedures must be validated in staging": rollback-drill.yml runs it
# against staging every week; delivery-checks' drill test runs it against the sandbox first.
#
#   SWITCHBACK_SIGNING_SECRET=... scripts/drill/rollback-drill.sh --url BUILD_LISTENER_URL --console STATUS_PAGE_URL \
#       --credential OWNER/REPO --service NAME --image FAULTY_IMAGE [--healthy-image IMAGE] \
#       [--environment staging] [--rto SECONDS] [--timeout SECONDS]
#
#   --url          the build-listener the build event goes to, as a pipeline's does (signed with the secret of
#                  --credential, a sender the trust file lets deploy --service from the image's registry)
#   --console      Switchback's status page: its build API says when the traffic switched and was restored
#   --image        an image of --service whose pods fail (the drill workload built with a fault)
#   --healthy-image  first ship this one and wait until it took the traffic, so that the rollback has a known
#                  good release to return to (the drill's own, not whatever ran before)
#   --rto          the recovery time objective, seconds (default 60): the drill fails past it
#   --timeout      how long to wait for the rollback at all (default 600 s)
#
# It measures the RTO from the moment the faulty release took the traffic (its switch) to the moment the traffic
# was restored (rollback.completed): the fault cannot start before the switch, so this bounds onset -> restored
# from above. Prints the figures, adds them to the job summary ($GITHUB_STEP_SUMMARY) when there is one, and
# exits 0 within the RTO, 1 past it or when the release was not rolled back (stable, failed, ...), 3 when nothing
# was rolled back within --timeout. Needs bash, curl, jq, openssl and GNU date.
set -euo pipefail

usage() {
  sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

url="" console="" credential="" service="" image="" healthy="" environment=staging rto=60 timeout=600
while [ "$#" -gt 0 ]; do
  [ "$#" -ge 2 ] || usage
  case "$1" in
    --url) url="$2" ;;
    --console) console="$2" ;;
    --credential) credential="$2" ;;
    --service) service="$2" ;;
    --image) image="$2" ;;
    --healthy-image) healthy="$2" ;;
    --environment) environment="$2" ;;
    --rto) rto="$2" ;;
    --timeout) timeout="$2" ;;
    *) echo "drill: unknown argument '$1'" >&2; usage ;;
  esac
  shift 2
done
for required in url console credential service image; do
  [ -n "${!required}" ] || { echo "drill: --$required is required" >&2; usage; }
done
if ! [[ "$rto" =~ ^[0-9]+$ && "$timeout" =~ ^[0-9]+$ ]]; then usage; fi

here="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Sends the build event a pipeline sends for IMAGE and prints the eventId the build-listener answered with. Each
# build is one of its own: a fresh commit and run id (the same run and attempt of a repository deploy once).
ship() {
  local commit
  commit="$(printf 'drill %s %s' "$1" "$(date +%s%N)" | sha1sum | cut -c1-40)"
  rm -f "$work/published"
  bash "$here/.github/actions/publish-build-event/event-body.sh" build --service "$service" --image "$1" \
    --commit "$commit" --branch main --repository "$credential" --workflow-run-id "$(date +%s%3N)" \
    --run-attempt 1 --conclusion success >"$work/build.json"
  GITHUB_OUTPUT="$work/published" bash "$here/.github/actions/publish-build-event/publish.sh" --url "$url" \
    --path /v1/builds --body-file "$work/build.json" --credential "$credential" >&2
  sed -n 's/^event-id=//p' "$work/published"
}

if [ -n "$healthy" ]; then
  build="$(ship "$healthy")"
  echo "drill: healthy build $build ($healthy) sent; waiting for it to take the traffic in $environment" >&2
  if ! bash "$here/scripts/release/wait-for-build.sh" --console "$console" --build "$build" \
    --environment "$environment" --until "switched,stable" --timeout "$timeout" --interval 1 >/dev/null; then
    echo "drill: FAILED: the healthy build never took the traffic, so there was nothing to roll back to" >&2
    exit 1
  fi
fi
build="$(ship "$image")"
[ -n "$build" ] || { echo "drill: the build-listener answered without an eventId" >&2; exit 1; }
echo "drill: faulty build $build ($image) sent; waiting for its rollback in $environment" >&2

set +e
rollout="$(bash "$here/scripts/release/wait-for-build.sh" --console "$console" --build "$build" \
  --environment "$environment" --until "rolled back" --timeout "$timeout" --interval 1)"
waited=$?
set -e
if [ "$waited" -ne 0 ]; then
  echo "drill: FAILED: the faulty build was not rolled back ($rollout)" >&2
  exit "$waited"
fi

millis() { date -u -d "$1" +%s%3N; }
switched="$(jq -r .switchedAt <<<"$rollout")"
breached="$(jq -r '.breachedAt // empty' <<<"$rollout")"
restored="$(jq -r .restoredAt <<<"$rollout")"
recovery=$(($(millis "$restored") - $(millis "$switched")))
detection=""
[ -n "$breached" ] && detection=$(($(millis "$breached") - $(millis "$switched")))
verdict="within"
[ "$recovery" -le $((rto * 1000)) ] || verdict="OVER"
line="drill: $(jq -r .deploymentId <<<"$rollout") rolled back; RTO (switch -> traffic restored) ${recovery} ms, $verdict the ${rto} s objective${detection:+; switch -> breach ${detection} ms}"
echo "$line" >&2
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "### Rollback drill: $service in $environment"
    echo
    echo "| faulty image | release | switch -> breach | switch -> traffic restored (RTO) | objective |"
    echo "|---|---|---|---|---|"
    echo "| \`$image\` | $(jq -r .deploymentId <<<"$rollout") | ${detection:-?} ms | **${recovery} ms** | ${rto} s ($verdict) |"
  } >>"$GITHUB_STEP_SUMMARY"
fi
jq -c --argjson rto "$recovery" '. + {rtoMillis: $rto}' <<<"$rollout"
[ "$verdict" = "within" ]
