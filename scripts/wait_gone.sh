# Sourced by the server scripts. wait_gone PID: waits up to 5 s for PID to exit (a zombie counts
# as gone: this sandbox's PID 1 reaps daemons late), then SIGKILLs it.
wait_gone() {
    local pid=$1 state
    for _ in $(seq 1 100); do
        state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
        case "$state" in "" | Z*) return 0 ;; esac
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
}
