# Sourced by the benchmarks. cpu_of OUT CMD...: runs CMD pinned to CPU 1 with its output in OUT
# and prints the CPU seconds (user + sys) it used.
cpu_of() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys
with open(sys.argv[1], "w") as out:
    subprocess.run(["taskset", "-c", "1"] + sys.argv[2:], stdout=out, stderr=subprocess.STDOUT, check=False)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{r.ru_utime + r.ru_stime:.3f}")
PY
}
