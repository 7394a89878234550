// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Unit tests of drivers/dp.c and drivers/fw_dma.c: the exact register traffic
 * of each call, the bounded waits and the argument checks.
 */
#include <string.h>

#include "drivers/dp.h"
#include "drivers/fw_dma.h"
#include "hal/bits.h"
#include "hal/status.h"
#include "host/mock.h"
#include "host/test.h"

#define BUSY VIONIC_DP_QUEUE_CMD_STATUS_BUSY_MASK

/* --- dp --- */

static void test_probe_and_params(void)
{
	struct dp_params p;

	mock_expect_read32(DP_REG(ID), VIONIC_DP_ID_MAGIC_RESET);
	CHECK_EQ_INT(dp_probe(), VIONIC_OK);
	mock_expect_read32(DP_REG(ID), 0x12345678);
	CHECK_EQ_INT(dp_probe(), VIONIC_ENODEV);
	mock_expect_read32(DP_REG(PARAMS), 0x10402003);
	CHECK_EQ_INT(dp_read_params(&p), VIONIC_OK);
	CHECK_EQ_U64(p.num_qp, 3);
	CHECK_EQ_U64(p.mac_table_entries, 0x20);
	CHECK_EQ_U64(p.data_bytes, 0x40);
	CHECK_EQ_U64(p.max_chain, 0x10);
	CHECK_EQ_INT(dp_read_params(NULL), VIONIC_EINVAL);
}

static void test_irq_enable(void)
{
	mock_expect_write32(DP_REG(IRQ_ENABLE), 3);
	dp_irq_enable(true, true);
	mock_expect_write32(DP_REG(IRQ_ENABLE), 2);
	dp_irq_enable(false, true);
}

static void test_queue_cmd_waits_before_and_after(void)
{
	/* A command still busy: wait, then write, then wait for this one. */
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), BUSY);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 0);
	mock_expect_write32(DP_REG(QUEUE_CMD), 0x21 | VIONIC_DP_CONSTS_QUEUE_OP_START << 16);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), BUSY);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), BUSY);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 0);
	CHECK_EQ_INT(dp_queue_start(0x21), VIONIC_OK);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 0);
	mock_expect_write32(DP_REG(QUEUE_CMD), 0xffff | VIONIC_DP_CONSTS_QUEUE_OP_STOP << 16);
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 0);
	CHECK_EQ_INT(dp_queue_stop(0xffff), VIONIC_OK);
}

static void test_queue_cmd_timeouts_are_bounded(void)
{
	uint32_t old = dp_set_poll_limit(3);

	/* Busy before: nothing written. */
	for (int i = 0; i < 3; i++)
		mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), BUSY);
	CHECK_EQ_INT(dp_queue_stop(1), VIONIC_ETIMEDOUT);
	/* Busy after. */
	mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), 0);
	mock_expect_write32(DP_REG(QUEUE_CMD), 1 | VIONIC_DP_CONSTS_QUEUE_OP_STOP << 16);
	for (int i = 0; i < 3; i++)
		mock_expect_read32(DP_REG(QUEUE_CMD_STATUS), BUSY);
	CHECK_EQ_INT(dp_queue_stop(1), VIONIC_ETIMEDOUT);
	CHECK_EQ_U64(dp_set_poll_limit(old), 3);
}

static void test_queue_cmd_checks_arguments(void)
{
	CHECK_EQ_INT(dp_queue_cmd(0x10000, VIONIC_DP_CONSTS_QUEUE_OP_START), VIONIC_EINVAL);
	CHECK_EQ_INT(dp_queue_cmd(0, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(dp_queue_cmd(0, 3), VIONIC_EINVAL);
}

static void test_error_fifo(void)
{
	struct dp_error e;

	mock_expect_read32(DP_REG(ERR_INFO), 0);
	CHECK(!dp_error_peek(&e));
	mock_expect_read32(DP_REG(ERR_INFO), 0xc0070123);
	CHECK(dp_error_peek(&e));
	CHECK_EQ_U64(e.qid, 0x123);
	CHECK_EQ_U64(e.code, 7);
	CHECK(e.overflow);
	mock_expect_write32(DP_REG(ERR_POP), 1);
	dp_error_pop();
}

static void test_kicks(void)
{
	mock_expect_read32(DP_REG(KICK_PENDING), 0x5);
	CHECK_EQ_U64(dp_kick_pending(), 0x5);
	mock_expect_write32(DP_REG(KICK_PENDING), 0x4);
	dp_kick_clear(0x4);
	mock_expect_read32(DP_REG(KICK_DATA), 0x80030000);
	CHECK_EQ_U64(dp_kick_data(), 0x80030000);
}

static void test_queue_state_readout(void)
{
	uint32_t ring, status;

	mock_expect_write32(DP_REG(QSTATE_SEL), 0x22);
	mock_expect_read32(DP_REG(QSTATE_RING), 0x80058003);
	mock_expect_read32(DP_REG(QSTATE_STATUS), 0x00020303);
	dp_queue_state(0x22, &ring, &status);
	CHECK_EQ_U64(ring, 0x80058003);
	CHECK_EQ_U64(status, 0x00020303);
}

static void test_per_function_registers(void)
{
	const uint8_t mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	struct dp_rx_mode mode = { .promisc = true, .allmulti = false, .enable = true,
				   .queue_pairs = 3 };

	mock_expect_write32(DP_REG(FUNC_SEL), 2);
	mock_expect_write32(DP_REG(FUNC_FEATURES_LO), 0x1234);
	mock_expect_write32(DP_REG(FUNC_FEATURES_HI), 0x5678);
	CHECK_EQ_INT(dp_func_set_features(2, 0x1234, 0x5678), VIONIC_OK);
	/* Byte 0 (first on the wire) in bits 7:0. */
	mock_expect_write32(DP_REG(FUNC_SEL), 1);
	mock_expect_write32(DP_REG(FUNC_MAC_LO), 0x33221102);
	mock_expect_write32(DP_REG(FUNC_MAC_HI), 0x5544);
	CHECK_EQ_INT(dp_func_set_mac(1, mac), VIONIC_OK);
	mock_expect_write32(DP_REG(FUNC_SEL), 0);
	mock_expect_write32(DP_REG(FUNC_RX_MODE), 0x00030081);
	CHECK_EQ_INT(dp_func_set_rx_mode(0, &mode), VIONIC_OK);
	mock_expect_write32(DP_REG(FUNC_SEL), 3);
	mock_expect_write32(DP_REG(MAC_TABLE_SEL), 5);
	mock_expect_write32(DP_REG(MAC_TABLE_LO), 0x33221102);
	mock_expect_write32(DP_REG(MAC_TABLE_HI), 0x80005544);
	CHECK_EQ_INT(dp_func_set_mac_entry(3, 5, mac, true), VIONIC_OK);
	mock_expect_write32(DP_REG(FUNC_SEL), 3);
	mock_expect_write32(DP_REG(MAC_TABLE_SEL), 6);
	mock_expect_write32(DP_REG(MAC_TABLE_LO), 0);
	mock_expect_write32(DP_REG(MAC_TABLE_HI), 0);
	CHECK_EQ_INT(dp_func_set_mac_entry(3, 6, NULL, false), VIONIC_OK);
	/* Out of range: no traffic. */
	CHECK_EQ_INT(dp_func_set_features(256, 0, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(dp_func_set_mac(0, NULL), VIONIC_EINVAL);
	CHECK_EQ_INT(dp_func_set_mac_entry(0, 256, mac, true), VIONIC_EINVAL);
	CHECK_EQ_INT(dp_func_set_mac_entry(0, 1, NULL, true), VIONIC_EINVAL);
	mode.queue_pairs = 256;
	CHECK_EQ_INT(dp_func_set_rx_mode(0, &mode), VIONIC_EINVAL);
}

static void test_counters(void)
{
	mock_expect_write32(DP_REG(FUNC_SEL), 1);
	mock_expect_read32(DP_STATS_REG(VIONIC_STATS_TX_PACKETS_OFFSET), 42);
	CHECK_EQ_U64(dp_func_counter32(1, VIONIC_STATS_TX_PACKETS_OFFSET), 42);
	/* 64-bit: HI, LO, HI; the low half wrapped in between: LO again. */
	mock_expect_write32(DP_REG(FUNC_SEL), 0);
	mock_expect_read32(DP_STATS_REG(VIONIC_STATS_RX_BYTES_HI_OFFSET), 1);
	mock_expect_read32(DP_STATS_REG(VIONIC_STATS_RX_BYTES_LO_OFFSET), 3);
	mock_expect_read32(DP_STATS_REG(VIONIC_STATS_RX_BYTES_HI_OFFSET), 2);
	mock_expect_read32(DP_STATS_REG(VIONIC_STATS_RX_BYTES_LO_OFFSET), 5);
	CHECK_EQ_U64(dp_func_counter64(0, VIONIC_STATS_RX_BYTES_LO_OFFSET), 0x200000005ull);
}

/* --- fw_dma --- */

static void expect_transfer(uint64_t addr, uint32_t len, uint32_t off, uint32_t func, bool write)
{
	mock_expect_read32(FW_DMA_REG(STATUS), 0);
	mock_expect_write32(FW_DMA_REG(ADDR_LO), (uint32_t)addr);
	mock_expect_write32(FW_DMA_REG(ADDR_HI), (uint32_t)(addr >> 32));
	mock_expect_write32(FW_DMA_REG(LEN), len);
	mock_expect_write32(FW_DMA_REG(BUF_OFFSET), off);
	mock_expect_write32(FW_DMA_REG(FUNC), func);
	mock_expect_write32(FW_DMA_REG(CTRL), write ? 3 : 1);
}

static void test_fw_dma_read_and_write(void)
{
	expect_transfer(0x123456789abcull, 4096, 0, 2, false);
	mock_expect_read32(FW_DMA_REG(STATUS), VIONIC_FW_DMA_STATUS_BUSY_MASK);
	mock_expect_read32(FW_DMA_REG(STATUS), 0);
	CHECK_EQ_INT(fw_dma_read(2, 0x123456789abcull, 0, 4096), VIONIC_OK);
	expect_transfer(0x1000, 1, 4095, 0, true);
	mock_expect_read32(FW_DMA_REG(STATUS), 0);
	CHECK_EQ_INT(fw_dma_write(0, 0x1000, 4095, 1), VIONIC_OK);
}

static void test_fw_dma_error_and_timeout(void)
{
	uint32_t old;

	expect_transfer(0x1000, 16, 0, 0, false);
	mock_expect_read32(FW_DMA_REG(STATUS), VIONIC_FW_DMA_STATUS_ERROR_MASK);
	CHECK_EQ_INT(fw_dma_read(0, 0x1000, 0, 16), VIONIC_EIO);
	old = fw_dma_set_poll_limit(2);
	expect_transfer(0x1000, 16, 0, 0, true);
	mock_expect_read32(FW_DMA_REG(STATUS), VIONIC_FW_DMA_STATUS_BUSY_MASK);
	mock_expect_read32(FW_DMA_REG(STATUS), VIONIC_FW_DMA_STATUS_BUSY_MASK);
	CHECK_EQ_INT(fw_dma_write(0, 0x1000, 0, 16), VIONIC_ETIMEDOUT);
	/* Still busy at the next transfer: nothing is started. */
	mock_expect_read32(FW_DMA_REG(STATUS), VIONIC_FW_DMA_STATUS_BUSY_MASK);
	mock_expect_read32(FW_DMA_REG(STATUS), VIONIC_FW_DMA_STATUS_BUSY_MASK);
	CHECK_EQ_INT(fw_dma_read(0, 0x1000, 0, 16), VIONIC_ETIMEDOUT);
	fw_dma_set_poll_limit(old);
}

static void test_fw_dma_checks_arguments(void)
{
	CHECK_EQ_INT(fw_dma_read(0, 0, 0, 0), VIONIC_EINVAL);
	CHECK_EQ_INT(fw_dma_read(0, 0, 0, 4097), VIONIC_EINVAL);
	CHECK_EQ_INT(fw_dma_read(0, 0, 1, 4096), VIONIC_EINVAL);
	CHECK_EQ_INT(fw_dma_write(256, 0, 0, 4), VIONIC_EINVAL);
	CHECK_EQ_INT(fw_dma_buf_read(4090, (uint8_t[8]){ 0 }, 7), VIONIC_EINVAL);
}

static void test_fw_dma_buffer_packing(void)
{
	uint8_t in[11], out[11];

	mock_ram_map(VIONIC_MAP_FW_DMA_BUF_BASE, VIONIC_MAP_FW_DMA_BUF_SIZE);
	mock_ram_write32(FW_DMA_BUF_ADDR(0), 0xaaaaaaaa);
	mock_ram_write32(FW_DMA_BUF_ADDR(12), 0xbbbbbbbb);
	for (uint32_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(0x10 + i);
	/* Bytes 3..13: the bytes around them stay. */
	CHECK_EQ_INT(fw_dma_buf_write(3, in, sizeof(in)), VIONIC_OK);
	CHECK_EQ_U64(mock_ram_read32(FW_DMA_BUF_ADDR(0)), 0x10aaaaaa);
	CHECK_EQ_U64(mock_ram_read32(FW_DMA_BUF_ADDR(4)), 0x14131211);
	CHECK_EQ_U64(mock_ram_read32(FW_DMA_BUF_ADDR(8)), 0x18171615);
	CHECK_EQ_U64(mock_ram_read32(FW_DMA_BUF_ADDR(12)), 0xbbbb1a19);
	memset(out, 0, sizeof(out));
	CHECK_EQ_INT(fw_dma_buf_read(3, out, sizeof(out)), VIONIC_OK);
	CHECK(memcmp(in, out, sizeof(in)) == 0);
}

static const struct test_case tests[] = {
	TEST_CASE(test_probe_and_params),
	TEST_CASE(test_irq_enable),
	TEST_CASE(test_queue_cmd_waits_before_and_after),
	TEST_CASE(test_queue_cmd_timeouts_are_bounded),
	TEST_CASE(test_queue_cmd_checks_arguments),
	TEST_CASE(test_error_fifo),
	TEST_CASE(test_kicks),
	TEST_CASE(test_queue_state_readout),
	TEST_CASE(test_per_function_registers),
	TEST_CASE(test_counters),
	TEST_CASE(test_fw_dma_read_and_write),
	TEST_CASE(test_fw_dma_error_and_timeout),
	TEST_CASE(test_fw_dma_checks_arguments),
	TEST_CASE(test_fw_dma_buffer_packing),
};

int main(void)
{
	return test_main("dp", tests, VIONIC_ARRAY_SIZE(tests));
}
