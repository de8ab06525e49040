#!/usr/bin/env bash
# Prints fresh random values for the secrets of app/.env. Paste the output over the
# change-me-... lines. JWT_SECRET_KEY must also become the JWT secret of your Supabase
# instance (see the Supabase chapter), or sign-in and SDK tokens fail.
set -euo pipefail

printf 'JWT_SECRET_KEY=%s\n' "$(openssl rand -hex 32)"
printf 'AUTH_COOKIE_SECRET=%s\n' "$(openssl rand -hex 32)"
printf 'CLICKHOUSE_PASSWORD=%s\n' "$(openssl rand -hex 24)"
