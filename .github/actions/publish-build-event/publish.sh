#!/usr/bin/env bash
# Signs a JSON body and POSTs it to Switchback's build-listener, with bounded retries.
#
#   SWITCHBACK_SIGNING_SECRET=... publish.sh --url https://switchback.example.com --path /v1/builds \
#       --body-file event.json --credential acme/checkout [--delivery ID] [--max-attempts 5] \
#       [--retry-delay 2] [--max-wait 60] [--timeout 10]
#   publish.sh --auth oidc --url ... --path /v1/builds --body-file event.json   (in a GitHub Actions job
#       with `permissions: id-token: write`)
#
# --auth hmac (default): every attempt sends
#   X-Switchback-Credential: <--credential, default $SWITCHBACK_CREDENTIAL>  (a repository owner/name for a
#                            build sender, an operator's identity for a command)
#   X-Switchback-Delivery:   <id>, one per invocation, the same on every retry (the server deduplicates it)
#   X-Switchback-Timestamp:  <unix seconds>, fresh on every attempt (the server refuses one outside its skew)
#   X-Switchback-Signature-256: sha256=<hex HMAC-SHA256 of "<timestamp>.<delivery>." + the exact body bytes>
# keyed with the credential's secret from $SWITCHBACK_SIGNING_SECRET.
# --auth oidc: `Authorization: Bearer <GitHub Actions OIDC token, audience --audience (default switchback)>`
# and X-Switchback-Delivery; a fresh token on every attempt, no secret needed.
#
# 2xx succeeds (202 accepted; 200 duplicate: an earlier attempt of this delivery was accepted, nothing is
# written again). 429, 5xx or no answer is retried up to --max-attempts, after the server's Retry-After
# when it sends one (at most --max-wait seconds), else with exponential backoff. Any other answer (400,
# 401, 403, 413, ...) is final: prints the server's error and exits 1. Secrets and tokens come only from
# the environment, reach curl only through file descriptors, and are never printed. Needs bash, openssl,
# curl (and jq with --auth oidc).
set -euo pipefail

fail() {
  echo "::error::publish: $*" >&2
  exit 1
}

usage() {
  echo "usage: SWITCHBACK_SIGNING_SECRET=... $0 --url URL --path /v1/... --body-file FILE --credential ID" \
    "[--auth hmac|oidc] [--audience AUD] [--delivery ID] [--max-attempts N] [--retry-delay SECONDS]" \
    "[--max-wait SECONDS] [--timeout SECONDS]" >&2
  exit 2
}

url="" path="" body_file="" auth=hmac audience=switchback delivery=""
credential="${SWITCHBACK_CREDENTIAL:-}"
max_attempts=5 retry_delay=2 max_wait=60 timeout=10
while [ "$#" -gt 0 ]; do
  [ "$#" -ge 2 ] || usage
  case "$1" in
    --url) url="$2" ;;
    --path) path="$2" ;;
    --body-file) body_file="$2" ;;
    --auth) auth="$2" ;;
    --credential) credential="$2" ;;
    --audience) audience="$2" ;;
    --delivery) delivery="$2" ;;
    --max-attempts) max_attempts="$2" ;;
    --retry-delay) retry_delay="$2" ;;
    --max-wait) max_wait="$2" ;;
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
[[ "$max_wait" =~ ^[0-9]+$ ]] || fail "--max-wait must be whole seconds, got '$max_wait'"
[[ "$timeout" =~ ^[1-9][0-9]*$ ]] || fail "--timeout must be whole seconds, got '$timeout'"

secret="${SWITCHBACK_SIGNING_SECRET:-}"
# curl and everything else started from here must not inherit the secret
unset SWITCHBACK_SIGNING_SECRET
case "$auth" in
  hmac)
    [ -n "$secret" ] || fail "SWITCHBACK_SIGNING_SECRET is empty: pass the secret of credential '$credential'"
    [ -n "$credential" ] ||
      fail "no credential: pass --credential (a repository owner/name, or an operator's identity) or set SWITCHBACK_CREDENTIAL"
    [[ "$credential" =~ ^[A-Za-z0-9._@-]+(/[A-Za-z0-9._-]+)?$ ]] ||
      fail "--credential must be owner/name or an identity without spaces, got '$credential'"
    ;;
  oidc)
    command -v jq >/dev/null || fail "--auth oidc needs jq"
    if [ -z "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ] || [ -z "${ACTIONS_ID_TOKEN_REQUEST_TOKEN:-}" ]; then
      fail "--auth oidc: no GitHub Actions OIDC token can be requested; the job needs 'permissions: id-token: write'"
    fi
    [[ "$audience" =~ ^[A-Za-z0-9._:/-]+$ ]] || fail "--audience must be a plain word or URL, got '$audience'"
    ;;
  *) fail "--auth must be hmac or oidc, got '$auth'" ;;
esac

# one delivery per invocation: every retry carries it, so the server accepts the event at most once
if [ -z "$delivery" ]; then
  delivery="$(openssl rand -hex 16)"
  if [ -n "${GITHUB_RUN_ID:-}" ]; then delivery="gh-${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT:-1}-${delivery}"; fi
fi
[[ "$delivery" =~ ^[A-Za-z0-9._:-]{8,128}$ ]] || fail "--delivery must match [A-Za-z0-9._:-]{8,128}, got '$delivery'"

# prints the signature of one attempt. openssl reads the signed bytes from stdin; `-r` prints "<hex> *stdin".
# The key is an argument of this one short-lived process (openssl has no other way to take an HMAC key);
# on a runner only the job itself can list it, and the job holds the secret anyway.
sign() {
  local signature
  signature="$({ printf '%s.%s.' "$1" "$delivery"; cat -- "$body_file"; } |
    openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"
  [[ "$signature" =~ ^[0-9a-f]{64}$ ]] || fail "openssl did not produce an HMAC-SHA256"
  echo "$signature"
}

# prints a GitHub Actions OIDC token for the audience; the request token reaches curl through a pipe
oidc_token() {
  local separator='?' token
  if [[ "$ACTIONS_ID_TOKEN_REQUEST_URL" == *\?* ]]; then separator='&'; fi
  token="$(curl --silent --show-error --fail --retry 2 --connect-timeout 5 --max-time "$timeout" \
    --header @<(printf 'Authorization: bearer %s\n' "$ACTIONS_ID_TOKEN_REQUEST_TOKEN") \
    "${ACTIONS_ID_TOKEN_REQUEST_URL}${separator}audience=${audience}" | jq -r '.value // empty')" ||
    fail "could not get a GitHub Actions OIDC token (audience $audience)"
  [ -n "$token" ] || fail "the GitHub Actions OIDC token answer had no value (audience $audience)"
  echo "$token"
}

# sets $signed: the authentication headers of one attempt, one per line, for curl's --header @file
sign_attempt() {
  local token timestamp signature
  if [ "$auth" = oidc ]; then
    token="$(oidc_token)"
    # GitHub masks it in the log should anything ever print it
    if [ "${GITHUB_ACTIONS:-}" = "true" ]; then echo "::add-mask::$token"; fi
    signed="Authorization: Bearer $token"
  else
    timestamp="$(date +%s)"
    signature="$(sign "$timestamp")"
    signed="X-Switchback-Credential: $credential"$'\n'"X-Switchback-Timestamp: $timestamp"
    signed+=$'\n'"X-Switchback-Signature-256: sha256=$signature"
  fi
}

endpoint="${url%/}${path}"
response="$(mktemp)"
headers="$(mktemp)"
trap 'rm -f "$response" "$headers"' EXIT
if [ "$auth" = oidc ]; then
  echo "publish: delivery $delivery to $endpoint with a GitHub Actions OIDC token (audience $audience)"
else
  echo "publish: delivery $delivery to $endpoint signed for credential $credential"
fi

attempt=1
delay="$retry_delay"
while :; do
  sign_attempt
  : >"$headers"
  status="$(curl --silent --show-error --output "$response" --dump-header "$headers" --write-out '%{http_code}' \
    --connect-timeout 5 --max-time "$timeout" --request POST \
    --header 'Content-Type: application/json' \
    --header "X-Switchback-Delivery: ${delivery}" \
    --header @<(printf '%s\n' "$signed") \
    --data-binary "@${body_file}" "$endpoint")" || status="000"
  body="$(head -c 4096 "$response")"
  case "$status" in
    2??)
      echo "publish: $endpoint answered HTTP $status: $body"
      if [ "$status" = "200" ] && [[ "$body" == *'"duplicate"'* ]]; then
        echo "publish: delivery $delivery had already been accepted; nothing was written again"
      fi
      if [ -n "${GITHUB_OUTPUT:-}" ]; then
        event_id="$(sed -n 's/.*"eventId"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$response" | head -n 1)"
        { echo "status=$status"; echo "event-id=$event_id"; echo "delivery=$delivery"; } >>"$GITHUB_OUTPUT"
      fi
      exit 0
      ;;
    429 | 5?? | 000)
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
  wait_for="$delay"
  retry_after="$(tr -d '\r' <"$headers" | sed -n 's/^[Rr][Ee][Tt][Rr][Yy]-[Aa][Ff][Tt][Ee][Rr]:[[:space:]]*\([0-9]\{1,6\}\)[[:space:]]*$/\1/p' | tail -n 1)"
  if [ -n "$retry_after" ]; then
    wait_for=$((10#$retry_after > max_wait ? max_wait : 10#$retry_after))
    echo "publish: the server asks to retry after ${retry_after} s; waiting ${wait_for} s"
  fi
  sleep "$wait_for"
  attempt=$((attempt + 1))
  delay=$((delay * 2 > 30 ? 30 : delay * 2))
done
