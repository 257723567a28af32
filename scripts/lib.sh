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
