# common.sh: sourced by tests/linux/test_*.sh (which set $here and $root first).
#
# run_guest GUEST_SCRIPT [run-uml.sh options]: boots User-Mode Linux with
# tests/linux/GUEST_SCRIPT (sim/uml/run-uml.sh), results in $out (removed at exit;
# the bridge's report in $out/report.txt), the console printed as TAP comments, the
# exit status in $rc. run-uml.sh exits 126 when this machine does not let UML use
# ptrace (a restricted container): no check could run, which ends the test with one
# skipped result carrying UML's own start-up line, never a pass.
run_guest() {
    local script=$1
    shift
    out=$(mktemp -d /tmp/vionic-linux-test.XXXXXX)
    trap 'rm -rf "$out"' EXIT
    "$root/sim/uml/run-uml.sh" --script "$here/$script" --out "$out" \
        --report "$out/report.txt" "$@" > "$out/console" 2>&1
    rc=$?
    sed 's/^/# console: /' "$out/console"
    if ((rc == 126)); then
        echo "ok 1 - User-Mode Linux boots # SKIP $(grep -m1 'does not let' "$out/console" | sed 's/^run-uml: //')"
        echo "1..1"
        exit 0
    fi
}
