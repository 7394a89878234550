// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Device control block and stores; see ctrl.h and docs/registers/ctrl.md. */
#include "drivers/ctrl.h"

#include <stddef.h>

#include "hal/bits.h"
#include "hal/mmio.h"
#include "hal/status.h"

int ctrl_probe(void)
{
	uint32_t id = mmio_read32(CTRL_REG(ID));

	if (VIONIC_FIELD_GET(VIONIC_CTRL_ID_MAGIC, id) != VIONIC_CTRL_ID_MAGIC_RESET)
		return VIONIC_ENODEV;
	return VIONIC_OK;
}

int ctrl_read_params(struct ctrl_params *params)
{
	uint32_t value;

	if (!params)
		return VIONIC_EINVAL;
	value = mmio_read32(CTRL_REG(PARAMS));
	params->num_funcs = VIONIC_FIELD_GET(VIONIC_CTRL_PARAMS_NUM_FUNCS, value);
	params->queues_per_func = VIONIC_FIELD_GET(VIONIC_CTRL_PARAMS_QUEUES_PER_FUNC, value);
	params->msix_vectors = VIONIC_FIELD_GET(VIONIC_CTRL_PARAMS_MSIX_VECTORS, value);
	return VIONIC_OK;
}

bool ctrl_event_peek(struct ctrl_event *event)
{
	uint32_t info = mmio_read32(CTRL_REG(EVT_INFO));

	if (!VIONIC_FIELD_GET(VIONIC_CTRL_EVT_INFO_VALID, info))
		return false;
	event->func = VIONIC_FIELD_GET(VIONIC_CTRL_EVT_INFO_FUNC, info);
	event->source = VIONIC_FIELD_GET(VIONIC_CTRL_EVT_INFO_SOURCE, info);
	event->be = VIONIC_FIELD_GET(VIONIC_CTRL_EVT_INFO_BE, info);
	event->offset = VIONIC_FIELD_GET(VIONIC_CTRL_EVT_INFO_OFFSET, info);
	event->data = mmio_read32(CTRL_REG(EVT_DATA));
	return true;
}

void ctrl_event_pop(void)
{
	mmio_write32(CTRL_REG(EVT_POP), VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_POP_POP, 1));
}

uint32_t ctrl_event_pending(void)
{
	return VIONIC_FIELD_GET(VIONIC_CTRL_EVT_COUNT_PENDING, mmio_read32(CTRL_REG(EVT_COUNT)));
}

uint32_t ctrl_event_dropped(void)
{
	return VIONIC_FIELD_GET(VIONIC_CTRL_EVT_COUNT_DROPPED, mmio_read32(CTRL_REG(EVT_COUNT)));
}

void ctrl_irq_enable_events(bool enable)
{
	mmio_write32(CTRL_REG(IRQ_ENABLE), VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_ENABLE_EVENT, enable));
}

void ctrl_set_ready(bool ready)
{
	mmio_write32(CTRL_REG(FW_STATUS), VIONIC_FIELD_PREP(VIONIC_CTRL_FW_STATUS_READY, ready));
}

int ctrl_irq_send(uint32_t func, uint32_t isr, uint32_t vector)
{
	if (func > VIONIC_FIELD_GET(VIONIC_CTRL_IRQ_SEND_FUNC, VIONIC_CTRL_IRQ_SEND_FUNC_MASK) ||
	    isr > VIONIC_FIELD_GET(VIONIC_CTRL_IRQ_SEND_ISR, VIONIC_CTRL_IRQ_SEND_ISR_MASK) ||
	    vector > VIONIC_FIELD_GET(VIONIC_CTRL_IRQ_SEND_VECTOR, VIONIC_CTRL_IRQ_SEND_VECTOR_MASK))
		return VIONIC_EINVAL;
	mmio_write32(CTRL_REG(IRQ_SEND), VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_FUNC, func) |
		     VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_ISR, isr) |
		     VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_VECTOR, vector));
	return VIONIC_OK;
}

int ctrl_generation_bump(uint32_t func)
{
	if (func > VIONIC_FIELD_GET(VIONIC_CTRL_GEN_BUMP_FUNC, VIONIC_CTRL_GEN_BUMP_FUNC_MASK))
		return VIONIC_EINVAL;
	mmio_write32(CTRL_REG(GEN_BUMP), VIONIC_FIELD_PREP(VIONIC_CTRL_GEN_BUMP_FUNC, func));
	return VIONIC_OK;
}

bool ctrl_link_up(void)
{
	return VIONIC_FIELD_GET(VIONIC_CTRL_LINK_UP, mmio_read32(CTRL_REG(LINK)));
}

uint32_t ctrl_read_timeouts(void)
{
	return mmio_read32(CTRL_REG(READ_TIMEOUTS));
}

uint32_t ctrl_bad_accesses(void)
{
	return mmio_read32(CTRL_REG(BAD_ACCESS_COUNT));
}

uint32_t ctrl_doorbell_count(void)
{
	return mmio_read32(CTRL_REG(DOORBELL_COUNT));
}

uint32_t ctrl_msix_sent(void)
{
	return mmio_read32(CTRL_REG(MSIX_SENT));
}

uint32_t ctrl_pci_state(uint32_t func)
{
	return mmio_read32(CTRL_PCI_STATE_REG(func));
}

static bool word_offset_ok(uint32_t offset, uint32_t part_bytes)
{
	return (offset & 3u) == 0 && offset < part_bytes;
}

int ctrl_shadow_write32(uint32_t func, uint32_t offset, uint32_t value)
{
	if (func >= CTRL_SHADOW_MAX_FUNCS || !word_offset_ok(offset, CTRL_SHADOW_BYTES))
		return VIONIC_EINVAL;
	mmio_write32(CTRL_SHADOW_ADDR(func, offset), value);
	return VIONIC_OK;
}

int ctrl_devcfg_write32(uint32_t func, uint32_t offset, uint32_t value)
{
	if (func >= CTRL_DEVCFG_MAX_FUNCS || !word_offset_ok(offset, CTRL_DEVCFG_BYTES))
		return VIONIC_EINVAL;
	mmio_write32(CTRL_DEVCFG_ADDR(func, offset), value);
	return VIONIC_OK;
}

int ctrl_qctx_write32(uint32_t entry, uint32_t offset, uint32_t value)
{
	if (entry >= CTRL_QCTX_MAX_ENTRIES || !word_offset_ok(offset, CTRL_QCTX_BYTES))
		return VIONIC_EINVAL;
	mmio_write32(CTRL_QCTX_ADDR(entry, offset), value);
	return VIONIC_OK;
}
