/* SPDX-License-Identifier: MIT */
#include "tb_sim.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef VIONIC_FW_ITCM
#define VIONIC_FW_ITCM "build/fw/device/vionic.itcm.hex"
#endif
#ifndef VIONIC_FW_DTCM
#define VIONIC_FW_DTCM "build/fw/device/vionic.dtcm.hex"
#endif

const char *tb_fw_itcm(void)
{
	const char *e = getenv("VIONIC_FW_ITCM");
	return e && *e ? e : VIONIC_FW_ITCM;
}

const char *tb_fw_dtcm(void)
{
	const char *e = getenv("VIONIC_FW_DTCM");
	return e && *e ? e : VIONIC_FW_DTCM;
}

void tb_config(struct vsim_config *cfg)
{
	vsim_config_default(cfg);
	cfg->itcm_hex = tb_fw_itcm();
	cfg->dtcm_hex = tb_fw_dtcm();
	const char *v = getenv("VIONIC_TB_VERBOSE");
	cfg->quiet = !(v && *v && *v != '0');
	const char *fst = getenv("VIONIC_TB_FST");
	if (fst && *fst)
		cfg->fst_path = fst;
}

struct vsim *tb_sim_create(const struct vsim_config *cfg)
{
	struct vsim_config c;
	if (!cfg) {
		tb_config(&c);
		cfg = &c;
	}
	struct vsim *sim = vsim_create(cfg);
	if (!sim)
		fprintf(stderr, "vsim_create failed (firmware %s, %s)\n", cfg->itcm_hex, cfg->dtcm_hex);
	return sim;
}

