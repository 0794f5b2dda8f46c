#!/usr/bin/env bash
# Signs a JSON body with HMAC-SHA256 and POSTs it to Switchback's build-listener, with bounded retries.
#
#   SWITCHBACK_SIGNING_SECRET=... publish.sh --url https://switchback.example.com --path /v1/builds \
#       --body-file event.json [--max-attempts 5] [--retry-delay 2] [--timeout 10]
#
# The signature is `X-Switchback-Signature-256: sha256=<hex HMAC-SHA256 of the exact body bytes>`, keyed
# with the shared secret. 2xx: prints the answer and exits 0. 5xx or no answer (connection refused,
# timeout): retries up to --max-attempts with exponential backoff. Any other answer (400, 401, ...) is
# final: prints the server's error body and exits 1. The secret comes only from the environment and is
# never printed. Needs bash, openssl and curl.
set -euo pipefail

fail() {
  echo "::error::publish: $*" >&2
  exit 1
}

usage() {
  echo "usage: SWITCHBACK_SIGNING_SECRET=... $0 --url URL --path /v1/... --body-file FILE" \
    "[--max-attempts N] [--retry-delay SECONDS] [--timeout SECONDS]" >&2
  exit 2
}

url="" path="" body_file="" max_attempts=5 retry_delay=2 timeout=10
while [ "$#" -gt 0 ]; do
  [ "$#" -ge 2 ] || usage
  case "$1" in
    --url) url="$2" ;;
    --path) path="$2" ;;
    --body-file) body_file="$2" ;;
    --max-attempts) max_attempts="$2" ;;
    --retry-delay) retry_delay="$2" ;;
    --timeout) timeout="$2" ;;
    *) usage ;;
  esac
  shift 2
done
if [ -z "$url" ] || [ -z "$path" ] || [ -z "$body_file" ]; then usage; fi
[[ "$url" =~ ^https?:// ]] || fail "--url must start with http:// or https://, got '$url'"
[[ "$path" =~ ^/ ]] || fail "--path must start with /, got '$path'"
[ -r "$body_file" ] || fail "--body-file $body_file is not readable"
[[ "$max_attempts" =~ ^[1-9][0-9]*$ ]] || fail "--max-attempts must be a positive integer, got '$max_attempts'"
[[ "$retry_delay" =~ ^[0-9]+$ ]] || fail "--retry-delay must be whole seconds, got '$retry_delay'"
[[ "$timeout" =~ ^[1-9][0-9]*$ ]] || fail "--timeout must be whole seconds, got '$timeout'"

secret="${SWITCHBACK_SIGNING_SECRET:-}"
[ -n "$secret" ] || fail "SWITCHBACK_SIGNING_SECRET is empty: pass the build-listener's HMAC secret"
# curl and everything else started from here must not inherit the secret
unset SWITCHBACK_SIGNING_SECRET

# openssl reads the body from stdin, byte for byte; `-r` prints "<hex> *stdin". The key is an argument of
# this one short-lived process (openssl has no other way to take an HMAC key); on a runner only the job
# itself can list it, and the job holds the secret anyway.
signature="$(openssl dgst -sha256 -hmac "$secret" -r <"$body_file" | cut -d' ' -f1)"
unset secret
[[ "$signature" =~ ^[0-9a-f]{64}$ ]] || fail "openssl did not produce an HMAC-SHA256"

endpoint="${url%/}${path}"
response="$(mktemp)"
trap 'rm -f "$response"' EXIT

attempt=1
delay="$retry_delay"
while :; do
  status="$(curl --silent --show-error --output "$response" --write-out '%{http_code}' \
    --connect-timeout 5 --max-time "$timeout" --request POST \
    --header 'Content-Type: application/json' \
    --header "X-Switchback-Signature-256: sha256=${signature}" \
    --data-binary "@${body_file}" "$endpoint")" || status="000"
  body="$(head -c 4096 "$response")"
  case "$status" in
    2??)
      echo "publish: $endpoint answered HTTP $status: $body"
      if [ -n "${GITHUB_OUTPUT:-}" ]; then
        event_id="$(sed -n 's/.*"eventId"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$response" | head -n 1)"
        { echo "status=$status"; echo "event-id=$event_id"; } >>"$GITHUB_OUTPUT"
      fi
      exit 0
      ;;
    5?? | 000)
      if [ "$status" = "000" ]; then
        echo "publish: attempt $attempt/$max_attempts: no answer from $endpoint"
      else
        echo "publish: attempt $attempt/$max_attempts: $endpoint answered HTTP $status: $body"
      fi
      ;;
    *)
      fail "$endpoint rejected the request with HTTP $status (not retried): $body"
      ;;
  esac
  if [ "$attempt" -ge "$max_attempts" ]; then
    if [ "$status" = "000" ]; then
      fail "gave up after $max_attempts attempts: $endpoint never answered"
    fi
    fail "gave up after $max_attempts attempts; last answer: HTTP $status: $body"
  fi
  sleep "$delay"
  attempt=$((attempt + 1))
  delay=$((delay * 2 > 30 ? 30 : delay * 2))
done
