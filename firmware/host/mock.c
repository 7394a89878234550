// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Register-traffic mock: checks HAL calls against a declared script; see mock.h. */
#include "host/mock.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "drivers/ctrl.h"
#include "drivers/dp.h"
#include "drivers/fw_dma.h"
#include "drivers/simctrl.h"
#include "drivers/timer.h"
#include "hal/bits.h"
#include "vionic/riscv_regs.h"

struct mock_step {
	enum mock_op op;
	uintptr_t address;
	uint32_t value;
	uint32_t returned;
	const char *file;
	int line;
};

static struct mock_step script[MOCK_MAX_STEPS];
static unsigned int step_count;
static unsigned int step_next;
static jmp_buf *hang_target;
static mock_failure_hook failure_hook;

/* Register names for the messages (addresses from the generated headers). */
static const struct {
	uintptr_t address;
	const char *name;
} register_names[] = {
	{ SIMCTRL_REG(CONSOLE), "SIMCTRL.CONSOLE" },
	{ SIMCTRL_REG(HALT), "SIMCTRL.HALT" },
	{ SIMCTRL_REG(SCRATCH), "SIMCTRL.SCRATCH" },
	{ SIMCTRL_REG(ID), "SIMCTRL.ID" },
	{ SIMCTRL_REG(IRQ), "SIMCTRL.IRQ" },
	{ SIMCTRL_REG(IRQ_DELAY), "SIMCTRL.IRQ_DELAY" },
	{ TIMER_REG(MTIME_LO), "TIMER.MTIME_LO" },
	{ TIMER_REG(MTIME_HI), "TIMER.MTIME_HI" },
	{ TIMER_REG(MTIMECMP_LO), "TIMER.MTIMECMP_LO" },
	{ TIMER_REG(MTIMECMP_HI), "TIMER.MTIMECMP_HI" },
	{ TIMER_REG(MSIP), "TIMER.MSIP" },
	{ CTRL_REG(ID), "CTRL.ID" },
	{ CTRL_REG(PARAMS), "CTRL.PARAMS" },
	{ CTRL_REG(IRQ_ENABLE), "CTRL.IRQ_ENABLE" },
	{ CTRL_REG(FW_STATUS), "CTRL.FW_STATUS" },
	{ CTRL_REG(EVT_INFO), "CTRL.EVT_INFO" },
	{ CTRL_REG(EVT_DATA), "CTRL.EVT_DATA" },
	{ CTRL_REG(EVT_POP), "CTRL.EVT_POP" },
	{ CTRL_REG(EVT_COUNT), "CTRL.EVT_COUNT" },
	{ CTRL_REG(GEN_BUMP), "CTRL.GEN_BUMP" },
	{ CTRL_REG(IRQ_SEND), "CTRL.IRQ_SEND" },
	{ CTRL_REG(READ_TIMEOUTS), "CTRL.READ_TIMEOUTS" },
	{ CTRL_REG(BAD_ACCESS_COUNT), "CTRL.BAD_ACCESS_COUNT" },
	{ CTRL_REG(DOORBELL_COUNT), "CTRL.DOORBELL_COUNT" },
	{ CTRL_REG(DOORBELL_LAST), "CTRL.DOORBELL_LAST" },
	{ CTRL_REG(DOORBELL_LAST_DATA), "CTRL.DOORBELL_LAST_DATA" },
	{ CTRL_REG(MSIX_SENT), "CTRL.MSIX_SENT" },
	{ CTRL_REG(LINK), "CTRL.LINK" },
	{ DP_REG(ID), "DP.ID" },
	{ DP_REG(PARAMS), "DP.PARAMS" },
	{ DP_REG(IRQ_ENABLE), "DP.IRQ_ENABLE" },
	{ DP_REG(QUEUE_CMD), "DP.QUEUE_CMD" },
	{ DP_REG(QUEUE_CMD_STATUS), "DP.QUEUE_CMD_STATUS" },
	{ DP_REG(ERR_INFO), "DP.ERR_INFO" },
	{ DP_REG(ERR_POP), "DP.ERR_POP" },
	{ DP_REG(KICK_PENDING), "DP.KICK_PENDING" },
	{ DP_REG(KICK_DATA), "DP.KICK_DATA" },
	{ DP_REG(QSTATE_SEL), "DP.QSTATE_SEL" },
	{ DP_REG(QSTATE_RING), "DP.QSTATE_RING" },
	{ DP_REG(QSTATE_STATUS), "DP.QSTATE_STATUS" },
	{ DP_REG(FUNC_SEL), "DP.FUNC_SEL" },
	{ DP_REG(FUNC_FEATURES_LO), "DP.FUNC_FEATURES_LO" },
	{ DP_REG(FUNC_FEATURES_HI), "DP.FUNC_FEATURES_HI" },
	{ DP_REG(FUNC_MAC_LO), "DP.FUNC_MAC_LO" },
	{ DP_REG(FUNC_MAC_HI), "DP.FUNC_MAC_HI" },
	{ DP_REG(FUNC_RX_MODE), "DP.FUNC_RX_MODE" },
	{ DP_REG(MAC_TABLE_SEL), "DP.MAC_TABLE_SEL" },
	{ DP_REG(MAC_TABLE_LO), "DP.MAC_TABLE_LO" },
	{ DP_REG(MAC_TABLE_HI), "DP.MAC_TABLE_HI" },
	{ FW_DMA_REG(ADDR_LO), "FW_DMA.ADDR_LO" },
	{ FW_DMA_REG(ADDR_HI), "FW_DMA.ADDR_HI" },
	{ FW_DMA_REG(LEN), "FW_DMA.LEN" },
	{ FW_DMA_REG(BUF_OFFSET), "FW_DMA.BUF_OFFSET" },
	{ FW_DMA_REG(FUNC), "FW_DMA.FUNC" },
	{ FW_DMA_REG(CTRL), "FW_DMA.CTRL" },
	{ FW_DMA_REG(STATUS), "FW_DMA.STATUS" },
};

/* Stores named by region, with the offset (the shadow, device config, queue contexts). */
static const struct {
	uintptr_t base;
	uintptr_t size;
	const char *name;
} region_names[] = {
	{ VIONIC_MAP_COMMON_SHADOW_BASE, VIONIC_MAP_COMMON_SHADOW_SIZE, "COMMON_SHADOW" },
	{ VIONIC_MAP_DEVCFG_STORE_BASE, VIONIC_MAP_DEVCFG_STORE_SIZE, "DEVCFG_STORE" },
	{ VIONIC_MAP_QCTX_BASE, VIONIC_MAP_QCTX_SIZE, "QCTX" },
	{ VIONIC_MAP_DP_BASE + VIONIC_DP_STATS_BASE_OFFSET,
	  VIONIC_MAP_DP_SIZE - VIONIC_DP_STATS_BASE_OFFSET, "DP.STATS" },
	{ VIONIC_MAP_FW_DMA_BUF_BASE, VIONIC_MAP_FW_DMA_BUF_SIZE, "FW_DMA_BUF" },
};

static struct {
	uintptr_t base;
	uint32_t size;
	uint32_t *words;
} ram[MOCK_MAX_RAM];
static unsigned int ram_count;
static unsigned int ram_write_count;

static struct {
	uintptr_t base;
	uint32_t size;
	mock_device_read_fn read;
	mock_device_write_fn write;
	void *ctx;
} devices[MOCK_MAX_DEVICES];
static unsigned int device_count;

static const struct {
	uint32_t number;
	const char *name;
} csr_names[] = {
	{ VIONIC_RISCV_CSR_MSTATUS, "mstatus" },
	{ VIONIC_RISCV_CSR_MISA, "misa" },
	{ VIONIC_RISCV_CSR_MIE, "mie" },
	{ VIONIC_RISCV_CSR_MTVEC, "mtvec" },
	{ VIONIC_RISCV_CSR_MSCRATCH, "mscratch" },
	{ VIONIC_RISCV_CSR_MEPC, "mepc" },
	{ VIONIC_RISCV_CSR_MCAUSE, "mcause" },
	{ VIONIC_RISCV_CSR_MTVAL, "mtval" },
	{ VIONIC_RISCV_CSR_MIP, "mip" },
	{ VIONIC_RISCV_CSR_MCYCLE, "mcycle" },
	{ VIONIC_RISCV_CSR_MINSTRET, "minstret" },
	{ VIONIC_RISCV_CSR_MCYCLEH, "mcycleh" },
	{ VIONIC_RISCV_CSR_MINSTRETH, "minstreth" },
	{ VIONIC_RISCV_CSR_MIMPID, "mimpid" },
	{ VIONIC_RISCV_CSR_MHARTID, "mhartid" },
};

static const char *register_name(uintptr_t address)
{
	static char buf[64];

	for (size_t i = 0; i < VIONIC_ARRAY_SIZE(register_names); i++)
		if (register_names[i].address == address)
			return register_names[i].name;
	for (size_t i = 0; i < VIONIC_ARRAY_SIZE(region_names); i++)
		if (address - region_names[i].base < region_names[i].size) {
			snprintf(buf, sizeof(buf), "%s+0x%" PRIxPTR, region_names[i].name,
				 address - region_names[i].base);
			return buf;
		}
	return "?";
}

static const char *csr_name(uintptr_t number)
{
	for (size_t i = 0; i < VIONIC_ARRAY_SIZE(csr_names); i++)
		if (csr_names[i].number == number)
			return csr_names[i].name;
	return "csr?";
}

/* "write32 SIMCTRL.HALT (0x40000004) = 0x00000000" and the like. */
static void describe(char *buf, size_t size, const struct mock_step *step)
{
	switch (step->op) {
	case MOCK_READ32:
		snprintf(buf, size, "read32 %s (0x%08" PRIxPTR ") -> 0x%08" PRIx32,
			 register_name(step->address), step->address, step->value);
		break;
	case MOCK_WRITE32:
		snprintf(buf, size, "write32 %s (0x%08" PRIxPTR ") = 0x%08" PRIx32,
			 register_name(step->address), step->address, step->value);
		break;
	case MOCK_CSR_READ:
		snprintf(buf, size, "csr_read %s (0x%03" PRIxPTR ") -> 0x%08" PRIx32,
			 csr_name(step->address), step->address, step->value);
		break;
	case MOCK_CSR_WRITE:
		snprintf(buf, size, "csr_write %s (0x%03" PRIxPTR ") = 0x%08" PRIx32,
			 csr_name(step->address), step->address, step->value);
		break;
	case MOCK_CSR_SET:
		snprintf(buf, size, "csr_set %s (0x%03" PRIxPTR ") |= 0x%08" PRIx32,
			 csr_name(step->address), step->address, step->value);
		break;
	case MOCK_CSR_CLEAR:
		snprintf(buf, size, "csr_clear %s (0x%03" PRIxPTR ") &= ~0x%08" PRIx32,
			 csr_name(step->address), step->address, step->value);
		break;
	case MOCK_CSR_READ_CLEAR:
		snprintf(buf, size, "csr_read_clear %s (0x%03" PRIxPTR ") &= ~0x%08" PRIx32
			 " -> 0x%08" PRIx32, csr_name(step->address), step->address, step->value,
			 step->returned);
		break;
	case MOCK_WFI:
		snprintf(buf, size, "wfi");
		break;
	case MOCK_HANG:
		snprintf(buf, size, "hang (end of a noreturn function)");
		break;
	}
}

static noreturn void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static noreturn void fail(const char *fmt, ...)
{
	char message[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	if (failure_hook)
		failure_hook(message);
	fprintf(stderr, "mock: %s\n", message);
	abort();
}

void mock_set_failure_hook(mock_failure_hook hook)
{
	failure_hook = hook;
}

void mock_reset(void)
{
	step_count = 0;
	step_next = 0;
	hang_target = NULL;
	for (unsigned int i = 0; i < ram_count; i++)
		free(ram[i].words);
	ram_count = 0;
	ram_write_count = 0;
	device_count = 0;
}

void mock_device_map(uintptr_t base, uint32_t size, mock_device_read_fn read,
		     mock_device_write_fn write, void *ctx)
{
	if (device_count == MOCK_MAX_DEVICES || size == 0 || !read || !write)
		fail("mock_device_map(0x%08" PRIxPTR ", 0x%" PRIx32 "): bad region or too many",
		     base, size);
	devices[device_count++] = (typeof(devices[0])){
		.base = base, .size = size, .read = read, .write = write, .ctx = ctx,
	};
}

static int device_index(uintptr_t addr)
{
	for (unsigned int i = 0; i < device_count; i++)
		if (addr - devices[i].base < devices[i].size)
			return (int)i;
	return -1;
}

void mock_ram_map(uintptr_t base, uint32_t size)
{
	if (ram_count == MOCK_MAX_RAM || size == 0 || (size & 3u) || (base & 3u))
		fail("mock_ram_map(0x%08" PRIxPTR ", 0x%" PRIx32 "): bad region or too many",
		     base, size);
	ram[ram_count].words = calloc(size / 4u, sizeof(uint32_t));
	if (!ram[ram_count].words)
		fail("mock_ram_map: out of memory");
	ram[ram_count].base = base;
	ram[ram_count].size = size;
	ram_count++;
}

static uint32_t *ram_word(uintptr_t addr)
{
	for (unsigned int i = 0; i < ram_count; i++)
		if (addr - ram[i].base < ram[i].size) {
			if (addr & 3u)
				fail("misaligned access to mapped RAM at 0x%08" PRIxPTR, addr);
			return &ram[i].words[(addr - ram[i].base) / 4u];
		}
	return NULL;
}

uint32_t mock_ram_read32(uintptr_t addr)
{
	uint32_t *word = ram_word(addr);

	if (!word)
		fail("mock_ram_read32(0x%08" PRIxPTR "): not in a mapped region", addr);
	return *word;
}

void mock_ram_write32(uintptr_t addr, uint32_t value)
{
	uint32_t *word = ram_word(addr);

	if (!word)
		fail("mock_ram_write32(0x%08" PRIxPTR "): not in a mapped region", addr);
	*word = value;
}

unsigned int mock_ram_writes(void)
{
	return ram_write_count;
}

unsigned int mock_steps_done(void)
{
	return step_next;
}

void mock_expect_step(enum mock_op op, uintptr_t address, uint32_t value, uint32_t returned,
		      const char *file, int line)
{
	if (step_count == MOCK_MAX_STEPS)
		fail("%s:%d: script longer than MOCK_MAX_STEPS (%d)", file, line, MOCK_MAX_STEPS);
	script[step_count++] = (struct mock_step){
		.op = op, .address = address, .value = value, .returned = returned,
		.file = file, .line = line,
	};
}

void mock_expect_console_at(const char *text, const char *file, int line)
{
	while (*text)
		mock_expect_step(MOCK_WRITE32, SIMCTRL_REG(CONSOLE),
				 VIONIC_FIELD_PREP(VIONIC_SIMCTRL_CONSOLE_CHAR, (unsigned char)*text++),
				 0, file, line);
}

void mock_expect_done_at(const char *file, int line)
{
	char expected[160];

	if (step_next == step_count)
		return;
	describe(expected, sizeof(expected), &script[step_next]);
	fail("%s:%d: %u of %u declared steps never happened; the first: step %u %s (declared at %s:%d)",
	     file, line, step_count - step_next, step_count, step_next + 1, expected,
	     script[step_next].file, script[step_next].line);
}

/*
 * Consumes the next step, failing unless it is `actual` (same operation,
 * address and, for writes, value). Returns the declared step.
 */
static const struct mock_step *consume(const struct mock_step *actual)
{
	const struct mock_step *step;
	char expected_text[160], actual_text[160];
	bool value_matters;

	describe(actual_text, sizeof(actual_text), actual);
	if (step_next == step_count)
		fail("unexpected %s after the last declared step (%u steps)", actual_text, step_count);
	step = &script[step_next];
	value_matters = actual->op != MOCK_READ32 && actual->op != MOCK_CSR_READ;
	if (step->op != actual->op || step->address != actual->address ||
	    (value_matters && step->value != actual->value)) {
		describe(expected_text, sizeof(expected_text), step);
		fail("step %u (declared at %s:%d):\n  expected %s\n  got      %s",
		     step_next + 1, step->file, step->line, expected_text, actual_text);
	}
	step_next++;
	return step;
}

uint32_t vionic_mock_read32(uintptr_t addr)
{
	const struct mock_step actual = { .op = MOCK_READ32, .address = addr };
	uint32_t *word = ram_word(addr);
	int dev;

	if (word)
		return *word;
	dev = device_index(addr);
	if (dev >= 0)
		return devices[dev].read(devices[dev].ctx, addr);

	return consume(&actual)->value;
}

void vionic_mock_write32(uintptr_t addr, uint32_t value)
{
	const struct mock_step actual = { .op = MOCK_WRITE32, .address = addr, .value = value };
	uint32_t *word = ram_word(addr);

	int dev;

	if (word) {
		*word = value;
		ram_write_count++;
		return;
	}
	dev = device_index(addr);
	if (dev >= 0) {
		devices[dev].write(devices[dev].ctx, addr, value);
		return;
	}

	consume(&actual);
}

uint32_t vionic_mock_csr_read(uint32_t csr)
{
	const struct mock_step actual = { .op = MOCK_CSR_READ, .address = csr };

	return consume(&actual)->value;
}

void vionic_mock_csr_write(uint32_t csr, uint32_t value)
{
	const struct mock_step actual = { .op = MOCK_CSR_WRITE, .address = csr, .value = value };

	consume(&actual);
}

void vionic_mock_csr_set(uint32_t csr, uint32_t bits)
{
	const struct mock_step actual = { .op = MOCK_CSR_SET, .address = csr, .value = bits };

	consume(&actual);
}

void vionic_mock_csr_clear(uint32_t csr, uint32_t bits)
{
	const struct mock_step actual = { .op = MOCK_CSR_CLEAR, .address = csr, .value = bits };

	consume(&actual);
}

uint32_t vionic_mock_csr_read_clear(uint32_t csr, uint32_t bits)
{
	const struct mock_step actual = { .op = MOCK_CSR_READ_CLEAR, .address = csr, .value = bits };

	return consume(&actual)->returned;
}

void vionic_mock_wfi(void)
{
	const struct mock_step actual = { .op = MOCK_WFI };

	consume(&actual);
}

noreturn void vionic_mock_hang(void)
{
	const struct mock_step actual = { .op = MOCK_HANG };
	jmp_buf *target = hang_target;

	consume(&actual);
	if (!target)
		fail("a noreturn function ended outside MOCK_RUN_NORETURN()");
	hang_target = NULL;
	longjmp(*target, 1);
}

void mock_catch_hang(jmp_buf *target)
{
	hang_target = target;
}

void mock_release_hang(void)
{
	hang_target = NULL;
}

void mock_fail_returned(const char *what, const char *file, int line)
{
	fail("%s:%d: `%s` returned, but it must end in a noreturn function", file, line, what);
}
