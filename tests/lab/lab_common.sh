# Shared by the lab tests (sourced): builds the lab, runs nginx on the remote side with the
# server blocks a test gives, runs faultline on the client side, reads summary.json, counts
# failures, and tears everything down on every exit path.
# The sourcing script sets `bin` (the folder of the faultline binary) first.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lab="$here/net_lab.sh"
id=$((($$ % 200) + 20))
client="fl-c-$id"
remote="fl-r-$id"
remote_address="10.77.$id.2"
client_address="10.77.$id.1"
work=$(mktemp -d /tmp/faultline-lab-XXXXXX)
chmod 755 "$work"  # nginx's workers (user nobody) read its files
failures=0

lab_cleanup() {
    [ -s "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
    sleep 0.2
    "$lab" down "$id"
    rm -rf "$work"
}
trap lab_cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() { echo "ok: $*"; }

# Builds the lab; exits when it cannot.
lab_up() {
    "$lab" up "$id" || {
        echo "cannot build the lab (root and iproute2 needed)" >&2
        exit 1
    }
}

# Starts nginx in the remote namespace with the server blocks of $1; each request is logged
# as "PORT CONNECTION SESSION_REUSED URI" to $work/nginx/logs/access.log. Waits for port $2.
start_nginx() {
    local servers=$1 port=$2
    mkdir -p "$work/nginx/logs" "$work/nginx/tmp" "$work/nginx/html"
    printf 'ok\n' >"$work/nginx/html/index.html"
    cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
daemon on;
events { worker_connections 1024; }
http {
    log_format lab '\$server_port \$connection \$ssl_session_reused \$request_uri';
    access_log $work/nginx/logs/access.log lab;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    keepalive_requests 1000000;
    root $work/nginx/html;
$servers
}
CONF
    ip netns exec "$remote" nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" || {
        echo "nginx did not start in the lab" >&2
        exit 1
    }
    for _ in $(seq 1 100); do
        in_client bash -c "exec 3<>/dev/tcp/$remote_address/$port" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "nginx does not answer on $remote_address:$port" >&2
    exit 1
}

in_client() { ip netns exec "$client" "$@"; }

# Writes to $1 a two-VU, 2 s closed-model scenario whose one workload has the driver line $2
# ('http = { ... }'), with more TOML $3 at the end.
scenario_with() {
    local file=$1 driver=$2 extra=${3:-}
    cat >"$file" <<TOML
name = "lab"
[[workloads]]
name = "remote"
$driver
[ramp]
start = 2
step = 2
max = 2
step_duration = "2s"
warmup = "500ms"
[breaking_point]
error_rate = "90%"
$extra
TOML
}

# scenario_with for one HTTP workload: URL $2, more keys of the http table in $3
# (", keep_alive = false"), more TOML at the end in $4.
scenario() {
    scenario_with "$1" "http = { url = \"$2\", timeout = \"1s\", connect_timeout = \"1s\"${3:-} }" \
        "${4:-}"
}

# Runs scenario $1 in the client namespace with results in $2 and the options after them;
# its output goes to $work/out.
run_in_client() {
    local file=$1 results=$2
    shift 2
    in_client "$bin/faultline" run "$file" --no-progress --results "$results" "$@" \
        >"$work/out" 2>&1
}

# A Python expression over summary.json `s` ($2) of results folder $1; $3 when unreadable.
summary_value() {
    python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" \
        "$1/summary.json" "$2" 2>/dev/null || echo "$3"
}

# Ends the test: exit 1 when a check failed.
lab_finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures lab check(s) failed" >&2
        exit 1
    fi
    echo "all lab checks passed"
}
