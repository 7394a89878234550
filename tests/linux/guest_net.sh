#!/bin/sh
# guest_net.sh: runs inside User-Mode Linux (tests/linux/test_net.sh) with two
# simulated vionic devices whose Ethernet ports are wired together. The stock
# virtio_pci and virtio_net drive them; device B's interface lives in its own network
# namespace, so traffic between 10.0.0.1 and 10.0.0.2 crosses both devices' RTL.
# TAP on stdout and in /tmp/out/tap; figures as "# measure:" comments.

n=0
failed=0
tap() { echo "$1" | tee -a /tmp/out/tap; }
ok() { n=$((n + 1)); tap "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); tap "not ok $n - $1"; }
check() { desc=$1; shift; if "$@" >/tmp/check.log 2>&1; then ok "$desc"; else not_ok "$desc"; sed 's/^/#   /' /tmp/check.log; fi; }
note() { tap "# $*"; }
NS="ip netns exec peer"
A_PCI=0000:00:00.0
B_PCI=0000:00:01.0
ifname() { ls "/sys/bus/pci/devices/$1"/virtio*/net/ 2>/dev/null | head -1; }
rx_packets() { cat "/sys/class/net/$1/statistics/rx_packets"; }
tx_packets() { cat "/sys/class/net/$1/statistics/tx_packets"; }

: > /tmp/out/tap

# ---- binding and identity
check "virtio_pci binds device A" test -e /sys/bus/pci/drivers/virtio-pci/$A_PCI
check "virtio_pci binds device B" test -e /sys/bus/pci/drivers/virtio-pci/$B_PCI
lspci -vvv -s 00:00.0 > /tmp/lspci.txt 2>/dev/null
check "lspci shows the virtio common, notify, ISR and device capabilities" \
	sh -c 'grep -q "VirtIO: CommonCfg" /tmp/lspci.txt && grep -q "VirtIO: Notify" /tmp/lspci.txt &&
	       grep -q "VirtIO: ISR" /tmp/lspci.txt && grep -q "VirtIO: DeviceCfg" /tmp/lspci.txt'
check "lspci shows MSI-X and PCI Express capabilities" \
	sh -c 'grep -q "MSI-X: Enable+" /tmp/lspci.txt && grep -q "Express (v2) Endpoint" /tmp/lspci.txt'
A=$(ifname $A_PCI)
B=$(ifname $B_PCI)
note "interfaces: A=$A B=$B"
check "virtio_net created an interface for each device" test -n "$A" -a -n "$B"
check "the MAC comes from the device configuration (02:76:69:00:00:01)" \
	grep -qx 02:76:69:00:00:01 /sys/class/net/$A/address
check "ethtool -i names virtio_net" sh -c "ethtool -i $A | grep -qx 'driver: virtio_net'"
feat=$(cat /sys/bus/pci/devices/$A_PCI/virtio*/features)
bit() { [ "$(echo "$feat" | cut -c$(($1 + 1)))" = 1 ]; }
note "negotiated features: $feat"
if bit 32 && bit 34; then ok "negotiated features include VERSION_1 (32) and RING_PACKED (34)"; else not_ok "negotiated features include VERSION_1 (32) and RING_PACKED (34)"; fi
if bit 17 && bit 18 && bit 22 && bit 23; then ok "negotiated CTRL_VQ, CTRL_RX, MQ, CTRL_MAC_ADDR"; else not_ok "negotiated CTRL_VQ, CTRL_RX, MQ, CTRL_MAC_ADDR"; fi

# ---- the link: B in its own namespace, its MAC changed through the control queue
ip netns add peer
ip link set "$B" netns peer
check "MAC change through the control queue (MAC_ADDR_SET)" $NS ip link set "$B" address 02:76:69:00:01:01
check "device B reports its new MAC" sh -c "$NS cat /sys/class/net/$B/address | grep -qx 02:76:69:00:01:01"
ip addr add 10.0.0.1/24 dev "$A"
ip link set "$A" up
$NS ip addr add 10.0.0.2/24 dev "$B"
$NS ip link set "$B" up
$NS ip link set lo up
sleep 1

ping_ok() {
	ping -c "$1" -i 0.2 -W 5 "${3:-10.0.0.2}" ${2:+-s $2} > /tmp/ping.txt 2>&1 &&
		grep -q " 0% packet loss" /tmp/ping.txt && return 0
	cat /tmp/ping.txt; ip -s link show "$A"; dmesg | tail -5
	return 1
}
check "ping A -> B through both devices, 0% loss" ping_ok 10
note "measure: ping $(grep -E 'round-trip|rtt' /tmp/ping.txt)"

# ---- statistics count what was sent (the wire has only these two ends)
a_tx=$(tx_packets "$A"); b_rx=$($NS cat /sys/class/net/$B/statistics/rx_packets)
ping -c 20 -i 0.05 -W 5 10.0.0.2 > /dev/null 2>&1
a_tx2=$(tx_packets "$A"); b_rx2=$($NS cat /sys/class/net/$B/statistics/rx_packets)
note "A tx +$((a_tx2 - a_tx)), B rx +$((b_rx2 - b_rx))"
check "A's tx_packets and B's rx_packets both grew by what was sent (>= 20, equal)" \
	test $((a_tx2 - a_tx)) -ge 20 -a $((a_tx2 - a_tx)) -eq $((b_rx2 - b_rx))

# ---- TCP: several MB, checked end to end
dd if=/dev/urandom of=/tmp/tx.bin bs=1M count=4 2>/dev/null
# busybox nc stops at its stdin's end: the receiver's stdin is a FIFO held open.
mkfifo /tmp/hold
$NS sh -c 'exec 3<>/tmp/hold; busybox nc -l -p 5001 <&3 > /tmp/rx.bin' &
srv=$!
sleep 1
t0=$(date +%s.%N)
busybox nc -w 30 10.0.0.2 5001 < /tmp/tx.bin
wait $srv
t1=$(date +%s.%N)
note "received $(wc -c < /tmp/rx.bin) of $(wc -c < /tmp/tx.bin) bytes"
check "TCP transfer of 4 MiB arrives intact (sha256)" \
	test "$(sha256sum < /tmp/tx.bin)" = "$(sha256sum < /tmp/rx.bin)"
note "measure: tcp 4194304 bytes in $(echo "$t1 - $t0" | bc) s = $(echo "scale=2; 4194304 * 8 / ($t1 - $t0) / 1000000" | bc) Mbit/s"

# ---- MTU
check "MTU 1400 on both ends" sh -c "ip link set $A mtu 1400 && $NS ip link set $B mtu 1400"
check "ping with 1372-byte payload at MTU 1400" ping_ok 3 1372
check "MTU above the device's (1500 in device config) is refused" sh -c "! ip link set $A mtu 1600"
ip link set "$A" mtu 1500; $NS ip link set "$B" mtu 1500
check "ping with 1472-byte payload at MTU 1500" ping_ok 3 1472

# ---- down / up
ip link set "$A" down
ip link set "$A" up
sleep 1
check "ip link set down/up, traffic again" ping_ok 3

# ---- multiqueue through the control queue (MQ_VQ_PAIRS_SET)
check "ethtool -L combined 4" ethtool -L "$A" combined 4
check "ethtool -l reports 4 combined channels" sh -c "ethtool -l $A | tail -5 | grep -q 'Combined:.*4'"
check "traffic with 4 queue pairs" ping_ok 10
check "ethtool -L combined 1" ethtool -L "$A" combined 1
check "traffic with 1 queue pair" ping_ok 3

# ---- promiscuous mode through the control queue (RX_PROMISC): a frame to a MAC that
# is neither B's nor broadcast is dropped by B's filter unless B is promiscuous.
ip neigh replace 10.0.0.99 lladdr 02:00:00:00:00:99 dev "$A"
before=$($NS cat /sys/class/net/$B/statistics/rx_packets)
ping -c 5 -i 0.1 -W 1 10.0.0.99 > /dev/null 2>&1
after=$($NS cat /sys/class/net/$B/statistics/rx_packets)
note "B rx +$((after - before)) for another MAC"
check "B's filter drops frames for another MAC" test "$after" -eq "$before"
$NS ip link set "$B" promisc on
before=$($NS cat /sys/class/net/$B/statistics/rx_packets)
ping -c 5 -i 0.1 -W 1 10.0.0.99 > /dev/null 2>&1
after=$($NS cat /sys/class/net/$B/statistics/rx_packets)
note "B rx +$((after - before)) for another MAC in promiscuous mode"
check "promiscuous B receives them" test $((after - before)) -ge 5
$NS ip link set "$B" promisc off

# ---- module unload and reload: both devices reset and re-initialised
rmmod virtio_net
check "rmmod virtio_net removes the interfaces" sh -c "! ls /sys/class/net | grep -q eth"
insmod "$VIONIC_MODULES/virtio_net.ko"
sleep 1
ip netns del peer; ip netns add peer
A=$(ifname $A_PCI); B=$(ifname $B_PCI)
check "insmod virtio_net brings both back" test -n "$A" -a -n "$B"
ip link set "$B" netns peer
ip addr add 10.0.0.1/24 dev "$A"; ip link set "$A" up
$NS ip addr add 10.0.0.2/24 dev "$B"; $NS ip link set "$B" up
$NS ip link set "$B" address 02:76:69:00:01:01
sleep 1
check "traffic after the reload" ping_ok 5

# ---- a device reset (function level reset) while traffic runs
ping -f -c 100000 -W 1 10.0.0.2 > /dev/null 2>&1 &
flood=$!
sleep 2
check "reset of device A (sysfs reset, FLR) during a ping flood" \
	sh -c "echo 1 > /sys/bus/pci/devices/$A_PCI/reset"
sleep 2
kill $flood 2>/dev/null; wait $flood 2>/dev/null
check "the kernel unbinds the reset device cleanly" \
	sh -c "echo $A_PCI > /sys/bus/pci/drivers/virtio-pci/unbind"
check "and binds it again" sh -c "echo $A_PCI > /sys/bus/pci/drivers/virtio-pci/bind"
sleep 1
A=$(ifname $A_PCI)
ip addr add 10.0.0.1/24 dev "$A"; ip link set "$A" up
sleep 1
check "traffic after reset and rebind" ping_ok 5

# ---- every MMIO read was answered within virt-pci's wait (40000 x udelay(1), with
# the loop count test_net.sh presets): a late answer is logged as "um virt-pci delay"
# and the read returns all ones. The device's answer time in cycles is checked by
# test_net.sh from the bridge's report.
note "$(dmesg | grep -m1 'Calibrating delay')"
dmesg | grep -i 'virt-pci delay' | head -3
check "no MMIO read ran out of virt-pci's wait (no 'um virt-pci delay' logged)" \
	sh -c "! dmesg | grep -qi 'virt-pci delay'"

tap "1..$n"
exit $((failed > 0))
