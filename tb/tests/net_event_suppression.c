/* SPDX-License-Identifier: MIT */
/* net_event_suppression: interrupts under the driver event suppression modes
 * (§2.8.10, §2.8.14): ENABLE -> one per used buffer (frames one at a time), DISABLE ->
 * none (frames still arrive), DESC with EVENT_IDX -> exactly one when the used index
 * passes off_wrap; the driver's kick decision from the device area (ENABLE / DISABLE /
 * DESC); the device area as the device writes it: DESC at the driver's next position
 * when a queue is idle (EVENT_IDX) and doorbells skipped during a burst, every frame
 * still sent. */
#include <string.h>

#include "tap.h"
#include "pktgen.h"
#include "vnet.h"

#define FRAMES 10
#define WAIT 200000u

/* Sends one frame and waits until it is received; 1 on success. */
static int one_frame(struct vnet *n, uint32_t seq)
{
	uint8_t f[256], r[2048];
	size_t len;
	pkt_build_seq(f, 128, n->cfg.mac, 0, seq);
	if (vnet_tx(n, 0, f, 128, NULL, 1, 1) < 0)
		return 0;
	uint64_t t0 = vsim_cycles(n->sim);
	while (vsim_cycles(n->sim) - t0 < WAIT) {
		vsim_run(n->sim, 200);
		int rc = vnet_rx_poll(n, 0, r, sizeof(r), &len, NULL);
		if (rc < 0)
			return 0;
		if (rc == 1) {
			vsim_run(n->sim, 2000);	/* let the TX used write and its interrupt land */
			vnet_tx_reap(n, 0);
			return len == 128 && !memcmp(f, r, 128);
		}
	}
	printf("#   frame %u not received within %u cycles\n", seq, WAIT);
	return 0;
}

static int run(struct vnet *n, const char *mode, uint32_t *seq, uint64_t *rx_irq, uint64_t *tx_irq)
{
	uint16_t rxv = n->rx[0].vq.vector, txv = n->tx[0].vq.vector;
	vnet_poll_msi(n);
	uint64_t r0 = n->msi_by_vector[rxv], t0 = n->msi_by_vector[txv];
	int ok = 1;
	for (int i = 0; i < FRAMES && ok; i++)
		ok = one_frame(n, (*seq)++);
	vsim_run(n->sim, 5000);
	vnet_poll_msi(n);
	*rx_irq = n->msi_by_vector[rxv] - r0;
	*tx_irq = n->msi_by_vector[txv] - t0;
	tap_ok(ok, "%s: %d frames one at a time through loopback", mode, FRAMES);
	return ok;
}

int main(void)
{
	struct vnet n;
	struct vnet_opts o;
	vnet_default_opts(&o);
	vnet_want(&o, VNET_F(EVENT_IDX));
	vnet_want(&o, VNET_F(NOTIFICATION_DATA));
	struct vsim *sim = vnet_test_bringup(&n, NULL, &o, VSIM_ETH_LOOPBACK);
	if (!sim)
		return 1;
	uint32_t seq = 0;
	uint64_t ri, ti;
	tap_ok(n.rx[0].vq.vector != VIONIC_VIRTIO_PCI_NO_VECTOR && n.tx[0].vq.vector != VIONIC_VIRTIO_PCI_NO_VECTOR,
	       "queues have MSI-X vectors (rx %u, tx %u)", n.rx[0].vq.vector, n.tx[0].vq.vector);

	/* ENABLE (the driver area is 0 after setup) */
	vrp_set_driver_event(&n.rx[0].r, VRP_EV_ENABLE, 0);
	vrp_set_driver_event(&n.tx[0].r, VRP_EV_ENABLE, 0);
	if (run(&n, "ENABLE", &seq, &ri, &ti)) {
		TAP_EQ(ri, FRAMES, "ENABLE: one receive interrupt per frame");
		TAP_EQ(ti, FRAMES, "ENABLE: one transmit interrupt per frame");
	}
	/* DISABLE */
	vrp_set_driver_event(&n.rx[0].r, VRP_EV_DISABLE, 0);
	vrp_set_driver_event(&n.tx[0].r, VRP_EV_DISABLE, 0);
	if (run(&n, "DISABLE", &seq, &ri, &ti)) {
		TAP_EQ(ri, 0, "DISABLE: no receive interrupt");
		TAP_EQ(ti, 0, "DISABLE: no transmit interrupt");
	}
	/* DESC with EVENT_IDX */
	if (!vnet_has(&n, VNET_F(EVENT_IDX))) {
		tap_skip("EVENT_IDX not offered", "DESC: interrupt when the used index passes off_wrap");
	} else {
		/* the 5th used descriptor from now (rx: one per frame; tx: one chain per frame) */
		vrp_set_driver_event(&n.rx[0].r, VRP_EV_DESC, vrp_used_off_wrap(&n.rx[0].r, 4));
		vrp_set_driver_event(&n.tx[0].r, VRP_EV_DESC, vrp_used_off_wrap(&n.tx[0].r, 4));
		if (run(&n, "DESC", &seq, &ri, &ti)) {
			TAP_EQ(ri, 1, "DESC off_wrap = used + 4: exactly one receive interrupt in %d frames", FRAMES);
			TAP_EQ(ti, 1, "DESC off_wrap = used + 4: exactly one transmit interrupt in %d frames", FRAMES);
		}
		/* an off_wrap behind the used index (previous lap) never fires */
		vrp_set_driver_event(&n.rx[0].r, VRP_EV_DESC,
				     (uint16_t)(vrp_used_off_wrap(&n.rx[0].r, n.rx[0].r.size - 1) ^ 0x8000));
		vrp_set_driver_event(&n.tx[0].r, VRP_EV_DISABLE, 0);
		if (run(&n, "DESC behind", &seq, &ri, &ti))
			TAP_EQ(ri, 0, "DESC with an off_wrap already passed: no receive interrupt");
	}
	vrp_set_driver_event(&n.rx[0].r, VRP_EV_ENABLE, 0);
	vrp_set_driver_event(&n.tx[0].r, VRP_EV_ENABLE, 0);

	/* device event suppression area (§2.8.10) as the device writes it: an idle queue asks
	 * for a doorbell at the driver's next position (DESC with EVENT_IDX, else ENABLE) */
	uint16_t fl, ow;
	int evidx = vnet_has(&n, VNET_F(EVENT_IDX));
	uint16_t want_fl = evidx ? VRP_EV_DESC : VRP_EV_ENABLE;
	vsim_run(sim, 5000);
	vrp_get_device_event(&n.tx[0].r, &fl, &ow);
	uint16_t tx_next = (uint16_t)(n.tx[0].r.next_avail | (n.tx[0].r.avail_wrap << 15));
	tap_ok(fl == want_fl && (!evidx || ow == tx_next),
	       "idle transmit queue: device area flags %u off_wrap 0x%04x (want %u at 0x%04x)", fl, ow, want_fl,
	       tx_next);
	/* (the receive queue is not idle: its ring holds more buffers than the device caches) */

	/* a burst: frames posted back to back, each with its kick decision; the device is
	 * fetching, so most doorbells are not needed; every frame must still arrive */
	{
		struct vrp *t = &n.tx[0].r;
		uint64_t k0 = t->kicks, s0 = t->kicks_suppressed;
		unsigned int sent = 0, got = 0, bad = 0;
		uint8_t f[256], rb[2048];
		size_t rl;
		for (int round = 0; round < 40; round++) {
			for (int i = 0; i < 8; i++) {
				pkt_build_seq(f, 200, n.cfg.mac, 0, 1000 + sent);
				if (vnet_tx(&n, 0, f, 200, NULL, 1, 1) >= 0)
					sent++;
				vsim_run(sim, 30);
			}
			for (int rc; (rc = vnet_rx_poll(&n, 0, rb, sizeof(rb), &rl, NULL)) == 1;)
				got++;
			vnet_tx_reap(&n, 0);
		}
		uint64_t t0 = vsim_cycles(sim);
		while (got < sent && vsim_cycles(sim) - t0 < 400000) {
			vsim_run(sim, 500);
			int rc = vnet_rx_poll(&n, 0, rb, sizeof(rb), &rl, NULL);
			if (rc == 1)
				got++;
			else if (rc < 0)
				bad++;
			vnet_tx_reap(&n, 0);
		}
		printf("#   burst: %u frames, %llu doorbells rung, %llu skipped\n", sent,
		       (unsigned long long)(t->kicks - k0), (unsigned long long)(t->kicks_suppressed - s0));
		tap_ok(sent == 320 && got == sent && !bad, "burst: %u of %u frames looped back", got, sent);
		tap_ok(t->kicks_suppressed > s0, "burst: doorbells skipped because the device area said so (%llu)",
		       (unsigned long long)(t->kicks_suppressed - s0));
	}

	/* driver kick decision (the library's logic, §2.8.21.3), with the device area set
	 * by the test as a device would */
	struct vrp *r = &n.tx[0].r;
	uint8_t b[4];
	uint8_t f[64];
	pkt_build_seq(f, 64, n.cfg.mac, 0, 0);
	struct { uint16_t flags, ow; unsigned int add; int event_idx; int want; const char *what; } kc[] = {
		{ VRP_EV_ENABLE, 0, 1, 1, 1, "ENABLE -> kick" },
		{ VRP_EV_DISABLE, 0, 1, 1, 0, "DISABLE -> no kick" },
		{ VRP_EV_DESC, 0, 3, 1, 1, "DESC at the first added descriptor -> kick" },
		{ VRP_EV_DESC, 5, 3, 1, 0, "DESC beyond the added descriptors -> no kick" },
	};
	int saved_event_idx = r->event_idx;
	r->event_idx = 1;
	for (unsigned int i = 0; i < sizeof(kc) / sizeof(kc[0]); i++) {
		vsim_run(sim, 5000);
		vnet_tx_reap(&n, 0);
		uint16_t pos = r->next_avail;
		uint16_t ev = kc[i].flags == VRP_EV_DESC ? (uint16_t)(((pos + kc[i].ow) % r->size) |
					  ((unsigned int)(pos + kc[i].ow >= r->size ? !r->avail_wrap : r->avail_wrap) << 15)) : 0;
		vsim_mem_read(sim, r->device, b, 4);
		uint8_t w[4] = { (uint8_t)ev, (uint8_t)(ev >> 8), (uint8_t)kc[i].flags, (uint8_t)(kc[i].flags >> 8) };
		vsim_mem_write(sim, r->device, w, 4);
		r->num_added = 0;
		for (unsigned int k = 0; k < kc[i].add; k++)
			vnet_tx(&n, 0, f, 64, NULL, 1, 0);
		TAP_EQ(vrp_kick_prepare(r), kc[i].want, "kick decision: %s", kc[i].what);
		vsim_mem_write(sim, r->device, b, 4);	/* restore */
		vrp_notify(r);
	}
	r->event_idx = saved_event_idx;
	vsim_run(sim, 20000);
	vnet_tx_reap(&n, 0);
	size_t len;
	uint8_t rb[2048];
	while (vnet_rx_poll(&n, 0, rb, sizeof(rb), &len, NULL) == 1)
		;
	/* NOTIFICATION_DATA value (§4.1.5.2) */
	r->notification_data = 1;
	uint32_t v = vrp_notify_value(r);
	TAP_EQ(v, (r->vqn & 0xffff) | ((uint32_t)r->next_avail << 16) | ((uint32_t)r->avail_wrap << 31),
	       "NOTIFICATION_DATA value {vqn, next_off, next_wrap}");
	r->notification_data = vnet_has(&n, VNET_F(NOTIFICATION_DATA));

	/* NOTIFICATION_DATA sizes the fetch (§4.1.5.2): one frame at a time, the ring reads
	 * per frame. With the hint the transmit fetch is the one 16-byte descriptor, then a
	 * 256-byte re-check after the DESC write, plus two 4-byte event reads: 280 B. A whole
	 * batch instead of the hint-sized fetch makes 520 B (measured by removing the
	 * feature). Receive buffers given back one at a time are fetched in batches once the
	 * cache has room, so they add almost nothing here. */
	if (!vnet_has(&n, VNET_F(NOTIFICATION_DATA))) {
		tap_skip("NOTIFICATION_DATA not offered", "hint-sized descriptor fetches");
	} else {
		struct vsim_stats s0, s1;
		vsim_get_stats(sim, &s0);
		int okf = 1;
		for (int i = 0; i < FRAMES && okf; i++)
			okf = one_frame(&n, seq++);
		vsim_get_stats(sim, &s1);
		double per = (double)(s1.cls[VSIM_CLASS_RING].cpl.payload_bytes -
				      s0.cls[VSIM_CLASS_RING].cpl.payload_bytes) / FRAMES;
		printf("#   ring bytes read per frame (one at a time, NOTIFICATION_DATA): %.1f\n", per);
		tap_ok(okf && per < 400, "hint-sized descriptor fetches: %.1f ring bytes read per frame (< 400)", per);
	}
	TAP_EQ(vnet_status(&n) & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET, 0, "no DEVICE_NEEDS_RESET");
	vnet_close(&n);
	vsim_destroy(sim);
	return tap_done();
}
