// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Unit tests of drivers/ctrl.c: the exact register traffic of each call. */
#include "drivers/ctrl.h"
#include "hal/bits.h"
#include "hal/status.h"
#include "host/mock.h"
#include "host/test.h"
#include "vionic/virtio_pci_regs.h"

static void test_probe_checks_the_magic(void)
{
	mock_expect_read32(CTRL_REG(ID), VIONIC_CTRL_ID_MAGIC_RESET);
	CHECK_EQ_INT(ctrl_probe(), VIONIC_OK);
	mock_expect_read32(CTRL_REG(ID), 0);
	CHECK_EQ_INT(ctrl_probe(), VIONIC_ENODEV);
}

static void test_params_are_decoded(void)
{
	struct ctrl_params params;

	mock_expect_read32(CTRL_REG(PARAMS),
			   VIONIC_FIELD_PREP(VIONIC_CTRL_PARAMS_NUM_FUNCS, 3) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_PARAMS_QUEUES_PER_FUNC, 16) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_PARAMS_MSIX_VECTORS, 0x123));
	CHECK_EQ_INT(ctrl_read_params(&params), VIONIC_OK);
	CHECK_EQ_U64(params.num_funcs, 3);
	CHECK_EQ_U64(params.queues_per_func, 16);
	CHECK_EQ_U64(params.msix_vectors, 0x123);
	CHECK_EQ_INT(ctrl_read_params(NULL), VIONIC_EINVAL);
}

static void test_peek_empty_reads_info_only(void)
{
	struct ctrl_event event = { 0 };

	mock_expect_read32(CTRL_REG(EVT_INFO), 0);
	CHECK(!ctrl_event_peek(&event));
}

static void test_peek_decodes_the_event(void)
{
	struct ctrl_event event;

	mock_expect_read32(CTRL_REG(EVT_INFO),
			   VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_INFO_VALID, 1) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_INFO_FUNC, 7) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_INFO_SOURCE,
					     VIONIC_CTRL_EVENTS_EVT_SOURCE_DEVICE) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_INFO_BE, 0xc) |
			   VIONIC_FIELD_PREP(VIONIC_CTRL_EVT_INFO_OFFSET, 0x14));
	mock_expect_read32(CTRL_REG(EVT_DATA), 0xdeadbeef);
	CHECK(ctrl_event_peek(&event));
	CHECK_EQ_U64(event.func, 7);
	CHECK_EQ_U64(event.source, VIONIC_CTRL_EVENTS_EVT_SOURCE_DEVICE);
	CHECK_EQ_U64(event.be, 0xc);
	CHECK_EQ_U64(event.offset, 0x14);
	CHECK_EQ_U64(event.data, 0xdeadbeef);
}

static void test_pop_ready_and_irq_enable(void)
{
	mock_expect_write32(CTRL_REG(EVT_POP), 1);
	mock_expect_write32(CTRL_REG(FW_STATUS), 1);
	mock_expect_write32(CTRL_REG(IRQ_ENABLE), 1);
	mock_expect_write32(CTRL_REG(IRQ_ENABLE), 0);
	ctrl_event_pop();
	ctrl_set_ready(true);
	ctrl_irq_enable_events(true);
	ctrl_irq_enable_events(false);
}

static void test_irq_send_packs_and_checks(void)
{
	mock_expect_write32(CTRL_REG(IRQ_SEND),
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_FUNC, 2) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_ISR, VIONIC_VIRTIO_PCI_ISR_CONFIG) |
			    VIONIC_FIELD_PREP(VIONIC_CTRL_IRQ_SEND_VECTOR, VIONIC_VIRTIO_PCI_NO_VECTOR));
	CHECK_EQ_INT(ctrl_irq_send(2, VIONIC_VIRTIO_PCI_ISR_CONFIG, VIONIC_VIRTIO_PCI_NO_VECTOR),
		     VIONIC_OK);
	CHECK_EQ_INT(ctrl_irq_send(256, 0, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(ctrl_irq_send(0, 4, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(ctrl_irq_send(0, 0, 0x10000), VIONIC_EINVAL);
}

static void test_store_addresses(void)
{
	mock_expect_write32(VIONIC_MAP_COMMON_SHADOW_BASE + 2 * 64 + 0x14, 0x11);
	mock_expect_write32(VIONIC_MAP_DEVCFG_STORE_BASE + 3 * 256 + 0x4, 0x22);
	mock_expect_write32(VIONIC_MAP_QCTX_BASE + 33 * 64 + 0x8, 0x33);
	CHECK_EQ_INT(ctrl_shadow_write32(2, 0x14, 0x11), VIONIC_OK);
	CHECK_EQ_INT(ctrl_devcfg_write32(3, 0x4, 0x22), VIONIC_OK);
	CHECK_EQ_INT(ctrl_qctx_write32(33, 0x8, 0x33), VIONIC_OK);
}

static void test_store_writes_check_arguments(void)
{
	CHECK_EQ_INT(ctrl_shadow_write32(0, 0x15, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(ctrl_shadow_write32(0, 64, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(ctrl_shadow_write32(CTRL_SHADOW_MAX_FUNCS, 0, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(ctrl_devcfg_write32(0, 256, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(ctrl_devcfg_write32(CTRL_DEVCFG_MAX_FUNCS, 0, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(ctrl_qctx_write32(CTRL_QCTX_MAX_ENTRIES, 0, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(ctrl_qctx_write32(0, 2, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(ctrl_generation_bump(256), VIONIC_EINVAL);
}

static void test_link_and_counters(void)
{
	mock_expect_read32(CTRL_REG(LINK), 1);
	mock_expect_read32(CTRL_REG(EVT_COUNT), 0x00050003);
	mock_expect_read32(CTRL_REG(EVT_COUNT), 0x00050003);
	mock_expect_write32(CTRL_REG(GEN_BUMP), 4);
	CHECK(ctrl_link_up());
	CHECK_EQ_U64(ctrl_event_pending(), 3);
	CHECK_EQ_U64(ctrl_event_dropped(), 5);
	CHECK_EQ_INT(ctrl_generation_bump(4), VIONIC_OK);
}

static const struct test_case tests[] = {
	TEST_CASE(test_probe_checks_the_magic),
	TEST_CASE(test_params_are_decoded),
	TEST_CASE(test_peek_empty_reads_info_only),
	TEST_CASE(test_peek_decodes_the_event),
	TEST_CASE(test_pop_ready_and_irq_enable),
	TEST_CASE(test_irq_send_packs_and_checks),
	TEST_CASE(test_store_addresses),
	TEST_CASE(test_store_writes_check_arguments),
	TEST_CASE(test_link_and_counters),
};

int main(void)
{
	return test_main("ctrl", tests, VIONIC_ARRAY_SIZE(tests));
}
