#!/usr/bin/env bash
# Start the local PostgreSQL cluster if it is down and create Vigie's role and database if missing.
# Prints nothing on success; the caller uses DATABASE_URL=postgres://vigie:vigie@127.0.0.1:5432/vigie
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  pg_ctlcluster "$version" main start
fi
pg_isready -h 127.0.0.1 -p 5432 -t 30 >/dev/null
as_postgres() { runuser -u postgres -- "$@"; }
as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='vigie'" | grep -q 1 \
  || as_postgres psql -qc "CREATE ROLE vigie LOGIN CREATEDB PASSWORD 'vigie'"
as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname='vigie'" | grep -q 1 \
  || as_postgres createdb -O vigie vigie
