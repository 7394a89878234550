#!/usr/bin/env bash
# test_net.sh: the stock Linux virtio_net against two simulated vionic devices in
# User-Mode Linux (docs/linux.md). Boots the guest with tests/linux/guest_net.sh and
# prints its TAP; the guest console goes to the output as TAP comments. Needs the UML
# kernel (sim/uml/build-kernel.sh, cached) and build/bridge/vionic-bridge.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/common.sh"
run_guest guest_net.sh --devices 2 --timeout "${VIONIC_LINUX_TIMEOUT:-900}"
[[ -f $out/report.txt ]] && grep -E 'cycles_per_s|simulated_ms|wall_s|msis|mmio_(reads|writes)|max_(cmd_backlog|read_cycles|read_ms)|eth_(tx|rx)_frames' \
    "$out/report.txt" | sed 's/^/# measure: bridge /'
cat "$out/tap" 2>/dev/null
if ((rc != 0)); then
    echo "# run-uml exited with $rc"
    grep -q '^1\.\.' "$out/tap" 2>/dev/null || echo "not ok - the guest script did not finish (exit $rc)"
fi
exit "$rc"
