// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Tests of the register mock and the test framework themselves: a unit test
 * is only as good as its ability to fail, so check that every kind of wrong
 * traffic is caught with a message that says what was expected.
 */
#include <string.h>

#include "drivers/simctrl.h"
#include "hal/bits.h"
#include "hal/cpu.h"
#include "hal/mmio.h"
#include "host/mock.h"
#include "host/test.h"

static char message[1024];

static void wrong_write_value(void)
{
	mock_expect_write32(SIMCTRL_REG(HALT), 0);
	mmio_write32(SIMCTRL_REG(HALT), 1);
}

static void test_wrong_value_is_caught(void)
{
	CHECK(test_expect_failure(wrong_write_value, message, sizeof(message)));
	CHECK(strstr(message, "step 1 (declared at ") != NULL);
	CHECK(strstr(message, "expected write32 SIMCTRL.HALT (0x40000004) = 0x00000000") != NULL);
	CHECK(strstr(message, "got      write32 SIMCTRL.HALT (0x40000004) = 0x00000001") != NULL);
	mock_reset();
}

static void read_instead_of_write(void)
{
	mock_expect_write32(SIMCTRL_REG(SCRATCH), 5);
	(void)mmio_read32(SIMCTRL_REG(SCRATCH));
}

static void test_wrong_operation_is_caught(void)
{
	CHECK(test_expect_failure(read_instead_of_write, message, sizeof(message)));
	CHECK(strstr(message, "got      read32 SIMCTRL.SCRATCH") != NULL);
	mock_reset();
}

static void wrong_address(void)
{
	mock_expect_read32(SIMCTRL_REG(ID), 0);
	(void)mmio_read32(SIMCTRL_REG(IRQ));
}

static void test_wrong_address_is_caught(void)
{
	CHECK(test_expect_failure(wrong_address, message, sizeof(message)));
	CHECK(strstr(message, "got      read32 SIMCTRL.IRQ (0x40000010)") != NULL);
	mock_reset();
}

static void extra_access(void)
{
	mock_expect_write32(SIMCTRL_REG(CONSOLE), 'a');
	simctrl_putc('a');
	simctrl_putc('b');
}

static void test_extra_access_is_caught(void)
{
	CHECK(test_expect_failure(extra_access, message, sizeof(message)));
	CHECK(strstr(message, "unexpected write32 SIMCTRL.CONSOLE (0x40000000) = 0x00000062 after the last declared step (1 steps)") != NULL);
	mock_reset();
}

static void missing_access(void)
{
	mock_expect_write32(SIMCTRL_REG(CONSOLE), 'a');
	mock_expect_write32(SIMCTRL_REG(CONSOLE), 'b');
	simctrl_putc('a');
	mock_expect_done();
}

static void test_missing_access_is_caught(void)
{
	CHECK(test_expect_failure(missing_access, message, sizeof(message)));
	CHECK(strstr(message, "1 of 2 declared steps never happened; the first: step 2 write32 SIMCTRL.CONSOLE") != NULL);
	mock_reset();
}

static void wrong_csr_bits(void)
{
	mock_expect_csr_set(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MIE);
	csr_set(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MPIE);
}

static void test_wrong_csr_bits_are_caught(void)
{
	CHECK(test_expect_failure(wrong_csr_bits, message, sizeof(message)));
	CHECK(strstr(message, "expected csr_set mstatus (0x300) |= 0x00000008") != NULL);
	mock_reset();
}

static void returns_instead_of_halting(void)
{
	mock_expect_write32(SIMCTRL_REG(CONSOLE), 'x');
	MOCK_RUN_NORETURN(simctrl_putc('x'));
}

static void test_noreturn_that_returns_is_caught(void)
{
	CHECK(test_expect_failure(returns_instead_of_halting, message, sizeof(message)));
	CHECK(strstr(message, "`simctrl_putc('x')` returned") != NULL);
	mock_reset();
}

static void passing_body(void)
{
}

static void test_passing_body_is_not_a_failure(void)
{
	CHECK(!test_expect_failure(passing_body, message, sizeof(message)));
}

static void test_reads_return_scripted_values_in_order(void)
{
	mock_expect_read32(SIMCTRL_REG(SCRATCH), 1);
	mock_expect_read32(SIMCTRL_REG(SCRATCH), 2);
	mock_expect_csr_read(VIONIC_RISCV_CSR_MCAUSE, 3);
	CHECK_EQ_U64(mmio_read32(SIMCTRL_REG(SCRATCH)), 1);
	CHECK_EQ_U64(mmio_read32(SIMCTRL_REG(SCRATCH)), 2);
	CHECK_EQ_U64(csr_read(VIONIC_RISCV_CSR_MCAUSE), 3);
	CHECK_EQ_U64(mock_steps_done(), 3);
}

static void test_irq_save_and_restore(void)
{
	uint32_t saved;

	/* Interrupts were on: restore turns them back on. */
	mock_expect_csr_read_clear(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MIE,
				   VIONIC_RISCV_MSTATUS_MPP | VIONIC_RISCV_MSTATUS_MIE);
	mock_expect_csr_set(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MIE);
	saved = cpu_irq_save();
	cpu_irq_restore(saved);

	/* They were off: restore leaves them off (no traffic). */
	mock_expect_csr_read_clear(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MIE,
				   VIONIC_RISCV_MSTATUS_MPP);
	saved = cpu_irq_save();
	cpu_irq_restore(saved);
}

static void test_wfi_is_a_step(void)
{
	mock_expect_csr_set(VIONIC_RISCV_CSR_MSTATUS, VIONIC_RISCV_MSTATUS_MIE);
	mock_expect_wfi();
	cpu_irq_enable();
	cpu_wfi();
}

int main(void)
{
	static const struct test_case tests[] = {
		TEST_CASE(test_wrong_value_is_caught),
		TEST_CASE(test_wrong_operation_is_caught),
		TEST_CASE(test_wrong_address_is_caught),
		TEST_CASE(test_extra_access_is_caught),
		TEST_CASE(test_missing_access_is_caught),
		TEST_CASE(test_wrong_csr_bits_are_caught),
		TEST_CASE(test_noreturn_that_returns_is_caught),
		TEST_CASE(test_passing_body_is_not_a_failure),
		TEST_CASE(test_reads_return_scripted_values_in_order),
		TEST_CASE(test_irq_save_and_restore),
		TEST_CASE(test_wfi_is_a_step),
	};

	return test_main("mock", tests, VIONIC_ARRAY_SIZE(tests));
}
