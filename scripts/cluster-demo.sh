#!/usr/bin/env bash
# The cluster mode on one box: a PostgreSQL and a Redis (Debian's packages, installed with apt when
# missing, data in a temp folder, own loopback ports), two front-ends and two workers, all sharing
# one data directory. Prints one line per process and stops everything on exit or Ctrl+C.
#
#   scripts/cluster-demo.sh            # builds (Release) first
#   SKIP_BUILD=1 scripts/cluster-demo.sh
#
# Multi-machine recipe and failure behaviour: docs/scale-out.md.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

work=$(mktemp -d /tmp/modarith-cluster-XXXXXX)
chmod 1777 "$work"
pids=()
pg_bin=/usr/lib/postgresql/15/bin
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  trap - EXIT INT TERM
  echo "stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${redis_port:-}" ] && redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  [ -d "$work/pg" ] && as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -z "${SKIP_BUILD:-}" ]; then dotnet build src/ModArith.Web -c "${CONFIGURATION:-Release}" -v q -nologo >/dev/null; fi
dll=src/ModArith.Web/bin/${CONFIGURATION:-Release}/net10.0/ModArith.Web.dll

pg_port=$(free_port)
as_postgres "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres --no-sync >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work" start >/dev/null
echo "postgresql 127.0.0.1:$pg_port"

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --dir "$work" \
  --pidfile "$work/redis.pid" --logfile "$work/redis.log" --save "" >/dev/null
echo "redis 127.0.0.1:$redis_port"

mkdir -p "$work/data"
# Secrets and addresses by environment, never in a committed file.
export Dashboard__Mode=Cluster
export Dashboard__DataDirectory="$work/data"
export ConnectionStrings__ModArith="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=modarith"
export ConnectionStrings__Redis="127.0.0.1:$redis_port"
export Dashboard__ThreadBudget=${THREADS_PER_WORKER:-1}

wait_http() { for _ in $(seq 1 240); do curl -fs "$1/api/presets" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "no answer from $1" >&2; return 1; }

# The first front-end creates the schema before the others start.
for fe in 1 2; do
  port=$(free_port)
  dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/frontend-$fe.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$port"
  echo "frontend http://127.0.0.1:$port"
done
for w in worker-1 worker-2; do
  dotnet "$dll" worker --Worker:Name "$w" >"$work/$w.log" 2>&1 &
  pids+=($!)
  echo "worker $w pid $!"
done
echo "logs in $work; Ctrl+C stops everything"
wait
