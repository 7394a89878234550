/* SPDX-License-Identifier: MIT */
/* tb_sim.h - creating a simulated device for the testbench programs. */
#ifndef TB_SIM_H
#define TB_SIM_H

#include "vionic_sim.h"

/* Firmware image paths: env VIONIC_FW_ITCM / VIONIC_FW_DTCM, else the compiled-in
 * defaults (-DVIONIC_FW_ITCM=... -DVIONIC_FW_DTCM=...). */
const char *tb_fw_itcm(void);
const char *tb_fw_dtcm(void);
/* Defaults + firmware paths; quiet unless env VIONIC_TB_VERBOSE is set. */
void tb_config(struct vsim_config *cfg);
/* vsim_create with tb_config (cfg may be NULL); NULL on error (message printed). */
struct vsim *tb_sim_create(const struct vsim_config *cfg);


#endif
