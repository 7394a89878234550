# common.sh: sourced by tests/linux/test_*.sh.
#
# skip_if_no_uml RC CONSOLE: run-uml.sh exits 126 when this machine does not let
# User-Mode Linux use ptrace (a restricted container): no check could run, which
# is reported as a skipped test with UML's own start-up line, never as a pass.
skip_if_no_uml() {
    if (($1 == 126)); then
        echo "ok 1 - User-Mode Linux boots # SKIP $(grep -m1 'does not let' "$2" | sed 's/^run-uml: //')"
        echo "1..1"
        exit 0
    fi
}
