#!/usr/bin/env bash
# The function-length checker (scripts/check-function-length.py): the repository keeps every
# function outside tests/ within 80 lines, and a longer one fails, named by file and line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
checker=$here/../../scripts/check-function-length.py
source "$here/expect.sh"

expect "the repository keeps its functions within 80 lines" python3 "$checker"

# A tree with one function of 83 lines (body opening on line 4), one of 10, and braces in
# strings and comments that must not count.
mkdir -p "$lab/src" "$lab/tests"
{
    echo '// a file'
    echo 'namespace demo {'
    echo 'int long_one(int x,'
    echo '             int y) {'
    for i in $(seq 1 80); do echo "    x += y; // { not a brace"; done
    echo '    return x;'
    echo '}'
    echo 'int short_one() {'
    echo '    const char* s = "}}}{{{";'
    for i in $(seq 1 7); do echo '    (void)s;'; done
    echo '    return 0;'
    echo '}'
    echo '}  // namespace demo'
} > "$lab/src/demo.cpp"
# Tests may be long.
cp "$lab/src/demo.cpp" "$lab/tests/demo_test.cpp"
set +e
out=$(python3 "$checker" "$lab" 2>&1)
code=$?
set -e
expect "a long function fails the check" test "$code" -eq 1
expect "it names the file, the line and the length" grep -qF 'src/demo.cpp:4: a function of 83 lines' <<<"$out"
expect "short functions and tests/ are not reported" test "$(grep -c 'a function of' <<<"$out")" -eq 1
expect "a higher limit passes it" python3 "$checker" --limit 83 "$lab"

finish
