#!/usr/bin/env bash
# Sends one OTLP/JSON test span to the self-hosted AgentOps collector along the SDK's
# path: first a JWT from the API (POST /v3/auth/token), then the span with
# "Authorization: Bearer <JWT>" to the collector's OTLP/HTTP receiver. (The SDK itself
# sends protobuf, not JSON.) UNTESTED against a running stack.
# Needs: bash, curl, openssl, python3, GNU date. Set AGENTOPS_API_KEY first.
# REPLACE for your site: agentops.internal.example and api.agentops.internal.example below, or set
# AGENTOPS_API_ENDPOINT and AGENTOPS_EXPORTER_ENDPOINT as for the SDK.
set -euo pipefail

: "${AGENTOPS_API_KEY:?set AGENTOPS_API_KEY to the API key of your project}"
api_endpoint="${AGENTOPS_API_ENDPOINT:-http://api.agentops.internal.example}"
exporter_endpoint="${AGENTOPS_EXPORTER_ENDPOINT:-http://agentops.internal.example:4318/v1/traces}"

# 1. Exchange the project API key for a JWT (valid for 30 days).
token_response="$(curl --silent --show-error --fail \
  --request POST "${api_endpoint}/v3/auth/token" \
  --header 'Content-Type: application/json' \
  --data "{\"api_key\": \"${AGENTOPS_API_KEY}\"}")"
token="$(printf '%s' "${token_response}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
project_id="$(printf '%s' "${token_response}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["project_id"])')"

# 2. Build valid OTLP identifiers: 16 random bytes for the trace, 8 for the span,
#    and timestamps in nanoseconds since the Unix epoch.
trace_id="$(openssl rand -hex 16)"
span_id="$(openssl rand -hex 8)"
start_ns="$(date +%s%N)"
end_ns="$((start_ns + 250000000))"

# 3. Send the span. An OTLP/HTTP receiver answers HTTP 200 when it accepted it (not observed here).
curl --silent --show-error --fail \
  --request POST "${exporter_endpoint}" \
  --header "Authorization: Bearer ${token}" \
  --header 'Content-Type: application/json' \
  --data-binary @- <<JSON
{
  "resourceSpans": [
    {
      "resource": {
        "attributes": [
          {"key": "service.name", "value": {"stringValue": "selfhost-smoke-test"}}
        ]
      },
      "scopeSpans": [
        {
          "scope": {"name": "selfhost-guide"},
          "spans": [
            {
              "traceId": "${trace_id}",
              "spanId": "${span_id}",
              "name": "smoke-test",
              "kind": 1,
              "startTimeUnixNano": "${start_ns}",
              "endTimeUnixNano": "${end_ns}"
            }
          ]
        }
      ]
    }
  ]
}
JSON
echo
echo "project_id=${project_id}"
echo "trace_id=${trace_id}"
