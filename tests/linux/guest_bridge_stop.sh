#!/bin/sh
# guest_bridge_stop.sh: runs inside User-Mode Linux (tests/linux/test_bridge_stop.sh).
# The device's bridge is killed while the driver is up and sending; the kernel must
# stay usable, report the failure, and remove the device cleanly at shutdown.

n=0
failed=0
tap() { echo "$1" | tee -a /tmp/out/tap; }
check() { desc=$1; shift; n=$((n + 1)); if "$@" >/tmp/check.log 2>&1; then tap "ok $n - $desc"; else failed=$((failed + 1)); tap "not ok $n - $desc"; sed 's/^/#   /' /tmp/check.log; fi; }
: > /tmp/out/tap

A=$(ls /sys/bus/pci/devices/0000:00:00.0/virtio*/net/ | head -1)
check "interface up before the bridge stops" sh -c "ip addr add 10.0.0.1/24 dev $A && ip link set $A up"
ping -i 0.2 -W 1 10.0.0.2 > /dev/null 2>&1 &
sleep 2
# run-uml.sh kills the bridge when it sees this line on the console.
echo "VIONIC-KILL-BRIDGE"
sleep 5
kill $! 2>/dev/null
check "the kernel still answers: ip link" ip link show "$A"
check "the kernel still answers: a process runs" sh -c 'echo alive > /tmp/alive && grep -q alive /tmp/alive'
check "reading the vanished device's features still returns" sh -c 'cat /sys/bus/pci/devices/0000:00:00.0/virtio*/features'
# No unbind: virtio_pci's reset would poll device_status (all ones from a vanished
# device) for ever (drivers/virtio/virtio_pci_modern.c, vp_reset). guest-init powers off.
: > /tmp/out/no-unbind
tap "1..$n"
exit $((failed > 0))
