/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Reset entry of the vionic control processor (reset vector: start of ITCM,
 * where the linker script puts .text.start).
 *
 * The TCMs are loaded with the image before reset (elaboration or bitstream),
 * so .data needs no copy; only .bss is cleared. Then main() runs and its
 * return value is the halt code (0 = pass).
 */
#include "vionic/riscv_regs.h"

	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	/* gp must be set before the linker may relax accesses against it. */
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop

	la	sp, __stack_top

	/* Direct mode: mtvec[1:0] = 0, which the 4-byte alignment of trap_entry gives. */
	la	t0, trap_entry
	csrw	VIONIC_RISCV_CSR_MTVEC, t0

	/* The linker script aligns both ends of .bss to 4 bytes. */
	la	t0, __bss_start
	la	t1, __bss_end
	j	2f
1:
	sw	zero, 0(t0)
	addi	t0, t0, 4
2:
	bltu	t0, t1, 1b

	call	main

	/* a0 = main's return value = halt code; simctrl_halt never returns. */
	tail	simctrl_halt
	.size _start, . - _start
