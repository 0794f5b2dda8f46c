#!/usr/bin/env bash
# Posts one line of text to a Slack-compatible incoming webhook: {"text": "..."}.
#
#   NOTIFY_WEBHOOK_URL=https://hooks.slack.com/... notify.sh "Switchback 7f3a9c1 is live on staging"
#
# No webhook configured: a warning, not a failure (a deploy does not fail for want of a chat message).
# The webhook URL is a secret: it is never printed. Needs bash, jq and curl.
set -euo pipefail

text="${1:?usage: notify.sh TEXT}"
url="${NOTIFY_WEBHOOK_URL:-}"
if [ -z "$url" ]; then
  echo "::warning::notify: no webhook configured (secret DEPLOY_NOTIFY_WEBHOOK_URL); not sent: $text"
  exit 0
fi
if ! jq -n -c --arg text "$text" '{text: $text}' |
  curl --silent --show-error --fail --retry 3 --max-time 10 --output /dev/null \
    --header 'Content-Type: application/json' --data-binary @- "$url" 2>/dev/null; then
  # curl's own message would contain the URL
  echo "::error::notify: the webhook did not accept the message: $text"
  exit 1
fi
echo "notify: sent: $text"
