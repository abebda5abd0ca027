#!/usr/bin/env bash
# HTTPS in the network lab: nginx with TLS on the remote side (certificates made by
# make_certs.sh), faultline on the client side. The right CA: no errors; another CA, an expired
# certificate or a wrong server name: tls_verify, never ok; mutual TLS with and without the
# client certificate; session resumption on and off (nginx's $ssl_session_reused); Redis over
# TLS; and the bad TLS settings `validate` refuses with file:line:column.
#   tls_targets_test.sh BIN_DIR   (LAB_PAUSE=SECONDS keeps the lab up at the end, for a look)
set -uo pipefail
bin=${1:?usage: tls_targets_test.sh BIN_DIR}
. "$(dirname "$0")/lab_common.sh"

lab_up
certs="$work/certs"
bash "$here/make_certs.sh" "$certs" || { echo "cannot make the lab's certificates" >&2; exit 1; }
tls_server() {  # PORT CERT EXTRA
    printf '    server { listen %s:%s ssl; ssl_certificate %s/%s.pem; ssl_certificate_key %s/%s.key;\n' \
        "$remote_address" "$1" "$certs" "$2" "$certs" "$2"
    printf '             ssl_session_cache shared:lab%s:1m; ssl_session_tickets on; %s\n' "$1" "${3:-}"
    printf '             location / { return 200 "ok\\n"; } }\n'
}
start_nginx "$(tls_server 8443 server)
$(tls_server 8444 expired)
$(tls_server 8445 server "ssl_verify_client on; ssl_client_certificate $certs/client-ca.pem;")" 8445

# Runs one https workload with the `tls` table $3 against URL path $2 on port $4; checks
# nothing, leaves results in $work/$1.
https_run() {
    local name=$1 path=$2 tls=$3 port=${4:-8443} extra=${5:-}
    scenario "$work/$name.toml" "https://api.lab.test:$port$path" ", tls = { $tls }$extra"
    run_in_client "$work/$name.toml" "$work/$name" --allow-host api.lab.test
}
ok_of() { summary_value "$work/$1" "s['totals']['ok']" -1; }
errors_of() { summary_value "$work/$1" "s['totals']['errors']['$2']" -1; }
all_errors_of() { summary_value "$work/$1" "sum(s['totals']['errors'].values())" -1; }

# 1. The right CA: every request ok.
https_run good /good "ca = \"$certs/ca.pem\""
if [ "$(ok_of good)" -gt 0 ] && [ "$(all_errors_of good)" = "0" ]; then
    pass "HTTPS with the lab CA: $(ok_of good) requests ok, no errors"
else
    fail "right CA: ok=$(ok_of good) errors=$(all_errors_of good): $(tail -5 "$work/out")"
fi

# 2. Rejections are tls_verify, never ok, and the run log says why once.
expect_verify() {  # NAME WHY
    if [ "$(ok_of "$1")" = "0" ] && [ "$(errors_of "$1" tls_verify)" -gt 0 ] &&
        grep -q "TLS certificate of api.lab.test rejected: $2" "$work/$1/run.log"; then
        pass "$1: $(errors_of "$1" tls_verify) tls_verify, none ok ($2)"
    else
        fail "$1: ok=$(ok_of "$1") tls_verify=$(errors_of "$1" tls_verify): $(grep -i tls "$work/$1/run.log" | head -3)"
    fi
}
https_run other-ca /other "ca = \"$certs/other-ca.pem\""
expect_verify other-ca "unable to get local issuer certificate"
https_run expired /expired "ca = \"$certs/ca.pem\"" 8444
expect_verify expired "certificate has expired"
https_run wrong-name /wrong "ca = \"$certs/ca.pem\", server_name = \"other.lab.test\""
expect_verify wrong-name "hostname mismatch"

# 3. Mutual TLS: with the client certificate ok; without, nginx refuses every request.
https_run mtls /mtls "ca = \"$certs/ca.pem\", cert = \"$certs/client.pem\", key = \"$certs/client.key\"" 8445
if [ "$(ok_of mtls)" -gt 0 ] && [ "$(all_errors_of mtls)" = "0" ]; then
    pass "mutual TLS with the client certificate: $(ok_of mtls) ok"
else
    fail "mTLS: ok=$(ok_of mtls) errors=$(all_errors_of mtls)"
fi
https_run no-cert /nocert "ca = \"$certs/ca.pem\"" 8445
if [ "$(ok_of no-cert)" = "0" ] && [ "$(all_errors_of no-cert)" -gt 0 ]; then
    pass "mutual TLS without the client certificate: none ok ($(all_errors_of no-cert) errors)"
else
    fail "no client certificate: ok=$(ok_of no-cert)"
fi

# 4. Session resumption: with resume (the default) nginx reports reused sessions on new
#    connections; with resume = false it never does.
https_run resumed /resumed "ca = \"$certs/ca.pem\"" 8443 ", keep_alive = false"
https_run fresh /fresh "ca = \"$certs/ca.pem\", resume = false" 8443 ", keep_alive = false"
reused=$(grep " /resumed" "$work/nginx/logs/access.log" | grep -c " r /resumed")
total=$(grep -c " /resumed" "$work/nginx/logs/access.log")
never=$(grep " /fresh" "$work/nginx/logs/access.log" | grep -c " r /fresh")
fresh_total=$(grep -c " /fresh" "$work/nginx/logs/access.log")
if [ "$total" -gt 10 ] && [ "$reused" -ge $((total * 9 / 10)) ] && [ "$fresh_total" -gt 10 ] &&
    [ "$never" -eq 0 ]; then
    pass "resume: $reused of $total connections resumed; resume = false: 0 of $fresh_total"
else
    fail "resume: $reused of $total resumed; resume = false: $never of $fresh_total"
fi

# 4b. Phases: with a fresh connection per request, every request has dns (a name), connect and
#     tls; on one kept-alive connection per user, only the first requests do.
phase_count() { summary_value "$work/$1" "(s['workloads']['remote']['phases'] or {}).get('$2', {}).get('count', 0)" -1; }
requests=$(ok_of resumed)
if [ "$requests" -gt 10 ] && [ "$(phase_count resumed tls)" = "$requests" ] &&
    [ "$(phase_count resumed dns)" = "$requests" ] && [ "$(phase_count resumed ttfb)" = "$requests" ] &&
    [ "$(phase_count good tls)" -ge 1 ] && [ "$(phase_count good tls)" -le 4 ] &&
    [ "$(phase_count good ttfb)" = "$(ok_of good)" ]; then
    pass "phases: tls, dns and ttfb for each of $requests fresh connections; kept alive, tls $(phase_count good tls) times in $(ok_of good) requests"
else
    fail "phases: resumed ok=$requests tls=$(phase_count resumed tls) dns=$(phase_count resumed dns) ttfb=$(phase_count resumed ttfb); good ok=$(ok_of good) tls=$(phase_count good tls) ttfb=$(phase_count good ttfb)"
fi

# 5. Redis over TLS, the server on the remote side.
ip netns exec "$remote" redis-server --port 0 --tls-port 6390 --bind "$remote_address" \
    --tls-cert-file "$certs/server.pem" --tls-key-file "$certs/server.key" \
    --tls-ca-cert-file "$certs/ca.pem" --tls-auth-clients no --protected-mode no \
    --save "" --appendonly no \
    --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work" ||
    fail "redis-server with TLS did not start"
for _ in $(seq 1 100); do
    in_client bash -c "exec 3<>/dev/tcp/$remote_address/6390" 2>/dev/null && break
    sleep 0.05
done
scenario_with "$work/redis.toml" "redis = { address = \"db.lab.test:6390\", command = [\"PING\"], \
tls = { ca = \"$certs/ca.pem\" } }"
run_in_client "$work/redis.toml" "$work/redis" --allow-host db.lab.test
[ -s "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null
if [ "$(ok_of redis)" -gt 0 ] && [ "$(all_errors_of redis)" = "0" ]; then
    pass "Redis over TLS: $(ok_of redis) PINGs ok"
else
    fail "Redis over TLS: ok=$(ok_of redis) errors: $(summary_value "$work/redis" "{k: v for k, v in s['totals']['errors'].items() if v}" ?): $(grep -i tls "$work/redis/run.log" | head -2) $(tail -3 "$work/redis.log")"
fi

# 6. Bad TLS settings are refused at their place (exit 2, file:line:column).
expect_refused() {  # TLS_TABLE PHRASE
    scenario "$work/bad.toml" "https://api.lab.test:8443/" ", tls = { $1 }"
    in_client "$bin/faultline" validate "$work/bad.toml" --allow-host api.lab.test >"$work/out" 2>&1
    local status=$?
    if [ "$status" -eq 2 ] && grep -q "^$work/bad.toml:4:[0-9]*: .*$2" "$work/out"; then
        pass "refused: $2"
    else
        fail "bad tls { $1 }: exit $status: $(cat "$work/out")"
    fi
}
expect_refused "ca = \"$certs/nothing.pem\"" "cannot read CA file"
expect_refused "cert = \"$certs/client.pem\", key = \"$certs/stranger.key\"" "does not match the certificate"
expect_refused "insecure = true, ca = \"$certs/ca.pem\"" "insecure = true accepts any certificate"
expect_refused "min_version = \"1.1\"" "expected \"1.2\" or \"1.3\""

# 7. `faultline check` does the handshake with the workload's TLS settings: the lab CA: OK
#    with the protocol, the subject and the days to expiry; another CA or an expired
#    certificate: TLS VERIFY FAILED with the reason, exit 1.
check_tls() {  # NAME PORT TLS
    scenario "$work/$1.toml" "https://api.lab.test:$2/" ", tls = { $3 }"
    in_client "$bin/faultline" check "$work/$1.toml" --allow-host api.lab.test >"$work/$1.check" 2>&1
}
check_tls check-good 8443 "ca = \"$certs/ca.pem\""
good_status=$?
if [ "$good_status" -eq 0 ] &&
    grep -Eq "^api.lab.test:8443 \($remote_address\) .*  OK \(TLSv1\.[23], .*CN *= *api.lab.test.*, expires in [0-9]+ days\)$" "$work/check-good.check"; then
    pass "check: $(grep -o 'OK (.*' "$work/check-good.check")"
else
    fail "check with the lab CA: exit $good_status: $(cat "$work/check-good.check")"
fi
check_tls check-other 8443 "ca = \"$certs/other-ca.pem\""
other_status=$?
check_tls check-expired 8444 "ca = \"$certs/ca.pem\""
expired_status=$?
if [ "$other_status" -eq 1 ] && [ "$expired_status" -eq 1 ] &&
    grep -q "TLS VERIFY FAILED (unable to get local issuer certificate)" "$work/check-other.check" &&
    grep -q "TLS VERIFY FAILED (certificate has expired)" "$work/check-expired.check"; then
    pass "check: TLS VERIFY FAILED for another CA and an expired certificate (exit 1)"
else
    fail "check rejections: exit $other_status/$expired_status: $(cat "$work/check-other.check" "$work/check-expired.check")"
fi

[ -n "${LAB_PAUSE:-}" ] && { echo "lab $id paused: $work"; sleep "$LAB_PAUSE"; }
lab_finish
