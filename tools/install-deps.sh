#!/usr/bin/env bash
# install-deps.sh: install what vionic needs to build, simulate, synthesize and test.
#
# Idempotent: if every Debian package is already installed it does nothing and prints
# one line. Otherwise it runs 'apt-get update' once and installs only what is missing.
# Versions are whatever Debian bookworm ships (Verilator 5.006, Yosys 0.23, GCC 12):
# nothing is pinned or downloaded from outside the distribution.
# Python: the tools use only the standard library, but need tomllib (Python >= 3.11).

set -euo pipefail

PACKAGES=(
    make
    g++
    python3
    verilator                      # lint and the cycle-accurate simulator
    zlib1g-dev                     # Verilator FST waveform traces
    yosys                          # synthesis (generic and Xilinx UltraScale+ flows)
    gcc-riscv64-unknown-elf        # firmware (rv32im, -march/-mabi select 32-bit)
    binutils-riscv64-unknown-elf
    picolibc-riscv64-unknown-elf   # small C library for the firmware
    git                            # tools/run_tests.py compares generated docs with git
    # User-Mode Linux against the simulated device (docs/linux.md)
    linux-source-6.1               # the kernel source (sim/uml/build-kernel.sh)
    bc flex bison xz-utils         # what a kernel build needs
    busybox-static                 # nc, poweroff in the guest
    kmod                           # insmod in the guest (virtio_net and its modules)
    iproute2 ethtool pciutils iputils-ping coreutils  # the guest's tools (host root over hostfs)
)

is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

tool_versions() {
    echo "verilator $(verilator --version | awk '{print $2}'), yosys $(yosys -V | awk '{print $2}')," \
         "riscv64-unknown-elf-gcc $(riscv64-unknown-elf-gcc -dumpversion)"
}

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#PACKAGES[@]} packages installed ($(tool_versions))"
else
    sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || { echo "install-deps: not root and no sudo" >&2; exit 1; }
        sudo=(sudo)
    fi
    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    for pkg in "${missing[@]}"; do
        is_installed "$pkg" || { echo "install-deps: $pkg failed to install" >&2; exit 1; }
        echo "install-deps: installed $pkg $(dpkg-query -W -f='${Version}' "$pkg")"
    done
    echo "install-deps: $(tool_versions)"
fi

# tomllib (register sources, test expectations) arrived in Python 3.11.
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "install-deps: python3 >= 3.11 is required (found $(python3 --version 2>&1))" >&2
    exit 1
fi
