#!/usr/bin/env bash
# The load gate: runs a k6 load test against a service in staging and reports the result to Switchback as the
# verification `load-test` of the build, which production's promotion waits for (switchback.deployer.verifications).
# service-release.yml runs it once its build took staging's traffic.
#
#   SWITCHBACK_SIGNING_SECRET=<the operator's secret> scripts/release/load-gate.sh --url BUILD_LISTENER_URL \
#       --credential OPERATOR --service NAME --build-event-id ID --target STAGING_URL [--script FILE] \
#       [--environment staging] [--check load-test] [--vus 1000] [--p95-ms 100] [--duration 1m] [--path /] \
#       [--report-url URL]
#
#   --credential  an operator of the build-listener's trust file (a verification is a command); give it
#                 `commands: [verification]` and `environments: [staging]`, nothing more
#   --script      the k6 script (default scripts/load/service-load-test.js, the seed's 1,000 users, p95 < 100 ms)
#   --report-url  where the run's report is (the workflow run), recorded with the result
#
# The verdict is k6's: its thresholds crossed (exit 99) is `failed`, as is a k6 that could not run; both exit 1
# once reported. The figures (p95, error rate, requests) go into the result's summary and the job summary
# ($GITHUB_STEP_SUMMARY) when there is one. Needs k6, bash, curl, jq and openssl.
set -euo pipefail

usage() {
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

here="$(cd "$(dirname "$0")/../.." && pwd)"
url="" credential="" service="" build="" target="" script="$here/scripts/load/service-load-test.js"
environment=staging check=load-test vus=1000 p95=100 duration=1m path=/ report_url=""
while [ "$#" -gt 0 ]; do
  [ "$#" -ge 2 ] || usage
  case "$1" in
    --url) url="$2" ;;
    --credential) credential="$2" ;;
    --service) service="$2" ;;
    --build-event-id) build="$2" ;;
    --target) target="$2" ;;
    --script) script="$2" ;;
    --environment) environment="$2" ;;
    --check) check="$2" ;;
    --vus) vus="$2" ;;
    --p95-ms) p95="$2" ;;
    --duration) duration="$2" ;;
    --path) path="$2" ;;
    --report-url) report_url="$2" ;;
    *) echo "load-gate: unknown argument '$1'" >&2; usage ;;
  esac
  shift 2
done
for required in url credential service build target; do
  [ -n "${!required}" ] || { echo "load-gate: --${required/build/build-event-id} is required" >&2; usage; }
done
[ -f "$script" ] || { echo "load-gate: no k6 script at $script" >&2; exit 2; }
command -v k6 >/dev/null 2>&1 || { echo "load-gate: k6 is not installed" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

set +e
k6 run --quiet --summary-export "$work/summary.json" -e TARGET_URL="$target" -e TARGET_PATH="$path" \
  -e VUS="$vus" -e P95_MS="$p95" -e DURATION="$duration" "$script" >&2
k6_exit=$?
set -e

if [ -s "$work/summary.json" ]; then
  figures="$(jq -r --arg p95 "$p95" --arg vus "$vus" '.metrics as $m
    | "p95 \($m.http_req_duration["p(95)"] | . * 10 | round / 10) ms (threshold \($p95) ms), errors \(($m.http_req_failed.value // 0) * 10000 | round / 100)%, \($m.http_reqs.count // 0) requests at \($vus) users"' \
    "$work/summary.json")"
else
  figures="no figures"
fi
case "$k6_exit" in
  0) outcome=passed ;;
  99) outcome=failed ;;
  *) outcome=failed; figures="k6 exited $k6_exit before it measured: $figures" ;;
esac
echo "load-gate: $check $outcome: $figures" >&2

bash "$here/.github/actions/publish-build-event/event-body.sh" verification --environment "$environment" \
  --service "$service" --build-event-id "$build" --check "$check" --outcome "$outcome" --summary "$figures" \
  ${report_url:+--url "$report_url"} >"$work/verification.json"
GITHUB_OUTPUT="$work/published" bash "$here/.github/actions/publish-build-event/publish.sh" --url "$url" \
  --path /v1/commands/verification --body-file "$work/verification.json" --credential "$credential" >&2

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "### Load gate: $service in $environment: $outcome"
    echo
    echo "$figures. Reported to Switchback as \`$check\` of build \`$build\`."
  } >>"$GITHUB_STEP_SUMMARY"
fi
[ "$outcome" = passed ]
