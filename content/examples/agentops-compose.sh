#!/usr/bin/env bash
# Runs docker compose for the AgentOps reference deployment with the right files and profile,
# so that every command (up, ps, logs, down, ...) sees the same configuration.
# Usage: agentops-compose.sh <compose command> [arguments]
#   e.g. agentops-compose.sh up -d --no-build
#        agentops-compose.sh logs --tail 100 api
# Set AGENTOPS_APP_DIR to the app/ folder of your checkout (default: the current folder).
set -euo pipefail

app_dir="${AGENTOPS_APP_DIR:-.}"
cd "${app_dir}"

exec docker compose \
  -f compose.yaml \
  -f opentelemetry-collector/compose.yaml \
  -f compose.override.yaml \
  --profile dashboard \
  "$@"
