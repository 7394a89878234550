// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * vionic: the device firmware. Publishes every function's virtio-pci state,
 * sets FW_STATUS.READY (the host may enumerate from then on), then runs the
 * control-path event loop for ever (docs/firmware.md, docs/transport.md).
 *
 * The loop peeks the oldest event, lets the transport act on it and publish
 * the effect, and only then pops it: a host read of the function's common
 * configuration waits for that pop, so it sees the write's effect. With the
 * queue empty the core sleeps in wfi: ctrl raises the external interrupt while
 * events wait (IRQ_ENABLE.EVENT) and mie.MEIE is set, so wfi wakes on it even
 * though mstatus.MIE stays clear (docs/cpu.md) and no handler runs.
 *
 * The data path raises the same interrupt while an error waits in dp ERR_INFO
 * or a control-queue doorbell is pending (dp IRQ_ENABLE.ERROR/KICK): each turn
 * of the loop serves ctrl events first (host reads wait for them; up to
 * EVENT_BURST back to back while more are queued), then one data-path error,
 * then the control queues, and sleeps only when none had work.
 */
#include <inttypes.h>
#include <stdint.h>

#include "drivers/ctrl.h"
#include "drivers/dp.h"
#include "hal/cpu.h"
#include "hal/status.h"
#include "lib/console.h"
#include "lib/trap.h"
#include "lib/virtio/cvq.h"
#include "lib/virtio/transport.h"

/* Print the per-function counters after this many events (0: never). */
#ifndef VIONIC_STATS_EVERY
#define VIONIC_STATS_EVERY 0u
#endif

static void print_stats(void)
{
	for (uint32_t f = 0; f < vionic_transport_num_funcs(); f++) {
		const struct vionic_transport_stats *s = vionic_transport_stats(f);

		console_printf("vionic: f%" PRIu32 " events=%" PRIu32 " bad_size=%" PRIu32
			       " read_only=%" PRIu32 " refused=%" PRIu32 " features_refused=%"
			       PRIu32 " device_cfg=%" PRIu32 " unknown=%" PRIu32 " dp_errors=%"
			       PRIu32 " dp_timeouts=%" PRIu32 " cvq_ok=%" PRIu32 " cvq_err=%" PRIu32
			       " status=0x%02x\n",
			       f, s->events, s->bad_size, s->read_only, s->refused,
			       s->features_refused, s->device_cfg, s->unknown, s->dp_errors,
			       s->dp_timeouts, vionic_cvq_stats(f)->commands,
			       vionic_cvq_stats(f)->errors, vionic_transport_device_status(f));
	}
}

/* Events handled before the data-path errors and control queues are looked at. */
#define EVENT_BURST 16u

int main(void)
{
	uint32_t handled = 0, burst = 0;
	int err;

	if (ctrl_probe() != VIONIC_OK) {
		console_printf("vionic: no ctrl block, parking\n");
		cpu_hang();
	}
	if (dp_probe() != VIONIC_OK) {
		console_printf("vionic: no data-path block, parking\n");
		cpu_hang();
	}
	err = vionic_transport_boot();
	if (err) {
		/* READY stays 0: the host keeps getting CRS, nothing half-published is seen. */
		console_printf("vionic: boot failed (%d), parking\n", err);
		cpu_hang();
	}
	console_printf("vionic: ready funcs=%" PRIu32 " queues=%" PRIu32 " features=%08" PRIx32
		       "_%08" PRIx32 "_%08" PRIx32 "_%08" PRIx32 " link=%s\n",
		       vionic_transport_num_funcs(), vionic_transport_num_queues(),
		       vionic_transport_device_features(0, 3), vionic_transport_device_features(0, 2),
		       vionic_transport_device_features(0, 1), vionic_transport_device_features(0, 0),
		       vionic_transport_link_up() ? "up" : "down");

	/* wfi wakes on the event interrupt; mstatus.MIE stays clear, so no trap is taken. */
	trap_irq_enable(VIONIC_RISCV_CAUSE_IRQ_EXTERNAL);
	for (;;) {
		int events = vionic_transport_poll();
		int errors, kicks;

		if (events) {
			handled++;
			if (VIONIC_STATS_EVERY && handled % VIONIC_STATS_EVERY == 0)
				print_stats();
			/*
			 * A run of host writes is handled back to back (a host read
			 * may wait behind it); the data-path errors and the control
			 * queues get their turn at least every EVENT_BURST events.
			 */
			if (++burst < EVENT_BURST && ctrl_event_pending())
				continue;
		}
		burst = 0;
		errors = vionic_transport_poll_dp_errors();
		if (events)
			vionic_cvq_event_seen();
		kicks = vionic_cvq_poll();
		if (!events && !errors && !kicks)
			cpu_wfi();
	}
}
