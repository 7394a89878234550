/* SPDX-License-Identifier: MIT */
/*
 * vsim_smoke - the smallest user of the device simulator library: boots the device
 * with the given firmware, reads the vendor/device ID dword of function 0 and runs a
 * little longer. Exit 0 if it is the virtio-net function (0x1af4/0x1041).
 *
 *   vsim_smoke ITCM.hex DTCM.hex [FST]
 */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "vionic/pcie_config_regs.h"
#include "vionic_sim.h"

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: %s ITCM.hex DTCM.hex [trace.fst]\n", argv[0]);
		return 2;
	}
	struct vsim_config cfg;
	vsim_config_default(&cfg);
	cfg.itcm_hex = argv[1];
	cfg.dtcm_hex = argv[2];
	cfg.fst_path = argc > 3 ? argv[3] : NULL;
	struct vsim *sim = vsim_create(&cfg);
	if (!sim)
		return 2;

	const clock_t t0 = clock();
	uint32_t id = 0;
	int err = vsim_cfg_read(sim, 0, 0, 4, &id);
	const double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	const uint64_t cycles = vsim_cycles(sim);
	if (err)
		printf("config read of function 0 failed: %s (after %" PRIu64 " cycles)\n", vsim_strerror(err),
		       cycles);
	else
		printf("function 0 vendor 0x%04x device 0x%04x (after %" PRIu64 " cycles, %.0f cycles/s)\n",
		       id & 0xffff, id >> 16, cycles, secs > 0 ? cycles / secs : 0.0);
	vsim_run(sim, 1000);

	uint32_t code;
	if (vsim_halted(sim, &code))
		printf("firmware halted with code %" PRIu32 "\n", code);
	vsim_destroy(sim);
	return err == 0 && (id & 0xffff) == VIONIC_PCIE_CONFIG_VENDOR_ID &&
			       (id >> 16) == VIONIC_PCIE_CONFIG_DEVICE_ID_NET
		       ? 0
		       : 1;
}
