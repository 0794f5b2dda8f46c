#!/usr/bin/env bash
# Prints the JSON body of a build event, a rollback command or a verification result for the build-listener,
# on one line.
#
#   event-body.sh build --service S --image I --commit C --branch B --repository OWNER/NAME \
#       --workflow-run-id N --run-attempt A --conclusion success
#   event-body.sh rollback --environment E --service S --reason TEXT [--requested-by LOGIN]
#   event-body.sh verification --environment E --service S --build-event-id ID --check NAME \
#       --outcome passed|failed [--summary TEXT] [--url URL]
#
# A command's requestedBy is optional: the build-listener fills it from the operator credential that signed
# the request and ignores a value in the body.
# jq builds the JSON, so any text (a branch name, a reason with quotes or newlines) is escaped correctly.
set -euo pipefail

fail() {
  echo "::error::event-body: $*" >&2
  exit 1
}

kind="${1:-}"
[ "$#" -gt 0 ] && shift
declare -A arg=()
while [ "$#" -gt 0 ]; do
  [ "$#" -ge 2 ] || fail "option $1 has no value"
  [[ "$1" =~ ^--[a-z-]+$ ]] || fail "unexpected argument '$1'"
  arg["${1#--}"]="$2"
  shift 2
done

# require "REQUIRED ..." ["OPTIONAL ..."]: every required option is given, and no option outside both lists
require() {
  local name
  for name in $1; do
    [ -n "${arg[$name]:-}" ] || fail "--$name is required for a $kind body"
  done
  for name in "${!arg[@]}"; do
    [[ " $1 ${2:-} " == *" $name "* ]] || fail "unknown option --$name for a $kind body"
  done
}

case "$kind" in
  build)
    require "service image commit branch repository workflow-run-id run-attempt conclusion"
    [[ "${arg[workflow-run-id]}" =~ ^(0|[1-9][0-9]{0,18})$ ]] ||
      fail "--workflow-run-id must be a number, got '${arg[workflow-run-id]}'"
    [[ "${arg[run-attempt]}" =~ ^[1-9][0-9]{0,8}$ ]] ||
      fail "--run-attempt must be a number from 1, got '${arg[run-attempt]}'"
    jq -n -c \
      --arg service "${arg[service]}" --arg image "${arg[image]}" --arg commit "${arg[commit]}" \
      --arg branch "${arg[branch]}" --arg repository "${arg[repository]}" \
      --argjson workflowRunId "${arg[workflow-run-id]}" --argjson runAttempt "${arg[run-attempt]}" \
      --arg conclusion "${arg[conclusion]}" \
      '{service: $service, image: $image, commit: $commit, branch: $branch, repository: $repository,
        workflowRunId: $workflowRunId, runAttempt: $runAttempt, conclusion: $conclusion}'
    ;;
  rollback)
    require "environment service reason" "requested-by"
    jq -n -c \
      --arg environment "${arg[environment]}" --arg service "${arg[service]}" \
      --arg reason "${arg[reason]}" --arg requestedBy "${arg[requested-by]:-}" \
      '{environment: $environment, service: $service, reason: $reason}
        + (if $requestedBy == "" then {} else {requestedBy: $requestedBy} end)'
    ;;
  verification)
    require "environment service build-event-id check outcome" "summary url"
    [[ "${arg[outcome]}" =~ ^(passed|failed)$ ]] || fail "--outcome must be passed or failed, got '${arg[outcome]}'"
    jq -n -c \
      --arg environment "${arg[environment]}" --arg service "${arg[service]}" \
      --arg buildEventId "${arg[build-event-id]}" --arg check "${arg[check]}" --arg outcome "${arg[outcome]}" \
      --arg summary "${arg[summary]:-}" --arg url "${arg[url]:-}" \
      '{environment: $environment, service: $service, buildEventId: $buildEventId, check: $check,
        outcome: $outcome}
        + (if $summary == "" then {} else {summary: $summary} end) + (if $url == "" then {} else {url: $url} end)'
    ;;
  *)
    fail "first argument must be 'build', 'rollback' or 'verification', got '$kind'"
    ;;
esac
