// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* Unit tests of lib/trap.c: cause decoding, dispatch, and the report of unexpected traps. */
#include <string.h>

#include "drivers/simctrl.h"
#include "hal/bits.h"
#include "hal/status.h"
#include "host/mock.h"
#include "host/test.h"
#include "lib/trap.h"

#define IRQ(code) (VIONIC_RISCV_CAUSE_INTERRUPT | (code))

static struct trap_frame frame_for(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
	return (struct trap_frame){
		.mcause = mcause, .mepc = mepc, .mtval = mtval,
		.ra = 0x00000100, .sp = 0x1000ffb0,
	};
}

static void test_exception_names(void)
{
	CHECK_EQ_STR(trap_cause_name(VIONIC_RISCV_CAUSE_INSN_MISALIGNED), "instruction address misaligned");
	CHECK_EQ_STR(trap_cause_name(VIONIC_RISCV_CAUSE_INSN_ACCESS_FAULT), "instruction access fault");
	CHECK_EQ_STR(trap_cause_name(VIONIC_RISCV_CAUSE_ILLEGAL_INSN), "illegal instruction");
	CHECK_EQ_STR(trap_cause_name(VIONIC_RISCV_CAUSE_BREAKPOINT), "breakpoint");
	CHECK_EQ_STR(trap_cause_name(VIONIC_RISCV_CAUSE_LOAD_MISALIGNED), "load address misaligned");
	CHECK_EQ_STR(trap_cause_name(VIONIC_RISCV_CAUSE_LOAD_ACCESS_FAULT), "load access fault");
	CHECK_EQ_STR(trap_cause_name(VIONIC_RISCV_CAUSE_STORE_MISALIGNED), "store address misaligned");
	CHECK_EQ_STR(trap_cause_name(VIONIC_RISCV_CAUSE_STORE_ACCESS_FAULT), "store access fault");
	CHECK_EQ_STR(trap_cause_name(VIONIC_RISCV_CAUSE_ECALL_M), "environment call from M-mode");
}

static void test_interrupt_names(void)
{
	CHECK_EQ_STR(trap_cause_name(IRQ(VIONIC_RISCV_CAUSE_IRQ_SOFTWARE)), "machine software interrupt");
	CHECK_EQ_STR(trap_cause_name(IRQ(VIONIC_RISCV_CAUSE_IRQ_TIMER)), "machine timer interrupt");
	CHECK_EQ_STR(trap_cause_name(IRQ(VIONIC_RISCV_CAUSE_IRQ_EXTERNAL)), "machine external interrupt");
}

static void test_unknown_causes(void)
{
	/* The interrupt bit decides: code 2 is an exception name, never an interrupt one. */
	CHECK_EQ_STR(trap_cause_name(IRQ(VIONIC_RISCV_CAUSE_ILLEGAL_INSN)), "unknown interrupt");
	CHECK_EQ_STR(trap_cause_name(10), "unknown exception");
	CHECK_EQ_STR(trap_cause_name(16), "unknown exception");
	CHECK_EQ_STR(trap_cause_name(0x7fffffff), "unknown exception");
}

static void test_halt_codes(void)
{
	CHECK_EQ_U64(trap_halt_code(VIONIC_RISCV_CAUSE_ILLEGAL_INSN), 0x102);
	CHECK_EQ_U64(trap_halt_code(VIONIC_RISCV_CAUSE_LOAD_ACCESS_FAULT), 0x105);
	CHECK_EQ_U64(trap_halt_code(IRQ(VIONIC_RISCV_CAUSE_IRQ_TIMER)), 0x80000107);
}

static void test_unexpected_exception_is_reported_and_halts(void)
{
	struct trap_frame frame = frame_for(VIONIC_RISCV_CAUSE_ILLEGAL_INSN, 0x000001a4, 0xc0001073);

	trap_init();
	mock_expect_console("\n*** TRAP: illegal instruction\n"
			    "***   mcause=0x00000002 mepc=0x000001a4 mtval=0xc0001073\n"
			    "***   ra=0x00000100 sp=0x1000ffb0\n"
			    "*** halting with failure code 0x102\n");
	mock_expect_write32(SIMCTRL_REG(HALT), 0x102);
	mock_expect_hang();
	MOCK_RUN_NORETURN(trap_handle(&frame));
}

static void test_access_fault_report_names_the_address(void)
{
	struct trap_frame frame = frame_for(VIONIC_RISCV_CAUSE_STORE_ACCESS_FAULT, 0x200, 0x30000000);

	trap_init();
	mock_expect_console("\n*** TRAP: store access fault\n"
			    "***   mcause=0x00000007 mepc=0x00000200 mtval=0x30000000\n"
			    "***   ra=0x00000100 sp=0x1000ffb0\n"
			    "*** halting with failure code 0x107\n");
	mock_expect_write32(SIMCTRL_REG(HALT), 0x107);
	mock_expect_hang();
	MOCK_RUN_NORETURN(trap_handle(&frame));
}

static unsigned int timer_calls;
static uint32_t timer_seen_cause;

static void on_timer(const struct trap_frame *frame)
{
	timer_calls++;
	timer_seen_cause = frame->mcause;
}

static void test_registered_interrupt_is_dispatched(void)
{
	struct trap_frame frame = frame_for(IRQ(VIONIC_RISCV_CAUSE_IRQ_TIMER), 0x300, 0);

	trap_init();
	timer_calls = 0;
	CHECK_EQ_INT(trap_irq_register(VIONIC_RISCV_CAUSE_IRQ_TIMER, on_timer), VIONIC_OK);
	trap_handle(&frame);
	CHECK_EQ_INT(timer_calls, 1);
	CHECK_EQ_U64(timer_seen_cause, IRQ(VIONIC_RISCV_CAUSE_IRQ_TIMER));
	/* Back to the interrupted instruction. */
	CHECK_EQ_U64(frame.mepc, 0x300);
}

static void test_unregistered_interrupt_is_reported(void)
{
	struct trap_frame frame = frame_for(IRQ(VIONIC_RISCV_CAUSE_IRQ_EXTERNAL), 0x300, 0);

	trap_init();
	/* A handler for another line does not catch it. */
	CHECK_EQ_INT(trap_irq_register(VIONIC_RISCV_CAUSE_IRQ_TIMER, on_timer), VIONIC_OK);
	mock_expect_console("\n*** TRAP: machine external interrupt\n"
			    "***   mcause=0x8000000b mepc=0x00000300 mtval=0x00000000\n"
			    "***   ra=0x00000100 sp=0x1000ffb0\n"
			    "*** halting with failure code 0x8000010b\n");
	mock_expect_write32(SIMCTRL_REG(HALT), 0x8000010b);
	mock_expect_hang();
	MOCK_RUN_NORETURN(trap_handle(&frame));
}

static void test_unregistering_restores_the_report(void)
{
	struct trap_frame frame = frame_for(IRQ(VIONIC_RISCV_CAUSE_IRQ_TIMER), 0x300, 0);

	trap_init();
	CHECK_EQ_INT(trap_irq_register(VIONIC_RISCV_CAUSE_IRQ_TIMER, on_timer), VIONIC_OK);
	CHECK_EQ_INT(trap_irq_register(VIONIC_RISCV_CAUSE_IRQ_TIMER, NULL), VIONIC_OK);
	mock_expect_console("\n*** TRAP: machine timer interrupt\n"
			    "***   mcause=0x80000007 mepc=0x00000300 mtval=0x00000000\n"
			    "***   ra=0x00000100 sp=0x1000ffb0\n"
			    "*** halting with failure code 0x80000107\n");
	mock_expect_write32(SIMCTRL_REG(HALT), 0x80000107);
	mock_expect_hang();
	MOCK_RUN_NORETURN(trap_handle(&frame));
}

static bool skip_ecall(struct trap_frame *frame)
{
	frame->a0 = 42;
	frame->mepc += 4;
	return true;
}

static bool decline(struct trap_frame *frame)
{
	(void)frame;
	return false;
}

static void test_exception_handler_can_resume(void)
{
	struct trap_frame frame = frame_for(VIONIC_RISCV_CAUSE_ECALL_M, 0x400, 0);

	trap_init();
	CHECK_EQ_INT(trap_exception_register(VIONIC_RISCV_CAUSE_ECALL_M, skip_ecall), VIONIC_OK);
	trap_handle(&frame);
	CHECK_EQ_U64(frame.mepc, 0x404);
	CHECK_EQ_U64(frame.a0, 42);
}

static void test_declined_exception_is_reported(void)
{
	struct trap_frame frame = frame_for(VIONIC_RISCV_CAUSE_BREAKPOINT, 0x500, 0);

	trap_init();
	CHECK_EQ_INT(trap_exception_register(VIONIC_RISCV_CAUSE_BREAKPOINT, decline), VIONIC_OK);
	mock_expect_console("\n*** TRAP: breakpoint\n"
			    "***   mcause=0x00000003 mepc=0x00000500 mtval=0x00000000\n"
			    "***   ra=0x00000100 sp=0x1000ffb0\n"
			    "*** halting with failure code 0x103\n");
	mock_expect_write32(SIMCTRL_REG(HALT), 0x103);
	mock_expect_hang();
	MOCK_RUN_NORETURN(trap_handle(&frame));
}

static void test_registration_checks_arguments(void)
{
	trap_init();
	CHECK_EQ_INT(trap_irq_register(VIONIC_RISCV_CAUSE_ILLEGAL_INSN, on_timer), VIONIC_EINVAL);
	CHECK_EQ_INT(trap_irq_register(IRQ(VIONIC_RISCV_CAUSE_IRQ_TIMER), on_timer), VIONIC_EINVAL);
	CHECK_EQ_INT(trap_irq_enable(5), VIONIC_EINVAL);
	CHECK_EQ_INT(trap_irq_disable(5), VIONIC_EINVAL);
	CHECK_EQ_INT(trap_exception_register(16, decline), VIONIC_EINVAL);
}

static void test_irq_enable_sets_the_mie_bit(void)
{
	mock_expect_csr_set(VIONIC_RISCV_CSR_MIE, VIONIC_RISCV_MIP_MTIP);
	mock_expect_csr_set(VIONIC_RISCV_CSR_MIE, VIONIC_RISCV_MIP_MEIP);
	mock_expect_csr_set(VIONIC_RISCV_CSR_MIE, VIONIC_RISCV_MIP_MSIP);
	mock_expect_csr_clear(VIONIC_RISCV_CSR_MIE, VIONIC_RISCV_MIP_MTIP);
	CHECK_EQ_INT(trap_irq_enable(VIONIC_RISCV_CAUSE_IRQ_TIMER), VIONIC_OK);
	CHECK_EQ_INT(trap_irq_enable(VIONIC_RISCV_CAUSE_IRQ_EXTERNAL), VIONIC_OK);
	CHECK_EQ_INT(trap_irq_enable(VIONIC_RISCV_CAUSE_IRQ_SOFTWARE), VIONIC_OK);
	CHECK_EQ_INT(trap_irq_disable(VIONIC_RISCV_CAUSE_IRQ_TIMER), VIONIC_OK);
}

int main(void)
{
	static const struct test_case tests[] = {
		TEST_CASE(test_exception_names),
		TEST_CASE(test_interrupt_names),
		TEST_CASE(test_unknown_causes),
		TEST_CASE(test_halt_codes),
		TEST_CASE(test_unexpected_exception_is_reported_and_halts),
		TEST_CASE(test_access_fault_report_names_the_address),
		TEST_CASE(test_registered_interrupt_is_dispatched),
		TEST_CASE(test_unregistered_interrupt_is_reported),
		TEST_CASE(test_unregistering_restores_the_report),
		TEST_CASE(test_exception_handler_can_resume),
		TEST_CASE(test_declined_exception_is_reported),
		TEST_CASE(test_registration_checks_arguments),
		TEST_CASE(test_irq_enable_sets_the_mie_bit),
	};

	return test_main("trap", tests, VIONIC_ARRAY_SIZE(tests));
}
