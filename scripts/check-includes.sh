#!/usr/bin/env bash
# Checks the one-way module rules of docs/module-rules.txt: every `#include <faultline/M/...>`
# in a module's files names the module itself or one it may include, and every third-party
# header with a rule is included only where that rule allows. Prints each forbidden include as
# FILE:LINE: what is wrong, and exits 1 if there is any (0 when the tree keeps the rules, 2 on a
# bad rules file).
# Usage: scripts/check-includes.sh [ROOT [RULES]]   (default: the repository, its rules file)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
rules=${2:-$root/docs/module-rules.txt}
[ -f "$rules" ] || { echo "check-includes: no rules file at $rules" >&2; exit 2; }

# Every C++ file of the tree but build outputs and installed packages.
mapfile -t files < <(find "$root" \( -name .git -o -name 'build*' -o -name node_modules \) -prune \
    -o -type f \( -name '*.cpp' -o -name '*.hpp' \) -print | sort)

# The rules as awk reads them:
#   module NAME FOLDER ALLOWED...     ("-" for none)
#   header PREFIX MODULE...           (a third-party header only these modules may include)
awk -v root="$root" -v rules="$rules" '
function fail_rules(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; bad_rules = 1 }
FNR == NR {
    sub(/#.*/, ""); if (NF == 0) next
    if ($1 == "module") {
        if (NF < 4) { fail_rules("expected: module NAME FOLDER ALLOWED... (- for none)"); next }
        name = $2; folder[name] = $3; modules[++count] = name
        allowed[name, name] = 1
        for (i = 4; i <= NF; i++) if ($i != "-") allowed[name, $i] = 1
    } else if ($1 == "header") {
        if (NF < 3) { fail_rules("expected: header PREFIX MODULE..."); next }
        headers[++header_count] = $2
        for (i = 3; i <= NF; i++) header_allowed[$2, $i] = 1
    } else fail_rules("expected a line starting with module or header, not " $1)
    next
}
# Which module a file belongs to: the one whose folder is the longest prefix of its path.
function module_of(path,    best, best_len, m, f) {
    best = ""; best_len = 0
    for (m = 1; m <= count; m++) {
        f = folder[modules[m]] "/"
        if (index(path, f) == 1 && length(f) > best_len) { best = modules[m]; best_len = length(f) }
    }
    return best
}
FNR == 1 && FILENAME != "/dev/null" { rel = substr(FILENAME, length(root) + 2); mod = module_of(rel) }
mod != "" && /^[ \t]*#[ \t]*include[ \t]*</ {
    header = $0
    sub(/^[ \t]*#[ \t]*include[ \t]*</, "", header); sub(/>.*/, "", header)
    if (header ~ /^faultline\//) {
        target = header; sub(/^faultline\//, "", target); sub(/\/.*/, "", target)
        if (!((mod, target) in allowed)) {
            list = ""
            for (m = 1; m <= count; m++)
                if ((mod, modules[m]) in allowed && modules[m] != mod) list = list " " modules[m]
            printf "%s:%d: module %s may not include <%s> (it may include:%s)\n", rel, FNR, mod, header, (list == "" ? " nothing else" : list)
            forbidden++
        }
    } else {
        for (h = 1; h <= header_count; h++) {
            if (index(header, headers[h]) == 1 && !((headers[h], mod) in header_allowed)) {
                printf "%s:%d: module %s may not include <%s> (only modules listed for %s in the rules)\n", rel, FNR, mod, header, headers[h]
                forbidden++
            }
        }
    }
}
END {
    if (bad_rules) exit 2
    if (forbidden) { printf "check-includes: %d forbidden include(s); the rules are in %s\n", forbidden, rules > "/dev/stderr"; exit 1 }
}
' "$rules" /dev/null "${files[@]}"
