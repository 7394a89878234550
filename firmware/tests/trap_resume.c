// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Every exception the core raises, caught by a registered handler that
 * records mcause/mepc/mtval and resumes: each must arrive once, with the
 * values docs/cpu.md (trap table) gives, and be precise: the faulting
 * instruction writes no register and no memory. Halts with 0 if all match.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>

#include "hal/bits.h"
#include "lib/console.h"
#include "lib/trap.h"
#include "vionic/memory_map_regs.h"

/* What a destination register holds before a faulting load: must survive. */
#define UNTOUCHED 0x5a5a5a5au
#define ILLEGAL_INSTRUCTION 0xc0001073u	/* unimp: csrrw x0, cycle, x0 */

static volatile uint32_t seen_count, seen_cause, seen_mepc, seen_mtval;
/* Resume after the faulting instruction, or at ra (for a fetch fault: back to the caller). */
static volatile bool resume_at_ra;
static unsigned int checks, failures;

static bool catch_exception(struct trap_frame *frame)
{
	seen_count++;
	seen_cause = frame->mcause;
	seen_mepc = frame->mepc;
	seen_mtval = frame->mtval;
	frame->mepc = resume_at_ra ? frame->ra : frame->mepc + 4;
	return true;
}

/* A global label at the instruction that is meant to trap. */
#define SITE(label) ".globl " #label "\n" #label ":\n\t"

#define DEFINE_LOAD(name, instruction)						\
	extern const char name##_site[];						\
	static uint32_t __attribute__((noinline)) name(uintptr_t address)		\
	{										\
		uint32_t value = UNTOUCHED;						\
		__asm__ volatile(SITE(name##_site) instruction " %0, 0(%1)"		\
				 : "+r"(value) : "r"(address) : "memory");		\
		return value;								\
	}

#define DEFINE_STORE(name, instruction)						\
	extern const char name##_site[];						\
	static void __attribute__((noinline)) name(uintptr_t address, uint32_t value)	\
	{										\
		__asm__ volatile(SITE(name##_site) instruction " %1, 0(%0)"		\
				 : : "r"(address), "r"(value) : "memory");		\
	}

#define DEFINE_INSTRUCTION(name, text)							\
	extern const char name##_site[];						\
	static void __attribute__((noinline)) name(void)				\
	{										\
		__asm__ volatile(SITE(name##_site) text : : : "memory");		\
	}

DEFINE_LOAD(load_word, "lw")
DEFINE_LOAD(load_half, "lh")
DEFINE_LOAD(load_half_unsigned, "lhu")
DEFINE_STORE(store_word, "sw")
DEFINE_STORE(store_half, "sh")
DEFINE_INSTRUCTION(illegal_unimp, ".word 0xc0001073")
DEFINE_INSTRUCTION(illegal_zero, ".word 0")
DEFINE_INSTRUCTION(environment_call, "ecall")
DEFINE_INSTRUCTION(breakpoint, "ebreak")

_Static_assert(ILLEGAL_INSTRUCTION == 0xc0001073u, "keep in step with illegal_unimp");

/* jalr to a target 2 bytes past an instruction: traps on the jump, link not written. */
extern const char jump_site[], jump_target[];
static uint32_t __attribute__((noinline)) jump_misaligned(void)
{
	uint32_t link = UNTOUCHED;

	__asm__ volatile("la t0, jump_target + 2\n\t"
			 SITE(jump_site) "jalr %0, 0(t0)\n"
			 SITE(jump_target) "nop"
			 : "+r"(link) : : "t0", "memory");
	return link;
}

/* jalr into DTCM: the fetch faults at the target; the handler returns to ra. */
extern const char fetch_site[];
static void __attribute__((noinline)) fetch_from(uintptr_t target)
{
	__asm__ volatile(SITE(fetch_site) "jalr ra, 0(%0)" : : "r"(target) : "ra", "memory");
}

static uint32_t data[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };
static const uint32_t data_initial[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };

static bool data_untouched(void)
{
	for (unsigned int i = 0; i < VIONIC_ARRAY_SIZE(data); i++)
		if (data[i] != data_initial[i])
			return false;
	return true;
}

static void check(const char *what, bool ok)
{
	checks++;
	if (!ok) {
		failures++;
		console_printf("  FAIL %s\n", what);
	}
}

/* The trap that must have happened, once, since the last call. */
static void expect_trap(const char *what, uint32_t cause, uintptr_t mepc, uint32_t mtval)
{
	bool ok = seen_count == 1 && seen_cause == cause && seen_mepc == mepc && seen_mtval == mtval;

	console_printf("  %-32s mcause=%-2" PRIu32 " mepc=0x%08" PRIx32 " mtval=0x%08" PRIx32 "  %s\n",
		       what, seen_cause, seen_mepc, seen_mtval, ok ? "ok" : "FAIL");
	if (!ok)
		console_printf("  %-32s expected %" PRIu32 " trap(s) %s: mcause=%-2" PRIu32
			       " mepc=0x%08" PRIx32 " mtval=0x%08" PRIx32 "\n", "", (uint32_t)1,
			       trap_cause_name(cause), cause, (uint32_t)mepc, mtval);
	checks++;
	failures += !ok;
	seen_count = 0;
	seen_cause = seen_mepc = seen_mtval = 0;
}

int main(void)
{
	uintptr_t base = (uintptr_t)data;
	uintptr_t unmapped = VIONIC_MAP_TIMER_BASE + VIONIC_MAP_TIMER_WINDOW;
	uintptr_t periph_hole = VIONIC_MAP_SIMCTRL_BASE + VIONIC_MAP_SIMCTRL_SIZE;
	uintptr_t timer_beyond = VIONIC_MAP_TIMER_BASE + VIONIC_MAP_TIMER_SIZE;
	uintptr_t itcm_word = (uintptr_t)&main;

	console_puts("trap_resume: each exception caught, checked and resumed\n");
	for (uint32_t cause = 0; cause < 16; cause++)
		trap_exception_register(cause, catch_exception);

	check("lw misaligned keeps rd", load_word(base + 1) == UNTOUCHED);
	expect_trap("lw misaligned (+1)", VIONIC_RISCV_CAUSE_LOAD_MISALIGNED,
		    (uintptr_t)load_word_site, base + 1);
	check("lw misaligned keeps rd", load_word(base + 2) == UNTOUCHED);
	expect_trap("lw misaligned (+2)", VIONIC_RISCV_CAUSE_LOAD_MISALIGNED,
		    (uintptr_t)load_word_site, base + 2);
	check("lh misaligned keeps rd", load_half(base + 5) == UNTOUCHED);
	expect_trap("lh misaligned (+1)", VIONIC_RISCV_CAUSE_LOAD_MISALIGNED,
		    (uintptr_t)load_half_site, base + 5);
	check("lhu misaligned keeps rd", load_half_unsigned(base + 3) == UNTOUCHED);
	expect_trap("lhu misaligned (+3)", VIONIC_RISCV_CAUSE_LOAD_MISALIGNED,
		    (uintptr_t)load_half_unsigned_site, base + 3);
	check("aligned lh does not trap", load_half(base + 6) == 0x2222 && seen_count == 0);

	store_word(base + 2, 0xdeadbeef);
	expect_trap("sw misaligned (+2)", VIONIC_RISCV_CAUSE_STORE_MISALIGNED,
		    (uintptr_t)store_word_site, base + 2);
	store_half(base + 9, 0xbeef);
	expect_trap("sh misaligned (+1)", VIONIC_RISCV_CAUSE_STORE_MISALIGNED,
		    (uintptr_t)store_half_site, base + 9);
	check("misaligned stores leave memory untouched", data_untouched());

	check("faulting lw keeps rd", load_word(unmapped) == UNTOUCHED);
	expect_trap("lw unmapped", VIONIC_RISCV_CAUSE_LOAD_ACCESS_FAULT,
		    (uintptr_t)load_word_site, unmapped);
	check("faulting lw keeps rd", load_word(periph_hole) == UNTOUCHED);
	expect_trap("lw PERIPH, nothing decoded", VIONIC_RISCV_CAUSE_LOAD_ACCESS_FAULT,
		    (uintptr_t)load_word_site, periph_hole);
	check("faulting lw keeps rd", load_word(timer_beyond) == UNTOUCHED);
	expect_trap("lw TIMER window, past its size", VIONIC_RISCV_CAUSE_LOAD_ACCESS_FAULT,
		    (uintptr_t)load_word_site, timer_beyond);
	check("faulting lw keeps rd", load_word(itcm_word) == UNTOUCHED);
	expect_trap("lw ITCM (fetch only)", VIONIC_RISCV_CAUSE_LOAD_ACCESS_FAULT,
		    (uintptr_t)load_word_site, itcm_word);
	store_word(unmapped, 1);
	expect_trap("sw unmapped", VIONIC_RISCV_CAUSE_STORE_ACCESS_FAULT,
		    (uintptr_t)store_word_site, unmapped);
	store_word(itcm_word, 0);
	expect_trap("sw ITCM", VIONIC_RISCV_CAUSE_STORE_ACCESS_FAULT,
		    (uintptr_t)store_word_site, itcm_word);

	illegal_unimp();
	expect_trap("illegal: unimp", VIONIC_RISCV_CAUSE_ILLEGAL_INSN,
		    (uintptr_t)illegal_unimp_site, ILLEGAL_INSTRUCTION);
	illegal_zero();
	expect_trap("illegal: all-zero word", VIONIC_RISCV_CAUSE_ILLEGAL_INSN,
		    (uintptr_t)illegal_zero_site, 0);
	environment_call();
	expect_trap("ecall", VIONIC_RISCV_CAUSE_ECALL_M, (uintptr_t)environment_call_site, 0);
	breakpoint();
	expect_trap("ebreak", VIONIC_RISCV_CAUSE_BREAKPOINT, (uintptr_t)breakpoint_site, 0);

	check("misaligned jalr does not link", jump_misaligned() == UNTOUCHED);
	expect_trap("jalr to a misaligned target", VIONIC_RISCV_CAUSE_INSN_MISALIGNED,
		    (uintptr_t)jump_site, (uintptr_t)jump_target + 2);

	resume_at_ra = true;
	fetch_from(base);
	resume_at_ra = false;
	expect_trap("fetch from DTCM", VIONIC_RISCV_CAUSE_INSN_ACCESS_FAULT, base, base);

	if (failures) {
		console_printf("trap_resume: FAIL (%u of %u checks)\n", failures, checks);
		return 1;
	}
	console_printf("trap_resume: PASS (%u checks)\n", checks);
	return 0;
}
