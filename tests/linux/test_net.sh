#!/usr/bin/env bash
# test_net.sh: the stock Linux virtio_net against two simulated vionic devices in
# User-Mode Linux (docs/linux.md). Boots the guest with tests/linux/guest_net.sh and
# prints its TAP; the guest console goes to the output as TAP comments. Needs the UML
# kernel (sim/uml/build-kernel.sh, cached) and build/bridge/vionic-bridge.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/common.sh"
# The device's answer time is checked in device cycles (below), a figure of the RTL and
# firmware alone. The kernel's own wait for a read (virt-pci: 40000 x udelay(1)) is in
# wall time, and the simulator's speed depends on the machine (about 250,000 cycles/s
# here, less on a slow or shared CI runner): --lpj presets udelay's loop count so the
# wait is several times the kernel's own calibration on any x86 host, and a slow
# machine cannot turn a read into all ones (docs/linux.md, "Read timeout").
# VIONIC_LINUX_LPJ= (empty) runs with the kernel's own calibration.
run_guest guest_net.sh --devices 2 --lpj "${VIONIC_LINUX_LPJ-160000000}" \
    --timeout "${VIONIC_LINUX_TIMEOUT:-900}"
[[ -f $out/report.txt ]] && grep -E 'cycles_per_s|simulated_ms|wall_s|msis|mmio_(reads|writes)|max_(cmd_backlog|read_cycles|read_ms)|eth_(tx|rx)_frames' \
    "$out/report.txt" | sed 's/^/# measure: bridge /'
# The guest's results without its plan: the plan printed last covers all.
grep -v '^1\.\.' "$out/tap" 2>/dev/null
if ((rc != 0)); then
    echo "# run-uml exited with $rc"
    grep -q '^1\.\.' "$out/tap" 2>/dev/null || echo "not ok - the guest script did not finish (exit $rc)"
fi
n=$(grep -c '^\(not \)\?ok' "$out/tap" 2>/dev/null || true)
n=${n:-0}
# Every MMIO read, of either device, answered within READ_BUDGET_CYCLES device cycles
# (40 us at 250 MHz; PCIe's completion timeout default range starts at 50 us).
READ_BUDGET_CYCLES=10000
for dev in dev0 dev1; do
    n=$((n + 1))
    cyc=$(sed -n "s/^$dev\.max_read_cycles=//p" "$out/report.txt" 2>/dev/null)
    if [[ -n $cyc ]] && ((cyc <= READ_BUDGET_CYCLES)); then
        echo "ok $n - $dev answered every MMIO read within $READ_BUDGET_CYCLES cycles (longest $cyc)"
    else
        echo "not ok $n - $dev answered every MMIO read within $READ_BUDGET_CYCLES cycles (longest ${cyc:-unknown: no report})"
        rc=1
    fi
done
echo "1..$n"
exit "$rc"
