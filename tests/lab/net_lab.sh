#!/usr/bin/env bash
# A two-host network lab on one machine, for tests that need "another host": two network
# namespaces joined by a veth pair with private addresses, and a hosts file so that DNS names
# resolve inside the client namespace (`ip netns exec` mounts /etc/netns/<ns>/hosts over
# /etc/hosts). Traffic never leaves the two namespaces: neither has a route anywhere else.
#
#   net_lab.sh up ID      creates namespaces fl-c-ID (client, 10.77.ID.1) and fl-r-ID
#                         (remote, 10.77.ID.2); names api.lab.test and db.lab.test resolve to the
#                         remote address in the client namespace, multi.lab.test to it and to
#                         10.77.ID.3, where nothing answers; ID is 1..250
#   net_lab.sh down ID    stops what runs in them, removes both namespaces and the hosts files
#                         (safe to repeat)
#
# Root and iproute2 are required. Run a command on a side with `ip netns exec fl-c-ID CMD`.
set -euo pipefail

action=${1:-}
id=${2:-}
if [[ ! "$id" =~ ^[0-9]+$ ]] || ((id < 1 || id > 250)); then
    echo "usage: $0 up|down ID   (ID 1..250)" >&2
    exit 2
fi
client="fl-c-$id"
remote="fl-r-$id"
client_address="10.77.$id.1"
remote_address="10.77.$id.2"

down() {
    # Whatever still runs inside (a server a test left) goes first.
    for ns in "$client" "$remote"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
    done
    for _ in $(seq 1 40); do
        [ -z "$(ip netns pids "$client" 2>/dev/null)$(ip netns pids "$remote" 2>/dev/null)" ] && break
        sleep 0.05
    done
    for ns in "$client" "$remote"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    done
    ip netns del "$client" 2>/dev/null || true
    ip netns del "$remote" 2>/dev/null || true
    rm -rf "/etc/netns/$client" "/etc/netns/$remote"
}

up() {
    down
    ip netns add "$client"
    ip netns add "$remote"
    ip link add "flc$id" netns "$client" type veth peer name "flr$id" netns "$remote"
    ip -n "$client" addr add "$client_address/24" dev "flc$id"
    ip -n "$remote" addr add "$remote_address/24" dev "flr$id"
    for ns in "$client" "$remote"; do
        ip -n "$ns" link set lo up
    done
    ip -n "$client" link set "flc$id" up
    ip -n "$remote" link set "flr$id" up
    mkdir -p "/etc/netns/$client" "/etc/netns/$remote"
    # multi.lab.test has two addresses: the remote side's, and one nothing answers on.
    printf '127.0.0.1 localhost\n::1 localhost\n%s api.lab.test db.lab.test multi.lab.test\n%s multi.lab.test\n' \
        "$remote_address" "10.77.$id.3" >"/etc/netns/$client/hosts"
    printf '127.0.0.1 localhost\n::1 localhost\n%s client.lab.test\n' \
        "$client_address" >"/etc/netns/$remote/hosts"
    # The client's resolver has no server to ask: an unknown name fails at once, in the lab.
    : >"/etc/netns/$client/resolv.conf"
    : >"/etc/netns/$remote/resolv.conf"
}

case "$action" in
up) up ;;
down) down ;;
*)
    echo "usage: $0 up|down ID" >&2
    exit 2
    ;;
esac
