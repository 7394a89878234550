#!/usr/bin/env bash
# run-uml.sh: boot User-Mode Linux with simulated vionic devices (docs/linux.md).
#
# Starts sim/bridge's vionic-bridge (one Verilator model of the device per socket),
# boots the cached UML kernel (sim/uml/build-kernel.sh) with the host's root file
# system read-only over hostfs, and runs sim/uml/guest-init.sh as init. The guest
# loads the stock virtio_net, then runs a script (--script) or an interactive shell.
# When it is done it unbinds the devices and powers off; the bridge then exits too.
#
# Usage: sim/uml/run-uml.sh [options]
#   --devices N        1 or 2 simulated devices (2: their Ethernet ports are wired
#                      together); default 2
#   --script FILE      run FILE in the guest (a host path; the host's / is the guest's
#                      /) with its output on stdout; without it: interactive shell
#   --out DIR          a host directory the guest can write (mounted at /tmp/out)
#   --timeout S        kill everything after S seconds (default 1200; 0 = none)
#   --halt-grace S     once the guest script has finished, give the kernel S seconds to
#                      halt, then kill it (default 30)
#   --kill-bridge-on S kill the bridge (SIGKILL) when the console prints a line
#                      containing S: a device that vanishes under a running kernel
#   --report FILE      the bridge's final report (key=value) goes here
#   --pcap FILE        the wire between the devices as pcap
#   --lpj N            preset the kernel's delay-loop count (lengthens udelay, and so
#                      virt-pci's read wait); default: the kernel calibrates it
#   --verbose          bridge and firmware messages on stderr
# Exit status: the guest script's (via /tmp/out/exit); 124 on timeout; 125 if the
# script finished but the kernel did not halt within the grace time (both killed);
# 126 if this machine does not let UML use ptrace (its start-up check failed: a
# restricted container), so no test could run at all.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
devices=2 script="" out="" timeout_s=1200 halt_grace=30 kill_on="" report="" pcap="" lpj="" verbose=()
while (($#)); do
    case $1 in
        --devices) devices=$2; shift 2 ;;
        --script) script=$(realpath "$2"); shift 2 ;;
        --out) out=$2; shift 2 ;;
        --timeout) timeout_s=$2; shift 2 ;;
        --halt-grace) halt_grace=$2; shift 2 ;;
        --kill-bridge-on) kill_on=$2; shift 2 ;;
        --report) report=$2; shift 2 ;;
        --pcap) pcap=$2; shift 2 ;;
        --lpj) lpj=$2; shift 2 ;;
        --verbose) verbose=(--verbose); shift ;;
        *) echo "run-uml: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ $devices == 1 || $devices == 2 ]] || { echo "run-uml: --devices is 1 or 2" >&2; exit 2; }

kdir=$("$here/build-kernel.sh" | tail -1)
bridge=${VIONIC_BRIDGE:-$root/build/bridge/vionic-bridge}
[[ -x $bridge ]] || { echo "run-uml: $bridge missing (make bridge)" >&2; exit 1; }
devid=$(sed -n 's/^CONFIG_UML_PCI_OVER_VIRTIO_DEVICE_ID=//p' "$kdir/config")

tmp=$(mktemp -d /tmp/vionic-uml.XXXXXX)
bridge_pid=""
# Every process of this kernel: UML runs several host processes (its threads and the
# address spaces of guest processes); killing only the first leaves the others
# holding the console pipe. They all carry the unique uml_dir on their command line.
kill_kernel() {
    pkill -KILL -f "uml_dir=$tmp( |\$)" 2>/dev/null || true
}
watch_pid=""
cleanup() {
    [[ -n $watch_pid ]] && kill "$watch_pid" 2>/dev/null || true
    kill_kernel
    if [[ -n $bridge_pid ]]; then
        kill -KILL "$bridge_pid" 2>/dev/null || true
        wait "$bridge_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
out=${out:-$tmp/out}
mkdir -p "$out"
rm -f "$out/exit"

sockets=() devargs=()
for ((i = 0; i < devices; i++)); do
    sockets+=(--socket "$tmp/dev$i.sock")
    devargs+=("virtio_uml.device=$tmp/dev$i.sock:$devid")
done
extra=()
[[ -n $report ]] && extra+=(--report "$report")
[[ -n $pcap ]] && extra+=(--pcap "$pcap")
"$bridge" "${sockets[@]}" --once --ready "$tmp/ready" "${extra[@]}" "${verbose[@]}" \
    2> >(if ((${#verbose[@]})); then cat >&2; else cat > "$tmp/bridge.log"; fi) &
bridge_pid=$!
for ((t = 0; t < 300; t++)); do
    [[ -e $tmp/ready ]] && break
    kill -0 "$bridge_pid" 2>/dev/null || { echo "run-uml: the bridge did not start" >&2; exit 1; }
    sleep 0.1
done

# UML's virt-pci waits for a read's answer 40000 times udelay(1) (about 40 ms) and
# then gives up with a WARNING "um virt-pci delay". The kernel calibrates udelay
# itself; --lpj presets it (a larger value stretches the wait; it must stay below
# 2^32 / 25, UML's __const_udelay). tests/linux/test_net.sh presets a value several
# times the calibration, so the wall-clock wait does not depend on the machine's
# speed, and checks the answer time in device cycles (docs/linux.md, "Read timeout").
# loglevel=4: warnings and errors still reach the console.
cmdline=(mem=384M ${lpj:+lpj=$lpj} loglevel=4 rootfstype=hostfs rootflags=/ ro
    init="$here/guest-init.sh" uml_dir="$tmp" "${devargs[@]}"
    VIONIC_MODULES="$kdir/modules" VIONIC_OUT_HOST="$out" VIONIC_SCRIPT="$script")
if [[ -z $script ]]; then
    cmdline+=(con=null con0=fd:0,fd:1)
    "$kdir/linux" "${cmdline[@]}" || true
else
    cmdline+=(con=null con0=null,fd:1)
    # The watchdog: the whole run is bounded (--timeout), and so is the halt once the
    # guest has written its exit status (--halt-grace).
    (
        start=$SECONDS done_at=""
        while sleep 0.5; do
            if ((timeout_s > 0 && SECONDS - start >= timeout_s)); then
                : > "$tmp/timed-out"; kill_kernel; exit 0
            fi
            if [[ -z $done_at && -f $out/exit ]]; then done_at=$SECONDS; fi
            if [[ -n $done_at ]] && ((SECONDS - done_at >= halt_grace)); then
                : > "$tmp/halt-hung"; kill_kernel; exit 0
            fi
        done
    ) &
    watch_pid=$!
    set +e
    # stderr too: UML's start-up checks (os_info) and fatal messages go there. The
    # subshell's own stderr is dropped: only bash's "Killed" job notices go there.
    (
        "$kdir/linux" "${cmdline[@]}" < /dev/null 2>&1 | while IFS= read -r line; do
            printf '%s\n' "$line"
            [[ $line == Checking* ]] && printf '%s\n' "$line" >> "$tmp/startup-checks"
            if [[ -n $kill_on && $line == *"$kill_on"* ]]; then
                kill -KILL "$bridge_pid" 2>/dev/null && echo "run-uml: bridge killed"
            fi
        done
    ) 2>/dev/null
    set -e
    kill "$watch_pid" 2>/dev/null || true
    wait "$watch_pid" 2>/dev/null || true
    watch_pid=""
    if [[ ! -f $out/exit ]] && grep -q '^Checking that ptrace' "$tmp/startup-checks" 2>/dev/null &&
        ! grep -q '^Checking that ptrace can change system call numbers\.\.\.OK' "$tmp/startup-checks"; then
        echo "run-uml: this machine does not let User-Mode Linux use ptrace:" \
            "$(grep '^Checking that ptrace' "$tmp/startup-checks" | head -1)" >&2
        exit 126
    fi
    if [[ -e $tmp/timed-out ]]; then
        echo "run-uml: timed out after ${timeout_s}s" >&2
        [[ -f $tmp/bridge.log ]] && tail -20 "$tmp/bridge.log" >&2
        exit 124
    fi
    if [[ -e $tmp/halt-hung ]]; then
        echo "run-uml: the guest script finished (exit $(cat "$out/exit")) but the kernel" \
            "did not halt within ${halt_grace}s; killed" >&2
        exit 125
    fi
fi
# The bridge exits by itself (--once) once every kernel has disconnected.
for ((t = 0; t < 100; t++)); do
    kill -0 "$bridge_pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$bridge_pid" 2>/dev/null; then
    kill -INT "$bridge_pid"
    sleep 1
fi
wait "$bridge_pid" 2>/dev/null || true
bridge_pid=""
[[ -f $tmp/bridge.log && -n $report ]] && cp "$tmp/bridge.log" "$report.log"
[[ -f $out/exit ]] || { echo "run-uml: the guest did not finish its script" >&2; exit 1; }
exit "$(cat "$out/exit")"
