# Shared helpers for Storewise's scripts. Source it: . "$(dirname "$0")/lib.sh"

# Installs the Debian packages named, when any is missing (root, as on CI and dev machines).
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The packages every build needs.
ensure_build_packages() {
  ensure_packages libsqlite3-dev libnlopt-dev libxgboost-dev
}

repo_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

# A free TCP port on the loopback interface.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Waits until GET $1 answers 200, up to $2 seconds (default 60).
wait_for_http() {
  local url=$1 limit=${2:-60} i=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    i=$((i + 1))
    if [ "$i" -ge $((limit * 10)) ]; then echo "timed out waiting for $url" >&2; return 1; fi
    sleep 0.1
  done
}

# Prints "RESULT name value unit target op target met|missed" for a numeric check.
result_line() {
  local name=$1 value=$2 unit=$3 op=$4 target=$5
  local verdict
  verdict=$(python3 -c "import operator,sys; ops={'>=':operator.ge,'<=':operator.le,'==':operator.eq,'>':operator.gt,'<':operator.lt}; print('met' if ops[sys.argv[2]](float(sys.argv[1]), float(sys.argv[3])) else 'missed')" "$value" "$op" "$target")
  echo "RESULT $name $value $unit target $op $target $verdict"
}

# The directory of Debian's PostgreSQL server programs (initdb, pg_ctl), newest version.
postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && echo "$dir"
}

# Starts a private PostgreSQL cluster for tests and benchmarks: Debian's `postgresql` installed
# when missing, a new cluster under a temporary directory, listening on a free loopback port
# only (its socket in the same directory). Exports STOREWISE_TEST_POSTGRES_URL and
# STOREWISE_PG_DIR; `stop_test_postgres` (set as an EXIT trap by the caller) stops and removes it.
# Durability is off (fsync, synchronous_commit): the cluster lives for one run.
# Usage: start_test_postgres [extra postgres -c settings …]
start_test_postgres() {
  ensure_packages postgresql
  local bin; bin=$(postgres_bin) || { echo "no PostgreSQL server programs under /usr/lib/postgresql" >&2; return 1; }
  local run_as=()
  if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi
  STOREWISE_PG_DIR=$(mktemp -d /tmp/storewise-pg.XXXXXX)
  chmod 755 "$STOREWISE_PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$STOREWISE_PG_DIR"
  local port; port=$(free_port)
  "${run_as[@]}" "$bin/initdb" -D "$STOREWISE_PG_DIR/data" -U storewise --auth=trust --no-locale -E UTF8 >/dev/null
  local options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$STOREWISE_PG_DIR"
  options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
  options+=" -c shared_buffers=256MB"
  for extra in "$@"; do options+=" -c $extra"; done
  "${run_as[@]}" "$bin/pg_ctl" -D "$STOREWISE_PG_DIR/data" -l "$STOREWISE_PG_DIR/server.log" -o "$options" -w start >/dev/null
  export STOREWISE_PG_DIR
  export STOREWISE_TEST_POSTGRES_URL="postgres://storewise@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for tests on 127.0.0.1:$port ($STOREWISE_PG_DIR)" >&2
}

# Stops and removes the cluster `start_test_postgres` started.
stop_test_postgres() {
  [ -n "${STOREWISE_PG_DIR:-}" ] && [ -d "$STOREWISE_PG_DIR" ] || return 0
  local bin; bin=$(postgres_bin)
  local run_as=()
  if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi
  "${run_as[@]}" "$bin/pg_ctl" -D "$STOREWISE_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$STOREWISE_PG_DIR"
  unset STOREWISE_PG_DIR
}
