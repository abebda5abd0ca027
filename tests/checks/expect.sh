# Sourced by the checker tests: a scratch folder removed on exit ($lab), and
# `expect DESCRIPTION COMMAND...`, which prints ok or FAILED and counts the failures; `finish`
# prints the plain "N passed, N failed" line and fails when any did.
lab=$(mktemp -d)
trap 'rm -rf "$lab"' EXIT
passed=0
failures=0
expect() {
    local what=$1
    shift
    if "$@"; then
        echo "ok: $what"
        passed=$((passed + 1))
    else
        echo "FAILED: $what"
        failures=$((failures + 1))
    fi
}
finish() {
    echo "$passed passed, $failures failed"
    [ "$failures" -eq 0 ]
}
