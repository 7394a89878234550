/* SPDX-License-Identifier: MIT */
/* end_to_end: the complete Linux-like bring-up, device config, clean firmware console. */
#include <ctype.h>

#include "tb_test.h"

static int has_word_ci(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (; *s; s++) {
		size_t i = 0;
		while (i < n && s[i] && tolower((unsigned char)s[i]) == w[i])
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

int main(void)
{
	struct vp_dev vp;
	struct vsim *sim = tt_open(&vp);
	if (!sim)
		return 1;
	struct vp_queue qs[2];
	const char *step = "";
	uint32_t dev[4];
	vp_reset(&vp);
	tt_offered(&vp, dev);
	int rc = vp_init_full(&vp, NULL, 2, 256, qs, &step);
	tap_ok(rc == 0, "bring-up: reset, features, MSI-X, 2 packed queues, DRIVER_OK (%s%s%s)", vsim_strerror(rc),
	       rc ? " at " : "", rc ? step : "");
	TAP_EQ(vp_get_status(&vp), DS_ACK | DS_DRIVER | DS_FEATURES_OK | DS_DRIVER_OK, "device_status");
	for (unsigned int i = 0; i < 4; i++)
		TAP_EQ(vp_read_driver_feature_word(&vp, i), dev[i], "driver features word %u = everything offered", i);
	for (unsigned int q = 0; q < 2; q++) {
		VP_CWR(&vp, QUEUE_SELECT, q);
		TAP_EQ(VP_CRD(&vp, QUEUE_ENABLE), 1, "queue %u enabled", q);
		TAP_EQ(VP_CRD(&vp, QUEUE_SIZE), 256, "queue %u size", q);
		TAP_EQ(VP_CRD(&vp, QUEUE_MSIX_VECTOR), q + 1, "queue %u vector", q);
	}
	TAP_EQ(VP_CRD(&vp, CONFIG_MSIX_VECTOR), 0, "config vector 0");
	TAP_EQ(vp_msix_ctrl(&vp) & PCI_MSIX_FLAGS_ENABLE, PCI_MSIX_FLAGS_ENABLE, "MSI-X enabled");

	struct vp_net_config nc;
	rc = vp_read_net_config(&vp, &nc);
	tap_ok(rc == 0, "device config read with a stable generation (%s)", vsim_strerror(rc));
	tap_diag("mac %02x:%02x:%02x:%02x:%02x:%02x status 0x%04x mtu %u max_virtqueue_pairs %u",
		 nc.mac[0], nc.mac[1], nc.mac[2], nc.mac[3], nc.mac[4], nc.mac[5], nc.status, nc.mtu,
		 nc.max_virtqueue_pairs);
	int mac_zero = !(nc.mac[0] | nc.mac[1] | nc.mac[2] | nc.mac[3] | nc.mac[4] | nc.mac[5]);
	tap_ok(!mac_zero && !(nc.mac[0] & 1), "MAC is a non-zero unicast address");
	TAP_EQ(nc.status & VIONIC_VIRTIO_NET_CFG_STATUS_LINK_UP_MASK, VIONIC_VIRTIO_NET_CFG_STATUS_LINK_UP_MASK, "status LINK_UP");
	TAP_EQ(nc.mtu, 1500, "mtu 1500");
	tap_ok(nc.max_virtqueue_pairs >= 1, "max_virtqueue_pairs >= 1 (%u)", nc.max_virtqueue_pairs);
	/* byte-wise read agrees with the natural-width read */
	uint8_t b[6];
	for (unsigned int i = 0; i < 6; i++)
		b[i] = (uint8_t)vp_mmio_rd(&vp, vp.device.addr + i, 1);
	tap_ok(!memcmp(b, nc.mac, 6), "MAC read byte by byte agrees");

	vp_notify(&vp, &qs[1], 0);
	vsim_run(sim, 10000);
	TAP_EQ(vp_get_status(&vp) & DS_NEEDS_RESET, 0, "a doorbell on an empty ring does not break the device");

	uint32_t code = 0;
	tap_ok(!vsim_halted(sim, &code), "firmware running (halt code 0x%x)", code);
	const char *con = vsim_console(sim);
	int bad = has_word_ci(con, "error") || has_word_ci(con, "panic") || has_word_ci(con, "fail") ||
		  has_word_ci(con, "assert");
	tap_ok(!bad, "firmware console shows no error");
	if (bad || getenv("VIONIC_TB_VERBOSE")) {
		printf("# console:\n# ");
		for (const char *p = con; *p; p++) {
			putchar(*p);
			if (*p == '\n' && p[1])
				printf("# ");
		}
		printf("\n");
	}
	struct vsim_stats st;
	vsim_get_stats(sim, &st);
	TAP_EQ(st.dma_errors, 0, "no DMA outside host memory");
	TAP_EQ(st.completion_timeouts, 0, "no host request left uncompleted");
	TAP_EQ(st.protocol_errors, 0, "no device protocol violations (%s)", vsim_last_error(sim));
	TAP_EQ(st.unexpected_completions, 0, "no unexpected completions");
	vsim_destroy(sim);
	return tap_done();
}
