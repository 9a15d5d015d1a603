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
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $pgdata" start >/dev/null && break
      [ "$attempt" -eq 5 ] && { tail -n 20 "$pgdata/server.log" >&2; die "Postgres did not start"; }
      rm -f "$pgdata/postmaster.pid"
      sleep 2
    done
  fi
  local db
  for db in spm spm_test; do
    PGPASSWORD="$pw" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAq \
      -c "select 1 from pg_database where datname = '$db'" | grep -q 1 ||
      PGPASSWORD="$pw" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q \
        -c "create database $db" >/dev/null
  done
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
  printf 'DATABASE_URL=postgres://postgres:%s@127.0.0.1:%s/spm\n' "$(secret pg-password)" "$PG_PORT"
  printf 'TEST_DATABASE_URL=postgres://postgres:%s@127.0.0.1:%s/spm_test\n' "$(secret pg-password)" "$PG_PORT"
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
