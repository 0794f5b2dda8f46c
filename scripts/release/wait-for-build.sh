#!/usr/bin/env bash
# Waits until a build's rollout in one environment reaches a phase, as Switchback's status page tells it
# (GET <console>/api/v1/builds/<buildEventId>, docs/status-page.md), and prints that rollout as JSON on stdout.
# The release workflow's load test waits with it for its build to take staging's traffic; the rollback drill
# for its faulty build to be rolled back.
#
#   scripts/release/wait-for-build.sh --console URL --build BUILD_EVENT_ID --environment ENV \
#       --until PHASE[,PHASE...] [--timeout SECONDS] [--interval SECONDS]
#
# The phases: rolling out, switched, breached, stable, rolled back, rollback failed, failed, superseded,
# live again. Exit 0: the rollout reached one of --until. Exit 1: it ended in another final phase (stable,
# rolled back, rollback failed, failed, superseded, live again), which is printed. Exit 3: --timeout passed
# (default 900 s) with no such phase; the last answer is printed. Exit 2: wrong arguments. A 404 (no deployer
# has taken the build yet) and an unreachable console are waited through. Needs curl and jq.
set -euo pipefail

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

console="" build="" environment="" until="" timeout=900 interval=2
while [ "$#" -gt 0 ]; do
  [ "$#" -ge 2 ] || usage
  case "$1" in
    --console) console="${2%/}" ;;
    --build) build="$2" ;;
    --environment) environment="$2" ;;
    --until) until="$2" ;;
    --timeout) timeout="$2" ;;
    --interval) interval="$2" ;;
    *) echo "wait-for-build: unknown argument '$1'" >&2; usage ;;
  esac
  shift 2
done
if [ -z "$console" ] || [ -z "$build" ] || [ -z "$environment" ] || [ -z "$until" ]; then usage; fi
if ! [[ "$timeout" =~ ^[0-9]+$ && "$interval" =~ ^[0-9]+$ ]]; then usage; fi
[[ "$build" =~ ^[A-Za-z0-9._:-]{1,100}$ ]] || { echo "wait-for-build: '$build' is not a build event id" >&2; exit 2; }

final="stable,rolled back,rollback failed,failed,superseded,live again"
deadline=$((SECONDS + timeout))
answer="{}"
phase=""
while :; do
  if answer="$(curl -sS --max-time 10 "$console/api/v1/builds/$build" 2>/dev/null)"; then
    rollout="$(jq -c --arg env "$environment" '[.releases[]? | select(.environment == $env)] | last // empty' \
      <<<"$answer" 2>/dev/null || true)"
    if [ -n "$rollout" ]; then
      now="$(jq -r .phase <<<"$rollout")"
      if [ "$now" != "$phase" ]; then
        echo "wait-for-build: $build in $environment: $now ($(jq -r .outcome <<<"$rollout"))" >&2
        phase="$now"
      fi
      if [[ ",$until," == *",$phase,"* ]]; then
        echo "$rollout"
        exit 0
      fi
      if [[ ",$final," == *",$phase,"* ]]; then
        echo "$rollout"
        echo "wait-for-build: $build ended $phase in $environment, not $until" >&2
        exit 1
      fi
    fi
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "$answer"
    echo "wait-for-build: $build did not reach $until in $environment within ${timeout} s (last: ${phase:-no rollout})" >&2
    exit 3
  fi
  sleep "$interval"
done
