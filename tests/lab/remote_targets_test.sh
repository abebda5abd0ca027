#!/usr/bin/env bash
# Remote targets in the network lab (net_lab.sh): nginx on the "remote" namespace's address,
# faultline in the "client" namespace reaching it by address and by DNS name, behind the
# allow-list; a name that does not resolve counts as `dns`; keep_alive = false opens a
# connection per request; a proxy on the client's address in front of an upstream given by name
# carries a refuse outage. Every namespace, process and file is removed on every exit path.
#   remote_targets_test.sh BIN_DIR
set -uo pipefail
bin=${1:?usage: remote_targets_test.sh BIN_DIR}
. "$(dirname "$0")/lab_common.sh"

lab_up
start_nginx "    server { listen $remote_address:8080; }" 8080

# 1. Refused without an allow-list entry: exit 2, the message names the host and both ways.
scenario "$work/by-name.toml" "http://api.lab.test:8080/"
in_client "$bin/faultline" validate "$work/by-name.toml" >"$work/out" 2>&1
status=$?
if [ "$status" -eq 2 ] && grep -q "host 'api.lab.test' is not allowed" "$work/out" &&
    grep -q -- "--allow-host api.lab.test" "$work/out"; then
    pass "a remote name without an allow-list entry is refused (exit 2)"
else
    fail "refusal: exit $status: $(cat "$work/out")"
fi

# 2. Allowed by --allow-host: the name resolves inside the client namespace and is loaded.
run_in_client "$work/by-name.toml" "$work/r-name" --allow-host api.lab.test
ok=$(summary_value "$work/r-name" "s['totals']['ok']" 0)
errors=$(summary_value "$work/r-name" "sum(s['totals']['errors'].values())" -1)
if [ "${ok:-0}" -gt 0 ] && [ "$errors" = "0" ]; then
    pass "--allow-host api.lab.test: $ok requests ok, no errors"
else
    fail "run by name: ok=$ok errors=$errors: $(tail -5 "$work/out")"
fi

# 3. Allowed by the scenario's CIDR: the name resolves into it when the scenario is loaded.
scenario "$work/by-cidr.toml" "http://api.lab.test:8080/" "" "[targets]
allow = [\"10.77.$id.0/24\"]"
if in_client "$bin/faultline" validate "$work/by-cidr.toml" >"$work/out" 2>&1; then
    pass "[targets] allow = [\"10.77.$id.0/24\"] allows a name resolving into it"
else
    fail "CIDR allow: $(cat "$work/out")"
fi
scenario "$work/by-address.toml" "http://$remote_address:8080/"
if in_client "$bin/faultline" validate "$work/by-address.toml" --allow-host "10.77.$id.0/24" \
    >"$work/out" 2>&1; then
    pass "--allow-host with a CIDR allows an address inside it"
else
    fail "CIDR flag: $(cat "$work/out")"
fi

# 4. A name that does not resolve: every request is a `dns` error, none ok, the run ends.
scenario "$work/missing.toml" "http://nothere.lab.test:8080/"
run_in_client "$work/missing.toml" "$work/r-missing" --allow-host "*.lab.test"
dns=$(summary_value "$work/r-missing" "s['totals']['errors']['dns']" 0)
ok=$(summary_value "$work/r-missing" "s['totals']['ok']" -1)
if [ "${dns:-0}" -gt 0 ] && [ "$ok" = "0" ]; then
    pass "an unknown name: $dns requests counted as dns, none ok"
else
    fail "unknown name: dns=$dns ok=$ok: $(tail -5 "$work/out")"
fi

# 5. keep_alive = false: nginx sees one connection per request.
scenario "$work/fresh.toml" "http://api.lab.test:8080/fresh" ", keep_alive = false"
run_in_client "$work/fresh.toml" "$work/r-fresh" --allow-host api.lab.test
requests=$(grep -c " /fresh" "$work/nginx/logs/access.log")
connections=$(grep " /fresh" "$work/nginx/logs/access.log" | cut -d' ' -f2 | sort -u | wc -l)
if [ "$requests" -gt 10 ] && [ "$requests" -eq "$connections" ]; then
    pass "keep_alive = false: $requests requests on $connections connections"
else
    fail "keep_alive = false: $requests requests on $connections connections"
fi

# 6. A proxy listening on the client namespace's address, upstream given by name, carries a
#    refuse outage: measured like any drill (took effect, recovered).
cat >"$work/drill.toml" <<TOML
name = "lab-drill"
[targets]
allow = ["api.lab.test"]
[[proxies]]
name = "edge"
listen = "$client_address:18090"
upstream = "api.lab.test:8080"
[[workloads]]
name = "through"
http = { url = "http://$client_address:18090/", timeout = "1s", connect_timeout = "500ms" }
depends_on = ["edge"]
[ramp]
shape = "stages"
model = "open"
start = "100/s"
warmup = "1s"
stages = [{ target = "100/s", duration = "8s" }]
[slo]
error_rate = "1%"
window = "1s"
stable_for = "1s"
[[faults]]
name = "edge-refuses"
at = "2s"
duration = "2s"
proxy = "edge"
outage = "refuse"
TOML
run_in_client "$work/drill.toml" "$work/r-drill" --allow-host "10.77.$id.1"
effect=$(summary_value "$work/r-drill" "s['faults'][0]['took_effect']" "")
recovered=$(summary_value "$work/r-drill" "s['faults'][0]['overall']['recovered']" "")
if [ "$effect" = "True" ] && [ "$recovered" = "True" ]; then
    pass "a proxy on $client_address in front of api.lab.test: the refuse outage took effect and recovered"
else
    fail "drill: took_effect=$effect recovered=$recovered: $(tail -8 "$work/out")"
fi

# 7. `faultline check` on every address of a name: multi.lab.test has the remote side's
#    address (nginx: OK) and one where nothing answers (UNREACHABLE): exit 1.
scenario "$work/multi.toml" "http://multi.lab.test:8080/"
in_client "$bin/faultline" check "$work/multi.toml" --allow-host multi.lab.test >"$work/out" 2>&1
status=$?
if [ "$status" -eq 1 ] && grep -q "^multi.lab.test:8080 ($remote_address) .*  OK$" "$work/out" &&
    grep -q "^multi.lab.test:8080 (10.77.$id.3) .*  UNREACHABLE (" "$work/out"; then
    pass "check: both addresses of multi.lab.test, one OK, one UNREACHABLE (exit 1)"
else
    fail "check multi: exit $status: $(cat "$work/out")"
fi

# 8. check without the allow-list entry: NOT ALLOWED with the pattern that allows it, exit 2,
#    and nothing was sent to it (nginx logged no new connection).
before=$(wc -l <"$work/nginx/logs/access.log")
in_client "$bin/faultline" check "$work/by-name.toml" >"$work/out" 2>&1
status=$?
if [ "$status" -eq 2 ] &&
    grep -q "^api.lab.test:8080 .*NOT ALLOWED (.*--allow-host api.lab.test" "$work/out" &&
    [ "$(wc -l <"$work/nginx/logs/access.log")" = "$before" ]; then
    pass "check: api.lab.test NOT ALLOWED without an entry (exit 2)"
else
    fail "check not allowed: exit $status: $(cat "$work/out")"
fi

# 9. --metrics on the client namespace's address with a token: the remote side scrapes it with
#    the token (200) and without (401).
scenario "$work/metrics.toml" "http://api.lab.test:8080/m"
sed -i 's/^step_duration = "2s"/step_duration = "4s"/' "$work/metrics.toml"
in_client "$bin/faultline" run "$work/metrics.toml" --no-progress --results "$work/r-metrics" \
    --allow-host api.lab.test --metrics "$client_address:9464" --metrics-token lab-token \
    >"$work/metrics.out" 2>&1 &
metrics_run=$!
scrape() {  # AUTH -> HTTP status of GET /metrics from the remote side
    ip netns exec "$remote" curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" \
        "http://$client_address:9464/metrics"
}
with_token=000
for _ in $(seq 1 60); do
    with_token=$(scrape -H "Authorization: Bearer lab-token")
    [ "$with_token" = "200" ] && break
    sleep 0.1
done
without=$(scrape)
wrong=$(scrape -H "Authorization: Bearer nope")
wait "$metrics_run"
metrics_status=$?
if [ "$with_token" = "200" ] && [ "$without" = "401" ] && [ "$wrong" = "401" ] &&
    [ "$metrics_status" -eq 0 ]; then
    pass "--metrics $client_address:9464 with a token: 200 with it, 401 without or wrong, from the remote side"
else
    fail "metrics off loopback: with=$with_token without=$without wrong=$wrong exit=$metrics_status: $(tail -3 "$work/metrics.out")"
fi
in_client "$bin/faultline" run "$work/metrics.toml" --no-progress --results "$work/r-metrics2" \
    --allow-host api.lab.test --metrics "$client_address:9464" >"$work/out" 2>&1
status=$?
if [ "$status" -eq 2 ] && grep -q "off loopback the live metrics need a token" "$work/out"; then
    pass "--metrics off loopback without a token: exit 2"
else
    fail "metrics without token: exit $status: $(cat "$work/out")"
fi

lab_finish
