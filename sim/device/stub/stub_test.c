/* SPDX-License-Identifier: MIT */
/*
 * stub_test - checks the simulator's Verilator adapter against the stand-in device
 * sim/device/stub/vionic_device.v (see there for its behaviour): CRS retry, per-model
 * plusargs with two models in one process, access sizes, DMA through host memory,
 * MSI capture, console, FST. TAP output. Usage: stub_test [WORKDIR]; without one the
 * images and the waveform go to a temporary directory that is removed at the end.
 */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vionic_sim.h"

static int n_test, n_failed;

static void ok(int cond, const char *name)
{
	n_test++;
	if (!cond)
		n_failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n_test, name);
}

static int write_hex(const char *path, uint32_t word)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%08" PRIx32 "\n", word);
	return fclose(f);
}

int main(int argc, char **argv)
{
	char tmp[] = "/tmp/vsim_stub.XXXXXX";
	const char *dir = argc > 1 ? argv[1] : mkdtemp(tmp);
	if (argc > 2 || !dir) {
		fprintf(stderr, "usage: %s [WORKDIR]\n", argv[0]);
		return 2;
	}
	char a_itcm[512], b_itcm[512], dtcm[512], fst[512];
	snprintf(a_itcm, sizeof a_itcm, "%s/a.itcm.hex", dir);
	snprintf(b_itcm, sizeof b_itcm, "%s/b.itcm.hex", dir);
	snprintf(dtcm, sizeof dtcm, "%s/dtcm.hex", dir);
	snprintf(fst, sizeof fst, "%s/a.fst", dir);
	if (write_hex(a_itcm, 0xaaaa0001) || write_hex(b_itcm, 0xbbbb0002) || write_hex(dtcm, 0)) {
		perror("write images");
		return 2;
	}

	struct vsim_config cfg;
	vsim_config_default(&cfg);
	cfg.quiet = 1;
	cfg.itcm_hex = a_itcm;
	cfg.dtcm_hex = dtcm;
	cfg.fst_path = fst;
	struct vsim *a = vsim_create(&cfg);
	cfg.itcm_hex = b_itcm;
	cfg.fst_path = NULL;
	cfg.crs_retry_cycles = 0;
	struct vsim *b = vsim_create(&cfg);
	ok(a && b, "two models created");
	if (!a || !b)
		return 1;

	uint32_t v = 0;
	ok(vsim_cfg_read(b, 0, 0, 4, &v) == VSIM_ECRS, "CRS returned when retry is off");
	ok(vsim_cfg_read(a, 0, 0, 4, &v) == 0 && v == 0x10411af4, "config read retried past CRS");
	ok(vsim_cycles(a) > 200, "CRS retries took simulated time");
	ok(vsim_cfg_read(a, 0, 2, 2, &v) == 0 && v == 0x1041, "config read 2 bytes at offset 2");
	ok(vsim_cfg_read(a, 0, 4, 4, &v) == 0 && v == 0xaaaa0001, "model a sees its own +itcm=");
	vsim_run(b, 300);
	ok(vsim_cfg_read(b, 0, 4, 4, &v) == 0 && v == 0xbbbb0002, "model b sees its own +itcm=");
	ok(vsim_cfg_write(a, 0, 4, 2, 0x6) == 0, "config write completes");
	ok(vsim_cfg_read(a, 0, 3, 2, &v) == VSIM_EINVAL, "misaligned config read rejected");

	uint64_t q = 0;
	ok(vsim_mmio_read(a, 0x80000010, 4, &q) == 0 && q == 0x80000010, "mmio read 4");
	ok(vsim_mmio_read(a, 0x80000012, 2, &q) == 0 && q == 0x8000, "mmio read 2 at +2");
	ok(vsim_mmio_read(a, 0x80000013, 1, &q) == 0 && q == 0x80, "mmio read 1 at +3");
	ok(vsim_mmio_read(a, 0x80000018, 8, &q) == 0 && q == 0x8000001c80000018ull, "mmio read 8");
	uint32_t raw[5];
	ok(vsim_mem_read_raw(a, 0x80000100, 5, 0xf, 0xf, raw) == 0 && raw[0] == 0x80000100 &&
		   raw[4] == 0x80000110,
	   "raw 5-DW read");

	uint8_t src[64], dst[64];
	for (int i = 0; i < 64; i++)
		src[i] = (uint8_t)(i * 3 + 1);
	const uint64_t buf = vsim_mem_alloc(a, 64, 64);
	ok(buf == 0x100000, "first allocation at the base of host memory");
	ok(vsim_mem_write(a, buf, src, sizeof src) == 0, "host memory write");
	ok(vsim_mmio_write(a, 0x1000, 4, 16) == 0, "posted write queued");
	struct vsim_msi msi;
	ok(vsim_wait_msi(a, 10000, &msi) == 0 && msi.addr == 0xfee00000 && msi.data == 0x55, "MSI captured");
	ok(vsim_mem_read(a, 0x100800, dst, sizeof dst) == 0 && memcmp(src, dst, sizeof src) == 0,
	   "device DMA copied host memory");
	ok(vsim_wait_msi(a, 100, &msi) == VSIM_ETIMEDOUT, "no second MSI");
	ok(vsim_mmio_write(a, 0x2000, 4, 1) == 0 && vsim_flush_writes(a) == 0, "flush");

	struct vsim_stats st;
	vsim_get_stats(a, &st);
	ok(st.dma_reads == 1 && st.dma_writes == 1 && st.msi_count == 1 && st.dma_errors == 0,
	   "DMA statistics");
	ok(st.protocol_errors == 0, "no protocol errors");
	if (st.protocol_errors)
		printf("# %s\n", vsim_last_error(a));
	ok(strcmp(vsim_console(a), "stub up\n") == 0, "console collected");
	ok(vsim_mem_alloc(a, 128ull << 20, 8) == 0, "allocation beyond host memory fails");

	vsim_destroy(a);
	vsim_destroy(b);
	FILE *f = fopen(fst, "r");
	ok(f != NULL, "FST written");
	if (f)
		fclose(f);
	if (argc == 1) {
		remove(a_itcm);
		remove(b_itcm);
		remove(dtcm);
		remove(fst);
		rmdir(dir);
	}
	printf("1..%d\n", n_test);
	return n_failed ? 1 : 0;
}
