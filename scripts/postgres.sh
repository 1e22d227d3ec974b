#!/usr/bin/env bash
# Ensures a local PostgreSQL 15 on 127.0.0.1:5432 with a CREATEDB role roomcast/roomcast, then prints the
# connection string for ROOMCAST_TEST_POSTGRES. Idempotent; run as root (Debian 12).
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
PG_PORT=5432
ROLE=roomcast
PASSWORD=roomcast

if [[ $EUID -ne 0 ]]; then
  echo "postgres.sh: run as root (it starts the cluster and creates the role)" >&2
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null || [[ ! -d /usr/lib/postgresql/$PG_VERSION ]]; then
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi

if ! pg_lsclusters --no-header | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
  pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" >&2
fi

status=$(pg_lsclusters --no-header | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}')
if [[ "$status" != online* ]]; then
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >&2
fi

for _ in $(seq 1 30); do
  if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then break; fi
  sleep 1
done
runuser -u postgres -- pg_isready -h 127.0.0.1 -p "$PG_PORT" >/dev/null

# The role is created once; its password and CREATEDB are re-asserted every run.
runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -q -X <<SQL >/dev/null
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  ELSE
    ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE roomcast OWNER $ROLE'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'roomcast') \gexec
SQL

echo "Host=127.0.0.1;Port=$PG_PORT;Username=$ROLE;Password=$PASSWORD;Database=roomcast"
