+incdir+build/gen/rtl
rtl/pcie/vionic_pcie_config_space.v
rtl/pcie/vionic_pcie_completer.v
rtl/pcie/vionic_pcie_endpoint.v
