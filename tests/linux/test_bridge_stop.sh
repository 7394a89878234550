#!/usr/bin/env bash
# test_bridge_stop.sh: a device that vanishes under a running kernel (its bridge is
# killed with SIGKILL while the driver is sending). The guest's checks
# (tests/linux/guest_bridge_stop.sh) come back as TAP; this side adds that the bridge
# was killed, that the whole run ended by itself in bounded time with no process
# left, and whether the kernel halted by itself.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/common.sh"
# --lpj as in test_net.sh: virt-pci's read wait is wall time, and on a loaded machine
# the default calibration let a probe read run out (no interface; docs/linux.md
# "Read timeout").
run_guest guest_bridge_stop.sh --devices 1 --kill-bridge-on VIONIC-KILL-BRIDGE \
    --lpj "${VIONIC_LINUX_LPJ-160000000}" --timeout "${VIONIC_LINUX_TIMEOUT:-300}" --halt-grace 15
[[ -f $out/dmesg.txt ]] && grep -E 'WARNING|returned|virtio_uml|virt-pci' "$out/dmesg.txt" |
    sort -u -k3 | head -6 | sed 's/^/# dmesg: /'
# The guest's results without its plan: the plan printed last covers all.
grep -v '^1\.\.' "$out/tap" 2>/dev/null
n=$(grep -c '^\(not \)\?ok' "$out/tap" 2>/dev/null || true)
n=${n:-0}
failed=0
result() { n=$((n + 1)); if [[ $1 == ok ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }
grep -q "run-uml: bridge killed" "$out/console" && result ok "the bridge was killed under the running kernel" ||
    result fail "the bridge was killed under the running kernel"
[[ $rc != 124 ]] && result ok "the run ended by itself (no timeout)" || result fail "the run ended by itself (no timeout)"
if pgrep -f "uml_dir=/tmp/vionic-uml" > /dev/null; then
    result fail "no kernel process is left behind"
else
    result ok "no kernel process is left behind"
fi
n=$((n + 1))
case $rc in
    0) echo "ok $n - the kernel halted by itself" ;;
    125)
        # Linux 6.1's virtio_pci removes a device with vp_reset(), which polls
        # device_status until it reads 0; a removed virt-pci device reads all ones,
        # so the removal never ends, and halt waits for it (docs/linux.md).
        echo "not ok $n - the kernel halted by itself # TODO Linux 6.1 vp_reset() spins on a surprise-removed device; the run killed the kernel 15 s after the script ended"
        ;;
    *) echo "not ok $n - the kernel halted by itself (run-uml exit $rc)"; failed=1 ;;
esac
echo "1..$n"
guest_failed=$(grep -c '^not ok' "$out/tap" 2>/dev/null || true)
exit $((failed || ${guest_failed:-0} > 0))
