#!/usr/bin/env bash
# The include checker (scripts/check-includes.sh): the repository keeps its module rules, and a
# tree that breaks them fails, naming the file and line of each forbidden include.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
checker=$here/../../scripts/check-includes.sh
source "$here/expect.sh"

# 1. The repository itself.
expect "the repository keeps docs/module-rules.txt" bash "$checker"

# 2. A small tree: low may include nothing, high may include low; TOML only in high.
mkdir -p "$lab/low/src" "$lab/high/include/faultline/high" "$lab/high/nested"
cat > "$lab/rules.txt" <<'RULES'
module low  low  -
module high high low
header toml++ high
RULES
printf '#include <faultline/low/a.hpp>\n#include <vector>\n' > "$lab/high/include/faultline/high/b.hpp"
printf '#include <faultline/low/a.hpp>\n' > "$lab/low/src/a.cpp"
expect "a tree that keeps its rules passes" bash "$checker" "$lab" "$lab/rules.txt"

# A forbidden include: low includes high (the wrong way), on line 3.
printf '// low\n#include <string>\n#include <faultline/high/b.hpp>\n' > "$lab/low/src/c.cpp"
# A third-party header where the rules forbid it.
printf '#include <toml++/toml.hpp>\n' > "$lab/low/src/d.cpp"
set +e
out=$(bash "$checker" "$lab" "$lab/rules.txt" 2>&1)
code=$?
set -e
expect "a forbidden include fails the check (exit 1)" test "$code" -eq 1
expect "it names the file and line" grep -qF 'low/src/c.cpp:3: module low may not include <faultline/high/b.hpp>' <<<"$out"
expect "it names the third-party header" grep -qF 'low/src/d.cpp:1: module low may not include <toml++/toml.hpp>' <<<"$out"
expect "the allowed include is not reported" bash -c '! grep -q "high/include" <<<"$1"' _ "$out"

# A bad rules file is a usage error (exit 2), never a silent pass.
echo "modul low low -" > "$lab/bad.txt"
set +e
bash "$checker" "$lab" "$lab/bad.txt" >/dev/null 2>&1
code=$?
set -e
expect "a bad rules file exits 2" test "$code" -eq 2

finish
