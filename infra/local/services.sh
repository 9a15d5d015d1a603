#!/usr/bin/env bash
# Project-owned Postgres and Redis for `npm start` / `npm test` when DATABASE_URL / REDIS_URL
# are not given. Usage: services.sh up|down|status|env. Idempotent; survives stale pid files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${SPM_DATA_DIR:-$ROOT/.data}"
PG_PORT="${SPM_PG_PORT:-55432}"
REDIS_PORT="${SPM_REDIS_PORT:-56379}"
REDIS_DIR="$DATA/redis"
SECRETS="$DATA/secrets"
OWNER_ROLE=spm_owner # owns the schema, runs migrations (MIGRATION_DATABASE_URL)
APP_ROLE=spm_app     # the apps' connection (DATABASE_URL): rows only, owns nothing

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] error: %s\n' "$*" >&2; exit 1; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && printf '%s' "$dir"
}

ensure_packages() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    die "missing Debian packages: ${missing[*]}. Install them (apt-get install postgresql redis-server),
  or set DATABASE_URL and REDIS_URL, or run the stack with infra/compose/docker-compose.yml."
  fi
  log "installing ${missing[*]} with apt-get (once)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

secret() { # secret NAME: a random value created once, readable by the owner only
  local file="$SECRETS/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$SECRETS" && chmod 700 "$SECRETS"
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
  fi
  cat "$file"
}

# Postgres refuses to run as root: its data folder must be reachable by the postgres user.
pg_data_dir() {
  if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$DATA" 2>/dev/null; then
    printf '%s' "$DATA/pg"
  else
    printf '/var/lib/spm/%s/pg' "$(printf '%s' "$DATA" | md5sum | cut -c1-12)"
  fi
}

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# True when the cluster's postmaster lives. pg_ctl alone is fooled by a killed postmaster that
# no init has reaped yet (a zombie still answers kill -0), so its process state is read too.
pg_running() {
  local pgdata=$1 pid state
  [ -s "$pgdata/postmaster.pid" ] || return 1
  pid=$(head -n 1 "$pgdata/postmaster.pid")
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)
  [ -n "$state" ] && [ "$state" != "Z" ] && [ "$state" != "X" ]
}

# Extra server settings as `name=value` words (SPM_PG_SETTINGS, e.g. the benchmarks' choice).
pg_settings() {
  local kv
  for kv in ${SPM_PG_SETTINGS:-}; do
    [[ "$kv" =~ ^[a-z_]+=[A-Za-z0-9.]+$ ]] || die "SPM_PG_SETTINGS: not name=value: $kv"
    printf ' -c %s' "$kv"
  done
}

pg_up() {
  local bin pgdata pw
  bin=$(pg_bin)
  pgdata=$(pg_data_dir)
  pw=$(secret pg-password)
  if [ ! -s "$pgdata/PG_VERSION" ]; then
    log "creating Postgres cluster in $pgdata"
    mkdir -p "$pgdata"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdata"
    chmod 700 "$pgdata"
    local pwfile
    pwfile=$(mktemp)
    printf '%s\n' "$pw" >"$pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
    as_pg "$bin/initdb" -D "$pgdata" -U postgres --pwfile="$pwfile" --auth-local=scram-sha-256 \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  if pg_running "$pgdata"; then
    log "Postgres already running on port $PG_PORT"
  else
    rm -f "$pgdata/postmaster.pid" # stale after a crash: pg_ctl status said no server runs
    log "starting Postgres on 127.0.0.1:$PG_PORT"
    # After a crash, orphaned backends may hold shared memory for a moment: retry a few times.
    local attempt
    for attempt in 1 2 3 4 5; do
      as_pg "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $pgdata$(pg_settings)" start >/dev/null && break
      [ "$attempt" -eq 5 ] && { tail -n 20 "$pgdata/server.log" >&2; die "Postgres did not start"; }
      rm -f "$pgdata/postmaster.pid"
      sleep 2
    done
  fi
  local db
  pg_roles_up
  for db in spm spm_test; do
    pg_sql postgres -tA -c "select 1 from pg_database where datname = '$db'" | grep -q 1 ||
      pg_sql postgres -c "create database $db owner $OWNER_ROLE" >/dev/null
    pg_grants_up "$db"
  done
}

# psql as the superuser on database $1; the SQL comes as arguments or on standard input.
pg_sql() {
  local db=$1
  shift
  PGPASSWORD="$(secret pg-password)" "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -d "$db" -q -v ON_ERROR_STOP=1 "$@"
}

# Two login roles besides the superuser: the owner of the schema, which runs migrations, and the
# app's role, which owns nothing and may only read and write rows. Created when missing (an
# installation made by an older version gets them on its next start); passwords from .data/secrets
# reach psql on standard input, never on a command line.
pg_roles_up() {
  pg_sql postgres -v owner_pw="$(secret pg-owner-password)" -v app_pw="$(secret pg-app-password)" <<SQL
select format('create role %I', r) from unnest(array['$OWNER_ROLE', '$APP_ROLE']) r
  where not exists (select from pg_roles where rolname = r) \\gexec
alter role $OWNER_ROLE with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls
  password :'owner_pw';
alter role $APP_ROLE with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls
  noinherit password :'app_pw';
SQL
}

# Makes the owner role own database $1 and everything in its schema (an older installation's
# tables belong to the superuser), and gives the app role rows only: no DDL, no TRUNCATE, the
# audit log insert and select only. Default privileges cover tables that later migrations make.
pg_grants_up() {
  pg_sql "$1" <<SQL
alter database "$1" owner to $OWNER_ROLE;
alter schema public owner to $OWNER_ROLE;
revoke create on schema public from public;
revoke all on database "$1" from public;
grant connect on database "$1" to $APP_ROLE;
select format('alter table %s owner to $OWNER_ROLE', c.oid::regclass) from pg_class c
  where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
    and c.relowner <> '$OWNER_ROLE'::regrole \\gexec
select format('alter sequence %s owner to $OWNER_ROLE', c.oid::regclass) from pg_class c
  where c.relnamespace = 'public'::regnamespace and c.relkind = 'S'
    and c.relowner <> '$OWNER_ROLE'::regrole \\gexec
select format('alter function %s owner to $OWNER_ROLE', p.oid::regprocedure) from pg_proc p
  where p.pronamespace = 'public'::regnamespace and p.proowner <> '$OWNER_ROLE'::regrole \\gexec
select format('alter type %s owner to $OWNER_ROLE', t.oid::regtype) from pg_type t
  where t.typnamespace = 'public'::regnamespace and t.typtype in ('e', 'd')
    and t.typowner <> '$OWNER_ROLE'::regrole \\gexec
grant usage on schema public to $APP_ROLE;
grant select, insert, update, delete on all tables in schema public to $APP_ROLE;
grant usage, select on all sequences in schema public to $APP_ROLE;
alter default privileges for role $OWNER_ROLE in schema public
  grant select, insert, update, delete on tables to $APP_ROLE;
alter default privileges for role $OWNER_ROLE in schema public
  grant usage, select on sequences to $APP_ROLE;
select format('revoke update, delete, truncate on %s from $APP_ROLE', t)
  from unnest(array['audit_log', 'kysely_migration', 'kysely_migration_lock']) t
  where to_regclass(t) is not null \\gexec
select format('revoke insert on %s from $APP_ROLE', t)
  from unnest(array['kysely_migration', 'kysely_migration_lock']) t
  where to_regclass(t) is not null \\gexec
SQL
}

pg_down() {
  local bin pgdata
  bin=$(pg_bin) || return 0
  pgdata=$(pg_data_dir)
  [ -s "$pgdata/PG_VERSION" ] || return 0
  pg_running "$pgdata" || return 0
  log "stopping Postgres"
  as_pg "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
}

redis_cli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning -a "$(secret redis-password)" "$@"; }

redis_up() {
  if redis_cli ping 2>/dev/null | grep -q PONG; then
    log "Redis already running on port $REDIS_PORT"
    return 0
  fi
  mkdir -p "$REDIS_DIR"
  rm -f "$REDIS_DIR/redis.pid" # the server is not answering: any pid file is stale
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  local conf="$REDIS_DIR/redis.conf"
  (umask 077 && cat >"$conf" <<CONF
bind 127.0.0.1
port $REDIS_PORT
dir $REDIS_DIR
daemonize yes
pidfile $REDIS_DIR/redis.pid
logfile $REDIS_DIR/redis.log
appendonly yes
appendfsync everysec
maxmemory-policy noeviction
requirepass $(secret redis-password)
CONF
)
  redis-server "$conf"
  local i
  for i in $(seq 1 50); do
    redis_cli ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.2
  done
  tail -n 20 "$REDIS_DIR/redis.log" >&2
  die "Redis did not start"
}

redis_down() {
  command -v redis-cli >/dev/null 2>&1 || return 0
  if redis_cli ping 2>/dev/null | grep -q PONG; then
    log "stopping Redis"
    redis_cli shutdown >/dev/null 2>&1 || true
  fi
}

print_env() {
  local app owner admin
  app="$APP_ROLE:$(secret pg-app-password)@127.0.0.1:$PG_PORT"
  owner="$OWNER_ROLE:$(secret pg-owner-password)@127.0.0.1:$PG_PORT"
  admin="postgres:$(secret pg-password)@127.0.0.1:$PG_PORT"
  printf 'DATABASE_URL=postgres://%s/spm\n' "$app"
  printf 'MIGRATION_DATABASE_URL=postgres://%s/spm\n' "$owner"
  printf 'TEST_DATABASE_URL=postgres://%s/spm_test\n' "$app"
  printf 'TEST_MIGRATION_DATABASE_URL=postgres://%s/spm_test\n' "$owner"
  printf 'ADMIN_DATABASE_URL=postgres://%s/spm\n' "$admin"
  printf 'TEST_ADMIN_DATABASE_URL=postgres://%s/spm_test\n' "$admin"
  printf 'REDIS_URL=redis://:%s@127.0.0.1:%s/0\n' "$(secret redis-password)" "$REDIS_PORT"
  printf 'TEST_REDIS_URL=redis://:%s@127.0.0.1:%s/1\n' "$(secret redis-password)" "$REDIS_PORT"
}

case "${1:-}" in
  up) mkdir -p "$DATA"; ensure_packages; pg_up; redis_up; print_env ;;
  down) redis_down; pg_down ;;
  env) print_env ;;
  status) # exit 0 only when both run
    up=0
    if command -v redis-cli >/dev/null 2>&1 && redis_cli ping 2>/dev/null | grep -q PONG; then
      log "Redis: up"
    else
      log "Redis: down"; up=1
    fi
    if pg_running "$(pg_data_dir)"; then
      log "Postgres: up"
    else
      log "Postgres: down"; up=1
    fi
    exit "$up" ;;
  *) die "usage: services.sh up|down|status|env" ;;
esac
