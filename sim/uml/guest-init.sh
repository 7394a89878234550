#!/bin/sh
# guest-init.sh: init (PID 1) of the User-Mode Linux guest started by run-uml.sh.
#
# The root file system is the host's, read-only (hostfs); everything writable is
# tmpfs. The kernel command line passes (as environment):
#   VIONIC_MODULES   host directory with the kernel's modules (virtio_net ...)
#   VIONIC_OUT_HOST  host directory mounted read-write at /tmp/out (results)
#   VIONIC_SCRIPT    script to run, or empty for an interactive shell
# Then the devices are unbound (UML 6.1 hangs at halt with a PCI device still bound,
# as observed here) and the machine powers off.

export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t tmpfs run /run
# The guest's /tmp is its own tmpfs, which hides the host's /tmp; a checkout or a
# kernel cache under the host's /tmp stays reachable at /run/host-tmp.
mkdir -p /run/host-tmp /run/netns
mount --bind /tmp /run/host-tmp
mount -t tmpfs tmp /tmp
mkdir -p /tmp/out
host_path() {
	case $1 in
	/tmp/*) echo "/run/host-tmp/${1#/tmp/}" ;;
	*) echo "$1" ;;
	esac
}
VIONIC_MODULES=$(host_path "$VIONIC_MODULES")
[ -n "$VIONIC_SCRIPT" ] && VIONIC_SCRIPT=$(host_path "$VIONIC_SCRIPT")
export VIONIC_MODULES VIONIC_SCRIPT
mount -t hostfs none /tmp/out -o "$VIONIC_OUT_HOST"
hostname vionic-uml
ip link set lo up

for m in failover net_failover virtio_net; do
	insmod "$VIONIC_MODULES/$m.ko" || echo "guest-init: insmod $m failed"
done

if [ -n "$VIONIC_SCRIPT" ]; then
	sh "$VIONIC_SCRIPT"
	echo $? > /tmp/out/exit
else
	echo
	echo "vionic: User-Mode Linux with the stock virtio_net on simulated vionic devices."
	echo "vionic: try 'ip -br link', 'lspci -vvv', 'ethtool -i eth0'; 'exit' powers off."
	setsid sh -c 'exec sh -i </dev/console >/dev/console 2>&1'
	echo 0 > /tmp/out/exit
fi

[ -e /tmp/out/no-unbind ] || for dev in /sys/bus/pci/drivers/virtio-pci/0000:*; do
	[ -e "$dev" ] && echo "${dev##*/}" > /sys/bus/pci/drivers/virtio-pci/unbind
done
umount /tmp/out
exec busybox poweroff -f
