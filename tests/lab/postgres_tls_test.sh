#!/usr/bin/env bash
# PostgreSQL over TLS in the network lab: a PostgreSQL 15 cluster with ssl = on on the remote
# side (the server certificate of make_certs.sh, for api.lab.test and db.lab.test) whose
# pg_hba.conf lets the lab in over TLS only; faultline's postgres workload on the client side
# with libpq's sslmode=verify-full. The lab CA: every statement ok, and the server logs each of
# faultline's connections as SSL; another CA: none ok, every error tls_verify; sslmode=disable: refused by
# pg_hba.conf, none ok; psql with the same conninfo sees its own backend in pg_stat_ssl.
#   postgres_tls_test.sh BIN_DIR   (LAB_PAUSE=SECONDS keeps the lab up at the end, for a look)
set -uo pipefail
bin=${1:?usage: postgres_tls_test.sh BIN_DIR}
. "$(dirname "$0")/lab_common.sh"

pg_bin=$(pg_config --bindir 2>/dev/null || true)
[ -x "$pg_bin/pg_ctl" ] || pg_bin=/usr/lib/postgresql/15/bin
pg="$work/pg"
port=5439
as_postgres() { (cd "$pg" && runuser -u postgres -- "$@"); }

# PostgreSQL goes first (an immediate stop: nothing to keep), then the lab and $work.
postgres_cleanup() {
    if [ -s "$pg/data/postmaster.pid" ]; then
        local pid
        pid=$(head -1 "$pg/data/postmaster.pid")
        as_postgres "$pg_bin/pg_ctl" -D "$pg/data" -m immediate -w -t 10 stop >/dev/null 2>&1 ||
            kill -KILL "$pid" 2>/dev/null
    fi
    lab_cleanup
}
trap postgres_cleanup EXIT

lab_up
certs="$work/certs"
bash "$here/make_certs.sh" "$certs" || { echo "cannot make the lab's certificates" >&2; exit 1; }
grep -q "DNS:db.lab.test" <(openssl x509 -in "$certs/server.pem" -noout -ext subjectAltName) ||
    { echo "the lab's server certificate does not name db.lab.test" >&2; exit 1; }

# The cluster, owned by the postgres user (PostgreSQL refuses to run as root); its key file
# must be the postgres user's and 0600, so it gets a copy.
mkdir -p "$pg"
chown postgres:postgres "$pg"
install -o postgres -g postgres -m 0600 "$certs/server.key" "$pg/server.key"
as_postgres "$pg_bin/initdb" -D "$pg/data" -A trust -U postgres --no-sync >"$work/initdb.log" 2>&1 ||
    { echo "initdb failed: $(tail -5 "$work/initdb.log")" >&2; exit 1; }
cat >>"$pg/data/postgresql.conf" <<CONF
listen_addresses = '$remote_address'
port = $port
unix_socket_directories = '$pg'
ssl = on
ssl_cert_file = '$certs/server.pem'
ssl_key_file = '$pg/server.key'
fsync = off
synchronous_commit = off
full_page_writes = off
log_connections = on
log_line_prefix = '%h '
CONF
# The lab reaches it over TLS only; the socket in $pg is for the postgres user on this machine.
cat >"$pg/data/pg_hba.conf" <<HBA
local   all all              trust
hostssl all all 10.77.0.0/16 trust
HBA
ip netns exec "$remote" runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/postgres.log" \
    -w -t 20 start >/dev/null 2>&1 ||
    { echo "PostgreSQL did not start in the lab: $(tail -5 "$pg/postgres.log")" >&2; exit 1; }
for _ in $(seq 1 100); do
    in_client "$pg_bin/pg_isready" -q -h db.lab.test -p "$port" && break
    sleep 0.05
done
in_client "$pg_bin/pg_isready" -q -h db.lab.test -p "$port" ||
    { echo "PostgreSQL does not answer on db.lab.test:$port" >&2; exit 1; }

conninfo="host=db.lab.test port=$port user=postgres dbname=postgres"
# Runs one postgres workload (SELECT 1) with conninfo "$conninfo $2"; checks nothing, leaves
# results in $work/$1.
pg_run() {
    local name=$1 ssl=$2
    scenario_with "$work/$name.toml" "postgres = { conninfo = \"$conninfo $ssl\", \
query = \"SELECT 1\", connect_timeout = \"1s\", timeout = \"1s\" }"
    run_in_client "$work/$name.toml" "$work/$name" --allow-host db.lab.test
    cp "$work/out" "$work/$name.out"
}
ok_of() { summary_value "$work/$1" "s['totals']['ok']" -1; }
all_errors_of() { summary_value "$work/$1" "sum(s['totals']['errors'].values())" -1; }
kinds_of() {
    summary_value "$work/$1" "' '.join(f'{k}={v}' for k, v in s['totals']['errors'].items() if v)" '?'
}
# The server log's lines since line $1 about the client's address.
log_since() { tail -n +"$(($1 + 1))" "$pg/postgres.log" | grep "^$client_address "; }
log_lines() { wc -l <"$pg/postgres.log"; }

# 1. verify-full with the lab CA: every statement ok, and every connection the server
#    authorized from the client was SSL.
mark=$(log_lines)
pg_run good "sslmode=verify-full sslrootcert=$certs/ca.pem"
authorized=$(log_since "$mark" | grep -c "connection authorized:")
with_ssl=$(log_since "$mark" | grep "connection authorized:" | grep -c " SSL enabled (protocol=TLS")
if [ "$(ok_of good)" -gt 0 ] && [ "$(all_errors_of good)" = "0" ] && [ "$authorized" -gt 0 ] &&
    [ "$with_ssl" = "$authorized" ]; then
    pass "verify-full with the lab CA: $(ok_of good) statements ok, no errors; $with_ssl of $authorized connections SSL"
else
    fail "lab CA: ok=$(ok_of good) errors: $(kinds_of good); $with_ssl of $authorized connections SSL: $(tail -5 "$work/good.out")"
fi

# 2. psql with the same conninfo: its own backend is in pg_stat_ssl with ssl = t.
ssl=$(in_client psql -XAtq -d "$conninfo sslmode=verify-full sslrootcert=$certs/ca.pem" \
    -c "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()" 2>"$work/psql.err")
if [ "$ssl" = "t" ]; then
    pass "psql with the same conninfo: pg_stat_ssl.ssl = t for its backend"
else
    fail "psql: pg_stat_ssl.ssl = '$ssl': $(cat "$work/psql.err")"
fi

# 3. verify-full with another CA: libpq rejects the certificate: tls_verify, nothing ok, and
#    the run log says why once.
mark=$(log_lines)
pg_run other-ca "sslmode=verify-full sslrootcert=$certs/other-ca.pem"
verify=$(summary_value "$work/other-ca" "s['totals']['errors']['tls_verify']" -1)
if [ "$(ok_of other-ca)" = "0" ] && [ "$verify" -gt 0 ] && [ "$verify" = "$(all_errors_of other-ca)" ] &&
    grep -q "PostgreSQL TLS failed: .*certificate verify failed" "$work/other-ca/run.log" &&
    [ "$(log_since "$mark" | grep -c "connection authorized:")" = "0" ]; then
    pass "verify-full with another CA: none ok, $verify tls_verify"
else
    fail "other CA: ok=$(ok_of other-ca) errors: $(kinds_of other-ca): $(grep -i tls "$work/other-ca/run.log" | head -2) $(tail -5 "$work/other-ca.out")"
fi

# 4. sslmode=disable: pg_hba.conf has no line for the lab without TLS; the server says no.
mark=$(log_lines)
pg_run plain "sslmode=disable"
if [ "$(ok_of plain)" = "0" ] && [ "$(all_errors_of plain)" -gt 0 ] &&
    [ "$(log_since "$mark" | grep -c 'no pg_hba.conf entry for host .*no encryption')" -gt 0 ]; then
    pass "sslmode=disable: refused by pg_hba.conf, none ok, errors: $(kinds_of plain)"
else
    fail "sslmode=disable: ok=$(ok_of plain) errors: $(kinds_of plain): $(log_since "$mark" | tail -2)"
fi

[ -n "${LAB_PAUSE:-}" ] && { echo "lab $id paused: $work"; sleep "$LAB_PAUSE"; }
lab_finish
