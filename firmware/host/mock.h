/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Register-traffic mock for host unit tests (built with -DVIONIC_HOST_MOCK).
 *
 * A test declares, in order, every register access the code under test must
 * make: reads with the value to return, writes with the value expected, CSR
 * operations, wfi and the final "hang" of a noreturn function. The HAL calls
 * land in mock.c, which checks each against the next declared step and fails
 * the test on the first mismatch, naming both the step (and the line that
 * declared it) and what happened instead. mock_expect_done() then checks that
 * no declared step is left over. The test framework (test.h) calls
 * mock_reset() before and mock_expect_done() after every test.
 */
#ifndef VIONIC_HOST_MOCK_H
#define VIONIC_HOST_MOCK_H

#include <setjmp.h>
#include <stdint.h>

#include "hal/mock_hooks.h"

enum mock_op {
	MOCK_READ32,
	MOCK_WRITE32,
	MOCK_CSR_READ,
	MOCK_CSR_WRITE,
	MOCK_CSR_SET,
	MOCK_CSR_CLEAR,
	MOCK_CSR_READ_CLEAR,
	MOCK_WFI,
	MOCK_HANG,
};

/*
 * RAM regions: 32-bit reads and writes inside a mapped region are served by a
 * zero-filled memory instead of the script (for stores whose content a test
 * checks afterwards rather than access by access). mock_reset() unmaps them.
 * At most MOCK_MAX_RAM regions; size a multiple of 4.
 */
#define MOCK_MAX_RAM 8
void mock_ram_map(uintptr_t base, uint32_t size);
uint32_t mock_ram_read32(uintptr_t addr);
void mock_ram_write32(uintptr_t addr, uint32_t value);
/* Writes into mapped RAM since the last mock_reset(). */
unsigned int mock_ram_writes(void);

/*
 * Device models: accesses inside a mapped region call read/write instead of
 * the script (after RAM regions). For blocks whose behaviour a test needs
 * (a DMA engine that copies, a command that completes), e.g. host/dp_model.c.
 * mock_reset() unmaps them. At most MOCK_MAX_DEVICES.
 */
#define MOCK_MAX_DEVICES 4
typedef uint32_t (*mock_device_read_fn)(void *ctx, uintptr_t addr);
typedef void (*mock_device_write_fn)(void *ctx, uintptr_t addr, uint32_t value);
void mock_device_map(uintptr_t base, uint32_t size, mock_device_read_fn read,
		     mock_device_write_fn write, void *ctx);

/* Longest script a test may declare. */
#define MOCK_MAX_STEPS 4096

void mock_reset(void);

/*
 * address: MMIO address or CSR number. value: what a read returns, or what a
 * write / set / clear must carry. returned: what csr_read_clear returns.
 */
void mock_expect_step(enum mock_op op, uintptr_t address, uint32_t value, uint32_t returned,
		      const char *file, int line);

#define mock_expect_read32(addr, value) \
	mock_expect_step(MOCK_READ32, (addr), (value), 0, __FILE__, __LINE__)
#define mock_expect_write32(addr, value) \
	mock_expect_step(MOCK_WRITE32, (addr), (value), 0, __FILE__, __LINE__)
#define mock_expect_csr_read(csr, value) \
	mock_expect_step(MOCK_CSR_READ, (csr), (value), 0, __FILE__, __LINE__)
#define mock_expect_csr_write(csr, value) \
	mock_expect_step(MOCK_CSR_WRITE, (csr), (value), 0, __FILE__, __LINE__)
#define mock_expect_csr_set(csr, bits) \
	mock_expect_step(MOCK_CSR_SET, (csr), (bits), 0, __FILE__, __LINE__)
#define mock_expect_csr_clear(csr, bits) \
	mock_expect_step(MOCK_CSR_CLEAR, (csr), (bits), 0, __FILE__, __LINE__)
#define mock_expect_csr_read_clear(csr, bits, old) \
	mock_expect_step(MOCK_CSR_READ_CLEAR, (csr), (bits), (old), __FILE__, __LINE__)
#define mock_expect_wfi() \
	mock_expect_step(MOCK_WFI, 0, 0, 0, __FILE__, __LINE__)
#define mock_expect_hang() \
	mock_expect_step(MOCK_HANG, 0, 0, 0, __FILE__, __LINE__)

/* One SIMCTRL.CONSOLE write per character of text. */
void mock_expect_console_at(const char *text, const char *file, int line);
#define mock_expect_console(text) mock_expect_console_at((text), __FILE__, __LINE__)

/* Fails the test if a declared step has not happened. */
void mock_expect_done_at(const char *file, int line);
#define mock_expect_done() mock_expect_done_at(__FILE__, __LINE__)

/* Steps consumed so far (for tests of the mock itself). */
unsigned int mock_steps_done(void);

/*
 * Runs `statement`, which must end in a noreturn function (simctrl_halt, a
 * trap report): the declared MOCK_HANG step brings control back here. A
 * statement that returns instead fails the test.
 */
void mock_catch_hang(jmp_buf *target);
void mock_release_hang(void);
void mock_fail_returned(const char *what, const char *file, int line);

#define MOCK_RUN_NORETURN(statement) do {				\
	jmp_buf mock_hang_target_;					\
	if (setjmp(mock_hang_target_) == 0) {				\
		mock_catch_hang(&mock_hang_target_);			\
		statement;						\
		mock_release_hang();					\
		mock_fail_returned(#statement, __FILE__, __LINE__);	\
	}								\
	mock_release_hang();						\
} while (0)

/* Called with the message on a mismatch; must not return. test.c sets it. */
typedef void (*mock_failure_hook)(const char *message);
void mock_set_failure_hook(mock_failure_hook hook);

#endif /* VIONIC_HOST_MOCK_H */
