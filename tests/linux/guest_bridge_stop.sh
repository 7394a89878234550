#!/bin/sh
# guest_bridge_stop.sh: runs inside User-Mode Linux (tests/linux/test_bridge_stop.sh).
# The device's bridge is killed while the driver is up and sending. The kernel sees
# the vhost-user connection end (virtio_uml), removes the PCI device and with it the
# interface, and must stay usable.

n=0
failed=0
tap() { echo "$1" | tee -a /tmp/out/tap; }
check() { desc=$1; shift; n=$((n + 1)); if "$@" >/tmp/check.log 2>&1; then tap "ok $n - $desc"; else failed=$((failed + 1)); tap "not ok $n - $desc"; sed 's/^/#   /' /tmp/check.log | tee -a /tmp/out/tap; fi; }
: > /tmp/out/tap

A=$(ls /sys/bus/pci/devices/0000:00:00.0/virtio*/net/ | head -1)
tap "# interface: $A"
check "the interface is up before the bridge stops" sh -c "ip addr add 10.0.0.1/24 dev $A && ip link set $A up"
ping -i 0.2 -W 1 10.0.0.2 > /dev/null 2>&1 &
pinger=$!
sleep 2
dmesg -c > /dev/null
# run-uml.sh kills the bridge when it sees this line on the console.
echo "VIONIC-KILL-BRIDGE"
polls=0
while [ -e "/sys/class/net/$A" ] && [ $polls -lt 60 ]; do sleep 0.5; polls=$((polls + 1)); done
tap "# the interface was gone after $polls polls of 0.5 s"
check "the kernel removed the vanished device's interface" test ! -e "/sys/class/net/$A"
dmesg > /tmp/out/dmesg.txt
check "the kernel logged the lost connection (virtio_uml)" grep -q "virtio_uml" /tmp/out/dmesg.txt
kill $pinger 2>/dev/null
check "the kernel still answers: ip link" ip link show lo
check "the kernel still answers: a process runs" sh -c 'echo alive > /tmp/alive && grep -q alive /tmp/alive'
check "the kernel still answers: a new network namespace with traffic on lo" \
	sh -c 'ip netns add after && ip netns exec after ip link set lo up && ip netns exec after ping -c 2 -W 1 127.0.0.1'
# Nothing is left to unbind: the device was removed (guest-init must not try).
: > /tmp/out/no-unbind
tap "1..$n"
exit $((failed > 0))
